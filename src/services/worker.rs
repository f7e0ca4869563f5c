//! The analysis worker as the page sees it: one dedicated worker (a second wasm module,
//! `src/bin/fromlab-worker.rs`), started the first time something asks a question, so the
//! home page and the lessons never fetch it.
//!
//! The worker is loaded from `./fromlab-worker-loader.js` (from `static/`), a classic
//! script beside `index.html` that loads the glue and module Trunk builds. The URL is relative, so it resolves against the page's base URL
//! and `dist/` works from any sub-path; it is a real file of the same origin, which the
//! CSP's `script-src 'self'` allows (a `blob:` URL, as gloo-worker's spawner makes, would
//! not be).
//!
//! Messages are JSON text (see `fromlab_engine::transport`). Requests asked before the
//! worker says it is ready wait here, since a worker drops messages that arrive before its
//! module has installed its handler. A worker that fails to load (an error event, a
//! refusal with id 0 from the loader, or no "ready" within [`START_TIMEOUT_MS`]) fails every waiting request with a reason, which
//! the pages show in a notice; the editor keeps working without it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use fromlab_engine::transport::{Answer, Ask, Request, Response};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

/// The worker's loader script, relative to the page.
const LOADER: &str = "./fromlab-worker-loader.js";

/// How long the worker may take to start before the page says it failed. Generous, as a
/// slow connection must fetch the module first; an answer that comes later still counts.
pub const START_TIMEOUT_MS: u32 = 30_000;

/// Where the worker stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Nothing has asked for it yet.
    Idle,
    /// Fetching and compiling the module.
    Starting,
    Ready,
    /// It could not start or stopped working; the reason, in words.
    Failed(Rc<str>),
}

/// An answer, or why there is none.
pub type Reply = Result<Answer, Rc<str>>;

struct Client {
    worker: Option<Worker>,
    status: Status,
    /// Requests written before the worker was ready, in order.
    queued: Vec<String>,
    waiting: HashMap<u32, Box<dyn FnOnce(Reply)>>,
    next_id: u32,
    timeout: Option<Timeout>,
    _onmessage: Option<Closure<dyn FnMut(MessageEvent)>>,
    _onerror: Option<Closure<dyn FnMut(Event)>>,
}

thread_local! {
    static CLIENT: RefCell<Client> = RefCell::new(Client {
        worker: None,
        status: Status::Idle,
        queued: Vec::new(),
        waiting: HashMap::new(),
        next_id: 1,
        timeout: None,
        _onmessage: None,
        _onerror: None,
    });
}

/// The worker's status now (without starting it).
fn status() -> Status {
    CLIENT.with(|client| client.borrow().status.clone())
}

/// Asks the worker a question, starting it if needed; `reply` runs once with the answer
/// or the reason there is none. Returns the request's id.
pub fn ask(ask: Ask, reply: impl FnOnce(Reply) + 'static) -> u32 {
    if status() == Status::Idle {
        start();
    }
    let mut reply: Option<Box<dyn FnOnce(Reply)>> = Some(Box::new(reply));
    let (id, failed, unsent) = CLIENT.with(|client| {
        let mut client = client.borrow_mut();
        let id = client.next_id;
        client.next_id = client.next_id.wrapping_add(1).max(1);
        if let Status::Failed(reason) = &client.status {
            return (id, Some(reason.clone()), false);
        }
        let json = serde_json::to_string(&Request { id, ask }).unwrap_or_default();
        if let Some(reply) = reply.take() {
            client.waiting.insert(id, reply);
        }
        let unsent = match (&client.status, &client.worker) {
            (Status::Ready, Some(worker)) => {
                worker.post_message(&JsValue::from_str(&json)).is_err()
            }
            _ => {
                client.queued.push(json);
                false
            }
        };
        (id, None, unsent)
    });
    if unsent {
        fail("the page could not send it a message".into());
    }
    if let (Some(reason), Some(reply)) = (failed, reply) {
        reply(Err(reason));
    }
    id
}

fn start() {
    set_status(Status::Starting);
    let worker = match Worker::new(LOADER) {
        Ok(worker) => worker,
        Err(_) => {
            fail("the browser refused to start it".into());
            return;
        }
    };
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        if let Some(json) = event.data().as_string() {
            received(&json);
        }
    });
    let onerror = Closure::<dyn FnMut(Event)>::new(|event: Event| {
        event.prevent_default();
        let detail = event
            .dyn_ref::<ErrorEvent>()
            .map(ErrorEvent::message)
            .filter(|message| !message.is_empty());
        let reason = match (status(), detail) {
            (Status::Ready, Some(detail)) => format!("it stopped with an error ({detail})"),
            (Status::Ready, None) => "it stopped with an error".to_string(),
            (_, Some(detail)) => format!("its module could not be loaded ({detail})"),
            (_, None) => "its module could not be loaded".to_string(),
        };
        fail(reason.into());
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    let timeout = Timeout::new(START_TIMEOUT_MS, || {
        if status() == Status::Starting {
            fail(
                format!(
                    "it did not start within {} seconds",
                    START_TIMEOUT_MS / 1000
                )
                .into(),
            );
        }
    });
    CLIENT.with(|client| {
        let mut client = client.borrow_mut();
        client.worker = Some(worker);
        client.timeout = Some(timeout);
        client._onmessage = Some(onmessage);
        client._onerror = Some(onerror);
    });
}

fn received(json: &str) {
    let Ok(Response { id, answer }) = serde_json::from_str::<Response>(json) else {
        return;
    };
    if id == 0
        && let Answer::Refused { reason } = &answer
    {
        fail(reason.as_str().into());
        return;
    }
    if answer == Answer::Ready {
        // Send what waited, then say so.
        CLIENT.with(|client| {
            let mut client = client.borrow_mut();
            client.timeout = None;
            let queued = std::mem::take(&mut client.queued);
            if let Some(worker) = &client.worker {
                for json in queued {
                    let _ = worker.post_message(&JsValue::from_str(&json));
                }
            }
        });
        set_status(Status::Ready);
        return;
    }
    let reply = CLIENT.with(|client| client.borrow_mut().waiting.remove(&id));
    if let Some(reply) = reply {
        reply(Ok(answer));
    }
}

/// Marks the worker failed and fails every request waiting on it.
fn fail(reason: Rc<str>) {
    let waiting: Vec<Box<dyn FnOnce(Reply)>> = CLIENT.with(|client| {
        let mut client = client.borrow_mut();
        client.queued.clear();
        client.timeout = None;
        if let Some(worker) = client.worker.take() {
            worker.terminate();
        }
        client.waiting.drain().map(|(_, reply)| reply).collect()
    });
    set_status(Status::Failed(reason.clone()));
    for reply in waiting {
        reply(Err(reason.clone()));
    }
}

fn set_status(status: Status) {
    CLIENT.with(|client| client.borrow_mut().status = status);
}
