#!/usr/bin/env bash
# Makes the pg_dump / pg_dumpall fixtures beside this script from a throwaway PostgreSQL 15 cluster.
#
# How they were made: as root on Debian 12 with postgresql-15 (15.18), `bash make-fixtures.sh`
# (PGBIN=/usr/lib/postgresql/15/bin, PORT=55432). Each fixture is named after its command:
#   pg_dump-plain.sql         pg_dump --no-owner --no-privileges --format=plain sg   (what sgmigrate runs)
#   pg_dump-owners.sql        pg_dump sg                                            (owners and ACLs)
#   pg_dump-create-clean.sql  pg_dump -C --clean --if-exists sg
#   pg_dump-quoted.sql        pg_dump --quote-all-identifiers --no-owner --no-acl sg
#   pg_dump-codeintel.sql     pg_dump sg-codeintel
#   pg_dumpall.sql            pg_dumpall
#   pg_dumpall-clean.sql      pg_dumpall --clean --if-exists
# pg_dump17-restrict.sql is not made here: it is written by hand after pg_dump 17.6's published format.
# The databases come from source/*.sql; the tests load the same files to compare restored rows.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PORT=${PORT:-55432}
work=$(mktemp -d /tmp/sgm-fixtures.XXXXXX)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$work"
stop() { as_pg "$PGBIN/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap stop EXIT

as_pg "$PGBIN/initdb" -D "$work/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$work/data" -w -l "$work/log" \
    -o "-p $PORT -k $work -c listen_addresses=''" start >/dev/null

sql() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$work" -p "$PORT" "$@"; }
sql -U postgres -d postgres -c "CREATE ROLE sg LOGIN SUPERUSER" -c "CREATE ROLE reader NOLOGIN" \
    -c "CREATE DATABASE sg OWNER sg" -c "CREATE DATABASE \"sg-codeintel\" OWNER sg"
sql -U sg -d sg -f "$here/source/frontend.sql" >/dev/null
sql -U postgres -d sg -f "$here/source/roles-and-acl.sql" >/dev/null
sql -U sg -d sg-codeintel -f "$here/source/codeintel.sql" >/dev/null

dump() { local out=$1; shift; "$PGBIN/$1" -h "$work" -p "$PORT" -U postgres "${@:2}" > "$here/$out"; }
dump pg_dump-plain.sql        pg_dump --no-owner --no-privileges --format=plain sg
dump pg_dump-owners.sql       pg_dump sg
dump pg_dump-create-clean.sql pg_dump -C --clean --if-exists sg
dump pg_dump-quoted.sql       pg_dump --quote-all-identifiers --no-owner --no-acl sg
dump pg_dump-codeintel.sql    pg_dump sg-codeintel
dump pg_dumpall.sql           pg_dumpall
dump pg_dumpall-clean.sql     pg_dumpall --clean --if-exists
ls -l "$here"/pg_dump*.sql
