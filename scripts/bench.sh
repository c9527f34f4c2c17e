#!/usr/bin/env bash
# Builds and runs the JMH benchmarks (profile "bench"), then prints each benchmark's ratio to its baseline
# measured in the same run. Arguments are passed to JMH (e.g. a benchmark regex, -f 1 -wi 2 -i 3).
#   ./scripts/bench.sh                     # everything, default iterations
#   ./scripts/bench.sh PivSignBenchmark    # one class
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
echo "building benchmarks..." >&2
mvn -q -B -ntp -Pbench -DskipTests package -pl bench -am >target/bench-build.log 2>&1 \
  || { tail -n 30 target/bench-build.log >&2; exit 1; }
out=target/bench-results.json
java -jar bench/target/benchmarks.jar -rf json -rff "$out" "$@"
python3 - "$out" <<'PY'
import json, sys
rows = {r["benchmark"].rsplit(".", 1)[-1]: r["primaryMetric"] for r in json.load(open(sys.argv[1]))}
# benchmark -> its baseline in the same class
pairs = [("apduSign", "jcaRawRsa"), ("apduSign", "jcaSignature")]
print()
for b, base in pairs:
    if b in rows and base in rows:
        r = rows[b]["score"] / rows[base]["score"]
        print(f"ratio {b} / {base} = {r:.3f}  ({rows[b]['score']:.1f} vs {rows[base]['score']:.1f} {rows[b]['scoreUnit']})")
PY
