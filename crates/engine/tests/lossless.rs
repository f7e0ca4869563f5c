//! The parser's invariants, pinned: it is total (never panics, always
//! returns a tree), lossless (printing the tree gives the input back byte
//! for byte), its ranges are sound (inside the input, on character
//! boundaries) and its tokens tile the input. Checked over BuildKit's
//! corpus, the real-world corpus and generated inputs.

mod common;

use fromlab_engine::syntax::{Node, Parse, PieceKind, parse};
use proptest::prelude::*;

/// Every structural promise of a parse, checked on one input.
fn assert_sound(source: &str) -> Parse<'_> {
    let parsed = parse(source);
    assert_eq!(
        parsed.print(),
        source,
        "printing the tree must give the input back"
    );
    let len = source.len();
    let ok = |start: usize, end: usize| {
        start <= end && end <= len && source.is_char_boundary(start) && source.is_char_boundary(end)
    };
    // Nodes tile the input, and pieces tile each node.
    let mut at = 0;
    for node in parsed.nodes() {
        let r = node.full_range();
        assert_eq!(r.start, at, "nodes must be contiguous");
        let mut p_at = r.start;
        for piece in parsed.pieces(node) {
            assert_eq!(
                piece.range.start, p_at,
                "pieces must be contiguous in {node:?}"
            );
            assert!(
                piece.range.end > piece.range.start,
                "pieces are never empty"
            );
            p_at = piece.range.end;
        }
        assert_eq!(p_at, r.end, "pieces must cover their node");
        at = r.end;
        if let Node::Instruction(inst) = node {
            assert!(ok(inst.range.start, inst.range.end));
            assert!(
                r.contains_range(inst.range),
                "instruction range inside its node"
            );
            assert!(ok(inst.keyword.range.start, inst.keyword.range.end));
            for f in &inst.flags {
                assert!(ok(f.range.start, f.range.end));
                assert!(ok(f.name.range.start, f.name.range.end));
            }
            if let Some(a) = inst.args.range() {
                assert!(ok(a.start, a.end), "args range {a:?}");
            }
            for h in inst.heredocs() {
                assert!(ok(h.marker.start, h.marker.end));
                assert!(ok(h.body.start, h.body.end));
            }
            // The logical line, found again from the source when asked for,
            // is made of the instruction's content pieces in order.
            let content: Vec<(usize, usize)> = parsed
                .pieces(node)
                .iter()
                .filter(|p| p.kind == PieceKind::Content)
                .map(|p| (p.range.start, p.range.len()))
                .collect();
            let segments = inst.logical.segments();
            assert!(!segments.is_empty(), "a logical line has a segment");
            let mut logical = 0;
            for s in &segments {
                assert_eq!(s.logical, logical, "segments follow each other");
                logical += s.len;
            }
            let found: Vec<(usize, usize)> = segments
                .iter()
                .filter(|s| s.len > 0)
                .map(|s| (s.source, s.len))
                .collect();
            assert_eq!(found, content, "segments of {inst:?}");
            let joined: String = content
                .iter()
                .map(|&(start, len)| &source[start..start + len])
                .collect();
            assert_eq!(inst.logical.text(), joined.as_str());
        }
    }
    assert_eq!(at, len, "nodes must cover the input");
    for e in parsed.errors() {
        assert!(
            ok(e.range.start, e.range.end),
            "error range {:?} for {:?}",
            e.range,
            e.message
        );
        let lc = parsed.line_col(e.range.start);
        assert!(lc.line >= 1 && lc.column >= 1);
    }
    // Tokens tile the input.
    let mut at = 0;
    for t in parsed.tokens() {
        assert_eq!(t.start, at, "tokens must be contiguous: {t:?}");
        assert!(t.end > t.start, "tokens are never empty: {t:?}");
        assert!(ok(t.start, t.end), "token on a character boundary: {t:?}");
        at = t.end;
    }
    assert_eq!(at, len, "tokens must cover the input");
    parsed
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable directory") {
            let p = entry.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n == "Dockerfile") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_conformance_fixture_round_trips() {
    let files = files_under(&common::shared_dir().join("conformance/buildkit/parser"));
    assert_eq!(
        files.len(),
        38,
        "33 positive, 4 negative and 1 line-number fixture"
    );
    for f in files {
        let source = std::fs::read_to_string(&f).expect("fixture");
        assert_sound(&source);
    }
}

#[test]
fn real_world_corpus_parses_without_syntax_errors() {
    let dir = common::shared_dir().join("corpus/real-world");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with("_Dockerfile"))
        })
        .collect();
    files.sort();
    // The corpus README says 143, but the folder holds 142 Dockerfiles
    // (plus licences, SOURCES and the README); pin what is really there.
    assert_eq!(
        files.len(),
        142,
        "the real-world corpus holds 142 Dockerfiles"
    );
    let mut failures = Vec::new();
    for f in &files {
        let source = std::fs::read_to_string(f).expect("corpus file");
        let parsed = assert_sound(&source);
        if !parsed.errors().is_empty() {
            failures.push(format!("{}: {:?}", f.display(), parsed.errors()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn awkward_inputs_round_trip() {
    for source in [
        "",
        "\n",
        "\u{feff}FROM a\n",
        "\u{feff}",
        "\\",
        "\\\n",
        "RUN a \\",
        "RUN a \\\r\n  b\r\n",
        "FROM a\r\r\n",
        "# escape=`\nFROM a\nRUN b `\n  c\n",
        "# escape=x\nFROM a\n",
        "# escape=\\\n# escape=`\nFROM a\n",
        "RUN <<EOF\nbody\n",
        "RUN <<A <<B\na\nA\nb\nB\n",
        "RUN <<-\"EOF\"\n\tbody\n\tEOF\n",
        "ONBUILD RUN <<EOF\nx\nEOF\n",
        "COPY <<EOF /dst\nx\nEOF\n",
        "CMD [\"a\", 1]\n",
        "CMD [\"unterminated\n",
        "ENV\nENV a\nENV =b\nLABEL a=b c\n",
        "HEALTHCHECK --interval=5 CMD x\n",
        "RUN --mount=type=cache x\n",
        "   \t FROM   a   AS   1bad\n",
        "FROM a\nRUN echo ${a:-${b:-${c}}}\n",
        "FROM a\nRUN \"unterminated 'quotes\n",
        "FROM a\nRUN ${\n",
        "FROM a\nCOPY \"a b\" 'c' \\\n # comment\n\n d\n",
        "FROM a\nRUN x \\\n\\\n\n",
        "FROM é\nRUN ¡hola! \\\n  ñ\n",
        "\x0c\x0bFROM\u{a0}a\n",
    ] {
        assert_sound(source);
    }
}

/// Dockerfile-ish fragments that mutations recombine.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("FROM ".to_string()),
        Just("RUN ".to_string()),
        Just("COPY --from=build ".to_string()),
        Just("ENV a=b ".to_string()),
        Just("ONBUILD ".to_string()),
        Just("HEALTHCHECK CMD ".to_string()),
        Just("# escape=`\n".to_string()),
        Just("# comment\n".to_string()),
        Just("\\\n".to_string()),
        Just("`\n".to_string()),
        Just("<<EOF".to_string()),
        Just("<<-'X'".to_string()),
        Just("EOF\n".to_string()),
        Just("[\"a\", \"b\"]".to_string()),
        Just("${a:-b}".to_string()),
        Just("'".to_string()),
        Just("\"".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just(" ".to_string()),
        Just("\t".to_string()),
        Just("é".to_string()),
        Just("\u{feff}".to_string()),
        "[a-z=:/. -]{0,8}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_is_parsed_soundly(source in any::<String>()) {
        assert_sound(&source);
    }

    #[test]
    fn dockerfile_like_text_is_parsed_soundly(parts in prop::collection::vec(fragment(), 0..40)) {
        assert_sound(&parts.concat());
    }

    #[test]
    fn mutated_real_dockerfiles_are_parsed_soundly(
        cut in 0usize..4000,
        len in 0usize..200,
        insert in fragment(),
    ) {
        let base = std::fs::read_to_string(
            common::shared_dir().join("conformance/buildkit/parser/testfiles/lk4d4-the-edge-case-generator/Dockerfile"),
        ).expect("fixture");
        let mut at = cut.min(base.len());
        while !base.is_char_boundary(at) { at -= 1; }
        let mut end = (at + len).min(base.len());
        while !base.is_char_boundary(end) { end -= 1; }
        let mutated = format!("{}{}{}", &base[..at], insert, &base[end.max(at)..]);
        assert_sound(&mutated);
    }
}
