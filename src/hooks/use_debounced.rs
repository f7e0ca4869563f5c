//! A value that follows another one only once it has stopped changing, for announcing
//! results to screen readers without speaking on every keystroke.

use gloo::timers::callback::Timeout;
use yew::prelude::*;

/// `value` as it was `millis` milliseconds after it last changed. Starts equal to
/// `value`, so nothing is announced when a page opens.
#[hook]
pub fn use_debounced<T: Clone + PartialEq + 'static>(value: T, millis: u32) -> T {
    let settled = use_state_eq(|| value.clone());
    {
        let settled = settled.clone();
        use_effect_with(value, move |value| {
            let value = value.clone();
            let timeout = Timeout::new(millis, move || settled.set(value));
            move || drop(timeout)
        });
    }
    (*settled).clone()
}
