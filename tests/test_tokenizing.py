"""Tests for minutes_nlp.tokenizing on sentences from the sample minutes.

Sentences are copied from corpus/raw/*.txt (district in the comment) or are
realistic variants of them.
"""

from __future__ import annotations

import pickle
import unicodedata

import pytest
import spacy

from minutes_nlp.tokenizing import (
    TOKENIZER_NAME,
    AdminTokenizer,
    get_nlp,
    make_nlp,
    tokenize,
    tokenize_with_offsets,
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def toks(text: str) -> list[str]:
    return tokenize(nfc(text))


def assert_single_token(text: str, fragment: str) -> None:
    """`fragment` occurs in `text` and comes out as exactly one token."""
    assert nfc(fragment) in toks(text), toks(text)


# --- hyphenated words -------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # Bandarban
            "ডি-নথিতে ডাক উপস্থাপন ও পত্র প্রেরণ করার জন্য পরামর্শ প্রদান করা হয়।",
            ["ডি-নথিতে", "ডাক", "উপস্থাপন", "ও", "পত্র", "প্রেরণ", "করার", "জন্য", "পরামর্শ", "প্রদান", "করা", "হয়", "।"],
        ),
        (  # Sirajganj
            "জেলা ও উপজেলা পর্যায়ে ই-নথি প্রশিক্ষণ কার্যক্রম চলমান রয়েছে।",
            ["জেলা", "ও", "উপজেলা", "পর্যায়ে", "ই-নথি", "প্রশিক্ষণ", "কার্যক্রম", "চলমান", "রয়েছে", "।"],
        ),
        (  # Lalmonirhat
            "ই-ফাইল (নথি) এর মাধ্যমে নথির নিষ্পত্তি বৃদ্ধি করতে হবে।",
            ["ই-ফাইল", "(", "নথি", ")", "এর", "মাধ্যমে", "নথির", "নিষ্পত্তি", "বৃদ্ধি", "করতে", "হবে", "।"],
        ),
        (  # Lalmonirhat
            "মাঠ পর্যায়ের সাথে দ্রুত যোগাযোগ স্থাপনের জন্য ই-মেইল ব্যবহার করা প্রয়োজন।",
            ["মাঠ", "পর্যায়ের", "সাথে", "দ্রুত", "যোগাযোগ", "স্থাপনের", "জন্য", "ই-মেইল", "ব্যবহার", "করা", "প্রয়োজন", "।"],
        ),
        (  # Lalmonirhat
            "জেলা ই-সেবা কেন্দ্রের মাধ্যমে নিয়মিত পর্চা সরবরাহ করা আবশ্যিক।",
            ["জেলা", "ই-সেবা", "কেন্দ্রের", "মাধ্যমে", "নিয়মিত", "পর্চা", "সরবরাহ", "করা", "আবশ্যিক", "।"],
        ),
        (  # Bandarban
            '"ওমেন ই-কমার্স প্রফেশনাল" মোট ৭৫জন প্রশিক্ষণার্থীদের নিয়ে',
            ['"', "ওমেন", "ই-কমার্স", "প্রফেশনাল", '"', "মোট", "৭৫জন", "প্রশিক্ষণার্থীদের", "নিয়ে"],
        ),
        (  # Rajshahi, table cell
            "ই-নথি/ ডি-নথি ব্যবহার",
            ["ই-নথি", "/", "ডি-নথি", "ব্যবহার"],
        ),
    ],
)
def test_e_words_are_single_tokens(sentence: str, expected: list[str]) -> None:
    assert toks(sentence) == [nfc(t) for t in expected]


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("যথাসময়ে প্রেরণ নিশ্চিত করতে হবে ও নিয়মিত ফলো-আপ নিতে হবে।", "ফলো-আপ"),  # Rajshahi
        ("নিজ নিজ ওয়েবপোর্টালের “সামাজিক যোগাযোগ” সাব-মেনুতে সংযুক্ত করতে হবে", "সাব-মেনুতে"),  # Lalmonirhat
        ("প্রয়োগ ও প্রসারের মাধ্যমে আর্থ-সামাজিক উন্নয়নে", "আর্থ-সামাজিক"),  # Lalmonirhat
        ("সভার কার্যবিবরণী স্ব-স্ব ইনোভেশন কর্নারে আপলোড করার", "স্ব-স্ব"),  # Sirajganj
        ("ডিজিটাল বাংলাদেশ বিনির্মাণে ভিশন-২০২১ বাস্তবায়নে", "ভিশন-২০২১"),  # Lalmonirhat
        ("বাংলা গভর্নেন্ট ও ইনফো-সরকার-২ প্রকল্পের মাধ্যমে", "ইনফো-সরকার-২"),  # Lalmonirhat
        ("National e-Government Network ব্যবহার সংক্রান্ত:", "e-Government"),  # Lalmonirhat
        ("এপিএ-তে বর্ণিত কার্যবলীর প্রমাণকসমূহ সংরক্ষণ", "এপিএ-তে"),  # Bandarban
        ("৩। উপ-পরিচালক, প্রশাসন, তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর।", "উপ-পরিচালক"),  # Bandarban
    ],
)
def test_hyphen_compounds_are_single_tokens(sentence: str, word: str) -> None:
    assert_single_token(sentence, word)


def test_digit_ranges_are_still_split() -> None:
    # Only compounds with a letter are kept whole; ranges are not words.
    assert toks("২০২৩-২৪ অর্থবছরে ১০-১৫ জন") == [nfc(t) for t in ["২০২৩", "-", "২৪", "অর্থবছরে", "১০", "-", "১৫", "জন"]]


def test_closing_quote_before_case_ending() -> None:
    # Sirajganj: the quoted name takes a hyphenated case ending.
    assert toks("‘সিরাজগঞ্জ জেলা ইনোভেশন টিম’-কে ইতিবাচক ভূমিকা") == [
        nfc(t) for t in ["‘", "সিরাজগঞ্জ", "জেলা", "ইনোভেশন", "টিম", "’", "-কে", "ইতিবাচক", "ভূমিকা"]
    ]


# --- abbreviations ------------------------------------------------------------


def test_year_abbreviation_with_period() -> None:
    # Bandarban header
    assert toks("সভার তারিখ\t২৮ নভেম্বর ২০২৪ খ্রি.") == [nfc(t) for t in ["সভার", "তারিখ", "২৮", "নভেম্বর", "২০২৪", "খ্রি."]]


def test_abbreviation_inside_sentence() -> None:
    # Jhenaidah
    assert toks("জেলার অন্তর্ভুক্ত সকল ওয়েব পোর্টাল আগামী ৩০/০১/২০২৪ খ্রি. তারিখের মধ্যে") == [
        nfc(t)
        for t in ["জেলার", "অন্তর্ভুক্ত", "সকল", "ওয়েব", "পোর্টাল", "আগামী", "৩০/০১/২০২৪", "খ্রি.", "তারিখের", "মধ্যে"]
    ]


@pytest.mark.parametrize(
    "abbreviation", ["খ্রি.", "খ্রিঃ", "ইং.", "নং.", "নংঃ", "মোঃ", "মো.", "ডাঃ", "ডা.", "মোসাঃ", "ক্রঃ", "বি.দ্র."]
)
def test_abbreviations_are_single_tokens(abbreviation: str) -> None:
    assert toks(f"তারিখ {abbreviation}, সভা") == [nfc("তারিখ"), nfc(abbreviation), ",", nfc("সভা")]


def test_abbreviation_norms() -> None:
    doc = get_nlp().make_doc(nfc("২৫ সেপ্টেম্বর ২০২৩ খ্রি. তারিখের ০৫ নং. স্মারক, মোঃ খালিদ"))
    norms = {t.text: t.norm_ for t in doc}
    assert norms[nfc("খ্রি.")] == nfc("খ্রিস্টাব্দ")
    assert norms[nfc("নং.")] == nfc("নম্বর")
    assert norms[nfc("মোঃ")] == nfc("মোহাম্মদ")


def test_name_with_md_abbreviation() -> None:
    # Jhenaidah
    assert toks("সভাপতি\tমোঃ খালিদ হাসান") == [nfc(t) for t in ["সভাপতি", "মোঃ", "খালিদ", "হাসান"]]


def test_janab_is_not_an_abbreviation() -> None:
    assert toks("জনাব, আপনার পত্র") == [nfc(t) for t in ["জনাব", ",", "আপনার", "পত্র"]]
    assert toks("জনাব.") == [nfc("জনাব"), "."]


def test_period_after_ordinary_word_is_split() -> None:
    assert toks("সভার সমাপ্তি ঘোষণা করা হয়.") == [nfc(t) for t in ["সভার", "সমাপ্তি", "ঘোষণা", "করা", "হয়", "."]]


# --- visarga used as a colon ------------------------------------------------------


def test_visarga_colon_split_from_label() -> None:
    # Lalmonirhat
    assert toks("০১\tওয়েব পোর্টাল সংক্রান্তঃ জেলার প্রত্যেক সরকারি বিভাগীয়") == [
        nfc(t) for t in ["০১", "ওয়েব", "পোর্টাল", "সংক্রান্ত", "ঃ", "জেলার", "প্রত্যেক", "সরকারি", "বিভাগীয়"]
    ]
    assert toks("অনলাইনে রেকর্ডরুম হতে পর্চা সরবরাহঃ জেলা") == [
        nfc(t) for t in ["অনলাইনে", "রেকর্ডরুম", "হতে", "পর্চা", "সরবরাহ", "ঃ", "জেলা"]
    ]
    assert toks("বিষয়ক তথ্যঃ বিসিসি") == [nfc(t) for t in ["বিষয়ক", "তথ্য", "ঃ", "বিসিসি"]]
    assert toks("ই-নথিঃ সকল পত্র") == [nfc(t) for t in ["ই-নথি", "ঃ", "সকল", "পত্র"]]


@pytest.mark.parametrize("word", ["মোঃ", "ক্রঃ", "খ্রিঃ", "অতঃপর", "পুনঃ", "মূলতঃ", "সাধারণতঃ", "ক্রমশঃ", "প্রায়শঃ"])
def test_visarga_kept_in_abbreviations_and_words(word: str) -> None:
    assert toks(f"{word} সভা") == [nfc(word), nfc("সভা")]


# --- dates, memo numbers, times ---------------------------------------------------


@pytest.mark.parametrize(
    "date", ["৩০/০১/২০২৪", "০৪/১২/২০২৩", "০৪-১২-২০২৩", "১৯.১১.২০২৩", "২১-০৭-২০১৯", "30/01/2024", "20-05-24", "২০/০৫/২৪", "২০২৪-০১-৩০"]
)
def test_dates_are_single_tokens(date: str) -> None:
    assert toks(f"গত {date} তারিখ শুরু হয়েছে।") == [nfc(t) for t in ["গত", date, "তারিখ", "শুরু", "হয়েছে", "।"]]


def test_date_at_end_of_sentence_and_alone() -> None:
    # Bandarban: signature date on its own line; Sirajganj header without period.
    assert toks("\n০৯-১২-২০২৪\n") == [nfc("০৯-১২-২০২৪")]
    assert toks("সভার তারিখ\t১৫-০১-২০২৩ খ্রি") == [nfc(t) for t in ["সভার", "তারিখ", "১৫-০১-২০২৩", "খ্রি"]]
    assert toks("তারিখ ৩০/০১/২০২৪।") == [nfc(t) for t in ["তারিখ", "৩০/০১/২০২৪", "।"]]


def test_mixed_separators_are_not_a_date() -> None:
    assert nfc("৩০/০১-২০২৪") not in toks("৩০/০১-২০২৪")


@pytest.mark.parametrize(
    ("line", "memo"),
    [
        ("নম্বর: ৫৬.০৪.৮১০০.০০০.০৬.০০১.২২.২৬৩", "৫৬.০৪.৮১০০.০০০.০৬.০০১.২২.২৬৩"),  # Rajshahi
        ("নম্বর: ৫৬.০৪.০৩০০.০০০.০৬.০০৩.২৩.৫৬", "৫৬.০৪.০৩০০.০০০.০৬.০০৩.২৩.৫৬"),  # Bandarban
        ("স্মারক নম্বর: ০৫.৪৩.৮৮০০.০২৩.৩৯.০০১.২০.১৬", "০৫.৪৩.৮৮০০.০২৩.৩৯.০০১.২০.১৬"),  # Sirajganj
    ],
)
def test_memo_numbers_are_single_tokens(line: str, memo: str) -> None:
    tokens = toks(line)
    assert tokens[-2:] == [":", nfc(memo)]


def test_memo_number_in_running_text() -> None:
    # Jhenaidah
    assert toks("তারিখের ৫৬.৮৩.০০০০.০১৩.২৫.০০৯.২৩.২ নং স্মারক পত্রের নির্দেশনায়") == [
        nfc(t) for t in ["তারিখের", "৫৬.৮৩.০০০০.০১৩.২৫.০০৯.২৩.২", "নং", "স্মারক", "পত্রের", "নির্দেশনায়"]
    ]


def test_memo_number_with_copy_count() -> None:
    # Lalmonirhat: the number of copies follows in brackets.
    assert toks("স্মারক নম্বর: ০৫.৪৭.৫২০০.০২৮.০১.০০২.১৯.৯২(৩০)") == [
        nfc(t) for t in ["স্মারক", "নম্বর", ":", "০৫.৪৭.৫২০০.০২৮.০১.০০২.১৯.৯২", "(", "৩০", ")"]
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("সভার সময়\tসকাল ১১:০০ টা", ["সভার", "সময়", "সকাল", "১১:০০", "টা"]),  # Rajshahi
        ("সভার সময়\tসকাল ১১.০০ ঘটিকা", ["সভার", "সময়", "সকাল", "১১.০০", "ঘটিকা"]),  # Bandarban
        ("স্থান\tদুপুর ১২:০০ ঘটিকা", ["স্থান", "দুপুর", "১২:০০", "ঘটিকা"]),  # Jhenaidah
        ("সভার সময় সকাল 11:30 ঘটিকা", ["সভার", "সময়", "সকাল", "11:30", "ঘটিকা"]),
    ],
)
def test_times_are_single_tokens(sentence: str, expected: list[str]) -> None:
    assert toks(sentence) == [nfc(t) for t in expected]


def test_grouped_numbers_are_single_tokens() -> None:
    # spaCy's bn defaults split "," between Bangla digits.
    assert toks("মোট ১,২৫,০০০ টাকা") == [nfc(t) for t in ["মোট", "১,২৫,০০০", "টাকা"]]


# --- URLs and e-mail ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<http://doict.rajshahi.gov.bd/>", ["<", "http://doict.rajshahi.gov.bd/", ">"]),  # Rajshahi
        ("www.doict.bandarban.gov.bd", ["www.doict.bandarban.gov.bd"]),  # Bandarban
        (  # Bandarban
            "'স্মার্ট অফিস ব্যবস্থাপনা সফটওয়্যার (www.soms.gov.bd) মাধ্যমে প্রেরণ",
            ["'", "স্মার্ট", "অফিস", "ব্যবস্থাপনা", "সফটওয়্যার", "(", "www.soms.gov.bd", ")", "মাধ্যমে", "প্রেরণ"],
        ),
        ("সফটওয়্যারে soms.gov.bd তে লগইন করে", ["সফটওয়্যারে", "soms.gov.bd", "তে", "লগইন", "করে"]),  # Rajshahi
        ("০২৩৩৩০২২২৬\ndoictbban@gmail.com", ["০২৩৩৩০২২২৬", "doictbban@gmail.com"]),  # Bandarban
        ("ই-মেইল: adceduictjhenaidah@mopa.gov.bd।", ["ই-মেইল", ":", "adceduictjhenaidah@mopa.gov.bd", "।"]),
    ],
)
def test_urls_and_emails_are_single_tokens(text: str, expected: list[str]) -> None:
    assert toks(text) == [nfc(t) for t in expected]


# --- list markers ----------------------------------------------------------------------


def test_letter_markers_with_parenthesis() -> None:
    # Bandarban decisions
    assert toks("ক) জনবল স্বল্পতার বিষয়টি কর্তৃপক্ষকে অবহিত করে পত্র প্রেরণ করতে হবে। খ) জেলা ও উপজেলায়") == [
        nfc(t)
        for t in ["ক)", "জনবল", "স্বল্পতার", "বিষয়টি", "কর্তৃপক্ষকে", "অবহিত", "করে", "পত্র", "প্রেরণ", "করতে", "হবে", "।", "খ)", "জেলা", "ও", "উপজেলায়"]
    ]


def test_bracketed_markers() -> None:
    # Bandarban implementers; "(সকল)" is not a marker.
    assert toks("(১) জেলা আইসিটি অফিসার, বান্দরবান পার্বত্য জেলা। (২) উপজেলা আইসিটি অফিসার (সকল),") == [
        nfc(t)
        for t in ["(১)", "জেলা", "আইসিটি", "অফিসার", ",", "বান্দরবান", "পার্বত্য", "জেলা", "।", "(২)", "উপজেলা", "আইসিটি", "অফিসার", "(", "সকল", ")", ","]
    ]
    # Lalmonirhat
    assert toks("(ক) জেলা উন্নয়ন ও সমন্বয় সভার") == [nfc(t) for t in ["(ক)", "জেলা", "উন্নয়ন", "ও", "সমন্বয়", "সভার"]]


def test_number_with_period_markers() -> None:
    # Rajshahi agenda serial and Sirajganj implementers.
    assert toks("০১.\tই-নথি/ ডি-নথি ব্যবহার") == [nfc(t) for t in ["০১.", "ই-নথি", "/", "ডি-নথি", "ব্যবহার"]]
    assert toks("০১. অতিরিক্ত জেলা প্রশাসক (শিক্ষা ও আইসিটি) ০২. উপজেলা নির্বাহী অফিসার") == [
        nfc(t)
        for t in ["০১.", "অতিরিক্ত", "জেলা", "প্রশাসক", "(", "শিক্ষা", "ও", "আইসিটি", ")", "০২.", "উপজেলা", "নির্বাহী", "অফিসার"]
    ]


def test_number_with_parenthesis_markers_in_distribution_list() -> None:
    # Lalmonirhat / Sirajganj distribution lists
    assert toks("- ১) সচিব, তথ্য ও যোগাযোগ প্রযুক্তি বিভাগ\n- ১০) উপপরিচালক, , সমাজসেবা অধিদপ্তর, সিরাজগঞ্জ।") == [
        nfc(t)
        for t in ["-", "১)", "সচিব", ",", "তথ্য", "ও", "যোগাযোগ", "প্রযুক্তি", "বিভাগ", "-", "১০)", "উপপরিচালক", ",", ",", "সমাজসেবা", "অধিদপ্তর", ",", "সিরাজগঞ্জ", "।"]
    ]


def test_dari_markers_at_item_start() -> None:
    # Bandarban distribution list
    assert toks("- ১। মহাপরিচালক, মহাপরিচালকের কার্যালয়, তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর।\n- ৫।, বান্দরবান পার্বত্য জেলা।") == [
        nfc(t)
        for t in ["-", "১।", "মহাপরিচালক", ",", "মহাপরিচালকের", "কার্যালয়", ",", "তথ্য", "ও", "যোগাযোগ", "প্রযুক্তি", "অধিদপ্তর", "।", "-", "৫।", ",", "বান্দরবান", "পার্বত্য", "জেলা", "।"]
    ]
    # Rajshahi: marker at the start of a line without a bullet.
    assert toks("বিতরণ :\n\n১। মাসিক সমন্বয় সভার সম্মানিত সদস্যবৃন্দ।") == [
        nfc(t) for t in ["বিতরণ", ":", "১।", "মাসিক", "সমন্বয়", "সভার", "সম্মানিত", "সদস্যবৃন্দ", "।"]
    ]
    # Lalmonirhat: a second item inside the same table cell, after a dari.
    assert toks("উপজেলা নির্বাহী অফিসার (সকল), লালমনিরহাট। ২। সংশ্লিষ্ট ইউপি চেয়ারম্যান")[-5:] == [
        nfc(t) for t in ["।", "২।", "সংশ্লিষ্ট", "ইউপি", "চেয়ারম্যান"]
    ]


def test_dari_after_number_ending_a_sentence_is_split() -> None:
    # "১২।" here ends a sentence; it is not a list marker.
    assert toks("মোট ল্যাপটপ প্রাপ্ত ব্যাচের সংখ্যা ১২। সভাপতি জানান") == [
        nfc(t) for t in ["মোট", "ল্যাপটপ", "প্রাপ্ত", "ব্যাচের", "সংখ্যা", "১২", "।", "সভাপতি", "জানান"]
    ]


def test_marker_after_html_tag() -> None:
    # Bandarban: HTML table cell exported as text.
    assert toks("<p>২। ফিল্ড আইটি টেকনিশিয়ান (সকল), বান্দরবান পার্বত্য জেলা।</p>") == [
        nfc(t)
        for t in ["<p>", "২।", "ফিল্ড", "আইটি", "টেকনিশিয়ান", "(", "সকল", ")", ",", "বান্দরবান", "পার্বত্য", "জেলা", "।", "</p>"]
    ]


# --- sentence punctuation ------------------------------------------------------------------


def test_dari_splits_off_words() -> None:
    # Bandarban
    assert toks("উপস্থিত সকলকে স্বাগত জানিয়ে সভার কার্যক্রম শুরু করা হয়। অতঃপর বিগত সভার কার্যবিবরণী পাঠ করে শোনানো হয়।") == [
        nfc(t)
        for t in ["উপস্থিত", "সকলকে", "স্বাগত", "জানিয়ে", "সভার", "কার্যক্রম", "শুরু", "করা", "হয়", "।", "অতঃপর", "বিগত", "সভার", "কার্যবিবরণী", "পাঠ", "করে", "শোনানো", "হয়", "।"]
    ]


def test_dari_without_following_space() -> None:
    assert toks("শুরু করা হয়।অতঃপর সভাপতি") == [nfc(t) for t in ["শুরু", "করা", "হয়", "।", "অতঃপর", "সভাপতি"]]


def test_other_punctuation_splits_off_words() -> None:
    assert toks("কেন হালনাগাদ করা হচ্ছে না? দ্রুত করুন! জেলা, উপজেলা; ইউনিয়ন: সকল") == [
        nfc(t)
        for t in ["কেন", "হালনাগাদ", "করা", "হচ্ছে", "না", "?", "দ্রুত", "করুন", "!", "জেলা", ",", "উপজেলা", ";", "ইউনিয়ন", ":", "সকল"]
    ]


def test_colon_after_bracket() -> None:
    # Bandarban: spaCy's emoticon exception "):" must not apply.
    assert toks("বিতরণ (জ্যেষ্ঠতার ক্রমানুসারে নয়):") == [
        nfc(t) for t in ["বিতরণ", "(", "জ্যেষ্ঠতার", "ক্রমানুসারে", "নয়", ")", ":"]
    ]


def test_brackets_inside_a_chunk_are_split() -> None:
    # Bandarban, Jhenaidah, Lalmonirhat
    assert toks("০৫(পাঁচ) তারিখের মধ্যে") == [nfc(t) for t in ["০৫", "(", "পাঁচ", ")", "তারিখের", "মধ্যে"]]
    assert toks("অতিরিক্ত জেলা প্রশাসক(শিক্ষা ও আইসিটি), ঝিনাইদহ।") == [
        nfc(t) for t in ["অতিরিক্ত", "জেলা", "প্রশাসক", "(", "শিক্ষা", "ও", "আইসিটি", ")", ",", "ঝিনাইদহ", "।"]
    ]
    assert toks("অতিরিক্ত জেলা প্রশাসক (সার্বিক)/উপজেলা নির্বাহী অফিসার") == [
        nfc(t) for t in ["অতিরিক্ত", "জেলা", "প্রশাসক", "(", "সার্বিক", ")", "/", "উপজেলা", "নির্বাহী", "অফিসার"]
    ]


# --- Unicode normalisation -------------------------------------------------------------------


def test_works_on_text_from_normalize_text() -> None:
    from minutes_nlp.normalize import normalize_text

    # Precomposed য় (U+09DF) as typed by some keyboards.
    raw = "প্রতি মাসের ০৫ তারিখের মধ্যে কার্যালয়ে প্রেরণ করতে হবে। ই-নথি প্রায়শঃ"
    raw = raw.replace(nfc("য়"), "\u09df")
    assert "\u09df" in raw
    tokens = tokenize(normalize_text(raw))
    assert nfc("কার্যালয়ে") in tokens
    assert nfc("প্রায়শঃ") in tokens
    assert tokens[-2:] == [nfc("ই-নথি"), nfc("প্রায়শঃ")]


def test_unnormalised_special_case_spelling() -> None:
    word = nfc("প্রায়শঃ").replace(nfc("য়"), "\u09df")
    assert tokenize(f"{word} সভা") == [word, nfc("সভা")]


# --- API and registry ------------------------------------------------------------------------


def test_whitespace_is_not_a_token() -> None:
    assert toks("০১\tআলোচনা\n\nসিদ্ধান্ত  ") == [nfc(t) for t in ["০১", "আলোচনা", "সিদ্ধান্ত"]]


def test_offsets_point_into_the_text() -> None:
    text = nfc("সভার তারিখ\t০৪/১২/২০২৩ খ্রি.\n১। ই-নথি")
    spans = tokenize_with_offsets(text)
    assert [t for t, _, _ in spans] == tokenize(text)
    assert all(text[start:end] == t for t, start, end in spans)
    assert spans[2] == (nfc("০৪/১২/২০২৩"), 11, 21)


def test_get_nlp_is_cached_and_make_nlp_is_new() -> None:
    assert get_nlp() is get_nlp()
    assert make_nlp() is not get_nlp()
    assert isinstance(make_nlp().tokenizer, AdminTokenizer)
    assert make_nlp().lang == "bn"


def test_registered_tokenizer_builds_from_config() -> None:
    assert TOKENIZER_NAME == "minutes_nlp.bn_admin_tokenizer.v1"
    factory = spacy.registry.tokenizers.get(TOKENIZER_NAME)
    nlp = spacy.blank("bn")
    tokenizer = factory()(nlp)
    assert [t.text for t in tokenizer(nfc("ই-নথি খ্রি."))] == [nfc("ই-নথি"), nfc("খ্রি.")]
    assert make_nlp().config["nlp"]["tokenizer"] == {"@tokenizers": TOKENIZER_NAME}


def test_serialisation_round_trips(tmp_path) -> None:
    text = nfc("- ১। ই-নথি ৩০/০১/২০২৪ খ্রি. সংক্রান্তঃ ১১:০০ ০১.")
    expected = tokenize(text)
    nlp = make_nlp()
    nlp.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    assert [t.text for t in loaded.make_doc(text) if not t.is_space] == expected
    unpickled = pickle.loads(pickle.dumps(nlp))
    assert [t.text for t in unpickled.make_doc(text) if not t.is_space] == expected
    fresh = spacy.blank("bn")
    fresh.tokenizer = AdminTokenizer(fresh.vocab).from_bytes(nlp.tokenizer.to_bytes())
    assert [t.text for t in fresh.make_doc(text) if not t.is_space] == expected
