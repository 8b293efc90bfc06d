//! The incident impact score: hand-computed cases and explainability.

use jlg_native_core::impact::{score, ScoreOptions};
use proptest::prelude::*;
use serde_json::{json, Value};

const NOW: i64 = 1_700_000_000;

fn opts() -> ScoreOptions {
    ScoreOptions { now: Some(NOW), ..Default::default() }
}

#[test]
fn hand_computed_modules() {
    let events = json!([
        {"module": "db", "severity": "critical", "timestamp": NOW - 100},
        {"module": "cache", "severity": "warning", "timestamp": NOW - 90_000, "resolved_at": NOW - 86_400, "affected": 99},
        {"module": "cache", "severity": "warning", "timestamp": NOW - 200_000, "resolved_at": NOW - 172_800},
    ]);
    let out = score(&events, &opts()).unwrap();
    let db = &out["modules"]["db"];
    // Open critical: severity 1 * 50, recurrence 0, recency 1 * 20, no reach.
    assert_eq!(db["breakdown"], json!({"severity": 50.0, "recurrence": 0.0, "recency": 20.0, "affected": 0.0}));
    assert_eq!(db["score"], json!(70.0));
    assert_eq!(db["open_incidents"], json!(1));
    assert_eq!(db["rank"], json!(1));
    let cache = &out["modules"]["cache"];
    // Resolved one half-life ago: decay 0.5. severity 0.3 * 0.5 * 50 = 7.5;
    // 2 occurrences in 7 days: (2 - 1) / 4 * 20 = 5; recency 0.5 * 20 = 10;
    // reach log10(100) / log10(1001) * 10 = 6.67.
    assert_eq!(cache["breakdown"], json!({"severity": 7.5, "recurrence": 5.0, "recency": 10.0, "affected": 6.67}));
    assert_eq!(cache["score"], json!(29.17));
    assert_eq!(cache["rank"], json!(2));
    assert_eq!(cache["open_incidents"], json!(0));
    assert_eq!(out["dominant_module"], json!("db"));
    // 100 * (1 - 0.3 * 0.7083)
    assert_eq!(out["overall"], json!(78.75));
}

#[test]
fn half_life_and_weights_are_options() {
    let events = json!([{"module": "m", "severity": "error", "timestamp": NOW - 7200, "resolved_at": NOW - 3600}]);
    let o = ScoreOptions { now: Some(NOW), half_life_seconds: Some(3600.0), ..Default::default() };
    let out = score(&events, &o).unwrap();
    // decay 0.5: severity 0.6 * 0.5 * 50 = 15, recency 10
    assert_eq!(out["modules"]["m"]["breakdown"]["severity"], json!(15.0));
    assert_eq!(out["modules"]["m"]["breakdown"]["recency"], json!(10.0));
}

#[test]
fn bad_events_name_index_and_key() {
    let err = score(&json!([{"module": "m", "severity": "fatal", "timestamp": 1}]), &opts()).unwrap_err();
    assert_eq!(err.to_string(), "events[0].severity: must be critical, error, warning or info, got 'fatal'");
    let err = score(&json!([{"module": "m", "severity": "info", "timestamp": 10, "resolved_at": 5}]), &opts()).unwrap_err();
    assert!(err.to_string().starts_with("events[0].resolved_at: is before the timestamp"));
    let err = score(&json!([{"severity": "info", "timestamp": 10}]), &opts()).unwrap_err();
    assert_eq!(err.to_string(), "events[0].module: is missing");
    assert!(score(&json!([]), &ScoreOptions::default()).is_err(), "now is required in core");
    assert_eq!(score(&json!([]), &opts()).unwrap()["overall"], json!(0.0));
}

proptest! {
    #[test]
    fn every_score_is_its_breakdown(
        events in prop::collection::vec((0usize..4, 0usize..4, 0i64..1_000_000, prop::option::of(0i64..1_000_000), prop::option::of(0u32..5000)), 0..40)
    ) {
        let list: Vec<Value> = events.iter().map(|(m, s, age, res, aff)| {
            let ts = NOW - age;
            let module = ["a", "b", "c", "d"][*m];
            let severity = ["critical", "error", "warning", "info"][*s];
            let mut e = json!({"module": module, "severity": severity, "timestamp": ts});
            if let Some(r) = res { e["resolved_at"] = json!(ts + r); }
            if let Some(a) = aff { e["affected"] = json!(a); }
            e
        }).collect();
        let out = score(&Value::Array(list), &opts()).unwrap();
        let overall = out["overall"].as_f64().unwrap();
        prop_assert!((0.0..=100.0).contains(&overall));
        if let Some(modules) = out["modules"].as_object() {
            for m in modules.values() {
                let s = m["score"].as_f64().unwrap();
                let b = &m["breakdown"];
                let sum: f64 = ["severity", "recurrence", "recency", "affected"].iter().map(|k| b[*k].as_f64().unwrap()).sum();
                prop_assert!((s - sum).abs() < 0.005 + 1e-9, "{s} vs {sum}");
                prop_assert!((0.0..=100.0).contains(&s));
                prop_assert!(overall + 1e-9 >= s);
            }
        }
    }
}
