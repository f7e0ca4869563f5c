//! Build tools: go, cargo, maven and gradle, with the flags that decide what the
//! build leaves behind.

use super::args::{gnu_args, value_word};
use super::system::is_yes;
use super::{Action, Build, BuildTool, CleanupKind, Site, cleanup};
use crate::shell::Word;

fn build(site: &Site, tool: BuildTool) -> Build {
    Build {
        command: site.index,
        range: site.range.clone(),
        tool,
        output: None,
        cgo_enabled: None,
        static_link: false,
        stripped: false,
        trimpath: false,
        release: false,
        target: None,
        skip_tests: false,
        downloads_only: false,
    }
}

/// Go flags that take a value (Go flags use one dash and `-flag value` or `-flag=value`).
const GO_VALUE_FLAGS: [&str; 15] = [
    "o",
    "ldflags",
    "tags",
    "gcflags",
    "asmflags",
    "mod",
    "modfile",
    "overlay",
    "pkgdir",
    "buildmode",
    "compiler",
    "gccgoflags",
    "installsuffix",
    "p",
    "pgo",
];

pub(super) fn go(site: &Site, words: &[Word], cgo_env: Option<&str>, actions: &mut Vec<Action>) {
    let Some((subcommand, rest)) = words.split_first() else {
        return;
    };
    match subcommand.text.as_str() {
        "build" | "install" => {
            let mut result = build(site, BuildTool::Go);
            result.cgo_enabled = cgo_env.map(is_yes);
            let mut i = 0;
            while let Some(word) = rest.get(i) {
                i += 1;
                let Some(flag) = word
                    .text
                    .strip_prefix("--")
                    .or_else(|| word.text.strip_prefix('-'))
                else {
                    continue;
                };
                let (name, value) = match flag.split_once('=') {
                    Some((name, value)) => (
                        name,
                        Some(value_word(value, word.range.clone(), word.expansion)),
                    ),
                    None if GO_VALUE_FLAGS.contains(&flag) => {
                        let value = rest.get(i).cloned();
                        i += 1;
                        (flag, value)
                    }
                    None => (flag, None),
                };
                match (name, value) {
                    ("o", Some(value)) => result.output = Some(value),
                    ("ldflags", Some(value)) => {
                        let flags: Vec<&str> = value.text.split_whitespace().collect();
                        result.stripped |= flags.contains(&"-s") || flags.contains(&"-w");
                        result.static_link |= value.text.contains("-static");
                    }
                    ("tags", Some(value)) => result.static_link |= value.text.contains("netgo"),
                    ("trimpath", _) => result.trimpath = true,
                    ("race", _) => result.cgo_enabled = Some(true),
                    _ => {}
                }
            }
            actions.push(Action::Build(result));
        }
        "mod" if rest.first().is_some_and(|w| w.text == "download") => {
            let mut result = build(site, BuildTool::Go);
            result.downloads_only = true;
            actions.push(Action::Build(result));
        }
        "clean" => {
            for word in rest {
                match word.text.trim_start_matches('-') {
                    "cache" => {
                        actions.push(cleanup(site, word.range.clone(), CleanupKind::GoBuildCache))
                    }
                    "modcache" => actions.push(cleanup(
                        site,
                        word.range.clone(),
                        CleanupKind::GoModuleCache,
                    )),
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

pub(super) fn cargo(site: &Site, words: &[Word], actions: &mut Vec<Action>) {
    let args = gnu_args(
        words,
        &[
            "--target",
            "--features",
            "--profile",
            "--bin",
            "--package",
            "--target-dir",
            "--manifest-path",
            "--jobs",
            "--example",
            "--root",
            "--path",
            "--version",
            "--git",
            "--branch",
            "--tag",
            "--rev",
            "--config",
        ],
        &['p', 'j', 'F', 'Z'],
    );
    let Some(subcommand) = args.positionals.first() else {
        return;
    };
    if !matches!(
        subcommand.text.as_str(),
        "build" | "b" | "install" | "fetch"
    ) {
        return;
    }
    let mut result = build(site, BuildTool::Cargo);
    result.downloads_only = subcommand.text == "fetch";
    result.release = args.has(&["--release", "-r"])
        || subcommand.text == "install"
        || args
            .values(&["--profile"])
            .any(|p| p.text.contains("release"));
    result.target = args.values(&["--target"]).next().map(|t| t.text.clone());
    result.static_link = result.target.as_deref().is_some_and(|t| t.contains("musl"));
    result.output = args.values(&["--target-dir", "--root"]).next().cloned();
    actions.push(Action::Build(result));
}

pub(super) fn maven(site: &Site, words: &[Word], actions: &mut Vec<Action>) {
    // Maven's short options are multi-letter (`-pl`, `-DskipTests`), so read them whole.
    let mut goals = Vec::new();
    let mut skip_tests = false;
    let mut skip_value = false;
    for word in words {
        let text = word.text.as_str();
        if std::mem::take(&mut skip_value) {
            continue;
        }
        if let Some(property) = text.strip_prefix("-D") {
            skip_tests |=
                property.starts_with("skipTests") || property.starts_with("maven.test.skip");
        } else if matches!(
            text,
            "-f" | "-s"
                | "-P"
                | "-pl"
                | "-T"
                | "-rf"
                | "-l"
                | "-b"
                | "-gs"
                | "-t"
                | "--file"
                | "--settings"
                | "--projects"
                | "--threads"
        ) {
            skip_value = true;
        } else if !text.starts_with('-') {
            goals.push(text);
        }
    }
    let packaging = goals.iter().any(|g| {
        matches!(*g, "package" | "install" | "verify" | "deploy") || g.contains("repackage")
    });
    let fetching = goals.iter().any(|g| g.starts_with("dependency:"));
    if !(packaging || fetching) {
        return;
    }
    let mut result = build(site, BuildTool::Maven);
    result.skip_tests = skip_tests;
    result.downloads_only = !packaging;
    actions.push(Action::Build(result));
}

pub(super) fn gradle(site: &Site, words: &[Word], actions: &mut Vec<Action>) {
    let mut tasks = Vec::new();
    let mut skip_tests = false;
    let mut i = 0;
    while let Some(word) = words.get(i) {
        i += 1;
        let text = word.text.as_str();
        match text {
            "-x" | "--exclude-task" => {
                skip_tests |= words.get(i).is_some_and(|w| w.text.ends_with("test"));
                i += 1;
            }
            "-p" | "--project-dir" | "-b" | "--build-file" | "-g" | "--gradle-user-home" | "-I"
            | "--init-script" => {
                i += 1;
            }
            _ if text.starts_with('-') => {}
            _ => tasks.push(text),
        }
    }
    if tasks.is_empty() {
        return;
    }
    let mut result = build(site, BuildTool::Gradle);
    result.skip_tests = skip_tests;
    result.downloads_only = tasks
        .iter()
        .all(|t| matches!(*t, "dependencies" | "downloadDependencies" | "help"));
    actions.push(Action::Build(result));
}
