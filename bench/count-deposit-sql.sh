#!/usr/bin/env bash
# Counts the SQL statements one sukarela deposit executes, from PostgreSQL's own log (docs/adr/0025).
#
#   bench/count-deposit-sql.sh BASE_URL PG_PORT PG_DATA_DIR
#
# Needs an API started by `./ekopz up` (demo koperasi seeded) on BASE_URL and the cluster it uses (port and data
# directory, e.g. .ekopz/pg-dev). Registers a member, pays pokok and one sukarela deposit to warm everything up
# (code generation, caches), then turns on log_statement=all for exactly one more sukarela deposit and counts what
# the API's connections executed: every statement, the DISCARD ALL of each pooled-connection checkout among them.
set -euo pipefail
BASE="$1"; PORT="$2"; DATA="$3"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
psql_() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U ekopz -d postgres -qAtc "$1"; }
json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }

token() { curl -fsS -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"demo12345\"}" "$BASE/api/v1/auth/token" | json "['accessToken']"; }
PENGURUS="$(token pengurus.demo)"; KASIR="$(token kasir.demo)"
NIK="32010199$(printf '%08d' $((RANDOM * 32768 + RANDOM)))"
MEMBER="$(curl -fsS -H "Authorization: Bearer $PENGURUS" -H 'Content-Type: application/json' \
  -d "{\"name\":\"Hitung SQL\",\"nik\":\"${NIK:0:16}\"}" "$BASE/api/v1/koperasi/demo/members" | json "['memberId']")"
deposit() { # deposit KIND AMOUNT [traceparent]
  curl -fsS -o /dev/null -H "Authorization: Bearer $KASIR" -H 'Content-Type: application/json' ${3:+-H "traceparent: $3"} \
    -d "{\"amount\":$2}" "$BASE/api/v1/koperasi/demo/members/$MEMBER/savings/$1/deposits"
}
deposit pokok 100000; deposit sukarela 1000; deposit sukarela 1000

psql_ "alter system set log_statement = 'all'; " >/dev/null
psql_ "alter system set log_line_prefix = '%m [%p] app=%a '" >/dev/null
psql_ "select pg_reload_conf()" >/dev/null; sleep 1
LOG="$DATA/server.log"
OFFSET=$(stat -c %s "$LOG") # only this run's part of the log: an earlier run's markers are in it too
psql_ "select 'ekopz-count-start'" >/dev/null
TRACE="$(openssl rand -hex 16)"
deposit sukarela 50000 "00-$TRACE-$(openssl rand -hex 8)-01"
sleep 0.5
psql_ "select 'ekopz-count-end'" >/dev/null
psql_ "alter system reset log_statement" >/dev/null; psql_ "select pg_reload_conf()" >/dev/null

tail -c +$((OFFSET + 1)) "$LOG" | awk '/ekopz-count-start/{on=1; next} /ekopz-count-end/{on=0} on' | grep -v "app=psql" > /tmp/ekopz-deposit-sql.log || true
STATEMENTS=$(grep -cE "LOG:  (statement|execute [^:]*):" /tmp/ekopz-deposit-sql.log || true)
DISCARDS=$(grep -cE "LOG:  (statement|execute [^:]*): DISCARD ALL" /tmp/ekopz-deposit-sql.log || true)
echo "one sukarela deposit: $STATEMENTS statements, $DISCARDS of them DISCARD ALL (connection checkouts); trace id $TRACE"
echo "statements: /tmp/ekopz-deposit-sql.log"
