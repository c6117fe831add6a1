#!/usr/bin/env python3
"""Figures for scripts/bench-campaign, computed from what the runs leave behind.
Each subcommand prints one line of space-separated values for `read` in bash.

  summary OUT.json            smsctl --json campaign run output → "sent seconds"
  journal-rate JOURNAL        intent records ("t":"I", "ts" unix ms) →
                              "n span_s rate max_in_1s min_gap_ms median_gap_ms max_gap_ms"
  server-seconds N PREFIX     the stand-in's Messages list (newest first, paged by
                              next_page_uri), the N newest messages whose To starts with
                              PREFIX, bucketed by date_created (1-s resolution) →
                              "found seconds max_per_second rate"
                              (env: SMSCTL_TWILIO_API_URL, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)
  hyperfine EXPORT.json [I]   → "mean stddev median min max runs" (seconds) of command I (0)
  time-v FILE                 /usr/bin/time -v -o FILE output → "max_rss_kib wall_s cpu_s"
  table                       tab-separated rows on stdin → aligned columns on stdout
"""
import base64
import email.utils
import json
import os
import statistics
import sys
import urllib.request


def summary(path):
    with open(path) as f:
        s = json.load(f)
    print(s["sent"], s["seconds"])


def journal_rate(path):
    ts = []
    with open(path) as f:
        for line in f:
            if '"t":"I"' not in line:
                continue
            ts.append(int(json.loads(line)["ts"]))
    ts.sort()
    n = len(ts)
    if n < 2:
        raise SystemExit("journal-rate: fewer than 2 intent records in %s" % path)
    span = (ts[-1] - ts[0]) / 1000.0
    # Largest number of intents in any window [t, t + 1000 ms) (sliding, ms clock).
    best, j = 0, 0
    for i in range(n):
        while ts[i] - ts[j] >= 1000:
            j += 1
        best = max(best, i - j + 1)
    gaps = [b - a for a, b in zip(ts, ts[1:])]
    print(n, "%.3f" % span, "%.3f" % ((n - 1) / span), best,
          min(gaps), statistics.median(gaps), max(gaps))


def server_seconds(n, prefix):
    base = os.environ["SMSCTL_TWILIO_API_URL"].rstrip("/")
    sid, token = os.environ["TWILIO_ACCOUNT_SID"], os.environ["TWILIO_AUTH_TOKEN"]
    auth = "Basic " + base64.b64encode(("%s:%s" % (sid, token)).encode()).decode()
    uri = "/2010-04-01/Accounts/%s/Messages.json?PageSize=1000" % sid
    found = []
    for _ in range(50):  # bounded: the rate test's messages are the newest
        req = urllib.request.Request(base + uri, headers={"Authorization": auth})
        with urllib.request.urlopen(req, timeout=30) as r:
            page = json.load(r)
        for m in page.get("messages", []):
            if m.get("to", "").startswith(prefix):
                found.append(m)
        if len(found) >= n or not page.get("next_page_uri"):
            break
        uri = page["next_page_uri"]
    found = found[:n]
    buckets = {}
    for m in found:
        t = int(email.utils.parsedate_to_datetime(m["date_created"]).timestamp())
        buckets[t] = buckets.get(t, 0) + 1
    if not buckets:
        raise SystemExit("server-seconds: no message to %s* found" % prefix)
    secs = sorted(buckets)
    # Whole seconds only for the rate: the first and last buckets are partial.
    inner = [buckets[s] for s in secs[1:-1]]
    rate = statistics.mean(inner) if inner else float("nan")
    print(len(found), len(secs), max(buckets.values()), "%.3f" % rate)


def hyperfine(path, index="0"):
    with open(path) as f:
        r = json.load(f)["results"][int(index)]
    print(*("%.4f" % r[k] for k in ("mean", "stddev", "median", "min", "max")),
          len(r["times"]))


def time_v(path):
    rss = wall = None
    cpu = 0.0
    with open(path) as f:
        for line in f:
            k, _, v = line.strip().partition(": ")
            if k == "Maximum resident set size (kbytes)":
                rss = int(v)
            elif k.startswith("Elapsed (wall clock) time"):
                parts = [float(p) for p in v.split(":")]
                wall = 0.0
                for p in parts:
                    wall = wall * 60 + p
            elif k in ("User time (seconds)", "System time (seconds)"):
                cpu += float(v)
    if rss is None:
        raise SystemExit("time-v: no 'Maximum resident set size' in %s" % path)
    print(rss, "%.2f" % wall, "%.2f" % cpu)


def table():
    rows = [line.rstrip("\n").split("\t") for line in sys.stdin if line.strip()]
    cols = max(len(r) for r in rows)
    rows = [r + [""] * (cols - len(r)) for r in rows]
    widths = [max(len(r[i]) for r in rows) for i in range(cols)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "summary":
        summary(*args)
    elif cmd == "journal-rate":
        journal_rate(*args)
    elif cmd == "server-seconds":
        server_seconds(int(args[0]), args[1])
    elif cmd == "hyperfine":
        hyperfine(*args)
    elif cmd == "time-v":
        time_v(*args)
    elif cmd == "table":
        table()
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
