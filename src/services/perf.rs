//! Performance marks around the playground's work, for `make bench-ui` and for anyone
//! profiling in the browser's performance panel.
//!
//! Marks and measures (all prefixed `fromlab:`):
//! - `fromlab:input` when the editor receives an input event;
//! - `fromlab:analyse` (a measure) around the engine's analysis;
//! - `fromlab:keystroke` (a measure) from the input to the moment the panels have been
//!   rendered with its result, taken only for edits the learner made.

use std::cell::Cell;

thread_local! {
    /// Whether an input mark waits for its render.
    static INPUT_PENDING: Cell<bool> = const { Cell::new(false) };
}

const INPUT: &str = "fromlab:input";
const ANALYSE_START: &str = "fromlab:analyse-start";
const ANALYSE_END: &str = "fromlab:analyse-end";
const RENDERED: &str = "fromlab:rendered";

fn performance() -> Option<web_sys::Performance> {
    web_sys::window().and_then(|window| window.performance())
}

/// Marks an input event from the learner. When several inputs arrive before the panels
/// catch up, the measure runs from the first of them, so waiting is never hidden.
pub fn input() {
    if INPUT_PENDING.with(|pending| pending.replace(true)) {
        return;
    }
    if let Some(performance) = performance() {
        let _ = performance.mark(INPUT);
    }
}

/// Runs `work` (the analysis) between two marks and records the measure.
pub fn analyse<T>(work: impl FnOnce() -> T) -> T {
    let Some(performance) = performance() else {
        return work();
    };
    let _ = performance.mark(ANALYSE_START);
    let out = work();
    let _ = performance.mark(ANALYSE_END);
    let _ = performance.measure_with_start_mark_and_end_mark(
        "fromlab:analyse",
        ANALYSE_START,
        ANALYSE_END,
    );
    performance.clear_marks_with_mark_name(ANALYSE_START);
    performance.clear_marks_with_mark_name(ANALYSE_END);
    out
}

/// Records that the panels show the latest analysis; closes the keystroke measure if an
/// input is waiting for it.
pub fn rendered() {
    if !INPUT_PENDING.with(|pending| pending.replace(false)) {
        return;
    }
    if let Some(performance) = performance() {
        let _ = performance.mark(RENDERED);
        let _ =
            performance.measure_with_start_mark_and_end_mark("fromlab:keystroke", INPUT, RENDERED);
        performance.clear_marks_with_mark_name(INPUT);
        performance.clear_marks_with_mark_name(RENDERED);
    }
}
