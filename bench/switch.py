"""How fast the article view switches documents, against a bare QTextEdit.setPlainText.

Goal (docs: the article view): showing a 5,000-word article with 300 spans takes at most
twice as long as QTextEdit.setPlainText of the same text, and under 16 ms (one frame) at
the 95th percentile. Both widgets are shown, the same size, and measured in the same run,
alternating two documents; painting the first screen is timed separately, and so is
scrolling a 50,000-word article with 3,000 spans page by page.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/switch.py

The last line printed is one JSON object; `measure()` returns it as a dict.
"""

from __future__ import annotations

import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication, QTextEdit  # noqa: E402

from desktop.core.model import Span, State, Token  # noqa: E402
from desktop.core.label_set import default_label_set  # noqa: E402
from desktop.paths import seeds_dir  # noqa: E402
from desktop.ui.article.links import Link  # noqa: E402
from desktop.ui.article.view import ArticleView  # noqa: E402
from desktop.ui.look.colours import label_colours  # noqa: E402

ROUNDS = 60
LABELS = ["PERSON", "ORG", "GPE", "DATE", "NORP", "CARDINAL", "LOC", "EVENT"]
_TOKEN = re.compile(r"\w+|[^\w\s]")


def article(words: int, spans: int, seed: int) -> tuple[str, list[Span], list[Token]]:
    """A news-like text of `words` words (the seed article's paragraphs, shuffled and
    repeated, with an emoji now and then) and `spans` token-aligned spans, some nested."""
    # The reference article by name: the seed folder holds shorter practice articles too.
    source = (seeds_dir() / "kazakhstan-csto-withdrawal.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in source.split("\n\n") if p.strip()]
    rng = random.Random(seed)
    out: list[str] = []
    count = 0
    while count < words:
        p = rng.choice(paragraphs)
        out.append(p if rng.random() > 0.1 else p + " 👍🏽")
        count += len(p.split())
    text = "\n\n".join(out)
    tokens = [Token(m.start(), m.end(), text[m.end():m.end() + 1] == " ") for m in _TOKEN.finditer(text)]
    words_only = [t for t in tokens if text[t.start].isalnum()]
    chosen = sorted(rng.sample(range(len(words_only) - 3), spans))
    result = []
    for n, i in enumerate(chosen):
        first, last = words_only[i], words_only[i + rng.choice((0, 0, 1, 2))]
        state = (State.SUGGESTED, State.ACCEPTED, State.REJECTED)[n % 3 if n % 7 else 0]
        result.append(Span(first.start, last.end, LABELS[n % len(LABELS)], text[first.start:last.end],
                           state=state, id=n + 1))
    return text, result, tokens


def _stats(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered) * 1e3, ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1e3


def measure(rounds: int = ROUNDS) -> dict:
    app = QApplication.instance() or QApplication([])
    docs = [article(5_000, 300, seed) for seed in (1, 2)]
    view, bare = ArticleView(), QTextEdit()
    view.set_label_colours(label_colours(default_label_set()))
    for w in (view, bare):
        w.resize(1000, 800)
        w.show()
    switch, plain, paint, bare_paint = [], [], [], []
    for i in range(rounds + 4):  # the first rounds warm caches (fonts, glyphs) and are dropped
        text, spans, tokens = docs[i % 2]
        t0 = time.perf_counter()
        view.show_document(text, spans, tokens)
        t1 = time.perf_counter()
        view.viewport().repaint()
        t2 = time.perf_counter()
        bare.setPlainText(text)
        t3 = time.perf_counter()
        bare.viewport().repaint()
        t4 = time.perf_counter()
        app.processEvents()
        if i >= 4:
            switch.append(t1 - t0)
            paint.append(t2 - t1)
            plain.append(t3 - t2)
            bare_paint.append(t4 - t3)
    scroll = _scroll(app, view)
    view.close()
    bare.close()
    (sw_med, sw_p95), (pl_med, pl_p95) = _stats(switch), _stats(plain)
    (pa_med, pa_p95), (bp_med, _) = _stats(paint), _stats(bare_paint)
    return {
        "words": len(docs[0][0].split()), "spans": len(docs[0][1]), "rounds": rounds,
        "switch_median_ms": round(sw_med, 2), "switch_p95_ms": round(sw_p95, 2),
        "setplaintext_median_ms": round(pl_med, 2), "setplaintext_p95_ms": round(pl_p95, 2),
        "switch_ratio": round(sw_med / pl_med, 2),
        "first_paint_median_ms": round(pa_med, 2), "first_paint_p95_ms": round(pa_p95, 2),
        "bare_first_paint_median_ms": round(bp_med, 2),
        **scroll,
    }


def _scroll(app, view: ArticleView) -> dict:
    """Paint time per page while scrolling a 50,000-word article with 3,000 spans, and the
    time of `set_spans` plus a repaint on it."""
    text, spans, tokens = article(50_000, 3_000, 3)
    view.show_document(text, spans, tokens)
    bar = view.verticalScrollBar()
    view.document().size()  # finish the lazy layout first: measure painting, not layout
    times = []
    for value in range(0, bar.maximum(), max(1, bar.pageStep() // 2)):
        bar.setValue(value)
        t0 = time.perf_counter()
        view.viewport().repaint()
        times.append(time.perf_counter() - t0)
        app.processEvents()
    med, p95 = _stats(times)
    respans = []
    for _ in range(10):  # an action on a long article: new spans, same text
        t0 = time.perf_counter()
        view.set_spans(spans)
        view.viewport().repaint()
        respans.append(time.perf_counter() - t0)
    linking = []
    for i in range(10):  # an event picked in the panel: arcs to four arguments near its trigger, then cleared
        head = spans[1000 + 50 * i]
        links = [Link((head.start, head.end), (s.start, s.end), "Role") for s in spans[1001 + 50 * i:1005 + 50 * i]]
        t0 = time.perf_counter()
        view.set_links(links, [(head.start, head.end)])
        view.viewport().repaint()
        view.set_links([])
        linking.append(time.perf_counter() - t0)
    return {"scroll_pages": len(times), "scroll_paint_median_ms": round(med, 2), "scroll_paint_p95_ms": round(p95, 2),
            "long_set_spans_median_ms": round(_stats(respans)[0], 2),
            "long_set_links_median_ms": round(_stats(linking)[0], 2)}


if __name__ == "__main__":
    result = measure()
    print(f"show_document {result['switch_median_ms']} ms median, {result['switch_p95_ms']} ms p95; "
          f"setPlainText {result['setplaintext_median_ms']} ms median: ratio {result['switch_ratio']}")
    print(f"first paint {result['first_paint_median_ms']} ms median (bare QTextEdit "
          f"{result['bare_first_paint_median_ms']} ms); 50,000 words, 3,000 spans: scroll paint p95 "
          f"{result['scroll_paint_p95_ms']} ms, set_spans + repaint {result['long_set_spans_median_ms']} ms, "
          f"set_links + repaint + clear {result['long_set_links_median_ms']} ms")
    print(json.dumps(result))
