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
from desktop.ops.exporting import FORMATS, export
from desktop.ops.importing import ImportReport, import_paths, import_seeds
from desktop.ops.preannotate import PreannotateReport, preannotate, save_suggestions
from desktop.ops.project import open_project, project_schema
from desktop.store.stats import stats

__all__ = [
    "FORMATS", "ImportReport", "Outcome", "PreannotateReport", "accept_span", "add_span", "delete_span",
    "export", "import_paths", "import_seeds", "mark_done", "open_project", "preannotate", "project_schema",
    "redo", "reject_span", "relabel_span", "resize_span", "save_suggestions", "set_status", "stats", "undo",
]
