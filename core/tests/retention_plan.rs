//! Simulation and recommendation.

use jlg_native_core::id::Id;
use jlg_native_core::retention::{recommend, simulate, Archive, BackupJlgPolicy, Future, GfsPolicy, Policy, Schedule};
use serde_json::json;

const DAY: i64 = 86_400;
const T0: i64 = 1_700_000_000;

fn daily(n: i64, size: i64) -> Vec<Archive> {
    (0..n).map(|i| Archive { id: Id::Str(format!("b{i:03}.zip")), timestamp: T0 + i * DAY, size }).collect()
}

fn keep(n: i64) -> Policy {
    Policy::BackupJlg(BackupJlgPolicy { by_number: n, by_age_days: 0, ..BackupJlgPolicy::default() })
}

#[test]
fn simulation_shows_the_saw_tooth_of_a_count_policy() {
    let a = daily(2, 100);
    let future = Future::Schedule(Schedule { start: T0 + 2 * DAY, interval_seconds: DAY, count: 5, size: 100, id_prefix: None });
    let sim = simulate(&a, &keep(3), &future).unwrap();
    let before: Vec<i64> = sim.steps.iter().map(|s| s.used_before_bytes).collect();
    let after: Vec<i64> = sim.steps.iter().map(|s| s.used_after_bytes).collect();
    assert_eq!(before, vec![300, 400, 400, 400, 400]);
    assert_eq!(after, vec![300, 300, 300, 300, 300]);
    assert_eq!(sim.peak_used_bytes, 400);
    assert_eq!(sim.steps[1].deleted, vec![Id::from("b000.zip")]);
    assert_eq!(sim.keep, vec![Id::from("future-5"), Id::from("future-4"), Id::from("future-3")]);
}

#[test]
fn simulation_refuses_bad_futures() {
    let a = daily(2, 100);
    let f = Future::from_value(json!([{"id": "b001.zip", "timestamp": T0 + 9 * DAY, "size": 1}]), "future").unwrap();
    let e = simulate(&a, &keep(3), &f).unwrap_err();
    assert!(e.to_string().starts_with("future[0].id: \"b001.zip\" is already"), "{e}");
    let f = Future::from_value(json!([{"id": "x", "timestamp": T0 + 9 * DAY, "size": 1}, {"id": "y", "timestamp": T0, "size": 1}]), "future").unwrap();
    assert!(simulate(&a, &keep(3), &f).unwrap_err().to_string().starts_with("future[1].timestamp"));
    let e = Future::from_value(json!([{"id": "x", "timestamp": "soon", "size": 1}]), "future").unwrap_err();
    assert!(e.to_string().starts_with("future[0].timestamp: invalid type"), "{e}");
    let e = Future::from_value(json!({"start": 1, "interval_seconds": 0, "count": 2, "size": 1}), "future").unwrap();
    assert!(simulate(&a, &keep(3), &e).unwrap_err().to_string().starts_with("future.interval_seconds"));
    let big = Future::Schedule(Schedule { start: T0, interval_seconds: 1, count: 10_001, size: 1, id_prefix: None });
    assert!(simulate(&a, &keep(3), &big).unwrap_err().to_string().starts_with("future.count"));
}

#[test]
fn recommend_finds_the_largest_count_under_the_target() {
    // Ten archives of 100 bytes, quota 1000, target 0.85 -> 850 bytes -> 8 archives.
    let a = daily(10, 100);
    let r = recommend(&a, 1000, 0.85, &Policy::default()).unwrap();
    assert_eq!(r.policy, keep(8));
    assert_eq!((r.projected_used_bytes, r.target_bytes, r.fits), (800, 850, true));
    // Beyond the archives present, growth assumes p90-sized archives.
    let r = recommend(&a, 5000, 0.5, &keep(3)).unwrap();
    assert_eq!(r.policy, keep(25));
    assert_eq!(r.projected_used_bytes, 2500);
    // Not even one archive fits.
    let r = recommend(&a, 100, 0.5, &keep(3)).unwrap();
    assert_eq!((r.policy, r.fits), (keep(1), false));
}

#[test]
fn recommend_scales_gfs_counts_together() {
    let a = daily(120, 100);
    let g = GfsPolicy { keep_daily: 14, keep_weekly: 8, keep_monthly: 6, ..GfsPolicy::default() };
    // Roughly 14 + 6 + 4 distinct archives at full size: 2,400+ bytes; target 1,500.
    let r = recommend(&a, 3000, 0.5, &Policy::Gfs(g.clone())).unwrap();
    assert!(r.fits);
    assert!(r.projected_used_bytes <= 1500, "{r:?}");
    let Policy::Gfs(got) = &r.policy else { panic!("shape kept") };
    assert!(got.keep_daily < 14 && got.keep_daily >= got.keep_weekly.min(got.keep_daily));
    eprintln!("{r:?}");
    // With room for everything the requested counts come back unchanged.
    let full = recommend(&a, 1_000_000, 1.0, &Policy::Gfs(g.clone())).unwrap();
    assert_eq!(full.policy, Policy::Gfs(g));
    let unlimited = GfsPolicy { keep_daily: -1, ..GfsPolicy::default() };
    let e = recommend(&a, 1000, 0.5, &Policy::Gfs(unlimited)).unwrap_err();
    assert!(e.to_string().starts_with("policy.keep_daily: recommend needs finite counts"));
    assert!(recommend(&[], 1000, 0.5, &Policy::default()).is_err());
    assert!(recommend(&a, 0, 0.5, &Policy::default()).unwrap_err().to_string().starts_with("quotaBytes"));
    assert!(recommend(&a, 10, 1.5, &Policy::default()).unwrap_err().to_string().starts_with("targetRatio"));
}
