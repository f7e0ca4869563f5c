//! Quizzes: one per lesson, in `content/quizzes/<lesson-slug>.toml`, with single,
//! multiple-choice, scenario and Dockerfile-challenge questions.
//!
//! Quizzes flow through named stages like the lessons do:
//! 1. [`files::QuizFiles::read`] reads the folder (native callers only);
//! 2. [`check::load_quizzes`] parses each file into [`Quiz`] values and checks them
//!    against the course, the rules and the catalogue, reporting every problem with
//!    its file, line and question;
//! 3. [`codegen::to_rust`] writes the checked quizzes as `static` data for the app's
//!    build script, so the browser carries no TOML parser;
//! 4. in the browser, [`shuffle::option_order`] orders options per attempt, and
//!    [`grade`] grades answers and challenge goals as the learner types.

pub mod check;
pub mod codegen;
mod data;
pub mod files;
pub mod grade;
pub mod shuffle;

pub use check::load_quizzes;
pub use data::{Challenge, Choice, Goal, GoalKind, Kind, List, Question, Quiz, Text};
pub use grade::{GoalStatus, all_met, grade_challenge, grade_goals, is_right};
