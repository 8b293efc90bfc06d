//! Property tests of the cron module: no panics on any input, validate and the
//! constructor agree, runs are ordered and due, previous and next are consistent.

use jlg_native_core::cron::{AnalyzeOptions, CronExpression, LintOptions};
use proptest::prelude::*;

const ZONES: [&str; 7] =
    ["UTC", "Europe/Paris", "America/Chicago", "Australia/Lord_Howe", "Asia/Kathmandu", "+05:30", "UTC-9.5"];

/// Cron-looking noise: the characters the syntax uses, names, and a few strays.
fn cronish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            8 => proptest::sample::select(vec![
                "0", "1", "5", "7", "12", "15", "23", "29", "31", "59", "60", "99", "*", "/", ",", "-", "?", "L", "W",
                "#", "@", " ", " ", " ", "\t", "JAN", "mon", "SUN", "fri", "DEC", "@daily", "@reboot", "x", "é", "\n",
            ]).prop_map(str::to_owned),
            1 => any::<char>().prop_map(|c| c.to_string()),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

fn item(min: u8, max: u8) -> impl Strategy<Value = String> {
    // Steps up to the field's cycle (7 days for the day of week).
    let span = if max == 7 { 7 } else { max - min + 1 };
    prop_oneof![
        3 => Just("*".to_owned()),
        4 => (min..=max).prop_map(|v| v.to_string()),
        2 => (min..=max, min..=max).prop_map(|(a, b)| format!("{}-{}", a.min(b), a.max(b))),
        2 => (1..=span.min(30)).prop_map(|s| format!("*/{s}")),
        1 => (min..=max, min..=max, 1..=span.min(9)).prop_map(|(a, b, s)| format!("{}-{}/{s}", a.min(b), a.max(b))),
        1 => (min..=max, 1..=span.min(9)).prop_map(|(a, s)| format!("{a}/{s}")),
    ]
}

fn field(min: u8, max: u8) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => item(min, max),
        1 => proptest::collection::vec((min..=max).prop_map(|v| v.to_string()), 2..4).prop_map(|v| v.join(",")),
    ]
}

fn valid_expression() -> impl Strategy<Value = String> {
    let dom = prop_oneof![
        6 => field(1, 31),
        1 => Just("L".to_owned()),
        1 => Just("LW".to_owned()),
        1 => (1u8..=31).prop_map(|d| format!("{d}W")),
        1 => Just("?".to_owned()),
    ];
    let dow = prop_oneof![
        6 => field(0, 7),
        1 => (0u8..=7).prop_map(|d| format!("{d}L")),
        1 => (0u8..=7, 1u8..=5).prop_map(|(d, n)| format!("{d}#{n}")),
        1 => Just("MON-FRI".to_owned()),
    ];
    (field(0, 59), field(0, 23), dom, field(1, 12), dow)
        .prop_map(|(a, b, c, d, e)| format!("{a} {b} {c} {d} {e}"))
}

/// Instants between 2020 and 2035, with extra weight just before the 2026 DST changes.
fn instant() -> impl Strategy<Value = i64> {
    prop_oneof![
        3 => 1_577_836_800i64..2_051_222_400,
        1 => (-7200i64..7200).prop_map(|d| 1_774_746_000 + d),   // Paris, spring
        1 => (-7200i64..7200).prop_map(|d| 1_792_890_000 + d),   // Paris, fall
        1 => (-7200i64..7200).prop_map(|d| 1_793_516_400 + d),   // Chicago, fall
        1 => (-7200i64..7200).prop_map(|d| 1_775_314_800 + d),   // Lord Howe, fall
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_text_never_panics_and_validate_agrees(
        text in prop_oneof![cronish(), ".{0,300}", valid_expression()],
        zone in proptest::sample::select(ZONES.to_vec()),
    ) {
        let built = CronExpression::new(&text, zone);
        let v = CronExpression::validate(&text, zone, 1_767_225_600);
        match &built {
            Ok(c) => {
                prop_assert!(v.valid);
                let normalized = c.normalized();
                prop_assert_eq!(v.normalized.as_deref(), Some(normalized.as_str()));
                // The normalized form is itself valid and means the same.
                let again = CronExpression::new(&c.normalized(), zone).unwrap();
                prop_assert_eq!(again.normalized(), c.normalized());
                let _ = c.describe("en").unwrap();
                let _ = c.describe("fr").unwrap();
            }
            Err(e) => {
                prop_assert!(!v.valid);
                prop_assert!(v.normalized.is_none());
                prop_assert_eq!(v.errors.first(), e.issues().first());
                for issue in &v.errors {
                    prop_assert!(issue.position <= text.chars().count().max(256));
                    prop_assert!(!issue.message.is_empty());
                }
            }
        }
    }

    #[test]
    fn runs_are_increasing_due_and_consistent(
        expr in valid_expression(),
        zone in proptest::sample::select(ZONES.to_vec()),
        t in instant(),
    ) {
        let c = CronExpression::new(&expr, zone).unwrap();
        let runs = c.next_runs(12, t).unwrap();
        let mut last = t;
        for r in &runs {
            prop_assert!(*r > last, "{} not after {}", r, last);
            prop_assert!(c.is_due(*r).unwrap(), "run {} of '{}' in {} is not due", r, expr, zone);
            last = *r;
        }
        if let Some(next) = c.next_run(t).unwrap() {
            prop_assert_eq!(Some(next), runs.first().copied());
            let prev = c.previous_run(next).unwrap();
            prop_assert!(prev.is_none_or(|p| p <= t), "previous({}) = {:?} > {}", next, prev, t);
            // And nothing between t and next is due.
            for step in 1..=5i64 {
                let probe = t + (next - t) * step / 6;
                let minute = probe - probe.rem_euclid(60) + 60;
                if minute > t && minute < next {
                    prop_assert!(!c.is_due(minute).unwrap(), "'{}' in {} due at {} between {} and {}", expr, zone, minute, t, next);
                }
            }
        } else {
            prop_assert!(runs.is_empty());
        }
        if let Some(prev) = c.previous_run(t).unwrap() {
            prop_assert!(prev < t);
            prop_assert!(c.is_due(prev).unwrap(), "previous run {} of '{}' in {} is not due", prev, expr, zone);
            let next = c.next_run(prev).unwrap();
            prop_assert!(next.is_some_and(|n| n >= t), "next({}) = {:?} < {}", prev, next, t);
        }
    }

    #[test]
    fn lint_and_analyze_never_fail_on_valid_input(
        expr in valid_expression(),
        zone in proptest::sample::select(ZONES.to_vec()),
        t in instant(),
    ) {
        let c = CronExpression::new(&expr, zone).unwrap();
        let _ = c.lint(&LintOptions::default(), t).unwrap();
        let a = c.analyze(&AnalyzeOptions { count: 3, ..AnalyzeOptions::default() }, t).unwrap();
        prop_assert!(["ok", "warning", "danger", "error"].contains(&a.severity));
        prop_assert!(a.next_runs.len() <= 3);
    }
}
