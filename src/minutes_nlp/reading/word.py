"""Word `.docx` files: the body's paragraphs and tables, in document order.

The ZIP package is checked before python-docx opens it (a readable archive, a
Word main part, sizes within limits, so that a ZIP bomb is refused unread).
The body is then walked as Word stores it: paragraphs and tables interleaved
(content controls unwrapped), so that the letterhead, the header block, the
agenda table and the footer keep their order. A paragraph's text is built run
by run, so that runs set in a legacy Bijoy font (SutonnyMJ …) are converted to
Unicode, and deleted revisions and text boxes are left out.

Tables keep their column grid, which is what the parser relies on to name the
columns by their header words: a horizontally merged cell is written once, in
the first column it covers, followed by empty cells for the other columns; a
vertically merged continuation is an empty cell (the parser reads a row with
an empty item number and topic as a further decision of the item above); a
two-level header (a merged "আলোচনা ও সিদ্ধান্ত" over "আলোচনা" | "সিদ্ধান্ত", the
other header cells merged down) becomes one header row of the leaf labels. A
table nested in a cell is flattened into the cell's text, row by row.

Word's automatic list numbers are not part of the text; they are counted from
`numbering.xml` and written before the paragraph ("1.", "a)", "•"), so
that an auto-numbered ক্রম column or distribution list keeps its numbers.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from minutes_nlp.errors import CorruptInputError, InputTooLargeError, UnsupportedFormatError
from minutes_nlp.reading import bijoy
from minutes_nlp.reading.layout import Block, Document, GridCell, Paragraph, Table, grid_rows, to_text

#: The main document part may not unpack to more than this (a ZIP bomb guard).
MAX_DOCUMENT_XML_BYTES = 64 * 1024 * 1024
#: Nor may the whole package (python-docx loads every part into memory).
MAX_PACKAGE_BYTES = 256 * 1024 * 1024
# Rows of a table's top that may form a two-level header.

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_OFFICE_DOCUMENT_REL = "/officeDocument"
_BANGLA = re.compile(r"[\u0980-\u09ff]")
_TABS = re.compile(r"[ ]*\t[\t ]*")


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


# ---------------------------------------------------------------------------
# Opening the package


def read(data: bytes, source: str | None = None) -> Document:
    """Read a Word `.docx` file into paragraphs and tab-separated table rows."""
    _check_package(data, source)
    document = _open(data, source)
    try:
        numbering = _Numbering(_numbering_element(document), document.styles.element)
        reader = _BodyReader(_StyleFonts(document.styles.element), numbering, bijoy.font_converter())
        blocks = list(reader.blocks(document.element.body))
    except (ValueError, TypeError, AttributeError) as error:  # malformed attribute values deep in the XML
        raise CorruptInputError(f"damaged Word file: {_short(error)}", source) from None
    notes: list[tuple[str, str]] = []
    if reader.bijoy_runs:
        fonts = ", ".join(sorted(reader.bijoy_fonts))
        notes.append(("bijoy", f"converted {reader.bijoy_runs} text run(s) in the legacy Bijoy font {fonts} to Unicode"))
    return Document(to_text(blocks), "docx", notes)


def _numbering_element(document: Any) -> Any:
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return None


def _check_package(data: bytes, source: str | None) -> None:
    """Refuse what is not a readable Word package, before python-docx reads it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise CorruptInputError(f"damaged Word file: not a readable ZIP archive, perhaps truncated ({_short(error)})", source) from None
    except (OSError, ValueError, EOFError, NotImplementedError) as error:
        raise CorruptInputError(f"damaged Word file: {_short(error)}", source) from None
    with archive:
        infos = {info.filename: info for info in archive.infolist()}
        main = _main_part(archive, infos, source)
        if main is None:
            raise UnsupportedFormatError(_not_word(archive, infos), source)
        if infos[main].file_size > MAX_DOCUMENT_XML_BYTES:
            raise InputTooLargeError(
                f"refused: {main} would unpack to {_mib(infos[main].file_size)} (limit {_mib(MAX_DOCUMENT_XML_BYTES)}; a ZIP bomb?)", source
            )
        total = sum(info.file_size for info in infos.values())
        if total > MAX_PACKAGE_BYTES:
            raise InputTooLargeError(f"refused: the Word package would unpack to {_mib(total)} (limit {_mib(MAX_PACKAGE_BYTES)}; a ZIP bomb?)", source)
        if any(info.flag_bits & 0x1 for info in infos.values()):
            raise CorruptInputError("cannot open the Word file: its ZIP parts are encrypted", source)


def _main_part(archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], source: str | None) -> str | None:
    """The Word main document part: the package relationship's target when it is
    a Word part, else the usual `word/document.xml`; None if there is none."""
    target = _office_document_target(archive, infos, source)
    if target is not None and target in infos and target.startswith("word/"):
        return target
    return "word/document.xml" if "word/document.xml" in infos else None


def _office_document_target(archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], source: str | None) -> str | None:
    info = infos.get("_rels/.rels")
    if info is None or info.file_size > 1024 * 1024:
        return None
    from lxml import etree

    try:
        root = etree.fromstring(archive.read(info), parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError) as error:
        raise CorruptInputError(f"damaged Word file: _rels/.rels cannot be read ({_short(error)})", source) from None
    for relationship in root:
        if str(relationship.get("Type", "")).endswith(_OFFICE_DOCUMENT_REL):
            return str(relationship.get("Target", "")).lstrip("/")
    return None


def _not_word(archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo]) -> str:
    """Why a ZIP file is not a Word document, naming what it is when it can."""
    mimetype = infos.get("mimetype")
    if mimetype is not None and mimetype.file_size < 200:
        try:
            kind = archive.read(mimetype).decode("ascii", "replace").strip()
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError):
            kind = ""
        if kind.startswith("application/vnd.oasis.opendocument"):
            extension = _OPENDOCUMENT_EXTENSIONS.get(kind.rsplit(".", 1)[-1], "OpenDocument")
            return f"an OpenDocument file ({extension}), not a Word document; save it as .docx or PDF"
    if "xl/workbook.xml" in infos:
        return "an Excel workbook (.xlsx), not a Word document"
    if "ppt/presentation.xml" in infos:
        return "a PowerPoint presentation (.pptx), not a Word document"
    return "a ZIP file but not a Word document (no word/document.xml)"


_OPENDOCUMENT_EXTENSIONS = {"text": ".odt", "spreadsheet": ".ods", "presentation": ".odp"}


def _open(data: bytes, source: str | None) -> Any:
    import docx
    from lxml import etree

    try:
        return docx.Document(io.BytesIO(data))
    except etree.XMLSyntaxError as error:
        raise CorruptInputError(f"damaged Word file: its XML is broken ({_short(error)})", source) from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise CorruptInputError(f"damaged Word file: a part cannot be unpacked ({_short(error)})", source) from None
    except KeyError as error:
        raise CorruptInputError(f"damaged Word file: a part is missing ({_short(error)})", source) from None
    except ValueError as error:
        # python-docx says "file '…' is not a Word file, content type is '…'" for a .docm, .dotx, …
        raise UnsupportedFormatError(f"not a Word document that can be read: {_short(error)}", source) from None
    except Exception as error:  # noqa: BLE001 - python-docx and zipfile raise many kinds; none may leak
        raise CorruptInputError(f"damaged Word file: {_short(error)}", source) from None


def _short(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _mib(size: int) -> str:
    return f"{size / 1_048_576:.0f} MiB"


# ---------------------------------------------------------------------------
# Fonts: which runs are in a legacy Bijoy font


@dataclass(slots=True)
class _Fonts:
    """The fonts an `rFonts` element names; a theme font counts as a name (not Bijoy)."""

    ascii: str | None = None
    h_ansi: str | None = None
    cs: str | None = None

    @classmethod
    def of(cls, rpr: Any) -> _Fonts:
        element = rpr.find(_w("rFonts")) if rpr is not None else None
        if element is None:
            return cls()

        def name(plain: str, theme: str) -> str | None:
            if element.get(_w(theme)):
                return "theme:" + element.get(_w(theme))
            value = element.get(_w(plain))
            return str(value) if value else None

        return cls(name("ascii", "asciiTheme"), name("hAnsi", "hAnsiTheme"), name("cs", "cstheme"))

    def under(self, outer: _Fonts) -> _Fonts:
        """These fonts, with what is unset inherited from `outer`."""
        return _Fonts(self.ascii or outer.ascii, self.h_ansi or outer.h_ansi, self.cs or outer.cs)


class _StyleFonts:
    """Run fonts set by styles (with their `basedOn` chains) and document defaults."""

    def __init__(self, styles: Any) -> None:
        self._own: dict[str, tuple[_Fonts, str | None]] = {}
        self.default_paragraph_style: str | None = None
        for style in styles.iterfind(_w("style")):
            style_id = style.get(_w("styleId"))
            if not style_id:
                continue
            based = style.find(_w("basedOn"))
            self._own[style_id] = (_Fonts.of(style.find(_w("rPr"))), based.get(_w("val")) if based is not None else None)
            if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in ("1", "true", "on"):
                self.default_paragraph_style = style_id
        defaults = styles.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
        self.defaults = _Fonts.of(defaults)
        self._resolved: dict[str, _Fonts] = {}

    def of_style(self, style_id: str | None) -> _Fonts:
        if not style_id:
            return _Fonts()
        if style_id not in self._resolved:
            self._resolved[style_id] = _Fonts()  # guards against a basedOn cycle
            own, based = self._own.get(style_id, (_Fonts(), None))
            self._resolved[style_id] = own.under(self.of_style(based))
        return self._resolved[style_id]


class _Numbering:
    """Word's automatic list numbers (`numbering.xml`), which are not in the text:
    an auto-numbered ক্রম column or distribution list would otherwise lose its numbers."""

    def __init__(self, numbering: Any, styles: Any) -> None:
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # abstractNumId -> ilvl -> (start, format, text)
        for abstract in numbering.iterfind(_w("abstractNum")) if numbering is not None else ():
            levels: dict[int, tuple[int, str, str]] = {}
            for level in abstract.iterfind(_w("lvl")):
                levels[_int(level.get(_w("ilvl")))] = (
                    _int(_val(level.find(_w("start"))), 1),
                    _val(level.find(_w("numFmt"))) or "decimal",
                    _val(level.find(_w("lvlText"))) or "",
                )
            self._levels[str(abstract.get(_w("abstractNumId")))] = levels
        self._abstract: dict[str, str] = {}  # numId -> abstractNumId
        self._start_overrides: dict[str, dict[int, int]] = {}
        for num in numbering.iterfind(_w("num")) if numbering is not None else ():
            num_id = str(num.get(_w("numId")))
            self._abstract[num_id] = _val(num.find(_w("abstractNumId")))
            self._start_overrides[num_id] = {
                _int(override.get(_w("ilvl"))): _int(_val(override.find(_w("startOverride"))), 1)
                for override in num.iterfind(_w("lvlOverride"))
                if override.find(_w("startOverride")) is not None
            }
        self._style_numbering: dict[str, tuple[str, int]] = {}
        for style in styles.iterfind(_w("style")):
            num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
            if num_pr is not None and style.get(_w("styleId")):
                self._style_numbering[str(style.get(_w("styleId")))] = (_val(num_pr.find(_w("numId"))), _int(_val(num_pr.find(_w("ilvl")))))
        self._counters: dict[str, list[int]] = {}

    def label(self, properties: Any, style_id: str | None) -> str:
        """The number Word shows before this paragraph ("" if none), counting on."""
        num_pr = properties.find(_w("numPr")) if properties is not None else None
        num_id, level = self._style_numbering.get(style_id or "", ("", 0))
        if num_pr is not None:
            num_id = _val(num_pr.find(_w("numId"))) or num_id
            level = _int(_val(num_pr.find(_w("ilvl"))), level)
        levels = self._levels.get(self._abstract.get(num_id, ""), {})
        if not num_id or num_id == "0" or level not in levels:
            return ""
        starts = [self._start_overrides.get(num_id, {}).get(i, levels[i][0] if i in levels else 1) for i in range(level + 1)]
        counters = self._counters.setdefault(num_id, [])
        counters[:] = counters[: level + 1]
        while len(counters) < level:
            counters.append(starts[len(counters)])
        counters.append(counters.pop() + 1 if len(counters) == level + 1 else starts[level])
        _, number_format, text = levels[level]
        if number_format == "bullet":
            return "•"
        return re.sub(r"%([1-9])", lambda m: _format_number(counters, int(m.group(1)) - 1, levels), text)


def _format_number(counters: list[int], index: int, levels: dict[int, tuple[int, str, str]]) -> str:
    if index >= len(counters):
        return ""
    value, number_format = counters[index], levels.get(index, (1, "decimal", ""))[1]
    if number_format in ("lowerLetter", "upperLetter") and value > 0:
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters if number_format == "lowerLetter" else letters.upper()
    if number_format in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        roman = _roman(value)
        return roman.lower() if number_format == "lowerRoman" else roman
    if number_format == "none":
        return ""
    if number_format == "decimalZero":
        return f"{value:02d}"
    return str(value)  # decimal, and formats without a Bangla rendering


def _roman(value: int) -> str:
    out = ""
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= number:
            out += letters
            value -= number
    return out


# ---------------------------------------------------------------------------
# Walking the body


class _BodyReader:
    """Turns the body's XML into paragraph and table blocks."""

    def __init__(self, styles: _StyleFonts, numbering: _Numbering, converter: bijoy.FontConverter | None) -> None:
        self._styles = styles
        self._numbering = numbering
        self._bijoy = converter
        self.bijoy_runs = 0
        self.bijoy_fonts: set[str] = set()

    def blocks(self, container: Any) -> Iterator[Block]:
        """Paragraphs and tables in document order; an empty paragraph stays (a blank line)."""
        for child in _block_children(container):
            if child.tag == _w("p"):
                yield Paragraph(self.paragraph_text(child))
            else:
                rows = grid_rows(self._table_grid(child))
                if any(cell.strip() for row in rows for cell in row):
                    yield Table(rows)

    # Tables ---------------------------------------------------------------

    def _table_grid(self, table: Any) -> list[list[GridCell]]:
        rows: list[list[GridCell]] = []
        for tr in _children(table, "tr"):
            row: list[GridCell] = []
            before = _int_val(tr.find(f"{_w('trPr')}/{_w('gridBefore')}"))
            if before:
                row.append(GridCell("", before))
            for tc in _children(tr, "tc"):
                properties = tc.find(_w("tcPr"))
                span = _int_val(properties.find(_w("gridSpan")) if properties is not None else None) or 1
                row.append(GridCell("" if _continues_merge(properties) else self._cell_text(tc), span, _continues_merge(properties)))
            rows.append(row)
        return rows

    def _cell_text(self, cell: Any) -> str:
        """A cell's paragraphs joined by spaces; a nested table's rows follow in place."""
        parts: list[str] = []
        for child in _block_children(cell):
            if child.tag == _w("p"):
                parts.append(self.paragraph_text(child))
            elif child.tag == _w("tbl"):
                for row in grid_rows(self._table_grid(child)):
                    parts.extend(row)
        return " ".join(" ".join(part.split()) for part in parts if part.strip())

    # Paragraphs -----------------------------------------------------------

    def paragraph_text(self, paragraph: Any) -> str:
        """The paragraph's text: tabs kept (one between words), line breaks kept, Bijoy runs converted."""
        properties = paragraph.find(_w("pPr"))
        style = properties.find(_w("pStyle")) if properties is not None else None
        style_id = style.get(_w("val")) if style is not None else self._styles.default_paragraph_style
        paragraph_fonts = self._styles.of_style(style_id).under(self._styles.defaults)

        pieces: list[tuple[str, str | None]] = []  # (text, Bijoy font name or None)
        for run in _runs(paragraph):
            text = _run_text(run)
            if text:
                pieces.append((text, self._bijoy_font(run, text, paragraph_fonts)))
        label = self._numbering.label(properties, style_id)
        text = (label + " " if label else "") + "".join(self._converted(pieces))
        lines = (_TABS.sub("\t", line).strip(" \t") for line in text.split("\n"))
        return "\n".join(lines).strip("\n")

    def _bijoy_font(self, run: Any, text: str, paragraph_fonts: _Fonts) -> str | None:
        """The Bijoy font a run's text is typed in, if it is one (its text then is ASCII bytes)."""
        if self._bijoy is None or _BANGLA.search(text):
            return None
        properties = run.find(_w("rPr"))
        style = properties.find(_w("rStyle")) if properties is not None else None
        fonts = _Fonts.of(properties).under(self._styles.of_style(style.get(_w("val")) if style is not None else None)).under(paragraph_fonts)
        is_bijoy, _ = self._bijoy
        # Word shows ASCII with the ascii font and Latin-1 with hAnsi; cs only when no other is set.
        candidates = [fonts.ascii, fonts.h_ansi] if (fonts.ascii or fonts.h_ansi) else [fonts.cs]
        return next((name for name in candidates if name and not name.startswith("theme:") and is_bijoy(name)), None)

    def _converted(self, pieces: list[tuple[str, str | None]]) -> Iterator[str]:
        """Texts of the runs; neighbouring Bijoy runs are converted together (a
        vowel sign typed before its consonant may sit in the run before)."""
        i = 0
        while i < len(pieces):
            text, font = pieces[i]
            if font is None or self._bijoy is None:
                yield text
                i += 1
                continue
            j = i
            while j < len(pieces) and pieces[j][1] is not None:
                self.bijoy_fonts.add(str(pieces[j][1]))
                j += 1
            self.bijoy_runs += j - i
            yield self._bijoy[1]("".join(piece for piece, _ in pieces[i:j]))
            i = j


def _children(element: Any, tag: str) -> Iterator[Any]:
    """Children with this tag, looking through content controls and custom XML wrappers."""
    for child in element:
        if child.tag == _w(tag):
            yield child
        elif child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _children(content, tag)
        elif child.tag == _w("customXml"):
            yield from _children(child, tag)


def _block_children(container: Any) -> Iterator[Any]:
    """Paragraphs and tables of a body or cell, in document order."""
    for child in container:
        if child.tag in (_w("p"), _w("tbl")):
            yield child
        elif child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _block_children(content)
        elif child.tag == _w("customXml"):
            yield from _block_children(child)


# Run containers whose text is not part of the paragraph's reading: deleted
# revisions and the other branch of an alternate content (text boxes, ignored).
_SKIPPED_CONTAINERS = {_w("del"), _w("moveFrom"), _w("txbxContent"), _w("pict"), _w("drawing")}


def _runs(paragraph: Any) -> Iterator[Any]:
    """The paragraph's runs in order, inside hyperlinks, fields, insertions, smart tags."""
    for child in paragraph:
        if child.tag == _w("r"):
            yield child
        elif child.tag in _SKIPPED_CONTAINERS or child.tag == _w("pPr"):
            continue
        elif len(child):
            yield from _runs(child)


def _run_text(run: Any) -> str:
    parts: list[str] = []
    for child in run:
        tag = child.tag
        if tag == _w("t"):
            parts.append(child.text or "")
        elif tag == _w("tab"):
            parts.append("\t")
        elif tag in (_w("br"), _w("cr")):
            parts.append("\n")
        elif tag == _w("noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


def _continues_merge(properties: Any) -> bool:
    """A cell that continues a vertical merge (or, in old files, a horizontal one)."""
    if properties is None:
        return False
    for tag in ("vMerge", "hMerge"):
        merge = properties.find(_w(tag))
        if merge is not None and merge.get(_w("val"), "continue") == "continue":
            return True
    return False


def _val(element: Any) -> str:
    return str(element.get(_w("val"), "")) if element is not None else ""


def _int(text: str | None, default: int = 0) -> int:
    try:
        return int(str(text))
    except ValueError:
        return default


def _int_val(element: Any) -> int:
    if element is None:
        return 0
    try:
        return max(0, min(int(str(element.get(_w("val"), "0"))), 64))
    except ValueError:
        return 0
