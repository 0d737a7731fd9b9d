#!/bin/sh
# deb post-remove (electron-builder deb.afterRemove): undoes after-install.sh. It also runs during
# an upgrade, before the new version's post-install puts the link back. See after-install.sh for
# why shell variables here have no braces.
link='/usr/bin/${executable}'
# Only our own link: anything else someone put at that path stays.
if [ -L "$link" ] && [ "$(readlink "$link")" = '/opt/${sanitizedProductName}/resources/synvault-cli.sh' ]; then
  rm -f "$link"
fi

profile='/etc/apparmor.d/${executable}'
if [ -f "$profile" ]; then
  if apparmor_status --enabled >/dev/null 2>&1 && ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; } && command -v apparmor_parser >/dev/null 2>&1; then
    apparmor_parser --remove "$profile" || true
  fi
  rm -f "$profile"
fi
