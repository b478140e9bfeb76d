#!/usr/bin/env bash
# Measures the default bandwidth on public data sets and writes docs/bandwidth.md.
# Usage: bash bench/bandwidth.sh [--sets a,b,...] [--reuse]   (--reuse keeps the other sets' rows)
# Needs: Java 17, Maven, and Debian's python3-sklearn (apt-get install python3-sklearn).
set -euo pipefail
cd "$(dirname "$0")/.."
/usr/bin/python3 bench/bandwidth.py "$@"
