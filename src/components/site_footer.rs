//! The footer of every page: what the app keeps on the device, and the keyboard shortcuts.

use yew::prelude::*;

#[component]
pub fn SiteFooter() -> Html {
    html! {
        <footer class="site-footer">
            <p>
                { "fromlab runs entirely in your browser. Your progress (read marks, quiz scores, solved challenges) stays on this device; nothing is sent anywhere." }
            </p>
            <p>
                { "Keyboard: " }<kbd>{ "Tab" }</kbd>{ " moves between links and buttons. On a lesson, " }
                <kbd>{ "Alt" }</kbd>{ "+" }<kbd>{ "Shift" }</kbd>{ "+" }<kbd>{ "→" }</kbd>
                { " opens the next lesson and " }
                <kbd>{ "Alt" }</kbd>{ "+" }<kbd>{ "Shift" }</kbd>{ "+" }<kbd>{ "←" }</kbd>
                { " the previous one." }
            </p>
        </footer>
    }
}
