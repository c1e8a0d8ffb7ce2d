#!/usr/bin/env bash
# `verify` against its anchor `PRAGMA integrity_check` (sqlite3), interleaved, RUNS times each:
#   scripts/bench-verify.sh DATABASE [RUNS]
# DATABASE is for example gen-demo's zhifa-desk.sqlite. The day's first start (its backup) is
# made first and not timed. Prints each run and the medians.
set -euo pipefail
db=${1:?database file}
runs=${2:-3}
bin=${ZHIFA_BIN:-target/release/zhifa-desk}
now="2026-11-23 08:30"
"$bin" --db "$db" --now "$now" today >/dev/null 2>&1
ours=() theirs=()
for i in $(seq 1 "$runs"); do
  s=$(date +%s.%N); sqlite3 "$db" "PRAGMA integrity_check" >/dev/null; e=$(date +%s.%N)
  theirs+=("$(echo "$e - $s" | bc)")
  s=$(date +%s.%N); "$bin" --db "$db" --now "$now" verify >/dev/null; e=$(date +%s.%N)
  ours+=("$(echo "$e - $s" | bc)")
  echo "run $i: integrity_check ${theirs[-1]} s, zhifa-desk verify ${ours[-1]} s"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m1=$(median "${ours[@]}") m2=$(median "${theirs[@]}")
echo "median: verify $m1 s, integrity_check $m2 s, ratio $(echo "scale=3; $m2 / $m1" | bc)"
