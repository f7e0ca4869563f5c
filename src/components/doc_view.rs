//! Renders a lesson's document tree as Yew nodes. Text is always inserted as text nodes;
//! there is no `inner_html` anywhere, so nothing in a lesson can become markup.
//!
//! [`DocPhrasing`] renders the same tree as phrasing content only, for the places HTML
//! allows no block elements: a quiz prompt in a `<legend>`, an option in a `<label>`.

use std::rc::Rc;

use fromlab_engine::content::doc::{self, Align, Block, Doc, Heading, Inline, LinkTarget, Table};
use yew::prelude::*;

use crate::app::Route;
use crate::components::code_block::CodeBlock;
use crate::components::highlight::Highlight;
use crate::components::route_link::RouteLink;

/// The DOM id of the heading with this anchor. Prefixed so that no heading can take an
/// id the app uses for itself, such as `main`.
pub fn section_id(anchor: &str) -> String {
    format!("section-{anchor}")
}

#[derive(Properties, PartialEq)]
pub struct DocViewProps {
    pub doc: Rc<Doc>,
    /// The lesson being shown, for links to its own headings.
    pub slug: AttrValue,
    /// The HTML level of a `##` heading: 2 in a lesson, deeper where the document sits
    /// inside a page of its own (a rule's docs in the Feedback list).
    #[prop_or(2)]
    pub heading_level: u8,
    /// Whether headings get ids and "link to this section" anchors (lessons only: a
    /// rule's docs can be open several times on one page).
    #[prop_or(true)]
    pub heading_links: bool,
}

#[component]
pub fn DocView(props: &DocViewProps) -> Html {
    let ctx = Ctx {
        slug: &props.slug,
        heading_shift: props.heading_level.saturating_sub(2),
        heading_links: props.heading_links,
    };
    html! {
        <div class="lesson-body">
            { for props.doc.blocks.iter().map(|block| ctx.block(block)) }
        </div>
    }
}

/// A document inside an element that allows only phrasing content. Paragraphs and
/// code blocks become spans and `<code>` shown as blocks by the stylesheet, and lists
/// keep their meaning through ARIA roles. The quiz checks reject what cannot be shown
/// this way (headings, tables, quotes, rules).
#[component]
pub fn DocPhrasing(props: &DocViewProps) -> Html {
    let ctx = Ctx {
        slug: &props.slug,
        heading_shift: props.heading_level.saturating_sub(2),
        heading_links: props.heading_links,
    };
    html! {
        <span class="doc-phrasing">
            { for props.doc.blocks.iter().map(|block| ctx.phrasing_block(block)) }
        </span>
    }
}

/// What rendering needs to know besides the tree.
struct Ctx<'a> {
    slug: &'a AttrValue,
    /// Levels added to every heading.
    heading_shift: u8,
    heading_links: bool,
}

impl Ctx<'_> {
    fn block(&self, block: &Block) -> Html {
        match block {
            Block::Heading(heading) => self.heading(heading),
            Block::Paragraph(inlines) => html! { <p>{ self.inlines(inlines) }</p> },
            Block::Code(code) => html! {
                <CodeBlock
                    code={AttrValue::from(code.code.clone())}
                    lang={AttrValue::from(code.lang.clone())}
                    lesson={Some(self.slug.clone())}
                />
            },
            Block::List(list) => {
                let items = list.items.iter().map(|item| {
                    html! { <li>{ for item.iter().map(|block| self.block(block)) }</li> }
                });
                match list.start {
                    Some(1) => html! { <ol>{ for items }</ol> },
                    Some(start) => html! { <ol start={start.to_string()}>{ for items }</ol> },
                    None => html! { <ul>{ for items }</ul> },
                }
            }
            Block::Quote(blocks) => html! {
                <blockquote>{ for blocks.iter().map(|block| self.block(block)) }</blockquote>
            },
            Block::Table(table) => self.table(table),
            Block::Rule => html! { <hr /> },
        }
    }

    fn phrasing_block(&self, block: &Block) -> Html {
        match block {
            Block::Paragraph(inlines) => {
                html! { <span class="md-para">{ self.inlines(inlines) }</span> }
            }
            Block::Code(code) => html! {
                <code class="md-code-block">
                    if code.lang == "dockerfile" {
                        <Highlight code={AttrValue::from(code.code.clone())} />
                    } else {
                        { code.code.clone() }
                    }
                </code>
            },
            Block::List(list) => html! {
                <span role="list" class={if list.start.is_some() { "md-list md-list-numbered" } else { "md-list" }}>
                    { for list.items.iter().enumerate().map(|(index, item)| html! {
                        <span role="listitem" class="md-list-item">
                            <span class="md-list-marker" aria-hidden="true">
                                { match list.start {
                                    Some(start) => format!("{}.", start.saturating_add(index as u64)),
                                    None => "•".to_string(),
                                } }
                            </span>
                            { for item.iter().map(|block| self.phrasing_block(block)) }
                        </span>
                    }) }
                </span>
            },
            // Rejected in phrasing places by the quiz checks; kept as text if they come.
            Block::Heading(heading) => {
                html! { <strong class="md-para">{ self.inlines(&heading.content) }</strong> }
            }
            Block::Quote(blocks) => html! {
                <span class="md-para">{ for blocks.iter().map(|block| self.phrasing_block(block)) }</span>
            },
            Block::Table(table) => html! {
                <span class="md-para">
                    { for table.head.iter().chain(table.rows.iter().flatten()).map(|cell| html! {
                        <>{ self.inlines(cell) }{ " " }</>
                    }) }
                </span>
            },
            Block::Rule => html! {},
        }
    }

    fn heading(&self, heading: &Heading) -> Html {
        // The checks keep `#` for the title alone, so body headings start at h2; clamping
        // keeps a stray level from producing a second h1 or an invalid tag.
        let tag = format!(
            "h{}",
            heading.level.saturating_add(self.heading_shift).clamp(2, 6)
        );
        if !self.heading_links {
            return html! { <@{tag}>{ self.inlines(&heading.content) }</@> };
        }
        let text = doc::plain_text(&heading.content);
        let route = Route::LessonSection {
            slug: self.slug.to_string(),
            anchor: heading.anchor.clone(),
        };
        html! {
            <div class="heading">
                <@{tag} id={section_id(&heading.anchor)} tabindex="-1">
                    { self.inlines(&heading.content) }
                </@>
                <RouteLink to={route} classes={classes!("heading-anchor")}>
                    <span aria-hidden="true">{ "#" }</span>
                    <span class="visually-hidden">{ format!("Link to the section “{text}”") }</span>
                </RouteLink>
            </div>
        }
    }

    fn table(&self, table: &Table) -> Html {
        let align_class = |column: usize| match table.alignments.get(column) {
            Some(Align::Left) => Some("align-left"),
            Some(Align::Center) => Some("align-center"),
            Some(Align::Right) => Some("align-right"),
            Some(Align::None) | None => None,
        };
        let label = table
            .head
            .iter()
            .map(|cell| doc::plain_text(cell))
            .collect::<Vec<_>>()
            .join(", ");
        html! {
            // A wide table scrolls inside its own focusable, labelled region.
            <div class="table-scroll" role="region" aria-label={format!("Table: {label}")} tabindex="0">
                <table>
                    <thead>
                        <tr>
                            { for table.head.iter().enumerate().map(|(column, cell)| html! {
                                <th scope="col" class={align_class(column)}>{ self.inlines(cell) }</th>
                            }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for table.rows.iter().map(|row| html! {
                            <tr>
                                { for row.iter().enumerate().map(|(column, cell)| html! {
                                    <td class={align_class(column)}>{ self.inlines(cell) }</td>
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        }
    }

    fn inlines(&self, inlines: &[Inline]) -> Html {
        html! { <>{ for inlines.iter().map(|inline| self.inline(inline)) }</> }
    }

    fn inline(&self, inline: &Inline) -> Html {
        match inline {
            Inline::Text(text) => html! { { text.clone() } },
            Inline::Code(code) => html! { <code>{ code.clone() }</code> },
            Inline::Emphasis(inner) => html! { <em>{ self.inlines(inner) }</em> },
            Inline::Strong(inner) => html! { <strong>{ self.inlines(inner) }</strong> },
            Inline::Strikethrough(inner) => html! { <del>{ self.inlines(inner) }</del> },
            Inline::SoftBreak => html! { { " " } },
            Inline::HardBreak => html! { <br /> },
            Inline::Link(link) => {
                let content = self.inlines(&link.content);
                let route = match &link.target {
                    LinkTarget::Lesson { slug, anchor: None } => {
                        Some(Route::Lesson { slug: slug.clone() })
                    }
                    LinkTarget::Lesson {
                        slug,
                        anchor: Some(anchor),
                    } => Some(Route::LessonSection {
                        slug: slug.clone(),
                        anchor: anchor.clone(),
                    }),
                    LinkTarget::Anchor(anchor) => Some(Route::LessonSection {
                        slug: self.slug.to_string(),
                        anchor: anchor.clone(),
                    }),
                    LinkTarget::External(url) => {
                        return html! {
                            <a href={url.clone()} class="external" rel="noopener noreferrer">{ content }</a>
                        };
                    }
                    // The checks reject these, so they never reach a built app; show the
                    // text rather than a link that goes nowhere.
                    LinkTarget::Unsupported(_) => None,
                };
                match route {
                    Some(route) => html! { <RouteLink to={route}>{ content }</RouteLink> },
                    None => content,
                }
            }
        }
    }
}
