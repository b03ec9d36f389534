"""Legacy Bijoy (SutonnyMJ) encoded text: detection and conversion to Unicode.

Before Unicode took over, Bangladeshi offices typed Bangla with the Bijoy
keyboard in "ANSI" fonts of the MJ family (SutonnyMJ, SutonnyOMJ, …). The file
holds Windows-1252 characters that the font *draws* as Bangla glyphs, in the
*visual* order of the glyphs:

- a glyph is a letter, a vowel sign, a half form (``¯`` = স্), a phala
  (``¨`` = ্য, ``ª``/``Ö`` = ্র) or a whole conjunct (``³`` = ক্ত);
- the pre-base vowel signs ি ে ৈ are typed *before* their consonant cluster
  (``wm`` = সি), and ো ৌ are split around it (``‡hv`` = যো, ``‡kŠ`` = শৌ);
- the reph (র্ above a letter) is typed *after* its cluster (``Kvh©`` = কার্য).

`to_unicode` maps every glyph to its Unicode sequence (``_GLYPHS``, written by
hand from the SutonnyMJ layout), then puts the pre-base vowel signs after their
cluster, joins ে + া / ৗ into ো / ৌ, moves each reph before its cluster, and
merges the doubled hasanta of "half form + phala" (``š`` + ``Í`` = ন্ত). ASCII
digits become Bangla digits. The few rare positions whose glyph is uncertain
(``¹ º Ð`` and the unused Windows-1252 slots) are left as they are rather
than guessed.

A plain-text file has lost its fonts, so the English words that the typist set
in Times New Roman are the same ASCII letters as Bijoy Bangla. They are kept
as they are when they are recognisably not Bangla: URLs, e-mail addresses,
domain names and HTML tags (by pattern); free-standing ASCII words whose Bijoy
reading breaks Bangla spelling (`_plausible_bangla`: "Smart" would read
ঝসধৎঃ, ৎ before ঃ) or that are all-capital acronyms with letters Bangla
rarely uses; and the words of a phrase made mostly of such words
(`_english_spans`: "in black ink"). A short English word on its own that reads
as valid Bangla ("Lab" খধন, "Union") cannot be told apart and is converted.

`from_unicode` is the inverse (used to make test fixtures), and
`looks_like_bijoy` recognises Bijoy text among plain-text inputs.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from minutes_nlp.reading.layout import Document

__all__ = [
    "BIJOY_FONTS",
    "convert_document",
    "decode_legacy",
    "font_converter",
    "from_unicode",
    "is_bijoy_font",
    "looks_like_bijoy",
    "to_unicode",
]

# --------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------

#: Fonts of the Bijoy (MJ) family, lower-cased. `is_bijoy_font` also accepts
#: any other font name ending in "MJ", the family's naming rule.
BIJOY_FONTS: frozenset[str] = frozenset(
    name.lower()
    for name in (
        "SutonnyMJ", "SutonnyOMJ", "SutonnyEMJ", "SutonnyCMJ", "SutonnySushreeMJ", "SutonnyMJBold",
        "TonnyMJ", "TonnyBanglaMJ", "SulekhaMJ", "AnandaMJ", "BijoyMJ", "BijoyBaijayantaMJ",
        "ChandrabatiMJ", "ChandrabatiOMJ", "ChandrabatiEMJ", "ChandrabatiSushreeMJ", "KongshoMJ",
        "JamunaMJ", "KarnaphuliMJ", "MadhumatiMJ", "MitraMJ", "PadmaMJ", "RupaliMJ", "GangaMJ",
        "MeghnaMJ", "SugondhaMJ", "DhanshirhiMJ", "AtraiMJ", "BhagirathiMJ", "KirtanKhulaMJ",
        "LalonMJ", "NirmalMJ", "SabrinaMJ", "TitasMJ", "TuragMJ", "BurigangaMJ",
    )
)

# Style suffixes and PDF subset prefixes around a font's family name.
_FONT_SUBSET = re.compile(r"^[A-Z]{6}\+")
_FONT_STYLE = re.compile(r"[\s,_-]+(?:bold|italic|oblique|regular|normal|plain|medium|light).*$", re.IGNORECASE)


def is_bijoy_font(name: str | None) -> bool:
    """True for a font of the Bijoy MJ family: "SutonnyMJ", "ABCDEF+SutonnyOMJ-Bold", "sutonnymj"."""
    if not name:
        return False
    family = _FONT_SUBSET.sub("", name.strip())
    family = _FONT_STYLE.sub("", family)
    family = re.sub(r"[\s_-]+", "", family).lower()
    return family in BIJOY_FONTS or (len(family) > 2 and family.endswith("mj"))


# --------------------------------------------------------------------------
# The SutonnyMJ glyph table
# --------------------------------------------------------------------------

_HASANTA = "\u09cd"
_ZWJ = "\u200d"
_ZWNJ = "\u200c"
_NUKTA = "\u09bc"
_REPH = "র্"

# Kinds of glyph: the pre-base vowel signs and the reph are reordered.
_PRE = "pre"
_RE = "reph"
_BN = "bn"

# Bijoy glyph → Unicode, SutonnyMJ layout. Characters not listed (ASCII
# punctuation, space, tab, newline) stand for themselves.
_GLYPHS: dict[str, str] = {
    # independent vowels ("Av" = আ is a two-glyph sequence, see _SEQUENCES)
    "A": "অ", "B": "ই", "C": "ঈ", "D": "উ", "E": "ঊ", "F": "ঋ", "G": "এ", "H": "ঐ", "I": "ও", "J": "ঔ",
    # consonants
    "K": "ক", "L": "খ", "M": "গ", "N": "ঘ", "O": "ঙ", "P": "চ", "Q": "ছ", "R": "জ", "S": "ঝ", "T": "ঞ",
    "U": "ট", "V": "ঠ", "W": "ড", "X": "ঢ", "Y": "ণ", "Z": "ত", "_": "থ", "`": "দ", "a": "ধ", "b": "ন",
    "c": "প", "d": "ফ", "e": "ব", "f": "ভ", "g": "ম", "h": "য", "i": "র", "j": "ল", "k": "শ", "l": "ষ",
    "m": "স", "n": "হ", "o": "\u09dc", "p": "\u09dd", "q": "\u09df", "r": "ৎ",
    # signs
    "s": "ং", "t": "ঃ", "u": "ঁ", "|": "।", "$": "৳", "&": _HASANTA + _ZWNJ,
    # vowel signs (w, †, ‡, ˆ, ‰ are pre-base: see _PRE_BASE)
    "v": "া", "w": "ি", "x": "ী", "y": "ু", "z": "ু", "æ": "ু", "“": "ু", "~": "ূ", "ƒ": "ূ",
    "„": "ৃ", "…": "ৃ", "†": "ে", "‡": "ে", "ˆ": "ৈ", "‰": "ৈ", "Š": "ৗ",
    # phalas and other below/after-base forms (start with hasanta)
    "¨": "্য", "ª": "্র", "«": "্র", "Ö": "্র", "^": "্ব", "Ÿ": "্ব", "¡": "্ব", "¦": "্ব",
    "¥": "্ম", "§": "্ম", "œ": "্ন", "¬": "্ল", "\u00ad": "্ল", "ø": "্ল", "‹": "্ক", "Œ": "্ক্র",
    "—": "্ত", "Í": "্ত", "¿": "্ত্র", "‘": "্তু", "’": "্থ", "¢": "্ভ", "£": "্ভ্র", "ú": "্প",
    "è": "্ণ",
    # half forms (end with hasanta; joined to the next glyph)
    "¤": "ম্", "¯": "স্", "®": "ষ্", "š": "ন্", "›": "ন্", "˜": "দ্", "™": "দ্", "”": "চ্", "•": "ঙ্",
    # whole conjuncts and consonant + vowel ligatures
    "°": "ক্ক", "±": "ক্ট", "²": "ক্ষ্ম", "³": "ক্ত", "´": "ক্ম", "µ": "ক্র", "¶": "ক্ষ", "ÿ": "ক্ষ",
    "·": "ক্স", "¸": "গু", "»": "গ্ধ", "¼": "ঙ্ক", "½": "ঙ্গ", "¾": "জ্জ", "À": "জ্ঝ", "Á": "জ্ঞ",
    "Â": "ঞ্চ", "Ã": "ঞ্ছ", "Ä": "ঞ্জ", "Å": "ঞ্ঝ", "Æ": "ট্ট", "Ç": "ড্ড", "È": "ণ্ট", "É": "ণ্ঠ",
    "Ê": "ণ্ড", "Ë": "ত্ত", "Ì": "ত্থ", "Î": "ত্র", "Ï": "দ্দ", "×": "দ্ধ", "Ø": "দ্ব", "Ù": "দ্ম",
    "Ú": "ন্ঠ", "Û": "ন্ড", "Ü": "ন্ধ", "Ý": "ন্স", "Þ": "প্ট", "ß": "প্ত", "à": "প্প", "á": "প্স",
    "â": "ব্জ", "ã": "ব্দ", "ä": "ব্ধ", "å": "ভ্র", "ç": "ম্ফ", "é": "ল্ক", "ê": "ল্গ", "ë": "ল্ট",
    "ì": "ল্ড", "í": "ল্প", "î": "ল্ফ", "ï": "শু", "ð": "শ্চ", "ñ": "শ্ছ", "ò": "ষ্ণ", "ó": "ষ্ট",
    "ô": "ষ্ঠ", "õ": "ষ্ফ", "ö": "স্খ", "÷": "স্ট", "ù": "স্ফ", "û": "হু", "ü": "হৃ", "ý": "হ্ন",
    "þ": "হ্ম",
    # punctuation the font moves off the positions used for glyphs
    "Ñ": "–", "Ò": "“", "Ó": "”", "Ô": "‘", "Õ": "’",
    # digits
    **{str(d): "০১২৩৪৫৬৭৮৯"[d] for d in range(10)},
}
_PRE_BASE = frozenset("w†‡ˆ‰")
_ASCII_DIGITS = frozenset("0123456789")  # not str.isdigit: "³" (ক্ত) is a digit to Python
# Two-glyph sequences with their own reading.
_SEQUENCES = {"Av": "আ", "i¨": "র" + _ZWJ + "্য"}
# Glyphs that double as typographic punctuation when they cannot be a glyph:
# “ is ু only after a Bangla letter, ‘ ’ are phalas only after one, ” and •
# are half forms only before a consonant.
_QUOTE_LIKE_AFTER = frozenset("“‘’")
_QUOTE_LIKE_BEFORE = frozenset("”•")

# Windows-1252 characters by byte, for text read as Latin-1 (C1 controls).
_C1_TO_CP1252 = {
    i: bytes([i]).decode("cp1252") for i in range(0x80, 0xA0) if i not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}

_CONSONANTS = frozenset("কখগঘঙচছজঝঞটঠডঢণতথদধনপফবভমযরলশষসহ\u09dc\u09dd\u09df")
_INDEPENDENT_VOWELS = frozenset("অআইঈউঊঋএঐওঔ")
_VOWEL_SIGNS = frozenset("\u09be\u09bf\u09c0\u09c1\u09c2\u09c3\u09c7\u09c8\u09cb\u09cc\u09d7")
_BANGLA_DIGITS = "০১২৩৪৫৬৭৮৯"

# The cluster a reph sits on: consonants joined by hasanta (ZWJ allowed, as
# in র‍্য), then any vowel signs typed before the reph.
_CONS_CLASS = "কখগঘঙচছজঝঞটঠডঢণতথদধনপফবভমযরলশষসহ\u09dc\u09dd\u09df"
_REPH_TARGET = re.compile(
    f"(?:[{_CONS_CLASS}]\u09bc?\u200d?\u09cd)*[{_CONS_CLASS}]\u09bc?[\u09be-\u09cc\u09d7]*$"
)


_REPH_REACH = 24  # code points searched back for a reph's cluster


@dataclass(slots=True)
class _Glyph:
    text: str
    kind: str  # _PRE, _RE, _BN (Bangla) or "" (anything else)


def _starts_cluster(glyph: _Glyph) -> bool:
    return glyph.kind == _BN and glyph.text[:1] in _CONSONANTS


def _joins_cluster(previous: str, glyph: _Glyph) -> bool:
    """Does `glyph` belong to the cluster ending in `previous` (a phala, a nukta,
    or a consonant after a half form)?"""
    if glyph.kind != _BN:
        return False
    if glyph.text.startswith((_HASANTA, _NUKTA)):
        return True
    return previous.rstrip(_ZWNJ).endswith(_HASANTA) and glyph.text[:1] in _CONSONANTS


def _glyphs(piece: str) -> list[_Glyph]:
    """Split Bijoy text into glyphs with their Unicode reading, in visual order."""
    glyphs: list[_Glyph] = []
    i = 0
    while i < len(piece):
        pair = piece[i : i + 2]
        if pair in _SEQUENCES:
            glyphs.append(_Glyph(_SEQUENCES[pair], _BN))
            i += 2
            continue
        char = piece[i]
        i += 1
        if char == "©":
            glyphs.append(_Glyph(_REPH, _RE))
        elif char in _PRE_BASE:
            glyphs.append(_Glyph(_GLYPHS[char], _PRE))
        elif char in _QUOTE_LIKE_AFTER and not (glyphs and glyphs[-1].kind == _BN):
            glyphs.append(_Glyph(char, ""))
        elif char in _QUOTE_LIKE_BEFORE and _GLYPHS.get(piece[i : i + 1], "")[:1] not in _CONSONANTS:
            glyphs.append(_Glyph(char, ""))
        elif char in _ASCII_DIGITS:
            glyphs.append(_Glyph(_GLYPHS[char], ""))
        elif char in _GLYPHS:
            glyphs.append(_Glyph(_GLYPHS[char], _BN))
        else:
            glyphs.append(_Glyph(char, ""))
    return glyphs


def _reorder(glyphs: list[_Glyph]) -> tuple[list[_Glyph], bool]:
    """Move each pre-base vowel sign after its consonant cluster, joining
    ে + া / ৗ into ো / ৌ. Returns the glyphs and whether every pre-base sign
    found its cluster."""
    out: list[_Glyph] = []
    complete = True
    i = 0
    while i < len(glyphs):
        glyph = glyphs[i]
        if glyph.kind != _PRE:
            out.append(glyph)
            i += 1
            continue
        j = i + 1
        cluster: list[_Glyph] = []
        if j < len(glyphs) and _starts_cluster(glyphs[j]):
            cluster.append(glyphs[j])
            j += 1
            while j < len(glyphs) and _joins_cluster(cluster[-1].text, glyphs[j]):
                cluster.append(glyphs[j])
                j += 1
        if not cluster:
            complete = False
            out.append(_Glyph(glyph.text, _BN))
            i += 1
            continue
        vowel = glyph.text
        # ো and ৌ: the second half follows the cluster, perhaps after a reph or ঁ.
        k = j
        while k < len(glyphs) and (glyphs[k].kind == _RE or glyphs[k].text == "ঁ"):
            k += 1
        if vowel == "ে" and k < len(glyphs) and glyphs[k].kind == _BN and glyphs[k].text in ("া", "ৗ"):
            vowel = "ো" if glyphs[k].text == "া" else "ৌ"
            out.extend(cluster)
            out.append(_Glyph(vowel, _BN))
            out.extend(glyphs[j:k])
            i = k + 1
        else:
            out.extend(cluster)
            out.append(_Glyph(vowel, _BN))
            i = j
    return out, complete


@functools.lru_cache(maxsize=1 << 16)  # words repeat: most of a document's pieces are cached
def _convert_piece(piece: str) -> tuple[str, bool]:
    """Convert Bijoy text holding no protected token; the flag is False when
    the glyph order is impossible (a vowel sign or reph without a consonant)."""
    glyphs, complete = _reorder(_glyphs(piece))
    chars: list[str] = []  # the output so far, one code point per item
    for glyph in glyphs:
        if glyph.kind == _RE:
            # A cluster and its vowel signs are short: look at the tail only.
            tail_start = max(0, len(chars) - _REPH_REACH)
            match = _REPH_TARGET.search("".join(chars[tail_start:]))
            if match is None:
                complete = False
                chars.extend(_REPH)
            else:
                chars[tail_start + match.start() : tail_start + match.start()] = list(_REPH)
        elif glyph.text.startswith(_HASANTA) and chars and _HASANTA in chars[-2:] and chars[-1] in (_HASANTA, _ZWNJ):
            # A half form followed by a phala: ন্ + ্ত is ন্ত, one hasanta.
            if chars[-1] == _ZWNJ:
                chars.pop()
            chars.extend(glyph.text[1:])
        else:
            chars.extend(glyph.text)
    text = "".join(chars)
    # Unicode puts ঁ after the vowel sign; typists put it either side.
    text = re.sub("\u0981([\u09be\u09c0-\u09c4\u09cb\u09cc])", "\\1\u0981", text)
    return text, complete


# --------------------------------------------------------------------------
# Tokens to keep: URLs, e-mail addresses, domain names, English words
# --------------------------------------------------------------------------

# URL characters, minus the ASCII characters that Bijoy uses for Bangla glyphs
# at a token's end ("|" is the dari).
_PROTECTED = re.compile(
    r"(?:https?|ftp)://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
    r"|www\.[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
    # (the look-behinds start a match only at the start of a run: linear time)
    r"|(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
    r"|(?<![A-Za-z0-9.\-])[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:gov|com|org|net|edu|info|ac|bd|io)(?:\.bd)?"
    r"(?:/[A-Za-z0-9\-._~/?#=&%]*)?(?![A-Za-z0-9])"
)
# HTML tags that portal text keeps inside table cells ("<p>", "<table border="1">").
_HTML_TAG = re.compile(
    r"</?(?:p|br|hr|div|span|table|thead|tbody|tfoot|tr|td|th|b|i|u|em|strong|a|ul|ol|li|h[1-6]|img|font|sup|sub|center)"
    r"(?:\s+[A-Za-z\-]+(?:=(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>]+))?)*\s*/?>",
    re.IGNORECASE,
)
_TRAILING_PUNCTUATION = ".,;:!?')]"
_WHITESPACE = re.compile(r"(\s+)")
# Free-standing ASCII words (hyphenated compounds whole: "e-Government").
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
# Characters that make a neighbouring ASCII word part of a Bijoy word.
_BIJOY_JOINERS = frozenset(c for c in _GLYPHS if not c.isascii()) | frozenset("©`_~^&$|")
# Glyphs that are also quotation marks; at a word's edge they are quotes.
_QUOTES = frozenset("“”‘’ÒÓÔÕ")
# Capitals standing for rare Bangla letters (ঈ ঊ ঋ ঐ ঔ ঘ ঙ ঝ ঞ ঠ ঢ): an
# all-capital token holding one is an acronym ("ICT", "PDF"), not Bangla.
_RARE_CAPITALS = frozenset("CEFHJNOSTVX")
# What may separate the words of one English phrase.
_PHRASE_GAP = re.compile(r"[ ()\[\],.;:'\"/&-]*|[ ]*[“”‘’ÒÓÔÕ][ ]*")
# English function words: English next to an English word, though most read
# as possible Bangla ("in" রহ, "for" ভড়ৎ).
_FUNCTION_WORDS = frozenset(
    "a an and are as at be by for from in is of on or the to with".split()
)
#: Share of a phrase's words that must be English (by spelling, or function
#: words) for all its inner words to be kept as English.
ENGLISH_PHRASE_SHARE = 0.4


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """URLs, e-mail addresses, domain names and HTML tags."""
    spans = []
    for match in _PROTECTED.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _TRAILING_PUNCTUATION:
            end -= 1
        if end > start:
            spans.append((start, end))
    spans.extend(match.span() for match in _HTML_TAG.finditer(text))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@functools.lru_cache(maxsize=1 << 14)
def _is_english(word: str) -> bool:
    """An ASCII word whose Bijoy reading cannot be Bangla."""
    letters = re.sub(r"[^A-Za-z]", "", word)
    if len(letters) < 2:
        return False
    if word.isupper() and (len(letters) >= 4 or any(c in _RARE_CAPITALS for c in letters)):
        return True
    for part in re.findall(r"[A-Za-z]+", word):
        converted, complete = _convert_piece(part)
        if not complete or not _plausible_bangla(converted):
            return True
    return False


def _joined(text: str, index: int, outward: int) -> bool:
    """Is the character at `index` (beside a word) part of a Bijoy word?
    `outward` is -1 before the word, +1 after it."""
    if not 0 <= index < len(text):
        return False
    char = text[index]
    if char not in _BIJOY_JOINERS:
        return False
    if char in _QUOTES:
        beyond = index + outward
        return 0 <= beyond < len(text) and not text[beyond].isspace()
    return True


class _Word(NamedTuple):
    start: int
    end: int
    not_bangla: bool  # its Bijoy reading breaks Bangla spelling
    function: bool  # an English function word


def _english_spans(text: str) -> list[tuple[int, int]]:
    """Spans of English words: free-standing ASCII words (not touching a
    Bijoy glyph) that cannot be Bangla, and the words of English phrases.

    A phrase is a run of such words separated by spaces and punctuation. When
    at least two of its words cannot be Bangla and, with the function words,
    they make `ENGLISH_PHRASE_SHARE` of it, its inner words are English too
    ("in black ink"); its first and last words only when they cannot be
    Bangla or are function words, so that a Bangla word after an English
    name stays Bangla ("SOMS Gi" = SOMS এর). A function word beside an English
    word is English."""
    words: list[_Word] = []
    for match in _ASCII_WORD.finditer(text):
        start, end = match.span()
        if not (_joined(text, start - 1, -1) or _joined(text, end, +1)):
            words.append(_Word(start, end, _is_english(match.group()), match.group().lower() in _FUNCTION_WORDS))
    phrases: list[list[_Word]] = []
    for word in words:
        if phrases and _PHRASE_GAP.fullmatch(text[phrases[-1][-1].end : word.start]):
            phrases[-1].append(word)
        else:
            phrases.append([word])
    spans = []
    for phrase in phrases:
        flagged = sum(w.not_bangla for w in phrase)
        function_words = sum(w.function and not w.not_bangla for w in phrase)
        english_phrase = flagged >= 2 and flagged + function_words >= ENGLISH_PHRASE_SHARE * len(phrase)
        for n, word in enumerate(phrase):
            inner = 0 < n < len(phrase) - 1
            beside_english = (n > 0 and phrase[n - 1].not_bangla) or (n + 1 < len(phrase) and phrase[n + 1].not_bangla)
            if word.not_bangla or (english_phrase and (inner or word.function)) or (word.function and beside_english):
                spans.append((word.start, word.end))
    return spans


def _convert_stretch(text: str) -> str:
    """Convert text holding no protected span, keeping its English words."""
    out: list[str] = []
    position = 0
    for start, end in [*_english_spans(text), (len(text), len(text))]:
        out.extend(_convert_words(text[position:start]))
        out.append(text[start:end])
        position = end
    return "".join(out)


# --------------------------------------------------------------------------
# Bangla spelling check (used to recognise English words and Bijoy text)
# --------------------------------------------------------------------------

_CAN_FOLLOW_KHANDA_TA = frozenset("কখপফসশষমনবল")
_CAN_FOLLOW_VISARGA = frozenset("কখপফসশষনতম")
_NEVER_INITIAL = frozenset(("ঙ", "ঞ", "ণ", "ড\u09bc", "ঢ\u09bc", "য\u09bc"))
_RARE_LETTERS = frozenset("ঈঊঋঐঔঘঙঝঞঠঢ")
_VOWEL_PAIRS_FIRST = frozenset("অআইউএও")
_VOWEL_PAIRS_SECOND = frozenset("আইউএও")


def _letters(word: str) -> list[str]:
    """Code points with a nukta joined to its consonant (য় ড় ঢ় as one unit)."""
    units: list[str] = []
    for char in unicodedata.normalize("NFC", word):  # NFC spells য় ড় ঢ় with a nukta
        if char == _NUKTA and units:
            units[-1] += char
        elif char not in (_ZWJ, _ZWNJ):
            units.append(char)
    return units


def _kind(unit: str) -> str:
    base = unicodedata.normalize("NFC", unit)  # ো ৌ are one unit in NFC
    if base[0] in _CONSONANTS:
        return "C"
    if base in _INDEPENDENT_VOWELS:
        return "V"
    if base in _VOWEL_SIGNS:
        return "S"
    return {"্": "H", "ং": "M", "ঃ": "X", "ঁ": "N", "ৎ": "T"}.get(base, "")


def _plausible_bangla(word: str) -> bool:
    """Whether a Bangla word keeps the rules of Bangla spelling that English
    words read through the Bijoy table break: no vowel sign, ং ঃ ঁ ৎ or
    ঙ ঞ ণ ড় ঢ় য় at the start; vowel signs only after a consonant; ৎ and ঃ
    only before the few consonants they precede in Bangla words (উৎসব, দুঃখ);
    no two of ং ঃ ঁ in a row; no ড়ড়; only the vowel pairs of words like
    আইন, ইউনিয়ন; not six letters without a vowel sign or conjunct. Other
    characters (digits, punctuation) split the word."""
    for run in re.findall("[\u0980-\u09ff\u200c\u200d]+", word):
        units = _letters(run)
        kinds = [_kind(u) for u in units]
        if kinds and (kinds[0] in "SHMXNT" or units[0] in _NEVER_INITIAL):
            return False
        for n, (unit, kind) in enumerate(zip(units, kinds, strict=True)):
            previous = kinds[n - 1] if n else ""
            following = kinds[n + 1] if n + 1 < len(kinds) else ""
            nxt = units[n + 1] if following else ""
            base = unit
            if kind == "S" and previous != "C":
                return False
            if kind == "H" and (following != "C" or previous != "C" and not (previous == "V" and nxt == "য")):
                return False  # a hasanta joins consonants (or makes অ্যা, এ্যা)
            if kind in "MXNT" and kind and previous not in ("C", "S", "V"):
                return False
            if kind == "T" and following and not (following == "C" and nxt in _CAN_FOLLOW_KHANDA_TA):
                return False
            if kind == "X" and following and not (following == "C" and nxt in _CAN_FOLLOW_VISARGA):
                return False
            if kind == "M" and following in ("V", "S", "H"):
                return False
            if kind == "V" and previous == "V":
                before = units[n - 1]
                if before not in _VOWEL_PAIRS_FIRST or base not in _VOWEL_PAIRS_SECOND:
                    return False
            if base == "ঞ" and following == "C" and previous != "H":
                return False
            if base in _NEVER_INITIAL and base[-1] == _NUKTA and nxt == base:
                return False
        # Long runs of bare consonants: Bangla has compounds like কমলনগর (6), but
        # not with the rare letters English capitals and "s t" read as.
        consonants = kinds.count("C")
        if not any(k in "SH" for k in kinds) and (
            consonants >= 7 or consonants >= 5 and any(u in _RARE_LETTERS for u in units)
        ):
            return False
    return True


# --------------------------------------------------------------------------
# Public conversion functions
# --------------------------------------------------------------------------



def to_unicode(text: str, *, keep_latin: bool = True) -> str:
    """Bijoy (SutonnyMJ) text → Unicode Bangla in logical order, NFC.

    White space (newlines, tabs) is untouched: no cluster spans it. With
    `keep_latin` (for plain text, whose fonts are lost), URLs, e-mail
    addresses, domain names, HTML tags and English words (see
    `_english_spans`) are kept as they are, with their ASCII digits. Pass
    `keep_latin=False` for text known to be set in a Bijoy font (a Word run in
    SutonnyMJ): there every character is a glyph."""
    text = text.translate(_C1_TO_CP1252)
    if not keep_latin:
        return unicodedata.normalize("NFC", "".join(_convert_words(text)))
    out: list[str] = []
    position = 0
    for start, end in _protected_spans(text):
        out.append(_convert_stretch(text[position:start]))
        out.append(text[start:end])
        position = end
    out.append(_convert_stretch(text[position:]))
    return unicodedata.normalize("NFC", "".join(out))


def _convert_words(text: str) -> list[str]:
    """Convert every whitespace-separated chunk, keeping the white space."""
    return [chunk if not chunk or chunk.isspace() else _convert_piece(chunk)[0] for chunk in _WHITESPACE.split(text)]


# Unicode conjunct → Bijoy glyphs, for `from_unicode`. Longest match first;
# the generic rules (half forms, phalas, "&" hasanta) cover the rest.
_CONJUNCTS_TO_BIJOY: dict[str, str] = {
    "ক্ক": "°", "ক্ট": "±", "ক্ষ্ম": "²", "ক্ত": "³", "ক্ম": "´", "ক্র": "µ", "ক্ষ": "¶", "ক্স": "·",
    "গ্ধ": "»", "ঙ্ক": "¼", "ঙ্গ": "½", "ঙ্খ": "•L", "ঙ্ঘ": "•N", "ঙ্ক্ষ": "•¶", "জ্জ": "¾", "জ্ঝ": "À",
    "জ্ঞ": "Á", "ঞ্চ": "Â", "ঞ্ছ": "Ã", "ঞ্জ": "Ä", "ঞ্ঝ": "Å", "ট্ট": "Æ", "ড্ড": "Ç", "ণ্ট": "È",
    "ণ্ঠ": "É", "ণ্ড": "Ê", "ত্ত": "Ë", "ত্থ": "Ì", "ত্র": "Î", "দ্দ": "Ï", "দ্ধ": "×", "দ্ব": "Ø",
    "দ্ম": "Ù", "দ্ভ": "™¢", "ন্ঠ": "Ú", "ন্ড": "Û", "ন্ধ": "Ü", "ন্স": "Ý", "ন্ত": "šÍ", "ন্ত্র": "š¿",
    "ন্থ": "š’", "ন্ট": "›U", "ন্দ": "›`", "প্ট": "Þ", "প্ত": "ß", "প্প": "à", "প্স": "á", "ব্জ": "â",
    "ব্দ": "ã", "ব্ধ": "ä", "ভ্র": "å", "ম্ফ": "ç", "ম্প": "¤ú", "ম্ব": "¤^", "ম্ভ": "¤¢", "ম্ম": "¤§",
    "ল্ক": "é", "ল্গ": "ê", "ল্ট": "ë", "ল্ড": "ì", "ল্প": "í", "ল্ফ": "î", "শ্চ": "ð", "শ্ছ": "ñ",
    "ষ্ণ": "ò", "ষ্ট": "ó", "ষ্ঠ": "ô", "ষ্ফ": "õ", "ষ্প": "®ú", "ষ্ক": "®‹", "স্খ": "ö", "স্ট": "÷",
    "স্ফ": "ù", "স্ত": "¯Í", "স্ত্র": "¯¿", "স্থ": "¯’", "স্ক": "¯‹", "স্প": "¯ú", "স্ব": "¯^",
    "স্ম": "¯§", "হ্ন": "ý", "হ্ম": "þ", "প্র": "cÖ", "ন্ব": "š^", "ম্ন": "¤œ",
    # half forms, joined to whatever consonant follows
    "ম্": "¤", "স্": "¯", "ষ্": "®", "ন্": "š", "দ্": "˜", "চ্": "”", "ঙ্": "•",
    # phalas
    "্য": "¨", "্র": "ª", "্ব": "¡", "্ম": "¥", "্ন": "œ", "্ল": "¬", "্ণ": "è",
}
_CONSONANTS_TO_BIJOY = {v: k for k, v in _GLYPHS.items() if len(v) == 1 and v in _CONSONANTS}
_CONSONANTS_TO_BIJOY.update({"\u09dc": "o", "\u09dd": "p", "\u09df": "q"})
_CONJUNCT_KEYS = sorted(_CONJUNCTS_TO_BIJOY, key=len, reverse=True)
_SIGNS_TO_BIJOY = {
    "া": "v", "ি": "w", "ী": "x", "ু": "y", "ূ": "~", "ৃ": "„", "ে": "‡", "ৈ": "‰", "ৗ": "Š",
}
_OTHERS_TO_BIJOY = {
    "অ": "A", "আ": "Av", "ই": "B", "ঈ": "C", "উ": "D", "ঊ": "E", "ঋ": "F", "এ": "G", "ঐ": "H", "ও": "I",
    "ঔ": "J", "ং": "s", "ঃ": "t", "ঁ": "u", "ৎ": "r", "।": "|", "৳": "$", "“": "Ò", "”": "Ó", "‘": "Ô",
    "’": "Õ", "–": "Ñ", "—": "Ñ", _HASANTA: "&",
    **{d: str(n) for n, d in enumerate(_BANGLA_DIGITS)},
}
# Consonant + vowel ligatures the font has as one glyph.
_LIGATURES = {("গ", "ু"): "¸", ("শ", "ু"): "ï", ("হ", "ু"): "û", ("হ", "ৃ"): "ü", ("র", "ু"): "iæ", ("র", "ূ"): "iƒ"}
_PHALA_CONSONANTS = frozenset("যরবমনলণ")
_RA_YA = "\ue000"  # placeholder for র‍্য (ra + ya-phala, not reph + ya)


def _encode_cluster(cluster: str) -> str:
    """Bijoy glyphs for a consonant cluster (consonants joined by hasanta)."""
    out = []
    i = 0
    while i < len(cluster):
        for key in _CONJUNCT_KEYS:
            # A half form only before a consonant that has no phala form
            # (ন্য is ন + phala ¨, ন্ট is half form š + ট).
            if cluster.startswith(key, i) and not (
                key.endswith(_HASANTA) and (i + len(key) >= len(cluster) or cluster[i + len(key)] in _PHALA_CONSONANTS)
            ):
                out.append(_CONJUNCTS_TO_BIJOY[key])
                i += len(key)
                break
        else:
            char = cluster[i]
            if char == _RA_YA:
                out.append("i¨")
            elif char in _CONSONANTS_TO_BIJOY:
                out.append(_CONSONANTS_TO_BIJOY[char])
            elif char == _HASANTA:
                out.append("&")
            else:
                out.append(char)
            i += 1
    return "".join(out)


_CLUSTER = re.compile(
    f"(?:[{_CONS_CLASS}{_RA_YA}]\u09cd)*[{_CONS_CLASS}{_RA_YA}](?:\u09cd(?![{_CONS_CLASS}]))?"
)


def from_unicode(text: str) -> str:
    """Unicode Bangla → Bijoy (SutonnyMJ) text in visual order; the inverse of
    `to_unicode`. Characters outside Bangla are kept."""
    text = unicodedata.normalize("NFC", text)
    # One code point for য় ড় ঢ় (NFC spells them with a nukta) and for র‍্য.
    text = text.replace("\u09af\u09bc", "\u09df").replace("\u09a1\u09bc", "\u09dc").replace("\u09a2\u09bc", "\u09dd")
    text = text.replace("র\u200d্য", _RA_YA).replace(_ZWJ, "").replace(_ZWNJ, "")
    out: list[str] = []
    i = 0
    while i < len(text):
        match = _CLUSTER.match(text, i)
        if match is None and text.startswith("্য", i):
            out.append("¨")  # ya-phala after a vowel: অ্যা, এ্যা
            i += 2
            continue
        if match is None:
            char = text[i]
            out.append(_OTHERS_TO_BIJOY.get(char, _SIGNS_TO_BIJOY.get(char, char)))
            i += 1
            continue
        cluster = match.group()
        i = match.end()
        reph = cluster.startswith(_REPH) and len(cluster) > 2 and cluster[2] in _CONSONANTS | {_RA_YA}
        if reph:
            cluster = cluster[2:]
        vowel = text[i] if i < len(text) and text[i] in _VOWEL_SIGNS else ""
        i += len(vowel)
        mark = "©" if reph else ""
        if (cluster, vowel) in _LIGATURES:
            out.append(_LIGATURES[cluster, vowel] + mark)
        elif vowel in ("ো", "ৌ"):
            out.append("‡" + _encode_cluster(cluster) + ("v" if vowel == "ো" else "Š") + mark)
        elif vowel in ("ি", "ে", "ৈ"):
            out.append(_SIGNS_TO_BIJOY[vowel] + _encode_cluster(cluster) + mark)
        else:
            out.append(_encode_cluster(cluster) + mark + _SIGNS_TO_BIJOY.get(vowel, ""))
    return "".join(out)


# --------------------------------------------------------------------------
# Detection
# --------------------------------------------------------------------------

# Glyphs that make a token Bijoy-like: vowel signs, phalas, conjuncts, reph.
_BIJOY_MARKS = frozenset("vwxyz~©") | frozenset(c for c in _GLYPHS if not c.isascii()) - frozenset("ÑÒÓÔÕ‘’“”•—–")
#: Share of a text's word tokens that must read as Bijoy Bangla.
BIJOY_TOKEN_SHARE = 0.5
#: Share of "v" (the া sign, Bangla's most frequent) among ASCII letters; English has about 1 %.
BIJOY_AA_SHARE = 0.04
#: Largest share of Unicode Bangla letters among the letters of a Bijoy text.
MAX_UNICODE_BANGLA_SHARE = 0.02
#: Fewest word tokens on which a decision is made.
MIN_TOKENS = 3


def _token_reads_as_bangla(token: str) -> bool:
    """A whitespace token that carries a Bijoy vowel sign, phala or conjunct
    and converts to a well-spelled Bangla word."""
    core = token.strip(".,;:!?()[]{}'\"<>-/")
    if not core or not any(c in _BIJOY_MARKS for c in core):
        return False
    converted, complete = _convert_piece(core)
    return complete and _plausible_bangla(converted)


def looks_like_bijoy(text: str) -> bool:
    """Is this plain text Bijoy-encoded Bangla?

    The rule (thresholds are the module constants):

    1. (almost) no Unicode Bangla: at most `MAX_UNICODE_BANGLA_SHARE` of its
       letters are in the Bangla block;
    2. among the word tokens that are not URLs, e-mail addresses or domain
       names (at least `MIN_TOKENS` of them), at least `BIJOY_TOKEN_SHARE` hold
       a Bijoy vowel sign, phala or conjunct glyph *and* convert to a
       well-spelled Bangla word (`_plausible_bangla`);
    3. "v" (the া sign) makes at least `BIJOY_AA_SHARE` of the ASCII letters.

    English prose fails 2 and 3 (its words read as impossible Bangla and it
    has little "v"); Unicode Bangla fails 1; a list of links has no tokens.
    """
    if not text or not text.strip():
        return False
    text = text.translate(_C1_TO_CP1252)
    sample = text[:200_000]  # enough to decide; bounds the time on huge inputs
    bangla = sum("\u0980" <= c <= "\u09ff" for c in sample)
    ascii_letters = sum(c.isascii() and c.isalpha() for c in sample)
    glyphs = sum(not c.isascii() and c in _GLYPHS for c in sample)
    letters = bangla + ascii_letters + glyphs
    if not letters or bangla > MAX_UNICODE_BANGLA_SHARE * letters:
        return False
    if not ascii_letters or sample.count("v") < BIJOY_AA_SHARE * ascii_letters:
        return False
    tokens = [
        token
        for token in sample.split()
        if _PROTECTED.fullmatch(token.strip(_TRAILING_PUNCTUATION + "<>(")) is None
        and sum(c.isalpha() or c in _GLYPHS for c in token) >= 2
    ]
    if len(tokens) < MIN_TOKENS:
        return False
    bangla_like = sum(_token_reads_as_bangla(token) for token in tokens)
    return bangla_like >= BIJOY_TOKEN_SHARE * len(tokens)


# --------------------------------------------------------------------------
# Documents and bytes
# --------------------------------------------------------------------------

BIJOY_NOTE = ("bijoy", "converted from Bijoy (SutonnyMJ) encoding to Unicode")


def convert_document(document: Document) -> Document:
    """The document converted to Unicode (with a "bijoy" note) when its text
    is Bijoy-encoded; otherwise the document unchanged."""
    if not looks_like_bijoy(document.text):
        return document
    return Document(to_unicode(document.text), document.format, [*document.notes, BIJOY_NOTE])


def decode_legacy(data: bytes) -> str | None:
    """Decode the bytes of a legacy (non-UTF-8) text file as Windows-1252, the
    encoding Bijoy files are saved in (the five bytes Windows-1252 leaves
    undefined are read as Latin-1), and return the text if it is Bijoy;
    None otherwise. The text is still Bijoy: `convert_document` converts it."""
    if b"\x00" in data[:4096]:
        return None  # binary, or UTF-16: not a legacy 8-bit text
    text = data.decode("latin-1").translate(_C1_TO_CP1252)
    if text.startswith("\u00ef\u00bb\u00bf"):  # a UTF-8 BOM on a file that is not UTF-8
        text = text[3:]
    return text if looks_like_bijoy(text) else None


FontConverter = tuple[Callable[[str | None], bool], Callable[[str], str]]


def font_converter() -> FontConverter:
    """The font test and converter for text set in a Bijoy font (Word runs, HTML
    elements): every character of such text is a glyph, so no word is kept as English."""
    return is_bijoy_font, functools.partial(to_unicode, keep_latin=False)
