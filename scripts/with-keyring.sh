#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring (a real Secret
# Service), under a throw-away HOME so the developer's own keyring is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
khome=$(mktemp -d)
trap 'rm -rf "$khome"' EXIT
HOME="$khome" dbus-run-session -- sh -c 'echo fota-test-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' sh "$@" \
  2> >(grep -v 'Failed to set fd limit' >&2)
