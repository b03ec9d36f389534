from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

RAW = Path(__file__).resolve().parents[1] / "corpus" / "raw"
SEEDS = {
    "rajshahi-2023-12": RAW / "rajshahi-2023-12.txt",
    "bandarban-2024-11": RAW / "bandarban-2024-11.txt",
    "lalmonirhat-2019-07": RAW / "lalmonirhat-2019-07.txt",
    "sirajganj-2023-01": RAW / "sirajganj-2023-01.txt",
    "jhenaidah-2023-11": RAW / "jhenaidah-2023-11.txt",
}

# Hypothesis profiles (tests/test_properties.py). `ci`, the default, is
# reproducible: derandomize draws the same examples on every run (no example
# database, so no CI run depends on an earlier one); 1,000 examples per text
# test (over 2,000 in all); no per-example deadline (the first example loads
# the theme model, a PDF takes ~0.1 s). HYPOTHESIS_PROFILE=dev draws new random
# examples on each run and remembers failures; `thorough` is a long local hunt.
settings.register_profile("ci", max_examples=1000, deadline=None, derandomize=True, database=None, print_blob=True)
settings.register_profile("dev", max_examples=200, deadline=None, print_blob=True)
settings.register_profile("thorough", max_examples=5000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def seed_paths() -> dict[str, Path]:
    return dict(SEEDS)
