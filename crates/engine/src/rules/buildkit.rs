//! What Docker's own build checks (the `FL4xx` rules) need to know about a
//! build beyond the shared [`Walk`](crate::walk::Walk) (which holds the
//! variables each `FROM` line and each instruction can see, worked out the
//! way BuildKit's Dockerfile frontend works them out): BuildKit's "did you
//! mean" suggestions, where a variable is used in a word, how it splits
//! `EXPOSE` ports, what a `--from` names, and its platform-string parser.
//!
//! This is shared by several rule files; it reports nothing itself.

use crate::rules::Context;
use crate::syntax::{Args, Instruction, InstructionKind, Spanned, TextRange};
use crate::walk::Scope;

/// Visits every instruction of every stage (after its `FROM`) with the scope
/// it sees, in order: the shared [`Walk`](crate::walk::Walk), read once per
/// analysis.
pub(super) fn walk<'a, 'p>(
    cx: &Context<'a, 'p>,
    mut visit: impl FnMut(&'p Instruction<'a>, Scope<'_>),
) {
    for stage in &cx.walk().stages {
        for (step, scope) in stage.scoped() {
            if let Some(inst) = cx.instructions.get(step.instruction) {
                visit(inst, scope);
            }
        }
    }
}

/// BuildKit's suggestion: the candidate closest to `name` by edit distance,
/// if that distance is below 3 (ties go to the earliest candidate). An exact
/// match means the name is not a typo, so there is nothing to suggest.
pub(super) fn suggest<'s>(name: &str, candidates: &[&'s str]) -> Option<&'s str> {
    let mut best: Option<&'s str> = None;
    let mut best_distance = 3;
    for &c in candidates {
        if c == name {
            return None;
        }
        let d = levenshtein(name, c);
        if d < best_distance {
            best = Some(c);
            best_distance = d;
        }
    }
    best
}

/// Edit distance counting characters (insert, delete, substitute cost 1).
fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            let cost = usize::from(ca != cb);
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + cost);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The byte range of the first reference to `name` in `text` (`$name`,
/// `${name}` or `${name:-...`): from the `$` to the end of the name, and the
/// closing brace when it follows the name directly.
pub(super) fn find_reference(text: &str, name: &str, escape: char) -> Option<(usize, usize)> {
    let is_name = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let escaped = prev == Some(escape);
        prev = if escaped { None } else { Some(c) };
        if c != '$' || escaped {
            continue;
        }
        let rest = &text[i + 1..];
        if let Some(after) = rest.strip_prefix(name)
            && !is_name(after.chars().next())
        {
            return Some((i, i + 1 + name.len()));
        }
        if let Some(after) = rest.strip_prefix('{').and_then(|r| r.strip_prefix(name)) {
            let next = after.chars().next();
            if !is_name(next) {
                let end = i + 2 + name.len();
                return Some(if next == Some('}') {
                    (i, end + 1)
                } else {
                    (i, end)
                });
            }
        }
    }
    None
}

/// The source range of bytes `start..end` of a value read from an
/// instruction, or the value's whole range when its text is not a plain
/// slice of the instruction's logical line (quotes removed, JSON decoded).
pub(super) fn value_range(
    inst: &Instruction<'_>,
    value: &Spanned<'_>,
    start: usize,
    end: usize,
) -> TextRange {
    let map = inst.logical.map();
    let Some(at) = map.to_logical(value.range.start) else {
        return value.range;
    };
    let text = value.as_str();
    if end > text.len() || inst.logical.text().get(at..at + text.len()) != Some(text) {
        return value.range;
    }
    map.range(at + start, at + end)
}

/// The range to underline for a use of `name` inside `value`: the
/// reference itself when it can be found, otherwise the whole value.
pub(super) fn reference_range(
    inst: &Instruction<'_>,
    value: &Spanned<'_>,
    name: &str,
    escape: char,
) -> TextRange {
    match find_reference(value.as_str(), name, escape) {
        Some((a, b)) => value_range(inst, value, a, b),
        None => value.range,
    }
}

/// The words after `FROM` (base, `AS`, name), without flags.
pub(super) fn from_words<'i, 'a>(inst: &'i Instruction<'a>) -> &'i [Spanned<'a>] {
    match &inst.args {
        Args::Words(w) => w,
        _ => &[],
    }
}

/// The `AS` keyword and the stage name of a `FROM` line, when it has the
/// three words BuildKit expects.
pub(super) fn stage_name_words<'i, 'a>(
    inst: &'i Instruction<'a>,
) -> Option<(&'i Spanned<'a>, &'i Spanned<'a>)> {
    match from_words(inst) {
        [_, as_kw, name] if as_kw.as_str().eq_ignore_ascii_case("as") => Some((as_kw, name)),
        _ => None,
    }
}

/// Whether `value` is exactly the source text at its range (no quotes were
/// removed, no continuation crossed), so an edit can replace it in place.
pub(super) fn is_verbatim(source: &str, value: &Spanned<'_>) -> bool {
    value.range.slice(source) == value.as_str()
}

/// One port of an `EXPOSE` word split the way BuildKit splits it:
/// `[ip:][host-port:]container-port[/protocol]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PortSpec<'w> {
    /// The IP address part (empty when absent).
    pub ip: &'w str,
    /// The host port part (empty when absent).
    pub host_port: &'w str,
    /// The container port with its protocol, as written (`80/tcp`).
    pub container: &'w str,
    /// Byte offset of `container` in the word.
    pub container_at: usize,
    /// The protocol as written (empty when absent).
    pub protocol: &'w str,
}

/// Splits a port word; `None` where BuildKit stops with an error before its
/// checks run (no port, or a protocol other than tcp, udp or sctp).
pub(super) fn port_spec(word: &str) -> Option<PortSpec<'_>> {
    let colons: Vec<usize> = word.match_indices(':').map(|(i, _)| i).collect();
    let (ip, host_port, container_at) = match colons.as_slice() {
        [] => ("", "", 0),
        [a] => ("", &word[..*a], a + 1),
        [.., a, b] => (&word[..*a], &word[a + 1..*b], b + 1),
    };
    let container = &word[container_at..];
    let (port, protocol) = container.split_once('/').unwrap_or((container, ""));
    if port.is_empty() {
        return None;
    }
    if !matches!(
        protocol.to_ascii_lowercase().as_str(),
        "" | "tcp" | "udp" | "sctp"
    ) {
        return None;
    }
    Some(PortSpec {
        ip,
        host_port,
        container,
        container_at,
        protocol,
    })
}

/// A `COPY --from=` or `RUN --mount=from=` source, with the stage it is in.
pub(super) struct FromSource {
    /// Index of the stage holding the instruction.
    pub stage: usize,
    /// The value as written.
    pub value: String,
    /// What to underline.
    pub range: TextRange,
    /// The instruction and flag as people write them, for messages
    /// (`COPY --from=build`, `RUN --mount=...,from=build`).
    pub shown: String,
}

/// Every `COPY --from=` and `RUN --mount=...,from=...` of every stage.
pub(super) fn from_sources(cx: &Context<'_, '_>) -> Vec<FromSource> {
    let mut out = Vec::new();
    for stage in &cx.model.stages {
        for (_, inst) in cx.stage_instructions(stage) {
            match inst.kind {
                InstructionKind::Copy => {
                    if let Some(value) = inst.flag("from").and_then(|f| f.value.as_ref()) {
                        out.push(FromSource {
                            stage: stage.index,
                            value: value.as_str().to_string(),
                            range: value.range,
                            shown: format!("COPY --from={}", value.as_str()),
                        });
                    }
                }
                InstructionKind::Run => {
                    for flag in inst.flags.iter().filter(|f| f.name.as_str() == "mount") {
                        let Some(value) = &flag.value else { continue };
                        if let Ok(mount) = crate::syntax::parse_mount(value.as_str())
                            && let Some(from) = mount.from
                        {
                            out.push(FromSource {
                                stage: stage.index,
                                shown: format!("RUN --mount=...,from={from}"),
                                value: from.into_owned(),
                                range: flag.range,
                            });
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// What a `--from` value names, looked up the way BuildKit looks it up:
/// among all stages by name (any case; the last stage of a name wins), or
/// by index.
pub(super) enum FromTarget {
    /// A stage, by index (earlier, the same or later).
    Stage(usize),
    /// A number that is no stage's index.
    NoSuchIndex,
    /// Not a stage: BuildKit takes it for an image.
    NotAStage,
}

pub(super) fn from_target(cx: &Context<'_, '_>, value: &str) -> FromTarget {
    if let Ok(n) = value.parse::<usize>() {
        return if n < cx.model.stages.len() {
            FromTarget::Stage(n)
        } else {
            FromTarget::NoSuchIndex
        };
    }
    let lower = value.to_lowercase();
    match cx
        .model
        .stages
        .iter()
        .rev()
        .find(|s| s.name.as_deref() == Some(lower.as_str()))
    {
        Some(s) => FromTarget::Stage(s.index),
        None => FromTarget::NotAStage,
    }
}

/// A platform as BuildKit's `platforms.Parse` reads it (`linux`,
/// `linux/arm64`, `linux/arm/v7`, `arm64`), with the OS and architecture
/// normalised the way containerd normalises them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Platform {
    pub os: String,
    pub arch: String,
}

const KNOWN_OS: [&str; 17] = [
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "js",
    "linux",
    "nacl",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "windows",
    "zos",
];

const KNOWN_ARCH: [&str; 24] = [
    "386",
    "amd64",
    "amd64p32",
    "arm",
    "armbe",
    "arm64",
    "arm64be",
    "ppc64",
    "ppc64le",
    "loong64",
    "mips",
    "mipsle",
    "mips64",
    "mips64le",
    "mips64p32",
    "mips64p32le",
    "ppc",
    "riscv",
    "riscv64",
    "s390",
    "s390x",
    "sparc",
    "sparc64",
    "wasm",
];

fn normalize_os(os: &str) -> String {
    let os = os.to_ascii_lowercase();
    if os == "macos" {
        "darwin".to_string()
    } else {
        os
    }
}

fn normalize_arch(arch: &str) -> String {
    match arch.to_ascii_lowercase().as_str() {
        "i386" => "386".to_string(),
        "x86_64" | "x86-64" | "amd64" => "amd64".to_string(),
        "aarch64" | "arm64" => "arm64".to_string(),
        "armhf" | "armel" | "arm" => "arm".to_string(),
        other => other.to_string(),
    }
}

/// Parses a platform string; `None` where BuildKit reports an error.
pub(super) fn parse_platform(spec: &str) -> Option<Platform> {
    // An OS version in parentheses (`windows(10.0.17763)/amd64`) is allowed
    // after the OS; it plays no part in the checks here.
    let without_version = match (spec.find('('), spec.find(')')) {
        (Some(open), Some(close)) if open < close => {
            format!("{}{}", &spec[..open], &spec[close + 1..])
        }
        (None, None) => spec.to_string(),
        _ => return None,
    };
    let parts: Vec<&str> = without_version.split('/').collect();
    let valid = |p: &&str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
    };
    if !parts.iter().all(valid) {
        return None;
    }
    match parts.as_slice() {
        [one] => {
            let lower = one.to_ascii_lowercase();
            if KNOWN_OS.contains(&normalize_os(&lower).as_str()) {
                Some(Platform {
                    os: normalize_os(&lower),
                    arch: "amd64".to_string(),
                })
            } else if KNOWN_ARCH.contains(&normalize_arch(&lower).as_str()) {
                Some(Platform {
                    os: "linux".to_string(),
                    arch: normalize_arch(&lower),
                })
            } else {
                None
            }
        }
        [os, arch] | [os, arch, _] => Some(Platform {
            os: normalize_os(os),
            arch: normalize_arch(arch),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_follow_buildkit() {
        assert_eq!(
            suggest("DIR_ASSET", &["DIR_BINARIES", "DIR_ASSETS", "DIR_CONFIG"]),
            Some("DIR_ASSETS")
        );
        assert_eq!(
            suggest("BULIDPLATFORM", &["BUILDPLATFORM"]),
            Some("BUILDPLATFORM")
        );
        assert_eq!(suggest("version", &["tag"]), None);
        assert_eq!(suggest("PATH", &["PATH", "PAT"]), None);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
    }

    #[test]
    fn references_are_found_with_and_without_braces() {
        assert_eq!(find_reference("a/$foo/b", "foo", '\\'), Some((2, 6)));
        assert_eq!(find_reference("${foo}x", "foo", '\\'), Some((0, 6)));
        assert_eq!(find_reference("${foo:-x}", "foo", '\\'), Some((0, 5)));
        assert_eq!(find_reference("$foobar $foo", "foo", '\\'), Some((8, 12)));
        assert_eq!(find_reference("\\$foo", "foo", '\\'), None);
        assert_eq!(find_reference("$fo", "foo", '\\'), None);
    }

    #[test]
    fn ports_split_like_buildkit() {
        let p = port_spec("127.0.0.1:8080:80/TcP").unwrap();
        assert_eq!(
            (p.ip, p.host_port, p.container),
            ("127.0.0.1", "8080", "80/TcP")
        );
        assert_eq!((p.container_at, p.protocol), (15, "TcP"));
        let p = port_spec("[::1]:80:80").unwrap();
        assert_eq!((p.ip, p.host_port, p.container), ("[::1]", "80", "80"));
        let p = port_spec("80").unwrap();
        assert_eq!((p.ip, p.host_port, p.protocol), ("", "", ""));
        assert!(port_spec("80/http").is_none());
        assert!(port_spec("/tcp").is_none());
        assert!(port_spec("80:").is_none());
    }

    #[test]
    fn platforms_parse_like_containerd() {
        let p = parse_platform("linux/amd64").unwrap();
        assert_eq!((p.os.as_str(), p.arch.as_str()), ("linux", "amd64"));
        let p = parse_platform("linux/aarch64").unwrap();
        assert_eq!(p.arch, "arm64");
        let p = parse_platform("arm64").unwrap();
        assert_eq!((p.os.as_str(), p.arch.as_str()), ("linux", "arm64"));
        let p = parse_platform("windows").unwrap();
        assert_eq!(p.os, "windows");
        assert!(parse_platform("linux/").is_none());
        assert!(parse_platform("nonsense").is_none());
        assert!(parse_platform("a/b/c/d").is_none());
        assert!(parse_platform("linux/arm/v7").is_some());
    }
}
