"""PDF reading: the seed minutes as LibreOffice PDFs (tests/fixtures/make_fixtures.py)
tag to the same decisions as their text; damaged PDFs are reported; visual-order
Bangla is repaired."""

from __future__ import annotations

import re
import shutil

import pytest

from minutes_nlp.errors import CorruptInputError, InputTooLargeError, MinutesError
from minutes_nlp.normalize import normalize_text
from minutes_nlp.parsing import parse
from minutes_nlp.reading import pdf as pdf_reader
from minutes_nlp.reading import read_bytes, read_document, read_path
from minutes_nlp.reading.bangla_repair import repair

from conftest import SEEDS

DOCUMENTS = SEEDS["rajshahi-2023-12"].parents[2] / "tests" / "fixtures" / "documents"


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", normalize_text(text)).strip()


def summary(minutes):
    return [(d.item, d.sub, fold(d.text), fold(d.implementer_text or "")) for d in minutes.decisions]


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_pdf_parses_to_the_same_decisions_and_meeting_as_its_text(name):
    document = read_document(DOCUMENTS / f"{name}.pdf")
    assert document.format == "pdf"
    from_pdf, from_text = parse(document.text), parse(read_path(SEEDS[name]))
    assert summary(from_pdf) == summary(from_text)
    for field in ("office", "date", "time", "venue", "chair", "memo_no", "issue_date", "issue_date_bangla", "distribution"):
        assert getattr(from_pdf.meeting, field) == getattr(from_text.meeting, field), field


def test_all_51_seed_decisions_come_back_from_the_pdfs():
    count = sum(len(parse(read_document(DOCUMENTS / f"{name}.pdf").text).decisions) for name in SEEDS)
    assert count == 51


def test_tagging_a_pdf_gives_the_same_themes_deadlines_and_implementers(tmp_path):
    from minutes_nlp import tag_file

    name = "rajshahi-2023-12"
    # Same stem, so the decision ids (made from the document id) agree too.
    (tmp_path / "pdf").mkdir()
    shutil.copy(DOCUMENTS / f"{name}.pdf", tmp_path / "pdf" / f"{name}.pdf")
    from_pdf, from_text = tag_file(tmp_path / "pdf" / f"{name}.pdf"), tag_file(SEEDS[name])

    def tags(minutes):
        return [
            (d.id, [t.label for t in d.themes], [(x.kind, x.due) for x in d.deadlines], [(i.role, i.scope, i.places) for i in d.implementers])
            for d in minutes.decisions
        ]

    assert tags(from_pdf) == tags(from_text)


def test_a_pdf_is_recognised_by_its_content_whatever_its_name(tmp_path):
    renamed = tmp_path / "minutes.txt"
    shutil.copy(DOCUMENTS / "sirajganj-2023-01.pdf", renamed)
    assert len(parse(read_path(renamed)).decisions) == 5


def test_a_table_row_broken_by_the_page_is_one_row():
    # Rajshahi's item ০৩ starts at the foot of page 1 and ends on page 2.
    text = read_document(DOCUMENTS / "rajshahi-2023-12.pdf").text
    row = next(line for line in text.splitlines() if line.startswith("০৩\t"))
    assert "চারঘাট, বাগমারা ও তানোর উপজেলায়" in row
    assert not any(line.startswith("\t\tবাগমারা") for line in text.splitlines())


def test_latin_and_bangla_runs_of_a_line_come_out_in_reading_order():
    text = read_document(DOCUMENTS / "rajshahi-2023-12.pdf").text
    assert "<http://doict.rajshahi.gov.bd/>" in text
    assert "SOMS (Smart Office Management System)" in text


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda data: data[: len(data) // 3], "damaged PDF"),
        (lambda data: data[:8] + bytes(range(256)) * 40, "damaged PDF"),
        (lambda data: b"%PDF-1.4\n%%EOF\n", "damaged PDF"),
    ],
    ids=["truncated", "garbage-after-header", "empty-body"],
)
def test_damaged_pdf_is_reported_on_one_line(damage, words):
    data = damage((DOCUMENTS / "jhenaidah-2023-11.pdf").read_bytes())
    with pytest.raises(MinutesError) as raised:
        read_bytes(data, "broken.pdf")
    assert isinstance(raised.value, CorruptInputError)
    assert str(raised.value).startswith("broken.pdf: ")
    assert words in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_pdf_with_too_many_pages_is_refused(monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    with pytest.raises(InputTooLargeError, match="PDF of 3 pages"):
        read_bytes((DOCUMENTS / "rajshahi-2023-12.pdf").read_bytes(), "long.pdf")


# --- visual-order repair --------------------------------------------------------

_CLUSTER = "[\u0995-\u09b9\u09ce\u09dc-\u09df](?:\u09bc)?(?:\u09cd[\u0995-\u09b9\u09dc-\u09df](?:\u09bc)?)*"
_WORD_START_SYLLABLE = re.compile(f"(?<![\u0980-\u09ff])({_CLUSTER})([\u09bf\u09c7\u09c8])")


def visual_order(text: str) -> str:
    """What a per-glyph PDF gives back for the first syllable of each word:
    the pre-base vowel sign before its consonant cluster (ো split as ে … া)."""
    text = text.replace("\u09cb", "\u09c7\u09be").replace("\u09cc", "\u09c7\u09d7")
    return _WORD_START_SYLLABLE.sub(r"\2\1", text)


@pytest.mark.parametrize(
    ("scrambled", "fixed"),
    [
        ("িসদ্ধান্ত", "সিদ্ধান্ত"),
        ("েজলা কাযর্ালয়", "জেলা কার্যালয়"),
        ("ৈনিতক", "নৈতিক"),
        ("েযাগােযাগ", "যোগাযোগ"),
        ("ধমর্", "ধর্ম"),
        ("প ্রযুক্তি", "প্রযুক্তি"),
        ("েক্ষত্র", "ক্ষেত্র"),
    ],
)
def test_visual_order_words_are_put_in_logical_order(scrambled, fixed):
    assert repair(scrambled) == normalize_text(fixed)


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_repair_restores_seed_decisions_from_visual_order_and_leaves_good_text_alone(name):
    for decision in parse(read_path(SEEDS[name])).decisions:
        assert repair(decision.text) == decision.text
        scrambled = visual_order(decision.text)
        assert repair(scrambled) == decision.text
