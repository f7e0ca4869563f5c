//! One diagnostic in the Feedback list: severity in words and symbol, rule, message,
//! where it is (a button that moves the editor's caret there), the rule's docs on
//! demand, its lesson, and its fix. A fix marked unsafe asks first, on the page itself
//! (no browser dialog, which sandboxed embeds cannot show).

use fromlab_engine::diagnostic::{Diagnostic, Fix, FixSafety, Severity};
use fromlab_engine::rules;
use fromlab_engine::syntax::TextRange;
use yew::prelude::*;

use crate::app::Route;
use crate::components::editor_line::{severity_class, severity_symbol};
use crate::components::route_link::RouteLink;
use crate::components::rule_docs::RuleDocs;
use crate::content;
use crate::rich_text::with_code;

#[derive(Properties, PartialEq)]
pub struct FeedbackItemProps {
    pub diagnostic: Diagnostic,
    /// 1-based line and column of the range's start.
    pub line: usize,
    pub column: usize,
    /// Moves the caret to a range.
    pub onselect: Callback<TextRange>,
    /// Applies a fix.
    pub onfix: Callback<Fix>,
    /// A DOM id unique on the page, for the docs this item opens.
    pub docs_id: AttrValue,
}

/// The severity as a word.
pub fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Note",
    }
}

#[component]
pub fn FeedbackItem(props: &FeedbackItemProps) -> Html {
    let explaining = use_state(|| false);
    let confirming = use_state(|| false);
    let d = &props.diagnostic;
    let documented = rules::find(d.rule).is_some();
    let lesson = d.lesson.and_then(content::find).map(|(_, lesson)| lesson);

    let select = {
        let onselect = props.onselect.clone();
        let range = d.range;
        Callback::from(move |_: MouseEvent| onselect.emit(range))
    };
    let toggle_explain = {
        let explaining = explaining.clone();
        Callback::from(move |_: MouseEvent| explaining.set(!*explaining))
    };
    let apply = |fix: &Fix| {
        let onfix = props.onfix.clone();
        let fix = fix.clone();
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| {
            if fix.safety == FixSafety::Unsafe && !*confirming {
                confirming.set(true);
            } else {
                confirming.set(false);
                onfix.emit(fix.clone());
            }
        })
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(false))
    };
    let docs_id = props.docs_id.clone();

    html! {
        <li class={classes!("feedback-item", severity_class(d.severity))}>
            <h3 class="feedback-head">
                <span class="severity-badge">
                    <span aria-hidden="true">{ severity_symbol(d.severity) }</span>
                    { " " }{ severity_word(d.severity) }
                </span>
                { " " }<code class="rule-name">{ d.rule }</code>
                { " " }<span class="rule-code">{ d.code }</span>
            </h3>
            <p class="feedback-message">{ with_code(&d.message) }</p>
            <div class="feedback-actions">
                <button type="button" class="button button-small" onclick={select}>
                    { format!("Go to line {}", props.line) }
                    <span class="visually-hidden">{ format!(", column {}", props.column) }</span>
                </button>
                if documented {
                    <button
                        type="button"
                        class="button button-small"
                        aria-expanded={if *explaining { "true" } else { "false" }}
                        aria-controls={docs_id.clone()}
                        onclick={toggle_explain}
                    >
                        { "Explain" }<span class="visually-hidden">{ format!(" {}", d.rule) }</span>
                    </button>
                }
                if let Some(fix) = &d.fix {
                    <button type="button" class="button button-small button-fix" onclick={apply(fix)}>
                        { "Apply fix" }
                        if fix.safety == FixSafety::Unsafe {
                            { " (check first)" }
                        }
                        <span class="visually-hidden">{ format!(": {}", fix.title.replace('`', "")) }</span>
                    </button>
                }
                if let Some(lesson) = lesson {
                    <RouteLink to={Route::Lesson { slug: lesson.slug.to_string() }} classes={classes!("feedback-lesson")}>
                        { "Lesson: " }{ lesson.title }
                    </RouteLink>
                }
            </div>
            if let Some(fix) = &d.fix {
                <p class="feedback-fix">{ "Fix: " }{ with_code(&fix.title) }</p>
                if *confirming {
                    <div class="fix-confirm" role="group" aria-label="Confirm the fix">
                        <p>
                            <strong>{ "This fix changes how the image behaves." }</strong>
                            { " Read what it does above, and test the image after applying it." }
                        </p>
                        <button type="button" class="button button-small" onclick={apply(fix)}>{ "Apply anyway" }</button>
                        { " " }
                        <button type="button" class="button button-small" onclick={cancel}>{ "Cancel" }</button>
                    </div>
                }
            }
            if documented {
                <div id={docs_id} class="feedback-docs" hidden={!*explaining}>
                    if *explaining {
                        <RuleDocs rule={AttrValue::from(d.rule)} />
                    }
                </div>
            }
        </li>
    }
}
