"""Word tokenizer for Bangla administrative text (meeting minutes).

The tokenizer is spaCy's Bengali tokenizer (``spacy.lang.bn``) with extra
rules for the register of district/upazila minutes. Decisions:

* Hyphen compounds stay whole when at least one part contains a letter:
  ``ই-নথি``, ``ডি-নথিতে``, ``ফলো-আপ``, ``আর্থ-সামাজিক``, ``স্ব-স্ব``,
  ``ভিশন-২০২১``, ``ইনফো-সরকার-২``, ``e-Government``. Digit-only ranges
  (``১০-১৫``, ``২০২৩-২৪``) are still split; dates are handled separately.
* Abbreviations ending in ``.`` or ``ঃ`` (``খ্রি.``, ``ইং.``, ``নং.``, ``মোঃ``,
  ``ডাঃ``, ``খ্রিঃ`` …) are special cases with a NORM; dotted initialisms made
  of short Bangla segments (``বি.দ্র.``, ``এস.এস.সি.``) are one token. ``জনাব``
  is a word, not an abbreviation.
* ``ঃ`` (visarga) typed as a colon after a label is split off when the word
  before it has 4+ code points (``সংক্রান্তঃ`` → ``সংক্রান্ত`` ``ঃ``). Shorter
  words keep it (``মোঃ``, ``ক্রঃ``, ``পুনঃ``, ``অতঃ``: abbreviations are short),
  and a list of adverbs whose final visarga is part of the spelling
  (``মূলতঃ``, ``সাধারণতঃ``, ``ক্রমশঃ`` …) is protected by special cases.
* Dates (``৩০/০১/২০২৪``, ``০৪-১২-২০২৩``, ``১৯.১১.২০২৩``, ``2024-01-30``),
  times (``১১:০০``, ``১১.০০``), memo numbers (4+ dot-separated digit groups),
  and numbers with thousands separators (``১,২৫,০০০``) are one token; Bangla
  and ASCII digits are both accepted.
* URLs and e-mail addresses are one token (spaCy's ``url_match`` plus the
  default rules; a trailing ``/`` is only split after Bangla letters).
* List markers ``ক)``, ``(ক)``, ``১)``, ``(১)``, ``০১.``, ``ক.`` are one token
  wherever they occur (``)`` after a lone letter/number, or ``.`` after a
  1-2 digit number, is practically always a label). ``১।`` is ambiguous,
  because ``।`` also ends sentences (``… সংখ্যা ১৫।``), so number + dari is
  merged only at the start of an item: start of text, after a newline/tab,
  a bullet (``-``, ``•``), a dari or other item-ending punctuation, or an
  HTML tag. This one context-dependent step runs after spaCy's tokenizer
  (``AdminTokenizer.__call__``); everything else is plain spaCy rules.
* ``।`` ``?`` ``!`` ``,`` ``;`` ``:`` still split off words; ``।`` is also
  split inside a chunk (``হয়।অতঃপর``), and ``(``/``)`` inside a chunk
  (``০৫(পাঁচ)``, ``প্রশাসক(শিক্ষা``) are split as well.
* Simple HTML tags (``<p>``, ``</td>``) left in exported tables are split off
  as single tokens. spaCy strips a prefix and a suffix in the same step, so a
  marker glued to a tag (``<p>ক)``) still comes out as ``<p>`` ``ক`` ``)``.
* spaCy's emoticon exceptions are dropped (``):`` would otherwise be a token).

All pattern strings are NFC-normalised, the form produced by
``minutes_nlp.normalize.normalize_text`` (NFC decomposes য় ড় ঢ় into base +
nukta). Special cases are also registered in the precomposed spelling, so
un-normalised text tokenizes the same way. ``tokenize`` does not normalise
its input, so token offsets always refer to the text you pass in.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable

import spacy
from spacy.lang.tokenizer_exceptions import emoticons
from spacy.language import Language
from spacy.symbols import NORM, ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

__all__ = [
    "TOKENIZER_NAME",
    "AdminTokenizer",
    "create_tokenizer",
    "make_tokenizer",
    "make_nlp",
    "get_nlp",
    "tokenize",
    "tokenize_with_offsets",
]

#: Name under which the tokenizer is registered in ``spacy.registry.tokenizers``.
TOKENIZER_NAME = "minutes_nlp.bn_admin_tokenizer.v1"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- character classes (inside [...]) --------------------------------------
_DIGIT = "0-9\u09e6-\u09ef"  # ASCII and Bangla digits
# Bangla letters, vowel signs, virama, nukta, anusvara, candrabindu; no visarga
# (U+0983, handled on its own), no digits, no currency/Assamese (U+09F0+).
_BN_LETTER = "\u0980-\u0982\u0985-\u09e3"
_LATIN = "A-Za-z"
_ZW = "\u200c\u200d"  # ZWNJ/ZWJ may survive in un-normalised text
_HYPHEN = "\\-\u2010\u2011"  # hyphen-minus, hyphen, non-breaking hyphen
# A single letter usable as a list label: Bangla vowel or consonant (+ nukta).
_LABEL_LETTER = "[\u0985-\u0994\u0995-\u09b9]\u09bc?"
_ROMAN = "(?:i{1,3}|iv|vi{0,3}|ix|x)"

# --- token_match: whole-chunk patterns that must not be split ----------------
# One part of a hyphen compound; a visarga is allowed only inside a word.
_PART = f"(?:[{_BN_LETTER}{_LATIN}{_DIGIT}{_ZW}]|\u0983(?=[{_BN_LETTER}]))+"
_HYPHEN_WORD = f"(?![{_DIGIT}{_HYPHEN}]+$){_PART}(?:[{_HYPHEN}]{_PART})+"
# Day-month-year with one consistent separator, or ISO-like year first.
_DATE = (
    f"[{_DIGIT}]{{1,2}}(?P<dsep>[/.\\-])[{_DIGIT}]{{1,2}}(?P=dsep)(?:[{_DIGIT}]{{4}}|[{_DIGIT}]{{2}})"
    f"|[{_DIGIT}]{{4}}(?P<isep>[/.\\-])[{_DIGIT}]{{1,2}}(?P=isep)[{_DIGIT}]{{1,2}}"
)
_TIME = f"[{_DIGIT}]{{1,2}}[:.][{_DIGIT}]{{2}}(?:[:.][{_DIGIT}]{{2}})?"
# Government memo (স্মারক) numbers: 56.04.8100.000.06.001.22.263 etc.
_MEMO = f"[{_DIGIT}]+(?:\\.[{_DIGIT}]+){{3,}}"
# Western (1,250,000) or South Asian (১২,৫০,০০০) digit grouping.
_GROUPED_NUMBER = f"[{_DIGIT}]{{1,3}}(?:,[{_DIGIT}]{{2,3}})+(?:\\.[{_DIGIT}]+)?"
_LABEL = f"(?:[{_DIGIT}]{{1,3}}|{_LABEL_LETTER}|[{_LATIN}]|{_ROMAN})"
_LIST_MARKER = f"\\({_LABEL}\\)|{_LABEL}\\)|(?:[{_DIGIT}]{{1,2}}|{_LABEL_LETTER})\\."
# Dotted initialisms: each segment short, each followed by a period.
_INITIALISM = f"(?:[{_BN_LETTER}]{{1,4}}\\.){{2,}}"

_TOKEN_MATCH = _nfc(
    "^(?:" + "|".join([_HYPHEN_WORD, _DATE, _TIME, _MEMO, _GROUPED_NUMBER, _LIST_MARKER, _INITIALISM]) + ")$"
)

# --- affixes ----------------------------------------------------------------
_HTML_TAG = "</?[A-Za-z][A-Za-z0-9]*>"
_EXTRA_PREFIXES = [_HTML_TAG]
_EXTRA_SUFFIXES = [
    _HTML_TAG,
    f"(?<=[{_BN_LETTER}])/",  # "ই-নথি/ ডি-নথি"; not after URLs (ASCII)
    # Visarga used as a colon after a label ("সংক্রান্তঃ", "ই-নথিঃ").
    f"(?<=[{_BN_LETTER}{_HYPHEN}]{{4}})\u0983",
]
_EXTRA_INFIXES = [
    "[\u0964\u0965]",  # dari / double dari never belongs inside a word
    f"(?<=[{_BN_LETTER}{_LATIN}{_DIGIT}])\\(",  # "০৫(পাঁচ", "প্রশাসক(শিক্ষা"
    f"\\)(?=[{_BN_LETTER}{_LATIN}{_DIGIT}/])",  # "(সার্বিক)/উপজেলা"
    "(?<=\\))/",
    f"(?<=[{_BN_LETTER}{_LATIN}])[\u2019\u201d'\"](?=[{_HYPHEN}])",  # "টিম’-কে"
]

# --- special cases ------------------------------------------------------------
# (orth, norm). Abbreviations of the register, in . and ঃ spellings.
_ABBREVIATIONS: list[tuple[str, str]] = [
    ("খ্রি.", "খ্রিস্টাব্দ"),
    ("খ্রিঃ", "খ্রিস্টাব্দ"),
    ("খ্রী.", "খ্রিস্টাব্দ"),
    ("খ্রীঃ", "খ্রিস্টাব্দ"),
    ("ইং.", "ইংরেজি"),
    ("ইংঃ", "ইংরেজি"),
    ("নং.", "নম্বর"),
    ("নংঃ", "নম্বর"),
    ("মোঃ", "মোহাম্মদ"),
    ("মো.", "মোহাম্মদ"),
    ("মোসাঃ", "মোসাম্মৎ"),
    ("মোসা.", "মোসাম্মৎ"),
    ("মোছাঃ", "মোছাম্মৎ"),
    ("মোছা.", "মোছাম্মৎ"),
    ("ডাঃ", "ডাক্তার"),
    ("ডা.", "ডাক্তার"),
    ("ডঃ", "ডক্টর"),
    ("ড.", "ডক্টর"),
    ("ক্রঃ", "ক্রমিক"),
    ("ক্র.", "ক্রমিক"),
    ("পৃঃ", "পৃষ্ঠা"),
    ("পৃ.", "পৃষ্ঠা"),
    ("ইঞ্জিঃ", "ইঞ্জিনিয়ার"),
    ("প্রকৌঃ", "প্রকৌশলী"),
    ("অ্যাডঃ", "অ্যাডভোকেট"),
    ("এ্যাডঃ", "অ্যাডভোকেট"),
    ("বি.দ্র.", "বিশেষ দ্রষ্টব্য"),
]
# Words whose final visarga is part of the spelling (not a colon).
_VISARGA_WORDS = [
    "মূলতঃ", "সাধারণতঃ", "বস্তুতঃ", "কার্যতঃ", "প্রধানতঃ", "বিশেষতঃ", "ফলতঃ",
    "ক্রমশঃ", "প্রায়শঃ", "অন্ততঃ", "সম্ভবতঃ", "স্বভাবতঃ", "আপাততঃ", "মুখ্যতঃ",
    "প্রথমতঃ", "দ্বিতীয়তঃ", "তৃতীয়তঃ", "চতুর্থতঃ", "শেষতঃ", "পুনঃপুনঃ",
]
# NFC decomposes these; un-normalised text may still use the precomposed ones.
_PRECOMPOSED = {_nfc("\u09af\u09bc"): "\u09df", _nfc("\u09a1\u09bc"): "\u09dc", _nfc("\u09a2\u09bc"): "\u09dd"}


def _spellings(text: str) -> set[str]:
    """The NFC spelling of `text` plus its precomposed-nukta variant."""
    nfc = _nfc(text)
    composed = nfc
    for decomposed, precomposed in _PRECOMPOSED.items():
        composed = composed.replace(decomposed, precomposed)
    return {nfc, composed}


def _special_cases() -> dict[str, list[dict[int, str]]]:
    cases: dict[str, list[dict[int, str]]] = {}
    for orth, norm in _ABBREVIATIONS:
        for spelling in _spellings(orth):
            cases[spelling] = [{ORTH: spelling, NORM: _nfc(norm)}]
    for word in _VISARGA_WORDS:
        for spelling in _spellings(word):
            cases[spelling] = [{ORTH: spelling}]
    return cases


# --- context-dependent list markers: "১।" -------------------------------------
_DARI_LABEL = re.compile(_nfc(f"(?:[{_DIGIT}]{{1,2}}|{_LABEL_LETTER})"))
# Tokens after which a new list item can start.
_ITEM_BOUNDARY = frozenset(["\u0964", "\u0965", "-", "\u2013", "\u2014", "\u2022", "*", ":", ";", "?", "!"])
_HTML_TAG_RE = re.compile(_HTML_TAG)


class AdminTokenizer(Tokenizer):
    """spaCy tokenizer plus one contextual step: merge ``১`` + ``।`` at item start.

    A plain rule cannot tell the list marker ``১।`` from a sentence ending in
    a number (``… ১৫।``), so the merge looks at the preceding token. Pickling
    and ``to_disk``/``from_disk`` work as for the base class.
    """

    def __call__(self, text: str) -> Doc:
        doc = super().__call__(text)
        return _merge_dari_markers(doc)


def _starts_item(doc: Doc, i: int) -> bool:
    if i == 0:
        return True
    prev = doc[i - 1]
    return prev.is_space or prev.text in _ITEM_BOUNDARY or bool(_HTML_TAG_RE.fullmatch(prev.text))


def _merge_dari_markers(doc: Doc) -> Doc:
    # Compared by ORTH id, so that no Token object is made for tokens far from a ।.
    dari = doc.vocab.strings.add("\u0964")
    orths = doc.to_array(ORTH).tolist()
    spans = [
        doc[i : i + 2]
        for i in range(len(orths) - 1)
        if orths[i + 1] == dari
        and not doc[i].whitespace_
        and _DARI_LABEL.fullmatch(doc[i].text)
        and _starts_item(doc, i)
    ]
    if spans:
        with doc.retokenize() as retokenizer:
            for span in spans:
                retokenizer.merge(span)
    return doc


# --- construction -------------------------------------------------------------
def _with_extra(defaults: Iterable[str | re.Pattern[str]] | None, extra: list[str], first: bool = False) -> list[str | re.Pattern[str]]:
    base = list(defaults or [])
    ours: list[str | re.Pattern[str]] = [_nfc(p) for p in extra]
    return ours + base if first else base + ours


def make_tokenizer(nlp: Language) -> AdminTokenizer:
    """Build the tuned tokenizer for `nlp` from its language defaults."""
    defaults = nlp.Defaults
    # Emoticon exceptions (":)", "):" …) never occur in minutes but glue a
    # closing bracket to a colon: "(জ্যেষ্ঠতার ক্রমানুসারে নয়):".
    rules = {orth: attrs for orth, attrs in defaults.tokenizer_exceptions.items() if orth not in emoticons}
    rules.update(_special_cases())
    # Prefixes/infixes go first so e.g. "<p>" wins over the "<" prefix.
    prefixes = _with_extra(defaults.prefixes, _EXTRA_PREFIXES, first=True)
    suffixes = _with_extra(defaults.suffixes, _EXTRA_SUFFIXES, first=True)
    infixes = _with_extra(defaults.infixes, _EXTRA_INFIXES)
    return AdminTokenizer(
        nlp.vocab,
        rules=rules,
        prefix_search=compile_prefix_regex(prefixes).search,
        suffix_search=compile_suffix_regex(suffixes).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        # Must be a compiled pattern's .match: spaCy serialises its .pattern.
        token_match=re.compile(_TOKEN_MATCH).match,
        url_match=defaults.url_match,
    )


@spacy.registry.tokenizers(TOKENIZER_NAME)
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    """Registry entry, usable in a training config::

        [nlp.tokenizer]
        @tokenizers = "minutes_nlp.bn_admin_tokenizer.v1"
    """
    return make_tokenizer


def make_nlp() -> Language:
    """A new blank Bengali pipeline that uses the tuned tokenizer."""
    return spacy.blank("bn", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})


@functools.lru_cache(maxsize=1)
def get_nlp() -> Language:
    """A shared pipeline from `make_nlp`, built on first use."""
    return make_nlp()


def tokenize(text: str) -> list[str]:
    """Split `text` into token strings (whitespace tokens are dropped)."""
    return [token.text for token in get_nlp().make_doc(text) if not token.is_space]


def tokenize_with_offsets(text: str) -> list[tuple[str, int, int]]:
    """Tokens with their character ``(start, end)`` offsets in `text`."""
    return [
        (token.text, token.idx, token.idx + len(token.text))
        for token in get_nlp().make_doc(text)
        if not token.is_space
    ]
