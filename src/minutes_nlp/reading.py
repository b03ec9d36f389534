"""Reading input into normalised text.

Input is sniffed by content, not only by extension: UTF-8 (with or without
BOM) and UTF-16 (with a BOM, or without one when its NUL pattern shows it) are
read as text; other document formats are named in the error so that the user
knows what was found. Every failure is a `MinutesError` subclass.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import BinaryIO

from minutes_nlp.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputNotFoundError,
    InputTooLargeError,
    UnsupportedFormatError,
)
from minutes_nlp.normalize import normalize_text

#: Inputs above this size are refused before they are read (minutes are tens of KB).
MAX_INPUT_BYTES = 16 * 1024 * 1024

# Magic numbers of formats that are not plain text.
_SIGNATURES: list[tuple[bytes, str]] = [
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP container (Word .docx or similar)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
]


def decode(data: bytes, source: str | None = None) -> str:
    """Decode bytes of a text file: UTF-8 (BOM optional) or UTF-16 (BOM, or NUL pattern)."""
    if not data.strip(b" \t\r\n\x00"):
        raise EmptyInputError("empty file", source)
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            raise UnsupportedFormatError(f"{kind}; this version reads text files only", source)
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[3:], "utf-8", source)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", source)
    sample = data[:4096]
    if b"\x00" not in sample:
        try:
            return _decode(data, "utf-8", source)
        except EncodingError:
            pass  # perhaps UTF-16 without a BOM (Bangla code units hold no NUL byte)
    utf16 = _utf16_without_bom(sample)
    if utf16:
        return _decode(data, utf16, source)
    if b"\x00" in sample:
        raise BinaryInputError("binary file (contains NUL bytes), not text", source)
    return _decode(data, "utf-8", source)


# High bytes of UTF-16 code units in Bangla text: ASCII (00), Bangla (09), punctuation (20).
_UTF16_HIGH_BYTES = {0x00, 0x09, 0x20}


def _utf16_without_bom(sample: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when every other byte is the high byte of
    ASCII, Bangla or punctuation code units; None otherwise."""
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for high, low, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if sum(b in _UTF16_HIGH_BYTES for b in high) >= 0.95 * len(high) and low.count(0) <= len(low) // 4:
            return encoding
    return None


def _decode(data: bytes, encoding: str, source: str | None) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise EncodingError(f"not valid {encoding.upper()} text (byte {error.start})", source) from None
    if not text.strip():
        raise EmptyInputError("empty file", source)
    return text


def read_bytes(data: bytes, source: str | None = None, *, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """Decode and normalise the bytes of one input."""
    if len(data) > max_bytes:
        raise InputTooLargeError(_too_large(len(data), max_bytes), source)
    return normalize_text(decode(data, source))


def read_path(path: str | Path, *, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """Read, decode and normalise a file; the size is checked before reading."""
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
    return read_bytes(data, source, max_bytes=max_bytes)


def read_stream(stream: BinaryIO, source: str = "-", *, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """Read standard input (or any byte stream) without reading past the limit."""
    data = stream.read(max_bytes + 1)
    return read_bytes(data, source, max_bytes=max_bytes)


def _too_large(size: int, limit: int) -> str:
    return f"file too large ({size / 1_048_576:.1f} MiB; the limit is {limit / 1_048_576:.0f} MiB)"
