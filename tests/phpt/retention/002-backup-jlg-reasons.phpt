--TEST--
Retention::select with Backup JLG's rule: reasons, ordering, ties, pre-restore backups, the newest-archive safeguard
--EXTENSIONS--
jlg_native
--FILE--
<?php
use JLG\Native\Retention;

$now = 1700000000;
$d = 86400;
$archives = [
    ['id' => 'c-tie.zip', 'timestamp' => $now - 2 * $d, 'size' => 10],
    ['id' => 'a-tie.zip', 'timestamp' => $now - 2 * $d, 'size' => 20],
    ['id' => 'newest.zip', 'timestamp' => $now, 'size' => 30],
    ['id' => 'Z-tie.zip', 'timestamp' => $now - 2 * $d, 'size' => 40],
    ['id' => 'pre-restore-backup-1.zip', 'timestamp' => $now - 8 * $d, 'size' => 50],
    ['id' => 'pre-restore-backup-2.zip', 'timestamp' => $now - 7 * $d, 'size' => 60],
    ['id' => 'old.zip', 'timestamp' => $now - 31 * $d, 'size' => 70],
    ['id' => 42, 'timestamp' => $now - $d, 'size' => 80],
];
$r = Retention::select($archives, ['by_number' => 3, 'by_age_days' => 30], $now);
echo 'keep: ', json_encode($r['keep']), "\n";
echo 'delete: ', json_encode($r['delete']), "\n";
foreach ($r['reasons'] as $id => $reason) {
    echo "  ", var_export($id, true), " => $reason\n";
}
echo 'freed: ', $r['freed_bytes'], "\n";

// Both rules 0: nothing at all is deleted, as in the plugin.
$r = Retention::select($archives, ['by_number' => 0, 'by_age' => 0], $now);
echo 'disabled: ', count($r['delete']), ' ', $r['reasons']['old.zip'], "\n";

// An empty policy is the plugin's default {by_number: 3, by_age: 0}.
$r = Retention::select($archives, [], $now);
echo 'default deletes: ', json_encode($r['delete']), "\n";

// A marker of '' treats pre-restore backups as normal ones.
$r = Retention::select($archives, ['by_number' => 5, 'pre_restore_marker' => ''], $now);
echo 'no marker deletes: ', json_encode($r['delete']), "\n";

// Backups stopped 40 days ago: by_age 30 would delete everything; the newest one stays.
$stale = [['id' => 'x1', 'timestamp' => $now - 40 * $d, 'size' => 1], ['id' => 'x2', 'timestamp' => $now - 41 * $d, 'size' => 1]];
$r = Retention::select($stale, ['by_age_days' => 30], $now);
echo 'safeguard: ', json_encode($r['keep']), ' ', $r['reasons']['x1'], "\n";
?>
--EXPECT--
keep: ["newest.zip",42,"Z-tie.zip","pre-restore-backup-2.zip"]
delete: ["a-tie.zip","c-tie.zip","pre-restore-backup-1.zip","old.zip"]
  'newest.zip' => newest_n,within_age
  42 => newest_n,within_age
  'Z-tie.zip' => newest_n,within_age
  'pre-restore-backup-2.zip' => pre_restore_recent
  'a-tie.zip' => beyond_newest_n
  'c-tie.zip' => beyond_newest_n
  'pre-restore-backup-1.zip' => pre_restore_expired
  'old.zip' => beyond_newest_n,older_than_age
freed: 150
disabled: 0 rules_disabled
default deletes: ["a-tie.zip","c-tie.zip","pre-restore-backup-1.zip","old.zip"]
no marker deletes: ["pre-restore-backup-2.zip","pre-restore-backup-1.zip","old.zip"]
safeguard: ["x1"] newest_safeguard
