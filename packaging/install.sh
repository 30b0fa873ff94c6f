#!/bin/sh
# Install Spandesk for the current user, from the unpacked tarball: no root, no network.
#   the app:        ~/.local/opt/spandesk/
#   the launcher:   ~/.local/bin/spandesk -> ~/.local/opt/spandesk/spandesk
#   the menu entry: ~/.local/share/applications/spandesk.desktop, icons in ~/.local/share/icons/hicolor/
# Running it again upgrades in place. Your projects and settings live elsewhere
# (~/.local/share/spandesk/, ~/.config/spandesk/) and are never touched.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
SRC="$HERE/spandesk"
OPT="$HOME/.local/opt/spandesk"
BIN="$HOME/.local/bin"
SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
RES="$SRC/_internal/resources"

[ -x "$SRC/spandesk" ] || { echo "install.sh: $SRC/spandesk not found; run me from the unpacked tarball" >&2; exit 1; }

# The libraries inside need glibc 2.35 or newer: Qt 6 needs 2.34, and the Python of a bundle
# built on Debian 12 needs 2.35 (Ubuntu 22.04, Debian 12, Fedora 36, RHEL 10 and later).
NEED=2.35
glibc=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')
if [ -n "$glibc" ] && [ "$(printf '%s\n%s\n' "$glibc" "$NEED" | sort -V | head -1)" != "$NEED" ]; then
  echo "install.sh: this system has glibc $glibc; Spandesk needs $NEED or newer" >&2
  exit 1
fi

# Copy beside the old version, then swap: an interrupted install leaves the old one working.
mkdir -p "$(dirname "$OPT")" "$BIN" "$SHARE/applications"
rm -rf "$OPT.new" "$OPT.old"
cp -R "$SRC" "$OPT.new"
cp "$HERE/uninstall.sh" "$OPT.new/uninstall.sh"
[ -d "$OPT" ] && mv "$OPT" "$OPT.old"
mv "$OPT.new" "$OPT"
rm -rf "$OPT.old"

ln -sfn "$OPT/spandesk" "$BIN/spandesk"

# The menu entry names the executable by its full path: ~/.local/bin is not on every
# desktop session's PATH.
sed -e "s|^Exec=.*|Exec=$OPT/spandesk|" -e "s|^TryExec=.*|TryExec=$OPT/spandesk|" \
  "$RES/spandesk.desktop" > "$SHARE/applications/spandesk.desktop"
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "$SHARE/icons/hicolor/${size}x${size}/apps"
  cp "$RES/icons/spandesk-$size.png" "$SHARE/icons/hicolor/${size}x${size}/apps/spandesk.png"
done
mkdir -p "$SHARE/icons/hicolor/scalable/apps"
cp "$RES/icons/spandesk.svg" "$SHARE/icons/hicolor/scalable/apps/spandesk.svg"

# Let running desktops notice the new entry and icons now rather than at next login (a
# changed folder time is what icon themes watch; a cache file of our own could go stale).
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$SHARE/applications" 2>/dev/null || true
touch "$SHARE/icons/hicolor"

echo "Spandesk is installed in $OPT"
echo "Start it from your applications menu, or run: spandesk"
case ":$PATH:" in
  *":$BIN:"*) ;;
  *) echo "($BIN is not on your PATH: run $BIN/spandesk, or add it to PATH)" ;;
esac
echo "Your projects are kept in ${XDG_DATA_HOME:-$HOME/.local/share}/spandesk/; to remove the app: $OPT/uninstall.sh"
