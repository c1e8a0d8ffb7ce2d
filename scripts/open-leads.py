#!/usr/bin/env python3
"""Writes N open leads (已受理, received over the N/170 days before --now) in the ledger's
import layout, for `today` at thousands of open leads (docs/benchmarks.md):
    scripts/open-leads.py G10_DIR N > open.csv
Places and matters are taken from the generated ledger, so the rows import as they are."""
import csv, sys, datetime

g10, n = sys.argv[1], int(sys.argv[2])
rows = list(csv.reader(open(f"{g10}/complaints-10.csv", encoding="utf-8-sig")))
head, body = rows[0], rows[1:]
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(head)
now = datetime.datetime(2026, 11, 23, 8, 0)
for i in range(n):
    r = list(body[i % len(body)])
    r[0] = f"OP-2026-{i:05d}"
    r[1] = (now - datetime.timedelta(minutes=7 * i + 1)).strftime("%Y-%m-%d %H:%M")
    r[9] = "已受理"
    r[10] = r[11] = r[12] = r[13] = r[14] = ""
    out.writerow(r)
