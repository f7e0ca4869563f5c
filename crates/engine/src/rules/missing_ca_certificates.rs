//! `missing-ca-certificates`: a `scratch` image with no CA certificates
//! copied in.

use crate::diagnostic::{Edit, Fix, FixSafety, Severity};
use crate::model::{BaseKind, CopySource};
use crate::rules::scan;
use crate::rules::{Context, Report};
use crate::syntax::{Args, InstructionKind, TextRange};

crate::declare_rule! {
    /// ## What it does
    /// Flags a final image built `FROM scratch` that copies in no CA
    /// certificate bundle: no `COPY` or `ADD` mentions
    /// `/etc/ssl/certs/ca-certificates.crt`, `/etc/ssl`, `/etc/pki` or a
    /// `ca-certificates`/`ca-bundle` file, and no `SSL_CERT_FILE` or
    /// `SSL_CERT_DIR` points elsewhere. It is a warning when the image is
    /// configured with an `https://` address (in `ENV`, `ARG`, `CMD` or
    /// `ENTRYPOINT`), and a note otherwise, since a program that makes no
    /// outgoing TLS connections needs no certificates.
    ///
    /// Docker's build checks and hadolint have no equivalent.
    ///
    /// ## Why it matters
    /// To trust a server's certificate, a TLS client checks it against a list
    /// of certificate authorities, which Linux distributions keep in
    /// `/etc/ssl/certs/ca-certificates.crt`. `scratch` is empty, so a static Go
    /// or Rust program that calls an HTTPS API, a cloud service or a database
    /// over TLS fails at run time with `x509: certificate signed by unknown
    /// authority`. The build works and the container starts, so the gap shows
    /// up only in production. The bundle is about 200 KB: copy it from the
    /// build stage. (Serving TLS yourself needs your own certificate, not this
    /// bundle; a program that only makes plain HTTP or no outgoing connections
    /// can ignore this note.)
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// WORKDIR /src
    /// COPY . .
    /// RUN CGO_ENABLED=0 go build -o /out/app .
    ///
    /// FROM scratch
    /// COPY --from=build /out/app /app
    /// ENV API_URL=https://api.example.com
    /// ENTRYPOINT ["/app"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.23 AS build
    /// WORKDIR /src
    /// COPY . .
    /// RUN CGO_ENABLED=0 go build -o /out/app .
    ///
    /// FROM scratch
    /// COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
    /// COPY --from=build /out/app /app
    /// ENV API_URL=https://api.example.com
    /// ENTRYPOINT ["/app"]
    /// ```
    /// `gcr.io/distroless/static` is the other answer: `scratch` plus CA
    /// certificates, time zone data and a non-root user, already assembled.
    ///
    /// ## Fix safety
    /// When the image copies from a build stage, the fix adds
    /// `COPY --from=<that stage> /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/`
    /// after `FROM scratch`. It is unsafe because that stage must contain the
    /// bundle: Debian-based `golang` and `rust` images and Alpine-based ones
    /// do, a `-slim` Debian image does not until you install `ca-certificates`.
    ///
    /// ## Learn more
    /// The lesson on scratch and static binaries.
    pub static RULE = {
        name: "missing-ca-certificates",
        code: "FL206",
        severity: Warning,
        category: Compatibility,
        summary: "A scratch image has no CA certificates for TLS",
        lesson: "scratch-and-static-binaries",
        buildkit: None,
        hadolint: None,
        check: check,
    };
}

/// Path fragments that name a CA bundle or the directories that hold one.
const CA_PATHS: [&str; 6] = [
    "ca-certificates",
    "/etc/ssl",
    "/etc/pki",
    "ca-bundle",
    "cacert",
    "certs",
];

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let Some((final_stage, facts)) = cx.final_stage() else {
        return;
    };
    if !facts.scratch {
        return;
    }
    let lineage = scan::shipped(cx);
    // The stage that starts from scratch: certificates belong right after it.
    let Some(root) = lineage
        .iter()
        .filter_map(|&i| cx.model.stages.get(i))
        .find(|s| s.base.kind == BaseKind::Scratch)
    else {
        return;
    };
    let mut https: Option<String> = None;
    let mut builder: Option<usize> = None;
    for &s in &lineage {
        let Some(stage) = cx.model.stages.get(s) else {
            continue;
        };
        for (_, inst) in cx.stage_instructions(stage) {
            match inst.kind {
                InstructionKind::Copy | InstructionKind::Add => {
                    let words: Vec<&str> = match &inst.args {
                        Args::Words(w) => w.iter().map(|w| w.as_str()).collect(),
                        Args::Exec(e) => e.items.iter().map(|w| w.as_str()).collect(),
                        _ => Vec::new(),
                    };
                    let whole_root = words.len() >= 2
                        && words[..words.len() - 1]
                            .iter()
                            .any(|w| w.trim_matches('"') == "/");
                    if whole_root || words.iter().any(|w| CA_PATHS.iter().any(|p| w.contains(p))) {
                        return;
                    }
                }
                InstructionKind::Env => {
                    if let Args::KeyValues { pairs, .. } = &inst.args {
                        for pair in pairs {
                            let key = pair.key.as_str();
                            if key == "SSL_CERT_FILE" || key == "SSL_CERT_DIR" {
                                return;
                            }
                            if https.is_none() && pair.value.as_str().contains("https://") {
                                https = Some(format!("ENV {key}"));
                            }
                        }
                    }
                }
                InstructionKind::Arg | InstructionKind::Cmd | InstructionKind::Entrypoint
                    if https.is_none()
                        && inst.args.values().iter().any(|v| v.contains("https://")) =>
                {
                    https = Some(inst.keyword.as_str().to_ascii_uppercase());
                }
                _ => {}
            }
        }
        if builder.is_none() {
            builder = stage.copies_from.iter().find_map(|c| match c.source {
                CopySource::Stage { index } if !cx.stages.get(index).is_some_and(|f| f.scratch) => {
                    Some(index)
                }
                _ => None,
            });
        }
    }
    let range = root.base.range;
    let fix = builder
        .and_then(|b| cx.model.stages.get(b))
        .zip(cx.instructions.get(root.from_instruction))
        .map(|(b, from)| {
            let name = b.name.clone().unwrap_or_else(|| b.index.to_string());
            let at = from.full_range.end;
            let newline = if cx.source().get(..at).is_some_and(|s| s.ends_with('\n')) {
                ""
            } else {
                "\n"
            };
            Fix {
                title: format!("Copy the CA bundle from stage {name}"),
                edits: vec![Edit {
                    range: TextRange::empty(at),
                    replacement: format!(
                        "{newline}COPY --from={name} /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n"
                    ),
                }],
                safety: FixSafety::Unsafe,
            }
        });
    let label = if final_stage.index == root.index {
        "This scratch image".to_owned()
    } else {
        let name = root
            .name
            .as_deref()
            .map_or_else(|| root.label(), |n| format!("stage {n}"));
        format!("The final image (built on scratch through {name})")
    };
    match https {
        Some(place) => out.push(
            range,
            format!(
                "{label} has no CA certificates, and {place} names an https:// address: TLS connections will fail with \"certificate signed by unknown authority\""
            ),
            fix,
        ),
        None => out.push_with(
            Severity::Info,
            range,
            format!(
                "{label} has no CA certificates: if the program connects out over TLS (HTTPS APIs, cloud services, databases with TLS), those connections fail with \"certificate signed by unknown authority\"; a program that makes none needs no bundle"
            ),
            fix,
        ),
    }
}
