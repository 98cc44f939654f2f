#!/usr/bin/env bash
# Demo only: two more HTTP ports for the vendor sandbox, standing in for BigCommerce's payments
# host (8081) and a store's storefront host (8082). Tollgate sends each host its own kind of
# credential and tells them apart by origin, so they cannot share the server's HTTP port.
# The listeners serve the default virtual server ("server"), where the demo EAR is deployed, on
# 127.0.0.1 only: a stand-in for vendors has no business on the network.
#
# usage: sandbox-listeners.sh <payara-home> [--port <admin-port>] [--host <admin-host>]
#                             [--user <admin-user>] [--passwordfile <admin-password-file>]
#                             [<payments-port> [<storefront-port>]]
# Defaults: admin port 4848 on localhost, payments port 8081, storefront port 8082.
# Re-runnable: a listener that exists is moved to the requested port if needed, else left alone.
# configure.sh --sandbox-listeners sources this file and runs the same commands in its own
# asadmin session, with the ports taken from the properties file's BigCommerce URLs.
#
# Mind the port base: a domain created with --portbase B listens for HTTPS on B+81, which is the
# payments port of a demo shifted to B+80 (move http-listener-2 first).

# the network listeners of server-config, as "name port" lines, from the output of
#   asadmin get 'configs.config.server-config.network-config.network-listeners.network-listener.*.port'
sandbox_listener_ports() {
  sed -n 's/^configs\.config\.server-config\.network-config\.network-listeners\.network-listener\.\(.*\)\.port=\(.*\)$/\1 \2/p' "$1"
}

# prints the asadmin commands that give listener <name> port <port>, given the "name port" lines
# of the existing listeners; fails if another listener already has that port
sandbox_listener_commands() {
  local existing=$1 name=$2 port=$3 current other
  current=$(awk -v n="$name" '$1 == n { print $2 }' "$existing")
  other=$(awk -v n="$name" -v p="$port" '$1 != n && $2 == p { print $1 }' "$existing")
  if [ -n "$other" ]; then
    echo "port $port is already taken by the network listener $other; choose another port for $name" >&2
    return 3
  fi
  if [ -z "$current" ]; then
    echo "create-http-listener --listeneraddress 127.0.0.1 --listenerport $port --defaultvs server $name"
  elif [ "$current" != "$port" ]; then
    echo "set configs.config.server-config.network-config.network-listeners.network-listener.$name.port=$port"
  fi
}

sandbox_listeners_check_port() {
  [[ $1 =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le 65535 ] || {
    echo "not a port number: $1" >&2
    return 2
  }
}

# executed, not sourced
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  usage="usage: $0 <payara-home> [--port <admin-port>] [--host <admin-host>] [--user <admin-user>] [--passwordfile <file>] [<payments-port> [<storefront-port>]]"
  [ $# -ge 1 ] || { echo "$usage" >&2; exit 2; }
  payara_home=$1
  shift
  admin=()
  ports=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --port | --host | --user | --passwordfile)
        [ $# -ge 2 ] || { echo "$1 needs a value" >&2; echo "$usage" >&2; exit 2; }
        admin+=("$1" "$2")
        shift 2
        ;;
      -*) echo "unknown option $1" >&2; echo "$usage" >&2; exit 2 ;;
      *) ports+=("$1"); shift ;;
    esac
  done
  [ ${#ports[@]} -le 2 ] || { echo "$usage" >&2; exit 2; }
  payments_port=${ports[0]:-8081}
  storefront_port=${ports[1]:-8082}
  sandbox_listeners_check_port "$payments_port"
  sandbox_listeners_check_port "$storefront_port"
  asadmin=$payara_home/bin/asadmin
  [ -x "$asadmin" ] || { echo "no Payara at $payara_home (bin/asadmin missing)" >&2; exit 2; }

  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  "$asadmin" "${admin[@]}" get 'configs.config.server-config.network-config.network-listeners.network-listener.*.port' > "$tmp/get.out"
  sandbox_listener_ports "$tmp/get.out" > "$tmp/listeners"
  {
    sandbox_listener_commands "$tmp/listeners" sandbox-payments "$payments_port"
    sandbox_listener_commands "$tmp/listeners" sandbox-storefront "$storefront_port"
  } > "$tmp/commands"
  if [ -s "$tmp/commands" ]; then
    while IFS= read -r command; do
      # shellcheck disable=SC2086 # the generated commands are plain words
      "$asadmin" "${admin[@]}" $command
    done < "$tmp/commands"
  fi
  echo "sandbox listeners: sandbox-payments on $payments_port, sandbox-storefront on $storefront_port"
fi
