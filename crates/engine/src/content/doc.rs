//! The lesson document tree: plain data made from Markdown, which the app maps to Yew
//! nodes and which quizzes and rule docs can reuse. It holds no HTML at all: raw HTML in
//! the Markdown is kept as literal text (and reported by the checks), so nothing a lesson
//! says can ever reach the page as markup.
//!
//! [`parse`] is total: any text gives a tree. Constructs the course does not support
//! (raw HTML, images) are recorded in [`Doc::unsupported`] for the checks to report.

use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::slug::slugify;
use serde::{Deserialize, Serialize};

/// A parsed Markdown body.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Doc {
    pub blocks: Vec<Block>,
    /// Constructs that were turned into plain text because lessons may not use them.
    pub unsupported: Vec<Unsupported>,
}

/// A block-level element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    Heading(Heading),
    Paragraph(Vec<Inline>),
    Code(CodeBlock),
    List(List),
    Quote(Vec<Block>),
    Table(Table),
    Rule,
}

/// A heading with its computed anchor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The explicit `{#id}` if given, otherwise the slugified text; may be empty when the
    /// text has no ASCII letter or digit (the checks reject that).
    pub anchor: String,
    /// Whether `anchor` came from an explicit `{#id}`.
    pub explicit_anchor: bool,
    pub content: Vec<Inline>,
    /// Byte offset of the heading in the body.
    pub offset: usize,
}

/// A fenced or indented code block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeBlock {
    /// The first word of the info string (`dockerfile`, `console`, ...), empty if none.
    pub lang: String,
    pub code: String,
    /// Byte offset of the block in the body.
    pub offset: usize,
}

/// A bulleted or numbered list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct List {
    /// The first number of a numbered list; `None` for bullets.
    pub start: Option<u64>,
    pub items: Vec<Vec<Block>>,
}

/// A table with one header row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub alignments: Vec<Align>,
    pub head: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
}

/// Column alignment of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

/// An inline element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Inline {
    Text(String),
    Code(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strikethrough(Vec<Inline>),
    Link(Link),
    SoftBreak,
    HardBreak,
}

/// A link, already classified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub target: LinkTarget,
    pub content: Vec<Inline>,
    /// Byte offset of the link in the body.
    pub offset: usize,
}

/// Where a link points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkTarget {
    /// `[text](<slug>.md)` or `[text](<slug>.md#anchor)`.
    Lesson {
        slug: String,
        anchor: Option<String>,
    },
    /// `[text](#anchor)`: a heading in the same lesson.
    Anchor(String),
    /// An absolute `http:`, `https:` or `mailto:` URL, rendered as a plain link.
    External(String),
    /// Anything else (relative paths, other schemes); the checks reject it.
    Unsupported(String),
}

impl LinkTarget {
    /// Classifies a link destination as written in Markdown.
    pub fn classify(dest: &str) -> LinkTarget {
        let lower = dest.to_ascii_lowercase();
        if ["http://", "https://", "mailto:"]
            .iter()
            .any(|scheme| lower.starts_with(scheme))
        {
            return LinkTarget::External(dest.to_string());
        }
        if let Some(anchor) = dest.strip_prefix('#') {
            return LinkTarget::Anchor(anchor.to_string());
        }
        let (file, anchor) = match dest.split_once('#') {
            Some((file, anchor)) => (file, Some(anchor.to_string())),
            None => (dest, None),
        };
        match file.strip_suffix(".md") {
            Some(slug) if !slug.is_empty() && !slug.contains(['/', '\\', ':']) => {
                LinkTarget::Lesson {
                    slug: slug.to_string(),
                    anchor,
                }
            }
            _ => LinkTarget::Unsupported(dest.to_string()),
        }
    }
}

/// A construct lessons may not use, kept as text in the tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unsupported {
    /// Byte offset in the body.
    pub offset: usize,
    pub what: UnsupportedKind,
}

/// What kind of unsupported construct was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnsupportedKind {
    /// Raw HTML, inline or as a block.
    Html,
    /// An image: the app loads nothing that is not compiled in.
    Image,
}

impl Doc {
    /// Every heading, in document order, including those nested in lists and quotes.
    pub fn headings(&self) -> Vec<&Heading> {
        let mut out = Vec::new();
        visit_blocks(&self.blocks, &mut |block| {
            if let Block::Heading(heading) = block {
                out.push(heading);
            }
        });
        out
    }

    /// Every code block, in document order.
    pub fn code_blocks(&self) -> Vec<&CodeBlock> {
        let mut out = Vec::new();
        visit_blocks(&self.blocks, &mut |block| {
            if let Block::Code(code) = block {
                out.push(code);
            }
        });
        out
    }

    /// Every link, in document order.
    pub fn links(&self) -> Vec<&Link> {
        let mut out = Vec::new();
        visit_blocks(&self.blocks, &mut |block| match block {
            Block::Heading(heading) => collect_links(&heading.content, &mut out),
            Block::Paragraph(inlines) => collect_links(inlines, &mut out),
            Block::Table(table) => {
                for cell in table.head.iter().chain(table.rows.iter().flatten()) {
                    collect_links(cell, &mut out);
                }
            }
            Block::Code(_) | Block::List(_) | Block::Quote(_) | Block::Rule => {}
        });
        out
    }
}

/// The text of inlines with all markup dropped, as used for anchors and labels.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(text) | Inline::Code(text) => out.push_str(text),
            Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Strikethrough(inner) => {
                push_plain(inner, out)
            }
            Inline::Link(link) => push_plain(&link.content, out),
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
        }
    }
}

fn visit_blocks<'a>(blocks: &'a [Block], f: &mut impl FnMut(&'a Block)) {
    for block in blocks {
        f(block);
        match block {
            Block::List(list) => {
                for item in &list.items {
                    visit_blocks(item, f);
                }
            }
            Block::Quote(inner) => visit_blocks(inner, f),
            _ => {}
        }
    }
}

fn collect_links<'a>(inlines: &'a [Inline], out: &mut Vec<&'a Link>) {
    for inline in inlines {
        match inline {
            Inline::Link(link) => {
                out.push(link);
                collect_links(&link.content, out);
            }
            Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Strikethrough(inner) => {
                collect_links(inner, out)
            }
            Inline::Text(_) | Inline::Code(_) | Inline::SoftBreak | Inline::HardBreak => {}
        }
    }
}

/// The Markdown extensions lessons may use.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Parses a Markdown body into a document tree. Never fails and never panics.
pub fn parse(markdown: &str) -> Doc {
    let mut builder = Builder::default();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        builder.event(event, range.start);
    }
    builder.finish()
}

/// An element under construction.
enum Frame {
    /// A container of blocks (the document, a quote, a list item). Inline content that
    /// arrives directly (tight list items) is gathered in `loose` and wrapped in a paragraph.
    Blocks {
        kind: BlocksKind,
        blocks: Vec<Block>,
        loose: Vec<Inline>,
    },
    Inlines {
        kind: InlinesKind,
        inlines: Vec<Inline>,
    },
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    Table {
        alignments: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Row {
        head: bool,
        cells: Vec<Vec<Inline>>,
    },
    Code {
        lang: String,
        code: String,
        offset: usize,
    },
    /// Raw HTML block: its text is kept as a paragraph of literal text.
    Html {
        text: String,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum BlocksKind {
    Root,
    Quote,
    Item,
}

enum InlinesKind {
    Paragraph,
    Heading {
        level: u8,
        id: Option<String>,
        offset: usize,
    },
    Cell,
    Emphasis,
    Strong,
    Strikethrough,
    Link {
        target: LinkTarget,
        offset: usize,
    },
    /// An image's alt text, kept as text.
    Image,
}

struct Builder {
    stack: Vec<Frame>,
    unsupported: Vec<Unsupported>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            stack: vec![Frame::Blocks {
                kind: BlocksKind::Root,
                blocks: Vec::new(),
                loose: Vec::new(),
            }],
            unsupported: Vec::new(),
        }
    }
}

impl Builder {
    fn event(&mut self, event: Event<'_>, offset: usize) {
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(end) => self.end(end),
            Event::Text(text) => {
                if let Some(Frame::Code { code, .. } | Frame::Html { text: code }) =
                    self.stack.last_mut()
                {
                    code.push_str(&text);
                } else {
                    self.push_inline(Inline::Text(text.into_string()));
                }
            }
            Event::Code(code) => self.push_inline(Inline::Code(code.into_string())),
            Event::Html(html) => {
                if let Some(Frame::Html { text }) = self.stack.last_mut() {
                    text.push_str(&html);
                } else {
                    self.push_inline(Inline::Text(html.into_string()));
                }
            }
            Event::InlineHtml(html) => {
                self.unsupported.push(Unsupported {
                    offset,
                    what: UnsupportedKind::Html,
                });
                self.push_inline(Inline::Text(html.into_string()));
            }
            Event::SoftBreak => self.push_inline(Inline::SoftBreak),
            Event::HardBreak => self.push_inline(Inline::HardBreak),
            Event::Rule => self.push_block(Block::Rule),
            // Footnotes, math and task lists are not enabled; keep whatever text they carry.
            Event::FootnoteReference(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.push_inline(Inline::Text(text.into_string()))
            }
            Event::TaskListMarker(done) => {
                self.push_inline(Inline::Text(if done { "[x] " } else { "[ ] " }.into()))
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, offset: usize) {
        let frame = match tag {
            Tag::Paragraph => inlines(InlinesKind::Paragraph),
            Tag::Heading { level, id, .. } => inlines(InlinesKind::Heading {
                level: heading_level(level),
                id: id.map(|id| id.into_string()),
                offset,
            }),
            Tag::BlockQuote(_) => blocks(BlocksKind::Quote),
            Tag::CodeBlock(kind) => Frame::Code {
                lang: match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                    CodeBlockKind::Indented => String::new(),
                },
                code: String::new(),
                offset,
            },
            Tag::HtmlBlock => {
                self.unsupported.push(Unsupported {
                    offset,
                    what: UnsupportedKind::Html,
                });
                Frame::Html {
                    text: String::new(),
                }
            }
            Tag::List(start) => Frame::List {
                start,
                items: Vec::new(),
            },
            Tag::Item => blocks(BlocksKind::Item),
            Tag::Table(alignments) => Frame::Table {
                alignments: alignments.into_iter().map(align).collect(),
                head: Vec::new(),
                rows: Vec::new(),
            },
            Tag::TableHead => Frame::Row {
                head: true,
                cells: Vec::new(),
            },
            Tag::TableRow => Frame::Row {
                head: false,
                cells: Vec::new(),
            },
            Tag::TableCell => inlines(InlinesKind::Cell),
            Tag::Emphasis => inlines(InlinesKind::Emphasis),
            Tag::Strong => inlines(InlinesKind::Strong),
            Tag::Strikethrough => inlines(InlinesKind::Strikethrough),
            Tag::Link { dest_url, .. } => inlines(InlinesKind::Link {
                target: LinkTarget::classify(&dest_url),
                offset,
            }),
            Tag::Image { .. } => {
                self.unsupported.push(Unsupported {
                    offset,
                    what: UnsupportedKind::Image,
                });
                inlines(InlinesKind::Image)
            }
            // Extensions that are not enabled; treated as plain containers so their text
            // survives if they ever appear.
            Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => blocks(BlocksKind::Quote),
            Tag::Superscript | Tag::Subscript => inlines(InlinesKind::Emphasis),
        };
        self.stack.push(frame);
    }

    fn end(&mut self, _end: TagEnd) {
        // pulldown-cmark balances start and end events, so the top frame is the one
        // being closed; the root frame is never popped here.
        if self.stack.len() <= 1 {
            return;
        }
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Blocks {
                kind,
                mut blocks,
                loose,
            } => {
                if !loose.is_empty() {
                    blocks.push(Block::Paragraph(loose));
                }
                match kind {
                    BlocksKind::Item => {
                        if let Some(Frame::List { items, .. }) = self.stack.last_mut() {
                            items.push(blocks);
                        } else {
                            self.push_block(Block::Quote(blocks));
                        }
                    }
                    BlocksKind::Quote | BlocksKind::Root => self.push_block(Block::Quote(blocks)),
                }
            }
            Frame::Inlines { kind, inlines } => match kind {
                InlinesKind::Paragraph => self.push_block(Block::Paragraph(inlines)),
                InlinesKind::Heading { level, id, offset } => {
                    let explicit_anchor = id.is_some();
                    let anchor = id.unwrap_or_else(|| slugify(&plain_text(&inlines)));
                    self.push_block(Block::Heading(Heading {
                        level,
                        anchor,
                        explicit_anchor,
                        content: inlines,
                        offset,
                    }));
                }
                InlinesKind::Cell => {
                    if let Some(Frame::Row { cells, .. }) = self.stack.last_mut() {
                        cells.push(inlines);
                    }
                }
                InlinesKind::Emphasis => self.push_inline(Inline::Emphasis(inlines)),
                InlinesKind::Strong => self.push_inline(Inline::Strong(inlines)),
                InlinesKind::Strikethrough => self.push_inline(Inline::Strikethrough(inlines)),
                InlinesKind::Link { target, offset } => self.push_inline(Inline::Link(Link {
                    target,
                    content: inlines,
                    offset,
                })),
                InlinesKind::Image => {
                    for inline in inlines {
                        self.push_inline(inline);
                    }
                }
            },
            Frame::List { start, items } => self.push_block(Block::List(List { start, items })),
            Frame::Table {
                alignments,
                head,
                rows,
            } => self.push_block(Block::Table(Table {
                alignments,
                head,
                rows,
            })),
            Frame::Row { head, cells } => {
                if let Some(Frame::Table {
                    head: table_head,
                    rows,
                    ..
                }) = self.stack.last_mut()
                {
                    if head {
                        *table_head = cells;
                    } else {
                        rows.push(cells);
                    }
                }
            }
            Frame::Code { lang, code, offset } => {
                self.push_block(Block::Code(CodeBlock { lang, code, offset }))
            }
            Frame::Html { text } => self.push_block(Block::Paragraph(vec![Inline::Text(text)])),
        }
    }

    fn push_inline(&mut self, inline: Inline) {
        match self.stack.last_mut() {
            Some(Frame::Inlines { inlines, .. }) => push_merged(inlines, inline),
            Some(Frame::Blocks { loose, .. }) => push_merged(loose, inline),
            Some(Frame::Code { code, .. } | Frame::Html { text: code }) => {
                code.push_str(&plain_text(&[inline]))
            }
            // Tables, rows and lists hold no bare inlines in well-formed event streams.
            Some(Frame::List { .. } | Frame::Table { .. } | Frame::Row { .. }) | None => {}
        }
    }

    fn push_block(&mut self, block: Block) {
        // A block closes any paragraph of loose inline text before it.
        if let Some(Frame::Blocks { blocks, loose, .. }) = self.stack.last_mut() {
            if !loose.is_empty() {
                blocks.push(Block::Paragraph(std::mem::take(loose)));
            }
            blocks.push(block);
        }
    }

    fn finish(mut self) -> Doc {
        // Close anything left open (the parser balances events, so this is only a guard).
        while self.stack.len() > 1 {
            self.end(TagEnd::Paragraph);
        }
        let blocks = match self.stack.pop() {
            Some(Frame::Blocks {
                mut blocks, loose, ..
            }) => {
                if !loose.is_empty() {
                    blocks.push(Block::Paragraph(loose));
                }
                blocks
            }
            _ => Vec::new(),
        };
        Doc {
            blocks,
            unsupported: self.unsupported,
        }
    }
}

fn inlines(kind: InlinesKind) -> Frame {
    Frame::Inlines {
        kind,
        inlines: Vec::new(),
    }
}

fn blocks(kind: BlocksKind) -> Frame {
    Frame::Blocks {
        kind,
        blocks: Vec::new(),
        loose: Vec::new(),
    }
}

/// Appends an inline, joining adjacent text that the parser delivered in pieces.
fn push_merged(inlines: &mut Vec<Inline>, inline: Inline) {
    if let (Some(Inline::Text(last)), Inline::Text(next)) = (inlines.last_mut(), &inline) {
        last.push_str(next);
        return;
    }
    inlines.push(inline);
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn align(alignment: Alignment) -> Align {
    match alignment {
        Alignment::None => Align::None,
        Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn headings_get_slugified_or_explicit_anchors() {
        let doc = parse("## Pin by *digest*\n\n### Custom {#mine}\n");
        let headings = doc.headings();
        assert_eq!(headings.len(), 2);
        assert_eq!(headings[0].level, 2);
        assert_eq!(headings[0].anchor, "pin-by-digest");
        assert!(!headings[0].explicit_anchor);
        assert_eq!(
            headings[0].content,
            vec![text("Pin by "), Inline::Emphasis(vec![text("digest")])]
        );
        assert_eq!(headings[1].anchor, "mine");
        assert!(headings[1].explicit_anchor);
        assert_eq!(headings[1].offset, "## Pin by *digest*\n\n".len());
    }

    #[test]
    fn code_blocks_keep_their_language_and_text() {
        let doc = parse("```dockerfile title\nFROM debian:bookworm-slim\n```\n\n    indented\n");
        let code = doc.code_blocks();
        assert_eq!(code[0].lang, "dockerfile");
        assert_eq!(code[0].code, "FROM debian:bookworm-slim\n");
        assert_eq!(code[1].lang, "");
        assert_eq!(code[1].code, "indented\n");
    }

    #[test]
    fn links_are_classified() {
        let cases = [
            (
                "distroless.md",
                LinkTarget::Lesson {
                    slug: "distroless".into(),
                    anchor: None,
                },
            ),
            (
                "distroless.md#debug",
                LinkTarget::Lesson {
                    slug: "distroless".into(),
                    anchor: Some("debug".into()),
                },
            ),
            ("#here", LinkTarget::Anchor("here".into())),
            (
                "https://docs.docker.com/",
                LinkTarget::External("https://docs.docker.com/".into()),
            ),
            ("MAILTO:a@b.c", LinkTarget::External("MAILTO:a@b.c".into())),
            (
                "lessons/x.md",
                LinkTarget::Unsupported("lessons/x.md".into()),
            ),
            (
                "javascript:alert(1)",
                LinkTarget::Unsupported("javascript:alert(1)".into()),
            ),
            (".md", LinkTarget::Unsupported(".md".into())),
        ];
        for (dest, expected) in cases {
            assert_eq!(LinkTarget::classify(dest), expected, "{dest}");
        }
    }

    #[test]
    fn tight_list_items_become_paragraphs_and_links_are_found() {
        let doc = parse("- one [a](#x)\n- two\n\n1. [b](b.md)\n");
        let Block::List(list) = &doc.blocks[0] else {
            panic!("{doc:?}")
        };
        assert_eq!(list.start, None);
        assert_eq!(list.items.len(), 2);
        assert!(
            matches!(&list.items[1][0], Block::Paragraph(inlines) if inlines == &vec![text("two")])
        );
        let Block::List(numbered) = &doc.blocks[1] else {
            panic!("{doc:?}")
        };
        assert_eq!(numbered.start, Some(1));
        let targets: Vec<_> = doc.links().iter().map(|link| link.target.clone()).collect();
        assert_eq!(
            targets,
            vec![
                LinkTarget::Anchor("x".into()),
                LinkTarget::Lesson {
                    slug: "b".into(),
                    anchor: None
                }
            ]
        );
    }

    #[test]
    fn tables_keep_head_rows_and_alignment() {
        let doc = parse("| Base | Shell |\n|:--|--:|\n| `scratch` | no |\n");
        let Block::Table(table) = &doc.blocks[0] else {
            panic!("{doc:?}")
        };
        assert_eq!(table.alignments, vec![Align::Left, Align::Right]);
        assert_eq!(table.head, vec![vec![text("Base")], vec![text("Shell")]]);
        assert_eq!(
            table.rows,
            vec![vec![vec![Inline::Code("scratch".into())], vec![text("no")]]]
        );
    }

    #[test]
    fn html_and_images_stay_text_and_are_reported() {
        let doc = parse("<div>hi</div>\n\nSee <b>this</b> ![alt text](x.png)\n");
        assert_eq!(
            doc.blocks[0],
            Block::Paragraph(vec![text("<div>hi</div>\n")])
        );
        assert_eq!(
            doc.blocks[1],
            Block::Paragraph(vec![text("See <b>this</b> alt text")])
        );
        let kinds: Vec<_> = doc.unsupported.iter().map(|u| u.what).collect();
        assert_eq!(
            kinds,
            vec![
                UnsupportedKind::Html,
                UnsupportedKind::Html,
                UnsupportedKind::Html,
                UnsupportedKind::Image
            ]
        );
    }

    #[test]
    fn quotes_and_rules_nest() {
        let doc = parse("> ## Inside\n> text\n\n---\n");
        let Block::Quote(inner) = &doc.blocks[0] else {
            panic!("{doc:?}")
        };
        assert!(matches!(inner[0], Block::Heading(_)));
        assert_eq!(doc.blocks[1], Block::Rule);
        assert_eq!(doc.headings()[0].anchor, "inside");
    }
}
