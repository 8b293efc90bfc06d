//! SitePulse's transverse impact index (`sitepulse_custom_dashboard_calculate_transverse_impact_index`).
//!
//! Three modules, each scored 0..100 from clamped linear ramps:
//! - uptime: `(0.7 * better(uptime %, warn 99, crit warn-1) + 0.3 * worse(violations, 1, 3)) * 100`
//! - speed: `(0.8 * worse(avg ms, warn, crit) + 0.2 * worse(trend ms, 10, 30)) * 100`, the trend term only when positive
//! - AI: `(0.75 * worse(pending, 1, 3) + 0.25 * worse(stale, 0, 5)) * 100`
//!
//! `overall` is the weighted mean (0.4 / 0.35 / 0.25) of the active modules
//! with a score. Labels, signals and details are SitePulse's English strings,
//! numbers formatted like `number_format_i18n()` in en_US. The input is read
//! with PHP's loose casts, as the plugin does.

use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::error::ImpactError;
use super::ratio::{severity_ratio, Direction};
use crate::phpcompat::{self, is_numeric, isset, number_format, php_round, sanitize_key};

/// Configuration of [`transverse_index`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransverseConfig {
    /// Range identifier (sanitized like a WordPress key; empty means `7d`).
    #[serde(default)]
    pub range: Option<Value>,
    /// Window length in seconds (negative becomes 0), reported as `window_seconds`.
    #[serde(default)]
    pub seconds: Option<Value>,
    /// Window length in days (SitePulse's range config carries it; informative only).
    #[serde(default)]
    pub days: Option<Value>,
    /// Reference time reported as `updated_at`.
    #[serde(default)]
    pub now: Option<i64>,
    /// Module weights, default `{uptime_tracker: 0.4, speed_analyzer: 0.35, ai_insights: 0.25}`.
    #[serde(default)]
    pub weights: Option<Map<String, Value>>,
    /// Uptime warning threshold in percent, default 99 (critical is one point lower).
    #[serde(default)]
    pub uptime_warning: Option<f64>,
}

fn resolve_status(score: f64) -> &'static str {
    if score >= 70.0 {
        "status-bad"
    } else if score >= 35.0 {
        "status-warn"
    } else {
        "status-ok"
    }
}

/// `_n()` with SitePulse's English strings: singular only when `(int) n === 1`.
fn plural(n: i64, singular: &str, plural: &str) -> String {
    let formatted = nf_int(n);
    if n == 1 { singular.replace("%s", &formatted) } else { plural.replace("%s", &formatted) }
}

#[allow(clippy::cast_precision_loss)]
fn nf_int(n: i64) -> String {
    number_format(n as f64, 0)
}

fn detail(label: &str, value: String) -> Value {
    json!({"label": label, "value": value})
}

fn module_entry(label: &str, active: bool) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("label".into(), json!(label));
    m.insert("status".into(), json!("status-warn"));
    m.insert("score".into(), Value::Null);
    m.insert("active".into(), json!(active));
    m.insert("details".into(), json!([]));
    m.insert("signal".into(), json!(""));
    m
}

fn get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    isset(v, key)
}

fn int_of(v: &Value, key: &str) -> i64 {
    get(v, key).map_or(0, phpcompat::to_int)
}

/// Computes the transverse index.
///
/// `modules` holds SitePulse's four inputs by name: `modules_status`
/// (`{uptime_tracker: bool, speed_analyzer: bool, ai_insights: bool}`),
/// `uptime` (`{uptime, violations, totals: {total}}`), `speed`
/// (`{average, trend, samples, thresholds: {warning, critical}}`) and
/// `ai_summary` (`{recent_total, recent_pending, recent_acknowledged, stale_pending}`).
///
/// # Errors
/// When `modules` is not an array or has an unknown key, or a weight is not a number.
#[allow(clippy::too_many_lines)]
pub fn transverse_index(modules: &Value, config: &TransverseConfig) -> Result<Value, ImpactError> {
    let Value::Object(input) = modules else {
        if matches!(modules, Value::Array(a) if a.is_empty()) {
            return transverse_index(&Value::Object(Map::new()), config);
        }
        return Err(ImpactError::input("modules", "must be an array with modules_status, uptime, speed, ai_summary"));
    };
    for key in input.keys() {
        if !matches!(key.as_str(), "modules_status" | "uptime" | "speed" | "ai_summary") {
            return Err(ImpactError::input(
                format!("modules.{key}"),
                "unknown key (expected modules_status, uptime, speed, ai_summary)",
            ));
        }
    }
    let null = Value::Null;
    let modules_status = input.get("modules_status").filter(|v| phpcompat::is_array(v)).unwrap_or(&null);
    let uptime = input.get("uptime").unwrap_or(&null);
    let speed = input.get("speed").unwrap_or(&null);
    let ai = input.get("ai_summary").filter(|v| phpcompat::is_array(v)).unwrap_or(&null);

    let range_raw = config.range.as_ref().map_or_else(String::new, phpcompat::php_string);
    let mut range_id = sanitize_key(&range_raw);
    if range_id.is_empty() {
        range_id = "7d".to_owned();
    }
    let window_seconds = config.seconds.as_ref().filter(|v| !v.is_null()).map_or(0, phpcompat::to_int).max(0);
    let now = config.now.unwrap_or(0);

    let mut weights: Vec<(&str, f64)> = vec![("uptime_tracker", 0.4), ("speed_analyzer", 0.35), ("ai_insights", 0.25)];
    if let Some(custom) = &config.weights {
        for (key, value) in custom {
            let Some(slot) = weights.iter_mut().find(|(k, _)| k == key) else {
                return Err(ImpactError::input(format!("config.weights.{key}"), "unknown module"));
            };
            if !is_numeric(value) {
                return Err(ImpactError::input(format!("config.weights.{key}"), "must be a number"));
            }
            slot.1 = phpcompat::to_float(value);
        }
    }
    let weight_of = |key: &str| weights.iter().find(|(k, _)| *k == key).map_or(0.0, |(_, w)| w.max(0.0));

    let flag = |key: &str| get(modules_status, key).is_some_and(phpcompat::truthy);
    let mut active_weights: Vec<(&str, f64)> = Vec::new();
    let mut dominant_module = "";
    let mut dominant_score = -1.0_f64;
    let mut scores: Vec<(&str, Option<f64>, bool)> = Vec::new();

    // Uptime.
    let active = flag("uptime_tracker");
    let mut entry = module_entry("Availability", active);
    let uptime_value = if phpcompat::is_array(uptime) {
        get(uptime, "uptime").filter(|v| is_numeric(v)).map(phpcompat::to_float)
    } else {
        None
    };
    let violations = int_of(uptime, "violations");
    let mut score = None;
    if let (true, Some(value)) = (active, uptime_value) {
        let warning = config.uptime_warning.filter(|w| w.is_finite()).unwrap_or(99.0);
        let critical = (warning - 1.0).max(0.0);
        let uptime_ratio = severity_ratio(value, warning, critical, Direction::HigherIsBetter);
        #[allow(clippy::cast_precision_loss)]
        let violations_ratio = severity_ratio(violations as f64, 1.0, 3.0, Direction::HigherIsWorse);
        let s = php_round((uptime_ratio * 0.7 + violations_ratio * 0.3) * 100.0, 2);
        score = Some(s);
        entry.insert("score".into(), json!(s));
        entry.insert("status".into(), json!(resolve_status(s)));
        let incidents = if violations > 0 { plural(violations, "%s incident", "%s incidents") } else { "No incidents".to_owned() };
        entry.insert("signal".into(), json!(format!("Uptime {}% \u{2022} {incidents}", number_format(value, 2))));
        let mut details = vec![
            detail("Uptime", format!("{}%", number_format(value, 2))),
            detail("Incidents", nf_int(violations)),
        ];
        if let Some(totals) = get(uptime, "totals").filter(|t| phpcompat::is_array(t)) {
            if let Some(total) = get(totals, "total") {
                details.push(detail("Checks", nf_int(phpcompat::to_int(total))));
            }
        }
        entry.insert("details".into(), Value::Array(details));
        let w = weight_of("uptime_tracker");
        if w > 0.0 {
            active_weights.push(("uptime_tracker", w));
        }
        if s > dominant_score {
            dominant_score = s;
            dominant_module = "uptime_tracker";
        }
    } else if !active {
        entry.insert("signal".into(), json!("Module inactive"));
    } else {
        entry.insert("signal".into(), json!("Awaiting uptime data"));
    }
    scores.push(("uptime_tracker", score, active));
    let uptime_entry = entry;

    // Speed.
    let active = flag("speed_analyzer");
    let mut entry = module_entry("Performance", active);
    let average = if phpcompat::is_array(speed) {
        get(speed, "average").filter(|v| is_numeric(v)).map(phpcompat::to_float)
    } else {
        None
    };
    let default_thresholds = json!({"warning": 200, "critical": 500});
    let thresholds = get(speed, "thresholds").filter(|t| phpcompat::is_array(t)).unwrap_or(&default_thresholds);
    let warning_ms = get(thresholds, "warning").map_or(200.0, phpcompat::to_float);
    let critical_ms = get(thresholds, "critical").map_or_else(|| (warning_ms + 1.0).max(500.0), phpcompat::to_float);
    let mut score = None;
    if let (true, Some(avg)) = (active, average) {
        let speed_ratio = severity_ratio(avg, warning_ms, critical_ms, Direction::HigherIsWorse);
        let trend = get(speed, "trend").filter(|v| is_numeric(v)).map_or(0.0, phpcompat::to_float);
        let trend_ratio = if trend > 0.0 { severity_ratio(trend, 10.0, 30.0, Direction::HigherIsWorse) } else { 0.0 };
        let s = php_round((speed_ratio * 0.8 + trend_ratio * 0.2) * 100.0, 2);
        score = Some(s);
        entry.insert("score".into(), json!(s));
        entry.insert("status".into(), json!(resolve_status(s)));
        let mut parts = vec![format!("Average {} ms", number_format(avg, 1))];
        if trend > 0.0 {
            parts.push(format!("Slower +{} ms", number_format(trend, 1)));
        } else if trend < 0.0 {
            parts.push(format!("Faster {} ms", number_format(trend, 1)));
        }
        entry.insert("signal".into(), json!(parts.join(" \u{2022} ")));
        let mut details = vec![detail("Average", format!("{} ms", number_format(avg, 1)))];
        if let Some(samples) = get(speed, "samples") {
            details.push(detail("Samples", nf_int(phpcompat::to_int(samples))));
        }
        entry.insert("details".into(), Value::Array(details));
        let w = weight_of("speed_analyzer");
        if w > 0.0 {
            active_weights.push(("speed_analyzer", w));
        }
        if s > dominant_score {
            dominant_score = s;
            dominant_module = "speed_analyzer";
        }
    } else if !active {
        entry.insert("signal".into(), json!("Module inactive"));
    } else {
        entry.insert("signal".into(), json!("Awaiting speed data"));
    }
    scores.push(("speed_analyzer", score, active));
    let speed_entry = entry;

    // AI insights.
    let active = flag("ai_insights");
    let mut entry = module_entry("AI backlog", active);
    let recent_total = int_of(ai, "recent_total");
    let recent_pending = int_of(ai, "recent_pending");
    let recent_ack = int_of(ai, "recent_acknowledged");
    let stale_pending = int_of(ai, "stale_pending");
    let mut score = None;
    if active {
        #[allow(clippy::cast_precision_loss)]
        let pending_ratio = severity_ratio(recent_pending as f64, 1.0, 3.0, Direction::HigherIsWorse);
        #[allow(clippy::cast_precision_loss)]
        let backlog_ratio = severity_ratio(stale_pending as f64, 0.0, 5.0, Direction::HigherIsWorse);
        let s = php_round((pending_ratio * 0.75 + backlog_ratio * 0.25) * 100.0, 2);
        score = Some(s);
        entry.insert("score".into(), json!(s));
        entry.insert("status".into(), json!(resolve_status(s)));
        let mut parts = Vec::new();
        if recent_pending > 0 {
            parts.push(plural(recent_pending, "%s pending insight", "%s pending insights"));
        } else if recent_total > 0 {
            parts.push("Backlog cleared".to_owned());
        }
        if recent_total > 0 {
            parts.push(plural(recent_total, "%s insight generated", "%s insights generated"));
        }
        if stale_pending > 0 {
            parts.push(plural(stale_pending, "%s legacy pending", "%s legacy pending"));
        }
        entry.insert("signal".into(), json!(parts.join(" \u{2022} ")));
        let mut details = vec![detail("New insights", nf_int(recent_total)), detail("Pending", nf_int(recent_pending))];
        if recent_ack > 0 {
            details.push(detail("Acknowledged", nf_int(recent_ack)));
        }
        if stale_pending > 0 {
            details.push(detail("Legacy backlog", nf_int(stale_pending)));
        }
        entry.insert("details".into(), Value::Array(details));
        let w = weight_of("ai_insights");
        if w > 0.0 {
            active_weights.push(("ai_insights", w));
        }
        if s > dominant_score {
            dominant_module = "ai_insights";
        }
    } else {
        entry.insert("signal".into(), json!("Module inactive"));
    }
    scores.push(("ai_insights", score, active));
    let ai_entry = entry;

    let mut overall = Value::Null;
    if !active_weights.is_empty() {
        let total: f64 = active_weights.iter().map(|(_, w)| w).sum();
        if total > 0.0 {
            let mut weighted = 0.0;
            for (key, w) in &active_weights {
                if let Some((_, Some(s), _)) = scores.iter().find(|(k, _, _)| k == key) {
                    weighted += s * (w / total);
                }
            }
            overall = json!(php_round(weighted, 2));
        }
    }
    let active_modules = scores.iter().filter(|(_, s, a)| *a && s.is_some()).count();

    let mut modules_out = Map::new();
    modules_out.insert("uptime_tracker".into(), Value::Object(uptime_entry));
    modules_out.insert("speed_analyzer".into(), Value::Object(speed_entry));
    modules_out.insert("ai_insights".into(), Value::Object(ai_entry));
    Ok(json!({
        "range": range_id,
        "updated_at": now,
        "window_seconds": window_seconds,
        "modules": modules_out,
        "dominant_module": dominant_module,
        "overall": overall,
        "active_modules": active_modules,
    }))
}
