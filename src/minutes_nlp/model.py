"""The typed data model that flows through every capability.

A file is read into text, the text is parsed into `Minutes` (a `Meeting` and its
`Decision`s), and each later step (themes, deadlines, roles) fills one field of
each `Decision`. `to_dict()` gives the JSON output; its field names are those of
the annotation guideline (corpus/ANNOTATION.md), and `minutes-nlp schema` prints
its JSON Schema, generated from these classes.

Plain dataclasses keep `import minutes_nlp` light; attribute docstrings become
the field descriptions of the JSON Schema.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any, Literal, Protocol, overload

# Pydantic reads this (a plain dict, so pydantic is not imported here) when
# `minutes_nlp.schema` generates the JSON Schema.
_SCHEMA_CONFIG = {"use_attribute_docstrings": True, "json_schema_serialization_defaults_required": True}


@dataclass(slots=True)
class Theme:
    """One theme of a decision (ANNOTATION.md §1)."""

    __pydantic_config__ = _SCHEMA_CONFIG

    label: str
    """Theme id from taxonomy/themes.tsv (or a user's own label)."""
    score: float
    """Classifier score in [0, 1]."""


@dataclass(slots=True)
class Deadline:
    """A time by which, or a rhythm on which, a decision is due (ANNOTATION.md §2)."""

    __pydantic_config__ = _SCHEMA_CONFIG

    kind: Literal["absolute", "recurring", "relative", "vague"]
    """absolute, recurring, relative or vague."""
    value: str
    """ISO date, RFC 5545 RRULE, or the cue of a vague deadline."""
    due: str | None
    """First due date (ISO) on or after the meeting, or null."""
    text: str
    """The words of the decision that state the deadline."""
    start: int
    """Start offset of `text` in the decision text."""
    end: int
    """End offset of `text` in the decision text."""


@dataclass(slots=True)
class Implementer:
    """Who must act on a decision (ANNOTATION.md §3)."""

    __pydantic_config__ = _SCHEMA_CONFIG

    role: str
    """Role id from taxonomy/roles.tsv, or `other`."""
    role_bn: str
    """Canonical Bangla name of the role (the surface text for `other`)."""
    role_en: str
    """English name of the role."""
    scope: Literal["all", "one"]
    """`all` when the text says সকল / (সকল) for the role, else `one`."""
    places: list[str]
    """Districts and upazilas named for the role, as canonical gazetteer names."""
    text: str
    """The words naming the implementer."""
    start: int = 0
    """Start offset of `text` in its field."""
    end: int = 0
    """End offset of `text` in its field."""
    field: Literal["implementer_text", "text"] = "implementer_text"
    """Where `text` is: the implementer cell, or the decision text when the cell
    is empty or only says সংশ্লিষ্ট সকল and the decision names who acts."""


@dataclass(slots=True)
class Decision:
    """One decision (সিদ্ধান্ত) of an agenda item."""

    __pydantic_config__ = _SCHEMA_CONFIG

    id: str
    """Stable id: `<doc_id>/<item_no>` plus `.<n>` for the n-th marked sub-decision."""
    text: str
    """The decision text, without its sub-marker."""
    item: str | None = None
    """The item number as written (e.g. `০১`), or null where the table has none."""
    item_no: int | None = None
    """The item number as an integer (running position where none is written)."""
    sub: str | None = None
    """Sub-marker of the decision within its item (ক, খ, … or ১, ২, …), or null."""
    topic: str | None = None
    """The agenda topic (আলোচ্য বিষয়) of the item."""
    discussion: str | None = None
    """The discussion (আলোচনা) of the item."""
    implementer_text: str | None = None
    """The implementer cell as written (বাস্তবায়নে / বাস্তবায়নকারী)."""
    themes: list[Theme] = field(default_factory=list)
    """Themes with scores (multi-label)."""
    deadlines: list[Deadline] = field(default_factory=list)
    """Deadlines found in the decision text."""
    implementers: list[Implementer] = field(default_factory=list)
    """Implementers with canonical role, scope and places."""

    def to_dict(self) -> dict[str, Any]:
        return _to_jsonable(self)


@dataclass(slots=True)
class Chair:
    """The chair (সভাপতি) of the meeting."""

    __pydantic_config__ = _SCHEMA_CONFIG

    name: str | None = None
    """Name as written."""
    designation: str | None = None
    """Designation as written (e.g. জেলা প্রশাসক)."""


@dataclass(slots=True)
class Meeting:
    """Meeting metadata from the header and the footer of the minutes."""

    __pydantic_config__ = _SCHEMA_CONFIG

    office: str | None = None
    """The issuing office, from the letterhead."""
    district: str | None = None
    """District of the office (canonical Bangla gazetteer name)."""
    upazila: str | None = None
    """Upazila of the office where the office is an upazila office."""
    title: str | None = None
    """Title line of the minutes."""
    date: dt.date | None = None
    """Meeting date (সভার তারিখ)."""
    time: str | None = None
    """Meeting time, 24-hour `HH:MM`."""
    time_text: str | None = None
    """Meeting time as written."""
    venue: str | None = None
    """Venue (স্থান)."""
    chair: Chair = field(default_factory=Chair)
    """The chair."""
    memo_no: str | None = None
    """Memo number (স্মারক নম্বর) as written."""
    issue_date: dt.date | None = None
    """Issue date of the minutes (Gregorian)."""
    issue_date_bangla: str | None = None
    """Bangla-calendar issue date as written (e.g. ৫ পৌষ ১৪৩০ বঙ্গাব্দ)."""
    issue_date_bangla_gregorian: dt.date | None = None
    """The Bangla-calendar issue date converted by the revised Bangladesh calendar."""
    website: str | None = None
    """Web address in the letterhead."""
    distribution: list[str] = field(default_factory=list)
    """Recipients of the distribution list (বিতরণ)."""


@dataclass(slots=True)
class Skipped:
    """A table row or cell that did not become part of a decision, and why."""

    __pydantic_config__ = _SCHEMA_CONFIG

    line: int
    """Line number (1-based) in the document text."""
    text: str
    """The row or cell text."""
    reason: str
    """Why it was not used."""


@dataclass(slots=True)
class ParseWarning:
    """Something the parser noticed but could work around."""

    __pydantic_config__ = _SCHEMA_CONFIG

    code: str
    """Machine-readable code, e.g. `no-table`, `issue-dates-disagree`."""
    message: str
    """Readable explanation."""


@dataclass(slots=True)
class Minutes:
    """Parsed minutes: meeting metadata, decisions, skipped rows and warnings."""

    __pydantic_config__ = _SCHEMA_CONFIG

    doc_id: str
    """Document id (the file name without extension, or a hash of the text)."""
    meeting: Meeting
    """Meeting metadata."""
    decisions: list[Decision] = field(default_factory=list)
    """Decisions in document order."""
    skipped: list[Skipped] = field(default_factory=list)
    """Rows and cells not used, with reasons: nothing is dropped silently."""
    warnings: list[ParseWarning] = field(default_factory=list)
    """Parser warnings."""
    source: str | None = None
    """Path of the input file, `-` for standard input, or null."""

    def to_dict(self) -> dict[str, Any]:
        return _to_jsonable(self)

    def warn(self, code: str, message: str) -> None:
        self.warnings.append(ParseWarning(code, message))


def _to_jsonable(obj: Any) -> Any:
    """Dataclasses to dicts, dates to ISO strings: the JSON output form."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list):
        return [_to_jsonable(x) for x in obj]
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


# --- near-duplicate linking (minutes_nlp.linking) ----------------------------------


@dataclass(slots=True)
class Directive:
    """A decision as the linker sees it: its text and where and when it was taken."""

    __pydantic_config__ = _SCHEMA_CONFIG

    id: str
    """Decision id (unique in one `link` call)."""
    text: str
    """The decision text."""
    doc_id: str | None = None
    """Document (minutes) the decision comes from."""
    district: str | None = None
    """District of the meeting."""
    month: str | None = None
    """Meeting month, `YYYY-MM`."""
    item: str | None = None
    """Agenda item as written."""
    themes: list[str] = field(default_factory=list)
    """Theme ids (used for theme agreement when both decisions have some)."""

    def to_dict(self) -> dict[str, Any]:
        return _to_jsonable(self)


@dataclass(slots=True)
class LinkedPair:
    """Two decisions found to be near-duplicates."""

    __pydantic_config__ = _SCHEMA_CONFIG

    a: str
    """Id of one decision (the smaller id)."""
    b: str
    """Id of the other decision."""
    score: float
    """Similarity in [0, 1]: weighted cosine of the directive terms times theme agreement."""

    def to_dict(self) -> dict[str, Any]:
        return _to_jsonable(self)


@dataclass(slots=True)
class Family:
    """Near-duplicate decisions that form one cluster: the same directive, when and where it came."""

    __pydantic_config__ = _SCHEMA_CONFIG

    id: str
    """Family id: `family-` and a hash of its member ids (stable across runs)."""
    representative: str
    """Text of the member most similar to the others."""
    members: list[Directive]
    """Members ordered by month, district and id."""

    @property
    def months(self) -> list[str]:
        return sorted({m.month for m in self.members if m.month})

    @property
    def districts(self) -> list[str]:
        return sorted({m.district for m in self.members if m.district})

    def to_dict(self) -> dict[str, Any]:
        data = _to_jsonable(self)
        data["size"] = len(self.members)
        data["months"] = self.months
        data["districts"] = self.districts
        return data


class _Column(Protocol):
    """A list or a numpy array."""

    def __len__(self) -> int: ...

    def __getitem__(self, index: int, /) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...


class LinkedPairs(Sequence[LinkedPair]):
    """The linked pairs of a `Links`, a `LinkedPair` made when one is asked for.

    An archive links millions of pairs; kept as two index arrays and a score
    array over the decision ids, they take a tenth of the memory of objects."""

    __slots__ = ("_ids", "_first", "_second", "_scores")

    def __init__(self, ids: Sequence[str], first: _Column, second: _Column, scores: _Column) -> None:
        self._ids, self._first, self._second, self._scores = ids, first, second, scores

    def __len__(self) -> int:
        return len(self._scores)

    @overload
    def __getitem__(self, index: int) -> LinkedPair: ...

    @overload
    def __getitem__(self, index: slice) -> list[LinkedPair]: ...

    def __getitem__(self, index: int | slice) -> LinkedPair | list[LinkedPair]:
        if isinstance(index, slice):
            return [self[k] for k in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError("linked pair index out of range")
        return LinkedPair(self._ids[int(self._first[index])], self._ids[int(self._second[index])], float(self._scores[index]))

    def rows(self) -> Iterator[tuple[str, str, float]]:
        """(a, b, score) of each pair, without making `LinkedPair` objects (for writing millions)."""
        ids = self._ids
        columns = [column.tolist() if hasattr(column, "tolist") else list(column) for column in (self._first, self._second, self._scores)]
        for first, second, score in zip(*columns, strict=True):
            yield ids[int(first)], ids[int(second)], float(score)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LinkedPairs({len(self)} pairs)"


@dataclass(slots=True)
class Links:
    """What `minutes_nlp.link` returns: the linked pairs and the families they form."""

    pairs: Sequence[LinkedPair]
    """Verified pairs with score at or above the threshold, sorted by (a, b)
    (a `LinkedPairs`: the pairs are made as they are read)."""
    families: list[Family]
    """Families of two or more members, largest first."""
    threshold: float
    """The threshold used."""
    decisions: int = 0
    """How many decisions were linked."""
    candidates: int = 0
    """Candidate pairs from MinHash LSH that were verified."""
