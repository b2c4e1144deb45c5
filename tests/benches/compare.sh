#!/usr/bin/env bash
# newsconv side by side with pandoc and calibre on this machine, in one run.
#
#   bash tests/benches/compare.sh            # everything
#   RUNS=5 PAGES=1000 bash tests/benches/compare.sh
#
# Prints markdown tables (medians of RUNS runs, wall time):
#  1. the sample issue (seeds/) to each format and to all formats in one
#     process, against `pandoc -f markdown+east_asian_line_breaks` (EPUB, and
#     PDF with --pdf-engine=typst when typst is installed and pandoc knows it)
#     and calibre's `ebook-convert` (EPUB, PDF), when they are installed;
#  2. a generated archive of PAGES pages (issues of 10 pages, built from
#     seeds/ and ../shared/pages) to EPUB+NewsML+JSON with `batch --jobs 1`
#     and `--jobs 2`: time, speed-up, peak memory (/usr/bin/time -v);
#  3. parse throughput in MB/s on 1, 10, 100 and 1000 pages (`inspect`, which
#     reads, parses and prints an outline).
# Tools that are missing are reported and skipped. Builds newsconv in release
# mode first (CARGO_TARGET_DIR is honoured), unless NEWSCONV_BIN names a binary.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
RUNS=${RUNS:-7}
PAGES=${PAGES:-1000}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
[ "${TARGET#/}" != "$TARGET" ] || TARGET=$ROOT/$TARGET

if [ -n "${NEWSCONV_BIN:-}" ]; then
  BIN=$NEWSCONV_BIN
else
  cargo build --release --quiet --bin newsconv
  BIN=$TARGET/release/newsconv
fi
SAMPLE=$ROOT/seeds/000_bf1f693cbe2b0d89.txt
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

have() { command -v "$1" >/dev/null 2>&1; }
now_ns() { date +%s%N; }

# median_ms CMD...: run CMD $RUNS times (after one warm-up), print the median wall time in ms.
median_ms() {
  "$@" >/dev/null 2>&1 || { echo "FAIL"; return; }
  local ts=() t0 t1
  for _ in $(seq "$RUNS"); do
    t0=$(now_ns); "$@" >/dev/null 2>&1; t1=$(now_ns)
    ts+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${ts[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f\n", m / 1000}'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a+0 > 0 && b+0 > 0) printf "%.2f", a / b; else print "-" }'; }

formats=$("$BIN" formats | awk '{print $1}' | paste -sd, -)
echo "# newsconv $("$BIN" --version | awk '{print $2}') on $(nproc) cores, $(date -u +%Y-%m-%d), median of $RUNS runs"
echo
echo "## 1. The sample issue ($(wc -c <"$SAMPLE") bytes of text)"
echo
echo "| tool | output | median ms | vs newsconv |"
echo "|---|---|---:|---:|"
declare -A NC
for f in ${formats//,/ }; do
  NC[$f]=$(median_ms "$BIN" convert "$SAMPLE" --to "$f" -o "$WORK/nc-$f")
  echo "| newsconv | $f | ${NC[$f]} | 1.00 |"
done
all=$(median_ms "$BIN" convert "$SAMPLE" --to all -o "$WORK/nc-all")
echo "| newsconv | all ($formats), one process | $all | 1.00 |"
NC_EPUB=${NC[epub]:-}
NC_PDF=${NC[pdf]:-}
if have pandoc; then
  cp "$SAMPLE" "$WORK/sample.md"
  t=$(median_ms pandoc -f markdown+east_asian_line_breaks "$WORK/sample.md" -o "$WORK/pandoc.epub")
  echo "| pandoc $(pandoc --version | head -1 | awk '{print $2}') | epub | $t | $(ratio "$t" "${NC_EPUB:-0}") |"
  if have typst && pandoc --list-pdf-engines 2>/dev/null | grep -qx typst; then
    t=$(median_ms pandoc -f markdown+east_asian_line_breaks "$WORK/sample.md" --pdf-engine=typst -o "$WORK/pandoc.pdf")
    echo "| pandoc + typst | pdf | $t | $(ratio "$t" "${NC_PDF:-0}") |"
  else
    echo "| pandoc + typst | pdf | not run: typst not installed or pandoc too old for --pdf-engine=typst | |"
  fi
else
  echo "| pandoc | | not installed | |"
fi
if have ebook-convert; then
  export QTWEBENGINE_CHROMIUM_FLAGS="${QTWEBENGINE_CHROMIUM_FLAGS:---no-sandbox}" QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
  t=$(median_ms ebook-convert "$SAMPLE" "$WORK/calibre.epub")
  echo "| calibre ebook-convert | epub | $t | $(ratio "$t" "${NC_EPUB:-0}") |"
  t=$(median_ms ebook-convert "$SAMPLE" "$WORK/calibre.pdf")
  echo "| calibre ebook-convert | pdf | $t | $(ratio "$t" "${NC_PDF:-0}") |"
else
  echo "| calibre ebook-convert | | not installed | |"
fi
echo
echo "(vs newsconv: the other tool's time divided by newsconv's for the same output format.)"

# 2. A generated archive: issues of 10 pages, cycling through the real pages.
mapfile -t PAGE_FILES < <(ls "$ROOT"/../shared/pages/*.txt 2>/dev/null; echo "$SAMPLE")
TREE=$WORK/archive
issues=$(( (PAGES + 9) / 10 ))
k=0
for i in $(seq 0 $((issues - 1))); do
  d=$TREE/$(printf '%04d' $((2000 + i / 50)))
  mkdir -p "$d"
  out=$d/issue$(printf '%04d' "$i").txt
  : >"$out"
  for p in $(seq 1 10); do
    cat "${PAGE_FILES[$((k % ${#PAGE_FILES[@]}))]}" >>"$out"
    printf '\f' >>"$out"
    k=$((k + 1))
  done
done
BATCH_FMT=json
for f in newsml epub; do
  case ",$formats," in *",$f,"*) BATCH_FMT="$f,$BATCH_FMT" ;; esac
done
echo
echo "## 2. $PAGES pages ($issues issues of 10 pages, $(du -sh "$TREE" | cut -f1) of text) to $BATCH_FMT"
echo
echo "Output on disk (the temporary folder) and on tmpfs (/dev/shm, when there is one);"
echo "\`--durable\` flushes every file to disk before renaming it (the default flushes once at the end)."
echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "| output on | mode | --jobs | median s | pages/s | speed-up | user+sys s | peak RSS MB |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
# batch_row PLACE OUTDIR MODE [args]: one row per --jobs value.
batch_row() {
  local place=$1 outdir=$2 mode=$3
  shift 3
  declare -A T
  for j in 1 2; do
    local ts=() cpus=() rss=0 r
    for _ in $(seq "$(( RUNS < 3 ? RUNS : 3 ))"); do
      rm -rf "$outdir"
      /usr/bin/time -v -o "$WORK/time.txt" "$BIN" batch "$TREE" -o "$outdir" --to "$BATCH_FMT" --jobs "$j" --quiet "$@"
      ts+=("$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$WORK/time.txt")")
      cpus+=("$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.2f", u + s}' "$WORK/time.txt")")
      r=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
      [ "$r" -gt "$rss" ] && rss=$r
    done
    rm -rf "$outdir"
    T[$j]=$(printf '%s\n' "${ts[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    local cpu
    cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    echo "| $place | $mode | $j | ${T[$j]} | $(awk -v p="$PAGES" -v t="${T[$j]}" 'BEGIN {printf "%.0f", p / t}') | $(ratio "${T[1]}" "${T[$j]}") | $cpu | $((rss / 1024)) |"
  done
}
batch_row disk "$WORK/batch-out" default
batch_row disk "$WORK/batch-out" --durable --durable
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  SHM=$(mktemp -d /dev/shm/newsconv-bench.XXXXXX)
  trap 'rm -rf "$WORK" "$SHM"' EXIT
  cp -r "$TREE" "$SHM/archive"
  TREE=$SHM/archive batch_row tmpfs "$SHM/out" default
  rm -rf "$SHM"
fi

# 3. Parse throughput: read + parse + outline, on growing inputs.
echo
echo "## 3. Parse throughput (\`newsconv inspect\`: read, parse, print an outline)"
echo
echo "| pages | MB | median ms | MB/s |"
echo "|---:|---:|---:|---:|"
for n in 1 10 100 1000; do
  f=$WORK/parse-$n.txt
  : >"$f"
  for p in $(seq 0 $((n - 1))); do
    cat "${PAGE_FILES[$((p % ${#PAGE_FILES[@]}))]}" >>"$f"
    printf '\f' >>"$f"
  done
  mb=$(awk -v b="$(wc -c <"$f")" 'BEGIN {printf "%.2f", b / 1e6}')
  t=$(median_ms "$BIN" inspect "$f")
  echo "| $n | $mb | $t | $(awk -v m="$mb" -v t="$t" 'BEGIN {printf "%.1f", m / (t / 1000)}') |"
done
