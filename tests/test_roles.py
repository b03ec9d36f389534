"""Implementer roles (ANNOTATION.md §3): role, scope, places, text and offsets of every implementer.

The seeds (every implementer of `corpus/real`, through the parser and the
default pipeline), then realistic variants of implementer cells and decision
texts written in the register of the seed minutes: list numbering and
separators, plural, honorific and spelling variants, places (aliases, case
endings, `সদর`, divisions and words that look like places), places shared by
a list, elliptical qualifiers, offices that contain a role's name, posts
outside the taxonomy, the decision-text fallback, and extension by data.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any, NamedTuple

import pytest

import minutes_nlp
from minutes_nlp import corpus, roles
from minutes_nlp.model import Decision, Implementer
from minutes_nlp.normalize import normalize_text
from minutes_nlp.pipeline import Tagger
from minutes_nlp.roles import RoleExtractor, RoleLexicon

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "corpus" / "raw"
DATA = ROOT / "src" / "minutes_nlp" / "data"
SHIPPED_TOML = DATA / "roles.toml"
ROLES_TSV = DATA / "taxonomy" / "roles.tsv"

IMPLEMENTER_KEYS = {"role", "role_bn", "role_en", "scope", "places", "text", "start", "end", "field"}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _taxonomy() -> dict[str, tuple[str, str]]:
    """Role id -> (canonical Bangla, English), read from the shipped roles.tsv."""
    table: dict[str, tuple[str, str]] = {}
    for line in ROLES_TSV.read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            role_id, bangla, english = line.split("\t")
            table[role_id] = (nfc(bangla.split("|")[0].strip()), english.strip())
    return table


TAXONOMY = _taxonomy()
OTHER_EN = TAXONOMY["other"][1]


class Want(NamedTuple):
    """An expected implementer: role id, scope, places (canonical names), and optionally its text."""

    role: str
    scope: str = "one"
    places: tuple[str, ...] = ()
    text: str | None = None


def want(role: str, scope: str = "one", *places: str, text: str | None = None) -> Want:
    return Want(role, scope, tuple(nfc(p) for p in places), nfc(text) if text is not None else None)


def check_implementer(implementer: Implementer, field_text: str) -> None:
    """What holds for every implementer: offsets point at its text, names come from the taxonomy."""
    assert field_text[implementer.start : implementer.end] == implementer.text
    assert implementer.scope in ("all", "one")
    if implementer.role == "other":
        assert implementer.role_bn == implementer.text
        assert implementer.role_en == OTHER_EN
    else:
        assert (implementer.role_bn, implementer.role_en) == TAXONOMY[implementer.role]


def assert_found(found: list[Implementer], expected: list[Want], *, cell: str | None = None, text: str | None = None) -> None:
    """Roles, scopes and places (and texts where given) as expected, in order; offsets point into each one's field."""
    assert [(i.role, i.scope, i.places) for i in found] == [(w.role, w.scope, list(w.places)) for w in expected]
    assert [i.text if w.text is not None else None for i, w in zip(found, expected, strict=True)] == [w.text for w in expected]
    for implementer in found:
        check_implementer(implementer, (text if implementer.field == "text" else cell) or "")


def from_cell(cell: str, district: str | None = None) -> tuple[str, list[Implementer]]:
    cell = normalize_text(cell)
    found = roles.extract(cell, district=district)
    assert all(i.field == "implementer_text" for i in found)
    return cell, found


def from_decision(text: str, cell: str | None = None, district: str | None = None) -> tuple[str, str | None, list[Implementer]]:
    text = normalize_text(text)
    cell = normalize_text(cell) if cell is not None else None
    return text, cell, roles.extract_from_decision(text, cell, district=district)


# --- the seeds ---------------------------------------------------------------------------------

GOLD: dict[str, dict[str, Any]] = {row["id"]: row for row in corpus.load(ROOT / "corpus" / "real")}
SEED_CASES = [
    pytest.param(decision_id, k, implementer, id=f"{decision_id}#{k + 1}-{implementer['role']}")
    for decision_id, row in GOLD.items()
    for k, implementer in enumerate(row["implementers"])
]
SEED_DECISIONS = [pytest.param(decision_id, id=decision_id) for decision_id in GOLD]


@pytest.fixture(scope="module")
def tagged() -> dict[str, Decision]:
    """Every decision of the raw seed minutes, tagged by the default pipeline."""
    decisions: dict[str, Decision] = {}
    for path in sorted(RAW.glob("*.txt")):
        for decision in minutes_nlp.tag_file(path).decisions:
            decisions[decision.id] = decision
    return decisions


def test_the_seed_gold_has_84_implementers_over_51_decisions(tagged: dict[str, Decision]) -> None:
    assert len(GOLD) == 51
    assert len(SEED_CASES) == sum(len(row["implementers"]) for row in GOLD.values()) == 84
    assert set(tagged) == set(GOLD)


@pytest.mark.parametrize(("decision_id", "position", "gold"), SEED_CASES)
def test_seed_implementer(tagged: dict[str, Decision], decision_id: str, position: int, gold: dict[str, Any]) -> None:
    decision = tagged[decision_id]
    assert len(decision.implementers) > position, f"{decision_id}: only {len(decision.implementers)} implementers"
    got = decision.implementers[position]
    assert {key: getattr(got, key) for key in IMPLEMENTER_KEYS} == {key: gold[key] for key in IMPLEMENTER_KEYS}
    field_text = decision.text if got.field == "text" else decision.implementer_text
    assert field_text is not None and field_text[got.start : got.end] == got.text


@pytest.mark.parametrize("decision_id", SEED_DECISIONS)
def test_seed_decision_has_the_gold_number_of_implementers(tagged: dict[str, Decision], decision_id: str) -> None:
    assert len(tagged[decision_id].implementers) == len(GOLD[decision_id]["implementers"])


# --- list numbering and items ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param(
            "(১) জেলা প্রশাসক, নাটোর (২) উপজেলা নির্বাহী অফিসার (সকল), নাটোর",
            [want("dc", "one", "নাটোর", text="জেলা প্রশাসক, নাটোর"),
             want("uno", "all", "নাটোর", text="উপজেলা নির্বাহী অফিসার (সকল), নাটোর")],
            id="parenthesised-numbers",
        ),
        pytest.param(
            "০১. প্রোগ্রামার, নওগাঁ ০২. সহকারী প্রোগ্রামার (সকল), নওগাঁ",
            [want("programmer", "one", "নওগাঁ", text="প্রোগ্রামার, নওগাঁ"),
             want("assistant_programmer", "all", "নওগাঁ", text="সহকারী প্রোগ্রামার (সকল), নওগাঁ")],
            id="zero-padded-dot-numbers",
        ),
        pytest.param(
            "১) জেলা শিক্ষা অফিসার, পাবনা।\n২। জেলা প্রাথমিক শিক্ষা অফিসার, পাবনা।",
            [want("district_education_officer", "one", "পাবনা", text="জেলা শিক্ষা অফিসার, পাবনা"),
             want("district_primary_education_officer", "one", "পাবনা", text="জেলা প্রাথমিক শিক্ষা অফিসার, পাবনা")],
            id="bracket-and-dari-numbers-on-lines",
        ),
        pytest.param(
            "১) জেলা শিক্ষা অফিসার, পাবনা ২। জেলা প্রাথমিক শিক্ষা অফিসার, পাবনা",
            [want("district_education_officer", "one", "পাবনা", text="জেলা শিক্ষা অফিসার, পাবনা"),
             want("district_primary_education_officer", "one", "পাবনা", text="জেলা প্রাথমিক শিক্ষা অফিসার, পাবনা")],
            id="bracket-and-dari-numbers-inline",
        ),
        pytest.param(
            "জেলা প্রশাসক, বগুড়া\nউপজেলা নির্বাহী অফিসার, শাজাহানপুর",
            [want("dc", "one", "বগুড়া", text="জেলা প্রশাসক, বগুড়া"),
             want("uno", "one", "শাজাহানপুর", text="উপজেলা নির্বাহী অফিসার, শাজাহানপুর")],
            id="new-lines",
        ),
        pytest.param(
            "<p>প্রোগ্রামার, কুষ্টিয়া</p>\n<p>সহকারী প্রোগ্রামার, ভেড়ামারা</p>",
            [want("programmer", "one", "কুষ্টিয়া", text="প্রোগ্রামার, কুষ্টিয়া"),
             want("assistant_programmer", "one", "ভেড়ামারা", text="সহকারী প্রোগ্রামার, ভেড়ামারা")],
            id="html-paragraphs-on-lines",
        ),
        pytest.param(
            "<p>প্রোগ্রামার, কুষ্টিয়া</p><p>সহকারী প্রোগ্রামার, ভেড়ামারা</p>",
            [want("programmer", "one", "কুষ্টিয়া", text="প্রোগ্রামার, কুষ্টিয়া"),
             want("assistant_programmer", "one", "ভেড়ামারা", text="সহকারী প্রোগ্রামার, ভেড়ামারা")],
            id="html-paragraphs-glued",
        ),
        pytest.param(
            "১) উপজেলা নির্বাহী অফিসার (সকল) ২) জেলা শিক্ষা অফিসার, লালমনিরহাট",
            [want("uno", "all", text="উপজেলা নির্বাহী অফিসার (সকল)"),
             want("district_education_officer", "one", "লালমনিরহাট")],
            id="numbered-items-share-no-place",
        ),
    ],
)
def test_list_numbering(cell: str, expected: list[Want]) -> None:
    cell, found = from_cell(cell)
    assert_found(found, expected, cell=cell)


# --- separators --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param(
            "প্রোগ্রামার, রাজশাহী এবং সহকারী প্রোগ্রামার, চারঘাট",
            [want("programmer", "one", "রাজশাহী", text="প্রোগ্রামার, রাজশাহী"),
             want("assistant_programmer", "one", "চারঘাট", text="সহকারী প্রোগ্রামার, চারঘাট")],
            id="ebong",
        ),
        pytest.param(
            "উপজেলা নির্বাহী অফিসার, পবা ও সহকারী প্রোগ্রামার, পবা",
            [want("uno", "one", "পবা", text="উপজেলা নির্বাহী অফিসার, পবা"),
             want("assistant_programmer", "one", "পবা", text="সহকারী প্রোগ্রামার, পবা")],
            id="o",
        ),
        pytest.param(
            "প্রোগ্রামার, রাজশাহী; সহকারী প্রোগ্রামার, মোহনপুর, চারঘাট, বাগমারা ও তানোর",
            [want("programmer", "one", "রাজশাহী", text="প্রোগ্রামার, রাজশাহী"),
             want("assistant_programmer", "one", "মোহনপুর", "চারঘাট", "বাগমারা", "তানোর",
                  text="সহকারী প্রোগ্রামার, মোহনপুর, চারঘাট, বাগমারা ও তানোর")],
            id="semicolon",
        ),
        pytest.param(
            "জেলা আইসিটি অফিসার, উপজেলা আইসিটি অফিসার, ফিল্ড আইটি টেকনিশিয়ান",
            [want("district_ict_officer", text="জেলা আইসিটি অফিসার"),
             want("upazila_ict_officer", text="উপজেলা আইসিটি অফিসার"),
             want("field_it_technician", text="ফিল্ড আইটি টেকনিশিয়ান")],
            id="commas",
        ),
        pytest.param(
            "পুলিশ সুপার, কক্সবাজার; অধিনায়ক, ৩৪ বিজিবি",
            [want("other", "one", "কক্সবাজার", text="পুলিশ সুপার, কক্সবাজার"),
             want("other", "one", text="অধিনায়ক, ৩৪ বিজিবি")],
            id="semicolon-between-posts-outside-the-taxonomy",
        ),
        pytest.param(
            "প্রোগ্রামার, তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর, ঝিনাইদহ",
            [want("programmer", "one", "ঝিনাইদহ", text="প্রোগ্রামার, তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর, ঝিনাইদহ")],
            id="office-after-role-stays-one-entry",
        ),
        pytest.param(
            "সহকারী নেটওয়ার্ক ইঞ্জিনিয়ার, জেলা কার্যালয়, দিনাজপুর",
            [want("assistant_network_engineer", "one", "দিনাজপুর",
                  text="সহকারী নেটওয়ার্ক ইঞ্জিনিয়ার, জেলা কার্যালয়, দিনাজপুর")],
            id="district-office-after-role",
        ),
        pytest.param(
            "দপ্তর প্রধান (সকল) ঝিনাইদহ ও প্রোগ্রামার, তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর, ঝিনাইদহ",
            [want("office_heads", "all", "ঝিনাইদহ", text="দপ্তর প্রধান (সকল) ঝিনাইদহ"),
             want("programmer", "one", "ঝিনাইদহ", text="প্রোগ্রামার, তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর, ঝিনাইদহ")],
            id="o-between-roles-but-not-inside-the-office",
        ),
        pytest.param(
            "মেয়র/প্রশাসক, রাজশাহী সিটি কর্পোরেশন",
            [want("other", "one", "রাজশাহী", text="মেয়র/প্রশাসক, রাজশাহী সিটি কর্পোরেশন")],
            id="slash-inside-one-post",
        ),
    ],
)
def test_separators(cell: str, expected: list[Want]) -> None:
    cell, found = from_cell(cell)
    assert_found(found, expected, cell=cell)


# --- plural, honorific, spelling and English forms; scope --------------------------------------

@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param("উপজেলা নির্বাহী অফিসারগণ, নওগাঁ", [want("uno", "one", "নওগাঁ")], id="plural-gon"),
        pytest.param("সহকারী প্রোগ্রামারবৃন্দ, জয়পুরহাট", [want("assistant_programmer", "one", "জয়পুরহাট")], id="plural-brindo"),
        pytest.param("উপজেলা নির্বাহী অফিসার মহোদয়, পত্নিতলা", [want("uno", "one", "পত্নিতলা")], id="honorific-mohodoy"),
        pytest.param(
            "সহকারী নেটওয়ার্ক ইন্জিনিয়ার, জেলা কার্যালয়, বান্দরবান পার্বত্য জেলা",
            [want("assistant_network_engineer", "one", "বান্দরবান")],
            id="injiniyar-spelling",
        ),
        pytest.param("উপজেলা নির্বাহী কর্মকর্তা, বিরামপুর", [want("uno", "one", "বিরামপুর")], id="kormokorta-for-officer"),
        pytest.param("জেলা আইসিটি কর্মকর্তা, দিনাজপুর", [want("district_ict_officer", "one", "দিনাজপুর")], id="ict-kormokorta"),
        pytest.param("সহকারি প্রোগ্রামার, কাহারোল", [want("assistant_programmer", "one", "কাহারোল")], id="sohokari-short-i"),
        pytest.param("UNO, গোদাগাড়ী", [want("uno", "one", "গোদাগাড়ী")], id="UNO"),
        pytest.param("UNO, Godagari", [want("uno", "one", "গোদাগাড়ী")], id="UNO-english-place"),
        pytest.param("ADC (General), Rajshahi", [want("adc_general", "one", "রাজশাহী")], id="ADC-General"),
        pytest.param("AC Land, পবা", [want("ac_land", "one", "পবা")], id="AC-Land"),
        pytest.param("সহকারী কমিশনার (ভূমি), তানোর", [want("ac_land", "one", "তানোর")], id="ac-land-bangla"),
        pytest.param("উপজেলা নির্বাহী অফিসার (সকল), নাটোর", [want("uno", "all", "নাটোর")], id="sokol-in-brackets"),
        pytest.param("সকল উপজেলা নির্বাহী অফিসার, রাজশাহী", [want("uno", "all", "রাজশাহী")], id="sokol-before"),
        pytest.param("সহকারী কমিশনার (ভূমি) সকল, সিরাজগঞ্জ", [want("ac_land", "all", "সিরাজগঞ্জ")], id="sokol-after"),
        pytest.param("সহকারী প্রোগ্রামারগণ (সকল)", [want("assistant_programmer", "all")], id="plural-and-sokol"),
        pytest.param("সংশ্লিষ্ট উপজেলা নির্বাহী অফিসার", [want("uno", "one")], id="songslishto-alone-is-one"),
        pytest.param("সংশ্লিষ্ট ইউপি চেয়ারম্যান", [want("up_chairman", "one", text="সংশ্লিষ্ট ইউপি চেয়ারম্যান")], id="songslishto-up-chairman"),
        pytest.param("সংশ্লিষ্ট সকল", [want("all_concerned", "all", text="সংশ্লিষ্ট সকল")], id="all-concerned"),
    ],
)
def test_forms_of_a_role_and_scope(cell: str, expected: list[Want]) -> None:
    cell, found = from_cell(cell)
    assert_found(found, expected, cell=cell)


# --- places ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("cell", "district", "expected"),
    [
        pytest.param(
            "উপজেলা আইসিটি অফিসার (সকল), বান্দরবান পার্বত্য জেলা", None,
            [want("upazila_ict_officer", "all", "বান্দরবান")],
            id="hill-district",
        ),
        pytest.param(
            "উপজেলা নির্বাহী অফিসার, সদর, আদিতমারী ও পাটগ্রাম, লালমনিরহাট", None,
            [want("uno", "one", "লালমনিরহাট সদর", "আদিতমারী", "পাটগ্রাম", "লালমনিরহাট")],
            id="sadar-with-its-district-in-the-cell",
        ),
        pytest.param(
            "উপজেলা আইসিটি অফিসার (সদর, কালীগঞ্জ ও হাতীবান্ধা)", "লালমনিরহাট",
            [want("upazila_ict_officer", "one", "লালমনিরহাট সদর", "কালীগঞ্জ", "হাতীবান্ধা")],
            id="sadar-with-the-meetings-district",
        ),
        pytest.param(
            "সহকারী প্রোগ্রামার, সদর, মান্দা ও আত্রাই, নওগাঁ", None,
            [want("assistant_programmer", "one", "নওগাঁ সদর", "মান্দা", "আত্রাই", "নওগাঁ")],
            id="sadar-naogaon",
        ),
        pytest.param(
            "উপজেলা নির্বাহী অফিসার, সদর, নারায়ণগঞ্জ", None,
            [want("uno", "one", "নারায়নগঞ্জ সদর", "নারায়ণগঞ্জ")],
            id="sadar-whose-gazetteer-name-is-spelt-unlike-its-district",
        ),
        pytest.param(
            "সহকারী প্রোগ্রামার, মোহনপুর, চারঘাট, বাগমারা ও তানোর", None,
            [want("assistant_programmer", "one", "মোহনপুর", "চারঘাট", "বাগমারা", "তানোর",
                  text="সহকারী প্রোগ্রামার, মোহনপুর, চারঘাট, বাগমারা ও তানোর")],
            id="several-upazilas-for-one-role",
        ),
        pytest.param(
            "রাজশাহীতে কর্মরত সকল সহকারী প্রোগ্রামার", None,
            [want("assistant_programmer", "all", "রাজশাহী", text="রাজশাহীতে কর্মরত সকল সহকারী প্রোগ্রামার")],
            id="locative-ending",
        ),
        pytest.param(
            "লালমনিরহাটের সকল উপজেলা নির্বাহী অফিসার", None,
            [want("uno", "all", "লালমনিরহাট")],
            id="genitive-ending",
        ),
        pytest.param(
            "উপজেলা আইসিটি অফিসার, বুমা, বান্দরবান পার্বত্য জেলা", None,
            [want("upazila_ict_officer", "one", "রুমা", "বান্দরবান")],
            id="upazila-alias",
        ),
        pytest.param(
            "উপজেলা নির্বাহী অফিসার, চৌহালী, সিরাজগঞ্জ", None,
            [want("uno", "one", "চৌহালি", "সিরাজগঞ্জ")],
            id="upazila-alias-chauhali",
        ),
        pytest.param("প্রোগ্রামার, চট্রগ্রাম", None, [want("programmer", "one", "চট্টগ্রাম")], id="district-alias"),
        pytest.param("জেলা প্রশাসক, নারায়নগঞ্জ", None, [want("dc", "one", "নারায়ণগঞ্জ")], id="district-alias-narayanganj"),
        pytest.param("প্রোগ্রামার, রাজশাহী বিভাগ", None, [want("programmer", "one")], id="division-is-not-a-district"),
        pytest.param(
            "প্রোগ্রামার, রাজশাহী বিভাগীয় কার্যালয়", None, [want("programmer", "one")], id="divisional-office",
        ),
        pytest.param(
            "প্রতিনিধি, বন্দর কর্তৃপক্ষ", "চট্টগ্রাম",
            [want("external_representative", "one", text="প্রতিনিধি, বন্দর কর্তৃপক্ষ")],
            id="bandar-as-port",
        ),
        pytest.param(
            "উপজেলা নির্বাহী অফিসার, বন্দর", "চট্টগ্রাম", [want("uno", "one")], id="bandar-outside-its-district",
        ),
        pytest.param("প্রতিনিধি, বন্দর কর্তৃপক্ষ", None, [want("external_representative", "one")], id="bandar-no-context"),
        pytest.param(
            "সহকারী কমিশনার (ভূমি), বন্দর", "নারায়ণগঞ্জ", [want("ac_land", "one", "বন্দর")], id="bandar-upazila-by-meeting",
        ),
        pytest.param(
            "উপজেলা নির্বাহী অফিসার, বন্দর, নারায়ণগঞ্জ", None,
            [want("uno", "one", "বন্দর", "নারায়ণগঞ্জ")],
            id="bandar-upazila-by-cell",
        ),
        pytest.param(
            "প্রোগ্রামার, সদর দপ্তর, আইসিটি অধিদপ্তর", "রাজশাহী", [want("programmer", "one")], id="sadar-doptor-is-no-place",
        ),
        pytest.param(
            "সহকারী প্রোগ্রামার, সদর দপ্তর, রাজশাহী", None,
            [want("assistant_programmer", "one", "রাজশাহী")],
            id="sadar-doptor-with-district",
        ),
    ],
)
def test_places(cell: str, district: str | None, expected: list[Want]) -> None:
    cell, found = from_cell(cell, district=district)
    assert_found(found, expected, cell=cell)


# --- a place written once for a list -----------------------------------------------------------

@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param(
            "উপজেলা নির্বাহী অফিসার (সকল) ও জেলা শিক্ষা অফিসার, লালমনিরহাট",
            [want("uno", "all", "লালমনিরহাট", text="উপজেলা নির্বাহী অফিসার (সকল)"),
             want("district_education_officer", "one", "লালমনিরহাট", text="জেলা শিক্ষা অফিসার, লালমনিরহাট")],
            id="o",
        ),
        pytest.param(
            "জেলা প্রশাসক, উপজেলা নির্বাহী অফিসার (সকল) ও প্রোগ্রামার, নাটোর",
            [want("dc", "one", "নাটোর", text="জেলা প্রশাসক"),
             want("uno", "all", "নাটোর", text="উপজেলা নির্বাহী অফিসার (সকল)"),
             want("programmer", "one", "নাটোর", text="প্রোগ্রামার, নাটোর")],
            id="comma-and-o",
        ),
        pytest.param(
            "জেলা শিক্ষা অফিসার/জেলা প্রাথমিক শিক্ষা অফিসার, নাটোর",
            [want("district_education_officer", "one", "নাটোর", text="জেলা শিক্ষা অফিসার"),
             want("district_primary_education_officer", "one", "নাটোর", text="জেলা প্রাথমিক শিক্ষা অফিসার, নাটোর")],
            id="slash",
        ),
        pytest.param(
            "জেলা প্রশাসক এবং পুলিশ সুপার, রংপুর",
            [want("dc", "one", "রংপুর", text="জেলা প্রশাসক"),
             want("other", "one", "রংপুর", text="পুলিশ সুপার, রংপুর")],
            id="ebong-with-a-post-outside-the-taxonomy",
        ),
        pytest.param(
            "উপজেলা নির্বাহী অফিসার, পবা ও জেলা শিক্ষা অফিসার, রাজশাহী",
            [want("uno", "one", "পবা"), want("district_education_officer", "one", "রাজশাহী")],
            id="an-entry-with-its-own-place-keeps-it",
        ),
        pytest.param(
            "উপজেলা নির্বাহী অফিসার (সকল); জেলা শিক্ষা অফিসার, লালমনিরহাট",
            [want("uno", "all"), want("district_education_officer", "one", "লালমনিরহাট")],
            id="not-across-semicolon",
        ),
        pytest.param(
            "জেলা প্রশাসক; উপজেলা নির্বাহী অফিসার (সকল) ও জেলা শিক্ষা অফিসার, লালমনিরহাট",
            [want("dc", "one"), want("uno", "all", "লালমনিরহাট"), want("district_education_officer", "one", "লালমনিরহাট")],
            id="only-back-to-the-semicolon",
        ),
    ],
)
def test_trailing_place_is_shared(cell: str, expected: list[Want]) -> None:
    cell, found = from_cell(cell)
    assert_found(found, expected, cell=cell)


# --- elliptical qualifiers ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param(
            "অতিরিক্ত জেলা প্রশাসক (সার্বিক), (রাজস্ব), নাটোর",
            [want("adc_general", "one", "নাটোর", text="অতিরিক্ত জেলা প্রশাসক (সার্বিক)"),
             want("adc_revenue", "one", "নাটোর")],
            id="general-revenue",
        ),
        pytest.param(
            "অতিরিক্ত জেলা প্রশাসক (সার্বিক), (রাজস্ব) ও অতিরিক্ত জেলা ম্যাজিস্ট্রেট, কুড়িগ্রাম",
            [want("adc_general", "one", "কুড়িগ্রাম", text="অতিরিক্ত জেলা প্রশাসক (সার্বিক)"),
             want("adc_revenue", "one", "কুড়িগ্রাম", text="(রাজস্ব)"),
             want("adm", "one", "কুড়িগ্রাম", text="অতিরিক্ত জেলা ম্যাজিস্ট্রেট, কুড়িগ্রাম")],
            id="general-revenue-and-adm",
        ),
        pytest.param(
            "অতিরিক্ত জেলা প্রশাসক (সার্বিক), (রাজস্ব) ও (শিক্ষা ও আইসিটি), নাটোর",
            [want("adc_general", "one", "নাটোর", text="অতিরিক্ত জেলা প্রশাসক (সার্বিক)"),
             want("adc_revenue", "one", "নাটোর", text="(রাজস্ব)"),
             want("adc_edu_ict", "one", "নাটোর")],
            id="three-qualifiers",
        ),
        pytest.param(
            "অতিরিক্ত জেলা প্রশাসক, (সার্বিক), ঝিনাইদহ",
            [want("adc_general", "one", "ঝিনাইদহ", text="অতিরিক্ত জেলা প্রশাসক, (সার্বিক), ঝিনাইদহ")],
            id="qualifier-after-a-comma-completes-the-role",
        ),
        pytest.param(
            "সহকারী কমিশনার, (ভূমি), বাগমারা ও উপজেলা নির্বাহী অফিসার, বাগমারা",
            [want("ac_land", "one", "বাগমারা", text="সহকারী কমিশনার, (ভূমি), বাগমারা"),
             want("uno", "one", "বাগমারা", text="উপজেলা নির্বাহী অফিসার, বাগমারা")],
            id="land-qualifier-after-a-comma",
        ),
        pytest.param(
            "অতিরিক্ত জেলা প্রশাসক, নাটোর",
            [want("other", "one", "নাটোর", text="অতিরিক্ত জেলা প্রশাসক, নাটোর")],
            id="an-adc-without-desk-is-no-dc-and-no-guess",
        ),
    ],
)
def test_elliptical_qualifier(cell: str, expected: list[Want]) -> None:
    cell, found = from_cell(cell)
    assert_found(found, expected, cell=cell)


# --- offices and posts outside the taxonomy ----------------------------------------------------

@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param(
            "শাখা প্রধান, জেলা প্রশাসকের কার্যালয়, রাজশাহী",
            [want("other", "one", "রাজশাহী", text="শাখা প্রধান, জেলা প্রশাসকের কার্যালয়, রাজশাহী")],
            id="dc-inside-the-office-name",
        ),
        pytest.param(
            "নেজারত ডেপুটি কালেক্টর, জেলা প্রশাসকের কার্যালয়, নাটোর",
            [want("other", "one", "নাটোর")],
            id="ndc",
        ),
        pytest.param(
            "সহকারী প্রোগ্রামার, জেলা প্রশাসকের কার্যালয়, নাটোর",
            [want("assistant_programmer", "one", "নাটোর", text="সহকারী প্রোগ্রামার, জেলা প্রশাসকের কার্যালয়, নাটোর")],
            id="role-in-an-office-that-names-a-role",
        ),
        pytest.param(
            "প্রধান নির্বাহী কর্মকর্তা, জেলা পরিষদ, নাটোর",
            [want("other", "one", "নাটোর", text="প্রধান নির্বাহী কর্মকর্তা, জেলা পরিষদ, নাটোর")],
            id="cxo-zila-parishad-is-not-uno",
        ),
        pytest.param("সিভিল সার্জন, রাজশাহী", [want("other", "one", "রাজশাহী", text="সিভিল সার্জন, রাজশাহী")], id="civil-surgeon"),
        pytest.param(
            "জেলা প্রশাসকের প্রতিনিধি, রাজশাহী",
            [want("external_representative", "one", "রাজশাহী")],
            id="dc-in-the-genitive-qualifies-the-post",
        ),
        pytest.param(
            "প্রতিনিধি, বাংলাদেশ টেলিযোগাযোগ কোম্পানি লিমিটেড",
            [want("external_representative", "one", text="প্রতিনিধি, বাংলাদেশ টেলিযোগাযোগ কোম্পানি লিমিটেড")],
            id="outside-organisation",
        ),
    ],
)
def test_offices_and_posts_outside_the_taxonomy(cell: str, expected: list[Want]) -> None:
    cell, found = from_cell(cell)
    assert_found(found, expected, cell=cell)


def test_a_post_outside_the_taxonomy_keeps_its_words_and_the_english_of_other() -> None:
    cell, found = from_cell("উপপরিচালক, স্থানীয় সরকার, নাটোর")
    assert len(found) == 1
    assert found[0].role == "other"
    assert found[0].role_bn == nfc("উপপরিচালক, স্থানীয় সরকার, নাটোর") == found[0].text
    assert found[0].role_en == OTHER_EN == "any other role (surface text kept)"
    assert found[0].places == [nfc("নাটোর")]


# --- decision text ------------------------------------------------------------------------------

RAJSHAHI_03 = (
    "রাজশাহী জেলা এবং মোহনপুর, চারঘাট, বাগমারা ও তানোর উপজেলায় স্কুল অফ ফিউচার এ ১৫ দিন ব্যাপী পাইথন "
    "প্রোগ্রামিং প্রশিক্ষণ বিষয়ে বিস্তারিত আলোচনা করা হয়। প্রোগ্রামার সংশ্লিষ্ট উপজেলায় কর্মরত সহকারী "
    "প্রোগ্রামারগণ কে নিয়মিত প্রশিক্ষণ তদারকি করার জন্য অনুরোধ জানান।"
)
LALMONIRHAT_01_2 = (
    "ইউনিয়ন ও উপজেলা পোর্টালে তথ্য বাংলা ও ইংরেজি উভয় ভাষায় হালনাগাদ করার বিষয়টি উপজেলা নির্বাহী "
    "অফিসারগণ নিয়মিত মনিটরিং করবেন।"
)


@pytest.mark.parametrize("cell", [pytest.param("সংশ্লিষ্ট সকল", id="cell-all-concerned"), pytest.param(None, id="no-cell")])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(RAJSHAHI_03, [want("assistant_programmer", "one", text="সহকারী প্রোগ্রামারগণ")], id="asked-not-asker"),
        pytest.param(LALMONIRHAT_01_2, [want("uno", "one", text="উপজেলা নির্বাহী অফিসারগণ")], id="subject-acts"),
        pytest.param(
            "জেলা প্রশাসক মহোদয় সকল দপ্তর প্রধানকে ই-নথিতে ডাক নিষ্পন্ন করার নির্দেশনা প্রদান করেন।",
            [want("office_heads", "all", text="সকল দপ্তর প্রধান")],
            id="instructed-not-instructor",
        ),
        pytest.param(
            "সকল সহকারী প্রোগ্রামার নিজ নিজ উপজেলার ল্যাব প্রতি মাসে পরিদর্শন করবেন।",
            [want("assistant_programmer", "all", text="সকল সহকারী প্রোগ্রামার")],
            id="sokol-in-text",
        ),
        pytest.param(
            "উপজেলা নির্বাহী অফিসারগণ ল্যাব পরিদর্শন প্রতিবেদন জেলা প্রশাসকের নিকট প্রেরণ করবেন।",
            [want("uno", "one", text="উপজেলা নির্বাহী অফিসারগণ")],
            id="recipient-in-the-genitive-is-not-an-implementer",
        ),
        pytest.param(
            "উপজেলা নির্বাহী অফিসারগণ নিয়মিত মনিটরিং করবেন এবং অগ্রগতি জেলা প্রশাসককে অবহিত করবেন।",
            [want("uno", "one", text="উপজেলা নির্বাহী অফিসারগণ")],
            id="recipient-in-the-object-case-is-not-an-implementer",
        ),
        pytest.param(
            "তালিকা প্রস্তুত করে উপজেলা নির্বাহী অফিসারের মাধ্যমে জেলা কার্যালয়ে প্রেরণ করতে হবে।",
            [want("uno", "one", text="উপজেলা নির্বাহী অফিসার")],
            id="acting-through-the-genitive",
        ),
    ],
)
def test_decision_text_names_who_acts(text: str, cell: str | None, expected: list[Want]) -> None:
    text, cell, found = from_decision(text, cell)
    assert all(i.field == "text" for i in found)
    assert_found(found, expected, text=text, cell=cell)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("ল্যাব পরিদর্শনের প্রতিবেদন প্রস্তুত করে জেলা প্রশাসকের নিকট প্রেরণ করবেন।", id="recipient-dc"),
        pytest.param("গৃহীত কার্যক্রমের অগ্রগতি সভাপতিকে জানাতে হবে।", id="recipient-chair"),
        pytest.param("গৃহীত কার্যক্রমের অগ্রগতি পরবর্তী সভায় জেলা প্রশাসককে অবহিত করতে হবে।", id="recipient-dc-object"),
        pytest.param("জেলা ও উপজেলা কার্যালয়ের অফিস কক্ষ নিয়মিত পরিষ্কার পরিচ্ছন্ন রাখার বিষয়টি নিশ্চিত করতে হবে।", id="offices-as-object"),
        pytest.param("উপজেলা নির্বাহী অফিসারের কার্যালয়ের ওয়েব পোর্টাল নিয়মিত হালনাগাদ করতে হবে।", id="uno-office"),
    ],
)
def test_when_the_text_names_no_actor_the_cell_stays(text: str) -> None:
    text, cell, found = from_decision(text, "সংশ্লিষ্ট সকল")
    assert cell == "সংশ্লিষ্ট সকল"
    assert_found(found, [want("all_concerned", "all", text="সংশ্লিষ্ট সকল")], text=text, cell=cell)
    assert found[0].field == "implementer_text" and (found[0].start, found[0].end) == (0, len(cell))
    assert from_decision(text)[2] == []


@pytest.mark.parametrize(
    ("text", "cell", "expected"),
    [
        pytest.param(
            LALMONIRHAT_01_2, "প্রোগ্রামার, রাজশাহী",
            [want("programmer", "one", "রাজশাহী", text="প্রোগ্রামার, রাজশাহী")],
            id="cell-names-another-role",
        ),
        pytest.param(
            "উপজেলা নির্বাহী অফিসারগণের তত্ত্বাবধানে উপজেলা পর্যায় কমিটি ওয়েব পোর্টাল হালনাগাদ করবেন। এই ব্যাপারে "
            "সহকারী প্রোগ্রামারগণ ও ইউনিয়ন পরিষদের সচিবগণ সার্বিক সহায়তা প্রদান করবেন।",
            "উপজেলা নির্বাহী অফিসার (সকল), নওগাঁ",
            [want("uno", "all", "নওগাঁ", text="উপজেলা নির্বাহী অফিসার (সকল), নওগাঁ")],
            id="text-names-more-roles",
        ),
        pytest.param(
            RAJSHAHI_03, "সংশ্লিষ্ট সকল; প্রোগ্রামার, রাজশাহী",
            [want("all_concerned", "all"), want("programmer", "one", "রাজশাহী")],
            id="cell-says-more-than-all-concerned",
        ),
    ],
)
def test_a_cell_that_names_a_role_is_never_overridden_by_the_text(text: str, cell: str | None, expected: list[Want]) -> None:
    text, cell, found = from_decision(text, cell)
    assert all(i.field == "implementer_text" for i in found)
    assert_found(found, expected, text=text, cell=cell)


def test_the_text_fallback_keeps_the_offices_phrase_and_its_place() -> None:
    """rajshahi-2023-12/09 in other words: the office before the role belongs to it."""
    text, _, found = from_decision(
        "তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর, নাটোর এর জেলা কার্যালয় ও উপজেলা কার্যালয়সমূহের সকল কর্মকর্তা ও "
        "কর্মচারীকে প্রতিদিন ই-নথিতে ডাক নিষ্পন্ন করা নিশ্চিত করার সিদ্ধান্ত গৃহীত হয়।",
        "সংশ্লিষ্ট সকল",
    )
    expected_text = "তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর, নাটোর এর জেলা কার্যালয় ও উপজেলা কার্যালয়সমূহের সকল কর্মকর্তা ও কর্মচারী"
    assert_found(found, [want("all_officers", "all", "নাটোর", text=expected_text)], text=text, cell="সংশ্লিষ্ট সকল")
    assert found[0].field == "text" and found[0].start == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "প্রোগ্রামার, রাজশাহী সভায় অনুরোধ জানান যে, সহকারী প্রোগ্রামারগণ ল্যাবসমূহ নিয়মিত তদারকি করবেন।",
            [want("assistant_programmer", "one", text="সহকারী প্রোগ্রামারগণ")],
            id="asker-of-a-clause-with-je",
        ),
        pytest.param(
            "প্রোগ্রামার সভাকে জানান যে, ল্যাবসমূহের কার্যক্রম তদারকি করা প্রয়োজন। এ প্রেক্ষিতে সহকারী "
            "প্রোগ্রামারগণ কে ল্যাবসমূহ নিয়মিত তদারকি করার জন্য অনুরোধ করা হয়।",
            [want("assistant_programmer", "one", text="সহকারী প্রোগ্রামারগণ")],
            id="speaker-in-the-sentence-before",
        ),
        pytest.param(
            "সহকারী প্রোগ্রামারদের নিজ নিজ উপজেলার ল্যাব পরিদর্শনের দায়িত্ব প্রদান করা হয়।",
            [want("assistant_programmer", "one", text="সহকারী প্রোগ্রামার")],
            id="charged-with-plural-object-der",
        ),
        pytest.param(
            "সকল কর্মকর্তা ও কর্মচারীকে প্রতিদিন ই-নথিতে ডাক নিষ্পন্ন করার সিদ্ধান্ত গৃহীত হয়।",
            [want("all_officers", "all", text="সকল কর্মকর্তা ও কর্মচারী")],
            id="charged-by-the-decision-itself",
        ),
        pytest.param(
            "রাজশাহীতে কর্মরত সহকারী প্রোগ্রামারগণ ল্যাবসমূহ নিয়মিত পরিদর্শন করবেন।",
            [want("assistant_programmer", "one", "রাজশাহী")],
            id="place-in-a-qualifier-before-the-role",
        ),
    ],
)
def test_decision_text_hard_cases(text: str, expected: list[Want]) -> None:
    text, cell, found = from_decision(text, "সংশ্লিষ্ট সকল")
    assert_found(found, expected, text=text, cell=cell)
    assert all(i.field == "text" for i in found)


# --- extension by data -------------------------------------------------------------------------

# A form written out in full (আইসিটি spelt as তথ্য ও যোগাযোগ প্রযুক্তি) that the shipped lists do not know.
NEW_FORM = "উপজেলা তথ্য ও যোগাযোগ প্রযুক্তি কর্মকর্তা"
NEW_FORM_CELL = f"{NEW_FORM}, লামা, বান্দরবান পার্বত্য জেলা"


def _custom_toml(tmp_path: Path) -> Path:
    shipped = SHIPPED_TOML.read_text(encoding="utf-8")
    line = 'upazila_ict_officer = ["উপজেলা আইসিটি কর্মকর্তা"]'
    assert line in shipped
    custom = tmp_path / "roles.toml"
    custom.write_text(shipped.replace(line, f'upazila_ict_officer = ["উপজেলা আইসিটি কর্মকর্তা", "{NEW_FORM}"]'), encoding="utf-8")
    return custom


def test_a_variant_added_to_the_toml_is_found(tmp_path: Path) -> None:
    cell = normalize_text(NEW_FORM_CELL)
    custom = RoleExtractor(RoleLexicon.load(_custom_toml(tmp_path)))(cell)
    assert_found(custom, [want("upazila_ict_officer", "one", "লামা", "বান্দরবান", text=NEW_FORM_CELL)], cell=cell)
    default = roles.extract(cell)
    assert [i.role for i in default] != ["upazila_ict_officer"]
    assert [(i.role, i.text) for i in RoleExtractor()(cell)] == [(i.role, i.text) for i in default]


def test_a_variant_added_to_the_toml_is_found_through_the_pipeline(tmp_path: Path) -> None:
    text = "উপজেলা পর্যায়ের ল্যাবসমূহ নিয়মিত পরিদর্শন করতে হবে।"
    tagger = Tagger(config={"implementers": {"lexicon": str(_custom_toml(tmp_path))}})
    decision = tagger.tag_decision(text, implementer_text=NEW_FORM_CELL)
    assert [(i.role, i.places, i.field) for i in decision.implementers] == [
        ("upazila_ict_officer", [nfc("লামা"), nfc("বান্দরবান")], "implementer_text")
    ]
    default = minutes_nlp.tag_decision(text, implementer_text=NEW_FORM_CELL)
    assert [i.role for i in default.implementers] != ["upazila_ict_officer"]


def test_a_new_role_added_to_the_taxonomy_file(tmp_path: Path) -> None:
    tsv = tmp_path / "roles.tsv"
    tsv.write_text(ROLES_TSV.read_text(encoding="utf-8").rstrip("\n") + "\nsystem_analyst\tসিস্টেম এনালিস্ট\tSystem Analyst\n", encoding="utf-8")
    cell = normalize_text("সিস্টেম এনালিস্ট, জেলা প্রশাসকের কার্যালয়, নাটোর")
    found = RoleExtractor(RoleLexicon.load(None, tsv))(cell)
    assert [(i.role, i.role_bn, i.role_en, i.places) for i in found] == [("system_analyst", nfc("সিস্টেম এনালিস্ট"), "System Analyst", [nfc("নাটোর")])]
    assert [i.role for i in roles.extract(cell)] == ["other"]


def test_a_toml_naming_an_unknown_role_id_is_refused(tmp_path: Path) -> None:
    shipped = SHIPPED_TOML.read_text(encoding="utf-8")
    assert "\n[variants]\n" in shipped
    bad = tmp_path / "roles.toml"
    bad.write_text(shipped.replace("\n[variants]\n", '\n[variants]\nsystem_analyst = ["সিস্টেম এনালিস্ট"]\n', 1), encoding="utf-8")
    with pytest.raises(ValueError, match="system_analyst"):
        RoleLexicon.load(bad)
    with pytest.raises(ValueError, match="system_analyst"):
        Tagger(config={"implementers": {"lexicon": str(bad)}})


# --- offsets and output ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("cell", "roles_found"),
    [
        pytest.param(
            "(১) জেলা আইসিটি অফিসার, বান্দরবান পার্বত্য জেলা। (২) উপজেলা আইসিটি অফিসার (সকল), বান্দরবান পার্বত্য জেলা।",
            ["district_ict_officer", "upazila_ict_officer"],
            id="numbered-with-hill-district",
        ),
        pytest.param(
            "প্রোগ্রামার, তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর, ঝিনাইদহ; সহকারী কমিশনার (আইসিটি); ও সহকারী কমিশনার, শিক্ষা",
            ["programmer", "ac_ict", "assistant_commissioner"],
            id="semicolons-and-office",
        ),
        pytest.param(
            "অতিরিক্ত জেলা প্রশাসক (সার্বিক), (রাজস্ব) ও অতিরিক্ত জেলা ম্যাজিস্ট্রেট লালমনিরহাট।",
            ["adc_general", "adc_revenue", "adm"],
            id="elliptical",
        ),
        pytest.param(
            "০১. উপজেলা নির্বাহী অফিসার (সকল), সিরাজগঞ্জ। ০২. সহকারী প্রোগ্রামার (সকল), সকল উপজেলা, সিরাজগঞ্জ",
            ["uno", "assistant_programmer"],
            id="dot-numbers",
        ),
        pytest.param(
            "উপজেলা নির্বাহী অফিসারগণ, রাজশাহীতে কর্মরত সহকারী প্রোগ্রামারবৃন্দ ও UNO, Godagari",
            ["uno", "assistant_programmer", "uno"],
            id="endings-and-latin",
        ),
        pytest.param(
            "জেলা   প্রশাসক,  রাজশাহী\nউপজেলা নির্বাহী অফিসার মহোদয়, পবা",
            ["dc", "uno"],
            id="folded-spaces-and-lines",
        ),
    ],
)
def test_offsets_index_the_cell(cell: str, roles_found: list[str]) -> None:
    cell, found = from_cell(cell)
    assert [i.role for i in found] == roles_found
    for implementer in found:
        assert cell[implementer.start : implementer.end] == implementer.text
        assert implementer.text == implementer.text.strip() and implementer.text


def test_offsets_index_the_decision_text() -> None:
    for source in (RAJSHAHI_03, LALMONIRHAT_01_2):
        text, _, found = from_decision(source, "সংশ্লিষ্ট সকল")
        assert found and all(i.field == "text" for i in found)
        for implementer in found:
            assert text[implementer.start : implementer.end] == implementer.text


def test_json_output_of_a_decision_has_exactly_the_implementer_keys(tagged: dict[str, Decision]) -> None:
    decision = minutes_nlp.tag_decision(
        "ইউনিয়ন পোর্টাল নিয়মিত হালনাগাদ করতে হবে।", implementer_text="উপজেলা নির্বাহী অফিসার (সকল) ও জেলা শিক্ষা অফিসার, লালমনিরহাট।"
    )
    data = decision.to_dict()
    assert len(data["implementers"]) == 2
    for item in data["implementers"]:
        assert set(item) == IMPLEMENTER_KEYS
    assert data["implementers"][0] == {
        "role": "uno", "role_bn": TAXONOMY["uno"][0], "role_en": TAXONOMY["uno"][1], "scope": "all",
        "places": [nfc("লালমনিরহাট")], "text": nfc("উপজেলা নির্বাহী অফিসার (সকল)"), "start": 0, "end": 28,
        "field": "implementer_text",
    }
    seed = tagged["rajshahi-2023-12/09"].to_dict()["implementers"]
    assert [set(item) for item in seed] == [IMPLEMENTER_KEYS]
    assert seed[0]["field"] == "text"


def test_arbitrary_cells_and_texts_give_implementers_whose_offsets_hold() -> None:
    """Seeded random mixtures of role words, places, markers, tags and letters: never an
    exception, and every implementer's text is its field at its offsets."""
    import random

    pieces = [*"অকখগচজটতদনপবমরলসহািীুেো্ং০১২৯()।,;/ও\n ", "সকল", "সদর", "অফিসার", "প্রোগ্রামার", "উপজেলা",
              "জেলা", "এর", "কে", "গণ", "<p>", "</p>", "(রাজস্ব)", "অতিরিক্ত জেলা প্রশাসক", "রাজশাহী", "বন্দর",
              "মহোদয়", "অনুরোধ", "বলেন", "যে", "সংশ্লিষ্ট সকল", "(১)", "২।"]
    rng = random.Random(7)

    def mixture(size: int) -> str:
        return normalize_text("".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(0, size))))

    found_any = 0
    for _ in range(500):
        text, cell = mixture(40), mixture(25)
        for given in (cell, None, nfc("সংশ্লিষ্ট সকল")):
            for implementer in roles.extract_from_decision(text, given, district=rng.choice([None, nfc("রাজশাহী")])):
                source = text if implementer.field == "text" else given
                assert source is not None and source[implementer.start : implementer.end] == implementer.text
                assert implementer.role in TAXONOMY or implementer.role == "other"
                found_any += 1
    assert found_any > 100
