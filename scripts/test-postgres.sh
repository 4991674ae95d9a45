#!/usr/bin/env bash
# Runs a throwaway PostgreSQL cluster from Debian's packages for the tests: on 127.0.0.1 only, at a
# free port, with its files under DIR. As root, the cluster runs as the `postgres` user, because
# PostgreSQL refuses to run as root.
# Usage: scripts/test-postgres.sh start DIR   prints a connection string for a role that may create databases
#        scripts/test-postgres.sh stop DIR
set -euo pipefail
action=${1:?usage: test-postgres.sh start|stop DIR}
dir=${2:?usage: test-postgres.sh start|stop DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "test-postgres: no PostgreSQL server found; install Debian's postgresql package" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$action" in
  start)
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
    port=""
    for candidate in $(seq 54329 54429); do
      if ! (echo >"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
        port=$candidate
        break
      fi
    done
    [ -n "$port" ] || { echo "test-postgres: no free port in 54329-54429" >&2; exit 1; }
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
      -c "CREATE ROLE palmkey LOGIN CREATEDB PASSWORD 'palmkey-tests'" \
      -c "CREATE DATABASE palmkey_tests OWNER palmkey" >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=palmkey;Password=palmkey-tests;Database=palmkey_tests"
    ;;
  stop)
    [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: test-postgres.sh start|stop DIR" >&2
    exit 2
    ;;
esac
