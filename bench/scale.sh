#!/usr/bin/env bash
# Benchmarks past the sweet spot, in one run on generated data: labels against many centres,
# tens of thousands of clusters, 16 and 64 features (suitable and default bandwidth), and
# blurring past the broadcast budget. Writes bench/out/scale-*.json and docs/scale.md.
#
# Usage: bash bench/scale.sh [--quick]     (--quick skips the 20-million-point blurring run)
# Needs: Java 17, Maven; /usr/bin/time for the peak memory of whole commands.
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
quick=0
[[ "${1:-}" == "--quick" ]] && quick=1
submit() { ./submit.sh "$@" 2>>"$out/scale.log"; }

# A whole command timed from outside: wall seconds and peak resident memory (JVM start
# included) into bench/out/NAME.json.
timed() {
  local name="$1"; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$out/$name.rss" ./submit.sh "$@" 2>>"$out/scale.log"
  t1=$(date +%s.%N)
  printf '{"seconds": %s, "max_rss_bytes": %s, "command": "%s"}\n' \
    "$(echo "$t1 - $t0" | bc)" "$(( $(tail -1 "$out/$name.rss") * 1024 ))" "$*" >"$out/$name.json"
  rm -f "$out/$name.rss"
}

echo "== data" >&2
submit generate --clusters 10 --points-per-cluster 100000 --seed 7 --output "$out/scale-2d-1m.parquet" --overwrite
submit generate --clusters 5 --points-per-cluster 10000 --seed 7 --output "$out/scale-2d-50k.parquet" --overwrite
submit generate --clusters 8 --points-per-cluster 12500 --dim 16 --noise 1 --seed 7 --output "$out/scale-16d-100k.parquet" --overwrite
submit generate --clusters 8 --points-per-cluster 125000 --dim 16 --noise 1 --seed 7 --output "$out/scale-16d-1m.parquet" --overwrite
submit generate --clusters 10 --points-per-cluster 10000 --dim 64 --noise 1 --seed 7 --output "$out/scale-64d-100k.parquet" --overwrite

echo "== 1,000,000 2-D points labelled against 100,000 centres" >&2
submit bench --mode label --input "$out/scale-2d-1m.parquet" --centers 100000 --kernel flat --bandwidth 0.1 \
  --output "$out/scale-label-1m-100k.json"

echo "== 50,000 2-D points, flat kernel, h = 0.01 (tens of thousands of clusters), end to end" >&2
submit bench --mode end-to-end --input "$out/scale-2d-50k.parquet" --kernel flat --bandwidth 0.01 \
  --output "$out/scale-50k-h001.json"
rm -rf "$out/scale-50k-h001-run"
timed scale-50k-h001-command meanshift --input "$out/scale-2d-50k.parquet" --label-col truth --kernel flat \
  --bandwidth 0.01 --output "$out/scale-50k-h001-run"
rm -rf "$out/scale-50k-h001-run"

echo "== 16 and 64 features: a suitable bandwidth, then the default" >&2
for spec in "16d-100k 3" "16d-1m 3" "64d-100k 6"; do
  set -- $spec
  submit bench --mode end-to-end --input "$out/scale-$1.parquet" --bandwidth "$2" --output "$out/scale-$1-h$2.json"
  submit bench --mode end-to-end --input "$out/scale-$1.parquet" --output "$out/scale-$1-auto.json"
done
# The issue's original case: bin seeding in 16-D, where bins are nearly single points.
submit bench --mode end-to-end --input "$out/scale-16d-100k.parquet" --bandwidth 3 --bin-seeding \
  --output "$out/scale-16d-100k-h3-bins.json"

echo "== blurring past the broadcast budget" >&2
# 2,000 (or 200,000) tight blobs of 100 points: h = 0.05, blobs of std 0.02, far apart.
submit generate --clusters 20000 --points-per-cluster 100 --box 160 --noise 0.02 --seed 7 \
  --output "$out/scale-blur-2m.parquet" --overwrite
submit bench --mode end-to-end --input "$out/scale-blur-2m.parquet" --algorithm blurring --bandwidth 0.05 \
  --max-broadcast-bytes 1048576 --output "$out/scale-blur-2m-halo.json"
submit bench --mode end-to-end --input "$out/scale-blur-2m.parquet" --algorithm blurring --bandwidth 0.05 \
  --output "$out/scale-blur-2m-broadcast.json"
if [[ $quick == 0 ]]; then
  submit generate --clusters 200000 --points-per-cluster 100 --box 500 --noise 0.02 --seed 7 \
    --output "$out/scale-blur-20m.parquet" --overwrite
  timed scale-blur-20m-command bench --mode end-to-end --input "$out/scale-blur-20m.parquet" \
    --algorithm blurring --bandwidth 0.05 --output "$out/scale-blur-20m.json"
fi

/usr/bin/python3 bench/scale_report.py "$out" docs/scale.md
