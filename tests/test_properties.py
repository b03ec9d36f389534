"""Property-based robustness tests (hypothesis) of the reader, the parser and the extractors.

Whatever text or bytes come in, the only outcomes are a `Minutes` (for text),
normalised text (for bytes), or a documented `MinutesError` subclass; never
another exception, never a hang. Inputs are built, not just random: arbitrary
text over the alphabet of minutes (Bangla letters and signs, both digit
scripts, tabs, the punctuation the parser keys on); real seed minutes with
drawn edits (lines deleted, duplicated, swapped; markers, HTML tags, impossible
and Bangla-calendar dates, header labels and lone vowel signs inserted; digits
changed; cells split; very long lines); arbitrary and mutated bytes in every
supported encoding; the committed Word and PDF fixtures truncated, with
flipped bytes or zeroed ranges.

Every `Minutes` must also keep the output's promises: its JSON is serialisable,
decision ids are unique, deadline due dates are real ISO dates on or after the
meeting, offsets of deadlines and implementers point at their text, theme
scores lie in [0, 1].

The example counts come from the hypothesis profile (`tests/conftest.py`,
`ci` by default): each text test runs the profile's `max_examples`, the
document test 15% of it (a PDF takes 20-100x longer to read than a text).
A failure prints the reproducing example and blob; each crash found so far is
kept below as an `@example`, with what it was.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from minutes_nlp import Decision, Minutes
from minutes_nlp.dates import BANGLA_MONTHS, GREGORIAN_MONTHS
from minutes_nlp.deadlines import KINDS
from minutes_nlp.errors import CorruptInputError, InputTooLargeError, MinutesError
from minutes_nlp.normalize import normalize_text, to_bangla_digits
from minutes_nlp.pipeline import Tagger, default_tagger
from minutes_nlp.reading import read_bytes, read_stream

from conftest import SEEDS

DOCUMENTS = Path(__file__).resolve().parent / "fixtures" / "documents"

# The profile's example count for text tests; documents get a share of it.
TEXT_EXAMPLES = settings().max_examples
DOCUMENT_EXAMPLES = max(10, TEXT_EXAMPLES * 15 // 100)

# ------------------------------------------------------------------ strategies

BANGLA_LETTERS = "অআইঈউঊঋএঐওঔকখগঘঙচছজঝঞটঠডঢণতথদধনপফবভমযরলশষসহড়ঢ়য়ৎ"
BANGLA_SIGNS = "ািীুূৃেৈোৌ্ংঃঁ\u09bc"  # vowel signs, hasanta, nukta: combining marks
BANGLA_DIGITS = "০১২৩৪৫৬৭৮৯"
ASCII_DIGITS = "0123456789"
PUNCTUATION = "ঃ।:|<>/.-,;()[]\"'“”‘’–—*#=+_&%"
SPACES = " \t\n\r\u00a0\u200c\u200d\ufeff"
ALPHABET = BANGLA_LETTERS + BANGLA_SIGNS + BANGLA_DIGITS + ASCII_DIGITS + PUNCTUATION + SPACES + "abcxyzABC"

# Pieces of the minutes' structure the parser keys on, and of the decisions the
# extractors read: markers, table and HTML syntax, dates (also impossible
# ones), header labels, deadline and role phrases.
PIECES = [
    "\t", "\n", "\t\t", "\n\n", ":", "ঃ", "।", "|", "---", "—",
    "(ক)", "খ)", "গ.", "(১)", "২)", "১।", "০১.", "১০.", "1.", "ক্রম", "ক্রমিক নং",
    "<p>", "</p>", "<br>", "<table>", "</table>", "<tr>", "<td>", "</td>", "<th>", "&nbsp;", "&amp;", "<b>", "<p",
    "ক্রম\tআলোচ্য বিষয়\tআলোচনা\tসিদ্ধান্ত\tবাস্তবায়নে", "আলোচ্য বিষয়\tসিদ্ধান্ত", "সিদ্ধান্তঃ", "সিদ্ধান্ত",
    "আলোচনা:", "বাস্তবায়নে:", "বাস্তবায়নকারী",
    "সভাপতি\t", "সভাপতি:", "সভার তারিখ\t", "তারিখ:", "তারিখঃ ", "সময়:", "স্থান:", "স্মারক নং-", "বিতরণ:",
    "৩১/০২/২০২৪", "০৪/১২/২০২৩ খ্রি.", "29/02/2023", "৩১.১২.৯৯৯৯", "০১/০১/০০০১", "০০/০০/০০০০", "৯৯/৯৯/৯৯",
    "১৫ চৈত্র ১৪৩০", "৩১ চৈত্র ১৪৩০", "৫ পৌষ ১৪৩০ বঙ্গাব্দ", "০ বৈশাখ ০", "৩১ ডিসেম্বর ৯৯৯৯", "১ জানুয়ারি ১",
    "সকাল ১১:০০ টা", "বিকাল ৩.৩০ ঘটিকা", "২৫:৬১",
    "তারিখের মধ্যে", "আগামী ৭ দিনের মধ্যে", "৯৯৯৯৯৯৯ দিনের মধ্যে", "প্রতি মাসের ৫ তারিখের মধ্যে", "প্রতি মাসের ৩১ তারিখে",
    "প্রতি সপ্তাহে", "পরবর্তী সভায়", "দ্রুততম সময়ের মধ্যে", "চলতি অর্থবছরের মধ্যে", "আগামী মাসের ১৫ তারিখের মধ্যে",
    "জুন ২০২৪ এর মধ্যে", "৩০ জুন", "৩০ ফেব্রুয়ারি", "প্রতি ত্রৈমাসিক", "পরবর্তী মাসের প্রথম সপ্তাহে",
    "প্রোগ্রামার, রাজশাহী", "সহকারী প্রোগ্রামার (সকল)", "উপজেলা নির্বাহী অফিসার", "সংশ্লিষ্ট সকল", "সদর",
    "জেলা প্রশাসক", "করতে হবে।", "করা হবে।", "নিশ্চিত করবেন।",
]
# Combining marks that cannot start a syllable: a cell or line that begins with
# one is malformed text that PDF and OCR extraction produce.
LONE_MARKS = ["\u09cd", "\u09be", "\u09bf", "\u09c7", "\u09cb", "\u09bc", "\u0981", "\u09cd\u200d", "\u200c", "\u200d"]


@functools.cache
def seed_texts() -> dict[str, str]:
    return {name: path.read_text(encoding="utf-8") for name, path in SEEDS.items()}


arbitrary_text = st.text(alphabet=ALPHABET, max_size=400)
piece_text = st.lists(st.sampled_from(PIECES + LONE_MARKS) | st.text(alphabet=ALPHABET, max_size=12), max_size=60).map("".join)
minutes_like_text = arbitrary_text | piece_text


@st.composite
def mutated_minutes(draw: st.DrawFn) -> str:
    """A seed minutes text with 1-8 drawn edits."""
    text = seed_texts()[draw(st.sampled_from(sorted(SEEDS)), label="seed")]
    for _ in range(draw(st.integers(1, 8), label="edits")):
        text = draw(st.sampled_from(EDITS), label="edit")(draw, text)
    return text


def _line_index(draw: st.DrawFn, lines: list[str]) -> int:
    return draw(st.integers(0, max(len(lines) - 1, 0)))


def _position(draw: st.DrawFn, text: str) -> int:
    return draw(st.integers(0, len(text)))


def _delete_lines(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    i = _line_index(draw, lines)
    del lines[i : i + draw(st.integers(1, 20))]
    return "\n".join(lines)


def _duplicate_lines(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    i = _line_index(draw, lines)
    block = lines[i : i + draw(st.integers(1, 10))]
    j = _line_index(draw, lines)
    return "\n".join(lines[:j] + block + lines[j:])


def _swap_lines(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    i, j = _line_index(draw, lines), _line_index(draw, lines)
    if lines:
        lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def _insert_piece(draw: st.DrawFn, text: str) -> str:
    i = _position(draw, text)
    return text[:i] + draw(st.sampled_from(PIECES) | arbitrary_text) + text[i:]


def _insert_at_line_or_cell_start(draw: st.DrawFn, text: str) -> str:
    # A piece (often a lone vowel sign or hasanta) right after a line end or a tab.
    starts = [0] + [m.end() for m in re.finditer("[\t\n]", text)]
    i = draw(st.sampled_from(starts))
    return text[:i] + draw(st.sampled_from(LONE_MARKS + PIECES)) + text[i:]


def _truncate(draw: st.DrawFn, text: str) -> str:
    i = _position(draw, text)
    return text[:i] if draw(st.booleans()) else text[i:]


def _change_digits(draw: st.DrawFn, text: str) -> str:
    digits = [m.start() for m in re.finditer("[0-9০-৯]", text)]
    if not digits:
        return text
    chars = list(text)
    for _ in range(draw(st.integers(1, 10))):
        chars[draw(st.sampled_from(digits))] = draw(st.sampled_from(BANGLA_DIGITS + ASCII_DIGITS))
    return "".join(chars)


def _split_or_join_cells(draw: st.DrawFn, text: str) -> str:
    # A tab becomes a line end (a cell broken over lines), a line end a tab or a
    # space (rows run together), or a tab is doubled (an empty cell).
    separators = [m.start() for m in re.finditer("[\t\n]", text)]
    if not separators:
        return text
    i = draw(st.sampled_from(separators))
    return text[:i] + draw(st.sampled_from(["\n", "\t", " ", "\t\t", "\n\t", ""])) + text[i + 1 :]


def _very_long_line(draw: st.DrawFn, text: str) -> str:
    i = _position(draw, text)
    unit = draw(st.sampled_from(PIECES) | st.text(alphabet=ALPHABET, min_size=1, max_size=5))
    return text[:i] + unit * draw(st.integers(200, 3000)) + text[i:]


def _replace_with_arbitrary(draw: st.DrawFn, text: str) -> str:
    i = _position(draw, text)
    j = min(len(text), i + draw(st.integers(0, 200)))
    return text[:i] + draw(minutes_like_text) + text[j:]


EDITS = [
    _delete_lines, _duplicate_lines, _swap_lines, _insert_piece, _insert_at_line_or_cell_start,
    _truncate, _change_digits, _split_or_join_cells, _very_long_line, _replace_with_arbitrary,
]

# Decisions as the extractors see them: words of time expressions (every class
# of the deadline lexicon, in its inflections), numbers and dates in both digit
# scripts (also impossible ones), role and place words, filler, punctuation.
TIME_WORDS = (
    "মধ্যে মধ্যেই নাগাদ পূর্বে আগেই পর্যন্ত তারিখ তারিখের তারিখে তাং এর থেকে হতে খ্রি. খ্রিঃ ইং সাল বঙ্গাব্দ "
    "আগামী পরবর্তী চলতি বর্তমান এই প্রতি প্রত্যেক গত বিগত দিন দিনের দিনে কর্মদিবস কর্মদিবসের কার্যদিবসে "
    "সপ্তাহ সপ্তাহের সপ্তাহে মাস মাসের মাসে বছর বছরের বছরে অর্থবছর অর্থবছরের অর্থবছরে ঘণ্টার মিনিটের "
    "প্রতিদিন প্রতিসপ্তাহে প্রতিমাসে দৈনিক সাপ্তাহিক পাক্ষিক মাসিক ত্রৈমাসিক ষাণ্মাসিক প্রান্তিক প্রান্তিকে "
    "প্রথম ১ম দ্বিতীয় ৪র্থ শেষ শেষে অন্তর পরপর একবার দুইবার অন্তত ভিত্তিতে সভায় সভার সভা - – "
    "রবিবার সোমবারে বৃহস্পতিবারের শুক্রবার পাঁচ (পাঁচ) সাত দশ ত্রিশ নব্বই পহেলা "
    "যথাসময়ে দ্রুত অবিলম্বে জরুরি ভিত্তিতে বর্ষার আগেই ঈদের আগে প্রাপ্তির হলে আবেদন স্মারক নং পত্রের "
    "হয়েছে অনুষ্ঠিত প্রেরিত শুরু হবে করতে করা নিশ্চিত প্রতিবেদন অগ্রগতি রিপোর্ট প্রেরণ দাখিল মাত্র"
).split()
ROLE_WORDS = (
    "প্রোগ্রামার সহকারী প্রোগ্রামার উপজেলা নির্বাহী অফিসার জেলা প্রশাসক সংশ্লিষ্ট সকল (সকল) সদর "
    "রাজশাহী মোহনপুর চারঘাট বান্দরবান লালমনিরহাট সিরাজগঞ্জ ঝিনাইদহ আইসিটি অধিদপ্তর কার্যালয় ও এবং , /"
).split()
MONTH_WORDS = [w for words in (*GREGORIAN_MONTHS.values(), *BANGLA_MONTHS.values()) for w in words]


@st.composite
def number_word(draw: st.DrawFn) -> str:
    digits = str(draw(st.integers(0, 99) | st.integers(0, 10**6) | st.sampled_from([0, 1, 12, 28, 29, 30, 31, 32, 99, 1430, 2023, 9999])))
    digits = digits.zfill(draw(st.integers(1, 4)))
    suffix = draw(st.sampled_from(["", "", "ই", "শে", "তম", "/", "-"]))
    return (to_bangla_digits(digits) if draw(st.booleans()) else digits) + suffix


@st.composite
def numeric_date(draw: st.DrawFn) -> str:
    separator = draw(st.sampled_from("/.-"))
    day, month = draw(st.integers(0, 39)), draw(st.integers(0, 19))
    year = draw(st.integers(0, 99) | st.integers(1, 9999) | st.sampled_from([2023, 2024, 9999, 1]))
    text = f"{day:02d}{separator}{month:02d}{separator}{year:02d}"
    return to_bangla_digits(text) if draw(st.booleans()) else text


decision_word = st.one_of(
    st.sampled_from(TIME_WORDS), st.sampled_from(MONTH_WORDS), st.sampled_from(ROLE_WORDS),
    number_word(), numeric_date(), st.sampled_from(PIECES), st.text(alphabet=ALPHABET, max_size=6),
)
decision_text = st.lists(decision_word, max_size=25).flatmap(
    lambda words: st.sampled_from([" ", ""]).map(lambda glue: glue.join(words))
)

# Realistic meeting dates, and the calendar's edges (a header may say ৩১/১২/৯৯৯৯).
any_meeting_date = st.none() | st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)) | st.dates() | st.sampled_from(
    [dt.date.min, dt.date.max, dt.date(9999, 12, 1), dt.date(9999, 6, 30), dt.date(9998, 12, 31), dt.date(1, 1, 2)]
)

# ------------------------------------------------------------------ the promises every result keeps


def tagger() -> Tagger:
    # One pipeline (theme model loaded once) for the whole module.
    return default_tagger()


@pytest.fixture(scope="module", autouse=True)
def _loaded_tagger() -> None:
    # Build it before the first example, so that loading the model is not timed against the deadline.
    tagger()


# A text example takes milliseconds; one that takes seconds is a runaway
# (a regular expression gone quadratic on a long line), not a slow machine.
text_deadline = settings(deadline=dt.timedelta(seconds=5))


def check_decision(decision: Decision, meeting_date: dt.date | None) -> None:
    json.dumps(decision.to_dict(), ensure_ascii=False)
    assert isinstance(decision.id, str) and decision.id
    for theme in decision.themes:
        assert 0.0 <= theme.score <= 1.0, theme
    for deadline in decision.deadlines:
        assert deadline.kind in KINDS, deadline
        assert decision.text[deadline.start : deadline.end] == deadline.text, deadline
        if deadline.due is not None:
            due = dt.date.fromisoformat(deadline.due)
            assert meeting_date is None or due >= meeting_date, (deadline, meeting_date)
        if deadline.kind == "recurring":
            assert deadline.value.startswith("FREQ="), deadline
    for implementer in decision.implementers:
        assert implementer.scope in ("all", "one"), implementer
        field_text = decision.text if implementer.field == "text" else decision.implementer_text
        assert field_text is not None and field_text[implementer.start : implementer.end] == implementer.text, implementer


def check_minutes(minutes: Minutes, text: str) -> None:
    assert isinstance(minutes, Minutes)
    json.dumps(minutes.to_dict(), ensure_ascii=False)
    ids = [d.id for d in minutes.decisions]
    assert len(set(ids)) == len(ids), ids
    assert all(i.startswith(f"{minutes.doc_id}/") for i in ids), ids
    assert all(d.text.strip() for d in minutes.decisions), [d.id for d in minutes.decisions if not d.text.strip()]
    time = minutes.meeting.time
    assert time is None or (re.fullmatch(r"\d\d:\d\d", time) and int(time[:2]) < 24 and int(time[3:]) < 60), time
    for decision in minutes.decisions:
        check_decision(decision, minutes.meeting.date)
    lines = normalize_text(text).count("\n") + 1
    assert all(1 <= s.line <= lines for s in minutes.skipped), [s.line for s in minutes.skipped]


def tag_and_check(text: str) -> Minutes:
    minutes = tagger().tag_text(text)
    check_minutes(minutes, text)
    count = len(minutes.decisions)
    event("decisions", "0" if not count else "1-9" if count < 10 else "10+")
    return minutes


# ------------------------------------------------------------------ text through the whole pipeline

TABLE_HEADER = "ক্রম\tবিষয়\tআলোচনা\tসিদ্ধান্ত\tবাস্তবায়নে"
TWO_DECISIONS = "০১\tই-নথি\tআলোচনা হয়।\tক) পত্র প্রেরণ করতে হবে। খ) সেবা নিশ্চিত করতে হবে।\tপ্রোগ্রামার"


@text_deadline
@given(text=minutes_like_text)
@example(text="")
@example(text="\t\n\u09cd\t\u09bf")
@example(text="ক্রম\tআলোচ্য বিষয়\tসিদ্ধান্ত\n১.\t\t")
def test_arbitrary_text_gives_minutes(text: str) -> None:
    tag_and_check(text)


@text_deadline
@given(text=mutated_minutes())
# Found by this test: a headerless table whose numbered rows were mostly
# `number + one cell` took that width, for which no layout exists (KeyError).
@example(text="০৪\tআলোচনা\tনথি নিষ্পত্তি করতে হবে।\tপ্রোগ্রামার\n০৫\t")
# Found by this test: a second table part holding item 01 twice (01.1, 01.1-2)
# after a first part with item 01: renaming the second part's 01.1 to 01.1-2
# gave two decisions the same id.
@example(text="\n".join([TABLE_HEADER, TWO_DECISIONS, "", "দ্বিতীয় অংশ", "পরবর্তী পৃষ্ঠা", "", TABLE_HEADER, TWO_DECISIONS, TWO_DECISIONS]))
def test_mutated_minutes_give_minutes(text: str) -> None:
    tag_and_check(text)


@given(text=st.sampled_from(sorted(SEEDS)).map(lambda name: seed_texts()[name]))
@settings(max_examples=len(SEEDS))
def test_seed_minutes_keep_every_promise(text: str) -> None:
    # The checks themselves hold on the real documents (they can fail: a
    # wrong offset or a duplicate id in a seed would show here first).
    minutes = tag_and_check(text)
    assert minutes.decisions and any(d.deadlines for d in minutes.decisions)


# ------------------------------------------------------------------ bytes through the reader


def _encode(draw: st.DrawFn, text: str) -> bytes:
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]))
    data = text.encode(encoding)
    damage = draw(st.sampled_from(["none", "truncate", "flip", "insert"]))
    if damage == "truncate" and data:
        data = data[: draw(st.integers(0, len(data) - 1))]  # may cut a multibyte character
    elif damage == "flip" and data:
        i = draw(st.integers(0, len(data) - 1))
        data = data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1 :]
    elif damage == "insert":
        i = draw(st.integers(0, len(data)))
        data = data[:i] + draw(st.binary(max_size=8)) + data[i:]
    return data


def as_portal_page(text: str) -> str:
    """Minutes text as a portal page: a menu, then paragraphs and table rows as HTML."""
    body = []
    for line in text.split("\n"):
        if "\t" in line:
            body.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in line.split("\t")) + "</tr>")
        else:
            body.append(f"<p>{line}</p>")
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>নোটিশ</title></head><body>'
        '<nav class="menu"><a href="/">প্রথম পাতা</a></nav><div class="content"><table>'
        + "\n".join(body)
        + "</table></div><footer>© জেলা কার্যালয়</footer></body></html>"
    )


@st.composite
def text_bytes(draw: st.DrawFn) -> bytes:
    text = draw(mutated_minutes() | minutes_like_text)
    if draw(st.integers(0, 3)) == 0:
        text = as_portal_page(text)  # through the HTML reader (its markup is not escaped: tags in cells stay tags)
    return _encode(draw, text)


@text_deadline
@given(data=text_bytes() | st.binary(max_size=600))
@example(data=b"")
@example(data=b"\xff\xfe")
@example(data="সভা".encode()[:-1])  # a multibyte character cut short
@example(data=b"\x00" * 16)
def test_bytes_read_to_text_or_minutes_error(data: bytes) -> None:
    try:
        text = read_bytes(data, "x")
    except MinutesError as error:
        assert error.source == "x" and error.reason and "\n" not in str(error)
        return
    assert isinstance(text, str) and text == normalize_text(text)
    tag_and_check(text)


# ------------------------------------------------------------------ the extractors on one decision


@text_deadline
@given(
    text=decision_text | minutes_like_text,
    meeting_date=any_meeting_date,
    implementer_text=st.none() | decision_text,
)
# Found by this test: calendar arithmetic past 9999-12-31 raised OverflowError /
# ValueError, and the last day of December 9999 could not be computed.
@example(text="1 দিনের মধ্যে", meeting_date=dt.date.max, implementer_text=None)
@example(text="মাস 1 তারিখ", meeting_date=dt.date.max, implementer_text=None)
@example(text="ডিসেম্বর ৯৯৯৯ এর মধ্যে", meeting_date=None, implementer_text=None)
@example(text="৯৯৯৯ অর্থবছরের মধ্যে", meeting_date=dt.date(2024, 1, 1), implementer_text=None)
def test_tag_decision_never_fails(text: str, meeting_date: dt.date | None, implementer_text: str | None) -> None:
    decision = tagger().tag_decision(text, meeting_date=meeting_date, implementer_text=implementer_text)
    assert isinstance(decision, Decision)
    check_decision(decision, meeting_date)
    # The statistics show how often the extractors found something to check.
    event("deadline kinds", ",".join(sorted({d.kind for d in decision.deadlines})) or "none")
    event("implementers", "some" if decision.implementers else "none")


# ------------------------------------------------------------------ the size limit


_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(bytes?|B|KiB|KB|kB|MiB|MB|GiB|GB)\b")
_UNIT = {"byte": 1, "bytes": 1, "B": 1, "KiB": 1024, "KB": 1000, "kB": 1000, "MiB": 1024**2, "MB": 1000**2, "GiB": 1024**3, "GB": 1000**3}


def _sizes_named(message: str) -> list[tuple[float, float]]:
    """The sizes a message states, as (bytes, rounding step of the figure as written)."""
    sizes = []
    for figure, unit in _SIZE.findall(message):
        decimals = len(figure.partition(".")[2])
        sizes.append((float(figure) * _UNIT[unit], 10.0**-decimals * _UNIT[unit]))
    return sizes


def _names(sizes: list[tuple[float, float]], size: int) -> bool:
    # The figure is the size, rounded as written, and not rounded away to nothing.
    return any(abs(value - size) <= step / 2 and value > 0 for value, step in sizes)


@given(limit=st.integers(1, 64 * 1024), excess=st.integers(1, 5000))
@example(limit=16 * 1024 * 1024, excess=1)  # the default limit
def test_inputs_above_the_limit_are_refused_with_a_message(limit: int, excess: int) -> None:
    data = b"x" * (limit + excess)
    with pytest.raises(InputTooLargeError) as raised:
        read_bytes(data, "x", max_bytes=limit)
    message = raised.value.reason
    assert "\n" not in message and raised.value.source == "x"
    assert _names(_sizes_named(message), limit + excess) and _names(_sizes_named(message), limit), message
    # A stream is read no further than the limit: its message names the limit.
    with pytest.raises(InputTooLargeError) as raised:
        read_stream(io.BytesIO(data), "x", max_bytes=limit)
    assert _names(_sizes_named(raised.value.reason), limit), raised.value.reason
    # At the limit itself the input is read.
    assert isinstance(read_bytes(data[:limit], "x", max_bytes=limit), str)


# ------------------------------------------------------------------ corrupted Word and PDF files


SCANS = DOCUMENTS.parent / "scans"


@functools.cache
def fixture_bytes(name: str, folder: Path = DOCUMENTS) -> bytes:
    return (folder / name).read_bytes()


DOCUMENT_NAMES = sorted(path.name for path in DOCUMENTS.glob("*.docx")) + sorted(path.name for path in DOCUMENTS.glob("*.pdf"))


# A damage is (kind, position as a fraction of the file, size, xor mask): the
# example is drawn as this recipe, so that a failure prints a few numbers and
# not 100 KB of bytes.
Damage = tuple[str, float, int, int]
damages = st.tuples(
    st.sampled_from(["truncate", "flip", "zero", "cut", "duplicate"]),
    st.floats(0.0, 1.0, allow_nan=False),
    st.integers(1, 4096),
    st.integers(1, 255),
)


def damaged(name: str, recipe: list[Damage], folder: Path = DOCUMENTS) -> bytes:
    data = bytearray(fixture_bytes(name, folder))
    for kind, where, size, mask in recipe:
        # The magic number (8 bytes) stays: the damaged file must reach its format's reader.
        i = max(8, min(int(where * len(data)), len(data)))
        if kind == "truncate":
            del data[i:]
        elif kind == "flip":
            for j in range(i, min(len(data), i + size % 16 + 1)):
                data[j] ^= mask
        elif kind == "zero":
            data[i : i + size] = bytes(len(data[i : i + size]))
        elif kind == "cut":
            del data[i : i + size]
        else:
            data[i:i] = data[i : i + size]
    return bytes(data)


def check_reported(error: MinutesError) -> None:
    # One line for the user, naming the input; no Python object reprs.
    assert error.source == "x" and error.reason and "\n" not in str(error), error
    assert " object at 0x" not in error.reason, error


@given(name=st.sampled_from(DOCUMENT_NAMES), recipe=st.lists(damages, min_size=1, max_size=4))
@settings(max_examples=DOCUMENT_EXAMPLES, deadline=dt.timedelta(seconds=60), suppress_health_check=[HealthCheck.too_slow])
@example(name="rajshahi-2023-12.pdf", recipe=[("truncate", 0.0, 1, 1)])
@example(name="rajshahi-2023-12.docx", recipe=[("truncate", 0.0, 1, 1)])
# Found by this test: a damaged deflate stream in `_rels/.rels` leaked zlib.error.
@example(name="rajshahi-2023-12.docx", recipe=[("flip", 0.015, 15, 255)])
# Found by this test: a damaged object dictionary that pdfium reads past leaked
# pdfplumber's PdfminerException (from closing pdfplumber, which parses every page).
@example(name="rajshahi-2023-12.pdf", recipe=[("flip", 0.001, 3, 1)])
@example(name="jhenaidah-2023-11.pdf", recipe=[("flip", 0.2896, 2, 1)])
def test_corrupted_documents_are_reported_not_crashed_on(name: str, recipe: list[Damage]) -> None:
    try:
        text = read_bytes(damaged(name, recipe), "x")
    except MinutesError as error:
        check_reported(error)
        event("outcome", type(error).__name__)
        return
    event("outcome", "text")
    assert isinstance(text, str)
    tag_and_check(text)


@pytest.mark.parametrize("name", [name for name in DOCUMENT_NAMES if name.endswith(".docx")])
def test_a_truncated_word_file_is_a_corrupt_input_error(name: str) -> None:
    # Half a .docx (a download cut short) has lost the ZIP directory: damaged, and said so.
    data = fixture_bytes(name)
    with pytest.raises(CorruptInputError) as raised:
        read_bytes(data[: len(data) // 2], "minutes.bin")
    assert raised.value.source == "minutes.bin"


# A damaged scan that still decodes is read by OCR (~15 s a page), too slow to
# draw by the hundred: these damages stop the image decoder, and are reported.
@pytest.mark.parametrize(
    ("name", "recipe"),
    [
        ("rajshahi-2023-12-p1.png", [("truncate", 0.5, 1, 1)]),
        ("rajshahi-2023-12-p1.png", [("truncate", 0.999, 1, 1)]),
        ("rajshahi-2023-12-p1.png", [("flip", 0.5, 4, 255)]),
        ("rajshahi-2023-12-p1.png", [("zero", 0.3, 4096, 1)]),
        ("rajshahi-2023-12-p1.png", [("zero", 0.0, 32, 1)]),  # the PNG header chunk
        ("rajshahi-2023-12-scan.pdf", [("truncate", 0.6, 1, 1)]),
    ],
)
def test_a_damaged_scan_is_a_corrupt_input_error(name: str, recipe: list[Damage]) -> None:
    with pytest.raises(CorruptInputError) as raised:
        read_bytes(damaged(name, recipe, SCANS), "x")
    check_reported(raised.value)
