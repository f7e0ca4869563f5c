//! The layers of the estimate as a bar chart: the base image on its own row, then what
//! the Dockerfile adds, largest first, each with its instruction, line and reason.
//!
//! Each bar is an SVG rectangle scaled to the largest row; the words around it are
//! HTML, so they wrap on a phone and a screen reader reads the chart as a list.
//! Instructions that add nothing (metadata such as ENV or CMD) are counted, not drawn.

use fromlab_engine::estimate::{format_bytes, format_range};
use yew::prelude::*;

use fromlab_engine::estimate::{Estimate, LayerRow};

use crate::rich_text::with_code;

#[derive(Properties, PartialEq)]
pub struct LayerChartProps {
    pub estimate: Estimate,
    /// Moves the editor's caret to the instruction on this 1-based line; `None` when no
    /// editor is shown (an embed without its code panel), and the line is plain text.
    pub onselect: Option<Callback<usize>>,
}

/// The bar's width in percent of the largest row (a sliver for anything above zero).
fn width(bytes: u64, largest: u64) -> String {
    if largest == 0 || bytes == 0 {
        return "0".to_string();
    }
    let percent = (bytes as f64 / largest as f64 * 100.0).clamp(0.5, 100.0);
    format!("{percent:.2}%")
}

fn bar(bytes: u64, largest: u64, class: &'static str) -> Html {
    html! {
        <svg class={classes!("layer-bar", class)} aria-hidden="true" focusable="false" width="100%" height="12">
            <rect class="layer-bar-track" x="0" y="0" width="100%" height="12" rx="3" />
            <rect class="layer-bar-fill" x="0" y="0" width={width(bytes, largest)} height="12" rx="3" />
        </svg>
    }
}

/// The middle of a layer's range, which orders the rows.
fn middle(layer: &LayerRow) -> u64 {
    layer.low_bytes / 2 + layer.high_bytes / 2
}

#[component]
pub fn LayerChart(props: &LayerChartProps) -> Html {
    let estimate = &props.estimate;
    let mut added: Vec<&LayerRow> = estimate
        .layers
        .iter()
        .filter(|layer| layer.high_bytes > 0)
        .collect();
    added.sort_by_key(|layer| std::cmp::Reverse((middle(layer), layer.high_bytes)));
    let empty = estimate.layers.len() - added.len();
    let base_bytes = estimate.base.uncompressed_bytes.unwrap_or(0);
    let largest = added
        .iter()
        .map(|layer| layer.high_bytes)
        .chain([base_bytes, estimate.base.high_bytes.unwrap_or(0)])
        .max()
        .unwrap_or(0);
    let added_total: u64 = added.iter().map(|layer| middle(layer)).sum();

    html! {
        <div class="layer-chart">
            <h3 class="chart-heading">{ "Base image" }</h3>
            <ul class="chart-rows chart-base">
                <li class="chart-row">
                    <p class="chart-label">
                        <code>{ estimate.base.reference.clone() }</code>
                        <span class="chart-size">
                            { estimate.base.uncompressed_bytes.map_or_else(|| "unknown".to_string(), format_bytes) }
                        </span>
                    </p>
                    { bar(base_bytes, largest, "bar-base") }
                </li>
            </ul>
            <h3 class="chart-heading">
                { "Added by this Dockerfile, largest first" }
                <span class="panel-count">{ format!(" · about {}", format_bytes(added_total)) }</span>
            </h3>
            if added.is_empty() {
                <p class="panel-empty">{ "Nothing yet: no instruction of the final stage adds files." }</p>
            }
            <ol class="chart-rows">
                { for added.iter().map(|layer| {
                    let line = layer.line;
                    let at = match &props.onselect {
                        Some(onselect) => {
                            let onclick = onselect.reform(move |_: MouseEvent| line);
                            html! { <button type="button" class="link-button" {onclick}>{ format!("line {line}") }</button> }
                        }
                        None => html! { <span class="chart-line">{ format!("line {line}") }</span> },
                    };
                    html! {
                        <li key={layer.instruction} class="chart-row">
                            <p class="chart-label">
                                <code>{ layer.keyword.clone() }</code>{ " " }
                                { at }
                                <span class="chart-size">{ format_range(layer.low_bytes, layer.high_bytes) }</span>
                            </p>
                            { bar(layer.high_bytes, largest, "bar-added") }
                            <p class="chart-reason">{ with_code(&layer.reason) }</p>
                        </li>
                    }
                }) }
            </ol>
            if empty > 0 {
                <p class="chart-empty">
                    { format!("{empty} more instruction{} add{} nothing to the size (settings such as ENV, USER or CMD).",
                        if empty == 1 { "" } else { "s" }, if empty == 1 { "s" } else { "" }) }
                </p>
            }
        </div>
    }
}
