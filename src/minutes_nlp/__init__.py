"""minutes-nlp: NLP for Bangla meeting minutes (কার্যবিবরণী) of Bangladesh's offices.

    >>> import minutes_nlp
    >>> minutes = minutes_nlp.tag_file("corpus/raw/rajshahi-2023-12.txt")
    >>> minutes.meeting.date, len(minutes.decisions)
    (datetime.date(2023, 12, 4), 11)

`import minutes_nlp` is light: the names below are imported on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "tag_file": "minutes_nlp.pipeline",
    "tag_text": "minutes_nlp.pipeline",
    "tag_decision": "minutes_nlp.pipeline",
    "Tagger": "minutes_nlp.pipeline",
    "parse": "minutes_nlp.parsing",
    "tokenize": "minutes_nlp.tokenizing",
    "normalize_text": "minutes_nlp.normalize",
    "to_ascii_digits": "minutes_nlp.normalize",
    "to_bangla_digits": "minutes_nlp.normalize",
    "json_schema": "minutes_nlp.schema",
    "Minutes": "minutes_nlp.model",
    "Meeting": "minutes_nlp.model",
    "Chair": "minutes_nlp.model",
    "Decision": "minutes_nlp.model",
    "Theme": "minutes_nlp.model",
    "Deadline": "minutes_nlp.model",
    "Implementer": "minutes_nlp.model",
    "Skipped": "minutes_nlp.model",
    "ParseWarning": "minutes_nlp.model",
    "MinutesError": "minutes_nlp.errors",
    "link": "minutes_nlp.linking",
    "Directive": "minutes_nlp.model",
    "LinkedPair": "minutes_nlp.model",
    "LinkedPairs": "minutes_nlp.model",
    "Family": "minutes_nlp.model",
    "Links": "minutes_nlp.model",
}

__all__ = [*_EXPORTS, "__version__"]

if TYPE_CHECKING:
    from minutes_nlp.errors import MinutesError
    from minutes_nlp.linking import link
    from minutes_nlp.model import Chair, Deadline, Decision, Directive, Family, Implementer, LinkedPair, LinkedPairs, Links, Meeting, Minutes, ParseWarning, Skipped, Theme
    from minutes_nlp.normalize import normalize_text, to_ascii_digits, to_bangla_digits
    from minutes_nlp.parsing import parse
    from minutes_nlp.pipeline import Tagger, tag_decision, tag_file, tag_text
    from minutes_nlp.schema import json_schema
    from minutes_nlp.tokenizing import tokenize


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'minutes_nlp' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
