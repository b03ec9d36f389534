"""Decisions reduced to the terms of their directive, for comparing them.

`LinkLexicon.load()` reads data/linking.toml; `LinkLexicon.terms(text)` gives
the directive's terms in order: words NFC-normalised and lower-cased, digits and
punctuation dropped, hyphens read as spaces, letters folded, case and plural
endings cut, synonyms of the domain mapped to one term, boilerplate and place
names removed. `drop_templates` then removes the phrases one office repeats in
many decisions of the same minutes (its reporting formula), which say nothing
about what each decision asks.

    >>> lexicon = LinkLexicon.load()
    >>> lexicon.terms("সকল পত্র ডি-নথিতে নিষ্পন্ন করার সিদ্ধান্ত গৃহীত হয়।")
    ['ডাক', 'নথি', 'নিষ্পত্তি']
    >>> lexicon.terms("ই-ফাইল (নথি) এর মাধ্যমে নথির নিষ্পত্তি বৃদ্ধি করতে হবে।")
    ['নথি', 'নথি', 'নথি', 'নিষ্পত্তি', 'বৃদ্ধি']
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from minutes_nlp.errors import MinutesError
from minutes_nlp.normalize import fold_letters, normalize_text

# Bangla letters and signs (not the Bangla digits ০-৯, U+09E6-09EF) and Latin letters.
_LETTERS = "\u0980-\u09e5\u09f0-\u09ffa-z"
_WORD = re.compile(f"[{_LETTERS}]+")
# A hyphen joins two words that are also written apart (কর্মকর্তা-কর্মচারী,
# ডি-নথি / ডি নথি): it is read as a space, and the synonym table's phrases
# (ডি নথি → নথি) bring the compounds back together.
_HYPHEN = re.compile("[-‐‑–]")
_VIRAMA = "\u09cd"
_MIN_STEM = 2
_MAX_CUTS = 2
_CASE_VOWELS = frozenset({"\u09c7"})  # ে


class LinkConfigError(MinutesError):
    """A linking configuration file that cannot be used."""


@dataclass(frozen=True)
class LinkSettings:
    """The numbers of data/linking.toml: scoring and MinHash LSH parameters."""

    threshold: float = 0.36
    concept_weight: float = 2.0
    theme_weight: float = 0.5
    template_ngram: int = 3
    template_min_decisions: int = 3
    num_perm: int = 64
    bands: int = 32
    seed: int = 1
    max_bucket_pairs: int = 64
    all_pairs_up_to: int = 2000
    """Inputs of at most this many decisions have every pair scored, without LSH."""

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands


@dataclass
class LinkLexicon:
    """Endings, synonyms, boilerplate and place names: what the linker knows as data."""

    endings: tuple[str, ...]
    words: dict[str, str]
    """Cut word → term (synonyms of one word)."""
    phrases: dict[tuple[str, ...], str]
    """Cut words of a phrase → term; an empty term drops the phrase."""
    dropped: frozenset[str]
    """Boilerplate and place names, as cut words."""
    settings: LinkSettings = field(default_factory=LinkSettings)
    _cut_cache: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, path: str | Path | None = None, *, places: Iterable[str] | None = None) -> LinkLexicon:
        """Read `path` (default: the shipped data/linking.toml); `places` default to the gazetteer's names."""
        if path is None:
            raw = resources.files("minutes_nlp").joinpath("data/linking.toml").read_text(encoding="utf-8")
            source = "data/linking.toml"
        else:
            source = str(path)
            try:
                raw = Path(path).read_text(encoding="utf-8")
            except OSError as err:
                raise LinkConfigError(f"cannot read: {err.strerror or err}", source) from None
        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as err:
            raise LinkConfigError(f"not valid TOML: {err}", source) from None
        if places is None:
            from minutes_nlp.gazetteer import load as load_gazetteer

            places = load_gazetteer().names()
        return cls.from_dict(data, places=places, source=source)

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, places: Iterable[str] = (), source: str = "linking config") -> LinkLexicon:
        try:
            endings = tuple(sorted({fold_letters(normalize_text(e)) for e in data.get("endings", [])}, key=len, reverse=True))
            lexicon = cls(endings=endings, words={}, phrases={}, dropped=frozenset())
            for term, variants in data.get("synonyms", {}).items():
                for variant in [term, *variants]:
                    lexicon._add(variant, term)
            dropped: set[str] = set()
            for word in [*data.get("boilerplate", []), *places]:
                cut = lexicon._cut_words(word)
                if len(cut) == 1:
                    dropped.add(cut[0])
                elif cut:
                    lexicon.phrases.setdefault(tuple(cut), "")
            # A word of the synonym table names what a directive is about, even
            # when a boilerplate form cuts to it (সভায় সিদ্ধান্ত … → সভা).
            lexicon.dropped = frozenset(dropped - lexicon.words.keys())
            values = {**data.get("scoring", {}), **data.get("minhash", {})}
            lexicon.settings = LinkSettings(**values)
        except (TypeError, AttributeError) as err:
            raise LinkConfigError(f"unexpected layout: {err}", source) from None
        if lexicon.settings.bands <= 0 or lexicon.settings.num_perm % lexicon.settings.bands:
            raise LinkConfigError("minhash.num_perm must be a multiple of minhash.bands", source)
        return lexicon

    def _add(self, variant: str, term: str) -> None:
        cut = self._cut_words(variant)
        if len(cut) == 1:
            self.words[cut[0]] = term
        elif cut:
            self.phrases[tuple(cut)] = term

    @property
    def concepts(self) -> frozenset[str]:
        """The terms of the synonym table: what directives are about."""
        return frozenset(term for term in [*self.words.values(), *self.phrases.values()] if term)

    @cached_property
    def phrase_heads(self) -> dict[str, int]:
        """First word of a phrase → the longest phrase it starts.

        Read by every `terms` call, so that a word no phrase starts with costs one
        lookup; the phrases are complete once `from_dict` returns."""
        heads: dict[str, int] = {}
        for phrase in self.phrases:
            heads[phrase[0]] = max(heads.get(phrase[0], 0), len(phrase))
        return heads

    def _cut_words(self, text: str) -> list[str]:
        text = _HYPHEN.sub(" ", normalize_text(text).lower())
        return [self.cut(word) for word in _WORD.findall(text)]

    def cut(self, word: str) -> str:
        """The word folded, with its case or plural ending cut."""
        cached = self._cut_cache.get(word)
        if cached is not None:
            return cached
        stem = fold_letters(word)
        # Endings stack (কার্যালয় + সমূহ + ের, কমিটি + তে): a second cut brings
        # the stacked form to the stem the bare word is cut to.
        for cut in range(_MAX_CUTS):
            rest = self._cut_one(stem, stacked=cut > 0)
            if rest == stem:
                break
            stem = rest
        # A র after a vowel sign is the genitive or part of the stem; either way
        # it goes, so that the bare word and its genitive meet.
        if len(stem) > _MIN_STEM + 1 and stem[-1] == "র" and "\u09be" <= stem[-2] <= "\u09cc":
            stem = stem[:-1]
        if len(self._cut_cache) < 500_000:
            self._cut_cache[word] = stem
        return stem

    def _cut_one(self, folded: str, stacked: bool) -> str:
        for ending in self.endings:
            # No case ending before another: প্রত্যেকে is প্রত্যেক + ে, not প্রত্যে + কে + ে.
            if stacked and ending in _CASE_VOWELS:
                continue
            if folded.endswith(ending) and len(folded) - len(ending) >= _MIN_STEM:
                rest = folded[: -len(ending)]
                # পত্র is not পত্ + র: a letter joined by virama is no ending.
                if not rest.endswith(_VIRAMA):
                    return rest
        return folded

    def terms(self, text: str) -> list[str]:
        """The directive's terms, in text order (see the module docstring)."""
        text = _HYPHEN.sub(" ", normalize_text(text).lower())
        words = [self.cut(word) for word in _WORD.findall(text)]
        out: list[str] = []
        i, n, heads, phrases = 0, len(words), self.phrase_heads, self.phrases
        while i < n:
            word = words[i]
            longest = heads.get(word, 0)
            for size in range(min(longest, n - i), 1, -1):
                term = phrases.get(tuple(words[i : i + size]))
                if term is not None:
                    if term:
                        out.append(term)
                    i += size
                    break
            else:
                i += 1
                if word not in self.dropped:
                    out.append(self.words.get(word, word))
        return out


def drop_templates(term_lists: Sequence[list[str]], ngram: int, min_decisions: int) -> list[list[str]]:
    """Remove from each decision of one document the n-grams found in `min_decisions` or more of them.

    An office that ends many decisions with the same formula (…প্রতি মাসের ৫
    তারিখের মধ্যে অত্র কার্যালয়ে এবং স্মার্ট অফিস ব্যবস্থাপনা সফটওয়্যার
    মাধ্যমে প্রেরণ…) would otherwise make all of them look alike. A decision
    with nothing to remove keeps its list (not a copy): term lists are read, never changed.
    """
    if len(term_lists) < min_decisions or ngram < 1:
        return list(term_lists)
    counts: Counter[tuple[str, ...]] = Counter()
    for terms in term_lists:
        counts.update({tuple(terms[i : i + ngram]) for i in range(len(terms) - ngram + 1)})
    frequent = {gram for gram, count in counts.items() if count >= min_decisions}
    if not frequent:
        return list(term_lists)
    cleaned: list[list[str]] = []
    for terms in term_lists:
        covered = [False] * len(terms)
        for i in range(len(terms) - ngram + 1):
            if tuple(terms[i : i + ngram]) in frequent:
                covered[i : i + ngram] = [True] * ngram
        cleaned.append([t for t, c in zip(terms, covered, strict=True) if not c] if any(covered) else terms)
    return cleaned
