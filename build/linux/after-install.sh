#!/bin/sh
# deb post-install (electron-builder deb.afterInstall). electron-builder fills in the two
# dollar-brace macros for the executable and the install folder when it packages, and any other
# dollar-brace word would stop the build: shell variables here are written without braces.
# This replaces electron-builder's default script, so it does that script's jobs as well.
set -e
app='/opt/${sanitizedProductName}'
launcher="$app/resources/synvault-cli.sh"

# `synvault` on the PATH is the command line (see synvault-cli.sh); the desktop entry starts the
# window from the install folder, not through this link.
chmod 0755 "$launcher"
ln -sf "$launcher" '/usr/bin/${executable}'

# Chromium's sandbox helper needs SUID root only where unprivileged user namespaces are missing.
if [ -L /proc/self/ns/user ] && unshare --user true 2>/dev/null; then
  chmod 0755 "$app/chrome-sandbox" || true
else
  chmod 4755 "$app/chrome-sandbox" || true
fi

if command -v update-mime-database >/dev/null 2>&1; then
  update-mime-database /usr/share/mime || true
fi
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database /usr/share/applications || true
fi

# Ubuntu 24.04+ lets a program create user namespaces (Chromium's sandbox) only with an AppArmor
# profile; electron-builder ships one in resources/. Older AppArmor that cannot parse it is left
# alone, and a chroot (image building) gets the file but no live reload.
profile_src="$app/resources/apparmor-profile"
profile_dst='/etc/apparmor.d/${executable}'
if [ -f "$profile_src" ] && apparmor_status --enabled >/dev/null 2>&1; then
  if apparmor_parser --skip-kernel-load --debug "$profile_src" >/dev/null 2>&1; then
    cp -f "$profile_src" "$profile_dst"
    if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; } && command -v apparmor_parser >/dev/null 2>&1; then
      apparmor_parser --replace --write-cache --skip-read-cache "$profile_dst" || true
    fi
  else
    echo "Synvault: this AppArmor cannot parse the bundled profile; skipping it."
  fi
fi
