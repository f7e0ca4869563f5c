//! fromlab in the browser: lessons, playground and quizzes on choosing a Docker base
//! image, built with Yew. This file only starts the app; see `app.rs` for the routes.

mod app;
mod components;
mod content;
mod editing;
mod examples;
mod hooks;
mod line_view;
mod pages;
mod progress;
mod rich_text;
mod services;
mod state;
mod work_state;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
