"""Legacy Bijoy (SutonnyMJ) text: conversion to Unicode, detection, the fixture file.

The word pairs below were written by hand in Bijoy keystrokes (as typed on
the Bijoy keyboard and stored in SutonnyMJ files), not produced with the
converter's own table.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

import pytest

import minutes_nlp
from minutes_nlp.errors import EncodingError
from minutes_nlp.normalize import normalize_text
from minutes_nlp.reading import bijoy, read_document
from minutes_nlp.reading.bijoy import (
    convert_document,
    decode_legacy,
    from_unicode,
    is_bijoy_font,
    looks_like_bijoy,
    to_unicode,
)
from minutes_nlp.reading.layout import Document
from minutes_nlp.reading.plain import decode

from conftest import SEEDS

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "bijoy" / "rajshahi-2023-12.bijoy.txt"

HAND_TYPED = [
    # (Bijoy as typed, Unicode), what each pair exercises
    ("Avwg evsjvq Mvb MvB", "আমি বাংলায় গান গাই"),  # আ = Av, pre-base ি, ং, য়
    ("evsjv‡`k", "বাংলাদেশ"),  # pre-base ে
    ("‡Rjv", "জেলা"),  # ে + consonant + later া is not ো
    ("Kvh©µg", "কার্যক্রম"),  # reph typed after its consonant, µ = ক্র
    ("wb‡`©kbv", "নির্দেশনা"),  # reph after a consonant carrying ে
    ("Kg©KZ©v", "কর্মকর্তা"),  # two rephs
    ("wm×všÍ", "সিদ্ধান্ত"),  # conjunct glyph, half form ন্ + phala ্ত
    ("gš¿Yvjq", "মন্ত্রণালয়"),  # half form + ্ত্র
    ("AwZwi³", "অতিরিক্ত"),  # pre-base ি before a conjunct glyph
    ("‡hvMv‡hvM", "যোগাযোগ"),  # ো typed around its consonant
    ("‡kŠPvMvi", "শৌচাগার"),  # ৌ typed around its consonant
    ("D‡`¨vM", "উদ্যোগ"),  # ya-phala inside ো
    ("e¨e¯’v", "ব্যবস্থা"),  # ya-phala, স্থ
    ("cÖ‡qvRb", "প্রয়োজন"),  # ra-phala Ö
    ("‡cÖvMÖvgvi", "প্রোগ্রামার"),  # ো around প্র
    ("`ª“Z", "দ্রুত"),  # ra-phala ª with its own ু
    ("¸iæZ¡c~Y©", "গুরুত্বপূর্ণ"),  # গু and রু ligatures, ত্ব, ূ, reph
    ("j¶¨gvÎv", "লক্ষ্যমাত্রা"),  # ক্ষ + ya-phala, ত্র
    ("wkÿv", "শিক্ষা"),  # the other ক্ষ glyph
    ("mswkøó", "সংশ্লিষ্ট"),  # ল-phala, ষ্ট
    ("Dcw¯’Z", "উপস্থিত"),  # pre-base ি before a half-form cluster
    ("we¯ÍvwiZ", "বিস্তারিত"),
    ("‰Zwi", "তৈরি"),  # pre-base ৈ
    ("DËi", "উত্তর"),
    ("‡m‡Þ¤^i", "সেপ্টেম্বর"),  # প্ট, ম্ব
    ("wbwðZ", "নিশ্চিত"),
    ("cÖK‡íi", "প্রকল্পের"),
    ("¯§viK bs", "স্মারক নং"),
    ("Rb¨ Ki‡Z n‡e|", "জন্য করতে হবে।"),  # dari
    ("‡gvt Avãyj", "মোঃ আব্দুল"),  # visarga, ব্দ
    ("Pvu`", "চাঁদ"),  # chandrabindu
    ("Drme", "উৎসব"),  # khanda ta
    ("i¨vwj", "র‍্যালি"),  # ra + ya-phala, not reph
    ("mfvi ZvwiL 04/12/2023 wLª.", "সভার তারিখ ০৪/১২/২০২৩ খ্রি."),  # ASCII digits are Bangla digits
    ("mKvj 11:00 Uv", "সকাল ১১:০০ টা"),
    ("$500 UvKv", "৳৫০০ টাকা"),
    ("cwiwkó ÒKÓ", "পরিশিষ্ট “ক”"),  # Bijoy's quotation marks
]


@pytest.mark.parametrize(("typed", "expected"), HAND_TYPED, ids=[u for _, u in HAND_TYPED])
def test_hand_typed_bijoy_converts_to_unicode(typed, expected):
    got = to_unicode(typed)
    assert normalize_text(got) == normalize_text(expected)
    assert unicodedata.is_normalized("NFC", got)


@pytest.mark.parametrize(("typed", "expected"), HAND_TYPED, ids=[u for _, u in HAND_TYPED])
def test_from_unicode_round_trips_hand_typed_words(typed, expected):
    assert normalize_text(to_unicode(from_unicode(expected))) == normalize_text(expected)


@pytest.mark.parametrize("typed", ["‡cŠu‡Q", "‡cuŠ‡Q"])
def test_chandrabindu_on_either_side_of_au_length_mark(typed):
    assert to_unicode(typed) == normalize_text("পৌঁছে")


def test_newlines_and_tabs_are_untouched():
    typed = "µg\tAv‡jvP¨ welq\twm×všÍ\r\n01.\tB-bw_ e¨envi\tmKj WvK wb®úbœ Ki‡Z n‡e|\r\n"
    got = to_unicode(typed)
    assert got == "ক্রম\tআলোচ্য বিষয়\tসিদ্ধান্ত\r\n০১.\tই-নথি ব্যবহার\tসকল ডাক নিষ্পন্ন করতে হবে।\r\n".replace(
        "য়", unicodedata.normalize("NFC", "য়")
    )
    assert [line.count("\t") for line in got.split("\r\n")] == [2, 2, 0]


def test_links_e_mail_and_html_tags_are_kept():
    typed = "B-‡gBj: doictbban@gmail.com, I‡qemvBU: http://doict.rajshahi.gov.bd/ Ges www.soms.gov.bd| <p>K) mfv</p>"
    assert to_unicode(typed) == normalize_text(
        "ই-মেইল: doictbban@gmail.com, ওয়েবসাইট: http://doict.rajshahi.gov.bd/ এবং www.soms.gov.bd। <p>ক) সভা</p>"
    )


def test_english_words_are_kept_and_the_bangla_beside_them_converted():
    assert to_unicode("SOMS (Smart Office Management System) mdUIq¨v‡i soms.gov.bd ‡Z jMBb") == normalize_text(
        "SOMS (Smart Office Management System) সফটওয়্যারে soms.gov.bd তে লগইন"
    )
    # a Bangla word right after an English name stays Bangla
    assert to_unicode("SOMS Gi gva¨‡g") == normalize_text("SOMS এর মাধ্যমে")
    # the short words inside an English phrase are kept with it
    sentence = "A handwritten signature in black ink, appearing to be 'M. Alam', enclosed"
    assert to_unicode(sentence) == sentence


def test_glyph_tables_are_consistent():
    """Every conjunct that `from_unicode` writes with a special glyph reads back as itself."""
    for cluster, glyphs in bijoy._CONJUNCTS_TO_BIJOY.items():
        if cluster.startswith("্") or cluster.endswith("্"):
            continue  # phalas and half forms are covered by the words above
        word = cluster + "া"
        assert normalize_text(to_unicode(from_unicode(word))) == normalize_text(word), (cluster, glyphs)
    for glyph, text in bijoy._GLYPHS.items():
        if not glyph.isascii():  # a Bangla glyph, or one of the font's quotation marks and dash
            assert text in "–“”‘’" or all("\u0980" <= c <= "\u09ff" or c == "\u200c" for c in text), glyph


# ---------------------------------------------------------------------------
# Round trip on the seeds
# ---------------------------------------------------------------------------


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _cer(reference: str, hypothesis: str) -> float:
    """Character error rate, line by line (the round trip keeps the lines)."""
    ref_lines, hyp_lines = reference.split("\n"), hypothesis.split("\n")
    assert len(ref_lines) == len(hyp_lines)
    edits = sum(_levenshtein(r, h) for r, h in zip(ref_lines, hyp_lines, strict=True) if r != h)
    return edits / max(len(reference), 1)


# Measured: 0.00036 (bandarban: "box" of an English sentence), 0.0025
# (rajshahi: the signature "Auckam" twice), 0 for the other three.
ROUND_TRIP_MAX_CER = 0.003


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_round_trip_through_bijoy(name):
    text = normalize_text(SEEDS[name].read_text(encoding="utf-8"))
    encoded = from_unicode(text)
    encoded.encode("cp1252")  # every glyph is a Windows-1252 character
    assert not any("\u0980" <= c <= "\u09ff" for c in encoded)
    back = normalize_text(to_unicode(encoded))
    assert _cer(text, back) <= ROUND_TRIP_MAX_CER
    # Lines without Latin letters (all the Bangla) come back exactly.
    for original, returned in zip(text.split("\n"), back.split("\n"), strict=True):
        if not any(c.isascii() and c.isalpha() for c in original):
            assert returned == original


# ---------------------------------------------------------------------------
# The fixture: an old office file (Windows-1252 bytes)
# ---------------------------------------------------------------------------


@functools.cache
def _fixture_document() -> Document:
    text = decode_legacy(FIXTURE.read_bytes())
    assert text is not None
    return convert_document(Document(text, "text"))


@functools.cache
def _seed_decisions() -> list[tuple[str, str]]:
    minutes = minutes_nlp.tag_text(SEEDS["rajshahi-2023-12"].read_text(encoding="utf-8"))
    return [(d.item, normalize_text(d.text)) for d in minutes.decisions]


def test_fixture_is_not_utf8_and_is_recognised_as_bijoy():
    data = FIXTURE.read_bytes()
    with pytest.raises(EncodingError):
        decode(data, str(FIXTURE))
    assert b"\r\n" in data
    text = decode_legacy(data)
    assert text is not None and looks_like_bijoy(text)


def test_fixture_converts_with_a_note_and_near_the_seed_text():
    document = _fixture_document()
    assert ("bijoy", "converted from Bijoy (SutonnyMJ) encoding to Unicode") in document.notes
    seed = normalize_text(SEEDS["rajshahi-2023-12"].read_text(encoding="utf-8"))
    assert _cer(seed, normalize_text(document.text)) <= ROUND_TRIP_MAX_CER


def test_fixture_tags_to_the_seed_decisions():
    minutes = minutes_nlp.tag_text(_fixture_document().text)
    got = [(d.item, normalize_text(d.text)) for d in minutes.decisions]
    assert len(got) == 11
    assert got == _seed_decisions()


def test_read_document_reads_the_bijoy_fixture():
    document = read_document(FIXTURE)
    assert ("bijoy", "converted from Bijoy (SutonnyMJ) encoding to Unicode") in document.notes
    minutes = minutes_nlp.tag_text(document.text)
    assert [(d.item, normalize_text(d.text)) for d in minutes.decisions] == _seed_decisions()


def test_copy_pasted_bijoy_in_utf8_is_converted():
    pasted = "mfvi ZvwiL\t04/12/2023 wLª.\nmfvcwZ mfvq Dcw¯’Z m`m¨‡`i‡K ¯^vMZ Rvwb‡q mfvi Kvh©µg ïiæ K‡ib|\n"
    document = convert_document(Document(decode(pasted.encode("utf-8")), "text"))
    assert document.text.split("\n")[1] == normalize_text("সভাপতি সভায় উপস্থিত সদস্যদেরকে স্বাগত জানিয়ে সভার কার্যক্রম শুরু করেন।")
    assert [code for code, _ in document.notes] == ["bijoy"]


# ---------------------------------------------------------------------------
# Detection
# ---------------------------------------------------------------------------

ENGLISH = (
    "The meeting of the district ICT committee was held on 4 December 2023 at the conference room of the "
    "Deputy Commissioner's office. The chairperson welcomed the members and started the discussion. It was "
    "decided that every upazila office will upload the monthly report to the portal within the fifth day of "
    "each month, and that the Sheikh Russel Digital Labs will be visited regularly."
)
URLS = "http://doict.rajshahi.gov.bd/\nhttps://www.bangladesh.gov.bd/site/page/7\nwww.soms.gov.bd\ndoictbban@gmail.com\n"


@pytest.mark.parametrize(
    "text",
    [
        ENGLISH,
        URLS,
        "",
        " \n\t\n",
        SEEDS["rajshahi-2023-12"].read_text(encoding="utf-8"),
        "id,division_id,name_en,name_bn\n1,1,Cumilla,Cumilla\n2,1,Feni,Feni\n",
        "def main():\n    value = compute(x, y)\n    return value\n",
    ],
    ids=["english", "urls", "empty", "blank", "unicode-seed", "csv", "code"],
)
def test_not_bijoy(text):
    assert not looks_like_bijoy(text)
    document = Document(text, "text")
    assert convert_document(document) is document


@pytest.mark.parametrize(
    "text",
    [
        "Avwg evsjvq Mvb MvB",
        "mfvi ZvwiL\t04/12/2023 wLª.",
        "‡Rjv Kvh©vjq, ivRkvnx\nB-‡gBj: doictbban@gmail.com",
    ],
)
def test_short_bijoy_is_recognised(text):
    assert looks_like_bijoy(text)


def test_decode_legacy_refuses_what_is_not_bijoy():
    assert decode_legacy("Smart “quotes” and café — naïve résumé, the end of the text.".encode("cp1252")) is None
    assert decode_legacy(ENGLISH.encode("utf-16")) is None
    assert decode_legacy(bytes(range(256))) is None


def test_bijoy_text_read_as_latin1_is_handled():
    # C1 control characters are the Windows-1252 glyphs of a mis-decoded file.
    text = "evsjv‡`k".encode("cp1252").decode("latin-1")
    assert "\u0087" in text
    assert to_unicode(text) == normalize_text("বাংলাদেশ")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("SutonnyMJ", True),
        ("sutonnyomj", True),
        ("SutonnyEMJ", True),
        ("ABCDEF+SutonnyMJ-Bold", True),
        ("SutonnyMJ,BoldItalic", True),
        ("AnandaMJ", True),
        ("Nikosh", False),
        ("NikoshBAN", False),
        ("SolaimanLipi", False),
        ("Noto Sans Bengali", False),
        ("Times New Roman", False),
        ("", False),
        (None, False),
    ],
)
def test_is_bijoy_font(name, expected):
    assert is_bijoy_font(name) is expected


def test_text_known_to_be_in_a_bijoy_font_is_converted_whole():
    # In a Word run set in SutonnyMJ every character is a glyph, even "Smart".
    assert to_unicode("Smart mfv", keep_latin=False) == normalize_text("ঝসধৎঃ সভা")
    assert to_unicode("Smart mfv") == normalize_text("Smart সভা")
