"""Qt's `Qt` namespace, made when first read, for the modules on the way to the first article.

PySide 6.11 builds every enum of `QtCore.Qt` (about 93 of them, 11 ms) the first time
anything touches it: `from PySide6.QtCore import Qt` does, and so does any call with an
overload that takes one of its enums (QPainter.setPen, QBrush(QColor), QColor(QColor)…:
`bench/gui.py --qt-probe`). A bare PySide6 window never pays that before its first paint.
The modules the window imports before its first article take `Qt` from here: the same
names, read from the real namespace only when a key handler (say) first uses one.
Annotations and default arguments would read it at import: keep them off it.
"""

from __future__ import annotations

from PySide6 import QtCore


class _Qt:
    """Forwards every attribute to `QtCore.Qt`, which is touched only then."""

    __slots__ = ()

    def __getattr__(self, name: str):
        return getattr(QtCore.Qt, name)


Qt = _Qt()


def resolved() -> bool:
    """Whether Qt's namespace has been built in this process (tests and benches ask)."""
    return "Qt" in vars(QtCore)
