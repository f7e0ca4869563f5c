//! One line of the editor's highlighted layer, one `<span>` per segment with the text as
//! a text node. Each line is its own component, so a line whose content did not change
//! is not rendered again.

use std::rc::Rc;

use fromlab_engine::diagnostic::Severity;
use yew::prelude::*;

use crate::line_view::{Line, Mark};

#[derive(Properties, PartialEq)]
pub struct EditorLineProps {
    pub line: Rc<Line>,
}

/// The CSS class of a severity (`sev-error`), shared by underlines, markers and lists.
pub fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    }
}

/// The symbol shown with a severity, so it is never told by colour alone.
pub fn severity_symbol(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✖",
        Severity::Warning => "▲",
        Severity::Info => "ℹ",
    }
}

fn mark_classes(mark: Option<Mark>) -> Classes {
    match mark {
        Some(mark) => classes!("diag", severity_class(mark.severity)),
        None => Classes::new(),
    }
}

#[component]
pub fn EditorLine(props: &EditorLineProps) -> Html {
    let line = &props.line;
    html! {
        <div class="code-editor-line">
                { for line.segments.iter().map(|segment| {
                    let mut classes = classes!(segment.class);
                    classes.extend(mark_classes(segment.mark));
                    html! {
                        <span
                            class={classes}
                            data-diagnostic={segment.mark.map(|mark| mark.diagnostic.to_string())}
                        >
                            { segment.text.clone() }
                        </span>
                    }
                }) }
            if let Some(mark) = line.end_mark {
                <span
                    class={classes!("diag-end", mark_classes(Some(mark)))}
                    data-diagnostic={mark.diagnostic.to_string()}
                >
                    { " " }
                </span>
            }
        </div>
    }
}
