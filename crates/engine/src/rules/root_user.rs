//! `root-user`: the image that ships runs its process as root.

use crate::catalogue::User;
use crate::model::BaseKind;
use crate::rules::base::{judged, shipped};
use crate::rules::{Context, Report};
use crate::syntax::{Args, InstructionKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags a final stage whose process runs as root: its last `USER` (in
    /// the final stage, or in the earlier stages it is built `FROM`) names
    /// `root` or uid `0`, or there is no `USER` at all and the base runs as
    /// root by default. Bases whose default user is unprivileged in the
    /// catalogue (distroless `:nonroot` tags, Chainguard images) pass without a
    /// `USER`; `scratch` has no users at all, so a process there runs as uid 0.
    /// A `USER` set from a variable, or a base the catalogue does not know, is
    /// not judged. It is close to hadolint's DL3002 (which flags only an
    /// explicit `USER root` as the last user); BuildKit has no such check.
    ///
    /// ## Why it matters
    /// Containers share the host's kernel. A process that runs as root inside
    /// the container is root for everything the container can reach: mounted
    /// volumes, the container's own files, and, through any kernel or runtime
    /// vulnerability, a much shorter path to the host. Running as an ordinary
    /// user costs one or two lines, and some platforms (Kubernetes with
    /// `runAsNonRoot`, OpenShift) refuse root containers outright. The catch:
    /// the user must be able to read the application and write where it needs
    /// to, so set ownership when you copy files in.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim-trixie
    /// COPY app.py /app/
    /// CMD ["python", "/app/app.py"]
    /// ```
    ///
    /// ## Use instead
    /// Create an unprivileged user (`useradd` on Debian and Ubuntu, `adduser -D`
    /// on Alpine), give it the files, and switch to it last. On distroless
    /// use a `:nonroot` tag; on `scratch`, `USER 65532:65532` works without a
    /// user database.
    /// ```dockerfile
    /// FROM python:3.12-slim-trixie
    /// RUN useradd --system --uid 10001 app
    /// COPY --chown=app:app app.py /app/
    /// USER app
    /// CMD ["python", "/app/app.py"]
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: a blind `USER` line can break an image whose program
    /// writes to root-owned paths, binds a port below 1024 or runs an
    /// entrypoint that switches users itself (many official server images do).
    /// Add the user and the ownership yourself, then test.
    ///
    /// ## Learn more
    /// The lesson on auditing your base and choosing one.
    pub static RULE = {
        name: "root-user",
        code: "FL110",
        severity: Warning,
        category: BaseImage,
        summary: "The final stage runs as root",
        lesson: "auditing-and-choosing",
        buildkit: None,
        hadolint: Some("DL3002"),
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let Some(shipped) = shipped(cx) else { return };
    // The last USER of the stages that make up the final image wins.
    let last_user = shipped
        .chain
        .iter()
        .flat_map(|stage| cx.stage_instructions(stage))
        .filter(|(_, inst)| inst.kind == InstructionKind::User)
        .filter_map(|(_, inst)| match &inst.args {
            Args::Text(value) => Some(value),
            _ => None,
        })
        .last();
    if let Some(value) = last_user {
        let user = value.as_str().split(':').next().unwrap_or("").trim();
        let root = user == "root" || (!user.is_empty() && user.bytes().all(|b| b == b'0'));
        if root {
            out.push(
                value.range,
                format!(
                    "`USER {}` is the last user of the final stage, so the container runs as root",
                    value.as_str()
                ),
                None,
            );
        }
        return;
    }
    let root_by_default = match &shipped.root.base.kind {
        BaseKind::Scratch => true,
        BaseKind::Image { .. } => {
            judged(shipped.root).is_some() && shipped.facts.facts.user == Some(User::Root)
        }
        _ => false,
    };
    if !root_by_default {
        return;
    }
    let base = if shipped.facts.scratch {
        "scratch has no user database, so the process runs as uid 0".to_owned()
    } else {
        format!("{} runs as root by default", shipped.describe(cx))
    };
    out.push(
        shipped.final_stage.base.range,
        format!(
            "The final stage sets no USER and {base}: add an unprivileged user and switch to it"
        ),
        None,
    );
}
