"""The parser on damaged text: it returns `Minutes`, never another exception."""

from __future__ import annotations

import json
import random

import pytest

from minutes_nlp import Minutes, parse

from conftest import SEEDS

PIECES = ["\t", "\n", ":", "ঃ", "।", "(ক)", "খ)", "১।", "০১.", "<p>", "</p>", "<table>", "<td>", "|", "---",
          "সিদ্ধান্ত", "ক্রম\tবিষয়\tসিদ্ধান্ত", "তারিখ:", "সভাপতি\t", "৩১/০২/২০২৪", "১৫ চৈত্র ১৪৩০"]


def _mutations(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in SEEDS.values()]
    out = []
    for _ in range(count):
        text = rng.choice(texts)
        op = rng.randrange(5)
        if op == 0:
            lines = text.split("\n")
            rng.shuffle(lines)
            text = "\n".join(lines)
        elif op == 1:
            text = text[: rng.randrange(len(text))]
        elif op == 2:
            for _ in range(rng.randrange(1, 40)):
                i = rng.randrange(len(text) + 1)
                text = text[:i] + rng.choice(PIECES) + text[i:]
        elif op == 3:
            for _ in range(rng.randrange(1, 40)):
                i = rng.randrange(len(text))
                text = text[:i] + text[i + rng.randrange(1, 30):]
        else:
            text = "".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 300)))
        out.append(text)
    return out


@pytest.mark.parametrize("seed", range(4))
def test_mutated_minutes_always_parse(seed):
    for text in _mutations(seed, 150):
        minutes = parse(text)
        assert isinstance(minutes, Minutes)
        json.dumps(minutes.to_dict(), ensure_ascii=False)
        assert len({d.id for d in minutes.decisions}) == len(minutes.decisions)
