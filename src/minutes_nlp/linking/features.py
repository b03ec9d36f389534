"""Decisions reduced to the terms of their directive, for comparing them.

`LinkLexicon.load()` reads data/linking.toml; `LinkLexicon.terms(text)` gives
the directive's terms in order: words NFC-normalised and lower-cased, digits and
punctuation dropped, hyphens read as spaces, letters folded, case and plural
endings cut, synonyms of the domain mapped to one term, boilerplate and place
names removed; `terms_of(texts)` does the same for many texts at once, each
distinct word looked up once, and returns them as `TermLists` (id arrays).
`drop_templates` / `drop_document_templates` then remove the phrases one office
repeats in many decisions of the same minutes (its reporting formula), which
say nothing about what each decision asks.

    >>> lexicon = LinkLexicon.load()
    >>> lexicon.terms("সকল পত্র ডি-নথিতে নিষ্পন্ন করার সিদ্ধান্ত গৃহীত হয়।")
    ['ডাক', 'নথি', 'নিষ্পত্তি']
    >>> lexicon.terms("ই-ফাইল (নথি) এর মাধ্যমে নথির নিষ্পত্তি বৃদ্ধি করতে হবে।")
    ['নথি', 'নথি', 'নথি', 'নিষ্পত্তি', 'বৃদ্ধি']
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from minutes_nlp.errors import MinutesError
from minutes_nlp.linking.kernels import repeated_ngrams
from minutes_nlp.normalize import fold_letters, normalize_text

# Bangla letters and signs (not the Bangla digits ০-৯, U+09E6-09EF) and Latin letters.
_LETTERS = "\u0980-\u09e5\u09f0-\u09ffa-z"
_WORD = re.compile(f"[{_LETTERS}]+")
# A hyphen joins two words that are also written apart (কর্মকর্তা-কর্মচারী,
# ডি-নথি / ডি নথি): it is read as a space, and the synonym table's phrases
# (ডি নথি → নথি) bring the compounds back together.
_HYPHEN = re.compile("[-‐‑–]")
# Joins the texts reduced together; not a letter, so never part of a word.
_SEPARATOR = "\x1e"
_TOKEN = re.compile(f"[{_LETTERS}]+|{_SEPARATOR}")
# Combining marks outside Bangla, and the signs whose NFC is a Latin letter.
_FOREIGN_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u212a\u212b]")
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
    min_shared_terms: int = 2
    """A linked pair shares at least this many distinct terms (or every term of its shorter decision)."""
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
        shared = lexicon.settings.min_shared_terms
        if isinstance(shared, bool) or not isinstance(shared, int) or shared < 1:
            raise LinkConfigError("scoring.min_shared_terms must be a whole number of at least 1", source)
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

    @cached_property
    def _phrase_numbers(self) -> tuple[dict[str, int], dict[tuple[int, ...], str]]:
        """A number for each word of a phrase, and the phrases as tuples of those numbers."""
        numbers: dict[str, int] = {}
        by_numbers = {tuple(numbers.setdefault(word, len(numbers)) for word in phrase): term for phrase, term in self.phrases.items()}
        return numbers, by_numbers

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
        return self.terms_of([text])[0]

    def terms_of(self, texts: Sequence[str], *, chunk: int = 10_000, progress: Callable[[int], None] | None = None) -> TermLists:
        """The terms of many texts, each as `terms` gives them, reduced together.

        A text's words are looked up once per distinct word of the batch, not
        once per occurrence: normalising, tokenising and cutting run over
        `chunk` texts joined into one string, and only the words that start a
        phrase of the synonym table are looked at one by one. `progress` gets
        the number of texts done after each chunk.
        """
        vocabulary: dict[str, int] = {}
        ids: list[np.ndarray] = []
        counts: list[np.ndarray] = []
        for start in range(0, len(texts), chunk):
            part = texts[start : start + chunk]
            kept, texts_of = self._term_ids(part, vocabulary)
            ids.append(kept)
            counts.append(np.bincount(texts_of, minlength=len(part)))
            if progress:
                progress(start + len(part))
        offsets = np.zeros(len(texts) + 1, dtype=np.int64)
        if counts:
            np.cumsum(np.concatenate(counts), out=offsets[1:])
        flat = np.concatenate(ids) if ids else np.empty(0, dtype=np.int32)
        return TermLists(list(vocabulary), flat, offsets)

    def _term_ids(self, texts: Sequence[str], vocabulary: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
        """Term ids (into `vocabulary`, which grows) of `texts` in order, and the text each belongs to."""
        joined = _SEPARATOR.join(text.replace(_SEPARATOR, " ") for text in texts)
        # NFC, the slowest step, runs on each distinct word rather than on the
        # text: the same words, since Bangla letters compose only with Bangla
        # letters. Marks that would join a Latin letter into a non-word letter
        # (e + ́ → é) make the whole text composed first.
        whole = _FOREIGN_MARKS.search(joined) is not None
        tokens = _TOKEN.findall(_HYPHEN.sub(" ", normalize_text(joined, compose=whole).lower()))
        kinds = dict.fromkeys([_SEPARATOR, *tokens], 0)  # distinct tokens, in order; the separator is kind 0
        for number, token in enumerate(kinds):
            kinds[token] = number
        codes = np.fromiter(map(kinds.__getitem__, tokens), dtype=np.int32, count=len(tokens))
        # What each distinct token is: its cut form, its term (-1: none), the longest phrase it starts.
        stems = [self.cut(unicodedata.normalize("NFC", token)) if token != _SEPARATOR else token for token in kinds]
        heads = self.phrase_heads
        term_of_kind = np.array(
            [-1 if token == _SEPARATOR or stem in self.dropped else vocabulary.setdefault(self.words.get(stem, stem), len(vocabulary)) for token, stem in zip(kinds, stems, strict=True)],
            dtype=np.int32,
        )
        longest_of_kind = np.array([heads.get(stem, 0) for stem in stems], dtype=np.int32)
        term = term_of_kind[codes]
        longest = longest_of_kind[codes]
        starts = np.flatnonzero(longest > 1)
        if len(starts):
            # The phrases are matched left to right, as a reader would: a phrase
            # takes its words, which then start nothing. Words are compared by
            # their number in the phrases (-1: in none, as the separator between
            # texts, so that no phrase runs from one text into the next).
            numbers, by_numbers = self._phrase_numbers
            word_numbers = np.array([numbers.get(stem, -1) for stem in stems], dtype=np.int64)[codes].tolist()
            taken_until = 0
            for at, most in zip(starts.tolist(), longest[starts].tolist(), strict=True):
                if at < taken_until:
                    continue
                for size in range(min(most, len(word_numbers) - at), 1, -1):
                    found = by_numbers.get(tuple(word_numbers[at : at + size]))
                    if found is not None:
                        term[at : at + size] = -1
                        if found:
                            term[at] = vocabulary.setdefault(found, len(vocabulary))
                        taken_until = at + size
                        break
        text_of = np.cumsum(codes == 0, dtype=np.int64)
        keep = term >= 0
        return term[keep], text_of[keep]


@dataclass
class TermLists:
    """The term lists of many texts as ids into one vocabulary: text k's terms are `ids[offsets[k]:offsets[k + 1]]`.

    Indexing gives a text's terms as strings; the arrays let a million term
    lists be stored, expanded and cleaned without a Python object per term."""

    vocabulary: list[str]
    ids: np.ndarray
    offsets: np.ndarray

    @classmethod
    def from_lists(cls, lists: Iterable[Sequence[str]]) -> TermLists:
        vocabulary: dict[str, int] = {}
        ids: list[int] = []
        offsets = [0]
        for terms in lists:
            ids.extend(vocabulary.setdefault(term, len(vocabulary)) for term in terms)
            offsets.append(len(ids))
        return cls(list(vocabulary), np.array(ids, dtype=np.int32), np.array(offsets, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, k: int) -> list[str]:
        if not -len(self) <= k < len(self):
            raise IndexError(k)
        k %= len(self)
        return [self.vocabulary[i] for i in self.ids[self.offsets[k] : self.offsets[k + 1]].tolist()]

    def __iter__(self) -> Iterator[list[str]]:
        return (self[k] for k in range(len(self)))

    def rows(self) -> np.ndarray:
        """The text of each id."""
        return np.repeat(np.arange(len(self), dtype=np.int64), np.diff(self.offsets))

    def take(self, texts: np.ndarray) -> TermLists:
        """The term lists of the given texts, in that order (a text may come many times)."""
        lengths = np.diff(self.offsets)[texts]
        offsets = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        # Position of each new id in the old array: its text's old start plus its place in the text.
        source = np.repeat(self.offsets[texts] - offsets[:-1], lengths) + np.arange(offsets[-1], dtype=np.int64)
        return TermLists(self.vocabulary, self.ids[source], offsets)

    def keep(self, mask: np.ndarray) -> TermLists:
        """The term lists with the ids where `mask` is False removed."""
        offsets = np.zeros(len(self.offsets), dtype=np.int64)
        np.cumsum(np.bincount(self.rows()[mask], minlength=len(self)), out=offsets[1:])
        return TermLists(self.vocabulary, self.ids[mask], offsets)


def drop_templates(term_lists: Sequence[list[str]], ngram: int, min_decisions: int) -> list[list[str]]:
    """Remove from each decision of one document the n-grams found in `min_decisions` or more of them.

    An office that ends many decisions with the same formula (…প্রতি মাসের ৫
    তারিখের মধ্যে অত্র কার্যালয়ে এবং স্মার্ট অফিস ব্যবস্থাপনা সফটওয়্যার
    মাধ্যমে প্রেরণ…) would otherwise make all of them look alike. The lists
    of one document; `drop_document_templates` does many documents at once.
    """
    cleaned = drop_document_templates(TermLists.from_lists(term_lists), np.zeros(len(term_lists), dtype=np.int64), ngram, min_decisions)
    return list(cleaned)


def drop_document_templates(terms: TermLists, documents: np.ndarray, ngram: int, min_decisions: int) -> TermLists:
    """`drop_templates` within each document: `documents[k]` is text k's document (-1: none, never cleaned)."""
    covered = repeated_ngrams(terms.ids, terms.offsets, documents, ngram, min_decisions, len(terms.vocabulary))
    return terms.keep(~covered) if covered.any() else terms
