//! The operating system's package managers (apt, apk, dnf, yum, microdnf) and
//! cleanups by path (`rm -rf /var/lib/apt/lists/*`).

use super::args::gnu_args;
use super::{
    Action, CleanupKind, Context, InstallOptions, Manager, Package, Site, cleanup, install,
    removal, update,
};
use crate::shell::Word;

/// A package whose name ends at the first of `stops`; the version follows `version_mark`.
pub(super) fn package(word: &Word, stops: &[char], version_mark: Option<char>) -> Package {
    let text = word.text.as_str();
    let end = text.find(|c| stops.contains(&c)).unwrap_or(text.len());
    let version = version_mark
        .and_then(|mark| text.split_once(mark))
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty());
    Package {
        // A package list held in a variable keeps its text: the names are unknown.
        name: if word.expansion {
            text.to_owned()
        } else {
            text[..end].to_ascii_lowercase()
        },
        spec: text.to_owned(),
        version,
        extras: Vec::new(),
        range: word.range.clone(),
        from_variable: word.expansion,
        local: false,
    }
}

pub(super) fn is_yes(value: &str) -> bool {
    matches!(
        value.trim_matches('"').to_ascii_lowercase().as_str(),
        "1" | "true" | "yes" | "on"
    )
}

fn is_no(value: &str) -> bool {
    matches!(
        value.trim_matches('"').to_ascii_lowercase().as_str(),
        "0" | "false" | "no" | "off"
    )
}

pub(super) fn apt(site: &Site, words: &[Word], context: &mut Context, actions: &mut Vec<Action>) {
    let args = gnu_args(
        words,
        &[
            "--option",
            "--config-file",
            "--target-release",
            "--default-release",
            "--host-architecture",
        ],
        &['o', 'c', 't', 'a'],
    );
    let Some((subcommand, operands)) = args.positionals.split_first() else {
        return;
    };
    let recommends_off = args.values(&["-o", "--option"]).any(|v| {
        v.text.split_once('=').is_some_and(|(key, value)| {
            key.eq_ignore_ascii_case("APT::Install-Recommends") && is_no(value)
        })
    });
    let options = InstallOptions {
        assume_yes: args.has(&["-y", "--yes", "--assume-yes"]),
        no_install_recommends: (args.has(&["--no-install-recommends"]) || recommends_off)
            && !args.has(&["--install-recommends"]),
        ..InstallOptions::default()
    };
    let packages = || -> Vec<Package> {
        operands
            .iter()
            .filter(|w| !w.text.ends_with('-') || w.expansion)
            .map(|w| package(w, &['=', '/', ':'], Some('=')))
            .collect()
    };
    match subcommand.text.as_str() {
        "install" | "reinstall" => actions.push(install(site, Manager::Apt, packages(), options)),
        "upgrade" | "dist-upgrade" | "full-upgrade" => actions.push(install(
            site,
            Manager::Apt,
            Vec::new(),
            InstallOptions {
                upgrade: true,
                ..options
            },
        )),
        "update" => actions.push(update(site, Manager::Apt)),
        "remove" | "purge" | "autoremove" | "autopurge" => {
            let mut removed = removal(site, Manager::Apt);
            removed.packages = packages();
            removed.autoremove =
                subcommand.text.starts_with("auto") || args.has(&["--auto-remove", "--autoremove"]);
            removed.after_mark_auto = context.mark_auto;
            actions.push(Action::Remove(removed));
        }
        "clean" | "autoclean" => {
            actions.push(cleanup(site, site.range.clone(), CleanupKind::AptCache))
        }
        "dist-clean" => {
            actions.push(cleanup(site, site.range.clone(), CleanupKind::AptLists));
            actions.push(cleanup(site, site.range.clone(), CleanupKind::AptCache));
        }
        _ => {}
    }
}

pub(super) fn apk(site: &Site, words: &[Word], actions: &mut Vec<Action>) {
    let args = gnu_args(
        words,
        &[
            "--virtual",
            "--repository",
            "--repositories-file",
            "--root",
            "--arch",
            "--keys-dir",
            "--cache-dir",
            "--wait",
            "--progress-fd",
        ],
        &['t', 'X', 'p'],
    );
    let Some((subcommand, operands)) = args.positionals.split_first() else {
        return;
    };
    let packages: Vec<Package> = operands
        .iter()
        .map(|w| package(w, &['=', '~', '<', '>', '@'], Some('=')))
        .collect();
    match subcommand.text.as_str() {
        "add" => {
            let options = InstallOptions {
                no_cache: args.has(&["--no-cache"]),
                update_index: args.has(&["-U", "--update", "--update-cache"]),
                virtual_group: args.values(&["--virtual", "-t"]).next().cloned(),
                ..InstallOptions::default()
            };
            actions.push(install(site, Manager::Apk, packages, options));
        }
        "del" => {
            let mut removed = removal(site, Manager::Apk);
            for package in packages {
                if package.name.starts_with('.') {
                    removed.groups.push(package.name);
                } else {
                    removed.packages.push(package);
                }
            }
            removed.autoremove = true;
            actions.push(Action::Remove(removed));
        }
        "update" => actions.push(update(site, Manager::Apk)),
        "upgrade" => actions.push(install(
            site,
            Manager::Apk,
            packages,
            InstallOptions {
                upgrade: true,
                no_cache: args.has(&["--no-cache"]),
                ..InstallOptions::default()
            },
        )),
        "cache"
            if operands
                .first()
                .is_some_and(|w| matches!(w.text.as_str(), "clean" | "purge")) =>
        {
            actions.push(cleanup(site, site.range.clone(), CleanupKind::ApkCache));
        }
        _ => {}
    }
}

pub(super) fn dnf(site: &Site, manager: Manager, words: &[Word], actions: &mut Vec<Action>) {
    let args = gnu_args(
        words,
        &[
            "--setopt",
            "--enablerepo",
            "--disablerepo",
            "--installroot",
            "--releasever",
            "--repo",
            "--repoid",
            "--disableplugin",
            "--enableplugin",
            "--exclude",
            "--config",
        ],
        &['x', 'c', 'd', 'e', 'R'],
    );
    let Some((subcommand, operands)) = args.positionals.split_first() else {
        return;
    };
    let setopts: Vec<&Word> = args.values(&["--setopt"]).collect();
    let weak_deps = setopts.iter().find_map(|v| {
        let (key, value) = v.text.split_once('=')?;
        (key == "install_weak_deps").then(|| is_yes(value))
    });
    let nodocs = args.has(&["--nodocs"])
        || setopts
            .iter()
            .any(|v| v.text.replace(' ', "") == "tsflags=nodocs");
    let packages = || -> Vec<Package> { operands.iter().map(|w| package(w, &[], None)).collect() };
    let options = InstallOptions {
        assume_yes: args.has(&["-y", "--assumeyes"]),
        weak_deps,
        nodocs,
        ..InstallOptions::default()
    };
    match subcommand.text.as_str() {
        "install" | "reinstall" | "groupinstall" => {
            actions.push(install(site, manager, packages(), options))
        }
        "update" | "upgrade" | "distro-sync" => actions.push(install(
            site,
            manager,
            packages(),
            InstallOptions {
                upgrade: true,
                ..options
            },
        )),
        "group" if operands.first().is_some_and(|w| w.text == "install") => {
            let groups = operands[1..]
                .iter()
                .map(|w| package(w, &[], None))
                .collect();
            actions.push(install(site, manager, groups, options));
        }
        "makecache" => actions.push(update(site, manager)),
        "remove" | "erase" | "autoremove" => {
            let mut removed = removal(site, manager);
            removed.packages = packages();
            removed.autoremove = subcommand.text == "autoremove";
            actions.push(Action::Remove(removed));
        }
        "clean" if !operands.is_empty() => {
            actions.push(cleanup(site, site.range.clone(), CleanupKind::DnfCache))
        }
        _ => {}
    }
}

/// What removing `path` cleans, assuming the build runs as root (`~` is `/root`).
fn path_kinds(path: &str) -> &'static [CleanupKind] {
    use CleanupKind as K;
    let mut p = path.to_owned();
    for home in ["${HOME}", "$HOME", "~"] {
        if let Some(rest) = p.strip_prefix(home) {
            p = format!("/root{rest}");
        }
    }
    for gopath in ["${GOPATH}", "$GOPATH"] {
        if let Some(rest) = p.strip_prefix(gopath) {
            p = format!("/go{rest}");
        }
    }
    for cargo_home in ["${CARGO_HOME}", "$CARGO_HOME"] {
        if let Some(rest) = p.strip_prefix(cargo_home) {
            p = format!("/usr/local/cargo{rest}");
        }
    }
    let p = p.trim_end_matches(['*', '/', '.']);
    let table: [(&str, &[CleanupKind]); 22] = [
        ("/var/lib/apt/lists", &[K::AptLists]),
        ("/var/lib/apt", &[K::AptLists]),
        ("/var/cache/apt", &[K::AptCache]),
        ("/var/cache/apk", &[K::ApkCache]),
        ("/etc/apk/cache", &[K::ApkCache]),
        ("/var/cache/dnf", &[K::DnfCache]),
        ("/var/cache/yum", &[K::DnfCache]),
        ("/var/cache", &[K::AptCache, K::ApkCache, K::DnfCache]),
        ("/root/.cache/pip", &[K::PipCache]),
        ("/root/.cache/go-build", &[K::GoBuildCache]),
        ("/root/.cache/yarn", &[K::YarnCache]),
        ("/usr/local/share/.cache/yarn", &[K::YarnCache]),
        (
            "/root/.cache",
            &[K::PipCache, K::GoBuildCache, K::YarnCache],
        ),
        ("/root/.npm", &[K::NpmCache]),
        ("/go/pkg", &[K::GoModuleCache]),
        ("/root/go/pkg", &[K::GoModuleCache]),
        ("/usr/local/cargo/registry", &[K::CargoRegistry]),
        ("/usr/local/cargo/git", &[K::CargoRegistry]),
        ("/root/.cargo", &[K::CargoRegistry]),
        ("/root/.m2", &[K::MavenRepository]),
        ("/root/.gradle", &[K::GradleCache]),
        ("/tmp", &[K::TempFiles]),
    ];
    // The most specific entry wins: `/root/.cache/pip` before `/root/.cache`.
    table
        .iter()
        .filter(|(prefix, _)| {
            p == *prefix
                || p.strip_prefix(prefix)
                    .is_some_and(|rest| rest.starts_with('/'))
        })
        .max_by_key(|(prefix, _)| prefix.len())
        .map_or_else(
            || {
                if p == "/var/tmp" || p.starts_with("/var/tmp/") {
                    &[K::TempFiles][..]
                } else {
                    &[][..]
                }
            },
            |(_, kinds)| kinds,
        )
}

pub(super) fn rm(site: &Site, words: &[Word], actions: &mut Vec<Action>) {
    let args = gnu_args(words, &[], &[]);
    for path in args.positionals {
        for &kind in path_kinds(&path.text) {
            actions.push(cleanup(site, path.range.clone(), kind));
        }
    }
}
