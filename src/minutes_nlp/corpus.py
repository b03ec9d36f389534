"""Labelled corpora: reading them for training and evaluation, loading them as `datasets`.

Three on-disk forms are accepted wherever a corpus is expected
(`minutes-nlp train`, `evaluate`, `read_examples`):

* the project's JSON Lines (corpus/README.md): one decision per line, with
  `text`, `themes` (theme ids), and optionally `topic`, `doc_id`, `source`,
  `id`; a directory is searched recursively for `*.jsonl`;
* CSV with a `text` and a `labels` column (labels separated by `;`, `,` or `|`),
  optionally `topic`, `doc_id`, `source`, `id`;
* a directory saved with `datasets.Dataset.save_to_disk`, with `text` and
  `themes` or `labels` columns.

`load(path)` returns a Hugging Face `datasets.Dataset` of the project's JSONL
(the dataset card is corpus/README.md).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from minutes_nlp.errors import MinutesError
from minutes_nlp.normalize import normalize_text

if TYPE_CHECKING:
    import datasets

__all__ = ["Example", "CorpusError", "read_examples", "load", "corpus_sha256", "REAL", "AUTHORED"]

REAL = "real"
AUTHORED = "authored"

_LABEL_SEPARATORS = re.compile(r"[;,|]")


class CorpusError(MinutesError):
    """A corpus file or directory that cannot be used for training or evaluation."""


@dataclass(slots=True)
class Example:
    """One labelled decision, as the classifiers see it."""

    text: str
    labels: list[str]
    topic: str | None = None
    doc_id: str = ""
    source: str = ""
    id: str = ""


def read_examples(paths: str | Path | Iterable[str | Path]) -> list[Example]:
    """Read every example of the given files and directories (see module docstring)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    examples: list[Example] = []
    for path in map(Path, paths):
        examples.extend(_read_one(path))
    seen: set[str] = set()
    for example in examples:
        if example.id in seen:
            raise CorpusError(f"duplicate example id {example.id!r}", example.doc_id or None)
        seen.add(example.id)
    return examples


def corpus_sha256(examples: Sequence[Example]) -> str:
    """A hash of what a model learns from (text, topic, labels, doc), independent of file layout."""
    digest = hashlib.sha256()
    for example in sorted(examples, key=lambda e: e.id):
        record = [example.id, example.doc_id, example.source, example.topic or "", example.text, sorted(example.labels)]
        digest.update(json.dumps(record, ensure_ascii=False).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def load(path: str | Path | Iterable[str | Path]) -> datasets.Dataset:
    """The project's JSONL corpus (files or directories) as a `datasets.Dataset`.

    Columns: id, doc_id, source, text, topic, themes, and, where present,
    meeting_date, district, item, sub, implementer_text, deadlines,
    implementers, family.
    """
    import datasets

    paths = [path] if isinstance(path, (str, Path)) else list(path)
    rows = read_records(paths)
    if not rows:
        raise CorpusError("no JSONL records found", ", ".join(map(str, paths)))
    columns = ["id", "doc_id", "source", "text", "topic", "themes"]
    optional = ["meeting_date", "district", "upazila", "item", "sub", "implementer_text", "deadlines", "implementers", "family"]
    columns += [c for c in optional if any(c in row for row in rows)]
    table = {c: [_column_value(row, c) for row in rows] for c in columns}
    return datasets.Dataset.from_dict(table, features=_features(columns))


def read_records(paths: str | Path | Iterable[str | Path]) -> list[dict[str, Any]]:
    """The JSONL records of a corpus (files or directories) as plain dicts, in file order."""
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    return [row for file in _jsonl_files([Path(p) for p in paths]) for _, row in _jsonl_rows(file)]


# --- readers ----------------------------------------------------------------------


def _read_one(path: Path) -> list[Example]:
    if not path.exists():
        raise CorpusError("no such file or directory", str(path))
    if path.is_dir():
        if (path / "dataset_info.json").exists() or (path / "state.json").exists():
            return _read_saved_dataset(path)
        files = _jsonl_files([path]) + sorted(p for p in path.rglob("*.csv") if p.is_file())
        if not files:
            raise CorpusError("no .jsonl or .csv files and not a saved `datasets` directory", str(path))
        return [example for file in files for example in _read_one(file)]
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json"):
        return [_example(row, path, line) for line, row in _jsonl_rows(path)]
    if suffix == ".csv":
        return _read_csv(path)
    raise CorpusError(f"unsupported corpus format {suffix or '(no extension)'!r}; use .jsonl, .csv or a saved `datasets` directory", str(path))


def _jsonl_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.jsonl") if p.is_file() and not any(x.startswith(".") for x in p.parts)))
        elif path.exists():
            files.append(path)
        else:
            raise CorpusError("no such file or directory", str(path))
    return files


def _jsonl_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as error:
        raise CorpusError(f"not UTF-8 text ({error.reason} at byte {error.start})", str(path)) from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise CorpusError(f"line {number}: invalid JSON ({error.msg})", str(path)) from None
        if not isinstance(row, dict):
            raise CorpusError(f"line {number}: expected a JSON object", str(path))
        yield number, row


def _read_csv(path: Path) -> list[Example]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            fields = set(reader.fieldnames or [])
            label_column = "labels" if "labels" in fields else "themes" if "themes" in fields else None
            if "text" not in fields or label_column is None:
                raise CorpusError("a CSV corpus needs a `text` and a `labels` column", str(path))
            rows = list(reader)
    except UnicodeDecodeError as error:
        raise CorpusError(f"not UTF-8 text ({error.reason} at byte {error.start})", str(path)) from None
    examples = []
    for number, row in enumerate(rows, 2):
        labels = [part.strip() for part in _LABEL_SEPARATORS.split(row.get(label_column) or "") if part.strip()]
        examples.append(_example({**row, "themes": labels}, path, number))
    return examples


def _read_saved_dataset(path: Path) -> list[Example]:
    import datasets

    try:
        loaded = datasets.load_from_disk(str(path))
    except Exception as error:  # datasets raises several types for a broken directory
        raise CorpusError(f"not a readable `datasets` directory ({error})", str(path)) from None
    if isinstance(loaded, datasets.DatasetDict):
        loaded = datasets.concatenate_datasets(list(loaded.values()))
    return [_example(dict(row), path, number) for number, row in enumerate(loaded, 1)]


def _example(row: dict[str, Any], path: Path, line: int) -> Example:
    where = f"{path}:{line}"
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise CorpusError("record without a `text`", where)
    labels = row.get("themes", row.get("labels"))
    if isinstance(labels, str):
        labels = [part.strip() for part in _LABEL_SEPARATORS.split(labels) if part.strip()]
    if not isinstance(labels, list):
        raise CorpusError("record without a `themes` (or `labels`) list", where)
    # Gold labels are ids; the tagger's output form {label, score} is accepted too.
    labels = [label["label"] if isinstance(label, dict) else str(label) for label in labels]
    topic = row.get("topic")
    doc_id = str(row.get("doc_id") or path.stem)
    return Example(
        text=normalize_text(text).strip(),
        labels=sorted(set(labels)),
        topic=normalize_text(topic).strip() if isinstance(topic, str) and topic.strip() else None,
        doc_id=doc_id,
        source=str(row.get("source") or ""),
        id=str(row.get("id") or f"{doc_id}#{line}"),
    )


# --- datasets features ---------------------------------------------------------------


def _column_value(row: dict[str, Any], column: str) -> Any:
    value = row.get(column)
    if column == "themes":
        return [t["label"] if isinstance(t, dict) else t for t in value or []]
    if column in ("deadlines", "implementers"):
        return value or []
    if column in ("item", "sub", "family", "topic", "district", "upazila", "meeting_date", "implementer_text"):
        return None if value is None else str(value)
    return value


def _features(columns: list[str]) -> datasets.Features:
    from datasets import Features, Sequence as Seq, Value

    string = Value("string")
    deadline = {"kind": string, "value": string, "due": string, "text": string, "start": Value("int32"), "end": Value("int32")}
    implementer = {
        "role": string, "role_bn": string, "role_en": string, "scope": string, "places": Seq(string),
        "text": string, "field": string, "start": Value("int32"), "end": Value("int32"),
    }
    kinds: dict[str, Any] = {"themes": Seq(string), "deadlines": [deadline], "implementers": [implementer]}
    return Features({c: kinds.get(c, string) for c in columns})
