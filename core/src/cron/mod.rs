//! Cron expressions: parsing with positions, next/previous runs in a time
//! zone with a documented DST policy, descriptions (en, fr), lint and the
//! preview data of the plugins' cron field.
//!
//! Matching is done by the `croner` crate (five-field POSIX cron, Sunday 0
//! and 7, day fields ORed like Vixie cron, `L`/`W`/`#`). Everything around it
//! is here: the tokenizer (which checks every field itself so that errors
//! carry a field and a character position), the mapping of wall clock times
//! onto instants across DST changes (see [`schedule`]), descriptions, lint and
//! analysis. Time is always passed in.

mod analyze;
mod describe;
mod error;
mod lint;
mod matcher;
mod period;
pub mod schedule;
pub mod syntax;
pub mod zone;

use serde::Serialize;

pub use analyze::{Analysis, AnalyzeOptions, Impact, Interval, RunPreview, Thresholds};
pub use error::{CronError, SyntaxIssue};
pub use lint::{LintOptions, Warning};
pub use schedule::{Run, RunKind};

use schedule::Schedule;
use syntax::Parsed;
use zone::Zone;

/// Most runs one call returns.
pub const MAX_COUNT: usize = 1000;

/// WordPress's own recurrences, as the closest cron expressions.
pub const WORDPRESS_SCHEDULES: [(&str, &str); 4] = [
    ("hourly", "0 * * * *"),
    ("twicedaily", "0 0,12 * * *"),
    ("daily", "0 0 * * *"),
    ("weekly", "0 0 * * 0"),
];

/// A parsed, valid cron expression bound to a time zone.
#[derive(Debug, Clone)]
pub struct CronExpression {
    expression: String,
    parsed: Parsed,
    schedule: Schedule,
}

/// The answer of [`CronExpression::validate`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Validation {
    pub valid: bool,
    pub normalized: Option<String>,
    pub errors: Vec<SyntaxIssue>,
    pub warnings: Vec<Warning>,
}

fn build_cron(normalized: &str) -> Result<croner::Cron, CronError> {
    croner::parser::CronParser::builder()
        .seconds(croner::parser::Seconds::Disallowed)
        .year(croner::parser::Year::Disallowed)
        .build()
        .parse(normalized)
        .map_err(|e| {
            // Unreachable for expressions our parser accepted; reported, not panicked.
            CronError::Syntax(vec![SyntaxIssue {
                code: "unsupported",
                field: "expression",
                position: 0,
                length: normalized.chars().count().max(1),
                message: format!("the expression '{normalized}' is not supported by the matcher: {e}"),
            }])
        })
}

impl CronExpression {
    /// Parses `expression` for the zone `timezone`.
    pub fn new(expression: &str, timezone: &str) -> Result<Self, CronError> {
        let parsed = syntax::parse(expression).map_err(CronError::Syntax)?;
        let zone = Zone::parse(timezone)?;
        let cron = build_cron(&parsed.normalized())?;
        let schedule = Schedule::new(&parsed, cron, zone);
        Ok(Self { expression: expression.to_owned(), parsed, schedule })
    }

    /// The cron expression for a WordPress recurrence name (UTC).
    pub fn from_schedule(name: &str) -> Result<Self, CronError> {
        let Some((_, expression)) = WORDPRESS_SCHEDULES.iter().find(|(n, _)| *n == name) else {
            let known: Vec<&str> = WORDPRESS_SCHEDULES.iter().map(|(n, _)| *n).collect();
            return Err(CronError::argument(
                "name",
                format!("unknown WordPress schedule '{}': expected one of {}", name.chars().take(64).collect::<String>(), known.join(", ")),
            ));
        };
        Self::new(expression, "UTC")
    }

    /// Checks an expression without failing: errors with positions, the
    /// normalized form, and lint warnings (default options) as of `now`.
    pub fn validate(expression: &str, timezone: &str, now: i64) -> Validation {
        let mut errors: Vec<SyntaxIssue> = match syntax::parse(expression) {
            Ok(_) => Vec::new(),
            Err(issues) => issues,
        };
        if let Err(e) = Zone::parse(timezone) {
            errors.push(SyntaxIssue {
                code: "invalid_timezone",
                field: "timezone",
                position: 0,
                length: timezone.chars().count().clamp(1, 64),
                message: e.to_string(),
            });
        }
        if !errors.is_empty() {
            return Validation { valid: false, normalized: None, errors, warnings: Vec::new() };
        }
        match Self::new(expression, timezone) {
            Ok(cron) => {
                let warnings = cron.lint(&LintOptions::default(), now).unwrap_or_default();
                Validation { valid: true, normalized: Some(cron.normalized()), errors, warnings }
            }
            Err(e) => Validation {
                valid: false,
                normalized: None,
                errors: e.issues().to_vec(),
                warnings: Vec::new(),
            },
        }
    }

    /// The expression as given.
    pub fn expression(&self) -> &str {
        &self.expression
    }

    /// The zone's name (`Europe/Paris`, `UTC`, `+02:00`).
    pub fn timezone(&self) -> &str {
        self.schedule.zone.name()
    }

    /// Canonical form (numbers, shortcuts expanded, single spaces).
    pub fn normalized(&self) -> String {
        self.parsed.normalized()
    }

    /// The parsed fields.
    pub fn parsed(&self) -> &Parsed {
        &self.parsed
    }

    /// True when the calendar never offers a matching day.
    pub fn never_runs(&self) -> bool {
        self.schedule.never
    }

    /// True when hour and minute are fixed local times (the DST policy's "fixed time").
    pub fn is_fixed_time(&self) -> bool {
        self.schedule.fixed
    }

    fn check_instant(field: &'static str, t: i64) -> Result<(), CronError> {
        let (lo, hi) = schedule::supported_range();
        if t < lo || t > hi {
            return Err(CronError::argument(
                field,
                format!("{field} = {t} is outside the supported range {lo} to {hi} (years 1 to 4999)"),
            ));
        }
        Ok(())
    }

    /// Up to `count` runs strictly after `from` (fewer when the schedule ends
    /// within the supported years, none when it never fires).
    pub fn next_runs(&self, count: usize, from: i64) -> Result<Vec<i64>, CronError> {
        Ok(self.next_run_details(count, from)?.into_iter().map(|r| r.at).collect())
    }

    /// Like [`Self::next_runs`], with how each run relates to DST.
    pub fn next_run_details(&self, count: usize, from: i64) -> Result<Vec<Run>, CronError> {
        if count == 0 || count > MAX_COUNT {
            return Err(CronError::argument("count", format!("count = {count} is out of range: expected 1 to {MAX_COUNT}")));
        }
        Self::check_instant("from", from)?;
        let mut out = Vec::with_capacity(count);
        let mut t = from;
        let mut zone = period::ZoneCursor::new(&self.schedule.zone);
        while out.len() < count {
            match self.schedule.next_after_in(t, &mut zone) {
                Some(run) => {
                    t = run.at;
                    out.push(run);
                }
                None => break,
            }
        }
        Ok(out)
    }

    /// First run strictly after `from`.
    pub fn next_run(&self, from: i64) -> Result<Option<i64>, CronError> {
        Self::check_instant("from", from)?;
        Ok(self.schedule.next_after(from).map(|r| r.at))
    }

    /// Latest run strictly before `from`.
    pub fn previous_run(&self, from: i64) -> Result<Option<i64>, CronError> {
        Self::check_instant("from", from)?;
        Ok(self.schedule.prev_before(from).map(|r| r.at))
    }

    /// True when a run falls in the wall clock minute of `at`.
    pub fn is_due(&self, at: i64) -> Result<bool, CronError> {
        Self::check_instant("at", at)?;
        Ok(self.schedule.is_due(at))
    }

    /// A sentence describing the schedule in `locale` (`en` or `fr`).
    pub fn describe(&self, locale: &str) -> Result<String, CronError> {
        let lang = describe::Lang::parse(locale)?;
        Ok(describe::describe(&self.parsed, lang))
    }

    /// Lint warnings as of `now` (or `options.from`).
    pub fn lint(&self, options: &LintOptions, now: i64) -> Result<Vec<Warning>, CronError> {
        let from = options.from.unwrap_or(now);
        Self::check_instant("from", from)?;
        Ok(lint::lint(self, options.min_interval, from))
    }

    /// The preview data of the cron field.
    pub fn analyze(&self, options: &AnalyzeOptions, now: i64) -> Result<Analysis, CronError> {
        analyze::analyze(self, options, now)
    }

    pub(crate) fn schedule(&self) -> &Schedule {
        &self.schedule
    }
}
