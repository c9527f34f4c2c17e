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
rows = {}
for r in json.load(open(sys.argv[1])):
    cls, name = r["benchmark"].rsplit(".", 2)[-2:]
    rows[(cls, name)] = r["primaryMetric"]
# (class, benchmark, baseline in the same class and run)
pairs = [("PivSignBenchmark", "apduSign", "jcaRawRsa"), ("PivSignBenchmark", "apduSign", "jcaSignature"),
         ("LogonExchangeBenchmark", "replayLogonExchange", "jcaRawRsa"),
         ("LogonExchangeBenchmark", "replayBeforeSignature", "jcaRawRsa"),
         ("RdpLogonReplayBenchmark", "replayLogon", "jcaRawRsaTimesReplayCount"),
         ("RdpLogonReplayBenchmark", "replayLogonWithoutPrivateKey", "jcaRawRsaTimesReplayCount")]
print()
for cls, b, base in pairs:
    if (cls, b) in rows and (cls, base) in rows:
        x, y = rows[(cls, b)], rows[(cls, base)]
        print(f"ratio {cls}.{b} / {base} = {x['score'] / y['score']:.3f}"
              f"  ({x['score']:.1f} ± {x['scoreError']:.1f} vs {y['score']:.1f} ± {y['scoreError']:.1f} {x['scoreUnit']})")
PY
