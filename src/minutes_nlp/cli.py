"""The `minutes-nlp` command: a thin layer over the library.

Exit codes: 0 all inputs tagged; 2 some inputs failed (each named on stderr
with its reason, the others still tagged); 1 usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer

EXIT_OK, EXIT_USAGE, EXIT_SOME_FAILED = 0, 1, 2

#: Extensions read when a directory is given (a file named explicitly is read whatever its name).
MINUTES_EXTENSIONS = {".txt", ".text", ".tsv"}

app = typer.Typer(
    name="minutes-nlp",
    help="Parse and tag Bangla meeting minutes (কার্যবিবরণী): meeting metadata and decisions as JSON, JSONL, CSV or a table.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


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
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="json: one object per document (an array for several); jsonl: one decision per line with its meeting; csv: UTF-8 with BOM for Excel; table: for the terminal.")] = OutputFormat.json,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of standard output (JSONL and CSV are written as documents are tagged).")] = None,
    progress: Annotated[bool | None, typer.Option("--progress/--no-progress", help="Progress bar on batches (default: when stderr is a terminal).")] = None,
    debug: Annotated[bool, typer.Option("--debug", hidden=True, help="Show tracebacks of unexpected errors.")] = False,
) -> None:
    """Parse and tag minutes files into meeting metadata and decisions."""
    from minutes_nlp.errors import MinutesError
    from minutes_nlp.formats import StreamWriter
    from minutes_nlp.pipeline import default_tagger
    from minutes_nlp.reading import read_stream

    inputs = list(expand_inputs(paths))
    if inputs.count("-") > 1:
        _error("standard input (-) can be given only once")
        return _done(ctx, EXIT_USAGE)
    tagger = default_tagger()
    report = BatchReport()
    encoding = "utf-8-sig" if fmt is OutputFormat.csv else "utf-8"
    stream = out.open("w", encoding=encoding, newline="" if fmt is OutputFormat.csv else None) if out else _stdout(encoding)
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
