#!/usr/bin/env bash
# Liyaqa's two entry points:
#   ./build.sh run    start the platform (dotnet run --project src/Liyaqa.AppHost)
#   ./build.sh test   build and run every test, then print one summary line
# Both first make sure PostgreSQL 15+ and redis-server are installed (apt-get on Debian/Ubuntu).
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

run_tests() {
  local log
  log=$(mktemp)
  local status=0
  dotnet test Liyaqa.sln --configuration Release 2>&1 | tee "$log" || status=$?
  # One line for the whole run, summed over the test assemblies.
  grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' |
    awk '{f+=$1; p+=$2; s+=$3} END {printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s}'
  rm -f "$log"
  return $status
}

case "${1:-}" in
  run)
    ensure_prerequisites
    shift
    exec dotnet run --project src/Liyaqa.AppHost "$@"
    ;;
  test)
    ensure_prerequisites
    run_tests
    ;;
  *)
    echo "usage: ./build.sh run | test" >&2
    exit 2
    ;;
esac
