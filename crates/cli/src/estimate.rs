//! `fromlab estimate`: the estimated image size as an aligned table in MB (base,
//! one row per instruction, totals on disk and to pull, the what-if bases), or as
//! the engine's `Estimate` in JSON.

use std::fmt::Write;

use fromlab_engine::estimate::Estimate;

/// Megabytes for a table cell: two decimals below 1 MB, one below 10 MB, whole
/// numbers above.
fn mb(bytes: u64) -> String {
    let mb = bytes as f64 / 1e6;
    if bytes == 0 {
        "0".to_owned()
    } else if mb < 0.01 {
        "<0.01".to_owned()
    } else if mb < 1.0 {
        format!("{mb:.2}")
    } else if mb < 10.0 {
        format!("{mb:.1}")
    } else {
        format!("{mb:.0}")
    }
}

/// A range of megabytes: one figure when both ends read the same.
fn mb_range(low: u64, high: u64) -> String {
    let (low, high) = (mb(low), mb(high));
    if low == high {
        low
    } else {
        format!("{low}–{high}")
    }
}

/// The width of text as a terminal shows it (every character one column).
fn width(text: &str) -> usize {
    text.chars().count()
}

fn pad_left(text: &str, to: usize) -> String {
    format!("{}{text}", " ".repeat(to.saturating_sub(width(text))))
}

fn pad_right(text: &str, to: usize) -> String {
    format!("{text}{}", " ".repeat(to.saturating_sub(width(text))))
}

/// Prints rows of cells aligned in columns; `right` marks right-aligned columns.
/// The last column is left as it is, so long reasons do not widen the table.
fn table(out: &mut String, indent: &str, rows: &[Vec<String>], right: &[bool]) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| width(cell))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in rows {
        let mut line = indent.to_owned();
        for (c, cell) in row.iter().enumerate() {
            let last = c + 1 == row.len();
            let w = widths.get(c).copied().unwrap_or(0);
            if c > 0 {
                line.push_str("  ");
            }
            if right.get(c).copied().unwrap_or(false) {
                line.push_str(&pad_left(cell, w));
            } else if last {
                line.push_str(cell);
            } else {
                line.push_str(&pad_right(cell, w));
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

/// `fromlab estimate --format text`.
pub fn text(name: &str, estimate: &Estimate) -> String {
    let mut out = String::new();
    let stage = &estimate.final_stage;
    let stage_name = match &stage.name {
        Some(n) => format!("stage {} ({n})", stage.index),
        None => format!("stage {}", stage.index),
    };
    let _ = writeln!(
        out,
        "{name}: the final image, {stage_name} FROM {}",
        stage.base
    );
    let _ = writeln!(out);

    let base = &estimate.base;
    let (disk, pull) = match (base.low_bytes, base.high_bytes, base.compressed_bytes) {
        (Some(low), Some(high), Some(pull)) => (mb_range(low, high), mb(pull)),
        _ => ("unknown".to_owned(), "unknown".to_owned()),
    };
    let mut rows: Vec<Vec<String>> = vec![vec![
        "line".to_owned(),
        "instruction".to_owned(),
        "on disk (MB)".to_owned(),
        "to pull (MB)".to_owned(),
        "why".to_owned(),
    ]];
    let or_none = |value: &str, none: &str, some: &str| match value {
        "none" => none.to_owned(),
        other => format!("{other}{some}"),
    };
    let facts = format!(
        "{} base: {}, {}, {}, tier {}",
        base.point.as_deref().unwrap_or("catalogue"),
        or_none(&base.libc, "no libc", ""),
        or_none(&base.shell, "no shell", " shell"),
        or_none(&base.package_manager, "no package manager", ""),
        base.tier
    );
    rows.push(vec![
        String::new(),
        format!("FROM {}", base.reference),
        disk,
        pull,
        if base.known {
            facts
        } else {
            format!("unknown base: {}", base.reason)
        },
    ]);
    for layer in &estimate.layers {
        rows.push(vec![
            layer.line.to_string(),
            layer.keyword.clone(),
            mb_range(layer.low_bytes, layer.high_bytes),
            mb_range(layer.compressed_low_bytes, layer.compressed_high_bytes),
            layer.reason.clone(),
        ]);
    }
    table(&mut out, "", &rows, &[true, false, true, true, false]);
    let _ = writeln!(out);

    let total = &estimate.total;
    let base_part = if base.known {
        ""
    } else {
        " (without the unknown base)"
    };
    let totals = vec![
        vec![
            "total on disk:".to_owned(),
            format!("{} MB", mb(total.uncompressed_bytes)),
            format!(
                "(range {} MB){base_part}",
                mb_range(total.low_bytes, total.high_bytes)
            ),
        ],
        vec![
            "total to pull:".to_owned(),
            format!("{} MB", mb(total.compressed_bytes)),
            format!("(compressed){base_part}"),
        ],
    ];
    table(&mut out, "", &totals, &[false, true, false]);

    if !estimate.alternatives.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "the same Dockerfile on other bases:");
        let mut rows: Vec<Vec<String>> = vec![vec![
            String::new(),
            "base".to_owned(),
            "point".to_owned(),
            "on disk (MB)".to_owned(),
            "to pull (MB)".to_owned(),
            "libc".to_owned(),
            "shell".to_owned(),
            "packages".to_owned(),
            "tier".to_owned(),
            "debugging".to_owned(),
            "breaks".to_owned(),
        ]];
        for alternative in &estimate.alternatives {
            rows.push(vec![
                if alternative.current { "→" } else { "" }.to_owned(),
                alternative.base.clone(),
                alternative.point.clone(),
                mb(alternative.uncompressed_bytes),
                mb(alternative.compressed_bytes),
                alternative.libc.clone(),
                alternative.shell.clone(),
                alternative.package_manager.clone(),
                alternative.tier.clone(),
                alternative.debuggability.clone(),
                match alternative.breaks.len() {
                    0 => "nothing found".to_owned(),
                    1 => "1 thing, below".to_owned(),
                    n => format!("{n} things, below"),
                },
            ]);
        }
        table(
            &mut out,
            "  ",
            &rows,
            &[
                false, false, false, true, true, false, false, false, false, false, false,
            ],
        );
        let _ = writeln!(out, "  (→ marks the base this Dockerfile uses)");
        for alternative in estimate
            .alternatives
            .iter()
            .filter(|a| !a.breaks.is_empty())
        {
            let _ = writeln!(out);
            let _ = writeln!(out, "  on {}:", alternative.base);
            for found in &alternative.breaks {
                let _ = writeln!(out, "    - {found}");
            }
        }
    }

    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "assumed: a build context of {} MB (change it with --context-mb)",
        mb(estimate.assumptions.context_bytes)
    );
    for note in &estimate.notes {
        let _ = writeln!(out, "note: {note}");
    }
    out
}

/// `fromlab estimate --format json`: the engine's `Estimate` as it is.
pub fn json(estimate: Option<&Estimate>) -> String {
    let mut s = serde_json::to_string_pretty(&estimate)
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn megabytes_read_well() {
        assert_eq!(mb(0), "0");
        assert_eq!(mb(4_580_000), "4.6");
        assert_eq!(mb(220_000), "0.22");
        assert_eq!(mb(2_000), "<0.01");
        assert_eq!(mb(1_110_000_000), "1110");
        assert_eq!(mb_range(4_600_000, 30_000_000), "4.6–30");
        assert_eq!(mb_range(5_000_000, 5_000_000), "5.0");
    }
}
