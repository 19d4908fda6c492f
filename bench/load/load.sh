# ./ekopz bench load: the HTTP load harness of issue 13's performance budgets (docs/adr/0026).
# Sourced by ./ekopz (it reuses pg_start, pg_stop, ensure_*, say, die from there); run as `./ekopz bench load`.
#
# One run, on a PostgreSQL cluster and an API port of its own (never the dev, test or ledger-bench ones):
#   1. a fresh cluster in .ekopz/pg-load with pg_stat_statements, the API built (build_api_release) and started in Release;
#   2. seeds over the HTTP API: K koperasi, each with a kasir and a pengawas login and N active members
#      (registered, simpanan pokok paid in full: ready for sukarela);
#   3. counts the SQL statements (pg_stat_statements), round trips (a tcpdump of loopback) and transactions of a
#      fixed number of deposits and of statement reads, sent one after another;
#   4. drives load with wrk (bench/load/*.lua): sukarela deposits over all koperasi, deposits in one
#      koperasi, member statement reads; samples the API's resident memory meanwhile;
#   5. pgbench TPC-B and select-only on the same cluster, same clients and duration;
#   6. prints the figures against the issue's budgets and writes them to .ekopz/bench/load-<time>.md.
# Everything it started is stopped on exit, Ctrl-C included.
#
# Options: --duration S (each measured run, default 25), --warmup S (default 5), --members N (per koperasi,
# default 200), --koperasi K (default 8), --connections C (default 16), --threads T (wrk threads, default 2),
# --fast (fsync off on the harness cluster; default is durable, as ./ekopz up), --quick (a smoke run:
# 4 s runs, 20 members).
# Environment: EKOPZ_LOAD_PG_PORT (default 25436, below the ephemeral range: docs/adr/0051), EKOPZ_LOAD_URLS (default http://127.0.0.1:5086).
# EKOPZ_LOAD_POOL: the API's Npgsql 'Maximum Pool Size' (default 100, Npgsql's own): fewer connections mean fewer
# PostgreSQL backends time-sharing the two cores (docs/adr/0049, "Pool size"). EKOPZ_READ_POOL: the member statements'
# own pool, as ./ekopz up sets it with its own PostgreSQL (default twice the cores).

LB_DIR="$ROOT/bench/load"

ensure_apt_tool() { # ensure_apt_tool COMMAND PACKAGE
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "$1 not found; installing Debian's $2 package..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null 2>&1 \
      || { DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null; } \
      || die "Could not install $2. Install Debian's '$2' package."
  fi
  command -v "$1" >/dev/null 2>&1 || die "$1 is missing: install Debian's '$2' package."
}

# ---------------------------------------------------------------- processes, and stopping them

LB_API_PID="" LB_RSS_PID="" LB_CHILD_PID="" LB_DUMP_PID=""
lb_cleanup() {
  local status=$?
  trap - EXIT INT TERM
  [ -n "$LB_CHILD_PID" ] && kill "$LB_CHILD_PID" 2>/dev/null || true
  [ -n "$LB_RSS_PID" ] && kill "$LB_RSS_PID" 2>/dev/null || true
  [ -n "$LB_DUMP_PID" ] && kill "$LB_DUMP_PID" 2>/dev/null || true
  if [ -n "$LB_API_PID" ] && kill -0 "$LB_API_PID" 2>/dev/null; then
    say "Stopping the API (pid $LB_API_PID) ..."
    kill "$LB_API_PID" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$LB_API_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$LB_API_PID" 2>/dev/null || true
  fi
  pg_stop load
  exit "$status"
}

# lb_run_bg COMMAND...: runs a long child in the background and waits for it, so Ctrl-C reaches the trap at once.
# The command runs in a subshell of its own, whose `times` (getrusage of its reaped children) is the command's CPU
# alone, however briefly it lived: LB_CHILD_CPU (seconds, user + system) after the call.
lb_run_bg() {
  rm -f "$LB_RUN/child.times"
  (
    trap 'kill "$c" 2>/dev/null; exit 143' INT TERM
    "$@" &
    c=$!
    rc=0; wait "$c" || rc=$?
    times > "$LB_RUN/child.times"
    exit "$rc"
  ) &
  LB_CHILD_PID=$!
  local rc=0
  wait "$LB_CHILD_PID" || rc=$?
  LB_CHILD_PID=""
  # times prints the shell's own user/system, then its children's: "0m1.234s 0m0.567s".
  LB_CHILD_CPU="$(lb_times_cpu "$LB_RUN/child.times")"
  return "$rc"
}

# lb_times_cpu FILE: the children's user + system seconds from the output of bash's `times` (its 2nd line,
# "0m1.234s 0m0.567s"); empty when the file is missing.
lb_times_cpu() {
  sed -n 2p "$1" 2>/dev/null | awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] }; printf "%.3f", t }'
}

lb_sql() { "$PG_BIN/psql" -h 127.0.0.1 -p "$LB_PG_PORT" -U ekopz -d "${2:-postgres}" -tAqX -c "$1"; }

# ---------------------------------------------------------------- HTTP helpers (seeding)

# lb_call METHOD PATH TOKEN [BODY]: prints the answer's body; dies on a non-2xx answer.
lb_call() {
  local method="$1" path="$2" token="$3" body="${4:-}" out status
  local args=(-sS -X "$method" "$LB_BASE$path" -H 'Content-Type: application/json' -w '\n%{http_code}')
  [ -n "$token" ] && args+=(-H "Authorization: Bearer $token")
  [ -n "$body" ] && args+=(--data "$body")
  out="$(curl "${args[@]}")" || die "$method $path: curl failed"
  status="${out##*$'\n'}"; out="${out%$'\n'*}"
  [[ "$status" == 2* ]] || die "$method $path answered $status: $out"
  printf '%s' "$out"
}

lb_token() { lb_call POST /api/v1/auth/token "" "{\"username\":\"$1\",\"password\":\"$2\"}" | jq -r .accessToken; }

# lb_batch NAME PARALLEL: sends every request of $LB_RUN/NAME.cfg (a curl config, one block per request) from one
# curl process; each answer's body goes to the file its block names. Dies unless every answer was 2xx.
lb_batch() {
  local name="$1" parallel="$2"
  sed -i '${/^next$/d}' "$LB_RUN/$name.cfg" # a "next" with no request after it is an error to curl
  curl --no-progress-meter --parallel --parallel-max "$parallel" --config "$LB_RUN/$name.cfg" > "$LB_RUN/$name.status" 2> "$LB_RUN/$name.curl.txt" \
    || { tail -5 "$LB_RUN/$name.curl.txt" >&2; die "$name: curl failed (see $LB_RUN/$name.status)"; }
  local bad
  bad="$(grep -cv '^2' "$LB_RUN/$name.status" || true)"
  if [ "$bad" != 0 ]; then
    grep -v '^2' "$LB_RUN/$name.status" | head -3 >&2
    local f; f="$(grep -v '^2' "$LB_RUN/$name.status" | head -1 | cut -d' ' -f2)"
    [ -f "$f" ] && head -c 400 "$f" >&2 && echo >&2
    die "$name: $bad of $(wc -l < "$LB_RUN/$name.status") requests were not 2xx."
  fi
}

# lb_block URL TOKEN BODY OUTPUT [HEADER]: one POST (or a GET when BODY is empty) in a curl config.
lb_block() {
  local body="${3//\"/\\\"}"
  printf 'url = "%s"\nheader = "Authorization: Bearer %s"\nheader = "Content-Type: application/json"\n' "$LB_BASE$1" "$2"
  [ -n "$3" ] && printf 'data = "%s"\n' "$body"
  [ -n "${5:-}" ] && printf 'header = "%s"\n' "$5"
  printf 'output = "%s"\nwrite-out = "%%{http_code} %%{filename_effective}\\n"\nnext\n' "$4"
}

# ---------------------------------------------------------------- seeding

lb_seed() {
  local admin k i slug
  admin="$(lb_token admin "$LB_ADMIN_PASSWORD")"
  : > "$LB_RUN/register.cfg"
  mkdir -p "$LB_RUN/members"
  for k in $(seq 1 "$LB_KOPS"); do
    slug="load-$k"
    lb_call POST /api/v1/koperasi "$admin" \
      "{\"slug\":\"$slug\",\"name\":\"Koperasi Beban $k\",\"timeZone\":\"Asia/Jakarta\",\"pokokAmount\":100000,\"wajibMonthlyAmount\":25000}" >/dev/null
    lb_call POST "/api/v1/koperasi/$slug/users" "$admin" "{\"username\":\"kasir.$slug\",\"password\":\"load-password-1\",\"roles\":[\"kasir\"]}" >/dev/null
    lb_call POST "/api/v1/koperasi/$slug/users" "$admin" "{\"username\":\"pengawas.$slug\",\"password\":\"load-password-1\",\"roles\":[\"pengawas\"]}" >/dev/null
    LB_KASIR[$k]="$(lb_token "kasir.$slug" load-password-1)"
    LB_READER[$k]="$(lb_token "pengawas.$slug" load-password-1)"
    for i in $(seq 1 "$LB_MEMBERS"); do
      # A valid NIK (province 32, a real date-of-birth part), unique within the koperasi.
      lb_block "/api/v1/koperasi/$slug/members" "${LB_KASIR[$k]}" \
        "{\"name\":\"Anggota $k-$i\",\"nik\":\"$(printf '3201%02d150180%04d' $((i / 10000 % 100)) $((i % 10000)))\"}" \
        "$LB_RUN/members/$k-$i.json" >> "$LB_RUN/register.cfg"
    done
  done
  say "Registering $((LB_KOPS * LB_MEMBERS)) members over HTTP ..."
  lb_batch register 8

  : > "$LB_RUN/pokok.cfg"
  for k in $(seq 1 "$LB_KOPS"); do
    for i in $(seq 1 "$LB_MEMBERS"); do
      local id; id="$(jq -r .memberId "$LB_RUN/members/$k-$i.json")"
      echo "$id" >> "$LB_RUN/members-$k.txt"
      lb_block "/api/v1/koperasi/load-$k/members/$id/savings/pokok/deposits" "${LB_KASIR[$k]}" '{"amount":100000}' \
        "$LB_RUN/members/$k-$i.pokok.json" >> "$LB_RUN/pokok.cfg"
    done
  done
  say "Paying simpanan pokok for every member (they become active) ..."
  lb_batch pokok 8

  # What the wrk scripts read: each koperasi's slug, tokens and member ids.
  {
    echo "return {"
    for k in $(seq 1 "$LB_KOPS"); do
      printf '  { slug = "load-%s", kasir = "%s", reader = "%s", members = {\n' "$k" "${LB_KASIR[$k]}" "${LB_READER[$k]}"
      sed 's/.*/    "&",/' "$LB_RUN/members-$k.txt"
      echo "  } },"
    done
    echo "}"
  } > "$LB_RUN/data.lua"
}

# ---------------------------------------------------------------- CPU per request (docs/adr/0046)
#
# For each measured phase, the CPU seconds each process group used: the API process, PostgreSQL (the postmaster and
# every backend of the harness cluster: live children's utime + stime, plus the postmaster's cutime + cstime, where
# the kernel adds a backend's CPU when it exits), the client (wrk or pgbench: lb_run_bg's getrusage; the rebuild
# process: its own ticks, read while it runs, see lb_rebuild_watch), and the rest of the machine (/proc/stat's busy
# time minus those: other users of the box). Divided by the requests (transactions, events) done, that is CPU ms per
# request; cores x 1000 ms over API + PostgreSQL + client is the rate this machine could reach at most if all of its
# CPU went to this work (the "ceiling"): a budget above it is out of reach here, whatever the code does.

declare -gA LB_CPU=()
LB_TICK="$(getconf CLK_TCK 2>/dev/null || echo 100)"

# lb_add_ticks PID [children]: adds the process's user + system clock ticks (all its threads) to LB_T, and with
# "children" those of its reaped children. Builtins only (no fork per process); a process already gone adds 0.
lb_add_ticks() {
  local line f
  { read -r line < "/proc/$1/stat"; } 2>/dev/null || return 0
  read -r -a f <<<"${line##*) }" # from the 3rd field (state) on: the command name before it may hold spaces
  LB_T=$(( LB_T + f[11] + f[12] ))
  [ -z "${2:-}" ] || LB_T=$(( LB_T + f[13] + f[14] ))
}

# lb_cpu_now: the machine's busy ticks, the API's and PostgreSQL's, now, into LB_NOW_BUSY, LB_NOW_API, LB_NOW_PG.
lb_cpu_now() {
  local line f pm="" kids="" c
  read -r line < /proc/stat # cpu user nice system idle iowait irq softirq steal guest guest_nice (guest is in user)
  read -r -a f <<<"$line"
  LB_NOW_BUSY=$(( f[1] + f[2] + f[3] + f[6] + f[7] + f[8] ))
  LB_T=0
  [ -z "$LB_API_PID" ] || lb_add_ticks "$LB_API_PID" children
  LB_NOW_API=$LB_T
  LB_T=0
  { read -r pm < "$STATE/pg-load/postmaster.pid"; } 2>/dev/null || true
  if [ -n "$pm" ]; then
    # Children first, then the postmaster's reaped ones: a backend exiting in between is counted twice, never lost
    # (a few ticks at most, at the end of a pgbench run).
    # (The children file ends with no newline: read then returns 1 with the line read.)
    { read -r kids < "/proc/$pm/task/$pm/children" || [ -n "$kids" ]; } 2>/dev/null || kids="$(pgrep -P "$pm" | tr '\n' ' ' || true)"
    for c in $kids; do lb_add_ticks "$c"; done
    lb_add_ticks "$pm" children
  fi
  LB_NOW_PG=$LB_T
}

# lb_cpu_mark: "busy api pg time" now (ticks, ticks, ticks, seconds), one line.
lb_cpu_mark() { lb_cpu_now; echo "$LB_NOW_BUSY $LB_NOW_API $LB_NOW_PG $EPOCHREALTIME"; }

lb_cpu_begin() { LB_CPU[$1.mark0]="$(lb_cpu_mark)"; } # lb_cpu_begin NAME: marks the start of a phase

# lb_cpu_end NAME DONE CLIENT_SECONDS [START_MARK END_MARK]: the phase's end (now, or the two lb_cpu_mark lines
# given); DONE requests (transactions, events) were completed and the load generator (or rebuild process) used
# CLIENT_SECONDS of CPU meanwhile.
lb_cpu_end() {
  local name="$1" a="${4:-${LB_CPU[$1.mark0]}}" b="${5:-$(lb_cpu_mark)}"
  LB_CPU[$name.done]="$2" LB_CPU[$name.client]="${3:-0}"
  local w
  read -r -a w <<<"$(awk -v a="$a" -v b="$b" -v t="$LB_TICK" -v c="${3:-0}" 'BEGIN {
    split(a, x, " "); split(b, y, " ")
    busy = (y[1] - x[1]) / t; api = (y[2] - x[2]) / t; pg = (y[3] - x[3]) / t; rest = busy - api - pg - c
    printf "%.2f %.2f %.2f %.2f %.2f", y[4] - x[4], busy, api, pg, (rest < 0 ? 0 : rest) }')"
  LB_CPU[$name.wall]="${w[0]}" LB_CPU[$name.busy]="${w[1]}" LB_CPU[$name.api]="${w[2]}" LB_CPU[$name.pg]="${w[3]}" LB_CPU[$name.rest]="${w[4]}"
}

# lb_rebuild_watch: copies ./ekopz rebuild's output to $LB_RUN/rebuild.txt and, when it prints "Rebuilding ..." (the
# work starts) and "Rebuilt ..." (it is done), appends an lb_cpu_mark line and the rebuild process's own ticks to
# $LB_RUN/rebuild.marks: so the rebuild's CPU is taken over the same seconds as its own rate, start-up, build and
# exit left out. The rebuild process is the child of the dotnet stand-in, which wrote its pid.
lb_rebuild_watch() {
  local line shim c
  while IFS= read -r line; do
    printf '%s\n' "$line" >> "$LB_RUN/rebuild.txt"
    case "$line" in
      Rebuilding\ *|Rebuilt\ *)
        c=""
        { read -r shim < "$LB_RUN/rebuild.shim.pid" && read -r c < "/proc/$shim/task/$shim/children"; } 2>/dev/null || true
        LB_T=0; [ -z "$c" ] || lb_add_ticks "${c%% *}"
        echo "${line%% *} $(lb_cpu_mark) $LB_T" >> "$LB_RUN/rebuild.marks" ;;
    esac
  done
}

# ---------------------------------------------------------------- measuring

declare -gA LB_RES=()

# lb_wrk NAME SCRIPT KOPERASI SECONDS: one wrk run; its RESULT line lands in LB_RES[NAME.key].
lb_wrk() {
  local name="$1" script="$2" which="$3" seconds="$4"
  say "wrk: $name ($LB_CONNS connections, ${seconds}s) ..."
  lb_cpu_begin "$name"
  lb_run_bg wrk -t "$LB_THREADS" -c "$LB_CONNS" -d "${seconds}s" --timeout 10s -s "$LB_DIR/$script" "$LB_BASE" \
    -- "$LB_RUN/data.lua" "$name-$LB_STAMP" "$which" > "$LB_RUN/$name.wrk.txt" 2>&1 || true
  local line kv
  line="$(grep -m1 '^RESULT ' "$LB_RUN/$name.wrk.txt" || true)"
  [ -n "$line" ] || { cat "$LB_RUN/$name.wrk.txt" >&2; die "wrk ($name) printed no result."; }
  for kv in ${line#RESULT }; do LB_RES[$name.${kv%%=*}]="${kv#*=}"; done
  lb_cpu_end "$name" "${LB_RES[$name.requests]}" "$LB_CHILD_CPU"
  LB_RES[$name.rps]="$(awk -v r="${LB_RES[$name.requests]}" -v d="${LB_RES[$name.duration_us]}" 'BEGIN { printf "%.0f", r / (d / 1e6) }')"
  LB_RES[$name.failures]=$(( ${LB_RES[$name.non2xx]} + ${LB_RES[$name.connect_errors]} + ${LB_RES[$name.read_errors]} + ${LB_RES[$name.write_errors]} + ${LB_RES[$name.timeouts]} ))
  LB_RES[$name.first_error]="$(grep -m1 '^FIRST_ERROR ' "$LB_RUN/$name.wrk.txt" | cut -d' ' -f2- || true)"
  say "  $name: ${LB_RES[$name.rps]}/s, p50 $(lb_ms "${LB_RES[$name.p50_us]}") ms, p99 $(lb_ms "${LB_RES[$name.p99_us]}") ms, failures ${LB_RES[$name.failures]}"
  [ -z "${LB_RES[$name.first_error]}" ] || say "  first non-2xx: ${LB_RES[$name.first_error]}"
}

lb_ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }

lb_statement_calls() {
  lb_sql "select coalesce(sum(s.calls), 0) from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = '$LB_DB'"
}
lb_xacts() { lb_sql "select xact_commit + xact_rollback from pg_stat_database where datname = '$LB_DB'"; }

# lb_count_sql NAME COUNT: the SQL statements (pg_stat_statements, utility statements such as BEGIN and DISCARD ALL
# included) and transactions per request of COUNT requests sent one after another from $LB_RUN/NAME.cfg.
# The API's own background statements are measured in an idle window first and subtracted.
lb_count_sql() {
  local name="$1" count="$2" idle=5 bg x0 s0 s1 x1 t0 t1
  sleep 11 # PostgreSQL flushes an idle backend's transaction counts after 10 s
  x0="$(lb_xacts)"
  lb_sql "select pg_stat_statements_reset()" >/dev/null
  sleep "$idle"
  bg="$(lb_statement_calls)"
  s0="$bg"
  # Round trips: the API's writes to PostgreSQL (TCP segments with a payload towards the cluster's port) while
  # only these requests run. Npgsql sends a batch (and a pooled connection's DISCARD ALL) in one write.
  local cap="$LB_RUN/$name.pcap" dump=""
  if [ -n "$LB_TCPDUMP" ]; then
    tcpdump -i lo -nn -q -Z root --immediate-mode -U -w "$cap" \
      "tcp dst port $LB_PG_PORT and (((ip[2:2] - ((ip[0]&0xf)<<2)) - ((tcp[12]&0xf0)>>2)) != 0)" 2> "$LB_RUN/$name.tcpdump.txt" &
    dump=$!; LB_DUMP_PID=$dump
    sleep 1
  fi
  t0="$(date +%s.%N)"
  lb_batch "$name" 1
  t1="$(date +%s.%N)"
  if [ -n "$dump" ]; then
    sleep 1; kill -INT "$dump" 2>/dev/null || true; wait "$dump" 2>/dev/null || true; LB_DUMP_PID=""
    LB_RES[$name.round_trips]="$(tcpdump -nn -r "$cap" 2>/dev/null | wc -l | awk -v n="$count" '{ printf "%.1f", $1 / n }')"
  fi
  s1="$(lb_statement_calls)"
  lb_sql "select round(s.calls::numeric / $count, 2) || ' | ' || regexp_replace(left(s.query, 160), '\s+', ' ', 'g')
          from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = '$LB_DB'
          order by s.calls desc, s.query limit 40" > "$LB_RUN/$name.statements.txt"
  sleep 11
  x1="$(lb_xacts)"
  LB_RES[$name.background_per_s]="$(awk -v b="$bg" -v i="$idle" 'BEGIN { printf "%.1f", b / i }')"
  LB_RES[$name.statements]="$(awk -v a="$s0" -v b="$s1" -v bg="$bg" -v i="$idle" -v t0="$t0" -v t1="$t1" -v n="$count" \
    'BEGIN { printf "%.1f", ((b - a) - bg / i * (t1 - t0)) / n }')"
  LB_RES[$name.transactions]="$(awk -v a="$x0" -v b="$x1" -v n="$count" 'BEGIN { printf "%.1f", (b - a) / n }')"
  say "  $name: ${LB_RES[$name.statements]} SQL statements, ${LB_RES[$name.round_trips]:-?} round trips and ${LB_RES[$name.transactions]} transactions per request (idle background ${LB_RES[$name.background_per_s]}/s)"
}

lb_pgbench() { # lb_pgbench NAME [pgbench options]: TPS and mean latency of one pgbench run on the harness cluster
  local name="$1"; shift
  say "pgbench: $name ($LB_CONNS clients, ${LB_DURATION}s) ..."
  lb_cpu_begin "$name"
  lb_run_bg "$PG_BIN/pgbench" -h 127.0.0.1 -p "$LB_PG_PORT" -U ekopz -c "$LB_CONNS" -j "$LB_THREADS" -T "$LB_DURATION" "$@" pgbench \
    > "$LB_RUN/$name.pgbench.txt" 2>&1 || { cat "$LB_RUN/$name.pgbench.txt" >&2; die "pgbench ($name) failed."; }
  LB_RES[$name.rps]="$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$LB_RUN/$name.pgbench.txt" | head -1 | awk '{ printf "%.0f", $1 }')"
  LB_RES[$name.latency_ms]="$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$LB_RUN/$name.pgbench.txt" | head -1)"
  LB_RES[$name.failed]="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$LB_RUN/$name.pgbench.txt" | head -1)"
  lb_cpu_end "$name" "$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$LB_RUN/$name.pgbench.txt" | head -1)" "$LB_CHILD_CPU"
  say "  $name: ${LB_RES[$name.rps]} tps, mean latency ${LB_RES[$name.latency_ms]} ms"
}

# ---------------------------------------------------------------- the report

lb_report() {
  local tpcb="${LB_RES[tpcb.rps]}" sel="${LB_RES[select.rps]}" dep8=deposits_8kop dep1=deposits_1kop st=statements
  local rows=() invalid=""
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else printf "n/a" }'; }
  # ge A B...: A is a number and at least every B.
  ge() { local a="$1"; shift; [[ "$a" =~ ^[0-9.]+$ ]] || return 1; local b; for b in "$@"; do awk -v a="$a" -v b="$b" 'BEGIN { exit !(a >= b) }' || return 1; done; }
  # both VALID CHECK...: the run had no failures (VALID is 1) and CHECK holds.
  both() { [ "$1" = 1 ] || return 1; shift; "$@"; }
  lt() { [[ "$1" =~ ^[0-9.]+$ ]] && awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
  le() { [[ "$1" =~ ^[0-9.]+$ ]] && awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
  verdict() { if "$@"; then echo PASS; else echo FAIL; fi; }
  valid() { [ "${LB_RES[$1.failures]}" = 0 ]; }

  local r
  for r in $dep8 $dep1 $st; do valid "$r" || invalid+=" $r"; done
  local half_tpcb; half_tpcb="$(awk -v t="$tpcb" 'BEGIN { print t * 0.5 }')"

  # Each row: figure | measured | budget | vs pgbench | result. A run with failures fails its throughput budget.
  r="$(verdict both "$(valid $dep8 && echo 1)" ge "${LB_RES[$dep8.rps]}" 1500 "$half_tpcb")"
  rows+=("Sukarela deposits, $LB_CONNS conn over $LB_KOPS koperasi|${LB_RES[$dep8.rps]}/s|>= 1,500/s and >= 0.5x TPC-B|$(ratio "${LB_RES[$dep8.rps]}" "$tpcb") TPC-B|$r")
  rows+=("... p50 / p99 latency|$(lb_ms "${LB_RES[$dep8.p50_us]}") / $(lb_ms "${LB_RES[$dep8.p99_us]}") ms|p99 < 50 ms||$(verdict lt "${LB_RES[$dep8.p99_us]}" 50000)")
  rows+=("... non-2xx and socket errors|${LB_RES[$dep8.failures]} of ${LB_RES[$dep8.requests]}|0||$(verdict valid $dep8)")
  r="$(verdict both "$(valid $dep1 && echo 1)" ge "${LB_RES[$dep1.rps]}" 800)"
  rows+=("Sukarela deposits, $LB_CONNS conn in 1 koperasi|${LB_RES[$dep1.rps]}/s|>= 800/s|$(ratio "${LB_RES[$dep1.rps]}" "$tpcb") TPC-B|$r")
  rows+=("... p50 / p99 latency|$(lb_ms "${LB_RES[$dep1.p50_us]}") / $(lb_ms "${LB_RES[$dep1.p99_us]}") ms|||")
  rows+=("... non-2xx and socket errors|${LB_RES[$dep1.failures]} of ${LB_RES[$dep1.requests]}|0||$(verdict valid $dep1)")
  r="$(verdict both "$(valid $st && echo 1)" ge "${LB_RES[$st.rps]}" 4000)"
  rows+=("Member statement reads, $LB_CONNS conn|${LB_RES[$st.rps]}/s|>= 4,000/s|$(ratio "${LB_RES[$st.rps]}" "$sel") select-only|$r")
  rows+=("... p50 / p99 latency|$(lb_ms "${LB_RES[$st.p50_us]}") / $(lb_ms "${LB_RES[$st.p99_us]}") ms|p99 < 30 ms||$(verdict lt "${LB_RES[$st.p99_us]}" 30000)")
  rows+=("... non-2xx and socket errors|${LB_RES[$st.failures]} of ${LB_RES[$st.requests]}|0||$(verdict valid $st)")
  rows+=("SQL statements per deposit|${LB_RES[sql_deposit.statements]}|<= 12||$(verdict le "${LB_RES[sql_deposit.statements]}" 12)")
  if [ -n "${LB_RES[sql_deposit.round_trips]:-}" ]; then
    rows+=("Round trips per deposit (API writes to PostgreSQL)|${LB_RES[sql_deposit.round_trips]}|<= 3||$(verdict le "${LB_RES[sql_deposit.round_trips]}" 3)")
  else
    rows+=("Round trips per deposit|not measured (no tcpdump)|<= 3||n/a")
  fi
  rows+=("Transactions per deposit|${LB_RES[sql_deposit.transactions]}|||")
  rows+=("SQL statements / round trips per statement read|${LB_RES[sql_statement.statements]} / ${LB_RES[sql_statement.round_trips]:-?}|||")
  rows+=("API resident memory under load (max VmRSS)|${LB_RES[rss.max_mb]} MB|<= 300 MB||$(verdict le "${LB_RES[rss.max_mb]}" 300)")
  if [ -n "${LB_RES[rebuild.rps]:-}" ]; then
    rows+=("Rebuild of all projections|${LB_RES[rebuild.rps]} events/s (whole command, start-up included: ${LB_RES[rebuild.wall_rps]}/s)|>= 20,000 events/s||$(verdict ge "${LB_RES[rebuild.rps]}" 20000)")
  else
    rows+=("Rebuild of all projections|n/a (no ./ekopz rebuild)|>= 20,000 events/s||n/a")
  fi
  rows+=("pgbench TPC-B, $LB_CONNS clients|${tpcb} tps (mean ${LB_RES[tpcb.latency_ms]} ms)||1.00x|")
  rows+=("pgbench select-only, $LB_CONNS clients|${sel} tps (mean ${LB_RES[select.latency_ms]} ms)||1.00x|")

  # CPU per request: Phase | done | cores busy | API | PostgreSQL | client | rest | work | ceiling | PG-alone ceiling |
  # measured | budget | within reach. "Work" is API + PostgreSQL + client: what one request costs this box.
  local cpu_rows=() cores; cores="$(nproc)"
  cpu_row() { # cpu_row NAME LABEL UNIT CLIENT MEASURED BUDGET
    local n="$1"
    [ -n "${LB_CPU[$n.done]:-}" ] && [ "${LB_CPU[$n.done]}" -gt 0 ] 2>/dev/null || { cpu_rows+=("$2|not measured||||||||||||"); return 0; }
    cpu_rows+=("$(awk -v label="$2" -v unit="$3" -v client="$4" -v measured="$5" -v budget="$6" -v cores="$cores" \
      -v done="${LB_CPU[$n.done]}" -v wall="${LB_CPU[$n.wall]}" -v busy="${LB_CPU[$n.busy]}" -v api="${LB_CPU[$n.api]}" \
      -v pg="${LB_CPU[$n.pg]}" -v cl="${LB_CPU[$n.client]}" -v rest="${LB_CPU[$n.rest]}" -v has_api="$([ "$n" = rebuild ] && echo 0 || echo 1)" '
      function ms(s) { return sprintf("%.3f", s * 1000 / done) }
      BEGIN {
        work = (api + pg + cl) * 1000 / done; pgms = pg * 1000 / done
        ceiling = work > 0 ? cores * 1000 / work : 0; pg_ceiling = pgms > 0 ? cores * 1000 / pgms : 0
        reach = budget == "" ? "" : (budget + 0 > ceiling ? "OUT OF REACH" : "reachable")
        printf "%s|%d %s in %.1f s|%.2f of %d|%s|%s|%s %s|%s|%.3f|%.0f/s|%.0f/s|%s|%s|%s",
          label, done, unit, wall, (wall > 0 ? busy / wall : 0), cores, (has_api ? ms(api) : "-"), ms(pg), ms(cl), client,
          ms(rest), work, ceiling, pg_ceiling, measured, (budget == "" ? "" : ">= " budget "/s"), reach
      }')")
  }
  cpu_row $dep8 "Deposits, $LB_CONNS conn over $LB_KOPS koperasi" requests wrk "${LB_RES[$dep8.rps]}/s" 1500
  cpu_row $dep1 "Deposits, $LB_CONNS conn in 1 koperasi" requests wrk "${LB_RES[$dep1.rps]}/s" 800
  cpu_row $st "Member statement reads, $LB_CONNS conn" requests wrk "${LB_RES[$st.rps]}/s" 4000
  cpu_row tpcb "pgbench TPC-B, $LB_CONNS clients" transactions pgbench "${tpcb} tps" ""
  cpu_row select "pgbench select-only, $LB_CONNS clients" transactions pgbench "${sel} tps" ""
  if [ -n "${LB_RES[rebuild.rps]:-}" ]; then
    cpu_row rebuild "Rebuild of all projections (per event)" events rebuild \
      "${LB_RES[rebuild.rps]}/s (whole command ${LB_RES[rebuild.wall_rps]}/s)" 20000
  fi
  local cpu_head="Phase|Done|Cores busy|API ms|PostgreSQL ms|Client ms|Rest of machine ms|Work ms (API+PG+client)|Ceiling|PG-alone ceiling|Measured|Budget|Budget vs ceiling"

  local md="$STATE/bench/load-$LB_STAMP.md"
  mkdir -p "$STATE/bench"
  {
    echo "# ./ekopz bench load, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (with local changes)');" \
      "$LB_KOPS koperasi x $LB_MEMBERS members; $LB_CONNS connections, $LB_THREADS wrk threads; ${LB_DURATION}s runs after ${LB_WARMUP}s warm-up;" \
      "cluster $( [ -n "$LB_FAST" ] && echo 'fsync off' || echo 'durable (fsync on)'); pgbench scale $LB_SCALE;" \
      "load average at start: $LB_LOADAVG; $(nproc) cores."
    echo
    echo "| Figure | Measured | Budget (issue 13) | vs pgbench | Result |"
    echo "| --- | --- | --- | --- | --- |"
    for r in "${rows[@]}"; do echo "| ${r//|/ | } |"; done
    echo
    [ -z "$invalid" ] || { echo "**Failed measurement:** non-2xx answers or socket errors in:$invalid (a run with errors does not count)."; echo; }
    for r in $dep8 $dep1 $st; do
      [ -z "${LB_RES[$r.first_error]}" ] || echo "First non-2xx in $r: \`${LB_RES[$r.first_error]}\`"
    done
    echo
    echo "CPU per request, by process group ($cores cores; CPU ms per request, per transaction for pgbench, per event for the"
    echo "rebuild). Work = API + PostgreSQL + client (wrk, pgbench, or the rebuild process); ceiling = $cores cores x 1000 ms /"
    echo "work ms: the most this machine could do if all its CPU went to this work. PG-alone ceiling: the same with"
    echo "PostgreSQL's CPU only (even a free API and client could not pass it). Rest of machine: every other process (other"
    echo "users of the box; not part of the work). Load average at start: $LB_LOADAVG; at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    echo "| ${cpu_head//|/ | } |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    for r in "${cpu_rows[@]}"; do echo "| ${r//|/ | } |"; done
    echo
    if [ -n "${LB_CPU[rebuild.done]:-}" ]; then
      echo "Rebuild: CPU taken over ${LB_CPU[rebuild.window]}; the rebuild process used ${LB_CPU[rebuild.client]} s of CPU" \
        "rebuilding and ${LB_RES[rebuild.client_total_s]:-?} s in all (start-up and exit included); the whole command took ${LB_RES[rebuild.wall_s]} s."
      echo
    fi
    echo "SQL statements per deposit by statement (calls per deposit | query, from pg_stat_statements over ${LB_SQL_COUNT} deposits sent one after another):"
    echo
    echo '```'
    cat "$LB_RUN/sql_deposit.statements.txt"
    echo '```'
    echo
    echo "The same for a member statement read:"
    echo
    echo '```'
    cat "$LB_RUN/sql_statement.statements.txt"
    echo '```'
  } > "$md"

  echo
  printf '%-52s %-28s %-28s %-18s %s\n' "Figure" "Measured" "Budget (issue 13)" "vs pgbench" "Result"
  for r in "${rows[@]}"; do
    IFS='|' read -r a b c d e <<<"$r"
    printf '%-52s %-28s %-28s %-18s %s\n' "$a" "$b" "$c" "$d" "$e"
  done
  echo
  echo "CPU ms per request by process group; ceiling = $cores cores x 1000 ms / (API + PostgreSQL + client) ms (docs/adr/0046):"
  local h cpu_fmt='%-44s %-30s %-11s %-7s %-8s %-17s %-7s %-8s %-9s %-9s %-46s %-12s %s\n'
  IFS='|' read -r -a h <<<"$cpu_head"
  printf "$cpu_fmt" "${h[0]}" "${h[1]}" "${h[2]}" "API" "PG" "Client" "Rest" "Work" "Ceiling" "PG-alone" "${h[10]}" "${h[11]}" "${h[12]}"
  for r in "${cpu_rows[@]}"; do
    IFS='|' read -r -a h <<<"$r"
    printf "$cpu_fmt" "${h[0]}" "${h[1]:-}" "${h[2]:-}" "${h[3]:-}" "${h[4]:-}" "${h[5]:-}" "${h[6]:-}" "${h[7]:-}" "${h[8]:-}" "${h[9]:-}" "${h[10]:-}" "${h[11]:-}" "${h[12]:-}"
  done
  echo
  [ -z "$invalid" ] || say "FAILED MEASUREMENT: non-2xx answers or socket errors in:$invalid"
  say "Report: $md (per-statement counts and wrk/pgbench output in $LB_RUN)"
  [ -z "$invalid" ]
}

# ---------------------------------------------------------------- the command

bench_load() {
  LB_DURATION=25 LB_WARMUP=5 LB_MEMBERS=200 LB_KOPS=8 LB_CONNS=16 LB_THREADS=2 LB_FAST="" LB_SQL_COUNT=200 LB_SCALE=16
  while [ $# -gt 0 ]; do
    case "$1" in
      --duration) LB_DURATION="$2"; shift 2 ;;
      --warmup) LB_WARMUP="$2"; shift 2 ;;
      --members) LB_MEMBERS="$2"; shift 2 ;;
      --koperasi) LB_KOPS="$2"; shift 2 ;;
      --connections) LB_CONNS="$2"; shift 2 ;;
      --threads) LB_THREADS="$2"; shift 2 ;;
      --fast) LB_FAST=fast; shift ;;
      --quick) LB_DURATION=4 LB_WARMUP=2 LB_MEMBERS=20 LB_SQL_COUNT=40; shift ;;
      *) die "bench load [--duration S] [--warmup S] [--members N] [--koperasi K] [--connections C] [--threads T] [--fast] [--quick]" ;;
    esac
  done
  local n
  for n in "$LB_DURATION" "$LB_WARMUP" "$LB_MEMBERS" "$LB_KOPS" "$LB_CONNS" "$LB_THREADS"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "bench load: '$n' is not a positive whole number."
  done

  LB_PG_PORT="${EKOPZ_LOAD_PG_PORT:-25436}"
  local urls="${EKOPZ_LOAD_URLS:-http://127.0.0.1:5086}"
  LB_BASE="${urls%%;*}"
  LB_DB=ekopz_load
  LB_STAMP="$(date -u +%Y%m%d-%H%M%S)"
  LB_RUN="$STATE/bench/load-run"
  LB_ADMIN_PASSWORD="load-admin-password-1"
  LB_LOADAVG="$(cut -d' ' -f1-3 /proc/loadavg)"
  declare -gA LB_KASIR=() LB_READER=()
  for n in 25432 25433 25434 25435 "$DEV_PORT" "$TEST_PORT" "$BENCH_PORT" "$FAULT_PORT"; do
    [ "$LB_PG_PORT" != "$n" ] || die "EKOPZ_LOAD_PG_PORT=$LB_PG_PORT is another cluster's port: give the harness its own."
  done
  [ "$LB_BASE" != "${URLS%%;*}" ] || die "EKOPZ_LOAD_URLS is the API's own address ($URLS): give the harness its own port."
  if (exec 3<>"/dev/tcp/127.0.0.1/${LB_BASE##*:}") 2>/dev/null; then die "Port ${LB_BASE##*:} is taken: set EKOPZ_LOAD_URLS to a free one."; fi

  ensure_dotnet
  ensure_fonts
  ensure_pg_bin
  ensure_apt_tool wrk wrk
  ensure_apt_tool jq jq
  # tcpdump counts the round trips to PostgreSQL; without root it cannot capture, and that one figure is left out.
  LB_TCPDUMP=""
  if [ "$(id -u)" = 0 ] && (ensure_apt_tool tcpdump tcpdump); then LB_TCPDUMP=1; fi
  [ -x "$PG_BIN/pgbench" ] || command -v pgbench >/dev/null 2>&1 || die "pgbench is missing (Debian: postgresql-contrib or the postgresql server package)."

  rm -rf "$LB_RUN"; mkdir -p "$LB_RUN"
  trap lb_cleanup EXIT
  trap 'say "Interrupted."; exit 130' INT TERM

  # Pre-generated Wolverine code, as ./ekopz up runs it (docs/adr/0048); EKOPZ_DYNAMIC_CODE=1 for the runtime-codegen build.
  build_api_release

  # A fresh cluster every run: each run starts from the same empty database, and the settings below always apply.
  pg_stop load
  rm -rf "$STATE/pg-load"
  pg_start load "$LB_PG_PORT" $LB_FAST
  {
    echo "shared_preload_libraries = 'pg_stat_statements'"
    # Top-level statements only: what the API sends, not what runs inside the SQL functions it calls.
    echo "pg_stat_statements.track = top"
    echo "pg_stat_statements.max = 10000"
  } >> "$STATE/pg-load/postgresql.conf"
  local logged; logged="$(pg_log_size "$STATE/pg-load")"
  as_pg "$PG_BIN/pg_ctl" -D "$STATE/pg-load" -l "$STATE/pg-load/server.log" -m fast -w -t 60 restart >/dev/null \
    || pg_failed load "$LB_PG_PORT" "$STATE/pg-load" "$logged" "restart with pg_stat_statements"
  lb_sql "create extension if not exists pg_stat_statements" >/dev/null
  pg_ensure_db "$LB_PG_PORT" "$LB_DB"
  pg_ensure_db "$LB_PG_PORT" pgbench

  say "Starting the API (Release, Production) on $LB_BASE ..."
  (
    cd "$ROOT/src/Ekopz.Api"
    export EKOPZ_DB="Host=127.0.0.1;Port=$LB_PG_PORT;Database=$LB_DB;Username=ekopz;Maximum Pool Size=${EKOPZ_LOAD_POOL:-100}" \
      EKOPZ_JWT_KEY="$(head -c 48 /dev/urandom | base64 -w0)" EKOPZ_ADMIN_PASSWORD="$LB_ADMIN_PASSWORD" \
      EKOPZ_SIGNIN_PER_ADDRESS=100000 EKOPZ_SIGNIN_PER_ACCOUNT=100000 ASPNETCORE_ENVIRONMENT=Production \
      EKOPZ_READ_POOL="${EKOPZ_READ_POOL:-$((2 * $(nproc)))}"
    exec dotnet bin/Release/net10.0/Ekopz.Api.dll --urls "$LB_BASE"
  ) > "$LB_RUN/api.log" 2>&1 &
  LB_API_PID=$!
  local ok=""
  for _ in $(seq 1 180); do
    kill -0 "$LB_API_PID" 2>/dev/null || { tail -40 "$LB_RUN/api.log" >&2; die "The API stopped during start (log: $LB_RUN/api.log)."; }
    if curl -fsS "$LB_BASE/health" >/dev/null 2>&1; then ok=1; break; fi
    sleep 1
  done
  [ -n "$ok" ] || { tail -40 "$LB_RUN/api.log" >&2; die "The API did not answer on $LB_BASE/health within 3 minutes."; }

  say "Seeding $LB_KOPS koperasi x $LB_MEMBERS members over HTTP ..."
  lb_seed
  LB_RES[rss.after_seed_mb]="$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$LB_API_PID/status")"

  # The API's resident memory, sampled every half second from here to the end of the HTTP load.
  (
    max=0
    while kill -0 "$LB_API_PID" 2>/dev/null; do
      rss="$(awk '/^VmRSS/ { print $2 }' "/proc/$LB_API_PID/status" 2>/dev/null || echo 0)"
      [ "${rss:-0}" -gt "$max" ] && { max="$rss"; echo "$max" > "$LB_RUN/rss.max_kb"; }
      sleep 0.5
    done
  ) &
  LB_RSS_PID=$!

  lb_wrk warmup_deposits deposit.lua all "$LB_WARMUP"
  lb_wrk warmup_statements statement.lua all "$LB_WARMUP"

  # SQL per request: deposits and statement reads sent one at a time over koperasi 1's members.
  local i=0 id
  : > "$LB_RUN/sql_deposit.cfg"; : > "$LB_RUN/sql_statement.cfg"
  while [ "$i" -lt "$LB_SQL_COUNT" ]; do
    id="$(sed -n "$((i % LB_MEMBERS + 1))p" "$LB_RUN/members-1.txt")"
    lb_block "/api/v1/koperasi/load-1/members/$id/savings/sukarela/deposits" "${LB_KASIR[1]}" '{"amount":25000,"channel":"counter"}' \
      "$LB_RUN/sql-deposit.out" "Idempotency-Key: sql-$LB_STAMP-$i" >> "$LB_RUN/sql_deposit.cfg"
    lb_block "/api/v1/koperasi/load-1/members/$id/statement" "${LB_READER[1]}" "" "$LB_RUN/sql-statement.out" >> "$LB_RUN/sql_statement.cfg"
    i=$((i + 1))
  done
  say "Counting SQL per request ($LB_SQL_COUNT deposits, then $LB_SQL_COUNT statement reads, one at a time) ..."
  lb_count_sql sql_deposit "$LB_SQL_COUNT"
  lb_count_sql sql_statement "$LB_SQL_COUNT"

  lb_wrk deposits_8kop deposit.lua all "$LB_DURATION"
  lb_wrk deposits_1kop deposit.lua 1 "$LB_DURATION"
  lb_wrk statements statement.lua all "$LB_DURATION"

  kill "$LB_RSS_PID" 2>/dev/null || true; LB_RSS_PID=""
  LB_RES[rss.max_mb]="$(awk '{ printf "%.0f", $1 / 1024 }' "$LB_RUN/rss.max_kb" 2>/dev/null || echo '?')"
  say "  API resident memory: ${LB_RES[rss.after_seed_mb]} MB after seeding, at most ${LB_RES[rss.max_mb]} MB under load"

  # The API is idle from here: pgbench has the cluster (and the cores) to itself, as the deposits had.
  say "pgbench: initialising scale $LB_SCALE in database 'pgbench' ..."
  lb_run_bg "$PG_BIN/pgbench" -i -q -s "$LB_SCALE" -h 127.0.0.1 -p "$LB_PG_PORT" -U ekopz pgbench > "$LB_RUN/init.pgbench.txt" 2>&1 \
    || { cat "$LB_RUN/init.pgbench.txt" >&2; die "pgbench -i failed."; }
  lb_pgbench tpcb
  lb_pgbench select -S

  # Rebuild (issue 13 item 5) is another change's command: measured here once ./ekopz has it.
  if grep -q '^  rebuild)' "$ROOT/ekopz"; then
    kill "$LB_API_PID" 2>/dev/null || true; wait "$LB_API_PID" 2>/dev/null || true; LB_API_PID=""
    local events t0 t1 real shim="$LB_RUN/shim" own marks
    events="$(lb_sql "select count(*) from ekopz.mt_events" "$LB_DB")"
    # A stand-in for dotnet, first on the PATH of ./ekopz rebuild: it writes its pid (lb_rebuild_watch finds the
    # rebuild process as its child) and runs the real dotnet as its own child, so `times` then gives the rebuild
    # process's whole CPU (start-up included), however briefly it lived. Any other call (the build) is the real dotnet.
    real="$(command -v dotnet)"
    mkdir -p "$shim"
    cat > "$shim/dotnet" <<SHIM
#!/usr/bin/env bash
if [[ "\${1:-}" == *Ekopz.Api.dll && "\${2:-}" == rebuild ]]; then
  echo \$\$ > "$LB_RUN/rebuild.shim.pid"
  rc=0; "$real" "\$@" || rc=\$?
  times > "$LB_RUN/rebuild.client.times"
  exit \$rc
fi
exec "$real" "\$@"
SHIM
    chmod +x "$shim/dotnet"
    rm -f "$LB_RUN/rebuild.client.times" "$LB_RUN/rebuild.shim.pid" "$LB_RUN/rebuild.marks" "$LB_RUN/rebuild.txt" "$LB_RUN/rebuild.watched"
    say "Rebuilding every projection ($events events) with ./ekopz rebuild ..."
    lb_cpu_begin rebuild
    t0="$(date +%s.%N)"
    if lb_run_bg env PATH="$shim:$PATH" EKOPZ_DB="Host=127.0.0.1;Port=$LB_PG_PORT;Database=$LB_DB;Username=ekopz" bash "$ROOT/ekopz" rebuild \
        > >(lb_rebuild_watch; touch "$LB_RUN/rebuild.watched") 2>&1; then
      t1="$(date +%s.%N)"
      for _ in $(seq 1 50); do [ -f "$LB_RUN/rebuild.watched" ] && break; sleep 0.1; done # the watcher's last lines
      # The budget's figure is the command's own rate ("Rebuilt K koperasi: N events in S s, R events/s."): the
      # events over the rebuild alone. The wall clock of the whole command (start-up and the up-to-date build check included) is beside it.
      own="$(sed -n 's/^Rebuilt .*: \([0-9,.]*\) events in \([0-9.,]*\) s, \([0-9,.]*\) events\/s\.$/\1 \2 \3/p' "$LB_RUN/rebuild.txt" | tail -1)"
      LB_RES[rebuild.wall_rps]="$(awk -v e="$events" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", e / (b - a) }')"
      LB_RES[rebuild.wall_s]="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
      if [ -n "$own" ]; then
        local e s r
        read -r e s r <<<"$own"
        LB_RES[rebuild.events]="${e//[^0-9]/}" LB_RES[rebuild.own_s]="$s" LB_RES[rebuild.rps]="${r//[^0-9]/}"
      else
        say "./ekopz rebuild printed no 'Rebuilt ... events/s' line: the wall-clock rate stands in for its own."
        LB_RES[rebuild.events]="$events" LB_RES[rebuild.own_s]="${LB_RES[rebuild.wall_s]}" LB_RES[rebuild.rps]="${LB_RES[rebuild.wall_rps]}"
      fi
      LB_RES[rebuild.client_total_s]="$(lb_times_cpu "$LB_RUN/rebuild.client.times")"
      marks="$(grep -c . "$LB_RUN/rebuild.marks" 2>/dev/null || true)"
      if [ "$marks" = 2 ] && [ "$(cut -d' ' -f6 "$LB_RUN/rebuild.marks" | grep -c '^[1-9]')" = 2 ]; then
        # CPU over the rebuild's own seconds: the marks taken when it printed "Rebuilding" and "Rebuilt".
        local m0 m1
        m0="$(sed -n 1p "$LB_RUN/rebuild.marks")" m1="$(sed -n 2p "$LB_RUN/rebuild.marks")"
        lb_cpu_end rebuild "${LB_RES[rebuild.events]}" "$(awk -v a="${m0##* }" -v b="${m1##* }" -v t="$LB_TICK" 'BEGIN { printf "%.2f", (b - a) / t }')" \
          "$(cut -d' ' -f2-5 <<<"$m0")" "$(cut -d' ' -f2-5 <<<"$m1")"
        LB_CPU[rebuild.window]="the rebuild's own seconds (from its 'Rebuilding' line to its 'Rebuilt' line)"
      else
        say "  (no CPU marks from the rebuild's output: its CPU is taken over the whole command, start-up included)"
        lb_cpu_end rebuild "${LB_RES[rebuild.events]}" "${LB_RES[rebuild.client_total_s]:-0}"
        LB_CPU[rebuild.window]="the whole command (build and the rebuild process's start-up included)"
      fi
      say "  rebuild: ${LB_RES[rebuild.rps]} events/s by its own count (${LB_RES[rebuild.events]} events in ${LB_RES[rebuild.own_s]} s);" \
        "${LB_RES[rebuild.wall_rps]}/s over the command's ${LB_RES[rebuild.wall_s]} s (start-up and the up-to-date build check included);" \
        "rebuild process CPU ${LB_CPU[rebuild.client]} s rebuilding, ${LB_RES[rebuild.client_total_s]:-?} s in all"
    else
      say "./ekopz rebuild failed (see $LB_RUN/rebuild.txt); its figure is left out."
    fi
  fi

  lb_report
}
