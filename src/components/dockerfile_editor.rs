//! A compact Dockerfile editor: a native `<textarea>` over a highlighted copy of its
//! text. The textarea does the editing, so selection, undo, screen readers and the
//! keyboard (Tab leaves the field) behave as everywhere else; its own text is
//! transparent and the highlighted copy behind it shows through, line for line.

use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::highlight::Highlight;

#[derive(Properties, PartialEq)]
pub struct DockerfileEditorProps {
    /// The id of the textarea, for its `<label for>`.
    pub id: AttrValue,
    pub value: AttrValue,
    /// Called with the whole text after every edit.
    pub oninput: Callback<String>,
    /// Ids of elements that describe the field.
    #[prop_or_default]
    pub describedby: Option<AttrValue>,
}

#[component]
pub fn DockerfileEditor(props: &DockerfileEditorProps) -> Html {
    let oninput = {
        let oninput = props.oninput.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event
                .target()
                .and_then(|target| target.dyn_into::<HtmlTextAreaElement>().ok())
            {
                oninput.emit(area.value());
            }
        })
    };
    // The highlighted copy sizes the editor; the textarea covers it exactly, so it
    // never scrolls on its own and the two stay aligned. The extra line keeps room
    // for the caret after a final newline.
    let rows = props.value.lines().count().max(1) + 1;
    html! {
        <div class="editor">
            <div class="editor-inner">
                <pre class="editor-highlight" aria-hidden="true"><code>
                    <Highlight code={props.value.clone()} />{ "\n" }
                </code></pre>
                <textarea
                    id={props.id.clone()}
                    class="editor-input"
                    rows={rows.to_string()}
                    spellcheck="false"
                    autocapitalize="off"
                    autocomplete="off"
                    wrap="off"
                    aria-describedby={props.describedby.clone()}
                    value={props.value.clone()}
                    {oninput}
                />
            </div>
        </div>
    }
}
