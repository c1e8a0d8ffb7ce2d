#!/usr/bin/env bash
# `today --json` on a large file with thousands of open leads (issue 28), against the anchor
# `zhifa-desk --version` (start and exit, no work), RUNS runs each, medians:
#   scripts/bench-today.sh GEN_DIR OPEN [RUNS]
# GEN_DIR is `gen-demo --years 10 --scale 10 --out GEN_DIR` (or --scale 50); OPEN open leads are
# imported into a copy of its database (scripts/open-leads.py) first.
set -euo pipefail
gen=${1:?gen-demo output folder}
open=${2:?open leads to add}
runs=${3:-21}
bin=$(realpath "${ZHIFA_BIN:-target/release/zhifa-desk}")
now="2026-11-23 08:30"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$gen/zhifa-desk.sqlite" "$work/t.sqlite"
python3 "$(dirname "$0")/open-leads.py" "$gen" "$open" > "$work/open.csv"
"$bin" --db "$work/t.sqlite" --now "$now" import complaints "$work/open.csv" >/dev/null 2>&1
"$bin" --db "$work/t.sqlite" --now "$now" today >/dev/null 2>&1
python3 - "$bin" "$work/t.sqlite" "$now" "$runs" <<'PY'
import json, subprocess, sys, time
bin, db, now, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
today = [bin, "--db", db, "--now", now, "today", "--json"]
def median(cmd):
    ts = []
    for _ in range(runs):
        s = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        ts.append(time.perf_counter() - s)
    return sorted(ts)[runs // 2] * 1000
day = json.loads(subprocess.run(today, capture_output=True, check=True).stdout)
n = subprocess.run(["sqlite3", db, "SELECT count(*) FROM complaints"], capture_output=True, text=True).stdout.strip()
print(f"{len(day['complaints'])} open leads among {n} complaints")
print(f"today --json: {median(today):.1f} ms, zhifa-desk --version: {median([bin, '--version']):.1f} ms (medians of {runs})")
PY
