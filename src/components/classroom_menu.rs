//! The header's classroom controls: the presenter-mode toggle (large type and high
//! contrast for a projector) and a "Classroom" disclosure with the other settings, the
//! keyboard shortcuts and "Reset all for the next class".

use yew::prelude::*;

use crate::components::reset_all::ResetAll;
use crate::hooks::use_settings::use_settings;
use crate::settings::Setting;

/// The id of the disclosed panel.
const PANEL_ID: &str = "classroom-panel";

#[component]
pub fn ClassroomMenu() -> Html {
    let settings = use_settings();
    let current = settings.get();
    let open = use_state(|| false);
    let toggle_presenter = {
        let settings = settings.clone();
        Callback::from(move |_: MouseEvent| settings.set(Setting::Presenter, !current.presenter))
    };
    let toggle_open = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let checkbox = |setting: Setting, on: bool, id: &'static str, label: &'static str| {
        let settings = settings.clone();
        let onchange = Callback::from(move |_: Event| settings.set(setting, !on));
        html! {
            <p class="classroom-setting">
                <input type="checkbox" {id} checked={on} {onchange} />
                <label for={id}>{ label }</label>
            </p>
        }
    };
    html! {
        <div class="classroom">
            <button
                type="button"
                class="button button-small"
                id="presenter-toggle"
                aria-pressed={if current.presenter { "true" } else { "false" }}
                onclick={toggle_presenter}
            >
                if current.presenter {
                    <span aria-hidden="true">{ "✓ " }</span>
                }
                { "Presenter mode" }
            </button>
            <button
                type="button"
                class="button button-small"
                id="classroom-toggle"
                aria-expanded={if *open { "true" } else { "false" }}
                aria-controls={PANEL_ID}
                onclick={toggle_open}
            >
                { "Classroom" }
            </button>
            <section id={PANEL_ID} class="classroom-panel" aria-label="Classroom settings" hidden={!*open}>
                { checkbox(Setting::Presenter, current.presenter, "setting-presenter", "Presenter mode: large type and high contrast") }
                { checkbox(Setting::HideAnswers, current.hide_answers, "setting-hide-answers", "Hide quiz answers until I reveal them") }
                { checkbox(Setting::SingleKeys, current.single_keys, "setting-single-keys", "Single-key shortcuts (j and k)") }
                if !settings.stored() {
                    <p class="classroom-note" role="status">
                        { "This browser does not let fromlab save here, so these settings last only until you close this page." }
                    </p>
                }
                <p class="classroom-heading">{ "Keyboard shortcuts" }</p>
                <dl class="shortcut-list">
                    <dt><kbd>{ "j" }</kbd></dt>
                    <dd>{ "Next section of a lesson, or next question of a quiz" }{ if current.single_keys { "" } else { " (off)" } }</dd>
                    <dt><kbd>{ "k" }</kbd></dt>
                    <dd>{ "Previous section, or previous question" }{ if current.single_keys { "" } else { " (off)" } }</dd>
                    <dt><kbd>{ "Alt" }</kbd>{ "+" }<kbd>{ "Shift" }</kbd>{ "+" }<kbd>{ "→" }</kbd></dt>
                    <dd>{ "Next lesson" }</dd>
                    <dt><kbd>{ "Alt" }</kbd>{ "+" }<kbd>{ "Shift" }</kbd>{ "+" }<kbd>{ "←" }</kbd></dt>
                    <dd>{ "Previous lesson" }</dd>
                </dl>
                <p class="classroom-note">{ "Shortcuts do nothing while you type in a text field." }</p>
                <p class="classroom-heading">{ "Next class" }</p>
                <ResetAll id="classroom-reset-all" />
            </section>
        </div>
    }
}
