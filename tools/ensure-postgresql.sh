#!/usr/bin/env bash
# Installs Debian's PostgreSQL server (the `postgresql` package: 15 on Debian 12, 16 on Ubuntu
# 24.04) when the machine has no server binaries under /usr/lib/postgresql/<version>/bin. The
# tenant store's tests start their own throwaway cluster from those binaries on a free loopback
# port (testkit's PostgresServer); they use no server the package may have set up. Run by .ci/run.
set -euo pipefail

have_server() {
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null
}

if have_server; then
  exit 0
fi
echo "installing: postgresql"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq postgresql >/dev/null
if ! have_server; then
  echo "apt installed postgresql, but /usr/lib/postgresql/*/bin has no initdb and pg_ctl" >&2
  exit 1
fi
