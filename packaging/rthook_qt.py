# PyInstaller runtime hook for Spandesk's bundle, in place of PyInstaller's pyi_rth_pyside6
# (dropped in build.spec). That hook imports PySide6.QtCore, so Qt and ICU load, into every
# start, `spandesk --version` and `spandesk export` included: it made them 1.6x slower than
# the venv's (bench/bundle.py).
# Of what it does, only the plugin path matters for PySide6 wheels (they register their own
# qt.conf when QtCore is imported); Qt reads the variable when the application is created.
import os
import sys

os.environ["QT_PLUGIN_PATH"] = os.path.join(sys._MEIPASS, "PySide6" if sys.platform == "win32" else "PySide6/Qt", "plugins")
