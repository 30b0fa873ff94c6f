"""Dialogs and popups: they gather a choice or show a result; whoever opens one acts on it.
The E and R palettes, the damaged-file messages, export, settings, new project, shortcuts."""
