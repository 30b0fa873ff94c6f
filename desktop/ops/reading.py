"""What the desk reads and sets up around the annotator's actions: a document to show, a new
project, the integrity check, the model setting, and the feed for background pre-annotation.

None of these imports spaCy on the way to the first article; `document_tokens` does, only for
a document stored without tokens (see there).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop import paths
from desktop.core.model import Document, SpandeskError, Span, Token
from desktop.store import Store, listing, open_store
from desktop.store.db import check_file

@dataclass(frozen=True)
class DocumentView:
    """One document as the article view shows it: text, every span (rejected included), tokens."""

    doc: Document
    spans: list[Span]
    tokens: list[Token]


def open_document(store: Store, doc_id: int) -> DocumentView:
    doc = store.documents.get(doc_id)
    return DocumentView(doc, store.spans.for_doc(doc_id), document_tokens(store, doc_id, doc.text))


def document_tokens(store: Store, doc_id: int, text: str) -> list[Token]:
    """A document's tokens for snapping, resizing and export: the ones `import` stored, else
    the same tokenizer's (desktop/nlp/tokenize.py), made now and not stored.

    Every path that needs tokens comes here, so the window and an export never disagree.
    Only a document stored outside `import` has none; for it, spaCy's tokenizer loads then
    (about 0.7 s, once), never on the way to an imported project's first article.
    """
    tokens = store.tokens.get(doc_id, text)
    if tokens is None:
        from desktop.nlp.tokenize import tokenize  # spaCy comes with it: see the docstring

        tokens = next(tokenize([text]))
    return tokens


def document_status(store: Store, doc_id: int) -> str:
    return store.documents.get_status(doc_id)


def document_spans(store: Store, doc_id: int) -> list[Span]:
    """The spans of a document, to redraw them after an action."""
    return store.spans.for_doc(doc_id)


def check_project(path: str | Path) -> list[str]:
    """The damage `PRAGMA integrity_check` finds in a project file ([] when sound), on a
    read-only connection of its own: safe to run in a worker thread."""
    return check_file(path)


def preload() -> None:
    """Load the modules the first annotating action needs (desktop.ops loads its names on
    first use), so the first key press is as quick as the rest. Safe in any thread: it only
    imports."""
    import desktop.ops.annotate  # noqa: F401
    import desktop.ops.event_actions  # noqa: F401


def lock_wait(store: Store, seconds: float) -> None:
    """How long an action waits while a background import holds the file: the GUI keeps it
    short then, so a key press fails fast with a message instead of freezing the window."""
    store.set_lock_wait(seconds)


def new_project(path: str | Path, label_set_file: str | Path | None = None) -> Store:
    """Create an empty project with a label schema (the shipped one by default).

    Refuses an existing file: a new project never replaces anyone's work.
    """
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        raise SpandeskError(f"{path}: already exists; choose a new file name (nothing was changed)")
    from desktop.core import label_set as label_set_mod  # not on the window's way to its first article

    chosen = label_set_mod.load(label_set_file) if label_set_file else label_set_mod.default_label_set()
    store = open_store(path)
    try:
        store.project.set("schema", label_set_mod.to_json(chosen))
    except BaseException:
        store.close()
        raise
    return store


def model_setting(store: Store) -> str | None:
    """The spaCy pipeline the project uses (package name or folder), if one was chosen."""
    return store.project.get("model")


# desktop.nlp.models is imported inside these functions: it reads package metadata only
# (never spaCy), but importlib.metadata alone is a tenth of the window's cold start.


def no_model_help() -> str:
    """What to do when no spaCy pipeline is installed."""
    from desktop.nlp.models import NO_MODEL_HELP

    return NO_MODEL_HELP


def set_model(store: Store, name: str) -> None:
    """Choose the pipeline for pre-annotation: an installed package name or a folder."""
    from desktop.nlp.models import find_model

    store.project.set("model", find_model(name) or name)


def installed_models() -> list[str]:
    """The spaCy pipeline packages installed here, for the Settings dialog (no spaCy import)."""
    from desktop.nlp.models import installed_models as found

    return found()


def model_in_use(store: Store) -> str | None:
    """The pipeline pre-annotation would load: the project's choice, else the first default
    installed; None when there is none (the status bar then says how to get one)."""
    from desktop.nlp.models import find_model

    try:
        return find_model(model_setting(store))
    except SpandeskError:
        return None


def first_run_due(store: Store) -> bool:
    """True for a new user's project: only the seed articles, never pre-annotated, and no
    annotator's action yet (the annotated reference seed came by import). The GUI then
    pre-annotates in the background, so the practice articles open with suggestions."""
    return listing.only_seeds_unannotated(store, str(paths.seeds_dir()))


def pending_preannotation(store: Store, model: str) -> list[int]:
    """Documents a model (by its id, "en_core_web_sm@3.8.0") has still to run on."""
    return store.preannotations.pending(model)


