"""The `minutes-nlp` command: a thin layer over the library.

Exit codes: 0 all inputs tagged; 2 some inputs failed (each named on stderr
with its reason, the others still tagged); 1 usage error; 130 interrupted
(Ctrl-C), after writing what was done. Batches (worker processes, streamed
output, resume) are run by `minutes_nlp.batch`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

if TYPE_CHECKING:
    from minutes_nlp.batch import BatchRunner, BatchStats, ResumePoint, Task
    from minutes_nlp.corpus import Example
    from minutes_nlp.model import Directive

EXIT_OK, EXIT_USAGE, EXIT_SOME_FAILED = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


app = typer.Typer(
    name="minutes-nlp",
    help="Parse and tag Bangla meeting minutes (কার্যবিবরণী): meeting metadata and decisions as JSON, JSONL, CSV or a table, deadlines as an iCalendar file.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    table = "table"
    ics = "ics"


def _error(message: str) -> None:
    typer.echo(f"minutes-nlp: {message}", err=True)


@dataclass
class BatchReport:
    done: int = 0
    decisions: int = 0
    skipped_rows: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


@app.command()
def tag(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Minutes files, directories (searched recursively for .txt, .html, .docx, .pdf and scans) or - for standard input.", show_default=False)],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="json: one object per document (an array for several); jsonl: one decision per line with its meeting; csv: UTF-8 with BOM for Excel; table: for the terminal; ics: iCalendar with one VTODO (task) per deadline, for calendar apps.")] = OutputFormat.json,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of standard output. JSONL, CSV and tables are written document by document, so an interrupted batch keeps what it did; JSON and iCalendar are written whole at the end (on Ctrl-C too, with the documents done).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes tagging in parallel (0: one per CPU). The output keeps the order of the inputs.")] = 1,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an earlier --out file (JSONL or CSV): skip the inputs already in it, tag the others and append them.")] = False,
    progress: Annotated[bool | None, typer.Option("--progress/--no-progress", help="Progress bar on batches (default: when stderr is a terminal).")] = None,
    model: Annotated[Path | None, typer.Option("--model", "-m", help="Theme model directory (from `minutes-nlp train`) instead of the shipped default.")] = None,
    debug: Annotated[bool, typer.Option("--debug", hidden=True, help="Show tracebacks of unexpected errors.")] = False,
) -> None:
    """Parse and tag minutes files into meeting metadata and decisions.

    Exit code 0 when every input was tagged, 2 when some failed (each named on
    stderr with its reason), 1 on a usage error, 130 when interrupted (Ctrl-C).
    """
    import time

    from minutes_nlp.batch import RESUMABLE_FORMATS, BatchRunner, BatchStats, Task, available_cpus, expand_inputs, find_resume_point
    from minutes_nlp.errors import MinutesError
    from minutes_nlp.formats import RenderOptions
    from minutes_nlp.reading import read_stream

    started = time.perf_counter()
    if paths.count("-") > 1:
        _error("standard input (-) can be given only once")
        return _done(ctx, EXIT_USAGE)
    if jobs < 0:
        _error(f"--jobs {jobs}: give a number of processes, or 0 for one per CPU")
        return _done(ctx, EXIT_USAGE)
    if resume and (out is None or fmt.value not in RESUMABLE_FORMATS):
        _error(f"--resume continues an --out file written as {' or '.join(RESUMABLE_FORMATS)}: give --out FILE and --format {'|'.join(RESUMABLE_FORMATS)}")
        return _done(ctx, EXIT_USAGE)
    inputs = expand_inputs(paths, exclude=[out] if out else [])
    stats = BatchStats(total=len(inputs.files) + len(inputs.problems))
    for name, reason in inputs.problems:
        _fail(stats, name, reason)
    files = inputs.files
    point = None
    if resume and out is not None:
        try:
            point = find_resume_point(out, fmt.value, files)
        except MinutesError as error:
            _error(str(error))
            return _done(ctx, EXIT_USAGE)
        files = [name for name in files if not point.is_done(name)]
        stats.resumed = len(inputs.files) - len(files)
        _resume_note(out, point, stats.resumed)
    tasks = []
    for name in files:
        if name != "-":
            tasks.append(Task(name))
            continue
        try:  # standard input is read here: a worker process has none
            tasks.append(Task("-", read_stream(sys.stdin.buffer)))
        except MinutesError as error:
            _fail(stats, "-", error.reason)
    workers = max(1, min(available_cpus() if jobs == 0 else jobs, len(tasks)))
    options = RenderOptions(fmt.value) if out else RenderOptions.for_stream(sys.stdout, fmt.value)
    show_progress = progress if progress is not None else (len(tasks) > 1 and sys.stderr.isatty())
    interrupted = False
    try:
        with BatchRunner(options, jobs=workers, model=model) as runner:
            try:
                stream, header = _open_output(out, fmt, point)
            except OSError as error:
                _error(f"--out {out}: cannot write: {error.strerror or error}")
                return _done(ctx, EXIT_USAGE)
            _write_batch(runner, tasks, stream, fmt.value, header, stats, show_progress, debug, close=out is not None)
    except MinutesError as error:  # a missing, foreign or modified model directory
        _error(str(error))
        return _done(ctx, EXIT_USAGE)
    except KeyboardInterrupt:
        interrupted = True
    if stats.total > 1 or interrupted:
        resumable_out = out if out is not None and fmt.value in RESUMABLE_FORMATS else None
        _summary(stats, time.perf_counter() - started, workers, resumable_out, interrupted)
    if interrupted:
        return _done(ctx, EXIT_INTERRUPTED)
    return _done(ctx, EXIT_SOME_FAILED if stats.failed else EXIT_OK)


def _fail(stats: BatchStats, source: str, reason: str) -> None:
    stats.failed.append((source, reason))
    _error(f"{source}: {reason}")


def _resume_note(out: Path, point: ResumePoint, skipped: int) -> None:
    notes = [f"skipped {skipped} input(s) already in {out}"]
    if point.redo:
        notes.append(f"tagging {point.redo} again (the last document written, which an interruption may have left incomplete)")
    if point.torn:
        notes.append("dropped a partly written last line")
    typer.echo(f"minutes-nlp: resuming: {'; '.join(notes)}", err=True)


def _open_output(out: Path | None, fmt: OutputFormat, point: ResumePoint | None) -> tuple[TextIO, bool]:
    """The output stream, and whether a CSV header is still to be written."""
    encoding = "utf-8-sig" if fmt is OutputFormat.csv else "utf-8"
    # CSV and iCalendar write their own CRLF line ends: no newline translation for them.
    newline = "" if fmt in (OutputFormat.csv, OutputFormat.ics) else None
    if out is None:
        return _stdout(encoding), True
    if point is not None and point.keep_bytes > 0:
        from minutes_nlp.batch import cut_output

        cut_output(out, point)
        # Appending: the file has its BOM already, and its header if CSV.
        return out.open("a", encoding="utf-8", newline=newline), not point.has_header
    return out.open("w", encoding=encoding, newline=newline), True


def _write_batch(runner: BatchRunner, tasks: list[Task], stream: TextIO, fmt: str, header: bool, stats: BatchStats, show_progress: bool, debug: bool, *, close: bool) -> None:
    """Write each outcome as it comes; the output is closed (JSON and iCalendar written) however the loop ends."""
    from minutes_nlp.formats import StreamWriter

    writer = StreamWriter(stream, fmt, header=header)
    try:
        with _BatchProgress(len(tasks), show_progress) as bar:
            for outcome in runner.run(tasks):
                stats.add(outcome)
                if outcome.chunk is not None:
                    writer.write_chunk(outcome.chunk)
                else:
                    bar.say(f"minutes-nlp: {outcome.source}: {outcome.error}{' (please report it)' if outcome.unexpected else ''}")
                    if debug and outcome.detail:
                        bar.say(outcome.detail.rstrip())
                bar.advance()
    finally:
        writer.close()
        if close:
            stream.close()


class _BatchProgress:
    """A progress bar on stderr advanced as each document comes back; messages are printed above it."""

    def __init__(self, total: int, show: bool) -> None:
        self.total, self.show = total, show

    def __enter__(self) -> _BatchProgress:
        self._bar = None
        if self.show:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("tagging"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self._bar.__enter__()
            self._task = self._bar.add_task("tag", total=self.total)
        return self

    def advance(self) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)

    def say(self, message: str) -> None:
        if self._bar is not None:
            self._bar.console.print(message, markup=False, highlight=False, soft_wrap=True)
        else:
            typer.echo(message, err=True)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)  # type: ignore[arg-type]


def _stdout(encoding: str) -> TextIO:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding=encoding)  # Bangla on any console code page
    return sys.stdout


def _summary(stats: BatchStats, elapsed: float, workers: int, resumable_out: Path | None, interrupted: bool) -> None:
    line = (
        f"tagged {stats.done} of {stats.total} input(s): {stats.decisions} decisions, "
        f"{stats.skipped_rows} skipped row(s) or cell(s) (reasons in the output); {len(stats.failed)} failed"
    )
    if stats.resumed:
        line += f"; {stats.resumed} already in the output (--resume)"
    if interrupted:
        line += f"; {stats.not_tagged} not tagged (interrupted)"
    processed = stats.done + len(stats.failed)
    typer.echo(line, err=True)
    typer.echo(f"  {elapsed:.1f} s, {processed / elapsed if elapsed > 0 else 0:.1f} files/s with --jobs {workers}", err=True)
    for source, reason in stats.failed:
        typer.echo(f"  failed: {source}: {reason}", err=True)
    if interrupted and resumable_out is not None and stats.not_tagged:
        typer.echo(f"  run the same command with --resume to tag the rest into {resumable_out}", err=True)


@app.command()
def train(
    ctx: typer.Context,
    corpus: Annotated[list[Path], typer.Argument(help="Labelled corpus: project JSONL files or directories, CSV files (text, labels), or a saved `datasets` directory.", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory to write the model to (e.g. models/my-themes).", show_default=False)],
    engine: Annotated[str, typer.Option("--engine", "-e", help="linear (TF-IDF + linear models), spacy (textcat_multilabel from training/textcat_multilabel.cfg) or ensemble (both).")] = "linear",
    labels: Annotated[str | None, typer.Option("--labels", help="Comma-separated label set (default: every label used in the corpus).")] = None,
    lodo: Annotated[bool, typer.Option("--lodo", help="Also measure leave-one-document-out figures over the corpus's real documents and put them in the model card.")] = False,
    card_notes: Annotated[Path | None, typer.Option("--card-notes", help="Markdown file appended to the model card (e.g. why this engine).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing model directory.")] = False,
) -> None:
    """Train a theme classifier on a labelled corpus and save it as a model directory."""
    from minutes_nlp import themes
    from minutes_nlp.themes.card import write_model_card

    if engine not in themes.ENGINES:
        _error(f"unknown --engine {engine!r}: choose {', '.join(themes.ENGINES)}")
        return _done(ctx, EXIT_USAGE)
    if out.exists() and any(out.iterdir()) and not force:
        _error(f"{out}: directory exists and is not empty (use --force to replace it)")
        return _done(ctx, EXIT_USAGE)
    examples = _read_corpus(ctx, corpus)
    label_set = [label.strip() for label in labels.split(",") if label.strip()] if labels else None
    unlabelled = sum(not e.labels for e in examples)
    typer.echo(f"training {engine} on {len(examples)} examples from {len({e.doc_id for e in examples})} documents ({unlabelled} without labels)", err=True)
    report = None
    with _TrainingProgress() as progress:
        if lodo:
            from minutes_nlp.themes.evaluation import cross_validate

            try:
                report, _ = cross_validate(examples, engine, labels=label_set, on_fold=lambda i, n, doc: progress(f"held-out {doc}", i, n))
            except ValueError as error:
                _error(f"--lodo: {error}")
                return _done(ctx, EXIT_USAGE)
        classifier = themes.train(examples, engine=engine, labels=label_set, progress=progress)
    if report is not None:
        classifier.metadata["lodo"] = {"micro_f1": report.micro_f1, "macro_f1": report.macro_f1, "per_label_f1": {s.label: s.f1 for s in report.labels}}
    if out.exists():
        import shutil

        shutil.rmtree(out)
    classifier.save(out)
    write_model_card(out, classifier, lodo=report, notes=card_notes.read_text(encoding="utf-8") if card_notes else None)
    typer.echo(f"saved {engine} model with {len(classifier.labels)} labels to {out}", err=True)
    if report is not None:
        typer.echo(f"leave-one-document-out: micro-F1 {report.micro_f1:.3f}, macro-F1 {report.macro_f1:.3f} over {report.examples} real decisions", err=True)
    return _done(ctx, EXIT_OK)


@app.command()
def evaluate(
    ctx: typer.Context,
    corpus: Annotated[list[Path], typer.Argument(help="Labelled corpus (as for `train`; JSONL for --task implementers).", show_default=False)],
    task: Annotated[str, typer.Option("--task", "-t", help="What to score: `themes` (the classifier), `implementers` (roles, scope and places) or `linking` (near-duplicate families).")] = "themes",
    model: Annotated[Path | None, typer.Option("--model", "-m", help="Model directory to evaluate (default: the shipped model).")] = None,
    lodo: Annotated[bool, typer.Option("--lodo", help="Instead of a saved model, train and test leave-one-document-out over the corpus's real documents (other examples always train). For --task linking: calibrate the threshold leave-one-document-out.")] = False,
    engine: Annotated[str, typer.Option("--engine", "-e", help="Engine for --lodo.")] = "linear",
    source: Annotated[str, typer.Option("--source", help="Evaluate only examples with this `source` (e.g. real); --lodo tests this source.")] = "real",
    json_out: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    errors: Annotated[int, typer.Option("--errors", help="How many of the worst errors to list.")] = 10,
) -> None:
    """Score the theme classifier (per-label precision, recall and F1, micro and macro F1, the
    worst errors) or, with --task implementers, the implementer extractor (role ids, places,
    whole entries, per role, and the decisions it gets wrong) or, with --task linking, the
    near-duplicate families against the annotated `family` field (pairwise precision, recall,
    F1, adjusted Rand index, beside plain datasketch MinHash LSH, and the threshold calibrated
    on every annotated source given; --lodo calibrates the threshold without each tested
    document, on the others and on the other sources)."""
    import json

    from minutes_nlp import themes
    from minutes_nlp.errors import MinutesError
    from minutes_nlp.themes.evaluation import cross_validate, evaluate as evaluate_model, format_report

    if task not in ("themes", "implementers", "linking"):
        _error(f"unknown --task {task!r}; use themes, implementers or linking")
        return _done(ctx, EXIT_USAGE)
    if task == "linking":
        if model is not None:
            _error("--task linking scores the linker: --model does not apply")
            return _done(ctx, EXIT_USAGE)
        return _evaluate_linking(ctx, corpus, source, lodo, json_out, errors)
    if task == "implementers":
        if lodo or model is not None:
            _error("--task implementers scores the rule-based extractor: --model and --lodo do not apply")
            return _done(ctx, EXIT_USAGE)
        return _evaluate_implementers(ctx, corpus, source, json_out, errors)
    if lodo and model is not None:
        _error("give either --model or --lodo, not both")
        return _done(ctx, EXIT_USAGE)
    examples = _read_corpus(ctx, corpus)
    if lodo:
        with _TrainingProgress() as progress:
            try:
                report, _ = cross_validate(examples, engine, test_source=source, worst=errors, on_fold=lambda i, n, doc: progress(f"held-out {doc}", i, n))
            except ValueError as error:
                _error(f"--lodo: {error}")
                return _done(ctx, EXIT_USAGE)
    else:
        try:
            classifier = themes.load(model) if model is not None else themes.default_model()
        except MinutesError as error:
            _error(str(error))
            return _done(ctx, EXIT_USAGE)
        tested = [e for e in examples if not source or e.source == source] if any(e.source for e in examples) else examples
        if not tested:
            _error(f"no examples with source {source!r} (use --source '' for all)")
            return _done(ctx, EXIT_USAGE)
        report = evaluate_model(classifier, tested, worst=errors)
    _stdout("utf-8")
    typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if json_out else format_report(report, errors))
    return _done(ctx, EXIT_OK)


def _evaluate_implementers(ctx: typer.Context, paths: list[Path], source: str, json_out: bool, errors: int) -> None:
    import json

    from minutes_nlp import roles
    from minutes_nlp.corpus import read_records
    from minutes_nlp.errors import MinutesError
    from minutes_nlp.roles.evaluation import evaluate as evaluate_roles, format_report

    try:
        records = read_records(paths)
    except MinutesError as error:
        _error(str(error))
        return _done(ctx, EXIT_SOME_FAILED)
    tested = [r for r in records if "implementers" in r and (not source or r.get("source", source) == source)]
    if not tested:
        _error(f"no records with gold implementers and source {source!r} (use --source '' for all)")
        return _done(ctx, EXIT_USAGE)
    report = evaluate_roles(tested, roles.default_extractor(), errors=errors)
    _stdout("utf-8")
    typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if json_out else format_report(report))
    return _done(ctx, EXIT_OK)


def _evaluate_linking(ctx: typer.Context, paths: list[Path], source: str, lodo: bool, json_out: bool, errors: int) -> None:
    import json

    from minutes_nlp.corpus import read_records
    from minutes_nlp.errors import MinutesError
    from minutes_nlp.linking import default_linker
    from minutes_nlp.linking import evaluation as ev
    from minutes_nlp.linking.records import directive_from_record

    try:
        records = [r for r in read_records(paths) if "family" in r]
        groups: dict[str, list[Directive]] = {}
        for record in records:
            groups.setdefault(str(record.get("source") or ""), []).append(directive_from_record(record))
    except MinutesError as error:
        _error(str(error))
        return _done(ctx, EXIT_SOME_FAILED)
    family = {str(r["id"]): r.get("family") for r in records}
    tested = groups.pop(source, []) if source else [d for group in groups.values() for d in group]
    if not tested:
        _error(f"no records with a `family` field and source {source!r}")
        return _done(ctx, EXIT_USAGE)
    linker = default_linker()
    report = ev.evaluate(linker.link(tested), tested, family)
    baseline = ev.datasketch_baseline(tested, family)
    result: dict[str, object] = {"linker": report.to_dict(), "datasketch_default": baseline.to_dict()}
    # What the shipped threshold would be, calibrated on every annotated source given (each linked on its own).
    calibrated, _ = ev.calibrate(linker, [tested, *groups.values()] if source else list(groups.values()), family)
    result["calibrated_threshold"] = calibrated
    if lodo:
        pooled, thresholds = ev.leave_one_document_out(linker, tested, family, calibration=[d for group in groups.values() for d in group])
        result["lodo"] = {"precision": round(pooled.precision, 4), "recall": round(pooled.recall, 4), "f1": round(pooled.f1, 4), "tp": pooled.tp, "fp": pooled.fp, "fn": pooled.fn, "thresholds": thresholds}
    _stdout("utf-8")
    if json_out:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return _done(ctx, EXIT_OK)
    lines = [f"{len(tested)} decisions, {report.gold_families} annotated families", "", "                      precision  recall  F1     ARI    families"]
    for name, r in (("linker", report), ("datasketch default", baseline)):
        lines.append(f"{name:<20}  {r.pairs.precision:9.3f}  {r.pairs.recall:6.3f}  {r.pairs.f1:.3f}  {r.ari:.3f}  {r.predicted_families}")
    lines[-2] += f"   (threshold {report.threshold:.2f})"
    if lodo:
        lines.append(f"{'linker, LODO':<20}  {pooled.precision:9.3f}  {pooled.recall:6.3f}  {pooled.f1:.3f}  -      (thresholds calibrated without each document)")
    sources = ", ".join(sorted({source or "(none)", *(name or "(none)" for name in groups)})) if source else "all sources"
    lines += ["", f"threshold calibrated on the annotated families of {sources}: {calibrated:.2f} (in use: {linker.threshold:.2f})"]
    if report.wrong and errors:
        lines += ["", "pairs wrong at the shipped threshold:"] + [f"  {kind:<6} {a}  {b}" for a, b, kind in report.wrong[:errors]]
    typer.echo("\n".join(lines))
    return _done(ctx, EXIT_OK)


def _read_corpus(ctx: typer.Context, paths: list[Path]) -> list[Example]:
    """The examples of a labelled corpus; a bad corpus ends the command with one line and exit code 2."""
    from minutes_nlp.corpus import read_examples
    from minutes_nlp.errors import MinutesError

    try:
        return read_examples(paths)
    except MinutesError as error:
        _error(str(error))
        _done(ctx, EXIT_SOME_FAILED)
        raise AssertionError("unreachable") from None  # _done exits on a non-zero code


class _TrainingProgress:
    """A rich progress bar on stderr driven by (stage, done, total) callbacks; silent when not a terminal."""

    def __enter__(self) -> Callable[[str, int, int], None]:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(stderr=True)
        self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True, disable=not console.is_terminal)
        self._bar.__enter__()
        self._task = self._bar.add_task("training", total=1)

        def update(stage: str, done: int, total: int) -> None:
            self._bar.update(self._task, description=stage, completed=done, total=total)

        return update

    def __exit__(self, *exc: object) -> None:
        self._bar.__exit__(*exc)  # type: ignore[arg-type]


@app.command()
def link(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="JSONL decisions (corpus records or `tag --format jsonl` output), minutes files (tagged first), or directories of either (searched recursively).", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for pairs.jsonl, families.jsonl and summary.txt.", show_default=False)],
    threshold: Annotated[float | None, typer.Option("--threshold", help="Link pairs scoring at least this (0-1; default: the calibrated value of data/linking.toml).")] = None,
    engine: Annotated[str, typer.Option("--engine", "-e", help="local (numpy, this machine) or spark (needs minutes-nlp[spark]).")] = "local",
    master: Annotated[str | None, typer.Option("--master", help="Spark master URL for --engine spark (default local[*]).")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Your own linking TOML (word lists and settings; see data/linking.toml).")] = None,
    predict_themes: Annotated[
        bool,
        typer.Option(
            "--predict-themes/--no-predict-themes",
            help="Give decisions that carry no themes (JSONL records without `themes`) the shipped theme classifier's, so that theme agreement counts; minutes files are tagged anyway.",
        ),
    ] = True,
    progress: Annotated[bool | None, typer.Option("--progress/--no-progress", help="Progress bar (default: when stderr is a terminal).")] = None,
) -> None:
    """Find near-duplicate decisions across months and districts: scored pairs and families,
    with a summary of the families by size and their timeline of months and districts."""
    from minutes_nlp.errors import MinutesError
    from minutes_nlp.linking import ENGINES, Linker, default_linker
    from minutes_nlp.linking.report import summary, write

    if engine not in ENGINES:
        _error(f"unknown --engine {engine!r}; use one of: {', '.join(ENGINES)}")
        return _done(ctx, EXIT_USAGE)
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        _error(f"--threshold {threshold}: must be between 0 and 1")
        return _done(ctx, EXIT_USAGE)
    try:
        linker = Linker.load(config) if config is not None else default_linker()
    except MinutesError as error:
        _error(str(error))
        return _done(ctx, EXIT_USAGE)
    show = progress if progress is not None else sys.stderr.isatty()
    report = BatchReport()
    found = list(_link_inputs(paths))
    directives = []
    seen: set[str] = set()
    with _TrainingProgress() as bar:
        bar_or_none = bar if show else None
        for k, (source, kind) in enumerate(found):
            if bar_or_none:
                bar_or_none("reading inputs", k, len(found))
            if kind.startswith("\0"):
                report.failed.append((source, kind[1:]))
                continue
            try:
                batch = _read_link_input(source, kind)
            except (MinutesError, OSError, UnicodeDecodeError, ValueError) as error:
                reason = str(error).removeprefix(f"{source}: ")
                report.failed.append((source, reason))
                _error(f"{source}: {reason}")
                continue
            clashes = [d.id for d in batch if d.id in seen]
            if clashes:
                report.failed.append((source, f"decision id {clashes[0]!r} already read from another input"))
                _error(f"{source}: decision id {clashes[0]!r} already read from another input")
                continue
            seen.update(d.id for d in batch)
            directives.extend(batch)
            report.done += 1
            report.decisions += len(batch)
        try:
            if predict_themes:
                from minutes_nlp.linking.records import with_themes

                directives = with_themes(directives, progress=bar_or_none)
            links = linker.link(directives, threshold=threshold, engine=engine, master=master, progress=bar_or_none)
        except MinutesError as error:
            _error(str(error))
            return _done(ctx, EXIT_SOME_FAILED)
    written = write(links, out)
    text = summary(links, limit=10)
    typer.echo(text.split("\n", 1)[0], err=True)
    typer.echo(f"wrote {written['pairs']}, {written['families']}, {written['summary']}", err=True)
    typer.echo(f"read {report.done} of {len(found)} input(s): {report.decisions} decisions; {len(report.failed)} failed", err=True)
    for source, reason in report.failed:
        typer.echo(f"  failed: {source}: {reason}", err=True)
    return _done(ctx, EXIT_SOME_FAILED if report.failed else EXIT_OK)


def _link_inputs(paths: list[str]) -> Iterator[tuple[str, str]]:
    """(path, kind) for every input: kind is `jsonl`, `minutes`, or NUL + the reason it cannot be read."""
    from minutes_nlp.batch import DOCUMENT_EXTENSIONS, documents_in

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = documents_in(path, DOCUMENT_EXTENSIONS | {".jsonl"})
            if not found:
                yield raw, "\0no .jsonl or minutes files in this directory"
            yield from ((str(p), "jsonl" if p.suffix.lower() == ".jsonl" else "minutes") for p in found)
        elif not path.exists():
            yield raw, "\0no such file or directory"
        else:
            yield raw, "jsonl" if path.suffix.lower() == ".jsonl" else "minutes"


def _read_link_input(source: str, kind: str) -> list[Directive]:
    from minutes_nlp.corpus import read_records
    from minutes_nlp.linking.records import directives
    from minutes_nlp.pipeline import tag_file

    if kind == "jsonl":
        return list(directives(read_records([source])))
    return list(directives([tag_file(source)]))


@app.command()
def tokenize(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(help="Text to tokenize, or - to read standard input.", show_default=False)] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the text from this file.")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print a JSON array of tokens instead of one token per line.")] = False,
) -> None:
    """Split Bangla administrative text into tokens (spaCy bn pipeline with the project's rules)."""
    import json

    from minutes_nlp.errors import MinutesError
    from minutes_nlp.reading import read_path, read_stream

    try:
        if file is not None:
            source = read_path(file)
        elif text is None or text == "-":
            source = read_stream(sys.stdin.buffer)
        else:
            from minutes_nlp.normalize import normalize_text

            source = normalize_text(text)
    except MinutesError as error:
        _error(str(error))
        return _done(ctx, EXIT_SOME_FAILED)
    from minutes_nlp.tokenizing import tokenize as tokenize_text

    tokens = tokenize_text(source)
    _stdout("utf-8")
    typer.echo(json.dumps(tokens, ensure_ascii=False) if json_out else "\n".join(tokens))
    return _done(ctx, EXIT_OK)


@app.command()
def schema(
    ctx: typer.Context,
    kind: Annotated[str, typer.Option("--kind", help="minutes (the JSON of `tag`) or decision (one JSONL record's decision part).")] = "minutes",
) -> None:
    """Print the JSON Schema of the output."""
    import json

    from minutes_nlp.schema import json_schema

    if kind not in ("minutes", "decision"):
        _error(f"unknown --kind {kind!r}: choose minutes or decision")
        return _done(ctx, EXIT_USAGE)
    _stdout("utf-8")
    typer.echo(json.dumps(json_schema(kind), ensure_ascii=False, indent=2))
    return _done(ctx, EXIT_OK)


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", help="Show the version and exit.", is_eager=True)] = False,
) -> None:
    if not version and ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(EXIT_USAGE)
    if version:
        from minutes_nlp import __version__

        typer.echo(f"minutes-nlp {__version__}")
        raise typer.Exit(EXIT_OK)


def _done(ctx: typer.Context, code: int) -> None:
    """Record a command's exit code for `main` (which tells it from a usage error) and exit."""
    if isinstance(ctx.obj, dict):
        ctx.obj["exit_code"] = code
    if code:
        raise typer.Exit(code)


def main(argv: list[str] | None = None) -> int:
    """Console entry point.

    Typer reports usage errors with click's exit code 2, which here means
    "some inputs failed"; a command records its own code, so any other exit 2
    is a usage error and becomes 1.
    """
    state: dict[str, int] = {}
    try:
        app(args=argv, obj=state, prog_name="minutes-nlp")
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else EXIT_USAGE)
    if "exit_code" in state:
        code = state["exit_code"]
    elif code == 2:
        code = EXIT_USAGE
    if argv is None:
        sys.exit(code)
    return code


if __name__ == "__main__":
    main()
