#!/usr/bin/env bash
# Before the tests: starts the unpacked domain (password aliases are created through a running
# DAS), applies the administrators' script with the demo settings and the sandbox's ports, then
# the tests' own keys, sets Tollgate's log to FINEST, and stops the domain again, whatever
# happened: Arquillian's managed container starts it for the tests.
# usage: prepare-domain.sh <payara-home> <server-config-dir> <it.properties>
set -euo pipefail
payara_home=$1
server_config=$2
it_properties=$3
asadmin=$payara_home/bin/asadmin

"$asadmin" start-domain domain1
trap '"$asadmin" stop-domain domain1' EXIT
bash "$server_config/payara/configure.sh" "$payara_home" "$server_config/demo.properties" --sandbox-listeners
bash "$server_config/payara/configure.sh" "$payara_home" "$it_properties"
"$asadmin" set-log-levels dev.tollgate=FINEST
