"""Deadline extraction: spaCy `Matcher` patterns over the project's tokens, then one reading rule per pattern.

Steps, for one decision text:

1. tokenize with the project tokenizer and give each token its class
   (`lexicon.classify`), stored in the token's `NORM` so that the Matcher
   compares classes in C;
2. match the patterns of `patterns.py` and the vague cue phrases of
   `data/deadlines.toml`, and grow each match over the words that belong to
   it (`আগামী`, `খ্রি.`, `তারিখের মধ্যে`);
3. read each match with the rule named by its label: the value (ISO date,
   RRULE or cue) and the first due date, with the calendar arithmetic of
   `minutes_nlp.dates`. A rule refuses what is not a deadline: dates of
   letters (`… তারিখের … নং স্মারক`), of past events (`গত …`, `… শুরু হয়েছে`,
   a date before the meeting), speed words that describe conduct
   (`যথাসময়ে কর্মস্থলে উপস্থিতি`);
4. keep the longest of overlapping accepted matches.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.attrs import NORM, ORTH
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from minutes_nlp import dates
from minutes_nlp.deadlines.lexicon import classify
from minutes_nlp.deadlines.patterns import PATTERNS, compile_pattern
from minutes_nlp.model import Deadline
from minutes_nlp.tokenizing import get_nlp


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class DeadlineCues:
    """The open word lists of the extractor (`data/deadlines.toml`)."""

    vague: tuple[str, ...]
    conduct_words: frozenset[str]
    manner_words: frozenset[str]
    event_nouns: tuple[str, ...]
    event_heads: tuple[str, ...]
    anchor_words: frozenset[str]
    memo_words: frozenset[str]
    past_verbs: frozenset[str]
    past_participles: frozenset[str]
    past_event_nouns: frozenset[str]

    @classmethod
    def load(cls, path: str | Path | None = None) -> DeadlineCues:
        """Read the word lists from a TOML file (the shipped `data/deadlines.toml` by default)."""
        if path is None:
            text = (resources.files("minutes_nlp") / "data" / "deadlines.toml").read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        data = tomllib.loads(_nfc(text))
        vague, relative, refuse = data.get("vague", {}), data.get("relative", {}), data.get("refuse", {})
        return cls(
            vague=tuple(vague.get("cues", [])),
            conduct_words=frozenset(vague.get("conduct_words", [])),
            manner_words=frozenset(vague.get("manner_words", [])),
            event_nouns=tuple(vague.get("event_nouns", [])),
            event_heads=tuple(vague.get("event_heads", [])),
            anchor_words=frozenset(relative.get("anchor_words", [])),
            memo_words=frozenset(refuse.get("memo_words", [])),
            past_verbs=frozenset(refuse.get("past_verbs", [])),
            past_participles=frozenset(refuse.get("past_participles", [])),
            past_event_nouns=frozenset(refuse.get("past_event_nouns", [])),
        )


# Words a match grows over: `আগামী` before it; era, তারিখের, এর, মধ্যে … after it.
_GROW_LEFT = {"NEXT"}
_GROW_RIGHT = {"ERA_G", "ERA_B", "DATEWORD", "OF", "WITHIN", "BEFORE", "UNTIL"}
_BY_MARKERS = {"WITHIN", "BEFORE", "UNTIL"}
_DATE_TAIL = {"YEAR", "ERA_G", "ERA_B", "DATEWORD", "OF"}
_CLAUSE_END = {"।", ";", "?", "!", "৷"}
_GROWING_LABELS = {
    "date", "month", "month_week", "fiscal_year", "next_month_day", "every_monthday", "count",
    "quarter_next_month_day", "current_month", "current_fiscal_year", "next_month", "next_month_week",
}
_ABSOLUTE_LABELS = {"date", "month", "month_week", "fiscal_year"}
_UNIT_FREQ = {"DAILY": "FREQ=DAILY", "WORKDAY": "FREQ=DAILY;BYDAY=SU,MO,TU,WE,TH", "WEEKLY": "FREQ=WEEKLY",
              "MONTHLY": "FREQ=MONTHLY", "YEARLY": "FREQ=YEARLY"}
_WORKDAYS = "SU,MO,TU,WE,TH"
# Words of the clause after `<frequency> … সভা/প্রতিবেদন` that make it something
# to be held or sent at that frequency (`মাসিক সভা আয়োজন`, `ত্রৈমাসিক অগ্রগতি … প্রেরণ`).
_HOLD_OR_SEND = {_nfc(w) for w in "আয়োজন অনুষ্ঠিত অনুষ্ঠান নিয়মিত বাদ আহ্বান প্রেরণ পাঠাতে পাঠাইতে দাখিল জমা রাখা রাখতে রাখিতে".split()}
_FUTURE_AFTER_PARTICIPLE = {_nfc(w) for w in "হবে হইবে হতে হওয়ার হইতে".split()}
_IS = {_nfc(w) for w in "হয় হয়েছে হয়েছিল".split()}
# Vague timings tied to an event are named with the words that say which event
# (`বর্ষা মৌসুম শুরুর আগেই`, `সভার অন্তত দুই দিন আগে`), but not with words that
# end a phrase (case endings of objects and places, conjunctions).
_PHRASE_STOP = {_nfc(w) for w in "ও এবং বা কাজ হবে করতে করে সকল".split()}
_PHRASE_END_SUFFIXES = tuple(_nfc(s) for s in ("কে", "তে", "য়", "ে", "।", ","))
_GENITIVE = _nfc("র")
_SEASON = _nfc("মৌসুম")
_LAST = _nfc("শেষ")
_UPCOMING = {_nfc(w) for w in "আসন্ন আগামী প্রতিটি প্রতি নির্ধারিত".split()}
_BANGLA_WORD = re.compile("[\u0980-\u09ff]+")
_PHRASE_STOP = {_nfc(w) for w in "ও এবং বা কাজ হবে করতে করে সকল".split()}
_PHRASE_END_SUFFIXES = tuple(_nfc(s) for s in ("কে", "তে", "য়", "ে", "।", ","))


@dataclass
class _Match:
    """A matched span of the doc with the token classes and values of the decision."""

    label: str
    start: int
    end: int
    classes: list[str | None]
    values: list[Any]
    doc: Doc

    def tokens(self) -> range:
        return range(self.start, self.end)

    def first(self, cls: str) -> Any:
        for i in self.tokens():
            if self.classes[i] == cls:
                return self.values[i]
        return None

    def all(self, cls: str) -> list[Any]:
        return [self.values[i] for i in self.tokens() if self.classes[i] == cls]

    def unit(self) -> str:
        """The unit of the match's time word (`DAILY`, `WORKDAY`, `WEEKLY`, `MONTHLY`, `YEARLY`)."""
        return next(self.values[i] for i in self.tokens() if (self.classes[i] or "").startswith("U_"))

    def has(self, *classes: str) -> bool:
        return any(self.classes[i] in classes for i in self.tokens())

    @property
    def text(self) -> str:
        return self.doc[self.start : self.end].text


class DeadlineExtractor:
    """Finds the deadlines of decision texts: `DeadlineExtractor()(text, meeting_date)`.

    Built once (the Matcher compiles its patterns) and reused for every decision.
    `cues` replaces the shipped word lists (`DeadlineCues.load(path)`).
    """

    def __init__(self, cues: DeadlineCues | None = None) -> None:
        self.cues = cues or DeadlineCues.load()
        nlp = get_nlp()
        self._tokenizer = nlp.tokenizer
        self._matcher = Matcher(nlp.vocab)
        for label, lines in PATTERNS.items():
            self._matcher.add(label, [compile_pattern(line) for line in lines])
        # The event words of the word lists get classes of their own, like the lexicon's words.
        self._cue_classes: dict[str, tuple[str, Any]] = {
            **{word: ("EVENT", None) for word in self.cues.event_nouns},
            **{word: ("EVENT_HEAD", None) for word in self.cues.event_heads},
        }
        self._matcher.add("before_event", [[{"NORM": "EVENT"}, {"NORM": "BEFORE"}]])
        self._matcher.add("before_event_head", [[{"NORM": "EVENT_HEAD"}, {"NORM": "BEFORE"}]])
        self._classes: dict[int, tuple[str, Any] | None] = {}
        self._trigger_words = {nlp.vocab.strings.add(word) for word in _TRIGGER_WORDS}
        self._phrases = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._phrases.add("vague_cue", [self._tokenizer(cue) for cue in self.cues.vague])
        self._rules: dict[str, Callable[[_Match, dt.date | None], Deadline | None]] = {
            "date": self._date,
            "month": self._month,
            "month_week": self._month_week,
            "fiscal_year": self._fiscal_year,
            "next_month_day": self._next_month_day,
            "next_month": self._next_month,
            "next_month_week": self._next_month_week,
            "current_month": self._current_month,
            "current_fiscal_year": self._current_fiscal_year,
            "count": self._count,
            "next_meeting": self._next_meeting,
            "every_unit": self._every_unit,
            "every_monthday": self._every_monthday,
            "every_month_weekday": self._every_month_weekday,
            "every_month_last_workday": self._every_month_last_workday,
            "every_week_last_workday": self._every_week_last_workday,
            "every_month_end": lambda m, md: self._recurring(m, "FREQ=MONTHLY;BYMONTHDAY=-1", md),
            "every_weekday": lambda m, md: self._recurring(m, f"FREQ=WEEKLY;BYDAY={m.first('WEEKDAY')}", md),
            "every_workday": lambda m, md: self._recurring(m, f"FREQ=DAILY;BYDAY={_WORKDAYS}", md),
            "every_year_weekday": self._every_year_weekday,
            "interval": self._interval,
            "frequency_basis": lambda m, md: self._recurring(m, m.first("FREQ_ADJ"), md),
            "frequency_deliverable": self._frequency_deliverable,
            "quarter_next_month_day": self._quarter_next_month_day,
            "on_event": self._vague,
            "short_count": self._vague,
            "before_event_count": self._vague,
            "prescribed_period": self._vague,
            "before_event": self._vague,
            "before_event_head": self._vague,
            "month_meeting": self._vague,
            "vague_cue": self._vague_cue,
        }

    # --- matching ---------------------------------------------------------------
    def __call__(self, text: str, meeting_date: dt.date | None = None) -> list[Deadline]:
        """The deadlines of one decision text, in text order, with offsets into `text`."""
        doc = self._tokenizer(text)
        classes: list[str | None] = [None] * len(doc)
        values: list[Any] = [None] * len(doc)
        # Classes are looked up by the token's ORTH id and written as NORM ids in
        # one array: no Token objects are made for the words of the text.
        table = doc.to_array([ORTH, NORM])
        strings = doc.vocab.strings
        triggers = []
        for i, orth in enumerate(table[:, 0].tolist()):
            if orth in self._classes:
                found = self._classes[orth]
            else:
                word = strings[orth]
                found = classify(word) or self._cue_classes.get(word)
                if len(self._classes) > _CLASS_CACHE_SIZE:
                    self._classes.clear()
                self._classes[orth] = found
            if found is not None:
                classes[i], values[i] = found
                table[i, 1] = strings.add(found[0])
                if found[0] not in _PASSIVE:
                    triggers.append(i)
            elif orth in self._trigger_words:
                triggers.append(i)
        doc.from_array([NORM], table[:, 1:])  # type: ignore[arg-type]  # a uint64 array, as to_array made it
        matches = []
        for first, last in _windows(triggers, len(doc)):
            matches += [(doc.vocab.strings[key], first + start, first + end) for key, start, end in self._matcher(doc[first:last])]
        matches += [("vague_cue", start, end) for _, start, end in self._phrases(doc)]
        # Every match is read first and overlaps are settled among the accepted
        # ones, so a longer match its rule refuses does not hide a shorter one.
        accepted: dict[tuple[int, int], tuple[Deadline, _Match]] = {}
        spans = []
        for label, start, end in matches:
            span = self._grow(Span(doc, start, end, label=label), classes)
            match = _Match(label, span.start, span.end, classes, values, doc)
            try:
                deadline = self._rules[label](match, meeting_date)
            except (OverflowError, ValueError):
                # The arithmetic left the calendar (years 1-9999): `৩১/১২/৯৯৯৯` as the
                # meeting date and `৭ দিনের মধ্যে`, `৯৯৯৯-০০ অর্থবছর`. No such date, so no deadline.
                deadline = None
            if deadline is not None and (span.start, span.end) not in accepted:
                accepted[(span.start, span.end)] = (deadline, match)
                spans.append(span)
        found_deadlines = [accepted[(span.start, span.end)] for span in sorted(filter_spans(spans), key=lambda s: s.start)]
        return _merge_until(_drop_implied(found_deadlines))

    @staticmethod
    def _grow(span: Span, classes: list[str | None]) -> Span:
        if span.label_ in ("before_event_head", "before_event_count"):
            return Span(span.doc, DeadlineExtractor._event_phrase_start(span, classes), span.end, label=span.label_)
        if span.label_ not in _GROWING_LABELS:
            return span
        start, end = span.start, span.end
        while start > 0 and classes[start - 1] in _GROW_LEFT:
            start -= 1
        # `শেষ তারিখ: ১০/১২/২০২৩` (the last date)
        label = _before_colon(span.doc, start)
        if label >= 2 and classes[label - 1] == "DATEWORD" and span.doc[label - 2].text == _LAST:
            start = label - 2
        while end < len(classes) and classes[end] in _GROW_RIGHT and classes[end - 1] not in _BY_MARKERS:
            end += 1
        return Span(span.doc, start, end, label=span.label_)

    @staticmethod
    def _event_phrase_start(span: Span, classes: list[str | None]) -> int:
        """Where the words naming the event begin: the head's own noun (`বর্ষা মৌসুম শুরুর`), or the genitive before a count."""
        doc, start = span.doc, span.start

        def word_at(i: int) -> str:
            return doc[i].text if i >= 0 else ""

        def usable(word: str) -> bool:
            return bool(_BANGLA_WORD.fullmatch(word)) and word not in _PHRASE_STOP and not word.endswith(_PHRASE_END_SUFFIXES)

        if span.label_ == "before_event_count":
            # `সভার অন্তত দুই দিন আগে`, `প্রতিটি সভার …`, `নির্ধারিত সময়ের ১৫ মিনিট পূর্বে`, `সভা শুরুর ১৫ মিনিট আগে`
            if word_at(start - 1).endswith(_GENITIVE) and usable(word_at(start - 1)):
                start -= 1
                if word_at(start - 1) in _UPCOMING or (usable(word_at(start - 1)) and not word_at(start - 1).endswith(_GENITIVE)
                                                      and doc[start].text == _nfc("শুরুর")):
                    start -= 1
            return start
        # a head (`শুরুর`, `মৌসুমের`, `ছুটির`) takes the noun before it, and `মৌসুম` its own noun
        if usable(word_at(start - 1)) or (word_at(start - 1).endswith(_GENITIVE) and _BANGLA_WORD.fullmatch(word_at(start - 1))):
            start -= 1
            if (doc[start].text == _SEASON or doc[start + 1].text.startswith(_SEASON)) and (
                usable(word_at(start - 1)) or word_at(start - 1).endswith(_GENITIVE)
            ) and _BANGLA_WORD.fullmatch(word_at(start - 1)):
                start -= 1
            if word_at(start - 1) in _UPCOMING:
                start -= 1
        return start

    # --- building results --------------------------------------------------------
    @staticmethod
    def _deadline(match: _Match, kind: str, value: str, due: dt.date | None) -> Deadline:
        span = match.doc[match.start : match.end]
        return Deadline(kind, value, due.isoformat() if due else None, span.text, span.start_char, span.end_char)  # type: ignore[arg-type]

    def _dated(self, match: _Match, kind: str, date: dt.date | None, meeting_date: dt.date | None) -> Deadline | None:
        """An absolute or relative deadline on `date`, or None when it is not one."""
        if date is None:
            return None
        if meeting_date is not None and date < meeting_date:
            return None  # a date before the meeting is a past event, not a due date
        return self._deadline(match, kind, date.isoformat(), date)

    def _relative_cue(self, match: _Match) -> Deadline:
        # Relative to the meeting, but the meeting date is unknown: the cue is kept.
        return self._deadline(match, "relative", match.text, None)

    def _recurring(self, match: _Match, rule: str | None, meeting_date: dt.date | None) -> Deadline | None:
        if not rule or self._after_past_marker(match):
            return None
        due = dates.first_occurrence(rule, meeting_date) if meeting_date else None
        return self._deadline(match, "recurring", rule, due)

    # --- refusals ----------------------------------------------------------------
    def _clause_after(self, match: _Match) -> list[str]:
        """The words after a match up to the end of its clause (at most 15: a clause's verb is near)."""
        words = []
        start = self._context_end(match)
        for token in match.doc[start : start + 15]:
            if token.text in _CLAUSE_END:
                break
            words.append(token.text)
        return words

    @staticmethod
    def _context_end(match: _Match) -> int:
        """Where the words after a date begin, past its year, era and `তারিখের` (also when a shorter match left them out)."""
        end = match.end
        while end < len(match.doc) and (match.classes[end] in _DATE_TAIL or match.doc[end].text == ","):
            end += 1
        return end

    @staticmethod
    def _after_past_marker(match: _Match) -> bool:
        return any(match.classes[i] == "PAST" for i in range(max(0, match.start - 2), match.start))

    def _not_a_due_date(self, match: _Match) -> bool:
        """A date that names a letter or a past event rather than a time something is due."""
        if self._after_past_marker(match):
            return True
        marked = match.has("NEXT", *_BY_MARKERS) or match.doc[match.start].text == _LAST
        if marked:
            return False
        doc = match.doc
        after = self._clause_after(match)
        if any(word in self.cues.memo_words for word in after[:6]):
            return True
        label_before = _before_colon(doc, match.start)
        if label_before > 0 and match.classes[label_before - 1] == "DATEWORD":
            return True  # `তারিখ: ১০/১২/২০২৩`: the date field of a letter
        before = [doc[i].text for i in range(max(0, match.start - 4), match.start)]
        if any(word in self.cues.memo_words for word in before):
            return True
        if any(word in self.cues.past_verbs for word in after):
            return True
        for i, word in enumerate(after):
            if word in self.cues.past_event_nouns and any(w in _IS for w in after[i + 1 : i + 3]):
                return True
        if after and after[0] in self.cues.past_participles and (len(after) < 2 or after[1] not in _FUTURE_AFTER_PARTICIPLE):
            return True
        end = self._context_end(match)
        if end < len(doc) and match.classes[end] == "FROM":
            return True  # `২ এপ্রিল থেকে শুরু হবে`: a start, not a due date
        return False

    def _nearest_is_past(self, match: _Match, future: dt.date, past: dt.date, meeting_date: dt.date) -> bool:
        """A date written without its year, and without `আগামী`, is the nearer of its two candidates; a past one is an event."""
        return not match.has("NEXT") and (meeting_date - past) < (future - meeting_date)

    def _anchored_elsewhere(self, match: _Match) -> bool:
        """A count tied to another event of the clause (`বদলি হলে ৩ কর্মদিবসের মধ্যে`)."""
        if match.classes[match.start] == "NEXT":
            return False
        for i in range(match.start - 1, max(-1, match.start - 5), -1):
            word = match.doc[i].text
            if word in _CLAUSE_END or word == ",":
                break
            if word in self.cues.anchor_words:
                return True
        return False

    # --- absolute ----------------------------------------------------------------
    def _date(self, match: _Match, meeting_date: dt.date | None) -> Deadline | None:
        if self._not_a_due_date(match):
            return None
        numeric = match.first("NUMDATE")
        try:
            if numeric is not None:
                day, month, year = numeric
                return self._dated(match, "absolute", dt.date(year, month, day), meeting_date)
            day = match.first("NUM")
            year = match.first("YEAR")
            if match.has("BMONTH"):
                month = match.first("BMONTH")
                if year is not None:
                    return self._dated(match, "absolute", dates.bangla_to_gregorian(day, month, year), meeting_date)
                if meeting_date is None:
                    return None  # a Bangla day and month without year or meeting cannot be placed
                _, _, bangla_year = dates.gregorian_to_bangla(meeting_date)
                date = dates.bangla_to_gregorian(day, month, bangla_year)
                if date < meeting_date:
                    date = dates.bangla_to_gregorian(day, month, bangla_year + 1)
                return self._dated(match, "absolute", date, meeting_date)
            month = match.first("GMONTH")
            if year is not None:
                return self._dated(match, "absolute", dt.date(year, month, day), meeting_date)
            if meeting_date is None:
                dt.date(2000, month, day)  # validates day and month (2000 is a leap year)
                return self._deadline(match, "absolute", f"--{month:02d}-{day:02d}", None)
            future = dates.next_month_day(month, day, meeting_date)
            if future > meeting_date:
                past = dates.next_month_day(month, day, meeting_date.replace(year=meeting_date.year - 1, day=min(meeting_date.day, 28)))
                if past < meeting_date and self._nearest_is_past(match, future, past, meeting_date):
                    return None
            return self._dated(match, "absolute", future, meeting_date)
        except (ValueError, TypeError):
            return None  # impossible dates (৩১/০২/২০২৪) are not deadlines

    def _month_year(self, match: _Match, month: int, meeting_date: dt.date | None) -> int | None:
        """The year of a month deadline: written, or the nearer of this and the next occurrence (0 for a past month)."""
        year = match.first("YEAR")
        if year is None and match.has("MONTH_YEAR"):
            year = match.first("MONTH_YEAR")[1]
        if year is None and meeting_date is not None:
            ahead = (month - meeting_date.month) % 12
            if ahead > 6 and not match.has("NEXT", "WITHIN", "BEFORE", "UNTIL"):
                return 0  # `জানুয়ারি মাসে … আসা ডাক` at a February meeting: the month just past
            year = meeting_date.year + (1 if month < meeting_date.month else 0)
        return year

    def _month(self, match: _Match, meeting_date: dt.date | None) -> Deadline | None:
        if self._not_a_due_date(match):
            return None
        months = match.all("GMONTH")
        if match.has("MONTH_RANGE"):
            months.append(match.first("MONTH_RANGE")[1])
        if match.has("MONTH_YEAR"):
            months.append(match.first("MONTH_YEAR")[0])
        month = months[-1]
        year = self._month_year(match, month, meeting_date)
        if year == 0:
            return None
        if year is None:
            return self._deadline(match, "absolute", f"--{month:02d}-{dates.end_of_month(2001, month).day:02d}", None)
        return self._dated(match, "absolute", dates.end_of_month(year, month), meeting_date)

    def _month_week(self, match: _Match, meeting_date: dt.date | None) -> Deadline | None:
        if self._not_a_due_date(match):
            return None
        month, week = match.first("GMONTH"), match.first("ORD")
        year = self._month_year(match, month, meeting_date)
        if year == 0:
            return None
        if year is None:
            return self._deadline(match, "absolute", f"--{month:02d}-{dates.week_of_month_end(2001, month, week).day:02d}", None)
        return self._dated(match, "absolute", dates.week_of_month_end(year, month, week), meeting_date)

    def _fiscal_year(self, match: _Match, meeting_date: dt.date | None) -> Deadline | None:
        first_year = match.first("YEAR")
        return self._dated(match, "absolute", dt.date(first_year + 1, 6, 30), meeting_date)

    # --- relative ----------------------------------------------------------------
    def _next_month_day(self, match: _Match, meeting_date: dt.date | None) -> Deadline | None:
        if meeting_date is None:
            return self._relative_cue(match)
        first = _next_month_start(meeting_date)
        try:
            return self._dated(match, "relative", first.replace(day=match.first("NUM")), meeting_date)
        except ValueError:
            return None

    def _next_month(self, match: _Match, meeting_date: dt.date | None) -> Deadline | None:
        if meeting_date is None:
            return self._relative_cue(match)
        first = _next_month_start(meeting_date)
        return self._dated(match, "relative", dates.end_of_month(first.year, first.month), meeting_date)

    def _next_month_week(self, match: _Match, meeting_date: dt.date | None) -> Deadline | None:
        if meeting_date is None:
            return self._relative_cue(match)
        first = _next_month_start(meeting_date)
        return self._dated(match, "relative", dates.week_of_month_end(first.year, first.month, match.first("ORD")), meeting_date)

    def _current_month(self, match: _Match, meeting_date: dt.date | None) -> Deadline | None:
        if meeting_date is None:
            return self._relative_cue(match)
        month = match.first("GMONTH") or meeting_date.month
        year = meeting_date.year if month >= meeting_date.month else meeting_date.year + 1
        return self._dated(match, "relative", dates.end_of_month(year, month), meeting_date)

    def _current_fiscal_year(self, match: _Match, meeting_date: dt.date | None) -> Deadline | None:
        if meeting_date is None:
            return self._relative_cue(match)
        return self._dated(match, "relative", dates.fiscal_year_end(meeting_date), meeting_date)

    def _count(self, match: _Match, meeting_date: dt.date | None) -> Deadline | None:
        if self._after_past_marker(match):
            return None  # গত ৭ দিনের মধ্যে: a period in the past
        if self._anchored_elsewhere(match):
            return self._deadline(match, "vague", match.text, None)
        if meeting_date is None:
            return self._relative_cue(match)
        count = match.first("NUM")
        unit = match.unit()
        if unit == "DAILY":
            date = meeting_date + dt.timedelta(days=count)
        elif unit == "WORKDAY":
            date = dates.add_working_days(meeting_date, count)
        elif unit == "WEEKLY":
            date = meeting_date + dt.timedelta(weeks=count)
        elif unit == "MONTHLY":
            date = dates.add_months(meeting_date, count)
        else:
            date = dates.add_months(meeting_date, 12 * count)
        return self._dated(match, "relative", date, meeting_date)

    def _next_meeting(self, match: _Match, meeting_date: dt.date | None) -> Deadline:
        # Due by the committee's next meeting: relative to this one, but its date is not written.
        return self._deadline(match, "relative", match.text, None)

    # --- recurring ---------------------------------------------------------------
    def _every_unit(self, match: _Match, meeting_date: dt.date | None) -> Deadline | None:
        if match.end < len(match.doc) and match.doc[match.end].text in self.cues.past_participles:
            return None  # `প্রতি মাসে অনুষ্ঠিত সভার সংখ্যা`: describes what happens, asks for nothing
        unit = next(match.values[i] for i in match.tokens() if match.values[i] in _UNIT_FREQ)  # a unit or `প্রতিদিন` …
        return self._recurring(match, _UNIT_FREQ[unit], meeting_date)

    def _every_monthday(self, match: _Match, meeting_date: dt.date | None) -> Deadline | None:
        day = match.first("NUM")
        if not 1 <= day <= 31:
            return None
        return self._recurring(match, f"FREQ=MONTHLY;BYMONTHDAY={day}", meeting_date)

    def _every_month_weekday(self, match: _Match, meeting_date: dt.date | None) -> Deadline | None:
        return self._recurring(match, f"FREQ=MONTHLY;BYDAY={match.first('ORD')}{match.first('WEEKDAY')}", meeting_date)

    def _every_month_last_workday(self, match: _Match, meeting_date: dt.date | None) -> Deadline | None:
        return self._recurring(match, f"FREQ=MONTHLY;BYDAY={_WORKDAYS};BYSETPOS={match.first('ORD')}", meeting_date)

    def _every_week_last_workday(self, match: _Match, meeting_date: dt.date | None) -> Deadline | None:
        return self._recurring(match, "FREQ=WEEKLY;BYDAY=" + ("TH" if match.first("ORD") == -1 else "SU"), meeting_date)

    def _every_year_weekday(self, match: _Match, meeting_date: dt.date | None) -> Deadline | None:
        rule = f"FREQ=YEARLY;BYMONTH={match.first('GMONTH')};BYDAY={match.first('ORD')}{match.first('WEEKDAY')}"
        return self._recurring(match, rule, meeting_date)

    def _interval(self, match: _Match, meeting_date: dt.date | None) -> Deadline | None:
        count = match.first("NUM")
        unit = match.unit()
        rule = _UNIT_FREQ[unit] + (f";INTERVAL={count}" if count and count > 1 else "")
        return self._recurring(match, rule, meeting_date)

    def _frequency_deliverable(self, match: _Match, meeting_date: dt.date | None) -> Deadline | None:
        adjective = next(i for i in match.tokens() if match.classes[i] == "FREQ_ADJ")
        if adjective > 0 and match.classes[adjective - 1] in ("ORD", "NUM"):
            return None  # `১ম ত্রৈমাসিক অগ্রগতি`: one quarter, not a rhythm
        if match.doc[adjective].text.endswith(_nfc("ের")):
            return None  # `জুলাই-সেপ্টেম্বর ত্রৈমাসিকের প্রতিবেদন`: of a quarter
        if not any(word in _HOLD_OR_SEND for word in self._clause_after(match)):
            return None  # `মাসিক সভায় উপস্থাপন`, `মাসিক প্রতিবেদন … অসম্পূর্ণ`: named, not asked for
        return self._recurring(_Match(match.label, adjective, adjective + 1, match.classes, match.values, match.doc),
                               match.values[adjective], meeting_date)

    def _quarter_next_month_day(self, match: _Match, meeting_date: dt.date | None) -> Deadline | None:
        if match.first("FREQ_ADJ") != "FREQ=MONTHLY;INTERVAL=3" or match.first("ORD") != -1:
            return None
        return self._recurring(match, f"FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY={match.first('NUM')}", meeting_date)

    # --- vague -------------------------------------------------------------------
    def _vague(self, match: _Match, meeting_date: dt.date | None) -> Deadline | None:
        if self._after_past_marker(match):
            return None
        return self._deadline(match, "vague", match.text, None)

    def _vague_cue(self, match: _Match, meeting_date: dt.date | None) -> Deadline | None:
        doc = match.doc
        after = [t.text for t in doc[match.end : match.end + 3]]
        if any(word in self.cues.conduct_words for word in after):
            return None  # prompt service, punctual attendance: conduct, not a due time
        if match.start >= 2 and doc[match.start - 1].text in ("ও", "এবং") and doc[match.start - 2].text in self.cues.manner_words:
            return None  # সহজে ও দ্রুত: a manner
        return self._deadline(match, "vague", match.text, None)


def _next_month_start(date: dt.date) -> dt.date:
    return dates.add_months(date.replace(day=1), 1)


def _before_colon(doc: Doc, i: int) -> int:
    """Index `i`, or `i - 1` when a `:`/`ঃ` stands before it (`তারিখ: ১০/১২/২০২৩`)."""
    return i - 1 if i > 0 and doc[i - 1].text in (":", "ঃ") else i


# Classes that never start a time expression on their own: a window is opened
# only around the other classes (numbers, months, প্রতি, আগামী, units, …) and
# the literal words of the patterns, so the Matcher skips the rest of the text.
_PASSIVE = {
    "OF", "DATEWORD", "FROM", "DASH", "ERA_G", "ERA_B", "MEETING", "MEETING_OF", "MEETING_IN", "LEAST", "END", "INTERVAL", "BASIS",
    "WITHIN", "BEFORE", "UNTIL", "TIMES", "ORD", "U_HOUR", "U_MINUTE",
}
_TRIGGER_WORDS = {_nfc(w) for w in "মাত্র মাত্রই দিনই নির্ধারিত".split()}
_WINDOW_BEFORE, _WINDOW_AFTER = 3, 10  # longer than any pattern reaches from its trigger
_CLASS_CACHE_SIZE = 50_000


def _windows(triggers: list[int], length: int) -> list[tuple[int, int]]:
    """Merged token ranges around the words that can start or carry a time expression."""
    windows: list[tuple[int, int]] = []
    for i in triggers:
        first, last = max(0, i - _WINDOW_BEFORE), min(length, i + _WINDOW_AFTER)
        if windows and first <= windows[-1][1]:
            windows[-1] = (windows[-1][0], last)
        else:
            windows.append((first, last))
    return windows


def _drop_implied(found: list[tuple[Deadline, _Match]]) -> list[tuple[Deadline, _Match]]:
    """Drop deadlines another one of the decision already says.

    `মাসিক … সভা` next to `প্রতি মাসের ১০ তারিখের মধ্যে` is the same rhythm,
    stated explicitly; `অফিস ছুটির আগে` right after `প্রতি বৃহস্পতিবার` is the
    time of day of that rhythm.
    """
    explicit = [m for d, m in found if d.kind == "recurring" and m.label != "frequency_deliverable"]
    kept = []
    for deadline, match in found:
        if match.label == "frequency_deliverable" and explicit:
            continue
        if deadline.kind == "vague" and any(0 <= match.start - other.end <= 2 for other in explicit):
            continue
        kept.append((deadline, match))
    return kept


def _merge_until(found: list[tuple[Deadline, _Match]]) -> list[Deadline]:
    """`আগামী ৩০ জুন ২০২৩ পর্যন্ত প্রতি রবিবার`: the date ends the rule (RRULE UNTIL) instead of being its own deadline."""
    merged: list[Deadline] = []
    skip: set[int] = set()
    for i, (deadline, match) in enumerate(found):
        if i in skip:
            continue
        if deadline.kind == "absolute" and match.classes[match.end - 1] == "UNTIL" and deadline.due and i + 1 < len(found):
            following, following_match = found[i + 1]
            if following.kind == "recurring" and following_match.start == match.end:
                until = deadline.due.replace("-", "")
                merged.append(Deadline("recurring", f"{following.value};UNTIL={until}", following.due, match.doc.text[deadline.start : following.end],
                                       deadline.start, following.end))
                skip.add(i + 1)
                continue
        merged.append(deadline)
    return merged
