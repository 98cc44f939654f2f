#!/usr/bin/env bash
# Demo only: the vendor sandbox's own HTTP ports and its own thread pool, as a real vendor is
# another host with its own threads: "sandbox" (8083) stands in for the vendors' API hosts,
# "sandbox-payments" (8081) for BigCommerce's payments host and "sandbox-storefront" (8082) for a
# store's storefront host (Tollgate sends each host its own kind of credential and tells them
# apart by origin, so they cannot share a port). The application calls the sandbox from its
# request threads and waits for the answer: if the sandbox answered on the same thread pool, a
# busy application would hold every thread waiting for an answer that no free thread is left to
# give. So the three listeners run on "sandbox-thread-pool", which serves nothing else.
# The listeners serve the default virtual server ("server"), where the demo EAR is deployed, on
# 127.0.0.1 only: a stand-in for vendors has no business on the network.
#
# usage: sandbox-listeners.sh <payara-home> [--port <admin-port>] [--host <admin-host>]
#                             [--user <admin-user>] [--passwordfile <admin-password-file>]
#                             [<payments-port> [<storefront-port> [<api-port>]]]
# Defaults: admin port 4848 on localhost, payments port 8081, storefront port 8082, API port 8083.
# Re-runnable: a listener that exists is moved to the requested port if needed, and put on the
# sandbox thread pool; the pool is made once.
# configure.sh --sandbox-listeners sources this file and runs the same commands in its own
# asadmin session, with the ports taken from the properties file's BigCommerce URLs.
#
# Mind the port base: a domain created with --portbase B listens for HTTPS on B+81, which is the
# payments port of a demo shifted to B+80 (move http-listener-2 first).

# what the commands below read: the listeners' ports and the thread pools (asadmin get takes one
# pattern at a time)
sandbox_get_patterns() {
  printf '%s\n' 'configs.config.server-config.network-config.network-listeners.network-listener.*.port' \
    'configs.config.server-config.thread-pools.thread-pool.*'
}

sandbox_thread_pool=sandbox-thread-pool

# prints the asadmin command that makes the sandbox's thread pool, unless the output of
# "asadmin get" for each of sandbox_get_patterns shows it exists
sandbox_thread_pool_commands() {
  if ! grep -q "^configs\.config\.server-config\.thread-pools\.thread-pool\.$sandbox_thread_pool\." "$1"; then
    # as many threads as WildFly's default worker on two cores: enough for the demo's load
    echo "create-threadpool --maxthreadpoolsize 32 --minthreadpoolsize 2 $sandbox_thread_pool"
  fi
}

# the network listeners of server-config, as "name port" lines, from the output of
#   asadmin get for each of sandbox_get_patterns
sandbox_listener_ports() {
  sed -n 's/^configs\.config\.server-config\.network-config\.network-listeners\.network-listener\.\(.*\)\.port=\(.*\)$/\1 \2/p' "$1"
}

# prints the asadmin commands that give listener <name> port <port> and the sandbox's thread pool,
# given the "name port" lines of the existing listeners; fails if another listener already has
# that port
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
  echo "set configs.config.server-config.network-config.network-listeners.network-listener.$name.thread-pool=$sandbox_thread_pool"
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
  usage="usage: $0 <payara-home> [--port <admin-port>] [--host <admin-host>] [--user <admin-user>] [--passwordfile <file>] [<payments-port> [<storefront-port> [<api-port>]]]"
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
  [ ${#ports[@]} -le 3 ] || { echo "$usage" >&2; exit 2; }
  payments_port=${ports[0]:-8081}
  storefront_port=${ports[1]:-8082}
  api_port=${ports[2]:-8083}
  sandbox_listeners_check_port "$payments_port"
  sandbox_listeners_check_port "$storefront_port"
  sandbox_listeners_check_port "$api_port"
  asadmin=$payara_home/bin/asadmin
  [ -x "$asadmin" ] || { echo "no Payara at $payara_home (bin/asadmin missing)" >&2; exit 2; }

  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  while IFS= read -r pattern; do
    "$asadmin" "${admin[@]}" get "$pattern"
  done < <(sandbox_get_patterns) > "$tmp/get.out"
  sandbox_listener_ports "$tmp/get.out" > "$tmp/listeners"
  {
    sandbox_thread_pool_commands "$tmp/get.out"
    sandbox_listener_commands "$tmp/listeners" sandbox "$api_port"
    sandbox_listener_commands "$tmp/listeners" sandbox-payments "$payments_port"
    sandbox_listener_commands "$tmp/listeners" sandbox-storefront "$storefront_port"
  } > "$tmp/commands"
  if [ -s "$tmp/commands" ]; then
    while IFS= read -r command; do
      # shellcheck disable=SC2086 # the generated commands are plain words
      "$asadmin" "${admin[@]}" $command
    done < "$tmp/commands"
  fi
  echo "sandbox listeners on $sandbox_thread_pool: sandbox on $api_port, sandbox-payments on $payments_port, sandbox-storefront on $storefront_port"
fi
