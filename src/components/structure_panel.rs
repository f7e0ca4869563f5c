//! The Structure panel: the build stages in order, each with its base image taken
//! apart (registry, namespace, repository, tag, digest), its instructions, where its
//! `COPY --from` copies come from, and which stage is the one that ships.

use std::rc::Rc;

use fromlab_engine::analysis::Structure;
use fromlab_engine::image_ref::ImageRef;
use fromlab_engine::model::{BaseKind, CopySource, Stage};
use fromlab_engine::syntax::{LineIndex, TextRange};
use yew::prelude::*;

use crate::components::editor::select_range;
use crate::components::stage_instructions::{Entry, StageInstructions, goto_link};
use crate::hooks::use_analysis::AnalysisRef;

#[derive(Properties, PartialEq)]
pub struct StructurePanelProps {
    pub analysis: AnalysisRef,
    pub text: AttrValue,
    /// The id of the editor's textarea.
    pub editor: AttrValue,
    /// Whether the editor is shown, so the panel's lines can lead to it (not in an
    /// embed without its code panel).
    #[prop_or(true)]
    pub linked: bool,
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

/// What a stage's base is, as the panel describes it.
#[derive(Clone, Debug, PartialEq)]
enum Described {
    Image(Box<ImageRef>),
    Scratch,
    /// Another stage of this Dockerfile, by name.
    Stage(String),
    Invalid(String),
}

/// Where a "go to" button in the panel leads, found in the text as it is when clicked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The `FROM` of a stage, by index.
    From(usize),
    /// An instruction, by index.
    Instruction(usize),
}

/// A `COPY --from` into a stage: where it copies from, and its instruction.
#[derive(Clone, Debug, PartialEq)]
struct CopyLink {
    source: String,
    instruction: usize,
    line: usize,
}

/// Everything a stage's entry shows, and nothing that moves when text is typed
/// elsewhere (no byte offsets, only line numbers and indices): an entry renders again
/// only when what it shows changes.
#[derive(Clone, Debug, PartialEq)]
pub struct StageSummary {
    index: usize,
    heading: String,
    is_final: bool,
    written: String,
    expanded: String,
    platform: Option<String>,
    described: Described,
    from_line: usize,
    instructions: Rc<Vec<Entry>>,
    copies: Vec<CopyLink>,
}

/// Summaries of the stages of `structure`, whose text has the line index `lines`.
fn summaries(structure: &Structure, text: &str, lines: &LineIndex) -> Vec<Rc<StageSummary>> {
    let model = &structure.model;
    let line_of = |offset: usize| lines.line_col(text, offset).line;
    let name_of = |index: usize| {
        model
            .stages
            .get(index)
            .map_or_else(|| format!("stage {}", index + 1), stage_name)
    };
    let last = model.stages.len().checked_sub(1);
    model
        .stages
        .iter()
        .map(|stage| {
            let described = match &stage.base.kind {
                BaseKind::Image { reference } => Described::Image(reference.clone()),
                BaseKind::Scratch => Described::Scratch,
                BaseKind::Stage { index } => Described::Stage(name_of(*index)),
                BaseKind::Invalid { reason } => Described::Invalid(reason.clone()),
            };
            let instructions = stage
                .instructions
                .clone()
                .filter_map(|i| {
                    let entry = structure.outline.get(i)?;
                    Some((entry.keyword.clone(), i, line_of(entry.range.start)))
                })
                .collect();
            let copies = stage
                .copies_from
                .iter()
                .map(|copy| CopyLink {
                    source: match &copy.source {
                        CopySource::Stage { index } => name_of(*index),
                        CopySource::Image { reference } => {
                            format!("the image {}", reference.familiar_string())
                        }
                        CopySource::Unknown => {
                            format!("“{}”, which is no earlier stage", copy.from)
                        }
                    },
                    instruction: copy.instruction,
                    line: line_of(
                        structure
                            .outline
                            .get(copy.instruction)
                            .map_or(copy.range, |entry| entry.range)
                            .start,
                    ),
                })
                .collect();
            Rc::new(StageSummary {
                index: stage.index,
                heading: stage_name(stage),
                is_final: Some(stage.index) == last,
                written: stage.base.written.clone(),
                expanded: stage.base.expanded.clone(),
                platform: stage.platform.clone(),
                described,
                from_line: line_of(stage.from_range.start),
                instructions: Rc::new(instructions),
                copies,
            })
        })
        .collect()
}

/// Where `target` is in `structure` now.
fn locate(structure: &Structure, target: Target) -> Option<TextRange> {
    match target {
        Target::From(index) => structure.model.stages.get(index).map(|s| s.from_range),
        Target::Instruction(index) => structure.outline.get(index).map(|entry| entry.range),
    }
}

#[derive(Properties, PartialEq)]
struct StageViewProps {
    stage: Rc<StageSummary>,
    ongoto: Option<Callback<Target>>,
}

/// One stage of the panel: heading, base, where it starts, its instructions and copies.
#[component]
fn StageView(props: &StageViewProps) -> Html {
    let stage = &props.stage;
    let goto_button = |target: Target, label: String| goto_link(&props.ongoto, target, label);
    let described = match &stage.described {
        Described::Image(reference) => image_parts(reference),
        Described::Scratch => {
            html! { <p>{ "scratch: the empty image. Nothing is inherited." }</p> }
        }
        Described::Stage(from) => {
            html! { <p>{ format!("Builds on {from} of this Dockerfile.") }</p> }
        }
        Described::Invalid(reason) => html! { <p class="invalid">{ reason.clone() }</p> },
    };
    html! {
        <li class={classes!("stage", stage.is_final.then_some("stage-final"))}>
            <h3 class="stage-title">
                { stage.heading.clone() }
                if stage.is_final {
                    <span class="final-badge">{ " · final: this stage is the image" }</span>
                } else {
                    <span class="build-badge">{ " · build stage: only what is copied out ships" }</span>
                }
            </h3>
            <p class="stage-base">
                { "FROM " }<code>{ stage.written.clone() }</code>
                if stage.expanded != stage.written {
                    { " → after ARG substitution " }<code>{ stage.expanded.clone() }</code>
                }
                if let Some(platform) = &stage.platform {
                    { " · platform " }<code>{ platform.clone() }</code>
                }
            </p>
            { described }
            <p class="stage-goto">{ goto_button(Target::From(stage.index), format!("Go to FROM on line {}", stage.from_line)) }</p>
            if !stage.instructions.is_empty() {
                <StageInstructions entries={stage.instructions.clone()} ongoto={props.ongoto.clone()} />
            }
            if !stage.copies.is_empty() {
                <ul class="copy-links" aria-label={format!("Copies into {}", stage.heading)}>
                    { for stage.copies.iter().map(|copy| html! {
                        <li>
                            { "COPY --from " }<span aria-hidden="true">{ "← " }</span>{ copy.source.clone() }{ " · " }
                            { goto_button(Target::Instruction(copy.instruction), format!("line {}", copy.line)) }
                        </li>
                    }) }
                </ul>
            }
        </li>
    }
}

#[component]
pub fn StructurePanel(props: &StructurePanelProps) -> Html {
    // Handlers find their target in the text and structure as they are when clicked, so
    // they stay the same from one keystroke to the next.
    let latest = use_mut_ref(|| (props.text.clone(), props.analysis.clone()));
    *latest.borrow_mut() = (props.text.clone(), props.analysis.clone());
    let goto = {
        let editor = props.editor.clone();
        use_callback(editor, move |target: Target, editor| {
            let (text, analysis) = &*latest.borrow();
            if let Some(range) = locate(analysis, target) {
                select_range(editor, text, range.start, range.end);
            }
        })
    };
    // The structure follows the text alone (findings from the worker change nothing here).
    let stages = {
        let analysis = props.analysis.clone();
        use_memo(props.text.clone(), move |text| {
            summaries(&analysis, text, &LineIndex::new(text))
        })
    };
    let model = &props.analysis.model;
    let title_id = format!("{}-title", props.id);

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
                { for stages.iter().map(|stage| html! {
                    <StageView key={stage.index} stage={stage.clone()} ongoto={props.linked.then(|| goto.clone())} />
                }) }
            </ol>
        </section>
    }
}
