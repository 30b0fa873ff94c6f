"""Cold start: a fresh process reaches the first article without importing spaCy.

The window is started as `spandesk gui` starts it (background jobs included) on a new
user's project, where pre-annotation will start in the background; the child process
reports whether spaCy was loaded at the moment the article view first paints the article.
"""

from __future__ import annotations

from desktop import ops

from tests.helpers import ROOT, first_paint


def test_first_article_is_shown_before_spacy_is_imported(tmp_path):
    db = tmp_path / "first-run.db"
    with ops.open_project(db, seed=True) as store:  # what a new user's first start finds
        assert ops.first_run_due(store)
    report = first_paint(db, tmp_path / "s.ini", ["spacy"])
    titles = {p.read_text(encoding="utf-8")[:10] for p in (ROOT / "seeds").glob("*.txt")}
    assert report["loaded"] == [] and report["title"] in titles
