//! The whole analysis the playground runs on every keystroke: parse, every rule
//! and the size estimate with its what-if alternatives, on a typical 40-line
//! multi-stage Dockerfile, on a 1,000-line build of many small `RUN` steps (the
//! shell reader, the size tables and the what-if table work hardest there) and
//! on a 1,000-line monorepo build with 113 stages. All must stay far inside one
//! frame (16 ms); the target is under 2 ms natively for 1,000 lines.
//!
//! Run with `cargo bench -p fromlab-engine --bench analysis`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

use fromlab_engine::analysis::analyze;

const TYPICAL: &str = include_str!("fixtures/typical.Dockerfile");
const RUNS: &str = include_str!("fixtures/runs.Dockerfile");
const LARGE: &str = include_str!("fixtures/large.Dockerfile");

fn bench(c: &mut Criterion) {
    // The fixtures must be what they claim, or the figures mean nothing.
    for (input, lines) in [(TYPICAL, 30..50), (RUNS, 950..1100), (LARGE, 950..1100)] {
        assert!(lines.contains(&input.lines().count()));
        let analysis = analyze(input);
        assert!(
            analysis
                .diagnostics
                .iter()
                .all(|d| d.severity != fromlab_engine::diagnostic::Severity::Error)
        );
        let estimate = analysis.estimate.expect("both fixtures have stages");
        assert!(!estimate.alternatives.is_empty());
    }
    for (name, input) in [
        ("typical-40-lines", TYPICAL),
        ("runs-1000-lines", RUNS),
        ("large-1000-lines", LARGE),
    ] {
        let mut group = c.benchmark_group(format!("analysis/{name}"));
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_function("analyze", |b| b.iter(|| analyze(black_box(input))));
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
