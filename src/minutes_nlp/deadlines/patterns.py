"""The token patterns of deadline expressions, one short line each.

A pattern is a space-separated sequence of token tests, compiled to a spaCy
`Matcher` pattern:

* an upper-case name (`NUM`, `GMONTH`, `WITHIN`, …) is a token class of
  `lexicon.py`; `A|B` is either class;
* any other word is that exact token (`হওয়া`, `(`); `a|b` is either word,
  and `CLASS|word` either a token of the class or that word (a word without a
  class keeps its own text as `NORM`);
* `ANY` is any one token;
* a trailing `?` makes the test optional.

The label of a pattern names the rule of `extractor.py` that reads its value.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from minutes_nlp.deadlines.lexicon import CLASSES

_UNITS = "U_DAY|U_WORKDAY|U_WEEK|U_MONTH|U_YEAR"
_UNITS_IN = "U_DAY_IN|U_WORKDAY_IN|U_WEEK_IN|U_MONTH_IN|U_YEAR_IN"
_NUM_SPELLED = "NUM (? NUM? )?"  # ৫ (পাঁচ): a number with its spelling in brackets
_BY = "WITHIN|BEFORE|UNTIL"

PATTERNS: dict[str, list[str]] = {
    # absolute: a calendar date, with or without its year
    "date": [
        "NUMDATE",
        "NUM GMONTH ,? YEAR",
        "NUM GMONTH",
        "GMONTH NUM , YEAR",
        "NUM BMONTH YEAR",
        "NUM BMONTH",
    ],
    # absolute: a whole month (due on its last day)
    "month": [
        f"GMONTH YEAR? OF? U_MONTH? {_BY}",
        "MONTH_YEAR OF? U_MONTH|U_MONTH_IN? WITHIN|BEFORE|UNTIL?",
        "NEXT? GMONTH YEAR? U_MONTH_IN",
        "MONTH_RANGE QUARTER|U_MONTH_IN",
        f"MONTH_RANGE U_MONTH? {_BY}",
        f"GMONTH FROM|DASH GMONTH U_MONTH? {_BY}",
    ],
    # absolute: the n-th or last week of a month (due on its last day)
    "month_week": ["GMONTH YEAR? OF? U_MONTH? ORD U_WEEK|U_WEEK_IN WITHIN?"],
    # absolute: the end of a named fiscal year (২০২৩-২৪ অর্থবছরের মধ্যে)
    "fiscal_year": ["YEAR DASH NUM|YEAR U_FY WITHIN|BEFORE"],
    # relative to the meeting date
    "next_month_day": [f"NEXT U_MONTH {_NUM_SPELLED} DATEWORD"],
    "next_month": ["NEXT U_MONTH WITHIN|BEFORE", "NEXT U_MONTH_IN"],
    "next_month_week": ["NEXT U_MONTH ORD U_WEEK|U_WEEK_IN WITHIN?"],
    "current_month": ["CURRENT GMONTH? U_MONTH WITHIN", "CURRENT GMONTH? U_MONTH_IN"],
    "current_fiscal_year": ["CURRENT U_FY WITHIN|BEFORE"],
    "count": [f"NEXT? {_NUM_SPELLED} {_UNITS} WITHIN"],
    "next_meeting": ["NEXT MEETING_IN", "NEXT MEETING_OF BEFORE|WITHIN"],
    # recurring
    "every_unit": [
        f"EVERY {_UNITS}|{_UNITS_IN}",
        f"EVERY {_UNITS_IN} LEAST? TIMES",
        "EVERY_DAY|EVERY_WEEK|EVERY_MONTH",
        "EVERY_MONTH LEAST? TIMES",
        f"{_UNITS_IN} LEAST? TIMES করে?",
    ],
    "every_monthday": [f"EVERY? U_MONTH|U_MONTH_IN {_NUM_SPELLED} DATEWORD", f"EVERY_MONTH {_NUM_SPELLED} DATEWORD"],
    "every_month_weekday": ["EVERY U_MONTH ORD WEEKDAY", "EVERY_MONTH ORD WEEKDAY"],
    "every_month_last_workday": ["EVERY? U_MONTH ORD U_WORKDAY_IN|U_WORKDAY"],
    "every_week_last_workday": ["EVERY U_WEEK ORD U_WORKDAY_IN|U_WORKDAY"],
    "every_month_end": ["EVERY? U_MONTH END", "EVERY? U_MONTH ORD U_DAY_IN"],
    "every_weekday": ["EVERY WEEKDAY"],
    "every_workday": ["EVERY U_WORKDAY_IN"],
    "every_year_weekday": ["EVERY U_YEAR|U_YEAR_IN GMONTH ORD WEEKDAY"],
    "interval": [f"EVERY? {_NUM_SPELLED} {_UNITS}|{_UNITS_IN} INTERVAL", f"EVERY {_NUM_SPELLED} {_UNITS_IN} LEAST? TIMES"],
    "frequency_basis": ["EVERY? FREQ_ADJ BASIS", "EVERY FREQ_ADJ"],
    # `মাসিক … সভা আয়োজন`, `সাপ্তাহিক ব্যাকআপ রাখা`: something to be held or sent at a frequency
    "frequency_deliverable": ["FREQ_ADJ ANY? ANY? সভা|প্রতিবেদন|অগ্রগতি|ব্যাকআপ|রিপোর্ট|বিবরণী"],
    "quarter_next_month_day": [f"EVERY? FREQ_ADJ ORD হওয়ার|হইবার? NEXT U_MONTH {_NUM_SPELLED} DATEWORD"],
    # vague
    "on_event": ["ANY হওয়া|পাওয়া|প্রাপ্তি মাত্র|মাত্রই", "ANY দিনই"],
    "short_count": ["NUM U_HOUR|U_MINUTE WITHIN"],
    # a period set by rule for each case (`নির্ধারিত ২০ কার্যদিবসের মধ্যে`), not from the meeting
    "prescribed_period": [f"নির্ধারিত {_NUM_SPELLED} {_UNITS} WITHIN|সময়সীমা|সময়সীমার"],
    "before_event_count": ["LEAST? NUM U_HOUR|U_MINUTE|U_DAY|U_WORKDAY BEFORE"],
    "month_meeting": ["NEXT? GMONTH U_MONTH MEETING_IN"],
}
"""Pattern label → patterns. The vague cue phrases and event nouns come from `data/deadlines.toml`."""


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def compile_pattern(pattern: str) -> list[dict[str, Any]]:
    """One pattern line → a spaCy Matcher pattern (token classes are stored in `NORM`)."""
    tokens: list[dict[str, Any]] = []
    for element in pattern.split():
        optional = element.endswith("?") and len(element) > 1
        element = element[:-1] if optional else element
        alternatives = element.split("|")
        if element == "ANY":
            test: dict[str, Any] = {}
        elif all(a in CLASSES for a in alternatives):
            # one value is compared in C; a set needs a Python predicate, which is slower
            test = {"NORM": alternatives[0]} if len(alternatives) == 1 else {"NORM": {"IN": alternatives}}
        elif any(a.isupper() and a.isascii() and a.isalpha() and a not in CLASSES for a in alternatives):
            raise ValueError(f"unknown token class in pattern {pattern!r}: {element}")
        elif any(a in CLASSES for a in alternatives):
            # classes and words mixed: a word without a class keeps its text as NORM
            test = {"NORM": {"IN": [a if a in CLASSES else _nfc(a) for a in alternatives]}}
        else:
            words = [_nfc(a) for a in alternatives]
            test = {"ORTH": words[0]} if len(words) == 1 else {"ORTH": {"IN": words}}
        if optional:
            test["OP"] = "?"
        tokens.append(test)
    return tokens
