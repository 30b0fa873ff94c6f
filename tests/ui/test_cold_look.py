"""The label styles the article paints with are worked out on first use, and are the same
styles a direct `label_style` gives (colours.LazyStyles)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from desktop.ui.look import colours


def test_label_styles_are_made_when_asked_for_and_equal_the_direct_ones(qapp):
    palette = QPalette()
    text, page = colours.palette_colours(palette)
    schema = {"ORG": QColor("#7aecec"), "GPE": QColor("#feca74"), "PERSON": QColor("#aa9cfc")}
    styles = colours.label_styles(schema, palette)
    assert sorted(styles) == ["GPE", "ORG", "PERSON"] and len(styles) == 3 and "ORG" in styles
    assert styles._made == {}  # nothing worked out before it is asked for
    assert styles["ORG"] == colours.label_style(schema["ORG"], text, page)
    assert styles.get("GPE") == colours.label_style(schema["GPE"], text, page)
    assert list(styles._made) == ["ORG", "GPE"]
    assert styles.get("DRUG") is None and "DRUG" not in styles
    fallback = colours.label_style(colours.fallback_colour("DRUG"), text, page)
    styles["DRUG"] = fallback  # what the span painter does for a label the schema lacks
    assert styles["DRUG"] == fallback and len(styles) == 4
    del styles["PERSON"]
    assert sorted(styles) == ["DRUG", "GPE", "ORG"]
