#!/usr/bin/env bash
# Scale-out of the Spark runner on this machine: a fixed sub-plan of the default plan on a
# standalone master and worker on 127.0.0.1, in three layouts (executors x cores each;
# spark.task.cpus=1: one ND4J thread per cell, as many cells at a time as cores): 1x1, 2x1 (two
# executor JVMs) and 1x2 (one executor JVM running two tasks at a time), REPEATS runs each (--fresh:
# every cell computed), median reported.
#
# Sub-plans (SUBPLAN), both on ECG5000 and the generated cosine, so no download:
#   fig8     (default) the whole of Fig. 8: 14 cells, SM, CD, CEBM and AE at 1-4 hidden layers,
#            about 5 minutes on one core, the longest cell a sixth of it
#   mixed10  10 cells from four experiments, about 80 s on one core, the longest cell a third of it
#
#   benchmark-plugin/spark-runner/scale-out.sh            # from the project's root
#   SUBPLAN=mixed10 LAYOUTS="1x1 2x1" REPEATS=5 benchmark-plugin/spark-runner/scale-out.sh
#   CELLS=id1,id2,... benchmark-plugin/spark-runner/scale-out.sh
#
# Prints two tables. The first, per layout:
#   wall      the driver's wall time from the first cell's submission to the last result (median;
#             the driver JVM's and SparkContext's start before it is left out)
#   start-up  of the wall, the time until the first cell started: executors launched, first task
#   cells     the sum of the cells' own seconds (training and evaluation, measured inside each task)
#   overhead  per cell, on 1x1: (wall - cells) / number of cells, with and without the start-up:
#             scheduling, shipping the task, the per-task dataset check and split, the first
#             task's ND4J start, storing the result through Hadoop's FileSystem. With two cores the
#             cells overlap, so it is not defined there.
#   speed-up  wall of 1x1 / wall of the layout
# The second, per cell: its own seconds in each layout (median), and against 1x1: how much slower
# a cell runs while another one shares the machine.
# The machine must be otherwise idle for the numbers to mean anything; the script prints the load
# average before and after.
set -euo pipefail
cd "$(dirname "$0")/../.."

REPEATS="${REPEATS:-3}"
LAYOUTS="${LAYOUTS:-1x1 2x1 1x2}" # executors x cores of each
# More executor JVM options and spark-submit settings, for experiments: EXECUTOR_JAVA_OPTIONS="..."
# and EXTRA_CONF="--conf k=v --conf k2=v2".
EXECUTOR_JAVA_OPTIONS="${EXECUTOR_JAVA_OPTIONS:-}"
read -r -a EXTRA_CONF <<< "${EXTRA_CONF:-}"
declare -A SUBPLANS=(
  [fig8]=fig8-ae-mlp256,fig8-ae-mlp256x256,fig8-ae-mlp256x256x256,fig8-ae-mlp256x256x256x256,fig8-cd-mlp512,fig8-cd-mlp512x512,fig8-cd-mlp512x512x512,fig8-cd-mlp512x512x512x512,fig8-cebm-mlp256,fig8-cebm-mlp256x256,fig8-sm-mlp256,fig8-sm-mlp256x256,fig8-sm-mlp256x256x256,fig8-sm-mlp256x256x256x256
  [mixed10]=fig8-cebm-mlp256,fig7-ae-mlp512,fig8-ae-mlp256,fig8-cd-mlp512x512,fig7-cd-mlp1024,ecg-tf-tutorial-sm-mlp2048-seed1,extras-fce,fig7-sm-mlp2048-seed1,vae-table1-elbo-seed1,vae-table1-elbo-seed2
)
SUBPLAN="${SUBPLAN:-fig8}"
if [ -z "${CELLS:-}" ]; then
  CELLS="${SUBPLANS[$SUBPLAN]:-}"
  [ -n "$CELLS" ] || { echo "SUBPLAN=$SUBPLAN: expected one of ${!SUBPLANS[*]}, or give CELLS=id1,id2,..." >&2; exit 2; }
fi
MVN_OFFLINE="${MVN_OFFLINE:-}" # -o: offline; default online, so a fresh machine resolves Spark once

echo "== Building the runner and laying out SPARK_HOME (target/spark-home) =="
mvn -B -q $MVN_OFFLINE -pl benchmark-plugin/spark-runner -am test-compile -DskipTests

runner=benchmark-plugin/spark-runner
spark_home="$PWD/$runner/target/spark-home"
work=$(mktemp -d "${TMPDIR:-/tmp}/delvm-scale-out.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    # The worker's executors are its children: kill them first, then the process itself.
    for child in $(pgrep -P "$pid" || true); do kill "$child" 2>/dev/null || true; done
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The application: the runner's classes as the application jar, the other modules as --jars;
# their third-party dependencies are in SPARK_HOME/jars beside Spark's (as in SparkClusterTest).
(cd "$runner/target/classes" && jar cf "$work/delvm-spark-runner.jar" .)
extra=()
for module in datasets models reports/delvm-report benchmark-plugin/engine; do
  name=$(basename "$module")
  (cd "$module/target/classes" && jar cf "$work/$name.jar" .)
  extra+=("$work/$name.jar")
done
jars=$(IFS=,; echo "${extra[*]}")

read -r -a java_options < "$runner/target/classes/org/delvm/benchmark/spark/jvm.options"
export SPARK_HOME="$spark_home" SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13
java_cp=(java "${java_options[@]}" -cp "$spark_home/jars/*")

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
await() { # file text
  for _ in $(seq 1 600); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.5; done
  echo "no '$2' in $1:" >&2; tail -30 "$1" >&2; exit 1
}

port=$(free_port)
"${java_cp[@]}" -Xmx256m org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
  --webui-port "$(free_port)" > "$work/master.log" 2>&1 &
pids+=($!)
await "$work/master.log" "I have been elected leader"
"${java_cp[@]}" -Xmx256m org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 2 \
  --memory 10g --work-dir "$work/worker" --webui-port "$(free_port)" "spark://127.0.0.1:$port" \
  > "$work/worker.log" 2>&1 &
pids+=($!)
await "$work/worker.log" "Successfully registered with master"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for layout in $LAYOUTS; do
  executors=${layout%x*}
  cores=${layout#*x}
  for run in $(seq 1 "$REPEATS"); do
    out="$work/outcome-$layout-$run.json"
    t0=$(date +%s.%N)
    "${java_cp[@]}" -Xmx1g org.apache.spark.deploy.SparkSubmit \
      --master "spark://127.0.0.1:$port" --deploy-mode client \
      --class org.delvm.benchmark.spark.SparkDriver \
      --conf spark.executor.cores="$cores" --conf spark.cores.max="$((executors * cores))" \
      --conf spark.task.cpus=1 \
      --conf spark.executor.memory=2g \
      --conf "spark.executor.extraJavaOptions=-Dorg.bytedeco.javacpp.maxbytes=3g -Dorg.bytedeco.javacpp.maxphysicalbytes=5g $EXECUTOR_JAVA_OPTIONS" \
      "${EXTRA_CONF[@]}" \
      --conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1 \
      --jars "$jars" "$work/delvm-spark-runner.jar" \
      default --cells "$CELLS" --results "$work/results-$layout-$run" --fresh --offline \
      --cache "$work/cache" --outcome "$out" > "$work/submit-$layout-$run.log" 2>&1 \
      || { echo "run $layout/$run failed:" >&2; tail -40 "$work/submit-$layout-$run.log" >&2; exit 1; }
    t1=$(date +%s.%N)
    read -r wall startup sum failed < <(python3 -c '
import json,sys; d=json.load(open(sys.argv[1]))
print(d["seconds"], d["startupSeconds"], sum(c["seconds"] for c in d["cells"]), sum(c["status"]=="failed" for c in d["cells"]))' "$out")
    if [ "$failed" != 0 ]; then echo "run $layout/$run: $failed cell(s) failed, see $out" >&2; exit 1; fi
    echo "layout $layout, run $run: wall $wall s (start-up $startup s), cells $sum s (whole spark-submit $(python3 -c "print(round($t1 - $t0, 1))") s)"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$work" "$CELLS" "$REPEATS" $LAYOUTS <<'EOF'
import json, statistics, sys
work, cells, repeats, layouts = sys.argv[1], sys.argv[2].split(","), int(sys.argv[3]), sys.argv[4:]
runs = {l: [json.load(open(f"{work}/outcome-{l}-{r}.json")) for r in range(1, repeats + 1)]
        for l in layouts}
med = statistics.median
print()
print("| executors x cores | wall, median | runs | start-up (median) | cells' own seconds (median) |"
      " overhead per cell (without start-up) | speed-up over 1x1 |")
print("|---|---|---|---|---|---|---|")
base = None
for layout in layouts:
    w = [d["seconds"] for d in runs[layout]]
    u = med(d["startupSeconds"] for d in runs[layout])
    s = med(sum(c["seconds"] for c in d["cells"]) for d in runs[layout])
    overhead = "-"
    if layout == "1x1":
        base = med(w)
        overhead = f"{(base - s) / len(cells):.2f} s ({(base - u - s) / len(cells):.2f} s)"
    speed_up = f"{base / med(w):.2f}x" if base else "-"
    print(f"| {layout} | {med(w):.1f} s | {', '.join(f'{x:.1f}' for x in w)} | {u:.1f} s"
          f" | {s:.1f} s | {overhead} | {speed_up} |")
print()
print("| cell | " + " | ".join(f"{l}, median" for l in layouts) + " |")
print("|---|" + "---|" * len(layouts))
for cell in cells:
    own = {l: med(c["seconds"] for d in runs[l] for c in d["cells"] if c["cellId"] == cell)
           for l in layouts}
    ratio = lambda l: f" ({own[l] / own['1x1']:.2f}x)" if "1x1" in own and l != "1x1" else ""
    print(f"| {cell} | " + " | ".join(f"{own[l]:.1f} s{ratio(l)}" for l in layouts) + " |")
print(f"\n{len(cells)} cells of plan default: {','.join(cells)}")
EOF
