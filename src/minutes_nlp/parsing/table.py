"""The agenda table: finding it, naming its columns, and turning rows into decisions.

Tables reach us as tab-separated lines (or Markdown pipe rows). Columns are
named by their header words, not by position, so 4- and 5-column tables with
varied wording are read alike. Every row that does not become part of a
decision is reported in `skipped` with its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from minutes_nlp.model import Skipped
from minutes_nlp.normalize import parse_int
from minutes_nlp.parsing import cells as C
from minutes_nlp.parsing.items import Item, add_decisions, assign_ids


class Column(StrEnum):
    SERIAL = "serial"
    TOPIC = "topic"
    DISCUSSION = "discussion"
    DECISION = "decision"
    DISCUSSION_DECISION = "discussion+decision"
    IMPLEMENTER = "implementer"
    OTHER = "other"


# Checked in this order: "আলোচনার বিষয়" is a discussion column although it says বিষয়.
_HEADER_WORDS: list[tuple[Column, re.Pattern[str]]] = [
    (Column.OTHER, re.compile(r"মন্তব্য|অগ্রগতি|পর্যবেক্ষণ|সময়সীমা|^স্বাক্ষর")),
    (Column.IMPLEMENTER, re.compile(r"বাস্তবায়ন|দায়িত্ব|কার্যক্রম গ্রহণকারী")),
    (Column.DISCUSSION_DECISION, re.compile(r"আলোচনা.*(?:ও|এবং|/).*সিদ্ধান্ত")),
    (Column.DECISION, re.compile(r"সিদ্ধান্ত")),
    (Column.DISCUSSION, re.compile(r"^আলোচনা|^বিবরণ|^আলোচিত")),
    (Column.TOPIC, re.compile(r"আলোচ্য|বিষয়|এজেন্ডা|আলোচ্যসূচি")),
    (Column.SERIAL, re.compile(r"^(?:ক্রম|ক্রমিক|ক্রঃ|ক্র[:.]|নং|সূত্র|এজেন্ডা\s*নং)|^ক্র$|^নং$")),
]


def classify_header_cell(cell: str) -> Column | None:
    cell = cell.strip()
    if not cell or len(cell) > 40:
        return None
    for column, pattern in _HEADER_WORDS:
        if pattern.search(cell):
            return column
    return None


def split_cells(line: str) -> list[str] | None:
    """Cells of a table line (tab-separated or a Markdown pipe row), else None."""
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        inner = stripped[1:-1] if stripped.endswith("|") else stripped[1:]
        return [c.strip() for c in inner.split("|")]
    return None


def header_columns(line: str) -> list[Column] | None:
    """Column kinds if `line` is the header row of an agenda table.

    Every non-empty header cell must be recognised, except one unknown column
    in a table of at least three recognised ones (its cells are reported as
    skipped).
    """
    cells = split_cells(line)
    if not cells:
        return None
    kinds = [classify_header_cell(c) for c in cells]
    named = [k for k in kinds if k is not None and k is not Column.OTHER]
    if len(named) < 2 or not ({Column.DECISION, Column.DISCUSSION, Column.DISCUSSION_DECISION} & set(named)):
        return None
    unknown = sum(1 for c, k in zip(cells, kinds, strict=True) if c and k is None)
    if unknown > (1 if len(named) >= 3 else 0):
        return None
    return [k or Column.OTHER for k in kinds]


@dataclass(frozen=True, slots=True)
class TableLayout:
    """Where an agenda table's rows start and what its columns are."""

    start: int  # index of the first line after the header row
    columns: list[Column]
    header_cells: list[str]  # empty when the columns were inferred (no header row)


# Column kinds by cell count, for a table whose header row is missing.
_INFERRED_COLUMNS: dict[int, list[Column]] = {
    3: [Column.SERIAL, Column.DECISION, Column.IMPLEMENTER],
    4: [Column.SERIAL, Column.DISCUSSION, Column.DECISION, Column.IMPLEMENTER],
    5: [Column.SERIAL, Column.TOPIC, Column.DISCUSSION, Column.DECISION, Column.IMPLEMENTER],
}


def find_table(lines: list[str], start: int, *, infer: bool = False) -> tuple[TableLayout, bool] | None:
    """The next agenda table at or after line index `start`, and whether its
    columns were inferred because it has no header row (only with `infer`)."""
    for i in range(start, len(lines)):
        columns = header_columns(lines[i])
        if columns is not None:
            return TableLayout(i + 1, _serial_by_content(columns, lines, i + 1), split_cells(lines[i]) or []), False
    return _headerless_table(lines, start) if infer else None


def _serial_by_content(columns: list[Column], lines: list[str], first_row: int, rows: int = 12) -> list[Column]:
    """The serial column when its header word was not recognised (OCR reads ক্রঃ
    as ঃ): an unnamed column whose cells below, where filled, are item numbers."""
    if Column.SERIAL in columns:
        return columns
    cells = [c for c in (split_cells(line) for line in lines[first_row:first_row + rows]) if c]
    for k, column in enumerate(columns):
        if column is not Column.OTHER:
            continue
        filled = [row[k] for row in cells if len(row) > k and row[k].strip()]
        if len(filled) >= 2 and sum(C.serial_number(cell) is not None for cell in filled) >= 0.8 * len(filled):
            return [*columns[:k], Column.SERIAL, *columns[k + 1:]]
    return columns


def _headerless_table(lines: list[str], start: int) -> tuple[TableLayout, bool] | None:
    """Two or more rows starting with an item number, with a directive in the
    decision column, read by their cell count. A run under a header row of
    another kind (an attendance list: ক্রম, নাম, পদবি) is not an agenda table."""
    previous: list[str] | None = None  # cells of the line just above (a blank line clears it)
    for i in range(start, len(lines)):
        if not lines[i].strip():
            previous = None
            continue
        first = split_cells(lines[i])
        after_header = previous is not None and C.serial_number(previous[0]) is None
        previous = first
        if not first or C.serial_number(first[0]) is None or len(first) < 3 or after_header:
            continue
        run = [first]
        for line in lines[i + 1:]:
            if not line.strip():
                continue
            cells = split_cells(line)
            if cells is None:
                break
            run.append(cells)
        numbered = [len(c) for c in run if C.serial_number(c[0]) is not None]
        if len(numbered) < 2:
            continue
        # Rows of fewer than three cells (a number and one cell) fit no layout:
        # they do not vote on the width (the first row always has three or more).
        wide = [n for n in numbered if n >= 3]
        width = min(max(set(wide), key=wide.count), 5)
        columns = _INFERRED_COLUMNS[width]
        decision_at = columns.index(Column.DECISION)
        if any(len(c) > decision_at and C.is_directive(c[decision_at]) for c in run):
            return TableLayout(i, columns, []), True
    return None


_SEPARATOR_CELL = re.compile(r"^:?-{2,}:?$")


def is_separator_row(cells: list[str]) -> bool:
    """A Markdown separator row such as `---- | --- | ---`."""
    filled = [c for c in cells if c]
    return bool(filled) and all(_SEPARATOR_CELL.match(c) for c in filled)


@dataclass(slots=True)
class Row:
    line: int  # 1-based line number of the row's first physical line
    cells: list[str]


@dataclass(slots=True)
class TableResult:
    items: list[Item]
    skipped: list[Skipped]
    notes: list[tuple[str, str]]  # (warning code, message)
    end: int  # index of the first line after the table


def collect_rows(lines: list[str], layout: TableLayout) -> tuple[list[Row], list[Skipped], int]:
    """Rows of the table laid out by `layout`.

    Physical lines that are pieces of one row (a cell broken by a line end)
    are joined. Returns the rows, the lines skipped on the way, and the index
    of the last line that belonged to the table.
    """
    rows: list[Row] = []
    skipped: list[Skipped] = []
    ncols = len(layout.columns)
    header = [c for c in layout.header_cells if c]
    last = layout.start - 1
    i = layout.start
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        cells = split_cells(line)
        next_i = _next_nonblank(lines, i + 1)
        next_cells = split_cells(lines[next_i]) if next_i is not None else None
        if cells is None:
            # A line without cells: a broken cell if it completes an open row,
            # else the end of the table (unless more rows follow at once).
            if rows and len(rows[-1].cells) < ncols and next_cells is not None:
                rows[-1].cells[-1] = f"{rows[-1].cells[-1]}\n{line.strip()}".strip()
            elif next_cells is not None and rows:
                skipped.append(Skipped(i + 1, line.strip(), "line without cells between table rows"))
            else:
                break
        elif header and [c for c in cells if c] == header:
            skipped.append(Skipped(i + 1, line.strip(), "repeated table header row"))
        elif is_separator_row(cells):
            skipped.append(Skipped(i + 1, line.strip(), "markdown separator row"))
        elif (
            rows
            and len(rows[-1].cells) < ncols
            and len(cells) < ncols
            and len(rows[-1].cells) + len(cells) - 1 <= ncols
            and C.serial_number(cells[0]) is None
        ):
            # The previous physical line ended inside a cell: continue it.
            rows[-1].cells[-1] = f"{rows[-1].cells[-1]}\n{cells[0]}".strip()
            rows[-1].cells.extend(cells[1:])
        else:
            rows.append(Row(i + 1, cells))
        last = i
        i += 1
    return rows, skipped, last


def _next_nonblank(lines: list[str], start: int) -> int | None:
    for j in range(start, len(lines)):
        if lines[j].strip():
            return j
    return None


def parse_table(lines: list[str], layout: TableLayout, doc_id: str) -> TableResult:
    """Decisions of the agenda table laid out by `layout`."""
    columns = layout.columns
    ncols = len(columns)
    rows, skipped, last = collect_rows(lines, layout)
    notes: list[tuple[str, str]] = []
    items: list[Item] = []
    position = {kind: columns.index(kind) for kind in Column if kind in columns}

    for row in rows:
        fitted = _fit_row(row, ncols, items, skipped)
        if fitted is None:
            continue
        cells, inner_cells = fitted
        value = {kind: cells[index] for kind, index in position.items()}
        for index, kind in enumerate(columns):
            if kind is Column.OTHER and cells[index]:
                name = layout.header_cells[index] if index < len(layout.header_cells) else "unnamed"
                skipped.append(Skipped(row.line, cells[index], f"cell of a column not read as part of a decision ({name})"))
        serial = C.serial_number(value[Column.SERIAL]) if Column.SERIAL in value else None
        topic_raw = value.get(Column.TOPIC, "")
        if Column.SERIAL not in value and topic_raw:
            serial, topic_raw = C.split_leading_number(topic_raw)
        elif Column.SERIAL not in value and not topic_raw and value.get(Column.DISCUSSION):
            number, rest = C.split_leading_number(value[Column.DISCUSSION])
            if number is not None:
                serial, value[Column.DISCUSSION] = number, rest
        serial_cell = value.get(Column.SERIAL, "")

        if Column.DISCUSSION_DECISION in value:
            value[Column.DISCUSSION], value[Column.DECISION] = _split_combined(value[Column.DISCUSSION_DECISION])
        decision_cell = value.get(Column.DECISION, "")
        implementer_cell = value.get(Column.IMPLEMENTER, "")
        has_item_text = bool(topic_raw or value.get(Column.DISCUSSION))

        if serial is None and serial_cell:
            skipped.append(Skipped(row.line, "\t".join(row.cells), "row without an item number that does not continue an item"))
            continue
        if serial is None and not has_item_text and items:
            # Continuation row: a further decision of the open item with its own implementers.
            add_decisions(items[-1], decision_cell, implementer_cell or None, row.line, skipped, continuation=True)
            continue
        if serial is None and items and Column.SERIAL in position:
            notes.append(("item-without-number", f"line {row.line}: a row with a topic but no item number is read as a new item"))
        if not (has_item_text or decision_cell or implementer_cell):
            skipped.append(Skipped(row.line, "\t".join(row.cells), "empty row"))
            continue
        item_no = parse_int(serial) if serial else (items[-1].item_no + 1 if items else 1)
        item = _new_item(serial, item_no, topic_raw, value, row)
        item.html_cells = inner_cells
        items.append(item)
        add_decisions(item, decision_cell, implementer_cell or None, row.line, skipped, continuation=False)

    assign_ids(items, doc_id)
    return TableResult(items, skipped, notes, last + 1)


_DECISION_LABEL = re.compile(r"(?:^|\s)(?:গৃহীত\s+)?সিদ্ধান্ত(?:সমূহ)?\s*[:ঃ]\s*")


def _split_combined(cell: str) -> tuple[str, str]:
    """A combined "আলোচনা ও সিদ্ধান্ত" cell: (discussion, decision) split at a
    `সিদ্ধান্ত:` label; without one, all is discussion and its directive
    sentences become the decisions."""
    m = _DECISION_LABEL.search(cell)
    if not m:
        return cell, ""
    return cell[: m.start()].strip(), cell[m.end():].strip()


def _fit_row(row: Row, ncols: int, items: list[Item], skipped: list[Skipped]) -> tuple[list[str], set[str]] | None:
    """Cells of `row` fitted to the table's columns, with the cells of any HTML
    table inside them; None if the whole row is skipped.

    Handles HTML tables whose cells were spilled as extra columns or rows.
    """
    cells = list(row.cells)
    contents = [C.cell_content(c) for c in cells]
    texts = [content.text for content in contents]
    inner = [cell for content in contents if content.has_table for cell in content.table_cells]
    known_inner = items[-1].html_cells if items else set()
    filled = [c for c in cells if c]

    # A whole row that repeats the inner HTML table of the open item.
    if known_inner and filled and all(text in known_inner for cell, text in zip(cells, texts, strict=True) if cell):
        item = items[-1]
        skipped.append(Skipped(row.line, "\t".join(filled), f"row repeats the HTML table inside item {item.item or item.item_no}"))
        return None

    if len(cells) > ncols and inner:
        html_at = next(i for i, content in enumerate(contents) if content.has_table)
        j, k = html_at + 1, 0
        spilled: list[str] = []
        while j < len(cells) and k < len(inner) and len(cells) - len(spilled) > ncols - 1:
            if texts[j] == inner[k]:
                spilled.append(cells[j])
                k += 1
                j += 1
            elif not cells[j]:
                spilled.append(cells[j])
                j += 1
            else:
                break
        if spilled:
            cells = cells[: html_at + 1] + cells[html_at + 1 + len(spilled):]
            skipped.append(
                Skipped(row.line, "\t".join(c for c in spilled if c), f"{len([c for c in spilled if c])} cells repeat the HTML table of the cell before them")
            )
    while len(cells) > ncols and not cells[-1]:
        cells.pop()
    if len(cells) > ncols:
        for extra in cells[ncols:]:
            skipped.append(Skipped(row.line, extra, "cell beyond the table's last column"))
        cells = cells[:ncols]
    # The inner table's cells are kept with the item, so that its spilled rows are recognised.
    return cells + [""] * (ncols - len(cells)), set(inner)


def _new_item(serial: str | None, item_no: int, topic_raw: str, value: dict[Column, str], row: Row) -> Item:
    topic = C.cell_content(topic_raw).text.rstrip(":ঃ ") or None
    discussion_raw = value.get(Column.DISCUSSION, "")
    discussion = C.cell_content(discussion_raw).text or None
    if Column.TOPIC not in value and discussion:
        label, rest = C.split_label(discussion)
        if label:
            topic, discussion = label, rest
    elif Column.DISCUSSION not in value and topic:
        # A topic column that also holds the discussion ("বিষয়ঃ আলোচনা …").
        label, rest = C.split_label(topic)
        if label:
            topic, discussion = label, rest
    return Item(serial, item_no, topic, discussion, None, row.line)
