#!/usr/bin/env bash
# Takes a base backup, the starting point that archived WAL is replayed onto, and prunes old ones.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

USAGE="usage: base-backup.sh

Writes \$BASE_BACKUP_DIR/liyaqa_base_YYYYMMDD_HHMMSS/ (pg_basebackup, tar format, gzip'd, with the WAL
the backup needs). Then deletes base backups older than PITR_RETENTION_DAYS, always keeping the newest,
and the archived WAL that only those could use: recovery can reach back to the oldest kept base backup.

Environment:
  PGHOST PGPORT PGUSER PGPASSWORD   a role with REPLICATION, allowed by pg_hba.conf (libpq)
  BASE_BACKUP_DIR       default \$BACKUP_DIR/base, i.e. /var/backups/liyaqa/base
  WAL_ARCHIVE_DIR       default \$BACKUP_DIR/wal
  PITR_RETENTION_DAYS   default 7"

handle_help "${1:-}"
[ $# -eq 0 ] || usage_error

BASE_BACKUP_DIR="${BASE_BACKUP_DIR:-$BACKUP_DIR/base}"
WAL_ARCHIVE_DIR="${WAL_ARCHIVE_DIR:-$BACKUP_DIR/wal}"
PITR_RETENTION_DAYS="${PITR_RETENTION_DAYS:-7}"
require_whole_number PITR_RETENTION_DAYS "$PITR_RETENTION_DAYS"

mkdir -p "$BASE_BACKUP_DIR"
name="liyaqa_base_$(utc_stamp)"
target="$BASE_BACKUP_DIR/$name"
[ ! -e "$target" ] || die "a base backup named $name already exists"
trap 'rm -rf "$target.part"' EXIT

say "Starting base backup..."
# A fast checkpoint starts the copy at once instead of after the next scheduled checkpoint.
pg_basebackup --pgdata="$target.part" --format=tar --gzip --wal-method=stream \
  --checkpoint=fast --label="$name" || die "pg_basebackup failed"
mv "$target.part" "$target"
ok "Base backup created: $target ($(human_size "$target"))"

cutoff=$(($(date +%s) - PITR_RETENTION_DAYS * 24 * 60 * 60))
mapfile -t backups < <(find "$BASE_BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -name 'liyaqa_base_*' ! -name '*.part' | sort)
kept=()
for backup in "${backups[@]:0:${#backups[@]}-1}"; do
  if [ "$(stamp_epoch "$backup")" -lt "$cutoff" ]; then
    rm -rf "$backup"
  else
    kept+=("$backup")
  fi
done
kept+=("${backups[-1]}")
say "Removed $((${#backups[@]} - ${#kept[@]})) base backup(s) older than $PITR_RETENTION_DAYS days"

# Every segment a base backup needs is finished, so archived, after the backup started; segments archived
# before the oldest kept backup's name was stamped are of no use. Timeline history files are always kept.
oldest="${kept[0]}"
if [ -d "$WAL_ARCHIVE_DIR" ]; then
  pruned=$(find "$WAL_ARCHIVE_DIR" -maxdepth 1 -type f ! -name '*.history*' \
    ! -newermt "@$(stamp_epoch "$oldest")" -print -delete | wc -l) || die "could not prune $WAL_ARCHIVE_DIR"
  say "Removed $pruned archived WAL file(s) older than $(basename "$oldest")"
fi
