//! Order statistics: the project's single percentile rule.
//!
//! Linear interpolation between the closest ranks, as numpy does by default
//! (`numpy.percentile(values, p)`, method "linear", Hyndman and Fan type 7):
//! for `n` values sorted ascending, percentile `p` sits at position
//! `h = (n - 1) * p / 100`; the result is the value at `floor(h)` moved towards
//! the next one by the fractional part of `h`.

/// Percentile `p` (0 to 100) of `sorted` (ascending), by linear interpolation
/// between the closest ranks. `None` when the slice is empty or `p` is not a
/// number within `[0, 100]`. An unsorted slice gives an unspecified value but
/// never panics.
#[must_use]
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 || !(0.0..=100.0).contains(&p) {
        return None;
    }
    let h = (n - 1) as f64 * (p / 100.0);
    // h lies in [0, n - 1], so the conversion stays in range.
    let lo = (h.floor() as usize).min(n - 1);
    let hi = (lo + 1).min(n - 1);
    let t = h - lo as f64;
    let (a, b) = (sorted[lo], sorted[hi]);
    // Interpolate from the nearer end, as numpy does, so both agree to the last bit.
    let diff = b - a;
    Some(if t >= 0.5 { b - diff * (1.0 - t) } else { a + diff * t })
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn agrees_with_numpy_linear() {
        // numpy.percentile([1, 2, 3, 4], [0, 10, 25, 50, 90, 95, 100])
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(percentile(&v, 0.0), Some(1.0));
        assert!((percentile(&v, 10.0).unwrap() - 1.3).abs() < 1e-12);
        assert_eq!(percentile(&v, 25.0), Some(1.75));
        assert_eq!(percentile(&v, 50.0), Some(2.5));
        assert!((percentile(&v, 90.0).unwrap() - 3.7).abs() < 1e-12);
        assert!((percentile(&v, 95.0).unwrap() - 3.85).abs() < 1e-12);
        assert_eq!(percentile(&v, 100.0), Some(4.0));
        // numpy.percentile(range(1, 21), 95) == 19.05
        let twenty: Vec<f64> = (1..=20).map(f64::from).collect();
        assert!((percentile(&twenty, 95.0).unwrap() - 19.05).abs() < 1e-12);
        assert_eq!(percentile(&[7.0], 95.0), Some(7.0));
    }

    #[test]
    fn none_for_empty_or_out_of_range() {
        assert_eq!(percentile(&[], 50.0), None);
        assert_eq!(percentile(&[1.0], -0.5), None);
        assert_eq!(percentile(&[1.0], 100.5), None);
        assert_eq!(percentile(&[1.0], f64::NAN), None);
    }
}
