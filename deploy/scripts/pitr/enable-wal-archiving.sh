#!/usr/bin/env bash
# Turns on continuous WAL archiving (ALTER SYSTEM), the half of point-in-time recovery that runs all the time.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

USAGE="usage: enable-wal-archiving.sh

Run on the database host, as root or the server's OS account. Sets archive_mode, archive_command
(each finished WAL segment gzip'd into \$WAL_ARCHIVE_DIR) and archive_timeout, and wal_level=replica if it
was minimal. archive_mode and wal_level take effect when the server restarts; the script says when one is due.

Environment:
  PGHOST PGPORT PGUSER PGPASSWORD   a superuser connection (libpq)
  WAL_ARCHIVE_DIR   the archive, the same path for the server and these scripts
                    (default \$BACKUP_DIR/wal, i.e. /var/backups/liyaqa/wal); keep a copy off the host
  ARCHIVE_TIMEOUT   longest wait before a partly filled segment is archived, the RPO (default 60s)
  PG_OS_USER        the server's OS account, owner of the archive (default postgres)"

handle_help "${1:-}"
[ $# -eq 0 ] || usage_error

WAL_ARCHIVE_DIR="${WAL_ARCHIVE_DIR:-$BACKUP_DIR/wal}"
ARCHIVE_TIMEOUT="${ARCHIVE_TIMEOUT:-60s}"
# The path goes into a shell command inside a configuration string: keep it to plain characters.
[[ "$WAL_ARCHIVE_DIR" =~ ^/[A-Za-z0-9._/-]+$ ]] ||
  die "WAL_ARCHIVE_DIR must be an absolute path of letters, digits, '.', '_', '-' and '/': $WAL_ARCHIVE_DIR"

mkdir -p "$WAL_ARCHIVE_DIR"
chmod 700 "$WAL_ARCHIVE_DIR"
if [ "$(id -u)" -eq 0 ]; then
  chown "$PG_OS_USER:" "$WAL_ARCHIVE_DIR"
fi

# Never overwrite a segment already archived; write under a temporary name so a crash leaves no half file.
archive_command="test ! -f $WAL_ARCHIVE_DIR/%f.gz && gzip -c %p > $WAL_ARCHIVE_DIR/%f.gz.part && mv $WAL_ARCHIVE_DIR/%f.gz.part $WAL_ARCHIVE_DIR/%f.gz"

psql_run -d "$MAINTENANCE_DB" -v archive_command="$archive_command" -v archive_timeout="$ARCHIVE_TIMEOUT" <<'SQL'
SELECT current_setting('wal_level') = 'minimal' AS wal_level_minimal \gset
\if :wal_level_minimal
ALTER SYSTEM SET wal_level = 'replica';
\endif
ALTER SYSTEM SET archive_mode = 'on';
ALTER SYSTEM SET archive_command = :'archive_command';
ALTER SYSTEM SET archive_timeout = :'archive_timeout';
-- \gset stores the result instead of printing it
SELECT pg_reload_conf() \gset
SQL
ok "WAL archiving configured: finished segments go to $WAL_ARCHIVE_DIR"
ok "archive_timeout = $ARCHIVE_TIMEOUT: at most that much committed work is only in the server's own WAL"

if [ "$(psql_value "$MAINTENANCE_DB" "SELECT current_setting('archive_mode') = 'off' OR current_setting('wal_level') = 'minimal'")" = t ]; then
  say "Restart PostgreSQL now: archiving starts with the next start (archive_mode, wal_level)."
fi
