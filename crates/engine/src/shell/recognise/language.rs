//! Language installers: pip, npm, yarn, pnpm, gem and bundle.

use super::args::gnu_args;
use super::system::package;
use super::{
    Action, CleanupKind, Install, InstallOptions, Manager, Package, Site, cleanup, install, removal,
};
use crate::shell::Word;

/// Reads a pip requirement (`numpy==1.24.4`, `uvicorn[standard]>=0.30`, `./app`).
fn pip_package(word: &Word) -> Package {
    let text = word.text.trim();
    let local = text.starts_with(['.', '/', '~'])
        || text.contains("://")
        || text.starts_with("git+")
        || [".whl", ".tar.gz", ".zip"]
            .iter()
            .any(|s| text.ends_with(s));
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(text.len());
    let name: String = text[..end]
        .chars()
        .map(|c| {
            if matches!(c, '_' | '.') {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    let rest = &text[end..];
    let (extras, rest) = match rest.strip_prefix('[').and_then(|r| r.split_once(']')) {
        Some((inside, after)) => (
            inside
                .split(',')
                .map(|e| e.trim().to_ascii_lowercase())
                .filter(|e| !e.is_empty())
                .collect(),
            after,
        ),
        None => (Vec::new(), rest),
    };
    let version = rest
        .trim_start()
        .strip_prefix("===")
        .or_else(|| rest.trim_start().strip_prefix("=="))
        .map(|v| {
            v.split([',', ';', ' '])
                .next()
                .unwrap_or("")
                .trim()
                .to_owned()
        })
        .filter(|v| !v.is_empty() && !v.contains('*'));
    Package {
        name: if local || word.expansion || name.is_empty() {
            text.to_owned()
        } else {
            name
        },
        spec: text.to_owned(),
        version,
        extras,
        range: word.range.clone(),
        from_variable: word.expansion,
        local,
    }
}

pub(super) fn pip(
    site: &Site,
    words: &[Word],
    no_cache_env: Option<&str>,
    actions: &mut Vec<Action>,
) {
    let args = gnu_args(
        words,
        &[
            "--requirement",
            "--constraint",
            "--index-url",
            "--extra-index-url",
            "--find-links",
            "--target",
            "--prefix",
            "--root",
            "--platform",
            "--python-version",
            "--implementation",
            "--abi",
            "--trusted-host",
            "--proxy",
            "--retries",
            "--timeout",
            "--src",
            "--cache-dir",
            "--progress-bar",
            "--root-user-action",
            "--log",
            "--editable",
            "--no-binary",
            "--only-binary",
            "--config-settings",
            "--report",
            "--python",
        ],
        &['r', 'c', 'i', 'f', 't', 'e', 'C'],
    );
    let Some((subcommand, operands)) = args.positionals.split_first() else {
        return;
    };
    match subcommand.text.as_str() {
        "install" => {
            let mut packages: Vec<Package> = Vec::new();
            let mut skip_next = false;
            for word in operands {
                if std::mem::take(&mut skip_next) {
                    continue;
                }
                if word.text == "@" {
                    // `name @ url`: the previous name comes from a URL.
                    if let Some(last) = packages.last_mut() {
                        last.local = true;
                    }
                    skip_next = true;
                    continue;
                }
                packages.push(pip_package(word));
            }
            for editable in args.values(&["-e", "--editable"]) {
                let mut p = pip_package(editable);
                p.local = true;
                packages.push(p);
            }
            let options = InstallOptions {
                no_cache: args.has(&["--no-cache-dir", "--no-cache"])
                    || no_cache_env.is_some_and(|v| !v.is_empty()),
                upgrade: args.has(&["-U", "--upgrade"]),
                user: args.has(&["--user"]),
                only_binary: args
                    .values(&["--only-binary"])
                    .any(|v| v.text.contains(":all:")),
                ..InstallOptions::default()
            };
            actions.push(Action::Install(Install {
                command: site.index,
                range: site.range.clone(),
                manager: Manager::Pip,
                packages,
                requirement_files: args.values(&["-r", "--requirement"]).cloned().collect(),
                options,
            }));
        }
        "uninstall" => {
            let mut removed = removal(site, Manager::Pip);
            removed.packages = operands.iter().map(|w| pip_package(w)).collect();
            actions.push(Action::Remove(removed));
        }
        "cache"
            if operands
                .first()
                .is_some_and(|w| matches!(w.text.as_str(), "purge" | "remove")) =>
        {
            actions.push(cleanup(site, site.range.clone(), CleanupKind::PipCache));
        }
        _ => {}
    }
}

/// Reads an npm package argument (`express@4.19.2`, `@nestjs/core@10`, `./local`).
fn npm_package(word: &Word) -> Package {
    let text = word.text.as_str();
    let local = text.starts_with(['.', '/', '~'])
        || text.contains("://")
        || text.starts_with("file:")
        || text.starts_with("git+")
        || text.starts_with("github:")
        || text.ends_with(".tgz");
    let search_from = usize::from(text.starts_with('@'));
    let (name, version) = match text.get(search_from..).and_then(|t| t.find('@')) {
        Some(at) => (
            &text[..search_from + at],
            Some(text[search_from + at + 1..].to_owned()),
        ),
        None => (text, None),
    };
    Package {
        name: if word.expansion {
            text.to_owned()
        } else {
            name.to_ascii_lowercase()
        },
        spec: text.to_owned(),
        version: version.filter(|v| !v.is_empty()),
        extras: Vec::new(),
        range: word.range.clone(),
        from_variable: word.expansion,
        local,
    }
}

pub(super) fn npm(site: &Site, words: &[Word], node_env: Option<&str>, actions: &mut Vec<Action>) {
    let args = gnu_args(
        words,
        &[
            "--omit",
            "--include",
            "--cache",
            "--loglevel",
            "--registry",
            "--prefix",
            "--userconfig",
            "--workspace",
        ],
        &['w'],
    );
    let Some((subcommand, operands)) = args.positionals.split_first() else {
        return;
    };
    let omit_dev = args.values(&["--omit"]).any(|v| v.text == "dev")
        || args.has(&["--production"])
        || args.values(&["--only"]).any(|v| v.text.starts_with("prod"))
        || node_env == Some("production");
    match subcommand.text.as_str() {
        "ci" | "clean-install" | "install-clean" | "install" | "i" | "add" | "isntall" => {
            let options = InstallOptions {
                omit_dev,
                lockfile: matches!(
                    subcommand.text.as_str(),
                    "ci" | "clean-install" | "install-clean"
                ),
                global: args.has(&["-g", "--global"]),
                ..InstallOptions::default()
            };
            let packages = operands.iter().map(|w| npm_package(w)).collect();
            actions.push(install(site, Manager::Npm, packages, options));
        }
        "prune" if omit_dev => {
            let mut removed = removal(site, Manager::Npm);
            removed.dev_dependencies = true;
            actions.push(Action::Remove(removed));
        }
        "uninstall" | "remove" | "rm" | "un" => {
            let mut removed = removal(site, Manager::Npm);
            removed.packages = operands.iter().map(|w| npm_package(w)).collect();
            actions.push(Action::Remove(removed));
        }
        "cache" if operands.first().is_some_and(|w| w.text == "clean") => {
            actions.push(cleanup(site, site.range.clone(), CleanupKind::NpmCache));
        }
        _ => {}
    }
}

pub(super) fn yarn(site: &Site, words: &[Word], node_env: Option<&str>, actions: &mut Vec<Action>) {
    let args = gnu_args(
        words,
        &[
            "--cache-folder",
            "--network-timeout",
            "--modules-folder",
            "--mutex",
            "--registry",
        ],
        &[],
    );
    let omit_dev = args.has(&["--production", "--prod"]) || node_env == Some("production");
    let mut options = InstallOptions {
        omit_dev,
        lockfile: args.has(&["--frozen-lockfile", "--immutable", "--pure-lockfile"]),
        ..InstallOptions::default()
    };
    let positionals = &args.positionals;
    match positionals.first().map(|w| w.text.as_str()) {
        None | Some("install") => actions.push(install(site, Manager::Yarn, Vec::new(), options)),
        Some("add") => {
            let packages = positionals[1..].iter().map(|w| npm_package(w)).collect();
            actions.push(install(site, Manager::Yarn, packages, options));
        }
        Some("global") if positionals.get(1).is_some_and(|w| w.text == "add") => {
            options.global = true;
            let packages = positionals[2..].iter().map(|w| npm_package(w)).collect();
            actions.push(install(site, Manager::Yarn, packages, options));
        }
        Some("cache") if positionals.get(1).is_some_and(|w| w.text == "clean") => {
            actions.push(cleanup(site, site.range.clone(), CleanupKind::YarnCache));
        }
        _ => {}
    }
}

pub(super) fn pnpm(site: &Site, words: &[Word], actions: &mut Vec<Action>) {
    let args = gnu_args(words, &["--filter", "--store-dir"], &[]);
    let options = InstallOptions {
        omit_dev: args.has(&["--prod", "-P", "--production"]),
        lockfile: args.has(&["--frozen-lockfile"]),
        global: args.has(&["-g", "--global"]),
        ..InstallOptions::default()
    };
    match args.positionals.first().map(|w| w.text.as_str()) {
        Some("install" | "i") => actions.push(install(site, Manager::Pnpm, Vec::new(), options)),
        Some("add") => {
            let packages = args.positionals[1..]
                .iter()
                .map(|w| npm_package(w))
                .collect();
            actions.push(install(site, Manager::Pnpm, packages, options));
        }
        _ => {}
    }
}

pub(super) fn gem(site: &Site, words: &[Word], actions: &mut Vec<Action>) {
    let args = gnu_args(
        words,
        &[
            "--version",
            "--install-dir",
            "--bindir",
            "--source",
            "--platform",
        ],
        &['v', 'i', 'n', 's'],
    );
    let Some((subcommand, operands)) = args.positionals.split_first() else {
        return;
    };
    if subcommand.text != "install" {
        return;
    }
    let version = args
        .values(&["-v", "--version"])
        .next()
        .map(|v| v.text.clone());
    let packages = operands
        .iter()
        .map(|w| {
            let mut p = package(w, &[':'], Some(':'));
            p.version = p.version.or_else(|| version.clone());
            p
        })
        .collect();
    let options = InstallOptions {
        no_document: args.has(&["--no-document", "--no-doc", "-N", "--no-rdoc", "--no-ri"]),
        ..InstallOptions::default()
    };
    actions.push(install(site, Manager::Gem, packages, options));
}

pub(super) fn bundle(
    site: &Site,
    words: &[Word],
    without_env: Option<&str>,
    actions: &mut Vec<Action>,
) {
    let args = gnu_args(
        words,
        &[
            "--without",
            "--with",
            "--path",
            "--jobs",
            "--retry",
            "--gemfile",
            "--binstubs",
        ],
        &['j'],
    );
    if !matches!(
        args.positionals.first().map(|w| w.text.as_str()),
        None | Some("install")
    ) {
        return;
    }
    let without = args
        .values(&["--without"])
        .map(|w| w.text.clone())
        .chain(without_env.map(str::to_owned))
        .any(|groups| groups.split([' ', ':', ',']).any(|g| g == "development"));
    let options = InstallOptions {
        omit_dev: without || args.has(&["--deployment"]),
        lockfile: args.has(&["--deployment", "--frozen"]),
        ..InstallOptions::default()
    };
    actions.push(install(site, Manager::Bundler, Vec::new(), options));
}
