#!/usr/bin/env bash
# System packages the end-to-end suite needs that npm cannot bring: Debian's Chromium (driven by
# playwright-core with executablePath /usr/bin/chromium; no browser download), plus the toolchain
# node-gyp needs to rebuild n8n's native modules (sqlite3) from source. Safe to run again: it only
# calls apt-get when something is missing.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v make >/dev/null 2>&1 || missing+=(make)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
# Fonts so that the editor's screenshots show text instead of boxes.
dpkg -s fonts-liberation >/dev/null 2>&1 || missing+=(fonts-liberation)

if [ "${#missing[@]}" -eq 0 ]; then
	echo "install-system-deps: nothing to install ($(chromium --version 2>/dev/null || echo chromium))"
	exit 0
fi

echo "install-system-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-system-deps: done ($(chromium --version))"
