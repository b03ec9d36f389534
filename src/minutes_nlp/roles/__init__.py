"""Implementer roles of decisions: canonical role, scope and places (ANNOTATION.md §3).

    >>> from minutes_nlp import roles
    >>> [(i.role, i.scope, i.places) for i in roles.extract(
    ...     "প্রোগ্রামার, রাজশাহী এবং সহকারী প্রোগ্রামার, মোহনপুর, চারঘাট, বাগমারা ও তানোর")]
    [('programmer', 'one', ['রাজশাহী']), ('assistant_programmer', 'one', ['মোহনপুর', 'চারঘাট', 'বাগমারা', 'তানোর'])]

`role` is an id of `taxonomy/roles.tsv` (or `other`, with the words as
`role_bn`), `scope` is `all` where the text says সকল for the role, `places`
are the districts and upazilas named for it as canonical gazetteer names.

The extractor is a spaCy `PhraseMatcher` over the project tokenizer's tokens,
driven by data: the role forms of `taxonomy/roles.tsv` and `data/roles.toml`,
and the names of `data/gazetteer/`. Users add a role form, a spelling or a
place alias by editing those files, not code.
"""

from __future__ import annotations

import functools

from minutes_nlp.model import Implementer
from minutes_nlp.roles.extractor import RoleExtractor
from minutes_nlp.roles.lexicon import Role, RoleLexicon

__all__ = ["Implementer", "Role", "RoleExtractor", "RoleLexicon", "default_extractor", "extract", "extract_from_decision"]


@functools.lru_cache(maxsize=1)
def default_extractor() -> RoleExtractor:
    """The shared extractor with the shipped taxonomy, word lists and gazetteer, built on first use."""
    return RoleExtractor()


def extract(text: str, *, district: str | None = None) -> list[Implementer]:
    """Implementers named in an implementer cell (বাস্তবায়নে), in order; offsets index into `text`.

    `district` (the meeting's, canonical Bangla) resolves a bare সদর when the
    cell names no district. Pass text normalised as the parser does
    (`minutes_nlp.normalize_text`); implementer cells from `parse` already are.
    """
    return default_extractor()(text, district=district)


def extract_from_decision(
    text: str, implementer_text: str | None = None, *, district: str | None = None
) -> list[Implementer]:
    """Implementers of a decision: from its implementer cell, or from the decision
    text where the cell is empty or only says সংশ্লিষ্ট সকল and the text names who
    acts (`field` tells which; offsets index into that field)."""
    return default_extractor().from_decision(text, implementer_text, district=district)
