//! Reads `TZ<TAB>FROM<TAB>COUNT<TAB>EXPRESSION` lines on stdin and prints, per
//! line, the next COUNT runs strictly after FROM as Unix seconds separated by
//! spaces (or `ERR <message>`). Used by tests/cron-differential.

use std::io::{self, BufRead, Write};

use jlg_native_core::cron::CronExpression;

fn main() {
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let mut parts = line.splitn(4, '\t');
        let (Some(tz), Some(from), Some(count), Some(expr)) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            let _ = writeln!(out, "ERR malformed input line");
            continue;
        };
        let (Ok(from), Ok(count)) = (from.parse::<i64>(), count.parse::<usize>()) else {
            let _ = writeln!(out, "ERR bad number");
            continue;
        };
        let answer = CronExpression::new(expr, tz)
            .and_then(|c| c.next_runs(count, from))
            .map(|runs| runs.iter().map(i64::to_string).collect::<Vec<_>>().join(" "));
        let _ = match answer {
            Ok(text) => writeln!(out, "{text}"),
            Err(e) => writeln!(out, "ERR {e}"),
        };
    }
}
