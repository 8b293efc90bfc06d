//! GFS selection with restic's `forget --keep-*` semantics, read in the site's
//! time zone: daylight-saving changes, year and ISO-week boundaries.

use chrono::{NaiveDate, TimeZone};
use chrono_tz::Tz;
use jlg_native_core::id::Id;
use jlg_native_core::retention::{select, Archive, GfsPolicy, Policy};

fn local(tz: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
    let naive = NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap();
    tz.from_local_datetime(&naive).earliest().unwrap().timestamp()
}

fn archives(timestamps: &[i64]) -> Vec<Archive> {
    timestamps
        .iter()
        .enumerate()
        .map(|(i, &t)| Archive { id: Id::Str(format!("a{i:05}")), timestamp: t, size: 100 })
        .collect()
}

fn gfs(f: impl FnOnce(&mut GfsPolicy), zone: &str) -> Policy {
    let mut p = GfsPolicy { timezone: Some(zone.to_owned()), ..GfsPolicy::default() };
    f(&mut p);
    Policy::Gfs(p)
}

fn kept_times(a: &[Archive], p: &Policy) -> Vec<i64> {
    let s = select(a, p, a.iter().map(|x| x.timestamp).max().unwrap_or(0)).unwrap();
    s.keep.iter().map(|&i| a[i].timestamp).collect()
}

#[test]
fn keep_last_keeps_the_newest_n_and_nothing_else() {
    let a = archives(&(0..10).map(|i| 1_700_000_000 + i * 3600).collect::<Vec<_>>());
    let kept = kept_times(&a, &gfs(|p| p.keep_last = 3, "UTC"));
    assert_eq!(kept, vec![1_700_000_000 + 9 * 3600, 1_700_000_000 + 8 * 3600, 1_700_000_000 + 7 * 3600]);
}

#[test]
fn daily_buckets_follow_local_days_not_utc_days() {
    // Archives at 23:30 UTC: in Paris that is already the next day (00:30 or 01:30).
    let tz: Tz = "Europe/Paris".parse().unwrap();
    let times: Vec<i64> = (0..10).map(|d| 1_699_745_400 + d * 86_400 - 3600).collect(); // 22:30 UTC
    let extra: Vec<i64> = times.iter().map(|t| t + 3600).collect(); // 23:30 UTC
    let all: Vec<i64> = times.iter().chain(&extra).copied().collect();
    let a = archives(&all);
    let paris = kept_times(&a, &gfs(|p| p.keep_daily = 4, "Europe/Paris"));
    let utc = kept_times(&a, &gfs(|p| p.keep_daily = 4, "UTC"));
    // UTC: 22:30 and 23:30 share a day -> the 23:30 archive is the day's newest.
    assert!(utc.iter().all(|t| extra.contains(t)), "{utc:?}");
    assert_eq!(utc, vec![extra[9], extra[8], extra[7], extra[6]]);
    // Paris (UTC+1 in November): 22:30 UTC is 23:30 local on day D, 23:30 UTC is 00:30 on D+1.
    // So each local day holds 00:30 (from the day before) and 23:30: the 23:30 one is the newest,
    // except on the last local day, which has only the 00:30 archive.
    assert_eq!(paris, vec![extra[9], times[9], times[8], times[7]]);
    let _ = tz;
}

#[test]
fn fall_back_hour_repeats_and_collapses_into_one_hourly_bucket() {
    // 2023-10-29 Paris: 02:00-03:00 happens twice. Hourly archives from 00:00 to 05:00 UTC.
    let start = 1_698_537_600; // 2023-10-29 00:00 UTC = 02:00 CEST
    let times: Vec<i64> = (-3..5).map(|h| start + h * 3600).collect();
    let a = archives(&times);
    let kept = kept_times(&a, &gfs(|p| p.keep_hourly = -1, "Europe/Paris"));
    // Local hours: 23,00,01,02(CEST),02(CET),03,04,05 -> 7 distinct hours; 8 archives.
    assert_eq!(a.len(), 8);
    assert_eq!(kept.len(), 7, "7 distinct local hours: {kept:?}");
    // The earlier 02:00 (CEST, 00:00 UTC) is the one dropped: its bucket was taken by 02:00 CET.
    assert!(!kept.contains(&start));
    assert!(kept.contains(&(start + 3600)));
    // In UTC every hour is distinct: all kept.
    assert_eq!(kept_times(&a, &gfs(|p| p.keep_hourly = -1, "UTC")).len(), 8);
}

#[test]
fn spring_forward_day_has_23_hourly_buckets() {
    let tz: Tz = "Europe/Paris".parse().unwrap();
    let day_start = local(tz, 2023, 3, 26, 0, 0);
    let next_day = local(tz, 2023, 3, 27, 0, 0);
    assert_eq!(next_day - day_start, 23 * 3600);
    let times: Vec<i64> = (0..23).map(|h| day_start + h * 3600 + 600).collect();
    let a = archives(&times);
    assert_eq!(kept_times(&a, &gfs(|p| p.keep_hourly = 100, "Europe/Paris")).len(), 23);
    assert_eq!(kept_times(&a, &gfs(|p| p.keep_daily = 100, "Europe/Paris")).len(), 1 + 1, "one day, plus the oldest");
}

#[test]
fn yearly_buckets_switch_at_local_new_year() {
    let tz: Tz = "America/New_York".parse().unwrap();
    // Daily archives at 21:00 New York time (02:00 UTC next day) from 2021-12-25 to 2024-01-05.
    let first = local(tz, 2021, 12, 25, 21, 0);
    let last = local(tz, 2024, 1, 5, 21, 0);
    let times: Vec<i64> = (0..).map(|d| first + d * 86_400).take_while(|t| *t <= last).collect();
    let a = archives(&times);
    let kept = kept_times(&a, &gfs(|p| p.keep_yearly = 3, "America/New_York"));
    assert_eq!(kept, vec![last, local(tz, 2023, 12, 31, 21, 0), local(tz, 2022, 12, 31, 21, 0)]);
    // In UTC the 21:00 New York archive of Dec 31 is already Jan 1: the year's last one is Dec 30.
    let kept_utc = kept_times(&a, &gfs(|p| p.keep_yearly = 3, "UTC"));
    assert_eq!(kept_utc[1], local(tz, 2023, 12, 30, 21, 0));
    // More yearly counts than years: every year plus the oldest archive (restic keeps it while counts remain).
    let kept = kept_times(&a, &gfs(|p| p.keep_yearly = 10, "America/New_York"));
    assert_eq!(kept.len(), 4 + 1);
    assert_eq!(*kept.last().unwrap(), first);
}

#[test]
fn weekly_buckets_use_iso_weeks_across_the_year_end() {
    // 2020-12-28 (Mon) .. 2021-01-10: ISO weeks 2020-W53 (to Jan 3) and 2021-W01.
    let tz: Tz = "UTC".parse().unwrap();
    let times: Vec<i64> = (0..14).map(|d| local(tz, 2020, 12, 28, 12, 0) + d * 86_400).collect();
    let a = archives(&times);
    let kept = kept_times(&a, &gfs(|p| p.keep_weekly = 2, "UTC"));
    assert_eq!(kept, vec![local(tz, 2021, 1, 10, 12, 0), local(tz, 2021, 1, 3, 12, 0)]);
    let kept = kept_times(&a, &gfs(|p| p.keep_weekly = 3, "UTC"));
    assert_eq!(kept.len(), 3, "two weeks plus the oldest archive");
    assert_eq!(kept[2], local(tz, 2020, 12, 28, 12, 0));
}

#[test]
fn rules_combine_and_report_every_reason() {
    let tz: Tz = "UTC".parse().unwrap();
    // Four archives a day for 40 days.
    let times: Vec<i64> = (0..160).map(|k| local(tz, 2023, 1, 1, 0, 0) + k * 6 * 3600).collect();
    let a = archives(&times);
    let p = gfs(|p| { p.keep_last = 2; p.keep_daily = 7; p.keep_weekly = 4; p.keep_monthly = 2 }, "UTC");
    let s = select(&a, &p, *times.last().unwrap()).unwrap();
    let newest = s.keep[0];
    assert_eq!(s.reasons[newest], "last,daily,weekly,monthly");
    // last 2 (the second shares the day) + 6 more days + weeks beyond those days + months.
    let n_daily = s.keep.iter().filter(|&&i| s.reasons[i].contains("daily")).count();
    assert_eq!(n_daily, 7);
    let n_monthly = s.keep.iter().filter(|&&i| s.reasons[i].contains("monthly")).count();
    assert_eq!(n_monthly, 2);
    for &i in &s.delete {
        assert_eq!(s.reasons[i], "unmatched");
    }
    // An empty GFS policy keeps everything, like restic.
    let s = select(&a, &gfs(|_| {}, "UTC"), 0).unwrap();
    assert_eq!(s.keep.len(), a.len());
    assert!(s.reasons.iter().all(|r| r == "policy_empty"));
}

#[test]
fn fixed_offsets_work_like_wordpress_gmt_offset() {
    // +05:30: 2023-11-14 19:00 UTC is 00:30 on Nov 15 local.
    let a = archives(&[1_699_988_400, 1_699_984_800]); // 19:00 and 18:00 UTC
    let kept = kept_times(&a, &gfs(|p| p.keep_daily = 1, "+05:30"));
    assert_eq!(kept, vec![1_699_988_400], "different local days: only the newest (count 1)");
    let kept = kept_times(&a, &gfs(|p| p.keep_daily = 1, "UTC"));
    assert_eq!(kept, vec![1_699_988_400]);
    let kept = kept_times(&a, &gfs(|p| p.keep_daily = 2, "+05:30"));
    assert_eq!(kept.len(), 2);
}
