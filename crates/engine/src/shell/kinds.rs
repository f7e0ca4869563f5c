//! The kinds of cleanup and build the shell analysis recognises, in a file of their
//! own because the size tables name them too and the build script reads these
//! definitions (see `build.rs`): keep it free of crate paths.

use serde::{Deserialize, Serialize};

/// What a cleanup removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CleanupKind {
    /// `/var/lib/apt/lists`, the index `apt-get update` downloads.
    AptLists,
    /// `/var/cache/apt` (`apt-get clean`).
    AptCache,
    /// `/var/cache/apk`.
    ApkCache,
    /// `/var/cache/dnf` or `/var/cache/yum` (`dnf clean all`).
    DnfCache,
    /// pip's cache (`~/.cache/pip`, `pip cache purge`).
    PipCache,
    /// npm's cache (`~/.npm`, `npm cache clean --force`).
    NpmCache,
    /// Yarn's cache.
    YarnCache,
    /// Go's build cache (`~/.cache/go-build`, `go clean -cache`).
    GoBuildCache,
    /// Go's module cache (`/go/pkg/mod`, `go clean -modcache`).
    GoModuleCache,
    /// Cargo's registry and git checkouts.
    CargoRegistry,
    /// Maven's local repository (`~/.m2`).
    MavenRepository,
    /// Gradle's caches (`~/.gradle`).
    GradleCache,
    /// `/tmp` and `/var/tmp`.
    TempFiles,
}

/// A build tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BuildTool {
    /// `go build`, `go install`, `go mod download`.
    Go,
    /// `cargo build`, `cargo install`.
    Cargo,
    /// `mvn` or `./mvnw`.
    Maven,
    /// `gradle` or `./gradlew`.
    Gradle,
}
