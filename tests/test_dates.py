"""Calendar arithmetic and date expressions (plain functions)."""

from __future__ import annotations

import datetime as dt

import pytest

from minutes_nlp.dates import bangla_month_length, bangla_to_gregorian, find_dates, first_date, gregorian_to_bangla, parse_time


@pytest.mark.parametrize(
    ("written", "gregorian"),
    [
        # The seeds' footers carry both forms of their issue date.
        ("৫ পৌষ ১৪৩০ বঙ্গাব্দ", dt.date(2023, 12, 20)),
        ("২৪ অগ্রহায়ণ ১৪৩১ বঙ্গাব্দ", dt.date(2024, 12, 9)),
        ("১৪ শ্রাবণ ১৪২৬", dt.date(2019, 7, 29)),
        ("২৫ মাঘ ১৪২৯", dt.date(2023, 2, 8)),
        ("২১ অগ্রহায়ণ ১৪৩০ বঙ্গাব্দ", dt.date(2023, 12, 6)),
        # Fixed points of the revised calendar.
        ("১ বৈশাখ ১৪৩১", dt.date(2024, 4, 14)),
        ("১ ফাল্গুন ১৪৩০", dt.date(2024, 2, 14)),
        ("৩০ চৈত্র ১৪৩০", dt.date(2024, 4, 13)),
        ("১৬ ডিসেম্বর", None),  # no year: not a full date
    ],
)
def test_bangla_calendar_dates(written, gregorian):
    match = first_date(written, calendar="bangla")
    assert (match.date if match else None) == gregorian


def test_falgun_has_thirty_days_in_a_gregorian_leap_year():
    assert bangla_month_length(11, 1430) == 30  # ফাল্গুন 1430 spans Feb 2024
    assert bangla_month_length(11, 1431) == 29
    assert bangla_to_gregorian(30, 11, 1430) == dt.date(2024, 3, 14)
    assert bangla_to_gregorian(1, 12, 1430) == dt.date(2024, 3, 15)
    with pytest.raises(ValueError):
        bangla_to_gregorian(30, 11, 1431)


def test_conversion_round_trips_for_a_decade():
    day = dt.date(2018, 1, 1)
    while day < dt.date(2028, 1, 1):
        assert bangla_to_gregorian(*gregorian_to_bangla(day)) == day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("আগামী ৩০/০১/২০২৪ খ্রি. তারিখের মধ্যে", "2024-01-30"),
        ("সভার তারিখ ২১-০৭-২০১৯ খ্রি.", "2019-07-21"),
        ("১৯.১১.২০২৩ খ্রি.", "2023-11-19"),
        ("30.01.24", "2024-01-30"),
        ("২৮ নভেম্বর ২০২৪ খ্রি.", "2024-11-28"),
        ("০৮ ফেব্রুয়ারি ২০২৩", "2023-02-08"),
        ("০৮ ফেব্রুয়ারী ২০২৩", "2023-02-08"),
        ("৩১শে ডিসেম্বর ২০২৩ তারিখের মধ্যে", "2023-12-31"),
        ("১লা জানুয়ারি, ২০২৪", "2024-01-01"),
        ("১০ জানুয়ারী ২০২৪", "2024-01-10"),
        ("15 August 2024", "2024-08-15"),
    ],
)
def test_gregorian_date_forms(text, iso):
    assert first_date(text).date.isoformat() == iso


@pytest.mark.parametrize(
    "text",
    [
        "নম্বর: ৫৬.০৪.৮১০০.০০০.০৬.০০১.২২.২৬৩",  # memo numbers are not dates
        "৩১/০২/২০২৪",  # impossible
        "অক্টোবর/২৪ মাসে",  # month and year only
        "সকাল ১১:০০ টা",
    ],
)
def test_not_dates(text):
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "hhmm"),
    [
        ("সকাল ১১:০০ টা", "11:00"),
        ("সকাল ১১.৪৫ ঘটিকা", "11:45"),
        ("দুপুর ১২.০০", "12:00"),
        ("দুপুর ২.৩০ ঘটিকা", "14:30"),
        ("বিকাল ৩.০০ ঘটিকা", "15:00"),
        ("বিকেল ৪টা", "16:00"),
        ("১০:৩০", "10:30"),
        ("১৯.১১.২০২৩ খ্রি.", None),  # a date, not a time
        ("পরিশিষ্ট ক", None),
    ],
)
def test_meeting_times(text, hhmm):
    assert parse_time(text) == hhmm
