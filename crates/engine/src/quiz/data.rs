//! The quiz format: what `content/quizzes/<lesson-slug>.toml` holds, as serde types.
//!
//! Text and lists are `Cow<'static, …>` so that the app's build script can write the
//! checked quizzes as `static` data borrowed from the binary (see [`super::codegen`]),
//! while the same types deserialise owned data from TOML at build time and in tests.
//! Every struct rejects unknown fields, so a misspelt key is an error rather than a
//! silently missing part of a question.

use std::borrow::Cow;

use serde::Deserialize;

/// Text that is usually borrowed from the compiled-in quizzes.
pub type Text = Cow<'static, str>;

/// A list that is usually borrowed from the compiled-in quizzes.
pub type List<T> = Cow<'static, [T]>;

/// One lesson's quiz.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quiz {
    /// The lesson slug; equals the file stem.
    pub lesson: Text,
    /// The questions, in the order they are asked.
    #[serde(default)]
    pub questions: List<Question>,
}

/// What kind of question it is, which decides how it is answered and graded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// One right option among several.
    Single,
    /// "Select all that apply": right when exactly the correct options are chosen.
    Multiple,
    /// A described application and a choice of base: one right option, with the
    /// situation shown before the prompt.
    Scenario,
    /// A starting Dockerfile to edit until every goal is met.
    Challenge,
}

impl Kind {
    /// The kind as written in the TOML.
    pub const fn name(self) -> &'static str {
        match self {
            Kind::Single => "single",
            Kind::Multiple => "multiple",
            Kind::Scenario => "scenario",
            Kind::Challenge => "challenge",
        }
    }

    /// Whether the question is answered by choosing options.
    pub const fn has_options(self) -> bool {
        !matches!(self, Kind::Challenge)
    }
}

/// One question. Which optional parts must be present depends on [`Kind`]; the
/// checks in [`super::check`] enforce it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Unique within the quiz, kebab-case; with the lesson slug it names the
    /// learner's progress record, so it never changes once published.
    pub id: Text,
    pub kind: Kind,
    /// Markdown.
    pub prompt: Text,
    /// Markdown describing the situation (scenario questions only).
    #[serde(default)]
    pub scenario: Option<Text>,
    /// Keeps the options in their written order instead of shuffling them.
    #[serde(default)]
    pub fixed_order: bool,
    /// The options (every kind but challenge).
    #[serde(default)]
    pub options: List<Choice>,
    /// The Dockerfile and goals (challenges only).
    #[serde(default)]
    pub challenge: Option<Challenge>,
}

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Unique within the question.
    pub id: Text,
    /// Markdown.
    pub text: Text,
    /// Whether choosing it is part of the right answer.
    #[serde(default)]
    pub correct: bool,
    /// Markdown: why this option is right or wrong, shown after answering.
    pub explanation: Text,
}

/// A Dockerfile challenge.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Challenge {
    /// The Dockerfile the learner starts from; it must parse without errors and
    /// must not already meet every goal.
    pub dockerfile: Text,
    /// A worked answer. Optional; when given, the checks prove it meets every goal,
    /// "Show answers" displays it, and the browser tests solve the challenge with it.
    #[serde(default)]
    pub solution: Option<Text>,
    /// What to achieve, graded live as the learner types.
    #[serde(default)]
    pub goals: List<Goal>,
}

/// Which test a goal applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GoalKind {
    /// The final image is estimated at most `max_mb` MB on disk.
    MaxSize,
    /// The rule named by `rule` does not fire.
    RuleAbsent,
    /// No diagnostic has error severity.
    NoErrors,
    /// The final stage's base resolves to `family` and/or `variant`.
    FinalBase,
}

impl GoalKind {
    /// The kind as written in the TOML.
    pub const fn name(self) -> &'static str {
        match self {
            GoalKind::MaxSize => "max-size",
            GoalKind::RuleAbsent => "rule-absent",
            GoalKind::NoErrors => "no-errors",
            GoalKind::FinalBase => "final-base",
        }
    }
}

/// One goal of a challenge. The fields a kind needs are checked by
/// [`super::check`]; a field another kind uses is rejected there too.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub kind: GoalKind,
    /// `max-size`: the budget in decimal megabytes on disk.
    #[serde(default)]
    pub max_mb: Option<u64>,
    /// `rule-absent`: a rule name from `rules::RULES`.
    #[serde(default)]
    pub rule: Option<Text>,
    /// `final-base`: a catalogue family name (`python`).
    #[serde(default)]
    pub family: Option<Text>,
    /// `final-base`: a catalogue variant or spectrum point (`slim`, `distroless`).
    #[serde(default)]
    pub variant: Option<Text>,
    /// Markdown: what to achieve.
    pub text: Text,
    /// Markdown: why it matters, shown once the goal is met.
    pub explanation: Text,
}

impl Quiz {
    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// How many questions are challenges.
    pub fn challenge_count(&self) -> usize {
        self.questions
            .iter()
            .filter(|q| q.kind == Kind::Challenge)
            .count()
    }
}

impl Question {
    /// The ids of the correct options, in written order.
    pub fn correct_ids(&self) -> impl Iterator<Item = &str> {
        self.options
            .iter()
            .filter(|o| o.correct)
            .map(|o| o.id.as_ref())
    }

    /// The option with this id.
    pub fn option(&self, id: &str) -> Option<&Choice> {
        self.options.iter().find(|o| o.id == id)
    }
}
