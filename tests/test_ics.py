"""Calendar export (`minutes-nlp tag --format ics`): one VTODO per deadline.

The documents are built by hand from seed decisions (corpus/real), so these
tests do not depend on the deadline extractor; the last test runs it for real
once it is part of the package.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar, vRecur
from typer.testing import CliRunner

from conftest import SEEDS
from minutes_nlp.calendar_export import PRODID, to_ics
from minutes_nlp.cli import app
from minutes_nlp.formats import StreamWriter
from minutes_nlp.model import Deadline, Decision, Implementer, Meeting, Minutes, Theme

STAMP = dt.datetime(2024, 12, 10, 9, 30, tzinfo=dt.UTC)

MONTHLY_TEXT = (
    "প্রতি মাসের ৫ (পাঁচ) তারিখের মধ্যে স্ব স্ব উপজেলা কার্যালয়ের জাতীয় তথ্য বাতায়ন হালনাগাদ করে "
    "প্রতিবেদন অত্র কার্যালয়ে প্রেরণের সিদ্ধান্ত গৃহীত হয়।"
)
VAGUE_TEXT = "বার্ষিক কর্মসম্পাদন চুক্তিতে লক্ষ্যমাত্রা অর্জনের জন্য প্রমাণক সমূহ জেলা কার্যালয়ে যথাসময়ে প্রেরণের সিদ্ধান্ত গৃহীত হয়।"
NO_DEADLINE_TEXT = "নতুন নতুন ইনোভেশন এর উদ্যোগ গ্রহণ করার জন্য সিদ্ধান্ত গৃহীত হয়।"
ABSOLUTE_TEXT = "জেলার অন্তর্ভুক্ত সকল ওয়েব পোর্টাল আগামী ৩০/০১/২০২৪ খ্রি. তারিখের মধ্যে হালনাগাদের কার্যক্রম সম্পন্ন করতে হবে।"
WEEKLY_TEXT = "প্রতি রবিবার ৩০ জুন ২০২৩ পর্যন্ত ইনোভেশন টিমের সভা আয়োজন করতে হবে।"


def deadline(kind: str, value: str, due: str | None, text: str, decision_text: str) -> Deadline:
    start = decision_text.index(text)  # offsets as the extractor gives them
    return Deadline(kind=kind, value=value, due=due, text=text, start=start, end=start + len(text))  # type: ignore[arg-type]


def bandarban() -> Minutes:
    """bandarban-2024-11 (meeting 28 Nov 2024): a monthly, a vague and a deadline-free decision."""
    upazila_ict_officer = Implementer(
        role="upazila_ict_officer", role_bn="উপজেলা আইসিটি অফিসার", role_en="Upazila ICT Officer", scope="all",
        places=["বান্দরবান"], text="উপজেলা আইসিটি অফিসার (সকল), বান্দরবান পার্বত্য জেলা",
    )
    monthly = Decision(
        id="bandarban-2024-11/03.2", text=MONTHLY_TEXT, item="০৩", item_no=3, sub="খ",
        implementer_text="(২) উপজেলা আইসিটি অফিসার (সকল), বান্দরবান পার্বত্য জেলা।",
        themes=[Theme("portal_update", 0.91), Theme("reporting", 0.74)],
        deadlines=[deadline("recurring", "FREQ=MONTHLY;BYMONTHDAY=5", "2024-12-05", "প্রতি মাসের ৫ (পাঁচ) তারিখের মধ্যে", MONTHLY_TEXT)],
        implementers=[upazila_ict_officer],
    )
    vague = Decision(
        id="bandarban-2024-11/06.1", text=VAGUE_TEXT, item="০৬", item_no=6, sub="ক",
        # No implementers extracted: the description falls back to the cell as written.
        implementer_text="(১) জেলা আইসিটি অফিসার, বান্দরবান পার্বত্য জেলা।",
        deadlines=[deadline("vague", "যথাসময়ে", None, "যথাসময়ে", VAGUE_TEXT)],
    )
    without_deadline = Decision(id="bandarban-2024-11/07.1", text=NO_DEADLINE_TEXT, item="০৭", item_no=7, sub="ক", themes=[Theme("innovation", 0.8)])
    meeting = Meeting(
        office="তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর, জেলা কার্যালয়, বান্দরবান পার্বত্য জেলা", district="বান্দরবান",
        date=dt.date(2024, 11, 28), time="11:00",
    )
    return Minutes(doc_id="bandarban-2024-11", meeting=meeting, decisions=[monthly, vague, without_deadline], source="corpus/raw/bandarban-2024-11.txt")


def jhenaidah() -> Minutes:
    """jhenaidah-2023-11 (meeting 19 Nov 2023): an absolute date, and a weekly rule with UNTIL."""
    programmer = Implementer(
        role="programmer", role_bn="প্রোগ্রামার", role_en="Programmer (DoICT)", scope="one", places=["ঝিনাইদহ"],
        text="প্রোগ্রামার, তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর, ঝিনাইদহ",
    )
    absolute = Decision(
        id="jhenaidah-2023-11/05", text=ABSOLUTE_TEXT, item="০৫", item_no=5,
        implementer_text="প্রোগ্রামার, তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর, ঝিনাইদহ",
        themes=[Theme("portal_update", 0.95)],
        deadlines=[deadline("absolute", "2024-01-30", "2024-01-30", "আগামী ৩০/০১/২০২৪ খ্রি. তারিখের মধ্যে", ABSOLUTE_TEXT)],
        implementers=[programmer],
    )
    weekly = Decision(
        id="jhenaidah-2023-11/06", text=WEEKLY_TEXT, item="০৬", item_no=6,
        deadlines=[deadline("recurring", "FREQ=WEEKLY;BYDAY=SU;UNTIL=20230630", "2023-11-19", "প্রতি রবিবার", WEEKLY_TEXT)],
    )
    meeting = Meeting(district="ঝিনাইদহ", date=dt.date(2023, 11, 19))
    return Minutes(doc_id="jhenaidah-2023-11", meeting=meeting, decisions=[absolute, weekly], source="corpus/raw/jhenaidah-2023-11.txt")


@pytest.fixture
def documents() -> list[Minutes]:
    return [bandarban(), jhenaidah()]


def todos_by_uid(data: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(data)
    assert calendar.name == "VCALENDAR"
    todos = calendar.walk("VTODO")
    by_uid = {str(todo["UID"]): todo for todo in todos}
    assert len(by_uid) == len(todos), "UIDs must be unique"
    return by_uid


def test_one_vtodo_per_deadline_with_its_due_date(documents):
    todos = todos_by_uid(to_ics(documents, stamp=STAMP))
    assert len(todos) == sum(len(d.deadlines) for m in documents for d in m.decisions) == 4
    due = {uid: todo.get("DUE").dt if "DUE" in todo else None for uid, todo in todos.items()}
    assert due == {
        "bandarban-2024-11/03.2/deadline-1@minutes-nlp": dt.date(2024, 12, 5),
        "bandarban-2024-11/06.1/deadline-1@minutes-nlp": None,  # vague: kept, without DUE
        "jhenaidah-2023-11/05/deadline-1@minutes-nlp": dt.date(2024, 1, 30),
        "jhenaidah-2023-11/06/deadline-1@minutes-nlp": dt.date(2023, 11, 19),
    }
    # DATE values, not midnight datetimes: a deadline is a day.
    assert all(type(d) is dt.date for d in due.values() if d is not None)
    assert not any(uid.startswith("bandarban-2024-11/07.1") for uid in todos)  # no deadline, no task


def test_calendar_header():
    calendar = Calendar.from_ical(to_ics([bandarban()], stamp=STAMP))
    assert str(calendar["PRODID"]) == PRODID == "-//minutes-nlp//minutes-nlp//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert "bandarban-2024-11" in str(calendar["X-WR-CALNAME"])


@pytest.mark.parametrize(
    "uid, rule",
    [
        ("bandarban-2024-11/03.2/deadline-1@minutes-nlp", "FREQ=MONTHLY;BYMONTHDAY=5"),
        ("jhenaidah-2023-11/06/deadline-1@minutes-nlp", "FREQ=WEEKLY;BYDAY=SU;UNTIL=20230630"),
    ],
)
def test_recurring_rule_round_trips(documents, uid, rule):
    todo = todos_by_uid(to_ics(documents, stamp=STAMP))[uid]
    parsed = todo["RRULE"]
    assert dict(parsed) == dict(vRecur.from_ical(rule))
    assert parsed.to_ical() == vRecur.from_ical(rule).to_ical()
    assert str(todo["X-MINUTES-NLP-KIND"]) == "recurring"
    assert str(todo["X-MINUTES-NLP-VALUE"]) == rule


def test_recurring_dtstart_is_the_first_occurrence(documents):
    """DTSTART must be an occurrence of the rule, and DUE − DTSTART (applied to every occurrence) zero.

    With DTSTART on the meeting date (28 Nov) and DUE on 5 Dec, every later
    occurrence would be due a week after the 5th.
    """
    todo = todos_by_uid(to_ics(documents, stamp=STAMP))["bandarban-2024-11/03.2/deadline-1@minutes-nlp"]
    start, due = todo["DTSTART"].dt, todo["DUE"].dt
    assert type(start) is dt.date and start == due == dt.date(2024, 12, 5)
    occurrences = rrulestr(todo["RRULE"].to_ical().decode(), dtstart=dt.datetime.combine(start, dt.time()))
    assert [o.date() for o in occurrences[:3]] == [dt.date(2024, 12, 5), dt.date(2025, 1, 5), dt.date(2025, 2, 5)]


def test_recurring_without_due_date_starts_on_the_meeting_date():
    minutes = bandarban()
    minutes.decisions[0].deadlines[0].due = None
    todo = todos_by_uid(to_ics([minutes], stamp=STAMP))["bandarban-2024-11/03.2/deadline-1@minutes-nlp"]
    assert "DUE" not in todo
    assert todo["DTSTART"].dt == dt.date(2024, 11, 28)
    assert "RRULE" in todo


def test_unreadable_rule_keeps_the_task_without_rrule():
    minutes = bandarban()
    minutes.decisions[0].deadlines[0].value = "every month on the fifth"
    todo = todos_by_uid(to_ics([minutes], stamp=STAMP))["bandarban-2024-11/03.2/deadline-1@minutes-nlp"]
    assert "RRULE" not in todo and "DTSTART" not in todo
    assert todo["DUE"].dt == dt.date(2024, 12, 5)
    assert "not understood" in str(todo["DESCRIPTION"])
    assert str(todo["X-MINUTES-NLP-VALUE"]) == "every month on the fifth"


def test_vague_deadline_is_a_task_without_due_date(documents):
    todo = todos_by_uid(to_ics(documents, stamp=STAMP))["bandarban-2024-11/06.1/deadline-1@minutes-nlp"]
    assert "DUE" not in todo and "DTSTART" not in todo and "RRULE" not in todo
    assert str(todo["X-MINUTES-NLP-KIND"]) == "vague"
    assert str(todo["X-MINUTES-NLP-VALUE"]) == "যথাসময়ে"
    assert str(todo["STATUS"]) == "NEEDS-ACTION"


def test_summary_is_the_whole_decision_text_in_bangla(documents):
    data = to_ics(documents, stamp=STAMP)
    todos = todos_by_uid(data)
    assert str(todos["bandarban-2024-11/03.2/deadline-1@minutes-nlp"]["SUMMARY"]) == MONTHLY_TEXT
    assert str(todos["jhenaidah-2023-11/05/deadline-1@minutes-nlp"]["SUMMARY"]) == ABSOLUTE_TEXT
    # Long Bangla lines are folded at 75 octets without splitting a UTF-8 sequence.
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    data.decode("utf-8")


def test_description_names_deadline_implementers_and_source(documents):
    todos = todos_by_uid(to_ics(documents, stamp=STAMP))
    monthly = str(todos["bandarban-2024-11/03.2/deadline-1@minutes-nlp"]["DESCRIPTION"])
    assert "প্রতি মাসের ৫ (পাঁচ) তারিখের মধ্যে" in monthly
    assert "recurring (FREQ=MONTHLY;BYMONTHDAY=5)" in monthly
    assert "উপজেলা আইসিটি অফিসার (Upazila ICT Officer), all, বান্দরবান" in monthly
    assert "bandarban-2024-11/03.2" in monthly
    assert "তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর" in monthly and "বান্দরবান" in monthly
    assert "2024-11-28" in monthly and "corpus/raw/bandarban-2024-11.txt" in monthly
    assert len(monthly.splitlines()) >= 6  # readable lines, not one run-on string
    # No implementers extracted: the implementer cell as written.
    vague = str(todos["bandarban-2024-11/06.1/deadline-1@minutes-nlp"]["DESCRIPTION"])
    assert "(১) জেলা আইসিটি অফিসার, বান্দরবান পার্বত্য জেলা।" in vague


def test_categories_are_the_theme_labels(documents):
    todos = todos_by_uid(to_ics(documents, stamp=STAMP))
    assert todos["bandarban-2024-11/03.2/deadline-1@minutes-nlp"]["CATEGORIES"].cats == ["portal_update", "reporting"]
    assert "CATEGORIES" not in todos["jhenaidah-2023-11/06/deadline-1@minutes-nlp"]  # no themes, no empty CATEGORIES


def test_uids_are_stable_across_runs(documents):
    first = to_ics(documents, stamp=STAMP)
    later = to_ics([bandarban(), jhenaidah()], stamp=STAMP + dt.timedelta(days=30))
    assert list(todos_by_uid(first)) == list(todos_by_uid(later))
    assert to_ics(documents, stamp=STAMP) == first  # same stamp, same bytes


def test_same_document_id_twice_still_gives_unique_uids():
    todos = todos_by_uid(to_ics([bandarban(), bandarban()], stamp=STAMP))  # e.g. a/x.txt and b/x.txt
    assert len(todos) == 4
    assert "bandarban-2024-11/03.2/deadline-1-2@minutes-nlp" in todos


def test_dtstamp_is_utc():
    naive = todos_by_uid(to_ics([bandarban()], stamp=dt.datetime(2024, 12, 10, 9, 30)))
    assert {todo["DTSTAMP"].dt for todo in naive.values()} == {STAMP}
    dhaka = dt.timezone(dt.timedelta(hours=6))
    converted = todos_by_uid(to_ics([bandarban()], stamp=dt.datetime(2024, 12, 10, 15, 30, tzinfo=dhaka)))
    assert {todo["DTSTAMP"].dt for todo in converted.values()} == {STAMP}
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    now = next(iter(todos_by_uid(to_ics([bandarban()])).values()))["DTSTAMP"].dt
    assert now.utcoffset() == dt.timedelta(0) and before <= now <= dt.datetime.now(dt.UTC)


def test_crlf_line_ends(documents):
    data = to_ics(documents, stamp=STAMP)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")  # no bare LF
    assert b"\r\r\n" not in data


def test_no_deadlines_gives_an_empty_calendar():
    minutes = bandarban()
    minutes.decisions = [minutes.decisions[2]]  # the decision without a deadline
    for calendar in (Calendar.from_ical(to_ics([minutes], stamp=STAMP)), Calendar.from_ical(to_ics([], stamp=STAMP))):
        assert calendar.name == "VCALENDAR" and calendar.walk("VTODO") == []
        assert str(calendar["PRODID"]) == PRODID


def test_stream_writer_keeps_crlf_through_a_translating_text_stream(documents):
    """A text stream that turns LF into CRLF (Windows stdout, a file opened without newline="")."""
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", newline="\r\n")
    writer = StreamWriter(stream, "ics")
    for minutes in documents:
        writer.write(minutes)
    writer.close()
    written = raw.getvalue()
    assert b"\r\r\n" not in written and written.count(b"\n") == written.count(b"\r\n")
    # Byte for byte what to_ics gives, but for the DTSTAMP (now) lines.
    without_stamp = [line for line in to_ics(documents, stamp=STAMP).split(b"\r\n") if not line.startswith(b"DTSTAMP")]
    assert [line for line in written.split(b"\r\n") if not line.startswith(b"DTSTAMP")] == without_stamp
    assert len(todos_by_uid(written)) == 4


def test_stream_writer_on_a_string_stream(documents):
    text = io.StringIO()
    writer = StreamWriter(text, "ics")
    writer.write(documents[0])
    writer.close()
    assert text.getvalue().count("\r\n") == text.getvalue().count("\n") > 0
    assert len(todos_by_uid(text.getvalue().encode("utf-8"))) == 2


def test_other_formats_do_not_import_icalendar():
    code = (
        "import sys, io, minutes_nlp, minutes_nlp.formats, minutes_nlp.cli\n"
        "from minutes_nlp.formats import StreamWriter\n"
        "w = StreamWriter(io.StringIO(), 'json'); w.close()\n"
        "assert 'icalendar' not in sys.modules, 'icalendar imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


MINUTES_TEXT = (
    "সভার তারিখ: ১৯/১১/২০২৩\n\nক্র:\tআলোচ্য বিষয়\tসিদ্ধান্ত\tবাস্তবায়নে\n"
    f"০৫\tওয়েব পোর্টাল হালনাগাদ\t{ABSOLUTE_TEXT}\tপ্রোগ্রামার, তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর, ঝিনাইদহ\n"
)


def test_cli_writes_a_calendar_file(tmp_path: Path):
    source = tmp_path / "jhenaidah-portal.txt"
    source.write_text(MINUTES_TEXT, encoding="utf-8")
    out = tmp_path / "x.ics"
    result = CliRunner().invoke(app, ["tag", str(source), "--format", "ics", "--out", str(out)], obj={})
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    calendar = Calendar.from_ical(data)
    assert calendar.name == "VCALENDAR" and str(calendar["PRODID"]) == PRODID
    assert "jhenaidah-portal" in str(calendar["X-WR-CALNAME"])
    assert data.count(b"\n") == data.count(b"\r\n") and b"\r\r\n" not in data
    # Without deadlines in the pipeline the calendar is empty; with them, this decision's task.
    for todo in calendar.walk("VTODO"):
        assert str(todo["SUMMARY"]) == ABSOLUTE_TEXT


def test_cli_format_help_mentions_ics():
    result = CliRunner().invoke(app, ["tag", "--help"], obj={})
    assert "ics" in result.output and "VTODO" in result.output


# --- needs the deadline extractor ---------------------------------------------------------------
# Skipped until minutes_nlp.deadlines exists *and* is a component of the default
# pipeline (data/pipeline.toml): the package can be importable (even as a bare
# namespace package while it is being written) before it is wired in.


def test_cli_bandarban_calendar_has_the_monthly_reports():
    """The seed's monthly reports (প্রতি মাসের ৫ তারিখের মধ্যে) become monthly tasks on the 5th."""
    pytest.importorskip("minutes_nlp.deadlines")
    from minutes_nlp.pipeline import default_component_names

    if not any(name.startswith("deadline") for name in default_component_names()):
        pytest.skip("the deadlines component is not in the default pipeline yet")
    result = CliRunner().invoke(app, ["tag", str(SEEDS["bandarban-2024-11"]), "--format", "ics"], obj={})
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes
    assert data.count(b"\n") == data.count(b"\r\n")
    todos = todos_by_uid(data)
    assert len(todos) >= 4
    monthly_on_the_5th = {uid.split("/deadline-")[0] for uid, todo in todos.items() if "RRULE" in todo and dict(todo["RRULE"]) == {"FREQ": ["MONTHLY"], "BYMONTHDAY": [5]}}
    # The gold annotation (corpus/real/bandarban-2024-11.jsonl) has three such decisions.
    assert {"bandarban-2024-11/03.2", "bandarban-2024-11/04.2", "bandarban-2024-11/05.2"} <= monthly_on_the_5th
