#!/usr/bin/env bash
# Makes the local PostgreSQL ready for Grounded's postgres profile and its integration tests:
# starts the cluster, builds pgvector from Debian's trixie source package when it is missing,
# and creates the database with the vector extension. Every step is skipped when already done.
set -euo pipefail

PG_MAJOR=${PG_MAJOR:-$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)}
PG_CONFIG=/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config
DB_NAME=${GROUNDED_PG_DATABASE:-grounded_test}
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

log() { echo "[setup-postgres] $*"; }

[ -n "$PG_MAJOR" ] || { log "no PostgreSQL cluster under /etc/postgresql"; exit 1; }

# 1. The server.
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  log "starting PostgreSQL ${PG_MAJOR}"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432

# 2. pgvector, built from Debian's own source package (not packaged for this release).
sharedir=$("$PG_CONFIG" --sharedir 2>/dev/null || echo "/usr/share/postgresql/${PG_MAJOR}")
if [ -f "$sharedir/extension/vector.control" ]; then
  log "pgvector already installed"
else
  src_list=/etc/apt/sources.list.d/grounded-trixie-src.sources
  if [ ! -f "$src_list" ]; then
    # Same mirror and key as the system's own Debian entry; only the type and suite differ.
    sys=/etc/apt/sources.list.d/debian.sources
    uri=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' "$sys")
    key=$(awk '/^Signed-By:/ {print $2; exit}' "$sys")
    [ -n "$uri" ] || { log "cannot derive the Debian mirror from $sys"; exit 1; }
    log "adding deb-src for trixie from $sys"
    printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: %s\n' "$uri" "$key" | $SUDO tee "$src_list" >/dev/null
  fi
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-server-dev-${PG_MAJOR}" build-essential dpkg-dev >/dev/null
  work=$(mktemp -d)
  (cd "$work" && apt-get source -qq pgvector >/dev/null 2>&1)
  dir=$(find "$work" -maxdepth 1 -type d -name 'pgvector-*' | head -1)
  [ -n "$dir" ] || { log "apt-get source pgvector gave no source tree"; exit 1; }
  log "building $(basename "$dir")"
  make -s -C "$dir" PG_CONFIG="$PG_CONFIG" >/dev/null
  $SUDO make -s -C "$dir" PG_CONFIG="$PG_CONFIG" install >/dev/null
  rm -rf "$work"
fi

# 3. The database and the extension.
psql_admin() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_admin -d postgres -c "select 1 from pg_database where datname='${DB_NAME}'")" != 1 ]; then
  log "creating database ${DB_NAME}"
  psql_admin -d postgres -c "create database ${DB_NAME}"
fi
psql_admin -d "$DB_NAME" -c "create extension if not exists vector"
log "ready: postgresql://postgres@127.0.0.1:5432/${DB_NAME} with vector $(psql_admin -d "$DB_NAME" -c "select extversion from pg_extension where extname='vector'")"
