//! `missing-ca-certificates`: a `scratch` image with no CA certificates
//! copied in.

use crate::compat::Detail;
use crate::diagnostic::{Edit, Fix, FixSafety, Severity};
use crate::rules::{Context, Report};
use crate::syntax::TextRange;

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
fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    for found in cx.own_breaks() {
        let Detail::Certificates(certs) = &found.detail else {
            continue;
        };
        let Some(root) = cx.model.stages.get(certs.root) else {
            continue;
        };
        let fix = certs
            .builder
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
        let final_stage = cx.model.stages.len().saturating_sub(1);
        let label = if final_stage == root.index {
            "This scratch image".to_owned()
        } else {
            let name = root
                .name
                .as_deref()
                .map_or_else(|| root.label(), |n| format!("stage {n}"));
            format!("The final image (built on scratch through {name})")
        };
        match &certs.https {
            Some(place) => out.push(
                found.range,
                format!(
                    "{label} has no CA certificates, and {place} names an https:// address: TLS connections will fail with \"certificate signed by unknown authority\""
                ),
                fix,
            ),
            None => out.push_with(
                Severity::Info,
                found.range,
                format!(
                    "{label} has no CA certificates: if the program connects out over TLS (HTTPS APIs, cloud services, databases with TLS), those connections fail with \"certificate signed by unknown authority\"; a program that makes none needs no bundle"
                ),
                fix,
            ),
        }
    }
}
