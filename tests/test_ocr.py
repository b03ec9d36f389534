"""Reading scans: OCR keeps the agenda table, so decisions split with their item numbers.

The tests that run Tesseract skip when it (or its Bengali model) is missing;
the rest (table finding, pages joined, missing Tesseract, damaged images) run
everywhere. Figures measured with benchmarks/ocr_cer.py (Tesseract 5.3, ben+eng):
decision CER 0.000 / 0.016 / 0.000 on the scanned page 1, page CER 0.004.
"""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from minutes_nlp import parse
from minutes_nlp.errors import CorruptInputError, MissingDependencyError
from minutes_nlp.normalize import normalize_text
from minutes_nlp.reading import ocr, read_document, read_document_bytes
from minutes_nlp.reading.layout import Block, Paragraph, Table, append_page

from conftest import SEEDS

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCANNED_PAGE = FIXTURES / "scans" / "rajshahi-2023-12-p1.png"
SEED_PDF = FIXTURES / "documents" / "rajshahi-2023-12.pdf"
# A little above the worst decision measured (0.016 on 02: SOMS read as 50৬15).
MAX_DECISION_CER = 0.05

needs_tesseract = pytest.mark.skipif(
    not ocr.available(), reason=f"Tesseract with its Bengali model is not installed here ({ocr.INSTALL_HINT})"
)


def fold(text: str) -> str:
    return " ".join(normalize_text(text).split())


def distances(hypothesis: str, reference: str) -> list[int]:
    """Last row of the Levenshtein table: entry j is the distance to reference[:j]."""
    previous = list(range(len(reference) + 1))
    for i, char in enumerate(hypothesis, start=1):
        current = [i]
        for j, ref_char in enumerate(reference, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != ref_char)))
        previous = current
    return previous


def cer(hypothesis: str, reference: str) -> float:
    hypothesis, reference = fold(hypothesis), fold(reference)
    return distances(hypothesis, reference)[-1] / len(reference)


def prefix_cer(hypothesis: str, reference: str) -> float:
    """CER against the beginning of `reference` it matches best: the row a page break cut."""
    hypothesis, reference = fold(hypothesis), fold(reference)
    row = distances(hypothesis, reference)
    end = min(range(1, len(row)), key=lambda j: (row[j], -j))
    return row[end] / end


@pytest.fixture(scope="module")
def seed_decisions() -> dict[str, str]:
    minutes = parse(SEEDS["rajshahi-2023-12"].read_text(encoding="utf-8"))
    return {d.item: d.text for d in minutes.decisions if d.item}


@pytest.fixture(scope="module")
def scanned_page():
    return read_document(SCANNED_PAGE)


# ------------------------------------------------------------ with Tesseract


@needs_tesseract
def test_scan_is_read_as_an_image_with_an_ocr_note(scanned_page):
    assert scanned_page.format == "image"
    assert scanned_page.notes == [("ocr", "read by OCR (Tesseract ben+eng) from 1 page image(s); check names and numbers")]


@needs_tesseract
def test_decisions_of_the_scanned_page_split_with_their_item_numbers(scanned_page):
    minutes = parse(scanned_page.text)
    # Page 1 holds items ০১, ০২ and the beginning of ০৩ (the page break cuts its row).
    assert [d.item for d in minutes.decisions] == ["০১", "০২", "০৩"]
    assert [d.item_no for d in minutes.decisions] == [1, 2, 3]
    assert not [w for w in minutes.warnings if w.code in ("no-table", "item-without-number", "table-without-header")]


@needs_tesseract
def test_decision_texts_are_read_with_few_errors(scanned_page, seed_decisions):
    found = {d.item: d.text for d in parse(scanned_page.text).decisions}
    assert cer(found["০১"], seed_decisions["০১"]) <= MAX_DECISION_CER
    assert cer(found["০২"], seed_decisions["০২"]) <= MAX_DECISION_CER
    # The cut row: what the page holds is the beginning of the seed's decision.
    assert prefix_cer(found["০৩"], seed_decisions["০৩"]) <= MAX_DECISION_CER
    assert fold(found["০৩"]).startswith("রাজশাহী জেলা এবং")


@needs_tesseract
def test_agenda_rows_keep_their_five_cells(scanned_page):
    rows = [line.split("\t") for line in scanned_page.text.split("\n") if "\t" in line]
    agenda = [cells for cells in rows if len(cells) == 5]
    assert [cells[0] for cells in agenda[1:]] == ["০১.", "০২.", "০৩"]
    assert agenda[0][1:] == ["আলোচ্য বিষয়", "আলোচনার বিষয়", "সিদ্ধান্ত", "বাস্তবায়নে"]
    # The implementer cell stays apart from the decision.
    assert agenda[2][4] == "সংশ্লিষ্ট সকল"


@needs_tesseract
def test_key_value_header_is_a_two_column_table(scanned_page):
    rows = [line.split("\t") for line in scanned_page.text.split("\n") if "\t" in line]
    header = {cells[0]: cells[1] for cells in rows if len(cells) == 2}
    assert set(header) == {"সভাপতি", "সভার তারিখ", "সভার সময়", "স্থান", "উপস্থিতি"}
    meeting = parse(scanned_page.text).meeting
    assert meeting.date == date(2023, 12, 4)
    assert meeting.chair is not None and meeting.chair.name == "মোঃ নুরুজ্জামান দেওয়ান"
    # The letterhead above the tables comes first, as paragraphs; its short line
    # of three large words is kept (Tesseract drops it as noise unless told not to).
    lines = scanned_page.text.split("\n")
    assert lines[0] == "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার"
    assert normalize_text("জেলা কার্যালয়, রাজশাহী") in lines[:6]


def _split_in_a_row(page: Image.Image, near: float) -> int:
    """A y inside the agenda table where no cell has ink (a gap between text lines),
    the nearest to `near` × the page height: only the column rules cross it."""
    grey = np.asarray(page)
    dark = (grey < 128).sum(axis=1)
    rules_only = (dark > 0) & (dark <= 40)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], rules_only.astype(np.int8), [0]))))
    gaps = [(int(a) + int(b)) // 2 for a, b in zip(edges[::2], edges[1::2], strict=True) if 5 <= b - a <= 40]
    return min(gaps, key=lambda y: abs(y - near * page.height))


@needs_tesseract
def test_a_row_cut_by_a_page_break_is_one_row_again(seed_decisions):
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(SEED_PDF))
    page = pdf[0].render(scale=300 / 72).to_pil().convert("L")
    pdf.close()
    cut = _split_in_a_row(page, 0.58)  # inside the rows of items ০১ / ০২, between two text lines
    top, bottom = page.crop((0, 0, page.width, cut)), page.crop((0, cut, page.width, page.height))
    tiff = io.BytesIO()
    top.save(tiff, format="TIFF", save_all=True, append_images=[bottom], compression="tiff_lzw")

    document = read_document_bytes(tiff.getvalue(), "two-pages.tif")

    assert "from 2 page image(s)" in document.notes[0][1]
    minutes = parse(document.text)
    assert [d.item for d in minutes.decisions] == ["০১", "০২", "০৩"]
    found = {d.item: d.text for d in minutes.decisions}
    assert cer(found["০১"], seed_decisions["০১"]) <= MAX_DECISION_CER
    assert cer(found["০২"], seed_decisions["০২"]) <= MAX_DECISION_CER
    numberless = [line for line in document.text.split("\n") if line.startswith("\t")]
    assert numberless == []  # the second half of the row did not become a row of its own


@needs_tesseract
def test_a_scanned_pdf_broken_across_two_pages_is_read_as_one_table(seed_decisions):
    """A PDF holding only page images (no text layer): its pages go to OCR
    together, so the row that the page break cut is one row again."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(SEED_PDF))
    page = pdf[0].render(scale=300 / 72).to_pil().convert("L")
    pdf.close()
    cut = _split_in_a_row(page, 0.58)
    halves = [page.crop((0, 0, page.width, cut)).convert("RGB"), page.crop((0, cut, page.width, page.height)).convert("RGB")]
    scan = io.BytesIO()
    halves[0].save(scan, format="PDF", resolution=300, save_all=True, append_images=halves[1:])

    document = read_document_bytes(scan.getvalue(), "scan.pdf")

    assert document.format == "pdf"
    assert [code for code, _ in document.notes] == ["ocr"]
    assert "2 of 2 PDF page(s)" in document.notes[0][1]
    minutes = parse(document.text)
    assert [d.item for d in minutes.decisions] == ["০১", "০২", "০৩"]
    assert cer(minutes.decisions[0].text, seed_decisions["০১"]) <= MAX_DECISION_CER
    assert not [line for line in document.text.split("\n") if line.startswith("\t")]


@needs_tesseract
def test_the_committed_image_only_pdf_reads_like_the_png(scanned_page):
    from_pdf = parse(read_document(FIXTURES / "scans" / "rajshahi-2023-12-scan.pdf").text)
    from_png = parse(scanned_page.text)
    assert [d.item for d in from_pdf.decisions] == [d.item for d in from_png.decisions] == ["০১", "০২", "০৩"]


# ------------------------------------------------------------ without Tesseract


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_without_pytesseract_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pytesseract", None)  # import fails
    assert not ocr.available()
    with pytest.raises(MissingDependencyError) as caught:
        read_document_bytes(_png(Image.new("L", (400, 300), 255)), "scan.png")
    message = str(caught.value)
    assert "\n" not in message and message.startswith("scan.png: ")
    assert "apt-get install tesseract-ocr tesseract-ocr-ben" in message
    assert "pip install 'minutes-nlp[ocr]'" in message


def test_without_the_tesseract_program_the_error_says_what_to_install(monkeypatch):
    pytesseract = pytest.importorskip("pytesseract")

    def not_found(*args: object, **kwargs: object) -> list[str]:
        raise pytesseract.TesseractNotFoundError()

    monkeypatch.setattr(pytesseract, "get_languages", not_found)
    assert not ocr.available()
    with pytest.raises(MissingDependencyError, match="tesseract-ocr-ben.*the tesseract program was not found"):
        ocr.ocr_pages([Image.new("L", (400, 300), 255)])


def test_without_the_bengali_model_the_error_names_it(monkeypatch):
    pytesseract = pytest.importorskip("pytesseract")
    monkeypatch.setattr(pytesseract, "get_languages", lambda *args, **kwargs: ["eng", "osd"])
    assert not ocr.available()
    with pytest.raises(MissingDependencyError, match="no model for: ben"):
        read_document_bytes(_png(Image.new("L", (400, 300), 255)), "scan.png")


@pytest.mark.parametrize(
    "damage",
    [lambda data: data[: len(data) // 2], lambda data: data[:16] + bytes(400), lambda data: data[:8]],
    ids=["truncated", "garbage-after-signature", "signature-only"],
)
def test_a_damaged_png_is_corrupt_input(damage):
    data = damage(SCANNED_PAGE.read_bytes())
    with pytest.raises(CorruptInputError) as caught:
        read_document_bytes(data, "damaged.png")
    assert "cannot open the image" in str(caught.value)
    assert "\n" not in str(caught.value) and " at 0x" not in str(caught.value)


def _drawn_table(turn: float) -> Image.Image:
    """A page with a 4-row, 3-column ruled table: the last row's two right cells
    merged (no rule between them), "words" in the cells, one of them a line of
    words whose headlines run together longer than a sixth of the page, as
    Bangla words set close do."""
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    xs, ys = [200, 700, 1500, 2280], [600, 700, 1100, 1500, 1900]
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=3)
    for k, x in enumerate(xs):
        bottom = ys[-2] if k == 2 else ys[-1]  # the rule between the last row's right cells is missing
        draw.line([(x, ys[0]), (x, bottom)], fill=0, width=3)
    for y in (760, 830, 900):  # "words": a headline with letters hanging from it
        left = 740
        for width in (180, 240, 150):
            draw.rectangle([left, y, left + width, y + 5], fill=0)
            for x in range(left + 4, left + width - 8, 14):
                draw.rectangle([x, y, x + 8, y + 40], fill=0)
            left += width + 6  # set close: the headlines nearly touch
    draw.rectangle([240, 730, 300, 770], fill=0)  # an item number
    return page.rotate(turn, resample=Image.Resampling.BICUBIC, fillcolor=255)


@pytest.mark.parametrize("turn", [0.0, 1.2, -0.7])
def test_a_ruled_table_is_found_as_a_grid_of_cells(turn):
    layout = ocr._analyse(_drawn_table(turn))
    assert layout is not None
    assert len(layout.grids) == 1
    grid = layout.grids[0]
    assert (grid.rows, grid.columns) == (4, 3)
    cells = {(cell.row, cell.column) for cell in grid.cells}
    # The merged cell is one cell in its first column; the row still has three columns.
    assert (3, 1) in cells and (3, 2) not in cells
    assert len(cells) == 11
    # The rules are painted out; the words' headlines, though they run together
    # longer than a rule must be, are not (letters hang from them).
    assert (layout.grey[650:690, 190:2290] < 128).sum() == 0
    for y in (760, 830, 900):
        band = layout.grey[y - 4:y + 9, 760:1300] < 128
        assert band.any(axis=0).mean() > 0.95


def test_the_turn_of_a_page_is_measured_back():
    assert ocr._skew_angle(np.asarray(_drawn_table(1.2)) < 128) == pytest.approx(-1.2, abs=0.06)
    assert ocr._skew_angle(np.asarray(_drawn_table(-0.7)) < 128) == pytest.approx(0.7, abs=0.06)


def _blocks_of(*rows: list[str]) -> list[Block]:
    return [Table([list(row) for row in rows])]


def test_a_row_broken_by_the_page_is_joined_to_the_row_before():
    blocks: list[Block] = [Paragraph("সভাপতি ...")]
    append_page(blocks, _blocks_of(["০৩", "স্কুল অফ ফিউচার", "রাজশাহী জেলা এবং মোহনপুর, চারঘাট,", "প্রোগ্রামার, রাজশাহী"]))
    append_page(blocks, _blocks_of(["", "", "বাগমারা ও তানোর উপজেলায় আলোচনা করা হয়।", "এবং সহকারী"], ["০৪.", "সিটিজেন চার্টার", "আলোচনা হয়।", "সংশ্লিষ্ট সকল"]))
    table = blocks[1]
    assert isinstance(table, Table) and len(blocks) == 2
    assert table.rows == [
        ["০৩", "স্কুল অফ ফিউচার", "রাজশাহী জেলা এবং মোহনপুর, চারঘাট, বাগমারা ও তানোর উপজেলায় আলোচনা করা হয়।", "প্রোগ্রামার, রাজশাহী এবং সহকারী"],
        ["০৪.", "সিটিজেন চার্টার", "আলোচনা হয়।", "সংশ্লিষ্ট সকল"],
    ]


def test_a_complete_row_is_not_joined_to_the_next_page():
    blocks = _blocks_of(["০৮.", "প্রতিবেদন দাখিল", "সকল প্রতিবেদন প্রেরণ করতে হবে।", "সংশ্লিষ্ট সকল"])
    # A row without a number after a finished sentence: a further decision of the item (the parser's continuation row).
    append_page(blocks, _blocks_of(["", "", "ফলো-আপ নিতে হবে।", "প্রোগ্রামার"]))
    assert len(blocks) == 1 and isinstance(blocks[0], Table) and len(blocks[0].rows) == 2
    # A page that starts with text, or with a table of other columns, is not joined.
    append_page(blocks, [Paragraph("সভায় আর কোন আলোচ্য বিষয় না থাকায় ...")])
    append_page(blocks, _blocks_of(["", "নাম"]))
    assert len(blocks) == 3


def test_a_repeated_header_and_the_page_numbers_between_pages_go():
    header = ["ক্রম", "আলোচ্য বিষয়", "আলোচনা", "সিদ্ধান্ত", "বাস্তবায়নে"]
    blocks: list[Block] = [Table([header, ["০৮.", "প্রতিবেদন দাখিল", "আলোচনা করা হয়।", "সকল প্রতিবেদন যথাসময়ে প্রেরণ নিশ্চিত করতে", "সংশ্লিষ্ট সকল"]])]
    blocks.append(Paragraph("পৃষ্ঠা ১ এর ২"))
    # The next page repeats the header (its first word misread) before the rest of the row.
    reread_header = ["এম", *header[1:]]
    append_page(blocks, [Paragraph("- ২ -"), Table([reread_header, ["", "", "", "হবে ও নিয়মিত ফলো-আপ নিতে হবে।", ""]])])
    assert len(blocks) == 1
    table = blocks[0]
    assert isinstance(table, Table)
    assert table.rows[1][3] == "সকল প্রতিবেদন যথাসময়ে প্রেরণ নিশ্চিত করতে হবে ও নিয়মিত ফলো-আপ নিতে হবে।"
    assert len(table.rows) == 2


def test_a_row_alike_the_first_only_in_its_empty_cells_is_not_a_header():
    blocks: list[Block] = [Table([["", "", "রাজশাহী জেলা এবং", ""], ["০৪.", "সিটিজেন চার্টার", "ওয়েব পোর্টালে হালনাগাদ করে", "সকল"]])]
    append_page(blocks, _blocks_of(["", "", "আপলোড করার বিষয়ে আলোচনা হয়।", ""]))
    table = blocks[0]
    assert isinstance(table, Table) and len(table.rows) == 2
    assert table.rows[1][2] == "ওয়েব পোর্টালে হালনাগাদ করে আপলোড করার বিষয়ে আলোচনা হয়।"
