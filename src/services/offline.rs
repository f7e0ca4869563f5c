//! The service worker that keeps the app working offline (`static/service-worker.js`,
//! written into the build by `scripts/service-worker.mjs`): registering it, hearing that a
//! new build has been installed, and switching to that build when the learner asks.
//!
//! Only release builds register it. Under `trunk serve` a cache in front of live reload
//! would answer with old files, so a debug build registers nothing, and its own
//! `service-worker.js` retires any worker that a release build left on the same address.
//! Where service workers are missing or refused (`file://`, plain http away from
//! localhost, an opaque-origin sandbox, a browser setting) the app runs as before, only
//! without offline support.

use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::{Interval, Timeout};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{
    RegistrationOptions, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
    VisibilityState,
};

/// Relative to the page, so the worker and its scope follow whatever path the app is
/// served from; every route is the same `index.html`, so one scope covers them all.
const WORKER_URL: &str = "./service-worker.js";
const SCOPE: &str = "./";
/// How often an open page asks the host for a new build. A classroom tab can stay open
/// for days; a check is one small conditional request.
const UPDATE_CHECK_MS: u32 = 60 * 60 * 1000;
/// The Reload button reloads after this long even if the new worker never announces
/// itself, so the button always does something.
const RELOAD_FALLBACK_MS: u32 = 3_000;

/// The page's service worker container, if it may use one. Reading
/// `navigator.serviceWorker` throws in an opaque-origin sandbox, so it goes through
/// `Reflect`, which turns the exception into an error value instead of a panic.
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker"))
        .ok()?
        .dyn_into::<ServiceWorkerContainer>()
        .ok()
}

/// Registers the worker (release builds only) and calls `on_update` when a new build has
/// been installed and waits for this page to let it take over. The first install is not
/// an update: the page was not controlled yet, so nothing is announced.
pub fn register(on_update: impl Fn() + 'static) {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(container) = container() else {
        return;
    };
    let options = RegistrationOptions::new();
    options.set_scope(SCOPE);
    let registering = container.register_with_options(WORKER_URL, &options);
    spawn_local(async move {
        // A refusal (no worker file, a sandbox, storage turned off) leaves the app online-only.
        let Ok(registration) = JsFuture::from(registering).await else {
            return;
        };
        let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        watch(container, registration, Rc::new(on_update));
    });
}

/// Listens, for the life of the page, for a new worker reaching `installed`, and asks the
/// host for a new build every hour and whenever the page comes back into view.
fn watch(
    container: ServiceWorkerContainer,
    registration: ServiceWorkerRegistration,
    on_update: Rc<dyn Fn()>,
) {
    // Installed during an earlier visit and still waiting: announce it at once.
    if registration.waiting().is_some() && container.controller().is_some() {
        on_update();
    }
    let found = registration.clone();
    EventListener::new(&registration, "updatefound", move |_| {
        let Some(worker) = found.installing() else {
            return;
        };
        let container = container.clone();
        let on_update = on_update.clone();
        let watched = worker.clone();
        EventListener::new(&worker, "statechange", move |_| {
            if watched.state() == ServiceWorkerState::Installed && container.controller().is_some()
            {
                on_update();
            }
        })
        .forget();
    })
    .forget();

    let hourly = registration.clone();
    Interval::new(UPDATE_CHECK_MS, move || check_for_update(&hourly)).forget();
    if let Some(document) = web_sys::window().and_then(|window| window.document()) {
        let watched = document.clone();
        EventListener::new(&document, "visibilitychange", move |_| {
            if watched.visibility_state() == VisibilityState::Visible {
                check_for_update(&registration);
            }
        })
        .forget();
    }
}

/// Asks the host whether the worker changed. Offline this fails, quietly: the check is
/// repeated later anyway.
fn check_for_update(registration: &ServiceWorkerRegistration) {
    if let Ok(checking) = registration.update() {
        spawn_local(async move {
            let _ = JsFuture::from(checking).await;
        });
    }
}

/// Lets the waiting build take over and reloads the page once it has. Only the update
/// notice's Reload button calls this, so the page never reloads under the learner's hands.
pub fn apply_update() {
    let Some(container) = container() else {
        reload();
        return;
    };
    spawn_local(async move {
        let waiting = JsFuture::from(container.get_registration())
            .await
            .ok()
            .and_then(|value| value.dyn_into::<ServiceWorkerRegistration>().ok())
            .and_then(|registration| registration.waiting());
        let Some(waiting) = waiting else {
            // Another tab has already switched: the new build is active, a reload gets it.
            reload();
            return;
        };
        EventListener::once(&container, "controllerchange", |_| reload()).forget();
        Timeout::new(RELOAD_FALLBACK_MS, reload).forget();
        let message = js_sys::Object::new();
        let sent = js_sys::Reflect::set(&message, &"type".into(), &"skip-waiting".into())
            .and_then(|_| waiting.post_message(&message));
        if sent.is_err() {
            reload();
        }
    });
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
