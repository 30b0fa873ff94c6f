"""`desktop.core.printable`: what a terminal or an XML reader is shown, one code point for one."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from desktop.core.printable import drawable, printable, safe_json

HOSTILE = "a\x1b[2Jb\x9bc\u202ed\u2066e\x00f\x7fg\rh\udcff"


def test_printable_shows_every_control_and_keeps_the_length():
    shown = printable(HOSTILE + "\tx\ny")
    assert shown == "a␛[2Jb\ufffdc\ufffdd\ufffde␀f␡g␍h\ufffd\tx\ny"
    assert len(shown) == len(HOSTILE) + 4


def test_one_line_shows_tab_and_line_feed_too():
    assert printable("a\tb\nc", one_line=True) == "a␉b␊c"


@pytest.mark.parametrize("text", ["plain", "Ünïcödé ✓ 👍🏽 e\u0301", "tab\tand\nline", ""])
def test_printable_leaves_ordinary_text_alone(text):
    assert printable(text) is text


def test_drawable_text_goes_into_xml():
    text = drawable(HOSTILE + "\ufffe\uffff\t\n")
    assert len(text) == len(HOSTILE) + 4
    ET.fromstring(f"<t>{text.replace('&', '&amp;').replace('<', '&lt;')}</t>")
    assert drawable("\u202e stays") == "\u202e stays"  # legal XML; pictures keep their bidi


def test_safe_json_means_the_same_and_shows_nothing_raw():
    value = {"k\x9b": [HOSTILE, "\u2028", "Ünï"]}
    text = safe_json(value, indent=2)
    assert json.loads(text) == value
    assert printable(text) == text and "Ünï" in text
