# What the script tests of ear/it-wildfly and ear/it-payara share (sourced): assertions, the
# settings files they apply, and the check that no secret was printed. Each test is a function;
# run_tests runs the named ones in order and exits non-zero if any failed.

failures=()
current_test=

fail() {
  echo "  FAIL $current_test: $*" >&2
  [[ " ${failures[*]} " == *" $current_test "* ]] || failures+=("$current_test")
}

run_tests() {
  local test
  for test in "$@"; do
    current_test=$test
    echo "- $test"
    "$test" || fail "returned $?"
  done
  if [ ${#failures[@]} -gt 0 ]; then
    echo "script tests failed: ${failures[*]}" >&2
    exit 1
  fi
  echo "script tests passed: $*"
}

# Secrets a vendor could issue, one per key: every printable ASCII character that is not a
# letter or digit, between two letters, at the start and at the end, and the spellings that
# earlier versions of the scripts mangled (a\b, a\"b, a lone quote, a trailing backslash, a
# backquoted command, surrounding spaces). Written to $1 under client $2 (an OAuth2 client, so
# that its settings are complete).
write_special_settings() {
  local file=$1 client=$2 i=0 c
  {
    echo "tollgate.$client.provider=oauth2"
    echo "tollgate.$client.base-url=http://127.0.0.1:8080/sandbox/oauth2/"
    echo "tollgate.$client.token-url=http://127.0.0.1:8080/sandbox/oauth2/token"
    echo "tollgate.$client.client-id=special"
    echo "$client/mp-rest/url=http://127.0.0.1:8080/sandbox/oauth2"
    for c in ' ' '!' '"' '#' '$' '%' '&' "'" '(' ')' '*' '+' ',' '-' '.' '/' ':' ';' '<' '=' '>' '?' '@' \
      '[' '\' ']' '^' '_' '`' '{' '|' '}' '~'; do
      i=$((i + 1))
      printf 'tollgate.%s.tenants.m%d.client-secret=Tg7%sXq\n' "$client" "$i" "$c"
      printf 'tollgate.%s.tenants.s%d.client-secret=%sTg7Xq\n' "$client" "$i" "$c"
      printf 'tollgate.%s.tenants.e%d.client-secret=Tg7Xq%s\n' "$client" "$i" "$c"
    done
    printf 'tollgate.%s.tenants.x1.client-secret=%s\n' "$client" 'Tg7\bc'
    printf 'tollgate.%s.tenants.x2.client-secret=%s\n' "$client" 'Tg7\"b'
    printf 'tollgate.%s.tenants.x3.client-secret=%s\n' "$client" '"'
    printf 'tollgate.%s.tenants.x4.client-secret=%s\n' "$client" 'Tg7\'
    printf 'tollgate.%s.tenants.x5.client-secret=%s\n' "$client" '`echo Tg7`'
    printf 'tollgate.%s.tenants.x6.client-secret=%s\n' "$client" '  two spaces around  '
    printf 'tollgate.%s.tenants.x7.client-secret=%s\n' "$client" '\\n\t\u0041 $HOME $(id) %s %n'
    printf 'tollgate.%s.tenants.x8.client-secret=%s\n' "$client" 'MASK-abc;salt;12 {CMD}x {EXT}y'
    printf 'tollgate.%s.tenants.x9.non-secret=%s\n' "$client" 'a\b"c`d$e \'
    # the tenant store's keys (AES-256, base64): secrets as well; the current one and two previous
    echo "tollgate.store.encryption-key=$STORE_KEY"
    echo "tollgate.store.previous-keys=$STORE_PREVIOUS_KEY_1, $STORE_PREVIOUS_KEY_2"
  } > "$file"
}

# Tenant store keys of the tests, as `openssl rand -base64 32` makes them (fixed, so that a failure
# can be reproduced; they protect nothing)
STORE_KEY=q3Vx7Jm2Lr9Tz4Kw8Np3Hs6Jd1Fg5Yb0Ce2Ua7Io4Pw=
STORE_PREVIOUS_KEY_1=Zx8pQr2sKd4Wm6Nb0Vc3Lt7Hy5Jg1Fe9Ra2Ub4Io6Ps=
STORE_PREVIOUS_KEY_2=Mn5Bv8Cx2Zl4Kj7Hg0Fd3Sa6Qw9Er1Ty5Ui8Op2As4A=

# fails unless none of the secret values of settings file $1 appears in the files $2...
assert_no_secret_in() {
  local settings=$1 key value file
  shift
  read_properties "$settings"
  for key in "${keys[@]}"; do
    value=${values[$key]}
    # one-character secrets would match everywhere; the tests' secrets are longer
    is_secret "$key" && [ ${#value} -ge 3 ] || continue
    for file in "$@"; do
      [ -f "$file" ] || { fail "no file $file to look at"; return; }
      if grep -qF -- "$value" "$file"; then
        fail "the value of $key appears in $file"
      fi
    done
  done
}

# fails unless file $1 has mode $2 (octal, e.g. 600)
assert_mode() {
  local mode
  mode=$(stat -c %a "$1")
  [ "$mode" = "$2" ] || fail "$1 has mode $mode, not $2"
}

# the value as a DMR or Java string literal spells it: backslash and quote escaped
escaped() {
  local value=${1//\\/\\\\}
  printf '%s' "${value//\"/\\\"}"
}
