//! Per-plugin impact scores (SitePulse's `sitepulse_plugin_impact_calculate_scores`).
//!
//! Each history entry `{timestamp, avg_ms, samples, last_ms, weight}` scores
//! `severity(avg_ms) * (0.6 + 0.4 * weight_ratio(weight)) * exp(-age / decay) * 100`;
//! a plugin's score is the sum of its entry scores divided by the sum of
//! their recency factors, capped at 100, rounded to 2 decimals (PHP `round()`).
//!
//! Two models:
//! - `sitepulse`: bit-for-bit parity, including the jump at the warning
//!   threshold (29.9 ms -> 0.997, 30.1 ms -> 0.003) and the silent skipping of
//!   malformed entries;
//! - `continuous` (default): the ramp is continuous (0.5 at the warning) and a
//!   malformed entry is an error naming `history[<plugin>][<index>].<key>`.

use std::cmp::Ordering;

use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::error::ImpactError;
use super::history::{self, History, HistoryEntry};
use super::ratio::{continuous_ratio, sitepulse_ratio};
use crate::phpcompat::{self, is_numeric, php_round};
pub use super::history::{MAX_ENTRIES_PER_PLUGIN, MAX_PLUGINS};

/// Default decay window (SitePulse's `7 * DAY_IN_SECONDS`).
pub const DEFAULT_DECAY_SECONDS: i64 = 604_800;

/// Which formula to apply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PluginScoreModel {
    /// Bit-for-bit parity with SitePulse.
    Sitepulse,
    /// No jump at the warning threshold; strict input.
    #[default]
    Continuous,
}

/// Thresholds of the two ramps.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// Average time (ms) where a plugin starts to weigh (SitePulse: 30).
    #[serde(default = "default_warning")]
    pub warning: f64,
    /// Average time (ms) where it is critical (SitePulse: 60).
    #[serde(default = "default_critical")]
    pub critical: f64,
    /// Share of the request time (%) where the weight starts to count (SitePulse: 10).
    #[serde(default = "default_weight_warning")]
    pub weight_warning: f64,
    /// Share of the request time (%) where the weight is critical (SitePulse: 20).
    #[serde(default = "default_weight_critical")]
    pub weight_critical: f64,
}

fn default_warning() -> f64 {
    30.0
}
fn default_critical() -> f64 {
    60.0
}
fn default_weight_warning() -> f64 {
    10.0
}
fn default_weight_critical() -> f64 {
    20.0
}

impl Default for Thresholds {
    fn default() -> Self {
        Self { warning: 30.0, critical: 60.0, weight_warning: 10.0, weight_critical: 20.0 }
    }
}

/// Options of [`plugin_scores`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PluginScoreOptions {
    /// `sitepulse` or `continuous` (default).
    #[serde(default)]
    pub model: PluginScoreModel,
    /// Ramp thresholds; SitePulse's defaults when absent.
    #[serde(default)]
    pub thresholds: Option<Thresholds>,
    /// Decay window in seconds (`exp(-age / decay_seconds)`), default 604800.
    #[serde(default)]
    pub decay_seconds: Option<i64>,
}

struct PluginResult {
    key: String,
    score_unrounded: f64,
    entries: usize,
    last_sample_at: i64,
    last_avg_ms: Option<f64>,
}

/// Computes the per-plugin scores. `history` is `{plugin_file: list<entry>}`
/// as PHP passed it; `now` is the reference time (Unix seconds).
///
/// Returns `{scores: {plugin: score}, average_score, updated_at, decay_window,
/// thresholds, plugins: {plugin: {score, entries, last_sample_at, last_avg_ms}}, model}`;
/// `plugins`, `updated_at`, `decay_window`, `thresholds` and `average_score`
/// are exactly SitePulse's return value in the `sitepulse` model.
///
/// # Errors
/// In the `continuous` model, any malformed plugin key, entry or value;
/// in both models, a non-positive `decay_seconds`.
pub fn plugin_scores(history: &Value, now: i64, options: &PluginScoreOptions) -> Result<Value, ImpactError> {
    plugin_scores_of(&History::from_json(history), now, options)
}

/// [`plugin_scores`] over a history read in place (see [`History`]): what the
/// binding calls with views of PHP's arrays.
///
/// # Errors
/// As [`plugin_scores`].
pub fn plugin_scores_of<E: HistoryEntry>(history: &History<E>, now: i64, options: &PluginScoreOptions) -> Result<Value, ImpactError> {
    let thresholds = options.thresholds.unwrap_or_default();
    for (name, v) in [
        ("warning", thresholds.warning),
        ("critical", thresholds.critical),
        ("weight_warning", thresholds.weight_warning),
        ("weight_critical", thresholds.weight_critical),
    ] {
        if !v.is_finite() {
            return Err(ImpactError::input(format!("options.thresholds.{name}"), "must be a finite number"));
        }
    }
    let decay = options.decay_seconds.unwrap_or(DEFAULT_DECAY_SECONDS);
    if decay < 1 {
        return Err(ImpactError::input("options.decay_seconds", format!("must be at least 1, got {decay}")));
    }
    let model = options.model;
    let plugins = history::read(history, model == PluginScoreModel::Continuous)?;

    let mut results: Vec<PluginResult> = Vec::new();
    let mut aggregate = 0.0_f64;
    for history::Plugin { key, raw_entries, entries } in plugins {
        let mut plugin_score = 0.0_f64;
        let mut total_weight = 0.0_f64;
        let mut latest_timestamp = 0_i64;
        let mut latest_avg: Option<f64> = None;
        for entry in &entries {
            let (severity, weight_ratio) = match model {
                PluginScoreModel::Sitepulse => (
                    sitepulse_ratio(entry.avg_ms, thresholds.warning, thresholds.critical, true),
                    entry.weight.map_or(1.0, |w| {
                        sitepulse_ratio(w, thresholds.weight_warning, thresholds.weight_critical, true)
                    }),
                ),
                PluginScoreModel::Continuous => (
                    continuous_ratio(entry.avg_ms, thresholds.warning, thresholds.critical),
                    entry
                        .weight
                        .map_or(1.0, |w| continuous_ratio(w, thresholds.weight_warning, thresholds.weight_critical)),
                ),
            };
            let age = now.saturating_sub(entry.timestamp).max(0);
            #[allow(clippy::cast_precision_loss)]
            let recency = (-(age as f64) / decay as f64).exp();
            let entry_score = severity * (0.6 + 0.4 * weight_ratio) * recency * 100.0;
            plugin_score += entry_score;
            total_weight += recency;
            if entry.timestamp > latest_timestamp {
                latest_timestamp = entry.timestamp;
                latest_avg = Some(entry.avg_ms);
            }
        }
        if total_weight <= 0.0 {
            continue;
        }
        let normalized = (plugin_score / total_weight).min(100.0);
        aggregate += normalized;
        results.push(PluginResult {
            key,
            score_unrounded: normalized,
            entries: raw_entries,
            last_sample_at: latest_timestamp,
            last_avg_ms: latest_avg,
        });
    }
    results.sort_by(|a, b| php_key_cmp(&a.key, &b.key));

    let mut plugins_out = Map::new();
    let mut scores_out = Map::new();
    for r in &results {
        let score = php_round(r.score_unrounded, 2);
        scores_out.insert(r.key.clone(), json!(score));
        plugins_out.insert(
            r.key.clone(),
            json!({
                "score": score,
                "entries": r.entries,
                "last_sample_at": r.last_sample_at,
                "last_avg_ms": r.last_avg_ms.map(|v| php_round(v, 2)),
            }),
        );
    }
    #[allow(clippy::cast_precision_loss)]
    let average = if results.is_empty() { 0.0 } else { php_round(aggregate / results.len() as f64, 2) };
    let as_php_array = |m: Map<String, Value>| if m.is_empty() { Value::Array(Vec::new()) } else { Value::Object(m) };
    Ok(json!({
        "scores": as_php_array(scores_out),
        "average_score": average,
        "model": match model { PluginScoreModel::Sitepulse => "sitepulse", PluginScoreModel::Continuous => "continuous" },
        "updated_at": now,
        "decay_window": decay,
        "thresholds": {
            "impactWarning": thresholds.warning,
            "impactCritical": thresholds.critical,
            "weightWarning": thresholds.weight_warning,
            "weightCritical": thresholds.weight_critical,
            "trendWarning": 15.0,
            "trendCritical": 40.0,
        },
        "plugins": as_php_array(plugins_out),
    }))
}

/// PHP 8 `ksort()` order for string keys: two numeric strings compare as
/// numbers, anything else byte by byte.
fn php_key_cmp(a: &str, b: &str) -> Ordering {
    let (va, vb) = (Value::String(a.to_owned()), Value::String(b.to_owned()));
    if is_numeric(&va) && is_numeric(&vb) {
        let (fa, fb) = (phpcompat::to_float(&va), phpcompat::to_float(&vb));
        if let Some(o) = fa.partial_cmp(&fb) {
            if o != Ordering::Equal {
                return o;
            }
        }
    }
    a.as_bytes().cmp(b.as_bytes())
}

/// PHP's name for the type of a value, for messages.
#[must_use]
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "string",
        Value::Array(_) | Value::Object(_) => "array",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(history: Value, model: PluginScoreModel) -> Result<Value, ImpactError> {
        plugin_scores(&history, 1_700_000_000, &PluginScoreOptions { model, ..Default::default() })
    }

    #[test]
    fn continuous_model_has_no_jump() {
        let h = json!({"a/a.php": [{"timestamp": 1_700_000_000, "avg_ms": 29.9}],
                       "b/b.php": [{"timestamp": 1_700_000_000, "avg_ms": 30.1}]});
        let sp = run(h.clone(), PluginScoreModel::Sitepulse).unwrap();
        assert_eq!(sp["scores"]["a/a.php"], json!(99.67));
        assert_eq!(sp["scores"]["b/b.php"], json!(0.33));
        let c = run(h, PluginScoreModel::Continuous).unwrap();
        // 0.5 * 29.9/30 = 0.49833 -> 49.83; 0.5 + 0.5 * 0.1/30 = 0.50167 -> 50.17
        assert_eq!(c["scores"]["a/a.php"], json!(49.83));
        assert_eq!(c["scores"]["b/b.php"], json!(50.17));
    }

    #[test]
    fn continuous_model_names_bad_fields() {
        let err = run(json!({"a/a.php": [{"timestamp": 1, "avg_ms": 1.0}, {"timestamp": 2, "avg_ms": "x"}]}), PluginScoreModel::Continuous)
            .unwrap_err();
        assert_eq!(err.to_string(), "history[a/a.php][1].avg_ms: must be a number, got string");
        let err = run(json!({"a/a.php": [{"avg_ms": 1.0}]}), PluginScoreModel::Continuous).unwrap_err();
        assert_eq!(err.to_string(), "history[a/a.php][0].timestamp: is missing");
        let err = run(json!({"a/a.php": [{"timestamp": 5, "avg_ms": -1.0}]}), PluginScoreModel::Continuous).unwrap_err();
        assert!(err.to_string().starts_with("history[a/a.php][0].avg_ms: must not be negative"));
        // The parity model skips the same entries silently.
        assert!(run(json!({"a/a.php": [{"timestamp": 2, "avg_ms": "x"}]}), PluginScoreModel::Sitepulse).is_ok());
    }

    #[test]
    fn decay_must_be_positive() {
        let opts = PluginScoreOptions { decay_seconds: Some(0), ..Default::default() };
        assert!(plugin_scores(&json!({}), 0, &opts).is_err());
    }
}
