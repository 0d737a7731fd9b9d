# Unlocks the login keyring of the running gnome-keyring-daemon on this session bus with its
# password (read from stdin), the way a login does: through gnome-keyring's own unlock call, on
# one connection (a Secret Service session belongs to the connection that opened it).
# Test helper only; needs python3-gi (Debian).
import sys
from gi.repository import Gio, GLib

bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
opened = bus.call_sync('org.freedesktop.secrets', '/org/freedesktop/secrets', 'org.freedesktop.Secret.Service', 'OpenSession',
                       GLib.Variant('(sv)', ('plain', GLib.Variant('s', ''))), GLib.VariantType('(vo)'), Gio.DBusCallFlags.NONE, 10000, None)
session = opened.unpack()[1]
password = sys.stdin.read().encode()
bus.call_sync('org.freedesktop.secrets', '/org/freedesktop/secrets', 'org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface', 'UnlockWithMasterPassword',
              GLib.Variant('(o(oayays))', ('/org/freedesktop/secrets/collection/login', (session, b'', password, 'text/plain'))),
              None, Gio.DBusCallFlags.NONE, 10000, None)
