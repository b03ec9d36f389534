"""Deadlines of decisions: absolute, recurring, relative and vague (ANNOTATION.md §2).

    >>> from minutes_nlp import deadlines
    >>> [(d.kind, d.value, d.due) for d in deadlines.extract(
    ...     "প্রতি মাসের ৫ তারিখের মধ্যে প্রতিবেদন প্রেরণ করতে হবে।", meeting_date="2023-12-04")]
    [('recurring', 'FREQ=MONTHLY;BYMONTHDAY=5', '2023-12-05')]

`value` is an ISO date (absolute, relative), an RFC 5545 RRULE (recurring) or
the cue as written (vague; also relative ones whose date cannot be computed,
such as `পরবর্তী সভায়`, or any relative one when the meeting date is unknown).
A date written without its year takes the first such date on or after the
meeting; with no meeting date it is given as `--MM-DD` (ISO 8601's form for a
date without year) and no due date. `due` is the first due date on or after the
meeting (the first occurrence of the rule for recurring ones), or null.

The extractor is rule-based: spaCy `Matcher` patterns (`patterns.py`) over the
project tokenizer's tokens, each token given a class by `lexicon.py`; the
open word lists (vague cues, words that mark letters and past events) are data
in `data/deadlines.toml`; the calendar arithmetic is in `minutes_nlp.dates`.
"""

from __future__ import annotations

import datetime as dt
import functools

from minutes_nlp.deadlines.extractor import DeadlineCues, DeadlineExtractor
from minutes_nlp.model import Deadline

__all__ = ["Deadline", "DeadlineCues", "DeadlineExtractor", "KINDS", "default_extractor", "extract"]

KINDS = ("absolute", "recurring", "relative", "vague")


@functools.lru_cache(maxsize=1)
def default_extractor() -> DeadlineExtractor:
    """The shared extractor with the shipped word lists, built on first use."""
    return DeadlineExtractor()


def extract(text: str, meeting_date: dt.date | str | None = None) -> list[Deadline]:
    """Deadlines of one decision text, in text order; offsets (`start`, `end`) index into `text`.

    `meeting_date` (a date or ISO string) anchors relative deadlines, years left
    unwritten and due dates. Pass text normalised as the parser does
    (`minutes_nlp.normalize_text`); decision texts from `parse` already are.
    """
    if isinstance(meeting_date, str):
        meeting_date = dt.date.fromisoformat(meeting_date)
    return default_extractor()(text, meeting_date)
