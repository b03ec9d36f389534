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
