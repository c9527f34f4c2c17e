#!/usr/bin/env bash
# A private pcscd with the vsmartcard vpcd reader, for the tier-2 tests (design.md) and for trying the virtual card
# on a machine without systemd. It never touches the machine's own pcscd.
#
#   scripts/pcscd.sh start     install what is missing, start pcscd, print the socket to use
#   scripts/pcscd.sh stop      stop exactly the pcscd this script started (pid file)
#   scripts/pcscd.sh restart   stop, then start
#   scripts/pcscd.sh status    exit 0 and print "running ..." when up, exit 3 "not running" otherwise
#   scripts/pcscd.sh env       print "export PCSCLITE_CSOCK_NAME=..." for eval
#   scripts/pcscd.sh install   only install what is missing (before entering a network namespace without network)
#
# How it stays private: Debian 12's pcscd (1.9.9) ignores PCSCLITE_CSOCK_NAME and always creates
# /run/pcscd/pcscd.comm (the client library does honour the variable). So pcscd runs in a mount namespace of its own
# (unshare -m) in which our state folder is bind-mounted over /run/pcscd: its socket appears as
# $SCBRIDGE_PCSCD_DIR/run/pcscd.comm, and clients reach it with PCSCLITE_CSOCK_NAME set to that path. In the same
# namespace /dev/bus/usb is hidden, so this pcscd never claims a real reader or YubiKey from the machine's pcscd.
# Its reader list is our own file (pcscd -c): one vpcd reader only.
#
# Network exposure: vpcd in this mode LISTENS on 0.0.0.0:$SCBRIDGE_VPCD_PORT and port+1 (one per vpcd slot); any
# host that can reach them can be the card. Run this inside a network namespace of your own (scripts/test.sh does:
# unshare -n, loopback up) unless the machine is firewalled.
#
# Environment:
#   SCBRIDGE_PCSCD_DIR   state folder (default: target/pcscd under the checkout)
#   SCBRIDGE_VPCD_PORT   vpcd's first TCP port (default 35963 = 0x8C7B, vpcd's own default)
#
# When pcscd or vpcd cannot be installed (no root, no apt), "start" prints a line starting with
# "pcscd.sh: SKIPPED:" and exits 0; "status" then exits 3. Tests skip loudly on that.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${SCBRIDGE_PCSCD_DIR:-$root/target/pcscd}
port=${SCBRIDGE_VPCD_PORT:-35963}
packages=(pcscd vsmartcard-vpcd opensc yubico-piv-tool)
driver=/usr/lib/pcsc/drivers/serial/libifdvpcd.so
pidfile=$dir/pcscd.pid
socket=$dir/run/pcscd.comm
log=$dir/pcscd.log
# Bounded waits (tenths of a second).
start_wait=100
stop_wait=50

say() { printf 'pcscd.sh: %s\n' "$*"; }
skip() {
  say "SKIPPED: $*"
  say "SKIPPED: tier-2 tests (pcscd + vpcd) will not run on this machine"
  mkdir -p "$dir" && printf '%s\n' "$*" >"$dir/skipped"
  exit 0
}

# The pid from our pid file, if that process is still the pcscd we started.
our_pid() {
  [ -f "$pidfile" ] || return 1
  local pid
  pid=$(cat "$pidfile" 2>/dev/null) || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "pcscd --foreground -c $dir/reader.conf" || return 1
  printf '%s' "$pid"
}

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || skip "missing ${missing[*]} and not root to install them"
  command -v apt-get >/dev/null || skip "missing ${missing[*]} and no apt-get"
  say "installing ${missing[*]} (apt-get)"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } \
      >"$dir/apt.log" 2>&1; then
    skip "apt-get install ${missing[*]} failed (see $dir/apt.log)"
  fi
}

# True when the vpcd slot port is accepting connections (vpcd is up and listening).
vpcd_listening() {
  local hex
  hex=$(printf '%04X' "$port")
  grep -q ":$hex 00000000:0000 0A" /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

start() {
  mkdir -p "$dir"
  rm -f "$dir/skipped"
  if pid=$(our_pid); then
    say "already running (pid $pid)"
    print_env
    return 0
  fi
  install_missing
  [ -f "$driver" ] || skip "vpcd driver $driver not found after install"
  [ "$(id -u)" -eq 0 ] || skip "not root: a private pcscd needs a mount namespace (unshare -m)"
  command -v unshare >/dev/null || skip "unshare (util-linux) not found"
  if vpcd_listening; then
    say "FAILED: port $port is already listening (another vpcd?); set SCBRIDGE_VPCD_PORT or use a network namespace" >&2
    exit 1
  fi
  mkdir -p "$dir/run" /run/pcscd
  rm -f "$socket" "$dir/run/pcscd.pid"
  printf 'FRIENDLYNAME "Virtual PCD"\nDEVICENAME   /dev/null:0x%04X\nLIBPATH      %s\nCHANNELID    0x%04X\n' \
    "$port" "$driver" "$port" >"$dir/reader.conf"
  # unshare execs bash, bash execs pcscd: $! is pcscd's own pid.
  unshare --mount --propagation private bash -c '
      set -e
      mount --bind "$1/run" /run/pcscd
      if [ -d /dev/bus/usb ]; then mount -t tmpfs -o size=4k,mode=0755 none /dev/bus/usb; fi
      exec pcscd --foreground -c "$1/reader.conf"' _ "$dir" >"$log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$pidfile"
  local i=0
  until [ -S "$socket" ] && vpcd_listening; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pidfile"
      say "FAILED: pcscd exited at start; its log:" >&2
      cat "$log" >&2
      exit 1
    fi
    i=$((i + 1))
    if [ "$i" -ge "$start_wait" ]; then
      say "FAILED: pcscd did not open $socket and port $port within $((start_wait / 10)) s" >&2
      kill "$pid" 2>/dev/null
      rm -f "$pidfile"
      exit 1
    fi
    sleep 0.1
  done
  say "started pcscd (pid $pid), socket $socket, vpcd listening on 0.0.0.0:$port and $((port + 1))"
  print_env
}

stop() {
  local pid
  if ! pid=$(our_pid); then
    rm -f "$pidfile"
    say "not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null
  local i=0
  while kill -0 "$pid" 2>/dev/null && [ "$i" -lt "$stop_wait" ]; do
    sleep 0.1
    i=$((i + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "pcscd (pid $pid) ignored SIGTERM for $((stop_wait / 10)) s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null
  fi
  rm -f "$pidfile" "$socket" "$dir/run/pcscd.pid"
  say "stopped pcscd (pid $pid)"
}

status() {
  local pid
  if pid=$(our_pid); then
    say "running (pid $pid), socket $socket, vpcd port $port"
    return 0
  fi
  if [ -f "$dir/skipped" ]; then
    say "not running (SKIPPED: $(cat "$dir/skipped"))"
  else
    say "not running"
  fi
  return 3
}

print_env() { printf 'export PCSCLITE_CSOCK_NAME=%s\n' "$socket"; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop && start ;;
  status) status ;;
  env) print_env ;;
  install) mkdir -p "$dir" && rm -f "$dir/skipped" && install_missing && say "installed: ${packages[*]}" ;;
  *) echo "usage: $0 start|stop|restart|status|env|install" >&2; exit 2 ;;
esac
