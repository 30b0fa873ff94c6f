"""Inter-annotator agreement, as pure functions over plain data (issue #11).

- `coding`: Cohen's κ, Fleiss' κ, Krippendorff's α (nominal, missing values).
- `unitizing`: Krippendorff's _uα family over the character continuum (4th ed., §12.6).
- `matching`: span and event precision, recall and F1 (exact and overlap).
- `report`: the whole `spandesk agreement --json` object, and `worst_documents`.
- `data`: the input shapes (`DocWork`, `AnnotatorWork`) and their normalisation.
"""

from desktop.core.agreement.coding import cohen_kappa, fleiss_kappa, krippendorff_alpha
from desktop.core.agreement.data import AnnotatorWork, DocWork, Unit, bio_tags
from desktop.core.agreement.report import build_report, worst_documents
from desktop.core.agreement.unitizing import UnitizedAlpha, unitized_alpha

__all__ = [
    "AnnotatorWork",
    "DocWork",
    "Unit",
    "UnitizedAlpha",
    "bio_tags",
    "build_report",
    "cohen_kappa",
    "fleiss_kappa",
    "krippendorff_alpha",
    "unitized_alpha",
    "worst_documents",
]
