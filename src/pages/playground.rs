//! The playground: edit a Dockerfile and watch its feedback, structure and estimated size
//! change on every input, with the learner's draft kept on the device.
//!
//! Addresses:
//! - `#/playground`: the learner's draft (a starting example until they type);
//! - `#/playground?code=v1.…[&from=<lesson>]`: a Dockerfile from a share link or a
//!   lesson's "Open in playground";
//! - `#/playground?example=<id>`: an example from the gallery.
//!
//! Anything opened from an address is a copy beside the draft, never written over it:
//! a banner offers "Keep this as my draft" (after confirming) or "Back to my draft". A
//! link that cannot be read shows a notice and the draft, untouched.

use fromlab_engine::share;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{Route, query_param};
use crate::components::alternatives_table::AlternativesTable;
use crate::components::editor::Editor;
use crate::components::example_gallery::ExampleGallery;
use crate::components::feedback_panel::FeedbackPanel;
use crate::components::live_summary::LiveSummary;
use crate::components::notice::{Notice, NoticeKind};
use crate::components::playground_embed::PlaygroundEmbed;
use crate::components::route_link::RouteLink;
use crate::components::scratch_banner::ScratchBanner;
use crate::components::share_box::ShareBox;
use crate::components::size_panel::SizePanel;
use crate::components::skip_link::MAIN_ID;
use crate::components::spectrum_panel::SpectrumPanel;
use crate::components::structure_panel::StructurePanel;
use crate::components::work_notice::WorkNotice;
use crate::components::worker_notice::WorkerNotice;
use crate::content;
use crate::editing::normalize_newlines;
use crate::embed::decode_component;
use crate::examples;
use crate::hooks::use_analysis::{use_analysis, use_rendered_mark};
use crate::hooks::use_document_title::use_document_title;
use crate::hooks::use_editor_actions::{EditorActions, use_editor_actions};
use crate::hooks::use_focus_target::use_focus_target;
use crate::hooks::use_work::{BannerCallbacks, use_work};
use fromlab_engine::estimate::DEFAULT_CONTEXT_BYTES;

/// The id of the editor's textarea.
const EDITOR: &str = "dockerfile";

/// What the address asks the playground to show.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Opened {
    /// The learner's draft.
    Draft,
    /// A copy from the address; `key` is the query that names it.
    Copy {
        key: String,
        text: String,
        origin: String,
        example: Option<&'static str>,
    },
    /// An address that could not be read, with the sentence to show.
    Broken(String),
}

impl Opened {
    fn from_query(query: &str) -> Opened {
        let key = query.trim_start_matches('?').to_string();
        let origin = || match query_param(query, "from").and_then(content::find) {
            Some((_, lesson)) => format!("an example from the lesson “{}”", lesson.title),
            None => "a Dockerfile from a shared link".to_string(),
        };
        let copy = |text: &str| Opened::Copy {
            key: key.clone(),
            text: normalize_newlines(text),
            origin: origin(),
            example: None,
        };
        if let Some(code) = query_param(query, "code") {
            return match share::decode(code) {
                Ok(text) => copy(&text),
                Err(error) => Opened::Broken(format!(
                    "The Dockerfile in this link could not be opened: {error}."
                )),
            };
        }
        // A lesson's example, as plain text (see `app::playground_query`).
        if let Some(text) = query_param(query, "text") {
            let text = decode_component(text);
            return if text.len() <= share::MAX_DECODED_BYTES {
                copy(&text)
            } else {
                Opened::Broken(format!(
                    "The Dockerfile in this link is longer than the playground opens ({} KB).",
                    share::MAX_DECODED_BYTES / 1024
                ))
            };
        }
        if let Some(id) = query_param(query, "example") {
            return match examples::find(id) {
                Some(example) => Opened::Copy {
                    key,
                    text: example.dockerfile.to_string(),
                    origin: format!("the example “{}”", example.title),
                    example: Some(example.id),
                },
                None => Opened::Broken(format!(
                    "There is no example called “{id}”; it may have been renamed. The gallery below lists them all."
                )),
            };
        }
        Opened::Draft
    }
}

#[component]
pub fn PlaygroundPage() -> Html {
    use_document_title(Some(AttrValue::from("Playground")));
    use_focus_target(
        AttrValue::from("playground"),
        AttrValue::from("playground-title"),
        false,
    );
    let work = use_work();
    let navigator = use_navigator();
    let query = use_location()
        .map(|location| location.query_str().to_string())
        .unwrap_or_default();
    let opened = use_memo(query.clone(), |query| Opened::from_query(query));
    {
        let draft = work.draft.clone();
        use_effect_with(opened.clone(), move |opened| {
            if let Opened::Copy { key, text, .. } = &**opened {
                draft.open_scratch(key.clone(), text.clone());
            }
        });
    }
    let from = query_param(&query, "from").and_then(content::find);

    // Until the effect above has opened the scratch, the copy's own text stands in.
    let (doc_key, text, copy) = match &*opened {
        Opened::Copy {
            key, text, origin, ..
        } => {
            let current = work
                .draft
                .scratch(key)
                .map_or(text.as_str(), |scratch| scratch.value.as_str());
            (key.clone(), current.to_string(), Some(origin.clone()))
        }
        _ => (
            format!("draft-{}", work.draft.kept().resets),
            work.draft.value().clone(),
            None,
        ),
    };
    let text = AttrValue::from(text);
    let context_mb = use_state(|| DEFAULT_CONTEXT_BYTES / 1_000_000);
    let analysis = use_analysis(text.clone(), *context_mb * 1_000_000);
    let estimate = analysis.estimate().cloned();
    let unavailable = analysis.unavailable();

    let oninput = {
        let draft = work.draft.clone();
        let is_copy = copy.is_some();
        Callback::from(move |value: String| draft.edit_either(is_copy, value))
    };
    let BannerCallbacks {
        onkeep,
        onback,
        onreplace,
    } = work
        .draft
        .banner_callbacks(navigator.clone(), Route::Playground);
    let share_fragment = {
        let text = text.clone();
        Callback::from(move |()| {
            if text.len() > share::MAX_DECODED_BYTES {
                return Err(format!(
                    "the Dockerfile is larger than the {} KB a link can carry",
                    share::MAX_DECODED_BYTES / 1000
                ));
            }
            Ok(format!(
                "{}?code={}",
                Route::Playground.href(),
                share::encode(&text)
            ))
        })
    };
    let EditorActions {
        ontry,
        onselect_line,
    } = use_editor_actions(EDITOR, text.clone(), analysis.clone());
    let oncontext = {
        let context_mb = context_mb.clone();
        Callback::from(move |mb: u64| context_mb.set(mb))
    };
    let summary = analysis.summary();
    use_rendered_mark(&analysis);

    let example = match &*opened {
        Opened::Copy { example, .. } => example.map(AttrValue::from),
        _ => None,
    };
    html! {
        <main id={MAIN_ID} tabindex="-1" class="page playground">
            <div class="playground-intro">
                <h1 id="playground-title" tabindex="-1">{ "Playground" }</h1>
                <p class="lead">
                    { "Edit the Dockerfile: feedback, structure and the estimated size follow every change. \
                       Your draft is saved on this device as you type." }
                </p>
                <p class="playground-links">
                    if let Some((_, lesson)) = from {
                        <RouteLink to={Route::Lesson { slug: lesson.slug.to_string() }}>
                            { "← Back to “" }{ lesson.title }{ "”" }
                        </RouteLink>
                        { " · " }
                    }
                    <RouteLink to={Route::Compare}>{ "Compare two Dockerfiles" }</RouteLink>
                </p>
            </div>
            <WorkNotice
                what={AttrValue::from("draft")}
                storage={work.draft.storage().clone()}
                unreadable={work.draft.unreadable().map(|raw| AttrValue::from(raw.to_string()))}
                {onreplace}
            />
            if let Opened::Broken(message) = &*opened {
                <Notice kind={NoticeKind::Warning}>
                    { message.clone() }{ " Your draft is shown instead, unchanged." }
                </Notice>
            }
            if let Some(origin) = &copy {
                <ScratchBanner
                    origin={AttrValue::from(origin.clone())}
                    own={AttrValue::from("draft")}
                    {onkeep}
                    {onback}
                />
            }
            <WorkerNotice progress={analysis.progress().clone()} />
            <div class="workbench">
                <section class="editor-pane" aria-label="Editor">
                    <Editor
                        id={AttrValue::from(EDITOR)}
                        label={AttrValue::from("Dockerfile")}
                        doc_key={AttrValue::from(doc_key)}
                        initial={text.clone()}
                        text={text.clone()}
                        analysis={analysis.clone()}
                        {oninput}
                    />
                    <ShareBox
                        text={text.clone()}
                        fragment={share_fragment}
                        id={AttrValue::from("share")}
                    />
                    <PlaygroundEmbed text={text.clone()} />
                </section>
                <div class="panels">
                    <FeedbackPanel analysis={analysis.clone()} text={text.clone()} editor={AttrValue::from(EDITOR)} />
                    <SizePanel estimate={estimate.clone()} unavailable={unavailable.clone()} context_mb={*context_mb} {oncontext} onselect={Some(onselect_line)} />
                    <SpectrumPanel estimate={estimate.clone()} unavailable={unavailable.clone()} />
                    <AlternativesTable estimate={estimate.clone()} {unavailable} {ontry} />
                    <StructurePanel analysis={analysis.clone()} text={text.clone()} editor={AttrValue::from(EDITOR)} />
                </div>
            </div>
            <LiveSummary message={AttrValue::from(summary)} />
            <ExampleGallery current={example} />
        </main>
    }
}
