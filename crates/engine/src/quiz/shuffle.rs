//! The order options are shown in: shuffled per attempt, so position gives nothing
//! away, unless the question fixes it ("all of the above" must stay last).
//!
//! The shuffle is a plain function of a seed, so the app draws one seed per attempt
//! and every re-render of that attempt shows the same order, and tests can pin it.

use super::data::Question;

/// The indices `0..len` in an order decided by `seed` (Fisher–Yates over SplitMix64).
pub fn shuffled(len: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut state = seed;
    for i in (1..len).rev() {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        // `i + 1` is at most `len`, which fits in u64 on every target.
        let j = (z % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

/// The order to show a question's options in for the attempt with this seed: the
/// written order when `fixed_order` is set, otherwise a shuffle that differs from
/// question to question within one attempt.
pub fn option_order(question: &Question, seed: u64) -> Vec<usize> {
    let len = question.options.len();
    if question.fixed_order {
        return (0..len).collect();
    }
    // FNV-1a of the id, so two questions of one attempt are not shuffled alike.
    let salt = question
        .id
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
    shuffled(len, seed ^ salt)
}
