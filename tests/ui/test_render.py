"""`spandesk render` and `desktop.ui.article.render`: PNG, SVG and HTML pictures of a document."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from PySide6.QtGui import QColor, QImage

from desktop import ops
from desktop.cli import main
from desktop.core.model import Span, State
from desktop.ui.article.render import render
from desktop.ui.article.render_html import to_html

from tests.helpers import SEED

MARKUP = "<b>bold</b> & <script>alert(1)</script> &amp; Tokayev met 👍🏽 Putin in Almaty.\nA < B > C"
COLOURS = {"PERSON": QColor("#aa9cfc"), "GPE": QColor("#feca74")}


def spans_of(text: str, *marks: tuple[str, str, str]) -> list[Span]:
    out = []
    for word, label, state in marks:
        start = text.index(word)
        out.append(Span(start, start + len(word), label, word, state=state))
    return out


MARKUP_SPANS = spans_of(
    MARKUP,
    ("Tokayev", "PERSON", State.ACCEPTED),
    ("Putin", "PERSON", State.SUGGESTED),
    ("Almaty", "GPE", State.REJECTED),
    ("<b>bold</b>", "WORK_OF_ART", State.ACCEPTED),  # not in the colours: a fallback colour
)


@pytest.fixture(autouse=True)
def app(qapp):
    return qapp


def test_png_is_a_real_picture(tmp_path):
    out = render(MARKUP, MARKUP_SPANS, COLOURS, tmp_path / "doc.png")
    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 400 and image.height() >= 80
    # An accepted PERSON is filled with its colour somewhere in the picture.
    fill = QColor("#aa9cfc")
    assert any(image.pixelColor(x, y) == fill for x in range(0, image.width(), 2) for y in range(image.height()))


def test_svg_parses_and_holds_the_labels(tmp_path):
    out = render(MARKUP, MARKUP_SPANS, COLOURS, tmp_path / "doc.svg")
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    texts = "".join(el.text or "" for el in root.iter() if el.tag.endswith("text"))
    assert "PERSON" in texts and "WORK_OF_ART" in texts
    assert "GPE" not in texts  # the only GPE span was rejected


class _Marks(HTMLParser):
    """Checks the marks nest properly and collects the text outside the label chips."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.labels: list[str] = []
        self.depth_in_label = 0

    def handle_starttag(self, tag, attrs):
        if tag == "meta":  # a void element: no end tag
            return
        self.stack.append(tag)
        style = dict(attrs).get("style") or ""
        if tag == "span" and ("position:absolute" in style or self.depth_in_label):
            self.depth_in_label += 1

    def handle_endtag(self, tag):
        assert self.stack.pop() == tag
        if tag == "span" and self.depth_in_label:
            self.depth_in_label -= 1

    def handle_data(self, data):
        if self.depth_in_label:
            self.labels.append(data)
        elif "div" in self.stack:
            self.text.append(data)


def test_html_escapes_every_character_and_keeps_the_text(tmp_path):
    out = render(MARKUP, MARKUP_SPANS, COLOURS, tmp_path / "doc.html")
    page = out.read_text(encoding="utf-8")
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "&lt;script&gt;" in page and "&amp;amp;" in page
    assert "<script>" not in page and "<b>" not in page
    body = page[page.index("<div"):page.rindex("</div>")]
    assert not re.search(r"&(?!(amp|lt|gt|quot|#x27);)", body)  # every & in the body is an escape
    parser = _Marks()
    parser.feed(page)
    assert parser.stack == []
    assert "".join(parser.text) == MARKUP  # the article, character for character
    assert parser.labels == ["WORK_OF_ART", "PERSON", "PERSON"]  # rejected Almaty left out
    assert page.count('data-state="suggested"') == 1


def test_html_nested_and_crossing_spans():
    text = "the Russian Air Force flew"
    spans = spans_of(text, ("the Russian Air Force", "ORG", State.SUGGESTED), ("Russian", "NORP", State.ACCEPTED),
                     ("Air Force flew", "ORG", State.ACCEPTED))  # crosses the first
    parser = _Marks()
    parser.feed(to_html(text, spans, {}))
    assert parser.stack == [] and "".join(parser.text) == text
    assert parser.labels == ["ORG", "NORP", "ORG"]  # each span labelled once, at its start


def test_html_draws_a_trigger_apart_from_entities():
    text = "Troops withdrew from Almaty"
    trigger = Span(7, 15, "Movement:Transport", "withdrew", layer="trigger")
    place = Span(21, 27, "GPE", "Almaty")
    page = to_html(text, [trigger, place], {"GPE": QColor("#feca74")})
    assert 'data-layer="trigger"' in page and 'data-layer="entity"' in page
    assert ">Transport</span>" in page and ">Movement:Transport</span>" not in page  # the subtype chip
    parser = _Marks()
    parser.feed(page)
    assert "".join(parser.text) == text


def test_unknown_suffix_is_refused(tmp_path):
    with pytest.raises(Exception, match=r"\.pdf"):
        render("x", [], {}, tmp_path / "doc.pdf")


# --- the command ---------------------------------------------------------------------


@pytest.fixture
def project(tmp_path):
    db = tmp_path / "project.db"
    store = ops.open_project(db)
    ops.import_paths(store, [SEED])
    doc_id = store.documents.ids()[0]
    text = store.documents.text(doc_id)
    for word, label in (("Kazakhstan", "GPE"), ("Kassym-Jomart Tokayev", "PERSON"), ("CSTO", "ORG")):
        start = text.index(word)
        ops.add_span(store, doc_id, start, start + len(word), label)
    start = text.index("Almaty")
    rejected = ops.add_span(store, doc_id, start, start + len("Almaty"), "LOC")
    ops.delete_span(store, rejected.span_id)  # an annotator's span: gone
    store.close()
    return db, doc_id


@pytest.mark.parametrize("suffix", [".png", ".svg", ".html"])
def test_render_command_writes_the_file(tmp_path, project, suffix):
    db, doc_id = project
    out = tmp_path / f"seed{suffix}"
    result = CliRunner().invoke(main, ["render", "--doc", f"doc-{doc_id}", "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert out.exists() and out.stat().st_size > 1000
    assert "3 spans" in result.output
    if suffix == ".html":
        page = out.read_text(encoding="utf-8")
        assert page.count("<mark") == 3 and "Kassym-Jomart Tokayev" in page


def test_render_command_names_an_unknown_document(tmp_path, project):
    db, _ = project
    result = CliRunner().invoke(main, ["render", "--doc", "no-such-doc", "--out", str(tmp_path / "x.png"),
                                       "--db", str(db)])
    assert result.exit_code == 1
    assert "no-such-doc" in result.output
    assert not (tmp_path / "x.png").exists()


def test_render_command_has_help():
    result = CliRunner().invoke(main, ["render", "--help"])
    assert result.exit_code == 0 and "--doc" in result.output and ".svg" in result.output


# --- hostile labels and text; failures leave nothing behind --------------------------------

HOSTILE = "Tok\x01ayev\x1b met \ufffe Putin\x7f in Almaty.\x0b\nA & B"
HOSTILE_SPANS = spans_of(HOSTILE, ("Putin\x7f", "PER\x1bSON", State.ACCEPTED),
                         ("Almaty", "G\x00PE\uffff", State.SUGGESTED))


@pytest.mark.parametrize("suffix", [".svg", ".html"])
def test_control_characters_still_make_well_formed_files(tmp_path, suffix):
    out = render(HOSTILE, HOSTILE_SPANS, COLOURS, tmp_path / f"doc{suffix}")
    page = out.read_text(encoding="utf-8")
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]", page)
    if suffix == ".svg":
        root = ET.parse(out).getroot()  # raises on a character XML does not allow
        texts = "".join(el.text or "" for el in root.iter() if el.tag.endswith("text"))
        assert "PER␛SON" in texts and "G␀PE\ufffd" in texts
    else:
        parser = _Marks()
        parser.feed(page)
        assert parser.labels == ["PER␛SON", "G␀PE\ufffd"]
        assert len("".join(parser.text)) == len(HOSTILE)  # one character shown for each


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("suffix", [".png", ".svg", ".html"])
def test_a_failed_render_leaves_no_file(tmp_path, monkeypatch, suffix):
    import desktop.ui.article.render as module
    import desktop.ui.article.render_html as html_module

    def half_written(view, path, *rest):
        Path(path).write_bytes(b"half a picture")  # then the disk is full
        raise OSError(28, "No space left on device")

    if suffix == ".html":  # a page that cannot be encoded fails half-way through writing
        monkeypatch.setattr(html_module, "to_html", lambda *a, **k: "<html>" * 10000 + "\udc80")
    else:
        monkeypatch.setattr(module, {".png": "_save_png", ".svg": "_paint_svg"}[suffix], half_written)
    out = tmp_path / "out" / f"doc{suffix}"
    out.parent.mkdir()
    out.write_bytes(b"the old picture")
    with pytest.raises((OSError, UnicodeError)):
        render(MARKUP, MARKUP_SPANS, COLOURS, out)
    assert _leftovers(out.parent) == [out.name] and out.read_bytes() == b"the old picture"


@pytest.mark.parametrize("suffix", [".png", ".svg", ".html"])
def test_render_command_into_a_missing_folder_says_so(tmp_path, project, suffix):
    db, doc_id = project
    out = tmp_path / "no" / "such" / f"doc{suffix}"
    result = CliRunner().invoke(main, ["render", "--doc", f"doc-{doc_id}", "--out", str(out), "--db", str(db)])
    assert result.exit_code == 1 and result.stderr.startswith(f"spandesk: {out.parent}")
    assert not out.parent.exists() and "rendered" not in result.stdout


@pytest.mark.parametrize("suffix", [".svg", ".html"])
def test_render_draws_each_events_arguments_and_arcs(tmp_path, suffix):
    """issue 12, tripped 13: events' arguments and their roles, not only the triggers."""
    db = tmp_path / "events.db"
    with ops.open_project(db) as store:
        ops.import_paths(store, [SEED])
        doc_id = store.documents.ids()[0]
        text = store.documents.text(doc_id)
        sent = text.index("One week after")

        def at(word):
            start = sent + text[sent:].index(word)
            return start, start + len(word)

        agent = ops.add_span(store, doc_id, *at("CSTO"), "ORG").span_id
        origin = ops.add_span(store, doc_id, *at("Kazakhstan"), "GPE").span_id
        event = ops.add_event(store, doc_id, *at("withdrawal"), "Movement:Transport").event_id
        ops.add_argument(store, event, agent, "Agent")
        ops.add_argument(store, event, origin, "Origin")
    out = tmp_path / f"events{suffix}"
    result = CliRunner().invoke(main, ["render", "--doc", f"doc-{doc_id}", "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "1 events" in result.output
    drawn = out.read_text(encoding="utf-8")
    assert "Agent" in drawn and "Origin" in drawn
    if suffix == ".svg":
        # The arcs: more stroked paths than the same document drawn without its event.
        plain = tmp_path / "plain.svg"
        from desktop.ui.article.render import render as draw
        with ops.open_project(db) as store:
            spans = store.spans.for_doc(doc_id, rejected=False)
        draw(text, spans, {}, plain)
        assert drawn.count("<path") > plain.read_text(encoding="utf-8").count("<path")
