"""The user's settings, kept between sessions: annotator name, zoom, theme, recent projects, layout.

One INI file in the user's config folder (paths.config_dir), readable and portable, rather
than the registry or a plist: a support question can be answered by reading one file.
Tests give their own file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from desktop import paths

RECENT_MAX = 8


class Settings:
    def __init__(self, file: str | Path | None = None):
        file = Path(file) if file else paths.settings_file()
        self.qsettings = QSettings(str(file), QSettings.Format.IniFormat)

    def _get(self, key: str, default, kind=str):
        value = self.qsettings.value(key, default)
        if kind is bool and isinstance(value, str):  # INI files hold "true"/"false"
            return value.lower() == "true"
        try:
            return kind(value) if value is not None else default
        except (TypeError, ValueError):
            return default

    @property
    def annotator(self) -> str:
        """The name recorded with every change; "" until asked once."""
        return self._get("annotator", "")

    @annotator.setter
    def annotator(self, name: str) -> None:
        self.qsettings.setValue("annotator", name)

    @property
    def zoom(self) -> int:
        return self._get("view/zoom", 0, int)

    @zoom.setter
    def zoom(self, value: int) -> None:
        self.qsettings.setValue("view/zoom", int(value))

    @property
    def show_rejected(self) -> bool:
        return self._get("view/show_rejected", False, bool)

    @show_rejected.setter
    def show_rejected(self, value: bool) -> None:
        self.qsettings.setValue("view/show_rejected", bool(value))

    @property
    def theme(self) -> str:
        """"system", "light" or "dark" (look/theme.py)."""
        value = self._get("view/theme", "system")
        return value if value in ("system", "light", "dark") else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self.qsettings.setValue("view/theme", value)

    @property
    def fusion_palette(self) -> str:
        """Fusion's light palette as look/theme.py's `palette_record` wrote it (a cache: asking
        Fusion for it costs the window's start 4 ms); "" until then."""
        return self._get("view/fusion_palette", "")

    @fusion_palette.setter
    def fusion_palette(self, record: str) -> None:
        self.qsettings.setValue("view/fusion_palette", record)

    @property
    def system_scheme(self) -> str:
        """The system's colour scheme ("dark" or "light") as the last run saw it (a cache:
        asking the system costs the window's first paint 11 ms, look/theme.py); "" until then."""
        value = self._get("view/system_scheme", "")
        return value if value in ("dark", "light") else ""

    @system_scheme.setter
    def system_scheme(self, value: str) -> None:
        self.qsettings.setValue("view/system_scheme", value)

    @property
    def recent(self) -> list[str]:
        """Project files opened lately, newest first."""
        value = self.qsettings.value("files/recent", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [str(v) for v in items if v]

    def add_recent(self, path: str | Path) -> None:
        path = str(Path(path).resolve())
        self.qsettings.setValue("files/recent", ([path] + [p for p in self.recent if p != path])[:RECENT_MAX])

    @property
    def review_preaccept(self) -> bool:
        """Whether the review window copies what every annotator agrees on into the gold layer."""
        return self._get("review/preaccept", True, bool)

    @review_preaccept.setter
    def review_preaccept(self, value: bool) -> None:
        self.qsettings.setValue("review/preaccept", bool(value))

    @property
    def article_room(self) -> tuple[int, int] | None:
        """The pixels above and below the article view in the complete window, as it was
        last closed (the first paint keeps that room free: ui/main_window.py); None until then."""
        try:
            top, bottom = (int(v) for v in str(self._get("layout/article_room", "")).split())
        except ValueError:
            return None
        return (top, bottom) if 0 <= top <= 2000 and 0 <= bottom <= 2000 else None

    @article_room.setter
    def article_room(self, room: tuple[int, int]) -> None:
        self.qsettings.setValue("layout/article_room", f"{int(room[0])} {int(room[1])}")

    @property
    def arc_room(self) -> tuple[str, dict[int, int]] | None:
        """The document on show at the last close, as MainWindow names it (its key), and the
        arcs' room its blocks had then (block number -> levels); None until then. The first
        paint gives that document the same room (ui/main_window.py), so its lines do not move
        when its events arrive just after."""
        key, _, blocks = str(self._get("layout/arc_room", "")).rpartition("\t")
        try:
            room = {int(b): int(n) for b, n in (pair.split(":") for pair in blocks.split())}
        except ValueError:
            return None
        return (key, room) if key else None

    @arc_room.setter
    def arc_room(self, kept: tuple[str, dict[int, int]]) -> None:
        key, room = kept
        blocks = " ".join(f"{int(b)}:{int(n)}" for b, n in sorted(room.items()))
        self.qsettings.setValue("layout/arc_room", f"{key}\t{blocks}")

    def layout(self, name: str) -> QByteArray | None:
        value = self.qsettings.value(f"layout/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_layout(self, name: str, state: QByteArray) -> None:
        self.qsettings.setValue(f"layout/{name}", state)

    def sync(self) -> None:
        self.qsettings.sync()
