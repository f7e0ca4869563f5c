//! `relative-workdir`: a relative `WORKDIR` before any absolute one
//! (BuildKit's `WorkdirRelativePath`).

use crate::diagnostic::{Edit, Fix, FixSafety};
use crate::expand::{Lex, Vars};
use crate::rules::buildkit::{is_verbatim, walk};
use crate::rules::{Context, Report};
use crate::syntax::{Args, InstructionKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags the first `WORKDIR` of a stage when its path (after variable
    /// substitution) is relative and no earlier `WORKDIR` in the stage, or in
    /// the stages it is built on, has set the directory.
    ///
    /// This is BuildKit's build check `WorkdirRelativePath`; `docker build`
    /// prints `Relative workdir "app" can have unexpected results if the
    /// base image changes`.
    ///
    /// ## Why it matters
    /// A relative `WORKDIR` is resolved against the base image's working
    /// directory, which you do not control: it is `/` in `debian` and
    /// `python`, but `/var/www/html` in `php:apache`. Change the base (to a
    /// slimmer variant or another publisher's image, say) and
    /// your files land somewhere else, and `CMD` looks in the wrong place.
    /// The base image sets the floor, including where you stand on it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim-bookworm
    /// WORKDIR app
    /// COPY . .
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim-bookworm
    /// WORKDIR /app
    /// COPY . .
    /// ```
    ///
    /// ## Fix safety
    /// The fix makes the path absolute by putting `/` in front. It is marked
    /// unsafe: that is the same directory only when the base image works in
    /// `/`; check the base image's `WORKDIR` first.
    ///
    /// ## Learn more
    /// The lesson on why the FROM line sets the floor.
    pub static RULE = {
        name: "relative-workdir",
        code: "FL410",
        severity: Warning,
        category: BuildCheck,
        summary: "A relative `WORKDIR` depends on the base image's directory",
        lesson: "from-sets-the-floor",
        buildkit: Some("WorkdirRelativePath"),
        hadolint: Some("DL3000"),
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let lex = Lex::new(cx.parse.escape());
    let source = cx.source();
    walk(cx, |inst, scope| {
        if inst.kind != InstructionKind::Workdir || scope.workdir_set() {
            return;
        }
        let Args::Text(path) = &inst.args else { return };
        let Ok(expanded) = lex.process_word(path.as_str(), &Vars(scope.env())) else {
            return;
        };
        if expanded.starts_with('/') {
            return;
        }
        let fix = is_verbatim(source, path).then(|| Fix {
            title: format!(
                "Write `/{}` (if the base image works in `/`)",
                path.as_str()
            ),
            edits: vec![Edit {
                range: path.range,
                replacement: format!("/{}", path.as_str()),
            }],
            safety: FixSafety::Unsafe,
        });
        let base = scope.image().unwrap_or("scratch");
        out.push(
            path.range,
            format!(
                "`{expanded}` is relative to the working directory of `{base}`, which this Dockerfile never sets"
            ),
            fix,
        );
    });
}
