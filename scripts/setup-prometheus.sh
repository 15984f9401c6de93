#!/usr/bin/env bash
# Debian's Prometheus for the tests that run against a real server. Installed here, once,
# before Jest starts: test files running in parallel must not each run apt-get.
set -euo pipefail
if [[ -x /usr/bin/prometheus && -x /usr/bin/promtool ]]; then exit 0; fi
echo "[test] installing Debian's prometheus" >&2
SUDO=""; [[ "$(id -u)" != 0 ]] && SUDO="sudo"
$SUDO apt-get update -qq
# No recommends: they would pull in (and try to start) prometheus-node-exporter.
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends prometheus >/dev/null
