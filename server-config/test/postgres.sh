# A throwaway PostgreSQL cluster for the script tests (sourced): Debian's server binaries
# (/usr/lib/postgresql/<version>/bin, the `postgresql` package), on a free loopback port, its
# files in a directory of the test's own, stopped and deleted by postgres_stop. As root it runs as
# the user postgres (initdb refuses root).
#
# postgres_start <user> <password>  starts it (its files in a new directory under /tmp, which the
#                         user postgres can reach where the test's own directory is private), with a database <user> owned by a role <user>
#                         that logs in over TCP with <password> (scram-sha-256; the superuser logs in
#                         over the cluster's own socket only); sets postgres_port.
# postgres_stop           stops it and deletes its files.
# postgres_sql <sql>      runs SQL as the superuser, printing rows unaligned (-At).

postgres_bin=
postgres_dir=
postgres_port=

postgres_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

postgres_start() {
  local user=$1 password=$2 dir port
  postgres_bin=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1)
  [ -x "$postgres_bin/initdb" ] || { echo "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2; return 1; }
  dir=$(mktemp -d /tmp/tollgate-pg.XXXXXX)
  postgres_dir=$dir
  [ "$(id -u)" -ne 0 ] || chown postgres "$dir"
  postgres_as_owner "$postgres_bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 > "$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  # a port free when probed can be taken before the server binds it (other tests pick ports too):
  # then another port, a few times; any other failure ends the start at once
  for attempt in 1 2 3 4 5; do
    port=$(postgres_free_port)
    postgres_port=$port
    if postgres_as_owner "$postgres_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start > "$dir/pg_ctl.log" 2>&1; then
      break
    fi
    if [ "$attempt" -eq 5 ] || ! grep -q "could not bind\|Address already in use" "$dir/server.log"; then
      cat "$dir/pg_ctl.log" "$dir/server.log" >&2
      return 1
    fi
    : > "$dir/server.log"
  done
  postgres_sql "CREATE ROLE \"$user\" LOGIN PASSWORD '${password//\'/\'\'}'" > /dev/null
  postgres_sql "CREATE DATABASE \"$user\" OWNER \"$user\"" > /dev/null
}

# a loopback port nothing answers on now (a guess: see the retry in postgres_start)
postgres_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
      break
    fi
  done
  echo "$port"
}

postgres_sql() {
  postgres_as_owner "$postgres_bin/psql" -h "$postgres_dir" -p "$postgres_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -At -c "$1"
}

postgres_stop() {
  [ -n "$postgres_dir" ] && [ -d "$postgres_dir/data" ] || return 0
  postgres_as_owner "$postgres_bin/pg_ctl" -D "$postgres_dir/data" -m fast -w stop > /dev/null 2>&1 || true
  rm -rf "$postgres_dir"
  postgres_dir=
}
