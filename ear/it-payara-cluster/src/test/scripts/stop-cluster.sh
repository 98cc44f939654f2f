#!/usr/bin/env bash
# After the cluster tests: stops both domains start-cluster.sh started (node1 may be dead already:
# NodeKilledIT kills it). A domain that does not stop is killed.
# usage: stop-cluster.sh <payara-home>
set -uo pipefail
asadmin=$1/bin/asadmin
status=0
for domain in domain1 node2; do
  if ! "$asadmin" stop-domain "$domain"; then
    "$asadmin" stop-domain --kill=true "$domain" || status=1
  fi
done
exit "$status"
