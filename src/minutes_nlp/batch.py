"""Tagging a batch of inputs: directories, worker processes, streamed output, resume.

`minutes-nlp tag` is a thin layer over this module.

* `expand_inputs` turns the paths given into input files: files as given,
  directories searched recursively for the extensions minutes come in (hidden
  files and directories and Office lock files `~$…` skipped; sorted), `-` for
  standard input. Each file is tagged once, however often it is named.
* `BatchRunner` tags them and yields one `Outcome` per input: the document's
  rendered output (`formats.Chunk`) or the one-line reason it failed. With
  `jobs > 1` it runs a process pool on the "spawn" start method (the same on
  every OS, and safe with the threads that BLAS, spaCy and the progress bar
  start). Each worker builds its `Tagger` once, in the pool's initializer,
  because loading the theme model is the slow part, and renders the output
  itself, so that the parent process only writes. (Tasks and outcomes cross
  between the processes by multiprocessing's own serialisation, between
  processes of this one run; nothing is pickled to or from a file.)
* Outcomes come in input order, whatever order the workers finish in: a reorder
  buffer holds the documents finished early (at most `WINDOW_PER_JOB * jobs`
  documents are in the workers or held). So `--jobs 2` writes the same file as
  `--jobs 1`, and a file completed by `--resume` reads as one run would.
* One document never ends the batch: a `MinutesError` gives its reason, any
  other exception "unexpected error: …" (with the traceback kept for
  `--debug`). A worker process that dies (a crash in a C library, the OOM
  killer) breaks the pool: the documents that were in it are tagged again one
  at a time in a fresh worker, and one that kills that worker too is reported
  as failed.
* `find_resume_point` reads an earlier JSONL or CSV output: which inputs are in
  it, and where to cut it before appending. Documents are written one at a
  time, each flushed, so a run stopped while writing can only have torn the
  last document: the cut drops a partly written last line and the records of
  that last document, which is tagged again. JSON (one object or array) and
  iCalendar (one calendar) are written whole when the run ends, Ctrl-C
  included, so they are not resumed: a batch that may be killed uses JSONL or CSV.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import signal
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from minutes_nlp.errors import MinutesError, NoDecisionsError
from minutes_nlp.formats import CSV_COLUMNS, Chunk, RenderOptions, render

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from minutes_nlp.pipeline import Tagger

#: Extensions read when a directory is given. A file named explicitly is read
#: whatever its name, and the reader is always chosen by content.
DOCUMENT_EXTENSIONS = frozenset({
    ".txt", ".text", ".tsv",           # text, Unicode or legacy Bijoy
    ".html", ".htm",                   # portal pages
    ".docx", ".pdf",                   # Word, PDF (text layer or scanned)
    ".png", ".jpg", ".jpeg", ".tif", ".tiff",  # scans
})

#: Formats whose output `--resume` can continue: one line or row per decision, each with its `source`.
RESUMABLE_FORMATS = ("jsonl", "csv")

#: Documents in the workers or held for input order, per worker: enough to keep
#: every worker busy while one document takes long, few enough that an
#: interruption loses little.
WINDOW_PER_JOB = 8


# --- inputs -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Inputs:
    """The files of a batch, in order and each once, and the paths that gave none, with the reason."""

    files: list[str]
    problems: list[tuple[str, str]]


def expand_inputs(paths: Iterable[str], *, exclude: Iterable[str | Path] = ()) -> Inputs:
    """Files as given, directories searched recursively (see `DOCUMENT_EXTENSIONS`), `-` as it is.

    Files found in directories that are in `exclude` (the output file) are left out.
    """
    excluded = {_path_key(path) for path in exclude}
    files: list[str] = []
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            found = [str(p) for p in documents_in(path) if _path_key(p) not in excluded]
            if not found:
                problems.append((raw, f"no minutes files ({', '.join(sorted(DOCUMENT_EXTENSIONS))}) in this directory"))
        else:
            found = [raw]
        for name in found:
            if name != "-":  # standard input twice is the caller's usage error, not a duplicate to drop
                key = _path_key(name)
                if key in seen:
                    continue
                seen.add(key)
            files.append(name)
    return Inputs(files, problems)


def documents_in(directory: Path, extensions: frozenset[str] = DOCUMENT_EXTENSIONS) -> list[Path]:
    """Files below `directory` with these extensions, sorted; hidden files and
    directories and Office lock files skipped."""
    found = []
    for path in directory.rglob("*"):
        if any(part.startswith(".") for part in path.relative_to(directory).parts):
            continue
        if path.name.startswith("~$"):  # the lock file Word leaves beside an open document
            continue
        if path.suffix.lower() in extensions and path.is_file():
            found.append(path)
    return sorted(found)


def _path_key(path: str | Path) -> str:
    """The same file named differently (relative, `./`, absolute) gives the same key."""
    return os.path.normcase(os.path.abspath(path))


def available_cpus() -> int:
    """CPUs this process may run on (`--jobs 0`)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


# --- tagging one input --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Task:
    """One input: the file `source`, or text already read (standard input) given as `text`."""

    source: str
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input: its rendered output, or the reason it failed."""

    source: str
    chunk: Chunk | None = None
    decisions: int = 0
    skipped_rows: int = 0
    error: str | None = None
    unexpected: bool = False
    """The error is not a `MinutesError`: a bug to report."""
    detail: str | None = None
    """Traceback of an unexpected error (shown with `--debug`)."""

    @property
    def ok(self) -> bool:
        return self.error is None


def build_tagger(model: str | Path | None = None) -> Tagger:
    """The default tagger, or one with the theme model directory `model` (raises `ModelError`)."""
    from minutes_nlp.pipeline import Tagger, default_tagger

    return default_tagger() if model is None else Tagger(config={"themes": {"model": Path(model)}})


def tag_one(tagger: Tagger, task: Task, options: RenderOptions) -> Outcome:
    """Tag and render one input; every exception becomes the input's failure."""
    try:
        if task.text is not None:
            minutes = tagger.tag_text(task.text, doc_id="stdin", source=task.source)
        else:
            minutes = tagger.tag_file(task.source)
        if not minutes.decisions:
            reasons = "; ".join(w.message for w in minutes.warnings if w.code in ("no-table", "no-decisions"))
            raise NoDecisionsError(f"no decisions found ({reasons or 'no decision found'})", task.source)
        chunk = render(minutes, options)
    except MinutesError as error:
        return Outcome(task.source, error=error.reason)
    except Exception as error:  # a bug on one document must not end the batch
        message = " ".join(str(error).split())  # one line, as every reason
        return Outcome(task.source, error=f"unexpected error: {type(error).__name__}: {message}", unexpected=True, detail=traceback.format_exc())
    return Outcome(task.source, chunk, len(minutes.decisions), len(minutes.skipped))


@dataclass
class BatchStats:
    """Counts of a batch for its summary."""

    total: int
    """Inputs named (files found, paths that gave none, standard input)."""
    done: int = 0
    decisions: int = 0
    skipped_rows: int = 0
    resumed: int = 0
    """Inputs skipped as already in the output (`--resume`)."""
    failed: list[tuple[str, str]] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            self.failed.append((outcome.source, outcome.error))
        else:
            self.done += 1
            self.decisions += outcome.decisions
            self.skipped_rows += outcome.skipped_rows

    @property
    def not_tagged(self) -> int:
        """Inputs neither tagged, failed nor skipped (an interrupted batch)."""
        return self.total - self.done - len(self.failed) - self.resumed


# --- worker processes ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _WorkerSettings:
    model: str | None
    options: RenderOptions


# The state of a worker process, set once by `_start_worker`.
_worker: dict[str, Any] = {}


def _start_worker(settings: _WorkerSettings) -> None:
    # Ctrl-C reaches every process of the terminal's group; the parent handles
    # it (and stops the workers), so that a worker never prints a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker["options"] = settings.options
    try:
        _worker["tagger"] = build_tagger(settings.model)
    except MinutesError as error:
        _worker["setup_error"] = str(error)
    except Exception as error:  # an exception escaping an initializer is logged with a traceback and breaks the pool
        _worker["setup_error"] = f"cannot build the tagger: {type(error).__name__}: {error}"


def _worker_setup_error() -> str | None:
    return _worker.get("setup_error")


def _tag_in_worker(task: Task) -> Outcome:
    setup_error = _worker.get("setup_error")
    if setup_error:
        return Outcome(task.source, error=f"the worker process could not start: {setup_error}")
    return tag_one(_worker["tagger"], task, _worker["options"])


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ignore Ctrl-C while worker processes may be started: a process inherits that from the start,
    before its initializer runs. (A Ctrl-C in this instant is lost; the next one works.)"""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is None:
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class BatchRunner:
    """Tags inputs in this process (`jobs=1`) or in `jobs` worker processes; use it as a context manager.

    Entering builds the tagger, or starts the pool and checks that a worker
    could build its tagger: a bad `--model` raises `MinutesError` there, before
    anything is written. Leaving after an exception (Ctrl-C) stops the workers
    at once; what they were tagging is dropped, and `--resume` does it again.
    """

    def __init__(self, options: RenderOptions, *, jobs: int = 1, model: str | Path | None = None, worker_function: Callable[[Task], Outcome] | None = None) -> None:
        """`worker_function` replaces what a worker process does with a task (tag and render it);
        it must be a module-level function, as the "spawn" start method imports it by name."""
        self.options = options
        self.jobs = max(1, jobs)
        self.model = None if model is None else str(model)
        self.worker_restarts = 0
        """Pools started again after a worker process died."""
        self._tagger: Tagger | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._pool_size = 0
        self._work = worker_function or _tag_in_worker

    def __enter__(self) -> BatchRunner:
        if self.jobs == 1:
            self._tagger = build_tagger(self.model)
            return self
        from concurrent.futures.process import BrokenProcessPool

        try:
            self._open_pool(self.jobs)
            # One check per worker: each submit starts a process, so that they all load the model at once.
            checks = [self._submit(_worker_setup_error) for _ in range(self.jobs)]
            errors = [error for error in (check.result() for check in checks) if error]
        except BrokenProcessPool:
            self._close_pool(now=True)
            # E.g. a script without `if __name__ == "__main__":`, which "spawn" runs again in each worker.
            raise MinutesError("the worker processes could not start (a script using --jobs must guard its main code with `if __name__ == \"__main__\":`)") from None
        except BaseException:
            self._close_pool(now=True)
            raise
        if errors:
            self._close_pool(now=True)
            raise MinutesError(errors[0])
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._close_pool(now=exc_type is not None)

    def run(self, tasks: Sequence[Task]) -> Iterator[Outcome]:
        """One outcome per task, in the order of `tasks`."""
        if self._tagger is not None:
            for task in tasks:
                yield tag_one(self._tagger, task, self.options)
            return
        yield from self._run_in_pool(tasks)

    def _run_in_pool(self, tasks: Sequence[Task]) -> Iterator[Outcome]:
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        todo = deque(range(len(tasks)))
        suspects: deque[int] = deque()  # in a pool that broke: tagged again one at a time
        running: dict[Future[Outcome], int] = {}
        held: dict[int, Outcome] = {}  # finished before an earlier input
        next_index = 0
        while next_index < len(tasks):
            if not running:
                size = 1 if suspects else self.jobs
                if self._pool is None or self._pool_size != size:
                    self._open_pool(size)
            isolating = self._pool_size == 1
            queue, limit = (suspects, 1) if isolating else (todo, WINDOW_PER_JOB * self.jobs - len(held))
            while queue and len(running) < limit:
                index = queue.popleft()
                running[self._submit(self._work, tasks[index])] = index
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            if any(isinstance(future.exception(), BrokenProcessPool) for future in done):
                # The pool is unusable: every other document in it ends the same way.
                done |= wait(running)[0]
            broken = []
            for future in done:
                index = running.pop(future)
                error = future.exception()
                if isinstance(error, BrokenProcessPool):
                    broken.append(index)
                elif error is not None:  # raised outside `tag_one`, e.g. the outcome could not be sent back
                    reason = f"unexpected error: {type(error).__name__}: {' '.join(str(error).split())}"
                    held[index] = Outcome(tasks[index].source, error=reason, unexpected=True)
                else:
                    held[index] = future.result()
            if broken:
                self._close_pool(now=True)
                self.worker_restarts += 1
                if isolating:  # it was alone in the worker: it is what killed it
                    for index in broken:
                        held[index] = Outcome(tasks[index].source, error="the worker process stopped while tagging it (crashed or killed)")
                else:
                    suspects.extend(sorted(broken))
            while next_index in held:
                yield held.pop(next_index)
                next_index += 1

    def _open_pool(self, size: int) -> None:
        # Imported here: tagging in one process never loads multiprocessing.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self._close_pool(now=True)
        settings = _WorkerSettings(self.model, self.options)
        self._pool = ProcessPoolExecutor(max_workers=size, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker, initargs=(settings,))
        self._pool_size = size

    def _submit(self, function: Any, *args: Any) -> Future[Any]:
        from concurrent.futures.process import BrokenProcessPool

        assert self._pool is not None
        # `submit` starts a worker process while the pool has fewer than it may.
        started = getattr(self._pool, "_processes", None)
        with _sigint_ignored() if started is None or len(started) < self._pool_size else nullcontext():
            try:
                return self._pool.submit(function, *args)
            except BrokenProcessPool:  # a worker died while idle
                self.worker_restarts += 1
                self._open_pool(self._pool_size)
                return self._pool.submit(function, *args)

    def _close_pool(self, *, now: bool) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if not now:
            pool.shutdown(wait=True, cancel_futures=True)
            return
        # No public way before Python 3.14 (terminate_workers) to end the workers at once; and
        # that one leaves the same problem behind as this: a worker ended while sending its
        # result leaves half a message in the result pipe, and the pool's manager thread then
        # waits for the rest for ever (and so would shutdown, and the interpreter's exit).
        processes = list((getattr(pool, "_processes", None) or {}).values())
        # Taken before shutdown, which forgets them.
        results = getattr(pool, "_result_queue", None)
        manager = getattr(pool, "_executor_manager_thread", None)
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
                process.join()
        # With every worker gone, closing our own end of the result pipe makes that wait end (EOF):
        # the manager thread then sees a broken pool and stops.
        writer = getattr(results, "_writer", None)
        if writer is not None:
            writer.close()
        if manager is not None:
            manager.join(timeout=10)


# --- resuming an output -------------------------------------------------------------------------


class ResumeError(MinutesError):
    """An output file that `--resume` cannot continue."""


@dataclass(frozen=True, slots=True)
class ResumePoint:
    """Where an earlier output stops being complete, and which inputs it holds."""

    done: frozenset[str]
    """Path keys of the inputs whose records are in the output (see `is_done`)."""
    keep_bytes: int
    """The output is cut to this size before appending."""
    redo: str | None
    """The last document written, whose records are dropped to be tagged again (it may be incomplete)."""
    torn: bool
    """A partly written last line or row was found (and is dropped)."""
    has_header: bool
    """The kept part starts with the CSV header (do not write another)."""

    def is_done(self, source: str) -> bool:
        return source != "-" and _path_key(source) in self.done


@dataclass(frozen=True, slots=True)
class _Record:
    start: int
    end: int
    source: str


def find_resume_point(path: Path, fmt: str, inputs: Iterable[str]) -> ResumePoint:
    """Read an earlier `tag --format jsonl|csv` output to continue it with the `inputs` of this run.

    The last document written is dropped (and so tagged again) only if it is
    among `inputs`: otherwise its records are all there is of it. Raises
    `ResumeError` for a file that is not such an output.
    """
    if fmt not in RESUMABLE_FORMATS:
        raise ResumeError(f"--resume needs --format {' or '.join(RESUMABLE_FORMATS)} (one record per decision, written as documents are tagged)")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ResumePoint(frozenset(), 0, None, torn=False, has_header=False)
    except OSError as error:
        raise ResumeError(f"cannot read: {error.strerror or error}", str(path)) from None
    if fmt == "jsonl":
        records, body_start, complete_end = _jsonl_records(data, str(path))
        has_header = False
    else:
        records, body_start, complete_end = _csv_records(data, str(path))
        has_header = body_start > 0
    torn = bool(data[complete_end:].strip())
    keep, redo = complete_end, None
    if records and _path_key(records[-1].source) in {_path_key(name) for name in inputs if name != "-"}:
        redo = records[-1].source
        first = len(records) - 1
        while first > 0 and records[first - 1].source == redo:  # a document's records are written together
            first -= 1
        records, keep = records[:first], records[first].start
    done = frozenset(_path_key(r.source) for r in records if r.source != "-")
    return ResumePoint(done, keep, redo, torn, has_header)


def cut_output(path: Path, point: ResumePoint) -> None:
    """Cut the output to its complete part, ready for appending."""
    if path.exists() and path.stat().st_size != point.keep_bytes:
        os.truncate(path, point.keep_bytes)


def _jsonl_records(data: bytes, name: str) -> tuple[list[_Record], int, int]:
    """(records, start of the records, end of the last complete line)."""
    records: list[_Record] = []
    position = 0
    while (newline := data.find(b"\n", position)) >= 0:
        line = data[position:newline]
        if line.strip():
            source = _jsonl_source(line)
            if source is None:
                number = data.count(b"\n", 0, position) + 1
                raise ResumeError(f"line {number} is not a record of `minutes-nlp tag --format jsonl`; not appending to this file", name)
            records.append(_Record(position, newline + 1, source))
        position = newline + 1
    return records, 0, position


def _jsonl_source(line: bytes) -> str | None:
    try:
        record = json.loads(line)
    except ValueError:  # also UnicodeDecodeError
        return None
    source = record.get("source") if isinstance(record, dict) else None
    return source if isinstance(source, str) else None


def _csv_records(data: bytes, name: str) -> tuple[list[_Record], int, int]:
    """(records, end of the header, end of the last complete row); the header is required."""
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    lines: list[tuple[int, str]] = []  # complete lines (a quoted field may span several) and their end offsets
    position = start
    while (newline := data.find(b"\n", position)) >= 0:
        try:
            lines.append((newline + 1, data[position : newline + 1].decode("utf-8")))
        except UnicodeDecodeError:
            raise ResumeError(f"not UTF-8 near byte {position}; not appending to this file", name) from None
        position = newline + 1
    consumed = start

    def feed() -> Iterator[str]:
        nonlocal consumed
        for end, text in lines:
            consumed = end  # the csv reader asks for a line only when its record needs one
            yield text

    records: list[_Record] = []
    header_end = 0
    row_start = start
    source_column = CSV_COLUMNS.index("source")
    try:
        for row in csv.reader(feed(), strict=True):
            if not header_end:
                if row != CSV_COLUMNS:
                    raise ResumeError("the first row is not the header of `minutes-nlp tag --format csv`; not appending to this file", name)
                header_end = consumed
            elif row:
                if len(row) != len(CSV_COLUMNS):
                    raise ResumeError(f"a row at byte {row_start} has {len(row)} fields, not {len(CSV_COLUMNS)}; not appending to this file", name)
                records.append(_Record(row_start, consumed, row[source_column]))
            row_start = consumed
    except csv.Error:
        pass  # the lines end inside a quoted field: a row torn by an interruption
    return records, header_end, row_start if header_end else 0
