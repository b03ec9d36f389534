"""The library API that a dashboard calls."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

import minutes_nlp
from minutes_nlp.model import Theme
from minutes_nlp.pipeline import Tagger, register_component

from conftest import SEEDS


def test_import_is_light():
    code = (
        "import sys, minutes_nlp; heavy = [m for m in ('spacy', 'typer', 'pydantic', 'sklearn', 'datasets', 'bnlp', 'rich') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_tag_file_returns_typed_minutes():
    minutes = minutes_nlp.tag_file(SEEDS["bandarban-2024-11"])
    assert isinstance(minutes, minutes_nlp.Minutes)
    assert minutes.doc_id == "bandarban-2024-11"
    assert minutes.meeting.date == dt.date(2024, 11, 28)
    assert len(minutes.decisions) == 15
    assert all(isinstance(d, minutes_nlp.Decision) for d in minutes.decisions)
    data = minutes.to_dict()
    json.dumps(data, ensure_ascii=False)  # JSON-ready: dates as ISO strings
    assert data["meeting"]["issue_date"] == "2024-12-09"
    assert set(data) == {"doc_id", "meeting", "decisions", "skipped", "warnings", "source"}


def test_tag_text_without_a_table_returns_the_meeting_and_a_warning():
    text = "জেলা প্রশাসকের কার্যালয়, ফেনী\n\nসভাপতি: জনাব আবু সেলিম, জেলা প্রশাসক\nসভার তারিখ: ১০/০১/২০২৪\n"
    minutes = minutes_nlp.tag_text(text)
    assert minutes.decisions == []
    assert minutes.meeting.district == "ফেনী"
    assert minutes.meeting.date == dt.date(2024, 1, 10)
    assert [w.code for w in minutes.warnings] == ["no-table"]


def test_unreadable_file_raises_a_minutes_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(minutes_nlp.MinutesError, match="empty"):
        minutes_nlp.tag_file(empty)


def test_tag_decision_fills_a_decision():
    decision = minutes_nlp.tag_decision(
        "জেলার অন্তর্ভুক্ত সকল ওয়েব পোর্টাল আগামী ৩০/০১/২০২৪ খ্রি. তারিখের মধ্যে হালনাগাদ করতে হবে।",
        id="d1",
        meeting_date="2023-11-19",
        topic="ওয়েব পোর্টাল হালনাগাদ",
        implementer_text="প্রোগ্রামার, ঝিনাইদহ",
    )
    data = decision.to_dict()
    assert data["id"] == "d1" and data["topic"] == "ওয়েব পোর্টাল হালনাগাদ"
    assert data["implementer_text"] == "প্রোগ্রামার, ঝিনাইদহ"
    assert {"themes", "deadlines", "implementers"} <= set(data)


def test_components_plug_into_the_pipeline():
    @register_component("test_keyword_theme")
    def make_keyword_theme():
        def component(decision, context):
            if "ই-নথি" in decision.text or "ডি-নথি" in decision.text:
                decision.themes.append(Theme("e_nothi", 1.0))

        return component

    tagger = Tagger(["test_keyword_theme"])
    minutes = tagger.tag_file(SEEDS["rajshahi-2023-12"])
    tagged = [d.item for d in minutes.decisions if d.themes]
    assert tagged == ["০১"]
    with pytest.raises(ValueError, match="unknown pipeline component"):
        Tagger(["no_such_component"])


def test_component_settings_are_passed_to_their_factory():
    from minutes_nlp.errors import ModelError

    assert Tagger().component_names == ["themes", "deadlines", "implementers"]
    with pytest.raises(ModelError, match="no such model directory"):
        Tagger(config={"themes": {"model": "no/such/model"}})
    with pytest.raises(ValueError, match="not in the pipeline: deadlines"):
        Tagger(["themes"], config={"deadlines": {"cues": "x.toml"}})


def test_ids_are_unique_and_stable():
    first = [d.id for d in minutes_nlp.tag_file(SEEDS["lalmonirhat-2019-07"]).decisions]
    again = [d.id for d in minutes_nlp.tag_file(SEEDS["lalmonirhat-2019-07"]).decisions]
    assert first == again and len(set(first)) == len(first)
    assert first[:3] == ["lalmonirhat-2019-07/01.1", "lalmonirhat-2019-07/01.2", "lalmonirhat-2019-07/02.1"]
