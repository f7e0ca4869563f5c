//! Markdown from a quiz (a prompt, an option, an explanation), parsed once and shown
//! through the lesson renderer, as blocks or, inside a legend or label, as phrasing.

use std::rc::Rc;

use fromlab_engine::content::doc;
use yew::prelude::*;

use crate::components::doc_view::{DocPhrasing, DocView};

#[derive(Properties, PartialEq)]
pub struct QuizTextProps {
    pub text: AttrValue,
    /// The quiz's lesson, for links to its headings.
    pub slug: AttrValue,
    /// Render as phrasing content (inside `<legend>` or `<label>`).
    #[prop_or_default]
    pub phrasing: bool,
}

#[component]
pub fn QuizText(props: &QuizTextProps) -> Html {
    let parsed = use_memo(props.text.clone(), |text| Rc::new(doc::parse(text)));
    let doc = (*parsed).clone();
    if props.phrasing {
        html! { <DocPhrasing {doc} slug={props.slug.clone()} /> }
    } else {
        html! { <DocView {doc} slug={props.slug.clone()} /> }
    }
}

/// The words of a Markdown text without markup, for announcements and short lists:
/// paragraphs and list items joined with spaces, code blocks left out.
pub fn plain(text: &str) -> String {
    fn push(blocks: &[doc::Block], out: &mut Vec<String>) {
        for block in blocks {
            match block {
                doc::Block::Paragraph(inlines) => out.push(doc::plain_text(inlines)),
                doc::Block::Heading(heading) => out.push(doc::plain_text(&heading.content)),
                doc::Block::List(list) => {
                    for item in &list.items {
                        push(item, out);
                    }
                }
                doc::Block::Quote(inner) => push(inner, out),
                doc::Block::Code(_) | doc::Block::Table(_) | doc::Block::Rule => {}
            }
        }
    }
    let mut parts = Vec::new();
    push(&doc::parse(text).blocks, &mut parts);
    parts.join(" ")
}
