//! Which OS package manager a `RUN` needs: every command whose program is
//! `apt-get`, `apk`, `dnf` or another package manager (behind `sudo` or `env`
//! too), and the program of an exec-form `RUN`. A script that calls the
//! base's own manager as well, after looking at the system (`if command -v
//! apk ...`), chooses at run time and is trusted.

use crate::catalogue::PackageManager;
use crate::diagnostic::Severity;
use crate::shell::basename;
use crate::syntax::{Args, Instruction, TextRange};
use crate::walk::Script;

use super::{Break, Detail, Problem, Target};

/// A command of a package manager the base does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ManagerUse {
    /// The stage it is in.
    pub stage: usize,
    /// The program's file name (`apt-get`).
    pub program: String,
    /// Where the program word is.
    pub program_range: TextRange,
    /// The package manager it belongs to.
    pub needed: PackageManager,
    /// The one the base has ([`PackageManager::None`] for none at all).
    pub have: PackageManager,
    /// The first call of this package manager in its script (or an exec
    /// form): the rule reports only those, one per manager and script.
    pub first: bool,
}

/// The package manager a program belongs to, by its file name.
pub(crate) fn manager_of(program: &str) -> Option<PackageManager> {
    match program {
        "apt-get" | "apt" | "aptitude" => Some(PackageManager::Apt),
        "apk" => Some(PackageManager::Apk),
        "dnf" | "dnf5" | "yum" => Some(PackageManager::Dnf),
        "microdnf" => Some(PackageManager::Microdnf),
        _ => None,
    }
}

/// Whether a script looks at the system before choosing what to run.
fn probes_system(script: &str) -> bool {
    [
        "command -v",
        "which ",
        "type ",
        "os-release",
        "alpine-release",
        "debian_version",
        "redhat-release",
    ]
    .iter()
    .any(|p| script.contains(p))
}

/// Reports the package-manager commands of one `RUN` the target cannot run.
pub(super) fn check(
    stage: usize,
    instruction: usize,
    inst: &Instruction<'_>,
    scripts: &[Script<'_>],
    target: &Target,
    out: &mut Vec<Break>,
) {
    let Some(have) = target.package_manager() else {
        return;
    };
    let mut found = |program: &str, words: &str, range, program_range, needed, first| {
        let has = if have == PackageManager::None {
            "has no package manager".to_owned()
        } else {
            format!("uses {have}")
        };
        out.push(Break {
            problem: Problem::PackageManagerMismatch,
            severity: Severity::Error,
            instruction,
            range,
            message: format!("`{words}` needs {needed}, but {} {has}", target.name),
            detail: Detail::PackageManager(ManagerUse {
                stage,
                program: program.to_owned(),
                program_range,
                needed,
                have,
                first,
            }),
        });
    };
    // Exec form runs the program directly: it must exist too.
    if let Args::Exec(e) = &inst.args
        && let Some(first) = e.items.first()
        && let Some(needed) = manager_of(basename(first.as_str()))
        && needed != have
    {
        let words: Vec<&str> = e.items.iter().take(2).map(|w| w.as_str()).collect();
        found(
            basename(first.as_str()),
            &words.join(" "),
            first.range,
            first.range,
            needed,
            true,
        );
    }
    for script in scripts {
        let commands = &script.analysis.commands;
        // Each command that calls a package manager, with its program word.
        let calls: Vec<(usize, usize, PackageManager)> = commands
            .iter()
            .enumerate()
            .filter_map(|(ci, c)| {
                let p = c.program()?;
                let manager = manager_of(basename(&c.words.get(p)?.text))?;
                Some((ci, p, manager))
            })
            .collect();
        // A script that also calls the base's own manager, and looks at the
        // system first, picks one at run time: trust it.
        if calls.iter().any(|(_, _, m)| *m == have) && probes_system(&script.script.text) {
            continue;
        }
        let map = |r: &std::ops::Range<usize>| script.script.source_range(r.start, r.end);
        for (at, &(ci, p, needed)) in calls.iter().enumerate() {
            if needed == have {
                continue;
            }
            let (Some(command), Some(word)) = (
                commands.get(ci),
                commands.get(ci).and_then(|c| c.words.get(p)),
            ) else {
                continue;
            };
            let words: Vec<&str> = command.words[p..]
                .iter()
                .take(2)
                .map(|w| w.text.as_str())
                .collect();
            let first = !calls[..at].iter().any(|(_, _, m)| *m == needed);
            found(
                basename(&word.text),
                &words.join(" "),
                map(&command.range),
                map(&word.range),
                needed,
                first,
            );
        }
    }
}
