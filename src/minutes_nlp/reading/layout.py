"""The common shape every document reader produces: paragraphs and tables.

Readers of structured formats (Word, PDF, HTML, OCR) return a list of blocks;
`to_text` writes them in the one text form the parser reads, so that the
parser has a single input language: a paragraph per line, a table as one line
per row with its cells separated by tabs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CELL_SPACE = re.compile(r"[\t\r\n]+| {2,}")


@dataclass(slots=True)
class Paragraph:
    text: str


@dataclass(slots=True)
class Table:
    rows: list[list[str]] = field(default_factory=list)


Block = Paragraph | Table

# A merged header is looked for in the first rows only.
_HEADER_ZONE_ROWS = 3


@dataclass(slots=True)
class GridCell:
    """A cell as it sits in the table's column grid."""

    text: str
    span: int = 1  # grid columns covered
    continued: bool = False  # a vertically merged continuation (or a hidden duplicate)


def grid_rows(rows: list[list[GridCell]]) -> list[list[str]]:
    """Rows of cell texts that keep the table's column grid.

    A cell covering several columns gives its text to the first and empty
    cells to the others; a continuation of a vertical merge is empty; every
    row is padded to the table's width. A two-level header at the top (a
    merged cell over sub-headers, the other header cells merged down) becomes
    one row of the leaf labels, which is what names the columns.
    """
    rows = _merge_two_level_header(rows)
    flat = [[text for cell in row for text in [("" if cell.continued else cell.text)] + [""] * (cell.span - 1)] for row in rows]
    width = max((len(row) for row in flat), default=0)
    return [row + [""] * (width - len(row)) for row in flat]


def _columns(row: list[GridCell]) -> list[tuple[int, GridCell]]:
    """(first grid column, cell) of each cell of a row."""
    out: list[tuple[int, GridCell]] = []
    column = 0
    for cell in row:
        out.append((column, cell))
        column += cell.span
    return out


def _merge_two_level_header(rows: list[list[GridCell]]) -> list[list[GridCell]]:
    for r in range(min(_HEADER_ZONE_ROWS, len(rows) - 1)):
        top, below = _columns(rows[r]), dict(_columns(rows[r + 1]))
        spanned = [(col, cell) for col, cell in top if cell.span > 1 and cell.text.strip() and not cell.continued]
        single = [(col, cell) for col, cell in top if cell.span == 1 and not cell.continued]
        if not spanned or not single:
            continue
        if not all(col in below and below[col].continued for col, _ in single):
            continue  # the header cells beside the merged one must reach down into the row below
        leaves: list[GridCell] = []
        for col, cell in top:
            if cell.span == 1:
                leaves.append(cell)
                continue
            subs = [below.get(c) for c in range(col, col + cell.span)]
            if any(sub is None or sub.span != 1 for sub in subs):
                break  # sub-headers that do not split the merged cell column by column
            leaves.extend(GridCell(sub.text if sub and sub.text.strip() else cell.text) for sub in subs)
        else:
            return [*rows[:r], leaves, *rows[r + 2:]]
    return rows


def cell_text(text: str) -> str:
    """A cell's text on one line: the tab and the line end separate cells and rows."""
    return _CELL_SPACE.sub(" ", text).strip()


def to_text(blocks: list[Block]) -> str:
    """Paragraphs one per line (an empty paragraph is a blank line, as in the
    text the parser was written for: header lines are consecutive), tables with
    a blank line before and after, one row per line, cells separated by tabs."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.extend(line.rstrip() for line in block.text.splitlines() or [""])
        else:
            lines.append("")
            lines.extend("\t".join(cell_text(cell) for cell in row) for row in block.rows if any(c.strip() for c in row))
            lines.append("")
    return "\n".join(lines).strip("\n") + "\n"


@dataclass(slots=True)
class Document:
    """What a reader made of one input: its text in the parser's form, the
    format it was read as, and notes on conversions (OCR, Bijoy, repairs) that
    the pipeline passes on as warnings."""

    text: str
    format: str
    notes: list[tuple[str, str]] = field(default_factory=list)
    """(code, message) pairs, e.g. ("ocr", "read by OCR (Tesseract ben) from 2 page images")."""


# --- lines and pages ------------------------------------------------------------

# The end of a web or e-mail address, which has no space to break at.
_ADDRESS_END = re.compile(r"[\w:/-]*[./@][\w./@-]*[A-Za-z0-9]$")
_ADDRESS_CONTINUES = re.compile(r"^[A-Za-z0-9/]")


def join_lines(lines: list[str]) -> str:
    """A cell's lines as one text: a space between lines, none after a line-end
    hyphen (ফলো- / আপ is the compound ফলো-আপ broken by the cell's width) or
    inside a web or e-mail address broken where it had to be."""
    text = ""
    for line in lines:
        glued = text.endswith("-") or (_ADDRESS_END.search(text) is not None and _ADDRESS_CONTINUES.match(line) is not None)
        text += line if not text or glued else " " + line
    return text


# "|" is a danda as OCR reads it.
_SENTENCE_END = ("।", "॥", "|", ".", "?", "!", ":", "ঃ")
_PAGE_NUMBER = re.compile(r"^[\W_]*(?:পৃষ্ঠা|পাতা|page|p\.)?[\W_]*[0-9০-৯]{1,3}(?:[\W_]*(?:of|এর|/|-)[\W_]*[0-9০-৯]{1,3})?[\W_]*$", re.I)


def append_page(blocks: list[Block], page: list[Block], *, row_broken: bool = False) -> None:
    """Add a page's blocks (PDF pages and scans alike). A table that starts the
    page (after its page number, if any) continues a table that ended the page
    before (before its page number) when both have the same number of columns:
    the header row repeated on the new page goes, the page numbers between go,
    and the first row completes the last one when the page broke that row
    (`_continues`; `row_broken` when the reader saw the table run to the page's end)."""
    before = len(blocks)
    while before > 0 and _is_page_number(blocks[before - 1]):
        before -= 1
    start = 0
    while start < len(page) and _is_page_number(page[start]):
        start += 1
    previous = blocks[before - 1] if before > 0 else None
    first = page[start] if start < len(page) else None
    if isinstance(previous, Table) and isinstance(first, Table) and previous.rows and first.rows:
        rows = [list(row) for row in first.rows]
        if len(previous.rows[-1]) == len(rows[0]):
            if len(rows) > 1 and _same_row(rows[0], previous.rows[0]):
                rows.pop(0)  # the header row, repeated
            last = previous.rows[-1]
            if _continues(last, rows[0], row_broken):
                previous.rows[-1] = [join_lines([a, b] if a and b else [a or b]) for a, b in zip(last, rows.pop(0), strict=True)]
            previous.rows.extend(rows)
            del blocks[before:]
            page = page[start + 1:]
    blocks.extend(page)


def _is_page_number(block: Block) -> bool:
    """A page number as a page header or footer: "- ২ -", "পৃষ্ঠা ২ এর ৩", "2/3"."""
    return isinstance(block, Paragraph) and bool(_PAGE_NUMBER.match(" ".join(block.text.split())))


def _same_row(a: list[str], b: list[str]) -> bool:
    """Rows alike but for one cell (the same header, or read twice by OCR)."""
    alike = sum(1 for x, y in zip(a, b, strict=False) if x.strip() and x.strip() == y.strip())
    return len(a) == len(b) and alike >= len(a) - max(1, len(a) // 4)


def _continues(last: list[str], first: list[str], row_broken: bool) -> bool:
    """Whether `first`, the first row of a page, is the rest of `last`, the row the
    page before ended with: it has no item number, and either the table ran to
    the end of the page before (`row_broken`) or, where both rows have text, a
    cell of `last` stops mid-sentence (or no cell tells, as implementer lists
    have no full stop). A row whose sentences all ended is a further decision
    of the item, which the parser reads as such."""
    if first[0].strip() or not any(cell.strip() for cell in first):
        return False
    if row_broken:
        return True
    verdicts: list[bool] = []
    for before, after in zip(last, first, strict=True):
        before, after = before.strip(), after.strip()
        if not (before and after):
            continue
        if before.endswith(_SENTENCE_END):
            verdicts.append(False)
        elif before.endswith((",", "-", ";")) or any(mark in before for mark in _SENTENCE_END):
            verdicts.append(True)  # text with sentences, stopped inside one
    return any(verdicts) or not verdicts
