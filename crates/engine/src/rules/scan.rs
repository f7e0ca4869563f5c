//! What the compatibility and size-habit rules read from a Dockerfile beyond
//! the context: the `RUN`s of a stage with their shell analysis and cache
//! mounts, the chain of stages an image is built on, the variables `ENV` and
//! `ARG` set before an instruction, and how to turn a place in a shell
//! script back into a place in the source for a fix.
//!
//! Nothing here reports anything; the rules decide what matters.

use std::ops::Range;
use std::rc::Rc;

use crate::catalogue::Libc;
use crate::expand::{Lex, Vars};
use crate::model::{BaseKind, RunScript, Stage, run_scripts};
use crate::shell::{self, Connector, ScriptAnalysis, SimpleCommand};
use crate::syntax::{Args, Instruction, InstructionKind, MountType, TextRange, parse_mount};

use super::Context;

/// One shell script of a `RUN` (the shell-form command or a heredoc body)
/// and what the shell analysis found in it.
pub(super) struct Script<'a> {
    /// The script and its map back to the source.
    pub(super) script: RunScript<'a>,
    /// Its commands and actions.
    pub(super) analysis: ScriptAnalysis,
}

/// A `RUN` instruction of a stage.
pub(super) struct Run<'p, 'a> {
    /// Index of the instruction.
    pub(super) index: usize,
    /// The stage it belongs to.
    pub(super) stage: usize,
    /// The variables `ENV` and `ARG` of its stage (shared by the stage's
    /// `RUN`s); the first `env_len` are set for this one.
    stage_env: Rc<Vec<(String, String)>>,
    env_len: usize,
    /// The directory it runs in.
    pub(super) workdir: String,
    /// The instruction.
    pub(super) inst: &'p Instruction<'a>,
    /// Its scripts, in the order the shell runs them.
    pub(super) scripts: Vec<Script<'a>>,
    /// Targets of its `--mount=type=cache` and `type=tmpfs` mounts: what is
    /// written there never reaches the layer.
    pub(super) mounts: Vec<String>,
}

impl Run<'_, '_> {
    /// The variables `ENV` and `ARG` set for this `RUN` (later entries win).
    pub(super) fn env(&self) -> &[(String, String)] {
        self.stage_env.get(..self.env_len).unwrap_or(&[])
    }

    /// Whether files written at `path` go to a cache or tmpfs mount.
    pub(super) fn mounted(&self, path: &str) -> bool {
        self.mounts.iter().any(|m| covers(m, path))
    }

    /// The source range of a range of script `script`.
    pub(super) fn range(&self, script: usize, range: &Range<usize>) -> Option<TextRange> {
        let s = self.scripts.get(script)?;
        Some(s.script.source_range(self.inst, range.start, range.end))
    }

    /// The source offset just after the script byte before `end`: where to
    /// insert text so it follows what ends there on the same line (a line
    /// continuation after it stays after the insertion).
    pub(super) fn insertion_after(&self, script: usize, end: usize) -> Option<usize> {
        let s = self.scripts.get(script)?;
        let last = end.checked_sub(1)?;
        Some(s.script.source_range(self.inst, last, end).end)
    }
}

/// Whether a mount at `mount` holds what is written at `path`.
pub(super) fn covers(mount: &str, path: &str) -> bool {
    let mount = mount.trim_end_matches('/');
    let path = path.trim_end_matches('/');
    if mount.is_empty() {
        // A mount over `/` would hide the whole file system; BuildKit refuses
        // it, so it never counts.
        return false;
    }
    path == mount
        || path
            .strip_prefix(mount)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Every `RUN` of the Dockerfile, analysed once per context and shared by
/// the rules (a thousand-line file has hundreds of `RUN`s, and a dozen rules
/// read them).
pub(super) fn all_runs<'c, 'p, 'a>(cx: &'c Context<'a, 'p>) -> &'c [Run<'p, 'a>] {
    cx.runs.get_or_init(|| {
        let lex = Lex::new(cx.parse.escape());
        let mut ends: Vec<Scope> = Vec::with_capacity(cx.model.stages.len());
        let mut out = Vec::new();
        for stage in &cx.model.stages {
            let mut scope = match stage.base.kind {
                BaseKind::Stage { index } => ends.get(index).cloned().unwrap_or_else(Scope::root),
                _ => Scope::root(),
            };
            // The stage's variables only grow, so its RUNs share one list
            // and each knows how much of it it sees.
            let mut pending = Vec::new();
            for (index, inst) in cx.stage_instructions(stage) {
                if inst.kind == InstructionKind::Run {
                    pending.push((index, inst, scope.env.len(), scope.workdir.clone()));
                } else {
                    scope.apply(cx, &lex, inst);
                }
            }
            let shared = Rc::new(scope.env.clone());
            for (index, inst, env_len, workdir) in pending {
                out.push(run(
                    index,
                    stage.index,
                    inst,
                    Rc::clone(&shared),
                    env_len,
                    workdir,
                ));
            }
            ends.push(scope);
        }
        out
    })
}

/// The `RUN`s of one stage (its own instructions, not its parent's).
pub(super) fn runs<'c, 'p, 'a>(
    cx: &'c Context<'a, 'p>,
    stage: &Stage,
) -> impl Iterator<Item = &'c Run<'p, 'a>> + 'c {
    let index = stage.index;
    all_runs(cx).iter().filter(move |r| r.stage == index)
}

/// One `RUN`, analysed.
fn run<'p, 'a>(
    index: usize,
    stage: usize,
    inst: &'p Instruction<'a>,
    stage_env: Rc<Vec<(String, String)>>,
    env_len: usize,
    workdir: String,
) -> Run<'p, 'a> {
    let scripts = run_scripts(inst)
        .into_iter()
        .map(|script| {
            let analysis = shell::analyze(&script.text);
            Script { script, analysis }
        })
        .collect();
    let mounts = inst
        .flags
        .iter()
        .filter(|f| f.name.as_str() == "mount")
        .filter_map(|f| f.value.as_ref())
        .filter_map(|v| {
            let m = parse_mount(v.as_str()).ok()?;
            matches!(m.kind, MountType::Cache | MountType::Tmpfs)
                .then(|| m.target.map(|t| t.into_owned()))
                .flatten()
        })
        .collect();
    Run {
        index,
        stage,
        stage_env,
        env_len,
        workdir,
        inst,
        scripts,
        mounts,
    }
}

/// What `ENV`, `ARG` and `WORKDIR` have set at a point of a stage. A stage
/// built `FROM` another starts with all of it: BuildKit passes the parent's
/// `ARG`s on too, as the `buildkit` module also models.
#[derive(Clone, Debug)]
pub(super) struct Scope {
    /// The variables a `RUN` sees (later entries win).
    pub(super) env: Vec<(String, String)>,
    /// The working directory.
    pub(super) workdir: String,
}

impl Scope {
    /// The start of a stage built on an image.
    pub(super) fn root() -> Scope {
        Scope {
            env: Vec::new(),
            workdir: "/".to_owned(),
        }
    }

    /// Takes in an `ENV`, `ARG` or `WORKDIR` instruction (others change
    /// nothing).
    pub(super) fn apply(&mut self, cx: &Context<'_, '_>, lex: &Lex, inst: &Instruction<'_>) {
        match (&inst.kind, &inst.args) {
            (InstructionKind::Env, Args::KeyValues { pairs, .. }) => {
                for pair in pairs {
                    let value = lex
                        .process_word(pair.value.as_str(), &Vars(&self.env))
                        .unwrap_or_else(|_| pair.value.as_str().to_owned());
                    self.env.push((pair.key.as_str().to_owned(), value));
                }
            }
            (InstructionKind::Arg, Args::Words(words)) => {
                for w in words {
                    let (name, default) = match w.as_str().split_once('=') {
                        Some((n, d)) => (n, Some(d)),
                        None => (w.as_str(), None),
                    };
                    let value = match default {
                        Some(d) => Some(
                            lex.process_word(d, &Vars(&self.env))
                                .unwrap_or_else(|_| d.to_owned()),
                        ),
                        None => cx
                            .model
                            .global_args
                            .iter()
                            .rev()
                            .find(|a| a.name == name)
                            .and_then(|a| a.value.clone()),
                    };
                    if let Some(v) = value {
                        self.env.push((name.to_owned(), v));
                    }
                }
            }
            (InstructionKind::Workdir, Args::Text(t)) => {
                let value = lex
                    .process_word(t.as_str(), &Vars(&self.env))
                    .unwrap_or_else(|_| t.as_str().to_owned());
                self.workdir = join(&self.workdir, &value);
            }
            _ => {}
        }
    }
}

/// The stages an image is built from, oldest first: `stage` itself and the
/// earlier stages its `FROM` names, one after another.
pub(super) fn lineage(cx: &Context<'_, '_>, stage: usize) -> Vec<usize> {
    let mut chain = vec![stage];
    let mut at = stage;
    while let Some(BaseKind::Stage { index }) = cx.model.stages.get(at).map(|s| &s.base.kind) {
        // The model only links to earlier stages; the check keeps a bad
        // model from looping.
        if *index >= at {
            break;
        }
        chain.push(*index);
        at = *index;
    }
    chain.reverse();
    chain
}

/// The stages whose layers end up in the final image: the final stage and
/// the stages it is built `FROM`, oldest first. (`COPY --from` takes files,
/// not layers, so the stages it reads from are not here.)
pub(super) fn shipped(cx: &Context<'_, '_>) -> Vec<usize> {
    match cx.model.stages.last() {
        Some(last) => lineage(cx, last.index),
        None => Vec::new(),
    }
}

/// What `ENV`, `ARG` and `WORKDIR` have set for `instruction` in `stage`,
/// from the start of its lineage.
pub(super) fn scope_at(cx: &Context<'_, '_>, stage: usize, instruction: usize) -> Scope {
    let lex = Lex::new(cx.parse.escape());
    let mut scope = Scope::root();
    for s in lineage(cx, stage) {
        let Some(st) = cx.model.stages.get(s) else {
            continue;
        };
        for (i, inst) in cx.stage_instructions(st) {
            if i >= instruction {
                break;
            }
            scope.apply(cx, &lex, inst);
        }
    }
    scope
}

/// `path` resolved against `dir`, with `.` and `..` steps and repeated
/// slashes removed; a trailing slash is kept (it says "a directory").
pub(super) fn join(dir: &str, path: &str) -> String {
    let full = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("{}/{path}", dir.trim_end_matches('/'))
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in full.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if path.ends_with('/') && out != "/" {
        out.push('/');
    }
    out
}

/// The OS packages installed by the `RUN`s of `stage`'s lineage before
/// `instruction` (names as the package manager reads them).
pub(super) fn packages_before(
    cx: &Context<'_, '_>,
    stage: usize,
    instruction: usize,
) -> Vec<String> {
    let chain = lineage(cx, stage);
    all_runs(cx)
        .iter()
        .filter(|r| r.index < instruction && chain.contains(&r.stage))
        .flat_map(|r| &r.scripts)
        .flat_map(|s| s.analysis.installs())
        .filter(|i| i.manager.is_os())
        .flat_map(|i| i.packages.iter().map(|p| p.name.clone()))
        .collect()
}

/// The value of `name` in an environment (later entries win).
pub(super) fn lookup<'e>(env: &'e [(String, String)], name: &str) -> Option<&'e str> {
    env.iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// How a stage's base reads in a message: `alpine:3.21`, `scratch`, or
/// `stage build (alpine:3.21)`.
pub(super) fn base_label(cx: &Context<'_, '_>, stage: usize) -> String {
    let Some(st) = cx.model.stages.get(stage) else {
        return "this base".to_owned();
    };
    match &st.base.kind {
        BaseKind::Scratch => "scratch".to_owned(),
        BaseKind::Image { .. } => cx
            .stages
            .get(stage)
            .and_then(|f| f.resolution.as_ref())
            .map_or_else(|| st.base.expanded.clone(), |r| r.reference.clone()),
        BaseKind::Stage { index } if *index < stage => {
            let label = cx
                .model
                .stages
                .get(*index)
                .map_or_else(|| format!("stage {index}"), Stage::label);
            format!("stage {label} ({})", base_label(cx, *index))
        }
        _ => st.base.expanded.clone(),
    }
}

/// The libc of a stage's base, counting `scratch` as having none; `None`
/// when the base is unknown.
pub(super) fn libc(cx: &Context<'_, '_>, stage: usize) -> Option<Libc> {
    let facts = cx.stages.get(stage)?;
    if facts.scratch {
        Some(Libc::None)
    } else {
        facts.facts.libc
    }
}

/// Programs that run the command after them.
const WRAPPERS: [&str; 6] = ["sudo", "exec", "command", "nohup", "time", "nice"];

/// The index of the word that names the program a simple command runs,
/// looking through `sudo`, `env A=1` and similar wrappers.
pub(super) fn program_word(command: &SimpleCommand) -> Option<usize> {
    let mut i = 0;
    while let Some(word) = command.words.get(i) {
        let name = basename(&word.text);
        if name == "env" {
            i += 1;
            while command
                .words
                .get(i)
                .is_some_and(|w| w.text.starts_with('-') || is_assignment(&w.text))
            {
                i += 1;
            }
        } else if WRAPPERS.contains(&name) {
            // `command -v NAME` asks where NAME is; it runs nothing.
            if name == "command"
                && command
                    .words
                    .get(i + 1)
                    .is_some_and(|w| w.text == "-v" || w.text == "-V")
            {
                return None;
            }
            i += 1;
            while let Some(w) = command.words.get(i) {
                if !w.text.starts_with('-') {
                    break;
                }
                let takes_value =
                    matches!(w.text.as_str(), "-u" | "-g" | "-n" | "-p" | "-C" | "-h");
                i += if takes_value { 2 } else { 1 };
            }
        } else {
            return Some(i);
        }
    }
    None
}

/// The program's file name (`/usr/bin/apt-get` → `apt-get`).
pub(super) fn basename(text: &str) -> &str {
    text.rsplit('/').next().unwrap_or(text)
}

fn is_assignment(text: &str) -> bool {
    text.split_once('=').is_some_and(|(name, _)| {
        name.bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    })
}

/// The script range after which ` && next` can be appended so that `next`
/// runs once command `i` has finished: the end of the pipeline command `i`
/// belongs to. `None` when the pipeline is sent to the background.
pub(super) fn append_point(analysis: &ScriptAnalysis, i: usize) -> Option<usize> {
    let mut last = i;
    while analysis
        .commands
        .get(last + 1)
        .is_some_and(|c| c.connector == Connector::Pipe)
    {
        last += 1;
    }
    if analysis
        .commands
        .get(last + 1)
        .is_some_and(|c| c.connector == Connector::Background)
    {
        return None;
    }
    analysis.commands.get(last).map(|c| c.range.end)
}

/// The first word of command `command` after its program whose text is
/// `text` (a subcommand such as `install`), as an index into its words.
pub(super) fn word_after_program(command: &SimpleCommand, text: &str) -> Option<usize> {
    let program = program_word(command)?;
    command
        .words
        .iter()
        .enumerate()
        .skip(program + 1)
        .find(|(_, w)| w.text == text)
        .map(|(i, _)| i)
}

/// The `RUN`s whose layers ship, in build order: those of the final stage
/// and of the stages it is built `FROM`.
pub(super) fn shipped_runs<'c, 'p, 'a>(cx: &'c Context<'a, 'p>) -> Vec<&'c Run<'p, 'a>> {
    let chain = shipped(cx);
    all_runs(cx)
        .iter()
        .filter(|r| chain.contains(&r.stage))
        .collect()
}

/// Whether a stage's base is known to have a different OS package manager
/// than `manager` (then the size habits of `manager` are not its problem:
/// `package-manager-mismatch` says what is).
pub(super) fn other_package_manager(
    cx: &Context<'_, '_>,
    stage: usize,
    manager: crate::catalogue::PackageManager,
) -> bool {
    cx.stages.get(stage).is_some_and(|f| {
        f.scratch || (f.facts.known && f.facts.package_manager.is_some_and(|pm| pm != manager))
    })
}

/// The fix edit that appends ` && {command}` after the last command of a
/// `RUN` whose program is one of `programs`, or `None` when there is none
/// or it runs in the background.
pub(super) fn append_after_last(
    run: &Run<'_, '_>,
    programs: &[&str],
    command: &str,
) -> Option<crate::diagnostic::Edit> {
    let (si, ci) = run
        .scripts
        .iter()
        .enumerate()
        .flat_map(|(si, s)| {
            s.analysis
                .commands
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    program_word(c)
                        .and_then(|p| c.words.get(p))
                        .is_some_and(|w| programs.contains(&basename(&w.text)))
                })
                .map(move |(ci, _)| (si, ci))
        })
        .last()?;
    let analysis = &run.scripts.get(si)?.analysis;
    let end = append_point(analysis, ci)?;
    let at = run.insertion_after(si, end)?;
    Some(crate::diagnostic::Edit {
        range: TextRange::empty(at),
        replacement: format!(" && {command}"),
    })
}

/// The fix edit that inserts ` {flag}` right after the word `subcommand` of
/// command `command` of script `script`.
pub(super) fn insert_after_word(
    run: &Run<'_, '_>,
    script: usize,
    command: usize,
    subcommands: &[&str],
    flag: &str,
) -> Option<(TextRange, crate::diagnostic::Edit)> {
    let c = run.scripts.get(script)?.analysis.commands.get(command)?;
    let w = subcommands
        .iter()
        .find_map(|s| word_after_program(c, s))
        .and_then(|i| c.words.get(i))?;
    let range = run.range(script, &w.range)?;
    Some((
        range,
        crate::diagnostic::Edit {
            range: TextRange::empty(range.end),
            replacement: format!(" {flag}"),
        },
    ))
}

/// The line a source offset is on, 1-based, for messages.
pub(super) fn line_of(cx: &Context<'_, '_>, offset: usize) -> usize {
    cx.parse.line_col(offset).line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    #[test]
    fn env_follows_the_lineage_and_global_args() {
        let src = "ARG CGO_ENABLED=0\nFROM golang:1.23 AS base\nENV A=1 B=\"two words\"\nFROM base AS build\nARG CGO_ENABLED\nENV A=${A}x\nRUN go build\n";
        let p = parse(src);
        let cx = Context::new(&p);
        let env = scope_at(&cx, 1, 6).env;
        assert_eq!(lookup(&env, "A"), Some("1x"));
        assert_eq!(lookup(&env, "B"), Some("two words"));
        assert_eq!(lookup(&env, "CGO_ENABLED"), Some("0"));
        assert_eq!(lineage(&cx, 1), vec![0, 1]);
        assert_eq!(shipped(&cx), vec![0, 1]);
        assert_eq!(base_label(&cx, 1), "stage base (golang:1.23)");
    }

    #[test]
    fn paths_join_like_workdir() {
        assert_eq!(join("/", "app"), "/app");
        assert_eq!(join("/src/", "../out/"), "/out/");
        assert_eq!(join("/src", "/abs//x/./y"), "/abs/x/y");
        assert_eq!(join("/a", ".."), "/");
        let src = "FROM golang:1.23\nARG NAME=api\nWORKDIR /src\nWORKDIR cmd/$NAME\nRUN go build\n";
        let p = parse(src);
        let cx = Context::new(&p);
        assert_eq!(scope_at(&cx, 0, 4).workdir, "/src/cmd/api");
        let run = &all_runs(&cx)[0];
        assert_eq!(run.workdir, "/src/cmd/api");
        assert_eq!(lookup(run.env(), "NAME"), Some("api"));
    }

    #[test]
    fn insertion_points_stay_before_continuations() {
        let src = "FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && \\\n    apt-get install -y curl\\\n    | tee log && echo done\n";
        let p = parse(src);
        let cx = Context::new(&p);
        let run = runs(&cx, &cx.model.stages[0]).next().unwrap();
        assert!(run.mounted("/var/cache/apt/archives"));
        assert!(!run.mounted("/var/lib/apt/lists"));
        let analysis = &run.scripts[0].analysis;
        let end = append_point(analysis, 1).unwrap();
        let at = run.insertion_after(0, end).unwrap();
        assert_eq!(&src[at - 3..at], "log");
        let curl_end = analysis.commands[1].range.end;
        let at = run.insertion_after(0, curl_end).unwrap();
        assert_eq!(&src[at - 4..at + 1], "curl\\");
    }

    #[test]
    fn programs_are_found_behind_wrappers() {
        let cmds = shell::simple_commands("sudo -u root env -i A=1 /usr/bin/apt-get install x");
        let i = program_word(&cmds[0]).unwrap();
        assert!(program_word(&shell::simple_commands("command -v apk")[0]).is_none());
        assert_eq!(cmds[0].words[i].text, "/usr/bin/apt-get");
        assert_eq!(word_after_program(&cmds[0], "install"), Some(i + 1));
    }
}
