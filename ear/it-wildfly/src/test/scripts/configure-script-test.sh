#!/usr/bin/env bash
# Tests of server-config/wildfly/configure.sh against the unpacked WildFly, offline (embedded
# server, no boot of a real one), before the demo configuration is applied to the same server:
# that configuration then has to remove what the tests left, as any re-run would.
# The tenant store's PostgreSQL datasource (--datasource) is tested against a real PostgreSQL
# (Debian's server binaries, a throwaway cluster on loopback) in a server booted for it: that boot
# opens the server's ports, so run this as the module's build does, under the servers' lock.
# usage: configure-script-test.sh <wildfly-home> <server-config-dir> <work-dir> <postgresql-jdbc.jar>
set -euo pipefail
umask 077
wildfly_home=$1
server_config=$2
work=$3
driver_jar=$4
configure=$server_config/wildfly/configure.sh
config_dir=$wildfly_home/standalone/configuration
. "$server_config/lib/properties.sh"
. "$server_config/test/script-test-lib.sh"
. "$server_config/test/postgres.sh"
trap postgres_stop EXIT
rm -rf "$work"
mkdir -p "$work"

# runs the script the way an administrator does (one settings file, offline, options $3...);
# output to $2. In the POSIX locale, as cron, a service or a bare ssh session gives it: the
# values must arrive byte for byte all the same.
configure() {
  local status=0 settings=$1 out=$2
  shift 2
  LC_ALL=C LANG=C bash "$configure" "$wildfly_home" "$settings" --offline "$@" > "$out" 2>&1 || status=$?
  return "$status"
}

# the value each key of $1 has in the server, as the server's JVM resolves it (decrypted), in
# DMR notation: one '"result" => "..."' line per key, after an "@key" line
read_back() {
  local settings=$1 key
  read_properties "$settings"
  {
    echo 'embed-server --server-config=standalone.xml --std-out=discard'
    for key in "${keys[@]}"; do
      echo "echo @$key"
      echo ":resolve-expression(expression=\"\${$key}\")"
    done
    if [ -n "${2:-}" ]; then
      echo "echo @old"
      echo ":resolve-expression(expression=\"$2\")"
    fi
    echo 'stop-embedded-server'
  } > "$work/read-back.cli"
  "$wildfly_home/bin/jboss-cli.sh" --file="$work/read-back.cli" > "$work/read-back.out" 2>&1 || true
}

# the DMR result read_back found for key $1 (or for the expression read as "@old")
read_back_value() {
  awk -v k="@$1" '$0 == k { found = 1; next } found && /"result" =>/ { print; exit }' "$work/read-back.out"
}

# The runs the tests look at (each offline run boots an embedded server two to four times, so
# they are few): the special characters and a second client "gone" applied, then applied again
# with a new key (--new-key, rotation) and without one tenant's secret, without the Rest Client
# key of "rt" and without the client "gone", then the same settings once more (an administrator's
# re-run); these two with the tenant store's datasource (added, then rewritten). One more embedded server reads every value back, and an expression the first run made
# (as standalone_xml_history keeps it).
settings=$work/special.properties
write_special_settings "$settings" rt
printf 'tollgate.gone.provider=taxjar\ntollgate.gone.api-token=Tg7gone-2Mx\ngone/mp-rest/url=http://127.0.0.1:8080/g\n' >> "$settings"
# beyond ASCII (UTF-8: two, three and four bytes), in a secret and in a plain value
printf 'tollgate.rt.tenants.u1.client-secret=Tg7\xc3\xa9\xe2\x82\xac\xf0\x9f\x94\x91Xq\ntollgate.rt.tenants.u1.display-name=Caf\xc3\xa9\n' >> "$settings"
echo "tollgate.store.datasource=java:jboss/datasources/TollgateStore" >> "$settings"
smaller=$work/smaller.properties
grep -v '^tollgate\.rt\.tenants\.m1\.\|^rt/mp-rest/\|^tollgate\.gone\.\|^gone/' "$settings" > "$smaller"
dropped=(tollgate.rt.tenants.m1.client-secret rt/mp-rest/url tollgate.gone.provider tollgate.gone.api-token gone/mp-rest/url)
# the administrator's own Elytron encryption (a resolver for their datasource's password), a
# system property, a secret of their own encrypted with their resolver (named so that WildFly
# does not mask it, as it masks names containing "password") and MicroProfile Health behind
# authentication, which every run must leave as they are
admin_secret=Tg7admin-own-5Vd
cat > "$work/administrator.cli" <<CLI
embed-server --server-config=standalone.xml --std-out=discard
/subsystem=elytron/secret-key-credential-store=admin:add(path=admin.cs, relative-to=jboss.server.config.dir, create=true, populate=true)
/subsystem=elytron/expression=encryption:add(resolvers=[{name=admin, credential-store=admin, secret-key=key}])
/system-property=admin.setting:add(value=kept)
/extension=org.wildfly.extension.microprofile.health-smallrye:add
/subsystem=microprofile-health-smallrye:add(security-enabled=true)
/subsystem=elytron/expression=encryption:create-expression(resolver=admin, clear-text=$admin_secret)
stop-embedded-server
CLI
"$wildfly_home/bin/jboss-cli.sh" --file="$work/administrator.cli" > "$work/administrator.out" 2>&1
admin_expression=$(sed -n 's/.*"expression" => "\(\${ENC::admin:[^"]*}\)".*/\1/p' "$work/administrator.out")
printf 'embed-server --server-config=standalone.xml --std-out=discard\n/system-property=admin.api-secret:add(value="%s")\nstop-embedded-server\n' \
  "$admin_expression" > "$work/administrator-secret.cli"
"$wildfly_home/bin/jboss-cli.sh" --file="$work/administrator-secret.cli" > "$work/administrator-secret.out" 2>&1
# the tenant store's database: a role whose password has characters a CLI or a JDBC URL would
# mangle
database_password='Tg7db "pw" \ ;=:9Qz'
postgres_start tollgate "$database_password"
database=$work/database.properties
printf 'jdbc-url=jdbc:postgresql://127.0.0.1:%s/tollgate\njdbc-user=tollgate\njdbc-password=%s\ndriver-jar=%s\n' \
  "$postgres_port" "$database_password" "$driver_jar" > "$database"
first_run=0
configure "$settings" "$work/first.out" --cli "$server_config/wildfly/sandbox-listeners.cli" || first_run=$?
old_expression=$(grep -o 'name="tollgate.rt.tenants.m2.client-secret" value="[^"]*"' "$config_dir/standalone.xml" \
  | sed 's/.*value="//; s/"$//' || true)
first_store=$(ls "$config_dir"/tollgate/*.cs 2> /dev/null || true)
# as earlier versions of the script left the server they ran on again: Tollgate's resolver a
# second time in the administrator's resource, which --new-key must remove with the first
cat > "$work/duplicate-resolver.cli" <<'CLI'
embed-server --server-config=standalone.xml --std-out=discard
/subsystem=elytron/expression=encryption:list-add(name=resolvers, value={name=tollgate, credential-store=tollgate, secret-key=key})
stop-embedded-server
CLI
[ "$first_run" -ne 0 ] || "$wildfly_home/bin/jboss-cli.sh" --file="$work/duplicate-resolver.cli" > "$work/duplicate-resolver.out" 2>&1
second_run=0
[ "$first_run" -ne 0 ] || configure "$smaller" "$work/second.out" --new-key --datasource "$database" --cli "$server_config/wildfly/sandbox-listeners.cli" || second_run=$?
third_run=0
[ "$first_run" -ne 0 ] || [ "$second_run" -ne 0 ] || configure "$smaller" "$work/third.out" --datasource "$database" || third_run=$?
[ "$first_run" -ne 0 ] || [ "$second_run" -ne 0 ] || [ "$third_run" -ne 0 ] || read_back "$smaller" "$old_expression"
# the server booted (not admin-only: a datasource connects in a running server only) asks the
# datasource for a connection: the driver module, the URL, the user and the encrypted password
{
  echo 'embed-server --server-config=standalone.xml --std-out=discard --admin-only=false'
  echo '/subsystem=datasources/data-source=TollgateStore:test-connection-in-pool'
  echo 'stop-embedded-server'
} > "$work/test-connection.cli"
[ "$first_run" -ne 0 ] || [ "$second_run" -ne 0 ] || [ "$third_run" -ne 0 ] \
  || "$wildfly_home/bin/jboss-cli.sh" --file="$work/test-connection.cli" > "$work/test-connection.out" 2>&1 || true
postgres_stop
# the administrator's health subsystem as the runs left it; then opened, as the demo's server,
# configured next on this installation, serves /health/ready to the tests without authentication
admin_health=$(grep '<subsystem xmlns="urn:wildfly:microprofile-health-smallrye:' "$config_dir/standalone.xml" || true)
printf 'embed-server --server-config=standalone.xml --std-out=discard\n/subsystem=microprofile-health-smallrye:write-attribute(name=security-enabled, value=false)\nstop-embedded-server\n' \
  > "$work/open-health.cli"
"$wildfly_home/bin/jboss-cli.sh" --file="$work/open-health.cli" > "$work/open-health.out" 2>&1

# both runs add the demo's sandbox listeners: the worker and each listener are there once, every
# listener on the sandbox's own worker
sandbox_listeners_on_their_own_worker() {
  local xml=$config_dir/standalone.xml name
  [ "$(grep -c '<worker name="sandbox"' "$xml")" = 1 ] || fail "no single sandbox worker in standalone.xml"
  for name in sandbox sandbox-payments sandbox-storefront; do
    [ "$(grep -c "<http-listener name=\"$name\"" "$xml")" = 1 ] || fail "the listener $name is not there once"
    grep "<http-listener name=\"$name\"" "$xml" | grep -q 'worker="sandbox"' || fail "the listener $name is not on the sandbox worker"
  done
}

runs_succeeded() {
  [ "$first_run" -eq 0 ] || fail "the first run failed: $(redact "$(tail -3 "$work/first.out")")"
  [ "$second_run" -eq 0 ] || fail "the second run failed: $(redact "$(tail -3 "$work/second.out")")"
  [ "$third_run" -eq 0 ] || fail "the third run failed: $(redact "$(tail -3 "$work/third.out")")"
}

secrets_round_trip_exactly() {
  read_properties "$smaller"
  local key expected actual n=0
  for key in "${keys[@]}"; do
    expected="    \"result\" => \"$(escaped "${values[$key]}")\""
    actual=$(read_back_value "$key")
    if [ "$actual" != "$expected" ]; then
      fail "$key: the server holds ${actual:-nothing} (in DMR notation), not the settings file's value"
    fi
    n=$((n + 1))
  done
  echo "  $n keys read back from the server"
}

# the one credential store in the store directory
the_store() {
  local stores=()
  [ -d "$config_dir/tollgate" ] && stores=("$config_dir"/tollgate/*.cs)
  [ ${#stores[@]} -eq 1 ] && [ -f "${stores[0]}" ] && printf '%s' "${stores[0]}"
}

store_private_and_password_protected() {
  local store reference
  store=$(the_store) || { fail "not one credential store in $config_dir/tollgate"; return; }
  assert_mode "$config_dir/tollgate" 700
  assert_mode "$store" 600
  # standalone.xml holds the store's password (masked): not readable by others either
  assert_mode "$config_dir/standalone.xml" 600
  if keytool -list -keystore "$store" -storepass not-the-password > /dev/null 2>&1; then
    fail "the store opens without its password"
  fi
  reference=$(grep -A1 '<credential-store name="tollgate"' "$config_dir/standalone.xml" | grep -o 'clear-text="[^"]*"' || true)
  [[ $reference == 'clear-text="MASK-'* ]] || fail "the store's password is not masked in standalone.xml: ${reference:0:20}"
  [ ! -e "$config_dir/tollgate.cs" ] || fail "an unprotected store $config_dir/tollgate.cs exists"
}

no_secret_in_output_or_configuration() {
  local files=("$work/first.out" "$work/second.out" "$work/third.out" "$config_dir/standalone.xml" "$wildfly_home/standalone/tmp/tollgate.cli")
  [ ! -f "$wildfly_home/standalone/log/server.log" ] || files+=("$wildfly_home/standalone/log/server.log")
  assert_no_secret_in "$settings" "${files[@]}"
  assert_no_secret_in "$database" "${files[@]}"
}

# the datasource the second and third runs set up connects to PostgreSQL, at the JNDI name the
# settings give Tollgate, its password encrypted in standalone.xml
datasource_connects_to_postgres() {
  local xml=$config_dir/standalone.xml
  grep -q '"result" => \[true\]' "$work/test-connection.out" 2> /dev/null \
    || fail "the datasource did not connect: $(redact "$(grep -v '^ *at ' "$work/test-connection.out" 2> /dev/null | tail -15)")"
  grep -q '<datasource [^>]*jndi-name="java:jboss/datasources/TollgateStore" pool-name="TollgateStore"' "$xml" \
    || fail "no datasource TollgateStore at tollgate.store.datasource's JNDI name"
  [ "$(grep -c 'pool-name="TollgateStore"' "$xml")" = 1 ] || fail "the datasource is not there once"
  grep -A4 'pool-name="TollgateStore"' "$xml" | grep -q 'password="${ENC::tollgate:' || fail "the datasource's password is not encrypted"
  grep -qF 'tenant store datasource TollgateStore' "$work/third.out" || fail "the run does not say that it set up the datasource"
}

# a tenant store key that is not an AES-256 key in base64 (one character short, 24 bytes (what
# `openssl rand -base64 24` makes), URL-safe base64, a previous key with a typo, the current key listed again as a
# previous one): nothing applied, the key named, the value not printed
malformed_store_key_applies_nothing() {
  local refused=$work/store-key.properties before after status line
  for line in "tollgate.store.encryption-key=${STORE_KEY:1}" "tollgate.store.encryption-key=$(head -c 24 /dev/zero | base64)" \
    "tollgate.store.encryption-key=${STORE_KEY/Jm/-_}" "tollgate.store.previous-keys=$STORE_PREVIOUS_KEY_1,${STORE_PREVIOUS_KEY_2/M/%}" \
    "tollgate.store.previous-keys=$STORE_PREVIOUS_KEY_1,$STORE_KEY"; do
    { cat "$smaller"; echo "$line"; } > "$refused"
    before=$(sha256sum < "$config_dir/standalone.xml")
    status=0
    configure "$refused" "$work/store-key.out" || status=$?
    after=$(sha256sum < "$config_dir/standalone.xml")
    [ "$status" -eq 3 ] || fail "a malformed store key gave status $status, not 3 (${line%%=*})"
    [ "$before" = "$after" ] || fail "standalone.xml changed although a store key was refused"
    grep -qF "${line%%=*}" "$work/store-key.out" || fail "the refusal does not name the key: $(head -2 "$work/store-key.out")"
    assert_no_secret_in "$refused" "$work/store-key.out"
    if grep -qF -- "${line#*=}" "$work/store-key.out" || grep -qF -- "$STORE_KEY" "$work/store-key.out"; then
      fail "the refusal prints a key"
    fi
  done
}

# a datasource file with a misspelt key, without its password, for another database, or with
# another jar than PostgreSQL's driver; settings that do not say which JNDI name Tollgate reads:
# nothing applied, the problem named
incomplete_datasource_applies_nothing() {
  local bad=$work/bad-database.properties without=$work/without-datasource.properties before after status
  grep -v '^tollgate\.store\.datasource=' "$smaller" > "$without"
  for case in typo missing-password mysql wrong-jar no-jndi-name; do
    case $case in
      typo) sed 's/^jdbc-password=/jdbc-pasword=/' "$database" > "$bad" ;;
      missing-password) grep -v '^jdbc-password=' "$database" > "$bad" ;;
      mysql) sed 's,^jdbc-url=jdbc:postgresql:,jdbc-url=jdbc:mysql:,' "$database" > "$bad" ;;
      wrong-jar) { grep -v '^driver-jar=' "$database"; echo "driver-jar=$wildfly_home/jboss-modules.jar"; } > "$bad" ;;
      no-jndi-name) cp "$database" "$bad" ;;
    esac
    before=$(sha256sum < "$config_dir/standalone.xml")
    status=0
    if [ "$case" = no-jndi-name ]; then
      configure "$without" "$work/bad-database.out" --datasource "$bad" || status=$?
    else
      configure "$smaller" "$work/bad-database.out" --datasource "$bad" || status=$?
    fi
    after=$(sha256sum < "$config_dir/standalone.xml")
    [ "$status" -eq 3 ] || fail "$case: status $status, not 3"
    [ "$before" = "$after" ] || fail "$case: standalone.xml changed although the datasource was refused"
    case $case in
      typo) grep -q 'unknown key jdbc-pasword' "$work/bad-database.out" || fail "$case: $(head -2 "$work/bad-database.out")" ;;
      missing-password) grep -q 'jdbc-password is not set' "$work/bad-database.out" || fail "$case: $(head -2 "$work/bad-database.out")" ;;
      mysql) grep -q 'jdbc-url is not a PostgreSQL URL' "$work/bad-database.out" || fail "$case: $(head -2 "$work/bad-database.out")" ;;
      wrong-jar) grep -q "driver-jar is not PostgreSQL's JDBC driver" "$work/bad-database.out" || fail "$case: $(head -2 "$work/bad-database.out")" ;;
      no-jndi-name) grep -q 'tollgate.store.datasource' "$work/bad-database.out" || fail "$case: $(head -2 "$work/bad-database.out")" ;;
    esac
    assert_no_secret_in "$database" "$work/bad-database.out"
  done
}

# WildFly lists its JVM's system properties in server.log at every boot of an embedded server
# (org.jboss.as.config at DEBUG in logging.properties, which only a running server rewrites): no
# run may boot one whose JVM already holds the decrypted values, neither Tollgate's (the re-run)
# nor the administrator's own (the first run, which adds Tollgate's resolver to their resource).
# Whole or any 8-character piece, as the scan after the in-server tests looks (the one-character
# secret is left out: it is in every log).
no_secret_in_server_log() {
  local scanned=$work/scanned.properties log=$wildfly_home/standalone/log/server.log
  { grep -v '^tollgate\.rt\.tenants\.x3\.' "$settings"; echo "admin.api-secret=$admin_secret"; } > "$scanned"
  [ -n "$admin_expression" ] || fail "the administrator's secret was not encrypted: $(cat "$work/administrator.out")"
  bash "$server_config/../tools/scan-for-secrets.sh" "$scanned" -- "$log" > "$work/scan.out" 2>&1 \
    || fail "$(cat "$work/scan.out")"
}

# a value the server could not hold (a tab, an expression) after valid new keys: nothing applied,
# the key named, the value not printed
refused_value_applies_nothing() {
  local refused=$work/refused.properties before after status value
  for value in $'Tg7tab\tinside-9Kd' 'Tg7expr-${env.HOME}-4Pw'; do
    {
      cat "$smaller"
      echo "tollgate.rt.tenants.new1.client-secret=Tg7new-before-3Jv"
      echo "tollgate.rt.tenants.new2.client-secret=$value"
      echo "tollgate.rt.tenants.new3.client-secret=Tg7new-after-8Lc"
    } > "$refused"
    before=$(sha256sum < "$config_dir/standalone.xml")
    status=0
    configure "$refused" "$work/refused.out" || status=$?
    after=$(sha256sum < "$config_dir/standalone.xml")
    [ "$status" -ne 0 ] || fail "a value the server cannot hold was accepted"
    [ "$before" = "$after" ] || fail "standalone.xml changed although a value was refused"
    grep -q 'tollgate.rt.tenants.new2.client-secret' "$work/refused.out" || fail "the refusal does not name the key: $(cat "$work/refused.out")"
    assert_no_secret_in "$refused" "$work/refused.out"
  done
}

# the second run removed the dropped keys, named them, kept the others
rerun_removes_dropped_keys() {
  local key
  for key in "${dropped[@]}"; do
    if grep -qF "name=\"$key\"" "$config_dir/standalone.xml"; then
      fail "$key is still in standalone.xml"
    fi
    grep -qF -- "$key" "$work/second.out" || fail "the output does not say that $key was removed"
  done
  grep -qF 'name="tollgate.rt.tenants.m2.client-secret"' "$config_dir/standalone.xml" || fail "a kept key was removed"
}

# the second run's --new-key: a new store and key; every secret still reads back (above), and an
# expression made with the old key (as in standalone_xml_history) no longer decrypts
new_key_retires_the_old_one() {
  [ -n "$old_expression" ] && [ -n "$first_store" ] || { fail "the first run made no expression or store"; return; }
  [ ! -e "$first_store" ] || fail "the old store $first_store is still there"
  # the outcome of the resolve after "@old" only: nothing printed later (the embedded server's stop) counts
  if awk '$0 == "@old" { found = 1; next } found && /"outcome" =>/ { print; exit }' "$work/read-back.out" \
      | grep -q '"outcome" => "success"'; then
    fail "an expression made with the old key still decrypts"
  fi
}

# a line that is not key=value (a Java-properties "key:value", the second half of a value broken
# over two lines) is refused without printing any of it: it may be a secret
malformed_line_prints_no_secret() {
  local malformed=$work/malformed.properties status piece
  for line in 'tollgate.rt.tenants.c1.client-secret:Tg7colon-5Rz' 'Tg7second-half-of-a-secret-8Wq'; do
    { cat "$smaller"; echo "$line"; } > "$malformed"
    status=0
    configure "$malformed" "$work/malformed.out" || status=$?
    [ "$status" -eq 3 ] || fail "a line without '=' gave status $status, not 3"
    for piece in Tg7colon-5Rz Tg7second; do
      if grep -qF -- "$piece" "$work/malformed.out"; then
        fail "the refusal prints the line's secret: $(sed 's/Tg7[^ ]*/<secret>/g' "$work/malformed.out")"
      fi
    done
    grep -q 'malformed.properties' "$work/malformed.out" || fail "the refusal does not name the file"
  done
}

# a settings file saved by a Windows editor: a UTF-8 byte order mark before the first key, CRLF
# line endings; the first key is read as the administrator sees it, not refused as a bad key
settings_file_with_bom_reads_its_first_key() {
  local bom=$work/bom.properties read
  printf '\xef\xbb\xbftollgate.rt.provider=oauth2\r\ntollgate.rt.client-id=Tg7bom\r\n' > "$bom"
  read=$(read_properties "$bom" && check_settings "$bom" 2>&1 && printf '%s|' "${keys[@]}" "${values[tollgate.rt.provider]}") \
    || { fail "the file with a byte order mark is refused"; return; }
  [ "$read" = 'tollgate.rt.provider|tollgate.rt.client-id|oauth2|' ] || fail "read as: $(printf '%q' "$read")"
}

# the administrator's resolver and system property survived the runs (the second with --new-key),
# and Tollgate's resolver is in their resource once, however often the script ran
administrators_own_settings_kept() {
  grep -qF '<resolver name="admin" credential-store="admin" secret-key="key"/>' "$config_dir/standalone.xml" \
    || fail "the administrator's encryption resolver is gone"
  local tollgate_resolvers
  tollgate_resolvers=$(grep -c '<resolver name="tollgate"' "$config_dir/standalone.xml" || true)
  [ "$tollgate_resolvers" = 1 ] || fail "Tollgate's resolver is in standalone.xml $tollgate_resolvers times, not once"
  grep -qF '<property name="admin.setting" value="kept"/>' "$config_dir/standalone.xml" \
    || fail "the administrator's system property is gone"
}

# Tollgate's readiness check and metrics are served: MicroProfile Health and Micrometer's
# Prometheus registry (at /prometheus; /metrics stays the base metrics subsystem's), each once
# however often the script ran, and the administrator's secured health endpoint stays secured
health_and_metrics_served() {
  local xml=$config_dir/standalone.xml module
  for module in org.wildfly.extension.microprofile.health-smallrye org.wildfly.extension.micrometer org.wildfly.extension.metrics; do
    [ "$(grep -c "<extension module=\"$module\"/>" "$xml")" = 1 ] || fail "the extension $module is not there once"
  done
  [ "$(grep -c '<subsystem xmlns="urn:wildfly:micrometer:' "$xml")" = 1 ] || fail "no single micrometer subsystem"
  grep -q '<prometheus-registry context="/prometheus" security-enabled="false"/>' "$xml" \
    || fail "no Prometheus registry at /prometheus: $(grep -o '<prometheus-registry[^>]*>' "$xml")"
  grep -q '<subsystem xmlns="urn:wildfly:metrics:[^"]*" [^>]*/>' "$xml" || fail "the base metrics subsystem is gone"
  [ "$(grep -c '<subsystem xmlns="urn:wildfly:microprofile-health-smallrye:' "$xml")" = 1 ] || fail "no single microprofile-health-smallrye subsystem"
  [ -n "$admin_health" ] || fail "no microprofile-health-smallrye subsystem after the runs"
  [[ $admin_health != *'security-enabled="false"'* ]] || fail "the administrator's secured health endpoint was opened"
  grep -q 'security-enabled="false"' <<< "$(grep '<subsystem xmlns="urn:wildfly:microprofile-health-smallrye:' "$xml")" \
    || fail "the health endpoint is not opened for the demo's server"
  return 0
}

# tollgate.cache=cluster on standalone-ha.xml (--server-config): Tollgate's cache container with
# a JGroups transport and its replicated cache "credentials", once; the settings land in that
# file only, and the store standalone.xml uses (the earlier runs') is not deleted as unused
cluster_cache_defined_in_standalone_ha() {
  local ha=$config_dir/standalone-ha.xml cluster=$work/cluster.properties before_xml
  printf 'tollgate.cache=cluster\ntollgate.cache.fetch-lease=PT5S\ntollgate.store.encryption-key=%s\n' \
    "$(head -c 32 /dev/urandom | base64)" > "$cluster"
  before_xml=$(sha256sum < "$config_dir/standalone.xml")
  local stores_before
  stores_before=$(ls "$config_dir/tollgate/")
  configure "$cluster" "$work/cluster.out" --server-config standalone-ha.xml \
    || { fail "the run failed: $(cat "$work/cluster.out")"; return; }
  [ "$(grep -c '<cache-container name="tollgate"' "$ha")" = 1 ] || fail "no single cache container tollgate in standalone-ha.xml"
  local container
  container=$(awk '/<cache-container name="tollgate"/,/<\/cache-container>/' "$ha")
  grep -q '<transport' <<< "$container" || fail "the container has no JGroups transport: $container"
  grep -q '<replicated-cache name="credentials"' <<< "$container" || fail "the container has no replicated cache credentials: $container"
  grep -q '<property name="tollgate.cache" value="cluster"/>' "$ha" || fail "tollgate.cache is not in standalone-ha.xml"
  [ "$(sha256sum < "$config_dir/standalone.xml")" = "$before_xml" ] || fail "the run changed standalone.xml"
  local store
  for store in $stores_before; do
    [ -f "$config_dir/tollgate/$store" ] || fail "the store $store, which standalone.xml uses, was deleted"
  done
  grep -q 'replicated cache credentials of cache container tollgate' "$work/cluster.out" || fail "the run does not say it added the cache"
}

# tollgate.cache=cluster on a configuration without JGroups (standalone.xml), or a value that is
# neither local nor cluster: refused before anything is applied, naming what to do
cluster_cache_refused_without_jgroups_or_with_a_typo() {
  local cluster=$work/cluster-plain.properties before_xml status
  before_xml=$(sha256sum < "$config_dir/standalone.xml")
  printf 'tollgate.cache=cluster\n' > "$cluster"
  status=0
  configure "$cluster" "$work/cluster-plain.out" || status=$?
  [ "$status" = 3 ] || fail "standalone.xml with tollgate.cache=cluster: exit $status, not 3"
  grep -q 'standalone-ha.xml' "$work/cluster-plain.out" || fail "the refusal does not name standalone-ha.xml: $(cat "$work/cluster-plain.out")"
  printf 'tollgate.cache=clustre\n' > "$cluster"
  status=0
  configure "$cluster" "$work/cluster-typo.out" --server-config standalone-ha.xml || status=$?
  [ "$status" = 3 ] || fail "tollgate.cache=clustre: exit $status, not 3"
  grep -q 'tollgate.cache is local or cluster' "$work/cluster-typo.out" || fail "the refusal does not name the key: $(cat "$work/cluster-typo.out")"
  [ "$(sha256sum < "$config_dir/standalone.xml")" = "$before_xml" ] || fail "a refused run changed standalone.xml"
}

run_tests sandbox_listeners_on_their_own_worker runs_succeeded administrators_own_settings_kept health_and_metrics_served settings_file_with_bom_reads_its_first_key malformed_line_prints_no_secret secrets_round_trip_exactly store_private_and_password_protected \
  no_secret_in_output_or_configuration no_secret_in_server_log refused_value_applies_nothing rerun_removes_dropped_keys \
  new_key_retires_the_old_one datasource_connects_to_postgres malformed_store_key_applies_nothing incomplete_datasource_applies_nothing \
  cluster_cache_refused_without_jgroups_or_with_a_typo cluster_cache_defined_in_standalone_ha
