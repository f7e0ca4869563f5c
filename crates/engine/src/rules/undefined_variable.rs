//! `undefined-variable`: a `$variable` that no `ARG` or `ENV` defines
//! before it is used (BuildKit's `UndefinedVar`).

use crate::expand::{Env, Lex, Vars};
use crate::rules::buildkit::{find_reference, reference_range, suggest, value_range, walk};
use crate::rules::{Context, Report};
use crate::syntax::{Args, Heredoc, Instruction, InstructionKind, Spanned, TextRange};
use crate::walk::{NON_ENV_ARGS, Scope};

crate::declare_rule! {
    /// ## What it does
    /// Flags a variable used in an instruction that Docker expands itself
    /// (`ENV`, `ARG`, `LABEL`, `COPY`, `ADD`, `WORKDIR`, `USER`, `VOLUME`,
    /// `STOPSIGNAL`, `RUN --mount` options) when nothing before it in the
    /// stage defines it: no `ENV`, no `ARG` (global `ARG`s must be declared
    /// again inside the stage), and nothing inherited from an earlier stage
    /// the stage is built on. A close match among the defined names is
    /// suggested. Commands that a shell runs (`RUN`, `CMD`, ...) are not
    /// checked, because the shell expands those variables at run time.
    ///
    /// This is BuildKit's build check `UndefinedVar`; `docker build` prints,
    /// for example, `Usage of undefined variable '$PAHT' (did you mean $PATH?)`.
    ///
    /// BuildKit also knows the variables the base image sets (for example
    /// `PYTHON_VERSION` in `python` images). fromlab cannot look inside the
    /// image, so it knows only `PATH`; a variable your base image provides is
    /// reported with a reminder that it may come from there.
    ///
    /// ## Why it matters
    /// An undefined variable expands to nothing, silently. `COPY $APP_DIR .`
    /// then copies the whole build context into the image, and
    /// `ENV PATH=$PAHT:/app/bin` throws away the system `PATH`: the image
    /// builds, grows, and breaks at run time, far from the typo.
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG APP_DIR=/srv/app
    /// FROM python:3.12-slim-bookworm
    /// WORKDIR $APP_DIR
    /// ENV PATH=$PAHT:/srv/app/bin
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// ARG APP_DIR=/srv/app
    /// FROM python:3.12-slim-bookworm
    /// ARG APP_DIR
    /// WORKDIR $APP_DIR
    /// ENV PATH=$PATH:/srv/app/bin
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: the variable may be misspelt, or an `ARG` may be
    /// missing, and only you know which.
    ///
    /// ## Learn more
    /// The lesson on auditing and choosing a base image (common mistakes).
    pub static RULE = {
        name: "undefined-variable",
        code: "FL411",
        severity: Warning,
        category: BuildCheck,
        summary: "A variable is used before any `ARG` or `ENV` defines it",
        lesson: "auditing-and-choosing",
        buildkit: Some("UndefinedVar"),
        hadolint: None,
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let escape = cx.parse.escape();
    let lex = Lex::new(escape);
    // Heredoc bodies are expanded by BuildKit with the default escape and
    // with quotes left alone: they are files, not Dockerfile words.
    let raw = Lex {
        skip_process_quotes: true,
        ..Lex::new('\\')
    };
    let global = &cx.walk().globals;
    walk(cx, |inst, scope| {
        let mut uses = Uses {
            inst,
            scope,
            lex: &lex,
            escape,
            seen: Vec::new(),
            out: &mut *out,
        };
        match (&inst.kind, &inst.args) {
            (InstructionKind::Env | InstructionKind::Label, Args::KeyValues { pairs, .. }) => {
                for pair in pairs {
                    uses.word(&pair.key, &Vars(scope.env()), scope.args());
                    uses.word(&pair.value, &Vars(scope.env()), scope.args());
                }
            }
            (InstructionKind::Arg, Args::Words(words)) => {
                // Each name of one ARG is defined before the next is read;
                // the names this instruction adds sit on top of the scope.
                let mut env: Vec<(String, String)> = Vec::new();
                let mut args: Vec<String> = scope.args().to_vec();
                for w in words {
                    let (name, default) = match w.as_str().split_once('=') {
                        Some((n, d)) => (n, Some(d)),
                        None => (w.as_str(), None),
                    };
                    let layered = Layered {
                        below: scope.env(),
                        above: &env,
                    };
                    let value = match default {
                        Some(d) => {
                            let at = w.as_str().len() - d.len();
                            let default_word = Spanned {
                                value: d.into(),
                                range: value_range(inst, w, at, w.as_str().len()),
                            };
                            uses.word(&default_word, &layered, &args);
                            lex.process_word(d, &layered).ok()
                        }
                        None => global.get(name).map(str::to_string),
                    };
                    if let Some(v) = value
                        && !NON_ENV_ARGS.contains(&name)
                    {
                        env.push((name.to_string(), v));
                    }
                    args.push(name.to_string());
                }
            }
            (InstructionKind::Add | InstructionKind::Copy, args) => {
                let flags: &[&str] = if inst.kind == InstructionKind::Add {
                    &["chown", "checksum"]
                } else {
                    &["chown"]
                };
                for f in flags {
                    if let Some(v) = inst.flag(f).and_then(|f| f.value.as_ref()) {
                        uses.word(v, &Vars(scope.env()), scope.args());
                    }
                }
                for w in list_items(args) {
                    if !is_heredoc_marker(inst.heredocs(), w.range) {
                        uses.word(w, &Vars(scope.env()), scope.args());
                    }
                }
                for h in inst.heredocs().iter().filter(|h| h.expand) {
                    if let Ok(p) = raw.process(&h.content, &Vars(scope.env())) {
                        for name in &p.unmatched {
                            let range = heredoc_range(cx.source(), h, name);
                            uses.report(name, range, scope.args());
                        }
                    }
                }
            }
            (
                InstructionKind::Workdir | InstructionKind::User | InstructionKind::Stopsignal,
                Args::Text(text),
            ) => uses.word(text, &Vars(scope.env()), scope.args()),
            (InstructionKind::Volume, args) => {
                for w in list_items(args) {
                    uses.word(w, &Vars(scope.env()), scope.args());
                }
            }
            (InstructionKind::Run, _) => {
                for flag in inst.flags.iter().filter(|f| f.name.as_str() == "mount") {
                    let Some(value) = &flag.value else { continue };
                    for field in value.as_str().split(',') {
                        let Some((key, v)) = field.split_once('=') else {
                            continue;
                        };
                        // BuildKit refuses variables in `from` outright.
                        if key.trim().eq_ignore_ascii_case("from") {
                            continue;
                        }
                        if let Ok(p) = lex.process(v, &Vars(scope.env())) {
                            for name in &p.unmatched {
                                uses.report(name, flag.range, scope.args());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    });
}

/// Reports the undefined variables of one instruction, each name once.
struct Uses<'u, 'a, 'r> {
    inst: &'u Instruction<'a>,
    scope: Scope<'u>,
    lex: &'u Lex,
    escape: char,
    seen: Vec<String>,
    out: &'u mut Report<'r>,
}

impl Uses<'_, '_, '_> {
    /// Expands one word and reports the variables it finds unset.
    fn word(&mut self, value: &Spanned<'_>, env: &dyn Env, args: &[String]) {
        // No `$`, no variable: nothing to look up.
        if !value.as_str().contains('$') {
            return;
        }
        let Ok(p) = self.lex.process(value.as_str(), env) else {
            return;
        };
        for name in &p.unmatched {
            let range = reference_range(self.inst, value, name, self.escape);
            self.report(name, range, args);
        }
    }

    /// Reports `name` unless an `ARG` declared it (with or without a value).
    fn report(&mut self, name: &str, range: TextRange, args: &[String]) {
        if args.iter().any(|a| a == name)
            || NON_ENV_ARGS.contains(&name)
            || self.seen.iter().any(|s| s == name)
        {
            return;
        }
        self.seen.push(name.to_string());
        self.out.push(range, message(name, self.scope), None);
    }
}

fn message(name: &str, scope: Scope<'_>) -> String {
    let keys = scope.keys();
    let hint = match suggest(name, &keys) {
        Some(s) => format!(" (did you mean `${s}`?)"),
        None => String::new(),
    };
    match scope.image() {
        Some(image) => format!(
            "`${name}` is not defined by an `ARG` or `ENV` before this line, so it expands to nothing (unless the base image `{image}` sets it){hint}"
        ),
        None => format!(
            "`${name}` is not defined by an `ARG` or `ENV` before this line, so it expands to nothing{hint}"
        ),
    }
}

/// Variables set by the instruction being read, on top of the scope before
/// it.
struct Layered<'e> {
    below: &'e [(String, String)],
    above: &'e [(String, String)],
}

impl Env for Layered<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        lookup(self.above, name).or_else(|| lookup(self.below, name))
    }
}

fn lookup<'v>(vars: &'v [(String, String)], name: &str) -> Option<&'v str> {
    vars.iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The words of a `COPY`, `ADD` or `VOLUME`, in either form.
fn list_items<'i, 'a>(args: &'i Args<'a>) -> &'i [Spanned<'a>] {
    match args {
        Args::Words(w) => w,
        Args::Exec(e) => &e.items,
        _ => &[],
    }
}

fn is_heredoc_marker(heredocs: &[Heredoc<'_>], range: TextRange) -> bool {
    heredocs
        .iter()
        .any(|h| h.marker.start < range.end && range.start < h.marker.end)
}

/// Where a variable is used in a heredoc body: the reference in the source
/// when the body is stored as written, otherwise the `<<EOF` marker.
fn heredoc_range(source: &str, h: &Heredoc<'_>, name: &str) -> TextRange {
    if h.body.slice(source) == h.content
        && let Some((a, b)) = find_reference(&h.content, name, '\\')
    {
        return TextRange::new(h.body.start + a, h.body.start + b);
    }
    h.marker
}
