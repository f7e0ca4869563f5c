//! One call for everything the playground shows about a Dockerfile: the
//! diagnostics (syntax errors and rule findings, errors first), the stages,
//! an outline of the instructions, the highlighting tokens and the size
//! estimate, as owned data the app can keep while the learner types on.

use serde::Serialize;

use crate::diagnostic::{self, Diagnostic};
use crate::estimate::{self, Assumptions, Estimate};
use crate::model::Model;
use crate::rules::{self, Context};
use crate::syntax::{self, TextRange, Token};

/// The analysis of one version of a Dockerfile.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    /// Syntax errors and rule findings, errors first, then by position.
    pub diagnostics: Vec<Diagnostic>,
    /// Stages, base images and `COPY --from` links.
    pub model: Model,
    /// Every instruction in order (the model's instruction indices index this).
    pub outline: Vec<OutlineEntry>,
    /// Highlighting tokens tiling the source.
    pub tokens: Vec<Token>,
    /// The estimated size of the final image (`None` when there is no `FROM`).
    pub estimate: Option<Estimate>,
}

/// One instruction as the structure view lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutlineEntry {
    /// The keyword in upper case (`COPY`), or as written when it is not one.
    pub keyword: String,
    /// From the keyword to the end of the instruction.
    pub range: TextRange,
}

/// Analyses `source` with the default assumptions (a 5 MB build context).
/// Never fails and never panics.
pub fn analyze(source: &str) -> Analysis {
    analyze_with(source, &Assumptions::default())
}

/// Analyses `source`, estimating the size with the learner's assumptions.
pub fn analyze_with(source: &str, assumptions: &Assumptions) -> Analysis {
    let parse = syntax::parse(source);
    let cx = Context::new(&parse);
    let mut diagnostics = diagnostic::syntax_diagnostics(&parse);
    diagnostics.extend(rules::run(&cx));
    diagnostic::sort_for_display(&mut diagnostics);
    let outline = cx
        .instructions
        .iter()
        .map(|inst| OutlineEntry {
            keyword: inst.keyword.as_str().to_ascii_uppercase(),
            range: inst.range,
        })
        .collect();
    let estimate = estimate::estimate(&cx, assumptions);
    Analysis {
        diagnostics,
        tokens: parse.tokens(),
        outline,
        model: cx.model,
        estimate,
    }
}
