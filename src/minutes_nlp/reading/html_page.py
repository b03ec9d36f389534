"""Portal HTML pages: the minutes inside a page of menus, sidebars and footers.

Offices publish minutes on their portal (the bangladesh.gov.bd family) either
as HTML in the page's notice/content area or as a linked PDF. The page is
decoded (BOM, then the declared charset, else UTF-8) and parsed with lxml;
text set in a legacy Bijoy font (`font-family`/`face`) is converted to Unicode.

The minutes are found by their content, not by the portal's markup. The
agenda table is a table whose header row has several agenda words (ক্রম,
আলোচ্য, আলোচনা, সিদ্ধান্ত, বাস্তবায়ন …) with a discussion or decision column
(failing that, a table of numbered rows holding sentences, outside the
chrome). The content root is the smallest element holding the agenda
table(s), widened while its parent adds text with two or more marks of the
minutes' letterhead, header block, intro or footer (সভাপতি, সভার তারিখ, স্বাগত,
বিতরণ, স্মারক …): the letterhead and footer come in, a page title or a
publication date beside the notice (one mark at most) stays out. A page
without an agenda table is read from the last short text saying কার্যবিবরণী
outside the chrome and links, widened the same way, else from the body.
Page chrome (nav, header, footer, aside, forms, elements whose class or id
names a menu, sidebar, breadcrumb, banner …, hidden elements) is dropped
unless it holds the minutes.

The root is then written as paragraphs and tables (`layout.to_text`): block
elements and `<br>` end lines, an empty paragraph and a heading's edges are
blank lines (other lines stay consecutive, as the parser expects of a header
block), a list item is a "- " line (so a distribution list reads as one); a
table keeps its column grid (colspan and rowspan as in Word tables, see
`layout.grid_rows`); a cell's paragraphs and line breaks become spaces and a
table nested in a cell is flattened into it; a table that only lays out the
page (it holds the agenda table, or has one column) is read as its content.
A page without minutes gives its text (the parser then reports no table);
when it links to a PDF or Word file (a download link or an embedded viewer),
a note names the file(s).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from minutes_nlp.errors import EmptyInputError
from minutes_nlp.normalize import normalize_text
from minutes_nlp.reading.layout import Block, Document, GridCell, Paragraph, Table, grid_rows, to_text
from minutes_nlp.reading import bijoy

# --- what the minutes look like -------------------------------------------

_AGENDA_HEADER_WORD = re.compile(r"ক্রম|ক্রঃ|নং|আলোচ্য|আলোচনা|সিদ্ধান্ত|বাস্তবায়ন|দায়িত্ব|বিষয়|এজেন্ডা")
_DECISION_OR_DISCUSSION = re.compile(r"সিদ্ধান্ত|আলোচনা")
_SERIAL = re.compile(r"^\(?[0-9০-৯]{1,2}\s*[.)।]?\)?$")
_TITLE_WORD = "কার্যবিবরণী"
# Text that belongs to minutes around their table: letterhead, header block, footer.
_MINUTES_MARKER = re.compile(
    r"সভাপতি|সভার\s*(?:তারিখ|সময়)|স্থান|উপস্থিতি|স্বাগত|ধন্যবাদ|সমাপ্তি|বিতরণ|অনুলিপি|স্মারক|নম্বর|সদয়\s*অবগতি|গণপ্রজাতন্ত্রী|কার্যালয়"
)
_HEADER_ROWS_SEARCHED = 3
_ROWS_SAMPLED = 50  # rows looked at to tell a headerless agenda table
_MAX_TITLE_CHARS = 300
_MAX_WIDENING = 3
_SENTENCE_CHARS = 40  # mean length of a headerless agenda row's longest cell, at least

# --- what page chrome looks like ------------------------------------------

_INVISIBLE_TAGS = ["head", "script", "style", "noscript", "template", "svg", "canvas", "map", "title", "meta", "link"]
_CHROME_TAGS = {"nav", "header", "footer", "aside", "menu", "form", "button", "select", "input", "textarea", "dialog"}
_CHROME_NAME = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|menubar|mainmenu|megamenu|sidebar|side-bar|sidebar-\w+|breadcrumbs?|"
    r"header|footer|banner|social|share|sharing|slider|carousel|marquee|ticker|search|login|pagination|pager|"
    r"widget|toolbar|skip-link|sr-only|visually-hidden|cookie|popup|modal)(?:$|[-_\s])",
    re.IGNORECASE,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "address",
    "center", "figure", "figcaption", "hr", "fieldset", "details", "summary", "caption", "body", "html",
    "nav", "header", "footer", "aside", "form",
}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_TABLE_PARTS = {"table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup", "col"}
_DOCUMENT_LINK = re.compile(r"\.(?:pdf|docx?)$", re.IGNORECASE)
_MAX_LINKS_NAMED = 5


def read(data: bytes, source: str | None = None) -> Document:
    """Read the minutes out of a portal HTML page."""
    from bs4 import BeautifulSoup

    html, notes = decode_html(data)
    soup = BeautifulSoup(html, "lxml")
    base = _base_url(soup)
    for element in soup.find_all(_INVISIBLE_TAGS):
        element.decompose()
    for element in soup.find_all(_is_hidden):
        if not element.decomposed:
            element.decompose()
    if "mj" in html.lower():  # every Bijoy font's name ends in MJ: skip the pass on other pages
        notes.extend(_convert_bijoy(soup))

    candidates = _chrome_candidates(soup)
    tables = _agenda_tables(soup, {id(element) for element in candidates})
    # What looks like chrome but holds the agenda table is the content's wrapper.
    holding_tables = _with_ancestors(tables)
    chrome = [element for element in candidates if id(element) not in holding_tables]
    body = soup.body or soup
    if tables:
        anchors = tables
    else:
        title = _last_title(soup, chrome)
        anchors = [title] if title is not None else []
    root = _widened(_common_ancestor(anchors), chrome) if anchors else body
    keep = _with_ancestors(anchors)
    for element in chrome:
        if not element.decomposed and id(element) not in keep and _within(element, root):
            element.decompose()

    blocks = _Writer(tables).blocks(root)
    if not tables:
        links = _document_links(root, base)
        if links:
            named = ", ".join(links[:_MAX_LINKS_NAMED]) + (f" and {len(links) - _MAX_LINKS_NAMED} more" if len(links) > _MAX_LINKS_NAMED else "")
            notes.append(("html-links-document", f"the page links to {named} (download it and tag that file)"))
    text = to_text(blocks)
    if not text.strip() and not notes:
        raise EmptyInputError("the HTML page holds no text", source)
    return Document(text, "html", notes)


# ---------------------------------------------------------------------------
# Decoding


_BOMS = [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
# Latin charsets are often declared by templates for pages that are in fact UTF-8.
_LATIN = {"ascii", "latin-1", "iso8859-1", "cp1252"}


def decode_html(data: bytes) -> tuple[str, list[tuple[str, str]]]:
    """The page's text and notes: a BOM decides, then a declared charset, else UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace"), []
    declared = _declared_encoding(data[:4096])
    if declared in _LATIN or declared is None or declared.startswith("utf-16"):
        # A page with a BOM-less UTF-16 declaration was saved as UTF-8 (the declaration could not be read otherwise).
        try:
            return data.decode("utf-8"), []
        except UnicodeDecodeError as error:
            if declared is None or declared.startswith("utf-16"):
                text = data.decode("utf-8", errors="replace")
                return text, [("encoding", f"the page is not valid UTF-8 (from byte {error.start}); undecodable bytes were replaced")]
    encoding = declared or "utf-8"
    try:
        return data.decode(encoding), []
    except UnicodeDecodeError as error:
        text = data.decode(encoding, errors="replace")
        return text, [("encoding", f"the page is not valid {encoding} (from byte {error.start}); undecodable bytes were replaced")]


def _declared_encoding(head: bytes) -> str | None:
    """The charset a `<meta>` or XML declaration names, as Python's codec name (None if unknown)."""
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


# ---------------------------------------------------------------------------
# Legacy Bijoy text (pages pasted from Word documents typed in SutonnyMJ)

_FONT_FAMILY = re.compile(r"(?:^|;)\s*font-family\s*:\s*([^;]+)", re.IGNORECASE)
_BANGLA = re.compile(r"[\u0980-\u09ff]")


def _declared_font(element: Any) -> str | None:
    """The font the nearest element declaring one asks for (`face`, or the first CSS family)."""
    for node in [element, *element.parents]:
        if getattr(node, "attrs", None) is None:
            continue
        if node.get("face"):
            return str(node["face"]).split(",")[0].strip(" '\"")
        match = _FONT_FAMILY.search(str(node.get("style", "")))
        if match:
            return match.group(1).split(",")[0].strip(" '\"")
    return None


def _convert_bijoy(soup: Any) -> list[tuple[str, str]]:
    """Text set in a Bijoy font converted to Unicode; a note if any was."""
    from bs4 import NavigableString

    is_bijoy, to_unicode = bijoy.font_converter()
    fonts: set[str] = set()
    for string in list(soup.find_all(string=True)):
        if type(string) is not NavigableString or not string.strip() or _BANGLA.search(string):
            continue
        font = _declared_font(string.parent)
        if font and is_bijoy(font):
            string.replace_with(to_unicode(str(string)))
            fonts.add(font)
    if not fonts:
        return []
    return [("bijoy", f"converted text in the legacy Bijoy font {', '.join(sorted(fonts))} to Unicode")]


# ---------------------------------------------------------------------------
# Finding the minutes


def _is_hidden(element: Any) -> bool:
    if element.has_attr("hidden") or str(element.get("aria-hidden", "")).lower() == "true":
        return True
    return bool(_HIDDEN_STYLE.search(str(element.get("style", ""))))


def _text(element: Any) -> str:
    return " ".join(normalize_text(element.get_text(" ")).split())


def _own_rows(table: Any) -> list[Any]:
    """The table's rows (in it or its row groups), not those of tables nested in its cells."""
    rows: list[Any] = []
    for child in _child_tags(table):
        if child.name == "tr":
            rows.append(child)
        elif child.name in ("thead", "tbody", "tfoot"):
            rows.extend(row for row in _child_tags(child) if row.name == "tr")
    return rows


def _own_cells(row: Any) -> list[Any]:
    return [cell for cell in _child_tags(row) if cell.name in ("td", "th")]


def _child_tags(element: Any) -> list[Any]:
    return [child for child in element.children if getattr(child, "name", None)]


def _has_agenda_header(table: Any) -> bool:
    for row in _own_rows(table)[:_HEADER_ROWS_SEARCHED]:
        texts = [_text(cell) for cell in _own_cells(row)]
        words = [t for t in texts if t and len(t) <= 40 and _AGENDA_HEADER_WORD.search(t)]
        if len(words) >= 2 and any(_DECISION_OR_DISCUSSION.search(t) for t in words):
            return True
    return False


def _has_numbered_rows(table: Any) -> bool:
    """No header row, and two or more rows of three or more cells starting with an
    item number and holding sentences (a list of officers or attendees is no agenda)."""
    rows = [[_text(c) for c in _own_cells(row)] for row in _own_rows(table)[:_ROWS_SAMPLED]]
    rows = [cells for cells in rows if any(cells)]
    if not rows or not _SERIAL.match(rows[0][0]):
        return False
    numbered = [cells for cells in rows if len(cells) >= 3 and _SERIAL.match(cells[0])]
    return len(numbered) >= 2 and sum(max(len(c) for c in cells) for cells in numbered) / len(numbered) >= _SENTENCE_CHARS


def _agenda_tables(soup: Any, chrome_ids: set[int]) -> list[Any]:
    """The agenda tables (outermost ones), by their header words (outside the
    chrome if any is); failing that, tables of numbered rows outside the chrome
    (the parser infers their columns)."""
    with_header = [table for table in soup.find_all("table") if _has_agenda_header(table)]
    outside_chrome = [table for table in with_header if not _in_chrome(table, chrome_ids)]
    found = outside_chrome or with_header or [t for t in soup.find_all("table") if not _in_chrome(t, chrome_ids) and _has_numbered_rows(t)]
    return [t for t in found if not any(p in found for p in t.find_parents("table"))]


def _chrome_candidates(soup: Any) -> list[Any]:
    """Elements that look like the page's chrome by their tag, class or id."""
    return [
        element
        for element in soup.find_all(True)
        if element.name in _CHROME_TAGS or _CHROME_NAME.search(" ".join([*element.get("class", []), str(element.get("id", ""))]))
    ]


def _with_ancestors(elements: list[Any]) -> set[int]:
    """Ids of these elements and of all their ancestors: `id(x) in` it says x holds one of them."""
    return {id(node) for element in elements for node in [element, *element.parents]}


def _within(element: Any, root: Any) -> bool:
    return element is root or any(parent is root for parent in element.parents)


def _in_chrome(element: Any, chrome_ids: set[int]) -> bool:
    return id(element) in chrome_ids or any(id(parent) in chrome_ids for parent in element.parents)


def _last_title(soup: Any, chrome: list[Any]) -> Any | None:
    """The block of the last short text saying কার্যবিবরণী outside the chrome and
    links (a sidebar lists other minutes by their titles)."""
    chrome_ids = {id(element) for element in chrome}
    title = None
    for string in soup.find_all(string=lambda text: _TITLE_WORD in normalize_text(text)):
        element = string.parent
        while element is not None and element.name not in _BLOCK_TAGS | _HEADINGS | _TABLE_PARTS:
            element = element.parent  # the block the title's text sits in
        if element is None or len(_text(element)) > _MAX_TITLE_CHARS:
            continue
        if element.find_parent("a") or string.find_parent("a") or _in_chrome(element, chrome_ids):
            continue
        title = element
    return title


def _common_ancestor(anchors: list[Any]) -> Any:
    """The smallest element holding all the anchors (out of table parts: a whole table at least)."""
    root = anchors[0]
    for anchor in anchors[1:]:
        ancestors = {id(root), *(id(p) for p in root.parents)}
        root = next(node for node in [anchor, *anchor.parents] if id(node) in ancestors)
    while root.name in _TABLE_PARTS and root.parent is not None:
        root = root.parent
    return root


def _widened(root: Any, chrome: list[Any]) -> Any:
    """`root`, widened while its parent adds the letterhead, header block, intro or
    footer of minutes: text outside the chrome with two or more of their marks
    (a page title or a publication date beside the notice has at most one)."""
    chrome_ids = {id(element) for element in chrome}
    for _ in range(_MAX_WIDENING):
        parent = root.parent
        if parent is None or parent.name in ("body", "html", "[document]"):
            break
        siblings = [c for c in parent.children if c is not root and not _in_chrome(c, chrome_ids)]
        extra = normalize_text(" ".join(str(c) if isinstance(c, str) else c.get_text(" ") for c in siblings))
        if len({m.group(0) for m in _MINUTES_MARKER.finditer(extra)}) < 2:
            break
        root = parent
    return root


def _base_url(soup: Any) -> str:
    """The URL relative links resolve against: `<base>`, else the page's canonical URL."""
    for tag, attrs, key in (("base", {}, "href"), ("link", {"rel": "canonical"}, "href"), ("meta", {"property": "og:url"}, "content")):
        element = soup.find(tag, attrs=attrs)
        if element is not None and str(element.get(key, "")).startswith(("http://", "https://")):
            return str(element[key])
    return ""


def _document_links(root: Any, base: str) -> list[str]:
    """Links (and embedded viewers) pointing at a PDF or Word file, in page order;
    one per file (a download link and a viewer often name the same one)."""
    links: dict[str, str] = {}  # file path -> link
    for element in root.find_all(["a", "iframe", "embed", "object"]):
        raw = str(element.get("href") or element.get("src") or element.get("data") or "")
        for url in (raw, *_urls_in_query(raw)):
            path = unquote(urlsplit(url).path)
            if url and _DOCUMENT_LINK.search(path):
                full = urljoin(base, url) if base else url
                if path not in links or "://" not in links[path]:
                    links[path] = full
                break
    return list(links.values())


def _urls_in_query(url: str) -> list[str]:
    """URLs passed to a viewer, as in `viewer?url=https://…/minutes.pdf`."""
    query = urlsplit(url).query
    return [unquote(part.split("=", 1)[1]) for part in query.split("&") if "=" in part and "://" in unquote(part.split("=", 1)[1])]


# ---------------------------------------------------------------------------
# Writing paragraphs and tables


_START, _END, _TEXT = range(3)


def _events(root: Any, descend: Callable[[Any], bool]) -> Iterator[tuple[int, Any]]:
    """(_START, tag), (_TEXT, string) and (_END, tag) events of `root`'s content in
    document order, without recursion (pages can nest thousands of elements).
    A tag that `descend` refuses gets its start event only."""
    from bs4 import NavigableString, Tag

    open_tags: list[Any] = []
    children: list[Iterator[Any]] = [iter(root.children)]
    while children:
        child = next(children[-1], None)
        if child is None:
            children.pop()
            if open_tags:
                yield _END, open_tags.pop()
        elif isinstance(child, Tag):
            yield _START, child
            if descend(child):
                open_tags.append(child)
                children.append(iter(child.children))
        elif type(child) is NavigableString:  # not a comment, doctype or CDATA
            yield _TEXT, str(child)


class _Writer:
    """Walks the content root in document order and collects blocks: a
    paragraph per line, an empty paragraph where the page shows a blank line."""

    def __init__(self, agenda_tables: list[Any]) -> None:
        self._agenda = {id(table) for table in agenda_tables}
        self._blocks: list[Block] = []
        self._words: list[str] = []  # text pieces of the open line
        self._layout: set[int] = set()  # layout tables: read as their content

    def blocks(self, root: Any) -> list[Block]:
        block_starts: dict[int, int] = {}  # id of an open block element -> block count at its start
        for event, node in _events(root, self._descend):
            if event == _TEXT:
                self._words.append(node)
            elif event == _START:
                self._start(node, block_starts)
            else:
                self._end(node, block_starts)
        self._end_line()
        while self._blocks and self._blocks[-1] == Paragraph(""):
            self._blocks.pop()
        return self._blocks

    def _descend(self, element: Any) -> bool:
        return element.name != "br" and (element.name != "table" or id(element) in self._layout)

    def _start(self, element: Any, block_starts: dict[int, int]) -> None:
        name = element.name
        if name == "table" and self._is_layout(element):
            self._layout.add(id(element))
            self._end_line()
        elif name == "table":
            self._end_line()
            rows = grid_rows(_table_grid(element))
            if any(cell for row in rows for cell in row):
                if self._blocks and self._blocks[-1] == Paragraph(""):
                    self._blocks.pop()  # a table has a blank line before it already
                self._blocks.append(Table(rows))
        elif name == "br":
            self._end_line()
        elif name in _HEADINGS:
            self._blank_line()
        elif name in _BLOCK_TAGS or name in _TABLE_PARTS:  # table parts: those of a layout table
            self._end_line()
            if name == "li":
                self._words.append("- ")
            block_starts[id(element)] = len(self._blocks)

    def _end(self, element: Any, block_starts: dict[int, int]) -> None:
        name = element.name
        if name in _HEADINGS:
            self._blank_line()
        elif id(element) in block_starts:
            empty = not "".join(self._words).strip(" -\u00a0\n\t") and len(self._blocks) == block_starts.pop(id(element))
            self._end_line()
            if empty and name == "p":
                self._blank_line()  # an empty paragraph is a blank line, as in Word
        elif id(element) in self._layout:
            self._end_line()

    def _is_layout(self, table: Any) -> bool:
        """A table used to lay out the page: it holds an agenda table, or has one column."""
        if id(table) in self._agenda:
            return False
        if any(id(inner) in self._agenda for inner in table.find_all("table")):
            return True
        return all(len(_own_cells(row)) <= 1 for row in _own_rows(table))

    def _end_line(self) -> None:
        line = " ".join("".join(self._words).split())
        self._words = []
        if line and line != "-":
            self._blocks.append(Paragraph(line))

    def _blank_line(self) -> None:
        """A blank line, unless one is there already (a table is followed by one)."""
        self._end_line()
        if self._blocks and isinstance(self._blocks[-1], Paragraph) and self._blocks[-1].text:
            self._blocks.append(Paragraph(""))


def _table_grid(table: Any) -> list[list[GridCell]]:
    """The table's rows as grid cells: colspan widens a cell, rowspan continues it down."""
    rows: list[list[GridCell]] = []
    pending: dict[int, int] = {}  # grid column -> rows still covered by a rowspan above
    for tr in _own_rows(table):
        row: list[GridCell] = []
        column = 0
        for cell in _own_cells(tr):
            column = _continue_spans(row, pending, column)
            colspan = _span(cell.get("colspan"), 64)
            rowspan = _span(cell.get("rowspan"), 1000)
            row.append(GridCell(cell_text(cell), colspan))
            for c in range(column, column + colspan):
                pending[c] = rowspan - 1
            column += colspan
        while any(count > 0 and c >= column for c, count in pending.items()):
            if pending.get(column, 0) > 0:
                column = _continue_spans(row, pending, column)
            else:
                row.append(GridCell(""))  # a gap before a column still covered from above
                column += 1
        rows.append(row)
    return rows


def _continue_spans(row: list[GridCell], pending: dict[int, int], column: int) -> int:
    """Add the continuations of cells spanning down into this row at `column`; the next free column."""
    while pending.get(column, 0) > 0:
        pending[column] -= 1
        row.append(GridCell("", 1, continued=True))
        column += 1
    return column


def _span(value: Any, limit: int) -> int:
    try:
        return max(1, min(int(str(value).strip()), limit))
    except (TypeError, ValueError):
        return 1


def cell_text(cell: Any) -> str:
    """A cell's text on one line: its paragraphs, line breaks and nested tables
    become spaces; inline elements join their text as it is."""
    pieces: list[str] = []
    for event, node in _events(cell, lambda _: True):
        if event == _TEXT:
            pieces.append(node)
        elif node.name in _BLOCK_TAGS or node.name in _HEADINGS or node.name in _TABLE_PARTS or node.name == "br":
            pieces.append(" ")
    return " ".join("".join(pieces).split())
