//! Every stage read in order, the way BuildKit applies its instructions: the
//! variables each instruction sees (`ARG` and `ENV`, inherited through `FROM
//! <stage>`), the `ARG` names it may use, whether `SHELL` or `WORKDIR` has
//! run, the working directory, the OS packages installed so far, the shell
//! scripts of every `RUN` with their analysis and mounts, and what every
//! `COPY` and `ADD` takes from where to where (paths expanded and made
//! absolute).
//!
//! This is the common ground of the rules and the size estimate: a
//! [`Walk`] is made once per analysis (the rules' [`Context`] keeps it), so
//! each `RUN` script is analysed once and each `ENV` expanded once however
//! many rules, layers and what-if bases read them.
//!
//! A stage's variables only grow (a later definition wins), so the whole
//! stage keeps one list and each step records how much of it it sees.

use std::rc::Rc;

use crate::expand::{Lex, Processed, Vars};
use crate::image_ref::ImageRef;
use crate::model::{BaseKind, CopySource, RunScript, Stage, run_scripts};
use crate::rules::Context;
use crate::shell::{self, ScriptAnalysis};
use std::ops::Range;

use crate::syntax::{Args, Instruction, InstructionKind, MountType, TextRange, parse_mount};

/// The build arguments BuildKit defines for `FROM` lines without any `ARG`,
/// with the values of a build on and for `linux/amd64` (no `--platform`);
/// `TARGETSTAGE` is filled in with the final stage's name.
pub(crate) const DEFAULT_FROM_ARGS: [(&str, &str); 11] = [
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

/// Build arguments BuildKit reads itself: never reported as undefined, and
/// never set in a stage's environment.
pub(crate) const NON_ENV_ARGS: [&str; 2] =
    ["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"];

/// The `PATH` BuildKit gives every stage whose base image does not set one.
const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// What a `FROM` line can see: BuildKit's default platform arguments, then
/// the global `ARG`s (those before the first `FROM`) with their defaults.
pub(crate) struct GlobalScope {
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
            .and_then(|s| s.name.as_deref())
            .unwrap_or_default();
        let mut env: Vec<(String, String)> = DEFAULT_FROM_ARGS
            .iter()
            .map(|(k, v)| {
                let v = if *k == "TARGETSTAGE" { target } else { v };
                ((*k).to_owned(), v.to_owned())
            })
            .collect();
        let mut declared: Vec<String> = DEFAULT_FROM_ARGS
            .iter()
            .map(|(k, _)| (*k).to_owned())
            .collect();
        for arg in &cx.model.global_args {
            if let Some(default) = &arg.default {
                // BuildKit stops at an expansion error; the build fails there
                // anyway, so the written default is a fine stand-in.
                env.push((arg.name.clone(), expand(&lex, default, &env)));
            }
            if !declared.contains(&arg.name) {
                declared.push(arg.name.clone());
            }
        }
        GlobalScope { env, declared }
    }

    /// The value of a variable, if it has one.
    pub fn get(&self, name: &str) -> Option<&str> {
        lookup(&self.env, name)
    }
}

/// The value of `name` in an environment (later entries win).
pub(crate) fn lookup<'e>(env: &'e [(String, String)], name: &str) -> Option<&'e str> {
    env.iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// A word after BuildKit's expansion, or as written when it does not expand.
pub(crate) fn expand(lex: &Lex, word: &str, env: &[(String, String)]) -> String {
    // Without `$`, quotes or the escape character, processing changes
    // nothing; most words are like that, and skipping the processor saves
    // its allocations.
    if !word.contains(['$', '\'', '"', lex.escape]) {
        return word.to_owned();
    }
    lex.process_word(word, &Vars(env))
        .unwrap_or_else(|_| word.to_owned())
}

/// `path` made absolute against `dir` and normalised (no `.`, `..`, repeated
/// or final slashes).
pub(crate) fn absolute(dir: &str, path: &str) -> String {
    // Built in place, one allocation: `..` cuts back to the last slash.
    let mut out = String::with_capacity(dir.len() + path.len() + 1);
    let from_dir = if path.starts_with('/') { "" } else { dir };
    for part in from_dir.split('/').chain(path.split('/')) {
        match part {
            "" | "." => {}
            ".." => {
                if let Some(at) = out.rfind('/') {
                    out.truncate(at);
                }
            }
            other => {
                out.push('/');
                out.push_str(other);
            }
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// True when `inner` is `outer` or lies inside it.
pub(crate) fn within(inner: &str, outer: &str) -> bool {
    outer == "/"
        || inner == outer
        || inner
            .strip_prefix(outer)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Whether a mount at `mount` holds what is written at `path`. A mount over
/// `/` never counts: BuildKit refuses it.
pub(crate) fn covers(mount: &str, path: &str) -> bool {
    let mount = mount.trim_end_matches('/');
    let path = path.trim_end_matches('/');
    !mount.is_empty()
        && (path == mount
            || path
                .strip_prefix(mount)
                .is_some_and(|rest| rest.starts_with('/')))
}

/// A `RUN` script and what the shell analysis found in it.
pub(crate) struct Script<'a> {
    /// The script and its map back to the source.
    pub script: RunScript<'a>,
    /// Its commands and actions.
    pub analysis: ScriptAnalysis,
}

/// Where a `COPY` or `ADD` takes its files from.
pub(crate) enum Origin {
    /// The build context.
    Context,
    /// An earlier stage, by index.
    Stage(usize),
    /// An image pulled for the copy.
    Image(Box<ImageRef>),
    /// A `--from` that names nothing usable.
    Unknown(String),
}

/// One source of a `COPY` or `ADD`.
pub(crate) struct Source {
    /// The source as written, after variable expansion.
    pub text: String,
    /// The path, normalised: relative to the context root for the build context
    /// (empty for the whole context), absolute for a stage or image.
    pub path: String,
    /// True when the path holds a wildcard; `path` then stops before it.
    pub glob: bool,
    /// `ADD` of a URL or git repository.
    pub remote: bool,
    /// The length of a heredoc's body (`COPY <<EOF /file`).
    pub heredoc: Option<usize>,
    /// Where the source word is.
    pub range: TextRange,
}

/// What one instruction does, as far as the rules and the estimate go.
pub(crate) enum StepKind<'a> {
    /// A `RUN`.
    Run {
        /// Its scripts (none for the exec form).
        scripts: Vec<Script<'a>>,
        /// Targets of its cache, tmpfs and bind mounts, made absolute: what
        /// the command writes there never reaches the layer.
        mounts: Vec<String>,
    },
    /// A `COPY` or `ADD`.
    Copy {
        /// Where the files come from.
        origin: Origin,
        /// The sources.
        sources: Vec<Source>,
        /// The destination as written, after variable expansion.
        dest_text: String,
        /// The destination, absolute.
        dest: String,
        /// True when the destination is a directory the sources go into.
        into_dir: bool,
    },
    /// `CMD`, `ENTRYPOINT` or `HEALTHCHECK`.
    Command,
    /// Anything else (metadata, `WORKDIR`, `SHELL`...).
    Other,
}

/// How much of its stage's lists a step sees, and the state around it.
#[derive(Clone, Debug)]
struct At {
    env: usize,
    args: usize,
    os_packages: usize,
    shell: bool,
    workdir_set: bool,
    workdir: Rc<str>,
}

/// One instruction of a stage, with the scope it sees (before it applies).
pub(crate) struct Step<'a> {
    /// Its index in the parse.
    pub instruction: usize,
    /// What it does.
    pub kind: StepKind<'a>,
    at: At,
}

impl Step<'_> {
    /// The working directory the instruction runs in.
    pub fn workdir(&self) -> &str {
        &self.at.workdir
    }
}

/// A stage, read in order.
pub(crate) struct StageWalk<'a> {
    /// The stage's index.
    pub stage: usize,
    /// One step per instruction after `FROM`.
    pub steps: Vec<Step<'a>>,
    /// Variables with a value (the base's `PATH`, `ENV`, `ARG` with a
    /// value), in definition order; later ones win.
    env: Vec<(String, String)>,
    /// Names declared by `ARG` in this stage or the stages it is built on.
    args: Vec<String>,
    /// OS packages installed by the `RUN`s of this stage and the stages it
    /// is built on.
    os_packages: Vec<String>,
    /// The image the stage chain starts from (`None` for `scratch`).
    image: Option<String>,
    end: At,
}

/// What an instruction of a stage can see, as BuildKit tracks it while it
/// dispatches the stage.
#[derive(Clone, Copy)]
pub(crate) struct Scope<'w> {
    stage: &'w StageWalk<'w>,
    at: &'w At,
}

impl<'w> Scope<'w> {
    /// Variables with a value, in definition order (later ones win).
    pub fn env(&self) -> &'w [(String, String)] {
        self.stage.env.get(..self.at.env).unwrap_or_default()
    }

    /// Names declared by `ARG` in this stage or the stages it is built on.
    pub fn args(&self) -> &'w [String] {
        self.stage.args.get(..self.at.args).unwrap_or_default()
    }

    /// Whether a `SHELL` instruction has run in this stage or a stage it is
    /// built on.
    pub fn shell_set(&self) -> bool {
        self.at.shell
    }

    /// Whether a `WORKDIR` instruction has run in this stage or a stage it
    /// is built on (the base image's own working directory does not count).
    pub fn workdir_set(&self) -> bool {
        self.at.workdir_set
    }

    /// The working directory, absolute (`/` until a `WORKDIR` says more).
    pub fn workdir(&self) -> &'w str {
        &self.at.workdir
    }

    /// The image the stage chain starts from (`None` for `scratch`): its own
    /// environment is unknown to fromlab apart from `PATH`.
    pub fn image(&self) -> Option<&'w str> {
        self.stage.image.as_deref()
    }

    /// OS packages installed before this point by the `RUN`s of the stage
    /// and the stages it is built on.
    pub fn os_packages(&self) -> &'w [String] {
        self.stage
            .os_packages
            .get(..self.at.os_packages)
            .unwrap_or_default()
    }

    /// The names of the variables with a value, each once, in the order
    /// they were first defined (BuildKit's suggestion candidates).
    pub fn keys(&self) -> Vec<&'w str> {
        let env = self.env();
        let mut out: Vec<&str> = Vec::with_capacity(env.len());
        for (k, _) in env {
            if !out.contains(&k.as_str()) {
                out.push(k);
            }
        }
        out
    }
}

impl<'a> StageWalk<'a> {
    /// The scope step `step` sees.
    pub fn scope<'w>(&'w self, step: &'w Step<'a>) -> Scope<'w> {
        Scope {
            // A shorter borrow of the stage: the scope only reads it.
            stage: shorten(self),
            at: &step.at,
        }
    }

    /// The scope at the end of the stage (what `FROM <this stage>` starts
    /// with).
    pub fn end(&self) -> Scope<'_> {
        Scope {
            stage: shorten(self),
            at: &self.end,
        }
    }

    /// The steps with the scope each sees.
    pub fn scoped(&self) -> impl Iterator<Item = (&Step<'a>, Scope<'_>)> + '_ {
        self.steps.iter().map(move |step| (step, self.scope(step)))
    }
}

/// `StageWalk` is covariant in its lifetime, so a longer-lived walk can be
/// read as a shorter-lived one.
fn shorten<'w, 'a: 'w>(stage: &'w StageWalk<'a>) -> &'w StageWalk<'w> {
    stage
}

/// Every stage of a Dockerfile, read.
pub(crate) struct Walk<'a> {
    /// What `FROM` lines and argument-less `ARG`s see.
    pub globals: GlobalScope,
    /// One entry per stage, in order.
    pub stages: Vec<StageWalk<'a>>,
    /// Per stage, its `FROM` image word expanded in the global scope, as
    /// BuildKit's checks read it; `None` when there is no word or it does
    /// not expand. Identical words share one expansion.
    base_words: Vec<Option<Rc<Processed>>>,
}

impl<'a> Walk<'a> {
    /// Reads every stage of the context's Dockerfile.
    pub fn new(cx: &Context<'a, '_>) -> Walk<'a> {
        let globals = GlobalScope::new(cx);
        let lex = Lex::new(cx.parse.escape());
        let mut stages: Vec<StageWalk<'a>> = Vec::with_capacity(cx.model.stages.len());
        for stage in &cx.model.stages {
            let parent = match stage.base.kind {
                // The model links only to earlier stages.
                BaseKind::Stage { index } => stages.get(index),
                _ => None,
            };
            let read = read_stage(cx, &lex, &globals, stage, parent);
            stages.push(read);
        }
        let mut base_words: Vec<Option<Rc<Processed>>> = Vec::with_capacity(stages.len());
        let mut seen: Vec<(&str, Option<Rc<Processed>>)> = Vec::new();
        for stage in &cx.model.stages {
            let word = cx
                .instructions
                .get(stage.from_instruction)
                .and_then(|inst| match &inst.args {
                    Args::Words(words) => words.first(),
                    _ => None,
                });
            let processed = word.and_then(|w| {
                let text = w.as_str();
                if let Some((_, p)) = seen.iter().find(|(t, _)| *t == text) {
                    return p.clone();
                }
                let p = lex.process(text, &Vars(&globals.env)).ok().map(Rc::new);
                seen.push((text, p.clone()));
                p
            });
            base_words.push(processed);
        }
        Walk {
            globals,
            stages,
            base_words,
        }
    }

    /// A stage's `FROM` image word expanded in the global scope (`None`
    /// when it has none or it does not expand).
    pub fn base_word(&self, stage: usize) -> Option<&Processed> {
        self.base_words.get(stage)?.as_deref()
    }

    /// The reading of one stage.
    pub fn stage(&self, stage: usize) -> Option<&StageWalk<'a>> {
        self.stages.get(stage)
    }

    /// The step of an instruction and the scope it sees.
    #[cfg(test)]
    pub fn step(&self, stage: usize, instruction: usize) -> Option<(&Step<'a>, Scope<'_>)> {
        let walk = self.stages.get(stage)?;
        let at = walk
            .steps
            .binary_search_by_key(&instruction, |s| s.instruction)
            .ok()?;
        let step = walk.steps.get(at)?;
        Some((step, walk.scope(step)))
    }
}

/// A `RUN` instruction of a stage, as the shared walk read it.
#[derive(Clone, Copy)]
pub(crate) struct Run<'c, 'p, 'a> {
    /// Index of the instruction.
    pub(crate) index: usize,
    /// The stage it belongs to.
    pub(crate) stage: usize,
    /// The instruction.
    pub(crate) inst: &'p Instruction<'a>,
    /// Its scripts, in the order the shell runs them.
    pub(crate) scripts: &'c [Script<'a>],
    /// Targets of its cache, tmpfs and bind mounts, absolute: what is
    /// written there never reaches the layer.
    pub(crate) mounts: &'c [String],
    /// What `ENV`, `ARG` and `WORKDIR` have set for it.
    scope: Scope<'c>,
}

impl<'c> Run<'c, '_, '_> {
    /// The variables `ENV` and `ARG` set for this `RUN` (later entries win).
    pub(crate) fn env(&self) -> &'c [(String, String)] {
        self.scope.env()
    }

    /// The directory it runs in.
    pub(crate) fn workdir(&self) -> &'c str {
        self.scope.workdir()
    }

    /// The OS packages installed before it, in its stage and the stages it
    /// is built on.
    pub(crate) fn packages_before(&self) -> &'c [String] {
        self.scope.os_packages()
    }

    /// Whether files written at `path` go to a cache, tmpfs or bind mount.
    pub(crate) fn mounted(&self, path: &str) -> bool {
        self.mounts.iter().any(|m| covers(m, path))
    }

    /// The source range of a range of script `script`.
    pub(crate) fn range(&self, script: usize, range: &Range<usize>) -> Option<TextRange> {
        let s = self.scripts.get(script)?;
        Some(s.script.source_range(range.start, range.end))
    }

    /// The source offset just after the script byte before `end`: where to
    /// insert text so it follows what ends there on the same line (a line
    /// continuation after it stays after the insertion).
    pub(crate) fn insertion_after(&self, script: usize, end: usize) -> Option<usize> {
        let s = self.scripts.get(script)?;
        let last = end.checked_sub(1)?;
        Some(s.script.source_range(last, end).end)
    }
}

impl<'a> Walk<'a> {
    /// The `RUN`s of the given stages, in build order.
    pub fn runs<'c, 'p>(
        &'c self,
        cx: &'c Context<'a, 'p>,
        stages: impl IntoIterator<Item = usize> + 'c,
    ) -> impl Iterator<Item = Run<'c, 'p, 'a>> + 'c {
        stages
            .into_iter()
            .filter_map(move |s| self.stage(s))
            .flat_map(move |stage| {
                stage.scoped().filter_map(move |(step, scope)| {
                    let StepKind::Run {
                        scripts, mounts, ..
                    } = &step.kind
                    else {
                        return None;
                    };
                    Some(Run {
                        index: step.instruction,
                        stage: stage.stage,
                        inst: cx.instructions.get(step.instruction).copied()?,
                        scripts,
                        mounts,
                        scope,
                    })
                })
            })
    }
}

fn read_stage<'a>(
    cx: &Context<'a, '_>,
    lex: &Lex,
    globals: &GlobalScope,
    stage: &Stage,
    parent: Option<&StageWalk<'a>>,
) -> StageWalk<'a> {
    let mut walk = match parent {
        Some(p) => StageWalk {
            stage: stage.index,
            steps: Vec::new(),
            env: p.env.clone(),
            args: p.args.clone(),
            os_packages: p.os_packages.clone(),
            image: p.image.clone(),
            end: p.end.clone(),
        },
        None => StageWalk {
            stage: stage.index,
            steps: Vec::new(),
            env: vec![("PATH".to_owned(), DEFAULT_PATH.to_owned())],
            args: Vec::new(),
            os_packages: Vec::new(),
            image: match &stage.base.kind {
                BaseKind::Image { reference } => Some(reference.familiar_string()),
                BaseKind::Invalid { .. } => Some(stage.base.written.clone()),
                BaseKind::Scratch | BaseKind::Stage { .. } => None,
            },
            end: At {
                env: 1,
                args: 0,
                os_packages: 0,
                shell: false,
                workdir_set: false,
                workdir: Rc::from("/"),
            },
        },
    };
    walk.steps.reserve(
        stage
            .instructions
            .end
            .saturating_sub(stage.instructions.start),
    );
    for (index, inst) in cx.stage_instructions(stage) {
        let at = walk.end.clone();
        let kind = step_kind(lex, globals, stage, index, inst, &mut walk);
        walk.end.env = walk.env.len();
        walk.end.args = walk.args.len();
        walk.end.os_packages = walk.os_packages.len();
        walk.steps.push(Step {
            instruction: index,
            kind,
            at,
        });
    }
    walk
}

/// What an instruction does, applying its effect on the scope to `walk`.
fn step_kind<'a>(
    lex: &Lex,
    globals: &GlobalScope,
    stage: &Stage,
    index: usize,
    inst: &Instruction<'a>,
    walk: &mut StageWalk<'a>,
) -> StepKind<'a> {
    match (&inst.kind, &inst.args) {
        (InstructionKind::Env, Args::KeyValues { pairs, .. }) => {
            // BuildKit expands every key and value of one ENV before it sets
            // any of them, so `ENV A=1 B=$A` reads the old A.
            let before = walk.env.len();
            for pair in pairs {
                let env = walk.env.get(..before).unwrap_or_default();
                let key = expand(lex, pair.key.as_str(), env);
                let value = expand(lex, pair.value.as_str(), env);
                walk.env.push((key, value));
            }
            StepKind::Other
        }
        (InstructionKind::Arg, Args::Words(words)) => {
            for w in words {
                let (name, default) = match w.as_str().split_once('=') {
                    Some((n, d)) => (n, Some(d)),
                    None => (w.as_str(), None),
                };
                let value = match default {
                    Some(d) => Some(expand(lex, d, &walk.env)),
                    // An ARG without a default takes the global value.
                    None => globals.get(name).map(str::to_owned),
                };
                if let Some(v) = value
                    && !NON_ENV_ARGS.contains(&name)
                {
                    walk.env.push((name.to_owned(), v));
                }
                if !walk.args.iter().any(|a| a == name) {
                    walk.args.push(name.to_owned());
                }
            }
            StepKind::Other
        }
        (InstructionKind::Shell, _) => {
            walk.end.shell = true;
            StepKind::Other
        }
        (InstructionKind::Workdir, args) => {
            walk.end.workdir_set = true;
            if let Args::Text(text) = args {
                let dir = expand(lex, text.as_str(), &walk.env);
                walk.end.workdir = Rc::from(absolute(&walk.end.workdir, &dir));
            }
            StepKind::Other
        }
        (InstructionKind::Run, _) => {
            let kind = run(inst, lex, &walk.env, &walk.end.workdir);
            if let StepKind::Run { scripts, .. } = &kind {
                for script in scripts {
                    walk.os_packages.extend(
                        script
                            .analysis
                            .installs()
                            .filter(|i| i.manager.is_os())
                            .flat_map(|i| i.packages.iter().map(|p| p.name.clone())),
                    );
                }
            }
            kind
        }
        (InstructionKind::Copy | InstructionKind::Add, _) => {
            copy(stage, index, inst, lex, &walk.env, &walk.end.workdir)
        }
        (InstructionKind::Cmd | InstructionKind::Entrypoint | InstructionKind::Healthcheck, _) => {
            StepKind::Command
        }
        _ => StepKind::Other,
    }
}

fn run<'a>(
    inst: &Instruction<'a>,
    lex: &Lex,
    env: &[(String, String)],
    workdir: &str,
) -> StepKind<'a> {
    let mounts: Vec<String> = inst
        .flags
        .iter()
        .filter(|f| f.name.value == "mount")
        .filter_map(|f| parse_mount(f.value.as_ref()?.as_str()).ok())
        // Writes to a read-write bind mount are thrown away too.
        .filter(|m| {
            matches!(
                m.kind,
                MountType::Cache | MountType::Tmpfs | MountType::Bind
            )
        })
        .filter_map(|m| Some(absolute(workdir, &expand(lex, m.target.as_deref()?, env))))
        .collect();
    let scripts = run_scripts(inst)
        .into_iter()
        .map(|script| Script {
            analysis: shell::analyze(&script.text),
            script,
        })
        .collect();
    StepKind::Run { scripts, mounts }
}

fn copy<'a>(
    stage: &Stage,
    index: usize,
    inst: &Instruction<'_>,
    lex: &Lex,
    env: &[(String, String)],
    workdir: &str,
) -> StepKind<'a> {
    let words: &[crate::syntax::Spanned<'_>] = match &inst.args {
        Args::Words(words) => words,
        Args::Exec(exec) => &exec.items,
        _ => &[],
    };
    let Some((dest_word, sources)) = words.split_last() else {
        return StepKind::Other;
    };
    if sources.is_empty() {
        return StepKind::Other;
    }
    let origin = match stage.copies_from.iter().find(|c| c.instruction == index) {
        Some(link) => match &link.source {
            CopySource::Stage { index } => Origin::Stage(*index),
            CopySource::Image { reference } => Origin::Image(reference.clone()),
            CopySource::Unknown => Origin::Unknown(link.from.clone()),
        },
        None => Origin::Context,
    };
    let from_context = matches!(origin, Origin::Context);
    let add = inst.kind == InstructionKind::Add;
    let sources: Vec<Source> = sources
        .iter()
        .map(|word| {
            let text = expand(lex, word.as_str(), env);
            let heredoc = text.strip_prefix("<<").and_then(|name| {
                let name = name
                    .trim_start_matches('-')
                    .trim_matches(|c| c == '"' || c == '\'');
                inst.heredocs()
                    .iter()
                    .find(|h| h.name == name)
                    .map(|h| h.content.len())
            });
            let remote = add && (text.contains("://") || text.starts_with("git@"));
            let (path, glob) = source_path(&text, from_context);
            Source {
                text,
                path,
                glob,
                remote,
                heredoc,
                range: word.range,
            }
        })
        .collect();
    let dest_text = expand(lex, dest_word.as_str(), env);
    let into_dir = dest_text.ends_with('/') || dest_text == "." || sources.len() > 1;
    StepKind::Copy {
        origin,
        sources,
        dest: absolute(workdir, &dest_text),
        dest_text,
        into_dir,
    }
}

/// A source path, normalised, cut before its first wildcard.
fn source_path(text: &str, from_context: bool) -> (String, bool) {
    let mut kept: Vec<&str> = Vec::new();
    let mut glob = false;
    for part in text.split('/') {
        if part.contains(['*', '?', '[']) {
            glob = true;
            break;
        }
        match part {
            "" | "." => {}
            ".." => {
                kept.pop();
            }
            other => kept.push(other),
        }
    }
    let joined = kept.join("/");
    if from_context {
        (joined, glob)
    } else {
        (format!("/{joined}"), glob)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    #[test]
    fn plain_words_skip_the_processor_and_others_expand() {
        let lex = Lex::new('\\');
        let env = vec![("V".to_owned(), "1.2".to_owned())];
        assert_eq!(expand(&lex, "/src/app", &env), "/src/app");
        assert_eq!(expand(&lex, "/src/$V", &env), "/src/1.2");
        assert_eq!(expand(&lex, "\"/a b\"", &env), "/a b");
        assert_eq!(expand(&Lex::new('`'), "a`$b", &env), "a$b");
    }

    #[test]
    fn paths_are_made_absolute_and_normal() {
        assert_eq!(absolute("/src", "app"), "/src/app");
        assert_eq!(absolute("/src", "./out/../bin//app/"), "/src/bin/app");
        assert_eq!(absolute("/src", "/etc/ssl/"), "/etc/ssl");
        assert_eq!(absolute("/", "."), "/");
        assert_eq!(absolute("/a", ".."), "/");
        assert_eq!(absolute("/src/", "../out/"), "/out");
        assert_eq!(absolute("/a/b", "../../../c"), "/c");
        assert_eq!(absolute("/a/b", "c/d"), "/a/b/c/d");
        assert_eq!(absolute("/", "/x/./y"), "/x/y");
        assert!(within("/opt/venv/lib", "/opt/venv"));
        assert!(!within("/opt/venvs", "/opt/venv"));
        assert!(within("/anything", "/"));
        assert!(covers("/var/cache/apt/", "/var/cache/apt/archives"));
        assert!(!covers("/", "/var/cache/apt"));
        assert!(!covers("/var/cache/apt", "/var/cache/aptitude"));
    }

    #[test]
    fn source_paths_stop_at_wildcards() {
        assert_eq!(source_path("./src/*.py", true), ("src".to_owned(), true));
        assert_eq!(source_path(".", true), (String::new(), false));
        assert_eq!(
            source_path("app/target/*.jar", false),
            ("/app/target".to_owned(), true)
        );
        assert_eq!(
            source_path("/out/app", false),
            ("/out/app".to_owned(), false)
        );
    }

    #[test]
    fn scopes_follow_the_lineage_and_global_args() {
        let src = "ARG CGO_ENABLED=0\nFROM golang:1.23 AS base\nENV A=1 B=\"two words\"\nFROM base AS build\nARG CGO_ENABLED\nARG TARGETARCH\nWORKDIR /src\nWORKDIR cmd/$TARGETARCH\nENV A=${A}x C=$A\nRUN go build\n";
        let p = parse(src);
        let cx = Context::new(&p);
        let walk = Walk::new(&cx);
        let (step, scope) = walk.step(1, 9).expect("the RUN");
        assert!(matches!(step.kind, StepKind::Run { .. }));
        assert_eq!(lookup(scope.env(), "A"), Some("1x"));
        // Every value of one ENV is expanded before any is set.
        assert_eq!(lookup(scope.env(), "C"), Some("1"));
        assert_eq!(lookup(scope.env(), "B"), Some("two words"));
        assert_eq!(lookup(scope.env(), "CGO_ENABLED"), Some("0"));
        assert_eq!(lookup(scope.env(), "TARGETARCH"), Some("amd64"));
        assert!(lookup(scope.env(), "PATH").is_some());
        assert_eq!(scope.workdir(), "/src/cmd/amd64");
        assert!(scope.workdir_set() && !scope.shell_set());
        assert_eq!(scope.args(), ["CGO_ENABLED", "TARGETARCH"]);
        assert_eq!(scope.image(), Some("golang:1.23"));
        assert_eq!(
            scope.keys(),
            ["PATH", "A", "B", "CGO_ENABLED", "TARGETARCH", "C"]
        );
        // The scope an instruction sees is the one before it.
        let (_, before) = walk.step(1, 4).expect("the first ARG");
        assert!(before.args().is_empty());
        assert_eq!(lookup(before.env(), "A"), Some("1"));
    }

    #[test]
    fn runs_keep_their_mounts_and_installed_packages() {
        let src = "FROM debian:bookworm-slim\nWORKDIR /app\nRUN --mount=type=cache,target=.cache --mount=type=bind,target=/src --mount=type=secret,id=x apt-get install -y gcc\nRUN make\n";
        let p = parse(src);
        let cx = Context::new(&p);
        let walk = Walk::new(&cx);
        let stage = walk.stage(0).expect("one stage");
        let (step, scope) = walk.step(0, 2).expect("the first RUN");
        let StepKind::Run { mounts, .. } = &step.kind else {
            panic!("a RUN")
        };
        assert_eq!(mounts, &["/app/.cache", "/src"]);
        assert!(scope.os_packages().is_empty());
        assert_eq!(stage.end().os_packages(), ["gcc"]);
    }
}
