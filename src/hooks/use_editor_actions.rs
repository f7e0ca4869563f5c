//! What the size panels and the "Other bases" table do to a playground's editor: move
//! the caret to a line, and rewrite the final `FROM` to another base. Both act on the
//! text and analysis as they are when the learner clicks, so the callbacks are made once
//! and never rebuilt per keystroke.

use fromlab_engine::syntax::LineIndex;
use yew::prelude::*;

use crate::components::editor::{replace_text, select_range};
use crate::editing::with_final_image;
use crate::hooks::use_analysis::AnalysisRef;

/// The callbacks of [`use_editor_actions`].
pub struct EditorActions {
    /// Rewrites the final image to the base given, as an edit the browser can undo.
    pub ontry: Callback<String>,
    /// Moves the caret to the start of the (0-based) line given.
    pub onselect_line: Callback<usize>,
}

/// The actions on the editor whose textarea has the id `editor`, showing `text`.
#[hook]
pub fn use_editor_actions(
    editor: &'static str,
    text: AttrValue,
    analysis: AnalysisRef,
) -> EditorActions {
    let latest = use_mut_ref(|| (text.clone(), analysis.clone()));
    *latest.borrow_mut() = (text, analysis);
    let ontry = {
        let latest = latest.clone();
        Callback::from(move |base: String| {
            let (text, analysis) = &*latest.borrow();
            if let Some(new) = with_final_image(text, &analysis.model, &base) {
                replace_text(editor, text, &new);
            }
        })
    };
    let onselect_line = Callback::from(move |line: usize| {
        let (text, _) = &*latest.borrow();
        if let Some(start) = LineIndex::new(text).line_start(line) {
            select_range(editor, text, start, start);
        }
    });
    EditorActions {
        ontry,
        onselect_line,
    }
}
