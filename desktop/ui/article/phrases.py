"""Candidate phrases for the jump hints (issue 12's effort): the multi-word stretches a
new entity most often covers, found from the text and its stored tokens alone (no tagger:
the stored tokens carry no parts of speech), so one hint selects a whole phrase where the
word's hint needs a Shift+→ per further word.

What counts as a phrase:

* a word joined by hyphens or slashes with no space ("Kassym-Jomart", "ex-Soviet"), which
  is several tokens;
* in a run of content words (no function word, punctuation or line break between them):
  the run itself, its beginnings and its endings of two words or more ("Russian-led
  military alliance", "military equipment", "Kassym-Jomart Tokayev" in "Kazakh President
  Kassym-Jomart Tokayev"), up to `LONGEST` words;
* a noun with "of" and its complement, "the" allowed ("head of state", "members of the
  security forces"), up to `OF_WORDS` words after "of" and its article;
* a quantity: a number with the noun after it, and a quantifier before it ("more than
  2,000 soldiers", "more than 2,000", "2,000 soldiers"), or "hundreds of" and a noun.

`phrases(text, tokens)` returns (start, end) code-point pairs, sorted, without single
tokens (those have their word hints).
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.model import Token

LONGEST = 5  # words; a longer run is offered by its beginnings and endings only
OF_WORDS = 3  # the longest complement offered after "of"
ARTICLES = frozenset({"the", "a", "an"})

# English function words: a run of content words stops at them (a name or noun phrase
# seldom holds one, "head of state" aside, which Shift+→ still reaches).
FUNCTION = frozenset("""
a an the of in on at to for from by with and or but nor as is was were are be been being am
has have had do does did that which who whom whose this these those its his her their our your
my it he she they we you i me him us them said says say after before since than then there here
when where while into onto over under about against between during through not no so if also
would will can could should may might must shall upon per via within without among across
again still now very just only even such both each every all any some other another own same
more most less least fewer many much several few
""".split())
QUANTIFIERS = (("more", "than"), ("less", "than"), ("fewer", "than"), ("at", "least"), ("at", "most"),
               ("up", "to"), ("about",), ("around",), ("nearly",), ("almost",), ("over",), ("some",))
MULTITUDES = frozenset({"dozens", "hundreds", "thousands", "millions", "billions", "scores"})
JOINERS = frozenset({"-", "\u2010", "\u2011", "/"})


def _units(text: str, tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Words as the eye reads them: tokens glued by a hyphen or slash are one (start, end)."""
    units: list[tuple[int, int]] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        if not text[tok.start:tok.end].strip():
            i += 1
            continue
        start, end = tok.start, tok.end
        while (i + 2 < n and tokens[i + 1].start == end and text[tokens[i + 1].start:tokens[i + 1].end] in JOINERS
               and tokens[i + 2].start == tokens[i + 1].end and text[end - 1:end].isalnum()
               and text[tokens[i + 2].start:tokens[i + 2].start + 1].isalnum()):
            end = tokens[i + 2].end
            i += 2
        units.append((start, end))
        i += 1
    return units


def _is_word(text: str, unit: tuple[int, int]) -> bool:
    return any(c.isalnum() for c in text[unit[0]:unit[1]])


def _is_number(word: str) -> bool:
    return word[:1].isdigit() and all(c.isdigit() or c in ",." for c in word)


def phrases(text: str, tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """The candidate phrases of `text` (module docstring): (start, end) pairs, sorted."""
    units = _units(text, tokens)
    words = [text[a:b] for a, b in units]
    found: set[tuple[int, int]] = set()
    single = {(t.start, t.end) for t in tokens}
    for unit in units:
        if unit not in single:
            found.add(unit)  # a hyphenated word: several tokens
    # Runs of content words, split where anything but one space or a joiner stands between.
    run: list[int] = []

    def close() -> None:
        for length in range(2, min(len(run), LONGEST) + 1):
            first, last = run[:length], run[-length:]
            found.add((units[first[0]][0], units[first[-1]][1]))
            found.add((units[last[0]][0], units[last[-1]][1]))
        run.clear()

    for k, unit in enumerate(units):
        content = _is_word(text, unit) and words[k].lower() not in FUNCTION and not _is_number(words[k])
        if run and (not content or text[units[run[-1]][1]:unit[0]] != " "):
            close()
        if content:
            run.append(k)
    close()
    # "X of (the) Y": a noun with its complement ("head of state", "members of the security
    # forces"), the complement a run of content words, up to its end or `OF_WORDS` words.
    for k, word in enumerate(words):
        if not (_content(text, units, words, k) and k + 2 < len(words) and words[k + 1].lower() == "of"
                and _plain_gap(text, units, k + 1) and _plain_gap(text, units, k + 2)):
            continue
        j = k + 2
        if words[j].lower() in ARTICLES and j + 1 < len(words) and _plain_gap(text, units, j + 1):
            j += 1
        for n in range(OF_WORDS):
            if j + n >= len(words) or not _content(text, units, words, j + n) or (
                    n and not _plain_gap(text, units, j + n)):
                break
            found.add((units[k][0], units[j + n][1]))
    # Quantities.
    for k, word in enumerate(words):
        if not (_is_number(word) or word.lower() in MULTITUDES):
            continue
        ends = [k]
        after = k + 1
        if word.lower() in MULTITUDES:
            if after + 1 < len(words) and words[after].lower() == "of":
                after += 1
            else:
                continue
        if after < len(words) and _plain_gap(text, units, after) and _noun_like(words[after]):
            ends.append(after)
        starts = [k]
        for quantifier in QUANTIFIERS:
            q = len(quantifier)
            if k - q >= 0 and tuple(w.lower() for w in words[k - q:k]) == quantifier and all(
                    _plain_gap(text, units, j) for j in range(k - q + 1, k + 1)):
                starts.append(k - q)
        for s in starts:
            for e in ends:
                if e > s:
                    found.add((units[s][0], units[e][1]))
    return sorted(found - single)


def _content(text: str, units: list[tuple[int, int]], words: list[str], k: int) -> bool:
    return _is_word(text, units[k]) and words[k].lower() not in FUNCTION and not _is_number(words[k])


def _plain_gap(text: str, units: list[tuple[int, int]], k: int) -> bool:
    """Whether unit k follows unit k-1 after one space."""
    return k > 0 and text[units[k - 1][1]:units[k][0]] == " "


def _noun_like(word: str) -> bool:
    return word.isalpha() and word.lower() not in FUNCTION
