//! Inputs built to expose super-linear behaviour. Each must parse soundly;
//! a watchdog fails the test if one runs for a minute, which only a
//! quadratic (or worse) algorithm would do on these sizes. Their speed is
//! measured by the `parse` benchmark, not asserted here.

use std::sync::mpsc;
use std::time::Duration;

use fromlab_engine::syntax::parse;

/// Parses `source` on another thread and checks the result; fails if it
/// does not finish within the watchdog's generous limit.
fn parse_with_watchdog(name: &str, source: String, check: fn(&fromlab_engine::syntax::Parse<'_>)) {
    let (tx, rx) = mpsc::channel();
    let handle = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let parsed = parse(&source);
            assert_eq!(parsed.print(), source, "round trip");
            let tokens = parsed.tokens();
            assert_eq!(
                tokens.last().map_or(0, |t| t.end),
                source.len(),
                "tokens cover the input"
            );
            check(&parsed);
            let _ = tx.send(());
        })
        .expect("spawn");
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(()) => handle.join().expect("parser thread"),
        Err(_) => {
            if handle.is_finished() {
                handle.join().expect("the parser thread panicked");
            }
            panic!("{name}: still running after 60 s; the parser is not linear on this input");
        }
    }
}

#[test]
fn one_megabyte_file() {
    let unit = "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app . && \\\n    echo \"built ${VERSION:-dev}\"\nFROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT [\"/app\"]\n";
    let source = unit.repeat(1_000_000 / unit.len() + 1);
    parse_with_watchdog("1 MB file", source, |p| {
        assert!(p.errors().is_empty(), "{:?}", &p.errors()[..1]);
        assert!(p.instructions().count() > 30_000);
    });
}

#[test]
fn hundred_thousand_line_continuation() {
    let mut source = String::from("FROM a\nRUN echo start \\\n");
    for i in 0..100_000 {
        source.push_str(&format!("  && echo {i} \\\n"));
    }
    source.push_str("  && echo end\n");
    parse_with_watchdog("100,000-line continuation", source, |p| {
        assert_eq!(p.instructions().count(), 2);
        assert!(p.errors().is_empty());
    });
}

#[test]
fn one_megabyte_single_line() {
    let source = format!("FROM a\nRUN echo {}\n", "x ".repeat(500_000));
    parse_with_watchdog("1 MB single line", source, |p| {
        assert_eq!(p.instructions().count(), 2);
    });
    let words = format!("FROM a\nENV {}\n", "k=v ".repeat(250_000));
    parse_with_watchdog("1 MB ENV line", words, |p| {
        assert!(p.errors().is_empty());
    });
}

#[test]
fn ten_thousand_nested_substitutions() {
    let nested = format!("{}x{}", "${a:-".repeat(10_000), "}".repeat(10_000));
    let source = format!("ARG BASE={nested}\nFROM {nested}\nRUN echo {nested} <<EOF\nbody\nEOF\n");
    parse_with_watchdog("10,000 nested ${", source, |p| {
        // Past 64 levels fromlab says it cannot follow the line (BuildKit,
        // with a growable stack, would read the heredoc); the body lines
        // then read as unknown instructions.
        assert!(
            p.errors()
                .iter()
                .any(|e| e.message.contains("nested more than 64"))
        );
    });
    let open = "${".repeat(10_000);
    parse_with_watchdog(
        "10,000 unclosed ${",
        format!("FROM a\nRUN {open} <<EOF\n"),
        |_| {},
    );
}

#[test]
fn ten_thousand_unterminated_heredocs() {
    let mut lines = String::from("FROM a\n");
    for i in 0..10_000 {
        lines.push_str(&format!("RUN <<EOF{i}\n"));
    }
    parse_with_watchdog("10,000 heredoc lines", lines, |p| {
        // The first heredoc swallows the rest of the file, as in BuildKit.
        assert_eq!(p.instructions().count(), 2);
        assert_eq!(p.errors().len(), 1);
    });
    let one_line = format!(
        "FROM a\nRUN {}\nbody\n",
        (0..10_000)
            .map(|i| format!("<<E{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    parse_with_watchdog("10,000 heredocs on one line", one_line, |p| {
        assert_eq!(p.errors().len(), 10_000);
    });
}
