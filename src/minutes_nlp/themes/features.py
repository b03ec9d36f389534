"""What the theme classifiers see of a decision: its words and their character n-grams.

`words_of` turns a decision (topic + text) into its folded words;
`word_features` and `char_features` turn words into feature strings
(`analyze` does both). Training (scikit-learn's `TfidfVectorizer` with these
as its analyzer) and inference (`minutes_nlp.themes.linear`, which looks up
the same n-grams word by word) both start from `words_of`, so the features a
model was trained on are exactly those it is applied to.

Words come from the project's spaCy tokenizer. Spelling that varies between
writers is folded before features are made: long and short i/u vowel signs
(জানুয়ারী/জানুয়ারি), candrabindu, Latin case, and hyphens inside words for the
character n-grams (ই-নথি/ইনথি). Tokens without a letter (numbers, dates,
punctuation, list markers) carry no theme and are dropped. Bangla inflects
nouns with suffixes (প্রশিক্ষণের, ল্যাবসমূহের, পোর্টালে), so each word whose
stem differs also yields its stem as a feature (`~প্রশিক্ষণ`), shared with
the bare word's other forms.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from minutes_nlp.normalize import normalize_text

__all__ = ["FeatureConfig", "decision_document", "words_of", "analyze", "word_features", "char_features", "stem"]

_FOLD = str.maketrans({"\u09c0": "\u09bf", "\u09c2": "\u09c1", "\u0988": "\u0987", "\u098a": "\u0989", "\u0981": None})
_HAS_LETTER = re.compile("[A-Za-z\u0985-\u09b9\u09ce\u09dc-\u09df]")
_HYPHENS = re.compile("[-\u2010\u2011]")
# ক) (খ) ক. ১। as single tokens (the tokenizer keeps list markers whole).
_LIST_MARKER = re.compile(r"^\(?[^\s()]{1,3}[).\u0964]$")


# Case and number suffixes of nouns, longest first (NFC, as the text is normalised).
_SUFFIXES = tuple(sorted({
    unicodedata.normalize("NFC", suffix)
    for suffix in (
        "গুলোতে", "গুলোর", "গুলো", "গুলি", "গুলির", "সমূহের", "সমূহে", "সমূহ", "দেরকে", "দের", "গণের", "গণকে", "গণ",
        "বৃন্দ", "টির", "টিতে", "টি", "টা", "কে", "েতে", "তে", "য়ের", "য়ে", "য়", "ের", "র", "ে",
    )
}, key=len, reverse=True))
_MIN_STEM = 3


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """`word` without one noun suffix, if at least three characters remain."""
    if not word.endswith(_SUFFIXES):
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True, slots=True)
class FeatureConfig:
    """Feature settings, saved with a model so inference repeats them."""

    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    stems: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"word_ngrams": list(self.word_ngrams), "char_ngrams": list(self.char_ngrams), "stems": self.stems}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeatureConfig:
        return cls(word_ngrams=_pair(data["word_ngrams"]), char_ngrams=_pair(data["char_ngrams"]), stems=bool(data.get("stems", False)))


def _pair(values: list[int]) -> tuple[int, int]:
    low, high = (int(v) for v in values)
    if not 1 <= low <= high <= 8:
        raise ValueError(f"bad n-gram range {values!r}")
    return low, high


def decision_document(text: str, topic: str | None = None) -> str:
    """The text a classifier reads: the agenda topic (if any) and the decision."""
    text = normalize_text(text).strip()
    return f"{normalize_text(topic).strip()}\n{text}" if topic else text


def _words(document: str) -> list[str]:
    words: list[str] = []
    for chunk in document.split():
        words.extend(_chunk_words(chunk))
    return words


@functools.lru_cache(maxsize=1 << 16)
def _chunk_words(chunk: str) -> tuple[str, ...]:
    """The folded words of one whitespace-separated chunk, by the project's spaCy tokenizer.

    spaCy's tokenizer splits on whitespace first and tokenizes each chunk on
    its own (the one contextual step of ours, merging ১ + ।, only joins tokens
    without letters, which are dropped here), so going chunk by chunk gives the
    same words as tokenizing the whole text; chunks recur, so each is
    tokenized once.
    """
    from minutes_nlp.tokenizing import get_nlp

    return tuple(
        token.text.lower().translate(_FOLD)
        for token in get_nlp().make_doc(chunk)
        if _HAS_LETTER.search(token.text) and not _LIST_MARKER.match(token.text)
    )


def word_features(words: list[str], config: FeatureConfig) -> list[str]:
    low, high = config.word_ngrams
    features: list[str] = []
    for n in range(low, high + 1):
        features.extend(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
    if config.stems:
        features.extend(f"~{stemmed}" for word in words if (stemmed := stem(word)) != word)
    return features


def char_features(words: list[str], config: FeatureConfig) -> list[str]:
    """Character n-grams inside each word, padded with a space at both ends (like `char_wb`)."""
    features: list[str] = []
    for word in words:
        features.extend(word_char_ngrams(word, config.char_ngrams))
    return features


@functools.lru_cache(maxsize=1 << 16)
def word_char_ngrams(word: str, sizes: tuple[int, int]) -> tuple[str, ...]:
    # Words recur across decisions, so their n-grams are computed once.
    low, high = sizes
    padded = f" {_HYPHENS.sub('', word)} "
    length = len(padded)
    return tuple(padded[i : i + n] for n in range(low, min(high, length) + 1) for i in range(length - n + 1))


def words_of(text: str, topic: str | None = None) -> list[str]:
    """The folded words of a decision (and its topic) that features are made from."""
    return _words(decision_document(text, topic))


def analyze(text: str, topic: str | None, config: FeatureConfig) -> tuple[list[str], list[str]]:
    """Word n-gram and character n-gram features of one decision."""
    words = words_of(text, topic)
    return word_features(words, config), char_features(words, config)
