//! `expose-protocol-casing`: `EXPOSE 80/TCP` with the protocol not in
//! lower case (BuildKit's `ExposeProtoCasing`).

use crate::diagnostic::{Edit, Fix, FixSafety};
use crate::expand::{Lex, Vars};
use crate::rules::buildkit::{is_verbatim, port_spec, walk};
use crate::rules::{Context, Report};
use crate::syntax::{Args, InstructionKind, TextRange};

crate::declare_rule! {
    /// ## What it does
    /// Flags a port in `EXPOSE` whose protocol is not written in lower case:
    /// `EXPOSE 53/UDP`.
    ///
    /// This is BuildKit's build check `ExposeProtoCasing`; `docker build`
    /// prints `Defined protocol '53/UDP' in EXPOSE instruction should be lowercase`.
    ///
    /// ## Why it matters
    /// Docker lower-cases the protocol when it records the port, so the image
    /// is the same either way; the check is about a consistent, greppable
    /// Dockerfile. `EXPOSE` is documentation of which ports the program
    /// listens on, so it should read the way `docker inspect` and
    /// `docker run -p` write them.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// EXPOSE 53/UDP
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM alpine:3.21
    /// EXPOSE 53/udp
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes the protocol in lower case. It is safe: Docker does the
    /// same when it records the port. Ports given through a variable get no
    /// fix.
    ///
    /// ## Learn more
    /// The lesson on auditing and choosing a base image (best practices).
    pub static RULE = {
        name: "expose-protocol-casing",
        code: "FL418",
        severity: Warning,
        category: BuildCheck,
        summary: "An `EXPOSE` protocol is not in lower case",
        lesson: "auditing-and-choosing",
        buildkit: Some("ExposeProtoCasing"),
        hadolint: None,
        check: check,
    };
}

fn check(cx: &Context<'_, '_>, out: &mut Report<'_>) {
    let lex = Lex::new(cx.parse.escape());
    let source = cx.source();
    walk(cx, |inst, scope| {
        let (InstructionKind::Expose, Args::Words(words)) = (&inst.kind, &inst.args) else {
            return;
        };
        for word in words {
            let Ok(ports) = lex.process_words(word.as_str(), &Vars(scope.env())) else {
                continue;
            };
            let literal = ports.len() == 1
                && ports.first().map(String::as_str) == Some(word.as_str())
                && is_verbatim(source, word);
            for port in &ports {
                let Some(spec) = port_spec(port) else {
                    continue;
                };
                let lower = spec.protocol.to_ascii_lowercase();
                if spec.protocol == lower {
                    continue;
                }
                let fix = literal.then(|| {
                    let at = word.range.end - spec.protocol.len();
                    Fix {
                        title: format!("Write `{lower}`"),
                        edits: vec![Edit {
                            range: TextRange::new(at, word.range.end),
                            replacement: lower.clone(),
                        }],
                        safety: FixSafety::Safe,
                    }
                });
                out.push(
                    word.range,
                    format!(
                        "protocol `{}` in `{port}` should be lower case: `{lower}`",
                        spec.protocol
                    ),
                    fix,
                );
            }
        }
    });
}
