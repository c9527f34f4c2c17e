#!/usr/bin/env bash
# A throwaway Samba Active Directory domain controller whose KDC (Samba's Heimdal) accepts smart-card logon by
# PKINIT, for the tier-2 acceptance tests: the closest thing to Active Directory on this machine. The domain lives
# in a folder of its own (samba-tool domain provision --targetdir), only the KDC service runs, on 127.0.0.1, in the
# foreground (samba -i -M single, no systemd). It never touches the machine's Samba or Kerberos files
# (/etc/samba, /etc/krb5.conf, /var/lib/samba): samba-tool reads an empty smb.conf of ours, samba reads the one the
# provision wrote into the folder, and the KDC and every client that evals "samba-dc.sh env" read KRB5_CONFIG from
# the folder.
#
#   scripts/samba-dc.sh install          only install what is missing (before entering a network namespace)
#   scripts/samba-dc.sh start [ANCHOR]   install what is missing, provision a fresh domain, start its KDC
#   scripts/samba-dc.sh stop             stop exactly the samba this script started (pid file)
#   scripts/samba-dc.sh status           exit 0 and print "running ..." when up, exit 3 "not running" otherwise
#   scripts/samba-dc.sh env              print the exports a client needs (KRB5_CONFIG, KRB5CCNAME)
#
# start needs, as PEM files (a caller such as SambaPkinitTest writes them), exactly like scripts/kdc.sh:
#   the CA that issues the users' certificates (the KDC's pkinit_anchors and the clients' too): ANCHOR argument,
#     else SCBRIDGE_SAMBA_ANCHOR, else $dir/anchor.pem
#   the KDC's certificate (EKU id-pkinit-KPKdc, SAN id-pkinit-san krbtgt/REALM@REALM) and its private key:
#     SCBRIDGE_SAMBA_CERT / SCBRIDGE_SAMBA_KEY, else $dir/kdc.pem / $dir/kdc-key.pem
# A start always provisions a fresh domain (about 7 s): the domain is test data, never kept. Its users get random
# passwords nobody sees (samba-tool user add --random-password); the Administrator password is random and unused.
#
# How a certificate maps to a user (Samba 4.17, its Heimdal KDC): the MS UPN SAN of the certificate is looked up
# like an Active Directory UPN (case-insensitively, the implicit sAMAccountName@dnsdomain included) and must be the
# account asked for. Samba 4.17 has no strong certificate mapping (altSecurityIdentities, the SID extension) and
# does not check the client certificate's Smart Card Logon EKU.
#
# Environment:
#   SCBRIDGE_SAMBA_DIR    state folder (default: hw-tests/target/samba under the checkout)
#   SCBRIDGE_SAMBA_REALM  realm, upper case; the DNS domain is its lower case (default SAMBA.TEST)
#   SCBRIDGE_SAMBA_PORT   first KDC port to try, TCP and UDP on 127.0.0.1 (default 38188; the next 20 are tried)
#   SCBRIDGE_SAMBA_USERS  users to create (default "alice bob")
#
# When Samba cannot be installed or the domain cannot be provisioned, "start" and "install" print a line starting
# with "samba-dc.sh: SKIPPED:" and exit 0; "status" then exits 3. Tests skip loudly on that.
#
# Installing: --no-install-recommends, so libnss-winbind (which adds winbind to /etc/nsswitch.conf) stays out. The
# samba package's own services (smbd, nmbd, samba-ad-dc) are not started by this script; on a Debian machine
# where policy-rc.d allows it, the package install itself may start smbd/nmbd with the stock /etc/samba/smb.conf.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${SCBRIDGE_SAMBA_DIR:-$root/hw-tests/target/samba}
realm=${SCBRIDGE_SAMBA_REALM:-SAMBA.TEST}
first_port=${SCBRIDGE_SAMBA_PORT:-38188}
users=${SCBRIDGE_SAMBA_USERS:-alice bob}
# samba-ad-provision carries the provisioning data (/usr/share/samba/setup); krb5-user the MIT kinit the tests use.
packages=(samba-ad-dc samba-ad-provision krb5-user)
dc=$dir/dc
pidfile=$dir/samba.pid
portfile=$dir/port
log=$dir/samba.log
# Bounded waits (tenths of a second).
start_wait=300
stop_wait=100

say() { printf 'samba-dc.sh: %s\n' "$*"; }
apt_options=(--no-install-recommends)
daemon=samba
skip_what="tier-2 Samba AD PKINIT tests"
running_what="AD domain $realm, KDC"
. "$(dirname "$0")/lib/daemon.sh"
# The pid from our pid file, if that process is still the samba we started: samba rewrites its command line and
# environment ("samba: root process"), so it is recognised by its executable and its working folder, our $dc.
our_pid() {
  [ -f "$pidfile" ] || return 1
  local pid
  pid=$(cat "$pidfile" 2>/dev/null) || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ "$(basename "$(readlink "/proc/$pid/exe" 2>/dev/null)")" = samba ] || return 1
  [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$dc" ] || return 1
  printf '%s' "$pid"
}

# The KDC's Heimdal settings ([kdc]) and the clients' view of the realm, in one file: samba runs with KRB5_CONFIG
# pointing at it, and so do the clients.
write_krb5_conf() {
  local port=$1 anchor=$2 cert=$3 key=$4
  cat >"$dir/krb5.conf" <<EOF
# Written by scripts/samba-dc.sh: the throwaway Samba AD domain's KDC and its clients.
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
    .$(lower "$realm") = $realm
    $(lower "$realm") = $realm

# Read by Samba's Heimdal KDC only.
[kdc]
    enable-pkinit = yes
    pkinit_identity = FILE:$cert,$key
    pkinit_anchors = FILE:$anchor
    pkinit_principal_in_certificate = yes
    pkinit_win2k = no
    pkinit_win2k_require_binding = yes
EOF
}

lower() { printf '%s' "$1" | tr '[:upper:]' '[:lower:]'; }

# A throwaway password meeting AD's complexity rules (upper, lower, digit, symbol); never printed.
random_password() {
  printf 'Aa1!%s' "$(head -c 24 /dev/urandom | base64 | tr -d '\n/+=')"
}

provision() {
  local port=$1
  case "$dc" in "$dir"/dc) ;; *) fail "refusing to remove unexpected folder $dc" ;; esac
  rm -rf "$dc"
  mkdir -p "$dc/run" "$dc/log"
  : >"$dir/empty-smb.conf"
  local admin
  admin=$(random_password)
  # -s: an empty smb.conf of ours, so nothing from /etc/samba/smb.conf leaks into the domain's configuration.
  # server services = kdc: no SMB, LDAP, DNS, RPC or winbindd; kpasswd port = 0: no kpasswd service either.
  if ! samba-tool domain provision -s "$dir/empty-smb.conf" --targetdir="$dc" \
      --realm="$realm" --domain="$(printf '%s' "${realm%%.*}" | cut -c1-15)" --server-role=dc \
      --dns-backend=NONE --host-name=scbridge-dc --host-ip=127.0.0.1 --adminpass="$admin" \
      --option="netbios name=SCBRIDGEDC" \
      --option="interfaces=127.0.0.1" --option="bind interfaces only=yes" \
      --option="server services=kdc" --option="krb5 port=$port" --option="kpasswd port=0" \
      --option="pid directory=$dc/run" --option="log file=$dc/log/samba.log" \
      --option="ncalrpc dir=$dc/run/ncalrpc" --option="winbindd socket directory=$dc/run/winbindd" \
      >"$dir/provision.log" 2>&1; then
    unset admin
    skip "samba-tool domain provision failed (see $dir/provision.log)"
  fi
  unset admin
  local u
  for u in $users; do
    if ! samba-tool user add "$u" --random-password -s "$dc/etc/smb.conf" -H "$dc/private/sam.ldb" \
        >>"$dir/users.log" 2>&1; then
      fail "samba-tool user add $u failed (see $dir/users.log)"
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
  command -v samba >/dev/null || skip "samba not found after install"
  command -v samba-tool >/dev/null || skip "samba-tool not found after install"
  command -v kinit >/dev/null || skip "kinit not found after install"
  local anchor=${1:-${SCBRIDGE_SAMBA_ANCHOR:-$dir/anchor.pem}}
  local cert=${SCBRIDGE_SAMBA_CERT:-$dir/kdc.pem}
  local key=${SCBRIDGE_SAMBA_KEY:-$dir/kdc-key.pem}
  local f
  for f in "$anchor" "$cert" "$key"; do
    [ -r "$f" ] || fail "missing $f (the CA anchor, the KDC certificate and its key are the caller's, as PEM)"
  done
  anchor=$(cd "$(dirname "$anchor")" && pwd)/$(basename "$anchor")
  cert=$(cd "$(dirname "$cert")" && pwd)/$(basename "$cert")
  key=$(cd "$(dirname "$key")" && pwd)/$(basename "$key")
  local port
  port=$(pick_port) || fail "no free port in $first_port-$((first_port + 19)) on this machine"
  rm -f "$dir/users.log"
  provision "$port"
  write_krb5_conf "$port" "$anchor" "$cert" "$key"
  printf '%s\n' "$port" >"$portfile"
  rm -f "$log"
  # -i: foreground, log to standard output (our $log); -M single: one process, so $! is the whole KDC; -d 3: the
  # Heimdal KDC's reasons (UPN SAN matching, certificate checks) for tests to assert on.
  (cd "$dc" && KRB5_CONFIG=$dir/krb5.conf exec samba -i -M single -d 3 -s "$dc/etc/smb.conf" \
    >"$log" 2>&1 </dev/null) &
  local pid=$!
  echo "$pid" >"$pidfile"
  local i=0
  until kdc_listening "$port"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pidfile"
      say "FAILED: samba exited at start; its log:" >&2
      tail -40 "$log" >&2 2>/dev/null
      exit 1
    fi
    i=$((i + 1))
    if [ "$i" -ge "$start_wait" ]; then
      kill "$pid" 2>/dev/null
      rm -f "$pidfile"
      fail "samba's KDC did not listen on 127.0.0.1:$port within $((start_wait / 10)) s (see $log)"
    fi
    sleep 0.1
  done
  say "started samba (pid $pid), AD domain $realm, KDC on 127.0.0.1:$port (TCP and UDP), users: $users"
  print_env
}

print_env() {
  printf 'export KRB5_CONFIG=%s\n' "$dir/krb5.conf"
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
