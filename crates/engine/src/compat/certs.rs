//! CA certificates on `scratch`: an image built on the empty image has no CA
//! bundle unless a `COPY` or `ADD` brings one (or `SSL_CERT_FILE` /
//! `SSL_CERT_DIR` points elsewhere), and then every outgoing TLS connection
//! fails. Whether the image is configured with an `https://` address says
//! how likely that is.

use crate::diagnostic::Severity;
use crate::model::CopySource;
use crate::rules::Context;
use crate::syntax::{Args, InstructionKind};

use super::{Break, Detail, Problem, Target};

/// Words in a `COPY` or `ADD` that show a CA bundle is copied in.
const CA_PATHS: [&str; 6] = [
    "ca-certificates",
    "/etc/ssl",
    "/etc/pki",
    "ca-bundle",
    "cacert",
    "certs",
];

/// A scratch image with no CA bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Certificates {
    /// The stage whose `FROM` starts the image from scratch.
    pub root: usize,
    /// Where the image names an `https://` address (`ENV API_URL`, `CMD`),
    /// if it does.
    pub https: Option<String>,
    /// An earlier stage the image copies from (not itself built on
    /// scratch), where a bundle can be copied from.
    pub builder: Option<usize>,
}

/// Reports a missing CA bundle when the image the stages of `chain` make
/// (oldest first) starts from scratch on `target`.
pub(super) fn check(cx: &Context<'_, '_>, chain: &[usize], target: &Target, out: &mut Vec<Break>) {
    if !target.scratch {
        return;
    }
    // The stage that starts from scratch: certificates belong right after it.
    let Some(root) = chain.first().and_then(|&i| cx.model.stages.get(i)) else {
        return;
    };
    let mut https: Option<String> = None;
    let mut builder: Option<usize> = None;
    for &s in chain {
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
    out.push(Break {
        problem: Problem::MissingCaCertificates,
        severity: Severity::Warning,
        instruction: root.from_instruction,
        range: root.base.range,
        message: format!(
            "{} has no CA certificates, so HTTPS and other TLS connections fail unless you copy a bundle in (COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/)",
            target.name
        ),
        detail: Detail::Certificates(Certificates {
            root: root.index,
            https,
            builder,
        }),
    });
}
