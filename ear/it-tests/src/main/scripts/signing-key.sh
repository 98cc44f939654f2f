#!/usr/bin/env bash
# Before a server module configures its server: the key the client `signed` (it.properties) signs
# its private_key_jwt assertions with, made anew for each run, so that no key is ever committed.
#   <target>/it-keys/signed.p12  a PKCS#12 key store with one RSA key (alias `signed`) and its
#                                self-signed certificate, protected by a random password
#   <target>/it-keys/signed.crt  that certificate (PEM): what the client registers with the
#                                authorization server, as an administrator uploads it there
#   <target>/it-config/signing.properties  the key store's absolute path and its password, as
#                                tollgate.signed.signing-key-store and -store-password: the settings
#                                file the module gives server-config's script after it.properties
# The password holds what a shell, WildFly's CLI or asadmin would mangle if a script passed it
# unquoted ($, quotes, a space, ;, !, a backslash): the server holds it the script's way (an
# encrypted expression, a password alias) and the application must read it back exactly, or the
# key store does not open. It never appears on a command line: keytool reads it from its
# environment. Everything is created readable by its owner only.
# usage: signing-key.sh <target-dir> <java-home>
set -euo pipefail
umask 077
[ $# -eq 2 ] || { echo "usage: $0 <target-dir> <java-home>" >&2; exit 2; }
target=$(cd "$1" && pwd)
keytool=$2/bin/keytool
[ -x "$keytool" ] || keytool=keytool

keys=$target/it-keys
store=$keys/signed.p12
settings=$target/it-config/signing.properties
rm -rf "$keys"
mkdir -p "$keys" "$target/it-config"
rm -f "$settings"

random() {
  head -c 18 /dev/urandom | base64 | tr -d '/+=\n'
}
# (no "${": server-config refuses it, as the server would read it as an expression)
TOLLGATE_IT_STORE_PASSWORD="$(random)\$'\" ;!\\$(random)"
export TOLLGATE_IT_STORE_PASSWORD

"$keytool" -genkeypair -keystore "$store" -storetype PKCS12 -storepass:env TOLLGATE_IT_STORE_PASSWORD \
  -alias signed -keyalg RSA -keysize 2048 -sigalg SHA256withRSA -validity 30 \
  -dname "CN=signed, O=Tollgate in-server tests" > "$keys/keytool.out" 2>&1 \
  || { cat "$keys/keytool.out" >&2; exit 1; }
"$keytool" -exportcert -rfc -keystore "$store" -storetype PKCS12 -storepass:env TOLLGATE_IT_STORE_PASSWORD \
  -alias signed -file "$keys/signed.crt" > "$keys/keytool.out" 2>&1 \
  || { cat "$keys/keytool.out" >&2; exit 1; }
rm -f "$keys/keytool.out"

{
  echo "# written by ear/it-tests/src/main/scripts/signing-key.sh for this run: the key store of the client signed"
  printf 'tollgate.signed.signing-key-store=%s\n' "$store"
  printf 'tollgate.signed.signing-key-store-password=%s\n' "$TOLLGATE_IT_STORE_PASSWORD"
} > "$settings"
echo "signing key of the client signed: $store (certificate $keys/signed.crt, settings $settings)"
