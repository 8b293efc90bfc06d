//! The structured event log: JSON rows per channel, bounded by count and age,
//! and the aggregate view Site Health needs.

use std::collections::BTreeMap;

use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{check_name, check_time, StateStore, StoreError};
use crate::stats::percentile;

/// Largest event, as JSON.
pub const MAX_EVENT_BYTES: usize = 64 * 1024;
/// Most events one `events()` call returns.
pub const MAX_LIMIT: u32 = 10_000;
/// Outcomes that are not errors; any other outcome is one.
pub const SUCCESS_OUTCOMES: [&str; 2] = ["ok", "success"];

/// Order of `events()` results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    /// Newest first.
    #[default]
    Desc,
    /// Oldest first.
    Asc,
}

/// Which events `events()` returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EventFilter {
    /// Only events at or after this time.
    pub since: Option<f64>,
    /// Only events before this time.
    pub until: Option<f64>,
    /// Only events with this `outcome` field.
    pub outcome: Option<String>,
    /// Only events with this `route` field.
    pub route: Option<String>,
    /// At most this many events (1 to 10,000).
    pub limit: u32,
    /// `desc` (newest first, default) or `asc`.
    pub order: Order,
}

impl Default for EventFilter {
    fn default() -> Self {
        Self { since: None, until: None, outcome: None, route: None, limit: 100, order: Order::Desc }
    }
}

/// One logged event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// Row id, increasing in insertion order.
    pub id: i64,
    /// When it happened (Unix seconds).
    pub time: f64,
    /// Its channel.
    pub channel: String,
    /// The fields as logged.
    pub fields: Value,
}

/// Aggregates of one route (or of a whole channel).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct RouteMetrics {
    /// Events counted.
    pub count: u64,
    /// Events whose outcome is neither `ok` nor `success`.
    pub errors: u64,
    /// `errors / count` (0 when there are no events).
    pub error_rate: f64,
    /// Mean of `duration_ms` over the events that have it.
    pub mean_ms: Option<f64>,
    /// 95th percentile of `duration_ms` (linear interpolation, as numpy).
    pub p95_ms: Option<f64>,
}

/// `metrics()` of a channel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metrics {
    /// Events counted.
    pub count: u64,
    /// Events whose outcome is neither `ok` nor `success`.
    pub errors: u64,
    /// `errors / count` (0 when there are no events).
    pub error_rate: f64,
    /// Mean of `duration_ms`.
    pub mean_ms: Option<f64>,
    /// 95th percentile of `duration_ms`.
    pub p95_ms: Option<f64>,
    /// Events per `outcome` value (events without one are not listed).
    pub by_outcome: BTreeMap<String, u64>,
    /// The same aggregates per `route` field (events without one are not listed).
    pub by_route: BTreeMap<String, RouteMetrics>,
}

/// Reads the indexed fields of an event and checks their types.
fn indexed(fields: &Map<String, Value>) -> Result<(Option<String>, Option<String>, Option<f64>), StoreError> {
    let text = |name: &str| -> Result<Option<String>, StoreError> {
        match fields.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.len() <= super::MAX_NAME_LEN => Ok(Some(s.clone())),
            Some(Value::String(_)) => Err(StoreError::invalid(
                format!("fields.{name}"),
                format!("must be at most {} bytes long", super::MAX_NAME_LEN),
            )),
            Some(_) => Err(StoreError::invalid(format!("fields.{name}"), "must be a string")),
        }
    };
    let duration = match fields.get("duration_ms") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => match n.as_f64() {
            Some(ms) if ms.is_finite() && ms >= 0.0 => Some(ms),
            _ => return Err(StoreError::invalid("fields.duration_ms", "must be a number of milliseconds, 0 or more")),
        },
        Some(_) => return Err(StoreError::invalid("fields.duration_ms", "must be a number of milliseconds, 0 or more")),
    };
    Ok((text("outcome")?, text("route")?, duration))
}

fn is_error(outcome: Option<&str>) -> bool {
    outcome.is_some_and(|o| !SUCCESS_OUTCOMES.iter().any(|s| o.eq_ignore_ascii_case(s)))
}

#[derive(Default)]
struct Acc {
    count: u64,
    errors: u64,
    durations: Vec<f64>,
}

impl Acc {
    fn add(&mut self, error: bool, duration: Option<f64>) {
        self.count += 1;
        self.errors += u64::from(error);
        if let Some(d) = duration {
            self.durations.push(d);
        }
    }
    fn finish(mut self) -> RouteMetrics {
        self.durations.sort_by(f64::total_cmp);
        let n = self.durations.len();
        RouteMetrics {
            count: self.count,
            errors: self.errors,
            error_rate: if self.count == 0 { 0.0 } else { self.errors as f64 / self.count as f64 },
            mean_ms: (n > 0).then(|| self.durations.iter().sum::<f64>() / n as f64),
            p95_ms: percentile(&self.durations, 95.0),
        }
    }
}

impl StateStore {
    /// Appends an event to `channel` and drops what exceeds the channel's bounds
    /// (count and age), in one transaction. The fields `outcome` (string),
    /// `route` (string) and `duration_ms` (number) feed `metrics()`.
    pub fn log_event(&mut self, channel: &str, fields: &Map<String, Value>, now: f64) -> Result<(), StoreError> {
        check_name("channel", channel)?;
        check_time("now", now)?;
        let (outcome, route, duration) = indexed(fields)?;
        let text = serde_json::to_string(fields).map_err(|e| StoreError::invalid("fields", e.to_string()))?;
        if text.len() > MAX_EVENT_BYTES {
            return Err(StoreError::invalid("fields", format!("is {} bytes as JSON, at most {MAX_EVENT_BYTES}", text.len())));
        }
        let max_rows = i64::from(self.options.max_events_per_channel);
        let oldest = now - self.options.max_event_age_seconds;
        let path = self.path.clone();
        let timeout = self.options.busy_timeout_ms;
        let fail = |e: rusqlite::Error| super::error::sqlite(&path, "logEvent", timeout, &e);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(fail)?;
        let last: Option<i64> = tx
            .prepare_cached("SELECT seq FROM events WHERE channel = ?1 ORDER BY seq DESC LIMIT 1")
            .and_then(|mut s| s.query_row([channel], |row| row.get(0)).optional())
            .map_err(fail)?;
        let seq = last.unwrap_or(0).saturating_add(1);
        tx.prepare_cached(
            "INSERT INTO events (channel, seq, at, outcome, route, duration_ms, fields) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .and_then(|mut s| s.execute(params![channel, seq, now, outcome, route, duration, text]))
        .map_err(fail)?;
        tx.prepare_cached("DELETE FROM events WHERE channel = ?1 AND (seq <= ?2 OR at < ?3)")
            .and_then(|mut s| s.execute(params![channel, seq - max_rows, oldest]))
            .map_err(fail)?;
        tx.commit().map_err(fail)
    }

    /// Events of `channel` matching `filter`.
    pub fn events(&self, channel: &str, filter: &EventFilter) -> Result<Vec<Event>, StoreError> {
        check_name("channel", channel)?;
        if filter.limit == 0 || filter.limit > MAX_LIMIT {
            return Err(StoreError::invalid("filter.limit", format!("must be between 1 and {MAX_LIMIT}")));
        }
        for (name, t) in [("filter.since", filter.since), ("filter.until", filter.until)] {
            if let Some(t) = t {
                if !t.is_finite() {
                    return Err(StoreError::invalid(name, "must be a finite timestamp"));
                }
            }
        }
        let sql = match filter.order {
            Order::Desc => EVENTS_SQL_DESC,
            Order::Asc => EVENTS_SQL_ASC,
        };
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err("events", &e))?;
        let rows = stmt
            .query_map(
                params![channel, filter.since, filter.until, filter.outcome, filter.route, filter.limit],
                |row| Ok((row.get::<_, i64>(0)?, row.get::<_, f64>(1)?, row.get::<_, String>(2)?)),
            )
            .map_err(|e| self.err("events", &e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, time, text) = row.map_err(|e| self.err("events", &e))?;
            let fields = serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
                path: self.path.clone(),
                detail: format!("event {id} is not valid JSON: {e}"),
            })?;
            out.push(Event { id, time, channel: channel.to_owned(), fields });
        }
        Ok(out)
    }

    /// Aggregates of `channel` since `since`: counts, error rate, mean and p95
    /// of `duration_ms`, per outcome and per route.
    pub fn metrics(&self, channel: &str, since: f64) -> Result<Metrics, StoreError> {
        check_name("channel", channel)?;
        if !since.is_finite() {
            return Err(StoreError::invalid("since", "must be a finite timestamp"));
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT outcome, route, duration_ms FROM events WHERE channel = ?1 AND at >= ?2")
            .map_err(|e| self.err("metrics", &e))?;
        let rows = stmt
            .query_map(params![channel, since], |row| {
                Ok((row.get::<_, Option<String>>(0)?, row.get::<_, Option<String>>(1)?, row.get::<_, Option<f64>>(2)?))
            })
            .map_err(|e| self.err("metrics", &e))?;
        let mut all = Acc::default();
        let mut by_route: BTreeMap<String, Acc> = BTreeMap::new();
        let mut by_outcome: BTreeMap<String, u64> = BTreeMap::new();
        for row in rows {
            let (outcome, route, duration) = row.map_err(|e| self.err("metrics", &e))?;
            let error = is_error(outcome.as_deref());
            all.add(error, duration);
            if let Some(route) = route {
                by_route.entry(route).or_default().add(error, duration);
            }
            if let Some(outcome) = outcome {
                *by_outcome.entry(outcome).or_default() += 1;
            }
        }
        let total = all.finish();
        Ok(Metrics {
            count: total.count,
            errors: total.errors,
            error_rate: total.error_rate,
            mean_ms: total.mean_ms,
            p95_ms: total.p95_ms,
            by_outcome,
            by_route: by_route.into_iter().map(|(k, v)| (k, v.finish())).collect(),
        })
    }
}

const EVENTS_SQL_DESC: &str = "SELECT id, at, fields FROM events
    WHERE channel = ?1 AND (?2 IS NULL OR at >= ?2) AND (?3 IS NULL OR at < ?3)
      AND (?4 IS NULL OR outcome = ?4) AND (?5 IS NULL OR route = ?5)
    ORDER BY at DESC, seq DESC LIMIT ?6";
const EVENTS_SQL_ASC: &str = "SELECT id, at, fields FROM events
    WHERE channel = ?1 AND (?2 IS NULL OR at >= ?2) AND (?3 IS NULL OR at < ?3)
      AND (?4 IS NULL OR outcome = ?4) AND (?5 IS NULL OR route = ?5)
    ORDER BY at ASC, seq ASC LIMIT ?6";
