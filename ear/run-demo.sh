#!/usr/bin/env bash
# README command 1: builds the demo EAR, unpacks WildFly (from Maven Central), configures it with
# server-config/ the way an administrator would, deploys the EAR with its vendor sandbox, and
# leaves the server running with the demo page at http://127.0.0.1:8080/shop/.
#
#   ear/run-demo.sh [settings.properties]  build, configure, start (the demo server of an earlier run
#                                      is stopped first); settings default to server-config/demo.properties
#   ear/run-demo.sh --stop                 stop the demo server
#
# Everything goes under target/demo/ (server, logs); nothing outside the checkout is touched, and
# only the WildFly this script unpacked is ever stopped.
set -euo pipefail

settings=${1:-}
if [ -n "$settings" ] && [ "$settings" != "--stop" ]; then
  [ -r "$settings" ] || { echo "cannot read $settings" >&2; exit 2; }
  settings=$(cd "$(dirname "$settings")" && pwd)/$(basename "$settings") # before the cd below
fi
cd "$(dirname "$0")/.."
[ -n "$settings" ] || settings=$PWD/server-config/demo.properties

wildfly_version=39.0.1.Final
demo_dir=$PWD/target/demo
wildfly_home=$demo_dir/wildfly-$wildfly_version
page=http://127.0.0.1:8080/shop/
ports=(8080 8081 8082 8083 9990)

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# stops the server on the management port only if it is the one under target/demo
stop_server() {
  [ -x "$wildfly_home/bin/jboss-cli.sh" ] || return 0
  local home
  home=$("$wildfly_home/bin/jboss-cli.sh" --connect \
    --command='/core-service=server-environment:read-attribute(name=home-dir)' 2>/dev/null \
    | sed -n 's/.*"result" => "\(.*\)".*/\1/p') || true
  [ "$home" = "$wildfly_home" ] || return 0
  echo "stopping the demo server"
  "$wildfly_home/bin/jboss-cli.sh" --connect --command=shutdown >/dev/null
  for _ in $(seq 1 30); do
    port_in_use 8080 || port_in_use 9990 || return 0
    sleep 1
  done
}

if [ "$settings" = "--stop" ]; then
  stop_server
  exit 0
fi

source tools/ensure-java-maven.sh
stop_server
for port in "${ports[@]}"; do
  if port_in_use "$port"; then
    echo "port $port is in use by another program (the demo needs ${ports[*]}); stop it and run ear/run-demo.sh again" >&2
    exit 1
  fi
done

# Maven's own output goes to a log, shown when a step fails
maven() {
  if ! mvn -B -q "$@" > "$demo_dir/maven.log" 2>&1; then
    tail -n 40 "$demo_dir/maven.log" >&2
    echo "Maven failed; the whole output is in $demo_dir/maven.log" >&2
    exit 1
  fi
}

mkdir -p "$demo_dir"
echo "[1/4] building the demo EAR"
maven package -DskipTests -pl ear/archive -am

echo "[2/4] unpacking WildFly $wildfly_version"
rm -rf "$wildfly_home"
maven org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
  -Dartifact=org.wildfly:wildfly-dist:$wildfly_version:zip -DoutputDirectory="$demo_dir" \
  -Dmdep.overWriteReleases=true -DmarkersDirectory="$demo_dir/markers"

echo "[3/4] configuring it with server-config/wildfly ($settings, sandbox ports)"
# the script prints no secret, but its log is the administrator's only all the same (umask)
if ! (umask 077 && server-config/wildfly/configure.sh "$wildfly_home" "$settings" --offline \
  --cli server-config/wildfly/sandbox-listeners.cli > "$demo_dir/configure.log" 2>&1); then
  cat "$demo_dir/configure.log" >&2
  exit 1
fi

echo "[4/4] deploying the EAR and starting WildFly"
cp ear/archive/target/tollgate-demo.ear "$wildfly_home/standalone/deployments/"
nohup setsid "$wildfly_home/bin/standalone.sh" > "$demo_dir/server.out" 2>&1 < /dev/null &
for _ in $(seq 1 120); do
  if [ -e "$wildfly_home/standalone/deployments/tollgate-demo.ear.deployed" ]; then
    break
  fi
  if [ -e "$wildfly_home/standalone/deployments/tollgate-demo.ear.failed" ]; then
    echo "the EAR failed to deploy:" >&2
    cat "$wildfly_home/standalone/deployments/tollgate-demo.ear.failed" >&2
    exit 1
  fi
  sleep 1
done
# the first look at the page (plain bash, no curl needed): it calls every vendor once
status=$( (exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /shop/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && head -1 <&3) || true)
if [[ $status != *" 200"* ]]; then
  echo "the demo page answered '${status%$'\r'}'; see $wildfly_home/standalone/log/server.log" >&2
  exit 1
fi

cat <<DONE

Tollgate demo running: $page
  onboard a merchant with a TaxJar API token (the sandbox issues them at
  http://127.0.0.1:8083/sandbox/taxjar-app/sign_up), install the demo as a BigCommerce app on a
  new store of the sandbox and uninstall it, then each vendor's call and the shared token cache;
  reload to call again.
  JSON: ${page}api/calls, ${page}api/cache; the back office: http://127.0.0.1:8080/backoffice/api/calls
  server log: $wildfly_home/standalone/log/server.log
  stop it:    ear/run-demo.sh --stop   (before running the tests: they start servers on the same ports)
DONE
