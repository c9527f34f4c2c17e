#!/usr/bin/env bash
# Tier 2 (design.md): pcscd + vpcd + the virtual card, driven by OpenSC and yubico-piv-tool
# (hw-tests, JUnit tag "pcscd"). Run by scripts/test.sh after tier 1, which has already fetched every Maven
# dependency, so Maven runs offline here.
#
# vpcd listens on 0.0.0.0:35963-35964 while the tests run, so this script runs itself in a network namespace of
# its own (unshare -n, loopback up) where it can: nothing outside can reach the card. Without one (not root) it
# runs in the machine's namespace and says so.
#
# Exit status: non-zero when Maven fails or any test fails. The tests skip themselves (loudly) where pcscd cannot be installed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export SCBRIDGE_ROOT="$root"
export SCBRIDGE_PCSCD_DIR="${SCBRIDGE_PCSCD_DIR:-$root/target/pcscd-tier2}"
log=${1:-$root/target/test-logs/tier2-mvn.log}
mkdir -p "$(dirname "$log")"

if [ "${SCBRIDGE_IN_NETNS:-}" != 1 ]; then
  # Needs the network (apt), so outside the namespace.
  scripts/pcscd.sh install
  scripts/kdc.sh install
  scripts/samba-dc.sh install
  if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null && unshare -n true 2>/dev/null; then
    echo "tier2.sh: running in a private network namespace (vpcd's port is unreachable from outside)"
    exec unshare -n env SCBRIDGE_IN_NETNS=1 bash -c 'ip link set lo up && exec "$0" "$1"' "$0" "$log"
  fi
  echo "tier2.sh: WARNING: no network namespace (needs root and unshare); vpcd listens on 0.0.0.0:35963 meanwhile"
fi

scripts/pcscd.sh start
eval "$(scripts/pcscd.sh env)"
# Every test tagged pcscd in hw-tests and in the modules it depends on (-am). A failing test does not stop the
# modules after it (maven.test.failure.ignore); failures are counted from the reports, here and in test.sh.
mvn -o -B -ntp -pl hw-tests -am -Dgroups='pcscd & !bench' -Dsurefire.excludedGroups=hardware \
  -Dmaven.test.failure.ignore=true verify >"$log" 2>&1
rc=$?
if grep -Eq 'Tests run: [0-9]+, Failures: [1-9]|Tests run: [0-9]+, Failures: [0-9]+, Errors: [1-9]' "$log"; then
  rc=1
fi
grep -E 'Tests run:.*in dev\.scbridge\.hwtests\.pcscd|Tests run:.*(FAIL|ERROR)|^\[ERROR\]|BUILD' "$log" | head -40
scripts/pcscd.sh stop
if [ "$rc" -ne 0 ]; then
  echo "tier 2 failed (mvn exit $rc); the full log is $log" >&2
fi
exit "$rc"
