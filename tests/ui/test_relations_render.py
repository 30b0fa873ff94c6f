"""`spandesk render` draws a document's relations as the window does: dashed arcs in the
relation colour, labelled (issue 10)."""

from __future__ import annotations

from click.testing import CliRunner
from PySide6.QtGui import QImage

from desktop import ops
from desktop.cli import main
from desktop.ui.article.relation_arcs import RELATION_COLOUR
from desktop.ui.look.colours import readable
from tests.helpers import SEED, find, free_kinds


def _project(tmp_path, relate: bool):
    db = tmp_path / "project.db"
    store = ops.open_project(db)
    ops.import_paths(store, [SEED])
    free_kinds(store, tmp_path)  # relation labels of the test's own, not ACE's
    (doc_id,) = store.documents.ids()
    text = store.documents.text(doc_id)
    head = ops.add_span(store, doc_id, *find(text, "Tokayev"), "PERSON").span_id
    child = ops.add_span(store, doc_id, *find(text, "CSTO"), "ORG").span_id
    if relate:
        ops.add_relation(store, head, child, "asked_for_help")
    store.close()
    return db, doc_id


def _render(tmp_path, db, doc_id, suffix):
    out = tmp_path / f"doc{suffix}"
    result = CliRunner().invoke(main, ["render", "--doc", f"doc-{doc_id}", "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return out


def test_svg_and_png_carry_the_relation(tmp_path, qapp):
    db, doc_id = _project(tmp_path, relate=True)
    svg = _render(tmp_path, db, doc_id, ".svg").read_text(encoding="utf-8")
    assert "asked_for_help" in svg
    image = QImage(str(_render(tmp_path, db, doc_id, ".png")))
    ink = readable(RELATION_COLOUR, image.pixelColor(2, 2))
    assert any(_near(image.pixelColor(x, y), ink) for x in range(image.width()) for y in range(0, image.height(), 2))


def _near(a, b) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 24


def test_without_relations_nothing_of_the_kind_is_drawn(tmp_path, qapp):
    db, doc_id = _project(tmp_path, relate=False)
    svg = _render(tmp_path, db, doc_id, ".svg").read_text(encoding="utf-8")
    assert "asked_for_help" not in svg
    image = QImage(str(_render(tmp_path, db, doc_id, ".png")))
    ink = readable(RELATION_COLOUR, image.pixelColor(2, 2))
    assert not any(_near(image.pixelColor(x, y), ink) for x in range(image.width())
                   for y in range(0, image.height(), 2))
