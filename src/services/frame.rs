//! Talking to the page around an embed: the embed reports its height to its parent
//! window, and an embedded challenge reports answers and solves; the "Embed" action's
//! preview and a lesson's framed challenge (`components/challenge_frame.rs`) read such
//! reports from their own iframe.
//!
//! The messages are `{ type: "fromlab:height", height: <CSS pixels>, id }`,
//! `{ type: "fromlab:answered", right: <bool>, message: <sentence>, lesson, question,
//! id }` and `{ type: "fromlab:solved", lesson, question, id }`, `id` being the embed's
//! `id` parameter or null. They carry nothing private, so they are posted to any parent
//! (`"*"`); the receiving side decides whom to believe, by the sender's window and origin
//! (the host script `static/embed-host.js` does the same).

use gloo::events::EventListener;
use js_sys::{Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlIFrameElement, MessageEvent, ResizeObserver, Window};

use crate::embed::{ANSWERED_MESSAGE, HEIGHT_MESSAGE, SOLVED_MESSAGE};

/// The parent window, when the page is inside a frame.
fn parent() -> Option<Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    (!Object::is(&parent, &window)).then_some(parent)
}

/// Posts `{ type: kind, ...fields, id }` to the parent window, if there is one.
fn post(kind: &str, fields: &[(&str, JsValue)], id: Option<&str>) {
    let Some(parent) = parent() else {
        return;
    };
    let message = Object::new();
    let id = id.map_or(JsValue::NULL, JsValue::from_str);
    let set = |name: &str, value: &JsValue| {
        let _ = Reflect::set(&message, &JsValue::from_str(name), value);
    };
    set("type", &JsValue::from_str(kind));
    for (name, value) in fields {
        set(name, value);
    }
    set("id", &id);
    let _ = parent.post_message(&message, "*");
}

fn post_height(height: f64, id: Option<&str>) {
    post(
        HEIGHT_MESSAGE,
        &[("height", JsValue::from_f64(height.ceil()))],
        id,
    );
}

/// Tells the parent window that the learner submitted a challenge.
pub fn post_answered(lesson: &str, question: &str, right: bool, message: &str, id: Option<&str>) {
    post(
        ANSWERED_MESSAGE,
        &[
            ("right", JsValue::from_bool(right)),
            ("message", JsValue::from_str(message)),
            ("lesson", JsValue::from_str(lesson)),
            ("question", JsValue::from_str(question)),
        ],
        id,
    );
}

/// Tells the parent window that every goal of a challenge is met.
pub fn post_solved(lesson: &str, question: &str, id: Option<&str>) {
    post(
        SOLVED_MESSAGE,
        &[
            ("lesson", JsValue::from_str(lesson)),
            ("question", JsValue::from_str(question)),
        ],
        id,
    );
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

/// A message from an embed, as read by [`listen`].
pub struct Message {
    data: JsValue,
}

impl Message {
    /// The message's `type`.
    pub fn kind(&self) -> Option<String> {
        self.field("type").and_then(|value| value.as_string())
    }

    pub fn text(&self, name: &str) -> Option<String> {
        self.field(name).and_then(|value| value.as_string())
    }

    pub fn flag(&self, name: &str) -> Option<bool> {
        self.field(name).and_then(|value| value.as_bool())
    }

    pub fn number(&self, name: &str) -> Option<f64> {
        self.field(name).and_then(|value| value.as_f64())
    }

    fn field(&self, name: &str) -> Option<JsValue> {
        Reflect::get(&self.data, &JsValue::from_str(name)).ok()
    }
}

/// Calls `handle` with each message that comes from `frame`'s own window and from this
/// app's origin, while the listener lives.
pub fn listen(
    frame: HtmlIFrameElement,
    handle: impl Fn(Message) + 'static,
) -> Option<EventListener> {
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
        if from_frame && event.origin() == own_origin {
            handle(Message { data: event.data() });
        }
    }))
}

/// Applies a height message to `frame`. The height goes through the CSSOM, which the
/// page's `style-src 'self'` allows, unlike a `style` attribute.
pub fn apply_height(frame: &HtmlIFrameElement, message: &Message) {
    if message.kind().as_deref() != Some(HEIGHT_MESSAGE) {
        return;
    }
    let Some(height) = message.number("height") else {
        return;
    };
    if height.is_finite() && height > 0.0 && height < 100_000.0 {
        let _ = frame
            .style()
            .set_property("height", &format!("{}px", height.ceil()));
    }
}

/// Applies height messages from `frame`'s own window, and only from this app's origin,
/// to `frame` (the "Embed" action's preview).
pub fn follow_height(frame: HtmlIFrameElement) -> Option<EventListener> {
    let target = frame.clone();
    listen(frame, move |message| apply_height(&target, &message))
}
