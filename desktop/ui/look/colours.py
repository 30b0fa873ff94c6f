"""Label colours: the schema's displaCy colours, a fallback for unknown labels, dark-mode variants.

A label has one colour in the schema (a light pastel, as displaCy draws it on white). What
the article view paints is a `LabelStyle` derived from it for the current palette: the fill
keeps the colour's hue and moves only its lightness, just far enough that the palette's
text colour on it meets WCAG's 4.5:1 contrast, so one schema works in light and dark mode.
"""

from __future__ import annotations

import functools

import zlib
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QPalette

if TYPE_CHECKING:
    from desktop.core.label_set import LabelSet

TEXT_CONTRAST = 4.5  # WCAG AA for body text
TINT_ALPHA = {False: 0.30, True: 0.42}  # a suggestion's fill, by whether the page is darker than the text: a hint, not a fill


@dataclass(frozen=True, slots=True)
class LabelStyle:
    """How one label looks in one palette."""

    fill: QColor  # an accepted span's background; the palette's text is readable on it
    tint: QColor  # a suggestion's translucent background
    ink: QColor  # borders and label text drawn on the page background


def label_colours(label_set: LabelSet) -> dict[str, QColor]:
    """Each entity label's colour from the project schema (`EntityLabel.colour`)."""
    return named_colours({e.name: e.colour for e in label_set.entities})


def named_colours(colours: Mapping[str, str]) -> dict[str, QColor]:
    """Label -> colour from label -> its name ("#7aecec"), as `ops.project_label_colours` gives them."""
    return {name: QColor(colour) for name, colour in colours.items()}


def colour_copy(colour: QColor | str) -> QColor:
    """A copy of a colour (or one from a name such as "#7aecec"). Not QColor(colour): its
    overload check builds Qt's whole `Qt` namespace (11 ms) on the way to the first paint."""
    return QColor(colour) if isinstance(colour, str) else colour.convertTo(colour.spec())


def fallback_colour(label: str) -> QColor:
    """A stable pastel for a label the schema does not know (an imported file's, say).

    crc32 rather than hash(): Python salts str hashes per process, and a label should
    keep its colour from one session to the next.
    """
    hue = zlib.crc32(label.encode("utf-8")) % 360
    return QColor.fromHslF(hue / 360, 0.80, 0.80)


def colour_for(label: str, colours: Mapping[str, QColor]) -> QColor:
    colour = colours.get(label)
    return colour_copy(colour) if colour is not None else fallback_colour(label)


def _linear(v: float) -> float:
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def luminance(c: QColor) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""
    return 0.2126 * _linear(c.redF()) + 0.7152 * _linear(c.greenF()) + 0.0722 * _linear(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two opaque colours, 1 to 21."""
    return _ratio(luminance(a), luminance(b))


def _ratio(a: float, b: float) -> float:
    hi, lo = (a, b) if a >= b else (b, a)
    return (hi + 0.05) / (lo + 0.05)


def readable(colour: QColor, against: QColor, ratio: float = TEXT_CONTRAST) -> QColor:
    """`colour` with the same hue and saturation and the lightness nearest its own that gives
    at least `ratio` contrast with `against` (darker if `against` is light, else lighter)."""
    if contrast(colour, against) >= ratio:
        return colour_copy(colour)
    h, s, light, _a = colour.getHslF()
    h = max(h, 0.0)  # achromatic colours report hue -1
    fixed = luminance(against)  # once, not at each of the search's 24 steps (the first paint waits on them)

    def ok(lightness: float) -> bool:
        return _ratio(luminance(QColor.fromHslF(h, s, lightness)), fixed) >= ratio

    # Contrast grows monotonically as lightness moves away from `against`: bisect for the
    # smallest move that is enough.
    if fixed > 0.18:  # light text or page: go darker
        lo, hi = 0.0, light
        for _ in range(24):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if ok(mid) else (lo, mid)
        return QColor.fromHslF(h, s, lo)
    lo, hi = light, 1.0
    for _ in range(24):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if ok(mid) else (mid, hi)
    return QColor.fromHslF(h, s, hi)


def label_style(colour: QColor, text: QColor, page: QColor) -> LabelStyle:
    """The fill, tint and ink of a schema colour for `text` drawn on `page`."""
    # Each call searches lightness twice; the label bar repaints every chip, so remember them.
    return _label_style(colour.rgba(), text.rgba(), page.rgba())


@functools.lru_cache(maxsize=512)
def _label_style(colour_rgba: int, text_rgba: int, page_rgba: int) -> LabelStyle:
    colour, text, page = QColor.fromRgba(colour_rgba), QColor.fromRgba(text_rgba), QColor.fromRgba(page_rgba)
    fill = readable(colour, text)
    tint = colour_copy(fill)
    tint.setAlphaF(TINT_ALPHA[luminance(page) < luminance(text)])
    # Ink is label-coloured text and dashes on the page itself, so it needs text contrast
    # against the page: on white a pastel is pushed darker, on a dark page it stays light.
    ink = readable(colour, page)
    return LabelStyle(fill, tint, ink)


def palette_colours(palette: QPalette) -> tuple[QColor, QColor]:
    """(text, page) of the palette an article is drawn in."""
    role = QPalette.ColorRole
    return palette.color(role.Text), palette.color(role.Base)


def label_styles(colours: Mapping[str, QColor], palette: QPalette) -> MutableMapping[str, LabelStyle]:
    """Each label's style in `palette`, worked out when first asked for (`LazyStyles`)."""
    return LazyStyles(colours, *palette_colours(palette))


class LazyStyles(MutableMapping):
    """Label -> LabelStyle for every label in `colours` (and any set later), each worked
    out on first use: an article shows a few of the schema's labels, and each style costs
    two contrast searches (~0.1 ms), which the window's first paint need not wait for."""

    def __init__(self, colours: Mapping[str, QColor], text: QColor, page: QColor):
        self._colours = {label: colour_copy(c) for label, c in colours.items()}
        self._text, self._page = text, page
        self._made: dict[str, LabelStyle] = {}

    def __getitem__(self, label: str) -> LabelStyle:
        style = self._made.get(label)
        if style is None:
            colour = self._colours[label]  # KeyError for a label it has no colour for
            style = self._made[label] = label_style(colour, self._text, self._page)
        return style

    def __setitem__(self, label: str, style: LabelStyle) -> None:
        self._made[label] = style

    def __delitem__(self, label: str) -> None:
        if self._colours.pop(label, None) is None and label not in self._made:
            raise KeyError(label)
        self._made.pop(label, None)

    def __contains__(self, label: object) -> bool:  # without working the style out
        return label in self._made or label in self._colours

    def _labels(self) -> dict[str, None]:
        return dict.fromkeys([*self._colours, *self._made])

    def __iter__(self):
        return iter(self._labels())

    def __len__(self) -> int:
        return len(self._labels())


# Event triggers are drawn in one colour of their own, unlike any entity pastel (a trigger
# is a word that says what happened, not a thing), and event links in the palette's accent.
TRIGGER_COLOUR = QColor("#c2185b")


def trigger_colour(palette: QPalette) -> QColor:
    """The ink of triggers: readable as text on the page, and the page readable on it."""
    return readable(TRIGGER_COLOUR, palette_colours(palette)[1])


def link_colour(palette: QPalette) -> QColor:
    """The ink of event arcs and their role names: the palette's accent, readable on the page."""
    return readable(palette.color(QPalette.ColorRole.Highlight), palette_colours(palette)[1])
