//! Parity of the impact scores with SitePulse: every vector of
//! `shared/vectors/sitepulse-impact.json` (produced by the plugin's own PHP)
//! must be reproduced exactly, floats compared bit for bit and PHP int vs
//! float preserved.

use jlg_native_core::impact::ratio::sitepulse_ratio;
use jlg_native_core::impact::{plugin_scores, transverse_index, PluginScoreModel, PluginScoreOptions, TransverseConfig};
use serde_json::Value;

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/vectors/sitepulse-impact.json");

fn vectors() -> Vec<Value> {
    let text = std::fs::read_to_string(VECTORS)
        .unwrap_or_else(|e| panic!("parity vectors missing at {VECTORS}: {e} (they must be present; this test never skips)"));
    let doc: Value = serde_json::from_str(&text).expect("vectors parse");
    doc["vectors"].as_array().expect("vectors list").clone()
}

/// Empty PHP arrays print as [] whether they were lists or maps.
fn canon(v: &Value) -> Value {
    match v {
        Value::Object(m) if m.is_empty() => Value::Array(Vec::new()),
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), canon(v))).collect()),
        Value::Array(a) => Value::Array(a.iter().map(canon).collect()),
        other => other.clone(),
    }
}

fn same_number(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            if x.is_f64() != y.is_f64() {
                return false;
            }
            match (x.as_f64(), y.as_f64()) {
                (Some(p), Some(q)) => p.to_bits() == q.to_bits() || (p == 0.0 && q == 0.0),
                _ => false,
            }
        }
        _ => false,
    }
}

#[test]
fn normalize_ratio_vectors() {
    let mut n = 0;
    for v in vectors().iter().filter(|v| v["kind"] == "normalize_ratio") {
        let i = &v["input"];
        let got = sitepulse_ratio(
            i["value"].as_f64().unwrap(),
            i["warning"].as_f64().unwrap(),
            i["critical"].as_f64().unwrap(),
            i["allow_below"].as_bool().unwrap(),
        );
        let want = v["output"].as_f64().unwrap();
        assert_eq!(got.to_bits(), want.to_bits(), "{}: got {got:e}, want {want:e}", v["id"]);
        n += 1;
    }
    assert_eq!(n, 40);
}

#[test]
fn calculate_scores_vectors() {
    let mut n = 0;
    for v in vectors().iter().filter(|v| v["kind"] == "calculate_scores") {
        let id = v["id"].as_str().unwrap();
        let now = v["input"]["now"].as_i64().unwrap();
        let opts = PluginScoreOptions { model: PluginScoreModel::Sitepulse, ..Default::default() };
        let got = plugin_scores(&v["input"]["history"], now, &opts).unwrap();
        let want = &v["output"];
        for key in ["updated_at", "decay_window", "thresholds", "plugins"] {
            assert_eq!(canon(&got[key]), canon(&want[key]), "{id}: {key}");
        }
        // Floats bit for bit, ints stay ints.
        assert!(same_number(&got["average_score"], &want["average_score"]), "{id}: average {} vs {}", got["average_score"], want["average_score"]);
        if let Value::Object(plugins) = &want["plugins"] {
            for (k, p) in plugins {
                for field in ["score", "last_avg_ms", "entries", "last_sample_at"] {
                    assert!(same_number(&got["plugins"][k][field], &p[field]), "{id}: {k}.{field}");
                }
                assert!(same_number(&got["scores"][k], &p["score"]), "{id}: scores.{k}");
            }
        }
        let order: Vec<&str> = got["plugins"].as_object().map(|m| m.keys().map(String::as_str).collect()).unwrap_or_default();
        let want_order: Vec<&str> = want["plugin_order"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
        assert_eq!(order, want_order, "{id}: key order");
        n += 1;
    }
    assert_eq!(n, 30);
}

fn deep_same(a: &Value, b: &Value, path: &str) {
    match (a, b) {
        (Value::Number(_), Value::Number(_)) => assert!(same_number(a, b), "{path}: {a} vs {b}"),
        (Value::Object(x), Value::Object(y)) => {
            let kx: Vec<_> = x.keys().collect();
            let ky: Vec<_> = y.keys().collect();
            assert_eq!(kx, ky, "{path}: keys");
            for (k, v) in x {
                deep_same(v, &y[k], &format!("{path}.{k}"));
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            assert_eq!(x.len(), y.len(), "{path}: length");
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                deep_same(p, q, &format!("{path}[{i}]"));
            }
        }
        _ => assert_eq!(a, b, "{path}"),
    }
}

#[test]
fn transverse_index_vectors() {
    let mut n = 0;
    for v in vectors().iter().filter(|v| v["kind"] == "transverse_impact_index") {
        let id = v["id"].as_str().unwrap();
        let i = &v["input"];
        let modules = serde_json::json!({
            "modules_status": i["modules_status"],
            "uptime": i["uptime"],
            "speed": i["speed"],
            "ai_summary": i["ai_summary"],
        });
        let config = TransverseConfig {
            range: Some(i["range"].clone()),
            seconds: i["config"].get("seconds").cloned(),
            now: Some(1_700_000_000),
            ..Default::default()
        };
        let got = transverse_index(&modules, &config).unwrap();
        deep_same(&got, &v["output"], id);
        n += 1;
    }
    assert_eq!(n, 20);
}
