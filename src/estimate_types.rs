//! TEMPORARY: the size estimate's types exactly as the engine contract
//! (`CONTRACTS.md`, "The estimate") defines them, so the size panels compile before the
//! estimate lands in `fromlab_engine::estimate`. When it lands this file is deleted and
//! the panels import the engine's types instead; nothing else changes.

use fromlab_engine::analysis::Analysis;
use fromlab_engine::syntax::TextRange;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assumptions {
    pub context_bytes: u64,
}

pub const DEFAULT_CONTEXT_BYTES: u64 = 5_000_000;

impl Default for Assumptions {
    fn default() -> Assumptions {
        Assumptions {
            context_bytes: DEFAULT_CONTEXT_BYTES,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Estimate {
    pub final_stage: FinalStage,
    pub base: BaseSize,
    pub layers: Vec<LayerRow>,
    pub total: Totals,
    pub alternatives: Vec<Alternative>,
    pub assumptions: Assumptions,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinalStage {
    pub index: usize,
    pub name: Option<String>,
    pub base: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseSize {
    pub reference: String,
    pub catalogue_entry: Option<String>,
    pub known: bool,
    pub estimated: bool,
    pub reason: String,
    pub compressed_bytes: Option<u64>,
    pub uncompressed_bytes: Option<u64>,
    pub low_bytes: Option<u64>,
    pub high_bytes: Option<u64>,
    pub libc: String,
    pub shell: String,
    pub package_manager: String,
    pub tier: String,
    pub point: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerRow {
    pub instruction: usize,
    pub line: usize,
    pub keyword: String,
    pub range: TextRange,
    pub low_bytes: u64,
    pub high_bytes: u64,
    pub compressed_low_bytes: u64,
    pub compressed_high_bytes: u64,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub compressed_bytes: u64,
    pub uncompressed_bytes: u64,
    pub low_bytes: u64,
    pub high_bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternative {
    pub base: String,
    pub point: String,
    pub uncompressed_bytes: u64,
    pub compressed_bytes: u64,
    pub low_bytes: u64,
    pub high_bytes: u64,
    pub libc: String,
    pub shell: String,
    pub package_manager: String,
    pub tier: String,
    pub debuggability: String,
    pub current: bool,
    pub breaks: Vec<String>,
}

/// The analysis' estimate (until the engine adds `Analysis::estimate`, there is none).
pub fn estimate_of(_analysis: &Analysis) -> Option<&Estimate> {
    None
}

/// Analyses `source` with these assumptions (until the engine adds `analyze_with`).
pub fn analyze_with(source: &str, _assumptions: &Assumptions) -> Analysis {
    fromlab_engine::analysis::analyze(source)
}
