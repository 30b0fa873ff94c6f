"""The entity labels' colours from a project's stored label set, without reading the rest.

The window's first paint needs nothing of the label set but these colours. Reading the
whole of it (desktop.core.label_set: seven dataclasses to define, then every declaration
built and checked) cost that paint about 3.5 ms, so the window reads only this before it,
and the label set itself once the article is on screen (desktop/ui/desk.py).

`parse` is also the label set's own first step (`label_set.from_json`), so both refuse a
stored label set that is not JSON with the same words.
"""

from __future__ import annotations

import json

from desktop.core.model import BadInput


def parse(stored: str, source: str) -> object:
    """The JSON a project keeps its label set in (`label_set.to_json`), parsed; BadInput
    naming `source` and the line when it is not JSON."""
    try:
        return json.loads(stored)
    except json.JSONDecodeError as e:
        raise BadInput(f"schema JSON: {e.msg} (column {e.colno})", source, e.lineno) from None
    except RecursionError:
        raise BadInput("schema JSON nested too deeply to read", source) from None


def entity_colours(stored: str, source: str = "project metadata") -> dict[str, str]:
    """Each entity label's colour as the stored label set gives it (as `LabelSet.entities`
    would: a later entry of the same name wins). What is not an entity with a text name
    and colour is passed over here: the label set's full reading says what is wrong."""
    data = parse(stored, source)
    entities = data.get("entity") if isinstance(data, dict) else None
    colours: dict[str, str] = {}
    for item in entities if isinstance(entities, list) else ():
        if isinstance(item, dict) and isinstance(item.get("name"), str) and isinstance(item.get("colour"), str):
            colours[item["name"]] = item["colour"]
    return colours
