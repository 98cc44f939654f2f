#!/usr/bin/env bash
# Sets Tollgate's configuration in a WildFly server, the server's way:
#   - every key of the properties file becomes a system property, which WildFly's MicroProfile
#     Config (microprofile-config-smallrye) serves to the application;
#   - keys named *-secret, *-token or *-password are encrypted with an Elytron credential store
#     and stored as ${ENC::...} expressions, which the server resolves at boot: the clear value is
#     never written to standalone.xml;
#   - the default application security domain stops integrating JASPI with the server's realms,
#     so the identities a Jakarta Security mechanism (BigCommerce's inbound one) establishes are
#     accepted without a user in ApplicationRealm.
#
# usage: configure.sh <wildfly-home> <properties-file> [--offline] [more.cli ...]
#   --offline  apply to standalone.xml with an embedded server (no running server needed);
#              otherwise the script connects to the running server's management port.
#   more.cli   further CLI files run in the same session (the demo adds sandbox-listeners.cli).
# The CLI script it runs is kept as <wildfly-home>/standalone/tmp/tollgate.cli with the secret
# lines removed, for the record.
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

cli=$(mktemp)
trap 'rm -f "$cli"' EXIT

is_secret() {
  case "$1" in
    *-secret | *-token | *-password) return 0 ;;
    *) return 1 ;;
  esac
}

# a value inside a CLI double-quoted parameter: backslash and quote escaped; '$' would start a CLI
# variable or a server expression, so it is refused rather than silently changed
quoted() {
  local value=$1 key=$2
  if [[ $value == *'$'* ]]; then
    echo "$properties: the value of $key contains '\$', which WildFly's CLI would read as a variable or expression; not applied" >&2
    exit 3
  fi
  value=${value//\\/\\\\}
  value=${value//\"/\\\"}
  printf '"%s"' "$value"
}

{
  if [ "$offline" = "--offline" ]; then
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
/subsystem=undertow/application-security-domain=other:write-attribute(name=integrated-jaspi, value=false)
CLI
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in '' | '#'*) continue ;; esac
    key=${line%%=*}
    value=${line#*=}
    key=$(echo "$key" | xargs)
    echo "if (outcome == success) of /system-property=\"$key\":read-resource"
    echo "  /system-property=\"$key\":remove"
    echo "end-if"
    if is_secret "$key"; then
      # create-expression answers {"expression" => "${ENC::...}"}: the CLI captures that object,
      # parks it in a scratch map and reads the one entry back as a plain string
      echo "set enc=\`/subsystem=elytron/expression=encryption:create-expression(resolver=tollgate, clear-text=$(quoted "$value" "$key"))\`"
      echo "/subsystem=microprofile-config-smallrye/config-source=tollgate-scratch:write-attribute(name=properties, value=\$enc)"
      echo "set expression=\`/subsystem=microprofile-config-smallrye/config-source=tollgate-scratch:map-get(name=properties, key=expression)\`"
      echo "/system-property=\"$key\":add(value=\$expression)"
    else
      echo "/system-property=\"$key\":add(value=$(quoted "$value" "$key"))"
    fi
  done < "$properties"
  echo '/subsystem=microprofile-config-smallrye/config-source=tollgate-scratch:remove'
  for extra in "${more_cli[@]}"; do
    cat "$extra"
    echo
  done
  if [ "$offline" = "--offline" ]; then
    echo 'stop-embedded-server'
  fi
} > "$cli"

mkdir -p "$wildfly_home/standalone/tmp"
grep -v 'clear-text=' "$cli" > "$wildfly_home/standalone/tmp/tollgate.cli"

if [ "$offline" = "--offline" ]; then
  "$wildfly_home/bin/jboss-cli.sh" --file="$cli"
else
  "$wildfly_home/bin/jboss-cli.sh" --connect --file="$cli"
fi
echo "Tollgate configuration applied to WildFly at $wildfly_home from $properties"
