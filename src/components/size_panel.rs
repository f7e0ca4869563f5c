//! The "Estimated size" region: the total on disk and to pull as text, a bar chart of
//! the layers (the base apart from what the Dockerfile adds, largest first, each with
//! its reason), the build-context assumption the learner can change, and the
//! estimate's notes.

use fromlab_engine::estimate::{format_bytes, format_range};
use yew::prelude::*;

use crate::components::layer_chart::LayerChart;
use crate::rich_text::with_code;
use fromlab_engine::estimate::Estimate;

#[derive(Properties, PartialEq)]
pub struct SizePanelProps {
    pub estimate: Option<Estimate>,
    /// Why there are no findings to show yet ("Analysing the Dockerfile…", or that the
    /// analysis could not run), said instead of asking for a FROM line.
    #[prop_or_default]
    pub unavailable: Option<AttrValue>,
    /// The build context assumed for `COPY .`, in whole MB.
    pub context_mb: u64,
    pub oncontext: Callback<u64>,
    /// Moves the editor's caret to a line's instruction; `None` when no editor is shown.
    pub onselect: Option<Callback<usize>>,
    /// A prefix for DOM ids, unique on the page.
    #[prop_or(AttrValue::Static("size"))]
    pub id: AttrValue,
}

/// "119 MB on disk · 43 MB to pull".
pub fn size_line(estimate: &Estimate) -> String {
    format!(
        "{} on disk · {} to pull",
        format_bytes(estimate.total.uncompressed_bytes),
        format_bytes(estimate.total.compressed_bytes)
    )
}

#[component]
pub fn SizePanel(props: &SizePanelProps) -> Html {
    let title_id = format!("{}-title", props.id);
    let context_id = format!("{}-context", props.id);
    let oninput = {
        let oncontext = props.oncontext.clone();
        Callback::from(move |event: InputEvent| {
            let value = event
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .map(|input| input.value())
                .unwrap_or_default();
            if let Ok(mb) = value.trim().parse::<u64>() {
                oncontext.emit(mb.min(100_000));
            }
        })
    };
    html! {
        <section class="panel size-panel" aria-labelledby={title_id.clone()}>
            <h2 id={title_id} class="panel-title">{ "Estimated size" }</h2>
            { match &props.estimate {
                None if props.unavailable.is_some() => html! { <p class="panel-empty">{ props.unavailable.clone() }</p> },
                None => html! {
                    <p class="panel-empty">{ "No estimate yet: it starts with a FROM line." }</p>
                },
                Some(estimate) => {
                    let total = &estimate.total;
                    let base = &estimate.base;
                    html! {
                        <>
                            <p class="size-total">{ size_line(estimate) }</p>
                            if let Some(range) = Some(format_range(total.low_bytes, total.high_bytes)).filter(|r| !r.starts_with('~')) {
                                <p class="size-range">
                                    { format!("Likely {range} on disk, depending on versions and on what the build context holds.") }
                                </p>
                            }
                            <p class="size-base">
                                { "Base " }<code>{ base.reference.clone() }</code>{ ": " }
                                { match base.uncompressed_bytes {
                                    Some(bytes) => format!("{} on disk", format_bytes(bytes)),
                                    None => "size unknown".to_string(),
                                } }
                                { ". " }{ with_code(&base.reason) }
                            </p>
                            <LayerChart estimate={estimate.clone()} onselect={props.onselect.clone()} />
                            if !estimate.notes.is_empty() {
                                <ul class="size-notes">
                                    { for estimate.notes.iter().map(|note| html! { <li>{ with_code(note) }</li> }) }
                                </ul>
                            }
                        </>
                    }
                }
            } }
            <p class="context-assumption">
                <label for={context_id.clone()}>{ "Build context copied by COPY . (MB)" }</label>
                <input
                    id={context_id}
                    type="number"
                    inputmode="numeric"
                    min="0"
                    max="100000"
                    step="1"
                    value={props.context_mb.to_string()}
                    {oninput}
                />
                <span class="context-note">
                    { "An assumption: Docker sends the whole folder unless a .dockerignore leaves things out, \
                       so measure yours with du and change this." }
                </span>
            </p>
        </section>
    }
}
