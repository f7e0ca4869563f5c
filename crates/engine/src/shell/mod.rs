//! Reading the shell script of a shell-form `RUN`: its simple commands, and what
//! they install, remove, clean up and build.
//!
//! The parser hands over the instruction's script with line continuations joined;
//! every range in the result is a byte range into that string, so the caller can map
//! it back to the Dockerfile. The analysis is plain data: simple commands split on
//! `&&`, `||`, `;`, `|`, `&` and newlines, with their words unquoted; then the
//! [`Action`]s recognised in them (apt, apk, dnf, pip, npm, go, cargo, maven, gem
//! installs and builds, cache cleanups, package removals). Control structures (`if`,
//! `for`, `case`), subshells and groups are looked through, and command substitutions
//! stay opaque inside their word. Nothing here panics, whatever the input.

mod kinds;
mod lex;
mod recognise;

use std::ops::Range;

use serde::Serialize;

use lex::{Op, Token};
pub(crate) use recognise::basename;
pub use recognise::{
    Action, Build, BuildTool, Cleanup, CleanupKind, IndexUpdate, Install, InstallOptions, Manager,
    Package, Removal,
};

/// One word of a command, with quotes and backslashes removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Word {
    /// The word as the shell would see it after quote removal. Expansions such as
    /// `$VAR` or `$(cmd)` are kept as written.
    pub text: String,
    /// Byte range of the word in the script, quotes included.
    pub range: Range<usize>,
    /// True when any part was quoted or escaped.
    pub quoted: bool,
    /// True when the word holds an expansion whose value is unknown here.
    pub expansion: bool,
}

/// A `NAME=value` assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assignment {
    /// The variable name.
    pub name: String,
    /// The value after quote removal (expansions kept as written).
    pub value: String,
    /// Byte range of the whole assignment word.
    pub range: Range<usize>,
    /// Index of the command that made it (into [`ScriptAnalysis::commands`]).
    pub command: usize,
}

/// How a command is joined to the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Connector {
    /// The first command of the script.
    Start,
    /// `&&`: runs only if the previous command succeeded.
    And,
    /// `||`: runs only if the previous command failed.
    Or,
    /// `;` or `;;`: runs next regardless.
    Semicolon,
    /// `|`: reads the previous command's output.
    Pipe,
    /// `&`: the previous command runs in the background.
    Background,
    /// A newline.
    Newline,
    /// The start or end of a subshell `( … )`.
    Group,
}

/// One simple command: optional assignments, then a program and its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SimpleCommand {
    /// Byte range from the first to the last token of the command.
    pub range: Range<usize>,
    /// How it joins the previous command.
    pub connector: Connector,
    /// How many subshells it sits in.
    pub depth: u32,
    /// Leading `NAME=value` words (`CGO_ENABLED=0 go build`).
    pub assignments: Vec<Assignment>,
    /// The program and its arguments.
    pub words: Vec<Word>,
    /// Redirections (`> /dev/null`, `2>&1`), operator and target together.
    pub redirects: Vec<Range<usize>>,
}

impl SimpleCommand {
    /// The program as written (`apt-get`, `/usr/local/bin/pip`), if any.
    pub fn name(&self) -> Option<&str> {
        self.words.first().map(|w| w.text.as_str())
    }

    /// The index of the word naming the program the command runs, looking
    /// through wrappers such as `sudo`, `env A=1` and `nice -n 5`; `None`
    /// when it runs nothing (`command -v apk` only asks where apk is).
    pub fn program(&self) -> Option<usize> {
        recognise::program(&self.words, |w| assignment(w, 0).is_some())
    }

    /// The file name of the program the command runs (`apt-get` for
    /// `sudo /usr/bin/apt-get install`).
    pub fn program_name(&self) -> Option<&str> {
        let word = self.words.get(self.program()?)?;
        Some(basename(&word.text))
    }
}

/// Everything recognised in one script.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ScriptAnalysis {
    /// The simple commands, in order.
    pub commands: Vec<SimpleCommand>,
    /// What the commands do, in order.
    pub actions: Vec<Action>,
    /// Variables set for the rest of the script: `export NAME=value`, plain
    /// `NAME=value` commands and `go env -w NAME=value`.
    pub environment: Vec<Assignment>,
    /// Options turned on with `set` (`e`, `u`, `x`, `pipefail`).
    pub set_options: Vec<String>,
}

impl ScriptAnalysis {
    /// The install actions.
    pub fn installs(&self) -> impl Iterator<Item = &Install> {
        self.actions.iter().filter_map(|a| match a {
            Action::Install(i) => Some(i),
            _ => None,
        })
    }

    /// The cleanup actions.
    pub fn cleanups(&self) -> impl Iterator<Item = &Cleanup> {
        self.actions.iter().filter_map(|a| match a {
            Action::Cleanup(c) => Some(c),
            _ => None,
        })
    }

    /// The package removals.
    pub fn removals(&self) -> impl Iterator<Item = &Removal> {
        self.actions.iter().filter_map(|a| match a {
            Action::Remove(r) => Some(r),
            _ => None,
        })
    }

    /// The package index updates.
    pub fn updates(&self) -> impl Iterator<Item = &IndexUpdate> {
        self.actions.iter().filter_map(|a| match a {
            Action::Update(u) => Some(u),
            _ => None,
        })
    }

    /// The builds.
    pub fn builds(&self) -> impl Iterator<Item = &Build> {
        self.actions.iter().filter_map(|a| match a {
            Action::Build(b) => Some(b),
            _ => None,
        })
    }

    /// The value of `name` as seen by command `command`: its own leading assignment,
    /// else the latest earlier `export` or assignment in the script.
    pub fn env_at(&self, command: usize, name: &str) -> Option<&str> {
        if let Some(own) = self
            .commands
            .get(command)
            .and_then(|c| c.assignments.iter().rev().find(|a| a.name == name))
        {
            return Some(&own.value);
        }
        self.environment
            .iter()
            .rev()
            .find(|a| a.command < command && a.name == name)
            .map(|a| a.value.as_str())
    }
}

/// Analyses a shell-form `RUN` script.
pub fn analyze(script: &str) -> ScriptAnalysis {
    let commands = split(lex::tokens(script));
    let mut analysis = ScriptAnalysis {
        commands,
        ..ScriptAnalysis::default()
    };
    recognise::recognise(&mut analysis);
    analysis
}

/// Splits a script into its simple commands without recognising what they do.
pub fn simple_commands(script: &str) -> Vec<SimpleCommand> {
    split(lex::tokens(script))
}

/// Reserved words that open a compound command and are followed by commands.
const LEADING_KEYWORDS: [&str; 9] = [
    "if", "then", "else", "elif", "do", "while", "until", "!", "{",
];

/// Reserved words that close a compound command.
const CLOSING_KEYWORDS: [&str; 4] = ["fi", "done", "esac", "}"];

/// Where the splitter is within `case … in … esac`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CaseState {
    /// Reading `case WORD` up to `in`.
    Header,
    /// Reading patterns up to `)`.
    Pattern,
    /// Reading the commands of one branch up to `;;`.
    Body,
}

/// An assignment word: `NAME=value` with an unquoted, valid name.
fn assignment(word: &Word, script_command: usize) -> Option<Assignment> {
    let (name, value) = word.text.split_once('=')?;
    let valid = name
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    valid.then(|| Assignment {
        name: name.to_owned(),
        value: value.to_owned(),
        range: word.range.clone(),
        command: script_command,
    })
}

struct Splitter {
    commands: Vec<SimpleCommand>,
    current: Option<SimpleCommand>,
    connector: Connector,
    depth: u32,
    case: Vec<CaseState>,
    /// Inside a `for`/`select` header, up to its `;` or newline.
    skipping_header: bool,
    /// The previous token was a redirection operator awaiting its target.
    redirect: Option<Range<usize>>,
}

impl Splitter {
    fn finish(&mut self, next: Connector) {
        if let Some(command) = self.current.take()
            && !(command.words.is_empty() && command.assignments.is_empty())
        {
            self.commands.push(command);
        }
        self.connector = next;
        self.skipping_header = false;
    }

    fn command(&mut self, start: usize) -> &mut SimpleCommand {
        let connector = self.connector;
        let depth = self.depth;
        self.current.get_or_insert_with(|| SimpleCommand {
            range: start..start,
            connector,
            depth,
            assignments: Vec::new(),
            words: Vec::new(),
            redirects: Vec::new(),
        })
    }

    fn word(&mut self, word: Word) {
        let index = self.commands.len();
        if let Some(op) = self.redirect.take() {
            let command = self.command(op.start);
            command.redirects.push(op.start..word.range.end);
            command.range.end = word.range.end;
            return;
        }
        if self.skipping_header {
            return;
        }
        let starting = self.current.as_ref().is_none_or(|c| c.words.is_empty());
        if let Some(state) = self.case.last().copied() {
            match state {
                CaseState::Header => {
                    if word.text == "in"
                        && !word.quoted
                        && let Some(state) = self.case.last_mut()
                    {
                        *state = CaseState::Pattern;
                    }
                    return;
                }
                CaseState::Pattern => {
                    if word.text == "esac" && !word.quoted {
                        self.case.pop();
                    }
                    return;
                }
                CaseState::Body => {
                    if starting && word.text == "esac" && !word.quoted {
                        self.case.pop();
                        return;
                    }
                }
            }
        }
        if starting && !word.quoted {
            let text = word.text.as_str();
            if LEADING_KEYWORDS.contains(&text) || CLOSING_KEYWORDS.contains(&text) {
                return;
            }
            if matches!(text, "for" | "select")
                && self
                    .current
                    .as_ref()
                    .is_none_or(|c| c.assignments.is_empty())
            {
                self.skipping_header = true;
                return;
            }
            if text == "case"
                && self
                    .current
                    .as_ref()
                    .is_none_or(|c| c.assignments.is_empty())
            {
                self.case.push(CaseState::Header);
                return;
            }
        }
        // `NAME="quoted value"` is still an assignment: only the value is quoted.
        if starting && let Some(assignment) = assignment(&word, index) {
            let command = self.command(word.range.start);
            command.range.end = word.range.end;
            command.assignments.push(assignment);
            return;
        }
        let command = self.command(word.range.start);
        command.range.end = word.range.end;
        command.words.push(word);
    }

    fn op(&mut self, op: Op) {
        self.redirect = None;
        let in_case = self.case.last().copied();
        match op {
            Op::And => self.finish(Connector::And),
            Op::Or => self.finish(Connector::Or),
            Op::Semi => self.finish(Connector::Semicolon),
            Op::Amp => self.finish(Connector::Background),
            Op::Newline => self.finish(Connector::Newline),
            Op::Pipe if in_case == Some(CaseState::Pattern) => {}
            Op::Pipe => self.finish(Connector::Pipe),
            Op::DoubleSemi => {
                self.finish(Connector::Semicolon);
                if let Some(state) = self.case.last_mut() {
                    *state = CaseState::Pattern;
                }
            }
            Op::LParen if in_case == Some(CaseState::Pattern) => {}
            Op::RParen if in_case == Some(CaseState::Pattern) => {
                if let Some(state) = self.case.last_mut() {
                    *state = CaseState::Body;
                }
                self.connector = Connector::Semicolon;
            }
            Op::LParen => {
                self.finish(Connector::Group);
                self.depth = self.depth.saturating_add(1);
            }
            Op::RParen => {
                self.finish(Connector::Group);
                self.depth = self.depth.saturating_sub(1);
            }
        }
    }
}

fn split(tokens: Vec<Token>) -> Vec<SimpleCommand> {
    let mut splitter = Splitter {
        commands: Vec::new(),
        current: None,
        connector: Connector::Start,
        depth: 0,
        case: Vec::new(),
        skipping_header: false,
        redirect: None,
    };
    for token in tokens {
        match token {
            Token::Word(word) => splitter.word(word),
            Token::Op(op) => splitter.op(op),
            Token::Redirect(range) => {
                if !splitter.skipping_header
                    && splitter.case.last().is_none_or(|s| *s == CaseState::Body)
                {
                    let command = splitter.command(range.start);
                    command.range.end = range.end;
                }
                splitter.redirect = Some(range);
            }
        }
    }
    splitter.finish(Connector::Newline);
    splitter.commands
}
