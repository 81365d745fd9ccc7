#!/usr/bin/env bash
# Dumps the database to $BACKUP_DIR/liyaqa_YYYYMMDD_HHMMSS.sql.gz with its row-count manifest, removes
# dumps older than the retention period and, when S3_BUCKET is set, uploads the new pair.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

USAGE="usage: backup-database.sh

Writes a gzip-compressed plain SQL dump of \$PGDATABASE (default liyaqa) and, beside it, the exact row count
of every table taken from the same snapshot (what verify-backup.sh checks a restore against).

Environment:
  PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE   connection (libpq); the user must bypass row-level security
  BACKUP_DIR       where dumps go (default /var/backups/liyaqa)
  RETENTION_DAYS   dumps older than this many days are deleted (default 30)
  S3_BUCKET        when set, each new dump is copied to s3://\$S3_BUCKET/\$S3_PREFIX with the aws CLI
  S3_PREFIX        key prefix in the bucket, e.g. 'daily/' (default none)"

handle_help "${1:-}"
[ $# -eq 0 ] || usage_error

RETENTION_DAYS="${RETENTION_DAYS:-30}"
require_whole_number RETENTION_DAYS "$RETENTION_DAYS"

mkdir -p "$BACKUP_DIR"
name="liyaqa_$(utc_stamp)"
dump="$BACKUP_DIR/$name.sql.gz"
manifest=$(manifest_of "$dump")
[ ! -e "$dump" ] || die "a backup named $name already exists"

work=$(mktemp -d)
trap 'rm -rf "$work" "$dump.part" "$manifest.part"' EXIT

say "Starting backup of $PGDATABASE database..."

# One session holds a repeatable-read snapshot open: pg_dump joins it and the row counts are read in it,
# so the manifest describes exactly the rows in the dump even while the application keeps writing.
mkfifo "$work/in" "$work/out"
psql_rows -d "$PGDATABASE" <"$work/in" >"$work/out" &
session=$!
exec {to_session}>"$work/in" {from_session}<"$work/out"
printf '%s\n' 'SET row_security = off;' \
  'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;' \
  'SELECT pg_export_snapshot();' >&"$to_session"
read -r -t 60 snapshot <&"$from_session" || die "could not open a snapshot in database $PGDATABASE"

pg_dump --snapshot="$snapshot" --format=plain | gzip >"$dump.part" || die "pg_dump of $PGDATABASE failed"

printf '%s\nCOMMIT;\n' "$ROW_COUNTS_SQL" >&"$to_session"
exec {to_session}>&-
cat <&"$from_session" >"$manifest.part"
wait "$session" || die "could not count the rows of $PGDATABASE"

mv "$manifest.part" "$manifest"
mv "$dump.part" "$dump"
say "Backup created: $dump"
say "Backup size: $(human_size "$dump")"

removed=$(find "$BACKUP_DIR" -maxdepth 1 -type f \( -name 'liyaqa_*.sql.gz' -o -name 'liyaqa_*.rowcounts.tsv' \) \
  -mmin +$((RETENTION_DAYS * 24 * 60)) -print -delete | wc -l) || die "could not delete old dumps in $BACKUP_DIR"
say "Removed $removed file(s) older than $RETENTION_DAYS days"

if [ -n "${S3_BUCKET:-}" ]; then
  command -v aws >/dev/null ||
    die "S3_BUCKET is set but the aws CLI is not installed: the dump was kept only in $BACKUP_DIR"
  printf 'Uploading to S3... '
  for file in "$dump" "$manifest"; do
    aws s3 cp --only-show-errors "$file" "s3://$S3_BUCKET/${S3_PREFIX:-}$(basename "$file")" ||
      die "upload of $file to s3://$S3_BUCKET failed: the dump was kept only in $BACKUP_DIR"
  done
  say "Done"
fi

ok "Backup completed successfully"
