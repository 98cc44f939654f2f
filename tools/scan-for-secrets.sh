#!/usr/bin/env bash
# Fails when a secret value of the given settings files (keys ending in -secret, -token,
# -password), or its form/URL encoding, appears in any of the given files: the server's log and
# configuration after the in-server tests. A file that does not exist is an error, not a pass.
# usage: scan-for-secrets.sh <settings.properties>... -- <file>...
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../server-config/lib/properties.sh"

settings=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  settings+=("$1")
  shift
done
[ "${1:-}" = "--" ] && shift
[ ${#settings[@]} -gt 0 ] && [ $# -gt 0 ] || { echo "usage: $0 <settings.properties>... -- <file>..." >&2; exit 2; }
for file in "$@"; do
  [ -f "$file" ] || { echo "no file $file to scan" >&2; exit 2; }
done

form_encoded() {
  local s=$1 out= c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case "$c" in
      [A-Za-z0-9.~_-]) out+=$c ;;
      ' ') out+='+' ;;
      *) printf -v c '%%%02X' "'$c"; out+=$c ;;
    esac
  done
  printf '%s' "$out"
}

found=0
checked=0
for properties in "${settings[@]}"; do
  read_properties "$properties"
  for key in "${keys[@]}"; do
    value=${values[$key]}
    is_secret "$key" && [ -n "$value" ] || continue
    checked=$((checked + 1))
    for form in "$value" "$(form_encoded "$value")"; do
      for file in "$@"; do
        if grep -qF -- "$form" "$file"; then
          echo "the value of $key appears in $file" >&2
          found=1
        fi
      done
    done
  done
done
[ "$checked" -gt 0 ] || { echo "no secrets in ${settings[*]}: nothing was checked" >&2; exit 2; }
[ "$found" -eq 0 ] || exit 1
echo "none of the $checked secrets (clear or form-encoded) appears in: $*"
