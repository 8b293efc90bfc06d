//! `next_runs` keeps what it learnt about a zone's offsets from one run to the
//! next; `next_run` starts afresh every time. Both must give the same runs in
//! every zone, above all across DST changes.

use jlg_native_core::cron::zone::Zone;
use jlg_native_core::cron::CronExpression;

/// Dense and sparse, wildcard and fixed local times, runs inside gaps and overlaps.
const EXPRESSIONS: [(&str, usize); 5] =
    [("*/20 * * * *", 330), ("0,30 0-4 * * *", 40), ("0 */6 * * *", 30), ("30 2 * * *", 6), ("*/5 1-3 * * *", 120)];

const Y2025: i64 = 1_735_689_600;
const Y2027: i64 = 1_798_761_600;

fn chained(c: &CronExpression, count: usize, from: i64) -> Vec<i64> {
    let mut out = Vec::new();
    let mut t = from;
    while out.len() < count {
        match c.next_run(t).unwrap() {
            Some(next) => {
                out.push(next);
                t = next;
            }
            None => break,
        }
    }
    out
}

#[test]
fn next_runs_equal_chained_next_run_in_every_zone_around_every_transition() {
    let mut checked = 0;
    for tz in chrono_tz::TZ_VARIANTS {
        let name = tz.name();
        let zone = Zone::parse(name).unwrap();
        // Start a little under four days before each change of 2025-2026 (and
        // once in zones without any), at an odd second.
        let mut starts: Vec<i64> =
            zone.transitions(Y2025, Y2027, 8).iter().map(|tr| tr.at - 3 * 86_400 - 17 * 3600 - 7).collect();
        starts.push(Y2025 + 40 * 86_400 + 13);
        for (expr, count) in EXPRESSIONS {
            let c = CronExpression::new(expr, name).unwrap();
            for &from in &starts {
                assert_eq!(c.next_runs(count, from).unwrap(), chained(&c, count, from), "{expr} in {name} from {from}");
                checked += 1;
            }
        }
    }
    assert!(checked > 5 * chrono_tz::TZ_VARIANTS.len(), "{checked}");
}
