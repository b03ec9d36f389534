"""What is inside one table cell: HTML, item numbers, sub-markers, labels.

Plain functions over strings, so each rule is tested on its own.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from minutes_nlp.normalize import parse_int

_DIGIT = "[0-9০-৯]"
_BN = "\u0980-\u09ff"

# ---------------------------------------------------------------- HTML cells

_HTML_TAG = re.compile(r"</?(?:p|br|div|span|table|thead|tbody|tr|td|th|ul|ol|li|b|strong|i|em|u|font|h[1-6])\b[^>]*>", re.I)
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr"}


@dataclass(slots=True)
class CellContent:
    """The text of a cell; for HTML, its paragraphs and the cells of any inner table."""

    text: str
    paragraphs: list[str]
    table_cells: list[str] = field(default_factory=list)
    has_table: bool = False


class _CellHTML(HTMLParser):
    """Collects paragraphs; an inner table becomes one paragraph per row, cells joined by ' | '."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.table_cells: list[str] = []
        self._buffer: list[str] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self.has_table = False

    def _flush(self) -> None:
        text = _squash("".join(self._buffer))
        if text:
            self.paragraphs.append(text)
        self._buffer = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.has_table = True
        if tag == "tr":
            self._flush()
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            cell = _squash("".join(self._cell))
            self.table_cells.append(cell)
            if self._row is not None:
                self._row.append(cell)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            row = " | ".join(c for c in self._row if c)
            if row:
                self.paragraphs.append(row)
            self._row = None
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        (self._cell if self._cell is not None else self._buffer).append(data)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def looks_like_html(text: str) -> bool:
    return bool(_HTML_TAG.search(text))


def cell_content(raw: str) -> CellContent:
    """Plain text of a cell. HTML paragraphs are joined with newlines."""
    if not looks_like_html(raw):
        text = _squash(html.unescape(raw))
        return CellContent(text, [text] if text else [])
    parser = _CellHTML()
    parser.feed(raw)
    parser.close()
    parser._flush()
    return CellContent("\n".join(parser.paragraphs), parser.paragraphs, parser.table_cells, parser.has_table)


# ------------------------------------------------------------ item numbers

_SERIAL = re.compile(rf"^\(?({_DIGIT}{{1,3}})\s*[.)।:ঃ]?\)?$")
_LEADING_NUMBER = re.compile(rf"^\s*\(?({_DIGIT}{{1,3}})\s*(?:[.)।]|\))\s*")


def serial_number(cell: str) -> str | None:
    """The item number if the cell holds only one (`'০১.'` → `'০১'`), else None."""
    m = _SERIAL.match(cell.strip())
    return m.group(1) if m else None


def split_leading_number(text: str) -> tuple[str | None, str]:
    """`'০১. ই-নথি ব্যবহার'` → `('০১', 'ই-নথি ব্যবহার')`; a number needs a delimiter."""
    m = _LEADING_NUMBER.match(text)
    if not m or not text[m.end():].strip():
        return None, text
    return m.group(1), text[m.end():].strip()


# -------------------------------------------------------------- sub-markers

BANGLA_LETTER_MARKERS = "কখগঘঙচছজঝঞটঠডঢণতথদধনপফবভমযরলশষসহ"

_LETTER_MARKER = re.compile(rf"(?:^|(?<=[\s।.>:ঃ;\"”]))(\(([{BANGLA_LETTER_MARKERS}])\)|([{BANGLA_LETTER_MARKERS}])[)])(?=\s|[{_BN}“\"'‘])")
_DIGIT_MARKER = re.compile(
    rf"(?:^|(?<=[\s।>:ঃ;]))(\(({_DIGIT}{{1,2}})\)|({_DIGIT}{{1,2}})\s?[)।]|({_DIGIT}{{1,2}})\.(?!{_DIGIT}))(?=\s|[{_BN}“\"'‘])"
)


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a cell that starts with a list marker (or the unmarked whole)."""

    marker: str | None
    text: str
    start: int


def _chain(candidates: list[tuple[int, int, str]], first: str, successor: Callable[[str], str]) -> list[tuple[int, int, str]]:
    """Keep the markers that continue the sequence first, successor(first), …"""
    chain: list[tuple[int, int, str]] = []
    expected = first
    for start, end, key in candidates:
        if key == expected:
            chain.append((start, end, key))
            expected = successor(key)
    return chain


def split_markers(text: str, *, kind: str = "letter", after: str | None = None, min_count: int = 1) -> list[Segment]:
    """Split `text` at list markers that form a sequence.

    `kind="letter"`: ক) খ) or (ক) (খ); `kind="digit"`: ১) (১) ১। ০১.
    Only markers continuing the sequence split (a stray `গ)` inside a sentence
    does not), starting at ক / ১ or after `after` (for a continuation row that
    starts at খ). Text before the first marker is returned as an unmarked
    segment. With fewer than `min_count` markers the whole text is one
    unmarked segment.
    """
    if kind == "letter":
        candidates = [(m.start(), m.end(), m.group(2) or m.group(3)) for m in _LETTER_MARKER.finditer(text)]
        letters = BANGLA_LETTER_MARKERS
        first = letters[letters.index(after) + 1] if after and after in letters[:-1] else letters[0]

        def successor(key: str) -> str:
            i = letters.index(key)
            return letters[i + 1] if i + 1 < len(letters) else ""

        chain = _chain(candidates, first, successor)
    else:
        candidates = [
            (m.start(), m.end(), str(parse_int(m.group(2) or m.group(3) or m.group(4))))
            for m in _DIGIT_MARKER.finditer(text)
        ]
        start_at = str(parse_int(after) + 1) if after else "1"
        chain = _chain(candidates, start_at, lambda key: str(int(key) + 1))
        chain = [(s, e, _render_digit(k, text[s:e])) for s, e, k in chain]
    if len(chain) < min_count or not chain:
        return [Segment(None, text.strip(), 0)] if text.strip() else []
    segments: list[Segment] = []
    if text[: chain[0][0]].strip():
        segments.append(Segment(None, text[: chain[0][0]].strip(), 0))
    for i, (_start, end, key) in enumerate(chain):
        stop = chain[i + 1][0] if i + 1 < len(chain) else len(text)
        body = text[end:stop]
        offset = end + (len(body) - len(body.lstrip()))
        segments.append(Segment(key, body.strip(), offset))
    return segments


def _render_digit(key: str, written: str) -> str:
    """The marker number as written in the text's own digits (১ rather than 1)."""
    digits = re.search(_DIGIT + "+", written)
    return digits.group(0).lstrip("০0") or digits.group(0) if digits else key


# ------------------------------------------------------ labels and sentences

_LABEL = re.compile(r"^(?P<label>[^:ঃ\n]{2,150}?)\s*(?<!মো)(?<!মোসা)(?<!ডা)(?<!অব)[:ঃ](?![0-9০-৯/])\s*(?P<rest>.+)$", re.S)


def split_label(text: str, max_words: int = 20) -> tuple[str | None, str]:
    """`'ওয়েব পোর্টাল সংক্রান্তঃ জেলার …'` → `('ওয়েব পোর্টাল সংক্রান্ত', 'জেলার …')`.

    The label is the text before the first `ঃ` or `:` that is not the end of an
    abbreviation (মোঃ, ডাঃ) nor a clock time or URL, and has at most
    `max_words` words.
    """
    m = _LABEL.match(text.strip())
    if not m:
        return None, text.strip()
    label, rest = m.group("label").strip(), m.group("rest").strip()
    if len(label.split()) > max_words or label.endswith(("http", "https")) or "।" in label:
        return None, text.strip()
    return label, rest


_SENTENCE_END = re.compile(r"(?<=[।?!])\s+|(?<=\.)\s+(?=[^\s\d০-৯a-z])")
_DIRECTIVE = re.compile(
    r"(করতে\s+হবে|করা\s+হবে|দিতে\s+হবে|নিতে\s+হবে|রাখতে\s+হবে|হতে\s+হবে|সিদ্ধান্ত\s+(?:গৃহীত\s+)?হয়|সিদ্ধান্ত\s+গ্রহণ\s+করা\s+হয়|"
    r"অনুরোধ\s+(?:করা|জানানো)\s+হয়|অনুরোধ\s+জানান|নির্দেশনা?\s+(?:প্রদান\s+)?(?:করা|দেওয়া|দেয়া)\s+হয়|"
    r"করবেন|করবে|নিশ্চিত\s+করবেন|পরামর্শ\s+প্রদান\s+করা\s+হয়)",
)


def sentences(text: str) -> list[str]:
    """Split at the dari (।), ? and ! (and at a period that ends a sentence)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def is_directive(sentence: str) -> bool:
    """Does the sentence ask someone to act (…করতে হবে, …সিদ্ধান্ত গৃহীত হয়, …অনুরোধ করা হয়)?"""
    return bool(_DIRECTIVE.search(sentence))


_ROLE_WORDS = re.compile(
    r"অফিসার|কর্মকর্তা|প্রোগ্রামার|প্রশাসক|কমিশনার|ইঞ্জিনিয়ার|ইন্জিনিয়ার|টেকনিশিয়ান|চেয়ারম্যান|সচিব|উদ্যোক্তা|প্রধান|"
    r"ম্যাজিস্ট্রেট|পরিচালক|সদস্য|প্রতিনিধি|সংশ্লিষ্ট|সকল|শাখা|দপ্তর"
)


def looks_like_implementers(text: str) -> bool:
    """A short list naming roles, with no directive verb."""
    return bool(_ROLE_WORDS.search(text)) and not is_directive(text) and len(text) <= 400


def split_off_implementers(text: str) -> tuple[str, str | None]:
    """Split a cell holding decisions followed by a numbered implementer list.

    `'ক) … গৃহীত হয়।\\n১) সহকারী প্রোগ্রামার …\\n২। ফিল্ড আইটি টেকনিশিয়ান …'`
    → (the decisions, the numbered list). Returns (text, None) when no such
    list ends the cell.
    """
    segments = split_markers(text, kind="digit")
    if not segments or segments[0].marker is not None:
        return text, None
    numbered = segments[1:]
    if not numbered or not all(looks_like_implementers(s.text) for s in numbered):
        return text, None
    start = _marker_start(text, numbered[0].start)
    return text[:start].strip(), text[start:].strip()


def _marker_start(text: str, body_start: int) -> int:
    """Where the marker before `body_start` begins (e.g. the `(` of `(১)`)."""
    i = body_start
    while i > 0 and text[i - 1] in " ":
        i -= 1
    while i > 0 and (text[i - 1] in "()।.0123456789০১২৩৪৫৬৭৮৯"):
        i -= 1
    return i
