#!/usr/bin/env bash
# Makes Tollgate's configuration in a WildFly server equal to the given settings files, the
# server's way:
#   - every key becomes a system property, which WildFly's MicroProfile Config
#     (microprofile-config-smallrye) serves to the application; Tollgate's keys the server has and
#     the files no longer do (tollgate.* and the <client>/mp-rest/* keys of Tollgate's clients) are
#     removed, and the script names them;
#   - keys named *-secret, *-token, *-password, *-key or *-keys (tollgate.store.encryption-key, the
#     tenant store's key) are encrypted with the secret key of an Elytron
#     credential store and stored as ${ENC::tollgate:...} expressions, which the server resolves at
#     boot: the clear value is never written to standalone.xml, never on a command line, never
#     printed. The store is a password-protected keystore (JCEKS) in a directory only the server's
#     user can enter (<config-dir>/tollgate/, mode 700, created so, the store inside mode 600). Its
#     password is random, and standalone.xml holds it masked (MASK-..., Elytron's obfuscation, no
#     protection against whoever can read standalone.xml and the store), or, with
#     --store-password-env, as a reference to an environment variable of the server's process;
#   - MicroProfile Health and Micrometer's Prometheus registry, where missing, so that Tollgate's
#     readiness check and metrics are served (at the management interface's /health/ready and
#     /prometheus; see observability_cli below);
#   - org.jboss.as.config logs at INFO, not DEBUG: at DEBUG WildFly lists every system property,
#     resolved, when it reloads, and it masks only names containing "password" (offline, the script
#     never reloads its embedded server: see where it adds the resolver, below);
#   - an application security domain "tollgate" without JASPI integration with the server's
#     realms, for web modules whose Jakarta Security mechanism (BigCommerce's inbound one)
#     establishes its own callers; a module opts in with <security-domain>tollgate</security-domain>
#     in its jboss-web.xml. Other applications keep their domains;
#   - with --datasource, the tenant store's PostgreSQL database: the driver's jar as the module
#     dev.tollgate.postgresql (JDBC driver tollgate-postgresql) and the datasource TollgateStore
#     at the JNDI name the settings give as tollgate.store.datasource (java:jboss/... or java:/...),
#     its password encrypted as the secrets are. Not enlisted in the application's transactions
#     (jta=false): a tenant saved is committed whatever the caller's transaction does;
#   - with tollgate.cache=cluster in the settings, the cache Tollgate's cluster tier shares the
#     credentials through: cache container "tollgate" with a JGroups transport (the server's
#     default channel) and its replicated cache "credentials", bound at
#     java:jboss/infinispan/cache/tollgate/credentials (tollgate.cache.infinispan's default). It
#     needs a configuration with JGroups: --server-config standalone-ha.xml (or
#     standalone-full-ha.xml), which the server is then started with (-c standalone-ha.xml).
#
# usage: configure.sh <wildfly-home> <settings.properties>... [--offline] [--cli <more.cli>]...
#                     [--store-password-env <VAR>] [--new-key] [--datasource <database.properties>]
#                     [--server-config <file>]
#   settings   one or more files; a key of a later file overrides the same key of an earlier one.
#   --offline  apply to standalone.xml with an embedded server (no running server needed);
#              otherwise the script connects to the running server's management port, and the
#              server must be reloaded afterwards (it says so).
#   --cli      a further CLI file run after the settings (the demo adds sandbox-listeners.cli).
#   --store-password-env  the credential store's password is the value of environment variable
#              <VAR> of the server's process (set it from a file only the server's user can read,
#              e.g. systemd's EnvironmentFile=); standalone.xml holds ${env.<VAR>}. Offline, this
#              script's environment must have it. Used when the store is created.
#   --new-key  replaces the credential store and its key with new ones, and encrypts every secret
#              again: rotation (server-config/README.md). Offline only, the server stopped.
#   --datasource  the tenant store's PostgreSQL database: a file with jdbc-url, jdbc-user,
#              jdbc-password and driver-jar (the path of PostgreSQL's JDBC driver jar). Give it at
#              every run (a run without it leaves the datasource as it is).
#   --server-config  the configuration file under standalone/configuration/ to apply to
#              (default standalone.xml): the one the server starts with. tollgate.cache=cluster
#              needs one with JGroups, standalone-ha.xml. Each file has its own settings, store
#              and secrets; configure the one the server runs.
# A key or value the server could not hold exactly is refused before anything is applied, and the
# settings are applied in one batch: all of them or none. The CLI it ran last (no clear secret in
# it) is kept as <wildfly-home>/standalone/tmp/tollgate.cli.
set -euo pipefail
# whatever this script and the embedded server create (store, password, CLI files) is the user's
# only: created so, not made so afterwards
umask 077

usage="usage: $0 <wildfly-home> <settings.properties>... [--offline] [--cli <more.cli>]... [--store-password-env <VAR>] [--new-key] [--datasource <database.properties>] [--server-config <file>]"
[ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
wildfly_home=$1
shift
settings_files=()
more_cli=()
offline=
store_password_env=
new_key=
datasource_file=
server_config=standalone.xml
while [ $# -gt 0 ]; do
  case "$1" in
    --offline) offline=yes; shift ;;
    --new-key) new_key=yes; shift ;;
    --cli)
      [ $# -ge 2 ] || { echo "$1 needs a value" >&2; echo "$usage" >&2; exit 2; }
      [ -r "$2" ] || { echo "cannot read $2" >&2; exit 2; }
      more_cli+=("$2")
      shift 2
      ;;
    --store-password-env)
      [ $# -ge 2 ] && [[ $2 =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { echo "$1 needs the name of an environment variable" >&2; exit 2; }
      store_password_env=$2
      shift 2
      ;;
    --datasource)
      [ $# -ge 2 ] || { echo "$1 needs a value" >&2; echo "$usage" >&2; exit 2; }
      [ -r "$2" ] || { echo "cannot read $2" >&2; exit 2; }
      datasource_file=$2
      shift 2
      ;;
    --server-config)
      [ $# -ge 2 ] && [[ $2 =~ ^[A-Za-z0-9._-]+\.xml$ ]] || { echo "$1 needs the name of a file in standalone/configuration/ (standalone-ha.xml)" >&2; exit 2; }
      server_config=$2
      shift 2
      ;;
    -*) echo "unknown option $1" >&2; echo "$usage" >&2; exit 2 ;;
    *)
      [ -r "$1" ] || { echo "cannot read $1" >&2; exit 2; }
      settings_files+=("$1")
      shift
      ;;
  esac
done
[ ${#settings_files[@]} -gt 0 ] || { echo "$usage" >&2; exit 2; }
if [ -n "$new_key" ] && [ -z "$offline" ]; then
  echo "--new-key replaces the store the running server uses: stop the server and run with --offline" >&2
  exit 2
fi
# A server configured by an earlier version of this script has an unprotected store (a secret key
# without password, tollgate.cs, readable by all): replaced as --new-key replaces a store, since
# its key may have been read.
[ -r "$wildfly_home/standalone/configuration/$server_config" ] || { echo "no $server_config in $wildfly_home/standalone/configuration" >&2; exit 2; }
if grep -q '<secret-key-credential-store name="tollgate"' "$wildfly_home/standalone/configuration/$server_config" 2> /dev/null; then
  if [ -z "$offline" ]; then
    echo "the server has the unprotected credential store of an earlier version: stop it and run with --offline, which replaces it" >&2
    exit 2
  fi
  new_key=yes
fi
cli_sh=$wildfly_home/bin/jboss-cli.sh
[ -x "$cli_sh" ] || { echo "no WildFly at $wildfly_home (bin/jboss-cli.sh missing)" >&2; exit 2; }
# shellcheck source=../lib/properties.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../lib/properties.sh"

if [ -n "$datasource_file" ]; then
  read_datasource "$datasource_file"
fi
read_properties "${settings_files[@]}"
check_settings "${settings_files[*]}"
check_store_keys "${settings_files[*]}"
# The cluster tier's cache (tollgate.cache=cluster) lives in the server's Infinispan and travels
# over its JGroups channel: a configuration without JGroups (standalone.xml) cannot carry it.
cluster_cache=
case "${values[tollgate.cache]:-local}" in
  local) ;;
  cluster)
    if ! grep -q 'urn:jboss:domain:jgroups:' "$wildfly_home/standalone/configuration/$server_config"; then
      echo "${settings_files[*]}: tollgate.cache=cluster needs a configuration with JGroups, which $server_config has not: run with --server-config standalone-ha.xml and start the server with -c standalone-ha.xml; nothing applied" >&2
      exit 3
    fi
    cluster_cache=yes
    ;;
  *)
    echo "${settings_files[*]}: tollgate.cache is local or cluster; nothing applied" >&2
    exit 3
    ;;
esac
# The tenant store's datasource: its JNDI name is the one the settings give Tollgate, so the two
# cannot differ; its password is encrypted with the secrets (a name no settings key can have).
datasource_password_key=@datasource.jdbc-password
datasource_config=$wildfly_home/standalone/configuration/$server_config
if [ -n "$datasource_file" ]; then
  datasource_jndi=${values[tollgate.store.datasource]:-}
  if [[ ! $datasource_jndi =~ ^java:(jboss)?/[A-Za-z0-9._/-]+$ ]]; then
    echo "${settings_files[*]}: --datasource needs tollgate.store.datasource, the datasource's JNDI name, under java:jboss/ or java:/ (java:jboss/datasources/TollgateStore, say); nothing applied" >&2
    exit 3
  fi
  values[$datasource_password_key]=${datasource[jdbc-password]}
elif [ -n "$new_key" ] && grep -q '<datasource [^>]*pool-name="TollgateStore"' "$datasource_config" 2> /dev/null; then
  # its password is encrypted with the key --new-key retires: it is encrypted again only when given
  echo "the server has the tenant store's datasource TollgateStore, whose password --new-key must encrypt again: give --datasource too" >&2
  exit 2
fi

config_dir=$(cd "$wildfly_home/standalone/configuration" && pwd)
store_dir=$config_dir/tollgate
if [ -n "$store_password_env" ] && [ -n "$offline" ] && [ -z "${!store_password_env:-}" ]; then
  echo "the environment variable $store_password_env (the credential store's password) is not set" >&2
  exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tollgate-wildfly.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# a value inside a CLI double-quoted parameter: backslash and quote escaped (the CLI takes the
# rest as it is; no backquote or variable is read inside the quotes)
quoted() {
  local value=${1//\\/\\\\}
  printf '"%s"' "${value//\"/\\\"}"
}

# runs CLI file $1 (output to $2); on failure shows the output, secrets masked, and stops
run_cli() {
  local status=0
  # the CLI reads its file in the JVM's default charset, which the POSIX locale (cron, a service,
  # a bare ssh session) makes ASCII: every byte beyond it would arrive as U+FFFD. The settings
  # files and the CLI files written from them are UTF-8.
  local JAVA_OPTS="${JAVA_OPTS:-} -Dfile.encoding=UTF-8"
  export JAVA_OPTS
  if [ -n "$offline" ]; then
    "$cli_sh" --file="$1" > "$2" 2>&1 || status=$?
  else
    "$cli_sh" --connect --file="$1" > "$2" 2>&1 || status=$?
  fi
  if [ "$status" -ne 0 ]; then
    echo "WildFly's CLI failed ($3); its output:" >&2
    redact "$(grep -v '^@' "$2")" >&2
    exit 1
  fi
}

embed() {
  if [ -n "$offline" ]; then
    echo "embed-server --server-config=$server_config --std-out=discard"
  fi
}
unembed() {
  if [ -n "$offline" ]; then
    echo 'stop-embedded-server'
  fi
}

# The store's directory, made by this script under umask 077 before the server ever sees it; the
# server creates the store inside.
mkdir -p "$store_dir"

# the store's password as standalone.xml will hold it: masked (a random password, which nobody
# needs to know, given to Elytron's tool on its standard input, never on a command line) or a
# reference to the server's environment
store_password() {
  if [ -n "$store_password_env" ]; then
    printf '${env.%s}' "$store_password_env"
    return
  fi
  local password salt masked
  password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=\n')
  salt=$(head -c 12 /dev/urandom | base64 | tr -d '/+=\n' | head -c 8)
  masked=$(printf '%s\n%s\n' "$password" "$password" \
    | "$wildfly_home/bin/elytron-tool.sh" mask --salt "$salt" --iteration 1000 2> /dev/null | grep '^MASK-' || true)
  [ -n "$masked" ] || { echo "Elytron's tool (bin/elytron-tool.sh mask) did not mask the store's password" >&2; exit 1; }
  printf '%s' "$masked"
}

# The store standalone.xml uses, if any. A new store (the first, or with --new-key) gets a new
# file, so that the old one stays intact until the new configuration is in place.
current_location=$(grep -o '<credential-store name="tollgate"[^>]*' "$config_dir/$server_config" \
  | grep -o ' path="[^"]*"' | sed 's/^ path="//; s/"$//' || true)
if [ -n "$new_key" ] || [ -z "$current_location" ]; then
  store_location=tollgate/tollgate-$(date -u +%Y%m%dT%H%M%S).cs
  new_store_password=$(store_password)
else
  store_location=$current_location
  new_store_password="unused: the store exists"
fi
# with --new-key, the secrets encrypted with the old key go first (they are all set again below)
old_encrypted=()
if [ -n "$new_key" ]; then
  mapfile -t old_encrypted < <(grep -o '<property name="[^"]*" value="\${ENC::tollgate:' "$config_dir/$server_config" \
    | sed 's/^<property name="//; s/".*//' || true)
fi

# How many resolvers the expression=encryption resource has in standalone.xml: "tollgate" counts
# Tollgate's (more than one on a server where earlier versions of this script ran: they added it
# again at every run), "other" the administrator's own; "-" when there is no such resource. Read
# from the file, as the store's location is: the CLI's "~=" does not match a list attribute such
# as resolvers, so a check in the CLI cannot tell.
resolvers() {
  awk -v which="$1" '/<expression-resolver[ >]/ { resource = 1; inside = 1 }
       inside && /<resolver / && (/ name="tollgate"/ ? which == "tollgate" : which == "other") { n++ }
       /<\/expression-resolver>/ { inside = 0 }
       END { print resource ? n + 0 : "-" }' "$config_dir/$server_config"
}

# With --new-key, a session of its own first (a store removed cannot be added again before a
# reload): the secrets encrypted with the old key, the resolver and the store go. The script then
# goes on as on a server that never had them.
if [ -n "$new_key" ]; then
  {
    embed
    # Tollgate's resolver only: the administrator's own resolvers (their ENC expressions) stay.
    # Without the resolver, the store it names can go in the same batch only (no reload between),
    # and the secrets with them: all of it, or nothing. Every copy of the resolver: earlier
    # versions of this script added it again at each run.
    tollgate_resolvers=$(resolvers tollgate)
    other_resolvers=$(resolvers other)
    if [ "$other_resolvers" != - ] && [ "$other_resolvers" -gt 0 ] && [ "$tollgate_resolvers" -gt 0 ]; then
      echo 'batch'
      for name in "${old_encrypted[@]}"; do
        echo "/system-property=$(quoted "$name"):remove"
      done
      for ((i = 0; i < tollgate_resolvers; i++)); do
        echo '/subsystem=elytron/expression=encryption:list-remove(name=resolvers, value={name=tollgate, credential-store=tollgate, secret-key=key})'
      done
      for kind in credential-store secret-key-credential-store; do
        if grep -q "<$kind name=\"tollgate\"" "$config_dir/$server_config"; then
          echo "/subsystem=elytron/$kind=tollgate:remove"
        fi
      done
      echo 'run-batch'
    else
      for name in "${old_encrypted[@]}"; do
        echo "/system-property=$(quoted "$name"):remove"
      done
      cat <<'CLI'
if (outcome == success) of /subsystem=elytron/expression=encryption:read-resource
  /subsystem=elytron/expression=encryption:remove
end-if
if (outcome == success) of /subsystem=elytron/credential-store=tollgate:read-resource
  /subsystem=elytron/credential-store=tollgate:remove
end-if
if (outcome == success) of /subsystem=elytron/secret-key-credential-store=tollgate:read-resource
  /subsystem=elytron/secret-key-credential-store=tollgate:remove
end-if
CLI
    fi
    unembed
  } > "$tmp/retire.cli"
  run_cli "$tmp/retire.cli" "$tmp/retire.out" "removing the old key's store"
fi

# the store, made with a new key unless it is there
store_cli() {
  cat <<CLI
if (outcome != success) of /subsystem=elytron/credential-store=tollgate:read-resource
  /subsystem=elytron/credential-store=tollgate:add(relative-to=jboss.server.config.dir, path=$store_location, create=true, credential-reference={clear-text=$(quoted "$new_store_password")})
  /subsystem=elytron/credential-store=tollgate:generate-secret-key(alias=key)
end-if
CLI
}

# Tollgate's resolver (after --new-key's session): "present"; "missing" from the administrator's
# own expression=encryption resource; "absent" with the resource
case "$(resolvers tollgate)" in
  -) resolver=absent ;;
  0) resolver=missing ;;
  *) resolver=present ;;
esac

# A resolver added to the administrator's own resource serves only after a reload. Offline, it is
# added by an embedded server of its own, so that the next one boots with it. Not reloaded in the
# same embedded server: its JVM holds every system property, decrypted (the administrator's own
# ENC expressions, Tollgate's secrets of an earlier run), and the reload lists them all in
# server.log, as org.jboss.as.config still logs at DEBUG there (an admin-only server applies the
# logger's level to its model only; the boot reads logging.properties, which only a running server
# rewrites). The first boot of an embedded server lists its JVM's own properties only, before the
# model's are set. On a running server its administrator reloads it: the run fails at the first
# encryption, before any key is set (run it again after the reload).
if [ "$resolver" = missing ] && [ -n "$offline" ]; then
  {
    embed
    store_cli
    echo '/subsystem=elytron/expression=encryption:list-add(name=resolvers, value={name=tollgate, credential-store=tollgate, secret-key=key})'
    unembed
  } > "$tmp/resolver.cli"
  run_cli "$tmp/resolver.cli" "$tmp/resolver.out" "adding the resolver tollgate to the server's expression encryption"
  resolver=present
fi

# What makes Tollgate's readiness check and metrics visible, added where missing (what the
# administrator set up already, its security included, is left as it is):
#   - MicroProfile Health (extension and subsystem microprofile-health-smallrye): serves the
#     applications' checks, Tollgate's readiness check "tollgate" among them, next to the server's
#     own at the management interface's /health, /health/ready and /health/live;
#   - Micrometer (extension and subsystem micrometer) with its Prometheus registry at the
#     management interface's /prometheus: the registry Tollgate's metrics go to. /metrics stays the
#     base metrics subsystem's (the server's own metrics). The Prometheus registry is a feature of
#     stability level "community", the level the WildFly distribution starts at by default; a
#     server started with --stability=default refuses it.
#   Both without authentication, as the management interface's /health and /metrics are by
#   default: the management interface listens on 127.0.0.1 unless the administrator opens it.
observability_cli() {
  cat <<'CLI'
if (outcome != success) of /extension=org.wildfly.extension.microprofile.health-smallrye:read-resource
  /extension=org.wildfly.extension.microprofile.health-smallrye:add
end-if
if (outcome != success) of /subsystem=microprofile-health-smallrye:read-resource
  /subsystem=microprofile-health-smallrye:add(security-enabled=false)
end-if
if (outcome != success) of /extension=org.wildfly.extension.micrometer:read-resource
  /extension=org.wildfly.extension.micrometer:add
end-if
if (outcome != success) of /subsystem=micrometer:read-resource
  /subsystem=micrometer:add
end-if
if (outcome != success) of /subsystem=micrometer/registry=prometheus:read-resource
  /subsystem=micrometer/registry=prometheus:add(context=/prometheus, security-enabled=false)
end-if
CLI
}

# Session 1: the store, the resolver and the server-wide settings; the names of the system
# properties the server has; each secret encrypted by the server (create-expression), its
# expression read from the output. The clear values are only in this private file and the CLI's
# memory; the "@" lines mark whose output follows.
secrets=()
for key in "${keys[@]}"; do
  if is_secret "$key"; then secrets+=("$key"); fi
done
[ -z "$datasource_file" ] || secrets+=("$datasource_password_key")
{
  embed
  # at DEBUG a running server lists every system property, decrypted, in server.log when it
  # reloads
  cat <<'CLI'
if (outcome == success) of /subsystem=logging/logger=org.jboss.as.config:read-resource
  /subsystem=logging/logger=org.jboss.as.config:write-attribute(name=level, value=INFO)
end-if
CLI
  store_cli
  case "$resolver" in
    absent) echo '/subsystem=elytron/expression=encryption:add(resolvers=[{name=tollgate, credential-store=tollgate, secret-key=key}])' ;;
    missing) echo '/subsystem=elytron/expression=encryption:list-add(name=resolvers, value={name=tollgate, credential-store=tollgate, secret-key=key})' ;;
  esac
  cat <<'CLI'
if (outcome != success) of /subsystem=undertow/application-security-domain=tollgate:read-resource
  /subsystem=undertow/application-security-domain=tollgate:add(security-domain=ApplicationDomain, integrated-jaspi=false)
end-if
CLI
  observability_cli
  cat <<'CLI'
echo @names
:read-children-names(child-type=system-property)
CLI
  for i in "${!secrets[@]}"; do
    echo "echo @secret $i"
    echo "/subsystem=elytron/expression=encryption:create-expression(resolver=tollgate, clear-text=$(quoted "${values[${secrets[$i]}]}"))"
  done
  unembed
} > "$tmp/prepare.cli"
run_cli "$tmp/prepare.cli" "$tmp/prepare.out" "preparing the credential store and encrypting the secrets"
rm -f "$tmp/prepare.cli"
# the store of earlier versions of this script: a secret key without a password, readable by all
if [ -f "$config_dir/tollgate.cs" ]; then
  rm -f "$config_dir/tollgate.cs"
  echo "removed the unprotected credential store $config_dir/tollgate.cs of an earlier version; purge the configuration history (server-config/README.md)"
fi

# the names of the server's system properties, and each secret's expression, from the output
mapfile -t existing < <(awk '/^@/ { section = $1 } section == "@names" && /^ +"[^"]*",?$/ { gsub(/[ ",]/, ""); print }' "$tmp/prepare.out")
declare -A expression=()
while read -r index value; do
  expression[${secrets[$index]}]=$value
done < <(awk '/^@secret / { index_ = $2 }
              /"expression" => "\$\{ENC::/ { sub(/.*"expression" => "/, ""); sub(/".*/, ""); print index_, $0 }' "$tmp/prepare.out")
for key in "${secrets[@]}"; do
  [ -n "${expression[$key]:-}" ] || { echo "WildFly returned no encrypted expression for $key; nothing applied" >&2; exit 1; }
done

declare -A exists=()
for name in "${existing[@]}"; do exists[$name]=1; done
mapfile -t clients < <(tollgate_clients "${keys[@]}" "${existing[@]}" | sort -u)
removed=()
for name in "${existing[@]}"; do
  if is_tollgate_key "$name" "${clients[@]}" && [ -z "${values[$name]+set}" ]; then
    removed+=("$name")
  fi
done
# the secrets --new-key removed that the files no longer have: gone already, but said all the same
retired=()
for name in "${old_encrypted[@]}"; do
  if [ -z "${values[$name]+set}" ]; then retired+=("$name"); fi
done

# The tenant store's database (--datasource): the driver's jar as a module of its own (a module
# directory under modules/, which is how WildFly loads a driver that every deployment may not
# see), its JDBC driver, and the datasource, added or rewritten. Written in the apply batch.
datasource_cli() {
  local xml=$config_dir/$server_config
  local attributes="jndi-name=$(quoted "$datasource_jndi"), connection-url=$(quoted "${datasource[jdbc-url]}"), driver-name=tollgate-postgresql, user-name=$(quoted "${datasource[jdbc-user]}"), password=$(quoted "${expression[$datasource_password_key]}"), jta=false"
  if ! grep -q '<driver name="tollgate-postgresql"' "$xml"; then
    echo '/subsystem=datasources/jdbc-driver=tollgate-postgresql:add(driver-name=tollgate-postgresql, driver-module-name=dev.tollgate.postgresql, driver-class-name=org.postgresql.Driver, driver-xa-datasource-class-name=org.postgresql.xa.PGXADataSource)'
  fi
  if grep -q '<datasource [^>]*pool-name="TollgateStore"' "$xml"; then
    echo '/subsystem=datasources/data-source=TollgateStore:remove'
  fi
  echo "/subsystem=datasources/data-source=TollgateStore:add($attributes)"
}
if [ -n "$datasource_file" ]; then
  module_dir=$wildfly_home/modules/dev/tollgate/postgresql/main
  mkdir -p "$module_dir"
  rm -f "$module_dir"/*.jar
  # under a name of its own: the administrator's file name may hold anything
  cp "${datasource[driver-jar]}" "$module_dir/postgresql-jdbc.jar"
  cat > "$module_dir/module.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<!-- PostgreSQL's JDBC driver for Tollgate's tenant store, written by server-config/wildfly/configure.sh -->
<module xmlns="urn:jboss:module:1.9" name="dev.tollgate.postgresql">
    <resources>
        <resource-root path="postgresql-jdbc.jar"/>
    </resources>
    <dependencies>
        <module name="java.se"/>
    </dependencies>
</module>
XML
fi

# Session 2: every key set and every dropped key removed, in one batch (all or nothing); then
# the extra CLI files. Only expressions here, no clear secret.
{
  embed
  echo 'batch'
  [ -z "$datasource_file" ] || datasource_cli
  for key in "${keys[@]}"; do
    if is_secret "$key"; then value=$(quoted "${expression[$key]}"); else value=$(quoted "${values[$key]}"); fi
    if [ -n "${exists[$key]:-}" ]; then
      echo "/system-property=$(quoted "$key"):write-attribute(name=value, value=$value)"
    else
      echo "/system-property=$(quoted "$key"):add(value=$value)"
    fi
  done
  for name in "${removed[@]}"; do
    echo "/system-property=$(quoted "$name"):remove"
  done
  echo 'run-batch'
  # the cluster tier's cache: a container of Tollgate's own, so that its entries (Strings only) and
  # its lifespans are apart from the server's caches; replicated: every node holds every
  # credential, encrypted, and answers reads locally. Bound at
  # java:jboss/infinispan/cache/tollgate/credentials. Left in place when tollgate.cache goes back
  # to local (nothing reads it then).
  if [ -n "$cluster_cache" ]; then
    cat <<'CLI'
if (outcome != success) of /subsystem=infinispan/cache-container=tollgate:read-resource
  /subsystem=infinispan/cache-container=tollgate:add(marshaller=PROTOSTREAM)
end-if
if (outcome != success) of /subsystem=infinispan/cache-container=tollgate/transport=jgroups:read-resource
  /subsystem=infinispan/cache-container=tollgate/transport=jgroups:add
end-if
if (outcome != success) of /subsystem=infinispan/cache-container=tollgate/replicated-cache=credentials:read-resource
  /subsystem=infinispan/cache-container=tollgate/replicated-cache=credentials:add
end-if
CLI
  fi
  for extra in "${more_cli[@]}"; do
    cat "$extra"
    echo
  done
  unembed
} > "$tmp/apply.cli"
run_cli "$tmp/apply.cli" "$tmp/apply.out" "applying ${settings_files[*]}"
mkdir -p "$wildfly_home/standalone/tmp"
cp "$tmp/apply.cli" "$wildfly_home/standalone/tmp/tollgate.cli"
# stores no configuration file uses: the one --new-key replaced, one left by an earlier
# configuration (its password went with it); a store another file (standalone.xml next to
# standalone-ha.xml) still names stays
for store in "$store_dir"/*.cs; do
  if [ -f "$store" ] && [ "tollgate/$(basename "$store")" != "$store_location" ] \
     && ! grep -qF "path=\"tollgate/$(basename "$store")\"" "$config_dir"/*.xml; then
    rm -f "$store"
    echo "deleted the credential store $store, which no configuration file of $config_dir uses"
  fi
done

echo "Tollgate configuration applied to WildFly at $wildfly_home from ${settings_files[*]}:" \
  "${#keys[@]} system properties, ${#secrets[@]} of them encrypted"
removed+=("${retired[@]}")
if [ ${#removed[@]} -gt 0 ]; then
  echo "removed ${#removed[@]} Tollgate keys that the settings no longer have: ${removed[*]}"
fi
if [ -n "$cluster_cache" ]; then
  echo "cluster tier: replicated cache credentials of cache container tollgate (java:jboss/infinispan/cache/tollgate/credentials) in $server_config"
fi
if [ -n "$datasource_file" ]; then
  echo "tenant store datasource TollgateStore at $datasource_jndi (tollgate.store.datasource), driver module dev.tollgate.postgresql"
fi
if [ -n "$new_key" ]; then
  echo "new credential store key; the old one is gone: purge the configuration history (server-config/README.md)"
fi
if [ -z "$offline" ]; then
  echo "reload the server (jboss-cli.sh --connect --command=reload) so that applications read it"
fi
