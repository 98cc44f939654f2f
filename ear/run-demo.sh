#!/usr/bin/env bash
# README command 1: builds the demo EAR, unpacks WildFly (from Maven Central), configures it with
# server-config/ the way an administrator would, deploys the EAR with its vendor sandbox, and
# leaves the server running with the demo page at http://127.0.0.1:8080/shop/.
#
# Everything goes under target/demo/ (server, logs); nothing outside the checkout is touched, and
# only the WildFly this script unpacked is ever stopped.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: ear/run-demo.sh [settings.properties]   build, configure and start the demo (the demo server of
                                               an earlier run is stopped first); settings default to
                                               server-config/demo.properties
       ear/run-demo.sh --status                whether the demo server runs, its page, and Tollgate's
                                               readiness (UP, or DOWN with each rejected or cooling-down
                                               credential)
       ear/run-demo.sh --logs                  follow the demo server's log (Ctrl-C to stop following)
       ear/run-demo.sh --stop                  stop the demo server
       ear/run-demo.sh --help                  this text
USAGE
}

action=start
settings=
# no argument: the default settings; an empty one ("$SETTINGS" unset or mistyped) is a file name
# that cannot be read, not a request for the defaults
[ $# -eq 0 ] || case "$1" in
  --help|-h) usage; exit 0 ;;
  --status|--logs|--stop) action=${1#--}; [ $# -le 1 ] || { echo "${1} takes no argument" >&2; usage >&2; exit 2; } ;;
  -*) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  "") echo "cannot read '' (an empty settings file name; without an argument the demo uses server-config/demo.properties)" >&2; exit 2 ;;
  *)
    [ $# -le 1 ] || { echo "one settings file at most" >&2; usage >&2; exit 2; }
    [ -r "$1" ] || { echo "cannot read $1" >&2; exit 2; }
    settings=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") # before the cd below
    ;;
esac
cd "$(dirname "$0")/.."
[ -n "$settings" ] || settings=$PWD/server-config/demo.properties

wildfly_version=39.0.1.Final
demo_dir=$PWD/target/demo
wildfly_home=$demo_dir/wildfly-$wildfly_version
server_log=$wildfly_home/standalone/log/server.log
page=http://127.0.0.1:8080/shop/
ports=(8080 8081 8082 8083 9990)

# How the demo's WildFly starts: the one place to change it. The system property is the demo's
# sandbox's, not Tollgate's: the billing client's OAuth2 tokens live 30 s, so that the page shows
# one turn stale and be renewed in the background within a minute (refresh-before is at most
# half the lifetime); the other vendors' tokens live as long as at the vendors.
start_wildfly() {
  nohup setsid "$wildfly_home/bin/standalone.sh" -Dsandbox.billing.token-lifetime=PT30S \
    > "$demo_dir/server.out" 2>&1 < /dev/null &
  server_pid=$!
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# GET on the demo's HTTP port (plain bash, no curl needed): the status line, then the body
http_get() {
  local path=$1 accept=${2:-text/html}
  (exec 3<>/dev/tcp/127.0.0.1/8080 \
    && printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: %s\r\n\r\n' "$path" "$accept" >&3 \
    && tr -d '\r' <&3) 2>/dev/null || true
}

# the home directory of the WildFly answering on the management port, if any
running_home() {
  [ -x "$wildfly_home/bin/jboss-cli.sh" ] || return 0
  "$wildfly_home/bin/jboss-cli.sh" --connect \
    --command='/core-service=server-environment:read-attribute(name=home-dir)' 2>/dev/null \
    | sed -n 's/.*"result" => "\(.*\)".*/\1/p' || true
}

# stops the server on the management port only if it is the one under target/demo
stop_server() {
  [ "$(running_home)" = "$wildfly_home" ] || return 0
  echo "stopping the demo server"
  "$wildfly_home/bin/jboss-cli.sh" --connect --command=shutdown >/dev/null
  for _ in $(seq 1 30); do
    port_in_use 8080 || port_in_use 9990 || return 0
    sleep 1
  done
}

# stops the server this run started, also when its management interface never came up
stop_started_server() {
  stop_server
  if [ -n "${server_pid:-}" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -- -"$server_pid" 2>/dev/null || true # its own session and process group (setsid)
  fi
}

case $action in
  stop)
    stop_server
    exit 0
    ;;
  logs)
    [ -e "$server_log" ] || { echo "no demo server log yet ($server_log): run ear/run-demo.sh first" >&2; exit 1; }
    echo "following $server_log (Ctrl-C to stop following; the server keeps running)"
    exec tail -n 50 -F "$server_log"
    ;;
  status)
    if [ "$(running_home)" != "$wildfly_home" ]; then
      echo "the demo server is not running (start it with ear/run-demo.sh)"
      if port_in_use 8080; then
        echo "  another program answers on port 8080 (another WildFly or a test server?); the demo needs ${ports[*]}"
      fi
      exit 3
    fi
    echo "the demo server is running: $page"
    echo "  server log: $server_log (ear/run-demo.sh --logs)"
    answer=$(http_get /shop/api/health text/plain)
    if [[ $answer != "HTTP/1."?" 200"* ]]; then
      echo "  Tollgate's readiness: ${page}api/health answered '${answer%%$'\n'*}' (see the server log)"
      exit 1
    fi
    echo "  Tollgate's readiness: $(sed '1,/^$/d' <<< "$answer" | sed '2,$s/^/    /')"
    exit 0
    ;;
esac

started=$SECONDS
step_started=$SECONDS
step() {
  step_started=$SECONDS
  echo "[$1] $2"
}
step_done() {
  echo "      done in $((SECONDS - step_started)) s"
}

source tools/ensure-java-maven.sh
stop_server
for port in "${ports[@]}"; do
  if port_in_use "$port"; then
    echo "port $port is in use by another program (the demo needs ${ports[*]}); stop it and run ear/run-demo.sh again" >&2
    exit 1
  fi
done

# Maven's whole output goes to a log, shown when a step fails; what it downloads (the build's
# dependencies on a first run, WildFly's 261 MB) is shown as it happens
maven() {
  if ! mvn -B "$@" 2>&1 | tee "$demo_dir/maven.log" | awk '
      /^\[INFO\] Downloading from .*\.(jar|zip)$/ { sub(/^\[INFO\] Downloading from [^:]*: /, ""); n = split($0, p, "/"); print "      downloading " p[n]; fflush(); next }
      /^\[INFO\] Downloaded from / && / MB / { sub(/^\[INFO\] Downloaded from [^:]*: /, ""); n = split($1, p, "/"); $1 = ""; print "      downloaded  " p[n] $0; fflush() }'
  then
    tail -n 40 "$demo_dir/maven.log" >&2
    echo "Maven failed; the whole output is in $demo_dir/maven.log" >&2
    exit 1
  fi
}

mkdir -p "$demo_dir"
step 1/4 "building the demo EAR (Maven's log: $demo_dir/maven.log)"
maven package -DskipTests -pl ear/archive -am
step_done

step 2/4 "unpacking WildFly $wildfly_version (from Maven Central; downloaded once, 261 MB)"
rm -rf "$wildfly_home"
maven org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
  -Dartifact=org.wildfly:wildfly-dist:$wildfly_version:zip -DoutputDirectory="$demo_dir" \
  -Dmdep.overWriteReleases=true -DmarkersDirectory="$demo_dir/markers"
step_done

step 3/4 "configuring it with server-config/wildfly ($settings, sandbox ports)"
# the script prints no secret, but its log is the administrator's only all the same (umask)
if ! (umask 077 && server-config/wildfly/configure.sh "$wildfly_home" "$settings" --offline \
  --cli server-config/wildfly/sandbox-listeners.cli > "$demo_dir/configure.log" 2>&1); then
  cat "$demo_dir/configure.log" >&2
  exit 1
fi
step_done

step 4/4 "deploying the EAR and starting WildFly (its log: $server_log)"
cp ear/archive/target/tollgate-demo.ear "$wildfly_home/standalone/deployments/"
start_wildfly
deployment=$wildfly_home/standalone/deployments/tollgate-demo.ear
waited=0
until [ -e "$deployment.deployed" ]; do
  if [ -e "$deployment.failed" ] || ! kill -0 "$server_pid" 2>/dev/null || [ $waited -ge 180 ]; then
    if [ -e "$deployment.failed" ]; then
      echo "the EAR failed to deploy:" >&2
      cat "$deployment.failed" >&2
      echo >&2
    elif ! kill -0 "$server_pid" 2>/dev/null; then
      echo "WildFly stopped before the EAR was deployed; its output:" >&2
      tail -n 20 "$demo_dir/server.out" >&2
    else
      echo "the EAR was not deployed within ${waited} s" >&2
    fi
    if [ -e "$server_log" ]; then
      echo "the server log's errors ($server_log):" >&2
      grep -E '^[0-9-]+ [0-9:,]+ (ERROR|FATAL) ' "$server_log" | tail -n 20 | cut -c1-600 >&2 || echo "  (none)" >&2
    fi
    stop_started_server
    exit 1
  fi
  sleep 1
  waited=$((waited + 1))
  # a line every 15 s, so a slow first start is not taken for a hung one
  [ $((waited % 15)) -ne 0 ] || echo "      still starting ($((SECONDS - step_started)) s)"
done
step_done

# the first look at the page: it calls every vendor once
status=$(http_get /shop/ | head -1)
if [[ $status != *" 200"* ]]; then
  echo "the demo page answered '${status}'; see $server_log" >&2
  echo "the server is left running for a look; stop it with ear/run-demo.sh --stop" >&2
  exit 1
fi

cat <<DONE

Tollgate demo running (ready in $((SECONDS - started)) s): $page
  onboard a merchant with a TaxJar API token (the sandbox issues them at
  http://127.0.0.1:8083/sandbox/taxjar-app/sign_up, and deactivates them there too: the page
  then shows the merchant's token rejected), install the demo as a BigCommerce app on a new store
  of the sandbox and uninstall it, then Tollgate's readiness, each vendor's call, the shared token
  cache and the metrics; reload to call again, or watch (${page}?watch) a token renewed in the background.
  JSON: ${page}api/calls, ${page}api/cache, ${page}api/health, ${page}api/metrics;
        the back office: http://127.0.0.1:8080/backoffice/api/calls
  status:     ear/run-demo.sh --status
  server log: $server_log (ear/run-demo.sh --logs)
  stop it:    ear/run-demo.sh --stop   (before running the tests: they start servers on the same ports)
DONE
