//! Fuzz target: the parser must never panic, must give every byte back, and
//! its tokens must tile the input, whatever the input.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = fromlab_engine::syntax::parse(source);
    assert_eq!(parsed.print(), source);
    let mut at = 0;
    for t in parsed.tokens() {
        assert_eq!(t.start, at);
        assert!(t.end > t.start);
        at = t.end;
    }
    assert_eq!(at, source.len());
    let _ = parsed.buildkit_dump();
    for e in parsed.errors() {
        let _ = parsed.line_col(e.range.start);
    }
});
