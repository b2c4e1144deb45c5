#!/usr/bin/env bash
# Run every cargo-fuzz target for a given time each, one after another.
#   bash tests/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a nightly toolchain, or
# a stable one with RUSTC_BOOTSTRAP=1 (used when no nightly is installed).
# Corpora grow in tests/fuzz/corpus/<target> (seeded from seeds/ and
# ../shared/pages), crashes land in tests/fuzz/artifacts/<target>.
# Exit status is non-zero when any target finds a crash, leak or timeout.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
shift || true
fuzz_dir=tests/fuzz
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/fuzz}"

if ! command -v cargo-fuzz >/dev/null; then
  echo "tests/fuzz.sh: cargo-fuzz is not installed (cargo install cargo-fuzz)" >&2
  exit 2
fi
toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  toolchain=(+nightly)
else
  export RUSTC_BOOTSTRAP=1
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo "${toolchain[@]}" fuzz list --fuzz-dir "$fuzz_dir")
fi

# Seed corpora with real inputs the first time.
seed() {
  local t=$1 dir=$fuzz_dir/corpus/$1
  mkdir -p "$dir"
  [ -n "$(ls -A "$dir" 2>/dev/null)" ] && return
  case $t in
    json_read) cp seeds/*.json "$dir"/ ;;
    newsml_read) cp "$fuzz_dir"/seeds/newsml/* "$dir"/ 2>/dev/null || true ;;
    import_any) cp seeds/*.json "$dir"/; cp "$fuzz_dir"/seeds/newsml/* "$dir"/ 2>/dev/null || true ;;
    pdf_bytes) cp ../shared/pages/*.pdf ../shared/hostile/*.pdf "$dir"/ 2>/dev/null || true ;;
    *) cp seeds/*.txt "$dir"/; cp "$fuzz_dir"/seeds/text/* "$dir"/ 2>/dev/null || true
       for f in ../shared/pages/*.txt; do [ -f "$f" ] && cp "$f" "$dir"/; done ;;
  esac
}

cargo "${toolchain[@]}" fuzz build --fuzz-dir "$fuzz_dir" >&2
status=0
for t in "${targets[@]}"; do
  seed "$t"
  echo "== fuzz $t for ${secs}s" >&2
  # -rss_limit_mb bounds memory, -timeout flags a hang (a slow input) as a finding.
  if ! cargo "${toolchain[@]}" fuzz run --fuzz-dir "$fuzz_dir" "$t" -- \
      -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
      -dict="$fuzz_dir/newsconv.dict" -print_final_stats=1 >"$fuzz_dir/last-$t.log" 2>&1; then
    grep -E "panicked|^thread|ERROR|SUMMARY|Test unit written" "$fuzz_dir/last-$t.log" >&2 || true
    echo "== $t: FINDING (see $fuzz_dir/artifacts/$t)" >&2
    status=1
  fi
  grep -E "^stat::(number_of_executed_units|peak_rss_mb)|^Done " "$fuzz_dir/last-$t.log" >&2 || true
done
exit $status
