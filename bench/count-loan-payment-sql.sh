#!/usr/bin/env bash
# Counts the SQL statements one loan payment executes, from PostgreSQL's own log (docs/adr/0031; the method of
# bench/count-deposit-sql.sh, docs/adr/0025).
#
#   bench/count-loan-payment-sql.sh BASE_URL PG_PORT PG_DATA_DIR [--idempotency-key]
#
# Needs an API started by `./ekopz up` (demo koperasi seeded: it has an active loan) on BASE_URL and the cluster it uses.
# Pays three small amounts on the first active loan to warm everything up (code generation, caches), then turns on
# log_statement=all for exactly one more payment (with an Idempotency-Key if asked) and counts what the API's connections
# executed. Only the last counting window of the server log is read, so the script can run again on the same cluster.
set -euo pipefail
BASE="$1"; PORT="$2"; DATA="$3"; KEYED="${4:-}"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
psql_() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U ekopz -d postgres -qAtc "$1"; }
json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }

token() { curl -fsS -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"demo12345\"}" "$BASE/api/v1/auth/token" | json "['accessToken']"; }
KASIR="$(token kasir.demo)"
LOAN="$(curl -fsS -H "Authorization: Bearer $KASIR" "$BASE/api/v1/koperasi/demo/loans?status=active" | json "['loans'][0]['loanId']")"
pay() { # pay AMOUNT [traceparent] [idempotency key]
  curl -fsS -o /dev/null -H "Authorization: Bearer $KASIR" -H 'Content-Type: application/json' ${2:+-H "traceparent: $2"} \
    ${3:+-H "Idempotency-Key: $3"} \
    -d "{\"amount\":$1}" "$BASE/api/v1/koperasi/demo/loans/$LOAN/payments"
}
pay 1000; pay 1000; pay 1000

psql_ "alter system set log_statement = 'all'; " >/dev/null
psql_ "alter system set log_line_prefix = '%m [%p] app=%a '" >/dev/null
psql_ "select pg_reload_conf()" >/dev/null; sleep 1
psql_ "select 'ekopz-count-start'" >/dev/null
TRACE="$(openssl rand -hex 16)"
KEY=""; [ "$KEYED" = "--idempotency-key" ] && KEY="$(cat /proc/sys/kernel/random/uuid)"
pay 5000 "00-$TRACE-$(openssl rand -hex 8)-01" "$KEY"
sleep 0.5
psql_ "select 'ekopz-count-end'" >/dev/null
psql_ "alter system reset log_statement" >/dev/null; psql_ "select pg_reload_conf()" >/dev/null

LOG="$DATA/server.log"
WINDOWS=$(grep -c "ekopz-count-start" "$LOG" || true)
awk -v last="$WINDOWS" '/ekopz-count-start/{n++; if (n == last) on=1; next} /ekopz-count-end/{on=0} on' "$LOG" | grep -v "app=psql" > /tmp/ekopz-loan-payment-sql.log || true
STATEMENTS=$(grep -cE "LOG:  (statement|execute [^:]*):" /tmp/ekopz-loan-payment-sql.log || true)
DISCARDS=$(grep -cE "LOG:  (statement|execute [^:]*): DISCARD ALL" /tmp/ekopz-loan-payment-sql.log || true)
echo "one loan payment${KEY:+ with an Idempotency-Key}: $STATEMENTS statements, $DISCARDS of them DISCARD ALL (connection checkouts); trace id $TRACE"
echo "statements: /tmp/ekopz-loan-payment-sql.log"
