"""The spark engine finds the same pairs, scores and families as the local engine."""

from __future__ import annotations

import dataclasses
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("the spark engine needs a Java runtime: no `java` on PATH", allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402

from minutes_nlp.corpus import read_records  # noqa: E402
from minutes_nlp.linking import Linker, LinkInputError  # noqa: E402
from minutes_nlp.linking.records import directives  # noqa: E402
from minutes_nlp.model import Directive, Links  # noqa: E402

REAL = Path(__file__).resolve().parents[1] / "corpus" / "real"
TO_ASCII = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
# Ways minutes end the same directive (each ends a real decision of corpus/real).
ENDINGS = ("করতে হবে", "করার সিদ্ধান্ত গৃহীত হয়", "করবেন", "করতে হবে মর্মে সিদ্ধান্ত হয়")


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    # Executors must run this interpreter (the one with minutes-nlp), not the first python3 on PATH.
    saved = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    try:
        session = (
            SparkSession.builder.master("local[2]")
            .appName("minutes-nlp tests")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate()
        )
    finally:
        if saved is None:
            del os.environ["PYSPARK_PYTHON"]
        else:
            os.environ["PYSPARK_PYTHON"] = saved
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def hashing(linker: Linker, **settings: int) -> Linker:
    """The linker with LSH candidates whatever the input's size (and other settings changed)."""
    return linker.with_settings(all_pairs_up_to=0, **settings)


def real() -> list[Directive]:
    return list(directives(read_records(REAL)))


def reworded(copies: int = 6) -> list[Directive]:
    """Each real decision `copies` times, reworded: ASCII digits, another ending, no document.

    The copies of one decision fall into different documents of ten decisions
    (so that document templates stay the real ones), and every fourth copy has no
    document at all.
    """
    out = []
    for copy in range(copies):
        for k, d in enumerate(real()):
            text = d.text.translate(TO_ASCII) if copy % 2 else d.text
            for ending in ENDINGS:
                if text.rstrip("। ").endswith(ending):
                    text = text.rstrip("। ")[: -len(ending)] + ENDINGS[(ENDINGS.index(ending) + copy) % len(ENDINGS)] + "।"
                    break
            doc_id = None if copy % 4 == 3 else f"copy{copy}-{k // 10}"
            out.append(dataclasses.replace(d, id=f"{d.id}#{copy}", text=text, doc_id=doc_id))
    return out


def families(links: Links) -> set[tuple[str, ...]]:
    return {tuple(m.id for m in f.members) for f in links.families}


def pairs(links: Links) -> list[tuple[str, str, float]]:
    return [(p.a, p.b, p.score) for p in links.pairs]


def assert_same(linker: Linker, decisions: list[Directive], threshold: float | None = None) -> Links:
    local = linker.link(decisions, engine="local", threshold=threshold)
    spark = linker.link(decisions, engine="spark", threshold=threshold)
    assert spark.candidates == local.candidates
    assert pairs(spark) == pairs(local)
    assert families(spark) == families(local)
    return local


def test_real_decisions(spark: SparkSession) -> None:
    # The seeds are fewer than all_pairs_up_to: without the override both engines would score all pairs on the driver.
    local = assert_same(hashing(Linker.load()), real(), threshold=0.2)  # below the default: more pairs to compare
    assert local.families and local.pairs
    assert spark.sparkContext._jsc is not None  # the engine left the test's session running


def test_reworded_decisions_with_big_buckets(spark: SparkSession) -> None:
    base = hashing(Linker.load())
    small = hashing(base, max_bucket_pairs=3)
    decisions = reworded()
    # Buckets of more than three members are cut to stars: fewer candidates than all pairs.
    assert small.link(decisions).candidates < base.link(decisions).candidates
    local = assert_same(small, decisions)
    assert max(len(f.members) for f in local.families) >= 4


def test_a_small_input_is_scored_exactly_on_the_driver(spark: SparkSession) -> None:
    linker = Linker.load()
    local, driver = linker.link(real(), engine="local"), linker.link(real(), engine="spark")
    assert pairs(driver) == pairs(local) and families(driver) == families(local)
    assert local.candidates > hashing(linker).link(real()).candidates  # every pair that shares a term


def test_unknown_engine() -> None:
    with pytest.raises(LinkInputError, match="unknown engine 'dask'"):
        Linker.load().link(real(), engine="dask")
