#!/usr/bin/env bash
# Before the tests: gives the unpacked domain its own master password (Payara's default
# "changeit" protects nothing, and the administrators' script refuses to store secrets under it),
# starts the domain (password aliases are created through a running DAS), runs the script tests,
# applies the administrators' script with the demo settings, the sandbox's ports and the tests' own
# keys, sets Tollgate's log to FINEST, has the sandbox note what it issues in <issued-tokens.txt>
# (emptied, the owner's only; scanned for after the tests), and stops the domain again, whatever happened: Arquillian's
# managed container starts it for the tests.
# usage: prepare-domain.sh <payara-home> <server-config-dir> <it.properties> <signing.properties> <script-test-work-dir> <postgresql-jdbc.jar> <issued-tokens.txt>
#   signing.properties: the signing client's key store path and password, made for the run (ear/pom.xml, signing-key)
set -euo pipefail
# the domain's alias store, master password file and logs are its owner's only
umask 077
payara_home=$1
server_config=$2
it_properties=$3
signing_properties=$4
script_tests=$5
driver_jar=$6
issued_tokens=$7
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
asadmin=$payara_home/bin/asadmin

bash "$here/configure-script-test.sh" "$payara_home" "$server_config" "$script_tests" stopped

# a random master password, kept by Payara in domain1/master-password (mode 600) so that the
# domain starts unattended; the file that carries it to asadmin is deleted at once
# (a saved master password left by an earlier run would be taken for the current one: the
# unpacked zip has none)
rm -f "$payara_home/glassfish/domains/domain1/config/master-password"
# nor the PostgreSQL driver an earlier run's script tests put in the domain's lib/ (the tests expect
# the script to add it, and to ask for a restart)
rm -f "$payara_home/glassfish/domains/domain1/lib/tollgate-postgresql-jdbc.jar"
master=$(mktemp)
trap 'rm -f "$master"' EXIT
printf 'AS_ADMIN_MASTERPASSWORD=changeit\nAS_ADMIN_NEWMASTERPASSWORD=%s\n' \
  "$(head -c 24 /dev/urandom | base64 | tr -d '/+=\n')" > "$master"
"$asadmin" --passwordfile "$master" change-master-password --savemasterpassword=true domain1
rm -f "$master"

"$asadmin" start-domain domain1
trap '"$asadmin" stop-domain domain1' EXIT
bash "$here/configure-script-test.sh" "$payara_home" "$server_config" "$script_tests" running "$driver_jar"
bash "$server_config/payara/configure.sh" "$payara_home" "$server_config/demo.properties" "$it_properties" "$signing_properties" --sandbox-listeners
"$asadmin" set-log-levels dev.tollgate=FINEST
rm -f "$issued_tokens"
: > "$issued_tokens"
# a colon separates JVM options in asadmin: escaped
"$asadmin" create-jvm-options "-Dtollgate.test.issued-tokens=${issued_tokens//:/\\:}"
