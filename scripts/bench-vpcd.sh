#!/usr/bin/env bash
# One APDU round trip through pcscd + vpcd: the virtual PIV card vs. a card answering 9000 at once and vs.
# vsmartcard's own vicc (package vsmartcard-vpicc), same run (hw-tests VpcdRoundTripBench, tags pcscd + bench).
# vicc and python3-pycryptodome (its Crypto import) are installed when missing; if they cannot be, the vicc row is
# skipped loudly and the rest still runs. Uses a private pcscd (scripts/pcscd.sh) inside a network
# namespace of its own where possible, as scripts/tier2.sh does. Needs a build first (mvn -B install -DskipTests
# or scripts/test.sh), then runs Maven offline. The figures are printed and written to target/vpcd-bench.txt.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export SCBRIDGE_ROOT="$root"
export SCBRIDGE_PCSCD_DIR="${SCBRIDGE_PCSCD_DIR:-$root/target/pcscd-bench}"
if [ "${SCBRIDGE_IN_NETNS:-}" != 1 ]; then
  scripts/pcscd.sh install
  # vicc for the third row; apt-get update only when the plain install fails. Before the network namespace.
  vicc_pkgs=(vsmartcard-vpicc python3-pycryptodome)
  vicc_missing=()
  for p in "${vicc_pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || vicc_missing+=("$p"); done
  if [ ${#vicc_missing[@]} -gt 0 ]; then
    mkdir -p "$SCBRIDGE_PCSCD_DIR"
    vicc_log=$SCBRIDGE_PCSCD_DIR/apt-vicc.log
    echo "bench-vpcd.sh: installing ${vicc_missing[*]} (apt-get)"
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
      echo "bench-vpcd.sh: WARNING: SKIPPING the vicc row: missing ${vicc_missing[*]}, not root or no apt-get" >&2
    elif ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${vicc_missing[@]}" >"$vicc_log" 2>&1 \
        && ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${vicc_missing[@]}"; } \
          >>"$vicc_log" 2>&1; then
      echo "bench-vpcd.sh: WARNING: SKIPPING the vicc row: apt-get install ${vicc_missing[*]} failed (see $vicc_log)" >&2
    fi
  fi
  if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null && unshare -n true 2>/dev/null; then
    exec unshare -n env SCBRIDGE_IN_NETNS=1 bash -c 'ip link set lo up && exec "$0"' "$0"
  fi
  echo "bench-vpcd.sh: WARNING: no network namespace; vpcd listens on 0.0.0.0:35963-35964 meanwhile"
fi
scripts/pcscd.sh start
eval "$(scripts/pcscd.sh env)"
mkdir -p target && rm -f target/vpcd-bench.txt
mvn -o -B -ntp -pl hw-tests -am -Dgroups='pcscd & bench' -Dsurefire.excludedGroups=hardware \
  -Dtest=VpcdRoundTripBench -Dsurefire.failIfNoSpecifiedTests=false test >target/vpcd-bench-mvn.log 2>&1
rc=$?
scripts/pcscd.sh stop
if [ "$rc" -ne 0 ] || [ ! -f target/vpcd-bench.txt ]; then
  echo "bench failed (mvn exit $rc); see target/vpcd-bench-mvn.log" >&2
  exit 1
fi
cat target/vpcd-bench.txt
