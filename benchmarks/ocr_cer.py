"""Accuracy and speed of reading scans: character error rate and decision split.

Run after installing the project with its `ocr` extra and Tesseract's Bengali
model (apt-get install tesseract-ocr tesseract-ocr-ben):

    python benchmarks/ocr_cer.py            # the scanned page 1, then the whole document
    python benchmarks/ocr_cer.py --quick    # the scanned page 1 only
    python benchmarks/ocr_cer.py --all-seeds  # and the other four seeds' PDFs
    python benchmarks/ocr_cer.py --json     # figures as JSON

What is compared (ground truth: the seed text corpus/raw/rajshahi-2023-12.txt):

1. tests/fixtures/scans/rajshahi-2023-12-p1.png, page 1 of the seed's PDF at
   300 dpi made to look scanned (turned 0.4°, specks of dust, blur). Its
   decisions are parsed from the OCR text and matched to the seed's by item
   number; a decision whose row the page break cuts is compared with the best
   matching beginning of the seed decision. The page figure compares the whole
   OCR text with the seed text of the same region (letterhead, header, the rows
   on the page; the cut row's cells cut the same way).
2. The whole seed PDF (tests/fixtures/documents/rajshahi-2023-12.pdf), its
   pages rendered at 300 dpi, read once as they are and once made to look
   scanned the same way: all decisions, per-decision CER median and maximum,
   whether the items split as in the seed, and the time per page.
3. With --all-seeds, the other seeds' PDFs the same way (clean renders). Their
   decisions are matched by position; Bandarban's document CER counts the HTML
   markup its seed text holds inside a cell, which a page image cannot show.

CER = Levenshtein distance / reference length, after `normalize_text` and
folding every run of white space to one space. Which items page 1 holds, and
which row the page break cuts, is read from the PDF's own table (its digits and
cell layout survive in its text layer even where its Bangla text does not).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SEED_TEXT = REPO / "corpus" / "raw" / "rajshahi-2023-12.txt"
SEED_PDF = REPO / "tests" / "fixtures" / "documents" / "rajshahi-2023-12.pdf"
SCANNED_PAGE = REPO / "tests" / "fixtures" / "scans" / "rajshahi-2023-12-p1.png"
DPI = 300


def fold(text: str) -> str:
    from minutes_nlp.normalize import normalize_text

    return " ".join(normalize_text(text).split())


def edit_row(hypothesis: str, reference: str) -> np.ndarray:
    """Last row of the Levenshtein table: entry j is the distance from
    `hypothesis` to `reference[:j]` (numpy over the reference, a loop over the hypothesis)."""
    ref = np.frombuffer(reference.encode("utf-32-le"), dtype=np.uint32)
    steps = np.arange(len(ref) + 1)
    previous = steps.copy()
    for i, char in enumerate(hypothesis, start=1):
        cost = (ref != ord(char)).astype(np.int64)
        candidate = np.empty(len(ref) + 1, dtype=np.int64)
        candidate[0] = i
        candidate[1:] = np.minimum(previous[1:] + 1, previous[:-1] + cost)
        # An insertion chain along the row: d[j] = min(candidate[j], d[j-1] + 1).
        previous = np.minimum.accumulate(candidate - steps) + steps
    return previous


def cer(hypothesis: str, reference: str) -> float:
    hypothesis, reference = fold(hypothesis), fold(reference)
    return float(edit_row(hypothesis, reference)[-1]) / max(len(reference), 1)


def prefix_match(hypothesis: str, reference: str) -> tuple[float, str]:
    """CER against the beginning of `reference` that `hypothesis` matches best, and that beginning."""
    hypothesis, reference = fold(hypothesis), fold(reference)
    row = edit_row(hypothesis, reference)
    # Ties go to the longer beginning (a final word read wrongly still counts).
    end = int(len(row) - 1 - np.argmin(row[::-1]))
    return float(row[end]) / max(end, 1), reference[:end]


# ------------------------------------------------------------------ ground truth


def seed_decisions() -> dict[int, str]:
    from minutes_nlp import parse

    minutes = parse(SEED_TEXT.read_text(encoding="utf-8"))
    return {d.item_no: d.text for d in minutes.decisions if d.item_no is not None}


def pdf_page_items() -> tuple[list[list[int]], list[bool]]:
    """Per page of the seed PDF: the item numbers whose rows start there, and
    whether the page's last row goes on to the next page (its first row has no number)."""
    import pdfplumber

    from minutes_nlp.normalize import parse_int
    from minutes_nlp.parsing.cells import serial_number

    items: list[list[int]] = []
    starts_with_continuation: list[bool] = []
    with pdfplumber.open(SEED_PDF) as pdf:
        for page in pdf.pages:
            numbers: list[int] = []
            first_cells: list[str] = []
            for table in page.extract_tables():
                for row in table:
                    first = (row[0] or "").strip()
                    first_cells.append(first)
                    serial = serial_number(first)
                    if serial is not None and len(row) >= 4:
                        numbers.append(parse_int(serial))
            items.append(numbers)
            starts_with_continuation.append(bool(first_cells) and first_cells[0] == "")
    cut = [starts_with_continuation[k + 1] if k + 1 < len(items) else False for k in range(len(items))]
    return items, cut


# ------------------------------------------------------------------ reading


def render_pages() -> list[Any]:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(SEED_PDF))
    try:
        return [pdf[i].render(scale=DPI / 72).to_pil().convert("L") for i in range(len(pdf))]
    finally:
        pdf.close()


def scanned_look(image: Any, seed: int) -> Any:
    """The fixture's scan effects (tests/fixtures/make_fixtures.py): turned 0.4°, specks, blur."""
    from PIL import Image, ImageFilter

    image = image.rotate(0.4, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    rng = random.Random(seed)
    pixels = image.load()
    for _ in range(image.width * image.height // 400):
        x, y = rng.randrange(image.width), rng.randrange(image.height)
        pixels[x, y] = rng.randrange(0, 120)
    return image.filter(ImageFilter.GaussianBlur(0.6))


def read(images: list[Any]) -> tuple[list[Any], str, float]:
    from minutes_nlp.reading import ocr
    from minutes_nlp.reading.layout import to_text

    start = time.perf_counter()
    blocks = ocr.ocr_pages(images)
    seconds = time.perf_counter() - start
    return blocks, to_text(blocks), seconds


def ocr_decisions(text: str) -> dict[int, list[str]]:
    """Decision texts by the item number written in the OCR text (0: no number read)."""
    from minutes_nlp import parse
    from minutes_nlp.normalize import parse_int

    found: dict[int, list[str]] = {}
    for decision in parse(text).decisions:
        number = parse_int(decision.item) if decision.item else None
        found.setdefault(number or 0, []).append(decision.text)
    return found


# ------------------------------------------------------------------ measures


def page_one(expected_items: list[int], cut_last: bool) -> dict[str, Any]:
    from PIL import Image

    from minutes_nlp.normalize import parse_int
    from minutes_nlp.parsing.cells import serial_number
    from minutes_nlp.reading.layout import Table

    truth = seed_decisions()
    blocks, text, seconds = read([Image.open(SCANNED_PAGE)])
    found = ocr_decisions(text)
    per_decision: dict[str, float] = {}
    for item in expected_items:
        texts = found.get(item, [])
        if len(texts) != 1:
            continue
        if cut_last and item == expected_items[-1]:
            per_decision[f"{item:02d} (cut by the page)"] = prefix_match(texts[0], truth[item])[0]
        else:
            per_decision[f"{item:02d}"] = cer(texts[0], truth[item])

    # The seed text of the page's region: everything up to the cut row, whose cells are cut
    # where the OCR'd cells end.
    seed_lines = SEED_TEXT.read_text(encoding="utf-8").split("\n")
    last = expected_items[-1]
    row_at = next(i for i, line in enumerate(seed_lines) if "\t" in line and _serial_of(line) == last)
    reference_lines = seed_lines[:row_at]
    seed_cells = seed_lines[row_at].split("\t")
    ocr_cells = next(
        (row for block in blocks if isinstance(block, Table) for row in block.rows if serial_number(row[0]) and parse_int(serial_number(row[0]) or "") == last),
        None,
    )
    if cut_last and ocr_cells is not None and len(ocr_cells) == len(seed_cells):
        reference_lines.append("\t".join(prefix_match(o, s)[1] for o, s in zip(ocr_cells, seed_cells, strict=True)))
    else:
        reference_lines.append(seed_lines[row_at])
    return {
        "items expected": expected_items,
        "items found": sorted(found),
        "decisions split right": sorted(found) == expected_items and all(len(found[i]) == 1 for i in expected_items),
        "decision CER": per_decision,
        "page CER": cer(text, "\n".join(reference_lines)),
        "seconds": seconds,
    }


def _serial_of(line: str) -> int | None:
    from minutes_nlp.normalize import parse_int
    from minutes_nlp.parsing.cells import serial_number

    serial = serial_number(line.split("\t")[0])
    return parse_int(serial) if serial else None


def whole_document(images: list[Any]) -> dict[str, Any]:
    truth = seed_decisions()
    _, text, seconds = read(images)
    seed_text = SEED_TEXT.read_text(encoding="utf-8")
    found = ocr_decisions(text)
    rates = {f"{item:02d}": cer(found[item][0], truth[item]) for item in sorted(truth) if len(found.get(item, [])) == 1}
    values = sorted(rates.values())
    return {
        "items expected": sorted(truth),
        "items found": sorted(found),
        "decisions split right": sorted(found) == sorted(truth) and all(len(v) == 1 for v in found.values()),
        "decision CER": rates,
        "decision CER median": statistics.median(values) if values else None,
        "decision CER max": max(values) if values else None,
        "decision CER mean": statistics.fmean(values) if values else None,
        "document CER": cer(text, seed_text),
        "seconds per page": seconds / len(images),
    }


def other_seed(name: str) -> dict[str, Any]:
    """A seed other than Rajshahi, its PDF's pages rendered at 300 dpi: decisions
    matched by item number and sub-marker, or by position when the numbers differ."""
    import pypdfium2

    from minutes_nlp import parse

    raw = REPO / "corpus" / "raw" / f"{name}.txt"
    pdf = pypdfium2.PdfDocument(str(REPO / "tests" / "fixtures" / "documents" / f"{name}.pdf"))
    try:
        pages = [pdf[i].render(scale=DPI / 72).to_pil().convert("L") for i in range(len(pdf))]
    finally:
        pdf.close()
    truth = parse(raw.read_text(encoding="utf-8")).decisions
    _, text, seconds = read(pages)
    got = parse(text).decisions
    keys_match = [(d.item, d.sub) for d in truth] == [(d.item, d.sub) for d in got]
    rates = [cer(g.text, t.text) for t, g in zip(truth, got, strict=False)] if len(truth) == len(got) else []
    return {
        "decisions": f"{len(got)} of {len(truth)}",
        "item numbers right": keys_match,
        "decision CER median": statistics.median(rates) if rates else None,
        "decision CER max": max(rates) if rates else None,
        "document CER": cer(text, raw.read_text(encoding="utf-8")),
        "seconds per page": seconds / len(pages),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="the scanned page 1 only")
    parser.add_argument("--all-seeds", action="store_true", help="also the other seeds' PDFs, rendered at 300 dpi")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    from minutes_nlp.reading import ocr

    if not ocr.available():
        print(f"skipped: {ocr.INSTALL_HINT}", file=sys.stderr)
        return 2
    items, cut = pdf_page_items()
    results: dict[str, Any] = {"scanned page 1 (fixture PNG)": page_one(items[0], cut[0])}
    if not args.quick:
        pages = render_pages()
        results["whole document, clean 300 dpi renders"] = whole_document(pages)
        results["whole document, made to look scanned"] = whole_document([scanned_look(p, seed=7 + k) for k, p in enumerate(pages)])
        if args.all_seeds:
            for raw in sorted((REPO / "corpus" / "raw").glob("*.txt")):
                if raw.stem != SEED_TEXT.stem:
                    results[f"{raw.stem}, clean 300 dpi renders"] = other_seed(raw.stem)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    for name, figures in results.items():
        print(f"== {name}")
        for key, value in figures.items():
            if isinstance(value, dict):
                print(f"  {key}: " + ", ".join(f"{k} {v:.3f}" for k, v in value.items()))
            elif isinstance(value, float) and key.startswith("seconds"):
                print(f"  {key}: {value:.1f}")
            elif isinstance(value, float):
                print(f"  {key}: {value:.3f}")
            else:
                print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
