"""Near-duplicate directives across months and districts.

    >>> import minutes_nlp
    >>> from minutes_nlp.corpus import read_records
    >>> links = minutes_nlp.link(read_records("corpus/real"))
    >>> family = links.families[0]
    >>> family.representative, [m.id for m in family.members]

`link(decisions)` takes `Minutes`, `Decision`s, `Directive`s or corpus /
`tag --format jsonl` records and returns the linked pairs and the families
they form (ANNOTATION.md §4). How: each decision is reduced to the terms of
its directive (features), candidate pairs come from MinHash LSH (minhash),
each candidate is verified by a weighted cosine with theme agreement
(scoring), and families are cut from the verified pairs by average linkage
(clustering). Word lists and settings are data/linking.toml.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from minutes_nlp.linking.engine import ENGINES, Linker, Progress
from minutes_nlp.linking.records import LinkInputError, directives, with_themes
from minutes_nlp.model import Decision, Directive, Minutes
from minutes_nlp.model import Family, LinkedPair, Links

__all__ = ["link", "Linker", "default_linker", "ENGINES", "LinkInputError", "Links", "LinkedPair", "Family", "Directive"]


@lru_cache(maxsize=1)
def default_linker() -> Linker:
    """The linker with the shipped word lists and weights (loaded once)."""
    return Linker.load()


def link(
    decisions: Iterable[Minutes | Decision | Directive | Mapping[str, Any]],
    *,
    threshold: float | None = None,
    engine: str = "local",
    master: str | None = None,
    config: str | Path | None = None,
    predict_themes: bool = True,
    progress: Progress | None = None,
) -> Links:
    """Link near-duplicate decisions: scored pairs (`a`, `b`, `score`) and families.

    `threshold` defaults to the calibrated one of data/linking.toml. `engine`
    is `local` (numpy, one machine) or `spark` (needs `minutes-nlp[spark]`;
    `master` is a Spark master URL, default `local[*]`). `config` is your own
    linking TOML. Decisions that carry no themes get the shipped theme
    classifier's, so that theme agreement counts (`predict_themes=False`:
    they are linked on their words alone).
    """
    linker = default_linker() if config is None else Linker.load(config)
    items = list(directives(decisions))
    if predict_themes:
        items = with_themes(items, progress=progress)
    return linker.link(items, threshold=threshold, engine=engine, master=master, progress=progress)
