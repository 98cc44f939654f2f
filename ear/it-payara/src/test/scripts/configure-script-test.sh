#!/usr/bin/env bash
# Tests of server-config/payara/configure.sh against the unpacked Payara domain, in two steps that
# prepare-domain.sh runs around the domain's first start:
#   configure-script-test.sh <payara-home> <server-config-dir> <work-dir> stopped
#       the domain as unpacked (master password "changeit"): the script refuses, applies nothing
#   configure-script-test.sh <payara-home> <server-config-dir> <work-dir> running <postgresql-jdbc.jar>
#       the domain running with its own master password: secrets with special characters, a
#       refused value, a re-run without some keys; a third run with the tenant store's PostgreSQL
#       datasource (--datasource), against a throwaway PostgreSQL cluster on loopback, and the
#       domain restarted to load the driver
# The demo configuration applied afterwards has to remove what the tests left, as any re-run would.
set -euo pipefail
umask 077
payara_home=$1
server_config=$2
work=$3
step=$4
driver_jar=${5:-}
configure=$server_config/payara/configure.sh
asadmin=$payara_home/bin/asadmin
domain_dir=$payara_home/glassfish/domains/domain1
. "$server_config/lib/properties.sh"
. "$server_config/test/script-test-lib.sh"
. "$server_config/test/postgres.sh"
trap postgres_stop EXIT
mkdir -p "$work"

# configure <settings> <output> [options...]
configure() {
  local status=0 settings=$1 out=$2
  shift 2
  bash "$configure" "$payara_home" "$settings" "$@" > "$out" 2>&1 || status=$?
  return "$status"
}

# the domain's state as the tests compare it: domain.xml and the alias store
domain_state() {
  cat "$domain_dir/config/domain.xml" "$domain_dir/config/domain-passwords" | sha256sum
}

# ---- the domain stopped, master password still Payara's default

refuses_under_default_master_password() {
  local settings=$work/default-master.properties before status=0
  write_special_settings "$settings" rt
  before=$(domain_state)
  configure "$settings" "$work/default-master.out" || status=$?
  [ "$status" -ne 0 ] || fail "the script stored secrets under the default master password"
  [ "$before" = "$(domain_state)" ] || fail "the domain changed although the script refused"
  grep -q 'master password' "$work/default-master.out" || fail "the refusal does not say why: $(head -3 "$work/default-master.out")"
  assert_no_secret_in "$settings" "$work/default-master.out"
}

# without keytool on the PATH (a service's or cron's PATH, a JRE without it) the master password
# cannot be checked: refused, not taken as changed
refuses_when_master_password_cannot_be_checked() {
  local settings=$work/no-keytool.properties bin=$work/no-keytool-bin before status=0 tool
  write_special_settings "$settings" rt
  rm -rf "$bin"
  mkdir -p "$bin"
  for tool in /usr/local/bin/* /usr/bin/* /bin/*; do
    [ "$(basename "$tool")" = keytool ] || [ -e "$bin/$(basename "$tool")" ] || ln -s "$tool" "$bin/$(basename "$tool")"
  done
  before=$(domain_state)
  PATH=$bin configure "$settings" "$work/no-keytool.out" || status=$?
  [ "$status" -ne 0 ] || fail "the script stored secrets without checking the master password"
  [ "$before" = "$(domain_state)" ] || fail "the domain changed although the master password was not checked"
  grep -q 'master password' "$work/no-keytool.out" || fail "the refusal does not say why: $(head -3 "$work/no-keytool.out")"
  assert_no_secret_in "$settings" "$work/no-keytool.out"
}

# two secrets whose keys differ only by '/' and '_' would share one password alias (an alias holds
# no '/'), and one would silently get the other's value: refused, both keys named, before the
# domain is looked at
refuses_two_keys_sharing_an_alias() {
  local settings=$work/shared-alias.properties before status=0
  printf 'tollgate.rt_tenants.a.client-secret=Tg7first-4Hd\ntollgate.rt/tenants.a.client-secret=Tg7second-6Bn\n' > "$settings"
  before=$(domain_state)
  configure "$settings" "$work/shared-alias.out" || status=$?
  [ "$status" -eq 3 ] || fail "two keys sharing an alias gave status $status, not 3"
  [ "$before" = "$(domain_state)" ] || fail "the domain changed although the script refused"
  grep -qF 'tollgate.rt_tenants.a.client-secret' "$work/shared-alias.out" && grep -qF 'tollgate.rt/tenants.a.client-secret' "$work/shared-alias.out" \
    || fail "the refusal does not name both keys: $(head -3 "$work/shared-alias.out")"
  assert_no_secret_in "$settings" "$work/shared-alias.out"
}

# ---- the domain running

settings=$work/special.properties
smaller=$work/smaller.properties
dropped=(tollgate.rt.tenants.m1.client-secret rt/mp-rest/url tollgate.gone.provider tollgate.gone.api-token gone/mp-rest/url)

# each key's value as Payara's MicroProfile Config gives it to an administrator (aliases resolved),
# all asked in one asadmin session: the output's blocks end with "Command ... executed ..."
read_back() {
  local key
  read_properties "$1"
  read_back_keys=("${keys[@]}")
  for key in "${keys[@]}"; do
    echo "get-config-property --source=domain \"--propertyName=$key\""
  done > "$work/read-back.commands"
  "$asadmin" multimode --file "$work/read-back.commands" > "$work/read-back.out" 2> "$work/read-back.err" || true
}
read_back_value() {
  local i
  for i in "${!read_back_keys[@]}"; do
    if [ "${read_back_keys[$i]}" = "$1" ]; then
      awk -v n="$i" '/^Unable to retrieve infocmp/ { next }
                     block == n && !/^Command get-config-property/ { print }
                     /^Command get-config-property/ { block++ }' "$work/read-back.out"
      return
    fi
  done
}

prepare_running() {
  write_special_settings "$settings" rt
  printf 'tollgate.gone.provider=taxjar\ntollgate.gone.api-token=Tg7gone-2Mx\ngone/mp-rest/url=http://127.0.0.1:8080/g\n' >> "$settings"
  echo "tollgate.store.datasource=jdbc/tollgate-store" >> "$settings"
  grep -v '^tollgate\.rt\.tenants\.m1\.\|^rt/mp-rest/\|^tollgate\.gone\.\|^gone/' "$settings" > "$smaller"
  # an administrator turned MicroProfile Health and Metrics off: the first run turns them on again
  "$asadmin" set-microprofile-healthcheck-configuration --enabled=false > "$work/disable-health.out" 2>&1
  "$asadmin" set-metrics-configuration --enabled=false > "$work/disable-metrics.out" 2>&1
  first_run=0
  configure "$settings" "$work/first.out" --sandbox-listeners || first_run=$?
  second_run=0
  [ "$first_run" -ne 0 ] || configure "$smaller" "$work/second.out" --sandbox-listeners || second_run=$?
  [ "$first_run" -ne 0 ] || [ "$second_run" -ne 0 ] || read_back "$smaller"
  # the tenant store's database, whose password has characters asadmin's property syntax and a
  # password file would mangle; run twice (the second rewrites the pool), the domain restarted in
  # between to load the driver, then asked for a connection
  database_password='Tg7db "pw" \ ;=:9Qz'
  database=$work/database.properties
  third_run=0
  postgres_start tollgate "$database_password" || third_run=$?
  printf 'jdbc-url=jdbc:postgresql://127.0.0.1:%s/tollgate\njdbc-user=tollgate\njdbc-password=%s\ndriver-jar=%s\n' \
    "$postgres_port" "$database_password" "$driver_jar" > "$database"
  [ "$third_run" -ne 0 ] || configure "$smaller" "$work/third.out" --datasource "$database" || third_run=$?
  [ "$third_run" -ne 0 ] || "$asadmin" restart-domain domain1 > "$work/restart.out" 2>&1 || third_run=$?
  [ "$third_run" -ne 0 ] || configure "$smaller" "$work/fourth.out" --datasource "$database" || third_run=$?
  ping=0
  [ "$third_run" -ne 0 ] || "$asadmin" ping-connection-pool tollgate-store-pool > "$work/ping.out" 2>&1 || ping=$?
  postgres_stop
}

runs_succeeded() {
  [ "$first_run" -eq 0 ] || fail "the first run failed: $(redact "$(tail -5 "$work/first.out")")"
  [ "$second_run" -eq 0 ] || fail "the second run failed: $(redact "$(tail -5 "$work/second.out")")"
  [ "$third_run" -eq 0 ] || fail "the runs with the datasource failed: $(redact "$(tail -5 "$work/third.out" "$work/fourth.out" 2> /dev/null)")"
}

# the pool the datasource runs made connects to PostgreSQL; the JDBC resource is at the JNDI name
# the settings give Tollgate; the pool's password is an alias reference; the first run said that
# the new driver needs a restart
datasource_connects_to_postgres() {
  local xml=$domain_dir/config/domain.xml
  [ "$ping" -eq 0 ] && grep -q 'Command ping-connection-pool executed successfully' "$work/ping.out" \
    || fail "the pool did not connect: $(redact "$(tail -5 "$work/ping.out" 2> /dev/null)")"
  grep -q '<jdbc-resource [^>]*pool-name="tollgate-store-pool" jndi-name="jdbc/tollgate-store"' "$xml" \
    || fail "no JDBC resource at tollgate.store.datasource's JNDI name"
  [ "$(grep -c '<jdbc-connection-pool [^>]*name="tollgate-store-pool"' "$xml")" = 1 ] || fail "the pool is not there once"
  grep -q '<property name="password" value="${ALIAS=tollgate-store-jdbc-password}">' "$xml" || fail "the pool's password is not an alias"
  grep -q 'restart the domain' "$work/third.out" || fail "the first run with the driver does not ask for a restart"
  ! grep -q 'driver is new' "$work/fourth.out" || fail "the re-run asks for a restart although the driver is the same"
}

# a tenant store key that is not an AES-256 key in base64: nothing applied, the key named, the
# value not printed
malformed_store_key_applies_nothing() {
  local refused=$work/store-key.properties before status line
  for line in "tollgate.store.encryption-key=${STORE_KEY:1}" "tollgate.store.previous-keys=$STORE_PREVIOUS_KEY_1,${STORE_PREVIOUS_KEY_2/M/%}"; do
    { cat "$smaller"; echo "$line"; } > "$refused"
    before=$(domain_state)
    status=0
    configure "$refused" "$work/store-key.out" || status=$?
    [ "$status" -eq 3 ] || fail "a malformed store key gave status $status, not 3 (${line%%=*})"
    [ "$before" = "$(domain_state)" ] || fail "the domain changed although a store key was refused"
    grep -qF "${line%%=*}" "$work/store-key.out" || fail "the refusal does not name the key: $(head -2 "$work/store-key.out")"
    assert_no_secret_in "$refused" "$work/store-key.out"
  done
}

# both runs add the demo's sandbox listeners: each listener and the thread pool are there once,
# every listener on the sandbox's own pool
sandbox_listeners_on_their_own_thread_pool() {
  local xml=$domain_dir/config/domain.xml name
  [ "$(grep -c '<thread-pool [^>]*name="sandbox-thread-pool"' "$xml")" = 1 ] || fail "no single sandbox-thread-pool in domain.xml"
  for name in sandbox sandbox-payments sandbox-storefront; do
    [ "$(grep -c "<network-listener [^>]*name=\"$name\"" "$xml")" = 1 ] || fail "the network listener $name is not there once"
    grep "<network-listener [^>]*name=\"$name\"" "$xml" | grep -q 'thread-pool="sandbox-thread-pool"' \
      || fail "the network listener $name is not on sandbox-thread-pool"
  done
}

secrets_round_trip_exactly() {
  read_properties "$smaller"
  local key actual n=0
  for key in "${keys[@]}"; do
    actual=$(read_back_value "$key")
    if [ "$actual" != "${values[$key]}" ]; then
      fail "$key: the domain gives another value than the settings file's (${#actual} characters for ${#values[$key]})"
    fi
    n=$((n + 1))
  done
  echo "  $n keys read back from the domain"
}

aliases_protected() {
  assert_mode "$domain_dir/config/domain-passwords" 600
  assert_mode "$domain_dir/config/master-password" 600
  if keytool -list -keystore "$domain_dir/config/domain-passwords" -storepass changeit > /dev/null 2>&1; then
    fail "the alias store opens with the default master password"
  fi
}

no_secret_in_output_or_configuration() {
  assert_no_secret_in "$settings" "$work/first.out" "$work/second.out" "$domain_dir/config/domain.xml" \
    "$domain_dir/logs/server.log"
  assert_no_secret_in "$database" "$work/third.out" "$work/fourth.out" "$work/ping.out" "$domain_dir/config/domain.xml" \
    "$domain_dir/logs/server.log"
}

refused_value_applies_nothing() {
  local refused=$work/refused.properties before status value
  for value in $'Tg7tab\tinside-9Kd' 'Tg7expr-${ENV=HOME}-4Pw'; do
    {
      cat "$smaller"
      echo "tollgate.rt.tenants.new1.client-secret=Tg7new-before-3Jv"
      echo "tollgate.rt.tenants.new2.client-secret=$value"
      echo "tollgate.rt.tenants.new3.client-secret=Tg7new-after-8Lc"
    } > "$refused"
    before=$(domain_state)
    status=0
    configure "$refused" "$work/refused.out" || status=$?
    [ "$status" -ne 0 ] || fail "a value the domain cannot hold was accepted"
    [ "$before" = "$(domain_state)" ] || fail "the domain changed although a value was refused"
    grep -q 'tollgate.rt.tenants.new2.client-secret' "$work/refused.out" || fail "the refusal does not name the key: $(cat "$work/refused.out")"
    assert_no_secret_in "$refused" "$work/refused.out"
  done
}

rerun_removes_dropped_keys() {
  local key aliases
  aliases=$("$asadmin" list-password-aliases 2>&1)
  for key in "${dropped[@]}"; do
    if grep -qF "name=\"payara.microprofile.$key\"" "$domain_dir/config/domain.xml"; then
      fail "$key is still in domain.xml"
    fi
    grep -qF -- "$key" "$work/second.out" || fail "the output does not say that $key was removed"
    if is_secret "$key" && grep -qxF -- "$key" <<< "$aliases"; then
      fail "the password alias $key is still in the domain"
    fi
  done
  grep -qF 'name="payara.microprofile.tollgate.rt.tenants.m2.client-secret"' "$domain_dir/config/domain.xml" \
    || fail "a kept key was removed"
}

# MicroProfile Health and Metrics, which serve Tollgate's readiness check and metrics, enabled again
# by the first run (and said so), and left alone by the second, which found them enabled
health_and_metrics_enabled() {
  local enabled
  enabled=$("$asadmin" get-microprofile-healthcheck-configuration 2>&1 | awk 'found { print $1; exit } /^Enabled / { found = 1 }')
  [ "$enabled" = true ] || fail "MicroProfile Health is not enabled (Enabled: ${enabled:-?})"
  enabled=$("$asadmin" get-metrics-configuration 2>&1 | awk 'found { print $1; exit } /^Enabled / { found = 1 }')
  [ "$enabled" = true ] || fail "MicroProfile Metrics is not enabled (Enabled: ${enabled:-?})"
  grep -qF 'enabled MicroProfile Health MicroProfile Metrics' "$work/first.out" || fail "the first run does not say what it enabled"
  if grep -q '^enabled ' "$work/second.out"; then fail "the second run enabled again what was enabled"; fi
}

case "$step" in
  stopped) run_tests refuses_under_default_master_password refuses_when_master_password_cannot_be_checked refuses_two_keys_sharing_an_alias ;;
  running)
    prepare_running
    run_tests runs_succeeded secrets_round_trip_exactly aliases_protected no_secret_in_output_or_configuration \
      refused_value_applies_nothing rerun_removes_dropped_keys sandbox_listeners_on_their_own_thread_pool \
      datasource_connects_to_postgres malformed_store_key_applies_nothing health_and_metrics_enabled
    ;;
  *) echo "usage: $0 <payara-home> <server-config-dir> <work-dir> stopped|running [<postgresql-jdbc.jar>]" >&2; exit 2 ;;
esac
