"""The footer: memo number, issue date in both calendars, distribution list."""

from __future__ import annotations

import re

from minutes_nlp.dates import find_dates
from minutes_nlp.model import Meeting

_MEMO = re.compile(r"(?:স্মারক\s*(?:নম্বর|নং|নাম্বার)|নম্বর|নং|নাম্বার|সূত্র)\s*[:ঃ.\-]?\s*([0-9০-৯][0-9০-৯./\-()\s]*[0-9০-৯)])")
_DISTRIBUTION = re.compile(r"^\s*(?:বিতরণ|অনুলিপি|সদয়\s+অবগতি)")
_LIST_ITEM = re.compile(r"^\s*(?:[-–•*]\s*)?(?:\(?[0-9০-৯]{1,2}\s*[)।.]\)?|[-–•*])\s*")


def read_footer(lines: list[str], start: int, meeting: Meeting, search_also: list[str] | None = None) -> list[tuple[str, str]]:
    """Fill memo number, issue dates and distribution from `lines[start:]`.

    `search_also` (the letterhead area) is searched for a memo number and issue
    date when the footer has none: some offices print them under the letterhead.
    Returns warnings (code, message).
    """
    notes: list[tuple[str, str]] = []
    footer = lines[start:]
    distribution_at = next((i for i, line in enumerate(footer) if _DISTRIBUTION.match(line)), None)
    before_list = footer[:distribution_at] if distribution_at is not None else footer
    for region in (before_list, search_also or []):
        if meeting.memo_no is None:
            for line in region:
                m = _MEMO.search(line)
                if m and _looks_like_memo(m.group(1)):
                    meeting.memo_no = m.group(1).strip()
                    break
        if meeting.issue_date is None and meeting.issue_date_bangla is None:
            _read_issue_dates(region, meeting)
    if meeting.issue_date_bangla_gregorian and meeting.issue_date:
        if meeting.issue_date_bangla_gregorian != meeting.issue_date:
            notes.append((
                "issue-dates-disagree",
                f"the footer's Bangla-calendar date {meeting.issue_date_bangla} is "
                f"{meeting.issue_date_bangla_gregorian.isoformat()}, not {meeting.issue_date.isoformat()}",
            ))
    elif meeting.issue_date_bangla_gregorian and meeting.issue_date is None:
        meeting.issue_date = meeting.issue_date_bangla_gregorian
    if distribution_at is not None:
        meeting.distribution = _read_list(footer[distribution_at + 1:])
    return notes


def _looks_like_memo(text: str) -> bool:
    # Memo numbers have several dotted groups (৫৬.০৪.৮১০০.০০০…); a bare number is not one.
    return text.count(".") >= 2 or text.count("/") >= 2


def _read_issue_dates(region: list[str], meeting: Meeting) -> None:
    dates = [d for line in region for d in find_dates(line)]
    bangla = next((d for d in dates if d.calendar == "bangla"), None)
    named = next((d for d in dates if d.calendar == "gregorian" and d.form == "named"), None)
    numeric = next((d for d in dates if d.calendar == "gregorian"), None)
    if bangla:
        meeting.issue_date_bangla = bangla.text
        meeting.issue_date_bangla_gregorian = bangla.date
    gregorian = named or numeric
    if gregorian:
        meeting.issue_date = gregorian.date


def _read_list(lines: list[str]) -> list[str]:
    """Items of the distribution list, without their numbering; ends at the first non-item line."""
    items: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        m = _LIST_ITEM.match(line)
        if not m:
            break
        text = line[m.end():].strip(" ,;")
        if text:
            items.append(text)
    return items
