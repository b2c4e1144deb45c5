#!/usr/bin/env bash
# A page PDF with photos to every format (issue #16: "well under a
# second"): wall-clock and CPU time of `newsconv convert PAGE -o DIR`
# (all formats, the image files beside the JSON), median, fastest and
# slowest of RUNS runs, against a page without large photos for scale.
# Every run writes into a fresh folder, as a user's first run would.
#
#   bash tests/benches/photos.sh                 # gzmzb A03 and rmrb 2018-01-10 p7
#   RUNS=21 bash tests/benches/photos.sh PAGE.pdf …
#   NEWSCONV_BIN=/path/to/newsconv bash tests/benches/photos.sh   # another build
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-11}
TARGET=${CARGO_TARGET_DIR:-$PWD/target}
if [ -n "${NEWSCONV_BIN:-}" ]; then
  BIN=$NEWSCONV_BIN
else
  cargo build --release --quiet --bin newsconv
  BIN=$TARGET/release/newsconv
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
pages=("$@")
[ ${#pages[@]} -gt 0 ] || pages=(../shared/pages/gzmzb_20230706_A03.pdf ../shared/pages/rmrb_20180110_p07.pdf)
echo "| page | runs | wall median (s) | wall min | wall max | CPU median (s) | output bytes |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for f in "${pages[@]}"; do
  : >"$WORK/times"
  for k in $(seq "$RUNS"); do
    rm -rf "$WORK/out"
    /usr/bin/time -f '%e %U %S' -o "$WORK/t" "$BIN" convert "$f" -o "$WORK/out" 2>/dev/null >/dev/null
    awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$WORK/t" >>"$WORK/times"
  done
  bytes=$(du -sb "$WORK/out" | cut -f1)
  cpu=$(sort -n -k2 "$WORK/times" | awk '{ c[NR] = $2 } END { print c[int((NR + 1) / 2)] }')
  sort -n "$WORK/times" | awk -v n="$(basename "$f" .pdf)" -v runs="$RUNS" -v bytes="$bytes" -v cpu="$cpu" '
    { wall[NR] = $1 }
    END { printf "| %s | %d | %.3f | %.3f | %.3f | %.2f | %d |\n", n, runs, wall[int((NR + 1) / 2)], wall[1], wall[NR], cpu, bytes }'
done
