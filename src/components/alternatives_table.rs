//! "Other bases": the same Dockerfile on the other points of its base's spectrum, with
//! the size each would give and what would break, and a button per row that rewrites
//! the final FROM to try it (an ordinary edit: Ctrl+Z takes it back).

use fromlab_engine::estimate::format_bytes;
use yew::prelude::*;

use fromlab_engine::estimate::Estimate;

use crate::rich_text::with_code;

#[derive(Properties, PartialEq)]
pub struct AlternativesTableProps {
    pub estimate: Option<Estimate>,
    /// Rewrites the final FROM to this base.
    pub ontry: Callback<String>,
    #[prop_or(AttrValue::Static("alternatives"))]
    pub id: AttrValue,
}

/// The change from `current` to `other` in bytes, signed, for people: "−1.0 GB".
pub fn difference(current: u64, other: u64) -> String {
    if other >= current {
        format!("+{}", format_bytes(other - current))
    } else {
        format!("−{}", format_bytes(current - other))
    }
}

#[component]
pub fn AlternativesTable(props: &AlternativesTableProps) -> Html {
    let title_id = format!("{}-title", props.id);
    let body = match &props.estimate {
        Some(estimate) if estimate.alternatives.iter().any(|a| !a.current) => {
            let current = estimate.total.uncompressed_bytes;
            html! {
                <div class="table-scroll" role="region" aria-label="Other bases, scrollable" tabindex="0">
                    <table class="alternatives-table">
                        <caption>{ "Other bases" }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ "Base" }</th>
                                <th scope="col">{ "On disk" }</th>
                                <th scope="col">{ "To pull" }</th>
                                <th scope="col">{ "What would break" }</th>
                                <th scope="col"><span class="visually-hidden">{ "Action" }</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            { for estimate.alternatives.iter().filter(|a| !a.current).map(|alternative| {
                                let base = alternative.base.clone();
                                let onclick = props.ontry.reform(move |_: MouseEvent| base.clone());
                                html! {
                                    <tr key={alternative.base.clone()}>
                                        <th scope="row">
                                            <code>{ alternative.base.clone() }</code>
                                            <span class="point-tag">{ format!(" ({})", alternative.point) }</span>
                                        </th>
                                        <td class="size-cell">
                                            { format_bytes(alternative.uncompressed_bytes) }
                                            <br />
                                            <span class="size-change">{ format!("({})", difference(current, alternative.uncompressed_bytes)) }</span>
                                        </td>
                                        <td class="size-cell">{ format_bytes(alternative.compressed_bytes) }</td>
                                        <td>
                                            if alternative.breaks.is_empty() {
                                                { "Nothing fromlab can see; test it anyway." }
                                            } else {
                                                <ul class="breaks">
                                                    { for alternative.breaks.iter().map(|b| html! { <li>{ with_code(b) }</li> }) }
                                                </ul>
                                            }
                                        </td>
                                        <td class="action-cell">
                                            <button type="button" class="button button-small" {onclick}
                                                aria-label={format!("Try it: rewrite the final FROM to {}", alternative.base)}>
                                                { "Try it" }
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        }
        Some(estimate) => html! {
            <p class="panel-empty">
                { format!("fromlab knows no other bases for {}.", estimate.base.reference) }
            </p>
        },
        None => html! { <p class="panel-empty">{ "Write a FROM line to see other bases." }</p> },
    };
    html! {
        <section class="panel alternatives-panel" aria-labelledby={title_id.clone()}>
            <h2 id={title_id} class="panel-title">{ "Try another base" }</h2>
            { body }
        </section>
    }
}
