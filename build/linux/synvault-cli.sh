#!/bin/sh
# `synvault` on Linux: the installed app's command line, usable without a display.
# Electron's binary sets up its display platform (X11 or Wayland) before any of the app's
# JavaScript runs, so over SSH or in CI `Synvault --cli` would die before the command line
# starts. Ozone's headless platform needs no display, and the command line opens no window.
# The deb links /usr/bin/synvault here; this file lives in the app's resources/ folder, one level
# below the binary.
set -e
self=$(readlink -f "$0")
app_dir=$(dirname "$(dirname "$self")")
# `synvault --cli list`, the spelling for the binary itself, works here too.
if [ "$1" = "--cli" ]; then
  shift
fi
# No GPU process either: there is nothing to draw.
exec "$app_dir/synvault" --ozone-platform=headless --disable-gpu --cli "$@"
