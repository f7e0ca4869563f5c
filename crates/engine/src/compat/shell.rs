//! What needs a shell, and whether there is one to run it: shell-form `RUN`,
//! `CMD`, `ENTRYPOINT` and `HEALTHCHECK CMD` run `/bin/sh -c` (or the
//! `SHELL` in effect), and an exec form may name a shell itself. A base with
//! no shell gets one only by copying it in (`COPY --from=busybox:musl
//! /bin/sh /bin/sh`), so the state follows the stage instruction by
//! instruction: `SHELL`, and the paths every `COPY` and `ADD` provides.

use crate::diagnostic::Severity;
use crate::shell::basename;
use crate::syntax::{Args, Instruction, InstructionKind};
use crate::walk::{Step, StepKind, absolute};

use super::{Break, Detail, Problem, Target};

/// Program names that are shells.
pub(crate) const SHELLS: [&str; 7] = ["sh", "bash", "ash", "dash", "zsh", "ksh", "busybox"];

/// What needs the shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ShellKind {
    /// A shell-form `RUN` (a heredoc script when `heredoc`).
    RunShellForm { heredoc: bool },
    /// An exec-form `RUN` whose program is a shell.
    RunExec,
    /// A shell-form `CMD`, `ENTRYPOINT` or `HEALTHCHECK CMD`.
    CommandShellForm,
    /// An exec-form `CMD`, `ENTRYPOINT` or `HEALTHCHECK CMD` that starts a
    /// shell.
    CommandExec,
}

/// Something that needs a shell the image does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ShellNeed {
    /// The stage it is in.
    pub stage: usize,
    /// What needs it.
    pub kind: ShellKind,
    /// The program that would run: the shell (or a heredoc's interpreter),
    /// or the program an exec form names.
    pub program: String,
    /// The shell in effect (`/bin/sh` unless `SHELL` says otherwise).
    pub shell: String,
    /// Whether a `SHELL` instruction set it.
    pub shell_set: bool,
    /// The base is a distroless `:debug` tag, with busybox in `/busybox`.
    pub busybox: bool,
}

/// What a stage's lineage offers for running shell commands.
#[derive(Clone, Debug)]
pub(super) struct ShellState {
    /// The base has `/bin/sh`.
    base_has_shell: bool,
    /// The base is a distroless `:debug` tag: busybox in `/busybox`.
    busybox_dir: bool,
    /// The `SHELL` in effect (`/bin/sh` by default).
    shell: String,
    /// Whether a `SHELL` instruction set it.
    shell_set: bool,
    /// Paths `COPY` and `ADD` have put in the image so far.
    provided: Vec<String>,
}

impl ShellState {
    /// The state at the start of a chain built on `target`, or `None` when
    /// fromlab cannot tell whether it has a shell.
    pub(super) fn start(target: &Target) -> Option<ShellState> {
        Some(ShellState {
            base_has_shell: target.has_shell()?,
            busybox_dir: target.busybox,
            shell: "/bin/sh".to_owned(),
            shell_set: false,
            provided: Vec::new(),
        })
    }

    /// Whether the program at `path` can be run.
    fn runs(&self, path: &str) -> bool {
        if self.base_has_shell {
            return true;
        }
        if self.busybox_dir && (path.starts_with("/busybox/") || !path.contains('/')) {
            // The debug images put /busybox on PATH.
            return true;
        }
        if !path.contains('/') {
            // Found on PATH: accept any copied shell of that name.
            return self.provided.iter().any(|p| {
                basename(p.trim_end_matches('/')) == path
                    || p.ends_with("/bin/")
                    || p.ends_with("/bin")
            });
        }
        self.provided.iter().any(|p| {
            let dir = p.trim_end_matches('/');
            path == dir
                || dir.is_empty()
                || path.strip_prefix(dir).is_some_and(|r| r.starts_with('/'))
        })
    }

    /// Takes in one instruction: records what it changes (`SHELL`, copied
    /// paths) and reports what needs a shell it cannot find.
    pub(super) fn step(
        &mut self,
        stage: usize,
        target: &Target,
        inst: &Instruction<'_>,
        step: &Step<'_>,
        out: &mut Vec<Break>,
    ) {
        if self.base_has_shell {
            // Nothing here needs checking, in this stage or those built on it.
            return;
        }
        match (inst.kind, &inst.args) {
            (InstructionKind::Shell, Args::Exec(e)) => {
                if let Some(first) = e.items.first() {
                    self.shell = first.as_str().to_owned();
                    self.shell_set = true;
                }
            }
            (InstructionKind::Copy | InstructionKind::Add, _) => {
                if let StepKind::Copy {
                    sources, dest_text, ..
                } = &step.kind
                {
                    let sources: Vec<&str> = sources.iter().map(|s| s.text.as_str()).collect();
                    let paths = copied_paths(step.workdir(), &sources, dest_text);
                    self.provided.extend(paths);
                }
            }
            _ => self.check(stage, target, inst, step.instruction, out),
        }
    }

    /// Reports what in one `RUN`, `CMD`, `ENTRYPOINT` or `HEALTHCHECK` needs a
    /// shell the image does not have.
    fn check(
        &self,
        stage: usize,
        target: &Target,
        inst: &Instruction<'_>,
        instruction: usize,
        out: &mut Vec<Break>,
    ) {
        let name = &target.name;
        let keyword = inst.kind.name();
        let mut report = |kind: ShellKind, program: &str, range, message: String| {
            out.push(Break {
                problem: Problem::ShellRequired,
                severity: Severity::Error,
                instruction,
                range,
                message,
                detail: Detail::Shell(ShellNeed {
                    stage,
                    kind,
                    program: program.to_owned(),
                    shell: self.shell.clone(),
                    shell_set: self.shell_set,
                    busybox: self.busybox_dir,
                }),
            });
        };
        // Exec form avoids the shell only when it names the program itself.
        let exec_shell = |args: &Args<'_>| match args {
            Args::Exec(e) => e
                .items
                .first()
                .filter(|first| {
                    SHELLS.contains(&basename(first.as_str())) && !self.runs(first.as_str())
                })
                .map(|first| (first.as_str().to_owned(), first.range)),
            _ => None,
        };
        let command = match (inst.kind, &inst.args) {
            (InstructionKind::Run, Args::Shell(command)) => {
                // A RUN made only of a heredoc that starts with `#!` runs the
                // script with that interpreter instead of the shell.
                let program = heredoc_interpreter(inst, command.as_str())
                    .unwrap_or_else(|| self.shell.clone());
                let is_shell = SHELLS.contains(&basename(&program)) || program == self.shell;
                if is_shell && !self.runs(&program) {
                    let kind = ShellKind::RunShellForm {
                        heredoc: !inst.heredocs().is_empty(),
                    };
                    let message =
                        format!("RUN in shell form runs `/bin/sh -c`, and {name} has no shell");
                    report(kind, &program, command.range, message);
                }
                return;
            }
            (InstructionKind::Run, args) => {
                if let Some((program, range)) = exec_shell(args) {
                    let message = format!("{keyword} runs `{program}`, and {name} has no shell");
                    report(ShellKind::RunExec, &program, range, message);
                }
                return;
            }
            (InstructionKind::Healthcheck, Args::Healthcheck { kind, command })
                if kind.as_str().eq_ignore_ascii_case("cmd") =>
            {
                &**command
            }
            (InstructionKind::Cmd | InstructionKind::Entrypoint, args) => args,
            _ => return,
        };
        match command {
            Args::Shell(command) if !self.runs(&self.shell) => {
                let message = format!(
                    "{keyword} in shell form runs through `/bin/sh -c`, which {name} lacks: write it in exec form ({keyword} [\"program\", \"arg\"])"
                );
                report(
                    ShellKind::CommandShellForm,
                    &self.shell,
                    command.range,
                    message,
                );
            }
            args => {
                if let Some((program, range)) = exec_shell(args) {
                    let message = format!("{keyword} runs `{program}`, and {name} has no shell");
                    report(ShellKind::CommandExec, &program, range, message);
                }
            }
        }
    }
}

/// The paths a `COPY` or `ADD` puts in the image: each is a file, or a
/// directory with everything below it. Copying a directory's contents
/// (`/bin/`) or a whole file system (`/`) provides all of the destination.
fn copied_paths(workdir: &str, sources: &[&str], dest: &str) -> Vec<String> {
    let into_dir = dest.ends_with('/') || sources.len() > 1;
    let dest = absolute(workdir, dest);
    let dest = dest.trim_end_matches('/');
    sources
        .iter()
        .filter(|s| !s.starts_with("<<"))
        .map(|source| {
            let name = basename(source.trim_end_matches('/'));
            let contents = source.ends_with('/') || name.is_empty() || name == ".";
            if into_dir && !contents {
                format!("{dest}/{name}")
            } else if dest.is_empty() {
                "/".to_owned()
            } else {
                dest.to_owned()
            }
        })
        .collect()
}

/// The interpreter of a `RUN` that is only a heredoc opener whose body starts
/// with `#!`.
fn heredoc_interpreter(inst: &Instruction<'_>, command: &str) -> Option<String> {
    let [heredoc] = inst.heredocs() else {
        return None;
    };
    let opener = command.trim();
    if !opener.starts_with("<<") || opener.contains(char::is_whitespace) {
        return None;
    }
    let line = heredoc.content.lines().next()?.strip_prefix("#!")?;
    let mut words = line.split_whitespace();
    let first = words.next()?;
    if basename(first) == "env" {
        // `#!/usr/bin/env python3`: env itself must exist; name what it runs.
        return words.find(|w| !w.starts_with('-')).map(str::to_owned);
    }
    Some(first.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_provide_what_lands_under_their_destination() {
        assert_eq!(copied_paths("/", &["/out/app"], "/"), vec!["/app"]);
        assert_eq!(copied_paths("/", &["/bin/"], "/bin/"), vec!["/bin"]);
        assert_eq!(
            copied_paths("/", &["/bin/busybox"], "/bin/sh"),
            vec!["/bin/sh"]
        );
        assert_eq!(
            copied_paths("/w", &["a", "b"], "x"),
            vec!["/w/x/a", "/w/x/b"]
        );
        assert_eq!(copied_paths("/", &["/"], "/"), vec!["/"]);
    }
}
