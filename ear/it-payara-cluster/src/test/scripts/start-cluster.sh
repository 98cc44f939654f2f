#!/usr/bin/env bash
# Before the cluster tests: two Payara domains on 127.0.0.1 made into a cluster as an administrator
# makes one of two servers, with server-config/payara (cluster.sh joins their Data Grids,
# configure.sh applies Tollgate's settings), and left running for the tests (Arquillian connects to
# them; stop-cluster.sh stops them afterwards):
#   node1  the unpacked domain1: admin 4848, HTTP 8080, Data Grid 4900
#   node2  a domain made here, port base 9100: admin 9148, HTTP 9180, Data Grid 9149
# Each domain gets a random master password of its own (the configure script refuses to store
# secrets under Payara's default). cluster.sh's script test runs on node2 before it joins.
# Whatever fails, the domains started here are stopped.
# usage: start-cluster.sh <payara-home> <server-config-dir> <script-test-work-dir> <settings.properties>...
set -euo pipefail
umask 077
payara_home=$1
server_config=$2
script_tests=$3
shift 3
settings=("$@")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
asadmin=$payara_home/bin/asadmin
domains=$payara_home/glassfish/domains
members=127.0.0.1:4900,127.0.0.1:9149
started=()
tmp=$(mktemp -d)

finish() {
  local status=$?
  rm -rf "$tmp"
  if [ "$status" -ne 0 ]; then
    for domain in "${started[@]}"; do
      "$asadmin" stop-domain "$domain" || true
    done
  fi
}
trap finish EXIT

elapsed() {
  echo "start-cluster: $1 after $SECONDS s"
}

random_password() {
  head -c 24 /dev/urandom | base64 | tr -d '/+=\n'
}

# a fresh node2 each run (domain1 is unpacked afresh); no master password saved by an earlier run
rm -rf "$domains/node2"
rm -f "$domains/domain1/config/master-password"
printf 'AS_ADMIN_MASTERPASSWORD=changeit\nAS_ADMIN_NEWMASTERPASSWORD=%s\n' "$(random_password)" > "$tmp/domain1"
printf 'AS_ADMIN_PASSWORD=\nAS_ADMIN_MASTERPASSWORD=%s\n' "$(random_password)" > "$tmp/node2"
# side by side: creating a domain takes a while (its keys)
"$asadmin" --user admin --passwordfile "$tmp/node2" create-domain --portbase 9100 --savemasterpassword=true node2 \
  > "$tmp/create-node2.log" 2>&1 &
creating=$!
"$asadmin" --passwordfile "$tmp/domain1" change-master-password --savemasterpassword=true domain1
wait "$creating" || { cat "$tmp/create-node2.log" >&2; exit 1; }
rm -f "$tmp/domain1" "$tmp/node2"
elapsed "domains ready"

started=(domain1 node2)
"$asadmin" start-domain domain1 &
starting1=$!
"$asadmin" start-domain node2 &
starting2=$!
wait "$starting1"
wait "$starting2"
elapsed "both domains started"

bash "$here/cluster-script-test.sh" "$payara_home" "$server_config" "$script_tests" 9148
elapsed "cluster.sh tested"

for port in 4848 9148; do
  domain_dir=$domains/domain1
  [ "$port" = 9148 ] && domain_dir=$domains/node2
  if [ ${#settings[@]} -gt 0 ]; then
    # one web module per EAR in these tests: no need for the combined-CDI option (and its restart)
    bash "$server_config/payara/configure.sh" "$payara_home" "${settings[@]}" --port "$port" \
      --domain-dir "$domain_dir" --no-ear-combined-cdi
  fi
  "$asadmin" --port "$port" set-log-levels dev.tollgate=FINEST
  bash "$server_config/payara/cluster.sh" "$payara_home" --members "$members" --cluster-name tollgate-it \
    --bind-address 127.0.0.1 --host-aware-partitioning false --port "$port"
done
elapsed "both domains configured"

# the Data Grids restarted with the new settings: wait until each sees both members
for port in 4848 9148; do
  for _ in $(seq 1 120); do
    members_seen=$("$asadmin" --port "$port" list-hazelcast-cluster-members 2>/dev/null | grep -c ' DAS ' || true)
    [ "$members_seen" -ge 2 ] && break
    sleep 0.5
  done
  if [ "$members_seen" -lt 2 ]; then
    echo "the domain at admin port $port sees $members_seen Data Grid members, not 2:" >&2
    "$asadmin" --port "$port" list-hazelcast-cluster-members >&2 || true
    exit 1
  fi
done
elapsed "one Data Grid of two members"
