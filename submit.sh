#!/usr/bin/env bash
# Runs a mean-shift job: ./submit.sh COMMAND [options]   or   ./submit.sh --job FILE [options]
#
# On first use (or when sources changed) it builds target/spark-meanshift.jar and the
# classpath files with Maven. With a local master (the default, local[*]) the job runs in an
# embedded Spark of the default line (java -cp); with any other --master it goes through
# $SPARK_HOME/bin/spark-submit with the thin jar of the line that matches $SPARK_HOME's Spark
# version (building that line on first use: target/ for Spark 4.2, target/spark-3.5/ for 3.5)
# and conf/spark-defaults.conf, plus that line's RAPIDS jar and conf/gpu.conf with --gpu.
# --dry-run prints the command instead of running it.
# Arguments are passed on as an array; nothing here evaluates user input.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/spark-meanshift.jar"

needs_build() {
  [[ ! -f "$jar" || ! -f "$here/target/classpath-local.txt" || ! -f "$here/target/classpath-runtime.txt" ]] && return 0
  [[ -n "$(find "$here/src/main" "$here/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]]
}

# build PROFILE: the line of that Maven profile ("" = the default line), skipping the tests.
build() {
  local profile=()
  [[ -n "$1" ]] && profile=(-P "$1")
  echo "submit.sh: building the ${1:-default} line (first use or sources changed)..." >&2
  # -DskipGpuPlan: the RAPIDS jar (600 MB to 1 GB) is for the GPU plan test and --gpu only.
  (cd "$here" && mvn -q -B -Dstyle.color=never -DskipTests -DskipGpuPlan "${profile[@]}" package) >&2
}

if needs_build; then
  build ""
fi

# Asks the launcher (in the default line's jar) for the command; fills the array cmd.
launch() {
  local out status=0
  out="$(mktemp)"
  java -cp "$jar:$(cat "$here/target/classpath-local.txt")" io.github.meanshift.cli.Launch "$here" "$@" >"$out" || status=$?
  if [[ $status -ne 0 ]]; then
    rm -f "$out"
    exit "$status"
  fi
  mapfile -d '' -t cmd <"$out"
  rm -f "$out"
}

launch "$@"
if [[ "${cmd[0]}" == "build" ]]; then
  # The cluster's Spark needs another line (or it is older than the sources): build it, ask again.
  build "${cmd[1]}"
  launch "$@"
  if [[ "${cmd[0]}" == "build" ]]; then
    echo "error: the build in ${cmd[2]} is still missing or stale after building it" >&2
    exit 1
  fi
fi

mode="${cmd[0]}"
cmd=("${cmd[@]:1}")
if [[ "$mode" == "print" ]]; then
  printf '%q ' "${cmd[@]}"
  printf '\n'
  exit 0
fi
exec "${cmd[@]}"
