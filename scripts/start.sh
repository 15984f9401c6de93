#!/usr/bin/env bash
# `make start`: the demo portal (app on :3000, backend on :7007) and its demo data.
# PORTAL_APP_PORT and PORTAL_BACKEND_PORT move it to other ports (e.g. two portals side by
# side, each with its own data directory).
# A fresh random external-access token, known only to this run, lets the demo-data seeder
# (packages/demo-data) push SLI data through the public API; it is handed to the backend as
# configuration
# (backend.auth.externalAccess, limited to the reliability plugin's reliability.sli.write and to
# catalog.entity.read, so that its reads (the gate) see the catalog's entities: a
# token limited to the plugin alone would pass every permission check, since Backstage never
# asks the permission policy about a service) and never written down.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC1091
. .toolchain/env.sh

if [[ -z "${RELIABILITY_DEMO_TOKEN:-}" ]]; then
  RELIABILITY_DEMO_TOKEN="$(node -e "process.stdout.write(require('crypto').randomBytes(24).toString('hex'))")"
fi
export RELIABILITY_DEMO_TOKEN

app_port="${PORTAL_APP_PORT:-3000}"
backend_port="${PORTAL_BACKEND_PORT:-7007}"
if [[ "$app_port" != 3000 || "$backend_port" != 7007 ]]; then
  export APP_CONFIG_app_baseUrl="http://localhost:${app_port}"
  export APP_CONFIG_backend_baseUrl="http://localhost:${backend_port}"
  export APP_CONFIG_backend_listen_port="${backend_port}"
  export APP_CONFIG_backend_cors_origin="http://localhost:${app_port}"
fi
export APP_CONFIG_backend_auth_externalAccess="[{\"type\":\"static\",\"options\":{\"token\":\"${RELIABILITY_DEMO_TOKEN}\",\"subject\":\"reliability-demo-data\"},\"accessRestrictions\":[{\"plugin\":\"reliability\",\"permission\":[\"reliability.sli.write\",\"catalog.entity.read\"]}]}]"

node packages/demo-data/bin/demo-data --url "http://localhost:${backend_port}" ${DEMO_DATA_ARGS:-} &
seeder=$!
trap 'kill "$seeder" 2>/dev/null || true' EXIT
yarn start
