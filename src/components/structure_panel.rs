//! The Structure panel: the build stages in order, each with its base image taken
//! apart (registry, namespace, repository, tag, digest), its instructions, where its
//! `COPY --from` copies come from, and which stage is the one that ships.

use std::rc::Rc;

use fromlab_engine::image_ref::ImageRef;
use fromlab_engine::model::{BaseKind, CopySource, Model, Stage};
use fromlab_engine::syntax::{LineIndex, TextRange};
use yew::prelude::*;

use crate::components::editor::select_range;
use crate::components::stage_instructions::{Entry, StageInstructions};
use crate::hooks::use_analysis::AnalysisRef;

#[derive(Properties, PartialEq)]
pub struct StructurePanelProps {
    pub analysis: AnalysisRef,
    pub text: AttrValue,
    /// The id of the editor's textarea.
    pub editor: AttrValue,
    #[prop_or(AttrValue::Static("structure"))]
    pub id: AttrValue,
}

/// A stage as people name it: `stage 1 "build"` (1-based, as Docker's output counts).
fn stage_name(stage: &Stage) -> String {
    match &stage.name {
        Some(name) => format!("stage {} “{name}”", stage.index + 1),
        None => format!("stage {}", stage.index + 1),
    }
}

fn image_parts(reference: &ImageRef) -> Html {
    let implied = |text: &str, note: &str| {
        html! { <>{ text.to_string() }<span class="implied">{ format!(" ({note})") }</span></> }
    };
    let registry = match &reference.registry {
        Some(part) => html! { { part.text.clone() } },
        None => implied(&reference.registry_normalized, "Docker Hub, implied"),
    };
    let namespace = match &reference.namespace {
        Some(part) => html! { { part.text.clone() } },
        None if reference.namespace_normalized.is_empty() => html! { { "none" } },
        None => implied(&reference.namespace_normalized, "official images, implied"),
    };
    let tag = match (&reference.tag, &reference.digest) {
        (Some(part), _) => html! { { part.text.clone() } },
        (None, None) => implied("latest", "no tag written"),
        (None, Some(_)) => html! { { "none (the digest decides)" } },
    };
    html! {
        <dl class="image-parts">
            <div><dt>{ "Registry" }</dt><dd>{ registry }</dd></div>
            <div><dt>{ "Namespace" }</dt><dd>{ namespace }</dd></div>
            <div><dt>{ "Repository" }</dt><dd><code>{ reference.repository.text.clone() }</code></dd></div>
            <div><dt>{ "Tag" }</dt><dd>{ tag }</dd></div>
            <div>
                <dt>{ "Digest" }</dt>
                <dd>
                    if let Some(digest) = &reference.digest {
                        <code class="digest">{ digest.text.clone() }</code>
                    } else {
                        { "none (the tag can move)" }
                    }
                </dd>
            </div>
        </dl>
    }
}

fn base_view(model: &Model, stage: &Stage) -> Html {
    let base = &stage.base;
    let described = match &base.kind {
        BaseKind::Image { reference } => image_parts(reference),
        BaseKind::Scratch => html! { <p>{ "scratch: the empty image. Nothing is inherited." }</p> },
        BaseKind::Stage { index } => {
            let from = model
                .stages
                .get(*index)
                .map_or_else(|| format!("stage {}", index + 1), stage_name);
            html! { <p>{ format!("Builds on {from} of this Dockerfile.") }</p> }
        }
        BaseKind::Invalid { reason } => html! { <p class="invalid">{ reason.clone() }</p> },
    };
    html! {
        <>
            <p class="stage-base">
                { "FROM " }<code>{ base.written.clone() }</code>
                if base.expanded != base.written {
                    { " → after ARG substitution " }<code>{ base.expanded.clone() }</code>
                }
                if let Some(platform) = &stage.platform {
                    { " · platform " }<code>{ platform.clone() }</code>
                }
            </p>
            { described }
        </>
    }
}

#[component]
pub fn StructurePanel(props: &StructurePanelProps) -> Html {
    let latest = use_mut_ref(|| props.text.clone());
    *latest.borrow_mut() = props.text.clone();
    let goto = {
        let latest = latest.clone();
        let editor = props.editor.clone();
        use_callback(editor, move |range: TextRange, editor| {
            select_range(editor, &latest.borrow(), range.start, range.end);
        })
    };
    let lines = use_memo(props.text.clone(), |text| Rc::new(LineIndex::new(text)));
    let line_of = |offset: usize| lines.line_col(&props.text, offset).line;
    let analysis = &props.analysis;
    let model = &analysis.model;
    let title_id = format!("{}-title", props.id);
    let last = model.stages.len().checked_sub(1);

    let goto_button = |range: TextRange, label: String| {
        let goto = goto.clone();
        html! {
            <button type="button" class="link-button" onclick={Callback::from(move |_| goto.emit(range))}>
                { label }
            </button>
        }
    };

    html! {
        <section class="panel structure-panel" aria-labelledby={title_id.clone()}>
            <h2 id={title_id} class="panel-title">
                { "Structure" }
                <span class="panel-count">
                    { format!(" · {} stage{}", model.stages.len(), if model.stages.len() == 1 { "" } else { "s" }) }
                </span>
            </h2>
            if model.stages.is_empty() {
                <p class="panel-empty">{ "No stage yet: a Dockerfile starts with FROM." }</p>
            }
            if !model.global_args.is_empty() {
                <p class="global-args">
                    { "Build arguments for FROM lines: " }
                    { for model.global_args.iter().enumerate().map(|(i, arg)| html! {
                        <>
                            if i > 0 { { ", " } }
                            <code>
                                { arg.name.clone() }
                                if let Some(value) = &arg.value { { format!("={value}") } }
                            </code>
                        </>
                    }) }
                </p>
            }
            <ol class="stage-list">
                { for model.stages.iter().map(|stage| {
                    let is_final = Some(stage.index) == last;
                    let heading = stage_name(stage);
                    html! {
                        <li key={stage.index} class={classes!("stage", is_final.then_some("stage-final"))}>
                            <h3 class="stage-title">
                                { heading.clone() }
                                if is_final {
                                    <span class="final-badge">{ " · final: this stage is the image" }</span>
                                } else {
                                    <span class="build-badge">{ " · build stage: only what is copied out ships" }</span>
                                }
                            </h3>
                            { base_view(model, stage) }
                            <p class="stage-goto">{ goto_button(stage.from_range, format!("Go to FROM on line {}", line_of(stage.from_range.start))) }</p>
                            if !stage.instructions.is_empty() {
                                <StageInstructions
                                    entries={Rc::new(stage.instructions.clone().filter_map(|i| analysis.outline.get(i)).map(|entry| {
                                        (entry.keyword.clone(), entry.range, line_of(entry.range.start))
                                    }).collect::<Vec<Entry>>())}
                                    ongoto={goto.clone()}
                                />
                            }
                            if !stage.copies_from.is_empty() {
                                <ul class="copy-links" aria-label={format!("Copies into {heading}")}>
                                    { for stage.copies_from.iter().map(|copy| {
                                        let source = match &copy.source {
                                            CopySource::Stage { index } => model.stages.get(*index).map_or_else(|| format!("stage {}", index + 1), stage_name),
                                            CopySource::Image { reference } => format!("the image {}", reference.familiar_string()),
                                            CopySource::Unknown => format!("“{}”, which is no earlier stage", copy.from),
                                        };
                                        let line = analysis.outline.get(copy.instruction).map_or(copy.range, |entry| entry.range);
                                        html! {
                                            <li>
                                                { "COPY --from " }<span aria-hidden="true">{ "← " }</span>{ source }{ " · " }
                                                { goto_button(line, format!("line {}", line_of(line.start))) }
                                            </li>
                                        }
                                    }) }
                                </ul>
                            }
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
