#!/usr/bin/env bash
# The 200,000-complaint import of issue 28 against its anchor, interleaved, RUNS times each:
#   scripts/bench-import.sh G10_DIR [RUNS]
# G10_DIR is `gen-demo --years 10 --scale 10 --out G10_DIR`. Prints each run and the medians.
set -euo pipefail
g10=${1:?gen-demo output folder}
runs=${2:-3}
bin=${ZHIFA_BIN:-target/release/zhifa-desk}
now="2026-11-23 08:30"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(head -1 "$g10/complaints-1.csv"; for i in $(seq 1 10); do tail -n +2 "$g10/complaints-$i.csv"; done) > "$work/c200.csv"
cols="id TEXT PRIMARY KEY, received_at, channel, reporter, phone, area, matter, description, complexity, state, verified_at, result, fed_back_at, closed_at, void_reason"
printf '%s\n' "CREATE TABLE complaints ($cols);" ".import --csv --skip 1 $work/c200.csv complaints" > "$work/import.sql"
ours=() theirs=()
for i in $(seq 1 "$runs"); do
  rm -rf "$work"/f.sqlite* "$work"/p.sqlite* "$work"/backups
  for k in officers areas matters; do "$bin" --db "$work/f.sqlite" --now "$now" import "$k" "$g10/$k.csv" >/dev/null; done
  "$bin" --db "$work/f.sqlite" --now "$now" today >/dev/null 2>&1
  s=$(date +%s.%N); "$bin" --db "$work/f.sqlite" --now "$now" import complaints "$work/c200.csv" >/dev/null; e=$(date +%s.%N)
  ours+=("$(echo "$e - $s" | bc)")
  s=$(date +%s.%N); sqlite3 "$work/p.sqlite" < "$work/import.sql"; e=$(date +%s.%N)
  theirs+=("$(echo "$e - $s" | bc)")
  echo "run $i: zhifa-desk ${ours[-1]} s, sqlite3 .import ${theirs[-1]} s, file $(du -m "$work/f.sqlite" | cut -f1) MB"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m1=$(median "${ours[@]}") m2=$(median "${theirs[@]}")
echo "median: zhifa-desk $m1 s, sqlite3 .import $m2 s, ratio $(echo "scale=3; $m2 / $m1" | bc)"
