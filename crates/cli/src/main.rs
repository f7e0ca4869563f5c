//! `fromlab`: the engine from a terminal. Parse a Dockerfile the way
//! BuildKit does, check it, estimate its image's size, and (with the rules)
//! explain its tradeoffs.
//!
//! Exit status: 0 when there is no error-severity diagnostic, 1 when there
//! is one (or, for `estimate`, when there is no stage to estimate), 2 for usage errors, unreadable files and input that is not UTF-8,
//! each with a one-line message on stderr.

mod estimate;
mod input;
mod output;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "fromlab",
    version,
    about = "Parse and check Dockerfiles, and learn what their base image costs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the syntax tree of a Dockerfile.
    Parse {
        /// `buildkit`: BuildKit's own AST dump; `json`: stages, instructions, ranges and errors.
        #[arg(long, value_enum, default_value_t = Dump::Buildkit)]
        dump: Dump,
        /// A Dockerfile, or `-` for standard input.
        file: String,
    },
    /// Print the diagnostics of a Dockerfile: syntax errors and every rule.
    Check {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// A Dockerfile, or `-` for standard input.
        file: String,
    },
    /// Estimate the size of the final image, layer by layer, and on other bases.
    Estimate {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The size of the build context `COPY . .` sends, in MB (default 5).
        #[arg(long, value_name = "MB", value_parser = context_mb, allow_negative_numbers = true)]
        context_mb: Option<f64>,
        /// A Dockerfile, or `-` for standard input.
        file: String,
    },
    /// List the rules.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print a rule's documentation.
    Explain {
        /// The rule's name (such as `latest-tag`) or code (such as `FL102`).
        name: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Dump {
    Buildkit,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Reads `--context-mb`: a number of megabytes, zero or more.
fn context_mb(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(mb) if mb.is_finite() && mb >= 0.0 => Ok(mb),
        _ => Err(format!(
            "`{text}` is not a size in MB (write a number such as 5 or 0.5)"
        )),
    }
}

/// A failure that ends the command with status 2 and one line on stderr.
struct Fatal(String);

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            let first = e.to_string();
            let line = first.lines().next().unwrap_or("invalid usage");
            eprintln!(
                "fromlab: {} (see fromlab --help)",
                line.trim_start_matches("error: ")
            );
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(Fatal(message)) => {
            eprintln!("fromlab: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Fatal> {
    let mut stdout = std::io::stdout().lock();
    let (text, code) = match cli.command {
        Command::Parse { dump, file } => {
            let input = input::read(&file)?;
            let parsed = fromlab_engine::syntax::parse(&input.text);
            let text = match dump {
                Dump::Buildkit => parsed.buildkit_dump(),
                Dump::Json => output::parse_json(&parsed),
            };
            let failed = !parsed.errors().is_empty();
            (text, failed)
        }
        Command::Check { format, file } => {
            let input = input::read(&file)?;
            let parsed = fromlab_engine::syntax::parse(&input.text);
            let diagnostics = fromlab_engine::analysis::analyze(&input.text).diagnostics;
            let failed = diagnostics
                .iter()
                .any(|d| d.severity == fromlab_engine::diagnostic::Severity::Error);
            let text = match format {
                Format::Text => output::diagnostics_text(&input.name, &parsed, &diagnostics),
                Format::Json => output::diagnostics_json(&parsed, &diagnostics),
            };
            (text, failed)
        }
        Command::Estimate {
            format,
            context_mb,
            file,
        } => {
            let input = input::read(&file)?;
            let mut assumptions = fromlab_engine::estimate::Assumptions::default();
            if let Some(mb) = context_mb {
                assumptions.context_bytes = (mb * 1e6).round() as u64;
            }
            let analysis = fromlab_engine::analysis::analyze_with(&input.text, &assumptions);
            let failed = analysis.estimate.is_none()
                || analysis
                    .diagnostics
                    .iter()
                    .any(|d| d.severity == fromlab_engine::diagnostic::Severity::Error);
            let text = match (format, &analysis.estimate) {
                (Format::Json, estimate) => estimate::json(estimate.as_ref()),
                (Format::Text, Some(estimate)) => estimate::text(&input.name, estimate),
                (Format::Text, None) => format!(
                    "{}: no FROM instruction, so there is no image to estimate\n",
                    input.name
                ),
            };
            (text, failed)
        }
        Command::Rules { format } => (
            match format {
                Format::Text => output::rules_text(),
                Format::Json => output::rules_json(),
            },
            false,
        ),
        Command::Explain { name } => {
            let rule = fromlab_engine::rules::RULES
                .iter()
                .find(|r| r.name == name || r.code.eq_ignore_ascii_case(&name))
                .ok_or_else(|| {
                    Fatal(format!("no rule named {name}: `fromlab rules` lists them"))
                })?;
            (output::explain(rule), false)
        }
    };
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| Fatal(format!("cannot write output: {e}")))?;
    Ok(if code {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
