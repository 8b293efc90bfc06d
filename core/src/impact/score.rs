//! The incident impact score: severity, recurrence, recency and reach of the
//! incidents of each module, on a 0..100 scale, explained by its breakdown.
//!
//! For a module with events `e` (all times in seconds, `now` given):
//! - `decay(e) = 2^(-age / half_life)` where `age = 0` while the incident is
//!   open and `now - resolved_at` once resolved (Sentry-style half-life);
//! - `severity = max_e(weight(e.severity) * decay(e))`, weights
//!   critical 1.0, error 0.6, warning 0.3, info 0.1 by default;
//! - `recurrence = min(1, (n - 1) / (saturation - 1))` where `n` counts the
//!   events that started within `recurrence_window` (default 7 days) and
//!   `saturation` defaults to 5 (a first occurrence scores 0, the fifth 1);
//! - `recency = max_e(decay(e))`;
//! - `affected = min(1, log10(1 + max_e affected) / log10(1 + affected_saturation))`
//!   (default saturation 1000; 0 when no event says how many were affected).
//!
//! The score is `severity_points + recurrence_points + recency_points + affected_points`
//! where each part is its component times its share of 100 points
//! (50 / 20 / 20 / 10), each rounded to 2 decimals: the breakdown adds up to
//! the score. `overall = 100 * (1 - prod(1 - score / 100))` over modules: at
//! least the worst module, never above 100. Ranks: 1 = highest score, ties by name.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::error::ImpactError;
use super::plugin_scores::type_name;
use crate::phpcompat::php_round;

/// Most events read.
pub const MAX_EVENTS: usize = 1_000_000;

/// Severity weights (each in 0..=1).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeverityWeights {
    /// Weight of `critical` events (default 1.0).
    #[serde(default = "w_critical")]
    pub critical: f64,
    /// Weight of `error` events (default 0.6).
    #[serde(default = "w_error")]
    pub error: f64,
    /// Weight of `warning` events (default 0.3).
    #[serde(default = "w_warning")]
    pub warning: f64,
    /// Weight of `info` events (default 0.1).
    #[serde(default = "w_info")]
    pub info: f64,
}
fn w_critical() -> f64 {
    1.0
}
fn w_error() -> f64 {
    0.6
}
fn w_warning() -> f64 {
    0.3
}
fn w_info() -> f64 {
    0.1
}
impl Default for SeverityWeights {
    fn default() -> Self {
        Self { critical: 1.0, error: 0.6, warning: 0.3, info: 0.1 }
    }
}

/// Options of [`score`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreOptions {
    /// Reference time (Unix seconds). Required by the core; the binding defaults it to `time()`.
    #[serde(default)]
    pub now: Option<i64>,
    /// Half-life of the decay in seconds (default 86400).
    #[serde(default)]
    pub half_life_seconds: Option<f64>,
    /// Severity weights.
    #[serde(default)]
    pub severity_weights: Option<SeverityWeights>,
    /// Window in seconds in which occurrences count as recurrences (default 604800).
    #[serde(default)]
    pub recurrence_window: Option<i64>,
    /// Occurrences at which recurrence saturates (default 5, at least 2).
    #[serde(default)]
    pub recurrence_saturation: Option<u32>,
    /// Affected count at which reach saturates (default 1000).
    #[serde(default)]
    pub affected_saturation: Option<f64>,
}

struct Event {
    severity_weight: f64,
    timestamp: i64,
    resolved_at: Option<i64>,
    affected: Option<f64>,
}

/// Shares of the 100 points.
const SHARE_SEVERITY: f64 = 50.0;
const SHARE_RECURRENCE: f64 = 20.0;
const SHARE_RECENCY: f64 = 20.0;
const SHARE_AFFECTED: f64 = 10.0;

/// Scores every module that has events.
///
/// # Errors
/// A malformed event (index and key named, e.g. `events[3].severity`) or option.
#[allow(clippy::too_many_lines)]
pub fn score(events: &Value, options: &ScoreOptions) -> Result<Value, ImpactError> {
    let now = options.now.ok_or_else(|| ImpactError::input("options.now", "is required"))?;
    let half_life = options.half_life_seconds.unwrap_or(86_400.0);
    if !half_life.is_finite() || half_life <= 0.0 {
        return Err(ImpactError::input("options.half_life_seconds", "must be a positive number"));
    }
    let weights = options.severity_weights.unwrap_or_default();
    for (name, w) in [("critical", weights.critical), ("error", weights.error), ("warning", weights.warning), ("info", weights.info)] {
        if !(0.0..=1.0).contains(&w) {
            return Err(ImpactError::input(format!("options.severity_weights.{name}"), "must be between 0 and 1"));
        }
    }
    let window = options.recurrence_window.unwrap_or(604_800);
    if window < 0 {
        return Err(ImpactError::input("options.recurrence_window", "must not be negative"));
    }
    let saturation = options.recurrence_saturation.unwrap_or(5);
    if saturation < 2 {
        return Err(ImpactError::input("options.recurrence_saturation", "must be at least 2"));
    }
    let affected_saturation = options.affected_saturation.unwrap_or(1000.0);
    if !affected_saturation.is_finite() || affected_saturation < 1.0 {
        return Err(ImpactError::input("options.affected_saturation", "must be at least 1"));
    }
    let list = match events {
        Value::Array(list) => list,
        Value::Object(map) if map.is_empty() => &Vec::new(),
        _ => return Err(ImpactError::input("events", "must be a list of events")),
    };
    if list.len() > MAX_EVENTS {
        return Err(ImpactError::input("events", format!("at most {MAX_EVENTS} events are accepted")));
    }
    let mut modules: BTreeMap<String, Vec<Event>> = BTreeMap::new();
    for (i, item) in list.iter().enumerate() {
        let path = format!("events[{i}]");
        let Value::Object(map) = item else {
            return Err(ImpactError::input(path, format!("must be an array, got {}", type_name(item))));
        };
        let module = match map.get("module") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            Some(Value::String(_)) => return Err(ImpactError::input(format!("{path}.module"), "must not be empty")),
            None | Some(Value::Null) => return Err(ImpactError::input(format!("{path}.module"), "is missing")),
            Some(other) => return Err(ImpactError::input(format!("{path}.module"), format!("must be a string, got {}", type_name(other)))),
        };
        let severity_weight = match map.get("severity") {
            Some(Value::String(s)) => match s.as_str() {
                "critical" => weights.critical,
                "error" => weights.error,
                "warning" => weights.warning,
                "info" => weights.info,
                other => {
                    return Err(ImpactError::input(
                        format!("{path}.severity"),
                        format!("must be critical, error, warning or info, got '{other}'"),
                    ))
                }
            },
            None | Some(Value::Null) => return Err(ImpactError::input(format!("{path}.severity"), "is missing")),
            Some(other) => return Err(ImpactError::input(format!("{path}.severity"), format!("must be a string, got {}", type_name(other)))),
        };
        let int_field = |key: &str, required: bool| -> Result<Option<i64>, ImpactError> {
            match map.get(key) {
                None | Some(Value::Null) if required => Err(ImpactError::input(format!("{path}.{key}"), "is missing")),
                None | Some(Value::Null) => Ok(None),
                Some(Value::Number(n)) if n.as_i64().is_some() => Ok(n.as_i64()),
                Some(other) => Err(ImpactError::input(format!("{path}.{key}"), format!("must be an integer Unix timestamp, got {}", type_name(other)))),
            }
        };
        let timestamp = int_field("timestamp", true)?.unwrap_or(0);
        let resolved_at = int_field("resolved_at", false)?;
        if let Some(r) = resolved_at {
            if r < timestamp {
                return Err(ImpactError::input(format!("{path}.resolved_at"), format!("is before the timestamp (negative duration: {r} < {timestamp})")));
            }
        }
        let affected = match map.get("affected") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => {
                let v = n.as_f64().unwrap_or(f64::NAN);
                if !v.is_finite() || v < 0.0 {
                    return Err(ImpactError::input(format!("{path}.affected"), "must be a non-negative number"));
                }
                Some(v)
            }
            Some(other) => return Err(ImpactError::input(format!("{path}.affected"), format!("must be a number, got {}", type_name(other)))),
        };
        for key in map.keys() {
            if !matches!(key.as_str(), "module" | "severity" | "timestamp" | "resolved_at" | "affected" | "id" | "message") {
                return Err(ImpactError::input(format!("{path}.{key}"), "unknown key"));
            }
        }
        modules.entry(module).or_default().push(Event { severity_weight, timestamp, resolved_at, affected });
    }

    #[allow(clippy::cast_precision_loss)]
    let decay = |e: &Event| -> f64 {
        match e.resolved_at {
            Some(r) if r <= now => 2f64.powf(-((now - r) as f64) / half_life),
            _ => 1.0,
        }
    };
    let mut rows: Vec<(String, f64, Value, usize, usize)> = Vec::new();
    for (module, evs) in &modules {
        let severity = evs.iter().map(|e| e.severity_weight * decay(e)).fold(0.0, f64::max);
        let recency = evs.iter().map(&decay).fold(0.0, f64::max);
        let recent = evs.iter().filter(|e| e.timestamp <= now && now - e.timestamp <= window).count();
        #[allow(clippy::cast_precision_loss)]
        let recurrence = (recent.saturating_sub(1) as f64 / f64::from(saturation - 1)).min(1.0);
        let max_affected = evs.iter().filter_map(|e| e.affected).fold(None, |acc: Option<f64>, a| Some(acc.map_or(a, |m| m.max(a))));
        let affected = max_affected.map_or(0.0, |a| ((1.0 + a).log10() / (1.0 + affected_saturation).log10()).min(1.0));
        let parts = [
            php_round(severity * SHARE_SEVERITY, 2),
            php_round(recurrence * SHARE_RECURRENCE, 2),
            php_round(recency * SHARE_RECENCY, 2),
            php_round(affected * SHARE_AFFECTED, 2),
        ];
        let total = php_round(parts.iter().sum::<f64>(), 2).min(100.0);
        let open = evs.iter().filter(|e| e.resolved_at.is_none_or(|r| r > now)).count();
        let breakdown = json!({
            "severity": parts[0],
            "recurrence": parts[1],
            "recency": parts[2],
            "affected": parts[3],
        });
        rows.push((module.clone(), total, breakdown, open, evs.len()));
    }
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| rows[b].1.total_cmp(&rows[a].1).then_with(|| rows[a].0.cmp(&rows[b].0)));
    let mut out = Map::new();
    let mut product = 1.0;
    for (rank, &i) in order.iter().enumerate() {
        let (module, total, breakdown, open, count) = &rows[i];
        product *= 1.0 - total / 100.0;
        out.insert(
            module.clone(),
            json!({
                "score": total,
                "rank": rank + 1,
                "breakdown": breakdown,
                "open_incidents": open,
                "events": count,
            }),
        );
    }
    let overall = if rows.is_empty() { 0.0 } else { php_round((100.0 * (1.0 - product)).clamp(0.0, 100.0), 2) };
    let dominant = order.first().map_or("", |&i| rows[i].0.as_str());
    Ok(json!({
        "modules": if out.is_empty() { Value::Array(Vec::new()) } else { Value::Object(out) },
        "overall": overall,
        "dominant_module": dominant,
    }))
}
