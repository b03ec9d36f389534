"""Large decision corpora with known near-duplicate families, for timing and scoring the directive linker.

Run after installing the project (see README):

    python benchmarks/make_link_corpus.py --n 100000 --seed 0 --out /tmp/link-100k.jsonl
    python benchmarks/make_link_corpus.py --n 1000000 --rewording 0.5 > /dev/null
    python benchmarks/make_link_corpus.py --n 30 --singletons 0    # look at a few

or from another bench script (benchmarks/ is put on `sys.path`):

    from make_link_corpus import generate
    records = list(generate(100_000, seed=1, rewording=0.3, singletons=0.3))

Every decision of corpus/real and corpus/authored is a *base*. Each output
record is either

* a controlled rewording of a base drawn uniformly from the corpus; its
  `family` is the base's annotated `family` (corpus/README.md §4) if it has one,
  else the base's id, so that all rewordings of one base (and of bases the
  annotators grouped) share a family; or
* with probability `singletons`, a unique decision: the first half (by words)
  of one base joined to the second half of a base of another family, with its
  place names and numbers always changed; its family is its own ("single-<k>")
  and its themes those of both halves.
  No (A, B) pair is used twice until 90 % of the cross-family pairs are used
  (about 500,000 singletons with the shipped corpus), so up to there no two
  singletons are near-duplicates of each other by construction.

Rewording acts per site, each site changed with probability `rewording`:
Bangla/ASCII digits; the boilerplate ending of a sentence (করতে হবে / করিতে
হইবে / করবেন / করার সিদ্ধান্ত গৃহীত হয় / … মর্মে সিদ্ধান্ত হয় / নিশ্চিত করতে
হবে, for eight light verbs); synonyms and spelling variants from `SYNONYMS`
(with case endings re-attached) and সমূহ/গুলো plurals; the base district's
name, and its upazilas' names, replaced by the record's district and one of its
upazilas; numbers, years, fiscal years, dates and month names changed. Filler
words (নিয়মিত, যথাযথভাবে, দ্রুত, অবশ্যই before the verb; সংশ্লিষ্ট before an
office noun) go in at half that rate per site, and one non-initial word is
dropped from a record at half that rate. With `rewording=0` a record's text is
its base's text exactly (singletons still get new places and numbers).

Records come in documents of 8-15 decisions (only the last document of a
very small run may be shorter); a document has one random gazetteer district
and one meeting date (2018-01 .. 2025-12): doc_id "gen-<k>", id "<doc_id>/<nn>",
item in Bangla digits. Output is deterministic for a given seed and corpus.
Each base is analysed once into "slots" (word, phrase or ending with its
precomputed alternatives), so a record costs a few random draws and a join:
1,000,000 records take about 9 s of CPU to generate, 17 s with the JSON output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import random
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from minutes_nlp import gazetteer
from minutes_nlp.corpus import read_records
from minutes_nlp.normalize import normalize_text

REPO = Path(__file__).resolve().parents[1]
CORPUS = [REPO / "corpus" / "real", REPO / "corpus" / "authored"]

FILLER_RATE = 0.5  # filler insertion per site, relative to `rewording`
DROP_RATE = 0.5  # one word dropped per record, relative to `rewording`
DOC_SIZE = (8, 15)
YEARS = (2018, 2025)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --- tables ----------------------------------------------------------------------

# Groups of interchangeable forms (words or phrases, bare stems: case endings are
# matched and re-attached). Spelling variants the minutes really mix are here too.
# A form marked "+" is only written, never matched (it would match too widely).
SYNONYMS: list[tuple[str, ...]] = [
    ("ই-নথি", "ডি-নথি", "ই-ফাইল"),
    ("তথ্য বাতায়ন", "ওয়েব পোর্টাল", "ওয়েবপোর্টাল"),
    ("হালনাগাদ", "আপডেট"),
    ("হালনাগাদকরণ", "আপডেটকরণ"),
    ("প্রশিক্ষণ", "ট্রেনিং"),
    ("প্রতিবেদন", "রিপোর্ট"),
    ("ভূমি", "ভুমি"),
    ("সরকারি", "সরকারী"),
    ("তৈরি", "তৈরী"),
    ("বেশি", "বেশী"),
    ("কর্মচারী", "কর্মচারি"),
    ("শ্রেণিকক্ষ", "শ্রেণীকক্ষ"),
    ("জরুরি", "জরুরী"),
    ("দপ্তর", "দফতর", "অফিস"),
    ("মাসিক", "মাসভিত্তিক", "+প্রতি মাসের"),
    ("প্রতি মাসে", "প্রতিমাসে", "মাসিক ভিত্তিতে"),
    ("উপজেলা নির্বাহী অফিসার", "ইউএনও"),
    ("জেলা প্রশাসক", "ডিসি"),
    ("ইউনিয়ন ডিজিটাল সেন্টার", "ইউডিসি"),
    ("শেখ রাসেল ডিজিটাল ল্যাব", "ডিজিটাল ল্যাব"),
    ("সভা", "মিটিং"),
    ("নির্দেশনা", "নির্দেশ"),
    ("তত্ত্বাবধান", "তদারকি", "মনিটরিং"),
    ("সংক্রান্ত", "বিষয়ক"),
    ("সকল", "সব", "সমস্ত"),
    ("যথাসময়ে", "সময়মতো", "নির্ধারিত সময়ে"),
    ("কর্মকর্তা", "অফিসার"),
    ("ইউনিয়ন পরিষদ", "ইউপি"),
    ("সিটিজেন চার্টার", "সেবা প্রদান প্রতিশ্রুতি"),
    ("ফেসবুক পেজ", "ফেসবুক পেইজ"),
    ("ওয়েবসাইট", "ওয়েব সাইট"),
    ("ই-মেইল", "ইমেইল"),
    ("কম্পিউটার", "কমপিউটার"),
    ("ব্যবস্থা গ্রহণ", "পদক্ষেপ গ্রহণ"),
    ("উপস্থাপন", "পেশ"),
    ("শিক্ষা প্রতিষ্ঠান", "শিক্ষাপ্রতিষ্ঠান"),
    ("শতভাগ", "শতকরা ১০০ ভাগ"),
]

# Endings a synonym stem may carry; genitive and locative ones are re-formed for
# the replacement (পোর্টালের / বাতায়নের, ই-নথিতে / ই-ফাইলে).
STEM_SUFFIXES = [
    "", "র", "ের", "এর", "ে", "তে", "য়", "এ", "কে", "ও", "ই", "সহ", "টি", "টির", "টিতে",
    "সমূহ", "সমূহের", "সমূহে", "সমূহকে", "গুলো", "গুলোর", "গুলোতে", "গুলোকে", "গণ", "গণের", "গণকে",
]
_GENITIVE = {"র", "ের", "এর"}
_LOCATIVE = {"ে", "তে", "য়", "এ"}
PLURALS = {"সমূহ": "গুলো", "সমূহের": "গুলোর", "সমূহে": "গুলোতে", "সমূহকে": "গুলোকে"}
PLURALS |= {v: k for k, v in PLURALS.items()}
PRONOUN_STEMS = {"", "এ", "সে", "ও", "যে", "অনেক", "কয়েক", "বেশ কয়েক"}  # অনেকগুলো is not অনেকসমূহ

# Light verbs of decision endings: infinitive, its sadhu form, future (honorific,
# sadhu, plain), verbal noun and its genitive; and whether a passive is grammatical.
VERBS: dict[str, tuple[str, str, str, str, str, str, str, bool]] = {
    "kor": ("করতে", "করিতে", "করবেন", "করিবেন", "করবে", "করা", "করার", True),
    "di": ("দিতে", "দিতে", "দেবেন", "দিবেন", "দেবে", "দেওয়া", "দেওয়ার", True),
    "pathan": ("পাঠাতে", "পাঠাইতে", "পাঠাবেন", "পাঠাইবেন", "পাঠাবে", "পাঠানো", "পাঠানোর", True),
    "rakh": ("রাখতে", "রাখিতে", "রাখবেন", "রাখিবেন", "রাখবে", "রাখা", "রাখার", True),
    "ni": ("নিতে", "নিতে", "নেবেন", "নিবেন", "নেবে", "নেওয়া", "নেওয়ার", True),
    "janan": ("জানাতে", "জানাইতে", "জানাবেন", "জানাইবেন", "জানাবে", "জানানো", "জানানোর", True),
    "chalan": ("চালাতে", "চালাইতে", "চালাবেন", "চালাইবেন", "চালাবে", "চালানো", "চালানোর", True),
    "thak": ("থাকতে", "থাকিতে", "থাকবেন", "থাকিবেন", "থাকবে", "থাকা", "থাকার", False),
}
# Ending templates by kind of sentence: a directive ("shall do") or a report of
# what the meeting did. `passive` ones need a transitive verb; `target` ones are
# only produced, never matched (their নিশ্চিত may belong to the sentence itself).
OBLIGATION = [
    ("{inf} হবে", False, False),
    ("{inf_s} হইবে", False, False),
    ("{fut}", False, False),
    ("{fut_s}", False, False),
    ("{fut_p}", False, False),
    ("{vng} সিদ্ধান্ত গৃহীত হয়", False, False),
    ("{inf} হবে মর্মে সিদ্ধান্ত হয়", False, False),
    ("{fut} মর্মে সিদ্ধান্ত হয়", False, False),
    ("{vn} হবে", True, False),
    ("{vn} হইবে", True, False),
    ("{vn} নিশ্চিত করতে হবে", False, True),
]
REPORTED = [("{vn} হলো", True, False), ("{vn} হয়", True, False), ("{vn} হইল", True, False)]
ENSURE = _nfc("নিশ্চিত")

ADVERBS: tuple[str, ...] = ("নিয়মিত", "যথাযথভাবে", "দ্রুত", "অবশ্যই")
RELATED = "সংশ্লিষ্ট"
# Office nouns that read naturally after সংশ্লিষ্ট.
OFFICE_NOUNS: tuple[str, ...] = ("দপ্তর", "কর্মকর্তা", "শাখা", "প্রতিষ্ঠান", "বিদ্যালয়", "অফিস", "কার্যালয়", "কমিটি", "ইউনিয়ন", "উপজেলা")
RELATED_AFTER = {"ও", "এবং", "সকল", "সব", "প্রত্যেক", "এই", "এ"}
# Words a minute-taker leaves out without breaking the sentence (dropping any
# word at all would turn directives into non-sentences); adverbs in -ভাবে too.
DROPPABLE = {
    "সকল", "সব", "প্রতিটি", "প্রত্যেক", "আগামী", "সংশ্লিষ্ট", "নিয়মিত", "অন্তত", "নতুন", "প্রয়োজনীয়", "একসঙ্গে",
    "এখনও", "এখনো", "চলতি", "দ্রুত", "অবশ্যই", "বিভিন্ন", "দাপ্তরিক", "জরুরি", "পরবর্তী", "সরেজমিনে", "যথাযথ",
    "নির্ধারিত", "একটি", "প্রাপ্ত", "অবিলম্বে", "প্রতিদিন", "নিজস্ব", "সার্বিক", "বিস্তারিত",
}

MONTHS = ["জানুয়ারি", "ফেব্রুয়ারি", "মার্চ", "এপ্রিল", "মে", "জুন", "জুলাই", "আগস্ট", "সেপ্টেম্বর", "অক্টোবর", "নভেম্বর", "ডিসেম্বর"]
MONTH_VARIANTS = {"জানুয়ারী": 0, "ফেব্রুয়ারী": 1, "আগষ্ট": 7}
ORDINAL_SUFFIXES: tuple[str, ...] = ("য়", "ম", "র্থ", "ষ্ঠ", "তম", "টা")  # ৩য়, ৫ম, ৯টা: not quantities
DAY_ORDINALS = {"লা", "রা", "ঠা", "ই", "শে"}
# Numbers that are names, not quantities (helplines).
PROTECTED_NUMBERS = {333, 999, 109, 16122}

_TO_BN = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")
_TO_ASCII = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
_BN_DIGITS = set("০১২৩৪৫৬৭৮৯")
_VOWEL_END = set("ািীুূৃেৈোৌঅআইঈউঊঋএঐওঔ")

# Every table in NFC, as normalize_text leaves the corpus (NFC splits য় into য + nukta).
_WRITE_ONLY = {_nfc(f[1:]) for group in SYNONYMS for f in group if f.startswith("+")}
SYNONYMS = [tuple(_nfc(f.lstrip("+")) for f in group) for group in SYNONYMS]
STEM_SUFFIXES = sorted({_nfc(s) for s in STEM_SUFFIXES}, key=len, reverse=True)
_GENITIVE = {_nfc(s) for s in _GENITIVE}
_LOCATIVE = {_nfc(s) for s in _LOCATIVE}
PLURALS = {_nfc(k): _nfc(v) for k, v in PLURALS.items()}
PRONOUN_STEMS = {_nfc(w) for w in PRONOUN_STEMS}
ADVERBS = tuple(_nfc(a) for a in ADVERBS)
RELATED = _nfc(RELATED)
RELATED_AFTER = {_nfc(w) for w in RELATED_AFTER}
OFFICE_NOUNS = tuple(_nfc(n) for n in OFFICE_NOUNS)
DROPPABLE = {_nfc(w) for w in DROPPABLE}
ADVERB_ENDING = _nfc("ভাবে")
MONTHS = [_nfc(m) for m in MONTHS]
MONTH_INDEX = {m: i for i, m in enumerate(MONTHS)} | {_nfc(k): v for k, v in MONTH_VARIANTS.items()}
DAY_ORDINALS = {_nfc(s) for s in DAY_ORDINALS}
ORDINAL_SUFFIXES = tuple(_nfc(s) for s in ORDINAL_SUFFIXES)
PLACE_SUFFIXES = sorted((_nfc(s) for s in ("ের", "এর", "র", "ে", "তে", "য়", "স্থ", "াধীন", "ধীন")), key=len, reverse=True)

# --- slots -------------------------------------------------------------------------

# A base is a tuple of slots (kind, original text, payload, fillers allowed
# before it, droppable). Kinds:
PLAIN, ALT, DISTRICT, UPAZILA, NUMBER, DATE, MONTH = range(7)
Slot = tuple[int, str, Any, tuple[str, ...], bool]

_LEAD = "([\"'‘“]"
_TRAIL = ")]\"'’”,;:।!?"
_DMY = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{2,4})$")
_FY = re.compile(r"^(\d{4})-(\d{2})$")
_ONE_NUMBER = re.compile(r"^(\D*?)(\d+)(\D*)$")


@dataclass(frozen=True, slots=True)
class Base:
    """One corpus decision, analysed into slots."""

    id: str
    family: str
    themes: tuple[str, ...]
    slots: tuple[Slot, ...]
    half: int  # slot index where the second half (by words) begins


@dataclass(slots=True)
class _Doc:
    district: str
    year: int
    upazilas: list[str]


def _vowel_end(word: str) -> bool:
    return bool(word) and word[-1] in _VOWEL_END


def _attach(stem: str, suffix: str) -> str:
    """`stem` with a case ending re-formed for its last letter (পোর্টালের, বাতায়নে, উপজেলায়)."""
    if suffix in _GENITIVE:
        return stem + ("র" if _vowel_end(stem) else "য়ের" if stem.endswith("ং") else "ের")
    if suffix in _LOCATIVE:
        if _vowel_end(stem):
            return stem + ("য়" if stem.endswith("া") else "তে")
        return stem + ("য়ে" if stem.endswith("ং") else "ে")
    if suffix in ("াধীন", "ধীন"):
        return stem + ("ধীন" if _vowel_end(stem) else "াধীন")
    return stem + suffix


def _swap_digits(text: str) -> str:
    return text.translate(_TO_ASCII) if any(c in _BN_DIGITS for c in text) else text.translate(_TO_BN)


def _day_ordinal(day: int) -> str:
    return "লা" if day == 1 else "রা" if day in (2, 3) else "ঠা" if day == 4 else "ই" if day <= 18 else "শে"


def _endings() -> tuple[dict[tuple[str, ...], tuple[str, int]], dict[tuple[str, int], list[tuple[str, ...]]]]:
    """Matchable ending word tuples -> (verb, kind); (verb, kind) -> every form."""
    index: dict[tuple[str, ...], tuple[str, int]] = {}
    forms: dict[tuple[str, int], list[tuple[str, ...]]] = {}
    for verb, (inf, inf_s, fut, fut_s, fut_p, vn, vng, transitive) in VERBS.items():
        values = {"inf": inf, "inf_s": inf_s, "fut": fut, "fut_s": fut_s, "fut_p": fut_p, "vn": vn, "vng": vng}
        for kind, templates in enumerate((OBLIGATION, REPORTED)):
            seen: list[tuple[str, ...]] = []
            extra = [("নিশ্চিত {inf} হবে", False, True)] if verb == "kor" and kind == 0 else []
            for template, passive, target in templates + extra:
                if passive and not transitive:
                    continue
                words = tuple(_nfc(template.format(**values)).split())
                if words not in seen:
                    seen.append(words)
                if not target:
                    index.setdefault(words, (verb, kind))
            forms[(verb, kind)] = seen
    return index, forms


ENDING_INDEX, ENDING_FORMS = _endings()
_MAX_ENDING = max(map(len, ENDING_INDEX))
SYNONYM_INDEX = {tuple(form.split()): group for group in SYNONYMS for form in group if form not in _WRITE_ONLY}
_MAX_PHRASE = max(map(len, SYNONYM_INDEX))
# Groups with a form already in the locative (প্রতি মাসে, যথাসময়ে) are adverbs, and সকল a
# determiner: no case ending follows them (সকলের is not সবের).
_ADVERBIAL = {group for group in SYNONYMS if any(form.endswith("ে") for form in group) or _nfc("সকল") in group}


# --- analysing a base ------------------------------------------------------------


@dataclass(slots=True)
class _Token:
    lead: str
    core: str
    trail: str
    start: int  # of the core, in the text
    end: int


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for m in re.finditer(r"\S+", text):
        word = m.group()
        core = word.lstrip(_LEAD)
        lead = word[: len(word) - len(core)]
        stripped = core.rstrip(_TRAIL)
        trail = core[len(stripped):]
        if not stripped and tokens:  # a stray "।" after a space joins its word
            tokens[-1].trail += word
            continue
        start = m.start() + len(lead)
        tokens.append(_Token(lead, stripped, trail, start, start + len(stripped)))
    return tokens


def _split_suffix(core: str) -> Iterator[tuple[str, str]]:
    """Every (stem, ending) reading of `core`, the bare word first."""
    yield core, ""
    for suffix in STEM_SUFFIXES:
        if suffix and core.endswith(suffix) and len(core) > len(suffix):
            yield core[: len(core) - len(suffix)], suffix


def _text(tokens: Sequence[_Token]) -> str:
    return " ".join(t.lead + t.core + t.trail for t in tokens)


def _plain(tokens: Sequence[_Token], i: int, j: int) -> bool:
    """Tokens i..j-1 form a phrase with no punctuation inside it."""
    return all(not tokens[k].trail for k in range(i, j - 1)) and all(not tokens[k].lead for k in range(i + 1, j))


def _place_spans(text: str, tokens: list[_Token], district: str, gaz: gazetteer.Gazetteer) -> dict[int, tuple[int, int, str, str]]:
    """Token start -> (end, kind, suffix, name) for the base district's own name and upazilas."""
    starts = {t.start: k for k, t in enumerate(tokens)}
    ends = {t.end: k for k, t in enumerate(tokens)}
    spans: dict[int, tuple[int, int, str, str]] = {}
    for match in gaz.find(text):
        place = match.place
        if place.district_bn != district or (place.kind == "district" and place.name_bn != district):
            continue  # another district's name is a real reference, not this meeting's place
        i, j = starts.get(match.start), ends.get(match.end)
        if i is None or j is None or not _plain(tokens, i, j + 1):
            continue
        suffix = ""
        if not gaz.lookup(match.text):
            suffix = next((s for s in PLACE_SUFFIXES if match.text.endswith(s) and gaz.lookup(match.text[: -len(s)])), "")
        kind = DISTRICT if place.kind == "district" else UPAZILA
        old = spans.get(i)
        if old is None or (old[1] == UPAZILA and kind == DISTRICT) or old[0] < j + 1:
            spans[i] = (j + 1, kind, suffix, place.name_bn)
    return spans


def _number_slot(tokens: list[_Token], k: int) -> Slot:
    tok = tokens[k]
    core, text = tok.core, tok.lead + tok.core + tok.trail
    swap = (ALT, text, (tok.lead + _swap_digits(core) + tok.trail,), (), False)
    ascii_core = core.translate(_TO_ASCII)
    bangla = any(c in _BN_DIGITS for c in core)
    if m := _DMY.match(ascii_core):
        widths = (len(m.group(1)), len(m.group(3)), len(m.group(4)))
        return (DATE, text, (tok.lead, m.group(2), widths, tok.trail, bangla), (), False)
    if m := _FY.match(ascii_core):
        return (NUMBER, text, (tok.lead, "", int(m.group(1)), 4, "", tok.trail, "fy", bangla), (), False)
    m = _ONE_NUMBER.match(ascii_core)
    if not m:
        return swap  # several numbers in one token (memo numbers, 3,215): script only
    before, digits, after = m.groups()
    value = int(digits)
    if (before and not before.endswith("/")) or value == 0 or value in PROTECTED_NUMBERS:
        return swap
    following = tokens[k + 1].core if k + 1 < len(tokens) else ""
    if len(digits) == 4 and 1990 <= value <= 2039:
        kind = "year"
    elif len(digits) == 4 and 1400 <= value <= 1450:
        kind = "bn_year"
    elif value <= 31 and (after in DAY_ORDINALS or _month_of(following) is not None or following.startswith("তারিখ")):
        kind = "day"
    elif after.startswith(ORDINAL_SUFFIXES):
        return swap  # ordinals (৩য়, ৫ম) and clock hours keep their value
    else:
        kind = "count"
    width = len(digits) if digits.startswith("0") else 1
    return (NUMBER, text, (tok.lead, before, value, width, after, tok.trail, kind, bangla), (), False)


def _month_of(core: str) -> int | None:
    for stem, suffix in _split_suffix(core):
        if stem in MONTH_INDEX and suffix in ("", *_GENITIVE, *_LOCATIVE):
            return MONTH_INDEX[stem]
    return None


def _synonym_slot(tokens: list[_Token], k: int) -> tuple[Slot, int] | None:
    """The longest synonym phrase starting at token k, as a slot, and its length."""
    for length in range(min(_MAX_PHRASE, len(tokens) - k), 0, -1):
        if not _plain(tokens, k, k + length):
            continue
        head = tuple(t.core for t in tokens[k: k + length - 1])
        last = tokens[k + length - 1].core
        for stem, suffix in _split_suffix(last):
            group = SYNONYM_INDEX.get((*head, stem))
            if group is None or (suffix and group in _ADVERBIAL):
                continue
            suffixes = [suffix, PLURALS[suffix]] if suffix in PLURALS else [suffix]
            lead, trail = tokens[k].lead, tokens[k + length - 1].trail
            alts = [lead + _attach(form, s) + trail for form in group for s in suffixes]
            text = _text(tokens[k: k + length])
            alts = [a for a in dict.fromkeys(alts) if a != text]
            if not alts:
                continue
            return (ALT, text, tuple(alts), (), False), length
    return None


def _ending_slot(tokens: list[_Token], k: int) -> tuple[Slot, int] | None:
    """A boilerplate ending finishing at token k (a sentence end), and its length."""
    for length in range(min(_MAX_ENDING, k + 1), 0, -1):
        i = k - length + 1
        if not _plain(tokens, i, k + 1) or tokens[i].lead:
            continue
        found = ENDING_INDEX.get(tuple(t.core for t in tokens[i: k + 1]))
        if found is None:
            continue
        words = tuple(t.core for t in tokens[i: k + 1])
        previous = tokens[i - 1].core if i else ""
        trail = tokens[k].trail
        alts = tuple(
            " ".join(form) + trail for form in ENDING_FORMS[found]
            if form != words and not (ENSURE in form and previous == ENSURE)
        )
        return (ALT, _text(tokens[i: k + 1]), alts, (), False), length
    return None


def _analyse(row: dict[str, Any], gaz: gazetteer.Gazetteer) -> Base:
    text = normalize_text(str(row["text"])).strip()
    tokens = _tokens(text)
    district = _nfc(str(row.get("district") or ""))
    places = _place_spans(text, tokens, district, gaz)
    sentence_end = {k for k, t in enumerate(tokens) if "।" in t.trail or k == len(tokens) - 1}
    endings: dict[int, tuple[Slot, int, int]] = {}  # start -> (slot, length, template kind)
    for k in sorted(sentence_end):
        found = _ending_slot(tokens, k)
        if found:
            slot, length = found
            verb_kind = ENDING_INDEX[tuple(t.core for t in tokens[k - length + 1: k + 1])][1]
            endings[k - length + 1] = (slot, length, verb_kind)

    slots: list[Slot] = []
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        if k in endings:
            slot, length, verb_kind = endings[k]
            # The word before a directive's ending is its verbal noun: adverbs go
            # before it, and it is never dropped.
            before = slots[-1][1] if slots else ""
            if verb_kind == 0 and slots and slots[-1][0] in (PLAIN, ALT) and " " not in before and not any(c in before for c in _TRAIL + _LEAD) \
                    and not (k >= 2 and (tokens[k - 2].core in ADVERBS or tokens[k - 2].core.endswith(ADVERB_ENDING))):
                adverbs = tuple(a for a in ADVERBS if a not in text)
                kind, original, payload, old_fill, _ = slots[-1]
                slots[-1] = (kind, original, payload, old_fill or adverbs, False)
            slots.append(slot)
            k += length
            continue
        if k in places:
            end, kind, suffix, name = places[k]
            slots.append((kind, _text(tokens[k:end]), (tok.lead, suffix, tokens[end - 1].trail, name), (), False))
            k = end
            continue
        if any(c.isdigit() for c in tok.core):
            slots.append(_number_slot(tokens, k))
            k += 1
            continue
        month = _month_of(tok.core)
        near_number = any(0 <= j < len(tokens) and any(c.isdigit() for c in tokens[j].core) for j in (k - 1, k + 1))
        if month is not None and (near_number or (k + 1 < len(tokens) and tokens[k + 1].core.startswith("মাস"))):
            stem_suffix = next(((s, x) for s, x in _split_suffix(tok.core) if s in MONTH_INDEX), (tok.core, ""))
            slots.append((MONTH, _text([tok]), (tok.lead, month, stem_suffix[1], tok.trail), (), False))
            k += 1
            continue
        found_synonym = _synonym_slot(tokens, k)
        fill: tuple[str, ...] = ()
        if tok.core.startswith(OFFICE_NOUNS) and not tok.lead and (
            k == 0 or tokens[k - 1].trail or tokens[k - 1].core in RELATED_AFTER
        ):  # not inside a compound (জেলা কার্যালয়)
            fill = (RELATED,)
        if found_synonym:
            slot, length = found_synonym
            droppable = length == 1 and k > 0 and not tok.lead and not tok.trail and tok.core in DROPPABLE
            slots.append((slot[0], slot[1], slot[2], fill, droppable))
            k += length
            continue
        word = _text([tok])
        plural = next((p for p in PLURALS if tok.core.endswith(p) and tok.core[: -len(p)] not in PRONOUN_STEMS), None)
        if plural:
            alt = tok.lead + tok.core[: -len(plural)] + PLURALS[plural] + tok.trail
            slots.append((ALT, word, (alt,), fill, False))
        else:
            droppable = k > 0 and not tok.lead and not tok.trail and (tok.core in DROPPABLE or tok.core.endswith(ADVERB_ENDING))
            slots.append((PLAIN, word, None, fill, droppable))
        k += 1

    words = [len(s[1].split()) for s in slots]
    total, running, half = sum(words), 0, len(slots)
    for index, count in enumerate(words):
        if running * 2 >= total:
            half = index
            break
        running += count
    half = min(max(half, 1), max(len(slots) - 1, 1))
    first, second = _merge_plain(slots[:half]), _merge_plain(slots[half:])
    themes = tuple(t["label"] if isinstance(t, dict) else str(t) for t in row.get("themes") or [])
    return Base(str(row["id"]), str(row.get("family") or row["id"]), themes, tuple(first + second), len(first))


def _merge_plain(slots: list[Slot]) -> list[Slot]:
    """Runs of fixed words as one slot: most of a record is copied, and each slot costs a loop turn."""
    merged: list[Slot] = []
    for slot in slots:
        fixed = slot[0] == PLAIN and not slot[3] and not slot[4]
        if fixed and merged and merged[-1][0] == PLAIN and not merged[-1][3] and not merged[-1][4]:
            merged[-1] = (PLAIN, merged[-1][1] + " " + slot[1], None, (), False)
        else:
            merged.append(slot)
    return merged


@functools.lru_cache(maxsize=4)
def _bases(paths: tuple[str, ...]) -> tuple[Base, ...]:
    gaz = gazetteer.load()
    rows = [row for row in read_records(list(paths)) if str(row.get("text") or "").strip()]
    return tuple(_analyse(row, gaz) for row in rows)


@functools.lru_cache(maxsize=1)
def _places() -> tuple[list[str], dict[str, list[str]]]:
    """Gazetteer districts (file order) and each district's upazilas."""
    gaz = gazetteer.load()
    upazilas: dict[str, list[str]] = {}
    for place in gaz.upazilas:
        upazilas.setdefault(place.district_bn, []).append(place.name_bn)
    return list(gaz.districts), upazilas


# --- generating ----------------------------------------------------------------------


def _render(slots: Sequence[Slot], rng: random.Random, p: float, p_fixed: float, doc: _Doc) -> str:
    """One rewording of `slots`; `p_fixed` is the rate for place names and numbers."""
    rnd = rng.random
    p_fill = p * FILLER_RATE
    drop = -1
    if p and rnd() < p * DROP_RATE:
        droppable = [i for i, slot in enumerate(slots) if slot[4]]
        if droppable:
            drop = droppable[int(rnd() * len(droppable))]
    out: list[str] = []
    append = out.append
    upazila_for: dict[str, str] = {}
    for index, (kind, text, payload, fill, _) in enumerate(slots):
        if index == drop:
            continue
        if fill and rnd() < p_fill:
            append(fill[int(rnd() * len(fill))])
        if kind == PLAIN:
            append(text)
        elif kind == ALT:
            append(payload[int(rnd() * len(payload))] if rnd() < p else text)
        elif kind == NUMBER:
            append(_render_number(payload, text, rnd, p, p_fixed, doc))
        elif kind == DISTRICT:
            append(payload[0] + _attach(doc.district, payload[1]) + payload[2] if rnd() < p_fixed else text)
        elif kind == UPAZILA:
            if rnd() < p_fixed and doc.upazilas:
                name = upazila_for.get(payload[3], "")
                if not name:
                    for _ in range(8):  # a list of upazilas stays a list of different ones
                        name = doc.upazilas[int(rnd() * len(doc.upazilas))]
                        if name not in upazila_for.values():
                            break
                    upazila_for[payload[3]] = name
                append(payload[0] + _attach(name, payload[1]) + payload[2])
            else:
                append(text)
        elif kind == MONTH:
            if rnd() < p_fixed:
                lead, month, suffix, trail = payload
                new = (month + 1 + int(rnd() * 11)) % 12
                append(lead + _attach(MONTHS[new], suffix) + trail)
            else:
                append(text)
        else:  # DATE
            append(_render_date(payload, text, rnd, p, p_fixed, doc))
    return " ".join(out)


def _render_number(payload: tuple[Any, ...], text: str, rnd: Callable[[], float], p: float, p_fixed: float, doc: _Doc) -> str:
    lead, before, value, width, after, trail, kind, bangla = payload
    change = rnd() < p_fixed
    swap = rnd() < p
    if not change and not swap:
        return text
    if swap:
        bangla = not bangla
    if change:
        if kind == "count":
            spread = max(1, value // 2)
            value = max(1, value - spread + int(rnd() * (2 * spread + 1)))
        elif kind == "day":
            value = 1 + int(rnd() * 28)
            if after in DAY_ORDINALS:
                after = _day_ordinal(value)
        elif kind == "year":
            value = doc.year + (rnd() < 0.3)
        elif kind == "bn_year":
            value = doc.year - 593 - (rnd() < 0.3)
        else:  # fiscal year
            value = doc.year - (rnd() < 0.5)
    digits = f"{value}-{(value + 1) % 100:02d}" if kind == "fy" else str(value).zfill(width)
    if bangla:
        digits = digits.translate(_TO_BN)
    return f"{lead}{before}{digits}{after}{trail}"


def _render_date(payload: tuple[Any, ...], text: str, rnd: Callable[[], float], p: float, p_fixed: float, doc: _Doc) -> str:
    lead, sep, widths, trail, bangla = payload
    change = rnd() < p_fixed
    swap = rnd() < p
    if not change and not swap:
        return text
    if not change:
        return _swap_digits(text)
    day, month, year = 1 + int(rnd() * 28), 1 + int(rnd() * 12), doc.year + (rnd() < 0.3)
    core = sep.join((str(day).zfill(widths[0]), str(month).zfill(widths[1]), str(year % 100 if widths[2] == 2 else year).zfill(widths[2])))
    return lead + (core.translate(_TO_BN) if bangla != swap else core) + trail


def _doc_sizes(n: int, rng: random.Random) -> Iterator[int]:
    low, high = DOC_SIZE
    left = n
    while left > 0:
        size = left if left <= high else rng.randint(low, min(high, left - low))
        left -= size
        yield size


def generate(
    n: int,
    *,
    seed: int = 0,
    rewording: float = 0.3,
    singletons: float = 0.3,
    corpus_paths: Iterable[str | Path] | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield `n` decision records with known near-duplicate families (see module docstring).

    Keys: id, doc_id, district, meeting_date, item, text, themes, family.
    """
    if n < 0 or not 0 <= rewording <= 1 or not 0 <= singletons <= 1:
        raise ValueError("need n >= 0 and 0 <= rewording, singletons <= 1")
    paths = tuple(str(Path(p)) for p in (corpus_paths if corpus_paths is not None else CORPUS))
    bases = _bases(paths)
    if not bases:
        raise ValueError(f"no decisions in {', '.join(paths)}")
    family_sizes = Counter(b.family for b in bases)
    if singletons and len(family_sizes) < 2:
        raise ValueError("singletons need bases of at least two families")
    districts, upazilas = _places()
    items = [f"{i:02d}".translate(_TO_BN) for i in range(DOC_SIZE[1] + 1)]
    rng = random.Random(seed)
    rnd = rng.random
    nb = len(bases)
    used_pairs: set[int] = set()
    # Past 90 % of the cross-family pairs, fresh ones get slow to find: reuse then.
    pair_limit = int(0.9 * (nb * nb - sum(size * size for size in family_sizes.values())))
    single = 0
    single_texts: set[int] = set()
    for k, size in enumerate(_doc_sizes(n, rng)):
        district = districts[int(rnd() * len(districts))]
        year = YEARS[0] + int(rnd() * (YEARS[1] - YEARS[0] + 1))
        month = 1 + int(rnd() * 12)
        meeting = dt.date(year, month, 1 + int(rnd() * 28)).isoformat()
        doc = _Doc(district, year, upazilas.get(district, []))
        doc_id = f"gen-{k}"
        for j in range(1, size + 1):
            if rnd() < singletons:
                for _ in range(5):  # two bases may share a half word for word: redraw a repeated text
                    a, b = _pair(bases, rnd, used_pairs, pair_limit)
                    first, second = bases[a], bases[b]
                    text = _render(first.slots[: first.half] + second.slots[second.half:], rng, rewording, 1.0, doc)
                    if hash(text) not in single_texts:
                        break
                single_texts.add(hash(text))
                single += 1
                family = f"single-{single}"
                themes = sorted(set(first.themes) | set(second.themes))
            else:
                base = bases[int(rnd() * nb)]
                text = _render(base.slots, rng, rewording, rewording, doc)
                family = base.family
                themes = list(base.themes)
            yield {
                "id": f"{doc_id}/{j:02d}",
                "doc_id": doc_id,
                "district": district,
                "meeting_date": meeting,
                "item": items[j] if j < len(items) else f"{j:02d}".translate(_TO_BN),
                "text": text,
                "themes": themes,
                "family": family,
            }


def _pair(bases: Sequence[Base], rnd: Callable[[], float], used: set[int], limit: int) -> tuple[int, int]:
    """Two bases of different families, a pair not used before while fewer than `limit` are used."""
    nb = len(bases)
    a = b = 0
    for _ in range(50 if len(used) < limit else 0):
        a, b = int(rnd() * nb), int(rnd() * nb)
        if bases[a].family != bases[b].family and a * nb + b not in used:
            used.add(a * nb + b)
            return a, b
    while bases[a].family == bases[b].family:  # every pair used: accept a repeat
        a, b = int(rnd() * nb), int(rnd() * nb)
    return a, b


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000, help="records to generate (default 100000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--rewording", type=float, default=0.3, help="probability of changing each rewordable site (default 0.3)")
    parser.add_argument("--singletons", type=float, default=0.3, help="fraction of unique chimera decisions (default 0.3)")
    parser.add_argument("--corpus", type=Path, nargs="+", help="JSONL files or directories of base decisions (default corpus/real corpus/authored)")
    parser.add_argument("--out", type=Path, help="JSON Lines output (default stdout)")
    args = parser.parse_args()

    start = time.perf_counter()
    families: set[str] = set()
    count = 0
    out = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
    try:
        dumps = json.dumps
        batch: list[str] = []
        for record in generate(args.n, seed=args.seed, rewording=args.rewording, singletons=args.singletons, corpus_paths=args.corpus):
            families.add(record["family"])
            batch.append(dumps(record, ensure_ascii=False))
            count += 1
            if len(batch) >= 10_000:  # few large writes
                out.write("\n".join(batch) + "\n")
                batch.clear()
        if batch:
            out.write("\n".join(batch) + "\n")
    finally:
        if args.out:
            out.close()
    seconds = time.perf_counter() - start
    print(f"{count} records, {len(families)} families in {seconds:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
