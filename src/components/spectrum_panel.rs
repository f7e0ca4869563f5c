//! The spectrum as a picture: full → slim → alpine → distroless → scratch, with the
//! final stage's base placed on it, and a table of what each point costs on every axis
//! (size, libc, shell, package manager, debuggability, attack surface).
//!
//! The track is SVG laid out in percentages over five equal columns of HTML text, so
//! the words stay readable at any width and the dots line up with them.

use fromlab_engine::estimate::format_bytes;
use yew::prelude::*;

use fromlab_engine::estimate::{Alternative, Estimate};

/// The five points, in order from the most to the least inside the image.
pub const POINTS: [&str; 5] = ["full", "slim", "alpine", "distroless", "scratch"];

#[derive(Properties, PartialEq)]
pub struct SpectrumPanelProps {
    pub estimate: Option<Estimate>,
    #[prop_or(AttrValue::Static("spectrum"))]
    pub id: AttrValue,
}

/// The attack-surface tier in words (the catalogue's tiers T0 to T4).
pub fn tier_words(tier: &str) -> String {
    let words = match tier.split('-').next_back().unwrap_or(tier) {
        "T0" => "empty",
        "T1" => "a handful of libraries",
        "T2" => "a small userland",
        "T3" => "a distribution's userland",
        "T4" => "a full distribution with compilers",
        _ => return tier.to_string(),
    };
    format!("{tier}: {words}")
}

fn row(point: &str, alternatives: &[Alternative]) -> Option<Alternative> {
    alternatives.iter().find(|a| a.point == point).cloned()
}

#[component]
pub fn SpectrumPanel(props: &SpectrumPanelProps) -> Html {
    let title_id = format!("{}-title", props.id);
    let body = match &props.estimate {
        None => {
            html! { <p class="panel-empty">{ "Write a FROM line to see where its base sits." }</p> }
        }
        Some(estimate) if estimate.alternatives.is_empty() => html! {
            <p class="panel-empty">
                { format!("fromlab cannot place {} on the spectrum: {}", estimate.base.reference, estimate.base.reason) }
            </p>
        },
        Some(estimate) => {
            let rows: Vec<Option<Alternative>> = POINTS
                .iter()
                .map(|point| row(point, &estimate.alternatives))
                .collect();
            let current = estimate.alternatives.iter().find(|a| a.current);
            let placed = current.is_some_and(|c| POINTS.contains(&c.point.as_str()));
            let x = |index: usize| format!("{}%", 10 + 20 * index);
            html! {
                <>
                    <figure class="spectrum">
                        <svg class="spectrum-track" aria-hidden="true" focusable="false" width="100%" height="36">
                            <line class="track-line" x1="10%" x2="90%" y1="18" y2="18" />
                            { for rows.iter().enumerate().map(|(index, row)| {
                                let here = row.as_ref().is_some_and(|r| r.current);
                                let class = match row {
                                    Some(_) if here => "track-dot is-current",
                                    Some(_) => "track-dot",
                                    None => "track-dot is-missing",
                                };
                                html! {
                                    <circle class={class} cx={x(index)} cy="18" r={if here { "11" } else { "6" }} />
                                }
                            }) }
                        </svg>
                        <ol class="spectrum-points">
                            { for POINTS.iter().zip(&rows).map(|(point, row)| {
                                let here = row.as_ref().is_some_and(|r| r.current);
                                html! {
                                    <li class={classes!("spectrum-point", here.then_some("is-current"))}
                                        aria-current={here.then_some("true")}>
                                        <span class="point-name">{ *point }</span>
                                        { match row {
                                            Some(row) => html! {
                                                <>
                                                    <span class="point-base">{ row.base.clone() }</span>
                                                    <span class="point-size">{ format_bytes(row.uncompressed_bytes) }</span>
                                                </>
                                            },
                                            None => html! { <span class="point-base">{ "no such image" }</span> },
                                        } }
                                        if here {
                                            <span class="point-here">{ "you are here" }</span>
                                        }
                                    </li>
                                }
                            }) }
                        </ol>
                        <figcaption>
                            { match current {
                                Some(c) if placed => format!("Your final base, {}, is the {} point. Sizes are this whole Dockerfile on each base.", c.base, c.point),
                                Some(c) => format!("Your final base, {}, is an alternative outside the five points; the figures compare this Dockerfile on each.", c.base),
                                None => "Sizes are this whole Dockerfile built on each base.".to_string(),
                            } }
                        </figcaption>
                    </figure>
                    <div class="table-scroll" role="region" aria-label="What each point costs" tabindex="0">
                        <table class="axes-table">
                            <caption>{ "What each point costs" }</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{ "Axis" }</th>
                                    { for POINTS.iter().zip(&rows).map(|(point, row)| {
                                        let here = row.as_ref().is_some_and(|r| r.current);
                                        html! {
                                            <th scope="col" class={classes!(here.then_some("is-current"))}>
                                                { *point }
                                                if here { <span class="point-here">{ " (yours)" }</span> }
                                            </th>
                                        }
                                    }) }
                                </tr>
                            </thead>
                            <tbody>
                                { for [
                                    ("Size on disk", (|a: &Alternative| format_bytes(a.uncompressed_bytes)) as fn(&Alternative) -> String),
                                    ("C library", |a: &Alternative| a.libc.clone()),
                                    ("Shell", |a: &Alternative| a.shell.clone()),
                                    ("Package manager", |a: &Alternative| a.package_manager.clone()),
                                    ("Debugging inside", |a: &Alternative| a.debuggability.clone()),
                                    ("Attack surface", |a: &Alternative| tier_words(&a.tier)),
                                ].into_iter().map(|(axis, value)| html! {
                                    <tr>
                                        <th scope="row">{ axis }</th>
                                        { for rows.iter().map(|row| match row {
                                            Some(row) => html! { <td class={classes!(row.current.then_some("is-current"))}>{ value(row) }</td> },
                                            None => html! {
                                                <td class="not-applicable">
                                                    <span aria-hidden="true">{ "—" }</span>
                                                    <span class="visually-hidden">{ "no such image" }</span>
                                                </td>
                                            },
                                        }) }
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                </>
            }
        }
    };
    html! {
        <section class="panel spectrum-panel" aria-labelledby={title_id.clone()}>
            <h2 id={title_id} class="panel-title">{ "The spectrum" }</h2>
            { body }
        </section>
    }
}
