#!/usr/bin/env bash
# Installs what factum needs and is missing: Debian packages listed in
# tools/deps-apt.txt (apt-get, as root or via sudo) and the npm packages of
# package.json (into ./node_modules). Quiet when everything is there.
set -eu
cd "$(dirname "$0")/.."
missing=()
# a line is "package" or "package command": a package whose command is already
# on the PATH (node and npm often come from elsewhere than Debian) is not installed
while read -r p cmd; do
    [ -z "$p" ] || [ "${p#\#}" != "$p" ] && continue
    [ -n "${cmd:-}" ] && command -v "$cmd" >/dev/null 2>&1 && continue
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done < tools/deps-apt.txt
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing Debian packages: ${missing[*]}"
    SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ -f package.json ] && { [ ! -d node_modules ] || [ package.json -nt node_modules ]; }; then
    echo "installing npm packages"
    npm install --no-audit --no-fund --loglevel=error >/dev/null
    touch node_modules
fi
