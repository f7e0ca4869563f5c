//! Reading and checking quiz files against the course, the rules and the catalogue.
//!
//! Every problem is reported, not just the first, each naming the file, the line and
//! the question (and option or goal) it concerns, so one build shows an author
//! everything to fix. Challenges are graded here too: a starting Dockerfile that
//! already meets every goal teaches nothing, and a worked solution that misses one
//! would mislead.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use super::data::{Challenge, Goal, GoalKind, Kind, Question, Quiz};
use super::grade::{self, base_matches};
use crate::catalogue::{Catalogue, Point};
use crate::content::doc::{self, Block, LinkTarget, UnsupportedKind};
use crate::content::position::LineIndex;
use crate::content::slug::is_slug;
use crate::content::{ContentError, Course, SourceFile};
use crate::estimate::point_name;
use crate::rules;
use crate::syntax;

/// The number of options a choice question may have.
pub const OPTIONS: std::ops::RangeInclusive<usize> = 3..=6;

/// Reads and checks the quiz files (`content/quizzes/*.toml`, named in messages by
/// their `path`) against a checked course. `dir_shown` is the folder as messages show
/// it (`content/quizzes/`), for lessons that have no quiz file. Returns the quizzes in
/// course order, or every problem found, sorted by file and position.
pub fn load_quizzes(
    dir_shown: &str,
    files: &[SourceFile<'_>],
    course: &Course,
) -> Result<Vec<Quiz>, Vec<ContentError>> {
    let mut errors = Vec::new();
    let mut quizzes: HashMap<String, Quiz> = HashMap::new();
    for file in files {
        if let Some(quiz) = check_file(file, course, &mut errors) {
            quizzes.insert(quiz.lesson.to_string(), quiz);
        }
    }
    let stems: HashSet<&str> = files.iter().map(|file| stem(file.path)).collect();
    for lesson in &course.lessons {
        if !stems.contains(lesson.slug.as_str()) {
            errors.push(ContentError {
                path: format!("{dir_shown}{}.toml", lesson.slug),
                line: 1,
                column: 1,
                message: format!(
                    "lesson `{}` has no quiz: every lesson needs one, in this file",
                    lesson.slug
                ),
            });
        }
    }
    if errors.is_empty() {
        Ok(course
            .lessons
            .iter()
            .filter_map(|lesson| quizzes.remove(&lesson.slug))
            .collect())
    } else {
        errors.sort();
        errors.dedup();
        Err(errors)
    }
}

/// The file name without folders or the `.toml` extension.
fn stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.strip_suffix(".toml").unwrap_or(name)
}

/// Positions of the parts of a quiz file, read in a second pass that ignores
/// everything but where things are, so messages can point at the right line.
#[derive(Deserialize, Default)]
struct Spans {
    lesson: Option<Spanned<toml::Value>>,
    #[serde(default)]
    questions: Vec<QuestionSpans>,
}

#[derive(Deserialize, Default)]
struct QuestionSpans {
    id: Option<Spanned<toml::Value>>,
    prompt: Option<Spanned<toml::Value>>,
    scenario: Option<Spanned<toml::Value>>,
    #[serde(default)]
    options: Vec<OptionSpans>,
    challenge: Option<ChallengeSpans>,
}

#[derive(Deserialize, Default)]
struct OptionSpans {
    id: Option<Spanned<toml::Value>>,
    text: Option<Spanned<toml::Value>>,
    explanation: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize, Default)]
struct ChallengeSpans {
    dockerfile: Option<Spanned<toml::Value>>,
    solution: Option<Spanned<toml::Value>>,
    #[serde(default)]
    goals: Vec<GoalSpans>,
}

#[derive(Deserialize, Default)]
struct GoalSpans {
    kind: Option<Spanned<toml::Value>>,
    text: Option<Spanned<toml::Value>>,
    explanation: Option<Spanned<toml::Value>>,
}

fn start<T>(spanned: Option<&Spanned<T>>) -> Option<usize> {
    spanned.map(|s| s.span().start)
}

/// Collects the problems of one file, each placed on a line.
struct Reporter<'a> {
    path: &'a str,
    index: LineIndex<'a>,
    errors: &'a mut Vec<ContentError>,
}

impl Reporter<'_> {
    fn at(&mut self, offset: Option<usize>, message: String) {
        let (line, column) = self.index.locate(offset.unwrap_or(0));
        self.errors.push(ContentError {
            path: self.path.to_string(),
            line,
            column,
            message,
        });
    }
}

/// Where Markdown is shown, which decides what it may contain.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Inside a `<legend>` or `<label>`: paragraphs, lists, code and inline markup.
    Phrasing,
    /// Anywhere else (scenarios, explanations, goals, challenge prompts).
    Block,
}

fn check_file(
    file: &SourceFile<'_>,
    course: &Course,
    errors: &mut Vec<ContentError>,
) -> Option<Quiz> {
    let mut report = Reporter {
        path: file.path,
        index: LineIndex::new(file.text),
        errors,
    };
    let slug = stem(file.path);
    if !is_slug(slug) {
        report.at(None, format!("`{slug}` is not a valid quiz file name: name it after its lesson, `<lesson-slug>.toml`"));
        return None;
    }
    let quiz: Quiz = match toml::from_str(file.text) {
        Ok(quiz) => quiz,
        Err(error) => {
            report.at(
                error.span().map(|span| span.start),
                error.message().trim_end().to_string(),
            );
            return None;
        }
    };
    let spans: Spans = toml::from_str(file.text).unwrap_or_default();
    let lesson_at = start(spans.lesson.as_ref());
    if quiz.lesson != slug {
        report.at(
            lesson_at,
            format!(
                "`lesson = \"{}\"` must equal the file name's lesson `{slug}`",
                quiz.lesson
            ),
        );
    }
    let Some(lesson) = course.lesson(slug) else {
        report.at(
            lesson_at,
            format!("there is no lesson `{slug}` in the course (content/SUMMARY.md)"),
        );
        return None;
    };
    if quiz.questions.is_empty() {
        report.at(
            lesson_at,
            "the quiz has no questions; add at least one `[[questions]]`".into(),
        );
    }
    let anchors: HashSet<&str> = lesson
        .doc
        .headings()
        .iter()
        .map(|h| h.anchor.as_str())
        .collect();
    let links = Links {
        course,
        own: &anchors,
    };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let empty = QuestionSpans::default();
    for (index, question) in quiz.questions.iter().enumerate() {
        let spans = spans.questions.get(index).unwrap_or(&empty);
        let id_at = start(spans.id.as_ref());
        let name = format!("question `{}`", question.id);
        if !is_slug(&question.id) {
            report.at(
                id_at,
                format!("{name}: a question id must be kebab-case (lower-case ASCII letters, digits and single dashes)"),
            );
        }
        if let Some(first) = seen.get(question.id.as_ref()) {
            report.at(
                id_at,
                format!(
                    "{name}: the id is already used by question {first} of this quiz; ids must be unique"
                ),
            );
        } else {
            seen.insert(&question.id, index + 1);
        }
        check_question(question, spans, &name, &links, &mut report);
    }
    Some(quiz)
}

fn check_question(
    question: &Question,
    spans: &QuestionSpans,
    name: &str,
    links: &Links<'_>,
    report: &mut Reporter<'_>,
) {
    let id_at = start(spans.id.as_ref());
    let kind = question.kind.name();
    let prompt_place = if question.kind.has_options() {
        Place::Phrasing
    } else {
        Place::Block
    };
    links.markdown(
        &question.prompt,
        prompt_place,
        start(spans.prompt.as_ref()).or(id_at),
        &format!("{name}: the prompt"),
        report,
    );
    match (&question.scenario, question.kind) {
        (Some(scenario), Kind::Scenario) => links.markdown(
            scenario,
            Place::Block,
            start(spans.scenario.as_ref()).or(id_at),
            &format!("{name}: the scenario"),
            report,
        ),
        (None, Kind::Scenario) => report.at(
            id_at,
            format!("{name}: a scenario question needs `scenario`, the situation shown before the prompt"),
        ),
        (Some(_), _) => report.at(
            start(spans.scenario.as_ref()).or(id_at),
            format!("{name}: only scenario questions have a `scenario`; this one is `{kind}`"),
        ),
        (None, _) => {}
    }

    if question.kind.has_options() {
        if question.challenge.is_some() {
            report.at(
                id_at,
                format!(
                    "{name}: only challenges have a `[questions.challenge]`; this one is `{kind}`"
                ),
            );
        }
        check_options(question, spans, name, links, report);
        return;
    }

    if !question.options.is_empty() {
        report.at(
            id_at,
            format!(
                "{name}: a challenge has goals, not options; remove its `[[questions.options]]`"
            ),
        );
    }
    if question.fixed_order {
        report.at(
            id_at,
            format!("{name}: `fixed_order` applies to options, and a challenge has none"),
        );
    }
    match &question.challenge {
        Some(challenge) => check_challenge(
            challenge,
            spans.challenge.as_ref(),
            id_at,
            name,
            links,
            report,
        ),
        None => report.at(
            id_at,
            format!(
                "{name}: a challenge needs `[questions.challenge]` with a `dockerfile` and goals"
            ),
        ),
    }
}

fn check_options(
    question: &Question,
    spans: &QuestionSpans,
    name: &str,
    links: &Links<'_>,
    report: &mut Reporter<'_>,
) {
    let id_at = start(spans.id.as_ref());
    let count = question.options.len();
    if !OPTIONS.contains(&count) {
        report.at(
            id_at,
            format!(
                "{name}: has {count} option(s); a question needs {} to {}",
                OPTIONS.start(),
                OPTIONS.end()
            ),
        );
    }
    let correct: Vec<&str> = question.correct_ids().collect();
    let listed = correct
        .iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match question.kind {
        Kind::Single | Kind::Scenario if correct.len() != 1 => report.at(
            id_at,
            if correct.is_empty() {
                format!(
                    "{name}: no option is marked `correct = true`; a {} question needs exactly one",
                    question.kind.name()
                )
            } else {
                format!(
                    "{name}: {} options are marked correct ({listed}); a {} question needs exactly one (use `multiple` for several)",
                    correct.len(),
                    question.kind.name()
                )
            },
        ),
        Kind::Multiple if correct.is_empty() => report.at(
            id_at,
            format!("{name}: no option is marked `correct = true`; a multiple-choice question needs at least one"),
        ),
        _ => {}
    }
    let mut seen: HashSet<&str> = HashSet::new();
    let empty = OptionSpans::default();
    for (index, option) in question.options.iter().enumerate() {
        let spans = spans.options.get(index).unwrap_or(&empty);
        let at = start(spans.id.as_ref()).or(id_at);
        let option_name = format!("{name}, option `{}`", option.id);
        if !is_slug(&option.id) {
            report.at(
                at,
                format!("{option_name}: an option id must be kebab-case (`a`, `slim-base`)"),
            );
        }
        if !seen.insert(&option.id) {
            report.at(
                at,
                format!("{option_name}: the id is used twice in this question; option ids must be unique"),
            );
        }
        links.markdown(
            &option.text,
            Place::Phrasing,
            start(spans.text.as_ref()).or(at),
            &format!("{option_name}: the text"),
            report,
        );
        links.markdown(
            &option.explanation,
            Place::Block,
            start(spans.explanation.as_ref()).or(at),
            &format!("{option_name}: the explanation"),
            report,
        );
    }
}

fn check_challenge(
    challenge: &Challenge,
    spans: Option<&ChallengeSpans>,
    id_at: Option<usize>,
    name: &str,
    links: &Links<'_>,
    report: &mut Reporter<'_>,
) {
    let dockerfile_at = spans.and_then(|s| start(s.dockerfile.as_ref())).or(id_at);
    let parse = syntax::parse(&challenge.dockerfile);
    // A learner starts from this text, so it must be a working Dockerfile.
    let mut sound = true;
    if let Some(error) = parse.errors().first() {
        let line = parse.line_col(error.range.start).line;
        report.at(
            dockerfile_at,
            format!(
                "{name}: the starting Dockerfile has a syntax error on its line {line}: {}",
                error.message
            ),
        );
        sound = false;
    }
    if challenge.goals.is_empty() {
        report.at(
            dockerfile_at,
            format!("{name}: a challenge needs at least one `[[questions.challenge.goals]]`"),
        );
        return;
    }
    for (index, goal) in challenge.goals.iter().enumerate() {
        let goal_spans = spans.and_then(|s| s.goals.get(index));
        let at = goal_spans.and_then(|s| start(s.kind.as_ref())).or(id_at);
        let goal_name = format!("{name}, goal {} ({})", index + 1, goal.kind.name());
        sound &= check_goal(goal, at, &goal_name, report);
        links.markdown(
            &goal.text,
            Place::Block,
            goal_spans.and_then(|s| start(s.text.as_ref())).or(at),
            &format!("{goal_name}: the text"),
            report,
        );
        links.markdown(
            &goal.explanation,
            Place::Block,
            goal_spans
                .and_then(|s| start(s.explanation.as_ref()))
                .or(at),
            &format!("{goal_name}: the explanation"),
            report,
        );
    }
    // Grading a goal that names nothing real, or a Dockerfile that does not parse,
    // proves nothing, so the grading checks run only when both are sound.
    if !sound {
        return;
    }
    let at_start = grade::grade_challenge(challenge, &challenge.dockerfile);
    if grade::all_met(&at_start) {
        report.at(
            dockerfile_at,
            format!("{name}: the starting Dockerfile already meets every goal, so there is nothing to solve"),
        );
    }
    if let Some(solution) = &challenge.solution {
        let solution_at = spans.and_then(|s| start(s.solution.as_ref())).or(id_at);
        let parse = syntax::parse(solution);
        if let Some(error) = parse.errors().first() {
            let line = parse.line_col(error.range.start).line;
            report.at(
                solution_at,
                format!(
                    "{name}: the solution has a syntax error on its line {line}: {}",
                    error.message
                ),
            );
        }
        let solved = grade::grade_challenge(challenge, solution);
        let missed: Vec<String> = solved
            .iter()
            .enumerate()
            .filter(|(_, status)| !status.met)
            .map(|(index, status)| format!("goal {} ({})", index + 1, status.now))
            .collect();
        if !missed.is_empty() {
            report.at(
                solution_at,
                format!("{name}: the solution does not meet {}", missed.join("; ")),
            );
        }
    }
}

/// Checks the fields a goal's kind needs, and that what it names exists. Returns
/// whether the goal can be graded.
fn check_goal(goal: &Goal, at: Option<usize>, name: &str, report: &mut Reporter<'_>) -> bool {
    let mut sound = true;
    let given: [(&str, bool); 4] = [
        ("max_mb", goal.max_mb.is_some()),
        ("rule", goal.rule.is_some()),
        ("family", goal.family.is_some()),
        ("variant", goal.variant.is_some()),
    ];
    let allowed: &[&str] = match goal.kind {
        GoalKind::MaxSize => &["max_mb"],
        GoalKind::RuleAbsent => &["rule"],
        GoalKind::NoErrors => &[],
        GoalKind::FinalBase => &["family", "variant"],
    };
    for (field, present) in given {
        if present && !allowed.contains(&field) {
            report.at(
                at,
                format!("{name}: `{field}` does not apply to this kind of goal"),
            );
            sound = false;
        }
    }
    match goal.kind {
        GoalKind::MaxSize => match goal.max_mb {
            None | Some(0) => {
                report.at(
                    at,
                    format!("{name}: needs `max_mb`, the budget in MB on disk (at least 1)"),
                );
                sound = false;
            }
            Some(_) => {}
        },
        GoalKind::RuleAbsent => match goal.rule.as_deref() {
            None => {
                report.at(at, format!("{name}: needs `rule`, a rule name"));
                sound = false;
            }
            Some(rule) if rules::find(rule).is_none() => {
                let known: Vec<&str> = rules::RULES.iter().map(|r| r.name).collect();
                let hint = match suggestion(rule, &known) {
                    close if close.starts_with(';') => close,
                    _ => " (`fromlab rules` lists them)".to_string(),
                };
                report.at(at, format!("{name}: there is no rule `{rule}`{hint}"));
                sound = false;
            }
            Some(_) => {}
        },
        GoalKind::NoErrors => {}
        GoalKind::FinalBase => sound &= check_base(goal, at, name, report),
    }
    sound
}

fn check_base(goal: &Goal, at: Option<usize>, name: &str, report: &mut Reporter<'_>) -> bool {
    let catalogue = Catalogue::builtin();
    let family = goal.family.as_deref();
    let variant = goal.variant.as_deref();
    if family.is_none() && variant.is_none() {
        report.at(at, format!("{name}: needs `family`, `variant` or both"));
        return false;
    }
    let mut sound = true;
    if let Some(family) = family
        && catalogue.family(family).is_none()
    {
        let known: Vec<&str> = catalogue.families.iter().map(|f| &*f.name).collect();
        report.at(
            at,
            format!(
                "{name}: the catalogue has no family `{family}`{}",
                suggestion(family, &known)
            ),
        );
        sound = false;
    }
    if let Some(variant) = variant {
        let mut known: Vec<&str> = Point::SPECTRUM.iter().map(|p| point_name(*p)).collect();
        known.push(point_name(Point::Alternative));
        for entry in catalogue.images.iter() {
            if !known.contains(&&*entry.variant) {
                known.push(&entry.variant);
            }
        }
        if !known.contains(&variant) {
            report.at(
                at,
                format!(
                    "{name}: the catalogue has no variant `{variant}`{}",
                    suggestion(variant, &known)
                ),
            );
            sound = false;
        }
    }
    if sound
        && !catalogue
            .images
            .iter()
            .any(|entry| base_matches(catalogue, entry, family, variant))
    {
        report.at(
            at,
            format!(
                "{name}: no catalogue image is of family `{}` and variant `{}`, so the goal cannot be met",
                family.unwrap_or("any"),
                variant.unwrap_or("any")
            ),
        );
        sound = false;
    }
    sound
}

/// "; did you mean `x`?" for the known name closest to a misspelt one, or where to
/// look when none is close.
fn suggestion(wrong: &str, known: &[&str]) -> String {
    let closest = known
        .iter()
        .map(|name| (edit_distance(wrong, name), *name))
        .min();
    match closest {
        Some((distance, name)) if distance <= 2 => format!("; did you mean `{name}`?"),
        _ => " (see the families and `variant` values in content/catalogue.toml)".to_string(),
    }
}

/// The Levenshtein distance between two short names.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            let insert = current[j] + 1;
            let delete = previous[j + 1] + 1;
            current.push(substitute.min(insert).min(delete));
        }
        previous = current;
    }
    previous[b.len()]
}

/// What links in quiz text may point to.
struct Links<'a> {
    course: &'a Course,
    /// Anchors of the quiz's own lesson, for `[text](#anchor)`.
    own: &'a HashSet<&'a str>,
}

impl Links<'_> {
    /// Checks one Markdown field and reports each problem at the field's position.
    fn markdown(
        &self,
        text: &str,
        place: Place,
        at: Option<usize>,
        what: &str,
        report: &mut Reporter<'_>,
    ) {
        if text.trim().is_empty() {
            report.at(at, format!("{what} is empty"));
            return;
        }
        let parsed = doc::parse(text);
        for found in &parsed.unsupported {
            let problem = match found.what {
                UnsupportedKind::Html => "raw HTML, which would be shown as text",
                UnsupportedKind::Image => "an image, which the app cannot show",
            };
            report.at(at, format!("{what} contains {problem}"));
        }
        let mut blocks_seen = Vec::new();
        visit(&parsed.blocks, &mut |block| blocks_seen.push(block));
        for block in blocks_seen {
            let problem = match (block, place) {
                (Block::Heading(_), _) => {
                    Some("a heading; the quiz supplies its own headings, so use **bold** instead")
                }
                (Block::Table(_), Place::Phrasing) => Some(
                    "a table, which cannot be shown inside a form label; move it to the scenario or an explanation",
                ),
                (Block::Quote(_), Place::Phrasing) => Some(
                    "a block quote, which cannot be shown inside a form label; move it to the scenario or an explanation",
                ),
                (Block::Rule, Place::Phrasing) => {
                    Some("a horizontal rule, which cannot be shown inside a form label")
                }
                _ => None,
            };
            if let Some(problem) = problem {
                report.at(at, format!("{what} contains {problem}"));
            }
        }
        for link in parsed.links() {
            let problem = match &link.target {
                LinkTarget::External(_) => None,
                LinkTarget::Anchor(anchor) => (!self.own.contains(anchor.as_str())).then(|| {
                    format!("links to `#{anchor}`, but this quiz's lesson has no heading with that anchor")
                }),
                LinkTarget::Lesson { slug, anchor } => match self.course.lesson(slug) {
                    None => Some(format!(
                        "links to `{slug}.md`, but there is no such lesson"
                    )),
                    Some(lesson) => anchor.as_ref().and_then(|anchor| {
                        let found = lesson.doc.headings().iter().any(|h| &h.anchor == anchor);
                        (!found).then(|| {
                            format!("links to `{slug}.md#{anchor}`, but that lesson has no heading with that anchor")
                        })
                    }),
                },
                LinkTarget::Unsupported(dest) => Some(format!(
                    "links to `{dest}`; link to a lesson as `<slug>.md`, to a heading of this quiz's lesson as `#anchor`, or to an absolute https:// URL"
                )),
            };
            if let Some(problem) = problem {
                report.at(at, format!("{what} {problem}"));
            }
        }
    }
}

fn visit<'a>(blocks: &'a [Block], f: &mut impl FnMut(&'a Block)) {
    for block in blocks {
        f(block);
        match block {
            Block::List(list) => {
                for item in &list.items {
                    visit(item, f);
                }
            }
            Block::Quote(inner) => visit(inner, f),
            _ => {}
        }
    }
}
