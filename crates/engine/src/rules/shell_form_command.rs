//! `shell-form-command`: `CMD` or `ENTRYPOINT` in shell form (BuildKit's
//! `JSONArgsRecommended`).

use crate::diagnostic::{Edit, Fix, FixSafety};
use crate::rules::buildkit::walk;
use crate::rules::{Context, Report};
use crate::syntax::{Args, InstructionKind};

/// Shell words that are not programs: turning them into an exec-form
/// command would run nothing.
const SHELL_WORDS: [&str; 22] = [
    ".", "[[", "{", "alias", "case", "cd", "eval", "exec", "export", "for", "function", "if",
    "read", "set", "shift", "source", "trap", "ulimit", "umask", "unset", "until", "while",
];

crate::declare_rule! {
    /// ## What it does
    /// Flags `CMD` and `ENTRYPOINT` written as a plain command line (shell
    /// form, `CMD node server.js`) instead of a JSON array (exec form,
    /// `CMD ["node", "server.js"]`). A stage that sets its own `SHELL` first
    /// is left alone: there the shell is a deliberate choice.
    ///
    /// This is BuildKit's build check `JSONArgsRecommended`; `docker build`
    /// prints `JSON arguments recommended for CMD to prevent unintended
    /// behavior related to OS signals`.
    ///
    /// ## Why it matters
    /// In shell form Docker runs `/bin/sh -c "node server.js"`. Unless the
    /// shell replaces itself with your program (some shells do for a single
    /// plain command, none do after `&&` or `;`), the shell is process 1 and
    /// your program its child: `docker stop` sends `SIGTERM` to the shell,
    /// which does not pass it on, so the program cannot shut down cleanly and
    /// is killed when the ten-second grace period ends. Shell form also
    /// needs a shell in the image, which distroless and scratch images do
    /// not have: there the container cannot start at all. Exec form has
    /// neither problem, and costs nothing.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-bookworm-slim
    /// COPY . /app
    /// CMD node /app/server.js
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22-bookworm-slim
    /// COPY . /app
    /// CMD ["node", "/app/server.js"]
    /// ```
    /// If you need shell features (variables, `&&`), run the shell yourself
    /// and end with `exec` so the program takes over process 1:
    /// `CMD ["sh", "-c", "exec node /app/server.js --port \"$PORT\""]`.
    ///
    /// ## Fix safety
    /// For a plain command (words with no shell syntax) the fix writes the
    /// exec form. It is marked unsafe: the program now runs as process 1
    /// without a shell, which is the point, but changes how it receives
    /// signals and reaps child processes. Commands that use variables, quotes,
    /// pipes or shell built-ins get no fix.
    ///
    /// ## Learn more
    /// The lesson on distroless images, which have no shell to run shell form.
    pub static RULE = {
        name: "shell-form-command",
        code: "FL407",
        severity: Warning,
        category: BuildCheck,
        summary: "`CMD` or `ENTRYPOINT` in shell form",
        lesson: "distroless",
        buildkit: Some("JSONArgsRecommended"),
        hadolint: Some("DL3025"),
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    walk(cx, |inst, scope| {
        if !matches!(
            inst.kind,
            InstructionKind::Cmd | InstructionKind::Entrypoint
        ) {
            return;
        }
        let Args::Shell(command) = &inst.args else {
            return;
        };
        if scope.shell_set() {
            return;
        }
        let keyword = inst.kind.name();
        let fix = exec_form(command.as_str()).map(|json| Fix {
            title: format!("Write `{keyword} {json}`"),
            edits: vec![Edit {
                range: command.range,
                replacement: json,
            }],
            safety: FixSafety::Unsafe,
        });
        out.push(
            command.range,
            format!(
                "{keyword} in shell form runs under `/bin/sh -c`, which can keep signals such as SIGTERM from reaching the program"
            ),
            fix,
        );
    });
}

/// The exec form of a command made of plain words, or `None` when the
/// command relies on the shell.
fn exec_form(command: &str) -> Option<String> {
    const SPECIAL: &[char] = &[
        '$', '`', '\'', '"', '\\', '|', '&', ';', '<', '>', '(', ')', '*', '?', '[', ']', '{', '}',
        '~', '#', '!',
    ];
    if command.contains(SPECIAL)
        || command
            .chars()
            .any(|c| c.is_control() && !c.is_whitespace())
    {
        return None;
    }
    let words: Vec<&str> = command.split_whitespace().collect();
    let first = words.first()?;
    if SHELL_WORDS.contains(first) || first.contains('=') {
        return None;
    }
    let items: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    Some(format!("[{}]", items.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::exec_form;

    #[test]
    fn only_plain_commands_get_an_exec_form() {
        assert_eq!(
            exec_form("node  /app/server.js").as_deref(),
            Some(r#"["node", "/app/server.js"]"#)
        );
        assert_eq!(exec_form("exec node app.js"), None);
        assert_eq!(exec_form("node $APP"), None);
        assert_eq!(exec_form("a && b"), None);
        assert_eq!(exec_form("PORT=1 node app.js"), None);
        assert_eq!(exec_form("   "), None);
    }
}
