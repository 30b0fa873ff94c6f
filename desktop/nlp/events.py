"""Suggesting events before any training: triggers from the lexicon, arguments from the schema.

Triggers are the words of a parsed document whose lemmas (and part of speech) the trigger
lexicon lists; arguments are the entities of the trigger's sentence that the label set lets
fill one of the event type's roles, nearest in the dependency tree first. Everything leaves
this module as core data (Span, Event, Argument), with a score beside it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from desktop.core.model import Argument, Event, Layer, Source, Span, SpandeskError, State
from desktop.core.triggers import STRONG, WEAK, Lexicon

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher
    from spacy.tokens import Doc, Token

    from desktop.core.label_set import EventType, LabelSet

# What triggers and arguments need: POS tags and lemmas to match, the parse for sentences and
# distances (either name of each will do). The entities come from the document's own spans,
# so the pipeline's are not needed.
_NEEDED = (("tagger", "morphologizer"), ("lemmatizer", "trainable_lemmatizer"), ("parser",))

# How an entity hangs off its trigger says which role it plays, where the label alone cannot:
# a preposition names a place or a direction; an object is what the event happens to.
_PREPOSITION_ROLES = {
    "from": ("Origin",), "out": ("Origin",),
    "to": ("Destination",), "into": ("Destination", "Vehicle"), "onto": ("Vehicle",),
    "toward": ("Destination",),
    "towards": ("Destination",), "for": ("Destination", "Beneficiary"),
    "in": ("Place",), "at": ("Place",), "near": ("Place",), "inside": ("Place",),
    "outside": ("Place",), "across": ("Place",), "on": ("Time", "Place"),
    "by": ("Agent", "Attacker", "Adjudicator", "Prosecutor", "Entity"),
    "with": ("Instrument", "Vehicle"), "aboard": ("Vehicle",),
    "of": ("Victim", "Artifact", "Target", "Person", "Defendant", "Org"),  # "the arrest of X"
}
# Roles an event happens to, in ACE's terms: the object of the trigger, or the subject of an
# intransitive one ("troops withdrew": the troops are moved, not movers).
PATIENT_ROLES = ("Victim", "Artifact", "Target", "Person", "Defendant", "Org", "Entity", "Recipient")
_OBJECT = {"dobj", "nsubjpass", "obj", "iobj", "dative", "attr", "oprd", "csubjpass"}
_SUBJECT = {"nsubj", "agent", "poss", "compound", "csubj", "expl"}

# A "sentence" longer than this is not one (a table, a dump without full stops): no arguments.
MAX_SENTENCE = 200

# Arguments the parse ties to the trigger score more than those only sharing its sentence.
_TIED, _LOOSE = 1.0, 0.5


class EventSuggestion(NamedTuple):
    """A suggested event: its trigger and arguments as core data, and how sure the lexicon is."""

    event: Event
    score: float  # of the trigger: 1.0 for a word that evokes only this type, less when shared
    argument_scores: tuple[float, ...]  # one per argument: higher when nearer and tied by the parse


def load(name_or_path: str, *, entities: bool = False) -> Language:
    """A pipeline that tags, lemmatizes and parses (and finds entities, if asked)."""
    import spacy

    from desktop.nlp.models import NO_MODEL_HELP, find_model

    name = find_model(name_or_path)
    if name is None:
        raise SpandeskError(NO_MODEL_HELP)
    exclude = ["senter"] if entities else ["senter", "ner"]
    try:
        nlp = spacy.load(name, exclude=exclude)
    except (OSError, ValueError) as err:
        raise SpandeskError(f"cannot load spaCy pipeline {name!r}: {err}") from err
    missing = [names[0] for names in _NEEDED if not set(names) & set(nlp.pipe_names)]
    if missing:
        raise SpandeskError(
            f"spaCy pipeline {name!r} cannot suggest events: it has no {', '.join(missing)}")
    return nlp


def lexicon_id(lexicon: Lexicon) -> str:
    """Which lexicon made a suggestion, as stored in a span's `model`: "lexicon:ace-triggers@1"."""
    return f"lexicon:{lexicon.name}@{lexicon.version}"


class Suggester:
    """Matches one lexicon on documents of one pipeline; build it once and reuse it."""

    def __init__(self, nlp: Language, label_set: LabelSet, lexicon: Lexicon) -> None:
        self.label_set, self.lexicon = label_set, lexicon
        self.model = lexicon_id(lexicon)
        self.matcher, self.evokes = _matcher(nlp, label_set, lexicon)

    def triggers(self, doc: Doc) -> list[tuple[Span, float]]:
        """Trigger spans the lexicon finds in `doc`, each with its score, in text order."""
        found: dict[tuple[int, int], dict[str, float]] = defaultdict(dict)
        matches = [(start, end, key) for key, start, end in self.matcher(doc)]
        for start, end, key in matches:
            # A phrase outranks the words inside it: "open fire" is not also "fire".
            if any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in matches):
                continue
            (_words, pos), types = self.evokes[key]
            if doc[start].pos_ == "PROPN" and pos != "PROPN":
                continue  # a name ("Peace March Committee"), not an event
            if end - start == 1 and doc[start].dep_ == "compound":
                continue  # a noun naming a kind of thing: "transport aircraft", "arrest warrant"
            for event_type, strength in types:
                had = found[start, end].get(event_type, 0.0)
                found[start, end][event_type] = max(had, strength)
        spans = []
        for (start, end), types in sorted(found.items()):
            where = doc[start:end]
            for event_type, strength in types.items():
                span = Span(where.start_char, where.end_char, event_type, where.text,
                            layer=Layer.TRIGGER, source=Source.MODEL, state=State.SUGGESTED,
                            model=self.model)
                spans.append((span, round(strength / len(types), 3)))
        return spans

    def suggest(self, doc: Doc, entities: Iterable[Span]) -> list[EventSuggestion]:
        """Events for `doc`: each trigger the lexicon finds, with arguments from `entities`."""
        entities = [e for e in entities if e.layer == Layer.ENTITY and e.state != State.REJECTED]
        out = []
        for trigger, score in self.triggers(doc):
            arguments = self.arguments(doc, trigger, entities)
            event = Event(trigger.label, trigger, tuple(a for a, _ in arguments))
            out.append(EventSuggestion(event, score, tuple(s for _, s in arguments)))
        return out

    def suggest_text(self, nlp: Language, text: str, entities: Iterable[Span],
                     limit: int | None = None) -> list[EventSuggestion]:
        """`suggest` for a whole document's text, parsed in pieces of at most `limit` characters
        (cut at paragraphs, as pre-annotation cuts them) so any length fits the pipeline."""
        from desktop.nlp.annotate import PIECE, chunks

        out = []
        for offset, piece in chunks(text, limit or min(nlp.max_length - 1_000, PIECE)):
            end = offset + len(piece)
            inside = [replace(e, start=e.start - offset, end=e.end - offset)
                      for e in entities if offset <= e.start and e.end <= end]
            for found in self.suggest(nlp(piece), inside):
                out.append(_shifted(found, offset, text))
        return out

    def arguments(self, doc: Doc, trigger: Span, entities: Iterable[Span]) -> list[tuple[Argument, float]]:
        """Entities of the trigger's sentence in the roles they may fill, nearest first.

        Each entity fills at most one role; a role the schema marks `many = false` is filled
        at most once. Objects of the trigger are placed before its subject, so a subject
        takes the agent's role when something else is moved, hurt or arrested, and the
        patient's role when nothing is ("the forces withdrew")."""
        event_type = self.label_set.event(trigger.label)
        head_span = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
        if event_type is None or head_span is None:
            return []
        head = head_span.root
        sent = head.sent
        if len(sent) > MAX_SENTENCE:
            return []  # no sentence at all (a list, a dump): every pair would be compared
        candidates = []
        for entity in entities:
            if entity.start < sent.start_char or entity.end > sent.end_char:
                continue
            if entity.start < trigger.end and trigger.start < entity.end:
                continue  # the trigger's own words are not its argument
            roles = [r.name for r in self.label_set.roles_for(event_type.name, entity.label)]
            tokens = doc.char_span(entity.start, entity.end, alignment_mode="expand")
            if roles and tokens is not None and not _modifier(entity, tokens.root):
                relation = _relation(head, tokens.root)
                candidates.append((_distance(head, tokens.root), relation, entity, roles))
        # Objects first (see the docstring), then by distance; ties in text order.
        candidates.sort(key=lambda c: (c[1][0] != "object", c[0], c[2].start))
        filled: dict[str, int] = defaultdict(int)
        chosen = []
        for distance, relation, entity, roles in candidates:
            role, tied = _choose(event_type, roles, relation, filled)
            if role is None:
                continue
            filled[role] += 1
            chosen.append((distance, entity.start, Argument(role, entity),
                           round((_TIED if tied else _LOOSE) / max(distance, 1), 3)))
        chosen.sort(key=lambda c: (c[0], c[1]))
        return [(argument, score) for _, _, argument, score in chosen]


def _shifted(found: EventSuggestion, offset: int, text: str) -> EventSuggestion:
    """A suggestion made on a piece of `text`, with offsets into the whole text."""
    def back(span: Span) -> Span:
        start, end = span.start + offset, span.end + offset
        return replace(span, start=start, end=end, text=text[start:end])

    event = found.event
    arguments = tuple(Argument(a.role, back(a.span)) for a in event.arguments)
    return found._replace(event=replace(event, trigger=back(event.trigger), arguments=arguments))


def _matcher(nlp: Language, label_set: LabelSet, lexicon: Lexicon) -> tuple[Matcher, dict]:
    """A Matcher with one rule per distinct (words, POS), and what each rule evokes."""
    from spacy.matcher import Matcher

    matcher = Matcher(nlp.vocab)
    by_key: dict[tuple, list[tuple[str, float]]] = defaultdict(list)
    for trigger in lexicon.triggers:
        if label_set.event(trigger.event_type) is not None:
            by_key[trigger.key].append((trigger.event_type, WEAK if trigger.weak else STRONG))
    evokes = {}
    for i, ((words, pos), types) in enumerate(by_key.items()):
        pattern = []
        for word in words:
            # spaCy splits "sit-in" into sit, -, in; and lemmatizes a capitalized word at the
            # start of a headline to its capitalized form.
            for part in _split_hyphens(word):
                pattern.append({"LEMMA": {"IN": sorted({part, part.capitalize(), part.upper()})}})
        if pos:
            pattern[0]["POS"] = pos
        key = nlp.vocab.strings.add(f"trigger:{i}")
        matcher.add(f"trigger:{i}", [pattern])
        evokes[key] = ((words, pos), types)
    return matcher, evokes


def _modifier(entity: Span, root: Token) -> bool:
    """An entity used as an adjective ("Russian-led", "the Kazakh authorities") describes a
    participant; it is not one."""
    if entity.label in ("DATE", "TIME", "MONEY"):
        return False  # "One week after ..." is a time however it hangs in the parse
    return root.dep_ in ("amod", "npadvmod") or (entity.label == "NORP" and root.dep_ == "compound")


def _split_hyphens(word: str) -> list[str]:
    parts = word.split("-")
    return [p for part in parts for p in (part, "-")][:-1]


def _path_up(token: Token) -> list[Token]:
    path = [token]
    while path[-1].head.i != path[-1].i:
        path.append(path[-1].head)
    return path


def _distance(a: Token, b: Token) -> int:
    """Edges between two tokens in the dependency tree (a sentence is one tree)."""
    up_a, up_b = _path_up(a), _path_up(b)
    depth_b = {t.i: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t.i in depth_b:
            return n + depth_b[t.i]
    return len(up_a) + len(up_b)  # different trees: as far as can be


def _relation(head: Token, entity: Token) -> tuple[str, str]:
    """How the entity hangs off the trigger: ("object"|"subject"|"prep"|"", preposition).

    A trigger joined to another by "and" shares its arguments ("were killed and injured"),
    and a noun trigger shares the subject of its light verb ("the alliance began the withdrawal")."""
    path = _path_up(entity)

    def under(h: Token) -> Token | None:  # the entity's ancestor right below h
        return next((b for b, a in zip(path, path[1:]) if a.i == h.i), None)

    for h in (head, head.head) if head.dep_ == "conj" else (head,):
        below = under(h)
        if below is None:
            continue
        if below.dep_ == "prep" or below.dep_ == "agent":
            return "prep", below.lower_
        if below.dep_ in _OBJECT:
            return "object", ""
        if below.dep_ in _SUBJECT:
            return "subject", ""
        return "", ""
    if head.dep_ == "dobj":
        below = under(head.head)
        if below is not None and below.dep_ in _SUBJECT:
            return "subject", ""
    return "", ""


def _choose(event_type: EventType, roles: list[str], relation: tuple[str, str],
            filled: dict[str, int]) -> tuple[str | None, bool]:
    """The role an entity takes, and whether the parse tied it to the trigger."""
    def free(name: str) -> bool:
        role = event_type.role(name)
        return role is not None and (role.many or filled[name] == 0)

    kind, preposition = relation
    open_roles = [r for r in roles if free(r)]
    if not open_roles:
        return None, False
    patients = [r for r in PATIENT_ROLES if r in open_roles]
    agents = [r for r in open_roles if r not in PATIENT_ROLES]
    if kind == "prep":
        hinted = [r for r in _PREPOSITION_ROLES.get(preposition, ()) if r in open_roles]
        if hinted:
            return hinted[0], True
    if kind == "object":
        # A place as the object is where the event goes or happens ("visited Almaty").
        hinted = patients or [r for r in ("Destination", "Place") if r in open_roles]
        if hinted:
            return hinted[0], True
    if kind == "subject":
        # Something else already fills the patient's role: the subject is the one acting.
        patient_filled = any(filled[r] for r in PATIENT_ROLES)
        if agents and (patient_filled or not patients):
            return agents[0], True
        return (patients or agents)[0], True
    # Untied: a place or a time sets the scene more often than it acts ("killed ... in Kyiv").
    setting = [r for r in ("Place", "Time") if r in open_roles]
    return (setting or open_roles)[0], False
