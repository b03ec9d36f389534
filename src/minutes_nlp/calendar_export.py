"""Deadlines as an iCalendar file (RFC 5545): one VTODO per deadline.

A deadline is something to get done by a date, which is what a VTODO (a task
with a due date) is; calendar and task apps import it as such. Every deadline of
every decision becomes one VTODO, vague ones included (without DUE), so that
nothing the tagger found is dropped on the way to the calendar.

This module imports `icalendar`, so it is imported only when ics output is
asked for (`minutes-nlp tag --format ics`); `import minutes_nlp` and the other
formats stay free of it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from minutes_nlp.model import Deadline, Decision, Implementer, Minutes

if TYPE_CHECKING:
    from icalendar import Todo, vRecur

PRODID = "-//minutes-nlp//minutes-nlp//EN"
#: Right-hand side of every UID, so that UIDs cannot clash with other producers'.
UID_DOMAIN = "minutes-nlp"


def to_ics(documents: list[Minutes], *, stamp: dt.datetime | None = None) -> bytes:
    """One VCALENDAR with a VTODO for each deadline of each decision of `documents`.

    `stamp` is the DTSTAMP of every VTODO (default: now); a naive datetime is
    taken as UTC. Giving it makes the output byte-for-byte reproducible. The
    result is UTF-8 with CRLF line ends, as RFC 5545 requires: write it as
    bytes, not through a text stream that translates line ends.
    """
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _calendar_name(documents))
    stamp_utc = _as_utc(stamp or dt.datetime.now(dt.UTC))
    used_uids: set[str] = set()
    for minutes in documents:
        for decision in minutes.decisions:
            for number, deadline in enumerate(decision.deadlines, start=1):
                uid = _unique_uid(deadline_uid(decision, number), used_uids)
                calendar.add_component(_todo(minutes, decision, deadline, uid, stamp_utc))
    # A calendar without any VTODO is still written: an empty but well-formed
    # VCALENDAR tells the user "no deadlines" where an empty file would look broken.
    return calendar.to_ical()


def deadline_uid(decision: Decision, number: int) -> str:
    """`<decision id>/deadline-<n>@minutes-nlp` (n from 1).

    Deterministic, so that importing a regenerated file updates the tasks
    already imported instead of adding copies.
    """
    return f"{decision.id}/deadline-{number}@{UID_DOMAIN}"


def _unique_uid(uid: str, used: set[str]) -> str:
    """The UID, with `-2`, `-3`, … added before `@` if it was already used in this calendar.

    Two inputs with the same file name in different directories get the same
    document id, hence the same decision ids; without this their tasks would
    share a UID and a calendar app would keep only one of them.
    """
    candidate, copy = uid, 1
    while candidate in used:
        copy += 1
        local, _, domain = uid.rpartition("@")
        candidate = f"{local}-{copy}@{domain}"
    used.add(candidate)
    return candidate


def _todo(minutes: Minutes, decision: Decision, deadline: Deadline, uid: str, stamp: dt.datetime) -> Todo:
    from icalendar import Todo

    todo = Todo()
    todo.add("uid", uid)
    todo.add("dtstamp", stamp)
    todo.add("summary", decision.text)  # the whole text: icalendar folds long lines itself
    due = _iso_date(deadline.due)
    if due is not None:
        todo.add("due", due)
    rule = _recurrence_rule(deadline.value) if deadline.kind == "recurring" else None
    # RFC 5545 needs DTSTART with RRULE, and the recurrence set is defined only
    # when DTSTART is itself an occurrence of the rule. The first due date is one;
    # the meeting date in general is not (28 November for "the 5th of every
    # month"). It also keeps DUE − DTSTART at zero, and that difference is applied
    # to every occurrence: DTSTART on the meeting date would move every later
    # due date a week late. The meeting date is used only when there is no due date.
    first_occurrence = due or minutes.meeting.date
    if rule is not None and first_occurrence is not None:
        todo.add("dtstart", first_occurrence)
        todo.add("rrule", rule)
    todo.add("description", _description(minutes, decision, deadline, rule_understood=deadline.kind != "recurring" or rule is not None))
    labels = [theme.label for theme in decision.themes]
    if labels:
        todo.add("categories", labels)
    todo.add("status", "NEEDS-ACTION")
    # The deadline as the tagger gave it, for tools that read the file back.
    todo.add("x-minutes-nlp-kind", deadline.kind)
    todo.add("x-minutes-nlp-value", deadline.value)
    return todo


def _recurrence_rule(value: str) -> vRecur | None:
    """The RRULE of a recurring deadline (`FREQ=…` without `RRULE:`), or None if it is not one.

    icalendar accepts some nonsense (any text without `=` gives an empty rule),
    so a rule without FREQ is refused here too. A rule that cannot be read leaves
    the VTODO without RRULE rather than failing the whole export; the rule stays
    in X-MINUTES-NLP-VALUE and the description says it was not understood.
    """
    from icalendar import vRecur

    text = value.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:"):]
    try:
        rule = vRecur.from_ical(text)
    except ValueError:
        return None
    return rule if "FREQ" in rule else None


def _iso_date(value: str | None) -> dt.date | None:
    """An ISO date, or None for no date or a text that is not one (kept in X-MINUTES-NLP-VALUE)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _description(minutes: Minutes, decision: Decision, deadline: Deadline, *, rule_understood: bool) -> str:
    """Readable lines: what the deadline says, who acts, and where the decision comes from."""
    meeting = minutes.meeting
    kind = f"{deadline.kind} ({deadline.value})" if deadline.value else deadline.kind
    lines = [f"Deadline: {deadline.text}", f"Kind: {kind}"]
    if deadline.due is not None and _iso_date(deadline.due) is None:
        lines.append(f"Due date not understood: {deadline.due}")
    if not rule_understood:
        lines.append("Recurrence rule not understood: no RRULE in this task")
    if decision.implementers:
        lines.append("Implementers:")
        lines.extend(f"- {_implementer_line(implementer)}" for implementer in decision.implementers)
    elif decision.implementer_text:
        lines.append(f"Implementers: {decision.implementer_text}")
    lines.append(f"Decision: {decision.id}")
    if meeting.office:
        lines.append(f"Office: {meeting.office}")
    if meeting.district:
        lines.append(f"District: {meeting.district}")
    if meeting.upazila:
        lines.append(f"Upazila: {meeting.upazila}")
    if meeting.date is not None:
        lines.append(f"Meeting: {meeting.date.isoformat()}{' ' + meeting.time if meeting.time else ''}")
    lines.append(f"Source: {minutes.source or minutes.doc_id}")
    return "\n".join(lines)


def _implementer_line(implementer: Implementer) -> str:
    """`role_bn (role_en), scope, places`: the Bangla name first, as in the minutes."""
    english = f" ({implementer.role_en})" if implementer.role_en and implementer.role_en != implementer.role_bn else ""
    places = f", {', '.join(implementer.places)}" if implementer.places else ""
    return f"{implementer.role_bn}{english}, {implementer.scope}{places}"


def _calendar_name(documents: list[Minutes]) -> str:
    """X-WR-CALNAME: the name a calendar app shows for the imported calendar."""
    if len(documents) == 1:
        return f"minutes-nlp deadlines: {documents[0].doc_id}"
    if documents:
        return f"minutes-nlp deadlines: {len(documents)} documents"
    return "minutes-nlp deadlines"


def _as_utc(moment: dt.datetime) -> dt.datetime:
    """DTSTAMP must be in UTC; a naive datetime is taken to be UTC already."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
