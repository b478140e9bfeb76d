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
# The micro-benchmarks of one engine pass and one iteration are test-side programs
# (src/test/java/io/github/meanshift/bench), run with the test classpath and the Java 17 flags
# of the build (target/classes/.../build.properties).
micro() {
  local main="$1"; shift
  local flags
  flags="$(sed -n 's/^java17.flags=//p' target/classes/io/github/meanshift/cli/build.properties)"
  # shellcheck disable=SC2086 # the flags are one word each
  java $flags ${MICRO_JVM_OPTIONS:-} -Xmx6g -cp "target/classes:target/test-classes:$(cat target/classpath-test.txt)" \
    "io.github.meanshift.bench.$main" "$@" 2>>"$out/bench.log"
}

echo "== data" >&2
submit generate --clusters 5 --points-per-cluster 2000 --seed 7 --output "$out/blobs10k.csv" --overwrite
submit generate --clusters 10 --points-per-cluster 100000 --seed 7 --output "$out/blobs1m.parquet" --overwrite
# The engine benchmark's points: 200,000 in 5 blobs (box 35, noise sqrt(5)).
submit generate --clusters 5 --points-per-cluster 40000 --box 35 --noise 2.2360679775 --seed 42 --output "$out/blobs200k.parquet" --overwrite
[[ -f target/classpath-test.txt ]] || mvn -q -B -DskipTests -DskipGpuPlan package
[[ $quick == 1 ]] || submit generate --clusters 10 --points-per-cluster 1000000 --seed 7 --output "$out/blobs10m.parquet" --overwrite

echo "== 10,000 points, flat kernel, no binning: scikit-learn vs mean shift" >&2
/usr/bin/python3 bench/sklearn_meanshift.py "$out/blobs10k.csv" 3.0 >"$out/sklearn-10k.json"
submit bench --mode fit --input "$out/blobs10k.csv" --kernel flat --bandwidth 3.0 --neighbors exact --output "$out/ours-10k-exact.json"
submit bench --mode fit --input "$out/blobs10k.csv" --kernel flat --bandwidth 3.0 --output "$out/ours-10k-auto.json"

echo "== engine throughput, d = 2 (200,000 points x 2,000 seeds)" >&2
for engine in local jvm; do
  for kernel in flat gaussian; do
    micro EngineBench --input "$out/blobs200k.parquet" --engine "$engine" --seeds 2000 --bandwidth 0.3 \
      --kernel "$kernel" --output "$out/engine-$engine-$kernel.json"
    MICRO_JVM_OPTIONS="--add-modules=jdk.incubator.vector" micro EngineBench --input "$out/blobs200k.parquet" \
      --engine "$engine" --seeds 2000 --bandwidth 0.3 --kernel "$kernel" --output "$out/engine-$engine-$kernel-vector.json"
  done
done

echo "== one iteration vs one MLlib KMeans iteration, 1,000,000 points" >&2
for m in 10 100; do
  micro KMeansIterationBench --input "$out/blobs1m.parquet" --seeds "$m" --bandwidth 2.5 --grid --repeat 5 \
    --output "$out/iteration-m$m.json"
done
# The same with every point meeting every seed (no grid): the dense worst case.
micro KMeansIterationBench --input "$out/blobs1m.parquet" --seeds 100 --bandwidth 2.5 --repeat 5 \
  --output "$out/iteration-m100-exact.json"

echo "== end to end: 1,000,000 points, Gaussian, bin seeding" >&2
submit bench --mode fit --input "$out/blobs1m.parquet" --bandwidth 2.5 --bin-seeding --output "$out/fit-1m.json"

echo "== the default bandwidth's cost: 1,000,000 points, Gaussian, bin seeding, no --bandwidth" >&2
submit bench --mode fit --input "$out/blobs1m.parquet" --bin-seeding --output "$out/fit-1m-auto.json"

if [[ $quick == 0 ]]; then
  echo "== end to end: 10,000,000 points, Gaussian, bin seeding" >&2
  submit bench --mode fit --input "$out/blobs10m.parquet" --bandwidth 2.5 --bin-seeding --output "$out/fit-10m.json"
fi

/usr/bin/python3 bench/report.py "$out" docs/benchmarks.md
echo "wrote docs/benchmarks.md" >&2
