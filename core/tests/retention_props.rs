//! Properties of the retention engine on arbitrary archives and policies.

use jlg_native_core::id::Id;
use jlg_native_core::retention::{ranking, select, simulate, Archive, BackupJlgPolicy, Future, GfsPolicy, Policy};
use proptest::prelude::*;

const ZONES: [&str; 5] = ["UTC", "Europe/Paris", "America/New_York", "+05:30", "Australia/Lord_Howe"];

fn archives() -> impl Strategy<Value = Vec<Archive>> {
    // Timestamps clustered so ties and shared periods are common.
    prop::collection::vec((0i64..400, 0i64..5_000_000, prop::bool::ANY, 0i64..1_000_000), 0..60).prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (slot, jitter, pre, size))| Archive {
                id: if pre { Id::Str(format!("pre-restore-backup-{i}.zip")) } else if i % 3 == 0 { Id::Int(i as i64) } else { Id::Str(format!("b{i}.zip")) },
                timestamp: 1_600_000_000 + slot * 21_600 + jitter % 7 * 600,
                size,
            })
            .collect()
    })
}

fn policy() -> impl Strategy<Value = Policy> {
    let legacy = (0i64..8, 0i64..60, 0i64..10, prop::bool::ANY).prop_map(|(n, age, pre, marker)| {
        Policy::BackupJlg(BackupJlgPolicy {
            by_number: n,
            by_age_days: age,
            pre_restore_marker: marker.then(|| "pre-restore-backup".to_owned()),
            pre_restore_max_age_days: pre,
        })
    });
    let count = prop_oneof![Just(0i64), Just(-1i64), 1i64..6];
    let gfs = (prop::array::uniform6(count), 0usize..ZONES.len()).prop_map(|(c, z)| {
        let mut p = GfsPolicy { timezone: Some(ZONES[z].to_owned()), ..GfsPolicy::default() };
        p.set_counts(c);
        Policy::Gfs(p)
    });
    prop_oneof![legacy, gfs]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn keep_and_delete_partition_the_input(a in archives(), p in policy(), now_off in 0i64..200_000_000) {
        let now = 1_600_000_000 + now_off;
        let s = select(&a, &p, now).unwrap();
        let mut seen = vec![0u8; a.len()];
        for &i in s.keep.iter().chain(&s.delete) { seen[i] += 1; }
        prop_assert!(seen.iter().all(|&c| c == 1), "{:?}", seen);
        prop_assert_eq!(s.reasons.len(), a.len());
        prop_assert!(s.reasons.iter().all(|r| !r.is_empty()));
        let freed: i64 = s.delete.iter().map(|&i| a[i].size).sum();
        prop_assert_eq!(s.freed_bytes, freed);
    }

    #[test]
    fn the_newest_archive_is_always_kept(a in archives(), p in policy(), now_off in 0i64..200_000_000) {
        prop_assume!(!a.is_empty());
        let s = select(&a, &p, 1_600_000_000 + now_off).unwrap();
        let newest = ranking(&a)[0];
        prop_assert!(s.keep.contains(&newest));
        prop_assert_eq!(s.keep[0], newest);
    }

    #[test]
    fn the_verdict_does_not_depend_on_the_input_order(a in archives(), p in policy(), rot in 0usize..60) {
        let now = 1_610_000_000;
        let s1 = select(&a, &p, now).unwrap();
        let mut b = a.clone();
        if !b.is_empty() { let k = rot % b.len(); b.rotate_left(k); b.reverse(); }
        let s2 = select(&b, &p, now).unwrap();
        let ids = |arch: &[Archive], idx: &[usize]| idx.iter().map(|&i| arch[i].id.clone()).collect::<Vec<_>>();
        prop_assert_eq!(ids(&a, &s1.keep), ids(&b, &s2.keep));
    }

    #[test]
    fn gfs_counts_bound_what_is_kept(a in archives(), counts in prop::array::uniform6(0i64..5), z in 0usize..ZONES.len()) {
        let mut g = GfsPolicy { timezone: Some(ZONES[z].to_owned()), ..GfsPolicy::default() };
        g.set_counts(counts);
        let s = select(&a, &Policy::Gfs(g.clone()), 0).unwrap();
        if g.is_empty() {
            prop_assert_eq!(s.keep.len(), a.len());
        } else {
            // Each rule keeps at most its count (the oldest-archive rule uses a count too).
            let total: i64 = counts.iter().sum();
            prop_assert!(s.keep.len() as i64 <= total.max(1));
        }
    }

    #[test]
    fn simulation_never_exceeds_its_peak(a in archives(), p in policy(), count in 0i64..40, size in 0i64..1_000_000) {
        let start = a.iter().map(|x| x.timestamp).max().unwrap_or(1_600_000_000) + 1;
        let future = Future::Schedule(jlg_native_core::retention::Schedule { start, interval_seconds: 86_400, count, size, id_prefix: None });
        let sim = simulate(&a, &p, &future).unwrap();
        prop_assert_eq!(sim.steps.len() as i64, count);
        for st in &sim.steps {
            prop_assert!(st.used_after_bytes <= st.used_before_bytes);
            prop_assert!(st.used_before_bytes <= sim.peak_used_bytes);
            // The archive just added is the newest: never deleted in its own step.
            prop_assert!(!st.deleted.contains(&st.added));
        }
        if let Some(last) = sim.steps.last() { prop_assert_eq!(last.used_after_bytes, sim.final_used_bytes); }
    }
}
