#!/usr/bin/env bash
# Liyaqa's two entry points:
#   ./build.sh run    start the platform (dotnet run --project src/Liyaqa.AppHost)
#   ./build.sh test   build and run every test, then print one summary line
# Both first make sure PostgreSQL 15+ and redis-server are installed (apt-get on Debian/Ubuntu), and
# the web app's npm packages (from its lock file); the tests also need Debian's chromium and pgbouncer.
set -euo pipefail
cd "$(dirname "$0")"

ensure_prerequisites() {
  local missing=()
  command -v dotnet >/dev/null || { echo "Liyaqa needs the .NET 10 SDK: https://dot.net" >&2; exit 1; }
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 && ! command -v postgres >/dev/null; then
    missing+=(postgresql)
  fi
  command -v redis-server >/dev/null || missing+=(redis-server)
  [ -d /usr/lib/python3/dist-packages/aiosmtpd ] || missing+=(python3-aiosmtpd)
  [ -x /usr/bin/setpriv ] || missing+=(util-linux)
  command -v shellcheck >/dev/null || missing+=(shellcheck)
  command -v promtool >/dev/null || missing+=(prometheus)
  command -v amtool >/dev/null || missing+=(prometheus-alertmanager)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  python3 -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)
  command -v node >/dev/null || missing+=(nodejs npm)
  if [ "${1:-}" = test ]; then
    command -v chromium >/dev/null || missing+=(chromium)
    command -v zbarimg >/dev/null || missing+=(zbar-tools)
    # Part of the suite runs with the API behind PgBouncer (tests/Liyaqa.Api.Tests/ThroughPgBouncerTests.cs).
    [ -x /usr/sbin/pgbouncer ] || command -v pgbouncer >/dev/null || missing+=(pgbouncer)
  fi
  [ ${#missing[@]} -eq 0 ] && return 0

  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Install first: apt-get install -y ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  if ! command -v apt-get >/dev/null; then
    echo "Install first: ${missing[*]} (PostgreSQL 15 or newer)" >&2
    exit 1
  fi
  echo "Installing ${missing[*]}..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The web app's packages, exactly as its lock file says, when they are missing or older than the lock.
ensure_web_packages() {
  local web=src/Liyaqa.Web
  if [ ! -d "$web/node_modules" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
    echo "Installing the web app's npm packages..."
    (cd "$web" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
}

run_tests() {
  local log
  log=$(mktemp)
  local status=0
  # The web app's unit tests (Vitest) and its check against physical left/right classes; its end-to-end
  # journeys in Chromium run inside the .NET suite (WebAppTests), against the test host's API.
  (cd src/Liyaqa.Web && npx vitest run) 2>&1 | tee -a "$log" || status=$?
  (cd src/Liyaqa.Web && rm -rf .next && NEXT_TELEMETRY_DISABLED=1 npx next build) >>"$log" 2>&1 || { status=1; echo "next build failed" | tee -a "$log"; }
  dotnet test Liyaqa.sln --configuration Release 2>&1 | tee -a "$log" || status=$?
  # One line for the whole run, summed over the .NET test assemblies and Vitest.
  {
    grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/'
    sed -E 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ +Tests +[0-9]' |
      awk '{f=0; p=0; s=0; for (i=1; i<=NF; i++) { if ($(i+1) ~ /^failed/) f=$i; if ($(i+1) ~ /^passed/) p=$i; if ($(i+1) ~ /^skipped/) s=$i } print f, p, s}'
  } | awk '{f+=$1; p+=$2; s+=$3} END {printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s}'
  rm -f "$log"
  return $status
}

case "${1:-}" in
  run)
    ensure_prerequisites run
    ensure_web_packages
    shift
    exec dotnet run --project src/Liyaqa.AppHost "$@"
    ;;
  test)
    ensure_prerequisites test
    ensure_web_packages
    run_tests
    ;;
  *)
    echo "usage: ./build.sh run | test" >&2
    exit 2
    ;;
esac
