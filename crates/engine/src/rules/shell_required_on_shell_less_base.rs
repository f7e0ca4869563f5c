//! `shell-required-on-shell-less-base`: a shell-form `RUN`, `CMD`,
//! `ENTRYPOINT` or `HEALTHCHECK` (or an exec form that names a shell) on a
//! base image that has no shell to run it.

use crate::diagnostic::{Edit, Fix, FixSafety};
use crate::expand::{Lex, Vars};
use crate::rules::scan;
use crate::rules::{Context, Report};
use crate::syntax::{Args, Instruction, InstructionKind, TextRange};

crate::declare_rule! {
    /// ## What it does
    /// Flags instructions that need a shell in a stage whose base has none:
    /// `scratch`, the distroless images (except their `:debug` tags), and
    /// Chainguard's production images. That is a shell-form `RUN` (a heredoc
    /// script included), a shell-form `CMD`, `ENTRYPOINT` or
    /// `HEALTHCHECK CMD`, and an exec form whose program is a shell
    /// (`["sh", "-c", "..."]`). It stays quiet once a shell has been copied
    /// in (`COPY --from=busybox:1.36-musl /bin/sh /bin/sh`) or `SHELL` names one
    /// that exists, and on bases fromlab does not know.
    ///
    /// Distroless `:debug` tags are a special case: their busybox shell lives
    /// at `/busybox/sh`, while Docker runs shell forms with `/bin/sh -c`, so
    /// they need `SHELL ["/busybox/sh", "-c"]` first.
    ///
    /// Docker's `JSONArgsRecommended` check (`shell-form-command` here) and
    /// hadolint's DL3025 recommend exec form for `CMD` and `ENTRYPOINT`
    /// everywhere; this rule is about the bases where shell form cannot work
    /// at all.
    ///
    /// ## Why it matters
    /// Docker turns `RUN apt-get update` into `/bin/sh -c "apt-get update"`,
    /// and `CMD ./server --port 80` into `/bin/sh -c "./server --port 80"`. With
    /// no `/bin/sh`, the build stops with `exec: "/bin/sh": stat /bin/sh: no
    /// such file or directory`, or, worse, the build succeeds and the
    /// container fails when it starts. Having no shell is the point of these
    /// images: there is nothing for an attacker to run and nothing to patch.
    /// The price is that every command must be an exec form naming a program
    /// that exists in the image.
    ///
    /// Exec form skips the shell, but not the need for the program itself:
    /// `RUN ["/app", "migrate"]` works only if `/app` is in the image (on
    /// `scratch`, only what you copied in is), and it must be a static binary
    /// or have its libraries beside it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM gcr.io/distroless/static-debian12
    /// COPY server /server
    /// RUN mkdir -p /data
    /// CMD /server --port 8080
    /// ```
    ///
    /// ## Use instead
    /// Prepare files in a stage that has a shell, and use exec form:
    /// ```dockerfile
    /// FROM debian:bookworm-slim AS prepare
    /// RUN mkdir -p /data
    ///
    /// FROM gcr.io/distroless/static-debian12
    /// COPY --from=prepare /data /data
    /// COPY server /server
    /// CMD ["/server", "--port", "8080"]
    /// ```
    ///
    /// ## Fix safety
    /// For a shell-form `CMD`, `ENTRYPOINT` or `HEALTHCHECK CMD` made of plain
    /// words, the fix rewrites it in exec form. It is unsafe: without a shell,
    /// `$VARIABLES` are no longer expanded, the program must be found by path
    /// (or on `PATH`), and an `ENTRYPOINT` in exec form receives `CMD` as extra
    /// arguments where the shell form ignored them. Commands with quotes,
    /// variables, pipes or `&&` get no fix; they need a script or a rethink.
    /// On a distroless `:debug` tag the fix inserts
    /// `SHELL ["/busybox/sh", "-c"]` after `FROM`, which is safe: it makes the
    /// shell forms use the shell that is there. A `RUN` gets no other fix.
    ///
    /// ## Learn more
    /// The lesson on distroless images, and the one on debugging images with
    /// no shell.
    pub static RULE = {
        name: "shell-required-on-shell-less-base",
        code: "FL202",
        severity: Error,
        category: Compatibility,
        summary: "A shell form (or a shell) is used on a base image with no shell",
        lesson: "distroless",
        buildkit: None,
        hadolint: None,
        check: check,
    };
}

/// Program names that are shells.
const SHELLS: [&str; 7] = ["sh", "bash", "ash", "dash", "zsh", "ksh", "busybox"];

/// What a stage's lineage offers for running shell commands.
#[derive(Clone)]
struct ShellState {
    /// The base has `/bin/sh` (or fromlab does not know the base).
    base_has_shell: bool,
    /// The base is a distroless `:debug` tag: busybox in `/busybox`.
    busybox_dir: bool,
    /// The `SHELL` in effect (`/bin/sh` by default).
    shell: String,
    /// Whether a `SHELL` instruction set it.
    shell_set: bool,
    /// Destinations of `COPY` and `ADD` so far.
    provided: Vec<String>,
    /// Variables and working directory, for destinations.
    scope: scan::Scope,
}

impl ShellState {
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
                scan::basename(p.trim_end_matches('/')) == path
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
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let lex = Lex::new(cx.parse.escape());
    let mut states: Vec<Option<ShellState>> = Vec::with_capacity(cx.model.stages.len());
    for stage in &cx.model.stages {
        let start = match &stage.base.kind {
            crate::model::BaseKind::Stage { index } => states.get(*index).cloned().flatten(),
            _ => root_state(cx, stage.index),
        };
        let Some(mut state) = start else {
            states.push(None);
            continue;
        };
        if state.base_has_shell {
            // Nothing here needs checking, in this stage or those built on it.
            states.push(Some(state));
            continue;
        }
        let base = scan::base_label(cx, stage.index);
        // Where a `SHELL` line can go on a debug image: right after FROM.
        let shell_fix = state.busybox_dir.then(|| {
            cx.instructions
                .get(stage.from_instruction)
                .map(|from| insert_shell_line(cx.source(), from))
        });
        let shell_fix = shell_fix.flatten();
        for (_, inst) in cx.stage_instructions(stage) {
            state.scope.apply(cx, &lex, inst);
            match inst.kind {
                InstructionKind::Shell => {
                    if let Args::Exec(e) = &inst.args
                        && let Some(first) = e.items.first()
                    {
                        state.shell = first.as_str().to_owned();
                        state.shell_set = true;
                    }
                }
                InstructionKind::Copy | InstructionKind::Add => {
                    let words: Vec<&str> = match &inst.args {
                        Args::Words(w) => w.iter().map(|w| w.as_str()).collect(),
                        Args::Exec(e) => e.items.iter().map(|w| w.as_str()).collect(),
                        _ => Vec::new(),
                    };
                    let env = &state.scope.env;
                    let expand = |w: &str| {
                        lex.process_word(w, &Vars(env))
                            .unwrap_or_else(|_| w.to_owned())
                    };
                    let words: Vec<String> = words.iter().map(|w| expand(w)).collect();
                    if let Some((dest, sources)) = words.split_last() {
                        let paths = copied_paths(&state.scope.workdir, sources, dest);
                        state.provided.extend(paths);
                    }
                }
                InstructionKind::Run => {
                    check_run(&state, inst, &base, shell_fix.as_ref(), out);
                }
                InstructionKind::Cmd | InstructionKind::Entrypoint => {
                    check_command(&state, inst, &inst.args, &base, shell_fix.as_ref(), out);
                }
                InstructionKind::Healthcheck => {
                    if let Args::Healthcheck { kind, command } = &inst.args
                        && kind.as_str().eq_ignore_ascii_case("cmd")
                    {
                        check_command(&state, inst, command, &base, shell_fix.as_ref(), out);
                    }
                }
                _ => {}
            }
        }
        states.push(Some(state));
    }
}

/// The paths a `COPY` or `ADD` puts in the image: each is a file, or a
/// directory with everything below it. Copying a directory's contents
/// (`/bin/`) or a whole file system (`/`) provides all of the destination.
fn copied_paths(workdir: &str, sources: &[String], dest: &str) -> Vec<String> {
    let into_dir = dest.ends_with('/') || sources.len() > 1;
    let dest = scan::join(workdir, dest);
    let dest = dest.trim_end_matches('/');
    sources
        .iter()
        .filter(|s| !s.starts_with("<<"))
        .map(|source| {
            let name = scan::basename(source.trim_end_matches('/'));
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

/// The state at the start of a stage built on an image or `scratch`, or
/// `None` when fromlab cannot tell whether the base has a shell.
fn root_state(cx: &Context<'_, '_>, stage: usize) -> Option<ShellState> {
    let facts = cx.stages.get(stage)?;
    let debug = facts.resolution.as_ref().is_some_and(|r| {
        r.family.is_some_and(|f| f.name == "distroless")
            && r.modifiers.iter().any(|m| m.word == "debug")
    });
    let base_has_shell = if facts.scratch {
        false
    } else if !facts.facts.known {
        return None;
    } else {
        !debug && facts.facts.shell != Some(crate::catalogue::Shell::None)
    };
    Some(ShellState {
        base_has_shell,
        busybox_dir: debug,
        shell: "/bin/sh".to_owned(),
        shell_set: false,
        provided: Vec::new(),
        scope: scan::Scope::root(),
    })
}

/// Why the shell is missing, for messages.
fn missing(state: &ShellState, base: &str) -> String {
    if state.busybox_dir && !state.shell_set {
        format!(
            "{base} has a busybox shell only at /busybox/sh, and Docker runs shell forms with /bin/sh"
        )
    } else if state.shell_set {
        format!(
            "{base} has no shell, and nothing copied in provides {}",
            state.shell
        )
    } else {
        format!("{base} has no shell")
    }
}

fn check_run(
    state: &ShellState,
    inst: &Instruction<'_>,
    base: &str,
    shell_fix: Option<&Fix>,
    out: &mut Report<'_>,
) {
    match &inst.args {
        Args::Shell(command) => {
            // A RUN made only of a heredoc that starts with `#!` runs the
            // script with that interpreter instead of the shell.
            let program =
                heredoc_interpreter(inst, command.as_str()).unwrap_or_else(|| state.shell.clone());
            let is_shell = SHELLS.contains(&scan::basename(&program)) || program == state.shell;
            if !is_shell || state.runs(&program) {
                return;
            }
            let (what, advice) = if state.busybox_dir && !state.shell_set {
                (
                    "Shell-form RUN".to_owned(),
                    "add `SHELL [\"/busybox/sh\", \"-c\"]` after FROM".to_owned(),
                )
            } else {
                (
                    if inst.heredocs.is_empty() {
                        "Shell-form RUN".to_owned()
                    } else {
                        "A heredoc RUN script".to_owned()
                    },
                    "run this step in a stage that has a shell and COPY its result here; an exec-form RUN works only for a program that is in the image".to_owned(),
                )
            };
            out.push(
                command.range,
                format!(
                    "{what} needs {program}, but {}: {advice}",
                    missing(state, base)
                ),
                shell_fix.filter(|_| !state.shell_set).cloned(),
            );
        }
        Args::Exec(e) => {
            let Some(first) = e.items.first() else { return };
            let program = first.as_str();
            if !SHELLS.contains(&scan::basename(program)) || state.runs(program) {
                return;
            }
            out.push(
                first.range,
                format!(
                    "This RUN starts {program}, but {}: exec form avoids the shell only when it names the program itself, and that program must be in the image",
                    missing(state, base)
                ),
                None,
            );
        }
        _ => {}
    }
}

fn check_command(
    state: &ShellState,
    inst: &Instruction<'_>,
    args: &Args<'_>,
    base: &str,
    shell_fix: Option<&Fix>,
    out: &mut Report<'_>,
) {
    let keyword = inst.keyword.as_str().to_ascii_uppercase();
    match args {
        Args::Shell(command) => {
            if state.runs(&state.shell) {
                return;
            }
            let fix = shell_fix
                .filter(|_| !state.shell_set)
                .cloned()
                .or_else(|| exec_form_fix(command.as_str(), command.range));
            let when = if inst.kind == InstructionKind::Healthcheck {
                "every health check fails"
            } else {
                "the container fails to start"
            };
            let advice = if state.busybox_dir && !state.shell_set {
                "add `SHELL [\"/busybox/sh\", \"-c\"]` after FROM, or write it in exec form"
            } else {
                "write it in exec form"
            };
            out.push(
                command.range,
                format!(
                    "Shell-form {keyword} runs through {}, but {}: {when}; {advice}",
                    state.shell,
                    missing(state, base)
                ),
                fix,
            );
        }
        Args::Exec(e) => {
            let Some(first) = e.items.first() else { return };
            let program = first.as_str();
            if !SHELLS.contains(&scan::basename(program)) || state.runs(program) {
                return;
            }
            out.push(
                first.range,
                format!(
                    "This {keyword} starts {program}, but {}",
                    missing(state, base)
                ),
                None,
            );
        }
        _ => {}
    }
}

/// The interpreter of a `RUN` that is only a heredoc opener whose body starts
/// with `#!`.
fn heredoc_interpreter(inst: &Instruction<'_>, command: &str) -> Option<String> {
    let [heredoc] = inst.heredocs.as_slice() else {
        return None;
    };
    let opener = command.trim();
    if !opener.starts_with("<<") || opener.contains(char::is_whitespace) {
        return None;
    }
    let line = heredoc.content.lines().next()?.strip_prefix("#!")?;
    let mut words = line.split_whitespace();
    let first = words.next()?;
    if scan::basename(first) == "env" {
        // `#!/usr/bin/env python3`: env itself must exist; name what it runs.
        return words.find(|w| !w.starts_with('-')).map(str::to_owned);
    }
    Some(first.to_owned())
}

/// Characters a word may hold for the exec form to mean the same thing
/// without a shell.
fn plain_word(word: &str) -> bool {
    !word.is_empty()
        && word.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, '-' | '_' | '.' | '/' | ':' | '=' | '@' | '%' | '+' | ',')
        })
}

/// Shell words that are not programs (`exec` is dropped instead).
const NOT_PROGRAMS: [&str; 16] = [
    "cd", "export", "set", "unset", "source", "eval", "trap", "ulimit", "umask", "alias", "read",
    "if", "for", "while", "until", "case",
];

/// The exec-form rewrite of a shell-form command made of plain words.
fn exec_form_fix(command: &str, range: TextRange) -> Option<Fix> {
    let mut words: Vec<&str> = command.split_whitespace().collect();
    if words.first() == Some(&"exec") {
        words.remove(0);
    }
    let first = *words.first()?;
    if NOT_PROGRAMS.contains(&first) || !words.iter().all(|w| plain_word(w)) {
        return None;
    }
    let items: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    Some(Fix {
        title: "Write it in exec form".to_owned(),
        edits: vec![Edit {
            range,
            replacement: format!("[{}]", items.join(", ")),
        }],
        safety: FixSafety::Unsafe,
    })
}

/// The fix that adds `SHELL ["/busybox/sh", "-c"]` after a `FROM`.
fn insert_shell_line(source: &str, from: &Instruction<'_>) -> Fix {
    let at = from.full_range.end;
    let needs_newline = !source.get(..at).is_some_and(|s| s.ends_with('\n'));
    let replacement = format!(
        "{}SHELL [\"/busybox/sh\", \"-c\"]\n",
        if needs_newline { "\n" } else { "" }
    );
    Fix {
        title: "Use the busybox shell at /busybox/sh".to_owned(),
        edits: vec![Edit {
            range: TextRange::empty(at),
            replacement,
        }],
        safety: FixSafety::Safe,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_provide_what_lands_under_their_destination() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(copied_paths("/", &s(&["/out/app"]), "/"), vec!["/app"]);
        assert_eq!(copied_paths("/", &s(&["/bin/"]), "/bin/"), vec!["/bin"]);
        assert_eq!(
            copied_paths("/", &s(&["/bin/busybox"]), "/bin/sh"),
            vec!["/bin/sh"]
        );
        assert_eq!(
            copied_paths("/w", &s(&["a", "b"]), "x"),
            vec!["/w/x/a", "/w/x/b"]
        );
        assert_eq!(copied_paths("/", &s(&["/"]), "/"), vec!["/"]);
    }

    #[test]
    fn exec_form_only_for_plain_words() {
        let r = TextRange::new(0, 1);
        let fix = exec_form_fix("exec /server --port=8080", r).unwrap();
        assert_eq!(fix.edits[0].replacement, "[\"/server\", \"--port=8080\"]");
        assert!(exec_form_fix("/server --port $PORT", r).is_none());
        assert!(exec_form_fix("/a && /b", r).is_none());
        assert!(exec_form_fix("cd /app", r).is_none());
        assert!(exec_form_fix("'/server'", r).is_none());
    }
}
