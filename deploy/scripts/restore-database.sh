#!/usr/bin/env bash
# Restores a dump made by backup-database.sh into a database, refusing to replace one that has tables.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

USAGE="usage: restore-database.sh [--force] BACKUP_FILE [TARGET_DB]

Restores BACKUP_FILE into TARGET_DB (default \$PGDATABASE, else liyaqa), creating it if missing. A target
that already has tables is only replaced with --force (or RESTORE_FORCE=1): the dump is then restored into
a new database first, and the old one is dropped and the new one renamed only once that succeeded.
Stop the API first. The roles the dump grants to (liyaqa_app, liyaqa_dispatcher) are created when missing;
the API gives liyaqa_app its login and password when it starts.

Environment:
  PGHOST PGPORT PGUSER PGPASSWORD   the server to restore into (libpq)
  RESTORE_FORCE=1                   the same as --force"

force="${RESTORE_FORCE:-0}"
positional=()
for arg in "$@"; do
  if [ "$arg" = --force ]; then
    force=1
  else
    handle_help "$arg"
    positional+=("$arg")
  fi
done
set -- "${positional[@]}"
[ $# -ge 1 ] || usage_error
[ $# -le 2 ] || usage_error

file="$1"
target="${2:-$PGDATABASE}"
[ -f "$file" ] || die "Backup file missing: $file"
check_gzip "$file" || die "$file is truncated or corrupt (gzip -t failed): nothing was restored"

say "Restoring $file into database $target..."
ensure_liyaqa_roles
if ! database_exists "$target"; then
  create_database "$target"
fi

if database_is_empty "$target"; then
  restore_dump "$file" "$target" || die "restore failed (errors above): $target was left empty"
else
  [ "$force" = 1 ] || die "database $target already has tables: pass --force to replace it"
  staging="${target}_restore_$$"
  create_database "$staging"
  if ! restore_dump "$file" "$staging"; then
    drop_database "$staging" >/dev/null
    die "restore failed (errors above): $target was left as it was"
  fi
  drop_database "$target"
  psql_run -d "$MAINTENANCE_DB" -c "ALTER DATABASE $(quote_ident "$staging") RENAME TO $(quote_ident "$target")"
fi

ok "Database $target restored from $file"
