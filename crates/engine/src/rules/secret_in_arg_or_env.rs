//! `secret-in-arg-or-env`: an `ARG` or `ENV` whose name says it holds a
//! secret (BuildKit's `SecretsUsedInArgOrEnv`).

use crate::expand::{Lex, Vars};
use crate::rules::buildkit::{value_range, walk};
use crate::rules::{Context, Report};
use crate::syntax::{Args, InstructionKind, TextRange};

/// Name parts that mark a secret (BuildKit's list).
const SECRET_WORDS: [&str; 10] = [
    "apikey",
    "auth",
    "credential",
    "credentials",
    "key",
    "password",
    "pword",
    "passwd",
    "secret",
    "token",
];

/// Name parts that mark something public after all (BuildKit's list).
const PUBLIC_WORDS: [&str; 3] = ["public", "file", "version"];

crate::declare_rule! {
    /// ## What it does
    /// Flags an `ARG` or `ENV` inside a stage whose name looks like it holds a
    /// secret. The name is split at underscores, and it is flagged when one
    /// part is `apikey`, `auth`, `credential`, `credentials`, `key`,
    /// `password`, `pword`, `passwd`, `secret` or `token` (in any case) and
    /// no part is `public`, `file` or `version`. So `GITHUB_TOKEN` and
    /// `DB_PASSWORD` are flagged; `PUBLIC_KEY`, `TOKEN_FILE` and `KEYBOARD`
    /// are not. Like BuildKit, it looks at names only, and not at global
    /// `ARG`s before the first `FROM` (they reach the image only when a stage
    /// declares them again, which is then flagged).
    ///
    /// This is BuildKit's build check `SecretsUsedInArgOrEnv`; `docker build`
    /// prints, for example, `Do not use ARG or ENV instructions for sensitive
    /// data (ARG "GITHUB_TOKEN")`.
    ///
    /// ## Why it matters
    /// `ENV` values are stored in the image configuration, and `ARG` values
    /// in the history of every layer a `RUN` builds after them: anyone who
    /// can pull the image can read them with `docker history` or
    /// `docker inspect`, for as long as the image exists. A leaked token in a
    /// published image is a supply-chain incident. A secret mount gives the
    /// build the secret without writing it anywhere.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:22-bookworm-slim
    /// ARG NPM_TOKEN
    /// RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:22-bookworm-slim
    /// RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \
    ///     echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
    /// ```
    /// and build with `docker build --secret id=npm_token,env=NPM_TOKEN .`.
    ///
    /// ## Fix safety
    /// No automatic fix: moving to a secret mount changes how the build is
    /// run, and a name that only looks secret (a GPG key fingerprint, say)
    /// needs no change at all; silence it with `# fromlab: ignore=secret-in-arg-or-env`.
    ///
    /// ## Learn more
    /// The lesson on official images and the supply chain.
    pub static RULE = {
        name: "secret-in-arg-or-env",
        code: "FL415",
        severity: Warning,
        category: BuildCheck,
        summary: "An `ARG` or `ENV` name says it holds a secret",
        lesson: "official-images-and-supply-chain",
        buildkit: Some("SecretsUsedInArgOrEnv"),
        hadolint: None,
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let lex = Lex::new(cx.parse.escape());
    walk(cx, |inst, scope| {
        match (&inst.kind, &inst.args) {
            (InstructionKind::Arg, Args::Words(words)) => {
                for w in words {
                    let name = w.as_str().split_once('=').map_or(w.as_str(), |(n, _)| n);
                    if looks_secret(name) {
                        let range = value_range(inst, w, 0, name.len());
                        report(out, "ARG", name, range);
                    }
                }
            }
            (InstructionKind::Env, Args::KeyValues { pairs, .. }) => {
                for pair in pairs {
                    // BuildKit looks at the key after substitution.
                    let written = pair.key.as_str();
                    let key = if written.contains('$') {
                        lex.process_word(written, &Vars(scope.env()))
                            .unwrap_or_else(|_| written.to_string())
                    } else {
                        written.to_string()
                    };
                    if looks_secret(&key) {
                        report(out, "ENV", &key, pair.key.range);
                    }
                }
            }
            _ => {}
        }
    });
}

fn report(out: &mut Report<'_>, keyword: &str, name: &str, range: TextRange) {
    out.push(
        range,
        format!(
            "`{keyword} {name}` looks like a secret: its value stays readable in the image's history and configuration"
        ),
        None,
    );
}

/// BuildKit's test: some underscore-separated part of the name is a secret
/// word and none is a public word, ignoring case.
fn looks_secret(name: &str) -> bool {
    let is = |words: &[&str]| {
        name.split('_')
            .any(|part| words.iter().any(|w| same_ignoring_case(part, w)))
    };
    is(&SECRET_WORDS) && !is(&PUBLIC_WORDS)
}

/// Case-insensitive comparison with an ASCII word, folding the two
/// non-ASCII letters that Go's case folding also maps onto `k` and `s`.
fn same_ignoring_case(part: &str, word: &str) -> bool {
    let fold = |c: char| match c {
        '\u{212A}' => 'k',
        '\u{17F}' => 's',
        c => c.to_ascii_lowercase(),
    };
    part.chars().map(fold).eq(word.chars())
}

#[cfg(test)]
mod tests {
    use super::looks_secret;

    #[test]
    fn buildkit_cases() {
        for name in [
            "SECRET_PASSPHRASE",
            "SUPER_Secret",
            "password",
            "secret",
            "auth",
            "super_duper_secret_token",
            "apikey",
            "git_key",
            "AWS_SECRET_ACCESS_KEY",
            "GPG_KEY",
            "_TOKEN_",
            "\u{212A}EY",
        ] {
            assert!(looks_secret(name), "{name}");
        }
        for name in [
            "sunflower",
            "PUBLIC_KEY",
            "public_token",
            "TOKEN_FILE",
            "KEY_VERSION",
            "KEYBOARD",
            "GPG_KEYS",
            "AUTHOR",
            "",
        ] {
            assert!(!looks_secret(name), "{name}");
        }
    }
}
