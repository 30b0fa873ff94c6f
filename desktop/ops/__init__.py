"""Every user action as a function; the GUI and the CLI call these and nothing else.

Names load on first use (PEP 562), so `from desktop import ops` costs nothing at start-up:
the window reaches its first article without importing the formats, events or import code.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# name -> the module that defines it
_WHERE: dict[str, str] = {
    "accept_span": "desktop.ops.annotate", "add_span": "desktop.ops.annotate",
    "delete_span": "desktop.ops.annotate", "mark_done": "desktop.ops.annotate",
    "Outcome": "desktop.ops.annotate", "redo": "desktop.ops.annotate", "reject_span": "desktop.ops.annotate",
    "relabel_span": "desktop.ops.annotate", "resize_span": "desktop.ops.annotate",
    "set_status": "desktop.ops.annotate", "undo": "desktop.ops.annotate",
    "backup_if_due": "desktop.ops.backups", "backup_project": "desktop.ops.backups",
    "list_backups": "desktop.ops.backups", "plan_restore": "desktop.ops.backups",
    "restore_hint": "desktop.ops.backups", "restore_project": "desktop.ops.backups",
    "RestorePlan": "desktop.ops.backups",
    "add_argument": "desktop.ops.event_actions", "add_event": "desktop.ops.event_actions",
    "delete_event": "desktop.ops.event_actions", "doc_labels": "desktop.ops.event_actions", "events": "desktop.ops.event_actions",
    "missing_roles": "desktop.ops.event_actions", "remove_argument": "desktop.ops.event_actions",
    "role_choices": "desktop.ops.event_actions", "set_event_type": "desktop.ops.event_actions",
    "toggle_doc_label": "desktop.ops.event_actions",
    "export": "desktop.ops.exporting", "FORMATS": "desktop.ops.exporting",
    "import_paths": "desktop.ops.importing", "import_seeds": "desktop.ops.importing",
    "ImportReport": "desktop.ops.importing",
    "count_documents": "desktop.ops.listing", "done_since": "desktop.ops.listing",
    "first_open_document": "desktop.ops.listing", "list_page": "desktop.ops.listing",
    "list_rows": "desktop.ops.listing", "list_through": "desktop.ops.listing",
    "ListQuery": "desktop.ops.listing", "ListRow": "desktop.ops.listing",
    "next_document": "desktop.ops.listing", "Progress": "desktop.ops.listing",
    "progress": "desktop.ops.listing", "session_start": "desktop.ops.listing", "SORTS": "desktop.ops.listing",
    "preannotate": "desktop.ops.preannotating", "PreannotateReport": "desktop.ops.preannotating",
    "preannotation_batches": "desktop.ops.preannotating", "save_suggestions": "desktop.ops.preannotating",
    "open_project": "desktop.ops.project", "project_schema": "desktop.ops.project",
    "check_project": "desktop.ops.reading", "document_spans": "desktop.ops.reading",
    "document_status": "desktop.ops.reading", "DocumentView": "desktop.ops.reading",
    "first_run_due": "desktop.ops.reading", "installed_models": "desktop.ops.reading",
    "lock_wait": "desktop.ops.reading", "model_in_use": "desktop.ops.reading",
    "model_setting": "desktop.ops.reading", "new_project": "desktop.ops.reading",
    "no_model_help": "desktop.ops.reading", "open_document": "desktop.ops.reading",
    "pending_preannotation": "desktop.ops.reading", "preload": "desktop.ops.reading",
    "set_model": "desktop.ops.reading",
    "check_schema_file": "desktop.ops.schema", "schema_conflicts": "desktop.ops.schema",
    "schema_text": "desktop.ops.schema", "SchemaConflicts": "desktop.ops.schema",
    "set_schema": "desktop.ops.schema",
    "validate": "desktop.ops.validation",
    "Locked": "desktop.ops.writing", "open_for_writing": "desktop.ops.writing",
    "other_writers": "desktop.ops.writing",
    "stats": "desktop.store.stats",
}

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


if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from desktop.ops.annotate import (accept_span, add_span, delete_span, mark_done, Outcome, redo, reject_span, relabel_span, resize_span, set_status, undo)
    from desktop.ops.backups import (backup_if_due, backup_project, list_backups, plan_restore, restore_hint, restore_project, RestorePlan)
    from desktop.ops.event_actions import (add_argument, add_event, delete_event, doc_labels, events, missing_roles, remove_argument, role_choices, set_event_type, toggle_doc_label)
    from desktop.ops.exporting import (export, FORMATS)
    from desktop.ops.importing import (import_paths, import_seeds, ImportReport)
    from desktop.ops.listing import (count_documents, done_since, first_open_document, list_page, list_rows, list_through, ListQuery, ListRow, next_document, Progress, progress, session_start, SORTS)
    from desktop.ops.preannotating import (preannotate, preannotation_batches, PreannotateReport, save_suggestions)
    from desktop.ops.project import (open_project, project_schema)
    from desktop.ops.reading import (check_project, document_spans, document_status, DocumentView, first_run_due, installed_models, lock_wait, model_in_use, model_setting, new_project, no_model_help, open_document, pending_preannotation, preload, set_model)
    from desktop.ops.schema import (check_schema_file, schema_conflicts, schema_text, SchemaConflicts, set_schema)
    from desktop.ops.validation import (validate)
    from desktop.ops.writing import (Locked, open_for_writing, other_writers)
    from desktop.store.stats import (stats)
