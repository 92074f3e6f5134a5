#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the tests; prints its URL.
# Usage: scripts/start-postgres.sh DATA_DIR [PORT]   (needs Debian's postgresql package and root)
set -euo pipefail
data=${1:?usage: start-postgres.sh DATA_DIR [PORT]}
port=${2:-54329}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
mkdir -p "$data"
chown postgres "$data"
if [ ! -f "$data/PG_VERSION" ]; then
  su postgres -c "$bin/initdb -D '$data' -A trust -U postgres" >/dev/null
fi
su postgres -c "$bin/pg_ctl -D '$data' -l '$data/server.log' -w \
  -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off\" start" >/dev/null
psql -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'tidings_test'" \
  | grep -q 1 || psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE tidings_test"
echo "postgresql://postgres@127.0.0.1:$port/tidings_test"
