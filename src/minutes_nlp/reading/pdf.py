"""PDF: the text layer read into paragraphs and tables; scanned pages by OCR.

Three libraries, each for what it does best:

- **pdfium** (pypdfium2) reads the characters. Office programs write Bangla
  clusters with multi-character ToUnicode entries that pdfminer scrambles
  (`(cid:14)` holes, a vowel sign carrying its consonant); pdfium maps them as
  written and gives every character a box.
- **pdfplumber** finds the ruled tables (its edge merging and table finder).
  The cells are then cut by the rules that cross a whole row or the whole
  table, so a table nested inside a cell stays inside that cell instead of
  splitting the agenda table's columns. pdfminer, under it, also gives the
  word spaces: office programs write space glyphs that pdfium drops.
- **OCR** (`ocr.ocr_pages`) reads pages without a text layer.

Characters are grouped into lines by their baselines and, within a line, into
glyph clusters (a character lying mostly inside the box of the ones before it
belongs to their cluster, in content order); clusters are put left to right,
since producers write a line's Latin and Bangla parts, and the marks below a
word, as separate runs. A cell's lines are joined with spaces, a paragraph's
wrapped lines joined again. `bangla_repair.repair` then fixes the visual-order
artefacts that some producers leave (pre-base vowel signs, reph, spaces inside
a conjunct).
"""

from __future__ import annotations

import bisect
import ctypes
import io
import re
from dataclasses import dataclass
from statistics import median
from typing import TYPE_CHECKING, Any

from minutes_nlp.errors import CorruptInputError, InputTooLargeError, UnsupportedFormatError
from minutes_nlp.reading.bangla_repair import repair
from minutes_nlp.reading.layout import Block, Document, Paragraph, Table, append_page, join_lines, to_text

if TYPE_CHECKING:
    import pypdfium2

#: Minutes are a few pages; a PDF longer than this is not minutes (and would take long).
MAX_PAGES = 200
#: A page with fewer characters than this and an image is taken as scanned.
MIN_TEXT_CHARS = 20
#: Resolution of page images handed to OCR.
OCR_DPI = 300

# How far (pt) a rule may fall short of the edge it should reach, and how close
# rules must be to be the same rule.
_RULE_TOLERANCE = 2.0
# Characters whose baselines differ by less than this (pt) are on one line.
_BASELINE_TOLERANCE = 1.5


@dataclass(slots=True)
class _Char:
    text: str
    x0: float
    x1: float
    top: float  # from the top of the page, like pdfplumber
    bottom: float
    baseline: float  # from the top of the page
    order: int


@dataclass(slots=True)
class _Grid:
    """One table on one page: its rows, each with its column boundaries."""

    top: float
    bottom: float
    x0: float
    x1: float
    rows: list[tuple[float, float, list[float]]]  # (top, bottom, column boundaries)


def read(data: bytes, source: str | None = None) -> Document:
    """Read a PDF: text-layer pages as paragraphs and tables, scanned pages by OCR."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        message = str(error)
        if "password" in message.lower():
            raise UnsupportedFormatError("the PDF is password-protected", source) from None
        raise CorruptInputError(f"damaged PDF file ({message.rstrip('.')})", source) from None
    try:
        return _read_pdf(pdf, data, source)
    finally:
        pdf.close()


def _read_pdf(pdf: pypdfium2.PdfDocument, data: bytes, source: str | None) -> Document:
    pages = len(pdf)
    if pages == 0:
        raise CorruptInputError("the PDF has no pages", source)
    if pages > MAX_PAGES:
        raise InputTooLargeError(f"PDF of {pages} pages (the limit is {MAX_PAGES})", source)
    blocks: list[Block] = []
    scanned: list[int] = []  # pages without a text layer, waiting to be read by OCR together
    scanned_pages = 0
    table_ran_to_page_end = False
    right = 0.0
    plumber = _open_plumber(data)
    try:
        for index in range(pages):
            chars, guessed_spaces = _page_chars(pdf, index, source)
            if len(chars) < MIN_TEXT_CHARS and _has_image(pdf, index):
                scanned.append(index)
                continue
            if scanned:
                append_page(blocks, _ocr_pages(pdf, scanned, source), row_broken=False)
                scanned_pages += len(scanned)
                scanned, table_ran_to_page_end = [], False
            grids, spaces = _page_rules_and_spaces(plumber, index) if plumber is not None else ([], None)
            # The text column's right edge, widest on the pages so far (a last page may hold short lines only).
            right = max([right, *(c.x1 for c in chars), *(g.x1 for g in grids)])
            page_blocks = _page_blocks(chars, grids, guessed_spaces if spaces is None else spaces, right)
            append_page(blocks, page_blocks, row_broken=table_ran_to_page_end)
            table_ran_to_page_end = _ends_with_table(page_blocks, grids, chars)
        if scanned:
            append_page(blocks, _ocr_pages(pdf, scanned, source), row_broken=False)
            scanned_pages += len(scanned)
    finally:
        if plumber is not None:
            _close(plumber)
    document = Document(repair(to_text(blocks)), "pdf")
    if scanned_pages:
        document.notes.append(
            ("ocr", f"{scanned_pages} of {pages} PDF page(s) had no text layer and were read by OCR (Tesseract); check names and numbers")
        )
    return document


def _open_plumber(data: bytes) -> Any:
    """pdfplumber for the rules of the tables; None when pdfminer cannot read the file
    (pdfium could, so the text is still read, without table structure)."""
    import pdfplumber

    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception:  # pdfminer's errors have no common base class
        return None


def _close(plumber: Any) -> None:
    try:
        plumber.close()  # parses what it has not yet parsed, so a damaged file can fail here
    except Exception:
        plumber.stream.close()


def _page_chars(pdf: pypdfium2.PdfDocument, index: int, source: str | None) -> tuple[list[_Char], list[tuple[float, float]]]:
    """The page's characters with their boxes, and the middles of the spaces pdfium guessed."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    try:
        page = pdf[index]
        height = page.get_height()
        textpage = page.get_textpage()
    except pypdfium2.PdfiumError as error:
        raise CorruptInputError(f"damaged PDF page {index + 1} ({error})", source) from None
    chars: list[_Char] = []
    guessed: list[tuple[float, float]] = []
    x, y = ctypes.c_double(), ctypes.c_double()
    for i in range(textpage.count_chars()):
        text = textpage.get_text_range(i, 1)
        if not text or text in "\r\n\x00\ufffe\uffff":
            continue
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        if pdfium_c.FPDFText_IsGenerated(textpage.raw, i):
            if text == " ":
                guessed.append(((left + right) / 2, height - (top + bottom) / 2))
            continue
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, i, ctypes.byref(x), ctypes.byref(y))
        chars.append(_Char(text, left, right, height - top, height - bottom, height - y.value, i))
    return chars, guessed


def _has_image(pdf: pypdfium2.PdfDocument, index: int) -> bool:
    import pypdfium2.raw as pdfium_c

    page = pdf[index]
    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def _ocr_pages(pdf: pypdfium2.PdfDocument, indexes: list[int], source: str | None) -> list[Block]:
    """Consecutive scanned pages, read by OCR in one go so that a table row the
    page broke is joined again; each page is rendered only when OCR reaches it."""
    from minutes_nlp.errors import MissingDependencyError
    from minutes_nlp.reading import ocr

    images = (pdf[index].render(scale=OCR_DPI / 72).to_pil() for index in indexes)
    try:
        return ocr.ocr_pages(images, source=source)
    except MissingDependencyError as error:
        raise MissingDependencyError(f"scanned PDF (page {indexes[0] + 1} has no text layer): {error.reason}", source) from None


# --- tables --------------------------------------------------------------------


def _page_rules_and_spaces(plumber: Any, index: int) -> tuple[list[_Grid], list[tuple[float, float]] | None]:
    """The page's tables, and the middles of its space glyphs (pdfium drops some
    of the spaces that office programs write; pdfminer keeps them all)."""
    from pdfplumber.table import merge_edges

    try:
        page = plumber.pages[index]
        tables = page.find_tables()
        edges = merge_edges(page.edges, _RULE_TOLERANCE, _RULE_TOLERANCE, _RULE_TOLERANCE, _RULE_TOLERANCE)
        spaces = [((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2) for c in page.chars if c["text"].isspace()]
    except Exception:  # a page pdfminer cannot lay out is read as lines
        return [], None
    horizontal = [e for e in edges if e["orientation"] == "h"]
    vertical = [e for e in edges if e["orientation"] == "v"]
    grids = []
    for table in tables:
        x0, top, x1, bottom = table.bbox
        grid = _grid(x0, top, x1, bottom, horizontal, vertical)
        if grid is not None:
            grids.append(grid)
    return grids, spaces


def _grid(x0: float, top: float, x1: float, bottom: float, horizontal: list[dict[str, Any]], vertical: list[dict[str, Any]]) -> _Grid | None:
    """The rows of a table: cut by rules spanning the whole table; each row's
    columns cut by rules spanning the whole row (a nested table's rules do not)."""
    tol = _RULE_TOLERANCE
    cuts = sorted(
        {round(e["top"], 1) for e in horizontal if e["x0"] <= x0 + tol and e["x1"] >= x1 - tol and top - tol <= e["top"] <= bottom + tol}
    )
    cuts = _dedupe(cuts)
    if len(cuts) < 2:
        return None
    rows = []
    for row_top, row_bottom in zip(cuts, cuts[1:], strict=False):
        columns = sorted(
            {round(e["x0"], 1) for e in vertical if e["top"] <= row_top + tol and e["bottom"] >= row_bottom - tol and x0 - tol <= e["x0"] <= x1 + tol}
        )
        columns = _dedupe(columns)
        if len(columns) >= 2:
            rows.append((row_top, row_bottom, columns))
    return _Grid(top, bottom, x0, x1, rows) if rows else None


def _dedupe(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in values:
        if not out or value - out[-1] > _RULE_TOLERANCE * 2:
            out.append(value)
    return out


# --- layout --------------------------------------------------------------------


def _page_blocks(chars: list[_Char], grids: list[_Grid], spaces: list[tuple[float, float]], right: float) -> list[Block]:
    """Paragraph lines and tables of one page, top to bottom; `right` is the
    right edge of the text column."""
    placed: list[tuple[float, Block]] = []
    outside: list[_Char] = []
    cells: dict[tuple[int, int, int], list[_Char]] = {}
    for char in chars:
        cx, cy = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
        where = _cell_of(cx, cy, grids)
        if where is None:
            outside.append(char)
        else:
            cells.setdefault(where, []).append(char)
    for g, grid in enumerate(grids):
        rows = []
        for r, (_, _, columns) in enumerate(grid.rows):
            rows.append([join_lines(_lines(cells.get((g, r, c), []), spaces)) for c in range(len(columns) - 1)])
        placed.append((grid.top, Table(rows)))
    for top, paragraph in _paragraphs(_line_groups(outside), spaces, grids, right):
        placed.append((top, paragraph))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


_LIST_MARKER = re.compile(r"^(?:[-•*] )?\(?[০-৯0-9ক-হ]{1,3}[।.)]")


def _paragraphs(lines: list[list[_Char]], spaces: list[tuple[float, float]], grids: list[_Grid], right: float) -> list[tuple[float, Paragraph]]:
    """Lines outside the tables as paragraphs. A line that runs to the right edge
    of the text (`right`) continues in the next line (a wrapped paragraph) when
    that one is close below, starts at the same left edge and does not start a
    list item. No blank lines are made: paragraph spacing differs from one
    producer to the next, and the parser reads header lines as consecutive."""
    texts = [(line, _line_text(line, spaces)) for line in lines]
    texts = [(line, text) for line, text in texts if text]
    if not texts:
        return []
    height = median(c.bottom - c.top for line, _ in texts for c in line)
    steps = [b[0].baseline - a[0].baseline for (a, _), (b, _) in zip(texts, texts[1:], strict=False)]
    pitch = median([step for step in steps if step < 3 * height] or [1.6 * height])
    out: list[tuple[float, Paragraph]] = []
    previous: list[_Char] | None = None
    for line, text in texts:
        if previous is not None:
            between = [g for g in grids if previous[0].baseline < g.top < line[0].baseline]
            step = line[0].baseline - previous[0].baseline
            wrapped = (
                max(c.x1 for c in previous) + _first_word_width(line, text) > right  # the next word did not fit
                and -2 * height <= min(c.x0 for c in line) - min(c.x0 for c in previous) <= 6 * height  # same margin or a hanging indent
                and not _LIST_MARKER.match(text)
            )
            if not between and step <= pitch * 1.25 and wrapped:
                out[-1][1].text += " " + text
                previous = line
                continue
        out.append((line[0].top, Paragraph(text)))
        previous = line
    return out


def _first_word_width(line: list[_Char], text: str) -> float:
    word = text.split(" ", 1)[0]
    ordered = sorted(line, key=lambda c: c.x0)
    return ordered[min(len(word), len(ordered)) - 1].x1 - ordered[0].x0


def _cell_of(x: float, y: float, grids: list[_Grid]) -> tuple[int, int, int] | None:
    for g, grid in enumerate(grids):
        if not (grid.top <= y <= grid.bottom and grid.x0 <= x <= grid.x1):
            continue
        for r, (row_top, row_bottom, columns) in enumerate(grid.rows):
            if row_top <= y <= row_bottom:
                for c in range(len(columns) - 1):
                    if columns[c] <= x <= columns[c + 1]:
                        return g, r, c
        return None  # on a rule or in a gap of the table: with the text outside
    return None


def _line_groups(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped into lines by their baseline (marks above and below a
    Bangla letter share its baseline; loose boxes of close lines overlap)."""
    lines: list[list[_Char]] = []
    for char in sorted(chars, key=lambda c: (c.baseline, c.order)):
        if lines and abs(char.baseline - lines[-1][0].baseline) <= _BASELINE_TOLERANCE:
            lines[-1].append(char)
        else:
            lines.append([char])
    for line in lines:
        line.sort(key=lambda c: c.order)
    return lines


def _line_text(line: list[_Char], spaces: list[tuple[float, float]]) -> str:
    """A line's glyph clusters left to right. Content order is no guide across
    clusters (producers write a line's Latin and Bangla parts as separate runs,
    and the marks below a word after its letters) but it is within one: a
    character whose box lies mostly inside the box of the characters before it
    belongs to their cluster. Word spaces come from `spaces` (middles of the
    file's space glyphs) and from gaps wider than a third of the line height."""
    height = median(c.bottom - c.top for c in line) if line else 0.0
    top, bottom = min(c.top for c in line), max(c.bottom for c in line)
    gaps = sorted(x for x, y in spaces if top <= y <= bottom)
    clusters: list[list[_Char]] = []
    for char in line:
        if clusters:
            left, right = clusters[-1][0].x0, max(c.x1 for c in clusters[-1])
            width = char.x1 - char.x0
            overlap = min(right, char.x1) - max(left, char.x0)
            if width > 0 and overlap > width / 2:
                clusters[-1].append(char)
                continue
        clusters.append([char])
    clusters.sort(key=lambda cluster: (cluster[0].x0 + cluster[0].x1) / 2)
    parts: list[str] = []
    previous: _Char | None = None
    for cluster in clusters:
        first = cluster[0]
        if previous is not None and first.text != " " and parts[-1] != " ":
            if first.x0 - previous.x1 > height / 3 or _space_between(previous, first, gaps):
                parts.append(" ")
        parts.extend(c.text for c in cluster)
        previous = max(cluster, key=lambda c: c.x1)
    return "".join(parts).strip()


def _space_between(a: _Char, b: _Char, gaps: list[float]) -> bool:
    left, right = (a.x0 + a.x1) / 2, (b.x0 + b.x1) / 2
    k = bisect.bisect_right(gaps, left)
    return k < len(gaps) and gaps[k] < right


def _lines(chars: list[_Char], spaces: list[tuple[float, float]]) -> list[str]:
    return [text for text in (_line_text(line, spaces) for line in _line_groups(chars)) if text]


def _ends_with_table(page: list[Block], grids: list[_Grid], chars: list[_Char]) -> bool:
    """Whether the page's last block is a table that reaches the bottom of the
    page's content: its last row was then most likely broken by the page."""
    if not page or not grids or not isinstance(page[-1], Table):
        return False
    lowest = max(grid.bottom for grid in grids)
    content_bottom = max([lowest, *(c.bottom for c in chars)])
    return lowest >= content_bottom - _RULE_TOLERANCE * 2
