#!/bin/sh
# Remove Spandesk as install.sh put it in ~/.local. Your projects and settings stay, unless
# you pass --purge: then ~/.local/share/spandesk/ (the databases) and ~/.config/spandesk/ go too.
set -eu

OPT="$HOME/.local/opt/spandesk"
BIN="$HOME/.local/bin/spandesk"
SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
DATA="$SHARE/spandesk"
CONFIG="${XDG_CONFIG_HOME:-$HOME/.config}/spandesk"

# The launcher goes only if it is ours (a link into the installed app).
if [ -L "$BIN" ] && [ "$(readlink "$BIN")" = "$OPT/spandesk" ]; then
  rm -f "$BIN"
fi
rm -f "$SHARE/applications/spandesk.desktop"
for dir in "$SHARE"/icons/hicolor/*/apps; do
  rm -f "$dir/spandesk.png" "$dir/spandesk.svg"
done
rm -rf "$OPT" "$OPT.new" "$OPT.old"

command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$SHARE/applications" 2>/dev/null || true
[ -d "$SHARE/icons/hicolor" ] && touch "$SHARE/icons/hicolor"

if [ "${1:-}" = "--purge" ]; then
  rm -rf "$DATA" "$CONFIG"
  echo "Spandesk, its projects ($DATA) and its settings ($CONFIG) are removed."
else
  echo "Spandesk is removed. Your projects are still in $DATA and your settings in $CONFIG"
  echo "(run this script with --purge to remove them too)."
fi
