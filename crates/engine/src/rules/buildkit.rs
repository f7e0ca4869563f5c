//! What Docker's own build checks (the `FL4xx` rules) need to know about a
//! build, worked out the way BuildKit's Dockerfile frontend works it out:
//! the variables a `FROM` line can see, the variables each instruction of a
//! stage can see (ARG and ENV in order, inherited through `FROM <stage>`),
//! whether a stage has set `SHELL` or `WORKDIR`, BuildKit's "did you mean"
//! suggestions, and its platform-string parser.
//!
//! This is shared by several rule files; it reports nothing itself.

use crate::expand::{Lex, Vars};
use crate::model::{BaseKind, Stage};
use crate::rules::Context;
use crate::syntax::{Args, Instruction, InstructionKind, Spanned, TextRange};

/// The build arguments BuildKit defines for `FROM` lines without any `ARG`,
/// with the values of a build on and for `linux/amd64` (no `--platform`);
/// `TARGETSTAGE` is filled in with the final stage's name.
pub(super) const DEFAULT_FROM_ARGS: [(&str, &str); 11] = [
    ("BUILDPLATFORM", "linux/amd64"),
    ("BUILDOS", "linux"),
    ("BUILDOSVERSION", ""),
    ("BUILDARCH", "amd64"),
    ("BUILDVARIANT", ""),
    ("TARGETPLATFORM", "linux/amd64"),
    ("TARGETOS", "linux"),
    ("TARGETOSVERSION", ""),
    ("TARGETARCH", "amd64"),
    ("TARGETVARIANT", ""),
    ("TARGETSTAGE", ""),
];

/// Build arguments BuildKit reads itself and never reports as undefined.
pub(super) const NON_ENV_ARGS: [&str; 2] =
    ["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"];

/// The `PATH` BuildKit gives every stage whose base image does not set one.
const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// What a `FROM` line can see: BuildKit's default platform arguments, then
/// the global `ARG`s (those before the first `FROM`) with their defaults.
pub(super) struct GlobalScope {
    /// Variables with a value, in definition order (later ones win).
    pub env: Vec<(String, String)>,
    /// Every name a `FROM` line may use without a warning: the default
    /// arguments and every global `ARG`, with or without a default.
    pub declared: Vec<String>,
}

impl GlobalScope {
    /// The global scope of a build with no `--build-arg`.
    pub fn new(cx: &Context<'_, '_>) -> GlobalScope {
        let lex = Lex::new(cx.parse.escape());
        // TARGETSTAGE is the stage being built: the last one by default.
        let target = cx
            .model
            .stages
            .last()
            .and_then(|s| s.name.clone())
            .unwrap_or_default();
        let mut env: Vec<(String, String)> = DEFAULT_FROM_ARGS
            .iter()
            .map(|(k, v)| {
                let v = if *k == "TARGETSTAGE" {
                    target.as_str()
                } else {
                    v
                };
                ((*k).to_string(), v.to_string())
            })
            .collect();
        let mut declared: Vec<String> = DEFAULT_FROM_ARGS
            .iter()
            .map(|(k, _)| (*k).to_string())
            .collect();
        for arg in &cx.model.global_args {
            if let Some(default) = &arg.default {
                // BuildKit stops at an expansion error; the build fails there
                // anyway, so the written default is a fine stand-in.
                let value = lex
                    .process_word(default, &Vars(&env))
                    .unwrap_or_else(|_| default.clone());
                env.push((arg.name.clone(), value));
            }
            if !declared.contains(&arg.name) {
                declared.push(arg.name.clone());
            }
        }
        GlobalScope { env, declared }
    }

    /// The value of a variable, if it has one.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.env
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What an instruction of a stage can see, as BuildKit tracks it while it
/// dispatches the stage.
#[derive(Clone, Debug)]
pub(super) struct Scope {
    /// Variables with a value (the base's `PATH`, `ENV`, `ARG` with a
    /// value), in definition order; later ones win.
    pub env: Vec<(String, String)>,
    /// Names declared by `ARG` in this stage or the stages it is built on.
    pub args: Vec<String>,
    /// A `SHELL` instruction has run in this stage or a stage it is built on.
    pub shell: bool,
    /// A `WORKDIR` instruction has run in this stage or a stage it is built
    /// on (the base image's own working directory does not count).
    pub workdir: bool,
    /// The image the stage chain starts from (`None` for `scratch`): its
    /// own environment is unknown to fromlab apart from `PATH`.
    pub image: Option<String>,
}

impl Scope {
    fn fresh(image: Option<String>) -> Scope {
        Scope {
            env: vec![("PATH".to_string(), DEFAULT_PATH.to_string())],
            args: Vec::new(),
            shell: false,
            workdir: false,
            image,
        }
    }

    /// The names of the variables with a value, each once, in the order
    /// they were first defined (BuildKit's suggestion candidates).
    pub fn keys(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::with_capacity(self.env.len());
        for (k, _) in &self.env {
            if !out.contains(&k.as_str()) {
                out.push(k);
            }
        }
        out
    }
}

/// How much of the scope a rule needs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Track {
    /// Variable values too (each `ENV` and `ARG` is expanded).
    Env,
    /// Only the declared `ARG` names and whether `SHELL` or `WORKDIR` ran:
    /// much cheaper, and enough for most rules.
    Names,
}

impl Track {
    /// `Env` when `uses_variables` says some instruction of `kind` uses a
    /// variable, otherwise `Names`.
    pub fn env_if(
        cx: &Context<'_, '_>,
        kind: InstructionKind,
        uses_variables: impl Fn(&Args<'_>) -> bool,
    ) -> Track {
        let needs = cx
            .instructions
            .iter()
            .filter(|i| i.kind == kind)
            .any(|i| uses_variables(&i.args));
        if needs { Track::Env } else { Track::Names }
    }
}

/// Visits every instruction of every stage (after its `FROM`) with the scope
/// it sees, in order. Stages built on an earlier stage start from that
/// stage's final scope. With [`Track::Names`] the scope's `env` holds only
/// `PATH`.
pub(super) fn walk<'a, 'p>(
    cx: &Context<'a, 'p>,
    track: Track,
    mut visit: impl FnMut(&Stage, usize, &'p Instruction<'a>, &Scope),
) {
    let lex = Lex::new(cx.parse.escape());
    let global = GlobalScope::new(cx);
    let mut finals: Vec<Scope> = Vec::with_capacity(cx.model.stages.len());
    for stage in &cx.model.stages {
        let mut scope = match &stage.base.kind {
            BaseKind::Stage { index } => finals
                .get(*index)
                .cloned()
                .unwrap_or_else(|| Scope::fresh(None)),
            BaseKind::Scratch => Scope::fresh(None),
            BaseKind::Image { reference } => Scope::fresh(Some(reference.familiar_string())),
            BaseKind::Invalid { .. } => Scope::fresh(Some(stage.base.written.clone())),
        };
        for (i, inst) in cx.stage_instructions(stage) {
            visit(stage, i, inst, &scope);
            apply(inst, &mut scope, &lex, &global, track);
        }
        finals.push(scope);
    }
}

/// How an instruction changes the scope of the instructions after it.
fn apply(inst: &Instruction<'_>, scope: &mut Scope, lex: &Lex, global: &GlobalScope, track: Track) {
    let env = track == Track::Env;
    match (&inst.kind, &inst.args) {
        (InstructionKind::Env, Args::KeyValues { pairs, .. }) if env => {
            // BuildKit expands every key and value of one ENV before it sets
            // any of them, so `ENV A=1 B=$A` reads the old A.
            let expanded: Vec<(String, String)> = pairs
                .iter()
                .map(|p| {
                    (
                        expand_or_raw(lex, p.key.as_str(), &scope.env),
                        expand_or_raw(lex, p.value.as_str(), &scope.env),
                    )
                })
                .collect();
            scope.env.extend(expanded);
        }
        (InstructionKind::Arg, Args::Words(words)) => {
            for w in words {
                let (name, default) = match w.as_str().split_once('=') {
                    Some((n, d)) => (n, Some(d)),
                    None => (w.as_str(), None),
                };
                if env {
                    let value = match default {
                        Some(d) => Some(expand_or_raw(lex, d, &scope.env)),
                        // An ARG without a default takes the global value.
                        None => global.get(name).map(str::to_string),
                    };
                    if let Some(v) = value
                        && !NON_ENV_ARGS.contains(&name)
                    {
                        scope.env.push((name.to_string(), v));
                    }
                }
                if !scope.args.iter().any(|a| a == name) {
                    scope.args.push(name.to_string());
                }
            }
        }
        (InstructionKind::Shell, _) => scope.shell = true,
        (InstructionKind::Workdir, _) => scope.workdir = true,
        _ => {}
    }
}

fn expand_or_raw(lex: &Lex, word: &str, env: &[(String, String)]) -> String {
    // Most values are plain text: skip the word processor for them.
    if !word.contains(['$', '"', '\'', lex.escape]) {
        return word.to_string();
    }
    lex.process_word(word, &Vars(env))
        .unwrap_or_else(|_| word.to_string())
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
    let Some(at) = inst.logical.to_logical(value.range.start) else {
        return value.range;
    };
    let text = value.as_str();
    if end > text.len() || inst.logical.text.get(at..at + text.len()) != Some(text) {
        return value.range;
    }
    inst.logical.range(at + start, at + end)
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
