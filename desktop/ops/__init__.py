"""Every user action as a function; the GUI and the CLI call these and nothing else."""

from desktop.ops.annotate import (
    Outcome,
    accept_span,
    add_span,
    delete_span,
    mark_done,
    redo,
    reject_span,
    relabel_span,
    resize_span,
    set_status,
    undo,
)
from desktop.ops.events import (
    add_argument,
    add_event,
    delete_event,
    doc_labels,
    events,
    missing_roles,
    remove_argument,
    role_choices,
    set_event_type,
    toggle_doc_label,
)
from desktop.ops.exporting import FORMATS, export
from desktop.ops.importing import ImportReport, import_paths, import_seeds
from desktop.ops.preannotate import PreannotateReport, preannotate, save_suggestions
from desktop.ops.listing import (
    SORTS,
    ListQuery,
    ListRow,
    Progress,
    count_documents,
    done_since,
    first_open_document,
    list_page,
    list_rows,
    list_through,
    next_document,
    progress,
    session_start,
)
from desktop.ops.project import open_project, project_schema
from desktop.ops.schema import SchemaConflicts, check_schema_file, schema_conflicts, schema_text, set_schema
from desktop.ops.validate import validate
from desktop.ops.reading import (
    DocumentView,
    check_project,
    document_spans,
    document_status,
    first_run_due,
    installed_models,
    lock_wait,
    model_in_use,
    model_setting,
    new_project,
    no_model_help,
    open_document,
    pending_preannotation,
    preload,
    save_model_batch,
    set_model,
    texts,
)
from desktop.store.stats import stats

__all__ = [
    # events, document labels, the schema and validation (issue 4)
    "SchemaConflicts", "add_argument", "add_event", "check_schema_file", "delete_event", "doc_labels", "events",
    "missing_roles", "remove_argument", "role_choices", "schema_conflicts", "schema_text", "set_event_type",
    "set_schema", "toggle_doc_label", "validate",
    "FORMATS", "ImportReport", "Outcome", "PreannotateReport", "accept_span", "add_span", "delete_span",
    "export", "import_paths", "import_seeds", "mark_done", "open_project", "preannotate", "project_schema",
    "redo", "reject_span", "relabel_span", "resize_span", "save_suggestions", "set_status", "stats", "undo",
    # the document list and the desk (issue 3)
    "SORTS", "DocumentView", "ListQuery", "ListRow", "Progress", "check_project", "count_documents",
    "document_spans", "document_status", "done_since", "first_open_document", "first_run_due", "installed_models",
    "list_page", "list_rows", "list_through", "lock_wait", "model_in_use", "model_setting", "new_project",
    "next_document", "no_model_help", "open_document", "pending_preannotation", "preload", "progress",
    "save_model_batch", "session_start", "set_model", "texts",
]
