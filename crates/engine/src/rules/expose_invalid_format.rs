//! `expose-invalid-format`: `EXPOSE` with an IP address or a host port
//! (BuildKit's `ExposeInvalidFormat`).

use crate::diagnostic::{Edit, Fix, FixSafety};
use crate::expand::{Lex, Vars};
use crate::rules::buildkit::{is_verbatim, port_spec, walk};
use crate::rules::{Context, Report};
use crate::syntax::{Args, InstructionKind};

crate::declare_rule! {
    /// ## What it does
    /// Flags a port in `EXPOSE` that names an IP address or a host port, as
    /// `docker run -p` does: `EXPOSE 8080:80` or `EXPOSE 127.0.0.1:80:80`.
    ///
    /// This is BuildKit's build check `ExposeInvalidFormat`; `docker build`
    /// prints `EXPOSE instruction should not define an IP address or
    /// host-port mapping, found '127.0.0.1:80:80'`.
    ///
    /// ## Why it matters
    /// An image cannot decide which host port or address it is published on:
    /// that is the choice of whoever runs it. Docker keeps only the container
    /// port and throws the rest away, so `EXPOSE 8080:80` quietly documents
    /// port 80 while suggesting 8080 to the reader. Docker plans to reject
    /// this form.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27-alpine
    /// EXPOSE 8080:80
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM nginx:1.27-alpine
    /// EXPOSE 80
    /// ```
    /// and publish it with `docker run -p 8080:80`.
    ///
    /// ## Fix safety
    /// The fix keeps only the container port (and protocol). It is safe: that
    /// is all Docker records anyway. Ports given through a variable get no
    /// fix.
    ///
    /// ## Learn more
    /// The lesson on auditing and choosing a base image (best practices).
    pub static RULE = {
        name: "expose-invalid-format",
        code: "FL419",
        severity: Warning,
        category: BuildCheck,
        summary: "`EXPOSE` names an IP address or a host port",
        lesson: "auditing-and-choosing",
        buildkit: Some("ExposeInvalidFormat"),
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
                if spec.ip.is_empty() && spec.host_port.is_empty() {
                    continue;
                }
                let what = if spec.ip.is_empty() {
                    "a host port"
                } else {
                    "an IP address and a host port"
                };
                let fix = literal.then(|| Fix {
                    title: format!("Write `{}`", spec.container),
                    edits: vec![Edit {
                        range: word.range,
                        replacement: spec.container.to_string(),
                    }],
                    safety: FixSafety::Safe,
                });
                out.push(
                    word.range,
                    format!(
                        "`{port}` gives {what}, which EXPOSE ignores: only the container port `{}` is recorded",
                        spec.container
                    ),
                    fix,
                );
            }
        }
    });
}
