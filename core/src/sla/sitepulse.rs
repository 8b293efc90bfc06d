//! Parity model: SitePulse's SLA report (`sitepulse_uptime_build_sla_windows`
//! on the report path: normalize the raw log, trim it, then compute per-agent
//! window breakdowns).
//!
//! Kept on purpose, because SitePulse's users see these numbers:
//! - timestamps and `now` are WordPress "local" seconds (UTC + offset);
//! - a missing status counts as up; "unknown" closes an incident, and the next
//!   failure reopens it at an `incident_start` chained across unknown entries
//!   and across agents (overlapping incidents);
//! - availability is check-based: `up / (checks - maintenance) * 100`, so
//!   "unknown" counts as not-up; PHP's int/float result types are kept;
//! - the trim caps the log at `retention_days * 86400 / interval` entries over
//!   all agents.

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use super::agents::{normalize_agent_id, AgentConfig};
use super::entry::{LogEntry, Scalar};
use super::error::SlaError;
use crate::phpcompat::{self, number_format};

/// Most log entries read.
pub const MAX_ENTRIES: usize = 5_000_000;
/// Most windows computed.
pub const MAX_WINDOWS: usize = 64;
/// Longest window in days.
pub const MAX_WINDOW_DAYS: i64 = 36_600;

/// A normalized status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Up (`true`).
    Up,
    /// Down (`false`).
    Down,
    /// `"maintenance"`.
    Maintenance,
    /// `"unknown"`.
    Unknown,
}

/// `sitepulse_uptime_normalize_status_value`; `None` when indeterminate.
#[must_use]
pub fn normalize_status(status: Scalar<'_>) -> Option<Status> {
    match status {
        Scalar::Bool(true) => Some(Status::Up),
        Scalar::Bool(false) => Some(Status::Down),
        Scalar::Int(_) | Scalar::Float(_) => Some(if status.to_int() != 0 { Status::Up } else { Status::Down }),
        Scalar::Str(s) => {
            let n = s.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r' | '\0' | '\u{0b}')).to_ascii_lowercase();
            match n.as_str() {
                "" => None,
                "1" | "true" | "yes" | "on" | "ok" | "up" | "online" | "success" => Some(Status::Up),
                "0" | "false" | "no" | "off" | "down" | "offline" | "failed" | "failure" | "error" => Some(Status::Down),
                "maintenance" | "paused" | "snoozed" => Some(Status::Maintenance),
                "unknown" | "n/a" | "na" | "indeterminate" => Some(Status::Unknown),
                _ => None,
            }
        }
        _ => None,
    }
}

/// One entry after SitePulse's normalization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Normalized {
    /// Timestamp (site-local seconds).
    pub ts: i64,
    /// Status.
    pub status: Status,
    /// Incident start (down entries only).
    pub incident_start: Option<i64>,
    /// Index into the agent id table.
    pub agent: u32,
}

/// Interned agent ids, in first-seen order.
#[derive(Debug, Default)]
pub struct AgentIds {
    /// The ids.
    pub ids: Vec<String>,
    index: HashMap<String, u32>,
}

impl AgentIds {
    /// Index of an id, added when new.
    pub fn intern(&mut self, id: &str) -> u32 {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        let i = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        self.ids.push(id.to_owned());
        self.index.insert(id.to_owned(), i);
        i
    }

    /// Index of a raw agent value after `sitepulse_uptime_normalize_agent_id`,
    /// without allocating when the value is already a clean key.
    pub fn intern_raw(&mut self, raw: Option<&str>) -> u32 {
        match raw {
            Some(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-') => {
                self.intern(s)
            }
            _ => {
                let id = normalize_agent_id(raw);
                self.intern(&id)
            }
        }
    }
}

/// `sitepulse_normalize_uptime_log`: sorted by timestamp (stable), statuses
/// normalized, incident starts filled from the previous boolean entry of any agent.
///
/// # Errors
/// When the log is longer than [`MAX_ENTRIES`].
pub fn normalize<E: LogEntry>(log: &[E], now: i64, interval: i64, agents: &mut AgentIds) -> Result<Vec<Normalized>, SlaError> {
    if log.len() > MAX_ENTRIES {
        return Err(SlaError::input("log", format!("at most {MAX_ENTRIES} entries are accepted")));
    }
    let count = i64::try_from(log.len()).unwrap_or(i64::MAX);
    let approximate_start = now.saturating_sub((count - 1).saturating_mul(interval).max(0));
    let mut order: Vec<(i64, u32)> = Vec::with_capacity(log.len());
    let mut sorted = true;
    let mut last = i64::MIN;
    for (i, entry) in log.iter().enumerate() {
        let index = i64::try_from(i).unwrap_or(i64::MAX);
        let mut ts = approximate_start.saturating_add(index.saturating_mul(interval));
        if entry.is_array() {
            let t = entry.timestamp();
            if t.is_set() && t.is_numeric() {
                ts = t.to_int();
            }
        }
        if ts < last {
            sorted = false;
        }
        last = ts;
        order.push((ts, u32::try_from(i).unwrap_or(u32::MAX)));
    }
    if !sorted {
        order.sort_by_key(|&(ts, i)| (ts, i));
    }
    let mut out = Vec::with_capacity(order.len());
    let mut last_boolean: Option<(Status, Option<i64>)> = None;
    for (ts, i) in order {
        let entry = &log[i as usize];
        let mut incident_start = None;
        let (status, agent) = if entry.is_array() {
            let raw = entry.status();
            let status = if raw.exists() { raw } else { Scalar::Bool(entry.key_count() > 0) };
            let inc = entry.get("incident_start");
            if inc.is_set() && inc.is_numeric() {
                incident_start = Some(inc.to_int());
            }
            let agent = match entry.agent() {
                Scalar::Str(s) => agents.intern_raw(Some(s)),
                _ => agents.intern("default"),
            };
            (status, agent)
        } else {
            let raw = entry.scalar();
            let up = match raw {
                Scalar::Int(i) => i != 0,
                other => other.truthy(),
            };
            (Scalar::Bool(up), agents.intern("default"))
        };
        let status = normalize_status(status).unwrap_or(Status::Unknown);
        match status {
            Status::Down => {
                if incident_start.is_none() {
                    if let Some((Status::Down, Some(start))) = last_boolean {
                        incident_start = Some(start);
                    }
                    if incident_start.is_none() {
                        incident_start = Some(ts);
                    }
                }
            }
            _ => incident_start = None,
        }
        if matches!(status, Status::Up | Status::Down) {
            last_boolean = Some((status, incident_start));
        }
        out.push(Normalized { ts, status, incident_start, agent });
    }
    Ok(out)
}

/// `sitepulse_get_uptime_history_retention_days` from the option value (null = 90).
#[must_use]
pub fn retention_days(option: &Value) -> i64 {
    let value = if option.is_null() || !phpcompat::is_numeric(option) { 90 } else { phpcompat::to_int(option) };
    value.clamp(30, 365)
}

/// `sitepulse_trim_uptime_log`: drop entries older than the retention, then
/// keep at most `max(ceil(retention * 86400 / interval), retention)` entries.
#[must_use]
pub fn trim(log: Vec<Normalized>, now: i64, retention_days: i64, interval: i64) -> Vec<Normalized> {
    if log.is_empty() {
        return log;
    }
    let retention_seconds = retention_days.max(1) * 86_400;
    let cutoff = now.saturating_sub(retention_seconds);
    let interval = interval.max(1);
    let max_entries = usize::try_from(((retention_seconds + interval - 1) / interval).max(retention_days)).unwrap_or(usize::MAX);
    let mut filtered: Vec<Normalized> = log.iter().copied().filter(|e| e.ts >= cutoff).collect();
    if filtered.is_empty() {
        let skip = log.len().saturating_sub(max_entries);
        filtered = log[skip..].to_vec();
    }
    if filtered.len() > max_entries {
        filtered.drain(..filtered.len() - max_entries);
    }
    filtered
}

/// Configuration of the parity report.
#[derive(Debug, Clone)]
pub struct SitepulseConfig<'a> {
    /// `current_time('timestamp')`: site-local seconds.
    pub now: i64,
    /// The windows argument (`null` = `[7, 30]`), read with `intval`.
    pub windows: &'a Value,
    /// The `sitepulse_uptime_agents` option (`null` = not set).
    pub agents: &'a Value,
    /// The history retention option (`null` = 90 days).
    pub retention_days: &'a Value,
    /// The check interval in seconds (SitePulse's default schedule: hourly).
    pub interval_seconds: i64,
}

/// The windows argument after `array_map('intval')` and `> 0`.
#[must_use]
pub fn window_days(arg: &Value) -> Vec<i64> {
    let items: Vec<&Value> = match arg {
        Value::Null => Vec::new(),
        Value::Array(a) => a.iter().collect(),
        Value::Object(o) => o.values().collect(),
        other => vec![other],
    };
    let days: Vec<i64> = items.iter().map(|v| phpcompat::to_int(v)).filter(|d| *d > 0).collect();
    if days.is_empty() { vec![7, 30] } else { days }
}

/// PHP `$a / $b * 100` on two ints: an int when the division is exact.
#[must_use]
pub fn php_percent(up: i64, total: i64) -> Value {
    if total != 0 && up % total == 0 {
        json!((up / total) * 100)
    } else {
        #[allow(clippy::cast_precision_loss)]
        let ratio = up as f64 / total as f64;
        json!(ratio * 100.0)
    }
}

struct Breakdown {
    value: Value,
    total: i64,
    up: i64,
    down: i64,
    unknown: i64,
    maintenance: i64,
    downtime: f64,
    maintenance_time: f64,
    incidents: usize,
    windows: usize,
}

fn period(start: i64, end: i64) -> Value {
    json!({"start": start, "end": end, "duration": (end - start).max(0)})
}

/// `sitepulse_uptime_calculate_agent_window_breakdown`.
#[allow(clippy::too_many_lines)]
fn breakdown(entries: &[Normalized], start: i64, end: i64) -> Breakdown {
    let mut b = Breakdown {
        value: Value::Null,
        total: 0,
        up: 0,
        down: 0,
        unknown: 0,
        maintenance: 0,
        downtime: 0.0,
        maintenance_time: 0.0,
        incidents: 0,
        windows: 0,
    };
    let mut incidents: Vec<Value> = Vec::new();
    let mut maint_windows: Vec<Value> = Vec::new();
    let mut availability = json!(100.0);
    if !entries.is_empty() && end > start {
        let first_in = entries.partition_point(|e| e.ts < start);
        let previous = first_in.checked_sub(1).map(|i| entries[i]);
        let mut state = Status::Unknown;
        let mut incident: Option<i64> = None;
        let mut maintenance: Option<i64> = None;
        if let Some(prev) = previous {
            state = prev.status;
            if prev.status == Status::Down {
                incident = Some(prev.incident_start.unwrap_or(prev.ts).max(start));
            } else if prev.status == Status::Maintenance {
                maintenance = Some(start);
            }
        }
        let mut prev_ts = start;
        let mut downtime: i64 = 0;
        let mut maint_time: i64 = 0;
        for e in &entries[first_in..] {
            let original = e.ts;
            let ts = original.min(end).max(prev_ts);
            let delta = ts - prev_ts;
            if delta > 0 {
                match state {
                    Status::Down => downtime += delta,
                    Status::Maintenance => maint_time += delta,
                    _ => {}
                }
            }
            if original > end {
                prev_ts = ts;
                break;
            }
            let status = e.status;
            if let Some(s) = incident {
                if status != Status::Down {
                    let stop = ts.max(s);
                    incidents.push(period(s, stop));
                    incident = None;
                }
            }
            if let Some(s) = maintenance {
                if status != Status::Maintenance {
                    let stop = ts.max(s);
                    maint_windows.push(period(s, stop));
                    maintenance = None;
                }
            }
            match status {
                Status::Maintenance => b.maintenance += 1,
                Status::Up => {
                    b.total += 1;
                    b.up += 1;
                }
                Status::Down => {
                    b.total += 1;
                    b.down += 1;
                }
                Status::Unknown => {
                    b.total += 1;
                    b.unknown += 1;
                }
            }
            prev_ts = ts;
            state = status;
            if status == Status::Down {
                let s = e.incident_start.unwrap_or(ts);
                incident = Some(if s < start { start } else if s > ts { ts } else { s });
            } else if status == Status::Maintenance {
                maintenance = Some(start.max(ts));
            }
        }
        let final_delta = end - prev_ts;
        if final_delta > 0 {
            match state {
                Status::Down => downtime += final_delta,
                Status::Maintenance => maint_time += final_delta,
                _ => {}
            }
        }
        if let Some(s) = incident {
            incidents.push(period(s, end.max(s)));
        }
        if let Some(s) = maintenance {
            maint_windows.push(period(s, end.max(s)));
        }
        #[allow(clippy::cast_precision_loss)]
        {
            b.downtime = downtime as f64;
            b.maintenance_time = maint_time as f64;
        }
        if b.total > 0 {
            availability = php_percent(b.up, b.total.max(1));
        }
    }
    b.incidents = incidents.len();
    b.windows = maint_windows.len();
    b.value = json!({
        "start": start,
        "end": end,
        "availability": availability,
        "total_checks": b.total,
        "up_checks": b.up,
        "down_checks": b.down,
        "unknown_checks": b.unknown,
        "maintenance_checks": b.maintenance,
        "effective_checks": b.total,
        "downtime": {"total_duration": b.downtime, "incidents": incidents},
        "maintenance": {"total_duration": b.maintenance_time, "windows": maint_windows},
    });
    b
}

/// The SLA report, exactly as `sitepulse_uptime_build_sla_windows(null, $windows, sitepulse_uptime_get_agents())` returns it.
///
/// # Errors
/// When the log is too long or a window is out of range.
#[allow(clippy::too_many_lines)]
pub fn sla_windows<E: LogEntry>(log: &[E], config: &SitepulseConfig<'_>) -> Result<Value, SlaError> {
    let now = config.now;
    let interval = config.interval_seconds.max(1);
    let retention = retention_days(config.retention_days);
    let mut ids = AgentIds::default();
    let normalized = normalize(log, now, interval, &mut ids)?;
    let log = trim(normalized, now, retention, interval);

    let days_list = window_days(config.windows);
    if days_list.len() > MAX_WINDOWS {
        return Err(SlaError::input("options.windows_days", format!("at most {MAX_WINDOWS} windows are accepted")));
    }
    let mut window_map: Vec<(String, i64)> = Vec::new();
    for days in days_list {
        if days > MAX_WINDOW_DAYS {
            return Err(SlaError::input("options.windows_days", format!("a window is at most {MAX_WINDOW_DAYS} days")));
        }
        let key = format!("{days}d");
        if let Some(slot) = window_map.iter_mut().find(|(k, _)| *k == key) {
            slot.1 = days;
        } else {
            window_map.push((key, days));
        }
    }

    let agents = AgentConfig::from_option(config.agents);
    // Agents: first appearance in the trimmed log, then configured, then "default".
    let mut order: Vec<String> = Vec::new();
    let mut per_agent: HashMap<u32, Vec<Normalized>> = HashMap::new();
    for e in &log {
        let id = &ids.ids[e.agent as usize];
        if !order.iter().any(|o| o == id) {
            order.push(id.clone());
        }
        per_agent.entry(e.agent).or_default().push(*e);
    }
    for (id, _) in &agents.agents {
        if !order.iter().any(|o| o == id) {
            order.push(id.clone());
        }
    }
    if !order.iter().any(|o| o == "default") {
        order.push("default".to_owned());
    }
    let profiles: Vec<_> = order.iter().map(|id| agents.profile(id)).collect();
    let entries_of = |id: &str| -> Option<&Vec<Normalized>> {
        ids.ids.iter().position(|x| x == id).and_then(|i| per_agent.get(&u32::try_from(i).unwrap_or(u32::MAX)))
    };

    let mut windows_out = Map::new();
    let mut overall_start = now;
    for (key, days) in &window_map {
        let start = now - days * 86_400;
        let end = now;
        overall_start = overall_start.min(start);
        let mut agents_out = Map::new();
        let (mut total, mut up, mut down, mut unknown, mut maint) = (0_i64, 0_i64, 0_i64, 0_i64, 0_i64);
        let mut downtime_total: Option<f64> = None;
        let mut maintenance_total: Option<f64> = None;
        let (mut incident_count, mut maintenance_count) = (0_usize, 0_usize);
        let (mut weighted_total, mut weighted_up) = (0.0_f64, 0.0_f64);
        for profile in &profiles {
            let entries = entries_of(&profile.id);
            if !profile.active && entries.is_none() {
                continue;
            }
            let empty = Vec::new();
            let entries = entries.unwrap_or(&empty);
            let b = breakdown(entries, start, end);
            if entries.is_empty() && b.total == 0 && b.maintenance == 0 && !profile.active {
                continue;
            }
            total += b.total;
            up += b.up;
            down += b.down;
            unknown += b.unknown;
            maint += b.maintenance;
            downtime_total = Some(downtime_total.unwrap_or(0.0) + b.downtime);
            maintenance_total = Some(maintenance_total.unwrap_or(0.0) + b.maintenance_time);
            incident_count += b.incidents;
            maintenance_count += b.windows;
            if profile.weight > 0.0 && b.total > 0 {
                #[allow(clippy::cast_precision_loss)]
                {
                    weighted_total += b.total as f64 * profile.weight;
                    weighted_up += b.up as f64 * profile.weight;
                }
            }
            agents_out.insert(profile.id.clone(), b.value);
        }
        let availability = if weighted_total > 0.0 {
            json!((weighted_up / weighted_total) * 100.0)
        } else if total > 0 {
            php_percent(up, total.max(1))
        } else {
            json!(100.0)
        };
        let label = if *days == 1 {
            "1 jour".to_owned()
        } else {
            #[allow(clippy::cast_precision_loss)]
            let n = number_format(*days as f64, 0);
            format!("{n} jours")
        };
        windows_out.insert(
            key.clone(),
            json!({
                "label": label,
                "days": days,
                "start": start,
                "end": end,
                "agents": if agents_out.is_empty() { Value::Array(Vec::new()) } else { Value::Object(agents_out) },
                "global": {
                    "availability": availability,
                    "total_checks": total,
                    "up_checks": up,
                    "down_checks": down,
                    "unknown_checks": unknown,
                    "maintenance_checks": maint,
                    "effective_checks": total,
                    "downtime_total": downtime_total.map_or(json!(0), |v| json!(v)),
                    "maintenance_total": maintenance_total.map_or(json!(0), |v| json!(v)),
                    "incident_count": incident_count,
                    "maintenance_count": maintenance_count,
                },
            }),
        );
    }
    let mut agents_out = Map::new();
    for p in &profiles {
        agents_out.insert(
            p.id.clone(),
            json!({"id": p.id, "label": p.label, "region": p.region, "weight": p.weight, "active": p.active}),
        );
    }
    Ok(json!({
        "generated_at": now,
        "period": {"start": overall_start, "end": now},
        "windows": windows_out,
        "agents": agents_out,
        "entries": log.len(),
    }))
}
