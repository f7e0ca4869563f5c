//! Recognising what simple commands do: package installs and removals, index
//! updates, cache cleanups and builds, with the options that change their size.
//!
//! Each recogniser reads a command's arguments the way its program does (GNU-style
//! options, Go's single-dash flags, Maven goals), so `apt-get -qq -y install` and
//! `apk --no-cache add` are understood as well as the tidy forms.

use std::ops::Range;

use serde::Serialize;

pub use super::kinds::{BuildTool, CleanupKind};
use super::{Assignment, ScriptAnalysis, SimpleCommand, Word};

mod args;
mod build;
mod language;
mod system;

use build::{cargo, go, gradle, maven};
use language::{bundle, gem, npm, pip, pnpm, yarn};
use system::{apk, apt, dnf, rm};

/// A package manager or language installer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Manager {
    /// `apt-get`, `apt` or `aptitude`.
    Apt,
    /// Alpine's `apk`.
    Apk,
    /// `dnf` (and `dnf5`, `tdnf`).
    Dnf,
    /// `yum`.
    Yum,
    /// `microdnf`.
    Microdnf,
    /// `pip`, `pip3`, `python -m pip`, `uv pip`.
    Pip,
    /// `npm`.
    Npm,
    /// `yarn`.
    Yarn,
    /// `pnpm`.
    Pnpm,
    /// RubyGems' `gem`.
    Gem,
    /// Ruby's `bundle`.
    Bundler,
}

impl Manager {
    /// True for the operating system's package managers (as opposed to language ones).
    pub fn is_os(self) -> bool {
        matches!(
            self,
            Manager::Apt | Manager::Apk | Manager::Dnf | Manager::Yum | Manager::Microdnf
        )
    }
}

/// One package named on a command line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Package {
    /// The package name (pip names normalised: lower case, `_` and `.` as `-`).
    pub name: String,
    /// The whole argument as written after quote removal (`numpy==1.24.4`).
    pub spec: String,
    /// An exact version pin (`==1.24.4`, `curl=8.5.0-2`, `express@4.19.2`).
    pub version: Option<String>,
    /// pip extras (`uvicorn[standard]`).
    pub extras: Vec<String>,
    /// Byte range of the argument in the script.
    pub range: Range<usize>,
    /// True when the argument holds an expansion (`$PHPIZE_DEPS`): its packages are unknown.
    pub from_variable: bool,
    /// True for a path, URL or archive rather than a registry name (`.`, `./app`, `git+https://…`).
    pub local: bool,
}

/// Options of an install that change what it leaves behind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct InstallOptions {
    /// `-y`/`--yes`: no prompt (apt, dnf).
    pub assume_yes: bool,
    /// apt `--no-install-recommends` or `-o APT::Install-Recommends=false`.
    pub no_install_recommends: bool,
    /// apk `--no-cache`, pip `--no-cache-dir` (or `PIP_NO_CACHE_DIR`), uv `--no-cache`
    /// (or `UV_NO_CACHE`).
    pub no_cache: bool,
    /// apk `--update`/`-U`: refresh the index first.
    pub update_index: bool,
    /// apk `--virtual NAME`: the group name, for a later `apk del NAME`.
    pub virtual_group: Option<Word>,
    /// dnf `--setopt=install_weak_deps=…` when given.
    pub weak_deps: Option<bool>,
    /// dnf `--nodocs` or `--setopt=tsflags=nodocs`.
    pub nodocs: bool,
    /// npm `--omit=dev`/`--production` (or `NODE_ENV=production`), yarn
    /// `--production`, pnpm `--prod`, bundle `--without development`.
    pub omit_dev: bool,
    /// A lockfile install: `npm ci`, `yarn --frozen-lockfile`/`--immutable`.
    pub lockfile: bool,
    /// `-g`/`--global` (npm, yarn).
    pub global: bool,
    /// pip `--user`.
    pub user: bool,
    /// An upgrade (`apt-get upgrade`, `pip install -U`).
    pub upgrade: bool,
    /// pip `--only-binary :all:`: never build from source.
    pub only_binary: bool,
    /// gem `--no-document`.
    pub no_document: bool,
}

/// An install command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Install {
    /// Index of the command in [`ScriptAnalysis::commands`].
    pub command: usize,
    /// Byte range of the command.
    pub range: Range<usize>,
    /// Which installer.
    pub manager: Manager,
    /// The packages named (empty for `npm ci`, `bundle install`, an upgrade).
    pub packages: Vec<Package>,
    /// pip `-r FILE` requirement files.
    pub requirement_files: Vec<Word>,
    /// The options that matter for size.
    pub options: InstallOptions,
}

/// A package index refresh (`apt-get update`, `apk update`, `dnf makecache`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndexUpdate {
    /// Index of the command.
    pub command: usize,
    /// Byte range of the command.
    pub range: Range<usize>,
    /// Which package manager.
    pub manager: Manager,
}

/// A package removal (`apt-get purge`, `apk del .build-deps`, `npm prune --omit=dev`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removal {
    /// Index of the command.
    pub command: usize,
    /// Byte range of the command.
    pub range: Range<usize>,
    /// Which package manager.
    pub manager: Manager,
    /// Packages named.
    pub packages: Vec<Package>,
    /// apk virtual groups removed (`.build-deps`).
    pub groups: Vec<String>,
    /// `--auto-remove`/`autoremove`: dependencies nothing needs go too.
    pub autoremove: bool,
    /// An `apt-mark auto` came earlier in the script, so an autoremove takes away
    /// everything not marked manual again (the official images' build-deps idiom).
    pub after_mark_auto: bool,
    /// `npm prune --omit=dev` and friends: development dependencies go.
    pub dev_dependencies: bool,
}

/// A cleanup and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cleanup {
    /// Index of the command.
    pub command: usize,
    /// Byte range of the path argument, or of the command when it names no path.
    pub range: Range<usize>,
    /// What it removes.
    pub kind: CleanupKind,
}

/// A build command and the options that decide what it produces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Build {
    /// Index of the command.
    pub command: usize,
    /// Byte range of the command.
    pub range: Range<usize>,
    /// Which tool.
    pub tool: BuildTool,
    /// The output path (`go build -o /app`).
    pub output: Option<Word>,
    /// Go: `CGO_ENABLED` as seen by this command (`Some(false)` for `=0`), when set.
    pub cgo_enabled: Option<bool>,
    /// Asks for a statically linked result (`-extldflags "-static"`, a musl target).
    pub static_link: bool,
    /// Strips symbols (`-ldflags "-s -w"`).
    pub stripped: bool,
    /// Go `-trimpath`.
    pub trimpath: bool,
    /// Cargo `--release` (or `-r`, or a release profile).
    pub release: bool,
    /// The target triple (`x86_64-unknown-linux-musl`).
    pub target: Option<String>,
    /// Tests skipped (`-DskipTests`, `-x test`).
    pub skip_tests: bool,
    /// Only fetches dependencies (`go mod download`, `mvn dependency:go-offline`).
    pub downloads_only: bool,
}

/// Something a command does that matters for size or compatibility.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum Action {
    /// Installs packages.
    Install(Install),
    /// Refreshes a package index.
    Update(IndexUpdate),
    /// Removes packages.
    Remove(Removal),
    /// Removes a cache or temporary files.
    Cleanup(Cleanup),
    /// Builds or fetches code.
    Build(Build),
}

/// The program's file name (`/usr/bin/apt-get` → `apt-get`, `./mvnw` → `mvnw`).
pub(crate) fn basename(text: &str) -> &str {
    text.rsplit('/').next().unwrap_or(text)
}

/// Wrappers that run the command after them.
const WRAPPERS: [&str; 6] = ["sudo", "exec", "command", "nohup", "time", "nice"];

/// The index of the word that names the program a command runs, looking
/// through wrappers (`sudo -E apt-get …`, `env A=1 pip …`), with each word
/// an `env` wrapper reads as an assignment passed to `assigned`. `None` when
/// nothing runs: only wrappers, or `command -v NAME`, which asks where NAME
/// is.
pub(super) fn program(words: &[Word], mut assigned: impl FnMut(&Word) -> bool) -> Option<usize> {
    let mut i = 0;
    while let Some(word) = words.get(i) {
        let name = basename(&word.text);
        if name == "env" {
            i += 1;
            while let Some(word) = words.get(i) {
                if !word.text.starts_with('-') && !assigned(word) {
                    break;
                }
                i += 1;
            }
        } else if WRAPPERS.contains(&name) {
            if name == "command"
                && words
                    .get(i + 1)
                    .is_some_and(|w| w.text == "-v" || w.text == "-V")
            {
                return None;
            }
            i += 1;
            // Wrapper options; `sudo -u USER` and `nice -n N` take a value.
            while let Some(word) = words.get(i) {
                if !word.text.starts_with('-') {
                    break;
                }
                let takes_value =
                    matches!(word.text.as_str(), "-u" | "-g" | "-n" | "-p" | "-C" | "-h");
                i += if takes_value { 2 } else { 1 };
            }
        } else {
            return Some(i);
        }
    }
    None
}

/// The words from the program on, with the assignments an `env` wrapper
/// makes.
fn unwrap_command(command: &SimpleCommand, index: usize) -> (&[Word], Vec<Assignment>) {
    let mut assignments = Vec::new();
    let at = program(&command.words, |word| {
        match super::assignment(word, index) {
            Some(a) => {
                assignments.push(a);
                true
            }
            None => false,
        }
    });
    let words = at
        .and_then(|at| command.words.get(at..))
        .unwrap_or_default();
    (words, assignments)
}

/// State carried across the commands of one script.
#[derive(Default)]
struct Context {
    mark_auto: bool,
}

/// Fills in `analysis.actions`, `environment` and `set_options` from its commands.
pub(super) fn recognise(analysis: &mut ScriptAnalysis) {
    let mut context = Context::default();
    let commands = std::mem::take(&mut analysis.commands);
    for (index, command) in commands.iter().enumerate() {
        let (words, wrapper_env) = unwrap_command(command, index);
        if words.is_empty() {
            // `A=1; …`: a plain assignment sets a shell variable for what follows.
            analysis
                .environment
                .extend(command.assignments.iter().cloned());
            continue;
        }
        let mut env: Vec<Assignment> = command.assignments.clone();
        env.extend(wrapper_env);
        // The variables that change what an installer or build does, as this command sees them.
        let lookup = |name: &str| -> Option<String> {
            env.iter()
                .rev()
                .chain(analysis.environment.iter().rev())
                .find(|a| a.name == name)
                .map(|a| a.value.clone())
        };
        let node_env = lookup("NODE_ENV");
        let bundle_without = lookup("BUNDLE_WITHOUT");
        let cgo = lookup("CGO_ENABLED");
        let pip_no_cache = lookup("PIP_NO_CACHE_DIR");
        // uv reads its own variable, not pip's.
        let uv_no_cache = lookup("UV_NO_CACHE");
        let site = Site {
            index,
            range: command.range.clone(),
        };
        let program = basename(&words[0].text);
        let rest = &words[1..];
        let mut actions = Vec::new();
        match program {
            "export" | "declare" | "typeset" | "readonly" => {
                analysis
                    .environment
                    .extend(rest.iter().filter_map(|w| super::assignment(w, index)));
            }
            "set" => {
                for word in rest {
                    if let Some(letters) =
                        word.text.strip_prefix('-').filter(|l| !l.starts_with('-'))
                    {
                        analysis
                            .set_options
                            .extend(letters.chars().filter(|c| *c != 'o').map(String::from));
                    }
                }
                let mut iter = rest.iter();
                while let Some(word) = iter.next() {
                    if word.text.ends_with('o')
                        && word.text.starts_with('-')
                        && let Some(option) = iter.next()
                    {
                        analysis.set_options.push(option.text.clone());
                    }
                }
            }
            "apt-get" | "apt" | "aptitude" => apt(&site, rest, &mut context, &mut actions),
            "apt-mark" if rest.first().is_some_and(|w| w.text == "auto") => {
                context.mark_auto = true
            }
            "apk" => apk(&site, rest, &mut actions),
            "dnf" | "dnf5" | "tdnf" => dnf(&site, Manager::Dnf, rest, &mut actions),
            "yum" => dnf(&site, Manager::Yum, rest, &mut actions),
            "microdnf" => dnf(&site, Manager::Microdnf, rest, &mut actions),
            "rm" => rm(&site, rest, &mut actions),
            "npm" => npm(&site, rest, node_env.as_deref(), &mut actions),
            "yarn" => yarn(&site, rest, node_env.as_deref(), &mut actions),
            "pnpm" => pnpm(&site, rest, &mut actions),
            "gem" => gem(&site, rest, &mut actions),
            "bundle" | "bundler" => bundle(&site, rest, bundle_without.as_deref(), &mut actions),
            "go" => {
                if rest.first().is_some_and(|w| w.text == "env") {
                    // `go env -w CGO_ENABLED=0` sets the variable for later go commands.
                    analysis.environment.extend(
                        rest.iter()
                            .skip(1)
                            .filter_map(|w| super::assignment(w, index)),
                    );
                }
                go(&site, rest, cgo.as_deref(), &mut actions);
            }
            "cargo" => cargo(&site, rest, &mut actions),
            "mvn" | "mvnw" => maven(&site, rest, &mut actions),
            "gradle" | "gradlew" => gradle(&site, rest, &mut actions),
            "uv" if rest.first().is_some_and(|w| w.text == "pip") => {
                pip(&site, &rest[1..], uv_no_cache.as_deref(), &mut actions);
            }
            _ if is_pip(program) => pip(&site, rest, pip_no_cache.as_deref(), &mut actions),
            _ if is_python(program) => {
                // `python -m pip …`, possibly after interpreter flags.
                let module = rest.iter().position(|w| w.text == "-m");
                if let Some(at) = module
                    && rest.get(at + 1).is_some_and(|w| w.text == "pip")
                {
                    pip(
                        &site,
                        &rest[at + 2..],
                        pip_no_cache.as_deref(),
                        &mut actions,
                    );
                }
            }
            _ => {}
        }
        analysis.actions.extend(actions);
    }
    analysis.commands = commands;
}

/// Where an action happens.
struct Site {
    index: usize,
    range: Range<usize>,
}

fn is_pip(program: &str) -> bool {
    program
        .strip_prefix("pip")
        .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
}

fn is_python(program: &str) -> bool {
    program
        .strip_prefix("python")
        .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
}

fn install(
    site: &Site,
    manager: Manager,
    packages: Vec<Package>,
    options: InstallOptions,
) -> Action {
    Action::Install(Install {
        command: site.index,
        range: site.range.clone(),
        manager,
        packages,
        requirement_files: Vec::new(),
        options,
    })
}

fn update(site: &Site, manager: Manager) -> Action {
    Action::Update(IndexUpdate {
        command: site.index,
        range: site.range.clone(),
        manager,
    })
}

fn cleanup(site: &Site, range: Range<usize>, kind: CleanupKind) -> Action {
    Action::Cleanup(Cleanup {
        command: site.index,
        range,
        kind,
    })
}

fn removal(site: &Site, manager: Manager) -> Removal {
    Removal {
        command: site.index,
        range: site.range.clone(),
        manager,
        packages: Vec::new(),
        groups: Vec::new(),
        autoremove: false,
        after_mark_auto: false,
        dev_dependencies: false,
    }
}
