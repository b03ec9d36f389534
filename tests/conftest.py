from __future__ import annotations

from pathlib import Path

import pytest

RAW = Path(__file__).resolve().parents[1] / "corpus" / "raw"
SEEDS = {
    "rajshahi-2023-12": RAW / "rajshahi-2023-12.txt",
    "bandarban-2024-11": RAW / "bandarban-2024-11.txt",
    "lalmonirhat-2019-07": RAW / "lalmonirhat-2019-07.txt",
    "sirajganj-2023-01": RAW / "sirajganj-2023-01.txt",
    "jhenaidah-2023-11": RAW / "jhenaidah-2023-11.txt",
}


@pytest.fixture
def seed_paths() -> dict[str, Path]:
    return dict(SEEDS)
