"""The role lexicon: roles of the taxonomy, their surface forms, and how words are read.

`RoleLexicon.load()` reads `data/taxonomy/roles.tsv` (ids, canonical Bangla and
English names, variants separated by `|`) and `data/roles.toml` (more surface
forms, single-word spellings, endings and the word lists of the extractor).
`RoleLexicon.read(word)` gives the form a word is compared in and what its
ending says (plural, genitive, object, locative): `অফিসারগণের` is read as
`অফিসার` in the genitive, `কর্মকর্তা` as `অফিসার`, `UNO` as `uno`.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from minutes_nlp.normalize import fold_letters

# The case an ending (or a following word) gives a word; None for a bare word.
PLURAL, GENITIVE, OBJECT, LOCATIVE = "plural", "genitive", "object", "locative"

_FOLD_MIN_LENGTH = 4  # shorter words fold into each other too easily


def fold(word: str) -> str:
    """The word with the letters that are written one for the other made the same."""
    return fold_letters(word)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


@dataclass(frozen=True, slots=True)
class Role:
    """A role of the taxonomy: id, canonical names and every surface form."""

    id: str
    bn: str
    en: str
    variants: tuple[str, ...]


@dataclass(frozen=True)
class RoleLexicon:
    """Roles and word lists: everything the extractor knows that is data, not code."""

    roles: dict[str, Role]
    other: Role
    spellings: dict[str, str]
    endings: dict[str, tuple[str, ...]]
    object_words: frozenset[str]
    genitive_words: frozenset[str]
    head_words: frozenset[str]
    office_words: frozenset[str]
    not_place_after: frozenset[str]
    sadar: str
    not_sadar_after: frozenset[str]
    scope_all: frozenset[str]
    separators: frozenset[str]
    strong_separators: frozenset[str]
    weak_separators: frozenset[str]
    places_needing_context: frozenset[str]
    item_ends: frozenset[str]
    request_words: frozenset[str]
    informing_words: frozenset[str]
    speech_words: frozenset[str]
    speech_after_request: frozenset[str]
    not_acting_after: frozenset[str]
    honorifics: frozenset[str]
    post_prefixes: frozenset[str]
    plural_genitive_endings: tuple[str, ...]
    place_links: frozenset[str]
    before_role: frozenset[str]
    acting_after_genitive: frozenset[str]
    level_words: frozenset[str]
    # Every word of a role form, a place name or a word list: the words whose
    # endings may be cut (`read`). Filled by `with_words`.
    known_words: frozenset[str] = field(default_factory=frozenset)
    # Folded form -> known word, for the known words that no other one folds to.
    folded_words: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path | None = None, roles_tsv: str | Path | None = None) -> RoleLexicon:
        """Read the shipped `data/roles.toml` and `taxonomy/roles.tsv`, or files given instead."""
        package = resources.files("minutes_nlp") / "data"
        toml_text = Path(path).read_text(encoding="utf-8") if path else (package / "roles.toml").read_text(encoding="utf-8")
        tsv_text = Path(roles_tsv).read_text(encoding="utf-8") if roles_tsv else (package / "taxonomy" / "roles.tsv").read_text(encoding="utf-8")
        data = tomllib.loads(unicodedata.normalize("NFC", toml_text))
        extra = data.get("variants", {})
        roles: dict[str, Role] = {}
        other = Role("other", "", "", ())
        for line in tsv_text.splitlines()[1:]:
            if not line.strip():
                continue
            role_id, bangla, english = (line.split("\t") + ["", ""])[:3]
            forms = [_nfc(form) for form in bangla.split("|") if form.strip() and form.strip() != "—"]
            if role_id == "other":
                other = Role("other", "", english.strip(), tuple(_nfc(form) for form in extra.get("other", [])))
                continue
            forms += [_nfc(form) for form in extra.get(role_id, [])]
            roles[role_id] = Role(role_id, forms[0], english.strip(), tuple(dict.fromkeys(forms)))
        unknown = sorted(set(extra) - set(roles) - {"other"})
        if unknown:
            raise ValueError(f"roles.toml names role id(s) not in roles.tsv: {', '.join(unknown)}")

        def words(key: str) -> frozenset[str]:
            return frozenset(_nfc(word) for word in data.get(key, []))

        # Longest endings first, so that গণের is cut before ের.
        endings = {case: tuple(sorted((_nfc(e) for e in data.get("endings", {}).get(case, [])), key=len, reverse=True))
                   for case in (PLURAL, GENITIVE, OBJECT, LOCATIVE)}
        return cls(
            roles=roles,
            other=other,
            spellings={_nfc(k): _nfc(v) for k, v in data.get("spellings", {}).items()},
            endings=endings,
            object_words=words("object_words"),
            genitive_words=words("genitive_words"),
            head_words=words("head_words"),
            office_words=words("office_words"),
            not_place_after=words("not_place_after"),
            sadar=_nfc(data.get("sadar", "সদর")),
            not_sadar_after=words("not_sadar_after"),
            scope_all=words("scope_all"),
            separators=words("separators"),
            strong_separators=words("strong_separators"),
            weak_separators=words("weak_separators"),
            places_needing_context=words("places_needing_context"),
            item_ends=words("item_ends"),
            request_words=words("request_words"),
            informing_words=words("informing_words"),
            speech_words=words("speech_words"),
            speech_after_request=words("speech_after_request"),
            not_acting_after=words("not_acting_after"),
            honorifics=words("honorifics"),
            post_prefixes=words("post_prefixes"),
            plural_genitive_endings=tuple(words("plural_genitive_endings")),
            place_links=words("place_links"),
            before_role=words("before_role"),
            acting_after_genitive=words("acting_after_genitive"),
            level_words=words("level_words"),
        )

    def with_words(self, words: Iterable[str]) -> RoleLexicon:
        """The lexicon with `words` (already read forms) added to the words whose endings may be cut."""
        known = set(self.known_words) | set(words)
        known |= self.head_words | self.office_words | self.scope_all | self.level_words | self.honorifics
        by_fold: dict[str, set[str]] = {}
        for word in known:
            if len(word) >= _FOLD_MIN_LENGTH:
                by_fold.setdefault(fold(word), set()).add(word)
        folded = {key: next(iter(words)) for key, words in by_fold.items() if len(words) == 1}
        return replace(self, known_words=frozenset(known), folded_words=folded)

    def _known(self, word: str) -> str | None:
        """The known word `word` is (as written, or with letters folded), or None."""
        if word in self.known_words:
            return word
        return self.folded_words.get(fold(word)) if len(word) >= _FOLD_MIN_LENGTH else None

    def spell(self, word: str) -> str:
        """The word's standard spelling (Latin letters lower-cased)."""
        word = self.spellings.get(word, word)
        return word.lower() if word.isascii() else word

    def read(self, word: str) -> tuple[str, str | None, int]:
        """The form `word` is compared in, the case its ending gives it, and the ending's length.

        A word is cut only when what remains is a known word, so that
        `প্রশাসকের` is `প্রশাসক` (genitive) but a word that merely ends in
        `র` (`অফিসার`) is left whole.
        """
        spelled = self.spell(word)
        known = self._known(spelled)
        if known or not word:
            return known or spelled, None, 0
        for case in (OBJECT, GENITIVE, PLURAL, LOCATIVE):
            for ending in self.endings[case]:
                if len(word) > len(ending) + 1 and word.endswith(ending):
                    stem = self.spell(word[: -len(ending)])
                    known = self._known(stem)
                    if known:
                        return known, case, len(ending)
                    # Plural then case (অফিসারগণের is listed; সমূহকে is not).
                    if case in (OBJECT, GENITIVE, LOCATIVE):
                        for plural in self.endings[PLURAL]:
                            known = self._known(self.spell(stem[: -len(plural)])) if stem.endswith(plural) else None
                            if known:
                                return known, case, len(ending) + len(plural)
        return spelled, None, 0
