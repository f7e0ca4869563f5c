//! Parser speed: a typical 40-line multi-stage Dockerfile and a 1 MB file,
//! parsed by fromlab and, in the same run on the same inputs, by the
//! `parse-dockerfile` crate as the peer.
//!
//! The two do not produce the same thing, so the rows say what is measured:
//! - `fromlab`: `syntax::parse`, the lossless tree (every byte in a piece,
//!   byte ranges on every node, the joined logical lines with their map back
//!   to the source), typed arguments with BuildKit's values, and the
//!   line-level errors; then the drop of all of it.
//! - `fromlab+errors`: the same plus BuildKit's instruction-level checks
//!   (unknown flags, argument counts, stage names), which `Parse::errors`
//!   runs on its first call and which the playground always asks for.
//! - `fromlab+tokens`: the same plus the highlighting tokens.
//! - `parse-dockerfile`: the peer's typed instructions with spans; it skips
//!   comments and whitespace and stops at the first error.
//!
//! Run with `cargo bench -p fromlab-engine --bench parse`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

mod inputs;

use inputs::{TYPICAL, one_megabyte};

fn bench(c: &mut Criterion) {
    let large = one_megabyte();
    // Both parsers must accept both inputs, or the comparison means nothing.
    for input in [TYPICAL, large.as_str()] {
        assert!(fromlab_engine::syntax::parse(input).errors().is_empty());
        assert!(parse_dockerfile::parse(input).is_ok());
    }
    for (name, input) in [("typical-40-lines", TYPICAL), ("1mb", large.as_str())] {
        let mut group = c.benchmark_group(format!("parse/{name}"));
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_function("fromlab", |b| {
            b.iter(|| fromlab_engine::syntax::parse(black_box(input)))
        });
        group.bench_function("fromlab+errors", |b| {
            b.iter(|| {
                fromlab_engine::syntax::parse(black_box(input))
                    .errors()
                    .len()
            })
        });
        group.bench_function("fromlab+tokens", |b| {
            b.iter(|| fromlab_engine::syntax::parse(black_box(input)).tokens())
        });
        group.bench_function("parse-dockerfile", |b| {
            b.iter(|| parse_dockerfile::parse(black_box(input)))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
