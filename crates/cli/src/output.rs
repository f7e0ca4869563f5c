//! What the commands print: compiler-style text diagnostics with the source
//! line and a caret underline, and the JSON shapes documented in the README.

use std::fmt::Write;

use fromlab_engine::diagnostic::{Diagnostic, Severity};
use fromlab_engine::model::{BaseKind, CopySource, Model};
use fromlab_engine::syntax::{Args, Instruction, Parse, TextRange};
use serde::Serialize;

/// A range as people and editors count: 1-based lines, character columns.
#[derive(Serialize)]
struct Position {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

fn position(parse: &Parse, range: TextRange) -> Position {
    let a = parse.line_col(range.start);
    let b = parse.line_col(range.end);
    Position {
        start: range.start,
        end: range.end,
        line: a.line,
        column: a.column,
        end_line: b.line,
        end_column: b.column,
    }
}

fn json(value: &impl Serialize) -> String {
    let mut s =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

#[derive(Serialize)]
struct FlagJson<'a> {
    name: &'a str,
    value: Option<&'a str>,
    range: Position,
}

#[derive(Serialize)]
struct HeredocJson<'a> {
    name: &'a str,
    marker: Position,
    body: Position,
    terminated: bool,
    chomp: bool,
    expand: bool,
}

#[derive(Serialize)]
struct InstructionJson<'a> {
    keyword: &'a str,
    kind: &'static str,
    form: &'static str,
    range: Position,
    flags: Vec<FlagJson<'a>>,
    args: Vec<&'a str>,
    heredocs: Vec<HeredocJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    trigger: Option<Box<InstructionJson<'a>>>,
}

fn form(args: &Args) -> &'static str {
    match args {
        Args::None => "none",
        Args::Exec(_) => "exec",
        Args::Shell(_) => "shell",
        Args::Words(_) => "words",
        Args::Text(_) => "text",
        Args::KeyValues { legacy: false, .. } => "key_value",
        Args::KeyValues { legacy: true, .. } => "legacy_key_value",
        Args::Healthcheck { command, .. } => match **command {
            Args::Exec(_) => "exec",
            Args::None => "none",
            _ => "shell",
        },
        Args::Onbuild(_) => "trigger",
        Args::Unparsed(_) => "unparsed",
    }
}

fn instruction_json<'a>(parse: &Parse, inst: &'a Instruction) -> InstructionJson<'a> {
    InstructionJson {
        keyword: &inst.keyword.value,
        kind: inst.kind.name(),
        form: form(&inst.args),
        range: position(parse, inst.range),
        flags: inst
            .flags
            .iter()
            .map(|f| FlagJson {
                name: &f.name.value,
                value: f.value.as_ref().map(|v| v.as_str()),
                range: position(parse, f.range),
            })
            .collect(),
        args: match &inst.args {
            Args::Onbuild(_) => Vec::new(),
            other => other.values(),
        },
        heredocs: inst
            .heredocs()
            .iter()
            .map(|h| HeredocJson {
                name: &h.name,
                marker: position(parse, h.marker),
                body: position(parse, h.body),
                terminated: h.terminator.is_some(),
                chomp: h.chomp,
                expand: h.expand,
            })
            .collect(),
        trigger: match &inst.args {
            Args::Onbuild(t) => Some(Box::new(instruction_json(parse, t))),
            _ => None,
        },
    }
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    kind: &'static str,
    code: &'static str,
    message: &'a str,
    range: Position,
}

#[derive(Serialize)]
struct DirectiveJson<'a> {
    name: &'a str,
    value: &'a str,
    range: Position,
}

#[derive(Serialize)]
struct ParseJson<'a> {
    escape: String,
    directives: Vec<DirectiveJson<'a>>,
    global_args: Vec<ArgJson>,
    stages: Vec<StageJson>,
    instructions: Vec<InstructionJson<'a>>,
    errors: Vec<ErrorJson<'a>>,
}

#[derive(Serialize)]
struct ArgJson {
    name: String,
    default: Option<String>,
    value: Option<String>,
    range: Position,
}

#[derive(Serialize)]
struct ImageJson {
    registry: String,
    namespace: String,
    repository: String,
    tag: Option<String>,
    digest: Option<String>,
}

#[derive(Serialize)]
struct BaseJson {
    written: String,
    expanded: String,
    /// `image`, `scratch`, `stage` or `invalid`.
    kind: &'static str,
    image: Option<ImageJson>,
    stage: Option<usize>,
    reason: Option<String>,
    undefined_args: Vec<String>,
    range: Position,
}

#[derive(Serialize)]
struct CopyFromJson {
    instruction: usize,
    from: String,
    /// `stage`, `image` or `unknown`.
    kind: &'static str,
    stage: Option<usize>,
}

#[derive(Serialize)]
struct StageJson {
    index: usize,
    name: Option<String>,
    is_final: bool,
    platform: Option<String>,
    from_instruction: usize,
    /// Indices (into `instructions`) of the stage's instructions after FROM.
    instructions: Vec<usize>,
    base: BaseJson,
    copies_from: Vec<CopyFromJson>,
    range: Position,
}

fn stages_json(parse: &Parse, model: &Model) -> Vec<StageJson> {
    let last = model.stages.len().saturating_sub(1);
    model
        .stages
        .iter()
        .map(|s| {
            let (kind, image, stage, reason) = match &s.base.kind {
                BaseKind::Image { reference } => (
                    "image",
                    Some(ImageJson {
                        registry: reference.registry_normalized.clone(),
                        namespace: reference.namespace_normalized.clone(),
                        repository: reference.repository.text.clone(),
                        tag: reference.tag.as_ref().map(|t| t.text.clone()),
                        digest: reference.digest.as_ref().map(|d| d.text.clone()),
                    }),
                    None,
                    None,
                ),
                BaseKind::Scratch => ("scratch", None, None, None),
                BaseKind::Stage { index } => ("stage", None, Some(*index), None),
                BaseKind::Invalid { reason } => ("invalid", None, None, Some(reason.clone())),
            };
            StageJson {
                index: s.index,
                name: s.name.clone(),
                is_final: s.index == last,
                platform: s.platform.clone(),
                from_instruction: s.from_instruction,
                instructions: s.instructions.clone().collect(),
                base: BaseJson {
                    written: s.base.written.clone(),
                    expanded: s.base.expanded.clone(),
                    kind,
                    image,
                    stage,
                    reason,
                    undefined_args: s.base.undefined_args.clone(),
                    range: position(parse, s.base.range),
                },
                copies_from: s
                    .copies_from
                    .iter()
                    .map(|c| {
                        let (kind, stage) = match &c.source {
                            CopySource::Stage { index } => ("stage", Some(*index)),
                            CopySource::Image { .. } => ("image", None),
                            CopySource::Unknown => ("unknown", None),
                        };
                        CopyFromJson {
                            instruction: c.instruction,
                            from: c.from.clone(),
                            kind,
                            stage,
                        }
                    })
                    .collect(),
                range: position(parse, s.from_range),
            }
        })
        .collect()
}

/// `fromlab parse --dump json`.
pub fn parse_json(parse: &Parse) -> String {
    let model = Model::new(parse);
    json(&ParseJson {
        escape: parse.escape().to_string(),
        global_args: model
            .global_args
            .iter()
            .map(|a| ArgJson {
                name: a.name.clone(),
                default: a.default.clone(),
                value: a.value.clone(),
                range: position(parse, a.range),
            })
            .collect(),
        stages: stages_json(parse, &model),
        directives: parse
            .directives()
            .map(|d| DirectiveJson {
                name: &d.name.value,
                value: &d.value.value,
                range: position(parse, d.range),
            })
            .collect(),
        instructions: parse
            .instructions()
            .map(|i| instruction_json(parse, i))
            .collect(),
        errors: parse
            .errors()
            .iter()
            .map(|e| ErrorJson {
                kind: e.kind.name(),
                code: e.kind.code(),
                message: &e.message,
                range: position(parse, e.range),
            })
            .collect(),
    })
}

#[derive(Serialize)]
struct EditJson<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct FixJson<'a> {
    title: &'a str,
    safety: &'static str,
    edits: Vec<EditJson<'a>>,
}

#[derive(Serialize)]
struct DiagnosticJson<'a> {
    rule: &'a str,
    code: &'a str,
    severity: &'static str,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    lesson: Option<&'a str>,
    fix: Option<FixJson<'a>>,
}

#[derive(Serialize)]
struct DiagnosticsJson<'a> {
    diagnostics: Vec<DiagnosticJson<'a>>,
}

/// `fromlab check --format json`.
pub fn diagnostics_json(parse: &Parse, diagnostics: &[Diagnostic]) -> String {
    json(&DiagnosticsJson {
        diagnostics: diagnostics
            .iter()
            .map(|d| {
                let p = position(parse, d.range);
                DiagnosticJson {
                    rule: d.rule,
                    code: d.code,
                    severity: d.severity.name(),
                    message: &d.message,
                    line: p.line,
                    column: p.column,
                    end_line: p.end_line,
                    end_column: p.end_column,
                    lesson: d.lesson,
                    fix: d.fix.as_ref().map(|f| FixJson {
                        title: &f.title,
                        safety: match f.safety {
                            fromlab_engine::diagnostic::FixSafety::Safe => "safe",
                            fromlab_engine::diagnostic::FixSafety::Unsafe => "unsafe",
                        },
                        edits: f
                            .edits
                            .iter()
                            .map(|e| {
                                let q = position(parse, e.range);
                                EditJson {
                                    line: q.line,
                                    column: q.column,
                                    end_line: q.end_line,
                                    end_column: q.end_column,
                                    replacement: &e.replacement,
                                }
                            })
                            .collect(),
                    }),
                }
            })
            .collect(),
    })
}

/// `fromlab check --format text`: `FILE:LINE:COLUMN: severity[rule]:
/// message`, the source line and a caret underline, then a summary.
pub fn diagnostics_text(name: &str, parse: &Parse, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    let source = parse.source();
    for d in diagnostics {
        let start = parse.line_col(d.range.start);
        let end = parse.line_col(d.range.end);
        let _ = writeln!(
            out,
            "{name}:{}:{}: {}[{}]: {}",
            start.line,
            start.column,
            d.severity.name(),
            d.rule,
            d.message
        );
        let text = parse.line_index().line_text(source, start.line);
        let gutter = start.line.to_string();
        let pad = " ".repeat(gutter.len());
        let _ = writeln!(out, " {gutter} | {text}");
        // The underline keeps tabs so it lines up with the source line.
        let before: String = text
            .chars()
            .take(start.column - 1)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let line_chars = text.chars().count();
        let last = if end.line == start.line {
            end.column.min(line_chars + 1)
        } else {
            line_chars + 1
        };
        let width = last.saturating_sub(start.column).max(1);
        let _ = writeln!(out, " {pad} | {before}{}", "^".repeat(width));
        if let Some(fix) = &d.fix {
            let _ = writeln!(out, " {pad} = fix: {}", fix.title);
        }
        if let Some(lesson) = d.lesson {
            let _ = writeln!(out, " {pad} = learn more: the lesson \"{lesson}\"");
        }
    }
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if diagnostics.is_empty() {
        let _ = writeln!(out, "{name}: no problems found");
    } else {
        let _ = writeln!(
            out,
            "{name}: {}, {}, {}",
            plural(count(Severity::Error), "error"),
            plural(count(Severity::Warning), "warning"),
            plural(count(Severity::Info), "note")
        );
    }
    out
}

/// `fromlab rules`: an aligned table of every rule.
pub fn rules_text() -> String {
    let rules = fromlab_engine::rules::RULES;
    let width = rules.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in rules {
        let _ = writeln!(
            out,
            "{:<6} {:<width$}  {:<7}  {:<13}  {}",
            r.code,
            r.name,
            r.severity.name(),
            r.category.title(),
            r.summary
        );
    }
    let _ = writeln!(
        out,
        "{} rule{}; `fromlab explain <name>` prints one's documentation",
        rules.len(),
        if rules.len() == 1 { "" } else { "s" }
    );
    out
}

#[derive(Serialize)]
struct RuleJson {
    name: &'static str,
    code: &'static str,
    severity: &'static str,
    category: &'static str,
    summary: &'static str,
    lesson: &'static str,
    buildkit: Option<&'static str>,
    hadolint: Option<&'static str>,
}

/// `fromlab rules --format json`.
pub fn rules_json() -> String {
    json(
        &fromlab_engine::rules::RULES
            .iter()
            .map(|r| RuleJson {
                name: r.name,
                code: r.code,
                severity: r.severity.name(),
                category: r.category.title(),
                summary: r.summary,
                lesson: r.lesson,
                buildkit: r.buildkit,
                hadolint: r.hadolint,
            })
            .collect::<Vec<_>>(),
    )
}

/// `fromlab explain NAME`: the rule's documentation, as written.
pub fn explain(rule: &fromlab_engine::rules::Rule) -> String {
    let mut out = format!("{} ({}): {}\n", rule.name, rule.code, rule.summary);
    let _ = writeln!(
        out,
        "severity: {}; lesson: {}{}{}\n",
        rule.severity.name(),
        rule.lesson,
        rule.buildkit
            .map(|b| format!("; BuildKit check: {b}"))
            .unwrap_or_default(),
        rule.hadolint
            .map(|h| format!("; hadolint: {h}"))
            .unwrap_or_default(),
    );
    for line in rule.docs.lines() {
        // Doc comments keep the space after `///`.
        let _ = writeln!(out, "{}", line.strip_prefix(' ').unwrap_or(line));
    }
    out
}
