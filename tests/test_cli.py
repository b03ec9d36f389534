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

REPO = Path(__file__).resolve().parents[1]


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
    # The Jhenaidah minutes are those of the web portal committee.
    assert [d["themes"][0]["label"] for d in document["decisions"]].count("portal_update") >= 4
    assert all(0 < t["score"] <= 1 for d in document["decisions"] for t in d["themes"])


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


# --- train / evaluate / tag --model -------------------------------------------------------------

_OWN_CORPUS = [
    ("সকল শাখার পত্র ই-নথিতে নিষ্পন্ন করতে হবে।", "e_nothi"),
    ("ডাক ই-ফাইলে গ্রহণ ও নিষ্পত্তি নিশ্চিত করতে হবে।", "e_nothi"),
    ("ই-নথিতে নোট উপস্থাপন বাড়াতে হবে।", "e_nothi"),
    ("নথি ব্যবস্থাপনা সিস্টেমে সকল পত্রজারি করতে হবে।", "e_nothi"),
    ("বন্যার্তদের মধ্যে ত্রাণ বিতরণ দ্রুত সম্পন্ন করতে হবে।", "relief"),
    ("আশ্রয়কেন্দ্রে শুকনো খাবার মজুত রাখতে হবে।", "relief"),
    ("ক্ষতিগ্রস্ত পরিবারের তালিকা করে ত্রাণ দিতে হবে।", "relief"),
    ("ঘূর্ণিঝড়ের পর পুনর্বাসনের জন্য ঢেউটিন বিতরণ করা হবে।", "relief"),
]


def _own_csv(tmp_path: Path) -> Path:
    path = tmp_path / "own.csv"
    rows = "".join(f'"{text}",{label},doc{i}\n' for i, (text, label) in enumerate(_OWN_CORPUS))
    path.write_text("text,labels,doc_id\n" + rows, encoding="utf-8")
    return path


def test_train_evaluate_and_tag_with_a_users_own_labels(tmp_path):
    model = tmp_path / "models" / "own"
    result = run("train", str(_own_csv(tmp_path)), "--out", str(model))
    assert result.returncode == 0, result.stderr.decode()
    assert {"model.json", "weights.npz", "manifest.json", "README.md"} <= {p.name for p in model.iterdir()}
    assert "`relief`" in (model / "README.md").read_text(encoding="utf-8")

    evaluated = run("evaluate", str(_own_csv(tmp_path)), "--model", str(model), "--source", "", "--json")
    assert evaluated.returncode == 0, evaluated.stderr.decode()
    report = json.loads(evaluated.stdout)
    assert {s["label"] for s in report["labels"]} == {"e_nothi", "relief"}
    assert report["notes"] and "not held-out" in report["notes"][0]

    minutes = tmp_path / "relief.txt"
    minutes.write_text(
        "সভার তারিখ: ১০/০৬/২০২৪\n\nক্র:\tআলোচ্য বিষয়\tসিদ্ধান্ত\tবাস্তবায়নে\n"
        "০১\tত্রাণ\tবন্যা দুর্গত পরিবারের মধ্যে ত্রাণ বিতরণ করতে হবে।\tউপজেলা নির্বাহী অফিসার\n",
        encoding="utf-8",
    )
    tagged = run("tag", str(minutes), "--model", str(model))
    assert tagged.returncode == 0, tagged.stderr.decode()
    assert json.loads(tagged.stdout)["decisions"][0]["themes"][0]["label"] == "relief"


def test_train_refuses_to_overwrite_and_names_bad_corpora(tmp_path):
    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "keep.txt").write_text("x", encoding="utf-8")
    result = run("train", str(_own_csv(tmp_path)), "--out", str(existing))
    assert result.returncode == 1 and b"--force" in result.stderr
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    result = run("train", str(broken), "--out", str(tmp_path / "m"))
    lines = result.stderr.decode().strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and "broken.jsonl" in lines[0] and "invalid JSON" in lines[0]


def test_tag_refuses_a_tampered_model_in_one_line(tmp_path):
    model = tmp_path / "own"
    assert run("train", str(_own_csv(tmp_path)), "--out", str(model)).returncode == 0
    weights = model / "weights.npz"
    weights.write_bytes(weights.read_bytes()[:-10] + b"0123456789")
    result = run("tag", str(SEEDS["jhenaidah-2023-11"]), "--model", str(model))
    lines = result.stderr.decode().strip().splitlines()
    assert result.returncode == 1 and result.stdout == b""
    assert len(lines) == 1 and "weights.npz does not match the hash recorded at training time" in lines[0] and "Traceback" not in lines[0]


def test_evaluate_lodo_prints_the_table():
    result = run("evaluate", str(REPO / "corpus" / "real"), str(REPO / "corpus" / "authored"), "--lodo", "--errors", "3")
    assert result.returncode == 0, result.stderr.decode()
    text = result.stdout.decode()
    assert "leave-one-document-out over 5 real documents" in text
    assert "portal_update" in text and "worst errors:" in text


def test_evaluate_implementers_scores_the_seed_annotations():
    result = run("evaluate", "--task", "implementers", str(REPO / "corpus" / "real"), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["decisions"], report["decisions_right"]) == (51, 51)
    assert report["roles"]["tp"] == 84 and report["places"]["tp"] == 73
    assert report["per_role"]["uno"]["tp"] == 12


def test_evaluate_implementers_reports_wrong_gold_as_errors(tmp_path):
    records = [json.loads(line) for line in (REPO / "corpus" / "real" / "rajshahi-2023-12.jsonl").read_text(encoding="utf-8").splitlines()]
    records[0]["implementers"][0]["role"] = "dc"  # a wrong gold label must show as an error
    corpus = tmp_path / "changed.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    result = run("evaluate", "--task", "implementers", str(corpus), "--json")
    report = json.loads(result.stdout)
    assert report["decisions_right"] == len(records) - 1
    assert report["per_role"]["dc"] == {"precision": 1.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 1}
    assert [e["id"] for e in report["errors"]] == ["rajshahi-2023-12/01"]


def test_evaluate_refuses_an_unknown_task_and_a_model_for_implementers():
    assert run("evaluate", "--task", "deadline", str(REPO / "corpus" / "real")).returncode == 1
    result = run("evaluate", "--task", "implementers", "--lodo", str(REPO / "corpus" / "real"))
    assert result.returncode == 1 and b"--lodo" in result.stderr and b"Traceback" not in result.stderr
