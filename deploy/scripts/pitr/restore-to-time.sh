#!/usr/bin/env bash
# Point-in-time recovery: a new data directory from a base backup plus archived WAL, replayed up to a time.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

USAGE="usage: restore-to-time.sh TARGET_TIME NEW_DATA_DIR

Builds NEW_DATA_DIR from the newest base backup taken before TARGET_TIME, starts PostgreSQL on it, replays
archived WAL up to TARGET_TIME (transactions committed later are left out) and promotes it to a normal
server. TARGET_TIME is a timestamp with its zone, e.g. '2026-01-31 14:05:00+03'. The new server has
archiving off so it never writes into the archive it came from; turn it on again if it becomes the primary.

Environment:
  BASE_BACKUP_DIR   where base-backup.sh wrote (default \$BACKUP_DIR/base, i.e. /var/backups/liyaqa/base)
  BASE_BACKUP       use this base backup directory instead of choosing one
  WAL_ARCHIVE_DIR   the WAL archive (default \$BACKUP_DIR/wal)
  RESTORE_PORT      the port the new server listens on (default: the original's, so stop that first)
  RESTORE_TIMEOUT   seconds to wait for the recovery to finish (default 3600)
  PG_OS_USER        the OS account that runs the server when this script runs as root (default postgres)"

handle_help "${1:-}"
[ $# -eq 2 ] || usage_error
target_time="$1"
data_dir="$2"

BASE_BACKUP_DIR="${BASE_BACKUP_DIR:-$BACKUP_DIR/base}"
WAL_ARCHIVE_DIR="${WAL_ARCHIVE_DIR:-$BACKUP_DIR/wal}"
RESTORE_TIMEOUT="${RESTORE_TIMEOUT:-3600}"
require_whole_number RESTORE_TIMEOUT "$RESTORE_TIMEOUT"
[ -z "${RESTORE_PORT:-}" ] || require_whole_number RESTORE_PORT "$RESTORE_PORT"
if [[ "$target_time" == *"'"* ]] || ! target_epoch=$(date -d "$target_time" +%s 2>/dev/null); then
  die "TARGET_TIME is not a timestamp: $target_time"
fi
[ -d "$WAL_ARCHIVE_DIR" ] || die "WAL archive missing: $WAL_ARCHIVE_DIR"
[ ! -e "$data_dir" ] || [ -z "$(ls -A "$data_dir")" ] || die "$data_dir exists and is not empty"

base="${BASE_BACKUP:-}"
if [ -z "$base" ]; then
  while IFS= read -r candidate; do
    [ "$(stamp_epoch "$candidate")" -le "$target_epoch" ] && base="$candidate"
  done < <(find "$BASE_BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name 'liyaqa_base_*' ! -name '*.part' 2>/dev/null | sort)
  [ -n "$base" ] || die "no base backup in $BASE_BACKUP_DIR was taken before $target_time"
fi
[ -f "$base/base.tar.gz" ] || die "not a base backup made by base-backup.sh: $base"
extra=$(find "$base" -maxdepth 1 -name '*.tar.gz' ! -name base.tar.gz ! -name pg_wal.tar.gz)
[ -z "$extra" ] || die "$base holds tablespaces ($extra), which this script does not restore"
say "Restoring $base up to $target_time into $data_dir..."

mkdir -p "$data_dir"
chmod 700 "$data_dir"
tar -xzf "$base/base.tar.gz" -C "$data_dir"
if [ -f "$base/pg_wal.tar.gz" ]; then
  tar -xzf "$base/pg_wal.tar.gz" -C "$data_dir/pg_wal"
fi
[ -f "$data_dir/postgresql.conf" ] ||
  die "$base has no postgresql.conf: its server keeps its configuration outside the data directory, which this script does not handle"

# Settings appended last win over the backed-up ones.
{
  printf '\n# Point-in-time recovery by restore-to-time.sh\n'
  printf "restore_command = 'test -f %s/%%f.gz && gunzip -c %s/%%f.gz > \"%%p\"'\n" "$WAL_ARCHIVE_DIR" "$WAL_ARCHIVE_DIR"
  printf "recovery_target_time = '%s'\n" "$target_time"
  printf "recovery_target_action = 'promote'\n"
  printf "archive_mode = 'off'\n"
  if [ -n "${RESTORE_PORT:-}" ]; then
    printf 'port = %s\n' "$RESTORE_PORT"
  fi
} >>"$data_dir/postgresql.auto.conf"
touch "$data_dir/recovery.signal"
if [ "$(id -u)" -eq 0 ]; then
  chown -R "$PG_OS_USER:" "$data_dir"
fi

bin=$(pg_bindir "$(cat "$data_dir/PG_VERSION")")
log="$data_dir/restore.log"
as_pg_user "$bin/pg_ctl" --pgdata="$data_dir" --log="$log" --wait --timeout="$RESTORE_TIMEOUT" start >/dev/null ||
  die "the server did not start; its log ($log) ends with:
$(tail -n 20 "$log")"

# The server accepts read-only connections while it replays; it is done once promoted.
deadline=$((SECONDS + RESTORE_TIMEOUT))
until LC_ALL=C "$bin/pg_controldata" "$data_dir" | grep -q '^Database cluster state: *in production'; do
  as_pg_user "$bin/pg_ctl" --pgdata="$data_dir" status >/dev/null ||
    die "recovery stopped; the server's log ($log) ends with:
$(tail -n 20 "$log")"
  [ "$SECONDS" -lt "$deadline" ] || die "recovery did not finish within $RESTORE_TIMEOUT s; see $log"
  sleep 0.5
done
ok "Recovered to $target_time and promoted: $data_dir (log: $log)"
