"""Reading bytes into normalised text: encodings, Unicode forms, bad input."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from minutes_nlp.errors import (
    BinaryInputError,
    CorruptInputError,
    EmptyInputError,
    EncodingError,
    InputNotFoundError,
    InputTooLargeError,
    MinutesError,
    UnsupportedFormatError,
)
from minutes_nlp.normalize import normalize_text, parse_int, to_ascii_digits, to_bangla_digits
from minutes_nlp.reading import read_bytes, read_path

from conftest import SEEDS

LINE = "সভার তারিখ\t০৪/১২/২০২৩ খ্রি.\nসিদ্ধান্তঃ ডি-নথিতে সকল ডাক নিষ্পন্ন করতে হবে।\n"


@pytest.mark.parametrize(
    "data",
    [
        LINE.encode("utf-8"),
        codecs.BOM_UTF8 + LINE.encode("utf-8"),
        LINE.encode("utf-16"),  # with BOM
        codecs.BOM_UTF16_BE + LINE.encode("utf-16-be"),
        LINE.encode("utf-16-le"),  # no BOM: recognised by its NUL pattern
        LINE.encode("utf-16-be"),
        LINE.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le-nobom", "utf16be-nobom", "crlf"],
)
def test_every_supported_encoding_reads_to_the_same_text(data):
    assert read_bytes(data) == normalize_text(LINE)
    assert "\ufeff" not in read_bytes(data)


def test_seed_file_reads_unchanged_as_nfc():
    raw = SEEDS["rajshahi-2023-12"].read_text(encoding="utf-8")
    text = read_path(SEEDS["rajshahi-2023-12"])
    assert unicodedata.is_normalized("NFC", text)
    assert text.split("\n")[18] == raw.split("\n")[18].rstrip(" ")


def test_precomposed_and_nukta_forms_become_one():
    precomposed = "নিয়মিত ড়\u09df \u09dc \u09dd"
    nukta = "নিয়মিত ড়\u09af\u09bc \u09a1\u09bc \u09a2\u09bc"
    assert normalize_text(precomposed.replace("য়", "\u09df")) == normalize_text(nukta)
    assert "\u09df" not in normalize_text(precomposed)


def test_invisible_characters_and_odd_spaces_are_cleaned():
    dirty = "ই\u200c-নথি\u200b\u00a0ব্যবহার\u2003\u2003বৃদ্ধি\u00ad  \nপরবর্তী\u202fসভা"
    assert normalize_text(dirty) == "ই-নথি ব্যবহার বৃদ্ধি\nপরবর্তী সভা"


def test_tabs_are_kept_because_they_separate_cells():
    assert normalize_text("০১.\tই-নথি\t\tসংশ্লিষ্ট সকল") == "০১.\tই-নথি\t\tসংশ্লিষ্ট সকল"


def test_legacy_khanda_ta_becomes_the_khanda_ta_letter():
    assert normalize_text("উদ্ভাবন\u09a4\u09cd\u200d") == "উদ্ভাবন\u09ce"


def test_digit_helpers():
    assert to_ascii_digits("৩০/০১/২০২৪") == "30/01/2024"
    assert to_bangla_digits("SOMS 2024-01-30") == "SOMS ২০২৪-০১-৩০"
    assert parse_int(" ০৫ ") == 5
    assert to_bangla_digits(to_ascii_digits("০১২৩৪৫৬৭৮৯")) == "০১২৩৪৫৬৭৮৯"


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (b"", EmptyInputError, "empty"),
        (b" \n\t\r\n", EmptyInputError, "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", CorruptInputError, "damaged PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", CorruptInputError, "Word"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), UnsupportedFormatError, ".doc"),
        (b"{\\rtf1\\ansi abc}", UnsupportedFormatError, "RTF"),
        (bytes(range(256)) * 8, BinaryInputError, "binary"),
        ("সভার তারিখ".encode()[:-1] + b"\xff\xfe\xfd abc", EncodingError, "UTF-8"),
    ],
    ids=["empty", "whitespace", "pdf", "docx", "doc", "rtf", "binary", "bad-utf8"],
)
def test_bad_input_raises_a_minutes_error_naming_the_reason(data, error, words):
    with pytest.raises(error) as raised:
        read_bytes(data, "bad.txt")
    assert isinstance(raised.value, MinutesError)
    assert str(raised.value).startswith("bad.txt: ")
    assert words.lower() in str(raised.value).lower()
    assert "\n" not in str(raised.value)


def test_large_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: nothing is written or read
    with pytest.raises(InputTooLargeError, match="too large"):
        read_path(big)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputNotFoundError, match="no such file"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(InputNotFoundError, match="directory"):
        read_path(tmp_path)
