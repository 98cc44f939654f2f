#!/usr/bin/env bash
# Makes Tollgate's configuration in a running Payara domain equal to the given settings files, the
# server's way:
#   - every key becomes a domain config property (asadmin set-config-property --source=domain),
#     which Payara's MicroProfile Config serves to the application; Tollgate's keys the domain has
#     and the files no longer do (tollgate.* and the <client>/mp-rest/* keys of Tollgate's
#     clients), and their password aliases, are deleted, and the script names them;
#   - keys named *-secret, *-token, *-password, *-key or *-keys (tollgate.store.encryption-key, the
#     tenant store's key) are stored as password aliases (encrypted in the
#     domain's domain-passwords store) and the config property holds only ${ALIAS=<key>}, which
#     Payara resolves when the application reads it: the clear value is never written to
#     domain.xml, never given on a command line and never printed. The aliases are as safe as the
#     domain's master password: the script refuses to store secrets while it is Payara's default
#     ("changeit"), which it checks on the domain's alias store (<domain-dir>/config/domain-passwords);
#   - the JVM option -Dfish.payara.ear-combined-cdi-deployment=true: since FISH-10049 Payara gives
#     each web module of an EAR without EJB modules its own CDI container, and with it its own
#     instance of the application-scoped engine in lib/, so each module would have its own token
#     cache. The option restores one container per EAR, for every application of the domain; it
#     takes effect after a restart, which the script asks for when it adds the option.
#     --no-ear-combined-cdi leaves the JVM options alone: deploy the EAR with
#     "asadmin deploy --properties fish.payara.ear-combined-cdi-deployment=true" instead;
#   - MicroProfile Health and MicroProfile Metrics enabled, if disabled (Payara enables both), so
#     that Tollgate's readiness check and metrics are served (<http>/health/ready, <http>/metrics);
#   - with --datasource, the tenant store's PostgreSQL database: the driver's jar in the domain's
#     lib/ (as tollgate-postgresql-jdbc.jar; a restart loads it), the JDBC connection pool
#     tollgate-store-pool (PGSimpleDataSource, its password the alias tollgate-store-jdbc-password,
#     not enlisted in the application's transactions: a tenant saved is committed whatever the
#     caller's transaction does) and the JDBC resource at the JNDI name the settings give as
#     tollgate.store.datasource (jdbc/tollgate-store, say).
#
# usage: configure.sh <payara-home> <settings.properties>... [--port <admin-port>] [--host <admin-host>]
#                     [--user <admin-user>] [--passwordfile <admin-password-file>]
#                     [--domain-dir <dir>] [--sandbox-listeners] [--no-ear-combined-cdi]
#                     [--datasource <database.properties>]
#   settings   one or more files; a key of a later file overrides the same key of an earlier one.
#   --port, --host, --user, --passwordfile  how to reach the DAS (default localhost:4848, the
#              asadmin defaults); the admin password file holds AS_ADMIN_PASSWORD=... as usual.
#   --domain-dir  the DAS's domain directory on this machine (default
#              <payara-home>/glassfish/domains/domain1): its alias store and domain.xml are read.
#   --sandbox-listeners  demo only: also add the vendor sandbox's three HTTP listeners and their
#              own thread pool (sandbox-listeners.sh), on the ports of the file's BigCommerce API,
#              payments and storefront URLs (default 8083, 8081 and 8082).
#   --datasource  the tenant store's PostgreSQL database: a file with jdbc-url, jdbc-user,
#              jdbc-password and driver-jar (the path of PostgreSQL's JDBC driver jar). Give it at
#              every run (a run without it leaves the pool, the resource and the alias as they are).
# A value the domain could not hold exactly is refused before anything is applied.
# Re-runnable: existing aliases are updated and existing properties overwritten. Payara caches
# config values for a while (asadmin set-config-cache), so a running application may see a
# changed value only after that delay or a redeploy.
# The whole configuration is applied in one asadmin multimode session; each alias gets its own
# password file (mode 600, in a private temporary directory deleted on exit).
set -euo pipefail

usage="usage: $0 <payara-home> <settings.properties>... [--port <admin-port>] [--host <admin-host>] [--user <admin-user>] [--passwordfile <admin-password-file>] [--domain-dir <dir>] [--sandbox-listeners] [--no-ear-combined-cdi] [--datasource <database.properties>]"
if [ $# -lt 2 ]; then
  echo "$usage" >&2
  exit 2
fi
payara_home=$1
shift
settings_files=()
domain_dir=$payara_home/glassfish/domains/domain1
admin=()
admin_passwordfile=
sandbox_listeners=
combined_cdi=yes
combined_cdi_option=-Dfish.payara.ear-combined-cdi-deployment=true
datasource_file=
while [ $# -gt 0 ]; do
  case "$1" in
    --port | --host | --user)
      [ $# -ge 2 ] || { echo "$1 needs a value" >&2; echo "$usage" >&2; exit 2; }
      admin+=("$1" "$2")
      shift 2
      ;;
    --passwordfile)
      [ $# -ge 2 ] || { echo "$1 needs a value" >&2; echo "$usage" >&2; exit 2; }
      admin_passwordfile=$2
      [ -r "$admin_passwordfile" ] || { echo "cannot read $admin_passwordfile" >&2; exit 2; }
      shift 2
      ;;
    --sandbox-listeners)
      sandbox_listeners=yes
      shift
      ;;
    --no-ear-combined-cdi)
      combined_cdi=
      shift
      ;;
    --datasource)
      [ $# -ge 2 ] || { echo "$1 needs a value" >&2; echo "$usage" >&2; exit 2; }
      [ -r "$2" ] || { echo "cannot read $2" >&2; exit 2; }
      datasource_file=$2
      shift 2
      ;;
    --domain-dir)
      [ $# -ge 2 ] || { echo "$1 needs a value" >&2; echo "$usage" >&2; exit 2; }
      domain_dir=$2
      shift 2
      ;;
    -*) echo "unknown argument $1" >&2; echo "$usage" >&2; exit 2 ;;
    *)
      [ -r "$1" ] || { echo "cannot read $1" >&2; exit 2; }
      settings_files+=("$1")
      shift
      ;;
  esac
done
asadmin=$payara_home/bin/asadmin
[ -x "$asadmin" ] || { echo "no Payara at $payara_home (bin/asadmin missing)" >&2; exit 2; }
[ ${#settings_files[@]} -gt 0 ] || { echo "$usage" >&2; exit 2; }
properties="${settings_files[*]}"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=sandbox-listeners.sh
. "$here/sandbox-listeners.sh"
# shellcheck source=../lib/properties.sh
. "$here/../lib/properties.sh"

umask 077
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tollgate-payara.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# asadmin's multimode reads "export NAME=value" up to the end of the line: no spaces in the path
case "$tmp" in *[[:space:]]*) echo "the temporary directory $tmp contains a space; set TMPDIR" >&2; exit 2 ;; esac

# the admin credentials, without any alias password, start every password file
admin_pw=$tmp/admin.pw
if [ -n "$admin_passwordfile" ]; then
  grep -v '^[[:space:]]*AS_ADMIN_ALIASPASSWORD' "$admin_passwordfile" > "$admin_pw" || true
else
  : > "$admin_pw"
fi

# the alias is the key, with any character an alias cannot hold replaced by '_'
alias_name() {
  printf '%s' "${1//[^A-Za-z0-9._-]/_}"
}

# a word of an asadmin multimode line: double-quoted, backslash and quote escaped
word() {
  local value=$1
  value=${value//\\/\\\\}
  value=${value//\"/\\\"}
  printf '"%s"' "$value"
}

# the value of a java.util.Properties line, which is how asadmin reads password files:
# backslashes doubled, a leading blank escaped, anything beyond ASCII as \uXXXX
properties_value() {
  local value=$1 out= c i code
  value=${value//\\/\\\\}
  if [[ $value == [[:space:]]* ]]; then
    value="\\$value"
  fi
  if ! LC_ALL=C grep -q '[^ -~]' <<< "$value"; then
    printf '%s' "$value"
    return
  fi
  local LC_ALL=C.UTF-8
  for ((i = 0; i < ${#value}; i++)); do
    c=${value:i:1}
    printf -v code '%d' "'$c"
    if [ "$code" -lt 128 ]; then
      out+=$c
    elif [ "$code" -lt 65536 ]; then
      printf -v c '\\u%04x' "$code"
      out+=$c
    else
      code=$((code - 65536))
      printf -v c '\\u%04x\\u%04x' $((0xD800 + (code >> 10))) $((0xDC00 + (code & 0x3FF)))
      out+=$c
    fi
  done
  printf '%s' "$out"
}

if [ -n "$datasource_file" ]; then
  read_datasource "$datasource_file"
fi
read_properties "${settings_files[@]}"
# Payara would resolve '${' as an expression (${ALIAS=...}, ${ENV=...}), also inside an alias
check_settings "$properties"
check_store_keys "$properties"
# The tenant store's JDBC resource is at the JNDI name the settings give Tollgate, so the two cannot
# differ; the pool's password is a password alias of its own, which no key's alias can be (keys'
# aliases start with "tollgate.") and which a run without --datasource leaves alone.
datasource_alias=tollgate-store-jdbc-password
datasource_pool=tollgate-store-pool
if [ -n "$datasource_file" ]; then
  datasource_jndi=${values[tollgate.store.datasource]:-}
  if [[ ! $datasource_jndi =~ ^[A-Za-z][A-Za-z0-9._-]*(/[A-Za-z0-9._-]+)+$ ]] || [[ $datasource_jndi == java:* ]]; then
    echo "$properties: --datasource needs tollgate.store.datasource, the JDBC resource's JNDI name (jdbc/tollgate-store, say); nothing applied" >&2
    exit 3
  fi
  # (a name no settings key can have: redact masks it too)
  values[@datasource.jdbc-password]=${datasource[jdbc-password]}
fi
# two secrets whose keys differ only where alias_name replaces a character would share one alias,
# and one key would get the other's value: refused before anything is applied
declare -A alias_key=()
for key in "${keys[@]}"; do
  is_secret "$key" || continue
  alias=$(alias_name "$key")
  if [ -n "${alias_key[$alias]:-}" ]; then
    echo "$properties: $key and ${alias_key[$alias]} would share the password alias $alias; rename one (nothing applied)" >&2
    exit 3
  fi
  alias_key[$alias]=$key
done

# The aliases are encrypted with the master password: refused while it is Payara's default, which
# anyone knows. (keytool is given the default, which is no secret, to see whether it opens.)
alias_store=$domain_dir/config/domain-passwords
if [ ! -f "$alias_store" ]; then
  echo "no alias store $alias_store: give the domain's directory with --domain-dir; nothing applied" >&2
  exit 2
fi
# Anything but "opens" and "wrong password" (keytool missing, an unreadable store) is no answer:
# refused as well, rather than taken for a changed password.
if ! command -v keytool > /dev/null; then
  echo "keytool (the JDK's) is not on the PATH: the script cannot check the domain's master password; nothing applied" >&2
  exit 2
fi
master_check=0
master_check_out=$(keytool -list -keystore "$alias_store" -storepass changeit 2>&1) || master_check=$?
# (a JCEKS store, as Payara's is, says "password was incorrect"; a PKCS12 one "Integrity check failed")
if [ "$master_check" -ne 0 ] && [[ $master_check_out != *"password was incorrect"* ]] \
  && [[ $master_check_out != *"Integrity check failed"* ]]; then
  echo "keytool could not open $alias_store to check the domain's master password; nothing applied" >&2
  exit 2
fi
if [ "$master_check" -eq 0 ]; then
  cat >&2 <<EOF
the domain's master password is Payara's default ("changeit"): the password aliases it protects
would be readable by anyone who can read $alias_store; nothing applied.
Change it first, with the domain stopped:
  $payara_home/bin/asadmin change-master-password --savemasterpassword=true $(basename "$domain_dir")
(--savemasterpassword keeps it in $domain_dir/config/master-password, readable by its owner only, so
that the domain starts unattended; without it, start-domain asks for it.)
EOF
  exit 3
fi

secrets=0
for key in "${keys[@]}"; do
  if is_secret "$key"; then secrets=$((secrets + 1)); fi
done

# demo: the sandbox ports are those of the BigCommerce API, payments and storefront URLs
url_port() {
  local port
  port=$(sed -n 's,^[a-z]*://[^/:]*:\([0-9][0-9]*\).*$,\1,p' <<< "$1")
  printf '%s' "${port:-$2}"
}
if [ -n "$sandbox_listeners" ]; then
  api_port=$(url_port "${values[tollgate.bigcommerce.base-url]:-}" 8083)
  payments_port=$(url_port "${values[tollgate.bigcommerce.payments-url]:-}" 8081)
  storefront_port=8082
  for key in "${keys[@]}"; do
    if [[ $key == tollgate.bigcommerce.tenants.*.storefront-url ]]; then
      storefront_port=$(url_port "${values[$key]}" 8082)
      break
    fi
  done
fi

# runs an asadmin multimode file; multimode itself exits 0 when a command fails, so its output
# is checked (the output holds no secret: the values are only in the password files)
asadmin_session() {
  "$asadmin" "${admin[@]}" multimode --file "$1" > "$2" 2> "$2.err" || true
  if grep -q '^Command .* failed\.$' "$2" "$2.err" || ! grep -q '^Command multimode executed successfully\.$' "$2"; then
    echo "asadmin failed ($3); its output:" >&2
    redact "$(cat "$2" "$2.err" | grep -v 'infocmp')" >&2
    exit 1
  fi
}
# one asadmin call to learn what exists: the password aliases, the network listeners, the JVM options
{
  echo "export AS_ADMIN_PASSWORDFILE=$admin_pw"
  echo "list-password-aliases"
  if [ -n "$sandbox_listeners" ]; then
    sandbox_get_patterns | sed 's/^/get /'
  fi
  if [ -n "$combined_cdi" ]; then
    echo "list-jvm-options"
  fi
  echo "get-microprofile-healthcheck-configuration"
  echo "get-metrics-configuration"
} > "$tmp/query"
asadmin_session "$tmp/query" "$tmp/query.out" "reading the domain's password aliases"
awk '/^Command list-password-aliases executed successfully\./ { exit }
     !/^Command / && !/^Nothing to list/ { print $1 }' "$tmp/query.out" > "$tmp/aliases"

# The domain's own config properties (source "domain"): the <property name="payara.microprofile.*">
# children of <domain> in domain.xml, found at the indentation of <domain>'s other children.
domain_properties() {
  awk '/^[ \t]*<configs[ >]/ { match($0, /^[ \t]*/); indent = substr($0, 1, RLENGTH) }
       { lines[NR] = $0 }
       END { for (i = 1; i <= NR; i++)
               if (indent != "" && index(lines[i], indent "<property name=\"payara.microprofile.") == 1) {
                 name = substr(lines[i], length(indent) + 37); sub(/".*/, "", name); print name } }' \
    "$domain_dir/config/domain.xml"
}
mapfile -t existing < <(domain_properties)
mapfile -t clients < <(tollgate_clients "${keys[@]}" "${existing[@]}" | sort -u)
removed=()
for name in "${existing[@]}"; do
  if is_tollgate_key "$name" "${clients[@]}" && [ -z "${values[$name]+set}" ]; then
    removed+=("$name")
  fi
done
# Tollgate's aliases (named after the secret's key) that no key of the files uses any more
declare -A wanted_aliases=()
for key in "${keys[@]}"; do
  if is_secret "$key"; then wanted_aliases[$(alias_name "$key")]=1; fi
done
removed_aliases=()
while IFS= read -r alias; do
  if [[ $alias == tollgate.* ]] && [ -z "${wanted_aliases[$alias]:-}" ]; then
    removed_aliases+=("$alias")
  fi
done < "$tmp/aliases"

# the JVM option: added if missing, replaced if set to anything else
restart=
jvm_option_commands() {
  local current
  current=$(grep -E '^-Dfish\.payara\.ear-combined-cdi-deployment(=|$)' "$tmp/query.out" || true)
  [ "$current" = "$combined_cdi_option" ] && return 0
  if [ -n "$current" ]; then
    echo "delete-jvm-options $(word "$current")"
  fi
  echo "create-jvm-options $(word "$combined_cdi_option")"
  restart=yes
}
[ -z "$combined_cdi" ] || jvm_option_commands > "$tmp/jvm-commands"

# MicroProfile Health and Metrics, which serve Tollgate's readiness check and metrics, enabled if
# an administrator disabled them (Payara enables both; their endpoints, security and roles are
# left as they are). "true" or "false": the first column of the line after a get-*-configuration
# command's header.
service_enabled() {
  awk -v header="$1" 'found { print $1; exit } $0 ~ "^Enabled +" header { found = 1 }' "$tmp/query.out"
}
observability_commands() {
  if [ "$(service_enabled 'EndPoint')" = false ]; then
    echo "set-microprofile-healthcheck-configuration --enabled=true"
    enabled_services+=("MicroProfile Health")
  fi
  if [ "$(service_enabled 'Dynamic')" = false ]; then
    echo "set-metrics-configuration --enabled=true --dynamic=true"
    enabled_services+=("MicroProfile Metrics")
  fi
}
enabled_services=()
observability_commands > "$tmp/observability-commands"

# The tenant store's database (--datasource): the driver in the domain's lib/ (loaded at the next
# start: a restart is asked for when it is new or another jar), the password alias, and the pool
# and resource made anew, so that every value is the file's. The pool's properties are set one by
# one (asadmin's --property would need ':' and '=' escaped in the URL and the user).
datasource_commands() {
  local pw=$tmp/datasource.pw pool=resources.jdbc-connection-pool.$datasource_pool.property
  { cat "$admin_pw"; printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$(properties_value "${datasource[jdbc-password]}")"; } > "$pw"
  echo "export AS_ADMIN_PASSWORDFILE=$pw"
  if grep -qxF -- "$datasource_alias" "$tmp/aliases"; then
    echo "update-password-alias $datasource_alias"
  else
    echo "create-password-alias $datasource_alias"
  fi
  echo "export AS_ADMIN_PASSWORDFILE=$admin_pw"
  if grep -q "<jdbc-connection-pool [^>]*name=\"$datasource_pool\"" "$domain_dir/config/domain.xml"; then
    echo "delete-jdbc-connection-pool --cascade=true $datasource_pool"
  fi
  echo "create-jdbc-connection-pool --datasourceclassname=org.postgresql.ds.PGSimpleDataSource --restype=javax.sql.DataSource --nontransactionalconnections=true $datasource_pool"
  echo "set $(word "$pool.url=${datasource[jdbc-url]}")"
  echo "set $(word "$pool.user=${datasource[jdbc-user]}")"
  echo "set $(word "$pool.password=\${ALIAS=$datasource_alias}")"
  echo "create-jdbc-resource --connectionpoolid=$datasource_pool $(word "$datasource_jndi")"
}
driver=$domain_dir/lib/tollgate-postgresql-jdbc.jar
driver_new=
if [ -n "$datasource_file" ] && ! cmp -s "${datasource[driver-jar]}" "$driver"; then
  driver_new=yes
fi

n=0
{
  echo "export AS_ADMIN_PASSWORDFILE=$admin_pw"
  for key in "${keys[@]}"; do
    if is_secret "$key"; then
      n=$((n + 1))
      alias=$(alias_name "$key")
      pw=$tmp/alias-$n.pw
      { cat "$admin_pw"; printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$(properties_value "${values[$key]}")"; } > "$pw"
      echo "export AS_ADMIN_PASSWORDFILE=$pw"
      if grep -qxF -- "$alias" "$tmp/aliases"; then
        echo "update-password-alias $(word "$alias")"
      else
        echo "create-password-alias $(word "$alias")"
      fi
      echo "export AS_ADMIN_PASSWORDFILE=$admin_pw"
      echo "set-config-property --source=domain $(word "--propertyName=$key") $(word "--propertyValue=\${ALIAS=$alias}")"
    else
      echo "set-config-property --source=domain $(word "--propertyName=$key") $(word "--propertyValue=${values[$key]}")"
    fi
  done
  for name in "${removed[@]}"; do
    echo "delete-config-property --source=domain $(word "--propertyName=$name")"
  done
  for alias in "${removed_aliases[@]}"; do
    echo "delete-password-alias $(word "$alias")"
  done
  if [ -n "$sandbox_listeners" ]; then
    sandbox_listener_ports "$tmp/query.out" > "$tmp/listeners"
    sandbox_thread_pool_commands "$tmp/query.out"
    sandbox_listener_commands "$tmp/listeners" sandbox "$api_port"
    sandbox_listener_commands "$tmp/listeners" sandbox-payments "$payments_port"
    sandbox_listener_commands "$tmp/listeners" sandbox-storefront "$storefront_port"
  fi
  [ -z "$combined_cdi" ] || cat "$tmp/jvm-commands"
  cat "$tmp/observability-commands"
  [ -z "$datasource_file" ] || datasource_commands
} > "$tmp/commands"
asadmin_session "$tmp/commands" "$tmp/commands.out" "applying $properties"
if [ -n "$driver_new" ]; then
  mkdir -p "$domain_dir/lib"
  cp "${datasource[driver-jar]}" "$driver"
fi

echo "Tollgate configuration applied to the Payara domain at $payara_home from $properties:" \
  "${#keys[@]} config properties, $secrets of them password aliases"
if [ ${#removed[@]} -gt 0 ]; then
  echo "removed ${#removed[@]} Tollgate keys that the settings no longer have: ${removed[*]}"
fi
if [ ${#removed_aliases[@]} -gt 0 ]; then
  echo "removed their password aliases: ${removed_aliases[*]}"
fi
for file in "$alias_store" "$domain_dir/config/master-password"; do
  if [ -f "$file" ] && [ -n "$(find "$file" -perm /077)" ]; then
    echo "warning: $file is readable by others than its owner: run the domain with umask 077 (systemd: UMask=0077) and make it readable by its owner only" >&2
  fi
done
if [ ${#enabled_services[@]} -gt 0 ]; then
  echo "enabled ${enabled_services[*]}, which serve Tollgate's readiness check and metrics"
fi
if [ -n "$sandbox_listeners" ]; then
  echo "sandbox listeners on $sandbox_thread_pool: sandbox on $api_port, sandbox-payments on $payments_port, sandbox-storefront on $storefront_port"
fi
if [ -n "$datasource_file" ]; then
  echo "tenant store datasource: JDBC resource $datasource_jndi (tollgate.store.datasource) on the pool $datasource_pool, driver $driver"
fi
if [ -n "$driver_new" ]; then
  echo "PostgreSQL's JDBC driver is new in the domain's lib/: restart the domain (asadmin restart-domain)"
fi
if [ -n "$restart" ]; then
  echo "added the JVM option $combined_cdi_option: restart the domain before deploying (asadmin restart-domain)"
fi
