//! fromlab in the browser: lessons, playground and quizzes on choosing a Docker base
//! image, built with Yew.
//!
//! The interface ships as two wasm modules built from this library (see ARCHITECTURE.md,
//! "Two modules"): the lessons module (`src/bin/fromlab-lessons.rs`), which the home page
//! and every lesson load first and which holds only what reading needs, and the app module
//! (`src/main.rs`), which holds the whole interface with the playground, compare mode and
//! the quiz pages. `static/start.js` picks one by the address; the lessons module hands
//! over to the app module when the learner opens one of its pages ([`app::Module`]).

mod app;
#[cfg(test)]
mod compiled_docs;
mod components;
mod content;
mod editing;
mod embed;
mod examples;
mod hooks;
mod line_view;
mod pages;
mod progress;
mod rich_text;
mod services;
mod settings;
mod state;
mod work_state;

/// Starts the app module: every page.
pub fn start_app() {
    yew::Renderer::<app::App>::with_props(app::AppProps {
        module: app::Module::APP,
    })
    .render();
}

/// Starts the lessons module: the home page, the lessons with their quizzes and the
/// lesson embed; any other page is handed over to the app module.
pub fn start_lessons() {
    yew::Renderer::<app::App>::with_props(app::AppProps {
        module: app::Module::LESSONS,
    })
    .render();
}
