#!/usr/bin/env bash
# Builds zhifa-desk.exe for Windows 10/11 (x86-64) on a Debian machine and packages it:
#   dist/zhifa-desk-<version>-windows-x64.zip  (zhifa-desk.exe, 值班台.cmd, 使用说明.txt, SHA256SUMS.txt)
# Uses Debian's own Rust (rustc-web, with the standard library's source) by full path with
# mingw-w64: the machine's default (rustup) toolchain is left alone. Installs what it needs.
# The target folder lives outside the clone (ZHIFA_WIN_TARGET, default under the cargo home),
# so later runs rebuild only this crate.
set -euo pipefail
cd "$(dirname "$0")/../.."

need=(rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64)
missing=()
for p in "${need[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

target_dir=${ZHIFA_WIN_TARGET:-${CARGO_HOME:-$HOME/.cargo}/zhifa-win-target}
start=$(date +%s)
env RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
  CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
  CARGO_TARGET_DIR="$target_dir" \
  /usr/bin/cargo build --locked -Zbuild-std=std,panic_abort \
  --target x86_64-pc-windows-gnu --release
echo "== Windows build: $(( $(date +%s) - start )) s"

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
name="zhifa-desk-$version-windows-x64"
stage="$target_dir/package/$name"
rm -rf "$stage" && mkdir -p "$stage" dist
x86_64-w64-mingw32-strip -o "$stage/zhifa-desk.exe" \
  "$target_dir/x86_64-pc-windows-gnu/release/zhifa-desk.exe"
cp scripts/windows/值班台.cmd scripts/windows/使用说明.txt "$stage/"
(cd "$stage" && sha256sum zhifa-desk.exe 值班台.cmd 使用说明.txt > SHA256SUMS.txt)
rm -f "dist/$name.zip"
(cd "$target_dir/package" && python3 -m zipfile -c "$OLDPWD/dist/$name.zip" "$name")
echo "== packaged dist/$name.zip:"
python3 -m zipfile -l "dist/$name.zip"
