//! Talking to the page around an embed: the embed reports its height to its parent
//! window, and the "Embed" action's preview applies such reports to its own iframe.
//!
//! The message is `{ type: "fromlab:height", height: <CSS pixels>, id: <string or
//! null> }`. It carries nothing private, so it is posted to any parent (`"*"`); the
//! receiving side decides whom to believe, by the sender's window and origin (the
//! host script `static/embed-host.js` does the same).

use gloo::events::EventListener;
use js_sys::{Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlIFrameElement, MessageEvent, ResizeObserver, Window};

use crate::embed::HEIGHT_MESSAGE;

/// The parent window, when the page is inside a frame.
fn parent() -> Option<Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    (!Object::is(&parent, &window)).then_some(parent)
}

/// Posts the height message to the parent window, if there is one.
fn post_height(height: f64, id: Option<&str>) {
    let Some(parent) = parent() else {
        return;
    };
    let message = Object::new();
    let id = id.map_or(JsValue::NULL, JsValue::from_str);
    let fields = [
        ("type", JsValue::from_str(HEIGHT_MESSAGE)),
        ("height", JsValue::from_f64(height.ceil())),
        ("id", id),
    ];
    for (name, value) in fields {
        let _ = Reflect::set(&message, &JsValue::from_str(name), &value);
    }
    let _ = parent.post_message(&message, "*");
}

/// Keeps reporting an element's height to the parent window while it lives.
pub struct HeightReporter {
    observer: ResizeObserver,
    _callback: Closure<dyn FnMut()>,
}

impl Drop for HeightReporter {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Reports `element`'s height now and whenever its size changes; `None` when the page
/// is not in a frame or the browser has no `ResizeObserver`.
pub fn report_height(element: Element, id: Option<String>) -> Option<HeightReporter> {
    parent()?;
    let measured = element.clone();
    let callback = Closure::<dyn FnMut()>::new(move || {
        post_height(measured.get_bounding_client_rect().height(), id.as_deref());
    });
    let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    // The observer calls back once at the start, so the first height goes out at once.
    observer.observe(&element);
    Some(HeightReporter {
        observer,
        _callback: callback,
    })
}

/// Applies height messages from `frame`'s own window, and only from this app's origin,
/// to `frame` (the "Embed" action's preview). The height goes through the CSSOM, which
/// the page's `style-src 'self'` allows, unlike a `style` attribute.
pub fn follow_height(frame: HtmlIFrameElement) -> Option<EventListener> {
    let window = web_sys::window()?;
    let own_origin = window.location().origin().ok()?;
    Some(EventListener::new(&window, "message", move |event| {
        let Some(event) = event.dyn_ref::<MessageEvent>() else {
            return;
        };
        let from_frame = match (event.source(), frame.content_window()) {
            (Some(source), Some(content)) => Object::is(&source, &content),
            _ => false,
        };
        if !from_frame || event.origin() != own_origin {
            return;
        }
        let data = event.data();
        let field = |name: &str| Reflect::get(&data, &JsValue::from_str(name)).ok();
        if field("type").and_then(|t| t.as_string()).as_deref() != Some(HEIGHT_MESSAGE) {
            return;
        }
        let Some(height) = field("height").and_then(|h| h.as_f64()) else {
            return;
        };
        if height.is_finite() && height > 0.0 && height < 100_000.0 {
            let _ = frame
                .style()
                .set_property("height", &format!("{}px", height.ceil()));
        }
    }))
}
