//! Parity of the SLA report and daily archive with SitePulse: every vector of
//! `shared/vectors/sitepulse-sla.json` must be reproduced exactly (floats bit
//! for bit, PHP int vs float kept, key order kept).

use jlg_native_core::sla::agents::AgentConfig;
use jlg_native_core::sla::archive::Archive;
use jlg_native_core::sla::entry::{scalar_of, LogEntry, Scalar};
use jlg_native_core::sla::sitepulse::{retention_days, sla_windows, SitepulseConfig};
use serde_json::Value;

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/vectors/sitepulse-sla.json");

fn vectors() -> Vec<Value> {
    let text = std::fs::read_to_string(VECTORS)
        .unwrap_or_else(|e| panic!("parity vectors missing at {VECTORS}: {e} (they must be present; this test never skips)"));
    let doc: Value = serde_json::from_str(&text).expect("vectors parse");
    doc["vectors"].as_array().expect("vectors list").clone()
}

/// A compact row: a null cell is an absent key.
struct Row<'a> {
    columns: &'a [Value],
    cells: &'a [Value],
}

impl LogEntry for Row<'_> {
    fn key_count(&self) -> usize {
        self.cells.iter().filter(|c| !c.is_null()).count()
    }
    fn get(&self, key: &str) -> Scalar<'_> {
        match self.columns.iter().position(|c| c == key) {
            Some(i) if !self.cells[i].is_null() => scalar_of(&self.cells[i]),
            _ => Scalar::Absent,
        }
    }
    fn violation_types(&self) -> Option<Vec<Scalar<'_>>> {
        match self.columns.iter().position(|c| c == "violation_types").map(|i| &self.cells[i]) {
            Some(Value::Array(items)) => Some(items.iter().map(scalar_of).collect()),
            Some(Value::Object(items)) => Some(items.values().map(scalar_of).collect()),
            _ => None,
        }
    }
}

fn same_number(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x.is_f64() == y.is_f64()
                && match (x.as_f64(), y.as_f64()) {
                    (Some(p), Some(q)) => p.to_bits() == q.to_bits() || (p == 0.0 && q == 0.0),
                    _ => false,
                }
        }
        _ => false,
    }
}

fn deep_same(a: &Value, b: &Value, path: &str, errors: &mut Vec<String>) {
    if errors.len() > 20 {
        return;
    }
    match (a, b) {
        (Value::Number(_), Value::Number(_)) => {
            if !same_number(a, b) {
                errors.push(format!("{path}: got {a}, want {b}"));
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            let kx: Vec<_> = x.keys().collect();
            let ky: Vec<_> = y.keys().collect();
            if kx != ky {
                errors.push(format!("{path}: keys {kx:?} vs {ky:?}"));
                return;
            }
            for (k, v) in x {
                deep_same(v, &y[k], &format!("{path}.{k}"), errors);
            }
        }
        (Value::Object(x), Value::Array(y)) | (Value::Array(y), Value::Object(x)) if x.is_empty() && y.is_empty() => {}
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                errors.push(format!("{path}: length {} vs {}", x.len(), y.len()));
                return;
            }
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                deep_same(p, q, &format!("{path}[{i}]"), errors);
            }
        }
        _ => {
            if a != b {
                errors.push(format!("{path}: got {a}, want {b}"));
            }
        }
    }
}

fn rows(input: &Value) -> (&[Value], &Vec<Value>) {
    let log = &input["log"];
    (log["columns"].as_array().unwrap(), log["rows"].as_array().unwrap())
}

#[test]
fn sla_windows_vectors() {
    let mut failures = Vec::new();
    let all = vectors();
    for v in &all {
        let id = v["id"].as_str().unwrap();
        let input = &v["input"];
        let (columns, raw_rows) = rows(input);
        let log: Vec<Row<'_>> = raw_rows.iter().map(|r| Row { columns, cells: r.as_array().unwrap() }).collect();
        let config = SitepulseConfig {
            now: input["now_local"].as_i64().unwrap(),
            windows: &input["windows_arg"],
            agents: &input["agents_option"],
            retention_days: &input["retention_days_option"],
            interval_seconds: 3600,
        };
        let got = sla_windows(&log, &config).unwrap();
        let mut errors = Vec::new();
        deep_same(&got, &v["output"]["sla_windows"], id, &mut errors);
        if !errors.is_empty() {
            failures.push(errors.join("\n"));
        }
    }
    assert_eq!(all.len(), 15);
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}

#[test]
fn archive_vectors() {
    let mut failures = Vec::new();
    for v in &vectors() {
        let id = v["id"].as_str().unwrap();
        let input = &v["input"];
        let (columns, raw_rows) = rows(input);
        let log: Vec<Row<'_>> = raw_rows.iter().map(|r| Row { columns, cells: r.as_array().unwrap() }).collect();
        #[allow(clippy::cast_possible_truncation)]
        let offset = (input["gmt_offset_hours"].as_f64().unwrap() * 3600.0).round() as i64;
        let retention = retention_days(&input["retention_days_option"]);
        let archive = Archive::replay(&log, input["now_local"].as_i64().unwrap(), offset, retention);
        let agents = AgentConfig::from_option(&input["agents_option"]);
        let mut errors = Vec::new();
        deep_same(&archive.compact(), &v["output"]["archive"], &format!("{id}.archive"), &mut errors);
        for days in input["archive_window_days"].as_array().unwrap() {
            let d = days.as_i64().unwrap();
            let got = archive.window_metrics(d, &agents);
            deep_same(&got, &v["output"]["archive_window_metrics"][d.to_string()], &format!("{id}.window_metrics[{d}]"), &mut errors);
        }
        deep_same(&archive.agent_metrics(30, &agents), &v["output"]["archive_agent_metrics_30"], &format!("{id}.agent_metrics_30"), &mut errors);
        if !errors.is_empty() {
            failures.push(errors.join("\n"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}
