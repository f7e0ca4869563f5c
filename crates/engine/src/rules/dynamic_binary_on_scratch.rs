//! `dynamic-binary-on-scratch`: a dynamically linked program copied into a
//! final image that has no C library at all.

use crate::compat::{Detail, Linking, Problem};
use crate::rules::musl_glibc_binary::{builder, cgo_fix};
use crate::rules::scan;
use crate::rules::{Context, Report};

crate::declare_rule! {
    /// ## What it does
    /// Flags a `COPY --from=<stage>` into an image with no C library
    /// (`scratch`, `gcr.io/distroless/static`, Chainguard's `static`) of a
    /// program built in that stage without static linking: a `go build` with
    /// cgo left on (no `CGO_ENABLED=0` in the command, the script, `ENV` or
    /// `ARG`), a `cargo build` for a `*-gnu` target without
    /// `-C target-feature=+crt-static`, or a C compiler run without `-static`.
    /// It stays quiet when the build is static, and when the copied file is
    /// not one fromlab can tie to a build (a certificate, a config file).
    ///
    /// Neither Docker's build checks nor hadolint follow a program from the
    /// stage that builds it to the image that runs it.
    ///
    /// ## Why it matters
    /// `scratch` is empty: no shell, no `/lib`, no C library and no dynamic
    /// loader. A dynamically linked program asks the kernel to start it with
    /// a loader such as `/lib64/ld-linux-x86-64.so.2`; on `scratch` that file
    /// is missing, and the container dies at once with `exec /server: no such
    /// file or directory`, an error that seems to say your program is missing.
    /// Go links dynamically as soon as cgo is on and the program uses `net`
    /// or `os/user`, which almost every service does, and the `golang` images
    /// on Debian have a C compiler, so cgo is on. A static binary carries what
    /// it needs and is the one thing `scratch` can run.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// WORKDIR /src
    /// COPY . .
    /// RUN go build -o /out/server .
    ///
    /// FROM scratch
    /// COPY --from=build /out/server /server
    /// ENTRYPOINT ["/server"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// WORKDIR /src
    /// COPY . .
    /// RUN CGO_ENABLED=0 go build -o /out/server .
    ///
    /// FROM scratch
    /// COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
    /// COPY --from=build /out/server /server
    /// ENTRYPOINT ["/server"]
    /// ```
    ///
    /// ## Fix safety
    /// For a Go build, the fix puts `CGO_ENABLED=0` in front of the `go`
    /// command in the build stage. It is unsafe: if the program or a
    /// dependency really uses C code (`mattn/go-sqlite3`, some image or
    /// crypto libraries), the build fails, and then the final stage needs a
    /// base with the right C library (`gcr.io/distroless/base` for glibc)
    /// instead. For Cargo, build for a musl target
    /// (`rustup target add x86_64-unknown-linux-musl`, then
    /// `cargo build --release --target x86_64-unknown-linux-musl`); fromlab
    /// offers no automatic fix because the target must be installed first.
    ///
    /// ## Learn more
    /// The lesson on scratch and static binaries.
    pub static RULE = {
        name: "dynamic-binary-on-scratch",
        code: "FL205",
        severity: Error,
        category: Compatibility,
        summary: "A dynamically linked program is copied into an image with no C library",
        lesson: "scratch-and-static-binaries",
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
        if found.problem != Problem::DynamicBinaryOnScratch {
            continue;
        }
        let Linking::Dynamic { libc, why } = &copied.built.linking else {
            continue;
        };
        let stage = cx.model.stage_of(copied.instruction).map_or(0, |s| s.index);
        let base = scan::base_label(cx, stage);
        out.push(
            found.range,
            format!(
                "{} {} {} in {}, which links {libc} dynamically: {why}; {base} has no C library, so it fails to start with \"no such file or directory\"",
                copied.path,
                if copied.exact { "is built by" } else { "holds a program built by" },
                copied.built.command,
                builder(cx, copied)
            ),
            cgo_fix(copied),
        );
    }
}
