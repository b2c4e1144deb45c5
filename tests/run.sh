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
command -v chromium >/dev/null || need+=(chromium)
command -v npm >/dev/null || need+=(npm)
command -v parallel >/dev/null || need+=(parallel)
command -v img2pdf >/dev/null || need+=(img2pdf)
command -v tesseract >/dev/null || need+=(tesseract-ocr)
[ -f /usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata ] || need+=(tesseract-ocr-chi-sim)
python3 -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  echo "tests/run.sh: installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Ace by DAISY (EPUB accessibility), pinned, driving Debian's chromium.
ace=target/ace/node_modules/.bin/ace-puppeteer
if [ ! -x "$ace" ]; then
  echo "tests/run.sh: installing Ace by DAISY into target/ace"
  mkdir -p target/ace
  (cd target/ace && ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 \
    npm install --silent --no-audit --no-fund @daisy/ace@1.4.6 >/dev/null)
fi

# PySpark (pinned; Spark 3.5 runs on Debian's Java 17) for the Spark recipe test.
if ! target/venv/bin/python3 -c 'import pyspark' 2>/dev/null; then
  echo "tests/run.sh: installing pyspark into target/venv"
  python3 -m venv target/venv
  target/venv/bin/pip install --quiet --disable-pip-version-check pyspark==3.5.3
fi

cargo test --workspace "$@"
