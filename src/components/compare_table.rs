//! The difference between two Dockerfiles: size on disk and to pull, and every tradeoff
//! axis of their final bases, with what changes from A to B.

use fromlab_engine::diagnostic::Severity;
use fromlab_engine::estimate::format_bytes;
use yew::prelude::*;

use crate::components::alternatives_table::difference;
use crate::components::spectrum_panel::tier_words;
use crate::hooks::use_analysis::AnalysisRef;
use fromlab_engine::estimate::Estimate;

#[derive(Properties, PartialEq)]
pub struct CompareTableProps {
    pub a: AnalysisRef,
    pub b: AnalysisRef,
}

/// The change of a size from A to B, with the percentage: "−1.0 GB (−89%)".
pub fn size_change(a: u64, b: u64) -> String {
    if a == 0 {
        return difference(a, b);
    }
    let percent = (b as f64 - a as f64) / a as f64 * 100.0;
    let sign = if percent < 0.0 { "−" } else { "+" };
    format!("{} ({sign}{:.0}%)", difference(a, b), percent.abs())
}

/// How easy it is to look inside the final image, from the estimate's own row for it.
fn debuggability(estimate: &Estimate) -> String {
    estimate
        .alternatives
        .iter()
        .find(|a| a.current)
        .map_or_else(|| "unknown".to_string(), |a| a.debuggability.clone())
}

fn count(analysis: &AnalysisRef, severity: Severity) -> usize {
    analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}

#[component]
pub fn CompareTable(props: &CompareTableProps) -> Html {
    let (a, b) = (props.a.estimate(), props.b.estimate());
    let text_row = |axis: &'static str, a: String, b: String| {
        let change = if a == b { "same" } else { "differs" };
        html! {
            <tr class={classes!((a != b).then_some("is-different"))}>
                <th scope="row">{ axis }</th><td>{ a }</td><td>{ b }</td><td>{ change }</td>
            </tr>
        }
    };
    let sizes = match (a, b) {
        (Some(a), Some(b)) => html! {
            <>
                <tr class="is-different">
                    <th scope="row">{ "On disk" }</th>
                    <td>{ format_bytes(a.total.uncompressed_bytes) }</td>
                    <td>{ format_bytes(b.total.uncompressed_bytes) }</td>
                    <td>{ size_change(a.total.uncompressed_bytes, b.total.uncompressed_bytes) }</td>
                </tr>
                <tr class="is-different">
                    <th scope="row">{ "To pull" }</th>
                    <td>{ format_bytes(a.total.compressed_bytes) }</td>
                    <td>{ format_bytes(b.total.compressed_bytes) }</td>
                    <td>{ size_change(a.total.compressed_bytes, b.total.compressed_bytes) }</td>
                </tr>
                { text_row("Final base", a.base.reference.clone(), b.base.reference.clone()) }
                { text_row("Point on the spectrum", a.base.point.clone().unwrap_or_else(|| "other".into()), b.base.point.clone().unwrap_or_else(|| "other".into())) }
                { text_row("C library", a.base.libc.clone(), b.base.libc.clone()) }
                { text_row("Shell", a.base.shell.clone(), b.base.shell.clone()) }
                { text_row("Package manager", a.base.package_manager.clone(), b.base.package_manager.clone()) }
                { text_row("Debugging inside", debuggability(a), debuggability(b)) }
                { text_row("Attack surface", tier_words(&a.base.tier), tier_words(&b.base.tier)) }
            </>
        },
        _ => html! {
            <tr><td colspan="4">{ "Each side needs a FROM line before sizes can be compared." }</td></tr>
        },
    };
    html! {
        <section class="panel compare-diff" aria-labelledby="difference-title">
            <h2 id="difference-title" class="panel-title">{ "Difference" }</h2>
            <div class="table-scroll" role="region" aria-label="A and B compared, scrollable" tabindex="0">
                <table class="compare-table">
                    <caption>{ "A and B compared" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Axis" }</th>
                            <th scope="col">{ "A" }</th>
                            <th scope="col">{ "B" }</th>
                            <th scope="col">{ "From A to B" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { sizes }
                        { for [(Severity::Error, "Errors"), (Severity::Warning, "Warnings"), (Severity::Info, "Notes")].into_iter().map(|(severity, axis)| {
                            let (x, y) = (count(&props.a, severity), count(&props.b, severity));
                            let change = match y as i64 - x as i64 {
                                0 => "same".to_string(),
                                n if n > 0 => format!("+{n}"),
                                n => format!("−{}", -n),
                            };
                            html! {
                                <tr>
                                    <th scope="row">{ axis }</th><td>{ x }</td><td>{ y }</td><td>{ change }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
