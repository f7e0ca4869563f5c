//! Which files a `COPY --from=<stage>` takes are programs built in that
//! stage, and how they are linked: statically (they run anywhere, even on
//! `scratch`), or dynamically against the C library of the stage that built
//! them (they need that same libc at run time).
//!
//! Read from the builds the shell analysis recognises: `go build` and `go
//! install` (cgo decides, through `CGO_ENABLED` from the command, the script
//! or `ENV`/`ARG`), `cargo build` and `cargo install` (the target triple and
//! `RUSTFLAGS` decide), C compilers called with `-o`, and `pip install` of
//! packages with compiled code (or of a requirements file or a project whose
//! packages fromlab cannot see). A copied path is tied to a build only when
//! the build's output is, or lies inside, that path, so a copied certificate
//! or config file is never mistaken for a program.

use crate::catalogue::Libc;
use crate::diagnostic::Severity;
use crate::estimate::{SizeTables, Wheels};
use crate::rules::Context;
use crate::shell::{Build, BuildTool, Install, Manager, ScriptAnalysis, basename};
use crate::syntax::{InstructionKind, TextRange};
use crate::walk::{Origin, Run, StepKind, absolute, lookup};

use super::{Break, Detail, Problem, Target, in_stage};

/// How a built program is linked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Linking {
    /// Needs no C library at run time.
    Static,
    /// Needs this C library at run time; `why` finishes the sentence
    /// "it links dynamically because …".
    Dynamic { libc: Libc, why: String },
}

/// A program built in a stage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Built {
    /// The stage that built it.
    pub(crate) stage: usize,
    /// The `RUN` that built it.
    pub(crate) instruction: usize,
    /// The command, for messages (`` `go build` ``, `a C compiler`).
    pub(crate) command: &'static str,
    /// For `pip install`: the packages with compiled code it installed
    /// (what is copied is then Python packages, not a program), empty when
    /// they come from somewhere fromlab cannot see.
    pub(crate) python: Option<Vec<String>>,
    /// For `pip install`: where the packages fromlab cannot see come from
    /// (`requirements.txt`, `.`).
    pub(crate) unseen: Option<String>,
    /// How it is linked.
    pub(crate) linking: Linking,
    /// Go builds that leave cgo to its default: where `CGO_ENABLED=0 ` can
    /// be inserted in front of the command.
    pub(crate) cgo_insert: Option<usize>,
    output: Output,
    /// Cargo builds that name no target: the copied path may tell it
    /// (`target/x86_64-unknown-linux-musl/release`, set in `.cargo/config`).
    target_from_path: bool,
}

/// Where a build writes its program.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Output {
    /// This exact path.
    File(String),
    /// A program with a name fromlab cannot tell, directly in this directory.
    InDir(String),
    /// Somewhere below this directory (Cargo's target directory).
    Below(String),
    /// Files all through this directory (Python packages in a prefix or a
    /// virtual environment).
    Tree(String),
}

/// A file copied from a stage that is a program built there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Copied {
    /// The `COPY` instruction.
    pub(crate) instruction: usize,
    /// The source path as written in the `COPY`.
    pub(crate) range: TextRange,
    /// The source path, expanded and made absolute.
    pub(crate) path: String,
    /// Whether the path is the program itself, rather than a directory or
    /// glob that holds it.
    pub(crate) exact: bool,
    /// The build that produced it.
    pub(crate) built: Built,
}

/// The programs that `COPY --from=<stage>` instructions of `stage` take from
/// other stages, in instruction order.
pub(crate) fn copied_binaries(cx: &Context<'_, '_>, stage: usize) -> Vec<Copied> {
    let Some(walk) = cx.walk().stage(stage) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut cache: Vec<(usize, Vec<Built>)> = Vec::new();
    for step in &walk.steps {
        let StepKind::Copy {
            origin: Origin::Stage(index),
            sources,
            ..
        } = &step.kind
        else {
            continue;
        };
        let index = *index;
        if cx
            .instructions
            .get(step.instruction)
            .is_none_or(|i| i.kind != InstructionKind::Copy)
        {
            continue;
        }
        if !cache.iter().any(|(i, _)| *i == index) {
            cache.push((index, builds_in(cx, index)));
        }
        let Some((_, builds)) = cache.iter().find(|(i, _)| *i == index) else {
            continue;
        };
        for source in sources {
            // Paths taken from another stage are read from its root.
            let path = absolute("/", &source.text);
            // The last build that writes there is the one whose result is copied.
            if let Some(built) = builds.iter().rev().find(|b| b.output.produces_in(&path)) {
                let mut built = built.clone();
                // A target triple in the copied path says more than a default.
                if built.target_from_path {
                    if path.contains("-musl/") {
                        built.linking = Linking::Static;
                    } else if path.contains("-gnu/") {
                        built.linking = Linking::Dynamic {
                            libc: Libc::Glibc,
                            why: "it was built for a GNU target".to_owned(),
                        };
                    }
                }
                out.push(Copied {
                    instruction: step.instruction,
                    range: source.range,
                    exact: built.output.is_exactly(&path),
                    path,
                    built,
                });
            }
        }
    }
    out
}

/// Reports a copied program or Python packages that cannot run on `target`.
pub(super) fn check(cx: &Context<'_, '_>, copied: &Copied, target: &Target, out: &mut Vec<Break>) {
    let Some(there) = target.libc() else {
        return;
    };
    let Linking::Dynamic { libc: built, .. } = &copied.built.linking else {
        return;
    };
    let built = *built;
    let name = &target.name;
    let path = &copied.path;
    let from = in_stage(cx, copied.built.stage);
    let command = copied.built.command;
    let (problem, severity, message) = match (&copied.built.python, there) {
        // Python packages on scratch have a bigger problem (no Python), which
        // is not about linking.
        (Some(_), Libc::None) => return,
        (None, Libc::None) => (
            Problem::DynamicBinaryOnScratch,
            Severity::Error,
            format!(
                "{path} is a dynamically linked {} ({command}{from}), and {name} has no C library to load it: build it static ({})",
                program_kind(command),
                static_hint(command)
            ),
        ),
        _ if built == there || built == Libc::None => return,
        (Some(packages), _) if packages.is_empty() => (
            Problem::MuslGlibcBinary,
            Severity::Warning,
            format!(
                "{path} holds Python packages installed on {built}{from}, and {name} has {there}: any with compiled extensions will not load, so install them on the {there} base instead"
            ),
        ),
        (Some(packages), _) => (
            Problem::MuslGlibcBinary,
            Severity::Warning,
            format!(
                "{path} holds Python packages compiled for {built}{from} ({}), and {name} has {there}: their extensions will not load",
                packages.join(", ")
            ),
        ),
        (None, _) => (
            Problem::MuslGlibcBinary,
            Severity::Warning,
            format!(
                "{path} is a {} linked against {built} ({command}{from}), and {name} has {there}: it will not start there",
                program_kind(command)
            ),
        ),
    };
    out.push(Break {
        problem,
        severity,
        instruction: copied.instruction,
        range: copied.range,
        message,
        detail: Detail::Binary(Box::new(copied.clone())),
    });
}

/// What a build command makes, for messages.
fn program_kind(command: &str) -> &'static str {
    if command.contains("cargo") {
        "Rust binary"
    } else if command.contains("go ") {
        "Go binary"
    } else {
        "program"
    }
}

/// How to build a program statically, by the command that built it.
fn static_hint(command: &str) -> &'static str {
    // `cargo build` contains "go " too, so Cargo is asked first.
    if command.contains("cargo") {
        "for example --target x86_64-unknown-linux-musl"
    } else if command.contains("go ") {
        "CGO_ENABLED=0"
    } else {
        "-static"
    }
}

impl Output {
    /// Whether `path` names the program itself.
    fn is_exactly(&self, path: &str) -> bool {
        if path.contains(['*', '?', '[']) {
            return false;
        }
        let last = path.rsplit('/').next().unwrap_or("");
        match self {
            Output::File(file) => file.trim_end_matches('/') == path,
            Output::InDir(dir) => {
                let parent = path.rsplit_once('/').map_or("", |(p, _)| p);
                parent == dir.trim_end_matches('/') && !last.is_empty()
            }
            Output::Below(dir) => {
                path.starts_with(dir.trim_end_matches('/'))
                    && !matches!(last, "release" | "debug" | "target")
            }
            Output::Tree(_) => false,
        }
    }

    /// Whether copying `path` (a file or a directory) takes this output.
    fn produces_in(&self, path: &str) -> bool {
        let inside = |dir: &str, p: &str| {
            let dir = dir.trim_end_matches('/');
            p.strip_prefix(dir).is_some_and(|r| r.starts_with('/')) || (dir.is_empty() && p != "/")
        };
        // Copying a directory takes everything below it.
        let under_copied = |out: &str| out == path || inside(path, out) || path == "/";
        // A glob (`/out/*`) takes what its fixed prefix holds.
        let (path, glob) = match path.find(['*', '?', '[']) {
            Some(at) => (&path[..at], true),
            None => (path, false),
        };
        match self {
            Output::File(file) => {
                let file = file.trim_end_matches('/');
                under_copied(file) || (glob && file.starts_with(path))
            }
            Output::InDir(dir) => {
                let dir = dir.trim_end_matches('/');
                let dir = if dir.is_empty() { "/" } else { dir };
                let parent = path.rsplit_once('/').map_or("", |(p, _)| p);
                let parent = if parent.is_empty() { "/" } else { parent };
                let name = path.rsplit('/').next().unwrap_or("");
                // A program's name has no extension; files beside it that do
                // (`go.mod`, `config.yaml`) are not it.
                (parent == dir && !name.is_empty() && !name.contains('.'))
                    || under_copied(dir)
                    || (glob && dir.starts_with(path.trim_end_matches('/')))
            }
            Output::Tree(dir) => {
                let dir = dir.trim_end_matches('/');
                under_copied(dir) || inside(dir, path) || (glob && dir.starts_with(path))
            }
            Output::Below(dir) => {
                let dir = dir.trim_end_matches('/');
                let name = path.rsplit('/').next().unwrap_or("");
                let profile = path
                    .strip_prefix(dir)
                    .is_some_and(|rest| rest.split('/').any(|p| p == "release" || p == "debug"));
                (inside(dir, path) && !name.contains('.') && profile) || under_copied(dir)
            }
        }
    }
}

/// Every program built in the lineage of `stage`, in build order.
fn builds_in(cx: &Context<'_, '_>, stage: usize) -> Vec<Built> {
    let mut out = Vec::new();
    for run in cx.walk().runs(cx, cx.model.lineage(stage)) {
        builds_in_run(cx, run.stage, &run, &mut out);
    }
    out
}

fn builds_in_run(cx: &Context<'_, '_>, stage: usize, run: &Run<'_, '_, '_>, out: &mut Vec<Built>) {
    let env = run.env();
    let workdir = run.workdir();
    let libc = cx.stages.get(stage).and_then(|f| {
        if f.scratch {
            Some(Libc::None)
        } else {
            f.facts.libc
        }
    });
    for (si, script) in run.scripts.iter().enumerate() {
        let analysis = &script.analysis;
        for build in analysis.builds() {
            if build.downloads_only {
                continue;
            }
            let cwd = cwd_at(analysis, build.command, workdir);
            let built = match build.tool {
                BuildTool::Go => go(cx, stage, run, si, build, env, &cwd, libc),
                BuildTool::Cargo => cargo(analysis, build, env, &cwd, libc),
                BuildTool::Maven | BuildTool::Gradle => None,
            };
            if let Some(found) = built {
                out.push(Built {
                    stage,
                    instruction: run.index,
                    command: found.command,
                    python: None,
                    unseen: None,
                    linking: found.linking,
                    cgo_insert: found.cgo_insert,
                    output: found.output,
                    target_from_path: found.target_from_path,
                });
            }
        }
        for install in analysis.installs() {
            if install.manager != Manager::Pip {
                continue;
            }
            if let Some(built) = pip(run, analysis, install, env, libc) {
                out.push(Built {
                    stage,
                    instruction: run.index,
                    ..built
                });
            }
        }
        for (ci, command) in analysis.commands.iter().enumerate() {
            let Some(p) = command.program() else {
                continue;
            };
            let name = command.words.get(p).map_or("", |w| basename(&w.text));
            let musl_gcc = name == "musl-gcc";
            if !(musl_gcc || matches!(name, "gcc" | "cc" | "g++" | "c++" | "clang" | "clang++")) {
                continue;
            }
            let args = &command.words[p + 1..];
            let output = args.iter().enumerate().find_map(|(i, w)| {
                if w.text == "-o" {
                    args.get(i + 1).map(|v| v.text.clone())
                } else {
                    w.text
                        .strip_prefix("-o")
                        .filter(|v| !v.is_empty())
                        .map(str::to_owned)
                }
            });
            let Some(output) = output else { continue };
            // Object files and shared libraries are not programs to run.
            if output.ends_with(".o")
                || output.contains(".so")
                || args.iter().any(|w| w.text == "-c")
            {
                continue;
            }
            let linking = if args
                .iter()
                .any(|w| w.text == "-static" || w.text == "-static-pie")
            {
                Linking::Static
            } else {
                let libc = if musl_gcc { Some(Libc::Musl) } else { libc };
                match libc {
                    Some(libc @ (Libc::Glibc | Libc::Musl)) => Linking::Dynamic {
                        libc,
                        why: format!("{name} ran without -static"),
                    },
                    _ => continue,
                }
            };
            let cwd = cwd_at(analysis, ci, workdir);
            out.push(Built {
                stage,
                instruction: run.index,
                command: if name.contains("++") {
                    "a C++ compiler"
                } else {
                    "a C compiler"
                },
                python: None,
                unseen: None,
                linking,
                cgo_insert: None,
                output: Output::File(absolute(&cwd, &output)),
                target_from_path: false,
            });
        }
    }
}

/// The directory command `command` runs in: the working directory, changed
/// by literal `cd DIR` commands earlier in the script.
fn cwd_at(analysis: &ScriptAnalysis, command: usize, workdir: &str) -> String {
    let mut dir = workdir.to_owned();
    for c in analysis.commands.iter().take(command) {
        if c.words.first().is_some_and(|w| w.text == "cd")
            && let Some(target) = c.words.get(1)
            && !target.expansion
            && !target.text.starts_with('-')
        {
            dir = absolute(&dir, &target.text);
        }
    }
    dir
}

/// What a recogniser found about one build.
struct Found {
    command: &'static str,
    linking: Linking,
    output: Output,
    cgo_insert: Option<usize>,
    target_from_path: bool,
}

#[allow(clippy::too_many_arguments)]
fn go(
    cx: &Context<'_, '_>,
    stage: usize,
    run: &Run<'_, '_, '_>,
    script: usize,
    build: &Build,
    env: &[(String, String)],
    cwd: &str,
    libc: Option<Libc>,
) -> Option<Found> {
    let analysis = &run.scripts.get(script)?.analysis;
    let command = analysis.commands.get(build.command)?;
    let install = command
        .words
        .get(command.program()? + 1)
        .is_some_and(|w| w.text == "install");
    let output = match &build.output {
        Some(word) => {
            // `-o /out/$NAME`: the name is unknown, the directory is not.
            let text = match word.text.find('$') {
                Some(at) => {
                    word.text[..at]
                        .rsplit_once('/')
                        .map_or("", |(d, _)| d)
                        .to_owned()
                        + "/"
                }
                None => word.text.clone(),
            };
            let path = absolute(cwd, &text);
            if text.ends_with('/') {
                Output::InDir(path)
            } else {
                Output::File(path)
            }
        }
        None if install => Output::InDir(
            lookup(env, "GOBIN")
                .map(str::to_owned)
                .or_else(|| {
                    lookup(env, "GOPATH").map(|p| format!("{}/bin", p.trim_end_matches('/')))
                })
                .unwrap_or_else(|| "/go/bin".to_owned()),
        ),
        None => Output::InDir(cwd.to_owned()),
    };
    let name = if install {
        "`go install`"
    } else {
        "`go build`"
    };
    let cgo = build
        .cgo_enabled
        .or_else(|| lookup(env, "CGO_ENABLED").map(is_yes));
    let explicit = cgo.is_some();
    let linking = if build.static_link || cgo == Some(false) {
        Linking::Static
    } else if cgo == Some(true) {
        Linking::Dynamic {
            libc: libc.filter(|l| *l != Libc::None)?,
            why: "CGO_ENABLED=1 turns cgo on".to_owned(),
        }
    } else {
        match libc? {
            Libc::Glibc => Linking::Dynamic {
                libc: Libc::Glibc,
                why: "cgo is on by default where a C compiler is installed, as here, and then the net and os/user packages use the C library".to_owned(),
            },
            Libc::Musl => {
                let compilers = ["gcc", "build-base", "clang", "g++", "tcc"];
                let has_cc = run
                    .packages_before()
                    .iter()
                    .chain(run.scripts.iter().flat_map(|s| {
                        s.analysis
                            .installs()
                            .filter(|i| i.manager.is_os())
                            .flat_map(|i| i.packages.iter().map(|p| &p.name))
                    }))
                    .any(|p| compilers.contains(&p.as_str()) || p.starts_with("clang"));
                let golang = cx
                    .stages
                    .get(stage)
                    .and_then(|f| f.resolution.as_ref())
                    .and_then(|r| r.family)
                    .is_some_and(|f| f.name == "golang");
                if golang && !has_cc {
                    // Go 1.20+ turns cgo off when no C compiler is found,
                    // and golang's alpine images ship none.
                    Linking::Static
                } else {
                    Linking::Dynamic {
                        libc: Libc::Musl,
                        why: "cgo is on by default where a C compiler is installed, as here, and then the net and os/user packages use the C library".to_owned(),
                    }
                }
            }
            Libc::None => return None,
        }
    };
    let cgo_insert = if explicit || linking == Linking::Static {
        None
    } else {
        // `sudo` resets the environment, so the variable goes after it.
        let at = if command.words.first().is_some_and(|w| w.text == "sudo") {
            command.words.get(command.program()?)?.range.start
        } else {
            command.range.start
        };
        run.range(script, &(at..at)).map(|r| r.start)
    };
    Some(Found {
        command: name,
        linking,
        output,
        cgo_insert,
        target_from_path: false,
    })
}

fn cargo(
    analysis: &ScriptAnalysis,
    build: &Build,
    env: &[(String, String)],
    cwd: &str,
    libc: Option<Libc>,
) -> Option<Found> {
    let command = analysis.commands.get(build.command)?;
    let install = command.words.iter().any(|w| w.text == "install");
    let rustflags = analysis
        .env_at(build.command, "RUSTFLAGS")
        .or_else(|| lookup(env, "RUSTFLAGS"))
        .unwrap_or("")
        .to_owned();
    let target = build
        .target
        .clone()
        .or_else(|| {
            analysis
                .env_at(build.command, "CARGO_BUILD_TARGET")
                .map(str::to_owned)
        })
        .or_else(|| lookup(env, "CARGO_BUILD_TARGET").map(str::to_owned));
    let linking = if rustflags.contains("+crt-static") {
        Linking::Static
    } else {
        match target.as_deref() {
            Some(t) if t.contains("musl") => {
                if rustflags.contains("-crt-static") {
                    Linking::Dynamic {
                        libc: Libc::Musl,
                        why: "RUSTFLAGS turns off crt-static for the musl target".to_owned(),
                    }
                } else {
                    Linking::Static
                }
            }
            Some(t) if t.contains("gnu") => Linking::Dynamic {
                libc: Libc::Glibc,
                why: format!("it targets {t}"),
            },
            Some(_) => return None,
            None => match libc? {
                Libc::Musl => Linking::Static,
                Libc::Glibc => Linking::Dynamic {
                    libc: Libc::Glibc,
                    why: "Cargo builds for the host's GNU target by default".to_owned(),
                },
                Libc::None => return None,
            },
        }
    };
    let output = if install {
        let root = build
            .output
            .as_ref()
            .map(|w| w.text.clone())
            .or_else(|| lookup(env, "CARGO_INSTALL_ROOT").map(str::to_owned))
            .or_else(|| lookup(env, "CARGO_HOME").map(str::to_owned))
            .unwrap_or_else(|| "/usr/local/cargo".to_owned());
        Output::InDir(absolute(
            cwd,
            &format!("{}/bin", root.trim_end_matches('/')),
        ))
    } else {
        let dir = build
            .output
            .as_ref()
            .map(|w| w.text.clone())
            .or_else(|| lookup(env, "CARGO_TARGET_DIR").map(str::to_owned))
            .unwrap_or_else(|| "target".to_owned());
        Output::Below(absolute(cwd, &dir))
    };
    let name = if install {
        "`cargo install`"
    } else {
        "`cargo build`"
    };
    Some(Found {
        command: name,
        linking,
        output,
        cgo_insert: None,
        target_from_path: target.is_none() && !rustflags.contains("crt-static"),
    })
}

/// Python packages with compiled code that a `pip install` puts somewhere a
/// `COPY --from` can take them: a prefix, a target directory, a virtual
/// environment, or the interpreter's own `site-packages`.
fn pip(
    run: &Run<'_, '_, '_>,
    analysis: &ScriptAnalysis,
    install: &Install,
    env: &[(String, String)],
    libc: Option<Libc>,
) -> Option<Built> {
    let libc = libc.filter(|l| *l != Libc::None)?;
    let tables = SizeTables::builtin();
    let compiled: Vec<String> = install
        .packages
        .iter()
        .filter(|p| !p.local && !p.from_variable)
        .filter_map(|p| tables.pip_package(&p.name))
        .filter(|row| row.wheels != Wheels::Universal && !row.pure_fallback)
        .map(|row| row.name.to_string())
        .collect();
    // Packages fromlab cannot see may hold compiled code too.
    let unseen = install
        .requirement_files
        .first()
        .map(|f| f.text.clone())
        .or_else(|| {
            install
                .packages
                .iter()
                .find(|p| p.local || p.from_variable)
                .map(|p| p.spec.clone())
        });
    if compiled.is_empty() && unseen.is_none() {
        return None;
    }
    let command = analysis.commands.get(install.command)?;
    let program = command.program()?;
    let words = &command.words;
    let mut location: Option<String> = None;
    for (i, w) in words.iter().enumerate().skip(program + 1) {
        let text = w.text.as_str();
        for flag in ["--prefix", "--target", "--root", "-t"] {
            if text == flag {
                location = words.get(i + 1).map(|v| v.text.clone());
            } else if let Some(v) = text.strip_prefix(flag).and_then(|r| r.strip_prefix('=')) {
                location = Some(v.to_owned());
            }
        }
        if text == "--user" && location.is_none() {
            location = Some("/root/.local".to_owned());
        }
    }
    // `/venv/bin/pip` or `/venv/bin/python -m pip`: the environment's root.
    let from_program = words
        .get(program)
        .and_then(|w| w.text.rsplit_once("/bin/"))
        .map(|(root, _)| root.to_owned())
        .filter(|root| !matches!(root.as_str(), "" | "/usr" | "/usr/local"));
    let venv = lookup(env, "VIRTUAL_ENV").map(str::to_owned);
    let location = location
        .or(from_program)
        .or(venv)
        .unwrap_or_else(|| "/usr/local/lib".to_owned());
    let location = absolute(run.workdir(), &location);
    let why = match (compiled.as_slice(), &unseen) {
        ([one], _) => format!("the compiled code in {one} was built for {libc}"),
        ([rest @ .., last], _) => format!(
            "the compiled code in {} and {last} was built for {libc}",
            rest.join(", ")
        ),
        ([], Some(unseen)) => {
            format!("any compiled code in what {unseen} installs was built for {libc}")
        }
        ([], None) => return None,
    };
    Some(Built {
        stage: 0,
        instruction: 0,
        command: "`pip install`",
        python: Some(compiled),
        unseen,
        linking: Linking::Dynamic { libc, why },
        cgo_insert: None,
        output: Output::Tree(location),
        target_from_path: false,
    })
}

fn is_yes(value: &str) -> bool {
    matches!(
        value.trim_matches('"').to_ascii_lowercase().as_str(),
        "1" | "true" | "yes" | "on"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    fn copied(src: &str) -> Vec<Copied> {
        let p = parse(src);
        let cx = Context::new(&p);
        let last = cx.model.stages.len() - 1;
        copied_binaries(&cx, last)
    }

    #[test]
    fn go_outputs_are_tied_to_copied_paths() {
        let src = "FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o server ./cmd/server\nFROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nCOPY --from=build /src/server /server\n";
        let c = copied(src);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].path, "/src/server");
        assert!(matches!(
            c[0].built.linking,
            Linking::Dynamic {
                libc: Libc::Glibc,
                ..
            }
        ));
        assert!(c[0].built.cgo_insert.is_some());
    }

    #[test]
    fn cgo_off_from_env_arg_or_command_is_static() {
        for build in [
            "ENV CGO_ENABLED=0\nRUN go build -o /app .",
            "ARG CGO_ENABLED=0\nRUN go build -o /app .",
            "RUN CGO_ENABLED=0 go build -o /app .",
            "RUN export CGO_ENABLED=0 && go build -o /app .",
            "RUN go build -ldflags '-extldflags \"-static\"' -o /app .",
        ] {
            let src =
                format!("FROM golang:1.23 AS b\n{build}\nFROM scratch\nCOPY --from=b /app /app\n");
            let c = copied(&src);
            assert_eq!(c.len(), 1, "{build}");
            assert_eq!(c[0].built.linking, Linking::Static, "{build}");
        }
    }

    #[test]
    fn go_on_alpine_without_a_compiler_is_static() {
        let src = "FROM golang:1.23-alpine AS b\nRUN go build -o /app .\nFROM scratch\nCOPY --from=b /app /app\n";
        assert_eq!(copied(src)[0].built.linking, Linking::Static);
        let src = "FROM golang:1.23-alpine AS b\nRUN apk add --no-cache build-base\nRUN go build -o /app .\nFROM scratch\nCOPY --from=b /app /app\n";
        assert!(matches!(
            copied(src)[0].built.linking,
            Linking::Dynamic {
                libc: Libc::Musl,
                ..
            }
        ));
    }

    #[test]
    fn messages_name_the_language_and_its_static_build() {
        let src = "FROM rust:1.80 AS b\nWORKDIR /app\nRUN cargo build --release\nFROM scratch\nCOPY --from=b /app/target/release/app /app\n";
        let p = parse(src);
        let cx = Context::new(&p);
        let found = crate::compat::own_breaks(&cx);
        let dynamic = found
            .iter()
            .find(|b| b.problem == Problem::DynamicBinaryOnScratch)
            .expect("a dynamic Rust binary on scratch");
        // `cargo build` contains "go " too: the Go hint must not win.
        assert!(dynamic.message.contains("dynamically linked Rust binary"));
        assert!(
            dynamic
                .message
                .contains("--target x86_64-unknown-linux-musl")
        );
        assert!(!dynamic.message.contains("CGO_ENABLED"));
    }

    #[test]
    fn cargo_targets_and_paths() {
        let src = "FROM rust:1.80 AS b\nWORKDIR /app\nRUN cargo build --release\nFROM scratch\nCOPY --from=b /app/target/release/app /app\n";
        assert!(matches!(
            copied(src)[0].built.linking,
            Linking::Dynamic {
                libc: Libc::Glibc,
                ..
            }
        ));
        let src = "FROM rust:1.80 AS b\nWORKDIR /app\nRUN cargo build --release --target x86_64-unknown-linux-musl\nFROM scratch\nCOPY --from=b /app/target/x86_64-unknown-linux-musl/release/app /app\n";
        assert_eq!(copied(src)[0].built.linking, Linking::Static);
        let src = "FROM rust:1.80-alpine AS b\nWORKDIR /app\nRUN cargo build --release\nFROM scratch\nCOPY --from=b /app/target/release/app /app\n";
        assert_eq!(copied(src)[0].built.linking, Linking::Static);
        // Build scripts and dependency info beside the program are not it.
        let src = "FROM rust:1.80 AS b\nWORKDIR /app\nRUN cargo build --release\nFROM scratch\nCOPY --from=b /app/target/release/app.d /x\n";
        assert!(copied(src).is_empty());
    }

    #[test]
    fn python_packages_in_a_prefix_or_venv() {
        let src = "FROM python:3.12-slim AS b\nRUN pip install --prefix=/install numpy flask\nRUN python -m venv /venv && /venv/bin/pip install pandas\nFROM python:3.12-alpine\nCOPY --from=b /install /usr/local\nCOPY --from=b /venv /venv\nCOPY --from=b /app /app\n";
        let c = copied(src);
        assert_eq!(c.len(), 2);
        assert_eq!(
            c[0].built.python.as_deref(),
            Some(&["numpy".to_owned()][..])
        );
        assert!(matches!(
            c[1].built.linking,
            Linking::Dynamic {
                libc: Libc::Glibc,
                ..
            }
        ));
    }

    #[test]
    fn c_compilers_with_an_output() {
        let src = "FROM alpine:3.21 AS b\nRUN apk add --no-cache build-base && cd /src && gcc -O2 -o hello hello.c\nFROM debian:bookworm-slim\nCOPY --from=b /src/hello /usr/local/bin/\n";
        assert!(matches!(
            copied(src)[0].built.linking,
            Linking::Dynamic {
                libc: Libc::Musl,
                ..
            }
        ));
        let src = "FROM alpine:3.21 AS b\nRUN gcc -static -o /hello hello.c\nFROM scratch\nCOPY --from=b /hello /\n";
        assert_eq!(copied(src)[0].built.linking, Linking::Static);
    }
}
