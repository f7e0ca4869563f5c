//! Syntax errors: what the parser (and BuildKit's instruction reader) would
//! refuse, each with a stable name, a code and a byte range.

use serde::Serialize;

use super::text::TextRange;

/// The kinds of syntax error. Names and codes are stable: the app, the CLI's
/// JSON output and tests refer to them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// A parser directive with an invalid value.
    InvalidDirective,
    /// A parser directive given twice.
    DuplicateDirective,
    /// The file holds no instruction.
    NoInstructions,
    /// An instruction name Docker does not know.
    UnknownInstruction,
    /// A flag the instruction does not take.
    UnknownFlag,
    /// A flag with a missing or malformed value, or given twice.
    InvalidFlag,
    /// Wrong number or shape of arguments.
    InvalidArguments,
    /// A JSON array holding something other than strings.
    InvalidJson,
    /// A heredoc whose terminator never comes.
    UnterminatedHeredoc,
    /// A heredoc where one is not allowed, or a malformed delimiter.
    InvalidHeredoc,
    /// An instruction other than `ARG` before the first `FROM`.
    InstructionBeforeFrom,
    /// A build stage name Docker refuses.
    InvalidStageName,
    /// An `ONBUILD` trigger that is not allowed.
    InvalidOnbuild,
    /// A malformed `HEALTHCHECK`.
    InvalidHealthcheck,
}

impl ErrorKind {
    /// The stable kebab-case name, used as the rule name of the diagnostic.
    pub const fn name(self) -> &'static str {
        match self {
            ErrorKind::InvalidDirective => "invalid-directive",
            ErrorKind::DuplicateDirective => "duplicate-directive",
            ErrorKind::NoInstructions => "no-instructions",
            ErrorKind::UnknownInstruction => "unknown-instruction",
            ErrorKind::UnknownFlag => "unknown-flag",
            ErrorKind::InvalidFlag => "invalid-flag",
            ErrorKind::InvalidArguments => "invalid-arguments",
            ErrorKind::InvalidJson => "invalid-json",
            ErrorKind::UnterminatedHeredoc => "unterminated-heredoc",
            ErrorKind::InvalidHeredoc => "invalid-heredoc",
            ErrorKind::InstructionBeforeFrom => "instruction-before-from",
            ErrorKind::InvalidStageName => "invalid-stage-name",
            ErrorKind::InvalidOnbuild => "invalid-onbuild",
            ErrorKind::InvalidHealthcheck => "invalid-healthcheck",
        }
    }

    /// The stable code, `S` for syntax followed by a number.
    pub const fn code(self) -> &'static str {
        match self {
            ErrorKind::InvalidDirective => "S001",
            ErrorKind::DuplicateDirective => "S002",
            ErrorKind::NoInstructions => "S003",
            ErrorKind::UnknownInstruction => "S004",
            ErrorKind::UnknownFlag => "S005",
            ErrorKind::InvalidFlag => "S006",
            ErrorKind::InvalidArguments => "S007",
            ErrorKind::InvalidJson => "S008",
            ErrorKind::UnterminatedHeredoc => "S009",
            ErrorKind::InvalidHeredoc => "S010",
            ErrorKind::InstructionBeforeFrom => "S011",
            ErrorKind::InvalidStageName => "S012",
            ErrorKind::InvalidOnbuild => "S013",
            ErrorKind::InvalidHealthcheck => "S014",
        }
    }

    /// Every kind, for listings and tests.
    pub const ALL: [ErrorKind; 14] = [
        ErrorKind::InvalidDirective,
        ErrorKind::DuplicateDirective,
        ErrorKind::NoInstructions,
        ErrorKind::UnknownInstruction,
        ErrorKind::UnknownFlag,
        ErrorKind::InvalidFlag,
        ErrorKind::InvalidArguments,
        ErrorKind::InvalidJson,
        ErrorKind::UnterminatedHeredoc,
        ErrorKind::InvalidHeredoc,
        ErrorKind::InstructionBeforeFrom,
        ErrorKind::InvalidStageName,
        ErrorKind::InvalidOnbuild,
        ErrorKind::InvalidHealthcheck,
    ];
}

/// One syntax error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SyntaxError {
    /// What kind of error.
    pub kind: ErrorKind,
    /// A sentence saying what is wrong.
    pub message: String,
    /// The bytes it is about.
    pub range: TextRange,
}
