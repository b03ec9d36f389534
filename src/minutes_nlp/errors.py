"""Errors the library raises for input it cannot use.

Every error for unreadable input is a `MinutesError`; the CLI prints its message
on one line, prefixed with the file name, and never a traceback. A readable text
whose table cannot be found is not an error: it returns `Minutes` with the
meeting, no decisions and a `no-table` warning.
"""

from __future__ import annotations


class MinutesError(Exception):
    """Base class of every error about an input the library cannot use."""

    def __init__(self, reason: str, source: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}" if self.source else self.reason


class InputNotFoundError(MinutesError):
    """The path does not exist or is not a readable file."""


class EmptyInputError(MinutesError):
    """The input is empty or holds only white space."""


class InputTooLargeError(MinutesError):
    """The input is larger than the size limit."""


class BinaryInputError(MinutesError):
    """The input is not text (binary content that no reader handles)."""


class EncodingError(MinutesError):
    """The input looks like text but is not valid UTF-8 or UTF-16."""


class UnsupportedFormatError(MinutesError):
    """The input is a document format this version cannot read yet (PDF, Word, …)."""


class NoDecisionsError(MinutesError):
    """Raised by the CLI (not the library) when a readable text holds no decision."""


class ModelError(MinutesError):
    """A model directory is missing, incomplete or fails its integrity check."""


class CorruptInputError(MinutesError):
    """A PDF, Word or image file whose content is damaged or cannot be opened."""


class MissingDependencyError(MinutesError):
    """Reading this input needs an optional tool that is not installed (e.g. Tesseract for scans)."""
