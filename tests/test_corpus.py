"""The labelled corpus: its content, and reading corpora in the three accepted forms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from minutes_nlp import corpus, parse
from minutes_nlp.corpus import CorpusError, read_examples
from minutes_nlp.themes.base import default_labels

REPO = Path(__file__).resolve().parents[1]
REAL = REPO / "corpus" / "real"
AUTHORED = REPO / "corpus" / "authored"


def test_real_split_holds_every_seed_decision_as_parsed() -> None:
    """The 51 annotated decisions are exactly what the parser gives for the five seed minutes."""
    for raw in sorted((REPO / "corpus" / "raw").glob("*.txt")):
        rows = [json.loads(line) for line in (REAL / f"{raw.stem}.jsonl").read_text(encoding="utf-8").splitlines()]
        parsed = parse(raw.read_text(encoding="utf-8"), doc_id=raw.stem).decisions
        assert [(r["id"], r["text"]) for r in rows] == [(d.id, d.text) for d in parsed]
        assert all(r["source"] == "real" and r["doc_id"] == raw.stem and r["themes"] for r in rows)


def test_load_returns_a_datasets_dataset() -> None:
    import datasets

    real = corpus.load(REAL)
    assert isinstance(real, datasets.Dataset)
    assert real.num_rows == 51
    assert {"id", "doc_id", "source", "text", "topic", "themes", "deadlines", "implementers", "family"} <= set(real.column_names)
    first = real[0]
    assert first["doc_id"] == "bandarban-2024-11" and first["themes"] == ["office_admin"]
    jhenaidah = real.filter(lambda row: row["id"] == "jhenaidah-2023-11/05")[0]
    assert jhenaidah["deadlines"][0]["value"] == "2024-01-30"
    assert jhenaidah["deadlines"][0]["kind"] == "absolute"


def test_authored_split_covers_every_theme() -> None:
    authored = corpus.load(AUTHORED)
    assert set(authored["source"]) == {"authored"}
    counts = {label: sum(label in themes for themes in authored["themes"]) for label in default_labels()}
    assert min(counts.values()) >= 40, counts
    # Kept apart from the real documents: no authored doc_id is a real one.
    assert not set(authored["doc_id"]) & set(corpus.load(REAL)["doc_id"])


def test_corpus_loads_with_plain_load_dataset_too() -> None:
    import datasets

    files = sorted(str(p) for p in REAL.glob("*.jsonl"))
    loaded = datasets.load_dataset("json", data_files=files, split="train")
    assert loaded.num_rows == 51


def test_csv_with_text_and_labels(tmp_path: Path) -> None:
    path = tmp_path / "extra.csv"
    path.write_text("text,labels,topic\n\"সকল পত্র ই-নথিতে নিষ্পন্ন করতে হবে।\",e_nothi;training,ই-নথি\n", encoding="utf-8-sig")
    (example,) = read_examples(path)
    assert example.labels == ["e_nothi", "training"] and example.topic == "ই-নথি" and example.doc_id == "extra"


def test_saved_datasets_directory(tmp_path: Path) -> None:
    corpus.load(REAL).save_to_disk(str(tmp_path / "saved"))
    examples = read_examples(tmp_path / "saved")
    assert len(examples) == 51 and examples[0].labels == ["office_admin"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("broken.jsonl", '{"text": "ক", "themes": ["e_nothi"]}\n{"text": \n', "line 2: invalid JSON"),
        ("nolabels.jsonl", '{"text": "সকল পত্র ই-নথিতে"}\n', "without a `themes`"),
        ("nocolumns.csv", "sentence,label\nক,খ\n", "needs a `text` and a `labels` column"),
        ("notes.txt", "কিছু লেখা", "unsupported corpus format"),
    ],
)
def test_bad_corpus_files_get_a_clear_reason(tmp_path: Path, name: str, content: str, reason: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match=reason) as error:
        read_examples(path)
    assert name in str(error.value)
