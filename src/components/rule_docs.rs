//! A rule's documentation, asked of the analysis worker (which holds the rule registry)
//! and rendered through the same document tree as the lessons (never as HTML).

use std::rc::Rc;

use fromlab_engine::content::doc::Doc;
use fromlab_engine::transport::{Answer, Ask, RuleDocs as Docs};
use yew::prelude::*;

use crate::components::doc_view::DocView;
use crate::services::worker;

#[derive(Properties, PartialEq)]
pub struct RuleDocsProps {
    /// The rule's name (`latest-tag`).
    pub rule: AttrValue,
    /// The HTML level for the docs' `##` headings.
    #[prop_or(4)]
    pub heading_level: u8,
}

/// Where the docs stand.
#[derive(Clone, PartialEq)]
enum Loaded {
    Loading,
    Found(Rc<Docs>, Rc<Doc>),
    Missing,
    Failed(Rc<str>),
}

#[component]
pub fn RuleDocs(props: &RuleDocsProps) -> Html {
    let loaded = use_state(|| Loaded::Loading);
    {
        let loaded = loaded.setter();
        use_effect_with(props.rule.clone(), move |rule| {
            loaded.set(Loaded::Loading);
            let ask = Ask::Explain {
                rule: rule.to_string(),
            };
            worker::ask(ask, move |reply| {
                loaded.set(match reply {
                    Ok(Answer::Explained { docs: Some(docs) }) => {
                        let doc = Rc::new(docs.doc.clone());
                        Loaded::Found(Rc::new(docs), doc)
                    }
                    Ok(Answer::Refused { reason }) => Loaded::Failed(reason.into()),
                    Ok(_) => Loaded::Missing,
                    Err(reason) => Loaded::Failed(reason),
                });
            });
        });
    }
    let (docs, doc) = match &*loaded {
        Loaded::Loading => {
            return html! { <p class="rule-docs-status">{ "Loading the rule's documentation…" }</p> };
        }
        Loaded::Missing => return html! {},
        Loaded::Failed(reason) => {
            return html! {
                <p class="rule-docs-status">{ format!("The documentation could not be loaded: the analysis worker failed ({reason}).") }</p>
            };
        }
        Loaded::Found(docs, doc) => (docs.clone(), doc.clone()),
    };
    let equivalents: Vec<String> = [
        docs.buildkit
            .as_ref()
            .map(|name| format!("BuildKit's {name} check")),
        docs.hadolint
            .as_ref()
            .map(|name| format!("hadolint {name}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    html! {
        <div class="rule-docs">
            <DocView
                {doc}
                slug={AttrValue::from(docs.lesson.clone())}
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
