#!/usr/bin/env bash
# The OCR path on every dev page (issue #19): each page PDF rendered grey
# at 300 dpi and wrapped as an image-only PDF (pdftoppm + img2pdf, as a
# scanner gives it), converted by the release build with the default flags,
# then per page: Han character recall and precision of the recognised text
# against the page's own text layer (pdftotext), the shared scorer's gold
# score, and the time. About a minute of CPU a page; pages run two at once.
#
#   bash tests/benches/ocr.sh [PAGE.pdf …]     # prints a table
set -euo pipefail
cd "$(dirname "$0")/../.."
TARGET=${CARGO_TARGET_DIR:-$PWD/target}
cargo build --release --quiet --bin newsconv
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
pages=("$@")
[ ${#pages[@]} -gt 0 ] || pages=(../shared/pages/*.pdf)
one() {
  f=$1; work=$2; bin=$3
  n=$(basename "$f" .pdf)
  pdftoppm -r 300 -gray -png -singlefile "$f" "$work/$n"
  img2pdf --imgsize 300dpi "$work/$n.png" -o "$work/$n.pdf"
  start=$(date +%s.%N)
  "$bin" convert "$work/$n.pdf" --to json -o "$work/out" >/dev/null 2>"$work/$n.err" || { echo "| $n | failed: $(tail -1 "$work/$n.err") |"; return; }
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  pdftotext "$f" "$work/$n.layer.txt"
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(''.join(l['text'] for p in d['pages'] for l in (p.get('layout') or {}).get('lines', [])))" "$work/out/$n.json" >"$work/$n.ocr.txt"
  read -r r p _ < <(python3 tests/tools/han_recall.py "$work/$n.layer.txt" "$work/$n.ocr.txt")
  score=$(python3 ../shared/tools/score.py "$work/out/$n.json" "../shared/pages/gold/$n.json" | grep -o '[0-9]*/[0-9]*')
  printf '| %s | %.1f%% | %.1f%% | %s | %.0f |\n' "$n" "$(echo "$r*100" | bc -l)" "$(echo "$p*100" | bc -l)" "$score" "$secs"
}
export -f one
echo "| page | Han recall | Han precision | gold score | seconds |"
echo "|---|---:|---:|---:|---:|"
printf '%s\n' "${pages[@]}" | xargs -P 2 -I{} bash -c 'one "$@"' _ {} "$WORK" "$TARGET/release/newsconv" | sort | tee "$WORK/table"
awk -F'|' '{ split($5, s, "/"); got += s[1]; all += s[2] } END { if (all) printf "total gold score: %d/%d = %.1f%%\n", got, all, 100 * got / all }' "$WORK/table"
