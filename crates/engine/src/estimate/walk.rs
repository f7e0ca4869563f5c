//! Reading each stage's instructions in order, the way BuildKit applies them: the
//! variables and working directory in effect at each step, the shell scripts of every
//! `RUN` with their analysis and mounts, and what every `COPY` and `ADD` takes from
//! where to where (paths expanded and made absolute).
//!
//! This is the common ground of the size estimate and the compatibility checks, so
//! each script is analysed once however many bases the what-if table tries.

use super::layer::LayerContext;
use crate::expand::{Lex, Vars};
use crate::image_ref::ImageRef;
use crate::model::{BaseKind, CopySource, RunScript, Stage, run_scripts};
use crate::rules::Context;
use crate::shell::{self, ScriptAnalysis};
use crate::syntax::{Args, Instruction, InstructionKind, MountType, TextRange, parse_mount};

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

/// What one instruction does, as far as size and compatibility go.
pub(crate) enum StepKind<'a> {
    /// A `RUN`.
    Run {
        /// Its scripts (none for the exec form).
        scripts: Vec<Script<'a>>,
        /// Its mounts (cache, tmpfs and bind targets, made absolute) and the
        /// variables in effect.
        context: LayerContext,
        /// True for the shell form, which needs `/bin/sh`.
        shell_form: bool,
    },
    /// A `COPY` or `ADD`.
    Copy {
        /// Where the files come from.
        origin: Origin,
        /// The sources.
        sources: Vec<Source>,
        /// The destination, absolute.
        dest: String,
        /// True when the destination is a directory the sources go into.
        into_dir: bool,
    },
    /// `CMD`, `ENTRYPOINT` or `HEALTHCHECK`: true when in shell form.
    Command { shell_form: bool },
    /// Anything else (metadata, `WORKDIR`, `SHELL`...).
    Other,
}

/// One instruction of a stage.
pub(crate) struct Step<'a> {
    /// Its index in the parse.
    pub instruction: usize,
    /// The working directory in effect.
    pub workdir: String,
    /// What it does.
    pub kind: StepKind<'a>,
}

/// A stage, read in order.
pub(crate) struct StageWalk<'a> {
    /// One step per instruction after `FROM`.
    pub steps: Vec<Step<'a>>,
    /// Variables at the end (a `FROM <this stage>` starts with them).
    pub env: Vec<(String, String)>,
    /// The working directory at the end.
    pub workdir: String,
    /// OS packages installed in this stage or the stages it is built on.
    pub os_packages: Vec<String>,
}

/// The global `ARG`s that have a value (a stage's `ARG NAME` picks them up).
pub(crate) fn globals(cx: &Context<'_, '_>) -> Vec<(String, String)> {
    cx.model
        .global_args
        .iter()
        .filter_map(|a| Some((a.name.clone(), a.value.clone()?)))
        .collect()
}

/// Reads one stage, starting from where `parent` (the stage it is built
/// `FROM`, if any) ended.
pub(crate) fn walk<'a>(
    cx: &Context<'a, '_>,
    stage: &Stage,
    parent: Option<&StageWalk<'a>>,
    globals: &[(String, String)],
) -> StageWalk<'a> {
    let lex = Lex::new(cx.parse.escape());
    {
        let mut env = parent.map(|p| p.env.clone()).unwrap_or_default();
        let mut workdir = parent.map_or_else(|| "/".to_owned(), |p| p.workdir.clone());
        let mut os_packages = parent.map(|p| p.os_packages.clone()).unwrap_or_default();
        let mut steps = Vec::new();
        for (index, inst) in cx.stage_instructions(stage) {
            let kind = match inst.kind {
                InstructionKind::Env => {
                    if let Args::KeyValues { pairs, .. } = &inst.args {
                        // BuildKit expands every value with the variables as they were
                        // before this instruction.
                        let before = env.clone();
                        for pair in pairs {
                            let value = expand(&lex, pair.value.as_str(), &before);
                            set(&mut env, pair.key.as_str(), value);
                        }
                    }
                    StepKind::Other
                }
                InstructionKind::Arg => {
                    if let Args::Words(words) = &inst.args {
                        for word in words {
                            let (name, default) = match word.as_str().split_once('=') {
                                Some((name, default)) => (name, Some(default)),
                                None => (word.as_str(), None),
                            };
                            let value = match default {
                                Some(default) => Some(expand(&lex, default, &env)),
                                None => globals
                                    .iter()
                                    .find(|(global, _)| global == name)
                                    .map(|(_, value)| value.clone()),
                            };
                            if let Some(value) = value {
                                set(&mut env, name, value);
                            }
                        }
                    }
                    StepKind::Other
                }
                InstructionKind::Workdir => {
                    if let Args::Text(text) = &inst.args {
                        workdir = absolute(&workdir, &expand(&lex, text.as_str(), &env));
                    }
                    StepKind::Other
                }
                InstructionKind::Run => {
                    let step = run(inst, &lex, &env, &workdir);
                    if let StepKind::Run { scripts, .. } = &step {
                        for script in scripts {
                            os_packages.extend(
                                script
                                    .analysis
                                    .installs()
                                    .filter(|i| i.manager.is_os())
                                    .flat_map(|i| i.packages.iter().map(|p| p.name.clone())),
                            );
                        }
                    }
                    step
                }
                InstructionKind::Copy | InstructionKind::Add => {
                    copy(stage, index, inst, &lex, &env, &workdir)
                }
                InstructionKind::Cmd | InstructionKind::Entrypoint => StepKind::Command {
                    shell_form: matches!(inst.args, Args::Shell(_)),
                },
                InstructionKind::Healthcheck => StepKind::Command {
                    shell_form: matches!(&inst.args, Args::Healthcheck { command, .. }
                        if matches!(**command, Args::Shell(_))),
                },
                _ => StepKind::Other,
            };
            steps.push(Step {
                instruction: index,
                workdir: workdir.clone(),
                kind,
            });
        }
        StageWalk {
            steps,
            env,
            workdir,
            os_packages,
        }
    }
}

/// The stages a stage is built on, root first, ending with the stage itself
/// (`FROM build` makes `build`'s layers part of this image).
pub(crate) fn chain(cx: &Context<'_, '_>, stage: usize) -> Vec<usize> {
    let mut out = vec![stage];
    let mut current = stage;
    while let Some(BaseKind::Stage { index }) = cx.model.stages.get(current).map(|s| &s.base.kind) {
        // The model only links to earlier stages; the check keeps a broken model
        // from looping.
        if *index >= current {
            break;
        }
        current = *index;
        out.push(current);
    }
    out.reverse();
    out
}

fn set(env: &mut Vec<(String, String)>, name: &str, value: String) {
    match env.iter_mut().find(|(key, _)| key == name) {
        Some(slot) => slot.1 = value,
        None => env.push((name.to_owned(), value)),
    }
}

/// A word after BuildKit's expansion, or as written when it does not expand.
fn expand(lex: &Lex, word: &str, env: &[(String, String)]) -> String {
    // Without `$`, quotes or the escape character, processing changes nothing;
    // most words are like that, and skipping the processor saves its allocations.
    if !word.contains(['$', '\'', '"', lex.escape]) {
        return word.to_owned();
    }
    lex.process_word(word, &Vars(env))
        .unwrap_or_else(|_| word.to_owned())
}

/// `path` made absolute against `dir` and normalised (no `.`, `..`, repeated or
/// final slashes).
pub(crate) fn absolute(dir: &str, path: &str) -> String {
    let joined = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("{dir}/{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    format!("/{}", parts.join("/"))
}

/// True when `inner` is `outer` or lies inside it.
pub(crate) fn within(inner: &str, outer: &str) -> bool {
    outer == "/"
        || inner == outer
        || inner
            .strip_prefix(outer)
            .is_some_and(|rest| rest.starts_with('/'))
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
    StepKind::Run {
        scripts,
        context: LayerContext {
            cache_mounts: mounts,
            env: env.to_vec(),
        },
        shell_form: matches!(inst.args, Args::Shell(_)),
    }
}

fn copy<'a>(
    stage: &Stage,
    index: usize,
    inst: &Instruction<'_>,
    lex: &Lex,
    env: &[(String, String)],
    workdir: &str,
) -> StepKind<'a> {
    let words: Vec<(String, TextRange)> = match &inst.args {
        Args::Words(words) => words
            .iter()
            .map(|w| (expand(lex, w.as_str(), env), w.range))
            .collect(),
        Args::Exec(exec) => exec
            .items
            .iter()
            .map(|w| (expand(lex, w.as_str(), env), w.range))
            .collect(),
        _ => Vec::new(),
    };
    let Some(((dest_text, _), sources)) = words.split_last() else {
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
    let sources = sources
        .iter()
        .map(|(text, range)| {
            let heredoc = text.strip_prefix("<<").and_then(|name| {
                let name = name
                    .trim_start_matches('-')
                    .trim_matches(|c| c == '"' || c == '\'');
                inst.heredocs
                    .iter()
                    .find(|h| h.name == name)
                    .map(|h| h.content.len())
            });
            let remote = add && (text.contains("://") || text.starts_with("git@"));
            let (path, glob) = source_path(text, from_context);
            Source {
                text: text.clone(),
                path,
                glob,
                remote,
                heredoc,
                range: *range,
            }
        })
        .collect::<Vec<_>>();
    let into_dir = dest_text.ends_with('/') || dest_text == "." || sources.len() > 1;
    StepKind::Copy {
        origin,
        sources,
        dest: absolute(workdir, dest_text),
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
        assert!(within("/opt/venv/lib", "/opt/venv"));
        assert!(!within("/opt/venvs", "/opt/venv"));
        assert!(within("/anything", "/"));
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
}
