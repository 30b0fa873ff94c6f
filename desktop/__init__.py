"""Spandesk: offline annotation of entities and events in news articles."""

__version__ = "0.1.0"
