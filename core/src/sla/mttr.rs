//! Mean time to recovery and percentile summaries.

use serde_json::{json, Value};

use super::error::SlaError;
use crate::stats::percentile;

/// `{count, mean, median, p90}` of durations in seconds (nulls when empty).
#[must_use]
pub fn summary(durations: &[f64]) -> Value {
    if durations.is_empty() {
        return json!({"count": 0, "mean": null, "median": null, "p90": null});
    }
    let mut sorted = durations.to_vec();
    sorted.sort_by(f64::total_cmp);
    #[allow(clippy::cast_precision_loss)]
    let mean = sorted.iter().sum::<f64>() / sorted.len() as f64;
    json!({
        "count": sorted.len(),
        "mean": mean,
        "median": percentile(&sorted, 50.0),
        "p90": percentile(&sorted, 90.0),
    })
}

/// MTTR of a list of incidents `{start, end}` or `{duration}` (seconds).
///
/// # Errors
/// A missing or non-numeric field, an end before the start, a negative or NaN duration.
pub fn mttr(incidents: &Value) -> Result<Value, SlaError> {
    let list = match incidents {
        Value::Array(list) => list,
        Value::Object(map) if map.is_empty() => return Ok(summary(&[])),
        _ => return Err(SlaError::input("incidents", "must be a list of {start, end} or {duration}")),
    };
    if list.len() > super::sitepulse::MAX_ENTRIES {
        return Err(SlaError::input("incidents", "too many incidents"));
    }
    let mut durations = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let path = format!("incidents[{i}]");
        let Value::Object(map) = item else {
            return Err(SlaError::input(path, "must be an array with start and end, or duration"));
        };
        let num = |key: &str| -> Result<Option<f64>, SlaError> {
            match map.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Number(n)) => {
                    let v = n.as_f64().unwrap_or(f64::NAN);
                    if v.is_finite() { Ok(Some(v)) } else { Err(SlaError::input(format!("{path}.{key}"), "must be a finite number")) }
                }
                Some(_) => Err(SlaError::input(format!("{path}.{key}"), "must be a number")),
            }
        };
        let duration = if let Some(d) = num("duration")? {
            d
        } else {
            let start = num("start")?.ok_or_else(|| SlaError::input(format!("{path}.start"), "is missing (give start and end, or duration)"))?;
            let end = num("end")?.ok_or_else(|| SlaError::input(format!("{path}.end"), "is missing (give start and end, or duration)"))?;
            if end < start {
                return Err(SlaError::input(format!("{path}.end"), format!("is before start (negative duration {})", end - start)));
            }
            end - start
        };
        if duration < 0.0 {
            return Err(SlaError::input(format!("{path}.duration"), format!("must not be negative, got {duration}")));
        }
        durations.push(duration);
    }
    Ok(summary(&durations))
}

/// Percentiles of `values` for each `p` of `ps`, keyed by `p` as PHP prints it.
///
/// # Errors
/// A value or a percentile that is not a finite number, or a percentile outside 0..100.
pub fn percentiles(values: &Value, ps: &Value) -> Result<Value, SlaError> {
    let read = |v: &Value, name: &str| -> Result<Vec<f64>, SlaError> {
        let items: Vec<&Value> = match v {
            Value::Array(a) => a.iter().collect(),
            Value::Object(o) => o.values().collect(),
            _ => return Err(SlaError::input(name, "must be a list of numbers")),
        };
        if items.len() > super::sitepulse::MAX_ENTRIES {
            return Err(SlaError::input(name, "too many values"));
        }
        items
            .iter()
            .enumerate()
            .map(|(i, x)| match x {
                Value::Number(n) => n.as_f64().filter(|f| f.is_finite()).ok_or_else(|| SlaError::input(format!("{name}[{i}]"), "must be a finite number")),
                _ => Err(SlaError::input(format!("{name}[{i}]"), "must be a number")),
            })
            .collect()
    };
    let mut sorted = read(values, "values")?;
    let ps = read(ps, "ps")?;
    sorted.sort_by(f64::total_cmp);
    let mut out = serde_json::Map::new();
    for (i, p) in ps.iter().enumerate() {
        if !(0.0..=100.0).contains(p) {
            return Err(SlaError::input(format!("ps[{i}]"), format!("must be between 0 and 100, got {p}")));
        }
        out.insert(crate::phpcompat::php_float_string(*p), percentile(&sorted, *p).map_or(Value::Null, |v| json!(v)));
    }
    Ok(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mttr_by_hand() {
        let v = mttr(&json!([{"start": 0, "end": 600}, {"start": 1000, "end": 1300}, {"duration": 1800}, {"duration": 120}])).unwrap();
        // durations 120, 300, 600, 1800: mean 705, median 450, p90 = 600 + 0.7 * 1200 = 1440
        assert_eq!(v["count"], json!(4));
        assert_eq!(v["mean"], json!(705.0));
        assert_eq!(v["median"], json!(450.0));
        assert!((v["p90"].as_f64().unwrap() - 1440.0).abs() < 1e-9);
        assert_eq!(mttr(&json!([])).unwrap()["mean"], Value::Null);
        assert_eq!(mttr(&json!([{"start": 10, "end": 5}])).unwrap_err().to_string(), "incidents[0].end: is before start (negative duration -5)");
        assert!(mttr(&json!([{"duration": -1}])).is_err());
    }

    #[test]
    fn percentiles_keyed_by_p() {
        let v = percentiles(&json!([4, 1, 3, 2]), &json!([50, 90, 99.9])).unwrap();
        assert_eq!(v["50"], json!(2.5));
        assert!((v["90"].as_f64().unwrap() - 3.7).abs() < 1e-12);
        assert!(v.get("99.9").is_some());
        assert!(percentiles(&json!([1, "x"]), &json!([50])).is_err());
        assert!(percentiles(&json!([1]), &json!([101])).is_err());
        assert_eq!(percentiles(&json!([]), &json!([50])).unwrap()["50"], Value::Null);
    }
}
