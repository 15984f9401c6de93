#!/usr/bin/env bash
# Debian's Chromium for the browser journeys (@playwright/test drives it through
# launchOptions.executablePath in playwright.config.ts; no browser is ever downloaded).
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then exit 0; fi
echo "[e2e] installing Debian's chromium" >&2
SUDO=""; [[ "$(id -u)" != 0 ]] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
