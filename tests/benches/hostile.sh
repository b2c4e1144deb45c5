#!/usr/bin/env bash
# Time and peak memory of the release build on every hostile PDF (issue
# #19): the catalogue of the test kit (tests/kit/src/hostile_pdf.rs) and
# ../shared/hostile. Each must finish within 10 s and 512 MB on one core.
#
#   bash tests/benches/hostile.sh      # prints a table; exits 1 over a bound
set -euo pipefail
cd "$(dirname "$0")/../.."
TARGET=${CARGO_TARGET_DIR:-$PWD/target}
cargo build --release --quiet --bin newsconv --example hostile_pdfs
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$TARGET/release/examples/hostile_pdfs" "$WORK/files" >/dev/null
cp ../shared/hostile/*.pdf "$WORK/files/" 2>/dev/null || true
over=0
echo "| file | bytes | exit | seconds | peak MB |"
echo "|---|---:|---:|---:|---:|"
for f in "$WORK"/files/*.pdf; do
  name=$(basename "$f")
  set +e
  # One core (taskset), a hard stop at 60 s; GNU time reports the peak RSS.
  /usr/bin/time -f "%e %M" -o "$WORK/time" timeout 60 taskset -c 0 \
    "$TARGET/release/newsconv" convert "$f" --to all -o "$WORK/out/$name" >/dev/null 2>&1
  code=$?
  set -e
  read -r secs kb < <(tail -n 1 "$WORK/time") || { secs=60; kb=0; }
  mb=$((kb / 1024))
  echo "| $name | $(stat -c %s "$f") | $code | $secs | $mb |"
  if [ "$code" -eq 124 ] || awk -v s="$secs" 'BEGIN { exit !(s > 10) }' || [ "$mb" -gt 512 ]; then over=1; fi
done
[ "$over" -eq 0 ] || { echo "hostile.sh: a file went over 10 s or 512 MB" >&2; exit 1; }
