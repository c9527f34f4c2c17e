#!/usr/bin/env bash
# Fuzzes every Jazzer @FuzzTest target in the repository for SECONDS seconds each (design.md, tier 5), one target
# per Maven run and JVM (Jazzer fuzzes one test per run). Exits 1 if any target finds something or fails to run,
# 2 on a usage error, 0 when every target ran clean.
#
#   scripts/fuzz.sh SECONDS [FILTER]     FILTER: only targets whose "module Class#method" contains it
#
# Targets are found by grepping */src/test/java for methods annotated @FuzzTest, so fuzz tests added in any module
# are picked up. Per target, everything stays under that module's target/fuzz/:
#   corpus/<Class.method>/    the generated corpus (the seeds in src/test/resources/.../<Class>Inputs are read only)
#   findings/<Class.method>/  crash-* inputs and reproducers of findings
#   logs/<Class.method>.log   the full Maven + Jazzer output
# jazzer.internal.basedir points there too, so Jazzer creates no <Class>Inputs folders in the source tree. Fuzzing
# runs write no Surefire XML (-DdisableXmlReport): the reports of the preceding mvn verify, which scripts/test.sh
# counts, stay as they were.
#
# How the duration is capped: @FuzzTest(maxDuration) is fixed at compile time (default 5m in Jazzer 0.24.0), but
# jazzer-junit appends the libFuzzer arguments given as JUnit configuration parameters jazzer.internal.arg.1..N
# after its own (argument 0 is argv[0]), and libFuzzer's last -max_total_time wins. Surefire passes -D user
# properties to the test JVM as system properties, which JUnit reads as configuration parameters. (That is an
# internal of jazzer-junit 0.24.0; should an upgrade drop it, runs last maxDuration and hit the backstop, loudly.)
# As a backstop a
# run is killed after SECONDS + FUZZ_GRACE seconds (Maven start, compile check and agent start-up; default 180),
# which counts as a failure. -Djazzer.hooks=true turns coverage instrumentation back on: module test resources
# may disable hooks for the fast regression runs of a normal build (apdu's junit-platform.properties does).
#
# Environment: FUZZ_GRACE (seconds, default 180); FUZZ_INPUT_TIMEOUT (seconds one input may take before libFuzzer
# reports it as a hang, default 10); FUZZ_MAVEN_ARGS (extra Maven arguments, e.g. "-o" on a machine without network).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

usage() { echo "usage: scripts/fuzz.sh SECONDS [FILTER]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
secs=$1
filter=${2:-}
[[ "$secs" =~ ^[1-9][0-9]*$ ]] || usage
grace=${FUZZ_GRACE:-180}
input_timeout=${FUZZ_INPUT_TIMEOUT:-10}
read -r -a extra <<<"${FUZZ_MAVEN_ARGS:-}"
mvn_cmd=(mvn -B -ntp -q "${extra[@]}")

# --- discover: lines "module<TAB>fully.qualified.Class<TAB>method" ---------------------------------------------
targets=()
while IFS= read -r file; do
  module=${file%%/src/test/java/*}
  cls=${file#*/src/test/java/}
  cls=${cls%.java}
  cls=${cls//\//.}
  # A method is a target when an @FuzzTest annotation line precedes its "void name(" line.
  while IFS= read -r method; do
    line="$module	$cls	$method"
    if [ -z "$filter" ] || [[ "$module $cls#$method" == *"$filter"* ]]; then
      targets+=("$line")
    fi
  done < <(awk '
    /^[ \t]*\/\// { next }
    /^[ \t]*@FuzzTest([ \t(]|$)/ { pending = 1 }
    pending && /void[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]*\(/ {
      s = $0; sub(/.*void[ \t]+/, "", s); sub(/[ \t]*\(.*/, "", s); print s; pending = 0
    }' "$file")
done < <(find . \( -name target -o -name .git -o -name node_modules \) -prune -o -path '*/src/test/java/*' -name '*.java' \
           -print | sed 's|^\./||' | sort | xargs -r grep -l -E '^[[:space:]]*@FuzzTest([[:space:](]|$)')

if [ ${#targets[@]} -eq 0 ]; then
  echo "fuzz: no @FuzzTest targets found${filter:+ matching '$filter'}"
  exit 0
fi
modules=$(printf '%s\n' "${targets[@]}" | cut -f1 | sort -u | paste -sd, -)
echo "fuzz: ${#targets[@]} targets in $modules, ${secs}s each (at most $(( ${#targets[@]} * (secs + grace) ))s)"

# --- warm up once: resolve dependencies and compile, so each timed run starts quickly --------------------------
warmlog="$root/target/fuzz-warmup.log"
mkdir -p "$root/target"
if ! timeout -k 10 1800 "${mvn_cmd[@]}" -pl "$modules" -am test -Dtest=NoSuchFuzzWarmupTest \
      -Dsurefire.failIfNoSpecifiedTests=false >"$warmlog" 2>&1; then
  echo "fuzz: build failed before fuzzing; last lines of $warmlog:" >&2
  tail -40 "$warmlog" >&2
  exit 1
fi

# --- fuzz each target ---------------------------------------------------------------------------------------------
failed=()
for t in "${targets[@]}"; do
  IFS=$'\t' read -r module cls method <<<"$t"
  id="${cls##*.}.$method"
  out="$root/$module/target/fuzz"
  corpus="$out/corpus/$id"
  findings="$out/findings/$id"
  log="$out/logs/$id.log"
  mkdir -p "$corpus" "$findings" "$out/logs"
  started=$(date +%s)
  JAZZER_FUZZ=1 timeout -k 10 $(( secs + grace )) "${mvn_cmd[@]}" -pl "$module" -am test \
      -Dtest="$cls#$method" -Dsurefire.failIfNoSpecifiedTests=false -DdisableXmlReport=true \
      -Djazzer.hooks=true -Djazzer.reproducer_path="$findings" -Djazzer.internal.basedir="$out/basedir" \
      -Djazzer.internal.arg.0=fuzz \
      -Djazzer.internal.arg.1=-max_total_time="$secs" \
      -Djazzer.internal.arg.2=-timeout="$input_timeout" \
      -Djazzer.internal.arg.3=-artifact_prefix="$findings/" \
      -Djazzer.internal.arg.4="$corpus" \
      >"$log" 2>&1
  rc=$?
  took=$(( $(date +%s) - started ))
  runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 | grep -o '[0-9]*')
  if [ "$rc" -eq 0 ]; then
    echo "  ok    $module $cls#$method (${runs:-?} runs, ${took}s)"
    continue
  fi
  failed+=("$module $cls#$method")
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    echo "  FAIL  $module $cls#$method: still running after $(( secs + grace ))s, killed; log $log"
  elif grep -q -e 'Test unit written to' -e 'FuzzTestFindingException' "$log"; then
    echo "  FAIL  $module $cls#$method: finding in $findings; log $log"
  else
    echo "  FAIL  $module $cls#$method: Maven exited $rc; log $log"
  fi
  grep -E 'FuzzTestFindingException|^== Java Exception|Exception|Error|artifact_prefix|Test unit written' "$log" \
    | grep -v '^\[ERROR\] *$' | head -15 | sed 's/^/        /'
done

if [ ${#failed[@]} -eq 0 ]; then
  echo "fuzz: all ${#targets[@]} targets ran ${secs}s without a finding"
  exit 0
fi
echo "fuzz: ${#failed[@]} of ${#targets[@]} targets failed: ${failed[*]}" >&2
exit 1
