//! What rules look at: the parse, the instructions in order, the stages, and
//! for each stage what the catalogue knows about its base, computed once so
//! forty rules do not resolve the same image forty times.

use std::cell::OnceCell;

use crate::catalogue::{BaseFacts, Catalogue, Match, Resolution};
use crate::compat::{self, Break, Copied};
use crate::estimate::{DEFAULT_CONTEXT_BYTES, plan::Plan};
use crate::model::{BaseKind, Model, Stage};
use crate::syntax::{Instruction, Node, Parse, TextRange};
use crate::walk::Walk;

use super::Rule;

/// The catalogue's view of one stage's base.
#[derive(Debug, Clone)]
pub struct StageFacts<'c> {
    /// The resolution of the base image (`None` for `scratch`'s absence of
    /// an image, a stage base or an invalid reference).
    pub resolution: Option<Resolution<'c>>,
    /// The facts of the base (libc, shell, package manager, ...), following
    /// `FROM <earlier stage>` to that stage's base.
    pub facts: BaseFacts,
    /// Whether the base is `scratch` (directly or through earlier stages).
    pub scratch: bool,
}

/// Everything a rule can look at.
pub struct Context<'a, 'p> {
    /// The parse.
    pub parse: &'p Parse<'a>,
    /// The instructions in order (indices match the model's).
    pub instructions: Vec<&'p Instruction<'a>>,
    /// Stages and global ARGs.
    pub model: Model,
    /// The built-in catalogue.
    pub catalogue: &'static Catalogue,
    /// One entry per stage.
    pub stages: Vec<StageFacts<'static>>,
    /// For each instruction, the rules silenced by `# fromlab: ignore=` on
    /// the line before it.
    ignores: Vec<(TextRange, Vec<String>)>,
    /// BuildKit check names skipped by `# check=skip=` (`all` skips all).
    skipped: Vec<String>,
    /// `# check=error=true`.
    error: bool,
    /// Every stage read in order (scopes, `RUN` scripts analysed, copies),
    /// made on first use and shared by the rules and the estimate.
    walk: OnceCell<Walk<'a>>,
    /// Every stage estimated, made on first use.
    plan: OnceCell<Plan<'a>>,
    /// What breaks in every stage on its own base, found once for the six
    /// compatibility rules.
    own_breaks: OnceCell<Vec<Break>>,
    /// Per stage, the programs its `COPY --from`s bring in and how they are
    /// linked: the same whichever base the what-if table tries.
    copied: Vec<OnceCell<Vec<Copied>>>,
}

impl<'a, 'p> Context<'a, 'p> {
    /// Builds the context of a parse.
    pub fn new(parse: &'p Parse<'a>) -> Context<'a, 'p> {
        let instructions: Vec<&'p Instruction<'a>> = parse.instructions().collect();
        let model = Model::new(parse);
        let catalogue = Catalogue::builtin();
        let mut stages: Vec<StageFacts<'static>> = Vec::with_capacity(model.stages.len());
        for stage in &model.stages {
            let facts =
                match &stage.base.kind {
                    BaseKind::Image { reference } => {
                        // Large files repeat a handful of bases: resolve each once.
                        let earlier = model.stages.iter().zip(&stages).find_map(|(s, f)| match &s
                            .base
                            .kind
                        {
                            BaseKind::Image { reference: r } if r == reference => {
                                f.resolution.clone()
                            }
                            _ => None,
                        });
                        let resolution = earlier.unwrap_or_else(|| catalogue.resolve(reference));
                        let facts = resolution.facts();
                        StageFacts {
                            resolution: Some(resolution),
                            facts,
                            scratch: false,
                        }
                    }
                    BaseKind::Scratch => StageFacts {
                        resolution: None,
                        facts: BaseFacts::default(),
                        scratch: true,
                    },
                    BaseKind::Stage { index } => {
                        let from = &stages[*index];
                        StageFacts {
                            resolution: None,
                            facts: from.facts.clone(),
                            scratch: from.scratch,
                        }
                    }
                    BaseKind::Invalid { .. } => StageFacts {
                        resolution: None,
                        facts: BaseFacts::default(),
                        scratch: false,
                    },
                };
            stages.push(facts);
        }
        let (skipped, error) = check_directive(parse);
        let copied = stages.iter().map(|_| OnceCell::new()).collect();
        Context {
            parse,
            ignores: ignore_comments(parse),
            instructions,
            model,
            catalogue,
            stages,
            skipped,
            error,
            walk: OnceCell::new(),
            plan: OnceCell::new(),
            own_breaks: OnceCell::new(),
            copied,
        }
    }

    /// Every stage read in order, the way BuildKit applies it.
    pub(crate) fn walk(&self) -> &Walk<'a> {
        self.walk.get_or_init(|| Walk::new(self))
    }

    /// What breaks in every stage on its own base ([`compat::own_breaks`]).
    pub(crate) fn own_breaks(&self) -> &[Break] {
        self.own_breaks.get_or_init(|| compat::own(self))
    }

    /// The programs the `COPY --from`s of a stage bring in, found once per
    /// stage.
    pub(crate) fn copied(&self, stage: usize) -> &[Copied] {
        self.copied.get(stage).map_or(&[], |cell| {
            cell.get_or_init(|| compat::linking::copied_binaries(self, stage))
        })
    }

    /// Every stage read and estimated (with the default build-context size).
    pub(crate) fn plan(&self) -> &Plan<'a> {
        self.plan
            .get_or_init(|| Plan::new(self, DEFAULT_CONTEXT_BYTES))
    }

    /// The source text.
    pub fn source(&self) -> &'a str {
        self.parse.source()
    }

    /// The instructions of a stage (after its `FROM`), with their indices.
    pub fn stage_instructions(
        &self,
        stage: &Stage,
    ) -> impl Iterator<Item = (usize, &'p Instruction<'a>)> + '_ {
        stage
            .instructions
            .clone()
            .filter_map(move |i| self.instructions.get(i).map(|inst| (i, *inst)))
    }

    /// The final stage and its facts.
    pub fn final_stage(&self) -> Option<(&Stage, &StageFacts<'static>)> {
        let stage = self.model.stages.last()?;
        Some((stage, self.stages.get(stage.index)?))
    }

    /// Whether the base of a stage is known to the catalogue (exactly or by
    /// estimate).
    pub fn base_known(&self, stage: usize) -> bool {
        self.stages
            .get(stage)
            .and_then(|s| s.resolution.as_ref())
            .is_some_and(|r| r.status != Match::Unknown)
    }

    pub(super) fn skips_buildkit_rule(&self, rule: &Rule) -> bool {
        rule.buildkit.is_some_and(|name| {
            self.skipped
                .iter()
                .any(|s| s.eq_ignore_ascii_case("all") || s.eq_ignore_ascii_case(name))
        })
    }

    pub(super) fn buildkit_errors(&self) -> bool {
        self.error
    }

    pub(super) fn is_ignored(&self, rule: &str, range: TextRange) -> bool {
        self.ignores.iter().any(|(r, rules)| {
            r.contains_range(range) && rules.iter().any(|n| n == rule || n == "all")
        })
    }
}

/// `# check=skip=A,B;error=true` (BuildKit's build-check directive).
fn check_directive(parse: &Parse<'_>) -> (Vec<String>, bool) {
    let Some(d) = parse.directive("check") else {
        return (Vec::new(), false);
    };
    let mut skipped = Vec::new();
    let mut error = false;
    for part in d.value.as_str().split(';') {
        let Some((k, v)) = part.split_once('=') else {
            continue;
        };
        match k.trim().to_ascii_lowercase().as_str() {
            "skip" => skipped.extend(v.split(',').map(|s| s.trim().to_string())),
            "error" => error = v.trim().eq_ignore_ascii_case("true"),
            _ => {}
        }
    }
    (skipped, error)
}

/// `# fromlab: ignore=rule[,rule]` comments, each applying to the
/// instruction that follows it (comment and blank lines may sit between).
fn ignore_comments(parse: &Parse<'_>) -> Vec<(TextRange, Vec<String>)> {
    let mut out = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    for node in parse.nodes() {
        match node {
            Node::Comment(t) => {
                let text = t.range.slice(parse.source()).trim();
                let body = text.trim_start_matches('#').trim();
                if let Some(rest) = body.strip_prefix("fromlab:") {
                    let rest = rest.trim();
                    if let Some(list) = rest.strip_prefix("ignore=") {
                        pending.extend(
                            list.split(',')
                                .map(|s| s.trim().to_string())
                                .filter(|s| !s.is_empty()),
                        );
                    }
                }
            }
            Node::Blank(_) => {}
            Node::Instruction(inst) => {
                if !pending.is_empty() {
                    out.push((inst.full_range, std::mem::take(&mut pending)));
                }
            }
            _ => pending.clear(),
        }
    }
    out
}
