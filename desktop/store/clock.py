"""Timestamps as stored: UTC, ISO 8601, milliseconds."""

from datetime import datetime, timezone


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")
