//! Parity model: SitePulse's daily uptime archive (`sitepulse_update_uptime_archive`
//! called once per check) and the metrics read from it
//! (`sitepulse_calculate_uptime_window_metrics`, `sitepulse_calculate_agent_uptime_metrics`).
//!
//! Kept on purpose: the day key is `wp_date('Y-m-d', local_timestamp)`, which
//! adds the site offset a second time to timestamps that already carry it;
//! only exactly `true`/`false`/`"maintenance"`/`"unknown"` are recognised
//! (anything else is "unknown"); windows are the last N days that have data.

use serde_json::{json, Map, Value};

use super::agents::{normalize_agent_id, AgentConfig};
use super::entry::{LogEntry, Scalar};
use super::sitepulse::php_percent;

/// Counters of one day, or of one agent within a day.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    /// Up checks.
    pub up: i64,
    /// Down checks.
    pub down: i64,
    /// Unknown checks.
    pub unknown: i64,
    /// Maintenance checks.
    pub maintenance: i64,
    /// All checks.
    pub total: i64,
    /// Sum of latencies (s).
    pub latency_sum: f64,
    /// Number of latencies.
    pub latency_count: i64,
    /// Sum of TTFB (s).
    pub ttfb_sum: f64,
    /// Number of TTFB values.
    pub ttfb_count: i64,
    /// Checks with at least one violation.
    pub violations: i64,
    /// Violations by type, in first-seen order.
    pub violation_types: Vec<(String, i64)>,
}

impl Counts {
    fn add_type(&mut self, kind: &str, n: i64) {
        if let Some(slot) = self.violation_types.iter_mut().find(|(k, _)| k == kind) {
            slot.1 += n;
        } else {
            self.violation_types.push((kind.to_owned(), n));
        }
    }

    fn types_value(&self) -> Value {
        if self.violation_types.is_empty() {
            return Value::Array(Vec::new());
        }
        Value::Object(self.violation_types.iter().map(|(k, n)| (k.clone(), json!(n))).collect())
    }
}

/// One archive day.
#[derive(Debug, Clone, PartialEq)]
pub struct Day {
    /// `Y-m-d`.
    pub date: String,
    /// Totals of the day.
    pub counts: Counts,
    /// Earliest timestamp seen.
    pub first_timestamp: i64,
    /// Latest timestamp seen.
    pub last_timestamp: i64,
    /// Per agent, in first-seen order.
    pub agents: Vec<(String, Counts)>,
}

/// The archive: days in the plugin's array order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Archive {
    /// The days.
    pub days: Vec<Day>,
}

/// `Y-m-d` of a Unix timestamp shifted by `offset_seconds`.
#[must_use]
pub fn day_key(timestamp: i64, offset_seconds: i64) -> String {
    let t = timestamp.saturating_add(offset_seconds);
    let days = t.div_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}

impl Archive {
    /// Replays `sitepulse_update_uptime_archive` over the raw log in row order.
    /// `now` stands for `current_time('timestamp')` (entries without a timestamp),
    /// `offset_seconds` is the site's UTC offset, `retention_days` the archive cap.
    pub fn replay<E: LogEntry>(log: &[E], now: i64, offset_seconds: i64, retention_days: i64) -> Self {
        let mut archive = Self::default();
        let mut sorted = true;
        for entry in log {
            if !entry.is_array() || entry.key_count() == 0 {
                continue;
            }
            let ts = entry.timestamp();
            let timestamp = if ts.is_set() { ts.to_int() } else { now };
            let key = day_key(timestamp, offset_seconds);
            let status_key = match entry.status() {
                Scalar::Bool(true) => 0,
                Scalar::Bool(false) => 1,
                Scalar::Str("maintenance") => 3,
                _ => 2,
            };
            let agent = match entry.agent() {
                a if a.is_set() => normalize_agent_id(a.as_str()),
                _ => "default".to_owned(),
            };
            // sitepulse_get_uptime_archive() sorts the keys on every read.
            if !sorted {
                archive.days.sort_by(|a, b| a.date.as_bytes().cmp(b.date.as_bytes()));
                sorted = true;
            }
            let index = match archive.days.iter().rposition(|d| d.date == key) {
                Some(i) => i,
                None => {
                    if archive.days.last().is_some_and(|d| d.date > key) {
                        sorted = false;
                    }
                    archive.days.push(Day {
                        date: key.clone(),
                        counts: Counts::default(),
                        first_timestamp: timestamp,
                        last_timestamp: timestamp,
                        agents: Vec::new(),
                    });
                    archive.days.len() - 1
                }
            };
            let day = &mut archive.days[index];
            day.first_timestamp = day.first_timestamp.min(timestamp);
            day.last_timestamp = day.last_timestamp.max(timestamp);
            let agent_index = match day.agents.iter().position(|(a, _)| *a == agent) {
                Some(i) => i,
                None => {
                    day.agents.push((agent, Counts::default()));
                    day.agents.len() - 1
                }
            };
            let latency = entry.get("latency");
            let latency = if latency.is_set() { Some(latency.to_float()).filter(|v| *v >= 0.0) } else { None };
            let ttfb = entry.get("ttfb");
            let ttfb = if ttfb.is_set() { Some(ttfb.to_float()).filter(|v| *v >= 0.0) } else { None };
            let types: Vec<String> = entry
                .violation_types()
                .map(|items| items.iter().map(Scalar::sanitize_key).filter(|k| !k.is_empty() && k != "0").collect())
                .unwrap_or_default();
            for counts in [&mut day.counts, &mut day.agents[agent_index].1] {
                match status_key {
                    0 => counts.up += 1,
                    1 => counts.down += 1,
                    3 => counts.maintenance += 1,
                    _ => counts.unknown += 1,
                }
                counts.total += 1;
                if let Some(l) = latency {
                    counts.latency_sum += l;
                    counts.latency_count += 1;
                }
                if let Some(t) = ttfb {
                    counts.ttfb_sum += t;
                    counts.ttfb_count += 1;
                }
                if !types.is_empty() {
                    counts.violations += 1;
                    for t in &types {
                        counts.add_type(t, 1);
                    }
                }
            }
            let max_days = usize::try_from(retention_days).unwrap_or(0);
            if max_days > 0 && archive.days.len() > max_days {
                let excess = archive.days.len() - max_days;
                archive.days.drain(..excess);
            }
        }
        if !sorted {
            archive.days.sort_by(|a, b| a.date.as_bytes().cmp(b.date.as_bytes()));
        }
        archive
    }

    /// The archive in a compact form: `{day: {counts: [up, down, unknown,
    /// maintenance, total, violations], first_ts, last_ts, latency_sum,
    /// latency_count, ttfb_sum, ttfb_count, agents: {id: [six counts]}}}`.
    #[must_use]
    pub fn compact(&self) -> Value {
        let six = |c: &Counts| json!([c.up, c.down, c.unknown, c.maintenance, c.total, c.violations]);
        let mut out = Map::new();
        for d in &self.days {
            let agents: Map<String, Value> = d.agents.iter().map(|(a, c)| (a.clone(), six(c))).collect();
            out.insert(
                d.date.clone(),
                json!({
                    "counts": six(&d.counts),
                    "first_ts": d.first_timestamp,
                    "last_ts": d.last_timestamp,
                    "latency_sum": d.counts.latency_sum,
                    "latency_count": d.counts.latency_count,
                    "ttfb_sum": d.counts.ttfb_sum,
                    "ttfb_count": d.counts.ttfb_count,
                    "agents": agents,
                }),
            );
        }
        Value::Object(out)
    }

    fn last_days(&self, days: i64) -> &[Day] {
        let n = usize::try_from(days).unwrap_or(0).min(self.days.len());
        &self.days[self.days.len() - n..]
    }

    fn agent_totals(&self, days: i64, agents: &AgentConfig) -> Vec<(String, Counts)> {
        let mut totals: Vec<(String, Counts)> = Vec::new();
        for day in self.last_days(days) {
            let fallback;
            let list: &[(String, Counts)] = if day.agents.is_empty() {
                fallback = vec![("default".to_owned(), day.counts.clone())];
                &fallback
            } else {
                &day.agents
            };
            for (id, c) in list {
                let slot = match totals.iter().position(|(k, _)| k == id) {
                    Some(i) => i,
                    None => {
                        totals.push((id.clone(), Counts::default()));
                        totals.len() - 1
                    }
                };
                let t = &mut totals[slot].1;
                t.up += c.up;
                t.down += c.down;
                t.unknown += c.unknown;
                t.maintenance += c.maintenance;
                t.total += c.total;
                t.latency_sum += c.latency_sum;
                t.latency_count += c.latency_count;
                t.ttfb_sum += c.ttfb_sum;
                t.ttfb_count += c.ttfb_count;
                t.violations += c.violations;
                for (k, n) in &c.violation_types {
                    t.add_type(k, *n);
                }
            }
        }
        totals.retain(|(id, _)| agents.get(id).is_none_or(AgentConfig::is_active));
        totals
    }

    /// `sitepulse_calculate_agent_uptime_metrics($archive, $days, $agents)`.
    #[must_use]
    pub fn agent_metrics(&self, days: i64, agents: &AgentConfig) -> Value {
        if self.days.is_empty() || days < 1 {
            return Value::Array(Vec::new());
        }
        let mut out = Map::new();
        for (id, c) in self.agent_totals(days, agents) {
            let effective = (c.total - c.maintenance).max(0);
            let uptime = if effective > 0 { php_percent(c.up, effective) } else { json!(100) };
            #[allow(clippy::cast_precision_loss)]
            let latency_avg = if c.latency_count > 0 { json!(c.latency_sum / c.latency_count as f64) } else { Value::Null };
            #[allow(clippy::cast_precision_loss)]
            let ttfb_avg = if c.ttfb_count > 0 { json!(c.ttfb_sum / c.ttfb_count as f64) } else { Value::Null };
            out.insert(
                id,
                json!({
                    "up": c.up, "down": c.down, "unknown": c.unknown, "maintenance": c.maintenance, "total": c.total,
                    "latency_sum": c.latency_sum, "latency_count": c.latency_count,
                    "ttfb_sum": c.ttfb_sum, "ttfb_count": c.ttfb_count,
                    "violations": c.violations, "violation_types": c.types_value(),
                    "uptime": uptime, "effective_total": effective,
                    "latency_avg": latency_avg, "ttfb_avg": ttfb_avg,
                }),
            );
        }
        if out.is_empty() { Value::Array(Vec::new()) } else { Value::Object(out) }
    }

    /// `sitepulse_calculate_uptime_window_metrics($archive, $days, $agents)`.
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub fn window_metrics(&self, days: i64, agents: &AgentConfig) -> Value {
        if self.days.is_empty() || days < 1 {
            return json!({
                "days": 0, "total_checks": 0, "up_checks": 0, "down_checks": 0, "unknown_checks": 0,
                "uptime": 100.0, "latency_sum": 0.0, "latency_count": 0, "latency_avg": null,
                "ttfb_sum": 0.0, "ttfb_count": 0, "ttfb_avg": null, "violations": 0,
            });
        }
        let window = self.last_days(days);
        let (mut total, mut up, mut down, mut unknown, mut lc, mut tc, mut viol) = (0_i64, 0_i64, 0_i64, 0_i64, 0_i64, 0_i64, 0_i64);
        let (mut ls, mut ts) = (0.0_f64, 0.0_f64);
        for d in window {
            total += (d.counts.total - d.counts.maintenance).max(0);
            up += d.counts.up;
            down += d.counts.down;
            unknown += d.counts.unknown;
            ls += d.counts.latency_sum;
            lc += d.counts.latency_count;
            ts += d.counts.ttfb_sum;
            tc += d.counts.ttfb_count;
            viol += d.counts.violations;
        }
        let (mut wt, mut wu, mut wls, mut wlc, mut wts, mut wtc) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        for (id, c) in self.agent_totals(days, agents) {
            let config = agents.get(&id).cloned().unwrap_or_else(|| agents.resolve(&id));
            let weight = AgentConfig::weight_of(&config);
            if weight <= 0.0 {
                continue;
            }
            wt += (c.total - c.maintenance).max(0) as f64 * weight;
            wu += c.up as f64 * weight;
            wls += c.latency_sum * weight;
            wlc += c.latency_count as f64 * weight;
            wts += c.ttfb_sum * weight;
            wtc += c.ttfb_count as f64 * weight;
        }
        let uptime = if wt > 0.0 {
            json!((wu / wt) * 100.0)
        } else if total > 0 {
            php_percent(up, total)
        } else {
            json!(100.0)
        };
        let latency_avg = if wlc > 0.0 { json!(wls / wlc) } else if lc > 0 { json!(ls / lc as f64) } else { Value::Null };
        let ttfb_avg = if wtc > 0.0 { json!(wts / wtc) } else if tc > 0 { json!(ts / tc as f64) } else { Value::Null };
        json!({
            "days": window.len(), "total_checks": total, "up_checks": up, "down_checks": down, "unknown_checks": unknown,
            "uptime": uptime, "latency_sum": ls, "latency_count": lc, "latency_avg": latency_avg,
            "ttfb_sum": ts, "ttfb_count": tc, "ttfb_avg": ttfb_avg, "violations": viol,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::day_key;

    #[test]
    fn day_keys() {
        assert_eq!(day_key(0, 0), "1970-01-01");
        assert_eq!(day_key(1_700_000_000, 0), "2023-11-14");
        assert_eq!(day_key(1_700_000_000, 7200), "2023-11-15");
        assert_eq!(day_key(951_782_400, 0), "2000-02-29");
        assert_eq!(day_key(-1, 0), "1969-12-31");
    }
}
