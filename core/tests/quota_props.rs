//! The quota functions answer every input with a result or an error, never a panic,
//! and their bounds are ordered.

use jlg_native_core::quota::{backups_remaining, project, Method, ProjectOptions, Sample};
use proptest::prelude::*;

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e18f64..1e18,
        0f64..1e12,
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(0.0),
        Just(9.007_199_254_740_992e15)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn project_never_panics(
        rows in prop::collection::vec((any::<i64>(), any_f64()), 0..40),
        quota in prop::option::of(any_f64()),
        ratio in any_f64(),
        now in any::<i64>(),
        ls in any::<bool>(),
    ) {
        let samples: Vec<Sample> = rows.into_iter().map(|(t, u)| Sample { timestamp: t, used_bytes: u }).collect();
        let o = ProjectOptions { quota_bytes: quota, threshold_ratio: ratio, now: None, method: if ls { Method::LeastSquares } else { Method::TheilSen } };
        let _ = project(&samples, &o, now);
    }

    #[test]
    fn bounds_are_ordered_on_valid_series(
        steps in prop::collection::vec((1i64..200_000, 0f64..1e10), 2..80),
        quota in 1e9f64..1e11,
        ls in any::<bool>(),
    ) {
        let mut t = 1_700_000_000;
        let samples: Vec<Sample> = steps.into_iter().map(|(dt, u)| { t += dt; Sample { timestamp: t, used_bytes: u } }).collect();
        let o = ProjectOptions { quota_bytes: Some(quota), method: if ls { Method::LeastSquares } else { Method::TheilSen }, ..ProjectOptions::default() };
        let p = project(&samples, &o, t).unwrap();
        let d = p.days_to_threshold;
        // Earlier days never come after later ones; `None` (never) only at the late end.
        if let (Some(a), Some(b)) = (d.p10, d.p50) { prop_assert!(a <= b + 1e-9); }
        if let (Some(a), Some(b)) = (d.p50, d.p90) { prop_assert!(a <= b + 1e-9); }
        if d.p10.is_none() { prop_assert!(d.p50.is_none() && d.p90.is_none()); }
        if d.p50.is_none() { prop_assert!(d.p90.is_none()); }
        for x in [d.p10, d.p50, d.p90].into_iter().flatten() { prop_assert!(x >= 0.0 && x.is_finite()); }
    }

    #[test]
    fn remaining_never_panics(free in any::<i64>(), sizes in prop::collection::vec(any_f64(), 0..30)) {
        if let Ok(r) = backups_remaining(free, &sizes) {
            if let (Some(a), Some(b)) = (r.p50, r.p90) { prop_assert!(a <= b); }
        }
    }
}
