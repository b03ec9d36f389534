"""Token classes of time expressions: the vocabulary the deadline patterns are written in.

Each token of a decision is given at most one class (`NUM`, `GMONTH`,
`WITHIN`, `EVERY`, …) and a value (the number, the month, the weekday …).
The patterns of `patterns.py` are sequences of these classes, so one pattern
covers every spelling and inflection of its words (`ডিসেম্বর`, `ডিসেম্বরের`,
`ডিসেম্বরে`; `৫`, `০৫`, `৫ই`, `পাঁচ`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from minutes_nlp.dates import BANGLA_MONTHS, GREGORIAN_MONTHS, full_year
from minutes_nlp.normalize import to_ascii_digits


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _words(cls: str, words: str, value: Any = None) -> dict[str, tuple[str, Any]]:
    return {_nfc(w): (cls, value) for w in words.split()}


# Whole words, by class. The value says which unit, weekday, number … it is.
_WORDS: dict[str, tuple[str, Any]] = {
    **_words("WITHIN", "মধ্যে মধ্যেই ভিতরে ভেতরে নাগাদ"),
    **_words("BEFORE", "পূর্বে পূর্বেই আগে আগেই"),
    **_words("UNTIL", "পর্যন্ত"),
    **_words("DATEWORD", "তারিখ তারিখের তারিখে তারিখেই তাং তাং-"),
    **_words("OF", "এর এ"),
    **_words("FROM", "থেকে হতে হইতে"),
    **_words("ERA_G", "খ্রি. খ্রিঃ খ্রি খ্রী. খ্রীঃ খ্রিস্টাব্দ খ্রিস্টাব্দের খ্রিষ্টাব্দ খ্রিষ্টাব্দের ইং ইং. ইংরেজি সাল সালের"),
    **_words("ERA_B", "বঙ্গাব্দ বঙ্গাব্দের বাংলা"),
    **_words("NEXT", "আগামী পরবর্তী পরের"),
    **_words("CURRENT", "চলতি বর্তমান এই"),
    **_words("EVERY", "প্রতি প্রত্যেক প্রতিটি প্রত্যেকটি"),
    **_words("PAST", "গত বিগত"),
    **_words("U_DAY", "দিন দিনের", "DAILY"),
    **_words("U_DAY_IN", "দিনে", "DAILY"),
    **_words("U_WORKDAY", "কর্মদিবস কর্মদিবসের কার্যদিবস কার্যদিবসের কর্মদিন কর্মদিনের", "WORKDAY"),
    **_words("U_WORKDAY_IN", "কর্মদিবসে কার্যদিবসে", "WORKDAY"),
    **_words("U_WEEK", "সপ্তাহ সপ্তাহের", "WEEKLY"),
    **_words("U_WEEK_IN", "সপ্তাহে সপ্তাহেই", "WEEKLY"),
    **_words("U_MONTH", "মাস মাসের", "MONTHLY"),
    **_words("U_MONTH_IN", "মাসে মাসেই", "MONTHLY"),
    **_words("U_YEAR", "বছর বছরের বৎসর বৎসরের", "YEARLY"),
    **_words("U_YEAR_IN", "বছরে বৎসরে", "YEARLY"),
    **_words("U_FY", "অর্থবছর অর্থবছরের অর্থ-বছরের অর্থবছরেই"),
    **_words("U_FY_IN", "অর্থবছরে"),
    **_words("U_HOUR", "ঘণ্টা ঘণ্টার ঘন্টা ঘন্টার ঘণ্টায়"),
    **_words("U_MINUTE", "মিনিট মিনিটের"),
    **_words("EVERY_DAY", "প্রতিদিন প্রতিদিনই প্রত্যহ", "DAILY"),
    **_words("EVERY_WEEK", "প্রতিসপ্তাহে", "WEEKLY"),
    **_words("EVERY_MONTH", "প্রতিমাসে প্রতিমাসের প্রতিমাসেই", "MONTHLY"),
    **_words("FREQ_ADJ", "দৈনিক", "FREQ=DAILY"),
    **_words("FREQ_ADJ", "সাপ্তাহিক", "FREQ=WEEKLY"),
    **_words("FREQ_ADJ", "পাক্ষিক", "FREQ=WEEKLY;INTERVAL=2"),
    **_words("FREQ_ADJ", "মাসিক", "FREQ=MONTHLY"),
    **_words("FREQ_ADJ", "ত্রৈমাসিক ত্রৈমাসিকে ত্রৈমাসিকের", "FREQ=MONTHLY;INTERVAL=3"),
    **_words("FREQ_ADJ", "ষাণ্মাসিক ষান্মাসিক", "FREQ=MONTHLY;INTERVAL=6"),
    **_words("QUARTER", "প্রান্তিক প্রান্তিকে প্রান্তিকের"),
    **_words("ORD", "প্রথম ১ম", 1),
    **_words("ORD", "দ্বিতীয় ২য়", 2),
    **_words("ORD", "তৃতীয় ৩য়", 3),
    **_words("ORD", "চতুর্থ ৪র্থ", 4),
    **_words("ORD", "শেষ শেষের", -1),
    **_words("END", "শেষে শেষেই"),
    **_words("INTERVAL", "অন্তর পরপর"),
    **_words("TIMES", "একবার একদিন একটি", 1),
    **_words("TIMES", "দুইবার দুবার দুইদিন দু'বার দুটি দুইটি", 2),
    **_words("TIMES", "তিনবার তিনদিন তিনটি", 3),
    **_words("LEAST", "অন্তত অন্ততঃ কমপক্ষে ন্যূনতম"),
    **_words("BASIS", "ভিত্তিতে"),
    **_words("MEETING_IN", "সভায় সভাতে"),
    **_words("MEETING_OF", "সভার"),
    **_words("MEETING", "সভা"),
    **_words("DASH", "- –"),
}

_WEEKDAYS = {
    "SU": "রবিবার রোববার",
    "MO": "সোমবার",
    "TU": "মঙ্গলবার",
    "WE": "বুধবার",
    "TH": "বৃহস্পতিবার বৃহষ্পতিবার",
    "FR": "শুক্রবার",
    "SA": "শনিবার",
}
for _code, _names in _WEEKDAYS.items():
    for _name in _names.split():
        for _suffix in ("", "ে", "ের", "েই"):
            _WORDS[_nfc(_name + _suffix)] = ("WEEKDAY", _code)

# Numbers written as words, as they appear in counts and in `৫ (পাঁচ)`.
_NUMBER_WORDS = {
    "এক": 1, "দুই": 2, "তিন": 3, "চার": 4, "পাঁচ": 5, "ছয়": 6, "সাত": 7, "আট": 8,
    "নয়": 9, "দশ": 10, "এগারো": 11, "এগার": 11, "বারো": 12, "তেরো": 13, "তের": 13, "চৌদ্দ": 14,
    "পনেরো": 15, "পনের": 15, "ষোল": 16, "ষোলো": 16, "সতেরো": 17, "আঠারো": 18, "উনিশ": 19, "বিশ": 20,
    "কুড়ি": 20, "একুশ": 21, "পঁচিশ": 25, "আটাশ": 28, "ত্রিশ": 30, "পঁয়তাল্লিশ": 45, "ষাট": 60, "নব্বই": 90,
    "পহেলা": 1, "পয়লা": 1,
}
for _word, _number in _NUMBER_WORDS.items():
    _WORDS.setdefault(_nfc(_word), ("NUM", _number))

# Case endings a month name takes: ডিসেম্বরের, জুনের, জানুয়ারির, মার্চে, নভেম্বরেই.
_MONTH_SUFFIXES = tuple(_nfc(s) for s in ("েরই", "ের", "রই", "র", "এর", "েই", "ে"))
_GREGORIAN = {w: n for n, ws in GREGORIAN_MONTHS.items() for w in ws if len(w) > 3 or not w.isascii()}
_BANGLA = {w: n for n, ws in BANGLA_MONTHS.items() for w in ws}

_D = "[0-9০-৯]"
_NUMBER = re.compile(rf"^({_D}{{1,2}})(?:শে|লা|রা|ঠা|ই|তম|ম|য়|র্থ|ষ্ঠ)?$")
_YEAR = re.compile(rf"^({_D}{{4}})$")
_NUMERIC_DATE = re.compile(rf"^({_D}{{1,2}})([/.\-])({_D}{{1,2}})\2({_D}{{4}}|{_D}{{2}})$")
_MONTH_SLASH_YEAR = re.compile(rf"^(\D+?)[/\-,]({_D}{{4}}|{_D}{{2}})$")
_MONTH_RANGE = re.compile(r"^(\D+?)[-–](\D+)$")


def _month(word: str, months: dict[str, int]) -> int | None:
    word = word.lower()
    if word in months:
        return months[word]
    for suffix in _MONTH_SUFFIXES:
        if word.endswith(suffix) and word[: -len(suffix)] in months:
            return months[word[: -len(suffix)]]
    return None


def _year(digits: str) -> int:
    return full_year(int(to_ascii_digits(digits)))


@functools.lru_cache(maxsize=8192)
def classify(word: str) -> tuple[str, Any] | None:
    """The class and value of one token (NFC text), or None for a word that is not about time.

    >>> classify("ডিসেম্বরের")
    ('GMONTH', 12)
    >>> classify("০৫")
    ('NUM', 5)
    """
    found = _WORDS.get(word)
    if found is not None:
        return found
    if not any(ch.isdigit() for ch in word):
        month = _month(word, _GREGORIAN)
        if month is not None:
            return ("GMONTH", month)
        month = _month(word, _BANGLA)
        if month is not None:
            return ("BMONTH", month)
        if m := _MONTH_RANGE.match(word):
            first, last = _month(m.group(1), _GREGORIAN), _month(m.group(2), _GREGORIAN)
            if first is not None and last is not None:
                return ("MONTH_RANGE", (first, last))
        return None
    if m := _NUMBER.match(word):
        return ("NUM", int(to_ascii_digits(m.group(1))))
    if m := _YEAR.match(word):
        return ("YEAR", int(to_ascii_digits(m.group(1))))
    if m := _NUMERIC_DATE.match(word):
        day, month = int(to_ascii_digits(m.group(1))), int(to_ascii_digits(m.group(3)))
        return ("NUMDATE", (day, month, _year(m.group(4))))
    if m := _MONTH_SLASH_YEAR.match(word):  # ডিসেম্বর/২০২৩
        month = _month(m.group(1), _GREGORIAN)
        if month is not None:
            return ("MONTH_YEAR", (month, _year(m.group(2))))
    return None


CLASSES: frozenset[str] = frozenset(
    {cls for cls, _ in _WORDS.values()} | {"NUM", "YEAR", "NUMDATE", "GMONTH", "BMONTH", "MONTH_RANGE", "MONTH_YEAR"}
)
"""Every class name `classify` can return (the vocabulary of the patterns)."""
