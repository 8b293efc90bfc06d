//! Projections on synthetic series: known slope and noise, outliers, saw-tooth
//! usage from retention purges, unlimited quotas, bounds, and bad inputs.

use jlg_native_core::quota::{
    aggregate, backups_remaining, least_squares, project, theil_sen, Destination, Level, Method, ProjectOptions,
    Sample, StorageLevel,
};
use jlg_native_core::id::Id;

const DAY: i64 = 86_400;
const GB: f64 = 1e9;
const T0: i64 = 1_700_000_000;

/// A small deterministic generator (tests may not read an RNG either).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Roughly normal: sum of 12 uniforms minus 6.
    fn gauss(&mut self) -> f64 {
        (0..12).map(|_| self.next()).sum::<f64>() - 6.0
    }
}

fn noisy_line(n: usize, base: f64, per_day: f64, noise: f64, seed: u64) -> Vec<Sample> {
    let mut rng = Lcg(seed);
    (0..n)
        .map(|i| Sample { timestamp: T0 + i as i64 * DAY, used_bytes: (base + per_day * i as f64 + noise * rng.gauss()).max(0.0) })
        .collect()
}

fn opts(quota: Option<f64>, method: Method) -> ProjectOptions {
    ProjectOptions { quota_bytes: quota, method, ..ProjectOptions::default() }
}

#[test]
fn known_slope_with_noise_is_recovered_and_days_are_right() {
    let s = noisy_line(60, 40.0 * GB, 0.5 * GB, 0.2 * GB, 7);
    let now = s.last().unwrap().timestamp;
    for method in [Method::TheilSen, Method::LeastSquares] {
        let p = project(&s, &opts(Some(100.0 * GB), method), now).unwrap();
        let slope = p.slope_bytes_per_day.unwrap();
        assert!((slope - 0.5 * GB).abs() < 0.03 * GB, "{method:?}: {slope}");
        // Threshold 85 GB, fitted level at day 59 is about 69.5 GB: about 31 days left.
        let d = p.days_to_threshold;
        let p50 = d.p50.unwrap();
        assert!((p50 - 31.0).abs() < 2.5, "{method:?}: {p50}");
        assert!(d.p10.unwrap() <= p50 && p50 <= d.p90.unwrap(), "{d:?}");
        assert_eq!(p.samples_used, 60);
        assert_eq!(p.used_bytes, Some(s.last().unwrap().used_bytes.round() as i64));
        assert_eq!(p.threshold_at, Some(now + (p50 * DAY as f64).round() as i64));
    }
}

#[test]
fn theil_sen_ignores_29_percent_outliers_where_least_squares_fails() {
    let n = 100;
    let mut s = noisy_line(n, 20.0 * GB, 0.3 * GB, 0.05 * GB, 11);
    // 29 % of the readings are broken: a failed `du` reporting 0, or a spike
    // while an archive is being written, at deterministic scattered places.
    let mut rng = Lcg(99);
    let mut broken = 0;
    let mut idx: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = (rng.next() * (i + 1) as f64) as usize;
        idx.swap(i, j);
    }
    for &i in idx.iter().take(29) {
        s[i].used_bytes = if i % 2 == 0 { 0.0 } else { s[i].used_bytes + 60.0 * GB };
        broken += 1;
    }
    assert_eq!(broken, 29);
    let now = s.last().unwrap().timestamp;
    let truth_days = (85.0 * GB - (20.0 * GB + 0.3 * GB * 99.0)) / (0.3 * GB);
    let ts = project(&s, &opts(Some(100.0 * GB), Method::TheilSen), now).unwrap();
    let ls = project(&s, &opts(Some(100.0 * GB), Method::LeastSquares), now).unwrap();
    let ts_slope = ts.slope_bytes_per_day.unwrap();
    let ls_slope = ls.slope_bytes_per_day.unwrap();
    assert!((ts_slope - 0.3 * GB).abs() < 0.03 * GB, "Theil-Sen slope {ts_slope}");
    let ts_days = ts.days_to_threshold.p50.unwrap();
    assert!((ts_days - truth_days).abs() < 0.1 * truth_days, "Theil-Sen days {ts_days} vs {truth_days}");
    eprintln!("outliers: truth {truth_days:.1} d; Theil-Sen {ts_slope:.3e}/d {ts_days:.1} d; least squares {ls_slope:.3e}/d {:?}", ls.days_to_threshold.p50);
    let ls_err = ls.days_to_threshold.p50.map_or(f64::INFINITY, |d| (d - truth_days).abs());
    let ls_slope_err = (ls_slope - 0.3 * GB).abs();
    assert!(ls_err > 0.25 * truth_days || ls_slope_err > 0.25 * 0.3 * GB, "least squares did not fail: slope {ls_slope}, days {:?}", ls.days_to_threshold);
}

/// Backups of 1 GB a day; a purge every 7 days removes the 6 oldest; the
/// remaining site data grows 0.1 GB a day. Long-term trend: 0.1 GB/day.
fn saw_tooth(days: usize) -> Vec<Sample> {
    (0..days)
        .map(|d| {
            let in_cycle = (d % 7) as f64;
            Sample { timestamp: T0 + d as i64 * DAY, used_bytes: 30.0 * GB + 0.1 * GB * d as f64 + GB * in_cycle }
        })
        .collect()
}

#[test]
fn saw_tooth_from_purges_is_read_as_its_long_term_trend() {
    // Ends at the top of a tooth (day 6 of a cycle): least squares over a
    // window that starts and ends mid-cycle is pulled towards the ramp.
    let s = saw_tooth(7 * 6 + 5)[2..].to_vec();
    let now = s.last().unwrap().timestamp;
    let ts = project(&s, &opts(Some(100.0 * GB), Method::TheilSen), now).unwrap();
    let ls = project(&s, &opts(Some(100.0 * GB), Method::LeastSquares), now).unwrap();
    let ts_err = (ts.slope_bytes_per_day.unwrap() - 0.1 * GB).abs();
    let ls_err = (ls.slope_bytes_per_day.unwrap() - 0.1 * GB).abs();
    eprintln!("saw-tooth: Theil-Sen error {ts_err:.3e}, least squares error {ls_err:.3e}");
    assert!(ts_err < 0.05 * GB, "Theil-Sen {:?}", ts.slope_bytes_per_day);
    assert!(ts_err < ls_err, "Theil-Sen {ts_err} vs least squares {ls_err}");
    // Flat saw-tooth (retention keeps usage bounded): never reaches 85 GB in any useful horizon.
    let flat: Vec<Sample> = (0..56)
        .map(|d| Sample { timestamp: T0 + d * DAY, used_bytes: 30.0 * GB + GB * (d % 7) as f64 })
        .collect();
    let p = project(&flat, &opts(Some(100.0 * GB), Method::TheilSen), flat.last().unwrap().timestamp).unwrap();
    assert!(p.slope_bytes_per_day.unwrap().abs() < 0.05 * GB, "{:?}", p.slope_bytes_per_day);
    assert!(matches!(p.level, Level::Ok), "{p:?}");
}

#[test]
fn sen_interval_covers_the_true_slope_about_80_percent_of_the_time() {
    let mut covered = 0;
    let runs = 300;
    for seed in 0..runs {
        let s = noisy_line(25, 10.0 * GB, 0.2 * GB, 0.5 * GB, 1000 + seed);
        let fit = theil_sen(&s).unwrap();
        assert!(fit.slope_low <= fit.slope && fit.slope <= fit.slope_high);
        if fit.slope_low <= 0.2 * GB && 0.2 * GB <= fit.slope_high {
            covered += 1;
        }
    }
    let rate = f64::from(covered) / runs as f64;
    eprintln!("Sen interval coverage {rate}");
    assert!((0.70..=0.92).contains(&rate), "coverage {rate}");
    // Least squares' t interval too.
    let mut covered = 0;
    for seed in 0..runs {
        let s = noisy_line(25, 10.0 * GB, 0.2 * GB, 0.5 * GB, 5000 + seed);
        let fit = least_squares(&s).unwrap();
        if fit.slope_low <= 0.2 * GB && 0.2 * GB <= fit.slope_high {
            covered += 1;
        }
    }
    let rate = f64::from(covered) / runs as f64;
    eprintln!("t interval coverage {rate}");
    assert!((0.72..=0.90).contains(&rate), "coverage {rate}");
}

#[test]
fn levels_follow_the_earliest_plausible_crossing() {
    // 1 GB/day, 84 GB used of 100: threshold 85 GB about a day away.
    let s: Vec<Sample> = (0..10).map(|d| Sample { timestamp: T0 + d * DAY, used_bytes: (75.0 + d as f64) * GB }).collect();
    let now = s.last().unwrap().timestamp;
    let p = project(&s, &opts(Some(100.0 * GB), Method::TheilSen), now).unwrap();
    assert_eq!(p.level, Level::Critical, "{p:?}");
    assert!((p.days_to_threshold.p50.unwrap() - 1.0).abs() < 1e-6);
    let p = project(&s, &opts(Some(100.0 * GB), Method::TheilSen), now - 2 * DAY).unwrap();
    assert_eq!(p.level, Level::Warning, "3 days ahead of now: {p:?}");
    let p = project(&s, &ProjectOptions { threshold_ratio: 0.95, ..opts(Some(100.0 * GB), Method::TheilSen) }, now).unwrap();
    assert_eq!(p.level, Level::Watch);
    let p = project(&s, &opts(Some(1000.0 * GB), Method::TheilSen), now).unwrap();
    assert_eq!(p.level, Level::Ok);
    // Already above the threshold: 0 days, critical, threshold_at = now.
    let p = project(&s, &opts(Some(90.0 * GB), Method::TheilSen), now).unwrap();
    assert_eq!(p.days_to_threshold.p50, Some(0.0));
    assert_eq!(p.level, Level::Critical);
    assert_eq!(p.threshold_at, Some(now));
    // Falling usage: never.
    let down: Vec<Sample> = s.iter().rev().enumerate().map(|(i, x)| Sample { timestamp: T0 + i as i64 * DAY, used_bytes: x.used_bytes }).collect();
    let p = project(&down, &opts(Some(100.0 * GB), Method::TheilSen), now).unwrap();
    assert_eq!((p.days_to_threshold.p50, p.threshold_at, p.level), (None, None, Level::Ok));
}

#[test]
fn unlimited_quota_and_short_series() {
    let s = noisy_line(10, GB, GB, 0.0, 1);
    let p = project(&s, &opts(None, Method::TheilSen), T0 + 10 * DAY).unwrap();
    assert_eq!((p.quota_bytes, p.used_ratio, p.days_to_threshold.p50, p.level), (None, None, None, Level::Ok));
    assert!(p.slope_bytes_per_day.is_some());
    for n in [0, 1] {
        let p = project(&s[..n], &opts(Some(100.0 * GB), Method::TheilSen), T0).unwrap();
        assert_eq!(p.level, Level::Unknown);
        assert_eq!(p.slope_bytes_per_day, None);
        assert_eq!(p.days_to_threshold.p10, None);
    }
}

#[test]
fn long_series_use_the_newest_2000_samples() {
    let s = noisy_line(2500, GB, 0.01 * GB, 0.0, 3);
    let p = project(&s, &opts(Some(1e13), Method::TheilSen), T0 + 3000 * DAY).unwrap();
    assert_eq!(p.samples_used, 2000);
    assert!((p.slope_bytes_per_day.unwrap() - 0.01 * GB).abs() < 1.0);
}

#[test]
fn bad_inputs_are_named() {
    let ok = noisy_line(3, GB, GB, 0.0, 1);
    let cases: Vec<(Vec<Sample>, ProjectOptions, i64, &str)> = vec![
        (vec![ok[0], ok[0]], ProjectOptions::default(), T0, "samples[1].timestamp: duplicate timestamp"),
        (vec![ok[1], ok[0]], ProjectOptions::default(), T0, "samples[1].timestamp: 1700000000 is earlier"),
        (vec![ok[0], Sample { used_bytes: -1.0, ..ok[1] }], ProjectOptions::default(), T0, "samples[1].used_bytes: must not be negative"),
        (vec![Sample { used_bytes: 1e20, ..ok[0] }], ProjectOptions::default(), T0, "samples[0].used_bytes: 100000000000000000000 bytes is beyond"),
        (vec![Sample { timestamp: -1, ..ok[0] }], ProjectOptions::default(), T0, "samples[0].timestamp: -1 is not a Unix timestamp"),
        (ok.clone(), opts(Some(0.0), Method::TheilSen), T0, "options.quota_bytes: must be a positive"),
        (ok.clone(), ProjectOptions { threshold_ratio: 1.5, ..ProjectOptions::default() }, T0, "options.threshold_ratio: must be a fraction"),
        (ok.clone(), ProjectOptions { threshold_ratio: 0.0, ..ProjectOptions::default() }, T0, "options.threshold_ratio"),
        (ok.clone(), ProjectOptions::default(), -5, "options.now: -5 is not"),
    ];
    for (samples, o, now, want) in cases {
        let err = project(&samples, &o, now).unwrap_err().to_string();
        assert!(err.starts_with(want), "{err} / {want}");
    }
}

fn dest(id: &str, used: f64, quota: Option<f64>) -> Destination {
    Destination { id: Id::from(id), used_bytes: used, quota_bytes: quota, free_bytes: None, latency_ms: None, errors: None }
}

#[test]
fn aggregate_sums_like_backup_jlg_and_leaves_unlimited_out_of_the_ratio() {
    let a = aggregate(&[dest("s3", 80.0, Some(100.0)), dest("local", 500.0, None), dest("ftp", 10.0, Some(100.0))]).unwrap();
    assert_eq!(a.used_bytes, 590);
    assert_eq!(a.quota_bytes, Some(200));
    assert_eq!(a.used_ratio, Some(0.45));
    assert_eq!(a.level, StorageLevel::Ok);
    assert_eq!(a.worst, Some(Id::from("s3")));
    assert_eq!(a.per_destination[1].level, StorageLevel::Unknown);
    let a = aggregate(&[dest("a", 85.0, Some(100.0))]).unwrap();
    assert_eq!(a.level, StorageLevel::Warning);
    let a = aggregate(&[dest("a", 95.0, Some(100.0)), dest("b", 96.0, Some(100.0))]).unwrap();
    assert_eq!((a.level, a.worst.clone()), (StorageLevel::Danger, Some(Id::from("b"))));
    let a = aggregate(&[dest("a", 5.0, None)]).unwrap();
    assert_eq!((a.quota_bytes, a.used_ratio, a.level, a.worst), (None, None, StorageLevel::Unknown, None));
    let e = aggregate(&[dest("a", 5.0, None), dest("a", 1.0, None)]).unwrap_err();
    assert_eq!(e.to_string(), "destinations[1].id: duplicate id \"a\"");
    let e = aggregate(&[dest("a", -5.0, None)]).unwrap_err();
    assert!(e.to_string().starts_with("destinations[0].used_bytes"));
    let e = aggregate(&[dest("a", 5.0, Some(0.0))]).unwrap_err();
    assert!(e.to_string().starts_with("destinations[0].quota_bytes"));
}

#[test]
fn remaining_backups_use_the_shared_percentiles() {
    let r = backups_remaining(10_000, &[1000.0, 1200.0, 900.0, 1100.0, 1500.0]).unwrap();
    assert_eq!(r.p50, Some(1100.0));
    assert_eq!(r.p90, Some(1380.0));
    assert_eq!(r.remaining, Some(7));
}
