"""Output formats of `minutes-nlp tag`: JSON, JSON Lines, CSV, a terminal table, iCalendar.

JSON Lines and CSV are written row by row as documents come, so that a batch
keeps what it did if interrupted. The iCalendar file (one VTODO per deadline,
`minutes_nlp.calendar_export`) is one VCALENDAR, so it is written whole at the
end, like JSON.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from minutes_nlp.model import Minutes

FORMATS = ("json", "jsonl", "csv", "table", "ics")

CSV_COLUMNS = [
    "doc_id", "source", "district", "upazila", "office", "meeting_date", "issue_date", "memo_no",
    "chair_name", "chair_designation", "decision_id", "item", "item_no", "sub", "topic", "text",
    "implementer_text", "themes", "deadlines", "implementers",
]


def to_json(documents: list[Minutes]) -> str:
    """One document as an object; several as an array."""
    payload: Any = documents[0].to_dict() if len(documents) == 1 else [d.to_dict() for d in documents]
    return json.dumps(payload, ensure_ascii=False, indent=2)


def jsonl_records(minutes: Minutes) -> Iterable[dict[str, Any]]:
    """One record per decision, with the document id, source and meeting fields."""
    meeting = minutes.to_dict()["meeting"]
    for decision in minutes.decisions:
        yield {"doc_id": minutes.doc_id, "source": minutes.source, "meeting": meeting, **decision.to_dict()}


def csv_rows(minutes: Minutes) -> Iterable[dict[str, Any]]:
    """Flat rows for spreadsheets: list fields joined with `; `."""
    m = minutes.meeting
    for d in minutes.decisions:
        yield {
            "doc_id": minutes.doc_id,
            "source": minutes.source,
            "district": m.district,
            "upazila": m.upazila,
            "office": m.office,
            "meeting_date": m.date.isoformat() if m.date else None,
            "issue_date": m.issue_date.isoformat() if m.issue_date else None,
            "memo_no": m.memo_no,
            "chair_name": m.chair.name,
            "chair_designation": m.chair.designation,
            "decision_id": d.id,
            "item": d.item,
            "item_no": d.item_no,
            "sub": d.sub,
            "topic": d.topic,
            "text": d.text,
            "implementer_text": d.implementer_text,
            "themes": "; ".join(f"{t.label}:{t.score:.2f}" for t in d.themes),
            "deadlines": "; ".join(f"{x.kind}={x.value}" for x in d.deadlines),
            "implementers": "; ".join(_implementer_label(i) for i in d.implementers),
        }


def _implementer_label(implementer: Any) -> str:
    places = f" ({', '.join(implementer.places)})" if implementer.places else ""
    return f"{implementer.role}/{implementer.scope}{places}"


class StreamWriter:
    """Writes documents to a text stream in one format as they arrive."""

    def __init__(self, stream: TextIO, fmt: str) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.stream, self.format = stream, fmt
        self._held: list[Minutes] = []
        self._csv: csv.DictWriter | None = None

    def write(self, minutes: Minutes) -> None:
        if self.format == "jsonl":
            for record in jsonl_records(minutes):
                self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            self.stream.flush()
        elif self.format == "csv":
            if self._csv is None:
                self._csv = csv.DictWriter(self.stream, fieldnames=CSV_COLUMNS)
                self._csv.writeheader()
            self._csv.writerows(csv_rows(minutes))
            self.stream.flush()
        else:
            self._held.append(minutes)  # JSON, tables and calendars are written whole at the end

    def close(self) -> None:
        if self.format == "json" and self._held:
            self.stream.write(to_json(self._held) + "\n")
        elif self.format == "table" and self._held:
            render_tables(self._held, self.stream)
        elif self.format == "ics" and self._held:
            from minutes_nlp.calendar_export import to_ics  # imports icalendar: only when asked for

            self._write_bytes(to_ics(self._held))
        self.stream.flush()

    def _write_bytes(self, data: bytes) -> None:
        """Write UTF-8 bytes as they are.

        iCalendar lines must end in CRLF, and a text stream may translate line
        ends on the way (on Windows each LF becomes CRLF, so CRLF would become
        CR CR LF). The bytes therefore go to the stream's binary buffer when it
        has one, after what was written as text so far.
        """
        buffer = getattr(self.stream, "buffer", None)
        if buffer is None:  # e.g. io.StringIO, which leaves line ends alone
            self.stream.write(data.decode("utf-8"))
            return
        self.stream.flush()
        buffer.write(data)
        buffer.flush()


def render_tables(documents: list[Minutes], stream: TextIO) -> None:
    """A readable table per document (rich), for the terminal."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=stream, width=None if stream.isatty() else 160)
    for minutes in documents:
        m = minutes.meeting
        console.print(
            f"[bold]{minutes.doc_id}[/bold]  {m.office or ''}\n"
            f"district: {m.district or '—'}  meeting: {m.date or '—'} {m.time or ''}  issued: {m.issue_date or '—'}  "
            f"memo: {m.memo_no or '—'}\nchair: {m.chair.name or '—'} ({m.chair.designation or '—'})"
        )
        table = Table(show_lines=True)
        for column in ("item", "decision", "implementers", "themes", "deadlines"):
            table.add_column(column, overflow="fold")
        for d in minutes.decisions:
            table.add_row(
                f"{d.item or d.item_no}{' ' + d.sub if d.sub else ''}",
                d.text,
                d.implementer_text or "",
                ", ".join(t.label for t in d.themes),
                ", ".join(f"{x.kind}: {x.value}" for x in d.deadlines),
            )
        console.print(table)
        for warning in minutes.warnings:
            console.print(f"[yellow]warning[/yellow] {warning.code}: {warning.message}")
        if minutes.skipped:
            console.print(f"{len(minutes.skipped)} table row(s) or cell(s) skipped (see JSON output for reasons)")

