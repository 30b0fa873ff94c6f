"""What the side panels' two-level trees show, as text (for tests and eyes)."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget


def tree_rows(tree: QTreeWidget) -> list[str]:
    """Each top-level row's text, then its children's indented by two spaces, top to bottom."""
    out = []
    for i in range(tree.topLevelItemCount()):
        row = tree.topLevelItem(i)
        out.append(row.text(0))
        out += ["  " + row.child(j).text(0) for j in range(row.childCount())]
    return out
