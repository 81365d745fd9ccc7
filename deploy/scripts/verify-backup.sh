#!/usr/bin/env bash
# Checks a dump made by backup-database.sh: present, not empty, recent, and restorable with every row.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

USAGE="usage: verify-backup.sh [BACKUP_FILE]

Checks BACKUP_FILE (default: the newest liyaqa_*.sql.gz in \$BACKUP_DIR): it exists, is not empty, is at
most MAX_AGE_HOURS old, is a complete gzip file, and restores into a scratch database with the same row
count in every table as its manifest recorded at backup time. The scratch database is dropped afterwards.

Environment:
  PGHOST PGPORT PGUSER PGPASSWORD   the server to restore into; it needs the roles the dump names and the
                                    right to create databases. Point it at a spare server to spare production.
  BACKUP_DIR      where to look for the newest dump (default /var/backups/liyaqa)
  MAX_AGE_HOURS   the oldest acceptable backup (default 26: a daily backup plus slack)"

handle_help "${1:-}"
[ $# -le 1 ] || usage_error

MAX_AGE_HOURS="${MAX_AGE_HOURS:-26}"
require_whole_number MAX_AGE_HOURS "$MAX_AGE_HOURS"

file="${1:-}"
if [ -z "$file" ]; then
  [ -d "$BACKUP_DIR" ] || die "Backup file missing: $BACKUP_DIR does not exist"
  file=$(find "$BACKUP_DIR" -maxdepth 1 -type f -name 'liyaqa_*.sql.gz' | sort | tail -n 1)
  [ -n "$file" ] || die "Backup file missing: no liyaqa_*.sql.gz in $BACKUP_DIR"
fi
[ -f "$file" ] || die "Backup file missing: $file"
ok "Backup file exists: $file"

[ -s "$file" ] || die "Backup file size: $file is empty"
ok "Backup file size: $(human_size "$file")"

age_hours=$((($(date +%s) - $(stat -c %Y "$file")) / 3600))
[ "$age_hours" -le "$MAX_AGE_HOURS" ] ||
  die "Backup file age: $age_hours hours, older than MAX_AGE_HOURS=$MAX_AGE_HOURS"
ok "Backup file age: $age_hours hours"

manifest=$(manifest_of "$file")
[ -f "$manifest" ] || die "Backup integrity: the row-count manifest $manifest is missing"
check_gzip "$file" || die "Backup integrity: $file is truncated or corrupt (gzip -t failed)"

scratch="liyaqa_verify_$(utc_stamp)_$$"
trap 'drop_database "$scratch" >/dev/null' EXIT
create_database "$scratch"
restore_dump "$file" "$scratch" ||
  die "Backup integrity: $file does not restore into a scratch database (errors above)"

if ! differences=$(diff "$manifest" <(row_counts "$scratch")); then
  die "Backup integrity: row counts after restore differ from the manifest (< manifest, > restored):
$differences"
fi
tables=$(wc -l <"$manifest")
rows=$(awk -F '\t' '{ sum += $2 } END { print sum + 0 }' "$manifest")
ok "Backup integrity verified ($tables tables, $rows rows restored into a scratch database)"
