//! Embeds for documentation sites: what the query of an `#/embed/...` address asks for,
//! and the `<iframe>` snippet the "Embed" action hands out. Pure functions, tested
//! natively; the pages in `pages/embed_*.rs` render what these return.
//!
//! A bad parameter never stops an embed: each one becomes a [`Problem`], shown as a
//! notice above whatever could still be rendered, and every value goes into the page as
//! text.

use fromlab_engine::share;

use crate::app::query_param;
use crate::{content, examples};

/// The message type an embed posts to its parent window whenever its height changes:
/// `{ type: "fromlab:height", height: <CSS pixels>, id: <the id parameter or null> }`.
pub const HEIGHT_MESSAGE: &str = "fromlab:height";

/// The message an embedded challenge posts when the learner submits it (see
/// `services/frame.rs` for the fields).
pub const ANSWERED_MESSAGE: &str = "fromlab:answered";

/// The message an embedded challenge posts when every goal is met.
pub const SOLVED_MESSAGE: &str = "fromlab:solved";

/// The host script, copied next to `index.html` by Trunk.
pub const HOST_SCRIPT: &str = "embed-host.js";

/// The longest `id` or `title` kept; longer values are cut (and said so).
const MAX_TEXT: usize = 200;

/// One panel of the embedded playground, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Code,
    Feedback,
    Size,
    Spectrum,
    Alternatives,
    Structure,
}

impl Panel {
    pub const ALL: [Panel; 6] = [
        Panel::Code,
        Panel::Feedback,
        Panel::Size,
        Panel::Spectrum,
        Panel::Alternatives,
        Panel::Structure,
    ];

    /// Shown when `panels` is not given.
    pub const DEFAULT: [Panel; 3] = [Panel::Code, Panel::Feedback, Panel::Size];

    /// The parameter value naming this panel.
    pub fn name(self) -> &'static str {
        match self {
            Panel::Code => "code",
            Panel::Feedback => "feedback",
            Panel::Size => "size",
            Panel::Spectrum => "spectrum",
            Panel::Alternatives => "alternatives",
            Panel::Structure => "structure",
        }
    }

    /// What the panel shows, for the Embed action's check boxes.
    pub fn label(self) -> &'static str {
        match self {
            Panel::Code => "The Dockerfile",
            Panel::Feedback => "Feedback",
            Panel::Size => "Estimated size",
            Panel::Spectrum => "Base-image spectrum",
            Panel::Alternatives => "Other bases",
            Panel::Structure => "Structure",
        }
    }

    fn from_name(name: &str) -> Option<Panel> {
        Panel::ALL.into_iter().find(|panel| panel.name() == name)
    }
}

/// Whether the embedded playground's Dockerfile can be edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Edit,
    Read,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Edit => "edit",
            Mode::Read => "read",
        }
    }
}

/// A parameter that could not be used, with the sentence that says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem(pub String);

/// Where the embedded playground's Dockerfile comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// No `code` or `example`: the playground's starting example.
    Start,
    /// A share code, decoded.
    Shared(String),
    /// A gallery example, by id.
    Example(&'static str),
}

impl Source {
    /// The Dockerfile text to open with.
    pub fn text(&self) -> String {
        match self {
            Source::Start => examples::starting_draft(),
            Source::Shared(text) => text.clone(),
            Source::Example(id) => examples::find(id)
                .map(|example| example.dockerfile.to_string())
                .unwrap_or_default(),
        }
    }
}

/// What every embed understands: `id` (echoed in height messages) and `title`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Common {
    pub id: Option<String>,
    pub title: Option<String>,
}

/// The embedded playground's parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaygroundOptions {
    pub common: Common,
    pub source: Source,
    /// The lesson the Dockerfile comes from (`from=<slug>`, as lesson links set it),
    /// named above the editor.
    pub from: Option<&'static str>,
    pub mode: Mode,
    pub panels: Vec<Panel>,
}

/// The embedded lesson's parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonOptions {
    pub common: Common,
    /// Whether the lesson's quiz follows its text (`quiz=on`, the default, or `off`).
    pub quiz: bool,
}

/// Parameter names each kind of embed accepts (beyond `id` and `title`).
const PLAYGROUND_PARAMS: [&str; 6] = ["code", "text", "example", "from", "mode", "panels"];
const LESSON_PARAMS: [&str; 1] = ["quiz"];

/// Reads the parameters of `#/embed/playground?...`.
pub fn playground_options(query: &str) -> (PlaygroundOptions, Vec<Problem>) {
    let mut problems = unknown_names(query, &PLAYGROUND_PARAMS);
    let common = common(query, &mut problems);
    let code = query_param(query, "code");
    let text = query_param(query, "text");
    let example = query_param(query, "example");
    let given: Vec<&str> = [("code", code), ("text", text), ("example", example)]
        .iter()
        .filter(|(_, value)| value.is_some())
        .map(|(name, _)| *name)
        .collect();
    if given.len() > 1 {
        problems.push(Problem(format!(
            "Give only one of “code”, “text” and “example”; “{}” is used.",
            given[0]
        )));
    }
    let source = match (code, text, example) {
        (None, Some(text), _) => {
            // A lesson's example, as plain text (see `app::playground_query`).
            let text = decode_component(text);
            if text.len() <= share::MAX_DECODED_BYTES {
                Source::Shared(crate::editing::normalize_newlines(&text))
            } else {
                problems.push(Problem(format!(
                    "The Dockerfile in “text” is longer than {} KB; the starting example is shown instead.",
                    share::MAX_DECODED_BYTES / 1024
                )));
                Source::Start
            }
        }
        (Some(code), _, _) => match share::decode(code) {
            Ok(text) => Source::Shared(crate::editing::normalize_newlines(&text)),
            Err(error) => {
                problems.push(Problem(format!(
                        "The Dockerfile in “code” could not be read ({error}); the starting example is shown instead."
                    )));
                Source::Start
            }
        },
        (None, None, Some(id)) => {
            let id = decode_component(id);
            match examples::find(&id) {
                Some(found) => Source::Example(found.id),
                None => {
                    problems.push(Problem(format!(
                        "There is no example called “{}”; the starting example is shown instead.",
                        cut(&id)
                    )));
                    Source::Start
                }
            }
        }
        (None, None, None) => Source::Start,
    };
    let from = query_param(query, "from")
        .map(decode_component)
        .and_then(|slug| {
            let found = content::find(&slug).map(|(_, lesson)| lesson.title);
            if found.is_none() {
                problems.push(Problem(format!(
                    "There is no lesson called “{}” (in “from”).",
                    cut(&slug)
                )));
            }
            found
        });
    let mode = match query_param(query, "mode").map(decode_component).as_deref() {
        None | Some("edit") => Mode::Edit,
        Some("read") => Mode::Read,
        Some(other) => {
            problems.push(Problem(format!(
                "“mode” is “edit” or “read”, not “{}”; the Dockerfile can be edited.",
                cut(other)
            )));
            Mode::Edit
        }
    };
    let panels = match query_param(query, "panels") {
        None => Panel::DEFAULT.to_vec(),
        Some(list) => {
            let list = decode_component(list);
            let mut chosen = Vec::new();
            for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                match Panel::from_name(name) {
                    Some(panel) if !chosen.contains(&panel) => chosen.push(panel),
                    Some(_) => {}
                    None => problems.push(Problem(format!(
                        "There is no panel called “{}”. Panels are: {}.",
                        cut(name),
                        panel_names()
                    ))),
                }
            }
            if chosen.is_empty() {
                problems.push(Problem(
                    "“panels” names no known panel; the default panels are shown.".into(),
                ));
                Panel::DEFAULT.to_vec()
            } else {
                // Shown in a fixed order, whatever the order in the address.
                Panel::ALL
                    .into_iter()
                    .filter(|panel| chosen.contains(panel))
                    .collect()
            }
        }
    };
    (
        PlaygroundOptions {
            common,
            source,
            from,
            mode,
            panels,
        },
        problems,
    )
}

/// Reads the parameters of `#/embed/lesson/<slug>?...`.
pub fn lesson_options(query: &str) -> (LessonOptions, Vec<Problem>) {
    let mut problems = unknown_names(query, &LESSON_PARAMS);
    let common = common(query, &mut problems);
    let quiz = on_off(query, "quiz", "the quiz is shown", &mut problems);
    (LessonOptions { common, quiz }, problems)
}

/// The embedded challenge's parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengeOptions {
    pub common: Common,
    /// Whether the embed's heading and note are shown (`header=on`, the default, or
    /// `off`, for a page that introduces the challenge itself, like a lesson's quiz).
    pub header: bool,
}

const CHALLENGE_PARAMS: [&str; 1] = ["header"];

/// Reads the parameters of `#/embed/challenge/<slug>/<question>?...`.
pub fn challenge_options(query: &str) -> (ChallengeOptions, Vec<Problem>) {
    let mut problems = unknown_names(query, &CHALLENGE_PARAMS);
    let common = common(query, &mut problems);
    let header = on_off(query, "header", "the heading is shown", &mut problems);
    (ChallengeOptions { common, header }, problems)
}

/// A parameter that is `on` (the default) or `off`; anything else is a problem, and on.
fn on_off(query: &str, name: &str, fallback: &str, problems: &mut Vec<Problem>) -> bool {
    match query_param(query, name).map(decode_component).as_deref() {
        None | Some("on") => true,
        Some("off") => false,
        Some(other) => {
            problems.push(Problem(format!(
                "“{name}” is “on” or “off”, not “{}”; {fallback}.",
                cut(other)
            )));
            true
        }
    }
}

/// Reads the parameters of a quiz embed, which takes only `id` and `title`.
pub fn plain_options(query: &str) -> (Common, Vec<Problem>) {
    let mut problems = unknown_names(query, &[]);
    let common = common(query, &mut problems);
    (common, problems)
}

fn common(query: &str, problems: &mut Vec<Problem>) -> Common {
    let mut text = |name: &str| {
        query_param(query, name).map(decode_component).map(|value| {
            if value.chars().count() > MAX_TEXT {
                problems.push(Problem(format!(
                    "“{name}” is longer than {MAX_TEXT} characters and was cut."
                )));
                value.chars().take(MAX_TEXT).collect()
            } else {
                value
            }
        })
    };
    Common {
        id: text("id").filter(|id| !id.is_empty()),
        title: text("title").filter(|title| !title.trim().is_empty()),
    }
}

/// A problem for every parameter name that is neither common nor in `known`.
fn unknown_names(query: &str, known: &[&str]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for pair in query.trim_start_matches('?').split('&') {
        let name = decode_component(pair.split_once('=').map_or(pair, |(name, _)| name));
        if name.is_empty() || name == "id" || name == "title" || known.contains(&name.as_str()) {
            continue;
        }
        let mut accepted = vec!["id", "title"];
        accepted.extend_from_slice(known);
        problems.push(Problem(format!(
            "This embed has no parameter called “{}”; it takes {}.",
            cut(&name),
            accepted
                .iter()
                .map(|n| format!("“{n}”"))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    problems
}

fn panel_names() -> String {
    Panel::ALL
        .iter()
        .map(|panel| panel.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A value quoted in a notice, kept short.
fn cut(value: &str) -> String {
    const SHOWN: usize = 60;
    if value.chars().count() > SHOWN {
        format!("{}…", value.chars().take(SHOWN).collect::<String>())
    } else {
        value.to_string()
    }
}

/// Encodes a query component, the inverse of [`decode_component`]: letters, digits and
/// `-._~` stay, everything else is `%XX` of its UTF-8 bytes.
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes one query component: `+` is a space and `%XX` a byte; bytes that are not
/// UTF-8 become U+FFFD, and a `%` not followed by two hex digits stays as it is.
pub fn decode_component(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let hex = |offset: usize| {
            bytes
                .get(at + offset)
                .and_then(|b| (*b as char).to_digit(16))
        };
        match (byte, hex(1), hex(2)) {
            (b'%', Some(high), Some(low)) => {
                out.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                at += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                at += 1;
            }
            _ => {
                out.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The route fragment of an embedded playground.
pub fn playground_fragment(text: &str, mode: Mode, panels: &[Panel]) -> String {
    let mut query = format!("code={}", share::encode(text));
    if mode != Mode::Edit {
        query.push_str(&format!("&mode={}", mode.name()));
    }
    if panels != Panel::DEFAULT {
        let names: Vec<&str> = Panel::ALL
            .iter()
            .filter(|panel| panels.contains(panel))
            .map(|panel| panel.name())
            .collect();
        query.push_str(&format!("&panels={}", names.join(",")));
    }
    format!("#/embed/playground?{query}")
}

/// The address of a file beside the page at `page` (its fragment and query dropped, and
/// its last path segment replaced), so the host script is found from any sub-path.
pub fn sibling_url(page: &str, file: &str) -> String {
    let page = page.split_once('#').map_or(page, |(page, _)| page);
    let page = page.split_once('?').map_or(page, |(page, _)| page);
    match page.rfind('/') {
        Some(slash) => format!("{}{file}", &page[..=slash]),
        None => file.to_string(),
    }
}

/// Escapes text for a double-quoted HTML attribute.
pub fn escape_attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// The HTML a documentation site pastes: the sandboxed `<iframe>` and the host script
/// that sizes it. `src` and `script` are absolute addresses.
pub fn snippet(src: &str, title: &str, script: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" sandbox=\"allow-scripts allow-same-origin\" \
         width=\"100%\" height=\"480\" loading=\"lazy\" data-fromlab-embed></iframe>\n\
         <script src=\"{}\" defer></script>",
        escape_attribute(src),
        escape_attribute(title),
        escape_attribute(script)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(problems: &[Problem]) -> Vec<&str> {
        problems.iter().map(|p| p.0.as_str()).collect()
    }

    #[test]
    fn a_bare_playground_embed_has_the_defaults() {
        let (options, problems) = playground_options("");
        assert!(problems.is_empty());
        assert_eq!(options.source, Source::Start);
        assert_eq!(options.mode, Mode::Edit);
        assert_eq!(options.panels, Panel::DEFAULT.to_vec());
        assert_eq!(options.common, Common::default());
    }

    #[test]
    fn code_mode_and_panels_are_read() {
        let code = share::encode("FROM alpine:3.20\r\nRUN true\n");
        let query =
            format!("?code={code}&mode=read&panels=size,code,size&id=intro&title=Hello+there");
        let (options, problems) = playground_options(&query);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            options.source,
            Source::Shared("FROM alpine:3.20\nRUN true\n".into())
        );
        assert_eq!(options.mode, Mode::Read);
        assert_eq!(options.panels, vec![Panel::Code, Panel::Size]);
        assert_eq!(options.common.id.as_deref(), Some("intro"));
        assert_eq!(options.common.title.as_deref(), Some("Hello there"));
    }

    #[test]
    fn bad_values_become_problems_and_defaults() {
        let (options, problems) =
            playground_options("code=v1.%%%&mode=write&panels=size,charts&colour=red");
        assert_eq!(options.source, Source::Start);
        assert_eq!(options.mode, Mode::Edit);
        assert_eq!(options.panels, vec![Panel::Size]);
        let text = messages(&problems).join("\n");
        assert!(text.contains("no parameter called “colour”"), "{text}");
        assert!(text.contains("could not be read"), "{text}");
        assert!(text.contains("not “write”"), "{text}");
        assert!(text.contains("no panel called “charts”"), "{text}");
        assert_eq!(problems.len(), 4);
    }

    #[test]
    fn no_known_panel_falls_back_to_the_defaults() {
        let (options, problems) = playground_options("panels=%3Cscript%3E");
        assert_eq!(options.panels, Panel::DEFAULT.to_vec());
        let text = messages(&problems).join("\n");
        assert!(text.contains("no panel called “<script>”"), "{text}");
        assert!(text.contains("names no known panel"), "{text}");
    }

    #[test]
    fn examples_are_found_by_id_and_unknown_ones_reported() {
        let first = examples::examples()
            .first()
            .expect("the gallery has examples");
        let (options, problems) = playground_options(&format!("example={}", first.id));
        assert!(problems.is_empty());
        assert_eq!(options.source, Source::Example(first.id));
        assert_eq!(options.source.text(), first.dockerfile);
        let (options, problems) = playground_options("example=nothing-here");
        assert_eq!(options.source, Source::Start);
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn plain_text_opens_as_given_and_one_source_wins() {
        let query = crate::app::playground_query("FROM alpine:3.24\r\nRUN echo <b>&\n", None);
        let (options, problems) = playground_options(&query);
        assert!(problems.is_empty(), "{:?}", messages(&problems));
        assert_eq!(
            options.source,
            Source::Shared("FROM alpine:3.24\nRUN echo <b>&\n".into())
        );
        let too_long = format!("text={}", "x".repeat(share::MAX_DECODED_BYTES + 1));
        let (options, problems) = playground_options(&too_long);
        assert_eq!(options.source, Source::Start);
        assert_eq!(problems.len(), 1);
        let code = share::encode("FROM scratch\n");
        let (options, problems) =
            playground_options(&format!("text=FROM%20a&code={code}&example=x"));
        assert_eq!(options.source, Source::Shared("FROM scratch\n".into()));
        assert_eq!(
            messages(&problems),
            ["Give only one of “code”, “text” and “example”; “code” is used."]
        );
    }

    #[test]
    fn long_text_is_cut_and_html_is_kept_as_text() {
        let long = "x".repeat(MAX_TEXT + 10);
        let (common, problems) = plain_options(&format!("title={long}"));
        assert_eq!(common.title.map(|t| t.chars().count()), Some(MAX_TEXT));
        assert_eq!(problems.len(), 1);
        let (common, problems) = plain_options("title=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E");
        assert!(problems.is_empty());
        assert_eq!(
            common.title.as_deref(),
            Some("<img src=x onerror=alert(1)>")
        );
    }

    #[test]
    fn from_names_a_lesson_by_its_title() {
        let lesson = content::lessons().first().expect("a course");
        let (options, problems) = playground_options(&format!("from={}", lesson.slug));
        assert!(problems.is_empty());
        assert_eq!(options.from, Some(lesson.title));
        let (options, problems) = playground_options("from=nowhere");
        assert_eq!(options.from, None);
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn lesson_quiz_switch() {
        assert!(lesson_options("").0.quiz);
        assert!(!lesson_options("quiz=off").0.quiz);
        let (options, problems) = lesson_options("quiz=maybe");
        assert!(options.quiz);
        assert_eq!(problems.len(), 1);
        // A playground parameter means nothing to a lesson.
        assert_eq!(lesson_options("mode=read").1.len(), 1);
    }

    #[test]
    fn challenge_header_switch() {
        assert!(challenge_options("").0.header);
        let (options, problems) = challenge_options("header=off&id=q1");
        assert!(!options.header);
        assert_eq!(options.common.id.as_deref(), Some("q1"));
        assert!(problems.is_empty());
        let (options, problems) = challenge_options("header=no");
        assert!(options.header);
        assert_eq!(
            problems,
            vec![Problem(
                "“header” is “on” or “off”, not “no”; the heading is shown.".into()
            )]
        );
        // The lesson's switch means nothing to a challenge.
        assert_eq!(challenge_options("quiz=off").1.len(), 1);
    }

    #[test]
    fn components_round_trip() {
        for text in ["", "a b", "100%", "é & <b>", "a+b=c?d#e/f"] {
            assert_eq!(decode_component(&encode_component(text)), text);
        }
        assert_eq!(decode_component("%zz%4"), "%zz%4");
        assert_eq!(decode_component("%FF"), "\u{FFFD}");
    }

    #[test]
    fn playground_fragments_parse_back() {
        let fragment = playground_fragment("FROM scratch\n", Mode::Read, &[Panel::Size]);
        let query = fragment
            .split_once('?')
            .map(|(_, query)| query)
            .expect("a query");
        let (options, problems) = playground_options(query);
        assert!(problems.is_empty());
        assert_eq!(options.source, Source::Shared("FROM scratch\n".into()));
        assert_eq!(options.mode, Mode::Read);
        assert_eq!(options.panels, vec![Panel::Size]);
        let plain = playground_fragment("FROM scratch\n", Mode::Edit, &Panel::DEFAULT);
        assert!(
            !plain.contains("mode=") && !plain.contains("panels="),
            "{plain}"
        );
    }

    #[test]
    fn the_host_script_sits_beside_the_page() {
        assert_eq!(
            sibling_url("https://docs.example/a/fromlab/#/quiz/x?y=1", HOST_SCRIPT),
            "https://docs.example/a/fromlab/embed-host.js"
        );
        assert_eq!(
            sibling_url("http://127.0.0.1:8080/index.html?v=2#/", HOST_SCRIPT),
            "http://127.0.0.1:8080/embed-host.js"
        );
    }

    #[test]
    fn snippets_escape_their_attributes() {
        let html = snippet(
            "https://x.example/#/embed/lesson/a?title=%22",
            "Lesson: “A” & \"B\" <c>",
            "https://x.example/embed-host.js",
        );
        assert!(html.contains("title=\"Lesson: “A” &amp; &quot;B&quot; &lt;c&gt;\""));
        assert!(html.contains("sandbox=\"allow-scripts allow-same-origin\""));
        assert!(html.ends_with("<script src=\"https://x.example/embed-host.js\" defer></script>"));
    }
}
