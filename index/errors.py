"""Errors that speak to the user: what went wrong, with which file, and what to do."""

from __future__ import annotations


class ReportQAError(Exception):
    """Base class: the message is shown to the user as is, on one line."""


class LoadError(ReportQAError):
    """A file could not be read; the build skips it and lists it as failed."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class IndexMismatchError(ReportQAError):
    """The index was built with other settings (model, dimension, chunking)."""


class IndexNotFoundError(ReportQAError):
    """No index where the user pointed."""


class ConfigError(ReportQAError):
    """A bad setting or argument; the message lists the valid choices."""


class GroundingError(ReportQAError):
    """An answer failed its final check (a quote not verbatim, a marker undefined)."""
