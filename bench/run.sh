#!/usr/bin/env bash
# Member search and check-in load on a running Liyaqa (API on :8080), started in another terminal without
# the general request limit: ./build.sh run -- --ApiSettings:RateLimits:RequestsPerMinute=0
# Seeds a club with MEMBERS members (CSV import), SUBSCRIBED subscriptions and 20 classes, then runs wrk:
#   search and check-ins: CONNECTIONS connections for DURATION; bookings: BOOKING_CONNECTIONS (200).
set -euo pipefail
cd "$(dirname "$0")"
export API="${API:-http://localhost:8080}" MEMBERS="${MEMBERS:-100000}" SUBSCRIBED="${SUBSCRIBED:-2000}"
CONNECTIONS="${CONNECTIONS:-16}" DURATION="${DURATION:-30s}"
export THREADS="${THREADS:-2}"
command -v wrk >/dev/null || { echo "Install wrk: apt-get install -y wrk" >&2; exit 1; }

# SEEDED=1 reuses the club seeded by the previous run (its token lasts 15 minutes).
if [ "${SEEDED:-0}" != 1 ]; then
  python3 seed.py > "${WORK_DIR:-/tmp/liyaqa-bench}.env"
fi
# shellcheck disable=SC1090
. "${WORK_DIR:-/tmp/liyaqa-bench}.env"
export TOKEN BRANCH MEMBERS_FILE SESSIONS_FILE
echo "warm-up"; wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s search.lua "$API" >/dev/null
echo "member search, $MEMBERS members, $CONNECTIONS connections, $DURATION:"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s search.lua "$API" | tail -1
if [ "${ONLY_SEARCH:-0}" = 1 ]; then exit 0; fi
echo "check-ins, $SUBSCRIBED members cycling, $CONNECTIONS connections, $DURATION:"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s checkin.lua "$API" | tail -1
echo "bookings, $SUBSCRIBED members x 10 classes of 100 places, ${BOOKING_CONNECTIONS:-200} connections, $DURATION:"
wrk -t"$THREADS" -c"${BOOKING_CONNECTIONS:-200}" -d"$DURATION" --timeout 10s -s booking.lua "$API" | tail -1
