#!/usr/bin/env bash
# Benchmarks in one run on the same generated data: scikit-learn's MeanShift, MLlib KMeans
# and this project. Writes the measurements to bench/out/*.json and the table to
# docs/benchmarks.md.
#
# Usage: bash bench/run.sh [--quick]      (--quick skips the 10-million-point run)
# Needs: Java 17, Maven, and Debian's python3-sklearn (apt-get install python3-sklearn).
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
quick=0
[[ "${1:-}" == "--quick" ]] && quick=1
submit() { ./submit.sh "$@" 2>>"$out/bench.log"; }

echo "== data" >&2
submit generate --clusters 5 --points-per-cluster 2000 --seed 7 --output "$out/blobs10k.csv" --overwrite
submit generate --clusters 10 --points-per-cluster 100000 --seed 7 --output "$out/blobs1m.parquet" --overwrite
[[ $quick == 1 ]] || submit generate --clusters 10 --points-per-cluster 1000000 --seed 7 --output "$out/blobs10m.parquet" --overwrite

echo "== 10,000 points, flat kernel, no binning: scikit-learn vs mean shift" >&2
/usr/bin/python3 bench/sklearn_meanshift.py "$out/blobs10k.csv" 3.0 >"$out/sklearn-10k.json"
submit bench --mode fit --input "$out/blobs10k.csv" --kernel flat --bandwidth 3.0 --neighbors exact --output "$out/ours-10k-exact.json"
submit bench --mode fit --input "$out/blobs10k.csv" --kernel flat --bandwidth 3.0 --output "$out/ours-10k-auto.json"

echo "== engine throughput, d = 2 (200,000 points x 2,000 seeds)" >&2
for engine in local jvm; do
  for kernel in flat gaussian; do
    submit bench --mode engine --pass-engine "$engine" --points 200000 --seed-count 2000 --bandwidth 0.3 \
      --kernel "$kernel" --neighbors exact --output "$out/engine-$engine-$kernel.json"
    MEANSHIFT_VECTOR=1 ./submit.sh bench --mode engine --pass-engine "$engine" --points 200000 --seed-count 2000 \
      --bandwidth 0.3 --kernel "$kernel" --neighbors exact --output "$out/engine-$engine-$kernel-vector.json" 2>>"$out/bench.log"
  done
done

echo "== one iteration vs one MLlib KMeans iteration, 1,000,000 points" >&2
for m in 10 100; do
  submit bench --mode kmeans-iteration --input "$out/blobs1m.parquet" --seed-count "$m" --bandwidth 2.5 \
        --neighbors grid --repeat 5 --output "$out/iteration-m$m.json"
done
# The same with every point meeting every seed (no grid): the dense worst case.
submit bench --mode kmeans-iteration --input "$out/blobs1m.parquet" --seed-count 100 --bandwidth 2.5 \
  --neighbors exact --repeat 5 --output "$out/iteration-m100-exact.json"

echo "== end to end: 1,000,000 points, Gaussian, bin seeding" >&2
submit bench --mode fit --input "$out/blobs1m.parquet" --bandwidth 2.5 --bin-seeding --output "$out/fit-1m.json"

if [[ $quick == 0 ]]; then
  echo "== end to end: 10,000,000 points, Gaussian, bin seeding" >&2
  submit bench --mode fit --input "$out/blobs10m.parquet" --bandwidth 2.5 --bin-seeding --output "$out/fit-10m.json"
fi

/usr/bin/python3 bench/report.py "$out" docs/benchmarks.md
echo "wrote docs/benchmarks.md" >&2
