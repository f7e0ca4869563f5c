//! `constant-platform-flag`: `FROM --platform=` with a fixed platform
//! (BuildKit's `FromPlatformFlagConstDisallowed`).

use crate::expand::{Lex, Vars};
use crate::rules::buildkit::parse_platform;
use crate::rules::{Context, Report};

crate::declare_rule! {
    /// ## What it does
    /// Flags `FROM --platform=linux/amd64` and other platform flags written
    /// as a constant, with no variable. A stage whose name mentions the
    /// platform's OS or architecture (`AS build-amd64`) is left alone: there
    /// the fixed platform is clearly the intent.
    ///
    /// This is BuildKit's build check `FromPlatformFlagConstDisallowed`;
    /// `docker build` prints
    /// `FROM --platform flag should not use constant value "linux/amd64"`.
    ///
    /// ## Why it matters
    /// A fixed platform makes the image the same architecture wherever it is
    /// built: on an arm64 laptop or server it then runs under emulation,
    /// slowly, or not at all, and a multi-platform build produces amd64
    /// binaries under an arm64 label. The variables `$BUILDPLATFORM` (for
    /// stages that compile) and the default target platform (for the final
    /// stage) let one Dockerfile serve every platform.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=linux/amd64 golang:1.23-bookworm AS build
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM --platform=$BUILDPLATFORM golang:1.23-bookworm AS build
    /// ARG TARGETOS TARGETARCH
    /// RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: switching to `$BUILDPLATFORM` also needs the build
    /// commands to cross-compile, and dropping the flag changes which image
    /// is pulled.
    ///
    /// ## Learn more
    /// The lesson on the final stage of a multi-stage build.
    pub static RULE = {
        name: "constant-platform-flag",
        code: "FL417",
        severity: Info,
        category: BuildCheck,
        summary: "`FROM --platform=` names a fixed platform",
        lesson: "multi-stage-final-image",
        buildkit: Some("FromPlatformFlagConstDisallowed"),
        hadolint: Some("DL3029"),
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let global = &cx.walk().globals;
    let lex = Lex::new(cx.parse.escape());
    for stage in &cx.model.stages {
        let Some(inst) = cx.instructions.get(stage.from_instruction) else {
            continue;
        };
        let Some(flag) = inst.flag("platform") else {
            continue;
        };
        let Some(value) = &flag.value else { continue };
        if value.as_str().is_empty() {
            continue;
        }
        let Ok(p) = lex.process(value.as_str(), &Vars(&global.env)) else {
            continue;
        };
        if !p.matched.is_empty() || !p.unmatched.is_empty() {
            continue;
        }
        // A platform BuildKit cannot parse fails the build with its own error.
        let Some(platform) = parse_platform(&p.result) else {
            continue;
        };
        let name = stage.name.as_deref().unwrap_or("");
        if name.contains(&platform.os) || name.contains(&platform.arch) {
            continue;
        }
        out.push(
            flag.range,
            format!(
                "`--platform={}` pins this stage to one platform: built elsewhere, it runs under emulation",
                p.result
            ),
            None,
        );
    }
}
