"""Plain text: UTF-8 (with or without BOM) and UTF-16 (with a BOM, or without
one when its NUL pattern shows it)."""

from __future__ import annotations

import codecs

from minutes_nlp.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
)

def decode(data: bytes, source: str | None = None) -> str:
    """Decode bytes of a text file: UTF-8 (BOM optional) or UTF-16 (BOM, or NUL pattern)."""
    if not data.strip(b" \t\r\n\x00"):
        raise EmptyInputError("empty file", source)
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
