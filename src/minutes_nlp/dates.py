"""Calendar arithmetic and date expressions, in plain tested functions.

Minutes write dates with Bangla or ASCII digits, numerically (৩০/০১/২০২৪,
০৪-১২-২০২৩, ১৯.১১.২০২৩) or with month names of the Gregorian calendar
(২৮ নভেম্বর ২০২৪, ৩১শে ডিসেম্বর) or of the Bangla calendar (৫ পৌষ ১৪৩০
বঙ্গাব্দ). Bangla-calendar dates follow the revised Bangladesh calendar
(2019 revision): 1 বৈশাখ is 14 April, the first six months have 31 days,
ফাল্গুন has 30 days in a Gregorian leap year and 29 otherwise, the others 30.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from calendar import monthrange
from dataclasses import dataclass
from typing import Literal

from minutes_nlp.normalize import to_ascii_digits


def _nfc(words: list[str]) -> list[str]:
    return [unicodedata.normalize("NFC", w) for w in words]


# Month names with the spellings seen in minutes, NFC like the text they match.
GREGORIAN_MONTHS: dict[int, list[str]] = {
    1: _nfc(["জানুয়ারি", "জানুয়ারী", "জানুয়ারি", "জানু", "january", "jan"]),
    2: _nfc(["ফেব্রুয়ারি", "ফেব্রুয়ারী", "ফেব্রুয়ারি", "ফেব্রু", "february", "feb"]),
    3: _nfc(["মার্চ", "march", "mar"]),
    4: _nfc(["এপ্রিল", "april", "apr"]),
    5: _nfc(["মে", "may"]),
    6: _nfc(["জুন", "june", "jun"]),
    7: _nfc(["জুলাই", "july", "jul"]),
    8: _nfc(["আগস্ট", "আগষ্ট", "অগাস্ট", "august", "aug"]),
    9: _nfc(["সেপ্টেম্বর", "সেপ্টেম্বার", "september", "sept", "sep"]),
    10: _nfc(["অক্টোবর", "অক্টোবার", "october", "oct"]),
    11: _nfc(["নভেম্বর", "নভেম্বার", "november", "nov"]),
    12: _nfc(["ডিসেম্বর", "ডিসেম্বার", "december", "dec"]),
}

BANGLA_MONTHS: dict[int, list[str]] = {
    1: _nfc(["বৈশাখ"]),
    2: _nfc(["জ্যৈষ্ঠ", "জৈষ্ঠ্য", "জ্যেষ্ঠ", "জৈষ্ঠ"]),
    3: _nfc(["আষাঢ়"]),
    4: _nfc(["শ্রাবণ", "শ্রাবন"]),
    5: _nfc(["ভাদ্র"]),
    6: _nfc(["আশ্বিন"]),
    7: _nfc(["কার্তিক", "কার্ত্তিক"]),
    8: _nfc(["অগ্রহায়ণ", "অগ্রহায়ন", "অঘ্রাণ", "অঘ্রায়ণ"]),
    9: _nfc(["পৌষ"]),
    10: _nfc(["মাঘ"]),
    11: _nfc(["ফাল্গুন", "ফাল্গুণ"]),
    12: _nfc(["চৈত্র"]),
}

# Gregorian day and month on which each Bangla month starts in the revised
# calendar; the year is the Bangla year + 593 (+594 from মাঘ on).
_BANGLA_MONTH_START: dict[int, tuple[int, int]] = {
    1: (4, 14), 2: (5, 15), 3: (6, 15), 4: (7, 16), 5: (8, 16), 6: (9, 16),
    7: (10, 17), 8: (11, 16), 9: (12, 16), 10: (1, 15), 11: (2, 14), 12: (3, 15),
}


def bangla_month_length(month: int, bangla_year: int) -> int:
    """Days in a Bangla month of the revised calendar."""
    if month <= 6:
        return 31
    if month == 11:  # ফাল্গুন holds the Gregorian leap day
        gregorian_year = bangla_year + 594
        leap = gregorian_year % 4 == 0 and (gregorian_year % 100 != 0 or gregorian_year % 400 == 0)
        return 30 if leap else 29
    return 30


def bangla_to_gregorian(day: int, month: int, bangla_year: int) -> dt.date:
    """Convert a revised-calendar Bangla date: `(5, 9, 1430)` (৫ পৌষ ১৪৩০) → 2023-12-20.

    Raises ValueError for a day or month out of range.
    """
    if not 1 <= month <= 12:
        raise ValueError(f"Bangla month out of range: {month}")
    if not 1 <= day <= bangla_month_length(month, bangla_year):
        raise ValueError(f"day {day} out of range for Bangla month {month} of {bangla_year}")
    g_month, g_day = _BANGLA_MONTH_START[month]
    g_year = bangla_year + (594 if month >= 10 else 593)
    return dt.date(g_year, g_month, g_day) + dt.timedelta(days=day - 1)


def gregorian_to_bangla(date: dt.date) -> tuple[int, int, int]:
    """Convert a Gregorian date to `(day, month, bangla_year)` of the revised calendar."""
    bangla_year = date.year - 593 if date >= dt.date(date.year, 4, 14) else date.year - 594
    for month in range(12, 0, -1):
        start = bangla_to_gregorian(1, month, bangla_year)
        if date >= start:
            return (date - start).days + 1, month, bangla_year
    raise AssertionError("unreachable: 1 বৈশাখ precedes every date of its year")


def _alternation(names: dict[int, list[str]]) -> str:
    words = sorted({w for ws in names.values() for w in ws}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in words)


def _month_number(names: dict[int, list[str]], word: str) -> int:
    word = word.lower()
    for number, words in names.items():
        if word in words:
            return number
    raise KeyError(word)


_D = "[0-9০-৯]"
# Bangla letters and signs, so that a month name is not matched inside a word.
_BN = "\u0980-\u09ff"
_DAY_SUFFIX = "(?:শে|লা|রা|ঠা|ই|ম|য়|তম)?"

_NUMERIC = re.compile(
    rf"(?<![0-9০-৯./-])({_D}{{1,2}})\s?([/.\-])\s?({_D}{{1,2}})\s?\2\s?({_D}{{4}}|{_D}{{2}})(?![0-9০-৯]|[./-][0-9০-৯])"
)
_GREGORIAN_NAMED = re.compile(
    rf"(?<![0-9০-৯])({_D}{{1,2}}){unicodedata.normalize('NFC', _DAY_SUFFIX)}[\s,]*"
    rf"({_alternation(GREGORIAN_MONTHS)})(?![{_BN}a-zA-Z])[\s,]*(?:মাসের\s*)?(?:,\s*)?({_D}{{4}})(?![0-9০-৯])",
    re.IGNORECASE,
)
_BANGLA_NAMED = re.compile(
    rf"(?<![0-9০-৯])({_D}{{1,2}}){unicodedata.normalize('NFC', _DAY_SUFFIX)}[\s,]*"
    rf"({_alternation(BANGLA_MONTHS)})(?![{_BN}])[\s,]*({_D}{{4}})(?![0-9০-৯])(\s*(?:বঙ্গাব্দ|বাংলা|সন))?"
)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A full date found in text."""

    start: int
    end: int
    text: str
    date: dt.date
    calendar: Literal["gregorian", "bangla"]
    form: Literal["numeric", "named"]


def full_year(year: int) -> int:
    """A year as written in minutes to four digits: `24` → 2024 (minutes are recent: a two-digit year is of this century)."""
    return 2000 + year if year < 100 else year


def find_dates(text: str) -> list[DateMatch]:
    """Every full date (day, month and year) in `text`, in order of position.

    Impossible dates (31/02/2024) are not returned. Bangla-calendar dates are
    converted to Gregorian (`calendar="bangla"`).
    """
    found: list[DateMatch] = []
    for m in _NUMERIC.finditer(text):
        day, month, year = (int(to_ascii_digits(g)) for g in (m.group(1), m.group(3), m.group(4)))
        try:
            value = dt.date(full_year(year), month, day)
        except ValueError:
            continue
        found.append(DateMatch(m.start(), m.end(), m.group(0), value, "gregorian", "numeric"))
    for m in _GREGORIAN_NAMED.finditer(text):
        try:
            value = dt.date(
                int(to_ascii_digits(m.group(3))), _month_number(GREGORIAN_MONTHS, m.group(2)), int(to_ascii_digits(m.group(1)))
            )
        except ValueError:
            continue
        found.append(DateMatch(m.start(), m.end(), m.group(0), value, "gregorian", "named"))
    for m in _BANGLA_NAMED.finditer(text):
        try:
            value = bangla_to_gregorian(
                int(to_ascii_digits(m.group(1))), _month_number(BANGLA_MONTHS, m.group(2)), int(to_ascii_digits(m.group(3)))
            )
        except ValueError:
            continue
        found.append(DateMatch(m.start(), m.end(), m.group(0).strip(), value, "bangla", "named"))
    found.sort(key=lambda d: d.start)
    return found


def first_date(text: str, calendar: str | None = None) -> DateMatch | None:
    """The first full date in `text` (optionally only of one calendar), or None."""
    for match in find_dates(text):
        if calendar is None or match.calendar == calendar:
            return match
    return None


_TIME = re.compile(
    r"(?:(সকাল|ভোর|দুপুর|বিকাল|বিকেল|সন্ধ্যা|রাত)\s*)?"
    rf"(?<![0-9০-৯./-])({_D}{{1,2}})(?:\s*[:.]\s*({_D}{{2}})(?![0-9০-৯]|[./-][0-9০-৯]))?"
    r"\s*(ঘটিকা|টা|টায়|am|pm|a\.m\.|p\.m\.)?",
    re.IGNORECASE,
)


def parse_time(text: str) -> str | None:
    """Meeting time as 24-hour `HH:MM`: `'বিকাল ৩.৩০ ঘটিকা'` → `'15:30'`.

    A bare number is a time only with a part of day (সকাল …), minutes or a
    unit (ঘটিকা, টা), so that a date's day is not taken for an hour.
    """
    text = unicodedata.normalize("NFC", text)
    for m in _TIME.finditer(text):
        part, hour_s, minute_s, unit = m.groups()
        if not (part or minute_s or unit):
            continue
        hour, minute = int(to_ascii_digits(hour_s)), int(to_ascii_digits(minute_s or "0"))
        if hour > 23 or minute > 59:
            continue
        unit = (unit or "").lower()
        if hour < 12 and (part in ("বিকাল", "বিকেল", "সন্ধ্যা", "রাত") or unit.startswith("p")):
            hour += 12
        elif part == "দুপুর" and hour < 6:
            hour += 12
        return f"{hour:02d}:{minute:02d}"
    return None


# --- Arithmetic for deadlines --------------------------------------------------
# Bangladesh's weekend is Friday and Saturday (date.weekday(): Mon=0 … Sun=6).
WEEKEND: frozenset[int] = frozenset({4, 5})


def end_of_month(year: int, month: int) -> dt.date:
    """Last day of a Gregorian month: `end_of_month(2024, 2)` → 2024-02-29."""
    return dt.date(year, month, monthrange(year, month)[1])


def add_months(date: dt.date, months: int) -> dt.date:
    """`date` moved by whole months, the day clamped to the month's length (01-31 + 1 → 02-28/29)."""
    year, month_index = divmod(date.year * 12 + date.month - 1 + months, 12)
    last_day = end_of_month(year, month_index + 1).day
    return dt.date(year, month_index + 1, min(date.day, last_day))


def add_working_days(date: dt.date, days: int, weekend: frozenset[int] = WEEKEND) -> dt.date:
    """The `days`-th working day after `date` (weekend days skipped; public holidays are not known)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = date
    while days:
        current += dt.timedelta(days=1)
        if current.weekday() not in weekend:
            days -= 1
    return current


def fiscal_year_end(date: dt.date) -> dt.date:
    """30 June closing the Bangladesh fiscal year (July–June) that contains `date`."""
    return dt.date(date.year + 1 if date.month >= 7 else date.year, 6, 30)


def next_month_day(month: int, day: int, on_or_after: dt.date) -> dt.date:
    """The first `day` of `month` (a date written without its year) on or after `on_or_after`.

    Raises ValueError when the day never occurs in that month (31 April), or
    only in leap years and none follows within four years.
    """
    for year in range(on_or_after.year, on_or_after.year + 5):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= on_or_after:
            return candidate
    raise ValueError(f"no date {day:02d}-{month:02d} on or after {on_or_after}")


def week_of_month_end(year: int, month: int, week: int) -> dt.date:
    """Last day of the n-th week (days 1–7, 8–14, …) of a month; `week=-1` is the last week, ending with the month."""
    if week == -1 or week >= 5:
        return end_of_month(year, month)
    if week < 1:
        raise ValueError(f"week out of range: {week}")
    return dt.date(year, month, 7 * week)


_PLAIN_RULE = re.compile(r"FREQ=(?:DAILY|WEEKLY|MONTHLY|YEARLY)(?:;INTERVAL=\d+)?")
_MONTH_DAY_RULE = re.compile(r"FREQ=MONTHLY;BYMONTHDAY=([1-9]|[12][0-9]|3[01])")


def first_occurrence(rule: str, start: dt.date) -> dt.date | None:
    """First date of an RFC 5545 RRULE with DTSTART = `start` (so on or after it), or None if it has none.

    `first_occurrence("FREQ=MONTHLY;BYMONTHDAY=5", date(2024, 11, 28))` → 2024-12-05; a
    rule without a day (`FREQ=MONTHLY`) occurs on `start` itself.
    """
    # The rules minutes use most are computed directly; the rest by dateutil.
    if _PLAIN_RULE.fullmatch(rule):
        return start  # no day given: due on the start date itself
    if m := _MONTH_DAY_RULE.fullmatch(rule):
        day = int(m.group(1))
        for months_ahead in range(0, 12):
            first = add_months(start.replace(day=1), months_ahead)
            if day <= end_of_month(first.year, first.month).day and (candidate := first.replace(day=day)) >= start:
                return candidate
        return None
    from dateutil.rrule import rrulestr

    begin = dt.datetime.combine(start, dt.time())
    occurrence = rrulestr(rule, dtstart=begin).after(begin, inc=True)
    return occurrence.date() if occurrence else None
