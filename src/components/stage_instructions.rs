//! A stage's instructions in the Structure panel, each with a button to its line.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::structure_panel::Target;

/// One instruction in a stage's list: keyword, instruction index, and its 1-based line.
pub type Entry = (String, usize, usize);

#[derive(Properties, PartialEq)]
pub struct StageInstructionsProps {
    pub entries: Rc<Vec<Entry>>,
    /// `None` when no editor is shown (an embed without its code panel).
    pub ongoto: Option<Callback<Target>>,
}

/// A button that moves the editor to `target`, or, with no editor, its label as text.
pub fn goto_link(ongoto: &Option<Callback<Target>>, target: Target, label: String) -> Html {
    match ongoto {
        Some(ongoto) => {
            let onclick = ongoto.reform(move |_: MouseEvent| target);
            html! { <button type="button" class="link-button" {onclick}>{ label }</button> }
        }
        None => html! { <span class="goto-text">{ label }</span> },
    }
}

/// A stage's instructions, folded by default. The list is built only while it is open:
/// a 1,000-line file would otherwise render a thousand hidden items per keystroke.
#[component]
pub fn StageInstructions(props: &StageInstructionsProps) -> Html {
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |event: Event| {
            if let Some(details) = event.target_dyn_into::<web_sys::HtmlDetailsElement>() {
                open.set(details.open());
            }
        })
    };
    let count = props.entries.len();
    html! {
        <details class="stage-instructions" {ontoggle}>
            <summary>{ format!("{count} instruction{} after FROM", if count == 1 { "" } else { "s" }) }</summary>
            if *open {
                <ol>
                    { for props.entries.iter().map(|(keyword, instruction, line)| html! {
                        <li>
                            <code>{ keyword.clone() }</code>{ " " }
                            { goto_link(&props.ongoto, Target::Instruction(*instruction), format!("line {line}")) }
                        </li>
                    }) }
                </ol>
            }
        </details>
    }
}
