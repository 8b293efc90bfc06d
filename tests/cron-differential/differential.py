#!/usr/bin/env python3
"""Differential test of JLG Native's cron engine against croniter.

Generates random valid five-field expressions with a fixed seed, asks croniter
(an independent implementation) and our engine (through the `cron_runs` example
binary of the core crate) for the next runs in several zones, and compares.

Every disagreement must fall under a documented policy difference (docs/cron.md,
"Differences from croniter"); anything else fails the test:

  overlap       a fall-back transition lies between the start and the first
                differing run: we fire a fixed local time once (first occurrence)
                and wildcard times in both halves, croniter decides per case;
  gap           a spring-forward transition lies there: we fire fixed local times
                (lists included) at the first instant after the gap and skip
                wildcard/step hours; croniter moves every restricted hour forward;
  full_day      one day field lists every value without being `*` while the other
                contains `*`: croniter then treats it as `*` (AND), we keep the
                Vixie OR of two restricted fields;
  nth_and       `n#k` in the day of week with a restricted day of month: croniter
                intersects the two fields, we OR them like any other pair.

Usage: differential.py RUNS_BINARY [--cases N] [--seed S]
"""

import argparse
import datetime as dt
import random
import subprocess
import sys
import time

import pytz
from croniter import croniter

ZONES = ["Europe/Paris", "America/Chicago", "Australia/Lord_Howe"]
RUNS = 5
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]


def item(rng, lo, hi, names=None):
    """One list element of a field with values lo..hi (no equal ranges: croniter reads a-a as the whole cycle)."""
    kind = rng.choices(["star", "value", "range", "step", "rangestep", "from"], [3, 5, 2, 2, 1, 1])[0]
    def val(v):
        if names and rng.random() < 0.3:
            return names[v - lo] if lo == 1 else names[v % 7]
        return str(v)
    span = hi - lo + 1
    if kind == "star":
        return "*"
    if kind == "value":
        return val(rng.randint(lo, hi))
    if kind == "step":
        return "*/%d" % rng.randint(1, min(span, 30))
    a, b = sorted(rng.sample(range(lo, hi + 1), 2))
    if kind == "range":
        return "%s-%s" % (val(a), val(b))
    if kind == "rangestep":
        return "%d-%d/%d" % (a, b, rng.randint(1, min(span, 10)))
    return "%d/%d" % (a, rng.randint(1, min(span, 10)))


def field(rng, lo, hi, names=None):
    if rng.random() < 0.2:
        values = sorted(rng.sample(range(lo, hi + 1), rng.randint(2, 4)))
        return ",".join(str(v) for v in values)
    return item(rng, lo, hi, names)


def expression(rng):
    minute = field(rng, 0, 59)
    hour = field(rng, 0, 23)
    r = rng.random()
    dom = "L" if r < 0.05 else ("?" if r < 0.08 else field(rng, 1, 31))
    month = field(rng, 1, 12, MONTHS)
    r = rng.random()
    if r < 0.05:
        dow = "%d#%d" % (rng.randint(0, 6), rng.randint(1, 4))
    else:
        dow = field(rng, 0, 6, DAYS)
    # Keep most expressions frequent enough to have runs in the sampled years.
    if rng.random() < 0.5:
        dom, month = "*", "*"
    return " ".join([minute, hour, dom, month, dow])


def transitions(zone, start, end):
    """Offset changes of a pytz zone between two UTC timestamps."""
    z = pytz.timezone(zone)
    out = []
    t = start
    prev = dt.datetime.fromtimestamp(t, z).utcoffset()
    while t < end:
        t2 = t + 3600
        off = dt.datetime.fromtimestamp(t2, z).utcoffset()
        if off != prev:
            out.append((t2, prev < off))  # (approximate instant, is_gap)
            prev = off
        t = t2
    return out


def values_of(text, lo, hi):
    """Values a plain field covers (names and L/# ignored: only used for the full_day check)."""
    out = set()
    for part in text.split(","):
        step = 1
        if "/" in part:
            part, s = part.split("/")
            step = int(s)
            if part == "*":
                a, b = lo, hi
            elif "-" in part:
                a, b = part.split("-")
            else:
                a, b = part, hi
        elif part == "*":
            a, b = lo, hi
        elif "-" in part:
            a, b = part.split("-")
        else:
            a = b = part
        try:
            a = int(a) if str(a).isdigit() else (MONTHS.index(a) + 1 if a in MONTHS else DAYS.index(a))
            b = int(b) if str(b).isdigit() else (MONTHS.index(b) + 1 if b in MONTHS else DAYS.index(b))
        except ValueError:
            return set()
        out.update(v % 7 if hi == 6 else v for v in range(a, b + 1, step))
    return out


def full_day(expr):
    _, _, dom, _, dow = expr.split(" ")
    if dom in ("*", "?") or dow in ("*", "?"):
        return False
    dom_full = values_of(dom, 1, 31) == set(range(1, 32))
    dow_full = values_of(dow, 0, 6) == set(range(0, 7))
    return (dom_full and "*" in dow) or (dow_full and "*" in dom)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--cases", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=20260301)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    base = int(dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc).timestamp())
    year_end = base + 365 * 86400
    # Runs can lie years ahead (Feb 29, rare months): know the transitions well past them.
    zone_transitions = {z: transitions(z, base - 366 * 86400, base + 12 * 366 * 86400) for z in ZONES}

    cases = []
    for _ in range(args.cases):
        expr = expression(rng)
        for zone in ZONES:
            if rng.random() < 0.5:
                t, _ = rng.choice([x for x in zone_transitions[zone] if base <= x[0] < year_end])
                start = t + rng.randint(-36 * 3600, 6 * 3600)
            else:
                start = rng.randint(base, year_end)
            cases.append((zone, start, expr))

    started = time.time()
    payload = "".join("%s\t%d\t%d\t%s\n" % (z, s, RUNS, e) for z, s, e in cases)
    ours_raw = subprocess.run([args.binary], input=payload, capture_output=True, text=True, check=True).stdout
    ours_lines = ours_raw.splitlines()
    ours_time = time.time() - started
    if len(ours_lines) != len(cases):
        print("the engine answered %d lines for %d cases" % (len(ours_lines), len(cases)))
        return 1

    started = time.time()
    counts = {"same": 0, "overlap": 0, "gap": 0, "full_day": 0, "nth_and": 0}
    unexplained = []
    croniter_errors = 0
    croniter_samples = []
    croniter_errors_plain = 0
    for (zone, start, expr), ours in zip(cases, ours_lines):
        if ours.startswith("ERR"):
            unexplained.append((zone, start, expr, "our engine rejected it: " + ours, None))
            continue
        ours = [int(x) for x in ours.split()]
        z = pytz.timezone(zone)
        try:
            it = croniter(expr, dt.datetime.fromtimestamp(start, z))
            theirs = []
            for _ in range(RUNS):
                theirs.append(int(it.get_next(float)))
        except Exception as e:  # croniter gives up on some far-away dates
            croniter_errors += 1
            if "#" not in expr:
                croniter_errors_plain += 1
            if len(croniter_samples) < 5 or ("#" not in expr and len(croniter_samples) < 8):
                croniter_samples.append("%s '%s': %s: %s" % (zone, expr, type(e).__name__, e))
            ours = ours[: len(theirs)]
            if not theirs:
                continue
        if ours == theirs:
            counts["same"] += 1
            continue
        i = next((k for k in range(min(len(ours), len(theirs))) if ours[k] != theirs[k]), min(len(ours), len(theirs)))
        lo = ours[i - 1] if i > 0 else start
        hi = max(ours[i] if i < len(ours) else lo, theirs[i] if i < len(theirs) else lo)
        near = [is_gap for t, is_gap in zone_transitions[zone] if lo - 3 * 3600 <= t <= hi + 3 * 3600]
        if full_day(expr):
            counts["full_day"] += 1
        elif "#" in expr.split(" ")[4] and expr.split(" ")[2] not in ("*", "?"):
            counts["nth_and"] += 1
        elif near and not near[0]:
            counts["overlap"] += 1
        elif near and near[0]:
            counts["gap"] += 1
        else:
            unexplained.append((zone, start, expr, ours, theirs))
    their_time = time.time() - started

    total = len(cases)
    print("cron differential vs croniter: %d expressions x %d zones x next %d runs = %d cases" % (args.cases, len(ZONES), RUNS, total))
    print("  identical            %6d  (%.2f%%)" % (counts["same"], 100.0 * counts["same"] / total))
    for key, label in [("overlap", "fall-back overlap"), ("gap", "spring-forward gap"), ("full_day", "full-range day field"), ("nth_and", "n#k with a day of month")]:
        print("  policy: %-20s %5d  (%.2f%%)" % (label, counts[key], 100.0 * counts[key] / total))
    print("  unexplained          %6d" % len(unexplained))
    if croniter_errors:
        print("  croniter failed on   %6d cases (%d without '#'; compared on the runs it found before failing)" % (croniter_errors, croniter_errors_plain))
        for sample in croniter_samples:
            print("    e.g. " + sample)
    print("  time: engine %.2f s, croniter %.2f s" % (ours_time, their_time))
    for zone, start, expr, ours, theirs in unexplained[:20]:
        print("  UNEXPLAINED %s from %d (%s) '%s'\n    ours   %s\n    theirs %s" % (
            zone, start, dt.datetime.fromtimestamp(start, pytz.timezone(zone)).isoformat(), expr, ours, theirs))
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
