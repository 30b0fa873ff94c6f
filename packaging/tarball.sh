#!/bin/sh
# Pack dist/spandesk into dist/spandesk-VERSION-linux-x86_64.tar.gz (make dist): one folder
# holding the app, install.sh, uninstall.sh and README.md (the README's "Install for
# annotators" section).
#   packaging/tarball.sh VERSION
set -eu
cd "$(dirname "$0")/.."
NAME="spandesk-$1-linux-$(uname -m)"
STAGE="dist/$NAME"
[ -x dist/spandesk/spandesk ] || { echo "tarball.sh: build dist/spandesk first (make dist)" >&2; exit 1; }
rm -rf "$STAGE" "$STAGE.tar.gz"
mkdir -p "$STAGE"
cp -al dist/spandesk "$STAGE/spandesk"  # hard links: no second copy of 240 MB
cp packaging/install.sh packaging/uninstall.sh "$STAGE/"
awk '/^## Install for annotators/ {on = 1} on && /^## / && !/^## Install for annotators/ {exit} on' README.md \
  | sed 's/^## /# Spandesk: /' > "$STAGE/README.md"
[ -s "$STAGE/README.md" ] || { echo "tarball.sh: README.md has no '## Install for annotators' section" >&2; exit 1; }
tar -C dist --owner=0 --group=0 -czf "$STAGE.tar.gz" "$NAME"
rm -rf "$STAGE"
echo "$STAGE.tar.gz: $(du -h "$STAGE.tar.gz" | cut -f1) packed, $(du -sh dist/spandesk | cut -f1) unpacked"
