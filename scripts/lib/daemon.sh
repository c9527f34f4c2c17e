# Shared by scripts/kdc.sh and scripts/samba-dc.sh (sourced, not run): install what is missing, pick a free
# loopback port, stop exactly the daemon we started, report status. The sourcing script sets: me (its name), dir,
# pidfile, portfile, packages (array), apt_options (array, may be empty), daemon (its process name), skip_what
# (which tests a skip disables), running_what (what status reports), and defines say, our_pid and the rest.

fail() {
  say "FAILED: $*" >&2
  exit 1
}

skip() {
  say "SKIPPED: $*"
  say "SKIPPED: $skip_what will not run on this machine"
  mkdir -p "$dir" && printf '%s\n' "$*" >"$dir/skipped"
  exit 0
}

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || skip "missing ${missing[*]} and not root to install them"
  command -v apt-get >/dev/null || skip "missing ${missing[*]} and no apt-get"
  say "installing ${missing[*]} (apt-get ${apt_options[*]}; their services are not started here)"
  if ! { apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${apt_options[@]+"${apt_options[@]}"} "${missing[@]}"; } \
      >"$dir/apt.log" 2>&1; then
    skip "apt-get install ${missing[*]} failed (see $dir/apt.log)"
  fi
}

# True when something listens on 127.0.0.1 or 0.0.0.0 / :: at $1 (TCP) or has the UDP port bound.
port_busy() {
  local hex
  hex=$(printf '%04X' "$1")
  grep -Eq "^ *[0-9]+: [0-9A-F]+:$hex " /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6 2>/dev/null
}

kdc_listening() {
  local hex
  hex=$(printf '%04X' "$1")
  grep -q "0100007F:$hex 00000000:0000 0A" /proc/net/tcp 2>/dev/null
}

pick_port() {
  local p
  for ((p = first_port; p < first_port + 20; p++)); do
    if ! port_busy "$p"; then
      printf '%s' "$p"
      return 0
    fi
  done
  return 1
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
    say "$daemon (pid $pid) ignored SIGTERM for $((stop_wait / 10)) s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null
  fi
  rm -f "$pidfile"
  say "stopped $daemon (pid $pid)"
}

status() {
  local pid
  if pid=$(our_pid); then
    say "running (pid $pid), $running_what on 127.0.0.1:$(cat "$portfile" 2>/dev/null)"
    return 0
  fi
  if [ -f "$dir/skipped" ]; then
    say "not running (SKIPPED: $(cat "$dir/skipped"))"
  else
    say "not running"
  fi
  return 3
}
