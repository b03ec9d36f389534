"""Structure parser: normalised minutes text → `Minutes` (meeting + decisions).

The document is read in the order it is written: letterhead and title, the
header block, the agenda table (one or more parts), then the footer (signature,
memo number, issue dates, distribution list). No rule depends on a file's name
or position; columns are found by their header words and header values are
checked by their content.
"""

from __future__ import annotations

import hashlib

from minutes_nlp.model import Decision, Meeting, Minutes
from minutes_nlp.normalize import normalize_text
from minutes_nlp.parsing.blocks import parse_blocks
from minutes_nlp.parsing.footer import read_footer
from minutes_nlp.parsing.header import find_header_block, locate_office, read_header, read_letterhead
from minutes_nlp.parsing.table import find_table, parse_table

__all__ = ["parse", "make_doc_id"]


def make_doc_id(text: str) -> str:
    """A short stable id for a text without a file name."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def parse(text: str, *, doc_id: str | None = None, source: str | None = None) -> Minutes:
    """Parse minutes text into `Minutes`.

    The text is normalised first (`normalize_text`). A text whose agenda table
    cannot be found still returns its meeting, with no decisions and a
    `no-table` warning.
    """
    text = normalize_text(text)
    lines = text.split("\n")
    doc_id = doc_id or make_doc_id(text)
    minutes = Minutes(doc_id=doc_id, meeting=Meeting(), source=source)

    first_table = find_table(lines, 0, infer=True)
    table_start = first_table[0].start - 1 if first_table else len(lines)
    header_entries = find_header_block(lines, table_start)
    header_start = header_entries[0].line - 1 if header_entries else table_start
    read_letterhead(lines, header_start, minutes.meeting)
    for code, message in read_header(header_entries, minutes.meeting):
        minutes.warn(code, message)

    # The table may come in parts (a page break, a second table): read each in turn.
    footer_start = header_entries[-1].line if header_entries else 0
    table = first_table
    while table is not None:
        layout, inferred = table
        if inferred:
            minutes.warn("table-without-header", f"line {layout.start + 1}: a table without a header row; columns read by their number")
        result = parse_table(lines, layout, doc_id)
        minutes.decisions.extend(d for item in result.items for d in item.decisions)
        minutes.skipped.extend(result.skipped)
        for code, message in result.notes:
            minutes.warn(code, message)
        footer_start = result.end
        table = find_table(lines, result.end)
    if first_table is None:
        blocks = parse_blocks(lines, footer_start, doc_id)
        if blocks is not None:
            minutes.decisions.extend(d for item in blocks.items for d in item.decisions)
            minutes.skipped.extend(blocks.skipped)
            footer_start = blocks.end
    _make_ids_unique(minutes.decisions)
    if first_table is None and not minutes.decisions:
        minutes.warn("no-table", "no agenda table (a row of column headers such as ক্রম / আলোচনা / সিদ্ধান্ত) was found")
    elif not minutes.decisions:
        minutes.warn("no-decisions", "the agenda table holds no decision")

    for code, message in read_footer(lines, footer_start, minutes.meeting, search_also=lines[:header_start]):
        minutes.warn(code, message)
    locate_office(minutes.meeting, "\n".join(lines[:table_start]))
    minutes.skipped.sort(key=lambda s: s.line)
    return minutes


def _make_ids_unique(decisions: list[Decision]) -> None:
    # A later table part may restart its numbering. A new id must be free: the
    # part may itself hold `01.1-2` (item 01 written twice in it).
    given = {decision.id for decision in decisions}
    used: set[str] = set()
    for decision in decisions:
        if decision.id in used:
            n = 2
            while f"{decision.id}-{n}" in used or f"{decision.id}-{n}" in given:
                n += 1
            decision.id = f"{decision.id}-{n}"
        used.add(decision.id)
