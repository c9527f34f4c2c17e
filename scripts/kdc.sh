#!/usr/bin/env bash
# A private MIT Kerberos KDC with PKINIT for the tier-2 acceptance tests: a realm in a folder of its own, a KDC on
# 127.0.0.1, smart-card logon certificates accepted the way Active Directory issues them (UPN SAN, Smart Card
# Logon EKU). It never touches the machine's Kerberos files (/etc/krb5.conf, /etc/krb5kdc): every tool it runs,
# and every client that evals "kdc.sh env", reads KRB5_CONFIG and KRB5_KDC_PROFILE from the state folder.
#
#   scripts/kdc.sh install          only install what is missing (before entering a network namespace)
#   scripts/kdc.sh start [ANCHOR]   install what is missing, create the realm if need be, start krb5kdc
#   scripts/kdc.sh stop             stop exactly the krb5kdc this script started (pid file)
#   scripts/kdc.sh status           exit 0 and print "running ..." when up, exit 3 "not running" otherwise
#   scripts/kdc.sh env              print the exports a client needs (KRB5_CONFIG, KRB5_KDC_PROFILE, KRB5CCNAME)
#
# start needs, as PEM files (a caller such as KdcPkinitTest writes them):
#   the CA that issues the users' certificates (the KDC's pkinit_anchors and the clients' too): ANCHOR argument,
#     else SCBRIDGE_KDC_ANCHOR, else $dir/anchor.pem
#   the KDC's certificate (EKU id-pkinit-KPKdc, SAN id-pkinit-san krbtgt/REALM@REALM) and its private key:
#     SCBRIDGE_KDC_CERT / SCBRIDGE_KDC_KEY, else $dir/kdc.pem / $dir/kdc-key.pem
# and optionally a CRL (PEM) of that CA, only when SCBRIDGE_KDC_CRL names it (never picked up from $dir): the KDC
#   then refuses client certificates it lists (pkinit_revoke) and any whose CA has no CRL
#   (pkinit_require_crl_checking = true); without one the KDC checks no revocation.
# A start always writes a fresh realm (database, stash, principals): the realm is test data, never kept.
#
# Environment:
#   SCBRIDGE_KDC_DIR         state folder (default: hw-tests/target/kdc under the checkout)
#   SCBRIDGE_KDC_REALM       realm (default EXAMPLE.TEST)
#   SCBRIDGE_KDC_PORT        first port to try, TCP and UDP on 127.0.0.1 (default 38088; the next 20 are tried)
#   SCBRIDGE_KDC_PRINCIPALS  user principals to create, +requires_preauth, random keys (default "alice bob")
#
# When the KDC cannot be installed (no root, no apt), "start" and "install" print a line starting with
# "kdc.sh: SKIPPED:" and exit 0; "status" then exits 3. Tests skip loudly on that.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${SCBRIDGE_KDC_DIR:-$root/hw-tests/target/kdc}
realm=${SCBRIDGE_KDC_REALM:-EXAMPLE.TEST}
first_port=${SCBRIDGE_KDC_PORT:-38088}
principals=${SCBRIDGE_KDC_PRINCIPALS:-alice bob}
# krb5-admin-server carries kadmin.local in Debian; its daemon is never started here.
packages=(krb5-kdc krb5-pkinit krb5-user krb5-admin-server)
pidfile=$dir/krb5kdc.pid
portfile=$dir/port
log=$dir/krb5kdc.log
# Bounded waits (tenths of a second).
start_wait=100
stop_wait=50

say() { printf 'kdc.sh: %s\n' "$*"; }
apt_options=()
daemon=krb5kdc
skip_what="tier-2 Kerberos PKINIT tests"
running_what="realm $realm"
. "$(dirname "$0")/lib/daemon.sh"
# Every Kerberos tool this script runs reads only the state folder's files.
export KRB5_CONFIG=$dir/krb5.conf
export KRB5_KDC_PROFILE=$dir/kdc.conf

# The pid from our pid file, if that process is still the krb5kdc we started.
our_pid() {
  [ -f "$pidfile" ] || return 1
  local pid
  pid=$(cat "$pidfile" 2>/dev/null) || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "krb5kdc -n -r $realm" || return 1
  grep -qx "KRB5_KDC_PROFILE=$dir/kdc.conf" <(tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null) || return 1
  printf '%s' "$pid"
}

write_config() {
  local port=$1 anchor=$2 cert=$3 key=$4 crl=$5
  local revocation="pkinit_require_crl_checking = false"
  [ -n "$crl" ] && revocation="pkinit_revoke = FILE:$crl
        pkinit_require_crl_checking = true"
  cat >"$dir/krb5.conf" <<EOF
# Written by scripts/kdc.sh: the client side of the private test realm.
[libdefaults]
    default_realm = $realm
    dns_lookup_kdc = false
    dns_lookup_realm = false
    rdns = false
    ignore_acceptor_hostname = true
    udp_preference_limit = 1

[realms]
    $realm = {
        kdc = 127.0.0.1:$port
        pkinit_anchors = FILE:$anchor
    }

[domain_realm]
    .$(printf '%s' "$realm" | tr '[:upper:]' '[:lower:]') = $realm
    $(printf '%s' "$realm" | tr '[:upper:]' '[:lower:]') = $realm
EOF
  cat >"$dir/kdc.conf" <<EOF
# Written by scripts/kdc.sh: the private test realm's KDC.
[kdcdefaults]
    kdc_listen = 127.0.0.1:$port
    kdc_tcp_listen = 127.0.0.1:$port

[realms]
    $realm = {
        database_name = $dir/principal
        key_stash_file = $dir/stash
        acl_file = $dir/kadm5.acl
        max_life = 1h
        max_renewable_life = 0
        pkinit_identity = FILE:$cert,$key
        pkinit_anchors = FILE:$anchor
        pkinit_allow_upn = true
        pkinit_eku_checking = scLogin
        $revocation
    }

[logging]
    kdc = FILE:$log
    default = FILE:$dir/kdc-other.log
EOF
  : >"$dir/kadm5.acl"
}

create_realm() {
  rm -f "$dir"/principal* "$dir/stash"
  # A throwaway master password: the stash file is all the KDC needs, and nobody types it.
  local master
  master=$(head -c 24 /dev/urandom | base64 | tr -d '\n')
  if ! kdb5_util create -s -r "$realm" -P "$master" >"$dir/kdb5_util.log" 2>&1; then
    fail "kdb5_util create failed (see $dir/kdb5_util.log)"
  fi
  unset master
  local p
  for p in $principals; do
    if ! kadmin.local -r "$realm" -q "addprinc -randkey +requires_preauth $p@$realm" >>"$dir/kadmin.log" 2>&1; then
      fail "kadmin.local addprinc $p failed (see $dir/kadmin.log)"
    fi
  done
}

start() {
  mkdir -p "$dir"
  rm -f "$dir/skipped"
  if pid=$(our_pid); then
    say "already running (pid $pid) on 127.0.0.1:$(cat "$portfile")"
    print_env
    return 0
  fi
  install_missing
  command -v krb5kdc >/dev/null || skip "krb5kdc not found after install"
  command -v kadmin.local >/dev/null || skip "kadmin.local not found after install"
  local plugin
  plugin=$(find /usr/lib /usr/lib64 -path '*krb5/plugins/preauth/pkinit.so' 2>/dev/null | head -1)
  [ -n "$plugin" ] || skip "the PKINIT plugin (krb5-pkinit) is not installed"
  local anchor=${1:-${SCBRIDGE_KDC_ANCHOR:-$dir/anchor.pem}}
  local cert=${SCBRIDGE_KDC_CERT:-$dir/kdc.pem}
  local key=${SCBRIDGE_KDC_KEY:-$dir/kdc-key.pem}
  local f
  local crl=${SCBRIDGE_KDC_CRL:-}
  for f in "$anchor" "$cert" "$key" ${crl:+"$crl"}; do
    [ -r "$f" ] || fail "missing $f (the CA anchor, the KDC certificate, its key and a CRL are the caller's, as PEM)"
  done
  [ -n "$crl" ] && crl=$(cd "$(dirname "$crl")" && pwd)/$(basename "$crl")
  anchor=$(cd "$(dirname "$anchor")" && pwd)/$(basename "$anchor")
  cert=$(cd "$(dirname "$cert")" && pwd)/$(basename "$cert")
  key=$(cd "$(dirname "$key")" && pwd)/$(basename "$key")
  local port
  port=$(pick_port) || fail "no free port in $first_port-$((first_port + 19)) on this machine"
  write_config "$port" "$anchor" "$cert" "$key" "$crl"
  create_realm
  printf '%s\n' "$port" >"$portfile"
  rm -f "$log"
  # -n: no fork, so $! is krb5kdc itself and stop can signal exactly it.
  # KRB5_TRACE: the KDC's own reasons (certificate checks, SAN and EKU matching) for tests to assert on.
  rm -f "$dir/kdc-trace.log"
  KRB5_TRACE=$dir/kdc-trace.log krb5kdc -n -r "$realm" >"$dir/krb5kdc.out" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$pidfile"
  local i=0
  until kdc_listening "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pidfile"
      say "FAILED: krb5kdc exited at start; its output and log:" >&2
      cat "$dir/krb5kdc.out" "$log" >&2 2>/dev/null
      exit 1
    fi
    i=$((i + 1))
    if [ "$i" -ge "$start_wait" ]; then
      kill "$pid" 2>/dev/null
      rm -f "$pidfile"
      fail "krb5kdc did not listen on 127.0.0.1:$port within $((start_wait / 10)) s"
    fi
    sleep 0.1
  done
  say "started krb5kdc (pid $pid) for $realm on 127.0.0.1:$port (TCP and UDP), principals: $principals${crl:+, CRL $crl}"
  print_env
}

print_env() {
  printf 'export KRB5_CONFIG=%s\n' "$dir/krb5.conf"
  printf 'export KRB5_KDC_PROFILE=%s\n' "$dir/kdc.conf"
  printf 'export KRB5CCNAME=FILE:%s\n' "$dir/ccache"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  env) print_env ;;
  install) mkdir -p "$dir" && rm -f "$dir/skipped" && install_missing && say "installed: ${packages[*]}" ;;
  *) echo "usage: $0 install|start [ANCHOR]|stop|status|env" >&2; exit 2 ;;
esac
