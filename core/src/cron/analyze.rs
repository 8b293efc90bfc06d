//! The preview of the cron field: next runs, intervals, impact, findings.

use serde::{Deserialize, Serialize};

use super::error::CronError;
use super::lint::{self, Warning, YEAR};
use super::CronExpression;

/// Impact thresholds (runs a day, and seconds of work a day).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Thresholds {
    pub frequency_warning: f64,
    pub frequency_danger: f64,
    pub load_warning: f64,
    pub load_danger: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self { frequency_warning: 12.0, frequency_danger: 48.0, load_warning: 3600.0, load_danger: 14400.0 }
    }
}

/// Options of [`CronExpression::analyze`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AnalyzeOptions {
    /// Runs to preview (1-1000, default 5).
    pub count: usize,
    /// Shortest acceptable interval in seconds (default 300).
    pub min_interval: u64,
    /// Average duration of one run in seconds, when known.
    pub avg_duration: Option<f64>,
    pub thresholds: Thresholds,
    /// `en` or `fr`.
    pub locale: String,
    /// Start of the preview (default: now).
    pub from: Option<i64>,
}

impl Default for AnalyzeOptions {
    fn default() -> Self {
        Self {
            count: 5,
            min_interval: 300,
            avg_duration: None,
            thresholds: Thresholds::default(),
            locale: "en".to_owned(),
            from: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunPreview {
    pub timestamp: i64,
    /// ISO 8601 with the zone's offset.
    pub iso: String,
}

/// Shortest and longest interval between consecutive runs within a year (seconds).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Interval {
    pub min: Option<i64>,
    pub max: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Impact {
    /// Runs on a day the schedule fires.
    pub runs_per_day: f64,
    /// `avg_duration x runs_per_day`, in seconds; null without `avg_duration`.
    pub estimated_load: Option<f64>,
    /// `ok`, `warning` or `danger`.
    pub level: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub expression: String,
    pub normalized: String,
    pub timezone: String,
    pub description: String,
    pub next_runs: Vec<RunPreview>,
    pub interval: Interval,
    pub impact: Impact,
    pub warnings: Vec<Warning>,
    pub errors: Vec<Warning>,
    /// `ok`, `warning`, `danger` or `error`.
    pub severity: &'static str,
}

/// Most runs looked at for the interval figures.
const INTERVAL_RUNS: usize = 1000;

pub(crate) fn analyze(cron: &CronExpression, options: &AnalyzeOptions, now: i64) -> Result<Analysis, CronError> {
    let from = options.from.unwrap_or(now);
    if let Some(d) = options.avg_duration {
        if !d.is_finite() || d < 0.0 {
            return Err(CronError::argument("avg_duration", format!("avg_duration = {d} must be a number of seconds >= 0")));
        }
    }
    let t = &options.thresholds;
    for (name, v) in [
        ("thresholds.frequency_warning", t.frequency_warning),
        ("thresholds.frequency_danger", t.frequency_danger),
        ("thresholds.load_warning", t.load_warning),
        ("thresholds.load_danger", t.load_danger),
    ] {
        if !v.is_finite() || v < 0.0 {
            return Err(CronError::argument("thresholds", format!("{name} = {v} must be a number >= 0")));
        }
    }
    let description = cron.describe(&options.locale)?;
    let zone = &cron.schedule().zone;
    let next_runs = cron
        .next_runs(options.count, from)?
        .into_iter()
        .map(|ts| RunPreview { timestamp: ts, iso: zone.iso(ts) })
        .collect();

    // Intervals over the runs of the coming year.
    let runs = cron.next_runs(INTERVAL_RUNS, from)?;
    let within: Vec<i64> = runs.into_iter().filter(|r| *r <= from + YEAR).collect();
    let gaps: Vec<i64> = within.windows(2).map(|w| w[1] - w[0]).collect();
    let interval = Interval { min: gaps.iter().copied().min(), max: gaps.iter().copied().max() };

    let runs_per_day = if cron.never_runs() { 0.0 } else { lint::times_of_day(cron).len() as f64 };
    let estimated_load = options.avg_duration.map(|d| d * runs_per_day);
    let rank = |value: f64, warn: f64, danger: f64| {
        if value >= danger {
            2
        } else if value >= warn {
            1
        } else {
            0
        }
    };
    let mut level = rank(runs_per_day, t.frequency_warning, t.frequency_danger);
    if let Some(load) = estimated_load {
        level = level.max(rank(load, t.load_warning, t.load_danger));
    }
    let impact = Impact { runs_per_day, estimated_load, level: ["ok", "warning", "danger"][level] };

    let findings = cron.lint(&super::LintOptions { min_interval: options.min_interval, from: Some(from) }, now)?;
    let (errors, warnings): (Vec<Warning>, Vec<Warning>) = findings.into_iter().partition(|w| w.severity == "error");
    let severity = if !errors.is_empty() {
        "error"
    } else if level == 2 {
        "danger"
    } else if level == 1 || warnings.iter().any(|w| w.severity == "warning") {
        "warning"
    } else {
        "ok"
    };

    Ok(Analysis {
        expression: cron.expression().to_owned(),
        normalized: cron.normalized(),
        timezone: cron.timezone().to_owned(),
        description,
        next_runs,
        interval,
        impact,
        warnings,
        errors,
        severity,
    })
}
