"""Unicode and digit normalisation for Bangla administrative text.

Everything the toolkit compares goes through `normalize_text` first, so that
text typed on different keyboards and exported by different programs matches.
"""

from __future__ import annotations

import re
import unicodedata

BANGLA_DIGITS = "০১২৩৪৫৬৭৮৯"
ASCII_DIGITS = "0123456789"
_TO_ASCII = str.maketrans(BANGLA_DIGITS, ASCII_DIGITS)
_TO_BANGLA = str.maketrans(ASCII_DIGITS, BANGLA_DIGITS)

# Characters with no visible effect that break matching; ZWJ/ZWNJ only steer
# glyph shaping in Bangla and are dropped after the khanda-ta fix below.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Every space-like character except tab (which separates table cells) and newline.
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u000b\u000c]")
_SPACE_RUN = re.compile(" {2,}")
# Letters that minutes and the gazetteer write one for the other (পত্নীতলা /
# পত্নিতলা, নারায়ণগঞ্জ / নারায়নগঞ্জ): a word unknown as written is looked up
# with them folded together. The nukta goes too (য়/য, ড়/ড in NFC).
_FOLD = str.maketrans({"ী": "ি", "ূ": "ু", "ণ": "ন", "শ": "স", "ষ": "স", "\u09bc": None})
# Old encodings write khanda ta as ta + hasanta + ZWJ.
_KHANDA_TA_LEGACY = "\u09a4\u09cd\u200d"


def normalize_text(text: str, *, compose: bool = True) -> str:
    """Return `text` in the toolkit's canonical form.

    - Unicode NFC. NFC *decomposes* য় ড় ঢ় (U+09DF, U+09DC, U+09DD are
      composition exclusions), so precomposed and nukta spellings become the
      same nukta sequence.
    - Legacy khanda ta (ত্ + ZWJ) becomes ৎ; zero-width and direction marks
      are removed.
    - Line ends become `\\n`; odd spaces (no-break, thin, ideographic …)
      become a plain space; runs of spaces are folded and lines right-stripped.
      Tabs are kept: they separate table cells.

    `compose=False` skips NFC, for a caller that composes each distinct
    word of a large text once instead (the linker).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.replace(_KHANDA_TA_LEGACY, "\u09ce")
    text = _INVISIBLE.sub("", text)
    if compose:
        text = unicodedata.normalize("NFC", text)
    text = _ODD_SPACE.sub(" ", text)
    text = _SPACE_RUN.sub(" ", text)
    return "\n".join(line.rstrip(" ") for line in text.split("\n"))


def to_ascii_digits(text: str) -> str:
    """Replace Bangla digits with ASCII digits: `'২০২৩'` → `'2023'`."""
    return text.translate(_TO_ASCII)


def to_bangla_digits(text: str) -> str:
    """Replace ASCII digits with Bangla digits: `'2023'` → `'২০২৩'`."""
    return text.translate(_TO_BANGLA)


def parse_int(text: str) -> int:
    """Parse a number written in Bangla or ASCII digits: `'০৫'` → `5`."""
    return int(to_ascii_digits(text.strip()))


def fold_letters(text: str) -> str:
    """Make the letters that are written one for the other the same (ী→ি, ূ→ু, ণ→ন, শ/ষ→স, no nukta)."""
    return text.translate(_FOLD)
