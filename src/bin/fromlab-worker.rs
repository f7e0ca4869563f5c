//! The analysis worker: a second wasm module, run as a dedicated web worker, that holds
//! the heavy half of the engine (rules and their docs, the catalogue, the package
//! tables, shell analysis, the estimate, challenge grading). The page starts it only
//! when something needs an analysis (`src/services/worker.rs`), so the home page and
//! the lessons never download it.
//!
//! Trunk builds it from `index.html`'s `data-type="worker"` link; `static/
//! fromlab-worker-loader.js` imports the glue and starts the module. All the work is `fromlab_engine::transport::handle`, tested natively; this
//! file only wires it to the worker's messages.

use fromlab_engine::transport;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        // The page sends only text; anything else is not a request.
        if let Some(json) = event.data().as_string() {
            let _ = reply_to.post_message(&JsValue::from_str(&transport::handle(&json)));
        }
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    onmessage.forget();
    let _ = scope.post_message(&JsValue::from_str(&transport::ready()));
}
