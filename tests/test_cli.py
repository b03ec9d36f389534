"""`minutes-nlp` end to end, run as a user runs it (a separate process)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import RAW, SEEDS


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "minutes_nlp", *args], input=stdin, capture_output=True, cwd=cwd, env=env, timeout=120)


def test_tag_one_file_as_json_matches_the_schema():
    result = run("tag", str(SEEDS["jhenaidah-2023-11"]))
    assert result.returncode == 0, result.stderr.decode()
    document = json.loads(result.stdout)
    assert document["meeting"]["date"] == "2023-11-19"
    assert document["meeting"]["district"] == "ঝিনাইদহ"
    assert [d["item"] for d in document["decisions"]] == ["০১", "০২", "০৩", "০৪", "০৫"]
    schema = json.loads(run("schema").stdout)
    jsonschema.validate(document, schema)
    for decision in document["decisions"]:
        assert decision["themes"] == [] and decision["deadlines"] == [] and decision["implementers"] == []


def test_decision_schema_lists_the_annotation_field_names():
    schema = json.loads(run("schema", "--kind", "decision").stdout)
    defs = schema["$defs"]
    assert set(defs["Theme"]["properties"]) == {"label", "score"}
    assert set(defs["Deadline"]["properties"]) == {"kind", "value", "due", "text", "start", "end"}
    assert {"role", "role_bn", "role_en", "scope", "places", "text"} <= set(defs["Implementer"]["properties"])


def test_directory_as_jsonl_gives_one_line_per_decision_with_its_meeting():
    result = run("tag", str(RAW), "--format", "jsonl")
    assert result.returncode == 0, result.stderr.decode()
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(records) == 51
    by_doc = {r["doc_id"]: r["meeting"]["date"] for r in records}
    assert by_doc == {
        "bandarban-2024-11": "2024-11-28",
        "jhenaidah-2023-11": "2023-11-19",
        "lalmonirhat-2019-07": "2019-07-21",
        "rajshahi-2023-12": "2023-12-04",
        "sirajganj-2023-01": "2023-01-15",
    }
    assert "tagged 5 of 5 input(s): 51 decisions" in result.stderr.decode()


def test_csv_has_a_bom_for_excel_and_one_row_per_decision(tmp_path):
    out = tmp_path / "decisions.csv"
    result = run("tag", str(SEEDS["lalmonirhat-2019-07"]), "--format", "csv", "--out", str(out))
    assert result.returncode == 0, result.stderr.decode()
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 15
    assert rows[1]["sub"] == "খ" and rows[1]["implementer_text"] == "উপজেলা নির্বাহী অফিসার (সকল), লালমনিরহাট।"
    assert rows[0]["meeting_date"] == "2019-07-21"


def test_table_format_for_the_terminal():
    result = run("tag", str(SEEDS["sirajganj-2023-01"]), "--format", "table")
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "সিরাজগঞ্জ" in out and "2023-01-15" in out and "ইনোভেশন আইডিয়ার" in out


def test_standard_input():
    result = run("tag", "-", "--format", "jsonl", stdin=SEEDS["sirajganj-2023-01"].read_bytes())
    assert result.returncode == 0, result.stderr.decode()
    assert len(result.stdout.decode().splitlines()) == 5


@pytest.fixture
def mixed_batch(tmp_path: Path) -> Path:
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(SEEDS["rajshahi-2023-12"], batch / "good-rajshahi.txt")
    shutil.copy(SEEDS["jhenaidah-2023-11"], batch / "good-jhenaidah.txt")
    (batch / "empty.txt").write_bytes(b"")
    (batch / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (batch / "prose.txt").write_text("সভায় বিস্তারিত আলোচনা হয়। কোনো সিদ্ধান্ত গৃহীত হয়নি।\n", encoding="utf-8")
    with (batch / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    return batch


def test_batch_tags_good_files_and_names_each_bad_one(mixed_batch: Path):
    result = run("tag", str(mixed_batch))
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("minutes-nlp: ")]
    reasons = {Path(line.split(": ")[1]).name: line for line in errors}
    assert set(reasons) == {"empty.txt", "binary.txt", "prose.txt", "huge.txt"}
    assert "empty file" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "no decisions found" in reasons["prose.txt"]
    assert "too large" in reasons["huge.txt"]
    assert "tagged 2 of 6 input(s)" in stderr
    documents = json.loads(result.stdout)
    assert sorted(d["doc_id"] for d in documents) == ["good-jhenaidah", "good-rajshahi"]


@pytest.mark.parametrize("name", ["empty.txt", "binary.txt", "prose.txt", "huge.txt"])
def test_one_bad_file_gets_one_line_and_exit_code_2(mixed_batch: Path, name: str):
    result = run("tag", str(mixed_batch / name))
    assert result.returncode == 2
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"minutes-nlp: {mixed_batch / name}: ")
    assert result.stdout == b""


def test_usage_errors_exit_with_1():
    assert run("tag", "--format", "xml", str(SEEDS["rajshahi-2023-12"])).returncode == 1
    assert run("tag").returncode == 1
    assert run("no-such-command").returncode == 1


def test_tokenize_command():
    result = run("tokenize", "--json", "ডি-নথিতে ৩০/০১/২০২৪ খ্রি. তারিখের মধ্যে নিষ্পন্ন করতে হবে।")
    assert result.returncode == 0, result.stderr.decode()
    tokens = json.loads(result.stdout)
    assert "৩০/০১/২০২৪" in tokens and "খ্রি." in tokens and tokens[-1] == "।"
