"""Scanned minutes (images, image-only PDF pages) read by OCR, keeping the table.

Minutes are a ruled table (item number, topic, discussion, decision,
implementers), and plain OCR text loses its cells, so that decisions could no
longer be told apart. Each page image is therefore analysed before any text is
read, with Pillow, numpy and scipy only:

1. grey, binarised with Otsu's threshold, and resized if its letters are far
   from the size of body text at 300 dpi (judged by the median height of the
   pieces of ink, as a Bangla word is one piece; the page size may be a crop's
   and the stated dpi is often missing or wrong);
2. deskewed: the angle (within ±3°) that maximises the variance of the ink's
   row projection, where the rules and text lines line up, is turned back;
3. the rules are found as long thin runs of ink (a sliding-window ink fraction
   along rows or columns, then connected pieces), longer than the headline
   (মাত্রা) of a Bangla word or a letter's stem, and without letters hanging
   from them (the headlines of words set close can join into a long run), and
   painted white;
4. rules that cross form a grid; its row and column lines give the cells (a
   cell spanning columns or rows belongs to its first row and column, so that
   every row has the table's number of columns);
5. every cell, and every band of text between tables (letterhead, header lines,
   footer), is cut into its text lines (rows of ink between white gaps), and
   all lines of a page go to Tesseract (Bengali + English, `--psm 6`) in one
   call, as the pages of a multi-page TIFF: one call loads the model once, and
   a crop per line of a cell keeps Tesseract from running lines across columns
   (page CER on the scanned seed page when this was chosen: 1.0 % by lines of
   cells, 1.35 % by whole cells, 2.4 % by table rows, 3.4 % by whole page);
6. item numbers (a numbering column, or topics that begin with their number)
   are read again held to digits: alone, ০১. is where Bengali+English OCR
   fails most (read as Od.), and a wrong item number joins two items.

The text comes back as `layout` blocks: paragraphs in reading order (a new one
where the gap between lines is large) and tables of rows of cells. A table
that ends a page and one that starts the next with the same columns are one
table, and a first row without an item number that goes on with a broken
sentence completes the row the page broke.

Tesseract is optional (the `ocr` extra and the Debian packages tesseract-ocr,
tesseract-ocr-ben); without it `MissingDependencyError` says what to install.
pytesseract runs the program with an argument list, never through a shell.
"""

from __future__ import annotations

import io
import itertools
import os
import re
import struct
import tempfile
import threading
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import ndimage

from minutes_nlp.errors import CorruptInputError, InputTooLargeError, MissingDependencyError
from minutes_nlp.reading.layout import Block, Document, Paragraph, Table, append_page, join_lines, to_text

if TYPE_CHECKING:
    from PIL import Image

__all__ = ["INSTALL_HINT", "LANGUAGES", "available", "ocr_languages", "ocr_note", "ocr_pages", "read_image"]

#: Bengali for the text, English for the Latin words minutes hold (SOMS, URLs).
LANGUAGES = "ben+eng"
INSTALL_HINT = (
    "reading scans needs Tesseract with its Bengali model: apt-get install tesseract-ocr tesseract-ocr-ben; pip install 'minutes-nlp[ocr]'"
)
#: Pages are read at about this resolution (Tesseract's models are trained near it).
TARGET_DPI = 300
#: Median height in pixels of the pieces of ink of body text at TARGET_DPI.
_TEXT_HEIGHT = 26
MAX_PAGE_PIXELS = 60_000_000
MAX_FRAMES = 100
MAX_SKEW_DEGREES = 3.0
#: Seconds Tesseract may take over one page before the read is given up.
PAGE_TIMEOUT = 300

# One block of text per image; without textord_noise_rejrows=0 Tesseract drops a
# short line of a few large word blobs as noise (জেলা কার্যালয়, রাজশাহী vanished).
_TESSERACT_CONFIG = "--psm 6 -c textord_noise_rejrows=0"


# --------------------------------------------------------------- dependencies


def _tesseract(source: str | None = None) -> Any:
    """The pytesseract module, once Tesseract and its Bengali model are known to be there."""
    try:
        import pytesseract
    except ImportError:
        raise MissingDependencyError(f"{INSTALL_HINT} (pytesseract is not installed)", source) from None
    try:
        languages = set(pytesseract.get_languages())
    except (pytesseract.TesseractNotFoundError, OSError):
        raise MissingDependencyError(f"{INSTALL_HINT} (the tesseract program was not found)", source) from None
    except pytesseract.TesseractError as error:
        raise MissingDependencyError(f"{INSTALL_HINT} (tesseract failed: {_one_line(str(error))})", source) from None
    missing = [lang for lang in LANGUAGES.split("+") if lang not in languages]
    if missing:
        raise MissingDependencyError(f"{INSTALL_HINT} (Tesseract has no model for: {', '.join(missing)})", source)
    return pytesseract


def available() -> bool:
    """Whether scans can be read here: pytesseract, the tesseract program and its `ben` model."""
    try:
        _tesseract()
    except MissingDependencyError:
        return False
    return True


def ocr_languages() -> list[str]:
    """The languages the installed Tesseract can read ([] without Tesseract)."""
    try:
        import pytesseract
    except ImportError:
        return []
    try:
        return sorted(pytesseract.get_languages())
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError):
        return []


def ocr_note(pages: int) -> tuple[str, str]:
    """The note a reader attaches to text read by OCR from `pages` page images."""
    return ("ocr", f"read by OCR (Tesseract {LANGUAGES}) from {pages} page image(s); check names and numbers")


# ------------------------------------------------------------------ readers


def read_image(data: bytes, source: str | None = None) -> Document:
    """Read a scanned page image (PNG, JPEG, TIFF with one page per frame, GIF, …).

    Raises `CorruptInputError` for a damaged image (checked before Tesseract is
    looked for), `InputTooLargeError` past the size limits and
    `MissingDependencyError` without Tesseract or its Bengali model."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # PIL warns of damaged EXIF data; the read goes on
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise InputTooLargeError("the image has too many pixels", source) from None
    except _IMAGE_ERRORS as error:
        raise CorruptInputError(f"cannot open the image: {_reason(error)}", source) from None
    with image:
        count = _frame_count(image, source)
        frames = _frames(image, source)
        first = next(frames, None)  # decoded here, so that a damaged file fails before OCR starts
        if first is None:
            raise CorruptInputError("cannot open the image: it holds no picture", source)
        blocks = ocr_pages(itertools.chain([first], frames), source=source)
    return Document(to_text(blocks) if blocks else "", "image", [ocr_note(count)])


def ocr_pages(images: Iterable[Image.Image], *, source: str | None = None) -> list[Block]:
    """The paragraphs and tables of these page images, in reading order.

    Raises `MissingDependencyError` without Tesseract or its Bengali model."""
    tesseract = _tesseract(source)
    blocks: list[Block] = []
    for image in images:
        append_page(blocks, _read_page(_grey_page(image), tesseract, source))
    return blocks


_IMAGE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error)


_OBJECT_REPR = re.compile(r"\s*<[^<>]* at 0x[0-9a-f]+>")


def _reason(error: BaseException) -> str:
    from PIL import UnidentifiedImageError

    if isinstance(error, UnidentifiedImageError):
        return "damaged, or not an image format Pillow reads"
    return _one_line(_OBJECT_REPR.sub("", str(error))) or type(error).__name__


def _frame_count(image: Image.Image, source: str | None) -> int:
    try:
        count = int(getattr(image, "n_frames", 1))
    except _IMAGE_ERRORS as error:
        raise CorruptInputError(f"cannot open the image: {_reason(error)}", source) from None
    if count > MAX_FRAMES:
        raise InputTooLargeError(f"image of {count} pages (the limit is {MAX_FRAMES})", source)
    return count


def _frames(image: Image.Image, source: str | None) -> Iterator[Image.Image]:
    """Each frame (page) of an image file, decoded, upright and grey, one at a time."""
    from PIL import Image, ImageOps, ImageSequence

    frames = ImageSequence.Iterator(image)
    while True:
        try:
            frame = next(frames)
            if frame.width * frame.height > MAX_PAGE_PIXELS:
                raise InputTooLargeError(f"image page of {frame.width}×{frame.height} pixels (the limit is {MAX_PAGE_PIXELS:,})", source)
            frame.load()
            # A copy: the sequence reuses one object for every frame. Phone photos carry their turn in EXIF.
            page = _grey_page(ImageOps.exif_transpose(frame.copy()))
        except StopIteration:
            return
        except Image.DecompressionBombError:
            raise InputTooLargeError("the image has too many pixels", source) from None
        except _IMAGE_ERRORS as error:
            raise CorruptInputError(f"cannot open the image: {_reason(error)}", source) from None
        yield page


def _grey_page(image: Image.Image) -> Image.Image:
    """8-bit grey on white: transparency flattened, 16-bit and float scaled."""
    from PIL import Image

    if image.mode == "L":
        return image
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        values = np.asarray(image, dtype=np.float64)
        top = float(values.max()) or 1.0
        return Image.fromarray(np.clip(values * (255.0 / top), 0, 255).astype(np.uint8))
    if image.mode in ("RGBA", "LA", "PA", "P") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("L")
    return image.convert("L")


# --------------------------------------------------------------- page analysis


@dataclass(slots=True)
class _Rule:
    """A ruled line: `at` is its y (horizontal) or x (vertical); it runs from `start` to `end`."""

    at: float
    start: int
    end: int
    thickness: int


@dataclass(slots=True)
class _Cell:
    row: int
    column: int
    box: tuple[int, int, int, int]  # left, top, right, bottom inside the rules


@dataclass(slots=True)
class _Grid:
    box: tuple[int, int, int, int]
    rows: int
    columns: int
    cells: list[_Cell]


@dataclass(slots=True)
class _Layout:
    """A page made ready for OCR: straightened, rules painted out, tables found."""

    grey: np.ndarray
    threshold: int
    grids: list[_Grid]
    unit: float  # the size of the letters against body text at 300 dpi


def _analyse(page: Image.Image) -> _Layout | None:
    """Straighten the page, find its tables and paint out its rules; None for a blank page."""
    from PIL import Image

    grey = np.asarray(page)
    threshold = _otsu(grey)
    ink = grey <= threshold
    if not 1e-4 <= ink.mean() <= 0.6:
        return None  # blank paper (Otsu then splits its grain) or a black frame
    unit = _text_scale(ink)
    if not 0.75 <= unit <= 1.6:
        # Tesseract reads text of about the size it was trained on: small scans are
        # enlarged, very large ones reduced, by the size of their letters (not of the
        # page, which may be a crop, nor its stated dpi, often missing or wrong).
        size = (max(1, round(page.width / unit)), max(1, round(page.height / unit)))
        page = page.resize(size, Image.Resampling.LANCZOS)
        grey = np.asarray(page)
        ink = grey <= threshold
        unit = 1.0
    angle = _skew_angle(ink)
    if abs(angle) >= 0.05:
        page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
        grey = np.asarray(page)
        ink = grey <= threshold
    height, width = grey.shape
    # A rule is longer than a word's headline (a 14 pt word is under 500 px at
    # 300 dpi) or a letter's stem (under 80 px), and thin; the headlines of a line
    # of words set close together can still join into one long run, but letters
    # hang from a headline and not from a rule.
    horizontal = [
        rule
        for rule in _rules(ink, 1, round(100 * unit), max(round(width / 6), round(400 * unit)))
        if rule.thickness <= 20 * unit and _hanging(ink, rule, round(8 * unit)) < 0.4
    ]
    vertical = [rule for rule in _rules(ink, 0, round(60 * unit), round(80 * unit)) if rule.thickness <= 20 * unit]
    tolerance = 12 * unit
    grids = _grids(horizontal, vertical, tolerance=tolerance, min_cell=25 * unit)
    clean = grey.copy()
    for rule in horizontal:
        _erase_rule(clean, ink, rule, vertical=False)
    for rule in vertical:
        # A short upright run is a rule only where it meets a horizontal one (else a tall letter's stem).
        if rule.end - rule.start >= 300 * unit or any(_cross(h, rule, tolerance) for h in horizontal):
            _erase_rule(clean, ink, rule, vertical=True)
    return _Layout(clean, threshold, grids, unit)


def _hanging(ink: np.ndarray, rule: _Rule, depth: int) -> float:
    """The share of a horizontal rule's length with ink just below it, as letters
    hang from a headline (about 0.6) but seldom touch a ruled line (under 0.2)."""
    below = round(rule.at) + rule.thickness // 2 + 2
    return float(ink[below:below + depth, rule.start:rule.end].any(axis=0).mean()) if below < ink.shape[0] else 0.0


def _cross(horizontal: _Rule, vertical: _Rule, tolerance: float) -> bool:
    return (
        horizontal.start - tolerance <= vertical.at <= horizontal.end + tolerance
        and vertical.start - tolerance <= horizontal.at <= vertical.end + tolerance
    )


def _text_scale(ink: np.ndarray) -> float:
    """The size of the page's letters against body text at 300 dpi (1.0), from the
    median height of its pieces of ink: a Bangla word is one piece, joined by its
    headline, and 10–12 pt body text at 300 dpi gives a median of 26 px."""
    labels, count = ndimage.label(ink)
    if count < 20:
        return 1.0
    boxes = [found for found in ndimage.find_objects(labels) if found is not None]
    heights = np.array([rows.stop - rows.start for rows, _ in boxes])
    widths = np.array([columns.stop - columns.start for _, columns in boxes])
    # Not dust, dots or rules.
    words = heights[(heights >= 5) & (widths >= 5) & (heights <= 10 * _TEXT_HEIGHT)]
    if len(words) < 20:
        return 1.0
    return float(np.median(words)) / _TEXT_HEIGHT


# ---------------------------------------------------------- rules and grids


def _otsu(grey: np.ndarray) -> int:
    """Otsu's threshold: the grey level that best separates ink from paper."""
    hist = np.bincount(grey.ravel(), minlength=256).astype(np.float64)
    p = hist / hist.sum()
    weight = np.cumsum(p)
    mean = np.cumsum(p * np.arange(256))
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean[-1] * weight - mean) ** 2 / (weight * (1.0 - weight))
    between = np.nan_to_num(between)
    return int(np.argmax(between))


def _skew_angle(ink: np.ndarray) -> float:
    """The angle, in degrees as `Image.rotate` takes it, that straightens the page.

    Rows of ink are sharpest (their projection's variance is largest) when the
    rules and text lines lie flat; a small turn is a shear, so each angle costs
    one `bincount` of the ink pixels' sheared row numbers."""
    ys, xs = np.nonzero(ink[::2, ::2])  # half resolution is plenty for a tenth of a degree
    if len(ys) < 1000:
        return 0.0
    ys = ys.astype(np.float64)
    xs = xs.astype(np.float64)

    def sharpness(angle: float) -> float:
        rows = np.round(ys - xs * np.tan(np.radians(angle))).astype(np.int64)
        counts = np.bincount(rows - rows.min()).astype(np.float64)
        return float(np.dot(counts, counts))

    coarse = np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 1e-9, 0.1)
    best = float(coarse[int(np.argmax([sharpness(a) for a in coarse]))])
    fine = np.arange(best - 0.1, best + 0.1 + 1e-9, 0.02)
    return float(fine[int(np.argmax([sharpness(a) for a in fine]))])


def _long_runs(ink: np.ndarray, axis: int, window: int) -> np.ndarray:
    """Ink pixels on runs along `axis` at least about `window` long (small gaps bridged)."""
    fraction = ndimage.uniform_filter1d(ink.astype(np.float32), window, axis=axis, mode="constant")
    core = fraction >= 0.9
    spread = ndimage.uniform_filter1d(core.astype(np.float32), window, axis=axis, mode="constant") > 0
    return spread & ink


def _rules(ink: np.ndarray, axis: int, window: int, min_length: int) -> list[_Rule]:
    """Ruled lines along `axis` (1: horizontal, 0: vertical), collinear pieces joined."""
    runs = _long_runs(ink, axis, window)
    labels, count = ndimage.label(runs, structure=np.ones((3, 3), dtype=bool))
    pieces: list[_Rule] = []
    for index, found in enumerate(ndimage.find_objects(labels), start=1):
        if found is None:
            continue
        across, along = (found[0], found[1]) if axis == 1 else (found[1], found[0])
        # The centre line of the piece, weighted by its ink (a letter touching it does not move it much).
        mask = labels[found] == index
        weights = mask.sum(axis=1 if axis == 1 else 0).astype(np.float64)
        centre = across.start + float(np.dot(np.arange(len(weights)), weights) / max(weights.sum(), 1.0))
        pieces.append(_Rule(centre, along.start, along.stop, across.stop - across.start))
    pieces.sort(key=lambda rule: (rule.at, rule.start))
    joined: list[_Rule] = []
    # Pieces of one rule broken by a faint stretch of a few pixels are joined; words
    # on a text line are further apart than this.
    tolerance = max(4, window // 8)
    for piece in pieces:
        for rule in joined:
            if abs(rule.at - piece.at) <= tolerance and piece.start <= rule.end + tolerance and piece.end >= rule.start - tolerance:
                rule.start, rule.end = min(rule.start, piece.start), max(rule.end, piece.end)
                rule.thickness = max(rule.thickness, piece.thickness)
                break
        else:
            joined.append(piece)
    return [rule for rule in joined if rule.end - rule.start >= min_length]


def _cluster(values: list[float], tolerance: float) -> list[float]:
    """Values within `tolerance` of each other as one (their mean), sorted."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= tolerance:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(group) / len(group) for group in groups]


def _grids(horizontal: list[_Rule], vertical: list[_Rule], tolerance: float, min_cell: float) -> list[_Grid]:
    """Tables: groups of horizontal and vertical rules that cross each other."""
    # Union-find over all rules; a horizontal and a vertical rule that cross are joined.
    parent = list(range(len(horizontal) + len(vertical)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if _cross(h, v, tolerance):
                parent[root(i)] = root(len(horizontal) + j)
    groups: dict[int, tuple[list[_Rule], list[_Rule]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(root(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(root(len(horizontal) + j), ([], []))[1].append(v)

    grids: list[_Grid] = []
    for hs, vs in groups.values():
        if not hs or not vs or len(hs) + len(vs) < 4:
            continue
        grid = _grid(hs, vs, tolerance, min_cell)
        if grid is not None:
            grids.append(grid)
    grids.sort(key=lambda grid: grid.box[1])
    return grids


def _grid(hs: list[_Rule], vs: list[_Rule], tolerance: float, min_cell: float) -> _Grid | None:
    """The cells of one table from its rules; None for a frame around a single box.

    Column lines are the vertical rules, row lines the horizontal ones (a double
    rule counts once). A cell spans columns where no vertical rule crosses the
    row, and rows where no horizontal rule crosses the column; it belongs to its
    first row and column, so that every row keeps the table's number of columns."""
    left, right = min(h.start for h in hs), max(h.end for h in hs)
    top, bottom = min(v.start for v in vs), max(v.end for v in vs)
    # A missing outer rule (a table drawn without side borders, or cut by the page) is
    # stood in for by the ends of the rules that cross it.
    xs = _cluster([v.at for v in vs] + [left, right], min_cell)
    ys = _cluster([h.at for h in hs] + [top, bottom], min_cell)
    if len(xs) < 2 or len(ys) < 2:
        return None
    inset = int(max([h.thickness for h in hs] + [v.thickness for v in vs]) / 2 + 3)

    def ruled(rules: list[_Rule], at: float, across: float) -> bool:
        """Whether one of `rules` lies at `at` and reaches `across`."""
        return any(abs(r.at - at) <= tolerance and r.start - tolerance <= across <= r.end + tolerance for r in rules)

    spans: list[list[int]] = []  # row, column, last column, last row line
    open_cells: dict[tuple[int, int], int] = {}  # (first, last column) -> index in spans, for cells that may go on down
    for row, (y0, y1) in enumerate(zip(ys, ys[1:], strict=False)):
        middle = (y0 + y1) / 2
        bounds = [0] + [k for k in range(1, len(xs) - 1) if ruled(vs, xs[k], middle)] + [len(xs) - 1]
        still_open: dict[tuple[int, int], int] = {}
        for a, b in zip(bounds, bounds[1:], strict=False):
            index = open_cells.get((a, b))
            if index is not None and row > 0 and not ruled(hs, y0, (xs[a] + xs[b]) / 2):
                spans[index][3] = row + 1  # no rule above: the cell above goes on
            else:
                index = len(spans)
                spans.append([row, a, b, row + 1])
            still_open[(a, b)] = index
        open_cells = still_open
    rows = sorted({span[0] for span in spans})
    renumber = {row: k for k, row in enumerate(rows)}
    cells = [
        _Cell(renumber[row], a, (int(xs[a]) + inset, int(ys[row]) + inset, int(xs[b]) - inset, int(ys[last]) - inset))
        for row, a, b, last in spans
    ]
    if len(cells) < 2:
        return None
    return _Grid((int(xs[0]), int(ys[0]), int(xs[-1]), int(ys[-1])), len(rows), len(xs) - 1, cells)


def _erase_rule(grey: np.ndarray, ink: np.ndarray, rule: _Rule, *, vertical: bool) -> None:
    """Paint a rule white, so that it is not read as a letter (| or _)."""
    reach = rule.thickness // 2 + 3
    at = round(rule.at)
    if vertical:
        box = (slice(rule.start, rule.end), slice(max(0, at - reach), at + reach + 1))
    else:
        box = (slice(max(0, at - reach), at + reach + 1), slice(rule.start, rule.end))
    # Only the ink on long runs along the rule, so that letters touching it keep their strokes.
    runs = _long_runs(ink[box], 0 if vertical else 1, max(8, (rule.end - rule.start) // 20))
    grey[box][runs] = 255


# ------------------------------------------------------------------ one page


@dataclass(slots=True)
class _Region:
    """An image sent to Tesseract: a line of a table cell or of the text around the
    tables, cut from the page at `origin`."""

    image: Image.Image
    origin: tuple[int, int]
    cell: tuple[int, int, int] | None = None  # table, row, column; None outside the tables


@dataclass(slots=True)
class _Word:
    text: str
    box: tuple[float, float, float, float]  # left, top, right, bottom on the page
    line: tuple[int, int, int, int]  # region, block, paragraph, line as Tesseract numbered them

    @property
    def centre(self) -> tuple[float, float]:
        return (self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2


@dataclass(slots=True)
class _Line:
    words: list[_Word]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def top(self) -> float:
        return min(word.box[1] for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.box[3] for word in self.words)


def _read_page(page: Image.Image, tesseract: Any, source: str | None) -> list[Block]:
    layout = _analyse(page)
    if layout is None:
        return []
    unit = layout.unit
    cutter = _Cutter(layout.grey, layout.threshold, speck=max(4, round(12 * unit * unit)), margin=round(12 * unit))
    regions = _bands(cutter, layout.grids)
    for index, grid in enumerate(layout.grids):
        for cell in grid.cells:
            for region in cutter.cut(cell.box):
                region.cell = (index, cell.row, cell.column)
                regions.append(region)
    if not regions:
        return []
    words = _recognise(regions, tesseract, LANGUAGES, _TESSERACT_CONFIG, source)
    outside: list[_Word] = []
    in_cells: dict[tuple[int, int, int], list[_Word]] = {}
    for index, region_words in _by_region(words).items():
        key = regions[index].cell
        if key is None:
            outside.extend(region_words)
        else:
            in_cells.setdefault(key, []).extend(region_words)
    _reread_numbers(in_cells, regions, cutter, tesseract, source)
    cells = {key: join_lines([line.text for line in _lines(cell_words)]) for key, cell_words in in_cells.items()}
    return _blocks(cells, outside, layout.grids)


class _Cutter:
    """Cuts the text lines of a box out of the page (rules painted out), each on a white margin."""

    def __init__(self, grey: np.ndarray, threshold: int, speck: int, margin: int) -> None:
        self.grey, self.threshold, self.speck, self.margin = grey, threshold, speck, margin

    def cut(self, box: tuple[int, int, int, int], blank: list[tuple[int, int, int, int]] | None = None) -> list[_Region]:
        """The text lines of `box`, the `blank` boxes painted white; [] when it is blank."""
        from PIL import Image

        height, width = self.grey.shape
        left, top, right, bottom = max(0, box[0]), max(0, box[1]), min(width, box[2]), min(height, box[3])
        if right - left < 4 or bottom - top < 4:
            return []
        area = self.grey[top:bottom, left:right]
        if blank:
            area = area.copy()
            for x0, y0, x1, y1 in blank:
                area[max(0, y0 - top):max(0, y1 - top), max(0, x0 - left):max(0, x1 - left)] = 255
        ink = _without_specks(area <= self.threshold, self.speck)
        m = self.margin
        regions: list[_Region] = []
        for y0, y1 in _text_lines(ink):
            columns = np.flatnonzero(ink[y0:y1].any(axis=0))
            x0, x1 = int(columns[0]), int(columns[-1]) + 1
            inner = area[y0:y1, x0:x1]
            framed = np.full((inner.shape[0] + 2 * m, inner.shape[1] + 2 * m), 255, dtype=np.uint8)
            framed[m:m + inner.shape[0], m:m + inner.shape[1]] = inner
            regions.append(_Region(Image.fromarray(framed), (left + x0 - m, top + y0 - m)))
        return regions


def _without_specks(ink: np.ndarray, min_pixels: int) -> np.ndarray:
    """The ink of a crop without the specks of dust (pieces under `min_pixels`)."""
    labels, count = ndimage.label(ink)
    if count == 0:
        return ink
    sizes = ndimage.sum_labels(ink, labels, index=np.arange(1, count + 1))
    keep = np.zeros(count + 1, dtype=bool)
    keep[1:] = sizes >= min_pixels
    return keep[labels]


def _text_lines(ink: np.ndarray) -> list[tuple[int, int]]:
    """Row ranges of the text lines of a crop: runs of rows with ink. A run much
    thinner than the others (marks above a line cut off by a gap, a stray dot)
    joins its nearer neighbour."""
    rows = ink.any(axis=1).astype(np.int8)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], rows, [0]))))
    runs = [[int(a), int(b)] for a, b in zip(edges[::2], edges[1::2], strict=True)]
    if len(runs) < 2:
        return [(a, b) for a, b in runs]
    typical = float(np.median([b - a for a, b in runs]))
    changed = True
    while changed and len(runs) > 1:
        changed = False
        for k, (a, b) in enumerate(runs):
            if b - a >= 0.45 * typical:
                continue
            above = a - runs[k - 1][1] if k > 0 else None
            below = runs[k + 1][0] - b if k + 1 < len(runs) else None
            other = k - 1 if below is None or (above is not None and above <= below) else k + 1
            runs[other] = [min(runs[other][0], a), max(runs[other][1], b)]
            del runs[k]
            changed = True
            break
    return [(a, b) for a, b in runs]


def _bands(cut: _Cutter, grids: list[_Grid]) -> list[_Region]:
    """The text outside the tables: a band above each table, beside it, and below the last."""
    height, width = cut.grey.shape
    boxes = [grid.box for grid in grids]
    pad = cut.margin
    regions: list[_Region] = []
    cursor = 0
    for _, top, _, bottom in boxes:
        if top > cursor:
            regions.extend(cut.cut((0, cursor, width, top - pad)))
        regions.extend(cut.cut((0, top - pad, width, bottom + pad), blank=[(x0 - pad, y0 - pad, x1 + pad, y1 + pad) for x0, y0, x1, y1 in boxes]))
        cursor = max(cursor, bottom + pad)
    regions.extend(cut.cut((0, cursor, width, height)))
    return regions


def _recognise(regions: list[_Region], tesseract: Any, languages: str, config: str, source: str | None) -> list[_Word]:
    """The words of all regions, read by one Tesseract run over a multi-page TIFF."""
    images = [region.image for region in regions]
    with tempfile.TemporaryDirectory(prefix="minutes-ocr-") as folder:
        path = Path(folder) / "regions.tif"
        images[0].save(path, format="TIFF", save_all=True, append_images=images[1:], compression="tiff_lzw", dpi=(TARGET_DPI, TARGET_DPI))
        try:
            with _one_thread():
                data = tesseract.image_to_data(
                    str(path), lang=languages, config=config, output_type=tesseract.Output.DICT, timeout=PAGE_TIMEOUT
                )
        except tesseract.TesseractNotFoundError:
            raise MissingDependencyError(f"{INSTALL_HINT} (the tesseract program was not found)", source) from None
        except tesseract.TesseractError as error:
            raise CorruptInputError(f"Tesseract could not read the page: {_one_line(str(error))}", source) from None
        except RuntimeError:  # pytesseract's timeout
            raise InputTooLargeError(f"OCR of one page took more than {PAGE_TIMEOUT} s", source) from None
    words: list[_Word] = []
    for i, text in enumerate(data["text"]):
        text = str(text).strip()
        if int(data["level"][i]) != 5 or not text or _is_noise(text, float(data["conf"][i])):
            continue
        index = int(data["page_num"][i]) - 1
        region = regions[index]
        x, y = region.origin
        left, top = int(data["left"][i]) + x, int(data["top"][i]) + y
        box = (left, top, left + int(data["width"][i]), top + int(data["height"][i]))
        words.append(_Word(text, box, (index, int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))))
    return words


_thread_limit_lock = threading.Lock()
_thread_limit_users = 0
_thread_limit_set = False


@contextmanager
def _one_thread() -> Iterator[None]:
    """Tesseract started with OMP_THREAD_LIMIT=1, unless the user chose a limit.

    Its OpenMP threads make it two to three times slower on crops this small,
    the more so on a busy machine (measured: 4 s against 13 s a page on two
    cores); batches are parallel across documents instead. pytesseract passes
    the process environment, so the variable is set for the duration of the
    calls (counted, for threads reading at the same time) and then removed."""
    global _thread_limit_users, _thread_limit_set
    with _thread_limit_lock:
        if _thread_limit_users == 0:
            _thread_limit_set = "OMP_THREAD_LIMIT" not in os.environ
            if _thread_limit_set:
                os.environ["OMP_THREAD_LIMIT"] = "1"
        _thread_limit_users += 1
    try:
        yield
    finally:
        with _thread_limit_lock:
            _thread_limit_users -= 1
            if _thread_limit_users == 0 and _thread_limit_set:
                os.environ.pop("OMP_THREAD_LIMIT", None)


_LETTER_OR_DIGIT = re.compile(r"[\w\u0980-\u09ff]")


def _is_noise(word: str, confidence: float) -> bool:
    """A dust speck read as a mark: no letter or digit, and Tesseract unsure of it."""
    return confidence < 50 and not _LETTER_OR_DIGIT.search(word)


def _by_region(words: list[_Word]) -> dict[int, list[_Word]]:
    grouped: dict[int, list[_Word]] = {}
    for word in words:
        grouped.setdefault(word.line[0], []).append(word)
    return grouped


_BANGLA_LETTER = re.compile("[\u0980-\u09e5\u09f0-\u09ff]")  # the Bengali block but its digits
_BANGLA_DIGIT = re.compile("[\u09e6-\u09ef]")
_ASCII_NUMBER = re.compile(r"^[0-9]{1,3}[.)]?$")
# Per script of the numbers: the model, and the characters an item number is written with.
_NUMBER_READING = {
    "bangla": ("ben", "--psm 7 -c textord_noise_rejrows=0 -c tessedit_char_whitelist=০১২৩৪৫৬৭৮৯.)(।:ঃ-"),
    "ascii": ("eng", "--psm 7 -c textord_noise_rejrows=0 -c tessedit_char_whitelist=0123456789.)(:-"),
}


def _looks_like_number(text: str) -> bool:
    """Short and without a Bangla letter: an item number, perhaps misread (০১. as Od.)."""
    text = text.strip()
    return 0 < len(text) <= 6 and not _BANGLA_LETTER.search(text) and not any(c.isspace() for c in text)


def _reread_numbers(
    in_cells: dict[tuple[int, int, int], list[_Word]], regions: list[_Region], cutter: _Cutter, tesseract: Any, source: str | None
) -> None:
    """Read the item numbers of a table again, held to digits.

    Read alone, a short number is where Bengali+English OCR fails most (০১. as
    Od., ০৪. as 08,) and a wrong number joins two items. A column in which most
    cells below the first hold one short word without a Bangla letter is a
    numbering column; one in which most begin with such a word, one of them
    read with a digit, holds topics that begin with their number. Those words
    (and the cells of a numbering column read as nothing) are read again with
    the Bengali model held to Bangla digits and the marks that follow a number,
    or with the English one held to ASCII digits when the column is cleanly
    written in those."""
    firsts: dict[tuple[int, int, int], _Word] = {}
    for key, words in in_cells.items():
        lines = _lines(words)
        if lines:
            firsts[key] = lines[0].words[0]
    inked = {region.cell for region in regions if region.cell is not None}
    columns: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
    for key in inked:
        columns.setdefault((key[0], key[2]), []).append(key)

    wanted: dict[str, list[tuple[tuple[int, int, int], _Region]]] = {"bangla": [], "ascii": []}
    for keys in columns.values():
        # The first row is left out of the count: it may be the header (ক্রম).
        body = [key for key in keys if key[1] > 0] or keys
        counted = [key for key in body if key in firsts and _looks_like_number(firsts[key].text)]
        if not counted or 3 * len(counted) < 2 * len([key for key in body if key in firsts]):
            continue
        whole = all(len(in_cells[key]) == 1 for key in counted)  # a number is all these cells hold
        if not whole and not any(char.isdigit() for key in counted for char in firsts[key].text):
            continue  # short Latin words starting texts are not numbers unless one reads as digits
        numbers = [key for key in keys if key in firsts and _looks_like_number(firsts[key].text)]
        clean_ascii = {key for key in numbers if _ASCII_NUMBER.match(firsts[key].text)}
        bangla = not clean_ascii or any(_BANGLA_DIGIT.search(firsts[key].text) for key in numbers)
        script = "bangla" if bangla else "ascii"
        for key in numbers:
            if script == "ascii" and key in clean_ascii:
                continue
            left, top, right, bottom = (round(v) for v in firsts[key].box)
            pad = cutter.margin // 2
            wanted[script].extend((key, region) for region in cutter.cut((left - pad, top - pad, right + pad, bottom + pad))[:1])
        if whole:
            # A numbering column: its cells read as nothing are read again too.
            unread = set(keys) - set(firsts)
            wanted[script].extend((region.cell, region) for region in regions if region.cell is not None and region.cell in unread)

    for script, items in wanted.items():
        if not items:
            continue
        languages, config = _NUMBER_READING[script]
        words = _recognise([region for _, region in items], tesseract, languages, config, source)
        for index, region_words in _by_region(words).items():
            key = items[index][0]
            text = "".join(word.text for line in _lines(region_words) for word in line.words)
            if not text:
                continue
            if key in firsts:
                firsts[key].text = text
            else:
                word = region_words[0]
                in_cells[key] = [_Word(text, word.box, word.line)]


def _blocks(cells: dict[tuple[int, int, int], str], outside: list[_Word], grids: list[_Grid]) -> list[Block]:
    """The tables and the paragraphs around them, in reading order."""
    blocks: list[Block] = []
    cursor = float("-inf")
    for index, grid in enumerate(grids):
        left, top, right, bottom = grid.box
        blocks.extend(_paragraphs([w for w in outside if cursor <= w.centre[1] < top]))
        table = Table([[""] * grid.columns for _ in range(grid.rows)])
        for (k, row, column), text in cells.items():
            if k == index:
                table.rows[row][column] = text
        table.rows = [row for row in table.rows if any(row)]
        if table.rows:
            blocks.append(table)
        blocks.extend(_paragraphs([w for w in outside if top <= w.centre[1] < bottom]))
        cursor = max(cursor, bottom)
    blocks.extend(_paragraphs([w for w in outside if w.centre[1] >= cursor]))
    return blocks


def _lines(words: list[_Word]) -> list[_Line]:
    """Words grouped in the lines Tesseract found, top to bottom, each read left to right."""
    grouped: dict[tuple[int, int, int, int], list[_Word]] = {}
    for word in words:
        grouped.setdefault(word.line, []).append(word)
    lines = [_Line(sorted(line_words, key=lambda w: w.box[0])) for line_words in grouped.values()]
    lines.sort(key=lambda line: (line.top + line.bottom) / 2)
    return lines


def _paragraphs(words: list[_Word]) -> list[Block]:
    """Lines of text outside the tables, a paragraph break where the gap between lines is large."""
    lines = _lines(words)
    if not lines:
        return []
    heights = sorted(line.bottom - line.top for line in lines)
    gap_limit = 0.6 * heights[len(heights) // 2]
    paragraphs: list[list[str]] = [[lines[0].text]]
    for before, line in zip(lines, lines[1:], strict=False):
        if line.top - before.bottom > gap_limit:
            paragraphs.append([])
        paragraphs[-1].append(line.text)
    return [Paragraph("\n".join(paragraph)) for paragraph in paragraphs]


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]
