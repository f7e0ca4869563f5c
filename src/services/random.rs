//! Randomness for shuffling quiz options: a fresh seed per attempt from the
//! browser's `Math.random`, which is plenty for putting options in a new order.

/// A seed for one quiz attempt.
pub fn seed() -> u64 {
    // 2^53 distinct values: the mantissa of the random double.
    (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64
}
