//! One call for everything the playground shows about a Dockerfile: the
//! diagnostics (syntax errors and rule findings, errors first), the stages,
//! and the highlighting tokens, as owned data the app can keep while the
//! learner types on.

use serde::Serialize;

use crate::diagnostic::{self, Diagnostic};
use crate::model::Model;
use crate::rules::{self, Context};
use crate::syntax::{self, Token};

/// The analysis of one version of a Dockerfile.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    /// Syntax errors and rule findings, errors first, then by position.
    pub diagnostics: Vec<Diagnostic>,
    /// Stages, base images and `COPY --from` links.
    pub model: Model,
    /// Highlighting tokens tiling the source.
    pub tokens: Vec<Token>,
}

/// Analyses `source`. Never fails and never panics.
pub fn analyze(source: &str) -> Analysis {
    let parse = syntax::parse(source);
    let cx = Context::new(&parse);
    let mut diagnostics = diagnostic::syntax_diagnostics(&parse);
    diagnostics.extend(rules::run(&cx));
    diagnostic::sort_for_display(&mut diagnostics);
    Analysis {
        diagnostics,
        tokens: parse.tokens(),
        model: cx.model,
    }
}
