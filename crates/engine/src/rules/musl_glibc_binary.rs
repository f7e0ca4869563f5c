//! `musl-glibc-binary`: a program linked dynamically against one C library
//! (glibc or musl) copied into a final image that has the other.

use crate::catalogue::Libc;
use crate::compat::{Copied, Detail, Linking, Problem};
use crate::diagnostic::{Edit, Fix, FixSafety};
use crate::rules::scan;
use crate::rules::{Context, Report};
use crate::syntax::TextRange;

crate::declare_rule! {
    /// ## What it does
    /// Follows each `COPY --from=<stage>` into the image that ships and,
    /// when what it copies is a program built in that stage (`go build`,
    /// `cargo build`, a C compiler with `-o`), works out how it is linked.
    /// It flags a program linked dynamically against glibc copied onto a musl
    /// base (Alpine), and the reverse: a musl-linked program on a glibc base.
    /// The same goes for Python packages with compiled code (numpy,
    /// cryptography, ...) that `pip install` put in a prefix, a virtual
    /// environment or `site-packages` in one stage and a `COPY --from` moves
    /// to a base with the other libc.
    ///
    /// A Go build counts as dynamic unless cgo is off (`CGO_ENABLED=0` in the
    /// command, the script, `ENV` or `ARG`) or it links statically; on
    /// golang's Alpine images, which have no C compiler, cgo is off by
    /// default. A Cargo build counts as dynamic for a `*-gnu` target (the
    /// default on Debian-based `rust` images) unless `RUSTFLAGS` asks for
    /// `+crt-static`.
    ///
    /// Neither Docker's build checks nor hadolint follow a file from the
    /// stage that builds it to the stage that runs it.
    ///
    /// ## Why it matters
    /// A dynamically linked program does not contain the C library: it names a
    /// loader (`/lib64/ld-linux-x86-64.so.2` for glibc, `/lib/ld-musl-x86_64.so.1`
    /// for musl) that the kernel must find at start-up. Alpine has no glibc
    /// loader, so a glibc binary fails with the baffling `exec /app: no such
    /// file or directory`, although `/app` is right there. It is the classic
    /// trap of building on the `golang` or `rust` image and shipping on
    /// `alpine` to save size. A static binary, or building and running on the
    /// same libc, avoids it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23-bookworm AS build
    /// WORKDIR /src
    /// COPY . .
    /// RUN go build -o /out/server ./cmd/server
    ///
    /// FROM alpine:3.21
    /// COPY --from=build /out/server /usr/local/bin/server
    /// CMD ["server"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23-bookworm AS build
    /// WORKDIR /src
    /// COPY . .
    /// RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server
    ///
    /// FROM alpine:3.21
    /// COPY --from=build /out/server /usr/local/bin/server
    /// CMD ["server"]
    /// ```
    ///
    /// ## Fix safety
    /// For a Go build that leaves cgo to its default, the fix puts
    /// `CGO_ENABLED=0` in front of the `go` command in the build stage. It is
    /// unsafe: a program (or a dependency such as `mattn/go-sqlite3`) that
    /// really uses C code no longer builds, and Go's own DNS resolver replaces
    /// the C library's (usually what you want in a container). Cargo and C
    /// builds get no fix: a musl target has to be installed first
    /// (`rustup target add x86_64-unknown-linux-musl`), or the final stage
    /// should use the builder's libc.
    ///
    /// ## Learn more
    /// The lesson on Alpine and musl.
    pub static RULE = {
        name: "musl-glibc-binary",
        code: "FL204",
        severity: Warning,
        category: Compatibility,
        summary: "A dynamically linked program is copied onto a base with the other libc",
        lesson: "alpine-and-musl",
        buildkit: None,
        hadolint: None,
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    for found in cx.own_breaks() {
        let Detail::Binary(copied) = &found.detail else {
            continue;
        };
        if found.problem != Problem::MuslGlibcBinary {
            continue;
        }
        let Linking::Dynamic { libc, why } = &copied.built.linking else {
            continue;
        };
        let stage = cx.model.stage_of(copied.instruction).map_or(0, |s| s.index);
        let Some(target) = scan::libc(cx, stage) else {
            continue;
        };
        let base = scan::base_label(cx, stage);
        let loader = match libc {
            Libc::Glibc => "glibc loader",
            _ => "musl loader",
        };
        let message = match (&copied.built.python, &copied.built.unseen) {
            (Some(packages), Some(unseen)) if packages.is_empty() => format!(
                "{} holds Python packages installed by `pip install` in {} from {unseen}, which fromlab cannot see; any with compiled code was built for {libc}, and {base} has {target}, so importing it fails: install them in a stage with the same libc as the final one",
                copied.path,
                builder(cx, copied)
            ),
            (Some(packages), _) => format!(
                "{} holds Python packages with compiled code ({}) installed by `pip install` in {}, built for {libc}; {base} has {target}, so importing them fails with errors about missing shared libraries or symbols: install them in a stage with the same libc as the final one",
                copied.path,
                packages.join(", "),
                builder(cx, copied)
            ),
            (None, _) => format!(
                "{} {} {} in {}, which links {libc} dynamically: {why}; {base} has {target} and no {loader}, so it fails with \"no such file or directory\"",
                copied.path,
                if copied.exact {
                    "is built by"
                } else {
                    "holds a program built by"
                },
                copied.built.command,
                builder(cx, copied)
            ),
        };
        out.push(found.range, message, cgo_fix(copied));
    }
}

pub(super) fn builder(cx: &Context<'_, '_>, copied: &Copied) -> String {
    let name = cx.model.stages.get(copied.built.stage).map_or_else(
        || "a build stage".to_owned(),
        |s| format!("stage {}", s.label()),
    );
    let line = cx
        .instructions
        .get(copied.built.instruction)
        .map(|i| format!(", line {}", scan::line_of(cx, i.range.start)))
        .unwrap_or_default();
    format!(
        "{name} ({}{line})",
        scan::base_label(cx, copied.built.stage)
    )
}

/// The fix that turns cgo off for the Go build that made a program.
pub(super) fn cgo_fix(copied: &Copied) -> Option<Fix> {
    let at = copied.built.cgo_insert?;
    Some(Fix {
        title: "Build it with CGO_ENABLED=0 (a static binary)".to_owned(),
        edits: vec![Edit {
            range: TextRange::empty(at),
            replacement: "CGO_ENABLED=0 ".to_owned(),
        }],
        safety: FixSafety::Unsafe,
    })
}
