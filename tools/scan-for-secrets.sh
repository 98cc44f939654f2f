#!/usr/bin/env bash
# Fails when any secret value of a Tollgate properties file (keys ending in -secret, -token,
# -password) appears, in clear, in the given files: the server's log and its configuration after
# the in-server tests.
# usage: scan-for-secrets.sh <properties-file> <file>...
set -euo pipefail
properties=$1
shift
found=0
secrets=0
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in '' | '#'*) continue ;; esac
  key=${line%%=*}
  value=${line#*=}
  case "$key" in
    *-secret | *-token | *-password)
      secrets=$((secrets + 1))
      for file in "$@"; do
        if [ -f "$file" ] && grep -qF -- "$value" "$file"; then
          echo "the value of $key appears in clear in $file" >&2
          found=1
        fi
      done
      ;;
  esac
done < "$properties"
[ "$secrets" -gt 0 ] || { echo "no secrets in $properties: nothing was checked" >&2; exit 2; }
[ "$found" -eq 0 ] || exit 1
echo "none of the $secrets secrets of $(basename "$properties") appears in: $*"
