//! A rule's documentation, from the engine's rule registry, rendered through the same
//! document tree as the lessons (never as HTML).

use std::rc::Rc;

use fromlab_engine::content::doc;
use fromlab_engine::rules;
use yew::prelude::*;

use crate::components::doc_view::DocView;

#[derive(Properties, PartialEq)]
pub struct RuleDocsProps {
    /// The rule's name (`latest-tag`).
    pub rule: AttrValue,
    /// The HTML level for the docs' `##` headings.
    #[prop_or(4)]
    pub heading_level: u8,
}

#[component]
pub fn RuleDocs(props: &RuleDocsProps) -> Html {
    let found = use_memo(props.rule.clone(), |name| {
        rules::find(name).map(|rule| (rule, Rc::new(doc::parse(rule.docs))))
    });
    let Some((rule, docs)) = (*found).clone() else {
        return html! {};
    };
    let equivalents: Vec<String> = [
        rule.buildkit.map(|name| format!("BuildKit's {name} check")),
        rule.hadolint.map(|name| format!("hadolint {name}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    html! {
        <div class="rule-docs">
            <DocView
                doc={docs}
                slug={AttrValue::from(rule.lesson)}
                heading_level={props.heading_level}
                heading_links={false}
            />
            if !equivalents.is_empty() {
                <p class="rule-equivalents">
                    { format!("Same idea elsewhere: {}.", equivalents.join(", ")) }
                </p>
            }
        </div>
    }
}
