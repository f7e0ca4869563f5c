//! The messages between the page and the analysis worker, and the worker's side of the
//! conversation. The page keeps the parser (for highlighting and the structure view);
//! everything heavier (rules and their docs, the catalogue, the package tables, shell
//! analysis, the estimate, challenge grading) runs in the worker, a second wasm module
//! the page fetches only when something needs it.
//!
//! Messages travel as JSON text: the page already carries `serde_json`, so the codec
//! costs it nothing but the types' own (de)serialisers. Every request carries an id
//! chosen by the page, and the answer repeats it, so the page can tell an answer for an
//! older version of the text from the latest one.

use serde::{Deserialize, Serialize};

use crate::analysis::{self, Findings};
use crate::content::doc::{self, Doc};
use crate::estimate::Assumptions;
use crate::quiz::{self, Goal, GoalStatus};
use crate::rules;

/// A question for the worker, with the page's id for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub id: u32,
    pub ask: Ask,
}

/// What the page can ask.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ask {
    /// The diagnostics and size estimate of a Dockerfile.
    Analyse {
        text: String,
        assumptions: Assumptions,
    },
    /// A rule's documentation, for "Explain".
    Explain { rule: String },
    /// A challenge's goals graded against a Dockerfile. The goals travel with the
    /// request, so the quizzes stay out of the worker.
    Grade { text: String, goals: Vec<Goal> },
}

/// The worker's reply to the request with the same id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    pub id: u32,
    pub answer: Answer,
}

/// What the worker says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    /// Sent once, unasked (id 0), when the worker is ready to take requests.
    Ready,
    Analysed {
        findings: Box<Findings>,
    },
    /// `None` when no rule has that name.
    Explained {
        docs: Option<RuleDocs>,
    },
    Graded {
        statuses: Vec<GoalStatus>,
    },
    /// The request could not be read (a page and worker from different builds).
    Refused {
        reason: String,
    },
}

/// A rule's documentation as the page shows it: the Markdown already turned into the
/// plain-data document tree (never HTML), and the rule's equivalents elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleDocs {
    pub name: String,
    /// The lesson that explains the tradeoff, by slug.
    pub lesson: String,
    /// BuildKit's check with the same meaning.
    pub buildkit: Option<String>,
    /// The hadolint rule with the same meaning.
    pub hadolint: Option<String>,
    pub doc: Doc,
}

/// Answers one question. Never fails and never panics.
pub fn answer(ask: &Ask) -> Answer {
    match ask {
        Ask::Analyse { text, assumptions } => Answer::Analysed {
            findings: Box::new(analysis::findings(text, assumptions)),
        },
        Ask::Explain { rule } => Answer::Explained {
            docs: rules::find(rule).map(|rule| RuleDocs {
                name: rule.name.to_string(),
                lesson: rule.lesson.to_string(),
                buildkit: rule.buildkit.map(str::to_string),
                hadolint: rule.hadolint.map(str::to_string),
                doc: doc::parse(rule.docs),
            }),
        },
        Ask::Grade { text, goals } => Answer::Graded {
            statuses: quiz::grade_goals(goals, text, &analysis::analyze(text)),
        },
    }
}

/// The worker's whole job: reads a request in JSON and writes the response in JSON.
/// A request that cannot be read is refused, with id 0 when even its id is unreadable.
pub fn handle(json: &str) -> String {
    let response = match serde_json::from_str::<Request>(json) {
        Ok(request) => Response {
            id: request.id,
            answer: answer(&request.ask),
        },
        Err(error) => Response {
            id: serde_json::from_str::<IdOnly>(json).map_or(0, |only| only.id),
            answer: Answer::Refused {
                reason: format!("the request could not be read ({error})"),
            },
        },
    };
    encode(&response)
}

/// The first message the worker sends.
pub fn ready() -> String {
    encode(&Response {
        id: 0,
        answer: Answer::Ready,
    })
}

/// Just the id of a request the worker cannot otherwise read.
#[derive(Deserialize)]
struct IdOnly {
    id: u32,
}

fn encode(response: &Response) -> String {
    // Serialising these plain types cannot fail (no maps with non-string keys, no
    // non-finite floats); the fallback keeps the promise never to panic anyway.
    serde_json::to_string(response).unwrap_or_else(|_| {
        format!(
            r#"{{"id":{},"answer":{{"refused":{{"reason":"the answer could not be written"}}}}}}"#,
            response.id
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze_with;

    fn round_trip(ask: Ask) -> Answer {
        let request = serde_json::to_string(&Request { id: 7, ask }).unwrap();
        let response: Response = serde_json::from_str(&handle(&request)).unwrap();
        assert_eq!(response.id, 7);
        response.answer
    }

    #[test]
    fn analysis_crosses_intact() {
        let text = "FROM python:3.12\nRUN apt-get update && apt-get install -y gcc\nCOPY . .\nFROM scratch AS x\n";
        let assumptions = Assumptions {
            context_bytes: 3_000_000,
        };
        let whole = analyze_with(text, &assumptions);
        let Answer::Analysed { findings } = round_trip(Ask::Analyse {
            text: text.to_string(),
            assumptions,
        }) else {
            panic!("expected findings");
        };
        assert!(!findings.diagnostics.is_empty());
        assert!(findings.diagnostics.iter().any(|d| d.fix.is_some()));
        assert_eq!(findings.diagnostics, whole.diagnostics);
        assert_eq!(findings.estimate, whole.estimate);
    }

    #[test]
    fn rule_docs_cross_as_a_tree() {
        let Answer::Explained { docs: Some(docs) } = round_trip(Ask::Explain {
            rule: "latest-tag".into(),
        }) else {
            panic!("expected docs");
        };
        let rule = rules::find("latest-tag").unwrap();
        assert_eq!(docs.doc, doc::parse(rule.docs));
        assert_eq!(docs.lesson, rule.lesson);
        assert_eq!(docs.buildkit.as_deref(), rule.buildkit);
        let unknown = round_trip(Ask::Explain {
            rule: "no-such-rule".into(),
        });
        assert_eq!(unknown, Answer::Explained { docs: None });
    }

    #[test]
    fn goals_are_graded_as_sent() {
        let goal = |kind, rule: Option<&'static str>| Goal {
            kind,
            max_mb: None,
            rule: rule.map(Into::into),
            family: None,
            variant: None,
            text: "t".into(),
            explanation: "e".into(),
        };
        let goals = vec![
            goal(quiz::GoalKind::NoErrors, None),
            goal(quiz::GoalKind::RuleAbsent, Some("latest-tag")),
        ];
        let text = "FROM python:latest\n";
        let Answer::Graded { statuses } = round_trip(Ask::Grade {
            text: text.into(),
            goals: goals.clone(),
        }) else {
            panic!("expected statuses");
        };
        assert_eq!(
            statuses,
            quiz::grade_goals(&goals, text, &analysis::analyze(text))
        );
        assert!(statuses[0].met);
        assert!(!statuses[1].met);
    }

    #[test]
    fn unreadable_requests_are_refused_with_their_id() {
        let response: Response =
            serde_json::from_str(&handle(r#"{"id":9,"ask":{"kind":"dance"}}"#)).unwrap();
        assert_eq!(response.id, 9);
        assert!(matches!(response.answer, Answer::Refused { .. }));
        let response: Response = serde_json::from_str(&handle("not json")).unwrap();
        assert_eq!(response.id, 0);
        assert!(matches!(response.answer, Answer::Refused { .. }));
        let ready: Response = serde_json::from_str(&ready()).unwrap();
        assert_eq!(ready.answer, Answer::Ready);
    }
}
