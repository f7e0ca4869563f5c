//! The Feedback panel: every diagnostic of the Dockerfile, errors first, as a list
//! labelled "Feedback", with a count by severity.

use std::rc::Rc;

use fromlab_engine::diagnostic::{Fix, Severity};
use fromlab_engine::syntax::{LineIndex, TextRange};
use yew::prelude::*;

use crate::components::editor::{replace_text, select_range};
use crate::components::feedback_item::FeedbackItem;
use crate::hooks::use_analysis::AnalysisRef;

#[derive(Properties, PartialEq)]
pub struct FeedbackPanelProps {
    pub analysis: AnalysisRef,
    /// The text the analysis describes.
    pub text: AttrValue,
    /// The id of the editor's textarea.
    pub editor: AttrValue,
    /// A prefix for DOM ids, unique on the page.
    #[prop_or(AttrValue::Static("feedback"))]
    pub id: AttrValue,
}

/// "2 errors, 1 warning, 3 notes", or "No problems found".
pub fn count_summary(severities: impl Iterator<Item = Severity>) -> String {
    let (mut errors, mut warnings, mut notes) = (0, 0, 0);
    for severity in severities {
        match severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
            Severity::Info => notes += 1,
        }
    }
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let parts: Vec<String> = [
        (errors, "error", "errors"),
        (warnings, "warning", "warnings"),
        (notes, "note", "notes"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| plural(n, one, many))
    .collect();
    if parts.is_empty() {
        "No problems found".to_string()
    } else {
        parts.join(", ")
    }
}

#[component]
pub fn FeedbackPanel(props: &FeedbackPanelProps) -> Html {
    // Handlers read the latest text, so the items' callbacks stay the same from one
    // keystroke to the next and unchanged items are not rendered again.
    let latest = use_mut_ref(|| props.text.clone());
    *latest.borrow_mut() = props.text.clone();
    let onselect = {
        let latest = latest.clone();
        let editor = props.editor.clone();
        use_callback(editor, move |range: TextRange, editor| {
            select_range(editor, &latest.borrow(), range.start, range.end);
        })
    };
    let onfix = {
        let latest = latest.clone();
        let editor = props.editor.clone();
        use_callback(editor, move |fix: Fix, editor| {
            let old = latest.borrow().to_string();
            replace_text(editor, &old, &fix.apply(&old));
        })
    };
    let positions = use_memo(
        (props.text.clone(), props.analysis.clone()),
        |(text, analysis)| {
            let index = LineIndex::new(text);
            Rc::new(
                analysis
                    .diagnostics
                    .iter()
                    .map(|d| index.line_col(text, d.range.start))
                    .collect::<Vec<_>>(),
            )
        },
    );
    let diagnostics = &props.analysis.diagnostics;
    let summary = count_summary(diagnostics.iter().map(|d| d.severity));
    let title_id = format!("{}-title", props.id);
    // Keys follow the finding, not its position, so an open explanation stays with its
    // item while lines move above it.
    let mut seen: std::collections::HashMap<(&str, &str), usize> = Default::default();
    html! {
        <section class="panel feedback-panel" aria-labelledby={title_id.clone()}>
            <h2 id={title_id} class="panel-title">
                { "Feedback" }<span class="panel-count">{ format!(" · {summary}") }</span>
            </h2>
            if diagnostics.is_empty() {
                <p class="panel-empty">{ "No problems found: no syntax errors and no rule findings." }</p>
            }
            <ul class="feedback-list" aria-label="Feedback">
                { for diagnostics.iter().zip(positions.iter()).enumerate().map(|(index, (d, at))| {
                    let count = seen.entry((d.rule, d.message.as_str())).or_insert(0);
                    *count += 1;
                    let key = format!("{}|{}|{}", d.rule, d.message, count);
                    html! {
                        <FeedbackItem
                            {key}
                            diagnostic={d.clone()}
                            line={at.line}
                            column={at.column}
                            onselect={onselect.clone()}
                            onfix={onfix.clone()}
                            docs_id={AttrValue::from(format!("{}-docs-{index}", props.id))}
                        />
                    }
                }) }
            </ul>
        </section>
    }
}
