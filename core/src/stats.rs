//! Order statistics shared by every module: one percentile rule, two ways to reach it.
//!
//! The rule is linear interpolation between the closest ranks, numpy's default
//! (`numpy.percentile(..., method="linear")`, Hyndman & Fan type 7): for `n`
//! values sorted ascending and a percentile `p` in `[0, 100]`, the position is
//! `h = (n - 1) * p / 100`, and the result lies between the values at
//! `floor(h)` and `floor(h) + 1`, weighted by the fractional part of `h`.
//!
//! [`percentile`] reads an already sorted slice; [`percentile_in_place`] reaches
//! the same answer by selection (O(n)) on an unsorted buffer it may reorder, for
//! large inputs such as the pairwise slopes of a Theil–Sen fit. Both go through
//! [`rank`] and [`lerp`], so there is a single definition of the rule.

/// Where percentile `p` falls among `n` sorted values: the lower index, the
/// upper index and the weight of the upper one. `None` when `n == 0` or `p` is
/// not a number in `[0, 100]`.
#[must_use]
pub fn rank(n: usize, p: f64) -> Option<(usize, usize, f64)> {
    if n == 0 || !(0.0..=100.0).contains(&p) {
        return None;
    }
    let h = (n - 1) as f64 * (p / 100.0);
    // `h` is within [0, n - 1]; the casts cannot overflow.
    let lo = (h.floor() as usize).min(n - 1);
    let hi = (lo + 1).min(n - 1);
    Some((lo, hi, h - lo as f64))
}

/// Linear interpolation from `a` (weight `1 - t`) to `b` (weight `t`), computed
/// the way numpy does so that results agree to the last bit: from the nearer end.
#[must_use]
pub fn lerp(a: f64, b: f64, t: f64) -> f64 {
    let diff = b - a;
    if t >= 0.5 { b - diff * (1.0 - t) } else { a + diff * t }
}

/// Percentile `p` (0 to 100) of values sorted ascending, by linear interpolation
/// between the closest ranks. `None` for an empty slice or a `p` outside `[0, 100]`.
///
/// The slice must be sorted ascending (for example with `sort_by(f64::total_cmp)`);
/// an unsorted slice gives an unspecified value but never panics.
#[must_use]
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    let (lo, hi, t) = rank(sorted.len(), p)?;
    Some(lerp(sorted[lo], sorted[hi], t))
}

/// The median of values sorted ascending (the mean of the two middle values for
/// an even count). `None` for an empty slice.
#[must_use]
pub fn median(sorted: &[f64]) -> Option<f64> {
    percentile(sorted, 50.0)
}

/// Percentile `p` of unsorted values, found by selection in O(n); the buffer is
/// reordered. Same result as sorting then calling [`percentile`].
#[must_use]
pub fn percentile_in_place(values: &mut [f64], p: f64) -> Option<f64> {
    let (lo, hi, t) = rank(values.len(), p)?;
    let (_, &mut a, rest) = values.select_nth_unstable_by(lo, f64::total_cmp);
    let b = if hi == lo {
        a
    } else {
        // Everything right of `lo` is >= a; the next order statistic is their minimum.
        rest.iter().copied().min_by(f64::total_cmp).unwrap_or(a)
    };
    Some(lerp(a, b, t))
}

/// The median of unsorted values by selection; the buffer is reordered.
#[must_use]
pub fn median_in_place(values: &mut [f64]) -> Option<f64> {
    percentile_in_place(values, 50.0)
}

/// A sorted copy of `values` (ascending, total order), ready for [`percentile`].
#[must_use]
pub fn sorted(values: &[f64]) -> Vec<f64> {
    let mut out = values.to_vec();
    out.sort_by(f64::total_cmp);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_numpy_linear_on_known_cases() {
        // numpy.percentile([1, 2, 3, 4], q) for q = 0, 10, 25, 50, 90, 100
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(percentile(&v, 0.0), Some(1.0));
        assert!((percentile(&v, 10.0).unwrap() - 1.3).abs() < 1e-12);
        assert_eq!(percentile(&v, 25.0), Some(1.75));
        assert_eq!(percentile(&v, 50.0), Some(2.5));
        assert!((percentile(&v, 90.0).unwrap() - 3.7).abs() < 1e-12);
        assert_eq!(percentile(&v, 100.0), Some(4.0));
        // numpy.percentile([15, 20, 35, 40, 50], 40) == 29.0
        assert_eq!(percentile(&[15.0, 20.0, 35.0, 40.0, 50.0], 40.0), Some(29.0));
        assert_eq!(percentile(&[7.0], 33.0), Some(7.0));
        assert_eq!(median(&[5.0]), Some(5.0));
        assert_eq!(median(&[1.0, 3.0, 10.0]), Some(3.0));
    }

    #[test]
    fn refuses_empty_and_out_of_range() {
        assert_eq!(percentile(&[], 50.0), None);
        assert_eq!(percentile(&[1.0], -0.1), None);
        assert_eq!(percentile(&[1.0], 100.1), None);
        assert_eq!(percentile(&[1.0], f64::NAN), None);
        assert_eq!(percentile_in_place(&mut [], 10.0), None);
    }

    #[test]
    fn selection_agrees_with_sorting() {
        let raw: Vec<f64> = (0..101).map(|i| f64::from((i * 37) % 101) * 1.5 - 20.0).collect();
        let s = sorted(&raw);
        for p in [0.0, 1.0, 9.9, 10.0, 33.3, 50.0, 77.7, 90.0, 99.5, 100.0] {
            let mut buf = raw.clone();
            assert_eq!(percentile_in_place(&mut buf, p), percentile(&s, p), "p = {p}");
        }
    }

    #[test]
    fn lerp_is_exact_at_the_ends() {
        assert_eq!(lerp(1.0, 3.0, 0.0), 1.0);
        assert_eq!(lerp(1.0, 3.0, 1.0), 3.0);
        assert_eq!(lerp(1.0, 3.0, 0.5), 2.0);
    }
}
