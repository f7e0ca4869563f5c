//! The Dockerfile editor: a native `<textarea>` over a highlighted layer kept in step.
//!
//! The textarea does the editing, so undo and redo, selection, IME, paste, spelling
//! settings and mobile keyboards all behave as the platform makes them; its text is
//! transparent and its caret visible. Beneath it, a layer drawn from the engine's tokens
//! shows the colours, line numbers, gutter markers and an underline under the exact
//! range of every diagnostic, for the lines in and near view (the rest of the layer is
//! plain text that lines up the same way; scrolling moves the window, see
//! `line_view::window`). The layer is hidden from assistive technology: the
//! textarea is the one thing a screen reader reads, and the Feedback list carries the
//! diagnostics.
//!
//! Keyboard: Tab indents and Shift+Tab outdents; Escape then Tab leaves the editor, as
//! the help line under it says (no keyboard trap). When the caret is inside a
//! diagnostic's range, its message is shown (and announced politely) under the editor;
//! the pointer shows it on hover.
//!
//! The textarea is uncontrolled: it gets its text once (`initial`, for `doc_key`) and
//! reports every change through `oninput`. Programmatic edits (fixes, a new FROM) go
//! through `services::editor::replace`, which the browser records for undo.

use std::rc::Rc;

use fromlab_engine::diagnostic::Diagnostic;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::editor_gutter::EditorGutter;
use crate::components::editor_line::EditorLine;
use crate::editing::{self, byte_of_utf16, utf16_of_byte};
use crate::hooks::use_analysis::AnalysisRef;
use crate::line_view::{self, Line};
use crate::services::{editor, perf};

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The textarea's DOM id; the editor around it is `<id>-editor`.
    pub id: AttrValue,
    /// The accessible name, shown as the label ("Dockerfile").
    pub label: AttrValue,
    /// Which document is open; a new key reopens the textarea with `initial`.
    pub doc_key: AttrValue,
    /// The text the textarea opens with.
    pub initial: AttrValue,
    /// The text as it is now (what `analysis` describes).
    pub text: AttrValue,
    pub analysis: AnalysisRef,
    pub oninput: Callback<String>,
    /// Shows the text without letting it change (read-only embeds); Tab then moves on.
    #[prop_or_default]
    pub readonly: bool,
}

/// The DOM id of the editor around the textarea with id `id`.
pub fn editor_id(id: &str) -> String {
    format!("{id}-editor")
}

/// Moves the caret of the editor `id` (whose text is `text`) to the byte range `start..end`,
/// scrolled into view.
pub fn select_range(id: &str, text: &str, start: usize, end: usize) {
    editor::select(id, utf16_of_byte(text, start), utf16_of_byte(text, end));
    let starts = line_view::line_starts(text);
    editor::reveal_line(&editor_id(id), line_view::line_of(&starts, start));
}

/// Replaces the whole text of the editor `id` with `new`, as one undoable edit of the
/// part that changed, and moves the caret there.
pub fn replace_text(id: &str, old: &str, new: &str) {
    let change = editing::replacement_between(old, new);
    editor::replace(
        id,
        utf16_of_byte(old, change.start),
        utf16_of_byte(old, change.end),
        &change.text,
        (
            utf16_of_byte(new, change.selection.0),
            utf16_of_byte(new, change.selection.1),
        ),
    );
    let starts = line_view::line_starts(new);
    editor::reveal_line(&editor_id(id), line_view::line_of(&starts, change.start));
}

/// The messages of the diagnostics whose ranges hold `offset`.
fn messages_at(diagnostics: &[Diagnostic], offset: usize) -> String {
    diagnostics
        .iter()
        .filter(|d| d.range.start <= offset && offset <= d.range.end)
        .map(|d| format!("{}: {} ({})", d.severity.name(), d.message, d.rule))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn is_modifier(key: &str) -> bool {
    matches!(key, "Shift" | "Control" | "Alt" | "Meta" | "CapsLock")
}

/// The lines drawn with colours, and the plain text above and below them.
struct Drawn {
    before: Option<AttrValue>,
    lines: Vec<(String, Rc<Line>)>,
    after: Option<AttrValue>,
}

/// The lines drawn before the editor has been measured: a screenful and more.
const FIRST_WINDOW: usize = 96;

#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let starts = use_memo(props.text.clone(), |text| line_view::line_starts(text));
    let rows = starts.len();
    // Only the lines in and near view are drawn with colours (and diagnostics); the rest
    // is plain text laid out like the textarea's own, so a keystroke costs the same in a
    // 1,000-line file as in a 40-line one. Scrolling moves the window.
    let window = use_state_eq(|| 0..FIRST_WINDOW);
    let drawn = use_memo(
        (
            props.text.clone(),
            props.analysis.clone(),
            (*window).clone(),
        ),
        |(text, analysis, window)| {
            let window = window.start.min(rows)..window.end.min(rows);
            let lines = line_view::lines(
                text,
                &starts,
                &analysis.tokens,
                analysis.diagnostics(),
                window.clone(),
            );
            let keys = line_view::line_keys(text, &starts, window.clone());
            Drawn {
                before: line_view::plain_lines(text, &starts, 0..window.start).map(AttrValue::from),
                lines: keys
                    .into_iter()
                    .zip(lines.into_iter().map(Rc::new))
                    .collect(),
                after: line_view::plain_lines(text, &starts, window.end..rows).map(AttrValue::from),
            }
        },
    );
    let markers = use_memo(
        (props.text.clone(), props.analysis.clone()),
        |(text, analysis)| line_view::markers(text, &starts, analysis.diagnostics()),
    );
    let scroller = use_node_ref();
    let rows_now = use_mut_ref(|| rows);
    *rows_now.borrow_mut() = rows;
    let follow_view = {
        let scroller = scroller.clone();
        let window = window.setter();
        let rows_now = rows_now.clone();
        Rc::new(move || {
            let rows = *rows_now.borrow();
            if let Some((first, visible)) = scroller
                .cast::<web_sys::Element>()
                .and_then(|element| editor::lines_in_view(&element, rows))
            {
                window.set(line_view::window(first, visible, rows));
            }
        })
    };
    // Measured once the editor is on the page, and again when the number of lines
    // changes (a paste, a new document) or the view scrolls.
    {
        let follow_view = follow_view.clone();
        use_effect_with(rows, move |_| follow_view());
    }
    let onscroll_view = Callback::from(move |_: Event| follow_view());
    let caret_message = use_state_eq(String::new);
    let hover_message = use_state_eq(|| None::<String>);
    // Escape arms the next Tab to leave the editor instead of indenting.
    let escape_armed = use_mut_ref(|| false);

    // The latest text and analysis, for handlers that must not be rebuilt per keystroke.
    let latest = use_mut_ref(|| (props.text.clone(), props.analysis.clone()));
    *latest.borrow_mut() = (props.text.clone(), props.analysis.clone());

    let update_caret = {
        let caret_message = caret_message.clone();
        let latest = latest.clone();
        let id = props.id.clone();
        Rc::new(move || {
            let Some((start, _)) = editor::selection(&id) else {
                return;
            };
            let (text, analysis) = &*latest.borrow();
            let offset = byte_of_utf16(text, start);
            caret_message.set(messages_at(analysis.diagnostics(), offset));
        })
    };
    // After every new analysis, the message under the caret may have changed.
    {
        let update_caret = update_caret.clone();
        use_effect_with(props.analysis.clone(), move |_| update_caret());
    }

    let oninput = {
        let callback = props.oninput.clone();
        Callback::from(move |event: InputEvent| {
            perf::input();
            if let Some(area) = event
                .target()
                .and_then(|target| target.dyn_into::<HtmlTextAreaElement>().ok())
            {
                callback.emit(area.value());
            }
        })
    };
    let onkeydown = {
        let id = props.id.clone();
        let escape_armed = escape_armed.clone();
        let readonly = props.readonly;
        Callback::from(move |event: KeyboardEvent| {
            if readonly {
                return;
            }
            let key = event.key();
            if key == "Escape" {
                *escape_armed.borrow_mut() = true;
                return;
            }
            if is_modifier(&key) {
                return;
            }
            let armed = std::mem::replace(&mut *escape_armed.borrow_mut(), false);
            if key != "Tab" || armed || event.ctrl_key() || event.alt_key() || event.meta_key() {
                return;
            }
            let (Some(text), Some((start, end))) = (editor::value(&id), editor::selection(&id))
            else {
                return;
            };
            event.prevent_default();
            let (start, end) = (byte_of_utf16(&text, start), byte_of_utf16(&text, end));
            let change = if event.shift_key() {
                editing::outdent(&text, start, end)
            } else {
                editing::indent(&text, start, end)
            };
            let mut after = text.clone();
            after.replace_range(change.start..change.end, &change.text);
            editor::replace(
                &id,
                utf16_of_byte(&text, change.start),
                utf16_of_byte(&text, change.end),
                &change.text,
                (
                    utf16_of_byte(&after, change.selection.0),
                    utf16_of_byte(&after, change.selection.1),
                ),
            );
        })
    };
    let on_caret_event = {
        let update_caret = update_caret.clone();
        Callback::from(move |_: Event| update_caret())
    };
    let onkeyup = {
        let update_caret = update_caret.clone();
        Callback::from(move |_: KeyboardEvent| update_caret())
    };
    let onmouseup = {
        let update_caret = update_caret.clone();
        Callback::from(move |_: MouseEvent| update_caret())
    };
    let onmousemove = {
        let hover_message = hover_message.clone();
        let latest = latest.clone();
        Callback::from(move |event: MouseEvent| {
            let found = editor::diagnostic_at(event.client_x() as f32, event.client_y() as f32);
            let (_, analysis) = &*latest.borrow();
            hover_message.set(found.and_then(|index| {
                analysis
                    .diagnostics()
                    .get(index)
                    .map(|d| format!("{}: {} ({})", d.severity.name(), d.message, d.rule))
            }));
        })
    };
    let onmouseleave = {
        let hover_message = hover_message.clone();
        Callback::from(move |_: MouseEvent| hover_message.set(None))
    };
    // The textarea never scrolls itself: the container scrolls both layers together.
    let onscroll = Callback::from(|event: Event| {
        if let Some(area) = event
            .target()
            .and_then(|target| target.dyn_into::<HtmlTextAreaElement>().ok())
        {
            area.set_scroll_top(0);
            area.set_scroll_left(0);
        }
    });
    // A click on a gutter marker puts the caret on its diagnostic.
    let on_layer_click = {
        let latest = latest.clone();
        let id = props.id.clone();
        use_callback(id, move |event: MouseEvent, id| {
            let index = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                .and_then(|element| element.get_attribute("data-diagnostic"))
                .and_then(|value| value.parse::<usize>().ok());
            let (text, analysis) = &*latest.borrow();
            if let Some(d) = index.and_then(|i| analysis.diagnostics().get(i)) {
                select_range(id, text, d.range.start, d.range.end);
            }
        })
    };

    let digits = rows.to_string().len().clamp(2, 5);
    let help_id = format!("{}-help", props.id);
    let caret_id = format!("{}-caret", props.id);
    html! {
        <div class="code-editor" id={editor_id(&props.id)} data-analysis={props.analysis.progress().name()}>
            <label class="code-editor-label" for={props.id.clone()}>{ props.label.clone() }</label>
            // Two columns scroll together vertically; only the code scrolls sideways, so
            // the line numbers stay in view and focusing the textarea never hides them.
            <div
                class={classes!("code-editor-scroll", format!("gutter-digits-{digits}"))}
                ref={scroller}
                onscroll={onscroll_view}
            >
                <EditorGutter {rows} {markers} onclick={on_layer_click} />
                <div class="code-editor-hscroll">
                <div class="code-editor-code">
                    <pre class="code-editor-layer" aria-hidden="true">
                        if let Some(before) = &drawn.before {
                            <div class="code-editor-plain">{ before.clone() }</div>
                        }
                        { for drawn.lines.iter().map(|(key, line)| html! {
                            <EditorLine key={key.clone()} line={line.clone()} />
                        }) }
                        if let Some(after) = &drawn.after {
                            <div class="code-editor-plain">{ after.clone() }</div>
                        }
                    </pre>
                    <textarea
                        key={props.doc_key.to_string()}
                        id={props.id.clone()}
                        class="code-editor-input"
                        defaultvalue={props.initial.clone()}
                        spellcheck="false"
                        autocapitalize="off"
                        autocomplete="off"
                        autocorrect="off"
                        wrap="off"
                        readonly={props.readonly}
                        aria-describedby={format!("{help_id} {caret_id}")}
                        title={(*hover_message).clone()}
                        {oninput}
                        {onkeydown}
                        {onkeyup}
                        {onmouseup}
                        {onmousemove}
                        {onmouseleave}
                        {onscroll}
                        onfocus={on_caret_event.reform(|event: FocusEvent| event.into())}
                    />
                </div>
                </div>
            </div>
            <p id={help_id} class="code-editor-help">
                if props.readonly {
                    { "Read only: the Dockerfile cannot be changed here." }
                } else {
                <kbd>{ "Tab" }</kbd>{ " indents and " }<kbd>{ "Shift" }</kbd>{ "+" }<kbd>{ "Tab" }</kbd>
                { " outdents. To leave the editor with the keyboard, press " }
                <kbd>{ "Esc" }</kbd>{ " and then " }<kbd>{ "Tab" }</kbd>{ "." }
                }
            </p>
            <p id={caret_id} class="code-editor-caret" role="status">
                if !caret_message.is_empty() {
                    <span class="visually-hidden">{ "At the caret: " }</span>
                    { (*caret_message).clone() }
                }
            </p>
        </div>
    }
}
