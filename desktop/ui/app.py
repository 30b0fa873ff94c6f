"""The application: a window over one project (a plain document list for now)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QListWidget, QMainWindow

from desktop.store import Store


def run(store: Store) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Spandesk")
    window = QMainWindow()
    window.setWindowTitle(f"Spandesk — {store.path}")
    listing = QListWidget()
    for doc_id in store.documents.ids():
        doc = store.documents.get(doc_id)
        listing.addItem(f"{doc.title}  [{doc.status}]")
    window.setCentralWidget(listing)
    window.resize(900, 600)
    window.show()
    return app.exec()
