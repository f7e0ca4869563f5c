//! The typed layer over the syntax tree: build stages, their base images
//! (split into registry, namespace, repository, tag and digest after `ARG`
//! substitution with BuildKit's word expansion), platforms, `COPY --from`
//! links, and the shell script each `RUN` hands to the shell.
//!
//! Everything here is owned data computed from a [`Parse`], so the app can
//! keep it after the source changes; instructions are named by their index
//! in [`Parse::instructions`]. Accessors return `Option` because a tree from
//! half-typed input has gaps.

use std::borrow::Cow;

use serde::Serialize;

use crate::expand::{Lex, Vars};
use crate::image_ref::{ImageRef, ImageRefError};
use crate::syntax::{Args, Instruction, InstructionKind, LineMap, Parse, TextRange};

/// An `ARG` declaration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ArgDecl {
    /// The variable name.
    pub name: String,
    /// The default as written (quotes kept), if one is given.
    pub default: Option<String>,
    /// The default after expansion with the variables declared before it.
    pub value: Option<String>,
    /// Where the `name[=default]` word is.
    pub range: TextRange,
    /// Index of the `ARG` instruction.
    pub instruction: usize,
}

/// What a stage is built on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BaseKind {
    /// An image from a registry.
    Image {
        /// The reference, split into its parts.
        reference: Box<ImageRef>,
    },
    /// `scratch`: the empty image.
    Scratch,
    /// An earlier stage of this Dockerfile, by name.
    Stage {
        /// Index of that stage.
        index: usize,
    },
    /// Nothing usable: a missing argument, an expansion error or an invalid
    /// reference.
    Invalid {
        /// Why, in one sentence.
        reason: String,
    },
}

/// The base of a stage: what `FROM` says, before and after substitution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BaseImage {
    /// The word after `FROM` as written (`python:${PY}-slim`).
    pub written: String,
    /// After `ARG` substitution (`python:3.12-slim`).
    pub expanded: String,
    /// Where the written word is.
    pub range: TextRange,
    /// What it names.
    pub kind: BaseKind,
    /// Variables it uses that no `ARG` before the first `FROM` declares.
    pub undefined_args: Vec<String>,
}

impl BaseImage {
    /// The image reference, when the base is an image.
    pub fn reference(&self) -> Option<&ImageRef> {
        match &self.kind {
            BaseKind::Image { reference } => Some(reference),
            _ => None,
        }
    }
}

/// Where a `COPY --from` (or `RUN --mount=from=`) points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CopySource {
    /// A stage of this Dockerfile (possibly the copying stage itself, which
    /// BuildKit refuses as a circular dependency).
    Stage {
        /// Its index.
        index: usize,
    },
    /// An image pulled for the copy.
    Image {
        /// The reference.
        reference: Box<ImageRef>,
    },
    /// A name that is neither an earlier stage nor a valid image reference.
    Unknown,
}

/// A `COPY --from=...` in a stage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CopyFrom {
    /// Index of the `COPY` instruction.
    pub instruction: usize,
    /// The `--from` value after substitution.
    pub from: String,
    /// Where the value is.
    pub range: TextRange,
    /// What it resolves to.
    pub source: CopySource,
}

/// One build stage: a `FROM` and the instructions up to the next one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Stage {
    /// Position among the stages, from 0.
    pub index: usize,
    /// The `AS` name, lower-cased as BuildKit keeps it.
    pub name: Option<String>,
    /// Where the name is.
    pub name_range: Option<TextRange>,
    /// Index of the `FROM` instruction.
    pub from_instruction: usize,
    /// The range of the `FROM` instruction.
    pub from_range: TextRange,
    /// What the stage is built on.
    pub base: BaseImage,
    /// The `--platform` value after substitution.
    pub platform: Option<String>,
    /// Indices of the stage's instructions after `FROM`.
    pub instructions: std::ops::Range<usize>,
    /// `COPY --from` in this stage.
    pub copies_from: Vec<CopyFrom>,
}

impl Stage {
    /// The name people use for the stage: its `AS` name or its index.
    pub fn label(&self) -> String {
        self.name
            .clone()
            .unwrap_or_else(|| format!("stage {}", self.index))
    }
}

/// All stages of a Dockerfile and the global `ARG`s before the first `FROM`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Model {
    /// `ARG`s before the first `FROM` (usable in `FROM` lines).
    pub global_args: Vec<ArgDecl>,
    /// The stages in order.
    pub stages: Vec<Stage>,
}

impl Model {
    /// Builds the model of a parsed Dockerfile.
    pub fn new(parse: &Parse<'_>) -> Model {
        let instructions: Vec<&Instruction<'_>> = parse.instructions().collect();
        let lex = Lex::new(parse.escape());
        let mut model = Model::default();
        let mut env: Vec<(String, String)> = Vec::new();
        for (i, inst) in instructions.iter().enumerate() {
            match inst.kind {
                InstructionKind::Arg if model.stages.is_empty() => {
                    for decl in arg_decls(inst, i, &lex, &env) {
                        if let Some(v) = &decl.value {
                            env.push((decl.name.clone(), v.clone()));
                        }
                        model.global_args.push(decl);
                    }
                }
                InstructionKind::From => {
                    if let Some(last) = model.stages.last_mut() {
                        last.instructions.end = i;
                    }
                    let stage = stage(inst, i, model.stages.len(), &lex, &env, &model.stages);
                    model.stages.push(stage);
                }
                InstructionKind::Copy => {
                    let stages_before = model.stages.len();
                    if let Some(flag) = inst.flag("from")
                        && let Some(value) = &flag.value
                        && stages_before > 0
                    {
                        let from = lex
                            .process_word(value.as_str(), &env)
                            .unwrap_or_else(|_| value.as_str().to_string());
                        // The stage itself counts (BuildKit reports the circular dependency).
                        let source = copy_source(&from, &model.stages[..stages_before]);
                        let copy = CopyFrom {
                            instruction: i,
                            from,
                            range: value.range,
                            source,
                        };
                        if let Some(last) = model.stages.last_mut() {
                            last.copies_from.push(copy);
                        }
                    }
                }
                _ => {}
            }
        }
        if let Some(last) = model.stages.last_mut() {
            last.instructions.end = instructions.len();
        }
        model
    }

    /// The stage that ships: the last one.
    pub fn final_stage(&self) -> Option<&Stage> {
        self.stages.last()
    }

    /// The stage an instruction belongs to.
    pub fn stage_of(&self, instruction: usize) -> Option<&Stage> {
        self.stages
            .iter()
            .find(|s| s.from_instruction == instruction || s.instructions.contains(&instruction))
    }

    /// The stage with this name (case-insensitive) or index.
    pub fn find_stage(&self, name: &str) -> Option<&Stage> {
        let lower = name.to_ascii_lowercase();
        self.stages
            .iter()
            .find(|s| s.name.as_deref() == Some(lower.as_str()))
            .or_else(|| name.parse::<usize>().ok().and_then(|i| self.stages.get(i)))
    }

    /// The stages an image is built from, oldest first: `stage` itself and
    /// the earlier stages its `FROM` names, one after another. Their layers
    /// are all part of the image `stage` makes (`COPY --from` takes files,
    /// not layers, so the stages it reads from are not here). Empty when
    /// there is no such stage.
    pub fn lineage(&self, stage: usize) -> Vec<usize> {
        let Some(mut at) = self.stages.get(stage) else {
            return Vec::new();
        };
        let mut chain = vec![stage];
        while let BaseKind::Stage { index } = at.base.kind {
            // The model only links to earlier stages; the check keeps a
            // broken link from looping.
            match self.stages.get(index) {
                Some(earlier) if index < at.index => {
                    chain.push(index);
                    at = earlier;
                }
                _ => break,
            }
        }
        chain.reverse();
        chain
    }

    /// The stage whose `FROM` names the image (or `scratch`, or something
    /// invalid) that `stage` is built on: the first of its [`lineage`](Self::lineage).
    pub fn root(&self, stage: usize) -> Option<&Stage> {
        self.lineage(stage)
            .first()
            .and_then(|&i| self.stages.get(i))
    }

    /// The stages whose layers make up the final image: the [`lineage`](Self::lineage)
    /// of the final stage, oldest first.
    pub fn shipped_lineage(&self) -> Vec<usize> {
        self.stages
            .last()
            .map_or_else(Vec::new, |last| self.lineage(last.index))
    }

    /// The stages whose output reaches the final image, through `FROM`
    /// (their layers) or `COPY --from` (their files), directly or through
    /// other stages, final stage included, in order.
    pub fn shipped_stages(&self) -> Vec<usize> {
        let Some(last) = self.stages.last() else {
            return Vec::new();
        };
        let mut seen = vec![last.index];
        let mut queue = vec![last.index];
        while let Some(i) = queue.pop() {
            let Some(stage) = self.stages.get(i) else {
                continue;
            };
            let copied = stage.copies_from.iter().filter_map(|c| match c.source {
                CopySource::Stage { index } => Some(index),
                _ => None,
            });
            let base = match stage.base.kind {
                BaseKind::Stage { index } => Some(index),
                _ => None,
            };
            for d in copied.chain(base) {
                if !seen.contains(&d) {
                    seen.push(d);
                    queue.push(d);
                }
            }
        }
        seen.sort_unstable();
        seen
    }
}

/// `ARG name[=default]` words of one instruction.
fn arg_decls(
    inst: &Instruction<'_>,
    index: usize,
    lex: &Lex,
    env: &[(String, String)],
) -> Vec<ArgDecl> {
    let Args::Words(words) = &inst.args else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut scope: Vec<(String, String)> = env.to_vec();
    for w in words {
        let (name, default) = match w.as_str().split_once('=') {
            Some((n, d)) => (n.to_string(), Some(d.to_string())),
            None => (w.as_str().to_string(), None),
        };
        let value = default.as_deref().map(|d| {
            lex.process_word(d, &scope)
                .unwrap_or_else(|_| d.to_string())
        });
        if let Some(v) = &value {
            scope.push((name.clone(), v.clone()));
        }
        out.push(ArgDecl {
            name,
            default,
            value,
            range: w.range,
            instruction: index,
        });
    }
    out
}

fn stage(
    inst: &Instruction<'_>,
    index: usize,
    position: usize,
    lex: &Lex,
    env: &[(String, String)],
    earlier: &[Stage],
) -> Stage {
    let words: &[crate::syntax::Spanned<'_>] = match &inst.args {
        Args::Words(w) => w,
        _ => &[],
    };
    let (name, name_range) = match words {
        [_, as_kw, name] if as_kw.as_str().eq_ignore_ascii_case("as") => {
            (Some(name.as_str().to_lowercase()), Some(name.range))
        }
        _ => (None, None),
    };
    let base = match words.first() {
        Some(w) => base_image(w.as_str(), w.range, lex, env, earlier),
        None => BaseImage {
            written: String::new(),
            expanded: String::new(),
            range: inst.keyword.range,
            kind: BaseKind::Invalid {
                reason: "FROM names no image".to_string(),
            },
            undefined_args: Vec::new(),
        },
    };
    let platform = inst
        .flag("platform")
        .and_then(|f| f.value.as_ref())
        .map(|v| {
            lex.process_word(v.as_str(), &Vars(env))
                .unwrap_or_else(|_| v.as_str().to_string())
        });
    Stage {
        index: position,
        name,
        name_range,
        from_instruction: index,
        from_range: inst.range,
        base,
        platform,
        instructions: index + 1..index + 1,
        copies_from: Vec::new(),
    }
}

fn base_image(
    written: &str,
    range: TextRange,
    lex: &Lex,
    env: &[(String, String)],
    earlier: &[Stage],
) -> BaseImage {
    // Every `FROM` sees the same global arguments, so a base written like an
    // earlier one expands like it: large files repeat a handful of bases, and
    // expansion is the costly part.
    let same = earlier
        .iter()
        .find(|s| s.base.written == written && !matches!(s.base.kind, BaseKind::Invalid { .. }));
    let (expanded, undefined_args, error) = match same {
        Some(s) => (s.base.expanded.clone(), s.base.undefined_args.clone(), None),
        None => match lex.process(written, &Vars(env)) {
            Ok(p) => (p.result, p.unmatched.into_iter().collect(), None),
            Err(e) => (written.to_string(), Vec::new(), Some(e.message)),
        },
    };
    let lower = expanded.to_ascii_lowercase();
    let kind = if let Some(reason) = error {
        BaseKind::Invalid {
            reason: format!("cannot expand {written}: {reason}"),
        }
    } else if expanded.is_empty() {
        BaseKind::Invalid {
            reason: format!("{written} expands to nothing: give the ARG a default"),
        }
    } else if let Some(s) = earlier
        .iter()
        .find(|s| s.name.as_deref() == Some(lower.as_str()))
    {
        BaseKind::Stage { index: s.index }
    } else if expanded == crate::image_ref::SCRATCH {
        BaseKind::Scratch
    } else if let Some(BaseKind::Image { reference }) = same.map(|s| &s.base.kind) {
        BaseKind::Image {
            reference: reference.clone(),
        }
    } else {
        match ImageRef::parse(&expanded) {
            Ok(reference) => BaseKind::Image {
                reference: Box::new(reference),
            },
            Err(ImageRefError { message, .. }) => BaseKind::Invalid { reason: message },
        }
    };
    BaseImage {
        written: written.to_string(),
        expanded,
        range,
        kind,
        undefined_args,
    }
}

fn copy_source(from: &str, earlier: &[Stage]) -> CopySource {
    let lower = from.to_ascii_lowercase();
    if let Some(s) = earlier
        .iter()
        .find(|s| s.name.as_deref() == Some(lower.as_str()))
    {
        return CopySource::Stage { index: s.index };
    }
    if let Ok(i) = from.parse::<usize>() {
        return if i < earlier.len() {
            CopySource::Stage { index: i }
        } else {
            CopySource::Unknown
        };
    }
    match ImageRef::parse(from) {
        Ok(reference) => CopySource::Image {
            reference: Box::new(reference),
        },
        Err(_) => CopySource::Unknown,
    }
}

/// The script a `RUN` hands to the shell, with a map back to the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunScript<'a> {
    /// The script text: the shell-form command, or a heredoc body when the
    /// command is only a heredoc opener.
    pub text: Cow<'a, str>,
    /// How offsets in `text` map to the source.
    origin: ScriptOrigin,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum ScriptOrigin {
    /// The command is a piece of the instruction's logical line starting at
    /// this logical offset (the line's map is found once here, as a script
    /// spanning many lines has many ranges to map).
    Logical { start: usize, map: LineMap },
    /// The command is a heredoc body starting at this source offset.
    Body { start: usize },
}

impl RunScript<'_> {
    /// The source range of a range of the script.
    pub fn source_range(&self, start: usize, end: usize) -> TextRange {
        match &self.origin {
            ScriptOrigin::Logical { start: base, map } => map.range(base + start, base + end),
            ScriptOrigin::Body { start: base } => TextRange::new(base + start, base + end),
        }
    }
}

/// The shell scripts of a `RUN` (or of the `RUN` an `ONBUILD` triggers):
/// the shell-form command and, for each heredoc it feeds to the shell, the
/// heredoc body. Exec form has no script.
pub fn run_scripts<'a>(inst: &Instruction<'a>) -> Vec<RunScript<'a>> {
    let mut out = Vec::new();
    let Args::Shell(command) = &inst.args else {
        return out;
    };
    let map = inst.logical.map();
    if let Some(start) = map.to_logical(command.range.start) {
        out.push(RunScript {
            text: command.value.clone(),
            origin: ScriptOrigin::Logical { start, map },
        });
    }
    for h in inst.heredocs() {
        // A heredoc with a file descriptor other than stdin is a file the
        // command reads, not the script itself; scripts are what bare
        // `<<EOF` openers and `sh <<EOF` feed the shell.
        if h.file_descriptor.unwrap_or(0) == 0 {
            out.push(RunScript {
                text: h.content.clone(),
                origin: ScriptOrigin::Body {
                    start: h.body.start,
                },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    #[test]
    fn stages_bases_and_links() {
        let src = "ARG PY=3.12\nARG VARIANT=slim\nFROM python:${PY}-${VARIANT} AS Build\nRUN pip install x\nFROM gcr.io/distroless/python3-debian13:nonroot\nCOPY --from=build /a /b\nCOPY --from=nginx:alpine /etc/nginx /etc/nginx\n";
        let p = parse(src);
        let m = Model::new(&p);
        assert_eq!(m.global_args.len(), 2);
        assert_eq!(m.stages.len(), 2);
        let s0 = &m.stages[0];
        assert_eq!(s0.name.as_deref(), Some("build"));
        assert_eq!(s0.base.expanded, "python:3.12-slim");
        let r = s0.base.reference().unwrap();
        assert_eq!(r.repository.text, "python");
        assert_eq!(r.tag.as_ref().unwrap().text, "3.12-slim");
        assert_eq!(s0.instructions, 3..4);
        let s1 = &m.stages[1];
        assert_eq!(
            s1.base
                .reference()
                .unwrap()
                .namespace
                .as_ref()
                .unwrap()
                .text,
            "distroless"
        );
        assert_eq!(s1.copies_from[0].source, CopySource::Stage { index: 0 });
        assert!(matches!(s1.copies_from[1].source, CopySource::Image { .. }));
        assert_eq!(m.shipped_stages(), vec![0, 1]);
        // Only FROM passes layers on.
        assert_eq!(m.shipped_lineage(), vec![1]);
    }

    #[test]
    fn undefined_args_scratch_and_stage_bases() {
        let p = parse("FROM ${NOPE:-alpine}:${TAG}\nFROM scratch\nFROM base AS x\nFROM x\n");
        let m = Model::new(&p);
        assert_eq!(m.stages[0].base.expanded, "alpine:");
        assert!(m.stages[0].base.undefined_args.contains(&"TAG".to_string()));
        assert_eq!(m.stages[1].base.kind, BaseKind::Scratch);
        assert_eq!(m.stages[3].base.kind, BaseKind::Stage { index: 2 });
        assert_eq!(m.lineage(3), vec![2, 3]);
        assert_eq!(m.root(3).map(|s| s.index), Some(2));
        assert_eq!(m.shipped_lineage(), vec![2, 3]);
        assert!(m.lineage(9).is_empty());
    }

    #[test]
    fn run_scripts_map_back_to_the_source() {
        let src = "FROM a\nRUN apt-get update && \\\n    apt-get install -y curl\nRUN <<EOF\nset -e\napk add git\nEOF\n";
        let p = parse(src);
        let insts: Vec<_> = p.instructions().collect();
        let scripts = run_scripts(insts[1]);
        let s = &scripts[0];
        let at = s.text.find("install").unwrap();
        let r = s.source_range(at, at + "install".len());
        assert_eq!(r.slice(src), "install");
        let scripts = run_scripts(insts[2]);
        assert_eq!(scripts.len(), 2);
        let body = &scripts[1];
        let at = body.text.find("git").unwrap();
        assert_eq!(body.source_range(at, at + 3).slice(src), "git");
    }
}
