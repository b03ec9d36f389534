"""The letterhead and the header block (সভাপতি, সভার তারিখ, সময়, স্থান, উপস্থিতি).

Header values are read by label, then checked by content: when values slid one
row down (the chair's designation took a row of its own), the date sits in the
সময় row, and every label is shifted back into place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from minutes_nlp import gazetteer
from minutes_nlp.dates import first_date, parse_time
from minutes_nlp.model import Chair, Meeting

# A label ends at a separator, a space or the line end (ঃ is a Bangla-block character).
_END = r"(?=[\s:ঃ\-–—=|]|$)"
_LABELS: list[tuple[str, re.Pattern[str]]] = [
    ("chair", re.compile(rf"^(?:সভাপতি|সভাপতিত্ব(?:ে|করেন)?){_END}")),
    ("date", re.compile(rf"^(?:সভার\s*)?(?:তারিখ|তাং){_END}")),
    ("time", re.compile(rf"^(?:সভার\s*)?সময়{_END}")),
    ("venue", re.compile(rf"^(?:সভার\s*)?(?:স্থান|ভেন্যু){_END}")),
    ("attendance", re.compile(rf"^(?:উপস্থিতি|উপস্থিত\s*সদস্য(?:বৃন্দ)?(?:গণ)?|উপস্থিত){_END}")),
]
_SEPARATORS = " \t:ঃ-–—=|"
_GOVERNMENT = re.compile(r"গণপ্রজাতন্ত্রী\s+বাংলাদেশ\s+সরকার")
_URL = re.compile(r"<?((?:https?://|www\.)[^\s<>]+|[a-z0-9.-]+\.gov\.bd[^\s<>]*)>?", re.I)
_TITLE = re.compile(r"কার্যবিবরণী|সভার\s+কার্যপত্র")
_ATTENDANCE_TAIL = re.compile(r"\s*(?:পরিশিষ্ট|উপস্থিত\s+সদস্য|সংযুক্ত\s+তালিকা).*$", re.S)


@dataclass(slots=True)
class HeaderEntry:
    label: str | None  # None for a line without a label (a value that took its own row)
    value: str
    line: int


def label_of(line: str) -> tuple[str, str] | None:
    """`('chair', 'মোঃ আবু জাফর')` for `'সভাপতিঃ মোঃ আবু জাফর'`, else None."""
    stripped = line.strip()
    for label, pattern in _LABELS:
        m = pattern.match(stripped)
        if m:
            return label, stripped[m.end():].lstrip(_SEPARATORS).strip()
    return None


def find_header_block(lines: list[str], stop: int) -> list[HeaderEntry]:
    """The header entries: the first run of labelled lines before line `stop`.

    Unlabelled lines right after a labelled one are kept as entries of their
    own (a value that took a row of its own); blank lines between labelled
    lines are allowed. The block ends at an unlabelled line after a blank
    line, a repeated label or a sentence of the preamble. Several labels on
    one line (`তারিখ: … সময়: …`) become several entries.
    """
    entries: list[HeaderEntry] = []
    seen: set[str] = set()
    after_blank = False
    for i in range(stop):
        line = lines[i]
        if not line.strip():
            after_blank = bool(entries)
            continue
        labelled = label_of(line)
        if labelled and labelled[0] not in seen and not _is_prose(labelled[1]):
            for label, value in _split_embedded(*labelled):
                if label not in seen:
                    entries.append(HeaderEntry(label, value, i + 1))
                    seen.add(label)
        elif entries and not labelled and not after_blank and not _is_prose(line):
            entries.append(HeaderEntry(None, line.strip(), i + 1))
        elif entries:
            break
        after_blank = False
    return entries


# A second label inside a header value: "১২/০৩/২০২৪ সময়: সকাল ১০.০০ টা".
_EMBEDDED_LABEL = re.compile(r"\s+(?=(?:সভার\s*)?(?:তারিখ|সময়|স্থান)\s*[:ঃ])")


def _split_embedded(label: str, value: str) -> list[tuple[str, str]]:
    parts = _EMBEDDED_LABEL.split(value)
    found = [(label, parts[0].strip())]
    for part in parts[1:]:
        inner = label_of(part)
        if inner:
            found.append(inner)
        else:
            found[-1] = (found[-1][0], f"{found[-1][1]} {part}".strip())
    return found


def _is_prose(text: str) -> bool:
    # A sentence of the preamble, not a header value.
    return len(text) > 160 or bool(re.search(r"(?:করেন|হয়|জানান)।\s*$", text))


def _has_date(value: str) -> bool:
    return first_date(value) is not None


def read_header(entries: list[HeaderEntry], meeting: Meeting) -> list[tuple[str, str]]:
    """Fill chair, date, time, venue of `meeting`; return warnings (code, message)."""
    notes: list[tuple[str, str]] = []
    if not entries:
        title_date = first_date(meeting.title or "")
        meeting.date = title_date.date if title_date else None
        return [("no-header", "no header block (সভাপতি, সভার তারিখ …) found")]
    labels = [e.label for e in entries]
    values: dict[str, str] = {}
    chair_extra: list[str] = []

    date_at = labels.index("date") if "date" in labels else None
    dated = [i for i, e in enumerate(entries) if _has_date(e.value)]
    shift = 0
    if date_at is not None and not _has_date(entries[date_at].value) and dated and dated[0] > date_at:
        shift = dated[0] - date_at
        notes.append(("header-values-shifted", f"header values sit {shift} row(s) below their labels; read by content"))

    chair_at = labels.index("chair") if "chair" in labels else None
    for i, entry in enumerate(entries):
        if entry.label is None:
            continue
        if entry.label == "chair":
            values["chair"] = entry.value
            # The chair's designation on the following unlabelled or slid rows.
            j = i + 1
            while j < len(entries) and entries[j].label is None:
                chair_extra.append(entries[j].value)
                j += 1
            chair_extra.extend(entries[k].value for k in range(j, min(j + shift, len(entries))))
            continue
        source = i + shift
        if chair_at is not None and i > chair_at and source < len(entries):
            values[entry.label] = entries[source].value
        elif chair_at is None or i < chair_at:
            values[entry.label] = entry.value

    name, designation = split_chair(values.get("chair", ""), chair_extra)
    meeting.chair = Chair(name or None, designation or None)

    date_value = values.get("date", "")
    # The date row, else a dated row (values slid), else a date in the title.
    match = first_date(date_value) or (first_date(entries[dated[0]].value) if dated else None) or first_date(meeting.title or "")
    if match:
        meeting.date = match.date
    else:
        notes.append(("no-meeting-date", "the meeting date could not be read from the header"))

    time_value = values.get("time", "")
    meeting.time = parse_time(time_value) if time_value else None
    if meeting.time is None:
        for e in entries:
            if not _has_date(e.value) and parse_time(e.value):
                time_value, meeting.time = e.value, parse_time(e.value)
                break
    meeting.time_text = time_value or None

    venue = values.get("venue")
    if venue:
        venue = _ATTENDANCE_TAIL.sub("", venue).strip(" ।,") or None
    meeting.venue = venue
    return notes


# Designation heads and the words that may stand before them.
_HEADS = (
    "প্রোগ্রামার", "প্রশাসক", "অফিসার", "কর্মকর্তা", "কমিশনার", "পরিচালক", "সচিব", "চেয়ারম্যান",
    "ইঞ্জিনিয়ার", "ইন্জিনিয়ার", "প্রকৌশলী", "ম্যাজিস্ট্রেট", "মেয়র", "ম্যানেজার", "সুপার", "প্রধান",
)
_MODIFIERS = {
    "জেলা", "উপজেলা", "অতিরিক্ত", "সহকারী", "উপ", "উপ-", "সিনিয়র", "সিস্টেম", "আইসিটি", "নির্বাহী",
    "শিক্ষা", "প্রাথমিক", "মাধ্যমিক", "বিভাগীয়", "যুগ্ম", "ভারপ্রাপ্ত", "নেটওয়ার্ক", "মহা", "প্রকল্প",
    "রাজস্ব", "সার্বিক", "পুলিশ", "সিভিল", "ইউনিয়ন", "ইউপি", "পরিষদ", "উপপরিচালক",
}


def split_chair(value: str, extra: list[str]) -> tuple[str, str]:
    """Split the chair's value into name and designation.

    A designation on a row of its own (`extra`) is taken as is; otherwise the
    designation starts at the first designation head (প্রোগ্রামার, প্রশাসক,
    অফিসার …) together with the words that qualify it (জেলা, অতিরিক্ত …).
    """
    value = value.strip()
    if extra:
        return value.strip(" ,;"), " ".join(x.strip() for x in extra if x.strip()).strip(" ,;।")
    words = value.split()
    for i, word in enumerate(words):
        bare = word.strip("(),।")
        if any(bare.startswith(head) for head in _HEADS):
            j = i
            while j > 0 and words[j - 1].strip("(),") in _MODIFIERS:
                j -= 1
            return " ".join(words[:j]).strip(" ,;-"), " ".join(words[j:]).strip(" ,;।")
    return value, ""


def read_letterhead(lines: list[str], stop: int, meeting: Meeting) -> None:
    """Office, website and title from the lines before the header block."""
    office_lines: list[str] = []
    for line in lines[:stop]:
        text = line.strip()
        if not text or set(text) <= set(".…-–—_* "):
            continue
        url = _URL.search(text)
        if url and len(text) <= len(url.group(0)) + 2:
            meeting.website = meeting.website or url.group(1)
            continue
        if _TITLE.search(text) and len(text) < 250:
            meeting.title = meeting.title or text.rstrip(":ঃ ").strip()
            continue
        if _GOVERNMENT.search(text) or label_of(text):
            continue
        if meeting.title is None and len(text) < 120:
            office_lines.append(text.rstrip("।,"))
    # A ministry line names the parent of the office, not the office.
    own = [line for line in office_lines if not re.search(r"মন্ত্রণালয়$", line)] or office_lines
    meeting.office = ", ".join(own) or None


def locate_office(meeting: Meeting, fallback_text: str) -> None:
    """District (and upazila for an upazila office) of the issuing office."""
    places = gazetteer.load()
    for text in (meeting.office or "", meeting.venue or "", meeting.title or "", fallback_text):
        districts = places.find_districts(text)
        if districts:
            meeting.district = _office_district(text, districts)
            break
    office = meeting.office or ""
    if "উপজেলা" in office:
        upazilas = places.find_upazilas(office, meeting.district)
        if upazilas:
            meeting.upazila = upazilas[0].place.name_bn
            meeting.district = meeting.district or upazilas[0].place.district_bn


def _office_district(text: str, districts: list[gazetteer.PlaceMatch]) -> str:
    # "জেলা কার্যালয়, রাজশাহী": the district named after the office word, else the last one named.
    office_at = text.find("কার্যালয়")
    after = [d for d in districts if d.start > office_at] if office_at >= 0 else []
    return (after[0] if after else districts[-1]).place.name_bn
