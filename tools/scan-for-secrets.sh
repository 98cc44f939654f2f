#!/usr/bin/env bash
# Fails when a secret value of the given settings files (keys ending in -secret, -token,
# -password), or its form/URL encoding, appears in any of the given files, whole or any 8-character
# piece of it (a message cut through a secret still leaks it; a piece that reads as a word, letters
# of one case, perhaps capitalised, or one the settings show in the open, does not count on its
# own): the server's log and configuration after the in-server tests. A file that does not exist
# is an error, not a pass. --issued <file> adds the values a run's simulators issued (codes,
# tokens, signatures; one a line, the test kit's IssuedTokens file), checked the same way.
# usage: scan-for-secrets.sh <settings.properties>... [--issued <issued-tokens.txt>] -- <file>...
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../server-config/lib/properties.sh"

settings=()
issued=
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  if [ "$1" = "--issued" ]; then
    [ $# -ge 2 ] && [ -f "$2" ] || { echo "--issued needs the file of issued values (found: ${2:-nothing})" >&2; exit 2; }
    issued=$2
    shift 2
    continue
  fi
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

# pieces <text>: every 8-character piece of the text that is not a plain word, one a line;
# the text itself when it is shorter than that
pieces() {
  local s=$1 piece i
  if [ ${#s} -lt 8 ]; then
    printf '%s\n' "$s"
    return
  fi
  for ((i = 0; i + 8 <= ${#s}; i++)); do
    piece=${s:i:8}
    [[ $piece =~ ^([[:lower:]]{8}|[[:upper:]][[:lower:]]{7}|[[:upper:]]{8})$ ]] && continue
    grep -qF -- "$piece" "$public" || printf '%s\n' "$piece"
  done
}

# what the settings show in the open (keys, client ids, URLs): a piece of a secret found there too,
# such as "billing-" of a secret named after its client "billing-service", is no evidence
public=$(mktemp)
patterns=$(mktemp)
trap 'rm -f "$public" "$patterns"' EXIT
for properties in "${settings[@]}"; do
  read_properties "$properties"
  for key in "${keys[@]}"; do
    printf '%s\n' "$key"
    is_secret "$key" || printf '%s\n' "${values[$key]}"
  done
done > "$public"

found=0
checked=0
for properties in "${settings[@]}"; do
  read_properties "$properties"
  for key in "${keys[@]}"; do
    value=${values[$key]}
    is_secret "$key" && [ -n "$value" ] || continue
    checked=$((checked + 1))
    { pieces "$value"; pieces "$(form_encoded "$value")"; } > "$patterns"
    for file in "$@"; do
      if grep -qF -f "$patterns" -- "$file"; then
        echo "the value of $key, or a piece of it, appears in $file" >&2
        found=1
      fi
    done
  done
done
[ "$checked" -gt 0 ] || { echo "no secrets in ${settings[*]}: nothing was checked" >&2; exit 2; }

# the issued values, all at once (a run issues hundreds): their pieces, as above, in one awk
issued_count=0
if [ -n "$issued" ]; then
  issued_count=$(grep -c . -- "$issued" || true)
  awk -v public="$public" '
    BEGIN { while ((getline line < public) > 0) shown = shown "\n" line }
    NF {
      value = $0
      if (length(value) < 8) { print value; next }
      for (i = 1; i + 7 <= length(value); i++) {
        piece = substr(value, i, 8)
        if (piece ~ /^([a-z]{8}|[A-Z][a-z]{7}|[A-Z]{8})$/ || index(shown, piece) > 0) continue
        print piece
      }
    }' "$issued" | sort -u > "$patterns"
  if [ -s "$patterns" ]; then
    for file in "$@"; do
      if grep -qF -f "$patterns" -- "$file"; then
        echo "a value the simulators issued (an access token, code or signature), or a piece of one, appears in $file" >&2
        found=1
      fi
    done
  fi
fi
[ "$found" -eq 0 ] || exit 1
echo "none of the $checked secrets (clear or form-encoded, whole or any 8-character piece) appears in: $*"
[ -z "$issued" ] || echo "nor any of the $issued_count values the simulators issued (whole or any 8-character piece)"
