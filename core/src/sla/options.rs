//! The options of `Sla::windows` and the dispatch between the two models.
//!
//! `model` selects the computation:
//! - `default` (when absent): [`super::windows`], real UTC time, maintenance
//!   windows out of the denominator, strict input;
//! - `sitepulse`: [`super::sitepulse::sla_windows`], SitePulse's report array
//!   bit for bit; with `archive_days`, also the daily archive and its metrics.

use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::agents::AgentConfig;
use super::archive::Archive;
use super::entry::LogEntry;
use super::error::SlaError;
use super::maintenance::{Maintenance, MaintenanceDefinition, Zone};
use super::sitepulse::{self, SitepulseConfig};
use super::windows::{self, WindowsConfig};

/// Options of `Sla::windows`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaOptions {
    /// `default` or `sitepulse`.
    #[serde(default)]
    pub model: Option<String>,
    /// Reference time (default: the caller's clock).
    #[serde(default)]
    pub now: Option<i64>,
    /// Window lengths in days (default `[7, 30]`).
    #[serde(default)]
    pub windows_days: Option<Value>,
    /// Agents: default model `{id: {weight, label}}`; SitePulse model: its agents option.
    #[serde(default)]
    pub agents: Option<Value>,
    /// Planned maintenance (default model).
    #[serde(default)]
    pub maintenance: Option<Vec<MaintenanceDefinition>>,
    /// Time zone of the maintenance windows (default `UTC`).
    #[serde(default)]
    pub timezone: Option<String>,
    /// Log timestamps and `now` are wall-clock seconds in `timezone` (default model).
    #[serde(default)]
    pub local_timestamps: Option<bool>,
    /// SitePulse's history retention option (SitePulse model, default 90, clamped 30..365).
    #[serde(default)]
    pub retention_days: Option<Value>,
    /// SitePulse's check interval in seconds (SitePulse model, default 3600).
    #[serde(default)]
    pub interval_seconds: Option<i64>,
    /// Site UTC offset in hours, for the archive day keys (SitePulse model, default 0).
    #[serde(default)]
    pub gmt_offset: Option<f64>,
    /// Archive windows to report (SitePulse model); no archive when absent.
    #[serde(default)]
    pub archive_days: Option<Vec<i64>>,
}

const SITEPULSE_ONLY: [&str; 4] = ["retention_days", "interval_seconds", "gmt_offset", "archive_days"];

fn default_weights(agents: Option<&Value>) -> Result<Vec<(String, f64)>, SlaError> {
    let Some(agents) = agents else { return Ok(Vec::new()) };
    let map = match agents {
        Value::Object(m) => m.clone(),
        Value::Array(a) if a.is_empty() => Map::new(),
        Value::Null => Map::new(),
        _ => return Err(SlaError::input("options.agents", "must be an array keyed by agent id")),
    };
    let mut out = Vec::with_capacity(map.len());
    for (id, cfg) in &map {
        let weight = match cfg {
            Value::Object(c) => {
                for key in c.keys() {
                    if !matches!(key.as_str(), "weight" | "label" | "region" | "active") {
                        return Err(SlaError::input(format!("options.agents.{id}.{key}"), "unknown key (expected weight, label, region, active)"));
                    }
                }
                match c.get("weight") {
                    None | Some(Value::Null) => 1.0,
                    Some(Value::Number(n)) => {
                        let w = n.as_f64().unwrap_or(f64::NAN);
                        if !w.is_finite() || w < 0.0 {
                            return Err(SlaError::input(format!("options.agents.{id}.weight"), "must be a non-negative number"));
                        }
                        w
                    }
                    Some(_) => return Err(SlaError::input(format!("options.agents.{id}.weight"), "must be a number")),
                }
            }
            Value::Array(a) if a.is_empty() => 1.0,
            _ => return Err(SlaError::input(format!("options.agents.{id}"), "must be an array like {weight: 1}")),
        };
        out.push((id.clone(), weight));
    }
    Ok(out)
}

fn strict_days(value: Option<&Value>) -> Result<Vec<i64>, SlaError> {
    match value {
        None | Some(Value::Null) => Ok(vec![7, 30]),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| v.as_i64().ok_or_else(|| SlaError::input(format!("options.windows_days[{i}]"), "must be an integer number of days")))
            .collect(),
        Some(Value::Number(n)) => n.as_i64().map(|d| vec![d]).ok_or_else(|| SlaError::input("options.windows_days", "must be a list of integers")),
        Some(_) => Err(SlaError::input("options.windows_days", "must be a list of integers")),
    }
}

/// Runs the model the options select. `now` is used when `options.now` is absent.
///
/// # Errors
/// Bad options (an option of the other model, an unknown model, a bad time zone
/// or maintenance window) or a malformed log in the default model.
pub fn run<E: LogEntry>(log: &[E], options: &SlaOptions, now: i64) -> Result<Value, SlaError> {
    let now = options.now.unwrap_or(now);
    match options.model.as_deref().unwrap_or("default") {
        "sitepulse" => {
            if options.maintenance.is_some() || options.timezone.is_some() || options.local_timestamps.is_some() {
                return Err(SlaError::input("options", "maintenance, timezone and local_timestamps belong to the default model"));
            }
            let null = Value::Null;
            let config = SitepulseConfig {
                now,
                windows: options.windows_days.as_ref().unwrap_or(&null),
                agents: options.agents.as_ref().unwrap_or(&null),
                retention_days: options.retention_days.as_ref().unwrap_or(&null),
                interval_seconds: options.interval_seconds.unwrap_or(3600).max(1),
            };
            let mut report = sitepulse::sla_windows(log, &config)?;
            if let Some(days) = &options.archive_days {
                if days.len() > sitepulse::MAX_WINDOWS {
                    return Err(SlaError::input("options.archive_days", "too many windows"));
                }
                let offset = options.gmt_offset.unwrap_or(0.0);
                if !offset.is_finite() || offset.abs() > 14.0 {
                    return Err(SlaError::input("options.gmt_offset", "must be an offset in hours between -14 and 14"));
                }
                #[allow(clippy::cast_possible_truncation)]
                let offset_seconds = (offset * 3600.0).round() as i64;
                let retention = sitepulse::retention_days(config.retention_days);
                let archive = Archive::replay(log, now, offset_seconds, retention);
                let agents = AgentConfig::from_option(config.agents);
                let mut window_metrics = Map::new();
                let mut agent_metrics = Map::new();
                for d in days {
                    window_metrics.insert(d.to_string(), archive.window_metrics(*d, &agents));
                    agent_metrics.insert(d.to_string(), archive.agent_metrics(*d, &agents));
                }
                if let Value::Object(map) = &mut report {
                    map.insert(
                        "archive".into(),
                        json!({"days": archive.compact(), "window_metrics": window_metrics, "agent_metrics": agent_metrics}),
                    );
                }
            }
            Ok(report)
        }
        "default" => {
            for (name, present) in [
                ("retention_days", options.retention_days.is_some()),
                ("interval_seconds", options.interval_seconds.is_some()),
                ("gmt_offset", options.gmt_offset.is_some()),
                ("archive_days", options.archive_days.is_some()),
            ] {
                if present {
                    debug_assert!(SITEPULSE_ONLY.contains(&name));
                    return Err(SlaError::input(format!("options.{name}"), "belongs to the sitepulse model (set model => 'sitepulse')"));
                }
            }
            let zone = Zone::parse(options.timezone.as_deref().unwrap_or("UTC"))?;
            let config = WindowsConfig {
                now,
                windows_days: strict_days(options.windows_days.as_ref())?,
                weights: default_weights(options.agents.as_ref())?,
                maintenance: Maintenance::new(options.maintenance.as_deref().unwrap_or(&[]))?,
                zone,
                local_timestamps: options.local_timestamps.unwrap_or(false),
            };
            let mut out = windows::windows(log, &config)?;
            if let Value::Object(map) = &mut out {
                map.insert("timezone".into(), json!(options.timezone.as_deref().unwrap_or("UTC")));
            }
            Ok(out)
        }
        other => Err(SlaError::input("options.model", format!("must be 'default' or 'sitepulse', got '{other}'"))),
    }
}
