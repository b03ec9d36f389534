"""The `minutes-nlp` command: a thin layer over the library.

Exit codes: 0 all inputs tagged; 2 some inputs failed (each named on stderr
with its reason, the others still tagged); 1 usage error.
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
    from minutes_nlp.corpus import Example
    from minutes_nlp.model import Directive

EXIT_OK, EXIT_USAGE, EXIT_SOME_FAILED = 0, 1, 2

#: Extensions read when a directory is given (a file named explicitly is read whatever its name).
MINUTES_EXTENSIONS = {".txt", ".text", ".tsv"}

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


def expand_inputs(paths: list[str]) -> Iterator[str]:
    """Files, directories (recursively, minutes extensions only, sorted) and `-`."""
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in MINUTES_EXTENSIONS and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                yield f"{raw}\0no minutes files ({', '.join(sorted(MINUTES_EXTENSIONS))}) in this directory"
            yield from (str(p) for p in found)
        else:
            yield raw


@app.command()
def tag(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Minutes files, directories (searched recursively) or - for standard input.", show_default=False)],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="json: one object per document (an array for several); jsonl: one decision per line with its meeting; csv: UTF-8 with BOM for Excel; table: for the terminal; ics: iCalendar with one VTODO (task) per deadline, for calendar apps.")] = OutputFormat.json,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of standard output (JSONL and CSV are written as documents are tagged).")] = None,
    progress: Annotated[bool | None, typer.Option("--progress/--no-progress", help="Progress bar on batches (default: when stderr is a terminal).")] = None,
    model: Annotated[Path | None, typer.Option("--model", "-m", help="Theme model directory (from `minutes-nlp train`) instead of the shipped default.")] = None,
    debug: Annotated[bool, typer.Option("--debug", hidden=True, help="Show tracebacks of unexpected errors.")] = False,
) -> None:
    """Parse and tag minutes files into meeting metadata and decisions."""
    from minutes_nlp.errors import MinutesError
    from minutes_nlp.formats import StreamWriter
    from minutes_nlp.pipeline import Tagger, default_tagger
    from minutes_nlp.reading import read_stream

    inputs = list(expand_inputs(paths))
    if inputs.count("-") > 1:
        _error("standard input (-) can be given only once")
        return _done(ctx, EXIT_USAGE)
    try:
        tagger = default_tagger() if model is None else Tagger(config={"themes": {"model": model}})
    except MinutesError as error:  # a missing, foreign or modified model directory
        _error(str(error))
        return _done(ctx, EXIT_USAGE)
    report = BatchReport()
    encoding = "utf-8-sig" if fmt is OutputFormat.csv else "utf-8"
    # CSV and iCalendar write their own CRLF line ends: no newline translation for them.
    newline = "" if fmt in (OutputFormat.csv, OutputFormat.ics) else None
    stream = out.open("w", encoding=encoding, newline=newline) if out else _stdout(encoding)
    writer = StreamWriter(stream, fmt.value)
    show_progress = progress if progress is not None else (len(inputs) > 1 and sys.stderr.isatty())
    try:
        for source in _progress(inputs, show_progress):
            if "\0" in source:
                name, reason = source.split("\0", 1)
                report.failed.append((name, reason))
                _error(f"{name}: {reason}")
                continue
            try:
                if source == "-":
                    minutes = tagger.tag_text(read_stream(sys.stdin.buffer), doc_id="stdin", source="-")
                else:
                    minutes = tagger.tag_file(source)
                if not minutes.decisions:
                    reasons = "; ".join(w.message for w in minutes.warnings if w.code in ("no-table", "no-decisions"))
                    raise _no_decisions(reasons or "no decision found", source)
            except MinutesError as error:
                report.failed.append((source, error.reason))
                _error(f"{source}: {error.reason}")
                continue
            except Exception as error:  # a batch goes on; the message names the file
                if debug:
                    raise
                report.failed.append((source, f"unexpected error: {type(error).__name__}: {error}"))
                _error(f"{source}: unexpected error: {type(error).__name__}: {error} (please report it)")
                continue
            writer.write(minutes)
            report.done += 1
            report.decisions += len(minutes.decisions)
            report.skipped_rows += len(minutes.skipped)
    finally:
        writer.close()
        if out:
            stream.close()
    if len(inputs) > 1:
        _summary(report, len(inputs))
    return _done(ctx, EXIT_SOME_FAILED if report.failed else EXIT_OK)


def _no_decisions(reason: str, source: str) -> Exception:
    from minutes_nlp.errors import NoDecisionsError

    return NoDecisionsError(f"no decisions found ({reason})", source)


def _stdout(encoding: str) -> TextIO:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding=encoding)  # Bangla on any console code page
    return sys.stdout


def _progress(inputs: list[str], show: bool) -> Iterator[str]:
    if not show:
        yield from inputs
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("tagging"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True) as bar:
        task = bar.add_task("tag", total=len(inputs))
        for source in inputs:
            yield source
            bar.advance(task)


def _summary(report: BatchReport, total: int) -> None:
    typer.echo(
        f"tagged {report.done} of {total} input(s): {report.decisions} decisions, "
        f"{report.skipped_rows} skipped row(s) or cell(s) (reasons in the output); {len(report.failed)} failed",
        err=True,
    )
    for source, reason in report.failed:
        typer.echo(f"  failed: {source}: {reason}", err=True)


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
    F1, adjusted Rand index, beside plain datasketch MinHash LSH; --lodo calibrates the
    threshold without each tested document, on the others and on the other sources)."""
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
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and (p.suffix.lower() == ".jsonl" or p.suffix.lower() in MINUTES_EXTENSIONS)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
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
