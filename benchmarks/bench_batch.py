"""A batch of minutes with damaged files in it: every good file tagged, every bad one named, throughput.

Makes a folder of `--files` inputs (default 1,000) in a temporary directory:
variants of the five seed minutes (another district, another year, so that the
files differ), copies of the committed Word and PDF fixtures, and a share of
damaged files (default 5%) of the kinds a real folder holds: a PDF cut short, a
PDF header followed by garbage, a ZIP that is not a Word file, a Word file cut
short, random bytes, an empty file, Latin-1 text. It then runs

    minutes-nlp tag DIR --format jsonl --out OUT --jobs N

for each `--jobs` value (1 and 2 by default), checks that every good file is in
the output and every damaged one named on stderr with a reason (and nothing
else failed), that the outputs of the runs are the same, and prints the
throughput (wall time, worker start-up included) as a table, with the CPU time
of the run (the CLI and its workers) and the load average before it: on a
machine busy with other work, `--jobs 2` cannot be faster than the free cores
allow, and the CPU time shows what the run itself costs.

    python benchmarks/bench_batch.py                       # 1,000 files, txt:8,docx:1,pdf:1
    python benchmarks/bench_batch.py --formats txt         # text only
    python benchmarks/bench_batch.py --files 200 --jobs 1,2,0
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "corpus" / "raw").glob("*.txt"))
FIXTURES = REPO / "tests" / "fixtures" / "documents"
BANGLA_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


@dataclass(frozen=True)
class Made:
    good: list[Path]
    bad: dict[Path, str]  # path -> kind of damage


def readable_formats(wanted: dict[str, float]) -> dict[str, float]:
    """The wanted formats this installation reads (the Word and PDF readers need their libraries)."""
    from minutes_nlp.errors import MinutesError
    from minutes_nlp.reading import read_document

    usable = {}
    for fmt, weight in wanted.items():
        if fmt == "txt":
            usable[fmt] = weight
            continue
        sample = next(iter(sorted(FIXTURES.glob(f"*.{fmt}"))), None)
        try:
            if sample is None:
                raise FileNotFoundError(f"no {FIXTURES}/*.{fmt}")
            read_document(sample)
        except (MinutesError, ImportError, OSError) as error:
            print(f"note: leaving out {fmt}: {error}", file=sys.stderr)
            continue
        usable[fmt] = weight
    return usable


def text_variants() -> list[tuple[str, str, str, str]]:
    """(seed name, text, its district, its meeting year in Bangla digits) for each seed."""
    from minutes_nlp import parse
    from minutes_nlp.reading import read_path

    variants = []
    for seed in SEEDS:
        text = read_path(seed)
        meeting = parse(text).meeting
        if meeting.district and meeting.date:
            variants.append((seed.stem, text, meeting.district, str(meeting.date.year).translate(BANGLA_DIGITS)))
    return variants


def damaged(kind: str, rng: random.Random) -> tuple[str, bytes]:
    """(extension, bytes) of one damaged input of this kind."""
    pdf = (FIXTURES / "sirajganj-2023-01.pdf").read_bytes()
    docx = (FIXTURES / "sirajganj-2023-01.docx").read_bytes()
    if kind == "truncated-pdf":
        return ".pdf", pdf[: rng.randint(len(pdf) // 5, len(pdf) // 2)]
    if kind == "pdf-header-garbage":
        return ".pdf", b"%PDF-1.7\n" + rng.randbytes(4000)
    if kind == "zip-not-word":
        path = Path(tempfile.mkstemp(suffix=".zip")[1])
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("photos/readme.txt", "ছবির তালিকা")
        data = path.read_bytes()
        path.unlink()
        return ".docx", data
    if kind == "truncated-docx":
        return ".docx", docx[: rng.randint(len(docx) // 5, len(docx) // 2)]
    if kind == "random-bytes":
        return ".txt", rng.randbytes(3000)
    if kind == "empty":
        return ".txt", b""
    if kind == "latin-1":
        return ".txt", "Compte rendu de la réunion: décisions à prendre, échéances.\n".encode("latin-1") * 20
    raise ValueError(kind)


DAMAGE_KINDS = ["truncated-pdf", "pdf-header-garbage", "zip-not-word", "truncated-docx", "random-bytes", "empty", "latin-1"]


def make_batch(folder: Path, files: int, bad_share: float, formats: dict[str, float], seed: int) -> Made:
    from minutes_nlp.gazetteer import load

    rng = random.Random(seed)
    districts = sorted(load().districts)
    variants = text_variants()
    bad_count = round(files * bad_share)
    kinds = [DAMAGE_KINDS[i % len(DAMAGE_KINDS)] for i in range(bad_count)]
    good_formats = rng.choices(list(formats), weights=list(formats.values()), k=files - bad_count)
    made = Made([], {})
    fixtures = {fmt: sorted(FIXTURES.glob(f"*.{fmt}")) for fmt in formats if fmt != "txt"}
    for number, fmt in enumerate(good_formats):
        office = folder / f"office-{number % 12:02}"  # subfolders: the batch reads directories recursively
        office.mkdir(exist_ok=True)
        if fmt == "txt":
            name, text, district, year = variants[number % len(variants)]
            other = rng.choice(districts)
            new_year = str(int(year.translate(str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789"))) + rng.randint(-3, 1)).translate(BANGLA_DIGITS)
            path = office / f"{name}-{number:04}.txt"
            path.write_text(text.replace(district, other).replace(year, new_year), encoding="utf-8")
        else:
            source = fixtures[fmt][number % len(fixtures[fmt])]
            path = office / f"{source.stem}-{number:04}{source.suffix}"
            shutil.copy(source, path)
        made.good.append(path)
    for number, kind in enumerate(kinds):
        extension, data = damaged(kind, rng)
        path = folder / f"office-{number % 12:02}" / f"received-{number:03}-{kind}{extension}"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        made.bad[path] = kind
    return made


@dataclass(frozen=True)
class Run:
    jobs: str
    seconds: float
    cpu_seconds: float
    load: float
    tagged: int
    failed: int
    problems: list[str]
    output: bytes
    reasons: dict[Path, str]


def run_batch(folder: Path, made: Made, jobs: str) -> Run:
    out = folder.parent / f"out-jobs-{jobs}.jsonl"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "minutes_nlp", "tag", str(folder), "--format", "jsonl", "--out", str(out), "--jobs", jobs, "--no-progress"]
    load = os.getloadavg()[0]  # other work on the machine: wall times mean little when it is above 0
    cpu_before = _children_cpu()
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, env=env, timeout=3600)
    seconds = time.perf_counter() - start
    cpu = _children_cpu() - cpu_before  # the CLI and its worker processes
    stderr = result.stderr.decode("utf-8", "replace")
    problems = []
    if result.returncode != (2 if made.bad else 0):
        problems.append(f"exit code {result.returncode}")
    if "Traceback" in stderr:
        problems.append("a traceback on stderr")
    reasons = {}
    for line in stderr.splitlines():
        if line.startswith("minutes-nlp: ") and ": " in line[len("minutes-nlp: "):]:
            path, reason = line[len("minutes-nlp: "):].split(": ", 1)
            reasons[Path(path)] = reason
    sources = {Path(json.loads(line)["source"]) for line in out.read_text(encoding="utf-8").splitlines()}
    missing = [p for p in made.good if p not in sources]
    unnamed = [p for p in made.bad if not reasons.get(p, "").strip()]
    wrongly_failed = [p for p in reasons if p not in made.bad]
    for label, paths in (("good files missing from the output", missing), ("bad files not named with a reason", unnamed), ("good files failed", wrongly_failed)):
        if paths:
            problems.append(f"{len(paths)} {label}, e.g. {paths[0]}: {reasons.get(paths[0], '')}")
    return Run(jobs, seconds, cpu, load, len(sources), len(reasons), problems, out.read_bytes(), reasons)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000, help="inputs in the batch (default 1000)")
    parser.add_argument("--formats", default="txt:8,docx:1,pdf:1", help="good inputs by format, name[:weight],... (default txt:8,docx:1,pdf:1)")
    parser.add_argument("--bad", type=float, default=0.05, help="share of damaged files (default 0.05)")
    parser.add_argument("--jobs", default="1,2", help="--jobs values to run, comma-separated (default 1,2)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="make the batch here and keep it (default: a temporary directory)")
    args = parser.parse_args()

    wanted = {}
    for item in args.formats.split(","):
        name, _, weight = item.strip().partition(":")
        wanted[name.lower().lstrip(".")] = float(weight or 1)
    unknown = set(wanted) - {"txt", "docx", "pdf"}
    if unknown:
        parser.error(f"unknown format(s) {', '.join(sorted(unknown))}: use txt, docx, pdf")
    formats = readable_formats(wanted)
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-batch-"))
    folder = root / "minutes"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    try:
        made = make_batch(folder, args.files, args.bad, formats, args.seed)
        counts = {fmt: sum(p.suffix == f".{fmt}" for p in made.good) for fmt in formats}
        print(f"{len(made.good) + len(made.bad)} files: {len(made.good)} good ({', '.join(f'{n} {f}' for f, n in counts.items())}), "
              f"{len(made.bad)} damaged ({len(set(made.bad.values()))} kinds); {os.cpu_count()} CPUs")
        runs = [run_batch(folder, made, jobs.strip()) for jobs in args.jobs.split(",")]
        print()
        print("| --jobs | wall s | files/s | CPU s | load before | tagged | failed | checks |")
        print("|-------:|-------:|--------:|------:|------------:|-------:|-------:|--------|")
        total = len(made.good) + len(made.bad)
        for run in runs:
            checks = "ok" if not run.problems else "; ".join(run.problems)
            print(f"| {run.jobs:>6} | {run.seconds:6.1f} | {total / run.seconds:7.1f} | {run.cpu_seconds:5.1f} | {run.load:11.1f} | {run.tagged:6} | {run.failed:6} | {checks} |")
        if len(runs) > 1:
            base = runs[0]
            for run in runs[1:]:
                same = "same output" if run.output == base.output else "OUTPUT DIFFERS"
                print(f"--jobs {run.jobs} vs {base.jobs}: {base.seconds / run.seconds:.2f}x ({same})")
        print()
        print("| damage | reason given (first file of the kind) |")
        print("|--------|------------------|")
        shown: set[str] = set()
        for path, kind in made.bad.items():
            if kind not in shown:
                shown.add(kind)
                print(f"| {kind} | {runs[0].reasons.get(path, 'NOT NAMED')} |")
        return 1 if any(run.problems for run in runs) or any(r.output != runs[0].output for r in runs) else 0
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
