//! The playground as an embed (`#/embed/playground?...`): the Dockerfile from the
//! address (or the starting example), editable or read-only, with the chosen panels
//! only. It reuses the playground's editor, panels and analysis hook, and keeps its
//! text in memory: nothing typed here touches the learner's draft.

use fromlab_engine::estimate::DEFAULT_CONTEXT_BYTES;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::alternatives_table::AlternativesTable;
use crate::components::editor::Editor;
use crate::components::feedback_panel::FeedbackPanel;
use crate::components::live_summary::LiveSummary;
use crate::components::size_panel::SizePanel;
use crate::components::spectrum_panel::SpectrumPanel;
use crate::components::structure_panel::StructurePanel;
use crate::components::worker_notice::WorkerNotice;
use crate::embed::{self, Mode, Panel};
use crate::hooks::use_analysis::{use_analysis, use_rendered_mark};
use crate::hooks::use_document_title::use_document_title;
use crate::hooks::use_editor_actions::{EditorActions, use_editor_actions};
use crate::pages::embed_quiz::{EmbedHeader, ProblemList};

/// The id of the embedded editor's textarea.
const EDITOR: &str = "embed-dockerfile";

#[component]
pub fn EmbedPlaygroundPage() -> Html {
    let query = use_location()
        .map(|location| location.query_str().to_string())
        .unwrap_or_default();
    // A new address is a new document: the key restarts the text from it.
    let value = AttrValue::from(query.clone());
    html! { <EmbeddedPlayground key={query} query={value} /> }
}

#[derive(Properties, PartialEq)]
struct EmbeddedPlaygroundProps {
    query: AttrValue,
}

#[component]
fn EmbeddedPlayground(props: &EmbeddedPlaygroundProps) -> Html {
    use_document_title(Some(AttrValue::from("Playground (embedded)")));
    let parsed = use_memo(props.query.clone(), |query| {
        embed::playground_options(query)
    });
    let (options, problems) = &*parsed;
    let text = {
        let source = options.source.clone();
        use_state(move || AttrValue::from(source.text()))
    };
    let context_mb = use_state(|| DEFAULT_CONTEXT_BYTES / 1_000_000);
    let analysis = use_analysis((*text).clone(), *context_mb * 1_000_000);
    let estimate = analysis.estimate().cloned();
    let unavailable = analysis.unavailable();
    let editable = options.mode == Mode::Edit;
    let shows = |panel: Panel| options.panels.contains(&panel);
    let has_code = shows(Panel::Code);

    let oninput = {
        let text = text.clone();
        Callback::from(move |value: String| text.set(AttrValue::from(value)))
    };
    let EditorActions {
        ontry,
        onselect_line,
    } = use_editor_actions(EDITOR, (*text).clone(), analysis.clone());
    let oncontext = {
        let context_mb = context_mb.clone();
        Callback::from(move |mb: u64| context_mb.set(mb))
    };
    let summary = analysis.summary();
    use_rendered_mark(&analysis);

    let title = options
        .common
        .title
        .clone()
        .unwrap_or_else(|| "Dockerfile playground".to_string());
    let editor = AttrValue::from(EDITOR);
    html! {
        <main id="main" tabindex="-1" class="embed-page embed-playground">
            <EmbedHeader title={AttrValue::from(title)} />
            <ProblemList problems={problems.clone()} />
            if let Some(lesson) = options.from {
                <p class="embed-note">{ format!("An example from the lesson “{lesson}”.") }</p>
            }
            <p class="embed-note">
                { if editable {
                    "Edit the Dockerfile: the panels follow every change. Nothing here is saved."
                } else {
                    "This Dockerfile is read-only here."
                } }
            </p>
            <WorkerNotice progress={analysis.progress().clone()} />
            <div class={classes!("workbench", (!has_code).then_some("workbench-panels-only"))}>
                if has_code {
                    <section class="editor-pane" aria-label="Editor">
                        <Editor
                            id={editor.clone()}
                            label={AttrValue::from("Dockerfile")}
                            doc_key={AttrValue::from("embed")}
                            initial={(*text).clone()}
                            text={(*text).clone()}
                            analysis={analysis.clone()}
                            {oninput}
                            readonly={!editable}
                        />
                    </section>
                }
                <div class="panels">
                    if shows(Panel::Feedback) {
                        <FeedbackPanel
                            analysis={analysis.clone()}
                            text={(*text).clone()}
                            editor={editor.clone()}
                            linked={has_code}
                            fixable={has_code && editable}
                        />
                    }
                    if shows(Panel::Size) {
                        <SizePanel estimate={estimate.clone()} unavailable={unavailable.clone()} context_mb={*context_mb} {oncontext} onselect={has_code.then_some(onselect_line)} />
                    }
                    if shows(Panel::Spectrum) {
                        <SpectrumPanel estimate={estimate.clone()} unavailable={unavailable.clone()} />
                    }
                    if shows(Panel::Alternatives) {
                        <AlternativesTable estimate={estimate.clone()} {unavailable} {ontry} editable={has_code && editable} />
                    }
                    if shows(Panel::Structure) {
                        <StructurePanel analysis={analysis.clone()} text={(*text).clone()} editor={editor.clone()} linked={has_code} />
                    }
                </div>
            </div>
            <LiveSummary message={AttrValue::from(summary)} />
        </main>
    }
}
