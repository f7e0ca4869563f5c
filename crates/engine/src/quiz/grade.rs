//! Grading: choice questions by the options chosen, and challenge goals from the
//! engine's analysis of the learner's Dockerfile, so the quiz and the playground
//! agree on every finding.
//!
//! Goals are graded on every keystroke in the browser, so nothing here fails or
//! panics: a half-typed Dockerfile simply leaves goals unmet, and each status carries
//! a short sentence saying where the Dockerfile stands now.

use crate::analysis::{self, Analysis};
use crate::catalogue::{Catalogue, Entry, Match};
use crate::diagnostic::Severity;
use crate::estimate::{format_bytes, point_name, point_of};
use crate::model::{BaseKind, Model};
use crate::rules;

use super::data::{Challenge, Goal, GoalKind, Kind, Question};

/// Whether `chosen` (option ids) answers a choice question rightly: the one correct
/// option for single and scenario questions, exactly the correct set for multiple
/// choice. Always false for a challenge, which is graded by its goals.
pub fn is_right<S: AsRef<str>>(question: &Question, chosen: &[S]) -> bool {
    if question.kind == Kind::Challenge || chosen.is_empty() {
        return false;
    }
    let picked = |id: &str| chosen.iter().any(|c| c.as_ref() == id);
    // Every chosen id must be a correct option, and every correct option chosen.
    chosen
        .iter()
        .all(|c| question.option(c.as_ref()).is_some_and(|o| o.correct))
        && question.correct_ids().all(picked)
}

/// Where one goal stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalStatus {
    /// Whether the Dockerfile meets the goal.
    pub met: bool,
    /// One sentence on the Dockerfile as it is now ("Estimated 134 MB on disk").
    pub now: String,
}

/// Analyses `source` and grades every goal of the challenge against it.
pub fn grade_challenge(challenge: &Challenge, source: &str) -> Vec<GoalStatus> {
    let analysis = analysis::analyze(source);
    grade_goals(&challenge.goals, source, &analysis)
}

/// Whether every goal is met (and there is at least one).
pub fn all_met(statuses: &[GoalStatus]) -> bool {
    !statuses.is_empty() && statuses.iter().all(|s| s.met)
}

/// Grades goals against an analysis of `source` that the caller already has.
pub fn grade_goals(goals: &[Goal], source: &str, analysis: &Analysis) -> Vec<GoalStatus> {
    goals
        .iter()
        .map(|goal| grade_goal(goal, source, analysis))
        .collect()
}

fn grade_goal(goal: &Goal, source: &str, analysis: &Analysis) -> GoalStatus {
    match goal.kind {
        GoalKind::RuleAbsent => rule_absent(goal.rule.as_deref().unwrap_or(""), source, analysis),
        GoalKind::NoErrors => no_errors(analysis),
        GoalKind::FinalBase => final_base_goal(
            goal.family.as_deref(),
            goal.variant.as_deref(),
            &analysis.model,
        ),
        GoalKind::MaxSize => max_size(goal.max_mb.unwrap_or(0), analysis),
    }
}

fn rule_absent(rule: &str, source: &str, analysis: &Analysis) -> GoalStatus {
    // A finding silenced by a comment is still there: the goal asks for the cause
    // to be fixed, not hidden.
    if let Some(line) = silenced_on(rule, source) {
        return GoalStatus {
            met: false,
            now: format!(
                "`{rule}` is silenced by the comment on line {line}; fix what it reports instead"
            ),
        };
    }
    let lines: Vec<usize> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| line_of(source, d.range.start))
        .collect();
    match lines.as_slice() {
        [] => GoalStatus {
            met: true,
            now: format!("`{rule}` does not fire."),
        },
        [line] => GoalStatus {
            met: false,
            now: format!("`{rule}` fires on line {line}."),
        },
        [first, rest @ ..] => GoalStatus {
            met: false,
            now: format!(
                "`{rule}` fires {} times, first on line {first}.",
                rest.len() + 1
            ),
        },
    }
}

fn no_errors(analysis: &Analysis) -> GoalStatus {
    let errors = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    GoalStatus {
        met: errors == 0,
        now: match errors {
            0 => "No errors.".to_owned(),
            1 => "1 error.".to_owned(),
            n => format!("{n} errors."),
        },
    }
}

fn max_size(max_mb: u64, analysis: &Analysis) -> GoalStatus {
    let budget = max_mb.saturating_mul(1_000_000);
    let Some(estimate) = &analysis.estimate else {
        return GoalStatus {
            met: false,
            now: "No estimate yet: the Dockerfile needs a FROM line.".to_owned(),
        };
    };
    // Without the base's size the total covers only what the Dockerfile adds, which
    // proves nothing about the image.
    if !estimate.base.known {
        return GoalStatus {
            met: false,
            now: format!(
                "The base image {} is not in the catalogue, so the image's size is unknown.",
                estimate.base.reference
            ),
        };
    }
    let bytes = estimate.total.uncompressed_bytes;
    GoalStatus {
        met: bytes <= budget,
        now: format!(
            "Estimated {} on disk; the budget is {}.",
            format_bytes(bytes),
            format_bytes(budget)
        ),
    }
}

/// The catalogue's reading of the final stage's base: the reference as shown and
/// the row it resolves to (exactly or by estimate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinalBase<'c> {
    /// The image as the learner wrote it (after ARG expansion), or `scratch`.
    pub shown: String,
    /// The catalogue row, when the image is known.
    pub entry: Option<&'c Entry>,
}

/// The base the final stage is built on, following `FROM <stage>` back to an image.
pub fn final_base<'c>(model: &Model, catalogue: &'c Catalogue) -> Option<FinalBase<'c>> {
    let mut stage = model.final_stage()?;
    // A stage can only name an earlier one, so this ends; the bound guards the loop.
    for _ in 0..=model.stages.len() {
        match &stage.base.kind {
            BaseKind::Stage { index } if *index < stage.index => {
                stage = model.stages.get(*index)?;
            }
            BaseKind::Stage { .. } | BaseKind::Invalid { .. } => return None,
            BaseKind::Scratch => {
                let resolution = catalogue.resolve_str("scratch");
                return Some(FinalBase {
                    shown: "scratch".to_owned(),
                    entry: resolution.entry,
                });
            }
            BaseKind::Image { reference } => {
                let resolution = catalogue.resolve(reference);
                let entry = match resolution.status {
                    Match::Unknown => None,
                    Match::Exact | Match::Estimated => resolution.entry,
                };
                return Some(FinalBase {
                    shown: resolution.reference,
                    entry,
                });
            }
        }
    }
    None
}

/// Whether a row is of this variant: its own variant word, or its spectrum point.
pub fn variant_matches(catalogue: &Catalogue, entry: &Entry, variant: &str) -> bool {
    entry.variant == variant || point_of(catalogue, entry).is_some_and(|p| point_name(p) == variant)
}

/// Whether a row belongs to the family (and is of the variant) a goal names.
pub fn base_matches(
    catalogue: &Catalogue,
    entry: &Entry,
    family: Option<&str>,
    variant: Option<&str>,
) -> bool {
    family.is_none_or(|f| entry.family == f)
        && variant.is_none_or(|v| variant_matches(catalogue, entry, v))
}

fn final_base_goal(family: Option<&str>, variant: Option<&str>, model: &Model) -> GoalStatus {
    let catalogue = Catalogue::builtin();
    let Some(base) = final_base(model, catalogue) else {
        return GoalStatus {
            met: false,
            now: "The final stage has no base image the catalogue can read yet.".to_owned(),
        };
    };
    let Some(entry) = base.entry else {
        return GoalStatus {
            met: false,
            now: format!(
                "The final stage is based on {}, which is not in the catalogue.",
                base.shown
            ),
        };
    };
    let point = point_of(catalogue, entry).map(point_name);
    let what = match point {
        Some(point) if point != &*entry.variant => {
            format!(
                "{} family, {} variant, {point} on the spectrum",
                entry.family, entry.variant
            )
        }
        _ => format!("{} family, {} variant", entry.family, entry.variant),
    };
    GoalStatus {
        met: base_matches(catalogue, entry, family, variant),
        now: format!("The final stage is based on {} ({what}).", base.shown),
    }
}

/// The 1-based line of a `# fromlab: ignore=` comment or `# check=skip=` directive
/// that silences `rule`, if any.
fn silenced_on(rule: &str, source: &str) -> Option<usize> {
    let buildkit = rules::find(rule).and_then(|r| r.buildkit);
    source.lines().enumerate().find_map(|(index, line)| {
        let body = line.trim_start().strip_prefix('#')?.trim();
        let names = if let Some(rest) = body.strip_prefix("fromlab:") {
            rest.trim().strip_prefix("ignore=")?
        } else {
            let (key, value) = body.split_once('=')?;
            if !key.trim().eq_ignore_ascii_case("check") {
                return None;
            }
            let skip = value.split(';').find_map(|part| {
                let (k, v) = part.split_once('=')?;
                k.trim().eq_ignore_ascii_case("skip").then_some(v)
            })?;
            let hit = skip.split(',').map(str::trim).any(|name| {
                name.eq_ignore_ascii_case("all")
                    || buildkit.is_some_and(|b| name.eq_ignore_ascii_case(b))
            });
            return hit.then_some(index + 1);
        };
        names
            .split(',')
            .map(str::trim)
            .any(|name| name == rule || name == "all")
            .then_some(index + 1)
    })
}

/// The 1-based line of a byte offset.
fn line_of(source: &str, offset: usize) -> usize {
    source
        .as_bytes()
        .iter()
        .take(offset)
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
