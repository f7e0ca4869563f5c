//! Semantic checks BuildKit makes when it turns the syntax tree into
//! instructions (its `instructions.Parse` and `BFlags`): unknown
//! instructions and flags, flag values, argument counts, stage names,
//! ONBUILD triggers, HEALTHCHECK options, instructions before the first
//! FROM. Each problem is reported and checking continues.

use super::error::{ErrorKind, SyntaxError};
use super::parser::heredoc_spec;
use super::text::TextRange;
use super::tree::{Args, Flag, Instruction, InstructionKind, Node};

/// How a flag takes its value, as in BuildKit's `BFlags`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FlagType {
    /// `--link` or `--link=true|false`.
    Bool,
    /// `--from=value`, once.
    String,
    /// `--mount=value`, repeatable.
    Strings,
}

/// The flags each instruction accepts (BuildKit's Dockerfile reference,
/// including `ADD --unpack` and `RUN --device`).
fn flag_specs(kind: InstructionKind) -> &'static [(&'static str, FlagType)] {
    use FlagType::*;
    match kind {
        InstructionKind::Add => &[
            ("chown", String),
            ("chmod", String),
            ("link", Bool),
            ("keep-git-dir", Bool),
            ("checksum", String),
            ("exclude", Strings),
            ("unpack", Bool),
        ],
        InstructionKind::Copy => &[
            ("from", String),
            ("chown", String),
            ("chmod", String),
            ("link", Bool),
            ("parents", Bool),
            ("exclude", Strings),
        ],
        InstructionKind::From => &[("platform", String)],
        InstructionKind::Run => &[
            ("mount", Strings),
            ("network", String),
            ("security", String),
            ("device", Strings),
        ],
        InstructionKind::Healthcheck => &[
            ("interval", String),
            ("timeout", String),
            ("start-period", String),
            ("start-interval", String),
            ("retries", String),
        ],
        _ => &[],
    }
}

/// The names of the flags `kind` accepts, for messages and the UI.
pub fn accepted_flags(kind: InstructionKind) -> Vec<&'static str> {
    flag_specs(kind).iter().map(|(n, _)| *n).collect()
}

struct Checker<'a> {
    errors: &'a mut Vec<SyntaxError>,
}

impl Checker<'_> {
    fn err(&mut self, kind: ErrorKind, message: impl Into<String>, range: TextRange) {
        self.errors.push(SyntaxError {
            kind,
            message: message.into(),
            range,
        });
    }
}

/// Runs every check over the top-level nodes.
pub(crate) fn check(nodes: &[Node<'_>], source_len: usize, errors: &mut Vec<SyntaxError>) {
    let mut c = Checker { errors };
    let mut seen_from = false;
    let mut any = false;
    for node in nodes {
        let Node::Instruction(inst) = node else {
            continue;
        };
        any = true;
        if inst.kind == InstructionKind::From {
            seen_from = true;
        } else if !seen_from
            && inst.kind != InstructionKind::Arg
            && inst.kind != InstructionKind::Unknown
        {
            c.err(
                ErrorKind::InstructionBeforeFrom,
                format!(
                    "{} comes before the first FROM: only ARG may come before FROM (no build stage in current context)",
                    inst.kind.name()
                ),
                inst.keyword.range,
            );
        }
        c.instruction(inst);
    }
    if !any {
        c.err(
            ErrorKind::NoInstructions,
            "file with no instructions: a Dockerfile needs at least a FROM",
            TextRange::empty(source_len),
        );
    }
}

/// Levenshtein distance, for "did you mean" suggestions.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn suggestion<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if word.chars().count() > 64 {
        return None;
    }
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (distance(&lower, &c.to_lowercase()), c))
        .filter(|&(d, c)| d > 0 && d <= 2.max(c.len() / 4))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

impl Checker<'_> {
    fn instruction(&mut self, inst: &Instruction<'_>) {
        let kw = inst.kind.name();
        if inst.kind == InstructionKind::Unknown {
            let kw = inst.keyword.value.to_uppercase();
            let hint = suggestion(
                &inst.keyword.value,
                InstructionKind::ALL.iter().map(|k| k.name()),
            )
            .map(|s| format!(" (did you mean {s}?)"))
            .unwrap_or_default();
            let shown = if kw.is_empty() {
                "(empty)".to_string()
            } else {
                kw
            };
            self.err(
                ErrorKind::UnknownInstruction,
                format!("unknown instruction: {shown}{hint}"),
                if inst.keyword.range.is_empty() {
                    inst.range
                } else {
                    inst.keyword.range
                },
            );
            return;
        }
        self.flags(inst, kw);
        self.args(inst, kw);
    }

    fn flags(&mut self, inst: &Instruction<'_>, kw: &str) {
        let specs = flag_specs(inst.kind);
        let healthcheck_none = inst.kind == InstructionKind::Healthcheck
            && matches!(&inst.args, Args::Healthcheck { kind, .. } if kind.value.eq_ignore_ascii_case("none"));
        let mut used: [bool; 8] = [false; 8];
        for flag in &inst.flags {
            if !flag.text.starts_with("--") {
                self.err(
                    ErrorKind::InvalidFlag,
                    format!("arg should start with -- : {}", flag.text),
                    flag.range,
                );
                continue;
            }
            let name = flag.name.as_str();
            if healthcheck_none {
                self.err(
                    ErrorKind::InvalidHealthcheck,
                    format!("HEALTHCHECK NONE takes no flags, but --{name} was given"),
                    flag.range,
                );
                continue;
            }
            let Some(slot) = specs.iter().position(|(n, _)| *n == name) else {
                let hint = suggestion(name, specs.iter().map(|(n, _)| *n))
                    .map(|s| format!(" (did you mean --{s}?)"))
                    .unwrap_or_default();
                let accepted = if specs.is_empty() {
                    format!("{kw} takes no flags")
                } else {
                    format!(
                        "{kw} accepts {}",
                        specs
                            .iter()
                            .map(|(n, _)| format!("--{n}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                self.err(
                    ErrorKind::UnknownFlag,
                    format!("unknown flag: {name}{hint}; {accepted}"),
                    flag.range,
                );
                continue;
            };
            let ty = specs[slot].1;
            if ty != FlagType::Strings && used[slot] {
                self.err(
                    ErrorKind::InvalidFlag,
                    format!("duplicate flag specified: {name}"),
                    flag.range,
                );
                continue;
            }
            used[slot] = true;
            match (ty, &flag.value) {
                (FlagType::Bool, Some(v)) if v.value.is_empty() => self.err(
                    ErrorKind::InvalidFlag,
                    format!("missing a value on flag: {name}"),
                    flag.range,
                ),
                (FlagType::Bool, Some(v))
                    if !matches!(v.value.to_lowercase().as_str(), "true" | "false") =>
                {
                    self.err(
                        ErrorKind::InvalidFlag,
                        format!("expecting boolean value for flag {name}, not: {}", v.value),
                        v.range,
                    )
                }
                (FlagType::String | FlagType::Strings, None) => self.err(
                    ErrorKind::InvalidFlag,
                    format!("missing a value on flag: {name} (write --{name}=<value>)"),
                    flag.range,
                ),
                (FlagType::String | FlagType::Strings, Some(_)) => self.flag_value(inst.kind, flag),
                _ => {}
            }
        }
    }

    /// Values BuildKit refuses when it builds; checked here so the learner
    /// hears about them while typing.
    fn flag_value(&mut self, kind: InstructionKind, flag: &Flag<'_>) {
        let Some(value) = &flag.value else { return };
        let v = value.as_str();
        if v.contains('$') {
            // Build arguments are substituted later; nothing to say yet.
            return;
        }
        let range = value.range;
        let name = flag.name.as_str();
        match (kind, name) {
            (InstructionKind::Run, "network") if !matches!(v, "default" | "none" | "host") => {
                self.err(
                    ErrorKind::InvalidFlag,
                    format!("unsupported network mode {v:?}: use default, none or host"),
                    range,
                );
            }
            (InstructionKind::Run, "security") if !matches!(v, "sandbox" | "insecure") => {
                self.err(
                    ErrorKind::InvalidFlag,
                    format!("unsupported security mode {v:?}: use sandbox or insecure"),
                    range,
                );
            }
            (InstructionKind::Run, "mount") => {
                if let Err(message) = super::mount::parse_mount(v) {
                    self.err(ErrorKind::InvalidFlag, message, range);
                }
            }
            (InstructionKind::Copy | InstructionKind::Add, "chmod") if !valid_chmod(v) => {
                self.err(
                    ErrorKind::InvalidFlag,
                    format!(
                        "invalid chmod value {v:?}: use octal such as 755 or symbolic such as u+x"
                    ),
                    range,
                );
            }
            (InstructionKind::Add, "checksum") if !valid_checksum(v) => {
                self.err(
                    ErrorKind::InvalidFlag,
                    format!("invalid checksum {v:?}: expected sha256:<64 hex digits> (or sha384, sha512)"),
                    range,
                );
            }
            (InstructionKind::Copy | InstructionKind::Add, "chown" | "from")
            | (InstructionKind::From, "platform")
                if v.is_empty() =>
            {
                self.err(
                    ErrorKind::InvalidFlag,
                    format!("missing a value on flag: {name}"),
                    range,
                );
            }
            (
                InstructionKind::Healthcheck,
                "interval" | "timeout" | "start-period" | "start-interval",
            ) => {
                if let Err(m) = parse_duration(v) {
                    self.err(
                        ErrorKind::InvalidHealthcheck,
                        format!("--{name}: {m}"),
                        range,
                    );
                }
            }
            (InstructionKind::Healthcheck, "retries") => match v.parse::<i64>() {
                Ok(n) if n < 0 => self.err(
                    ErrorKind::InvalidHealthcheck,
                    format!("--retries cannot be negative ({n})"),
                    range,
                ),
                Ok(_) => {}
                Err(_) => self.err(
                    ErrorKind::InvalidHealthcheck,
                    format!("--retries expects a whole number, not {v:?}"),
                    range,
                ),
            },
            _ => {}
        }
    }

    fn args(&mut self, inst: &Instruction<'_>, kw: &str) {
        let count = inst.args.count();
        let whole = inst.range;
        match inst.kind {
            InstructionKind::Add | InstructionKind::Copy => {
                if count < 2 {
                    self.err(
                        ErrorKind::InvalidArguments,
                        format!("{kw} requires at least two arguments, but only {} provided: a source and a destination are needed", if count == 0 { "none was" } else { "one was" }),
                        whole,
                    );
                } else if let Some(dest) = last_word(&inst.args)
                    && matches!(heredoc_spec(&dest.value), Ok(Some(_))) {
                        self.err(
                            ErrorKind::InvalidHeredoc,
                            format!("{kw} cannot accept a heredoc as a destination"),
                            dest.range,
                        );
                    }
            }
            InstructionKind::From => self.from(inst),
            InstructionKind::Onbuild => self.onbuild(inst),
            InstructionKind::Workdir
            | InstructionKind::User
            | InstructionKind::Maintainer
            | InstructionKind::Stopsignal => {
                if count != 1 {
                    self.err(
                        ErrorKind::InvalidArguments,
                        format!("{kw} requires exactly one argument"),
                        whole,
                    );
                }
            }
            InstructionKind::Expose
            | InstructionKind::Volume
            | InstructionKind::Label
            | InstructionKind::Env
            | InstructionKind::Arg => {
                if count == 0 {
                    self.err(
                        ErrorKind::InvalidArguments,
                        format!("{kw} requires at least one argument"),
                        whole,
                    );
                }
                self.names(inst, kw);
            }
            InstructionKind::Run => {
                if count == 0 && inst.heredocs().is_empty() {
                    self.err(
                        ErrorKind::InvalidArguments,
                        "RUN requires at least one argument: the command to run",
                        whole,
                    );
                }
            }
            InstructionKind::Shell => match &inst.args {
                Args::Exec(e) if e.items.is_empty() => self.err(
                    ErrorKind::InvalidArguments,
                    "SHELL requires at least one argument",
                    whole,
                ),
                Args::Exec(_) => {}
                _ => self.err(
                    ErrorKind::InvalidArguments,
                    "SHELL requires the arguments to be in JSON form, such as SHELL [\"/bin/bash\", \"-c\"]",
                    whole,
                ),
            },
            InstructionKind::Healthcheck => self.healthcheck(inst),
            InstructionKind::Cmd | InstructionKind::Entrypoint | InstructionKind::Unknown => {}
        }
    }

    fn names(&mut self, inst: &Instruction<'_>, kw: &str) {
        match &inst.args {
            Args::KeyValues { pairs, .. } => {
                for p in pairs {
                    if p.key.value.is_empty() {
                        self.err(
                            ErrorKind::InvalidArguments,
                            format!("{kw} names can not be blank"),
                            p.range(),
                        );
                    }
                }
            }
            Args::Words(words) if inst.kind == InstructionKind::Arg => {
                for w in words {
                    if w.value.starts_with('=') || w.value.is_empty() {
                        self.err(
                            ErrorKind::InvalidArguments,
                            "ARG names can not be blank",
                            w.range,
                        );
                    }
                }
            }
            Args::Exec(e) if inst.kind == InstructionKind::Volume => {
                for item in &e.items {
                    if item.value.trim().is_empty() {
                        self.err(
                            ErrorKind::InvalidArguments,
                            "VOLUME specified can not be an empty string",
                            item.range,
                        );
                    }
                }
            }
            _ => {}
        }
    }

    fn from(&mut self, inst: &Instruction<'_>) {
        let words: &[super::tree::Spanned<'_>] = match &inst.args {
            Args::Words(w) => w,
            _ => &[],
        };
        match words {
            [_] => {}
            [_, as_kw, name] if as_kw.value.eq_ignore_ascii_case("as") => {
                let lower = name.value.to_lowercase();
                let mut chars = lower.chars();
                let valid = chars.next().is_some_and(|c| c.is_ascii_lowercase())
                    && chars.all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.')
                    });
                if !valid {
                    self.err(
                        ErrorKind::InvalidStageName,
                        format!(
                            "invalid name for build stage: {:?}, name can't start with a number or contain symbols",
                            name.value
                        ),
                        name.range,
                    );
                }
            }
            _ => self.err(
                ErrorKind::InvalidArguments,
                "FROM requires either one or three arguments: FROM <image> [AS <name>]",
                inst.args.range().unwrap_or(inst.range),
            ),
        }
    }

    fn onbuild(&mut self, inst: &Instruction<'_>) {
        let Args::Onbuild(trigger) = &inst.args else {
            self.err(
                ErrorKind::InvalidArguments,
                "ONBUILD requires at least one argument: the instruction to run later",
                inst.range,
            );
            return;
        };
        match trigger.kind {
            InstructionKind::Onbuild => self.err(
                ErrorKind::InvalidOnbuild,
                "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
                trigger.keyword.range,
            ),
            InstructionKind::From | InstructionKind::Maintainer => self.err(
                ErrorKind::InvalidOnbuild,
                format!(
                    "{} isn't allowed as an ONBUILD trigger",
                    trigger.keyword.value.to_uppercase()
                ),
                trigger.keyword.range,
            ),
            _ => self.instruction(trigger),
        }
    }

    fn healthcheck(&mut self, inst: &Instruction<'_>) {
        let Args::Healthcheck { kind, command } = &inst.args else {
            self.err(
                ErrorKind::InvalidHealthcheck,
                "HEALTHCHECK requires at least one argument: CMD <command> or NONE",
                inst.range,
            );
            return;
        };
        let has_command = command.count() > 0;
        let k = kind.as_str();
        if k.eq_ignore_ascii_case("none") {
            if has_command {
                self.err(
                    ErrorKind::InvalidHealthcheck,
                    "HEALTHCHECK NONE takes no arguments",
                    command.range().unwrap_or(kind.range),
                );
            }
        } else if k.eq_ignore_ascii_case("cmd") {
            if !has_command {
                self.err(
                    ErrorKind::InvalidHealthcheck,
                    "Missing command after HEALTHCHECK CMD",
                    kind.range,
                );
            }
        } else {
            self.err(
                ErrorKind::InvalidHealthcheck,
                format!(
                    "Unknown type {:?} in HEALTHCHECK (try CMD)",
                    k.to_uppercase()
                ),
                kind.range,
            );
        }
    }
}

fn last_word<'s>(args: &'s Args<'_>) -> Option<&'s super::tree::Spanned<'s>> {
    match args {
        Args::Words(w) => w.last(),
        Args::Exec(e) => e.items.last(),
        _ => None,
    }
}

fn valid_chmod(v: &str) -> bool {
    if !v.is_empty() && v.len() <= 4 && v.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        return true;
    }
    // Symbolic modes such as u+x,g-w (BuildKit 1.14 and later).
    !v.is_empty()
        && v.split(',').all(|clause| {
            let ops = clause.trim_start_matches(['u', 'g', 'o', 'a']);
            let mut chars = ops.chars();
            matches!(chars.next(), Some('+' | '-' | '='))
                && chars.all(|c| matches!(c, 'r' | 'w' | 'x' | 'X' | 's' | 't'))
        })
}

fn valid_checksum(v: &str) -> bool {
    let Some((algo, hex)) = v.split_once(':') else {
        return false;
    };
    let len = match algo {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => return false,
    };
    hex.len() == len && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Go's `time.ParseDuration` grammar (`1h30m`, `1.5s`, `300ms`, `0`), plus
/// Docker's rule that a non-zero duration is at least 1 ms.
pub(crate) fn parse_duration(v: &str) -> Result<f64, String> {
    let bad =
        || format!("invalid duration {v:?}: use a number and a unit such as 30s, 5m or 1h30m");
    let s = v.strip_prefix('+').unwrap_or(v);
    if s.starts_with('-') {
        return Err(format!("duration {v:?} cannot be negative"));
    }
    if s == "0" {
        return Ok(0.0);
    }
    if s.is_empty() {
        return Err(bad());
    }
    let mut total = 0.0;
    let mut rest = s;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let num = &rest[..num_len];
        if num.is_empty() || num == "." || num.matches('.').count() > 1 {
            return Err(bad());
        }
        let n: f64 = num.parse().map_err(|_| bad())?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let scale = match &rest[..unit_len] {
            "ns" => 1e-9,
            "us" | "µs" | "μs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            _ => return Err(bad()),
        };
        total += n * scale;
        rest = &rest[unit_len..];
    }
    if total != 0.0 && total < 1e-3 {
        return Err(format!("duration {v:?} cannot be less than 1ms"));
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30s"), Ok(30.0));
        assert_eq!(parse_duration("1h30m"), Ok(5400.0));
        assert_eq!(parse_duration("0"), Ok(0.0));
        assert_eq!(parse_duration("0s"), Ok(0.0));
        assert!(parse_duration("5").is_err());
        assert!(parse_duration("1us").is_err());
        assert!(parse_duration("-1s").is_err());
        assert!(parse_duration("1.5.5s").is_err());
    }

    #[test]
    fn chmod_and_checksum() {
        assert!(valid_chmod("755") && valid_chmod("0644") && valid_chmod("u+x,g-w"));
        assert!(!valid_chmod("888") && !valid_chmod("rwx") && !valid_chmod(""));
        assert!(valid_checksum(&format!("sha256:{}", "a".repeat(64))));
        assert!(!valid_checksum("sha256:abc"));
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            suggestion("COPPY", InstructionKind::ALL.iter().map(|k| k.name())),
            Some("COPY")
        );
        assert_eq!(
            suggestion("xyzzy", InstructionKind::ALL.iter().map(|k| k.name())),
            None
        );
    }
}
