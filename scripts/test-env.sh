#!/usr/bin/env bash
# Sourced by `make test` and .ci/run: points the storage tests at the local PostgreSQL when one
# answers on 127.0.0.1:5432 and no connection string is set yet. The variable name carries the
# server's major version, as @backstage/backend-test-utils' TestDatabases expects.
if ! env | grep -q '^BACKSTAGE_TEST_DATABASE_POSTGRES[0-9]*_CONNECTION_STRING='; then
  if command -v psql >/dev/null 2>&1 &&
    major=$(psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -tAc 'SHOW server_version_num' 2>/dev/null); then
    major=$((major / 10000))
    export "BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432"
    echo "[test] PostgreSQL ${major} on 127.0.0.1:5432 for the storage tests" >&2
  else
    echo "[test] NOTICE: no PostgreSQL on 127.0.0.1:5432: the PostgreSQL storage cases will be SKIPPED" >&2
  fi
fi
