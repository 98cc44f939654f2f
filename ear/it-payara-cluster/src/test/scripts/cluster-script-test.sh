#!/usr/bin/env bash
# Tests of server-config/payara/cluster.sh against a running Payara domain (before it is joined to
# the cluster for the tests, which then show that the Data Grids it joins form one cluster):
# values the Data Grid could not take are refused, naming the option, with nothing applied; a
# disabled Data Grid is enabled and set to find its members by TCP/IP from the list, and the
# MicroProfile Config cache (which would keep resolved secrets in memory) turned off; a re-run
# replaces the list, and leaves the cache alone when told to.
# usage: cluster-script-test.sh <payara-home> <server-config-dir> <work-dir> <admin-port>
set -euo pipefail
umask 077
payara_home=$1
server_config=$2
work=$3
port=$4
cluster=$server_config/payara/cluster.sh
asadmin=$payara_home/bin/asadmin
. "$server_config/test/script-test-lib.sh"
mkdir -p "$work"

# the domain's configuration as the tests compare it
domain_state() {
  "$asadmin" --port "$port" get-hazelcast-configuration | sha256sum
}

# cluster <output> <options...>
cluster() {
  local status=0 out=$1
  shift
  bash "$cluster" "$payara_home" --port "$port" "$@" > "$out" 2>&1 || status=$?
  return "$status"
}

# the value of one property of get-hazelcast-configuration, as it prints it
data_grid() {
  "$asadmin" --port "$port" get-hazelcast-configuration | sed -n "s/^$1  *\([^ ]*\).*/\1/p"
}

# true when the DAS's MicroProfile Config cache lasts $1 seconds (there is no get-config-cache)
config_cache_is() {
  config_cache | grep -qx "$1"
}

config_cache() {
  "$asadmin" --port "$port" get configs.config.server-config.microprofile-config.cache-duration-seconds \
    | sed -n 's/^configs.config.server-config.microprofile-config.cache-duration-seconds=//p'
}

refuses_what_the_data_grid_could_not_take() {
  local before status bad option out=$work/refused.out
  before=$(domain_state)
  while IFS='|' read -r option bad; do
    status=0
    if [ "$option" = --members ]; then
      cluster "$out" --members "$bad" || status=$?
    else
      cluster "$out" --members 127.0.0.1:4900,127.0.0.1:9149 "$option" "$bad" || status=$?
    fi
    [ "$status" -eq 2 ] || fail "$option '$bad' was not refused (exit $status)"
    grep -qF -- "$option" "$out" || fail "the refusal of $option '$bad' does not name it: $(head -2 "$out")"
  done <<'VALUES'
--members|
--members|127.0.0.1
--members|127.0.0.1:0
--members|127.0.0.1:65536
--members|127.0.0.1:4900;touch /tmp/x
--members|127.0.0.1:4900,
--members|127.0.0.1:4900,,127.0.0.1:9149
--members|-v:4900
--members| 127.0.0.1:4900
--cluster-name|two words
--cluster-name|-x
--bind-address|localhost
--bind-address|127.0.0.1,10.0.0.1
--host-aware-partitioning|yes
VALUES
  [ "$before" = "$(domain_state)" ] || fail "a refused run changed the Data Grid's configuration"
}

enables_the_data_grid_and_lists_its_members() {
  local out=$work/applied.out
  "$asadmin" --port "$port" set-hazelcast-configuration --enabled=false --dynamic=true > /dev/null
  cluster "$out" --members 127.0.0.1:4900,127.0.0.1:9149 --cluster-name script-test \
    --bind-address 127.0.0.1 --host-aware-partitioning false || fail "refused: $(cat "$out")"
  [ "$(data_grid Enabled)" = true ] || fail "the Data Grid is not enabled"
  [ "$(data_grid 'Cluster Mode')" = tcpip ] || fail "cluster mode $(data_grid 'Cluster Mode')"
  [ "$(data_grid 'Tcpip Members')" = 127.0.0.1:4900,127.0.0.1:9149 ] || fail "members $(data_grid 'Tcpip Members')"
  [ "$(data_grid 'Cluster Name')" = script-test ] || fail "cluster name $(data_grid 'Cluster Name')"
  [ "$(data_grid 'Host Aware Partitioning')" = false ] || fail "host-aware partitioning still on"
  [ "$(data_grid Interfaces)" = 127.0.0.1 ] || fail "interfaces $(data_grid Interfaces)"
  [ "$(data_grid 'DAS Bind Address')" = 127.0.0.1 ] || fail "DAS bind address $(data_grid 'DAS Bind Address')"
  config_cache_is 0 || fail "the MicroProfile Config cache lasts $(config_cache) s"
}

a_rerun_replaces_the_members() {
  local out=$work/rerun.out
  "$asadmin" --port "$port" set-config-cache --duration=60 > /dev/null
  cluster "$out" --members 127.0.0.1:4900,127.0.0.1:9149,127.0.0.1:9249 --cluster-name script-test \
    --bind-address 127.0.0.1 --host-aware-partitioning false --keep-config-cache || fail "refused: $(cat "$out")"
  config_cache_is 60 || fail "--keep-config-cache changed the cache to $(config_cache) s"
  [ "$(data_grid 'Tcpip Members')" = 127.0.0.1:4900,127.0.0.1:9149,127.0.0.1:9249 ] \
    || fail "members $(data_grid 'Tcpip Members')"
}

run_tests refuses_what_the_data_grid_could_not_take enables_the_data_grid_and_lists_its_members \
  a_rerun_replaces_the_members
