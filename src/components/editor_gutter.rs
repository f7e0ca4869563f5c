//! The editor's gutter: line numbers and diagnostic markers beside the text.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::editor_line::{severity_class, severity_symbol};
use crate::line_view::Gutter;

#[derive(Properties, PartialEq)]
pub struct EditorGutterProps {
    /// How many lines the text has.
    pub rows: usize,
    /// The markers, by 0-based line, in order.
    pub markers: Rc<Vec<(usize, Gutter)>>,
    pub onclick: Callback<MouseEvent>,
}

/// The gutter: a row per line with its number (a CSS counter) and, where diagnostics
/// start, the marker of the most severe. Markers answer the pointer only: the gutter is
/// hidden from assistive technology, and the keyboard reaches the same diagnostics
/// through the Feedback list and the message under the caret. It renders again only
/// when the number of lines or the markers change, not on every keystroke.
#[component]
pub fn EditorGutter(props: &EditorGutterProps) -> Html {
    let mut markers = props.markers.iter().peekable();
    html! {
        <div class="code-editor-gutter" aria-hidden="true" onclick={props.onclick.clone()}>
            { for (0..props.rows).map(|row| {
                let marker = markers.next_if(|(line, _)| *line == row).map(|(_, gutter)| gutter);
                html! {
                    <div class="gutter-row">
                        if let Some(gutter) = marker {
                            <span
                                class={classes!("gutter-marker", severity_class(gutter.mark.severity))}
                                title={gutter.title.clone()}
                                data-diagnostic={gutter.mark.diagnostic.to_string()}
                            >
                                { severity_symbol(gutter.mark.severity) }
                            </span>
                        }
                    </div>
                }
            }) }
        </div>
    }
}
