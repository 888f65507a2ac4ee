#!/usr/bin/env bash
# The wall time of a whole plan with 1 and with 2 (or more) workers in one process, and whether the
# metrics are identical. Run it on an otherwise idle machine, from the repository root:
#
#   benchmark-plugin/engine/bench/plan-workers.sh [plan] [mirror] [workers...]
#   benchmark-plugin/engine/bench/plan-workers.sh default ../shared/datasets 1 2
#
# Every run starts from empty results (-Ddelvm.fresh) with -Ddelvm.threads=1, so the runs differ only
# in the number of workers. The time is the reproduction's own wall time (metrics.json's
# wallSeconds: data, every cell, the report), not Maven's start-up; a table of wall times and the
# metric comparison are printed at the end. MVN_OFFLINE=-o runs Maven offline (default: online, so
# that a fresh machine resolves the build's dependencies on the first run).
set -euo pipefail
plan="${1:-smoke}"
mirror="${2:-../shared/datasets}"
shift $(( $# > 2 ? 2 : $# )) || true
workers=("$@")
[ ${#workers[@]} -eq 0 ] && workers=(1 2)

out=$(mktemp -d)
echo "plan $plan, mirror $mirror, workers ${workers[*]}; work in $out"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
declare -A seconds
for w in "${workers[@]}"; do
  mvn -B ${MVN_OFFLINE:-} verify -DskipTests -Dinvoker.skip=true -pl reports -am -Ddelvm.plan="$plan" \
    -Ddelvm.mirror="$mirror" -Ddelvm.cache="$out/cache" -Ddelvm.fresh=true \
    -Ddelvm.threads=1 -Ddelvm.workers="$w" -Ddelvm.haltOnFailure=false \
    -Ddelvm.resultsDirectory="$out/results-$w" -Ddelvm.outputDirectory="$out/report-$w" \
    > "$out/run-$w.log" 2>&1 || {
    echo "the run with $w worker(s) failed; the end of $out/run-$w.log:" >&2
    tail -30 "$out/run-$w.log" >&2
    exit 1
  }
  seconds[$w]=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['wallSeconds'])" \
    "$out/report-$w/metrics.json")
done

echo
echo "| workers | wall time (s) | vs 1 worker |"
echo "|---|---|---|"
for w in "${workers[@]}"; do
  echo "| $w | ${seconds[$w]} | $(echo "scale=2; ${seconds[$w]} / ${seconds[${workers[0]}]}" | bc) |"
done
echo
first="${workers[0]}"
for w in "${workers[@]:1}"; do
  if cmp -s <(python3 -c "import json,sys;print(json.dumps([(c['id'],c['metrics']) for c in json.load(open(sys.argv[1]))['cells']],sort_keys=True))" "$out/report-$first/metrics.json") \
            <(python3 -c "import json,sys;print(json.dumps([(c['id'],c['metrics']) for c in json.load(open(sys.argv[1]))['cells']],sort_keys=True))" "$out/report-$w/metrics.json"); then
    echo "metrics with $w workers: identical to $first worker(s)"
  else
    echo "metrics with $w workers: DIFFER from $first worker(s)" >&2
    exit 1
  fi
done
