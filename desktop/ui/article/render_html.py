"""A document with its spans as one standalone HTML page, drawn the way the article view draws it.

Every character of the article goes through `html.escape`, so `<b>` in a news text is shown,
never obeyed. Styles are inline (the page survives being pasted into a mail or a wiki). Spans
are displaCy-like `<mark>` boxes in the label colours of the light palette; accepted ones are
filled, suggestions tinted with a dashed border; the label sits above the span's start in
small caps, in a band the line height reserves, as in the app. Nested spans nest as marks
with less padding; a span crossing another is cut into pieces, labelled on the first.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from PySide6.QtGui import QColor

from desktop.core.model import Event, Layer, Span, State
from desktop.core.printable import drawable
from desktop.ui.look.colours import TRIGGER_COLOUR, LabelStyle, colour_for, label_style

TEXT, PAGE = QColor("#1b1b1f"), QColor("#ffffff")
SERIF = "Charter, Georgia, 'Source Serif 4', 'Noto Serif', 'DejaVu Serif', serif"
SANS = "Inter, 'Segoe UI', 'Helvetica Neue', 'Noto Sans', 'DejaVu Sans', sans-serif"


def to_html(text: str, spans: Sequence[Span], colours: Mapping[str, QColor], title: str = "",
            events: Sequence[Event] = ()) -> str:
    """The page for `text` and its (non-rejected) `spans`, with `events` listed below it
    (each trigger and its arguments in their roles); `colours` are the schema's."""
    shown = sorted((s for s in spans if s.state != State.REJECTED), key=lambda s: (s.start, -s.end))
    styles: dict[str, LabelStyle] = {}

    def style(label: str) -> LabelStyle:
        if label not in styles:
            styles[label] = label_style(colour_for(label, colours), TEXT, PAGE)
        return styles[label]

    body = "".join(_marked(text, shown, style))
    heading = html.escape(title or next((line.strip() for line in text.splitlines() if line.strip()), "")[:120])
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="generator" content="Spandesk">\n<title>{heading}</title>\n</head>\n'
        f'<body style="margin:0;background:{PAGE.name()};color:{TEXT.name()}">\n'
        f'<div style="max-width:80ch;margin:2em auto;padding:0 1.5em;font:12pt/2.6 {SERIF};'
        f'white-space:pre-wrap;overflow-wrap:break-word">{body}</div>\n{_events(events)}</body>\n</html>\n'
    )


def _events(events: Sequence[Event]) -> str:
    """Each event as one line: its type and trigger, then each argument's role and words."""
    if not events:
        return ""
    items = []
    for event in events:
        args = ", ".join(f"<i>{_esc(a.role)}</i> “{_esc(a.span.text)}”" for a in event.arguments)
        items.append(f'<li data-event="{_esc(event.type)}"><b style="color:{TRIGGER_COLOUR.name()}">'
                     f"{_esc(event.type)}</b> “{_esc(event.trigger.text)}”"
                     + (f": {args}" if args else "") + "</li>")
    return (f'<ol style="max-width:80ch;margin:0 auto 2em;padding:0 1.5em 0 3em;font:11pt/1.6 {SANS}">'
            + "".join(items) + "</ol>\n")


def _marked(text: str, spans: list[Span], style):
    """The text cut at every span edge, with marks opened and closed around the pieces."""
    edges = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    starting: dict[int, list[int]] = {}
    for i, s in enumerate(spans):  # already longest first among equal starts
        starting.setdefault(s.start, []).append(i)
    stack: list[int] = []  # open marks, outermost first
    for at, upto in zip(edges, edges[1:] + [len(text)]):
        ending = [k for k, i in enumerate(stack) if spans[i].end == at]
        if ending:
            # Close down to the outermost mark that ends here; marks opened inside it that
            # go on are reopened as continuation pieces.
            cut = ending[0]
            going_on = [i for i in stack[cut:] if spans[i].end != at]
            yield "</mark>" * (len(stack) - cut)
            del stack[cut:]
            for i in going_on:
                yield _open(spans[i], len(stack), style, labels=())
                stack.append(i)
        new = starting.get(at, [])
        for n, i in enumerate(new):
            # One label group for every span starting here, so their labels never overlap.
            yield _open(spans[i], len(stack), style, labels=[spans[j] for j in new] if n == 0 else ())
            stack.append(i)
        yield html.escape(text[at:upto])
    yield "</mark>" * len(stack)


def _open(span: Span, depth: int, style, labels) -> str:
    s = style(span.label)
    pad = max(0.0, 0.14 - 0.06 * depth)  # nested boxes are inset in their parent's
    if span.layer == Layer.TRIGGER:
        # As in the app: a faint wash and a thick underline in the trigger colour.
        wash = QColor(TRIGGER_COLOUR)
        wash.setAlphaF(0.13)
        look = f"background:{_rgba(wash)};border:none;border-bottom:3px solid {TRIGGER_COLOUR.name()}"
    elif span.state == State.ACCEPTED:
        # A nested box gets a hairline (as in the app), or one inside its own colour vanishes.
        edge = s.ink.name() if depth else "transparent"
        look = f"background:{s.fill.name()};border:1px solid {edge}"
    else:
        look = f"background:{_rgba(s.tint)};border:1px dashed {s.ink.name()}"
    css = (f"{look};color:inherit;border-radius:.3em;padding:{pad:.2f}em .1em;position:relative;"
           "-webkit-box-decoration-break:clone;box-decoration-break:clone")
    tag = (f'<mark data-label="{html.escape(span.label)}" data-state="{html.escape(str(span.state))}"'
           f' data-layer="{html.escape(str(span.layer))}" style="{css}">')
    if not labels:
        return tag
    chips = "".join(_chip(lab, style(lab.label)) for lab in labels)
    group = ("position:absolute;left:-1px;bottom:calc(100% + 2px);line-height:1.35;white-space:nowrap;"
             "user-select:none;-webkit-user-select:none")
    return f'{tag}<span style="{group}">{chips}</span>'


def _chip(span: Span, s: LabelStyle) -> str:
    if span.layer == Layer.TRIGGER:
        # A square chip with the subtype (Conflict:Attack -> Attack), the app's trigger chip.
        css = (f"background:{TRIGGER_COLOUR.name()};color:#ffffff;display:inline-block;margin-right:2px;"
               f"padding:0 .4em;font:italic 600 .72em/1.1 {SANS}")
        return f'<span style="{css}">{html.escape(span.label.rsplit(":", 1)[-1])}</span>'
    if span.state == State.ACCEPTED:
        look = f"background:{s.fill.name()};color:{TEXT.name()};border:1px solid {s.fill.name()}"
    else:
        look = f"background:{PAGE.name()};color:{s.ink.name()};border:1px solid {s.ink.name()}"
    css = (f"{look};display:inline-block;margin-right:2px;padding:0 .4em;border-radius:.3em;"
           f"font:600 .72em/1.1 {SANS};letter-spacing:.05em;font-variant-caps:all-small-caps")
    return f'<span style="{css}">{html.escape(span.label)}</span>'


def _esc(text: str) -> str:
    return html.escape(drawable(text))


def _rgba(c: QColor) -> str:
    return f"rgba({c.red()},{c.green()},{c.blue()},{c.alphaF():.2f})"
