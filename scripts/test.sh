#!/usr/bin/env bash
# Runs every test tier this checkout has, then prints one closing summary line:
#   "tests: N passed, N failed, N skipped"
#
# Tiers (design.md): 1 unit + in-process PIV conformance (+ fuzz seed corpora), 2 pcscd + vpcd (scripts/tier2.sh),
# 4 a real YubiKey (skipped loudly without one), 5 brief fuzzing (Jazzer). Tier 2 also runs the Kerberos KDC
# acceptance (scripts/kdc.sh). Tier 1 installs SoftHSM2 first when missing.
#
# Environment: SCBRIDGE_FUZZ_SECONDS (default 10 per fuzz target; 0 skips fuzzing), SCBRIDGE_TIER2 / SCBRIDGE_TIER4
# (0 skips that tier), SCBRIDGE_HW_DESTRUCTIVE=1 (lets tier 4 reset a plugged-in YubiKey).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
logdir="$root/target/test-logs"
rm -rf "$logdir"
mkdir -p "$logdir"
stamp="$logdir/.started"   # reports newer than this are this run's (the folder's own mtime moves as logs are written)
touch "$stamp"
status=0

step() { printf '\n== %s\n' "$*"; }

# Tier-1 prerequisites from Debian: SoftHSM2 for the CA-in-an-HSM tests (they skip loudly without it).
need=()
for p in softhsm2; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null \
      && { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"; } \
         >"$logdir/apt-tier1.log" 2>&1; then
    echo "installed ${need[*]}"
  else
    echo "*** WARNING: could not install ${need[*]} (see $logdir/apt-tier1.log): their tests will skip" >&2
  fi
fi

step "tier 1: unit and in-process conformance tests (mvn verify)"
mvn -B -ntp verify >"$logdir/mvn-verify.log" 2>&1
rc=$?
# The reactor summary and any failure, not the whole log.
grep -E '^\[INFO\] (scbridge.*(SUCCESS|FAILURE|SKIPPED)|BUILD )|Tests run:.*(FAIL|ERROR)|^\[ERROR\]' "$logdir/mvn-verify.log" | head -60
if [ "$rc" -ne 0 ]; then
  echo "mvn verify failed (exit $rc); the full log is $logdir/mvn-verify.log" >&2
  status=1
fi

# The newcomer's first command, end to end through the launcher (uses the jar mvn verify just built).
smoke_passed=0; smoke_failed=0
if [ "$status" -eq 0 ]; then
  step "smoke: ./scbridge demo"
  if ./scbridge demo >"$logdir/demo.log" 2>&1 && grep -q '^OK:' "$logdir/demo.log"; then
    grep -A1 '^OK:' "$logdir/demo.log"; smoke_passed=1
  else
    echo "./scbridge demo failed; see $logdir/demo.log" >&2; cat "$logdir/demo.log" >&2; smoke_failed=1; status=1
  fi
fi

# Tier 2: pcscd + vpcd + the virtual card, driven by OpenSC and yubico-piv-tool (tests tagged "pcscd"), in a
# network namespace of its own where possible; its Surefire reports join the count below. SCBRIDGE_TIER2=0 skips it.
if [ "$status" -eq 0 ] && [ -x scripts/tier2.sh ] && [ "${SCBRIDGE_TIER2:-1}" != 0 ]; then
  step "tier 2: pcscd + vpcd + the virtual card (OpenSC, yubico-piv-tool)"
  if ! scripts/tier2.sh "$logdir/tier2-mvn.log" 2>&1 | tee "$logdir/tier2.log"; then
    echo "tier 2 failed; see $logdir/tier2.log and $logdir/tier2-mvn.log" >&2
    status=1
  fi
fi

# Tier 4: the same PIV conformance suite against a real YubiKey on the system's pcscd (tests tagged "hardware").
# Without a YubiKey, or without SCBRIDGE_HW_DESTRUCTIVE=1 (the suite resets the card), every test skips loudly.
if [ "$status" -eq 0 ] && [ "${SCBRIDGE_TIER4:-1}" != 0 ]; then
  step "tier 4: the PIV conformance suite against a real YubiKey"
  if mvn -B -ntp -pl hw-tests -am -Dgroups=hardware -Dsurefire.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false \
        -Denforcer.skip=true verify >"$logdir/tier4-mvn.log" 2>&1; then
    grep -h -o '\*\*\* SKIPPED[^*]*\*\*\*' hw-tests/target/surefire-reports/*YubiKey*-output.txt 2>/dev/null | head -1 \
      || grep -h 'Tests run:.*YubiKey' "$logdir/tier4-mvn.log" | tail -1
  else
    echo "tier 4 failed; the full log is $logdir/tier4-mvn.log" >&2
    grep -E '^\[ERROR\]' "$logdir/tier4-mvn.log" | head -20 >&2
    status=1
  fi
fi

if [ "$status" -eq 0 ] && [ -x scripts/fuzz.sh ] && [ "${SCBRIDGE_FUZZ_SECONDS:-10}" != 0 ]; then
  step "tier 5: brief fuzzing (${SCBRIDGE_FUZZ_SECONDS:-10}s per target)"
  if ! scripts/fuzz.sh "${SCBRIDGE_FUZZ_SECONDS:-10}" 2>&1 | tee "$logdir/fuzz.log"; then
    echo "fuzzing found a failure; see $logdir/fuzz.log" >&2
    status=1
  fi
fi

# One closing line: every Surefire report of this run, the demo smoke run, and each fuzz target.
passed=0; failed=0; skipped=0
while IFS= read -r f; do
  line=$(grep -m1 -o '<testsuite [^>]*>' "$f") || continue
  get() { printf '%s' "$line" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  t=$(get tests); e=$(get errors); fl=$(get failures); s=$(get skipped)
  failed=$((failed + e + fl)); skipped=$((skipped + s)); passed=$((passed + t - e - fl - s))
done < <(find "$root" -path '*/target/surefire-reports/TEST-*.xml' -newer "$stamp" 2>/dev/null)
fuzz_ok=0; fuzz_failed=0
if [ -f "$logdir/fuzz.log" ]; then
  fuzz_ok=$(grep -c '^  ok ' "$logdir/fuzz.log")
  fuzz_failed=$(grep -c '^  FAIL ' "$logdir/fuzz.log")
fi
passed=$((passed + smoke_passed + fuzz_ok)); failed=$((failed + smoke_failed + fuzz_failed))
[ "$failed" -gt 0 ] && status=1
echo
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
