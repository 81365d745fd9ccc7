# shellcheck shell=bash
# Shared by the backup scripts (sourced, never run). Connection settings come from libpq's variables:
# PGHOST, PGPORT, PGUSER, PGPASSWORD (or ~/.pgpass) and PGDATABASE, which defaults to liyaqa.

export PGDATABASE="${PGDATABASE:-liyaqa}"
BACKUP_DIR="${BACKUP_DIR:-/var/backups/liyaqa}"
# Where CREATE/DROP DATABASE run from.
MAINTENANCE_DB="${MAINTENANCE_DB:-postgres}"
# The OS account of the server: files it must own and pg_ctl run as it when a script runs as root.
PG_OS_USER="${PG_OS_USER:-postgres}"

# Exact row counts of every table outside the system schemas, as "schema.table<TAB>count" lines.
# query_to_xml runs one count(*) per table inside a single statement, so a read-only snapshot works.
ROW_COUNTS_SQL="SELECT format('%I.%I', n.nspname, c.relname),
       (xpath('/row/n/text()',
              query_to_xml(format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg_toast%'
ORDER BY n.nspname, c.relname;"

say() { printf '%s\n' "$*"; }
ok() { printf '✓ %s\n' "$*"; }
die() {
  printf '✗ %s\n' "$*" >&2
  exit 1
}

usage_error() {
  printf '%s\n' "$USAGE" >&2
  exit 2
}

# Prints $USAGE and exits 0 for -h/--help; anything else that starts with a dash is a usage error.
handle_help() {
  case "${1:-}" in
    -h | --help) say "$USAGE"; exit 0 ;;
    -*) printf 'unknown option: %s\n' "$1" >&2; usage_error ;;
  esac
}

require_whole_number() { # NAME VALUE
  [[ "$2" =~ ^[0-9]+$ ]] || die "$1 must be a whole number, not '$2'"
}

psql_run() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# Query results as bare tab-separated rows.
psql_rows() { psql_run -A -t -F $'\t' "$@"; }

psql_value() { # DB SQL
  psql_rows -d "$1" -c "$2"
}

row_counts() { # DB
  psql_rows -d "$1" -c 'SET row_security = off' -c "$ROW_COUNTS_SQL"
}

# Backups are named liyaqa[_kind]_YYYYMMDD_HHMMSS, in UTC, so they sort by time.
utc_stamp() { date -u +%Y%m%d_%H%M%S; }

stamp_epoch() { # NAME: the Unix time of the UTC stamp at the end of a backup's name
  local stamp
  stamp=$(basename "$1")
  stamp="${stamp%%.*}"
  stamp="${stamp: -15}"
  [[ "$stamp" =~ ^[0-9]{8}_[0-9]{6}$ ]] || die "no timestamp in backup name: $1"
  date -u -d "${stamp:0:4}-${stamp:4:2}-${stamp:6:2} ${stamp:9:2}:${stamp:11:2}:${stamp:13:2}" +%s
}

human_size() { du -sh --apparent-size "$1" | cut -f1; }

# A dump's companion file: the row counts taken from the snapshot the dump was made from.
manifest_of() { printf '%s.rowcounts.tsv' "${1%.sql.gz}"; }

quote_ident() { printf '"%s"' "${1//\"/\"\"}"; }

database_exists() { # DB
  [ "$(psql_value "$MAINTENANCE_DB" "SELECT 1 FROM pg_database WHERE datname = '${1//\'/\'\'}'")" = 1 ]
}

# True when DB holds no tables, views, sequences or other relations of its own.
database_is_empty() { # DB
  [ "$(psql_value "$1" "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'")" = 0 ]
}

create_database() { # DB
  psql_run -d "$MAINTENANCE_DB" -c "CREATE DATABASE $(quote_ident "$1") TEMPLATE template0 ENCODING 'UTF8'"
}

drop_database() { # DB
  psql_run -d "$MAINTENANCE_DB" -c "DROP DATABASE IF EXISTS $(quote_ident "$1") WITH (FORCE)"
}

# psql would commit whatever a truncated stream held, so the whole file is checked before restoring.
check_gzip() { gzip -t "$1" 2>/dev/null; }

# The roles a Liyaqa dump grants to; a new server lacks them, and the API gives them logins and passwords at start.
ensure_liyaqa_roles() {
  psql_run -d "$MAINTENANCE_DB" -c "DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'liyaqa_dispatcher') THEN CREATE ROLE liyaqa_dispatcher NOLOGIN NOBYPASSRLS; END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'liyaqa_app') THEN CREATE ROLE liyaqa_app NOLOGIN NOBYPASSRLS; END IF;
  END \$\$" >/dev/null
}

restore_dump() { # FILE DB: in one transaction, so a failed restore leaves DB as it was
  gunzip -c "$1" | psql_run --single-transaction -d "$2" >/dev/null
}

# The server programs (pg_ctl, pg_controldata) of PostgreSQL major VERSION, or of the newest installed.
pg_bindir() { # [VERSION]
  local dir
  if [ -n "${PG_BINDIR:-}" ]; then
    printf '%s' "$PG_BINDIR"
  elif [ -n "${1:-}" ] && [ -x "/usr/lib/postgresql/$1/bin/pg_ctl" ]; then
    printf '%s' "/usr/lib/postgresql/$1/bin"
  elif dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -n 1) && [ -n "$dir" ]; then
    printf '%s' "$dir"
  elif dir=$(command -v pg_ctl); then
    dirname "$dir"
  else
    die "PostgreSQL's server programs are not installed (set PG_BINDIR)"
  fi
}

# Runs a command as the server's OS account: PostgreSQL refuses to run as root.
as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$PG_OS_USER" -- "$@"
  else
    "$@"
  fi
}
