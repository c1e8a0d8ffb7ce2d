#!/usr/bin/env bash
# The Windows smoke suite: one sequence of commands run by the Linux binary and by
# zhifa-desk.exe under Wine, each in its own folder, outputs compared after the folder's own
# path is written as <dir> (and \ as /). A difference, or a step that fails on one side only,
# fails the suite.
#   scripts/windows/smoke.sh [linux-binary] [exe]
# Wine 8 lacks bcryptprimitives.dll (Windows 10/11 have it): a stand-in built here with mingw
# goes into the Wine prefix only, never into the package.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
linux=$(realpath "${1:-$root/target/debug/zhifa-desk}")
target_dir=${ZHIFA_WIN_TARGET:-${CARGO_HOME:-$HOME/.cargo}/zhifa-win-target}
exe=$(realpath "${2:-$target_dir/x86_64-pc-windows-gnu/release/zhifa-desk.exe}")

for p in wine wine64; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="${missing:-} $p"
done
if [ -n "${missing:-}" ]; then
  echo "== installing$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
wine=/usr/lib/wine/wine64
export WINEPREFIX=${WINEPREFIX:-$target_dir/wine-prefix} WINEDEBUG=-all
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  "$wine" wineboot --init >/dev/null 2>&1 || true
fi
dll="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
if [ ! -f "$dll" ]; then
  x86_64-w64-mingw32-gcc -shared -O2 -o "$dll" scripts/windows/wine-bcryptprimitives.c -ladvapi32
fi

work=$(mktemp -d)
[ -n "${ZHIFA_SMOKE_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work/linux" "$work/win"
python3 - "$work" <<'PY'
import sys, os
work = sys.argv[1]
head = "编号,受理时间,来源渠道,举报人,联系电话,所属区域,事项编号,问题描述,复杂程度,状态,核查时间,处置结果,反馈时间,办结时间\r\n"
new = head + "TS-2026-0901,2026-11-22 09:00,12345热线,刘䶮,13912345678,Q01,M01,夜市摊点占道经营,一般,已受理,,,,\r\n"
gbk = head + "TS-2026-0902,2026-11-22 10:00,信访,王国华,13900001111,Q02,M12,烧烤店噪声扰民,一般,已受理,,,,\r\n"
bad = head + "TS-2026-0903,2026-02-30 25:00,不存在的渠道,李四,1.39047E+10,Q99,M01,坏行,一般,已受理,,,,\r\n"
for side in ("linux", "win"):
    d = os.path.join(work, side)
    open(os.path.join(d, "新投诉.csv"), "wb").write(b"\xef\xbb\xbf" + new.encode("utf-8"))
    open(os.path.join(d, "gbk投诉.csv"), "wb").write(gbk.encode("gbk"))
    open(os.path.join(d, "坏文件.csv"), "wb").write(bad.encode("utf-8"))
    os.makedirs(os.path.join(d, "证据"), exist_ok=True)
    open(os.path.join(d, "证据", "现场照片.jpg"), "wb").write(b"photo bytes")
PY

failed=0
steps=0
# step NAME ARGS...: runs both sides; compares exit codes, stdout and stderr.
step() {
  local name=$1; shift
  steps=$((steps + 1))
  for side in linux win; do
    local out="$work/$side.$name"
    if [ "$side" = linux ]; then
      (cd "$work/linux" && "$linux" --now "2026-11-23 08:30" --operator W001 "$@") \
        >"$out.out" 2>"$out.err" && echo 0 >"$out.rc" || echo $? >"$out.rc"
    else
      (cd "$work/win" && "$wine" "$exe" --now "2026-11-23 08:30" --operator W001 "$@") \
        >"$out.out" 2>"$out.err" && echo 0 >"$out.rc" || echo $? >"$out.rc"
    fi
    local dir=$work/$side
    local windir="Z:${dir//\//\\}"
    for f in out err; do
      python3 - "$out.$f" "$dir" "$windir" <<'PY'
import sys
path, unix, win = sys.argv[1:]
t = open(path, encoding="utf-8", errors="replace").read()
t = t.replace(win, "<dir>").replace(win.replace("\\", "/"), "<dir>").replace(unix, "<dir>")
t = t.replace("\\", "/").replace("\r\n", "\n")
# Hashes over the audit differ from run to run on any platform: each complaint's digest is
# salted at random. The audit rows themselves are compared apart, below.
import re
t = re.sub(r"\b[0-9a-f]{64}\b", "<hash>", t)
# Progress bars and the day's first backup depend on the terminal and the clock, not the OS.
lines = [l for l in t.split("\n") if "今日首次启动" not in l]
open(path + ".norm", "w", encoding="utf-8").write("\n".join(lines))
PY
    done
  done
  local bad=""
  cmp -s "$work/linux.$name.rc" "$work/win.$name.rc" || bad="退出码 $(cat "$work/linux.$name.rc") / $(cat "$work/win.$name.rc")"
  for f in out err; do
    cmp -s "$work/linux.$name.$f.norm" "$work/win.$name.$f.norm" || bad="$bad $f 不同"
  done
  if [ -n "$bad" ]; then
    failed=$((failed + 1))
    echo "FAIL $name:$bad"
    for f in out err; do
      diff "$work/linux.$name.$f.norm" "$work/win.$name.$f.norm" | head -20 || true
    done
  else
    echo "ok   $name (退出码 $(cat "$work/linux.$name.rc"))"
  fi
}

# compare_file NAME: the same file written on both sides, byte for byte.
compare_file() {
  steps=$((steps + 1))
  if cmp -s "$work/linux/$1" "$work/win/$1"; then
    echo "ok   $1 逐字节相同"
  else
    failed=$((failed + 1))
    echo "FAIL $1 两边写出的文件不同"
  fi
}

step demo --db d.sqlite demo --load-only
step import-utf8 --db d.sqlite import complaints 新投诉.csv
step import-gbk --db d.sqlite import complaints gbk投诉.csv
step import-refused --db d.sqlite import complaints 坏文件.csv
step today --db d.sqlite today --json
step export-csv --db d.sqlite export complaints --out 投诉台账.csv
compare_file 投诉台账.csv
step export-xlsx --db d.sqlite export complaints --out 投诉台账.xlsx
step reimport-xlsx --db d.sqlite import complaints 投诉台账.xlsx --dry-run
step stop --db d.sqlite complaint stop TS-2026-0028 --reason 当事人无法联系 --note 电话停机 --approver W001 --at "2026-11-21 09:00"
step resume --db d.sqlite complaint resume TS-2026-0028 --at "2026-11-23 08:00"
step appeal-review --db d.sqlite complaint review TS-2026-0026 --approve --by W001
step explain-stop --db d.sqlite explain TS-2026-0028
step verify --db d.sqlite verify
step backup --db d.sqlite backup --to 备份.sqlite
step void --db d.sqlite void complaints TS-2026-0036 --reason 重复登记
step restore --db d.sqlite restore 备份.sqlite
step verify-after --db d.sqlite verify
step code --db d.sqlite settings code 150783101
step handoff --db d.sqlite export handoff --month 2026-11 --out 移交/2026-11
compare_file "移交/2026-11/卧牛河镇综合行政执法队-2026年11月-投诉台账.csv"
step verify-handoff verify-handoff 移交/2026-11
step county --db 县.sqlite county import "移交/*"
step county-report --db 县.sqlite county report month --month 2026-11
step county-verify --db 县.sqlite county verify
step paper --db d.sqlite document notice "卧执整〔2026〕第6号" --out 通知书.docx
step draw --db d.sqlite draw new --title 测试抽查 --date 2026-11-27 --count 3 --seed 公证处
step draw-verify --db d.sqlite draw verify CQ2026-003
step draw-export --db d.sqlite draw export CQ2026-001 --out 抽查结果公示.xlsx
step inspect --db d.sqlite inspection record --subject DX009 --officers 孙丽华、李明 --matter M15 --finding 责令整改 --problem 消防通道堆放轮胎 --deadline 2026-11-30 --at "2026-11-23 08:10"
step lenient --db d.sqlite inspection lenient DX002 --matter M01
step publish --db d.sqlite publicity done 整改通知 "卧执整〔2026〕第8号" --place 政府门户网站
step publicity --db d.sqlite publicity list
step paper-inspection --db d.sqlite document inspection JC2026-0005 --out 笔录.docx
step evidence-demo --db e.sqlite demo --load-only
step evidence --db e.sqlite evidence add 证据 --for 现场检查 --key JC2026-0005 --by W003
step evidence-verify --db e.sqlite verify
step review --db e.sqlite review --month 2026-11 --all
step review-one --db e.sqlite review "卧执整〔2026〕第1号"
step archive --db e.sqlite archive 2026 --out 归档2026
step verify-archive verify-handoff 归档2026
step calendar --db d.sqlite calendar 2026-10
step calendar-2027 --db d.sqlite calendar 2027-02
step template-2027 --db d.sqlite calendar template 2027

# The audit trail as each side wrote it, every column but the salted digests and the chain
# hashes over them: paths and texts must be stored the same on both platforms.
steps=$((steps + 1))
if python3 - "$work" <<'PY'
import re, sqlite3, sys
cols = "id, at, operator, action, kind, key, before, after, reason"
work = sys.argv[1]
def unsalted(row, side):
    # Evidence is registered where it lies: each side's folder is its own.
    here = f"{work}/{side}"
    def norm(v):
        v = re.sub(r"[0-9a-f]{64}", "<hash>", v)
        return v.replace("Z:" + here, "<dir>").replace(here, "<dir>")
    return tuple(norm(v) if isinstance(v, str) else v for v in row)
rows = [[unsalted(r, side) for r in sqlite3.connect(f"{work}/{side}/d.sqlite").execute(
            f"SELECT {cols} FROM audit ORDER BY id")] for side in ("linux", "win")]
diff = [(a, b) for a, b in zip(*rows) if a != b]
if diff or len(rows[0]) != len(rows[1]):
    print("FAIL 审计记录不同：", len(rows[0]), len(rows[1]), diff[:1])
    sys.exit(1)
print(f"ok   审计记录 {len(rows[0])} 条两边相同（校验值与链哈希除外）")
PY
then :; else failed=$((failed + 1)); fi

echo "== Windows smoke suite under Wine: $((steps - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
