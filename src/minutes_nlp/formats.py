"""Output formats of `minutes-nlp tag`: JSON, JSON Lines, CSV, a terminal table, iCalendar.

A document's output is made in two steps: `render` turns its `Minutes` into a
`Chunk` (the text of its lines, rows, object or table), and `StreamWriter`
writes chunks. The split lets a batch render in its worker processes, where the
document was tagged, and keep the one writing process down to writing
(`minutes_nlp.batch`).

JSON Lines, CSV and tables are written document by document as they come, and
flushed, so that a batch keeps every finished document if it is interrupted; a
CSV or JSONL output can then be completed with `tag --resume`. JSON is one
object or one array, and the iCalendar file (one VTODO per deadline,
`minutes_nlp.calendar_export`) one VCALENDAR, so these two are written whole
when the writer is closed (on an interrupted batch too, with the documents done).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
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


#: Width of tables written to a file or a pipe (a terminal gets its own width).
TABLE_WIDTH = 160


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How documents are rendered: the format, and for tables the width and whether to style them."""

    format: str
    width: int = TABLE_WIDTH
    terminal: bool = False

    @classmethod
    def for_stream(cls, stream: TextIO, fmt: str) -> RenderOptions:
        """Options for writing `fmt` to `stream` (tables styled and as wide as a terminal's window)."""
        terminal = _isatty(stream)
        return cls(fmt, shutil.get_terminal_size().columns if terminal else TABLE_WIDTH, terminal)


@dataclass(frozen=True, slots=True)
class Chunk:
    """One document's output: its text in the format, or for iCalendar the `Minutes` themselves
    (one calendar is built from every document at the end, with UIDs unique across them)."""

    source: str | None
    text: str = ""
    minutes: Minutes | None = None


def render(minutes: Minutes, options: RenderOptions) -> Chunk:
    """The output of one document (JSONL lines, CSV rows without the header, a JSON object, a table)."""
    fmt = options.format
    if fmt == "jsonl":
        text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in jsonl_records(minutes))
    elif fmt == "csv":
        buffer = io.StringIO()
        csv.DictWriter(buffer, fieldnames=CSV_COLUMNS).writerows(csv_rows(minutes))
        text = buffer.getvalue()
    elif fmt == "json":
        text = json.dumps(minutes.to_dict(), ensure_ascii=False, indent=2)
    elif fmt == "table":
        buffer = io.StringIO()
        render_tables([minutes], buffer, width=options.width, terminal=options.terminal)
        text = buffer.getvalue()
    elif fmt == "ics":
        return Chunk(minutes.source, minutes=minutes)
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return Chunk(minutes.source, text)


def csv_header() -> str:
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=CSV_COLUMNS).writeheader()
    return buffer.getvalue()


class StreamWriter:
    """Writes documents to a text stream in one format as they arrive.

    `header=False` leaves out the CSV header, for appending to a CSV file that has it.
    """

    def __init__(self, stream: TextIO, fmt: str, *, header: bool = True) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.stream, self.format = stream, fmt
        self.options = RenderOptions.for_stream(stream, fmt)
        self._header_due = header and fmt == "csv"
        self._json: list[str] = []
        self._calendar: list[Minutes] = []

    def write(self, minutes: Minutes) -> None:
        self.write_chunk(render(minutes, self.options))

    def write_chunk(self, chunk: Chunk) -> None:
        """Write one rendered document; streamed formats are flushed so that it survives an interruption."""
        if self.format == "json":
            self._json.append(chunk.text)
        elif self.format == "ics":
            if chunk.minutes is not None:
                self._calendar.append(chunk.minutes)
        else:
            if self._header_due:
                self.stream.write(csv_header())
                self._header_due = False
            # One write and one flush per document: an interrupted run can then only have torn
            # the last document written, which is what `tag --resume` tags again.
            self.stream.write(chunk.text)
            self.stream.flush()

    def close(self) -> None:
        if self.format == "json" and self._json:
            self.stream.write(_json_document(self._json) + "\n")
        elif self.format == "ics" and self._calendar:
            from minutes_nlp.calendar_export import to_ics  # imports icalendar: only when asked for

            self._write_bytes(to_ics(self._calendar))
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


def _json_document(objects: list[str]) -> str:
    """One rendered object as it is; several as an array, byte for byte what `to_json` gives."""
    if len(objects) == 1:
        return objects[0]
    return "[\n" + ",\n".join(textwrap.indent(text, "  ") for text in objects) + "\n]"


def _isatty(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def render_tables(documents: list[Minutes], stream: TextIO, *, width: int | None = None, terminal: bool | None = None) -> None:
    """A readable table per document (rich): styled and window-wide on a terminal, 160 columns elsewhere."""
    from rich.console import Console
    from rich.table import Table

    terminal = _isatty(stream) if terminal is None else terminal
    console = Console(file=stream, width=width or (None if terminal else TABLE_WIDTH), force_terminal=terminal)
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

