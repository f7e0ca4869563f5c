//! `shell-required-on-shell-less-base`: a shell-form `RUN`, `CMD`,
//! `ENTRYPOINT` or `HEALTHCHECK` (or an exec form that names a shell) on a
//! base image that has no shell to run it.

use crate::compat::{Detail, ShellKind, ShellNeed};
use crate::diagnostic::{Edit, Fix, FixSafety};
use crate::rules::scan;
use crate::rules::{Context, Report};
use crate::syntax::{Args, Instruction, InstructionKind, Spanned, TextRange};

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

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    for found in cx.own_breaks() {
        let Detail::Shell(need) = &found.detail else {
            continue;
        };
        let Some(inst) = cx.instructions.get(found.instruction) else {
            continue;
        };
        let base = scan::base_label(cx, need.stage);
        // On a debug image a `SHELL` line right after FROM makes shell forms
        // use the busybox shell that is there.
        let shell_fix = (need.busybox && !need.shell_set)
            .then(|| cx.model.stages.get(need.stage))
            .flatten()
            .and_then(|stage| cx.instructions.get(stage.from_instruction))
            .map(|from| insert_shell_line(cx.source(), from));
        let program = &need.program;
        let keyword = inst.keyword.as_str().to_ascii_uppercase();
        let (message, fix) = match need.kind {
            ShellKind::RunShellForm { heredoc } => {
                let (what, advice) = if need.busybox && !need.shell_set {
                    (
                        "Shell-form RUN",
                        "add `SHELL [\"/busybox/sh\", \"-c\"]` after FROM",
                    )
                } else {
                    (
                        if heredoc {
                            "A heredoc RUN script"
                        } else {
                            "Shell-form RUN"
                        },
                        "run this step in a stage that has a shell and COPY its result here; an exec-form RUN works only for a program that is in the image",
                    )
                };
                (
                    format!(
                        "{what} needs {program}, but {}: {advice}",
                        missing(need, &base)
                    ),
                    shell_fix,
                )
            }
            ShellKind::RunExec => (
                format!(
                    "This RUN starts {program}, but {}: exec form avoids the shell only when it names the program itself, and that program must be in the image",
                    missing(need, &base)
                ),
                None,
            ),
            ShellKind::CommandShellForm => {
                let when = if inst.kind == InstructionKind::Healthcheck {
                    "every health check fails"
                } else {
                    "the container fails to start"
                };
                let advice = if need.busybox && !need.shell_set {
                    "add `SHELL [\"/busybox/sh\", \"-c\"]` after FROM, or write it in exec form"
                } else {
                    "write it in exec form"
                };
                let fix = shell_fix.or_else(|| {
                    shell_command(inst).and_then(|c| exec_form_fix(c.as_str(), c.range))
                });
                (
                    format!(
                        "Shell-form {keyword} runs through {}, but {}: {when}; {advice}",
                        need.shell,
                        missing(need, &base)
                    ),
                    fix,
                )
            }
            ShellKind::CommandExec => (
                format!(
                    "This {keyword} starts {program}, but {}",
                    missing(need, &base)
                ),
                None,
            ),
        };
        out.push(found.range, message, fix);
    }
}

/// Why the shell is missing, for messages.
fn missing(need: &ShellNeed, base: &str) -> String {
    if need.busybox && !need.shell_set {
        format!(
            "{base} has a busybox shell only at /busybox/sh, and Docker runs shell forms with /bin/sh"
        )
    } else if need.shell_set {
        format!(
            "{base} has no shell, and nothing copied in provides {}",
            need.shell
        )
    } else {
        format!("{base} has no shell")
    }
}

/// The shell-form command of a `CMD`, `ENTRYPOINT` or `HEALTHCHECK CMD`.
fn shell_command<'i, 'a>(inst: &'i Instruction<'a>) -> Option<&'i Spanned<'a>> {
    match &inst.args {
        Args::Shell(command) => Some(command),
        Args::Healthcheck { command, .. } => match &**command {
            Args::Shell(command) => Some(command),
            _ => None,
        },
        _ => None,
    }
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
