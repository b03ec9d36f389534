"""Divisions, districts and upazilas of Bangladesh, and finding them in text.

The rows ship in `data/gazetteer/` (see data/PROVENANCE.md); spelling variants
are kept as data in `aliases.tsv`, so that users add a variant without code.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

# Case endings that follow a place name in running text (রাজশাহীতে, ঝিনাইদহের).
_SUFFIXES = ("ের", "এর", "র", "ে", "তে", "য়", "স্থ", "াধীন", "ধীন")
_BN_LETTER = "\u0980-\u09ff"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


@dataclass(frozen=True, slots=True)
class Place:
    """A district or an upazila, with its canonical Bangla name."""

    kind: str  # "district" or "upazila"
    name_bn: str
    name_en: str
    district_bn: str  # the district itself for a district


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    place: Place
    start: int
    end: int
    text: str


class Gazetteer:
    """Districts and upazilas with their aliases, and a matcher over text."""

    def __init__(self, districts: list[Place], upazilas: list[Place], aliases: dict[str, list[Place]]) -> None:
        self.districts = {p.name_bn: p for p in districts}
        self.upazilas = upazilas
        self._by_name: dict[str, list[Place]] = {}
        for place in [*districts, *upazilas]:
            self._by_name.setdefault(place.name_bn, []).append(place)
            self._by_name.setdefault(place.name_en.lower(), []).append(place)
        for alias, places in aliases.items():
            self._by_name.setdefault(alias, []).extend(places)
        names = sorted(self._by_name, key=len, reverse=True)
        suffix = "|".join(_SUFFIXES)
        self._pattern = re.compile(
            rf"(?<![{_BN_LETTER}A-Za-z])({'|'.join(map(re.escape, names))})(?:{suffix})?(?![{_BN_LETTER}A-Za-z])",
            re.IGNORECASE,
        )

    def names(self) -> list[str]:
        """Every name and alias the gazetteer knows (Bangla, English lower-cased)."""
        return list(self._by_name)

    def lookup(self, name: str) -> list[Place]:
        """Places whose name or alias is exactly `name`."""
        return list(self._by_name.get(_nfc(name), self._by_name.get(_nfc(name).lower(), [])))

    def find(self, text: str) -> list[PlaceMatch]:
        """Every place name in `text` (longest names first, case endings allowed)."""
        matches = []
        for m in self._pattern.finditer(text):
            key = m.group(1)
            places = self._by_name.get(key) or self._by_name.get(key.lower(), [])
            for place in places:
                matches.append(PlaceMatch(place, m.start(), m.end(), m.group(0)))
        return matches

    def find_districts(self, text: str) -> list[PlaceMatch]:
        return [m for m in self.find(text) if m.place.kind == "district"]

    def find_upazilas(self, text: str, district: str | None = None) -> list[PlaceMatch]:
        """Upazilas named in `text`; with `district`, only that district's
        (and a bare সদর resolves to the district's সদর upazila)."""
        found = [
            m for m in self.find(text)
            if m.place.kind == "upazila" and (district is None or m.place.district_bn == district)
        ]
        if district:
            sadar = self.lookup(f"{district} সদর")
            if sadar:
                for m in re.finditer(rf"(?<![{_BN_LETTER}])সদর(?![{_BN_LETTER}])", text):
                    if not any(f.start <= m.start() < f.end for f in found):
                        found.append(PlaceMatch(sadar[0], m.start(), m.end(), m.group(0)))
        return sorted(found, key=lambda m: m.start)


def _rows(name: str) -> list[dict[str, str]]:
    path = resources.files("minutes_nlp") / "data" / "gazetteer" / name
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@functools.lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer shipped with the package (cached)."""
    district_rows = _rows("districts.csv")
    district_by_id = {row["id"]: _nfc(row["name_bn"]) for row in district_rows}
    districts = [Place("district", _nfc(r["name_bn"]), r["name_en"].strip(), _nfc(r["name_bn"])) for r in district_rows]
    upazilas = [
        Place("upazila", _nfc(r["name_bn"]), r["name_en"].strip(), district_by_id[r["district_id"]])
        for r in _rows("upazilas.csv")
    ]
    by_name = {p.name_bn: p for p in districts}
    upazila_index = {(p.name_bn, p.district_bn): p for p in upazilas}
    aliases: dict[str, list[Place]] = {}
    path = resources.files("minutes_nlp") / "data" / "gazetteer" / "aliases.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, alias, canonical, district = (line.split("\t") + ["", "", "", ""])[:4]
        if kind == "district" and _nfc(canonical) in by_name:
            aliases.setdefault(_nfc(alias), []).append(by_name[_nfc(canonical)])
        elif kind == "upazila" and (_nfc(canonical), _nfc(district)) in upazila_index:
            aliases.setdefault(_nfc(alias), []).append(upazila_index[(_nfc(canonical), _nfc(district))])
    return Gazetteer(districts, upazilas, aliases)
