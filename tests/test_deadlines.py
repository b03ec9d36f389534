"""Deadline extraction (ANNOTATION.md §2): every form the minutes use, what is not a deadline, and the seeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from minutes_nlp import corpus, deadlines
from minutes_nlp.deadlines import DeadlineCues, DeadlineExtractor, extract
from minutes_nlp.normalize import normalize_text
from minutes_nlp.pipeline import Tagger

ROOT = Path(__file__).resolve().parents[1]


def found(text: str, meeting: str | None = "2023-12-04") -> list[tuple[str, str, str | None]]:
    text = normalize_text(text)
    result = extract(text, meeting)
    for deadline in result:
        assert text[deadline.start : deadline.end] == deadline.text
    return [(d.kind, d.value, d.due) for d in result]


# --- absolute ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("জেলার সকল ওয়েব পোর্টাল আগামী ৩০/০১/২০২৪ খ্রি. তারিখের মধ্যে হালনাগাদ করতে হবে।", "2024-01-30"),
        ("প্রতিবেদন 30/01/2024 তারিখের মধ্যে প্রেরণ করতে হবে।", "2024-01-30"),
        ("তালিকা ৩১-১২-২০২৩ তারিখের মধ্যে জমা দিতে হবে।", "2023-12-31"),
        ("প্রমাণক ১৫.০১.২০২৪ তারিখের মধ্যে আপলোড করতে হবে।", "2024-01-15"),
        ("চাহিদাপত্র ২০/১২/২৩ তারিখের মধ্যে পাঠাতে হবে।", "2023-12-20"),
        ("আগামী ১৫ জানুয়ারি ২০২৪ তারিখের মধ্যে সকল দপ্তরের তথ্য হালনাগাদ করতে হবে।", "2024-01-15"),
        ("আগামী ১৫ জানুয়ারী ২০২৪ খ্রিঃ এর মধ্যে সকল দপ্তরের তথ্য হালনাগাদ করতে হবে।", "2024-01-15"),
        ("২৮ ফেব্রুয়ারী ২০২৪ এর মধ্যে প্রশিক্ষণ সম্পন্ন করতে হবে।", "2024-02-28"),
        ("২৯ ফেব্রুয়ারি ২০২৪ তারিখের মধ্যে প্রশিক্ষণ সম্পন্ন করতে হবে।", "2024-02-29"),
        ("৩১শে ডিসেম্বরের মধ্যে সকল নথি ডি-নথিতে স্থানান্তর করতে হবে।", "2023-12-31"),
        ("১লা জানুয়ারি, ২০২৪ তারিখ হতে নতুন সফটওয়্যার চালু করতে হবে।", None),  # a start date: `হতে`
        ("আগামী ১লা জানুয়ারি ২০২৪ তারিখে বই উৎসব পালন করা হবে।", "2024-01-01"),
        ("ডিসেম্বর ২০২৩ এর মধ্যে সকল ল্যাব পরিদর্শন শেষ করতে হবে।", "2023-12-31"),
        ("জানুয়ারি মাসের মধ্যে সকল ল্যাব পরিদর্শন শেষ করতে হবে।", "2024-01-31"),
        ("ফেব্রুয়ারির প্রথম সপ্তাহে কর্মশালা আয়োজন করতে হবে।", "2024-02-07"),
        ("২০২৩-২৪ অর্থবছরের মধ্যে সকল ইউনিয়নে সংযোগ স্থাপন করতে হবে।", "2024-06-30"),
        ("১৬ ডিসেম্বর মহান বিজয় দিবস যথাযথ মর্যাদায় উদযাপন করতে হবে।", "2023-12-16"),
    ],
)
def test_absolute_dates(text: str, iso: str | None) -> None:
    expected = [("absolute", iso, iso)] if iso else []
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # the seeds' footers carry both forms: ৫ পৌষ ১৪৩০ = 2023-12-20 (Rajshahi), ২৪ অগ্রহায়ণ ১৪৩১ = 2024-12-09 (Bandarban)
        ("আগামী ৫ পৌষ ১৪৩০ বঙ্গাব্দের মধ্যে প্রতিবেদন দাখিল করতে হবে।", "2023-12-20"),
        ("২৪ অগ্রহায়ণ ১৪৩১ বঙ্গাব্দের মধ্যে তালিকা প্রেরণ করতে হবে।", "2024-12-09"),
        ("১৫ চৈত্র ১৪৩০ বঙ্গাব্দ তারিখের মধ্যে তালিকা প্রেরণ করতে হবে।", "2024-03-29"),
        ("পহেলা বৈশাখ ১৪৩১ তারিখে শোভাযাত্রা আয়োজন করতে হবে।", "2024-04-14"),
        ("১৫ পৌষের মধ্যে তালিকা প্রেরণ করতে হবে।", "2023-12-30"),  # no year: the next ১৫ পৌষ after the meeting
    ],
)
def test_bangla_calendar_deadlines(text: str, iso: str) -> None:
    assert found(text) == [("absolute", iso, iso)]


def test_a_date_without_its_year_is_the_next_one_or_kept_as_month_and_day() -> None:
    text = "আগামী ১২ ডিসেম্বর ডিজিটাল বাংলাদেশ দিবস উদযাপন করতে হবে।"
    assert found(text, "2023-11-20") == [("absolute", "2023-12-12", "2023-12-12")]
    assert found(text, "2023-12-20") == [("absolute", "2024-12-12", "2024-12-12")]
    assert found(text, None) == [("absolute", "--12-12", None)]


def test_a_month_just_past_is_not_a_deadline() -> None:
    text = "জানুয়ারি মাসে উপজেলা ভূমি অফিসে আসা ১৪২টি ডাকের মধ্যে ৬১টি অনিষ্পন্ন রয়েছে।"
    assert found(text, "2023-02-13") == []
    assert found("জানুয়ারি মাসে শতভাগ ডাক ডি-নথিতে নিষ্পন্ন করতে হবে।", "2023-12-10") == [("absolute", "2024-01-31", "2024-01-31")]


def test_impossible_dates_are_not_deadlines() -> None:
    assert found("৩১/০২/২০২৪ তারিখের মধ্যে প্রতিবেদন দিতে হবে।") == []
    assert found("৩১ এপ্রিল ২০২৪ তারিখের মধ্যে প্রতিবেদন দিতে হবে।") == []


# --- recurring ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "rule", "due"),
    [
        ("প্রতি মাসের ৫ তারিখের মধ্যে জেলা অফিসে রিপোর্ট প্রেরণ করতে হবে।", "FREQ=MONTHLY;BYMONTHDAY=5", "2023-12-05"),
        ("প্রতি মাসের ৫ (পাঁচ) তারিখের মধ্যে প্রতিবেদন প্রেরণের সিদ্ধান্ত গৃহীত হয়।", "FREQ=MONTHLY;BYMONTHDAY=5", "2023-12-05"),
        ("প্রতি মাসে ০৫(পাঁচ) তারিখের মধ্যে ল্যাব পরিদর্শন প্রতিবেদন প্রেরণ করতে হবে।", "FREQ=MONTHLY;BYMONTHDAY=5", "2023-12-05"),
        ("প্রতিমাসের ০১ তারিখের মধ্যে কার্যবিবরণী আইসিটি শাখায় প্রেরণ করতে হবে।", "FREQ=MONTHLY;BYMONTHDAY=1", "2024-01-01"),
        ("প্রতিমাসে উপজেলা আইসিটি কমিটির সভা আয়োজন করতে হবে।", "FREQ=MONTHLY", "2023-12-04"),
        ("প্রতি মাসে উপজেলা আইসিটি কমিটির সভা করে কার্যবিবরণী জেলায় প্রেরণ করতে হবে।", "FREQ=MONTHLY", "2023-12-04"),
        ("উপজেলা আইসিটি অফিসার প্রতি সপ্তাহে ল্যাব পরিদর্শন করবেন।", "FREQ=WEEKLY", "2023-12-04"),
        ("প্রতিদিনের পর্চা প্রতিদিন সরবরাহ করতে হবে।", "FREQ=DAILY", "2023-12-04"),
        ("দুর্যোগ সংক্রান্ত তথ্য ত্রৈমাসিক ভিত্তিতে হালনাগাদ করতে হবে।", "FREQ=MONTHLY;INTERVAL=3", "2023-12-04"),
        ("প্রতিবেদন প্রতি ত্রৈমাসিকে আইসিটি বিভাগে প্রেরণ করিতে হইবে।", "FREQ=MONTHLY;INTERVAL=3", "2023-12-04"),
        ("নিয়মিত উপজেলা পর্যায়ে মাসিক আইসিটি বিষয়ক সভা আয়োজন করার জন্য সিদ্ধান্ত গৃহীত হয়।", "FREQ=MONTHLY", "2023-12-04"),
        ("ই-নথির অগ্রগতি প্রতি বৃহস্পতিবার পর্যালোচনা করতে হবে।", "FREQ=WEEKLY;BYDAY=TH", "2023-12-07"),
        ("জেলা আইসিটি কমিটির মাসিক সভা প্রতি মাসের তৃতীয় সোমবার অনুষ্ঠিত হবে।", "FREQ=MONTHLY;BYDAY=3MO", "2023-12-18"),
        ("হাজিরা প্রতিবেদন প্রতি মাসের শেষ কর্মদিবসে পাঠাতে হবে।", "FREQ=MONTHLY;BYDAY=SU,MO,TU,WE,TH;BYSETPOS=-1", "2023-12-31"),  # a Sunday
        ("ভার্চুয়াল সভার তালিকা মাস শেষে আইসিটি শাখায় পাঠাতে হবে।", "FREQ=MONTHLY;BYMONTHDAY=-1", "2023-12-31"),
        ("ল্যাবের কম্পিউটারগুলো প্রতি তিন মাস অন্তর সার্ভিসিং করতে হবে।", "FREQ=MONTHLY;INTERVAL=3", "2023-12-04"),
        ("উপজেলা প্রশাসনের ফেসবুক পেজে সপ্তাহে অন্তত তিনটি পোস্ট দিতে হবে।", "FREQ=WEEKLY", "2023-12-04"),
        ("জেলা ইনোভেশন টিম বছরে একবার ইনোভেশন শোকেসিং আয়োজন করবে।", "FREQ=YEARLY", "2023-12-04"),
    ],
)
def test_recurring(text: str, rule: str, due: str) -> None:
    assert found(text) == [("recurring", rule, due)]


def test_recurring_due_is_the_first_occurrence_after_the_meeting() -> None:
    text = "প্রতি মাসের ৫ (পাঁচ) তারিখের মধ্যে তথ্য বাতায়ন হালনাগাদ করে প্রতিবেদন প্রেরণ করতে হবে।"
    assert found(text, "2024-11-28") == [("recurring", "FREQ=MONTHLY;BYMONTHDAY=5", "2024-12-05")]
    assert found(text, None) == [("recurring", "FREQ=MONTHLY;BYMONTHDAY=5", None)]


def test_a_closing_date_becomes_the_rules_until() -> None:
    text = "আগামী ৩০ জুন ২০২৩ পর্যন্ত প্রতি রবিবার হেল্পডেস্ক চালু রাখতে হবে।"
    assert found(text, "2023-05-21") == [("recurring", "FREQ=WEEKLY;BYDAY=SU;UNTIL=20230630", "2023-05-21")]


# --- relative ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "meeting", "iso"),
    [
        ("সভার কার্যবিবরণী পরবর্তী মাসের ০১ তারিখের মধ্যে এ কার্যালয়ে প্রেরণ করতে হবে।", "2023-01-15", "2023-02-01"),
        ("কার্যবিবরণী আগামী মাসের ০৫ তারিখের মধ্যে প্রেরণ করতে হবে।", "2023-12-20", "2024-01-05"),
        ("চলতি মাসের মধ্যে সকল ডাক নিষ্পন্ন করতে হবে।", "2024-02-12", "2024-02-29"),
        ("ছবি ও তথ্য ৭ কর্মদিবসের মধ্যে আপলোড করতে হবে।", "2019-04-21", "2019-04-30"),  # Friday and Saturday skipped
        ("অনিষ্পন্ন ডাকগুলো ১৫ দিনের মধ্যে নিষ্পত্তি করতে হবে।", "2024-01-21", "2024-02-05"),
        ("অনিষ্পন্ন ডাকগুলো আগামী ১৫ (পনের) দিনের মধ্যে নিষ্পত্তি করতে হবে।", "2024-01-21", "2024-02-05"),
        ("সকল ইউনিয়নে ব্রডব্যান্ড সংযোগ চলতি অর্থবছরের মধ্যে সম্পন্ন করতে হবে।", "2024-02-12", "2024-06-30"),
        ("সকল ইউনিয়নে ব্রডব্যান্ড সংযোগ চলতি অর্থবছরের মধ্যেই সম্পন্ন করতে হবে।", "2023-08-10", "2024-06-30"),
        ("সংশোধিত প্রস্তাব আগামী দুই মাসের মধ্যে দাখিল করতে হবে।", "2025-05-11", "2025-07-11"),
    ],
)
def test_relative_to_the_meeting(text: str, meeting: str, iso: str) -> None:
    assert found(text, meeting) == [("relative", iso, iso)]


def test_relative_to_the_next_meeting_keeps_the_cue() -> None:
    assert found("হালনাগাদ তালিকা পরবর্তী সভার পূর্বে জেলা কার্যালয়ে পাঠাতে হবে।") == [("relative", "পরবর্তী সভার পূর্বে", None)]
    assert found("অগ্রগতি পরবর্তী সভায় উপস্থাপন করতে হবে।") == [("relative", "পরবর্তী সভায়", None)]


def test_relative_without_a_meeting_date_keeps_the_cue() -> None:
    assert found("অনিষ্পন্ন ডাকগুলো ১৫ দিনের মধ্যে নিষ্পত্তি করতে হবে।", None) == [("relative", "১৫ দিনের মধ্যে", None)]


def test_a_count_tied_to_another_event_is_vague() -> None:
    assert found("কর্মকর্তা বদলি হলে ৩ কর্মদিবসের মধ্যে বাতায়নের তথ্য হালনাগাদ করতে হবে।") == [("vague", "৩ কর্মদিবসের মধ্যে", None)]
    assert found("তথ্য অধিকার আইনের আওতায় প্রাপ্ত আবেদনসমূহ আইনে নির্ধারিত ২০ কার্যদিবসের মধ্যে নিষ্পত্তি করতে হবে।") == [
        ("vague", "নির্ধারিত ২০ কার্যদিবসের মধ্যে", None)
    ]


# --- vague -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("প্রমাণক সমূহ জেলা কার্যালয়ে যথাসময়ে প্রেরণের সিদ্ধান্ত গৃহীত হয়।", "যথাসময়ে"),
        ("অচল আইপি টেলিফোন সেটগুলো দ্রুত মেরামত করাইতে হইবে।", "দ্রুত"),
        ("জমে থাকা অনিষ্পন্ন ডাক দ্রুততম সময়ে নিষ্পন্ন করতে হবে।", "দ্রুততম সময়ে"),
        ("ভুল তথ্য অবিলম্বে সংশোধন করতে হবে।", "অবিলম্বে"),
        ("ইউডিসি উদ্যোক্তার পদ শূন্য হওয়া মাত্র উদ্যোক্তা নিয়োগের প্রয়োজনীয় ব্যবস্থা গ্রহণ করতে হবে।", "শূন্য হওয়া মাত্র"),
        ("সার্ভার কক্ষের এসি জরুরি ভিত্তিতে মেরামত করতে হবে।", "জরুরি ভিত্তিতে"),
        ("খনন কাজ বর্ষা মৌসুম শুরুর আগেই শেষ করতে হবে।", "বর্ষা মৌসুম শুরুর আগেই"),
        ("ওয়েবক্যাম ও হেডফোন সভার অন্তত দুই দিন আগে পরীক্ষা করতে হবে।", "সভার অন্তত দুই দিন আগে"),
        ("আবেদন প্রাপ্তির ২৪ ঘণ্টার মধ্যে সনদ প্রদান করতে হবে।", "২৪ ঘণ্টার মধ্যে"),
    ],
)
def test_vague(text: str, cue: str) -> None:
    assert found(text) == [("vague", cue, None)]


@pytest.mark.parametrize(
    "text",
    [
        # speed words describing the conduct asked for (seed decisions rajshahi-2023-12/09, bandarban-2024-11/01.2)
        "সকল কর্মকর্তা ও কর্মচারীকে যথাসময়ে কর্মস্থলে উপস্থিতি নিশ্চিত করার সিদ্ধান্ত গৃহীত হয়।",
        "জেলা ও উপজেলায় কর্মরত কর্মকর্তা ও কর্মচারীদের সহজে ও দ্রুত সময়ে নাগরিক সেবা নিশ্চিত করতে হবে।",
    ],
)
def test_speed_words_that_describe_conduct_are_not_deadlines(text: str) -> None:
    assert found(text) == []


# --- not deadlines -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        # durations
        "স্কুল অফ ফিউচার এ ১৫ দিন ব্যাপী পাইথন প্রোগ্রামিং প্রশিক্ষণ বিষয়ে বিস্তারিত আলোচনা করা হয়।",
        "নারীদের জন্য ০৫ মাসব্যাপী ফ্রিল্যান্সিং প্রশিক্ষণ চলমান রয়েছে।",
        "বছরব্যাপী উদ্ভাবনী কার্যক্রম অব্যাহত রাখতে হবে।",
        # dates of past events
        "গত ১৮ অক্টোবর ২০২৩ তারিখ জেলায় ২২টি ল্যাব স্থাপন করা হয়।",
        "গত ১৮ অক্টোবর ২০২৩ তারিখে অনুষ্ঠিত সভায় বিষয়টি আলোচিত হয়।",
        "প্রকল্পের প্রশিক্ষণ কার্যক্রম ২০/০৫/২০২৪ তারিখ শুরু হয়েছে।",
        "১৮ অক্টোবর ২০২৩ তারিখে ডিজিটাল ল্যাব স্থাপন করা হয়।",
        "১২/১১/২০২৩ তারিখে অনুষ্ঠিত সভার সিদ্ধান্ত বাস্তবায়ন করতে হবে।",
        # dates identifying a letter or memo
        "তথ্য ও যোগাযোগ প্রযুক্তি বিভাগের ২৫ সেপ্টেম্বর ২০২৩ খ্রি. তারিখের ৫৬.০০.০০০০.০৪৩.০৬.০০৪.২৩-৩১৫ নং স্মারক অনুযায়ী কাজ করতে হবে।",
        "স্মারক নং ০৫.৪৭.৮১০০.০০০.০৬.০০১.২৩-৫২৩ তারিখ: ১০/১২/২০২৩ অনুযায়ী কার্যক্রম গ্রহণ করতে হবে।",
        "মন্ত্রিপরিষদ বিভাগের ১৫/১০/২০২৩ তারিখের পরিপত্র অনুসরণ করতে হবে।",
        # years in names
        "মহান বিজয় দিবস ২০২৩ জেলা পর্যায়ে চিত্রাংকন প্রতিযোগিতার আয়োজন করার নির্দেশনা প্রদান করা হয়।",
        "ডিজিটাল বাংলাদেশ বিনির্মাণে ভিশন ২০২১ বাস্তবায়নে সহযোগিতা কামনা করা হয়।",
        "ডিজিটাল বাংলাদেশ বিনির্মাণে ভিশন-২০২১ বাস্তবায়নে সহযোগিতা কামনা করা হয়।",
        "সরকারি প্রতিষ্ঠানে সামাজিক যোগাযোগ মাধ্যম ব্যবহার সংক্রান্ত নির্দেশিকা, ২০১৬ মোতাবেক পেজ পরিচালনা করতে হবে।",
        # bare নিয়মিত: a frequency with no interval
        "জাতীয় তথ্য বাতায়নসমূহ নিয়মিত হালনাগাদ করার সিদ্ধান্ত গৃহীত হয়।",
        "মাল্টিমিডিয়া ক্লাসরুম নিয়মিত পরিদর্শন করতে হবে।",
        # a rhythm named, not asked for
        "প্রস্তাবটি উপজেলা পরিষদের মাসিক সভায় উপস্থাপন করতে হবে।",
        "জেলা ও উপজেলা পর্যায়ে প্রতি মাসে অনুষ্ঠিত সভার সংখ্যা বেড়েছে।",
        "গত ৭ দিনের মধ্যে ১২টি অভিযোগ নিষ্পত্তি হয়েছে।",
    ],
)
def test_not_deadlines(text: str) -> None:
    assert found(text, None) == []


def test_a_date_before_the_meeting_is_not_a_deadline() -> None:
    assert found("৩০/১১/২০২৩ তারিখে সকল ল্যাবের তথ্য সংগ্রহ করা হবে।", "2023-12-04") == []


# --- the seeds ---------------------------------------------------------------------------------

def test_every_seed_deadline_is_found_with_kind_value_due_and_offsets() -> None:
    """All 51 real decisions, through the parser and the default pipeline: nothing missed, nothing extra."""
    gold = {row["id"]: row for row in corpus.load(ROOT / "corpus" / "real")}
    tagger = Tagger(components=["deadlines"])
    seen = 0
    for path in sorted((ROOT / "corpus" / "raw").glob("*.txt")):
        for decision in tagger.tag_file(path).decisions:
            expected = [(d["kind"], d["value"], d["due"], d["start"], d["end"]) for d in gold[decision.id]["deadlines"]]
            got = [(d.kind, d.value, d.due, d.start, d.end) for d in decision.deadlines]
            assert got == expected, decision.id
            seen += 1
    assert seen == len(gold) == 51
    assert sum(len(row["deadlines"]) for row in gold.values()) == 13


def test_offsets_point_into_the_decision_text() -> None:
    text = normalize_text("উপজেলা ইনোভেশন টিমের সদস্যদের নিয়ে প্রতি মাসে সভার কার্যবিবরণী পরবর্তী মাসের ০১ তারিখের মধ্যে এ কার্যালয়ে প্রেরণ করতে হবে।")
    result = extract(text, dt.date(2023, 1, 15))
    assert [text[d.start : d.end] for d in result] == ["প্রতি মাসে", "পরবর্তী মাসের ০১ তারিখের মধ্যে"]
    assert [(d.kind, d.value) for d in result] == [("recurring", "FREQ=MONTHLY"), ("relative", "2023-02-01")]


# --- configuration -----------------------------------------------------------------------------

def test_word_lists_come_from_a_file(tmp_path: Path) -> None:
    shipped = (ROOT / "src" / "minutes_nlp" / "data" / "deadlines.toml").read_text(encoding="utf-8")
    custom = tmp_path / "cues.toml"
    custom.write_text(shipped.replace('cues = [', 'cues = [\n    "ঈদের আগে",', 1), encoding="utf-8")
    text = normalize_text("ভাতার অর্থ ঈদের আগে বিতরণ নিশ্চিত করতে হবে।")
    assert [(d.kind, d.value) for d in DeadlineExtractor(DeadlineCues.load(custom))(text)] == [("vague", "ঈদের আগে")]
    assert [d.kind for d in deadlines.extract(text)] == ["vague"]  # the shipped list already knows `ঈদের` + `আগে` as an event
    tagger = Tagger(components=["deadlines"], config={"deadlines": {"cues": str(custom)}})
    assert [d.value for d in tagger.tag_decision(text).deadlines] == ["ঈদের আগে"]


def test_extract_accepts_an_iso_meeting_date_and_the_pipeline_passes_it() -> None:
    text = "প্রতি মাসের ৫ তারিখের মধ্যে জেলা অফিসে রিপোর্ট প্রেরণ করতে হবে।"
    assert extract(text, "2023-12-04")[0].due == "2023-12-05"
    decision = Tagger(components=["deadlines"]).tag_decision(text, meeting_date="2023-12-06")
    assert decision.deadlines[0].due == "2024-01-05"
