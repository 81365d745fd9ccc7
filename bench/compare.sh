#!/usr/bin/env bash
# The hot paths against a raw baseline, measured in one session on this machine with one command: starts the
# platform (Release, no request limit, the production trace sampling and export cadence), seeds a club, starts bench/Baseline (plain
# Npgsql on the same database), runs wrk on both, checks that no class is overbooked, counts statements per request
# (pg_stat_statements) and the API's memory, and writes the table into docs/PERFORMANCE.md. Arguments go to the AppHost
# (e.g. --ApiSettings:DOTNET_gcServer=1 to compare a setting).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export WORK_DIR="${WORK_DIR:-/tmp/liyaqa-bench}" API=http://localhost:8080 BASELINE=http://127.0.0.1:8099
DURATION="${DURATION:-20s}" WARMUP="${WARMUP:-15s}"
export THREADS="${THREADS:-2}"
export MEMBERS="${MEMBERS:-20000}" SUBSCRIBED="${SUBSCRIBED:-2000}"
command -v wrk >/dev/null || { echo "Install wrk: apt-get install -y wrk" >&2; exit 1; }
mkdir -p "$WORK_DIR"

dotnet build -c Release Liyaqa.sln -v q -nologo >/dev/null
dotnet build -c Release bench/Baseline -v q -nologo >/dev/null

# Telemetry at production cadence: run mode has the API export metrics every second and traces and logs every second
# for the dashboard (a sixth of the API's CPU under load, in a profile); a deployment exports at the SDK's defaults.
dotnet run --project src/Liyaqa.AppHost -c Release --no-build -- --Liyaqa:WebApp=Off \
  --ApiSettings:RateLimits:RequestsPerMinute=0 --ApiSettings:Telemetry:TraceSampleRatio=0.1 \
  --ApiSettings:OTEL_METRIC_EXPORT_INTERVAL=60000 --ApiSettings:OTEL_BSP_SCHEDULE_DELAY=5000 \
  --ApiSettings:OTEL_BLRP_SCHEDULE_DELAY=5000 "$@" >"$WORK_DIR/apphost.log" 2>&1 &
apphost=$!
baseline=
trap 'kill $apphost $baseline 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "$API/health/ready" >/dev/null && break; sleep 2; done
curl -sf "$API/health/ready" >/dev/null || { echo "the API did not start; see $WORK_DIR/apphost.log" >&2; exit 1; }

python3 bench/seed.py >"$WORK_DIR/seed.env"
# shellcheck disable=SC1091
. "$WORK_DIR/seed.env"
export TENANT_ID TOKEN BRANCH MEMBERS_FILE SESSIONS_FILE

port=$(sed -n 's/.* -p \([0-9]*\) .*/\1/p' .data/psql)
BASELINE_DB="Host=127.0.0.1;Port=$port;Username=postgres;Password=$(cat .data/postgres/superuser-password);Database=liyaqa" \
  ASPNETCORE_URLS="$BASELINE" dotnet bench/Baseline/bin/Release/net10.0/Liyaqa.Bench.Baseline.dll >"$WORK_DIR/baseline.log" 2>&1 &
baseline=$!
for _ in $(seq 1 30); do curl -s -o /dev/null "$BASELINE/members/00000000-0000-0000-0000-000000000000" -H "X-Tenant: $TENANT_ID" && break; sleep 1; done

psql() { .data/psql -qtAX "$@"; }
# Fresh statistics for the club just imported (autovacuum would analyse it a little later): without them the
# planner takes a member by id through the club's status index and reads all 20,000 rows, for both sides.
psql -c "ANALYZE" >/dev/null
api_pid=$(pgrep -f 'Liyaqa.Api(.dll)?$' | head -1 || true)
rss() { [ -n "$api_pid" ] && echo "$(( $(ps -o rss= -p "$api_pid") / 1024 )) MB" || echo "?"; }
idle_rss=$(rss)

# wrk <label> <connections> <script> <url> [env…]: prints "label|requests/s|p50|p95|p99|non-2xx|errors"
# With STATEMENTS set, also counts the application's SQL statements per request of the measured run into it.
run() {
  local label=$1 connections=$2 script=$3 url=$4 line; shift 4
  # The warm-up brings the code to its steady state (tiered JIT under load takes tens of seconds). The booking walk:
  # the warm-up books the first pairs of each thread's segment, the measured run those from RUN_START on.
  env "$@" START=0 wrk -t"$THREADS" -c"$connections" -d"$WARMUP" --timeout 10s -s "bench/$script" "$url" >/dev/null
  [ -n "${STATEMENTS:-}" ] && psql -c "SELECT pg_stat_statements_reset()" >/dev/null
  line=$(env "$@" START="${RUN_START:-4000}" wrk -t"$THREADS" -c"$connections" -d"$DURATION" --timeout 10s -s "bench/$script" "$url" | tail -1)
  if [ -n "${STATEMENTS:-}" ]; then
    psql -c "SELECT round(sum(calls) / $(awk '{ print $17 }' <<<"$line").0, 1) FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
             WHERE r.rolname = 'liyaqa_app' AND query NOT ILIKE '%qrtz%' AND query NOT ILIKE '%notification_queue%'" >"$STATEMENTS"
  fi
  awk -v label="$label" '{ print label "|" $2 "|" $4 "|" $7 "|" $10 "|" $13 "|" $15 }' <<<"$line"
}

# Statements per request: pg_stat_statements over 200 sequential GETs.
statements() {
  psql -c "SELECT pg_stat_statements_reset()" >/dev/null
  for _ in $(seq 1 200); do curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "$1"; done
  psql -c "SELECT round(sum(calls) / 200.0, 1) FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = 'liyaqa_app' AND query NOT ILIKE '%qrtz%' AND query NOT ILIKE '%notification_queue%'"
}
first_member=$(head -1 "$MEMBERS_FILE")
# The baseline books any member (it checks no membership): it walks the members without a subscription, so it never
# repeats a pair and never fills the future bookings of the members Liyaqa books.
psql -c "SELECT id FROM members m WHERE tenant_id = '$TENANT_ID' AND NOT EXISTS (SELECT FROM subscriptions s WHERE s.tenant_id = m.tenant_id AND s.member_id = m.id)" >"$WORK_DIR/other-members.txt"

get_statements=$(statements "$API/api/members/$first_member")
results=()
results+=("$(run "GET member, raw Npgsql, c16" 16 get.lua "$BASELINE" PREFIX=)")
results+=("$(run "GET member, Liyaqa, c16" 16 get.lua "$API")")
results+=("$(run "GET member, raw Npgsql, c64" 64 get.lua "$BASELINE" PREFIX=)")
results+=("$(run "GET member, Liyaqa, c64" 64 get.lua "$API")")
load_rss=$(rss)
results+=("$(run "check-in, Liyaqa, c16" 16 checkin.lua "$API")")
results+=("$(run "member search, Liyaqa, c16" 16 search.lua "$API")")
results+=("$(RUN_START=40000 run "booking, raw Npgsql, c200" 200 booking.lua "$BASELINE" PREFIX= SESSION_OFFSET=10 MEMBERS_FILE="$WORK_DIR/other-members.txt")")
results+=("$(STATEMENTS="$WORK_DIR/booking-statements" run "booking, Liyaqa, c200" 200 booking.lua "$API")")
overbooked=$(psql -c "SELECT count(*) FROM class_sessions s WHERE s.tenant_id = '$TENANT_ID' AND (SELECT count(*) FROM bookings b WHERE b.tenant_id = s.tenant_id AND b.session_id = s.id AND b.status = 'Booked') > s.capacity")
after_rss=$(rss)

table=$(
  echo "| work | requests/s | p50 | p95 | p99 | non-2xx | errors |"
  echo "|---|---|---|---|---|---|---|"
  for row in "${results[@]}"; do echo "| ${row//|/ | } |"; done
)
ratio() { awk -F'|' -v a="$1" -v b="$2" '$1 == a { x = $2 } $1 == b { y = $2 } END { if (x > 0) printf "%.2f", y / x }' <<<"$(printf '%s\n' "${results[@]}")"; }
summary=$(cat <<SUMMARY
Ratios to the raw baseline: GET c16 **$(ratio "GET member, raw Npgsql, c16" "GET member, Liyaqa, c16")×**, GET c64
**$(ratio "GET member, raw Npgsql, c64" "GET member, Liyaqa, c64")×**, booking **$(ratio "booking, raw Npgsql, c200" "booking, Liyaqa, c200")×**. Classes overbooked after the runs: **$overbooked**.
SQL statements per authenticated GET: **$get_statements**; per booking request (booked, waitlisted or refused, the
outbox's own statements left out): **$(cat "$WORK_DIR/booking-statements")**. API memory (RSS): $idle_rss idle after seeding, $load_rss after the GET runs,
$after_rss at the end.
SUMMARY
)

{
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(uname -m)), wrk $DURATION per row after a $WARMUP warm-up, $MEMBERS members,"
  echo "the API, PostgreSQL, Redis, the baseline and wrk on the same machine (load average before: $(cut -d' ' -f1-3 /proc/loadavg))."
  echo
  echo "$table"
  echo
  echo "$summary"
} >"$WORK_DIR/compare.md"
python3 - "$root/docs/PERFORMANCE.md" "$WORK_DIR/compare.md" <<'PY'
import sys
doc, new = open(sys.argv[1]).read(), open(sys.argv[2]).read()
begin, end = "<!-- compare:begin -->", "<!-- compare:end -->"
if begin in doc:
    doc = doc[:doc.index(begin) + len(begin)] + "\n" + new + doc[doc.index(end):]
else:
    doc += f"\n## Hot paths against raw Npgsql (`bench/compare.sh`)\n\n{begin}\n{new}{end}\n"
open(sys.argv[1], "w").write(doc)
PY
cat "$WORK_DIR/compare.md"
