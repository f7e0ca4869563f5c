//! `no-debug-plan`: the image that ships has no shell, and the Dockerfile
//! shows no way to debug it.

use crate::catalogue::Shell;
use crate::model::BaseKind;
use crate::rules::base::{Shipped, judged, part_range, shipped};
use crate::rules::{Context, Report};
use crate::syntax::InstructionKind;

crate::declare_rule! {
    /// ## What it does
    /// Notes a final stage built on an image with no shell: `scratch`,
    /// distroless, Chainguard's runtime images. It stays quiet when the
    /// Dockerfile already shows a plan: a separate target stage (one the final
    /// image does not copy from) that uses a `:debug` (or `-dev`) variant or
    /// whose name contains `debug`, or a shell such as `busybox` copied into
    /// the final image. A `-dev` build stage the final image copies from is
    /// not a plan: its shell never reaches the running container. Only the final stage counts
    /// (through any `FROM <earlier stage>` chain). There is no BuildKit or
    /// hadolint equivalent.
    ///
    /// ## Why it matters
    /// Leaving out the shell is the point of these images: nothing for an
    /// attacker to run, fewer packages to patch, a smaller download. The cost
    /// arrives during an incident, when `docker exec -it app sh` fails and
    /// there is no `ls`, `cat` or `curl` to look around with. Debugging is
    /// still possible, with the container's logs and health checks, with
    /// `docker debug` or `kubectl debug` attaching a toolbox container, with a
    /// `:debug` variant, or with a debug stage built from the same files. Pick
    /// one before you need it, and write it down.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22-bookworm AS build
    /// WORKDIR /src
    /// COPY . .
    /// RUN CGO_ENABLED=0 go build -o /app .
    ///
    /// FROM gcr.io/distroless/static-debian13:nonroot
    /// COPY --from=build /app /app
    /// ENTRYPOINT ["/app"]
    /// ```
    ///
    /// ## Use instead
    /// Add a debug stage (built with `docker build --target debug`) before
    /// the final one, so the default build still ships the image without a
    /// shell:
    /// ```dockerfile
    /// FROM golang:1.22-bookworm AS build
    /// WORKDIR /src
    /// COPY . .
    /// RUN CGO_ENABLED=0 go build -o /app .
    ///
    /// FROM gcr.io/distroless/static-debian13:debug-nonroot AS debug
    /// COPY --from=build /app /app
    /// ENTRYPOINT ["/app"]
    ///
    /// FROM gcr.io/distroless/static-debian13:nonroot
    /// COPY --from=build /app /app
    /// ENTRYPOINT ["/app"]
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: switching the shipped image to a `:debug` tag would
    /// put the shell back into production, and the right plan depends on where
    /// the container runs.
    ///
    /// ## Learn more
    /// The lesson on debugging images that have no shell.
    pub static RULE = {
        name: "no-debug-plan",
        code: "FL109",
        severity: Info,
        category: BaseImage,
        summary: "The final stage has no shell and the Dockerfile shows no way to debug it",
        lesson: "debugging-without-a-shell",
        buildkit: None,
        hadolint: None,
        check: check,
    };
}

/// Program names that give a container a shell when copied into it.
const SHELLS: [&str; 4] = ["busybox", "sh", "bash", "ash"];

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let Some(shipped) = shipped(cx) else { return };
    let range = match &shipped.root.base.kind {
        BaseKind::Scratch => shipped.root.base.range,
        BaseKind::Image { .. } => match judged(shipped.root) {
            Some(reference) => part_range(cx, shipped.root, &(0..reference.original.len())),
            None => return,
        },
        _ => return,
    };
    let shell_less = shipped.facts.scratch || shipped.facts.facts.shell == Some(Shell::None);
    if !shell_less || has_plan(cx, &shipped) {
        return;
    }
    let message = if shipped.facts.scratch {
        "The final image is built on scratch: no shell and no tools, so `docker exec` has nothing to run; decide now how you will debug it (a debug stage, `docker debug`, `kubectl debug`)".to_owned()
    } else {
        format!(
            "The final image ships {}, which has no shell, so `docker exec … sh` will fail; decide now how you will debug it (a `:debug` tag in a debug stage, `docker debug`, `kubectl debug`)",
            shipped.describe(cx)
        )
    };
    out.push(range, message, None);
}

/// True when the Dockerfile already shows a way to debug the final image.
fn has_plan(cx: &Context<'_, '_>, shipped: &Shipped<'_>) -> bool {
    // A stage the final image does not depend on is a target of its own
    // (`docker build --target debug`); a build stage with a shell is not a plan.
    let shipped_stages = cx.model.shipped_stages();
    let targets = || {
        cx.model
            .stages
            .iter()
            .filter(|s| !shipped_stages.contains(&s.index))
    };
    let debug_stage = targets().any(|s| s.name.as_deref().is_some_and(|n| n.contains("debug")));
    // A tag word that adds a shell (`:debug`, `-dev`) in such a stage.
    let shell_variant = targets().any(|s| {
        cx.stages
            .get(s.index)
            .and_then(|f| f.resolution.as_ref())
            .is_some_and(|r| r.modifiers.iter().any(|m| m.shell.is_some()))
    });
    let copied_shell = shipped.chain.iter().any(|stage| {
        cx.stage_instructions(stage).any(|(_, inst)| {
            if inst.kind != InstructionKind::Copy && inst.kind != InstructionKind::Add {
                return false;
            }
            let values = inst.args.values();
            let sources = values.split_last().map_or(&[][..], |(_, rest)| rest);
            sources.iter().any(|path| {
                let name = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
                SHELLS.contains(&name)
            })
        })
    });
    debug_stage || shell_variant || copied_shell
}
