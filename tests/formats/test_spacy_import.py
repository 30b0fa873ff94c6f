"""A DocBin imports (issue 10, "New formats"): a file that is no DocBin, or a Doc whose events
cannot be read, is refused with FILE:N: reason (N the Doc's number), never a traceback."""

from __future__ import annotations

from desktop.core.model import BadInput, Record
from desktop.formats import spacy as spacy_format


def test_a_file_that_is_no_docbin_is_one_bad_input(tmp_path):
    path = tmp_path / "bad.spacy"
    path.write_bytes(b"not msgpack at all")
    (bad,) = list(spacy_format.read(path))
    assert isinstance(bad, BadInput) and bad.file == str(path) and bad.reason.startswith("not a spaCy DocBin")


def test_a_doc_with_broken_events_is_refused_by_its_number_and_the_others_read(tmp_path):
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    good, broken = nlp.make_doc("Ana met Bo."), nlp.make_doc("Cy left.")
    broken.user_data["events"] = [{"type": "Leave", "trigger": {"start": 3, "end": 99, "text": "left"}}]
    bin_ = DocBin(store_user_data=True)
    bin_.add(good)
    bin_.add(broken)
    path = tmp_path / "two.spacy"
    bin_.to_disk(path)
    first, second = list(spacy_format.read(path))
    assert isinstance(first, Record) and first.doc.text == "Ana met Bo."
    assert isinstance(second, BadInput) and (second.file, second.line) == (str(path), 2)
    assert second.reason.startswith("event 1, trigger:")
