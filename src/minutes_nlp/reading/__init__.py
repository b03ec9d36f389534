"""Reading inputs into normalised text, whatever form the minutes come in.

The format is sniffed from the content (the extension is only a hint): plain
text (UTF-8, UTF-16, or legacy Bijoy/SutonnyMJ bytes converted to Unicode), a
portal HTML page, a Word `.docx`, a PDF with a text layer, a scanned PDF or an
image (OCR with Tesseract's Bengali model, when installed). Each reader lives in
its own module and returns a `Document`; tables come out as tab-separated rows
(see `layout`), the one text form the parser reads. Every failure is a
`MinutesError` subclass naming the file and the reason.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import BinaryIO

from minutes_nlp.errors import EmptyInputError, EncodingError, InputNotFoundError, InputTooLargeError, UnsupportedFormatError
from minutes_nlp.normalize import normalize_text
from minutes_nlp.reading.layout import Document
from minutes_nlp.reading.plain import decode

__all__ = ["MAX_INPUT_BYTES", "Document", "decode", "read_bytes", "read_document", "read_document_bytes", "read_path", "read_stream", "sniff"]

#: Inputs above this size are refused before they are read (minutes are tens of KB
#: as text, a few MB as PDF or scan).
MAX_INPUT_BYTES = 16 * 1024 * 1024

# Magic numbers of the formats with a reader, and of those named in the error.
_SIGNATURES: list[tuple[bytes, str]] = [
    (b"%PDF", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
    (b"GIF8", "image"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc); save it as .docx or PDF"),
    (b"{\\rtf", "an RTF document; save it as .docx or PDF"),
]


def sniff(data: bytes) -> str:
    """The reader for these bytes: "pdf", "docx", "image", "html" or "text".

    Raises `UnsupportedFormatError` for document formats without a reader."""
    head = data[:8]
    for magic, kind in _SIGNATURES:
        if head.startswith(magic):
            if kind == "zip":
                return "docx"  # the Word reader names other ZIP files in its error
            if " " in kind:
                raise UnsupportedFormatError(kind)
            return kind
    if _looks_like_html(data[:4096]):
        return "html"
    return "text"


_LEADING_COMMENT = re.compile(rb"^(?:\s|<!--.*?-->)*", re.DOTALL)
_HTML_START = (b"<!doctype html", b"<html", b"<head", b"<meta", b"<body", b"<?xml")


def _looks_like_html(head: bytes) -> bool:
    """A page starts with one of the HTML openings, after a BOM, white space and
    comments (browsers' "Save page as" puts `<!-- saved from url=... -->` first).
    Minutes typed as text may hold HTML fragments in a cell but never start so."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
    head = head.removeprefix(codecs.BOM_UTF8)
    lead = head[_LEADING_COMMENT.match(head).end():].lower()  # type: ignore[union-attr]
    if not lead.startswith(_HTML_START):
        return False
    return not lead.startswith(b"<?xml") or b"<html" in head.lower()


def read_document_bytes(data: bytes, source: str | None = None, *, max_bytes: int = MAX_INPUT_BYTES) -> Document:
    """Read the bytes of one input with the reader its content calls for; text normalised."""
    if len(data) > max_bytes:
        raise InputTooLargeError(_too_large(len(data), max_bytes), source)
    try:
        kind = sniff(data)
    except UnsupportedFormatError as error:
        raise UnsupportedFormatError(error.reason, source) from None
    document = _READERS[kind](data, source)
    document.text = normalize_text(document.text)
    if not document.text.strip():
        raise EmptyInputError(f"no text found in this {_FORMAT_NAMES[kind]} (a blank page?)", source)
    return document


def read_document(path: str | Path, *, max_bytes: int = MAX_INPUT_BYTES) -> Document:
    """Read one file (size checked before reading) with the reader its content calls for."""
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputNotFoundError("no such file", source) from None
    except OSError as error:
        raise InputNotFoundError(f"cannot access: {error.strerror or error}", source) from None
    if path.is_dir():
        raise InputNotFoundError("is a directory", source)
    if size > max_bytes:
        raise InputTooLargeError(_too_large(size, max_bytes), source)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputNotFoundError(f"cannot read: {error.strerror or error}", source) from None
    return read_document_bytes(data, source, max_bytes=max_bytes)


def read_bytes(data: bytes, source: str | None = None, *, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """The normalised text of one input's bytes."""
    return read_document_bytes(data, source, max_bytes=max_bytes).text


def read_path(path: str | Path, *, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """The normalised text of one file."""
    return read_document(path, max_bytes=max_bytes).text


def read_stream(stream: BinaryIO, source: str = "-", *, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """Read standard input (or any byte stream) without reading past the limit."""
    data = stream.read(max_bytes + 1)
    return read_bytes(data, source, max_bytes=max_bytes)


def _too_large(size: int, limit: int) -> str:
    return f"file too large ({_size(size)}; the limit is {_size(limit)})"


def _size(count: int) -> str:
    if count < 1024:
        return f"{count} bytes"
    if count < 1_048_576:
        return f"{count / 1024:.1f} KiB"
    return f"{count / 1_048_576:.1f} MiB"


def _read_text(data: bytes, source: str | None) -> Document:
    from minutes_nlp.reading import bijoy

    try:
        text = decode(data, source)
    except EncodingError:
        legacy = bijoy.decode_legacy(data)  # Windows-1252 bytes typed in Bijoy, or None
        if legacy is None:
            raise
        text = legacy
    return bijoy.convert_document(Document(text, "text"))


def _read_html(data: bytes, source: str | None) -> Document:
    from minutes_nlp.reading import html_page

    return html_page.read(data, source)


def _read_docx(data: bytes, source: str | None) -> Document:
    from minutes_nlp.reading import word

    return word.read(data, source)


def _read_pdf(data: bytes, source: str | None) -> Document:
    from minutes_nlp.reading import pdf

    return pdf.read(data, source)


def _read_image(data: bytes, source: str | None) -> Document:
    from minutes_nlp.reading import ocr

    return ocr.read_image(data, source)


_FORMAT_NAMES = {"text": "text", "html": "HTML page", "docx": "Word file", "pdf": "PDF", "image": "image"}

# Format readers are imported on first use: `tag` on text never loads pdfplumber.
_READERS = {"text": _read_text, "html": _read_html, "docx": _read_docx, "pdf": _read_pdf, "image": _read_image}
