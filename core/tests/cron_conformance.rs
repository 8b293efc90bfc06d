//! Runs every fact of tests/cron/conformance.txt and reports all failures at once.

use chrono::DateTime;
use jlg_native_core::cron::zone::Zone;
use jlg_native_core::cron::{CronExpression, LintOptions};

const FACTS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cron/conformance.txt"));

fn instant(text: &str) -> i64 {
    DateTime::parse_from_rfc3339(text.trim()).unwrap_or_else(|e| panic!("bad instant '{text}': {e}")).timestamp()
}

fn expr_text(raw: &str) -> String {
    match raw {
        "<empty>" => String::new(),
        "<long257>" => "*".repeat(257),
        other => other.to_owned(),
    }
}

/// Splits "TZ | FROM | EXPR [| opt]" (the expression is never trimmed inside).
fn parts(head: &str) -> Vec<String> {
    head.split(" | ").map(|s| s.to_owned()).collect()
}

fn check(kind: &str, rest: &str) -> Result<(), String> {
    let (head, expected) = match rest.rsplit_once(" => ") {
        Some((h, e)) => (h, Some(e.trim())),
        None => (rest, None),
    };
    match kind {
        "valid" => {
            let expr = expr_text(head);
            let c = CronExpression::new(&expr, "UTC").map_err(|e| format!("rejected: {e}"))?;
            let v = CronExpression::validate(&expr, "UTC", 1_767_225_600);
            if !v.valid || v.normalized.as_deref() != expected {
                return Err(format!("validate: {v:?}"));
            }
            (c.normalized() == expected.unwrap_or_default())
                .then_some(())
                .ok_or_else(|| format!("normalized to '{}'", c.normalized()))
        }
        "invalid" => {
            let expr = expr_text(head);
            let want: Vec<&str> = expected.unwrap_or_default().split(' ').collect();
            let err = match CronExpression::new(&expr, "UTC") {
                Ok(c) => return Err(format!("accepted as '{}'", c.normalized())),
                Err(e) => e,
            };
            let issue = err.issues().first().ok_or("no issue")?.clone();
            let got = (issue.code.to_owned(), issue.field.to_owned(), issue.position.to_string());
            let v = CronExpression::validate(&expr, "UTC", 0);
            if v.valid || v.errors.first() != Some(&issue) {
                return Err(format!("validate disagrees: {v:?}"));
            }
            if issue.message.is_empty() || issue.length == 0 {
                return Err("empty message or length".into());
            }
            (got == (want[0].to_owned(), want[1].to_owned(), want[2].to_owned()))
                .then_some(())
                .ok_or_else(|| format!("got {got:?}: {}", issue.message))
        }
        "zone" => {
            let name = expr_text(head);
            match (Zone::parse(&name), expected) {
                (Err(_), Some("error")) => Ok(()),
                (Ok(z), Some(want)) if z.name() == want => Ok(()),
                (got, _) => Err(format!("got {got:?}")),
            }
        }
        "next" | "prev" | "due" | "none" | "lint" => {
            let p = parts(head);
            let (tz, at, expr) = (p[0].as_str(), instant(&p[1]), p[2].as_str());
            let zone = Zone::parse(tz).map_err(|e| e.to_string())?;
            let c = CronExpression::new(expr, tz).map_err(|e| format!("rejected: {e}"))?;
            match kind {
                "next" => {
                    let want: Vec<&str> = expected.unwrap_or_default().split(", ").collect();
                    let runs = c.next_runs(want.len(), at).map_err(|e| e.to_string())?;
                    let got: Vec<String> = runs.iter().map(|r| zone.iso(*r)).collect();
                    if got != want {
                        return Err(format!("got {got:?}"));
                    }
                    let first = c.next_run(at).map_err(|e| e.to_string())?.map(|r| zone.iso(r));
                    (first.as_deref() == want.first().copied()).then_some(()).ok_or_else(|| format!("next_run {first:?}"))
                }
                "prev" => {
                    let got = c.previous_run(at).map_err(|e| e.to_string())?.map(|r| zone.iso(r));
                    let want = expected.filter(|w| *w != "none");
                    (got.as_deref() == want).then_some(()).ok_or_else(|| format!("got {got:?}"))
                }
                "due" => {
                    let got = c.is_due(at).map_err(|e| e.to_string())?;
                    (got.to_string() == expected.unwrap_or_default()).then_some(()).ok_or_else(|| format!("got {got}"))
                }
                "none" => {
                    let next = c.next_run(at).map_err(|e| e.to_string())?;
                    let prev = c.previous_run(at).map_err(|e| e.to_string())?;
                    let runs = c.next_runs(5, at).map_err(|e| e.to_string())?;
                    let lint = c.lint(&LintOptions::default(), at).map_err(|e| e.to_string())?;
                    let warned = lint.iter().any(|w| w.code == "never_runs");
                    let validated = CronExpression::validate(expr, tz, at).warnings.iter().any(|w| w.code == "never_runs");
                    (next.is_none() && prev.is_none() && runs.is_empty() && warned && validated && c.never_runs())
                        .then_some(())
                        .ok_or_else(|| format!("next {next:?} prev {prev:?} lint {lint:?}"))
                }
                _ => {
                    let mut options = LintOptions::default();
                    if let Some(opt) = p.get(3) {
                        let (k, v) = opt.split_once('=').ok_or("bad option")?;
                        assert_eq!(k.trim(), "min_interval");
                        options.min_interval = v.trim().parse().map_err(|_| "bad min_interval")?;
                    }
                    let lint = c.lint(&options, at).map_err(|e| e.to_string())?;
                    let codes: Vec<&str> = lint.iter().map(|w| w.code).collect();
                    for want in expected.unwrap_or_default().split(' ') {
                        let (sign, code) = want.split_at(1);
                        let has = codes.contains(&code);
                        if (sign == "+") != has {
                            return Err(format!("{want}: got {codes:?}"));
                        }
                    }
                    Ok(())
                }
            }
        }
        "describe" => {
            let (lang, expr) = head.split_once(" | ").ok_or("bad describe line")?;
            let c = CronExpression::new(expr, "UTC").map_err(|e| format!("rejected: {e}"))?;
            let got = c.describe(lang).map_err(|e| e.to_string())?;
            (got == expected.unwrap_or_default()).then_some(()).ok_or_else(|| format!("got '{got}'"))
        }
        other => Err(format!("unknown directive '{other}'")),
    }
}

#[test]
fn conformance_facts() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (n, line) in FACTS.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        count += 1;
        let (kind, rest) = line.split_once(' ').unwrap_or((line, ""));
        if let Err(why) = check(kind, rest) {
            failures.push(format!("line {}: {line}\n    -> {why}", n + 1));
        }
    }
    assert!(count >= 300, "only {count} facts");
    assert!(failures.is_empty(), "{} of {count} facts failed:\n{}", failures.len(), failures.join("\n"));
    println!("{count} cron conformance facts passed");
}
