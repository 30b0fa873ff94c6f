"""The light palette's cached colours (look/theme.py's `palette_record`) reach the settings
file as soon as the look is finished: a process ended before its event loop turns again
(killed, or the smoke test's quick exit) must not leave the next start without the cache,
which would build QStyle's enums before the first paint again."""

import os
import subprocess
import sys

from tests.helpers import ROOT

_FINISH_THEN_EXIT = """
import os, sys
from desktop.ui import app
from desktop.ui.settings import Settings
settings = Settings(sys.argv[1])
qapp = app.make_app([], settings=settings)
app.finish_look(settings)
os._exit(0)  # no event loop, no QSettings destructor: only what was written by now survives
"""


def test_finishing_the_look_writes_the_palette_cache_at_once(tmp_path):
    ini = tmp_path / "settings.ini"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "SPANDESK_"))}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", _FINISH_THEN_EXIT, str(ini)], env=env, capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert ini.is_file() and "fusion_palette=" in ini.read_text(), done.stderr[-2000:]

    from desktop.ui.look import theme
    from desktop.ui.settings import Settings

    record = Settings(ini).fusion_palette
    assert record == theme.palette_record()  # the record of this Qt's Fusion, whole
