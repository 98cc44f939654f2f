#!/usr/bin/env bash
# Joins a Payara domain's Data Grid (the Hazelcast member every Payara JVM runs, on by default) to
# the other servers of a cluster, so that Tollgate's credentials are shared between them
# (tollgate.cache=cluster; Tollgate uses the IMap tollgate.cache.hazelcast-map, default
# tollgate-credentials, which needs no configuration of its own: Payara's default map keeps one
# backup on another member, so a server that dies takes no entry with it).
#
# It sets the Data Grid to find its members by TCP/IP from a fixed list (no multicast, which
# clouds and container networks rarely carry), under a cluster name of the servers' own (so that
# no other Payara on the network joins them), enables it if it was disabled, and applies it at
# once (--dynamic=true: the Data Grid restarts, the domain keeps running).
#
# It also turns off Payara's MicroProfile Config cache (set-config-cache --duration=0): the cache
# keeps every value an application has read, password aliases resolved, in the clear in the
# server's memory, so a heap dump of a server that never used a client would still show the
# client's secret. In a cluster, whose point is that a server holds no secret of a credential it
# only received from the others, that is not wanted. The price: each value read goes to its config
# source again (Tollgate reads its settings when it binds a client and when it fetches a
# credential). --keep-config-cache leaves the cache as it is.
#
# usage: cluster.sh <payara-home> --members <host:port>[,<host:port>...] [--cluster-name <name>]
#                   [--bind-address <ip>] [--host-aware-partitioning true|false] [--keep-config-cache]
#                   [--port <admin-port>] [--host <admin-host>] [--user <admin-user>]
#                   [--passwordfile <admin-password-file>]
#   --members   every server's Data Grid address: its host and the DAS's Data Grid port (4900, or
#               the domain's --portbase + 49), the same list on every server.
#   --cluster-name  default tollgate; every server gives the same.
#   --bind-address  the one address the Data Grid listens and is reached on (default: Payara
#               chooses among the machine's interfaces).
#   --host-aware-partitioning  default true (Payara's): a backup is kept on another host, so that
#               a host that dies loses nothing. Servers on ONE host (a test on loopback) need
#               false, or no backup is kept at all. Every server must give the same value: a member
#               whose setting differs from the cluster's shuts its Data Grid down when it joins.
#   --port, --host, --user, --passwordfile  how to reach the DAS (asadmin's defaults: localhost:4848).
# A value the Data Grid could not take is refused before anything is applied. Re-runnable.
set -euo pipefail

usage="usage: $0 <payara-home> --members <host:port>[,<host:port>...] [--cluster-name <name>] [--bind-address <ip>] [--host-aware-partitioning true|false] [--keep-config-cache] [--port <admin-port>] [--host <admin-host>] [--user <admin-user>] [--passwordfile <admin-password-file>]"
if [ $# -lt 1 ]; then
  echo "$usage" >&2
  exit 2
fi
payara_home=$1
shift
members=
cluster_name=tollgate
bind_address=
host_aware=true
admin=()
config_cache=off
while [ $# -gt 0 ]; do
  if [ "$1" = --keep-config-cache ]; then
    config_cache=kept
    shift
    continue
  fi
  [ $# -ge 2 ] || { echo "$1 needs a value" >&2; echo "$usage" >&2; exit 2; }
  case "$1" in
    --members) members=$2 ;;
    --cluster-name) cluster_name=$2 ;;
    --bind-address) bind_address=$2 ;;
    --host-aware-partitioning) host_aware=$2 ;;
    --port | --host | --user) admin+=("$1" "$2") ;;
    --passwordfile)
      [ -r "$2" ] || { echo "cannot read $2" >&2; exit 2; }
      admin+=("$1" "$2")
      ;;
    *) echo "unknown argument $1" >&2; echo "$usage" >&2; exit 2 ;;
  esac
  shift 2
done
asadmin=$payara_home/bin/asadmin
[ -x "$asadmin" ] || { echo "no Payara at $payara_home (bin/asadmin missing)" >&2; exit 2; }

# checked here, as asadmin takes most values as they come and the Data Grid fails at its start
[ -n "$members" ] || { echo "--members is required: every server's host:port, comma-separated" >&2; exit 2; }
host_pattern='[A-Za-z0-9]([A-Za-z0-9.-]{0,252}[A-Za-z0-9])?'
case "$members" in
  ,* | *, | *,,*) echo "--members: an empty entry in '$members'" >&2; exit 2 ;;
esac
IFS=, read -r -a member_list <<< "$members"
for member in "${member_list[@]}"; do
  if ! [[ $member =~ ^${host_pattern}:([0-9]{1,5})$ ]] || [ "${BASH_REMATCH[2]}" -lt 1 ] || [ "${BASH_REMATCH[2]}" -gt 65535 ]; then
    echo "--members: '$member' is not host:port (a host name or IPv4 address, a port 1 to 65535)" >&2
    exit 2
  fi
done
[ ${#member_list[@]} -ge 2 ] || echo "note: --members lists one server; the others must list it too" >&2
[[ $cluster_name =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ ]] \
  || { echo "--cluster-name: letters, digits, '.', '-', '_', up to 64" >&2; exit 2; }
if [ -n "$bind_address" ] && ! [[ $bind_address =~ ^([0-9]{1,3}\.){3}[0-9]{1,3}$ ]]; then
  echo "--bind-address: an IPv4 address of this machine, such as 10.0.0.5" >&2
  exit 2
fi
case "$host_aware" in
  true | false) ;;
  *) echo "--host-aware-partitioning: true or false" >&2; exit 2 ;;
esac

options=(--enabled=true --dynamic=true --clustermode=tcpip "--tcpipmembers=$members"
  "--clustername=$cluster_name" "--hostawarepartitioning=$host_aware")
if [ -n "$bind_address" ]; then
  options+=("--interfaces=$bind_address" "--dasbindaddress=$bind_address")
fi
"$asadmin" "${admin[@]}" set-hazelcast-configuration "${options[@]}"
if [ "$config_cache" = off ]; then
  "$asadmin" "${admin[@]}" set-config-cache --duration=0
fi
echo "the Data Grid finds its members at $members (cluster '$cluster_name'); set tollgate.cache=cluster in Tollgate's settings to share credentials through it"
