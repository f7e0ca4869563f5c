//! Profiling driver for the parser: parses one input many times in a loop,
//! so that callgrind, `perf` or `time` can count what one parse costs. It
//! produces the figures of the README's "Parser speed" section.
//!
//! ```sh
//! cargo build --profile profiling --example prof -p fromlab-engine
//! target/profiling/examples/prof MODE INPUT ITERATIONS
//! ```
//!
//! - `MODE`: `fromlab` (the tree), `errors` (the tree and the
//!   instruction-level checks), `tokens` (the tree and the highlighting
//!   tokens) or `peer` (the `parse-dockerfile` crate).
//! - `INPUT`: `typical` (the 40-line bench fixture), `1mb` (that file
//!   repeated with unique stage names up to 1 MB, as the criterion bench
//!   builds it) or a path to a Dockerfile.
//! - `ITERATIONS`: how many parses; each one includes dropping the result.
//!
//! Building the 1 MB input costs time too, so a figure per parse is the
//! difference of two runs divided by the difference of their iterations:
//! `valgrind --tool=callgrind target/profiling/examples/prof fromlab 1mb 20`
//! minus the same with `10`, divided by 10.

use std::hint::black_box;
use std::process::ExitCode;

#[path = "../benches/inputs/mod.rs"]
mod inputs;

use inputs::{TYPICAL, one_megabyte};

const USAGE: &str = "usage: prof <fromlab|errors|tokens|peer> <typical|1mb|PATH> <ITERATIONS>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, input, iterations] = args.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if !matches!(mode.as_str(), "fromlab" | "errors" | "tokens" | "peer") {
        eprintln!("prof: unknown mode {mode:?}\n{USAGE}");
        return ExitCode::from(2);
    }
    let Ok(n) = iterations.parse::<usize>() else {
        eprintln!("prof: ITERATIONS must be a whole number, got {iterations:?}\n{USAGE}");
        return ExitCode::from(2);
    };
    let text = match input.as_str() {
        "typical" => TYPICAL.to_string(),
        "1mb" => one_megabyte(),
        path => match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("prof: cannot read {path}: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let text = text.as_str();
    for _ in 0..n {
        match mode.as_str() {
            "peer" => {
                black_box(parse_dockerfile::parse(black_box(text)).is_ok());
            }
            "errors" => {
                black_box(
                    fromlab_engine::syntax::parse(black_box(text))
                        .errors()
                        .len(),
                );
            }
            "tokens" => {
                black_box(fromlab_engine::syntax::parse(black_box(text)).tokens());
            }
            _ => {
                black_box(fromlab_engine::syntax::parse(black_box(text)));
            }
        }
    }
    ExitCode::SUCCESS
}
