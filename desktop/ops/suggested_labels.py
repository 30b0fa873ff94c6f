"""A trained model's document labels (issue 13): what it suggests for a document, read for
the window's document-label panel. Ruling on one is toggling it (`toggle_doc_label`): on
accepts the suggestion, off again keeps it as rejected so it is not suggested anew."""

from __future__ import annotations

from desktop.store import Store


def doc_label_suggestions(store: Store, doc_id: int) -> list[tuple[str, float | None]]:
    """(label, score) of the model's open document-label suggestions, sorted by label."""
    return store.doc_labels.suggested(doc_id)
