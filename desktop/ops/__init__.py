"""Every user action as a function; the GUI and the CLI call these and nothing else.

Names load on first use (PEP 562), so `from desktop import ops` costs nothing at start-up:
the window reaches its first article without importing the formats, events or import code.
There is no eager `if TYPE_CHECKING:` copy of the names: no type checker runs here, and a
second list only drifts; `dir(ops)` lists them for a REPL.
"""

from __future__ import annotations

import importlib
from typing import Any

# The one list of names: module -> the names `desktop.ops` offers from it.
# tests/test_ops_namespace.py checks it against the modules both ways.
_NAMES: dict[str, tuple[str, ...]] = {
    "desktop.ops.annotate": ("accept_span", "add_span", "delete_span", "mark_done", "redo", "reject_span",
                             "relabel_span", "resize_span", "set_status", "undo"),
    "desktop.ops.backups": ("backup_if_due", "backup_project", "list_backups", "plan_restore", "restore_hint",
                            "restore_project", "RestorePlan"),
    "desktop.ops.event_actions": ("add_argument", "add_event", "delete_event", "doc_labels", "events",
                                  "missing_roles", "remove_argument", "role_choices", "set_event_type",
                                  "toggle_doc_label"),
    "desktop.ops.exporting": ("export", "FORMATS", "EXPORT_CHOICES"),
    "desktop.ops.importing": ("import_paths", "import_seeds", "ImportReport", "IMPORT_FORMATS", "IMPORT_FILTER"),
    "desktop.ops.listing": ("count_documents", "done_since", "first_open_document", "list_page", "list_rows",
                            "list_through", "ListQuery", "ListRow", "next_document", "progress", "StatusCounts",
                            "session_start", "SORTS"),
    "desktop.ops.outcome": ("Outcome",),
    "desktop.ops.preannotating": ("preannotate", "PreannotateReport", "preannotation_batches", "save_suggestions"),
    "desktop.ops.project": ("open_project", "preset_annotator", "project_label_colours", "project_label_set"),
    "desktop.ops.reading": ("check_project", "document_spans", "document_status", "DocumentView", "first_run_due",
                            "installed_models", "lock_wait", "model_in_use", "model_setting", "new_project",
                            "no_model_help", "open_document", "pending_preannotation", "preload", "set_model"),
    "desktop.ops.label_set": ("check_label_set_file", "label_set_conflicts", "label_set_text", "LabelSetConflicts",
                              "set_label_set", "why_not_attribute", "why_not_relation"),
    # h-conf (issue 10): brat's annotation.conf as a source of label-set declarations
    "desktop.ops.label_set_conf": ("brat_confs", "label_set_from_conf", "ConfMerge"),
    "desktop.ops.validation": ("validate",),
    "desktop.ops.writing": ("Locked", "open_for_writing", "other_writers"),
    "desktop.store.stats": ("stats",),
    # issue 10's annotation kinds (h-kinds)
    "desktop.ops.kind_actions": ("add_note", "add_relation", "check_relation", "clear_attribute",
                                 "clear_normalisation", "delete_note", "delete_relation", "document_kinds",
                                 "edit_note", "notes", "relations", "set_attribute", "set_normalisation"),
    # issue 10's GUI for the kinds (h-arcs)
    "desktop.ops.kind_choices": ("attribute_choices", "relation_choices"),
    # Teams (issue 11)
    "desktop.ops.assigning": ("assign", "AssignReport"),
    "desktop.ops.merging": ("merge_file", "merge_files", "MergeReport"),
    "desktop.ops.agreement": ("measure_agreement",),
    "desktop.ops.adjudicating": ("decide", "decided", "Disagreement", "preaccept", "review", "Review",
                                 "review_documents", "document_agreement", "team_agreement", "BOTH", "NEITHER",
                                 "decisions"),
    # issue 12 (h-flow): the annotator's flow
    "desktop.ops.recall": ("undo_text",),
    "desktop.ops.bulk": ("BulkOutcome", "Found", "judge_all", "mark_all", "occurrences", "plan_judge_all",
                         "plan_mark_all", "search_annotations"),
    "desktop.ops.edges": ("move_span_edge",),
    # issue 13 (h-learn): the model's event suggestions, training and model versions
    "desktop.ops.event_suggestions": ("accept_argument", "accept_event", "reject_argument", "reject_event"),
    "desktop.ops.models": ("list_models", "ModelVersion", "models_dir", "resolve_model", "set_suggestion_threshold",
                           "suggestion_threshold"),
    "desktop.ops.training": ("score_lines", "train_model", "TrainReport"),
    # issue 13 (h-learn2): a trained model's document labels
    "desktop.ops.suggested_labels": ("doc_label_suggestions",),
    # h-hostile: damaged spans refused by name before render draws them
    "desktop.ops.damage": ("damaged_span", "damage_refusal", "span_ends"),
    # issue 13 (h-news): the list's orders for `spandesk list` and `gui --order`
    "desktop.ops.document_order": ("list_documents", "ListedDocument", "order_query", "ORDERS", "STATUSES"),
    # issue 12 (h-effort): the same words offered the label the annotator just gave
    "desktop.ops.same_words": ("label_words", "relabel_words"),
    # issue 12 (h-effort2, h-effort3): Shift+Enter and Shift+X, a suggested event settled in one key
    "desktop.ops.event_whole": ("accept_event_whole", "accept_event_reject_open"),
    # issue 12 (h-effort3): label-first with Shift, a suggestion given new words and a label at once
    "desktop.ops.reshaping": ("reshape_words",),
    # h-fuzz: rows damaged past SQLite's checks, named instead of an internal error
    "desktop.ops.row_check": ("row_damage",),
}

# Public in their modules for other ops modules (and the window's workers), but not actions
# the GUI and the CLI call through `desktop.ops`.
_HELPERS: dict[str, tuple[str, ...]] = {
    "desktop.ops.exporting": ("record", "records"),
    "desktop.ops.finding": ("Skipped", "expand"),
    "desktop.ops.import_kinds": ("store_kinds",),
    "desktop.ops.importing": ("seed_files",),
    "desktop.ops.outcome": ("touch",),
    "desktop.ops.reading": ("document_tokens",),
    "desktop.ops.label_set": ("Renames", "renames"),
    "desktop.ops.validation": ("event_problems",),
    # Teams (issue 11)
    "desktop.ops.assigning": ("split",),
    "desktop.ops.agreement": ("chosen_annotators", "doc_work"),
    "desktop.ops.team_export": ("annotator_ids", "annotator_records", "session_id"),
    "desktop.ops.adjudicating": ("event_key", "relation_key"),
    "desktop.ops.event_suggestions": ("accept_open_events", "accept_triggered", "take_suggested"),
    "desktop.ops.models": ("new_version_dir", "write_info"),
    "desktop.ops.training": ("training_documents",),  # issue 13 (h-learn2): what training reads
    # h-hostile: export checks each record for damaged spans
    "desktop.ops.damage": ("checked_records",),
    # issue 12 (h-effort): inside an action, the same words offered a label
    "desktop.ops.same_words": ("offer_same_words",),
}

# name -> the module that defines it
_WHERE: dict[str, str] = {name: module for module, names in _NAMES.items() for name in names}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return __all__

