//! One side of compare mode: an example picker, the editor and a one-line summary.

use yew::prelude::*;

use crate::components::editor::{Editor, replace_text};
use crate::components::feedback_panel::count_summary;
use crate::components::size_panel::size_line;
use crate::examples;
use crate::hooks::use_analysis::AnalysisRef;
use crate::work_state::Side;

/// The textarea id of a side.
fn editor_id(side: Side) -> &'static str {
    match side {
        Side::A => "dockerfile-a",
        Side::B => "dockerfile-b",
    }
}

#[derive(Properties, PartialEq)]
pub struct CompareSideProps {
    pub side: Side,
    pub doc_key: AttrValue,
    pub text: AttrValue,
    pub analysis: AnalysisRef,
    pub oninput: Callback<(Side, String)>,
}

/// One side: an example picker, the editor, and a one-line summary.
#[component]
pub fn CompareSide(props: &CompareSideProps) -> Html {
    let side = props.side;
    let letter = side.letter();
    let id = editor_id(side);
    let picker_id = format!("example-{}", letter.to_ascii_lowercase());
    let latest = use_mut_ref(|| props.text.clone());
    *latest.borrow_mut() = props.text.clone();
    let onpick = {
        let latest = latest.clone();
        Callback::from(move |event: Event| {
            let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() else {
                return;
            };
            if let Some(example) = examples::find(&select.value()) {
                // An ordinary edit of the side, so Ctrl+Z in the editor brings it back.
                replace_text(id, &latest.borrow(), example.dockerfile);
            }
            select.set_value("");
        })
    };
    let oninput = props.oninput.reform(move |text: String| (side, text));
    let estimate = props.analysis.estimate();
    html! {
        <section class="compare-side" aria-labelledby={format!("side-{letter}-title")}>
            <h2 id={format!("side-{letter}-title")} class="compare-side-title">{ format!("Side {letter}") }</h2>
            <p class="example-picker">
                <label for={picker_id.clone()}>{ format!("Load an example into {letter}") }</label>
                <select id={picker_id} onchange={onpick}>
                    <option value="" selected=true>{ "Choose an example…" }</option>
                    { for examples::examples().iter().map(|example| html! {
                        <option value={example.id}>{ example.title }</option>
                    }) }
                </select>
            </p>
            <Editor
                id={AttrValue::from(id)}
                label={AttrValue::from(format!("Dockerfile {letter}"))}
                doc_key={props.doc_key.clone()}
                initial={props.text.clone()}
                text={props.text.clone()}
                analysis={props.analysis.clone()}
                {oninput}
            />
            <p class="compare-side-summary">
                { estimate.map_or_else(|| "No size estimate".to_string(), size_line) }
                { " · " }
                { count_summary(props.analysis.diagnostics.iter().map(|d| d.severity)) }
            </p>
        </section>
    }
}
