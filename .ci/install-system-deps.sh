#!/usr/bin/env bash
# System packages the end-to-end suites need that npm cannot bring: Debian's Chromium (driven by
# playwright-core with executablePath /usr/bin/chromium; no browser download), the toolchain
# node-gyp needs to rebuild n8n's native modules (sqlite3) from source, and for the queue-mode suite
# (test/e2e-queue) PostgreSQL, Redis and nginx, which it runs itself on throwaway folders and free
# ports. Safe to run again: it only calls apt-get when something is missing.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v make >/dev/null 2>&1 || missing+=(make)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
# Fonts so that the editor's screenshots show text instead of boxes.
dpkg -s fonts-liberation >/dev/null 2>&1 || missing+=(fonts-liberation)
# Queue mode: n8n's database, its Bull queue, and the load balancer in front of the webhook processes.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || missing+=(nginx)

if [ "${#missing[@]}" -eq 0 ]; then
	echo "install-system-deps: nothing to install ($(chromium --version 2>/dev/null || echo chromium))"
	exit 0
fi

echo "install-system-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# The suites start their own PostgreSQL, Redis and nginx; keep the packages from starting the stock
# services (Debian's policy-rc.d convention) unless the machine already has such a policy.
policy_added=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
	printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
	$SUDO chmod +x /usr/sbin/policy-rc.d
	policy_added=yes
fi
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
if [ -n "$policy_added" ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi
echo "install-system-deps: done ($(chromium --version))"
