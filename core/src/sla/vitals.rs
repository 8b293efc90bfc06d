//! Core Web Vitals grades at the 75th percentile, with the published
//! thresholds (web.dev): LCP 2500/4000 ms, INP 200/500 ms, CLS 0.1/0.25,
//! FID 100/300 ms (legacy). A value at the "good" threshold is good; above the
//! "poor" threshold it is poor. The thresholds are the same for mobile and
//! desktop; the device only selects which field data the caller passes.

use serde_json::{json, Map, Value};

use super::error::SlaError;
use crate::stats::percentile;

const METRICS: [(&str, f64, f64, &str); 4] = [
    ("lcp", 2500.0, 4000.0, "ms"),
    ("inp", 200.0, 500.0, "ms"),
    ("cls", 0.1, 0.25, ""),
    ("fid", 100.0, 300.0, "ms"),
];

fn rating(value: f64, good: f64, poor: f64) -> &'static str {
    if value <= good {
        "good"
    } else if value <= poor {
        "needs_improvement"
    } else {
        "poor"
    }
}

/// Grades each metric present in `metrics` (`{lcp, inp, cls, fid}`, each a
/// number or a list of samples) at p75.
///
/// # Errors
/// An unknown metric, a non-numeric or negative sample, a device other than mobile/desktop.
pub fn grade(metrics: &Value, device: &str) -> Result<Value, SlaError> {
    if device != "mobile" && device != "desktop" {
        return Err(SlaError::input("device", format!("must be 'mobile' or 'desktop', got '{device}'")));
    }
    let map = match metrics {
        Value::Object(m) => m.clone(),
        Value::Array(a) if a.is_empty() => Map::new(),
        _ => return Err(SlaError::input("metrics", "must be an array keyed by lcp, inp, cls, fid")),
    };
    let mut out = Map::new();
    let mut ratings: Vec<(&str, &str)> = Vec::new();
    for key in map.keys() {
        if !METRICS.iter().any(|(k, ..)| k == key) {
            return Err(SlaError::input(format!("metrics.{key}"), "unknown metric (expected lcp, inp, cls or fid)"));
        }
    }
    for (key, good, poor, unit) in METRICS {
        let Some(raw) = map.get(key) else { continue };
        let items: Vec<&Value> = match raw {
            Value::Array(a) => a.iter().collect(),
            Value::Null => continue,
            other => vec![other],
        };
        if items.len() > super::sitepulse::MAX_ENTRIES {
            return Err(SlaError::input(format!("metrics.{key}"), "too many samples"));
        }
        let mut samples = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            let x = v.as_f64().filter(|f| f.is_finite()).ok_or_else(|| SlaError::input(format!("metrics.{key}[{i}]"), "must be a finite number"))?;
            if x < 0.0 {
                return Err(SlaError::input(format!("metrics.{key}[{i}]"), format!("must not be negative, got {x}")));
            }
            samples.push(x);
        }
        samples.sort_by(f64::total_cmp);
        let Some(p75) = percentile(&samples, 75.0) else { continue };
        let r = rating(p75, good, poor);
        ratings.push((key, r));
        out.insert(
            key.to_owned(),
            json!({"p75": p75, "rating": r, "samples": samples.len(), "unit": unit, "thresholds": {"good": good, "poor": poor}}),
        );
    }
    // The assessment uses LCP, INP and CLS; FID stands in for INP only when INP is absent.
    let core: Vec<&str> = ratings
        .iter()
        .filter(|(k, _)| *k != "fid" || !ratings.iter().any(|(x, _)| *x == "inp"))
        .map(|(_, r)| *r)
        .collect();
    let overall = if core.is_empty() {
        Value::Null
    } else if core.contains(&"poor") {
        json!("poor")
    } else if core.contains(&"needs_improvement") {
        json!("needs_improvement")
    } else {
        json!("good")
    };
    Ok(json!({"device": device, "metrics": if out.is_empty() { Value::Array(Vec::new()) } else { Value::Object(out) }, "overall": overall}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_are_inclusive_for_good() {
        let v = grade(&json!({"lcp": 2500, "inp": [100, 200, 300, 600], "cls": 0.26, "fid": 100}), "mobile").unwrap();
        assert_eq!(v["metrics"]["lcp"]["rating"], "good");
        // p75 of [100,200,300,600] = 300 + 0.25 * 300 = 375
        assert_eq!(v["metrics"]["inp"]["p75"], json!(375.0));
        assert_eq!(v["metrics"]["inp"]["rating"], "needs_improvement");
        assert_eq!(v["metrics"]["cls"]["rating"], "poor");
        assert_eq!(v["overall"], "poor");
        assert_eq!(grade(&json!({"lcp": 4000.5}), "desktop").unwrap()["metrics"]["lcp"]["rating"], "poor");
        assert!(grade(&json!({"ttfb": 1}), "mobile").is_err());
        assert!(grade(&json!({"lcp": -1}), "mobile").is_err());
        assert!(grade(&json!({}), "tablet").is_err());
    }
}
