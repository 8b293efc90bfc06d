//! The default SLA model: hand-computed cases, maintenance windows crossing
//! midnight and DST, weighted agents, edge-case logs, and properties.

use jlg_native_core::sla::maintenance::{Maintenance, MaintenanceDefinition, Zone};
use jlg_native_core::sla::windows::{windows, WindowsConfig};
use proptest::prelude::*;
use serde_json::{json, Value};

const NOW: i64 = 1_700_000_000;
const DAY: i64 = 86_400;

fn config(days: i64, weights: &[(&str, f64)], maintenance: Value, zone: &str) -> WindowsConfig {
    let defs: Vec<MaintenanceDefinition> = serde_json::from_value(maintenance).unwrap();
    WindowsConfig {
        now: NOW,
        windows_days: vec![days],
        weights: weights.iter().map(|(k, w)| ((*k).to_owned(), *w)).collect(),
        maintenance: Maintenance::new(&defs).unwrap(),
        zone: Zone::parse(zone).unwrap(),
        local_timestamps: false,
    }
}

fn e(ts: i64, agent: &str, status: Value) -> Value {
    json!({"timestamp": ts, "agent": agent, "status": status, "latency": 0.2})
}

#[test]
fn hand_computed_day_with_one_incident() {
    let start = NOW - DAY;
    let log = vec![e(start - 3600, "a", json!(true)), e(start + 3600, "a", json!(false)), e(start + 7200, "a", json!(true))];
    let out = windows(&log, &config(1, &[], json!([]), "UTC")).unwrap();
    let a = &out["windows"]["1d"]["agents"]["a"];
    assert_eq!(a["up_seconds"], json!(82_800));
    assert_eq!(a["downtime_seconds"], json!(3600));
    assert_eq!(a["availability_raw"].as_f64().unwrap(), 100.0 * 82_800.0 / 86_400.0);
    assert_eq!(a["availability_adjusted"], a["availability_raw"]);
    assert_eq!(a["incidents"], json!([{"start": start + 3600, "end": start + 7200, "duration": 3600, "open": false}]));
    assert_eq!(a["mttr"]["mean"], json!(3600.0));
    assert_eq!(a["checks"]["total"], json!(2));

    // The same hour declared as planned maintenance leaves the denominator.
    let m = json!([{"type": "one_off", "start": start + 3600, "duration_minutes": 60}]);
    let out = windows(&log, &config(1, &[], m, "UTC")).unwrap();
    let a = &out["windows"]["1d"]["agents"]["a"];
    assert_eq!(a["downtime_seconds"], json!(0));
    assert_eq!(a["maintenance_seconds"], json!(3600));
    assert_eq!(a["availability_adjusted"], json!(100.0));
    assert_eq!(a["availability_raw"].as_f64().unwrap(), 100.0 * 82_800.0 / 86_400.0);
}

#[test]
fn weighted_agents() {
    let start = NOW - DAY;
    let log = vec![
        e(start - 3600, "a", json!(true)),
        e(start + 3600, "a", json!(false)),
        e(start + 7200, "a", json!(true)),
        e(start - 10, "b", json!(false)),
    ];
    let out = windows(&log, &config(1, &[("a", 3.0), ("b", 1.0)], json!([]), "UTC")).unwrap();
    let g = &out["windows"]["1d"]["global"];
    // (3 * 82800 + 1 * 0) / (3 * 86400 + 1 * 86400)
    assert_eq!(g["availability_raw"].as_f64().unwrap(), 100.0 * (3.0 * 82_800.0) / (4.0 * 86_400.0));
    assert_eq!(g["incident_count"], json!(2));
    // b's incident is still open: it is listed but not in the MTTR.
    assert_eq!(g["mttr"]["count"], json!(1));
    assert_eq!(out["windows"]["1d"]["agents"]["b"]["incidents"][0]["open"], json!(true));
    // Weight 0 takes an agent out of the global figure.
    let out = windows(&log, &config(1, &[("a", 1.0), ("b", 0.0)], json!([]), "UTC")).unwrap();
    assert_eq!(out["windows"]["1d"]["global"]["availability_raw"], out["windows"]["1d"]["agents"]["a"]["availability_raw"]);
}

#[test]
fn empty_log_one_entry_and_unsorted() {
    let out = windows(&Vec::<Value>::new(), &config(7, &[], json!([]), "UTC")).unwrap();
    assert_eq!(out["windows"]["7d"]["global"]["availability_raw"], Value::Null);
    assert_eq!(out["entries"], json!(0));

    let out = windows(&[e(NOW - 100, "default", json!(true))], &config(1, &[], json!([]), "UTC")).unwrap();
    let a = &out["windows"]["1d"]["agents"]["default"];
    assert_eq!(a["availability_raw"], json!(100.0));
    assert_eq!(a["unknown_seconds"], json!(DAY - 100));

    let start = NOW - DAY;
    let sorted = vec![e(start - 3600, "a", json!(true)), e(start + 3600, "a", json!(false)), e(start + 7200, "a", json!(true))];
    let shuffled = vec![sorted[2].clone(), sorted[0].clone(), sorted[1].clone()];
    let c = config(1, &[], json!([]), "UTC");
    assert_eq!(windows(&sorted, &c).unwrap(), windows(&shuffled, &c).unwrap());
}

#[test]
fn daily_window_crossing_midnight() {
    // Down for the whole day 2023-11-13 UTC; a daily 23:30 window of 60 min
    // covers 00:00-00:30 (from the day before) and 23:30-24:00.
    let day_start = 1_699_833_600; // 2023-11-13 00:00 UTC
    let mut c = config(1, &[], json!([{"type": "daily", "start": "23:30", "duration_minutes": 60}]), "UTC");
    c.now = day_start + DAY;
    let log = vec![e(day_start - 60, "a", json!(false))];
    let out = windows(&log, &c).unwrap();
    let a = &out["windows"]["1d"]["agents"]["a"];
    assert_eq!(a["maintenance_seconds"], json!(3600));
    assert_eq!(a["downtime_seconds"], json!(DAY - 3600));
}

#[test]
fn daily_window_on_the_dst_night() {
    // 2024-10-27, Paris falls back at 01:00 UTC. The 23:30 window that evening
    // is 23:30 CET = 22:30 UTC (with the summer offset it would be 21:30 UTC).
    let now = 1_730_073_600; // 2024-10-28 00:00 UTC
    let down_from = now - 5400; // 22:30 UTC
    let mut c = config(1, &[], json!([{"type": "daily", "start": "23:30", "duration_minutes": 60}]), "Europe/Paris");
    c.now = now;
    let log = vec![e(now - DAY - 60, "a", json!(true)), e(down_from, "a", json!(false)), e(down_from + 3600, "a", json!(true))];
    let out = windows(&log, &c).unwrap();
    let a = &out["windows"]["1d"]["agents"]["a"];
    assert_eq!(a["downtime_seconds"], json!(0), "the outage sits exactly in the CET maintenance window");
    assert_eq!(a["availability_adjusted"], json!(100.0));
}

#[test]
fn local_timestamps_fix_the_double_shift() {
    // SitePulse stores wall-clock seconds (UTC + 2 h in Paris summer time).
    let utc = 1_719_835_200; // 2024-07-01 12:00 UTC
    let local = utc + 7200;
    let mut c = config(1, &[], json!([]), "Europe/Paris");
    c.now = local;
    c.local_timestamps = true;
    let out = windows(&[e(local - 3600, "a", json!(false))], &c).unwrap();
    assert_eq!(out["generated_at"], json!(utc));
    assert_eq!(out["windows"]["1d"]["agents"]["a"]["incidents"][0]["start"], json!(utc - 3600));
}

#[test]
fn bad_input_names_index_and_key() {
    let c = config(1, &[], json!([]), "UTC");
    let err = windows(&[e(1, "a", json!(true)), json!({"agent": "a", "status": true})], &c).unwrap_err();
    assert_eq!(err.to_string(), "log[1].timestamp: is missing");
    let err = windows(&[json!({"timestamp": 5, "status": "down"})], &c).unwrap_err();
    assert_eq!(err.to_string(), "log[0].status: must be true, false, 'unknown' or 'maintenance', got 'down'");
    let err = windows(&[json!({"timestamp": 5, "status": true, "latency": -1.0})], &c).unwrap_err();
    assert_eq!(err.to_string(), "log[0].latency: must be a non-negative duration");
    let err = windows(&[json!({"timestamp": "5", "status": true})], &c).unwrap_err();
    assert_eq!(err.to_string(), "log[0].timestamp: must be an integer Unix timestamp, got string");
}

fn status_strategy() -> impl Strategy<Value = Value> {
    prop_oneof![Just(json!(true)), Just(json!(false)), Just(json!("unknown")), Just(json!("maintenance"))]
}

proptest! {
    #[test]
    fn availability_stays_within_bounds(
        entries in prop::collection::vec((0i64..(3 * DAY), 0usize..3, status_strategy()), 0..60),
        maint in prop::collection::vec((0i64..(3 * DAY), 1i64..600), 0..4),
    ) {
        let log: Vec<Value> = entries.iter().map(|(off, a, s)| e(NOW - off, ["a", "b", "c"][*a], s.clone())).collect();
        let m: Vec<Value> = maint.iter().map(|(off, d)| json!({"type": "one_off", "start": NOW - off, "duration_minutes": d})).collect();
        let c = config(2, &[("b", 2.0)], Value::Array(m), "UTC");
        let out = windows(&log, &c).unwrap();
        let w = &out["windows"]["2d"];
        let mut figures = vec![&w["global"]["availability_raw"], &w["global"]["availability_adjusted"]];
        if let Some(agents) = w["agents"].as_object() {
            for a in agents.values() {
                figures.push(&a["availability_raw"]);
                figures.push(&a["availability_adjusted"]);
                prop_assert!(a["downtime_seconds"].as_i64().unwrap() >= 0);
            }
        }
        for f in figures {
            if let Some(v) = f.as_f64() {
                prop_assert!((0.0..=100.0).contains(&v), "{v}");
            }
        }
    }

    #[test]
    fn maintenance_over_downtime_only_raises_availability(
        segments in prop::collection::vec((1i64..120, any::<bool>(), any::<bool>()), 1..30),
    ) {
        // Consecutive segments (minutes) of up/down for one agent; some down
        // segments are declared as maintenance.
        let total: i64 = segments.iter().map(|(m, _, _)| m * 60).sum();
        let mut t = NOW - total;
        let mut log = Vec::new();
        let mut maint = Vec::new();
        for (minutes, up, planned) in &segments {
            log.push(e(t, "a", json!(*up)));
            if !*up && *planned {
                maint.push(json!({"type": "one_off", "start": t, "duration_minutes": minutes}));
            }
            t += minutes * 60;
        }
        let mut c = config(2, &[], Value::Array(maint), "UTC");
        c.windows_days = vec![1, 2];
        let out = windows(&log, &c).unwrap();
        for key in ["1d", "2d"] {
            let a = &out["windows"][key]["agents"]["a"];
            if let (Some(raw), Some(adj)) = (a["availability_raw"].as_f64(), a["availability_adjusted"].as_f64()) {
                prop_assert!(adj >= raw - 1e-9, "{key}: adjusted {adj} < raw {raw}");
            }
        }
    }
}
