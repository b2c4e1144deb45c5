#!/usr/bin/env bash
# The whole test suite, installing what the tests need first: a missing
# validator fails the test that needs it (tests/kit/src/tools.rs).
# Usage: bash tests/run.sh [extra cargo test args]
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v xmllint >/dev/null || need+=(libxml2-utils)
command -v qpdf >/dev/null || need+=(qpdf)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v pdffonts >/dev/null || need+=(poppler-utils)
[ -f /usr/share/java/epubcheck.jar ] || need+=(epubcheck)
command -v java >/dev/null || need+=(default-jre-headless)
command -v unzip >/dev/null || need+=(unzip)
command -v zip >/dev/null || need+=(zip)
command -v faketime >/dev/null || need+=(faketime)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "tests/run.sh: installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

cargo test --workspace "$@"
