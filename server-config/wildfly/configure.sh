#!/usr/bin/env bash
# Sets Tollgate's configuration in a WildFly server, the server's way:
#   - every key of the properties file becomes a system property, which WildFly's MicroProfile
#     Config (microprofile-config-smallrye) serves to the application;
#   - keys named *-secret, *-token or *-password are encrypted with an Elytron credential store
#     and stored as ${ENC::...} expressions, which the server resolves at boot: the clear value is
#     never written to standalone.xml;
#   - org.jboss.as.config logs at INFO, not DEBUG: at DEBUG WildFly lists every system property,
#     resolved, when it reloads, and it masks only names containing "password";
#   - an application security domain "tollgate" without JASPI integration with the server's
#     realms, for web modules whose Jakarta Security mechanism (BigCommerce's inbound one)
#     establishes its own callers; a module opts in with <security-domain>tollgate</security-domain>
#     in its jboss-web.xml. Other applications keep their domains.
#
# usage: configure.sh <wildfly-home> <properties-file> [--offline] [more.cli ...]
#   --offline  apply to standalone.xml with an embedded server (no running server needed);
#              otherwise the script connects to the running server's management port, and the
#              server must be reloaded afterwards (it says so).
#   more.cli   further CLI files run in the same session (the demo adds sandbox-listeners.cli).
# The CLI script it ran is kept as <wildfly-home>/standalone/tmp/tollgate.cli without the lines
# that carry secrets.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 <wildfly-home> <properties-file> [--offline] [more.cli ...]" >&2
  exit 2
fi
wildfly_home=$1
properties=$2
shift 2
offline=
if [ "${1:-}" = "--offline" ]; then
  offline=--offline
  shift
fi
more_cli=("$@")
[ -x "$wildfly_home/bin/jboss-cli.sh" ] || { echo "no WildFly at $wildfly_home (bin/jboss-cli.sh missing)" >&2; exit 2; }
[ -r "$properties" ] || { echo "cannot read $properties" >&2; exit 2; }
# shellcheck source=../lib/properties.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../lib/properties.sh"

read_properties "$properties"
for key in "${keys[@]}"; do
  # '$' would start a CLI variable or a server expression: refused before anything is applied
  if [[ ${values[$key]} == *'$'* || $key == *'$'* || $key == *'"'* ]]; then
    echo "$properties: $key contains '\$' or a quote, which WildFly's CLI would read as a variable or expression; nothing applied" >&2
    exit 3
  fi
done

# a value inside a CLI double-quoted parameter: backslash and quote escaped
quoted() {
  local value=${1//\\/\\\\}
  printf '"%s"' "${value//\"/\\\"}"
}

# sets system property $1 to the CLI word $2, in place when it exists (no gap on a running server)
set_property() {
  echo "if (outcome == success) of /system-property=\"$1\":read-resource"
  echo "  /system-property=\"$1\":write-attribute(name=value, value=$2)"
  echo "else"
  echo "  /system-property=\"$1\":add(value=$2)"
  echo "end-if"
}

cli=$(mktemp)
trap 'rm -f "$cli"' EXIT
{
  if [ -n "$offline" ]; then
    echo 'embed-server --server-config=standalone.xml --std-out=discard'
  fi
  cat <<'CLI'
if (outcome != success) of /subsystem=elytron/secret-key-credential-store=tollgate:read-resource
  /subsystem=elytron/secret-key-credential-store=tollgate:add(relative-to=jboss.server.config.dir, path=tollgate.cs, create=true, populate=true)
end-if
if (outcome != success) of /subsystem=elytron/expression=encryption:read-resource
  /subsystem=elytron/expression=encryption:add(resolvers=[{name=tollgate, credential-store=tollgate, secret-key=key}])
end-if
if (outcome != success) of /subsystem=microprofile-config-smallrye/config-source=tollgate-scratch:read-resource
  /subsystem=microprofile-config-smallrye/config-source=tollgate-scratch:add(properties={}, ordinal=1)
end-if
if (outcome == success) of /subsystem=logging/logger=org.jboss.as.config:read-resource
  /subsystem=logging/logger=org.jboss.as.config:write-attribute(name=level, value=INFO)
end-if
if (outcome != success) of /subsystem=undertow/application-security-domain=tollgate:read-resource
  /subsystem=undertow/application-security-domain=tollgate:add(security-domain=ApplicationDomain, integrated-jaspi=false)
end-if
CLI
  for key in "${keys[@]}"; do
    if is_secret "$key"; then
      # create-expression answers {"expression" => "${ENC::...}"}: the CLI captures that object,
      # parks it in a scratch map and reads the one entry back as a plain string
      echo "set enc=\`/subsystem=elytron/expression=encryption:create-expression(resolver=tollgate, clear-text=$(quoted "${values[$key]}"))\`"
      echo "/subsystem=microprofile-config-smallrye/config-source=tollgate-scratch:write-attribute(name=properties, value=\$enc)"
      echo "set expression=\`/subsystem=microprofile-config-smallrye/config-source=tollgate-scratch:map-get(name=properties, key=expression)\`"
      set_property "$key" "\$expression"
    else
      set_property "$key" "$(quoted "${values[$key]}")"
    fi
  done
  echo '/subsystem=microprofile-config-smallrye/config-source=tollgate-scratch:remove'
  for extra in "${more_cli[@]}"; do
    cat "$extra"
    echo
  done
  if [ -n "$offline" ]; then
    echo 'stop-embedded-server'
  fi
} > "$cli"

mkdir -p "$wildfly_home/standalone/tmp"
grep -v 'clear-text=' "$cli" > "$wildfly_home/standalone/tmp/tollgate.cli"

if [ -n "$offline" ]; then
  "$wildfly_home/bin/jboss-cli.sh" --file="$cli"
else
  "$wildfly_home/bin/jboss-cli.sh" --connect --file="$cli"
fi
echo "Tollgate configuration applied to WildFly at $wildfly_home from $properties"
if [ -z "$offline" ]; then
  echo "reload the server (jboss-cli.sh --connect --command=reload) so that applications read it"
fi
