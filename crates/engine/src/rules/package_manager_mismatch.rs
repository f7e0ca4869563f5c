//! `package-manager-mismatch`: a `RUN` calls a package manager the base
//! image does not have.

use crate::catalogue::PackageManager;
use crate::compat::Detail;
use crate::rules::scan;
use crate::rules::{Context, Report};

crate::declare_rule! {
    /// ## What it does
    /// Flags a `RUN` that calls an operating-system package manager the
    /// stage's base does not ship: `apt-get` or `apt` on Alpine, `apk` on
    /// Debian or Ubuntu, `dnf` or `yum` on Red Hat's UBI minimal (which has
    /// `microdnf`), `microdnf` on the standard UBI (which has `dnf`), and any
    /// package manager at all on `scratch`, distroless, Chainguard's
    /// production images or UBI micro. Bases fromlab does not know are left
    /// alone, and a script that also calls the base's own manager (one that
    /// works on several distributions) is trusted.
    ///
    /// Neither Docker's build checks nor hadolint know which package manager
    /// a base image ships; fromlab reads it from its image catalogue.
    ///
    /// ## Why it matters
    /// This is the first thing that breaks when you swap a base image to save
    /// size: the build stops with `apt-get: not found`. The fix is more than a
    /// rename. Package names differ between distributions (`build-essential`
    /// is `build-base` on Alpine, `libpq-dev` is `postgresql-dev`), the
    /// versions differ, and Alpine's packages are built against musl, not
    /// glibc. On an image with no package manager at all, nothing can be
    /// installed in that stage: that absence is exactly what makes distroless
    /// and `scratch` small and hard to attack, so install in a build stage
    /// and copy only the files you need.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// RUN apt-get update && apt-get install -y curl
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.21
    /// RUN apk add --no-cache curl
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: translating the command means translating package
    /// names, which needs a person (and a test build).
    ///
    /// ## Learn more
    /// The lesson on Alpine and musl, and the one on distroless images.
    pub static RULE = {
        name: "package-manager-mismatch",
        code: "FL201",
        severity: Error,
        category: Compatibility,
        summary: "A RUN calls a package manager the base image does not have",
        lesson: "alpine-and-musl",
        buildkit: None,
        hadolint: None,
        check: check,
    };
}

/// Who uses a package manager, for messages.
fn distros(manager: PackageManager) -> &'static str {
    match manager {
        PackageManager::Apt => "Debian's and Ubuntu's package manager",
        PackageManager::Apk => "Alpine's package manager",
        PackageManager::Dnf => "the package manager of Fedora, RHEL and the full UBI image",
        PackageManager::Microdnf => "the small package manager of UBI minimal",
        PackageManager::None => "a package manager",
    }
}

/// What to use instead on a base with `have`.
fn instead(have: PackageManager) -> &'static str {
    match have {
        PackageManager::Apt => "use `apt-get install` (package names differ between distributions)",
        PackageManager::Apk => {
            "use `apk add --no-cache` (Alpine's package names differ, and its packages are built for musl)"
        }
        PackageManager::Dnf => "use `dnf install`",
        PackageManager::Microdnf => "use `microdnf install`",
        PackageManager::None => {
            "install in a build stage and COPY only the files you need into this one"
        }
    }
}

fn message(name: &str, manager: PackageManager, have: PackageManager, base: &str) -> String {
    if have == PackageManager::None {
        format!(
            "`{name}` is {}, but {base} has no package manager at all: {}",
            distros(manager),
            instead(have)
        )
    } else {
        format!(
            "`{name}` is {}, but {base} has {have}: {}",
            distros(manager),
            instead(have)
        )
    }
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    for found in cx.own_breaks() {
        // One diagnostic per package manager and script, at its first call.
        let Detail::PackageManager(call) = &found.detail else {
            continue;
        };
        if !call.first {
            continue;
        }
        let base = scan::base_label(cx, call.stage);
        out.push(
            call.program_range,
            message(&call.program, call.needed, call.have, &base),
            None,
        );
    }
}
