"""Batches: directories, worker processes, streamed output, --resume, Ctrl-C, worker crashes.

The CLI is run as a user runs it (a separate process); the output readers and
`BatchRunner` are also tested directly. Inputs are the seed minutes, the
committed Word/PDF fixtures, and damaged files of the kinds a real folder holds.
"""

from __future__ import annotations

import collections
import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import SEEDS
from minutes_nlp import batch
from minutes_nlp.batch import BatchRunner, Outcome, ResumeError, Task, expand_inputs, find_resume_point
from minutes_nlp.formats import RenderOptions, StreamWriter, csv_header, to_json

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "documents"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "minutes_nlp", *args], capture_output=True, cwd=cwd, env=env, timeout=180)


def errors_by_name(stderr: bytes) -> dict[str, str]:
    """File name -> reason, from the one line per failed input."""
    found = {}
    for line in stderr.decode().splitlines():
        if line.startswith("minutes-nlp: ") and not line.startswith("minutes-nlp: resuming"):
            path, reason = line.removeprefix("minutes-nlp: ").split(": ", 1)
            found[Path(path).name] = reason
    return found


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def record_keys(records: list[dict]) -> collections.Counter[tuple[str, str]]:
    return collections.Counter((r["source"], r["id"]) for r in records)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder as offices keep them: text seeds, a Word file and a PDF in a subfolder, two damaged files."""
    root = tmp_path_factory.mktemp("batch")
    minutes = root / "minutes"
    (minutes / "2023" / "word").mkdir(parents=True)
    for name in ("rajshahi-2023-12", "jhenaidah-2023-11", "sirajganj-2023-01"):
        shutil.copy(SEEDS[name], minutes / f"{name}.txt")
    shutil.copy(FIXTURES / "lalmonirhat-2019-07.docx", minutes / "2023" / "word" / "lalmonirhat-2019-07.docx")
    shutil.copy(FIXTURES / "bandarban-2024-11.pdf", minutes / "2023" / "bandarban-2024-11.pdf")
    pdf = (FIXTURES / "sirajganj-2023-01.pdf").read_bytes()
    (minutes / "2023" / "cut-short.pdf").write_bytes(pdf[: len(pdf) // 3])
    with zipfile.ZipFile(minutes / "2023" / "word" / "not-word.docx", "w") as archive:
        archive.writestr("notes.txt", "এটি একটি সাধারণ জিপ ফাইল")
    return root


@pytest.fixture(scope="module")
def one_process_run(mixed: Path) -> tuple[subprocess.CompletedProcess[bytes], Path]:
    out = mixed / "one.jsonl"
    return run("tag", "minutes", "--format", "jsonl", "--out", out.name, "--jobs", "1", cwd=mixed), out


GOOD = {"rajshahi-2023-12.txt": 11, "jhenaidah-2023-11.txt": 5, "sirajganj-2023-01.txt": 5, "lalmonirhat-2019-07.docx": 15, "bandarban-2024-11.pdf": 15}


def test_a_batch_tags_every_good_file_and_names_each_bad_one(one_process_run):
    result, out = one_process_run
    assert result.returncode == 2, result.stderr.decode()
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    reasons = errors_by_name(result.stderr)
    assert set(reasons) == {"cut-short.pdf", "not-word.docx"}
    assert "PDF" in reasons["cut-short.pdf"] and "Word" in reasons["not-word.docx"]
    records = jsonl(out)
    per_file = collections.Counter(Path(r["source"]).name for r in records)
    assert dict(per_file) == GOOD
    assert "tagged 5 of 7 input(s): 51 decisions" in stderr and "2 failed" in stderr
    assert "files/s" in stderr and f"  failed: {Path('minutes/2023/cut-short.pdf')}: " in stderr


def test_two_worker_processes_write_the_same_file_as_one(mixed: Path, one_process_run):
    _, one = one_process_run
    two = mixed / "two.jsonl"
    result = run("tag", "minutes", "--format", "jsonl", "--out", two.name, "--jobs", "2", cwd=mixed)
    assert result.returncode == 2 and "Traceback" not in result.stderr.decode()
    assert set(errors_by_name(result.stderr)) == {"cut-short.pdf", "not-word.docx"}
    assert "files/s with --jobs 2" in result.stderr.decode()
    # Input order is kept whatever order the workers finish in: the very same bytes.
    assert two.read_bytes() == one.read_bytes()


def _interrupted_copy(full: bytes, documents_kept: int) -> bytes:
    """What a run stopped while writing leaves: whole documents, then part of the next one's lines."""
    lines = full.splitlines(keepends=True)
    sources = [json.loads(line)["source"] for line in lines]
    order = list(dict.fromkeys(sources))
    kept = sum(1 for s in sources if s in order[:documents_kept])
    next_document = [line for line, s in zip(lines, sources, strict=True) if s == order[documents_kept]]
    assert len(next_document) > 2
    # Two whole lines of the next document, then a line torn in the middle of a Bangla character.
    third = next_document[2]
    cut = next(i for i in range(len(third) // 2, len(third)) if 0x80 <= third[i] < 0xC0)
    return b"".join(lines[:kept]) + b"".join(next_document[:2]) + third[:cut]


def test_resume_completes_an_interrupted_jsonl_run_with_every_input_once(mixed: Path, one_process_run):
    _, one = one_process_run
    full = one.read_bytes()
    out = mixed / "resumed.jsonl"
    out.write_bytes(_interrupted_copy(full, documents_kept=2))
    result = run("tag", "minutes", "--format", "jsonl", "--out", out.name, "--resume", cwd=mixed)
    assert result.returncode == 2, result.stderr.decode()
    stderr = result.stderr.decode()
    assert "skipped 2 input(s) already in resumed.jsonl" in stderr and "partly written last line" in stderr
    assert "tagged 3 of 7 input(s)" in stderr and "2 already in the output (--resume)" in stderr
    records = jsonl(out)  # every line is JSON again
    assert record_keys(records) == record_keys(jsonl(one))
    assert max(record_keys(records).values()) == 1
    # The failed inputs are tried again (they are not in the output) and named again.
    assert set(errors_by_name(result.stderr)) == {"cut-short.pdf", "not-word.docx"}


def test_resume_of_a_csv_torn_inside_a_quoted_field(mixed: Path):
    full = mixed / "full.csv"
    assert run("tag", "minutes", "--format", "csv", "--out", full.name, cwd=mixed).returncode == 2
    data = full.read_bytes()
    # Torn in a quoted field of the second row of the second document (the Word file).
    second_row = data.index(b"lalmonirhat-2019-07.docx", data.index(b"lalmonirhat-2019-07.docx") + 1)
    out = mixed / "resumed.csv"
    out.write_bytes(data[: data.index(b'"', second_row) + 10])
    result = run("tag", "minutes", "--format", "csv", "--out", out.name, "--resume", cwd=mixed)
    assert result.returncode == 2, result.stderr.decode()
    resumed = out.read_bytes()
    assert resumed.startswith(b"\xef\xbb\xbf") and resumed.count(b"\xef\xbb\xbf") == 1
    assert resumed.decode("utf-8-sig").count("doc_id,source,") == 1
    assert "skipped 1 input(s)" in result.stderr.decode() and "lalmonirhat-2019-07.docx again" in result.stderr.decode()

    def rows(data: bytes) -> collections.Counter[tuple[str, str]]:
        return collections.Counter((r["source"], r["decision_id"]) for r in csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))

    assert rows(resumed) == rows(data) and max(rows(resumed).values()) == 1


def test_resume_refuses_what_it_cannot_continue(mixed: Path):
    foreign = mixed / "notes.jsonl"
    foreign.write_text('{"text": "একটি নোট"}\n{"text": "আরেকটি"}\n', encoding="utf-8")
    result = run("tag", "minutes", "--format", "jsonl", "--out", foreign.name, "--resume", cwd=mixed)
    assert result.returncode == 1 and b"line 1 is not a record" in result.stderr
    assert foreign.read_text(encoding="utf-8").count("\n") == 2  # left as it was
    for args in (["--format", "json", "--out", "x.json"], ["--format", "jsonl"]):
        result = run("tag", "minutes", *args, "--resume", cwd=mixed)
        assert result.returncode == 1 and b"--resume" in result.stderr and b"Traceback" not in result.stderr


def test_stopping_workers_at_once_does_not_wait_for_a_half_sent_result() -> None:
    # A worker stopped (Ctrl-C) while it sends its result leaves half a message in the
    # result pipe; the pool's manager thread then waits for the rest. Seen in CI: `tag
    # --jobs 2` hung after Ctrl-C. Here the half message is written by hand.
    script = """
import os, struct, time
from minutes_nlp.batch import BatchRunner
from minutes_nlp.formats import RenderOptions

if __name__ == "__main__":
    runner = BatchRunner(RenderOptions("jsonl"), jobs=2)
    runner._open_pool(2)
    assert runner._submit(os.getpid).result(timeout=120)
    pool = runner._pool
    pool._result_queue._writer._send(struct.pack("!i", 1000) + b"x" * 10)
    time.sleep(0.5)  # the manager thread is now reading the rest
    started = time.monotonic()
    runner._close_pool(now=True)
    print(f"closed in {time.monotonic() - started:.1f} s")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("closed in ")
    assert float(done.stdout.split()[2]) < 30


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_keeps_what_was_written_and_resume_finishes(tmp_path: Path, jobs: str):
    many = tmp_path / "many"
    many.mkdir()
    for copy in range(24):
        for name, path in SEEDS.items():
            shutil.copy(path, many / f"{name}-{copy:02}.txt")
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "minutes_nlp", "tag", "many", "--format", "jsonl", "--out", out.name, "--jobs", jobs]
    # A session of its own: Ctrl-C in a terminal reaches the whole process group, workers included.
    process = subprocess.Popen(command, cwd=tmp_path, env=env, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while not (out.exists() and out.stat().st_size) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)
    stderr = process.communicate(timeout=60)[1].decode()
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "not tagged (interrupted)" in stderr and "--resume" in stderr
    written = {r["source"] for r in jsonl(out)}
    assert 0 < len(written) < 120
    result = subprocess.run([*command, "--resume"], cwd=tmp_path, env=env, capture_output=True, timeout=180)
    assert result.returncode == 0, result.stderr.decode()
    records = jsonl(out)
    assert len({r["source"] for r in records}) == 120 and len(records) == 24 * 51
    assert max(record_keys(records).values()) == 1


# --- the library directly -----------------------------------------------------------------------


def test_directories_are_searched_recursively_for_every_minutes_format(tmp_path: Path):
    names = [
        "a.txt", "b/c.DOCX", "b/d.pdf", "b/e/f.html", "b/e/g.htm", "h.png", "i.jpeg", "j.JPG", "k.tif", "l.tiff", "m.tsv",
        "skip/.hidden.txt", ".git/x.txt", "b/~$c.DOCX", "notes.md", "data.jsonl", "scan.bmp",
    ]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "empty").mkdir()
    found = expand_inputs([str(tmp_path), str(tmp_path / "a.txt"), str(tmp_path / "empty"), "-"], exclude=[tmp_path / "m.tsv"])
    relative = [str(Path(f).relative_to(tmp_path)) if f != "-" else f for f in found.files]
    assert relative == sorted(relative[:-1]) + ["-"]  # sorted, a file named twice kept once
    assert set(relative) == {"a.txt", "b/c.DOCX", "b/d.pdf", "b/e/f.html", "b/e/g.htm", "h.png", "i.jpeg", "j.JPG", "k.tif", "l.tiff", "-"}
    assert [(Path(p).name, "no minutes files" in reason) for p, reason in found.problems] == [("empty", True)]


def test_a_resume_point_drops_a_torn_line_and_the_last_document(tmp_path: Path):
    records = [{"doc_id": d, "source": f"in/{d}.txt", "id": f"{d}/{i}"} for d, n in (("a", 2), ("b", 3)) for i in range(n)]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    lines = data.splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    out.write_bytes(data + b'{"doc_id": "c", "sour')
    resume = find_resume_point(out, "jsonl", ["in/a.txt", "in/b.txt", "in/c.txt"])
    assert resume.torn and resume.redo == "in/b.txt"
    assert resume.keep_bytes == len(b"".join(lines[:2]))  # b's records go: they may be incomplete
    assert resume.is_done("in/a.txt") and resume.is_done(os.path.abspath("in/a.txt")) and not resume.is_done("in/b.txt")
    # The last document is kept when this run does not tag it again: its records are all there is of it.
    resume = find_resume_point(out, "jsonl", ["in/a.txt"])
    assert resume.redo is None and resume.keep_bytes == len(data) and resume.is_done("in/b.txt")
    batch.cut_output(out, resume)
    assert out.read_bytes() == data
    # A damaged line before the end is not an interruption: refuse to touch the file.
    out.write_bytes(lines[0] + b"{not json\n" + lines[1])
    with pytest.raises(ResumeError, match="line 2"):
        find_resume_point(out, "jsonl", [])
    assert not find_resume_point(tmp_path / "missing.jsonl", "jsonl", []).done


def test_rendered_chunks_write_what_the_whole_document_writers_wrote():
    documents = [batch.build_tagger().tag_file(SEEDS[name]) for name in ("sirajganj-2023-01", "jhenaidah-2023-11")]
    stream = io.StringIO()
    writer = StreamWriter(stream, "json")
    for minutes in documents:
        writer.write(minutes)
    writer.close()
    assert stream.getvalue() == to_json(documents) + "\n"
    stream = io.StringIO()
    writer = StreamWriter(stream, "csv", header=False)
    writer.write(documents[0])
    writer.close()
    rows = list(csv.DictReader(io.StringIO(csv_header() + stream.getvalue())))
    assert len(rows) == 5 and rows[0]["meeting_date"] == "2023-01-15"


def die_on_marked_inputs(task: Task) -> Outcome:
    """A worker function (imported by name in the worker) whose process dies on inputs named `crash…`."""
    if Path(task.source).name.startswith("crash"):
        os._exit(70)  # what a segfault in a C library or the OOM killer does to a worker
    return batch._tag_in_worker(task)


def test_a_worker_that_dies_costs_only_the_input_that_killed_it(tmp_path: Path):
    names = ["rajshahi-2023-12", "crash-here", "jhenaidah-2023-11", "sirajganj-2023-01"]
    tasks = []
    for name in names:
        path = tmp_path / f"{name}.txt"
        shutil.copy(SEEDS.get(name, SEEDS["rajshahi-2023-12"]), path)
        tasks.append(Task(str(path)))
    with BatchRunner(RenderOptions("jsonl"), jobs=2, worker_function=die_on_marked_inputs) as runner:
        outcomes = list(runner.run(tasks))
    assert [Path(o.source).stem for o in outcomes] == names
    assert [o.ok for o in outcomes] == [True, False, True, True]
    assert "worker process stopped" in (outcomes[1].error or "")
    assert [o.decisions for o in outcomes if o.ok] == [11, 5, 5]
    assert runner.worker_restarts >= 2
