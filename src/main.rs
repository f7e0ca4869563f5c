//! fromlab in the browser: lessons, playground and quizzes on choosing a Docker base
//! image, built with Yew. This file only starts the app; see `app.rs` for the routes.

mod app;
mod components;
mod content;
mod hooks;
mod pages;
mod progress;
mod services;
mod state;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
