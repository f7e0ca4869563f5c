//! One call for everything the playground shows about a Dockerfile: the
//! diagnostics (syntax errors and rule findings, errors first), the stages,
//! an outline of the instructions, the highlighting tokens and the size
//! estimate, as owned data the app can keep while the learner types on.
//!
//! The work comes in two halves that the browser runs in different places:
//! [`structure`] (parse, stages, outline, tokens) is small and fast, so the page
//! computes it on every keystroke; [`findings`] (rules, catalogue, shell analysis,
//! estimate) is the heavy part, which runs in the analysis worker and crosses to the
//! page as serialised data (see `transport`). [`analyze_with`] does both at once for
//! native callers.

use serde::{Deserialize, Serialize};

use crate::diagnostic::{self, Diagnostic};
use crate::estimate::{self, Assumptions, Estimate};
use crate::model::Model;
use crate::rules::{self, Context};
use crate::syntax::{self, Instruction, Parse, TextRange, Token};

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

/// The cheap half of an analysis: what the editor and the structure view need at once.
#[derive(Clone, Debug)]
pub struct Structure {
    /// Stages, base images and `COPY --from` links.
    pub model: Model,
    /// Every instruction in order (the model's instruction indices index this).
    pub outline: Vec<OutlineEntry>,
    /// Highlighting tokens tiling the source.
    pub tokens: Vec<Token>,
}

/// The heavy half of an analysis: what the rules and the estimate say.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Findings {
    /// Syntax errors and rule findings, errors first, then by position.
    pub diagnostics: Vec<Diagnostic>,
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
    let Findings {
        diagnostics,
        estimate,
    } = findings_of(&parse, &cx, assumptions);
    Analysis {
        diagnostics,
        tokens: parse.tokens(),
        outline: outline(&cx.instructions),
        model: cx.model,
        estimate,
    }
}

/// The parse, stages, outline and tokens of `source`, without the rules, the catalogue
/// or the estimate. Never fails and never panics.
pub fn structure(source: &str) -> Structure {
    let parse = syntax::parse(source);
    let instructions: Vec<&Instruction> = parse.instructions().collect();
    Structure {
        outline: outline(&instructions),
        model: Model::new(&parse),
        tokens: parse.tokens(),
    }
}

/// The diagnostics and size estimate of `source`. Never fails and never panics.
pub fn findings(source: &str, assumptions: &Assumptions) -> Findings {
    let parse = syntax::parse(source);
    let cx = Context::new(&parse);
    findings_of(&parse, &cx, assumptions)
}

fn findings_of(parse: &Parse, cx: &Context, assumptions: &Assumptions) -> Findings {
    let mut diagnostics = diagnostic::syntax_diagnostics(parse);
    diagnostics.extend(rules::run(cx));
    diagnostic::sort_for_display(&mut diagnostics);
    Findings {
        diagnostics,
        estimate: estimate::estimate(cx, assumptions),
    }
}

fn outline(instructions: &[&Instruction]) -> Vec<OutlineEntry> {
    instructions
        .iter()
        .map(|inst| OutlineEntry {
            keyword: inst.keyword.as_str().to_ascii_uppercase(),
            range: inst.range,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_halves_equal_the_whole() {
        let source = "FROM python:3.12\nRUN apt-get update && apt-get install -y curl\nCOPY . .\n";
        let assumptions = Assumptions {
            context_bytes: 12_000_000,
        };
        let whole = analyze_with(source, &assumptions);
        let structure = structure(source);
        let findings = findings(source, &assumptions);
        assert!(!findings.diagnostics.is_empty());
        assert_eq!(findings.diagnostics, whole.diagnostics);
        assert_eq!(findings.estimate, whole.estimate);
        assert_eq!(structure.outline, whole.outline);
        assert_eq!(structure.tokens, whole.tokens);
        assert_eq!(structure.model.stages.len(), whole.model.stages.len());
    }
}
