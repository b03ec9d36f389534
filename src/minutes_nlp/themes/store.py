"""Model directories that can be loaded without executing anything from them.

A theme model directory holds plain data only:

* `model.json`: engine, labels, thresholds, feature settings, vocabularies and
  the training record (data hash, library versions, date, figures);
* `weights.npz`: numeric arrays, read with `allow_pickle=False`, so an array
  of Python objects (the only way a `.npy` file can carry code) is refused;
* for the spaCy engine, a `pipeline/` directory in spaCy's own serialisation
  (JSON, msgpack), which loads no code from the directory;
* `manifest.json`: the SHA-256 of every file above, written at training time.
  Loading refuses a directory whose files do not match it, or that lacks it.

Nothing in a model directory is ever unpickled.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from minutes_nlp.errors import ModelError

__all__ = ["FORMAT", "FORMAT_VERSION", "shipped_path", "write_model_json", "read_model_head", "write_manifest", "verify_manifest", "read_json", "write_json", "read_arrays", "write_arrays"]

FORMAT = "minutes-nlp-themes"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"


def shipped_path(*parts: str) -> Path:
    """A file the wheel installs inside the package (models/, training/), or its original in a source checkout.

    pyproject.toml force-includes these top-level directories into the package;
    an editable install or a plain checkout reads them where they are.
    """
    from importlib import resources

    packaged = Path(str(resources.files("minutes_nlp"))).joinpath(*parts)
    return packaged if packaged.exists() else Path(__file__).resolve().parents[3].joinpath(*parts)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*") if p.is_file() and p.name != MANIFEST and not p.name.startswith("."))


def write_manifest(directory: Path, exclude: tuple[str, ...] = ("README.md",)) -> None:
    """Record the hash of every data file (the model card is documentation, not data)."""
    files = {p.relative_to(directory).as_posix(): _sha256(p) for p in _files(directory) if p.name not in exclude}
    write_json(directory / MANIFEST, {"format": FORMAT, "sha256": files})


def verify_manifest(directory: Path) -> None:
    """Raise `ModelError` unless every file listed in the manifest is present and unchanged."""
    manifest_path = directory / MANIFEST
    if not manifest_path.is_file():
        raise ModelError(f"not a theme model directory (no {MANIFEST})", str(directory))
    manifest = read_json(manifest_path)
    listed = manifest.get("sha256")
    if manifest.get("format") != FORMAT or not isinstance(listed, dict) or not listed:
        raise ModelError(f"{MANIFEST} is not a minutes-nlp theme model manifest", str(directory))
    for name, expected in sorted(listed.items()):
        path = directory / name
        if ".." in Path(name).parts or not path.is_file():
            raise ModelError(f"model file {name} is missing", str(directory))
        if _sha256(path) != expected:
            raise ModelError(f"model file {name} does not match the hash recorded at training time (modified or corrupted); refusing to load it", str(directory))


def write_model_json(directory: Path, classifier: Any, config: dict[str, Any], **extra: Any) -> None:
    """model.json: what every engine records (engine, labels, thresholds, config, metadata) plus `extra`."""
    write_json(directory / "model.json", {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "engine": classifier.engine,
        "labels": classifier.labels,
        "thresholds": [round(float(t), 6) for t in classifier.thresholds],
        "config": config,
        "metadata": classifier.metadata,
        **extra,
    })


def read_model_head(spec: dict[str, Any], directory: Path) -> tuple[list[str], np.ndarray, dict[str, Any]]:
    """Labels, thresholds and metadata of a model.json, checked."""
    try:
        labels = [str(label) for label in spec["labels"]]
        thresholds = np.asarray(spec["thresholds"], dtype=float)
        metadata = dict(spec.get("metadata") or {})
    except (KeyError, TypeError, ValueError) as error:
        raise ModelError(f"model.json is incomplete or malformed ({error})", str(directory)) from None
    if thresholds.shape != (len(labels),):
        raise ModelError("model.json has not one threshold per label", str(directory))
    return labels, thresholds, metadata


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelError(f"cannot read {path.name}: {error}", str(path.parent)) from None


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")


def read_arrays(path: Path) -> dict[str, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as archive:
            return {name: archive[name] for name in archive.files}
    except (OSError, ValueError) as error:  # ValueError: object arrays (pickles) are refused
        raise ModelError(f"cannot read {path.name} as plain numeric arrays: {error}", str(path.parent)) from None


def write_arrays(path: Path, arrays: dict[str, np.ndarray]) -> None:
    with path.open("wb") as handle:
        np.savez_compressed(handle, **arrays)  # type: ignore[arg-type]
