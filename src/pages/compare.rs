//! Compare mode: two Dockerfiles side by side (A and B), and what changes from A to B in
//! size and on every tradeoff axis. It starts from the seeds' experiment: the same job
//! built `FROM python:3.12` and `FROM python:3.12-slim`.
//!
//! Addresses: `#/compare` (the learner's own pair, kept on the device) and
//! `#/compare?pair=p1.…` (a shared pair, opened as a copy beside theirs, as in the
//! playground).

use fromlab_engine::share;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{Route, query_param};
use crate::components::compare_side::CompareSide;
use crate::components::compare_table::CompareTable;
use crate::components::live_summary::LiveSummary;
use crate::components::notice::{Notice, NoticeKind};
use crate::components::route_link::RouteLink;
use crate::components::scratch_banner::ScratchBanner;
use crate::components::share_box::ShareBox;
use crate::components::skip_link::MAIN_ID;
use crate::components::work_notice::WorkNotice;
use crate::components::worker_notice::WorkerNotice;
use crate::editing::normalize_newlines;
use crate::hooks::use_analysis::{Progress, use_analysis, use_rendered_mark};
use crate::hooks::use_document_title::use_document_title;
use crate::hooks::use_focus_target::use_focus_target;
use crate::hooks::use_work::{BannerCallbacks, use_work};
use crate::work_state::{Pair, Side};
use fromlab_engine::estimate::DEFAULT_CONTEXT_BYTES;

/// What the address asks compare mode to show.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Opened {
    Own,
    Copy { key: String, pair: Pair },
    Broken(String),
}

impl Opened {
    fn from_query(query: &str) -> Opened {
        let Some(code) = query_param(query, "pair") else {
            return Opened::Own;
        };
        match share::decode_pair(code) {
            Ok((a, b)) => Opened::Copy {
                key: query.trim_start_matches('?').to_string(),
                pair: Pair {
                    a: normalize_newlines(&a),
                    b: normalize_newlines(&b),
                },
            },
            Err(error) => Opened::Broken(format!(
                "The comparison in this link could not be opened: {error}."
            )),
        }
    }
}

#[component]
pub fn ComparePage() -> Html {
    use_document_title(Some(AttrValue::from("Compare")));
    use_focus_target(
        AttrValue::from("compare"),
        AttrValue::from("compare-title"),
        false,
    );
    let work = use_work();
    let navigator = use_navigator();
    let query = use_location()
        .map(|location| location.query_str().to_string())
        .unwrap_or_default();
    let opened = use_memo(query, |query| Opened::from_query(query));
    {
        let pair = work.pair.clone();
        use_effect_with(opened.clone(), move |opened| {
            if let Opened::Copy { key, pair: copy } = &**opened {
                pair.open_scratch(key.clone(), copy.clone());
            }
        });
    }
    let (doc_key, pair, is_copy) = match &*opened {
        Opened::Copy { key, pair } => {
            let current = work.pair.scratch(key).map_or(pair, |s| &s.value).clone();
            (key.clone(), current, true)
        }
        _ => (
            format!("own-{}", work.pair.kept().resets),
            work.pair.value().clone(),
            false,
        ),
    };
    let text_a = AttrValue::from(pair.side(Side::A).to_string());
    let text_b = AttrValue::from(pair.side(Side::B).to_string());
    let context = DEFAULT_CONTEXT_BYTES;
    let analysis_a = use_analysis(text_a.clone(), context);
    let analysis_b = use_analysis(text_b.clone(), context);

    let latest = use_mut_ref(|| pair.clone());
    *latest.borrow_mut() = pair.clone();
    let oninput = {
        let handle = work.pair.clone();
        let latest = latest.clone();
        Callback::from(move |(side, text): (Side, String)| {
            let next = latest.borrow().with(side, text);
            *latest.borrow_mut() = next.clone();
            handle.edit_either(is_copy, next);
        })
    };
    let BannerCallbacks {
        onkeep,
        onback,
        onreplace,
    } = work
        .pair
        .banner_callbacks(navigator.clone(), Route::Compare);
    let share_fragment = {
        let pair = pair.clone();
        Callback::from(move |()| {
            if pair.a.len() > share::MAX_DECODED_BYTES || pair.b.len() > share::MAX_DECODED_BYTES {
                return Err(format!(
                    "a side is larger than the {} KB a link can carry",
                    share::MAX_DECODED_BYTES / 1000
                ));
            }
            Ok(format!(
                "{}?pair={}",
                Route::Compare.href(),
                share::encode_pair(&pair.a, &pair.b)
            ))
        })
    };
    let summary = match (analysis_a.estimate(), analysis_b.estimate()) {
        (Some(a), Some(b)) => {
            let (a, b) = (a.total.uncompressed_bytes, b.total.uncompressed_bytes);
            let change = crate::components::alternatives_table::difference(a, b);
            format!("B compared with A: {change} on disk.")
        }
        _ if *analysis_a.progress() == Progress::Analysing
            || *analysis_b.progress() == Progress::Analysing =>
        {
            "Analysing both Dockerfiles.".to_string()
        }
        _ => "Both sides need a FROM line to compare sizes.".to_string(),
    };
    use_rendered_mark(&analysis_a);
    use_rendered_mark(&analysis_b);

    html! {
        <main id={MAIN_ID} tabindex="-1" class="page compare">
            <h1 id="compare-title" tabindex="-1">{ "Compare two Dockerfiles" }</h1>
            <p class="lead">
                { "Change one thing and see what it costs. This starts from the classic experiment: \
                   the same job built FROM python:3.12 (A) and FROM python:3.12-slim (B), nothing else changed." }
            </p>
            <p class="playground-links">
                <RouteLink to={Route::Playground}>{ "← Back to the playground" }</RouteLink>
            </p>
            <WorkNotice
                what={AttrValue::from("comparison")}
                storage={work.pair.storage().clone()}
                unreadable={work.pair.unreadable().map(|raw| AttrValue::from(raw.to_string()))}
                {onreplace}
            />
            if let Opened::Broken(message) = &*opened {
                <Notice kind={NoticeKind::Warning}>
                    { message.clone() }{ " Your own comparison is shown instead, unchanged." }
                </Notice>
            }
            if is_copy {
                <ScratchBanner
                    origin={AttrValue::from("a comparison from a shared link")}
                    own={AttrValue::from("comparison")}
                    {onkeep}
                    {onback}
                />
            }
            <WorkerNotice progress={analysis_a.progress().clone()} />
            <div class="compare-grid">
                <CompareSide side={Side::A} doc_key={AttrValue::from(format!("{doc_key}-a"))} text={text_a.clone()} analysis={analysis_a.clone()} oninput={oninput.clone()} />
                <CompareSide side={Side::B} doc_key={AttrValue::from(format!("{doc_key}-b"))} text={text_b.clone()} analysis={analysis_b.clone()} {oninput} />
            </div>
            <CompareTable a={analysis_a.clone()} b={analysis_b.clone()} />
            <ShareBox
                text={AttrValue::from(format!("{}\u{0}{}", pair.a, pair.b))}
                fragment={share_fragment}
                id={AttrValue::from("share-pair")}
                what={AttrValue::from("both Dockerfiles")}
            />
            <LiveSummary message={AttrValue::from(summary)} />
        </main>
    }
}
