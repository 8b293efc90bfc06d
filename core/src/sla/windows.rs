//! The default SLA model: time-based availability per window and per agent,
//! in real UTC time, with planned maintenance out of the denominator.
//!
//! For each agent the log is a step function: an entry's status holds until
//! the agent's next entry (or the window end). Within a window:
//! - `up`, `down`, `unknown` seconds by status; a `maintenance` status and
//!   time inside a configured maintenance window count as maintenance;
//! - `availability_raw = 100 * up / (up + down + maintenance_status)`, all time
//!   with a known status, planned windows included;
//! - `availability_adjusted = 100 * up' / (up' + down')` where `'` is the time
//!   outside maintenance (status or planned): maintenance leaves the denominator;
//! - unknown time (no answer, or before the agent's first check) is in neither;
//!   `null` when nothing was monitored;
//! - `downtime_seconds` is down time outside maintenance;
//! - an incident runs from the first failed check to the next successful (or
//!   maintenance) check of the SAME agent; unknown checks neither close it nor
//!   count as downtime; MTTR is over recovered incidents, full durations.
//!
//! Differences from SitePulse, on purpose: timestamps are real UTC (with
//! `local_timestamps` a SitePulse log's wall-clock seconds are converted
//! through the time zone instead of being shifted a second time); incident
//! starts are never chained across agents; "unknown" does not close an
//! incident; availability is by time, not by check count.

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use super::entry::{LogEntry, Scalar};
use super::error::SlaError;
use super::maintenance::{Maintenance, Zone};
use super::mttr::summary;
use super::sitepulse::{MAX_ENTRIES, MAX_WINDOWS};

/// Longest window of the default model, in days.
pub const MAX_DAYS: i64 = 3660;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum St {
    Up,
    Down,
    Unknown,
    Maintenance,
}

/// Options of the default model, already validated by the caller's deserializer.
#[derive(Debug, Clone)]
pub struct WindowsConfig {
    /// Reference time (UTC seconds, or wall-clock when `local_timestamps`).
    pub now: i64,
    /// Window lengths in days.
    pub windows_days: Vec<i64>,
    /// Agent weights (missing agents weigh 1).
    pub weights: Vec<(String, f64)>,
    /// Planned maintenance.
    pub maintenance: Maintenance,
    /// Time zone of the maintenance windows (and of local timestamps).
    pub zone: Zone,
    /// Whether log timestamps and `now` are wall-clock seconds in `zone` (SitePulse's logs).
    pub local_timestamps: bool,
}

#[derive(Debug, Clone, Copy)]
struct Incident {
    start: i64,
    end: i64,
    open: bool,
}

/// `log[i]`, formatted only when an error needs it.
#[derive(Clone, Copy)]
struct LazyPath(usize);

impl std::fmt::Display for LazyPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "log[{}]", self.0)
    }
}

fn read_status(s: Scalar<'_>, path: LazyPath) -> Result<St, SlaError> {
    match s {
        Scalar::Bool(true) => Ok(St::Up),
        Scalar::Bool(false) => Ok(St::Down),
        Scalar::Str("unknown") => Ok(St::Unknown),
        Scalar::Str("maintenance") => Ok(St::Maintenance),
        Scalar::Absent => Err(SlaError::input(format!("{path}.status"), "is missing")),
        Scalar::Str(other) => Err(SlaError::input(
            format!("{path}.status"),
            format!("must be true, false, 'unknown' or 'maintenance', got '{other}'"),
        )),
        other => Err(SlaError::input(
            format!("{path}.status"),
            format!("must be true, false, 'unknown' or 'maintenance', got {}", other.type_name()),
        )),
    }
}

fn pct(num: f64, den: f64) -> Value {
    if den > 0.0 { json!(100.0 * num / den) } else { Value::Null }
}

/// Computes the windows.
///
/// # Errors
/// A malformed entry (`log[i].key`), an out-of-range window.
#[allow(clippy::too_many_lines)]
pub fn windows<E: LogEntry>(log: &[E], config: &WindowsConfig) -> Result<Value, SlaError> {
    if log.len() > MAX_ENTRIES {
        return Err(SlaError::input("log", format!("at most {MAX_ENTRIES} entries are accepted")));
    }
    if config.windows_days.is_empty() || config.windows_days.len() > MAX_WINDOWS {
        return Err(SlaError::input("options.windows_days", format!("must list 1 to {MAX_WINDOWS} window lengths")));
    }
    for (i, d) in config.windows_days.iter().enumerate() {
        if !(1..=MAX_DAYS).contains(d) {
            return Err(SlaError::input(format!("options.windows_days[{i}]"), format!("must be between 1 and {MAX_DAYS} days, got {d}")));
        }
    }
    let to_utc = |t: i64| -> i64 {
        if config.local_timestamps {
            let local = chrono::DateTime::from_timestamp(t, 0).unwrap_or_default().naive_utc();
            config.zone.to_utc(local)
        } else {
            t
        }
    };
    let now = to_utc(config.now);

    // Read the log in place: (timestamp, agent index, status) per entry.
    let mut agent_ids: Vec<String> = Vec::new();
    let mut agent_index: HashMap<String, u32> = HashMap::new();
    let mut rows: Vec<(i64, u32, St)> = Vec::with_capacity(log.len());
    let mut last_agent: Option<u32> = None;
    for (i, entry) in log.iter().enumerate() {
        let path = LazyPath(i);
        if !entry.is_array() {
            return Err(SlaError::input(path.to_string(), "must be an array with timestamp and status"));
        }
        let ts = match entry.timestamp() {
            Scalar::Int(t) if t >= 0 => t,
            Scalar::Int(t) => return Err(SlaError::input(format!("{path}.timestamp"), format!("must not be negative, got {t}"))),
            Scalar::Absent => return Err(SlaError::input(format!("{path}.timestamp"), "is missing")),
            other => return Err(SlaError::input(format!("{path}.timestamp"), format!("must be an integer Unix timestamp, got {}", other.type_name()))),
        };
        let status = read_status(entry.status(), path)?;
        let agent = match entry.agent() {
            Scalar::Absent | Scalar::Null => "default",
            Scalar::Str(s) if !s.is_empty() => s,
            other => return Err(SlaError::input(format!("{path}.agent"), format!("must be a non-empty string, got {}", other.type_name()))),
        };
        match entry.get("latency") {
            Scalar::Absent | Scalar::Null | Scalar::Int(0..) => {}
            Scalar::Float(f) if f.is_finite() && f >= 0.0 => {}
            Scalar::Float(f) if f.is_nan() => return Err(SlaError::input(format!("{path}.latency"), "must be a number, got NaN")),
            Scalar::Int(_) | Scalar::Float(_) => return Err(SlaError::input(format!("{path}.latency"), "must be a non-negative duration")),
            other => return Err(SlaError::input(format!("{path}.latency"), format!("must be a number, got {}", other.type_name()))),
        }
        let idx = match last_agent {
            Some(idx) if agent_ids[idx as usize] == agent => idx,
            _ => {
                let idx = if let Some(&idx) = agent_index.get(agent) {
                    idx
                } else {
                    let idx = u32::try_from(agent_ids.len()).unwrap_or(u32::MAX);
                    agent_ids.push(agent.to_owned());
                    agent_index.insert(agent.to_owned(), idx);
                    idx
                };
                last_agent = Some(idx);
                idx
            }
        };
        rows.push((to_utc(ts), idx, status));
    }
    for (id, _) in &config.weights {
        if !agent_index.contains_key(id) {
            agent_index.insert(id.clone(), u32::try_from(agent_ids.len()).unwrap_or(u32::MAX));
            agent_ids.push(id.clone());
        }
    }
    // Per agent, stable-sorted by time; checks dated after now are ignored.
    let mut per_agent: Vec<Vec<(i64, St)>> = vec![Vec::new(); agent_ids.len()];
    for &(ts, a, st) in &rows {
        if ts <= now {
            per_agent[a as usize].push((ts, st));
        }
    }
    for list in &mut per_agent {
        if list.windows(2).any(|w| w[1].0 < w[0].0) {
            list.sort_by_key(|&(ts, _)| ts);
        }
    }
    let weight_of = |id: &str| config.weights.iter().find(|(k, _)| k == id).map_or(1.0, |(_, w)| *w);
    let widest = config.windows_days.iter().copied().max().unwrap_or(1);
    let from_all = now - widest * 86_400;

    // Incidents over each agent's whole timeline.
    let incidents: Vec<Vec<Incident>> = per_agent
        .iter()
        .map(|list| {
            let mut out = Vec::new();
            let mut open: Option<i64> = None;
            for &(ts, st) in list {
                match st {
                    St::Down if open.is_none() => open = Some(ts),
                    St::Up | St::Maintenance => {
                        if let Some(s) = open.take() {
                            out.push(Incident { start: s, end: ts, open: false });
                        }
                    }
                    _ => {}
                }
            }
            if let Some(s) = open {
                out.push(Incident { start: s, end: now, open: true });
            }
            out
        })
        .collect();
    let planned: Vec<_> = agent_ids.iter().map(|id| config.maintenance.expand(&config.zone, from_all, now, id)).collect();

    let mut windows_out = Map::new();
    for &days in &config.windows_days {
        let start = now - days * 86_400;
        let end = now;
        let mut agents_out = Map::new();
        let (mut g_up, mut g_den, mut g_up_adj, mut g_den_adj) = (0.0, 0.0, 0.0, 0.0);
        let (mut g_down, mut g_maint, mut g_incidents) = (0_i64, 0_i64, 0_usize);
        let mut g_durations = Vec::new();
        for (a, id) in agent_ids.iter().enumerate() {
            let list = &per_agent[a];
            let plan = &planned[a];
            let (mut up, mut down, mut unknown, mut maint_status) = (0_i64, 0_i64, 0_i64, 0_i64);
            let (mut up_adj, mut down_adj, mut planned_s) = (0_i64, 0_i64, 0_i64);
            let mut checks = [0_i64; 5];
            let first = list.partition_point(|&(ts, _)| ts < start);
            let mut segment = |from: i64, to: i64, st: St| {
                if to <= from {
                    return;
                }
                let len = to - from;
                let inside = plan.overlap(from, to);
                match st {
                    St::Up => {
                        up += len;
                        up_adj += len - inside;
                        planned_s += inside;
                    }
                    St::Down => {
                        down += len;
                        down_adj += len - inside;
                        planned_s += inside;
                    }
                    St::Maintenance => maint_status += len,
                    St::Unknown => unknown += len,
                }
            };
            let mut cursor = start;
            let mut state = if first > 0 { list[first - 1].1 } else { St::Unknown };
            for &(ts, st) in &list[first..] {
                segment(cursor, ts.min(end), state);
                cursor = ts.min(end);
                state = st;
                checks[0] += 1;
                checks[match st {
                    St::Up => 1,
                    St::Down => 2,
                    St::Unknown => 3,
                    St::Maintenance => 4,
                }] += 1;
            }
            segment(cursor, end, state);
            let maintenance_seconds = maint_status + planned_s;
            #[allow(clippy::cast_precision_loss)]
            let (raw, adjusted) = (
                pct(up as f64, (up + down + maint_status) as f64),
                pct(up_adj as f64, (up_adj + down_adj) as f64),
            );
            let weight = weight_of(id);
            #[allow(clippy::cast_precision_loss)]
            if weight > 0.0 {
                g_up += weight * up as f64;
                g_den += weight * (up + down + maint_status) as f64;
                g_up_adj += weight * up_adj as f64;
                g_den_adj += weight * (up_adj + down_adj) as f64;
            }
            let in_window: Vec<&Incident> = incidents[a].iter().filter(|i| i.start < end && (i.end > start || (i.open && i.end >= start))).collect();
            #[allow(clippy::cast_precision_loss)]
            let durations: Vec<f64> = in_window.iter().filter(|i| !i.open).map(|i| (i.end - i.start) as f64).collect();
            g_durations.extend_from_slice(&durations);
            g_down += down_adj;
            g_maint += maintenance_seconds;
            g_incidents += in_window.len();
            let incidents_out: Vec<Value> = in_window
                .iter()
                .map(|i| json!({"start": i.start, "end": i.end, "duration": i.end - i.start, "open": i.open}))
                .collect();
            agents_out.insert(
                id.clone(),
                json!({
                    "availability_raw": raw,
                    "availability_adjusted": adjusted,
                    "up_seconds": up,
                    "downtime_seconds": down_adj,
                    "maintenance_seconds": maintenance_seconds,
                    "unknown_seconds": unknown,
                    "monitored_seconds": up + down + maint_status,
                    "checks": {"total": checks[0], "up": checks[1], "down": checks[2], "unknown": checks[3], "maintenance": checks[4]},
                    "incidents": incidents_out,
                    "mttr": summary(&durations),
                }),
            );
        }
        windows_out.insert(
            format!("{days}d"),
            json!({
                "days": days,
                "start": start,
                "end": end,
                "agents": if agents_out.is_empty() { Value::Array(Vec::new()) } else { Value::Object(agents_out) },
                "global": {
                    "availability_raw": pct(g_up, g_den),
                    "availability_adjusted": pct(g_up_adj, g_den_adj),
                    "downtime_seconds": g_down,
                    "maintenance_seconds": g_maint,
                    "incident_count": g_incidents,
                    "mttr": summary(&g_durations),
                },
            }),
        );
    }
    let mut agents_out = Map::new();
    for (a, id) in agent_ids.iter().enumerate() {
        agents_out.insert(id.clone(), json!({"weight": weight_of(id), "entries": per_agent[a].len()}));
    }
    Ok(json!({
        "model": "default",
        "generated_at": now,
        "windows": windows_out,
        "agents": if agents_out.is_empty() { Value::Array(Vec::new()) } else { Value::Object(agents_out) },
        "entries": log.len(),
    }))
}
