"""Word (.docx) and portal HTML readers: the seed minutes read from both formats
tag to the same decisions as the seed text; merged cells, damaged files, page
chrome, encodings and link-only pages."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK

from minutes_nlp import Tagger
from minutes_nlp.errors import CorruptInputError, EmptyInputError, InputTooLargeError, MinutesError, UnsupportedFormatError
from minutes_nlp.normalize import normalize_text
from minutes_nlp.reading import html_page, read_document, read_document_bytes, sniff, word

from conftest import SEEDS

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DOCUMENTS = FIXTURES / "documents"
PORTAL = FIXTURES / "portal"
FORMATS = {"docx": DOCUMENTS, "html": PORTAL}

TAGGER = Tagger(components=[])


def folded(text: str) -> str:
    return " ".join(normalize_text(text).split())


def tagged(text: str):
    return TAGGER.tag_text(text)


@pytest.fixture(scope="module")
def seed_minutes():
    return {name: tagged(path.read_text(encoding="utf-8")) for name, path in SEEDS.items()}


# ---------------------------------------------------------------------------
# Acceptance: both formats give the seed's decisions and meeting header


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_document_tags_to_the_seed_decisions(name, fmt, seed_minutes):
    document = read_document(FORMATS[fmt] / f"{name}.{fmt}")
    assert document.format == fmt
    got = tagged(document.text)
    want = seed_minutes[name]
    assert len(got.decisions) == len(want.decisions)
    assert [folded(d.text) for d in got.decisions] == [folded(d.text) for d in want.decisions]
    assert [d.item for d in got.decisions] == [d.item for d in want.decisions]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_document_gives_the_seed_meeting_header(name, fmt, seed_minutes):
    got = tagged(read_document(FORMATS[fmt] / f"{name}.{fmt}").text).meeting
    want = seed_minutes[name].meeting
    for field in ("office", "district", "title", "date", "time", "venue", "chair", "memo_no", "issue_date", "distribution"):
        assert getattr(got, field) == getattr(want, field), field


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_all_seeds_give_51_decisions(fmt):
    total = sum(len(tagged(read_document(FORMATS[fmt] / f"{name}.{fmt}").text).decisions) for name in SEEDS)
    assert total == 51


# ---------------------------------------------------------------------------
# Word: document order, merged cells, numbering, Bijoy runs


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def read_docx(document) -> str:
    return read_document_bytes(docx_bytes(document), "test.docx").text


def test_paragraphs_and_tables_keep_their_document_order():
    document = docx.Document()
    document.add_paragraph("জেলা কার্যালয়, রাজশাহী")
    first = document.add_table(rows=1, cols=2)
    first.rows[0].cells[0].text, first.rows[0].cells[1].text = "সভাপতি", "মোঃ নুরুজ্জামান দেওয়ান"
    document.add_paragraph("সভাপতি সভায় উপস্থিত সদস্যদেরকে স্বাগত জানান।")
    second = document.add_table(rows=1, cols=3)
    for cell, text in zip(second.rows[0].cells, ["০১.", "ই-নথি", "সকল ডাক ই-নথিতে নিষ্পন্ন করতে হবে।"], strict=True):
        cell.text = text
    document.add_paragraph("বিতরণ:")
    assert read_docx(document).split("\n") == [
        "জেলা কার্যালয়, রাজশাহী",
        "",
        "সভাপতি\tমোঃ নুরুজ্জামান দেওয়ান",
        "",
        "সভাপতি সভায় উপস্থিত সদস্যদেরকে স্বাগত জানান।",
        "",
        "০১.\tই-নথি\tসকল ডাক ই-নথিতে নিষ্পন্ন করতে হবে।",
        "",
        "বিতরণ:",
        "",
    ]


def test_consecutive_paragraphs_are_consecutive_lines_and_an_empty_one_is_a_blank_line():
    document = docx.Document()
    document.add_paragraph("গণপ্রজাতন্ত্রী বাংলাদেশ সরকার")
    document.add_paragraph("জেলা প্রশাসকের কার্যালয়, লালমনিরহাট")
    document.add_paragraph("")
    signature = document.add_paragraph("মোঃ আবু জাফর")
    signature.add_run().add_break(WD_BREAK.LINE)
    signature.add_run("জেলা প্রশাসক")
    assert read_docx(document) == "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার\nজেলা প্রশাসকের কার্যালয়, লালমনিরহাট\n\nমোঃ আবু জাফর\nজেলা প্রশাসক\n"


def merged_minutes() -> docx.Document:
    """A two-level header (আলোচনা ও সিদ্ধান্ত over আলোচনা | সিদ্ধান্ত, the other
    header cells merged down) and an item whose serial, topic and discussion
    cells are merged down over its two decision rows."""
    document = docx.Document()
    document.add_paragraph("ডিসেম্বর ২০২৩ মাসে অনুষ্ঠিত সমন্বয় সভার কার্যবিবরণী")
    table = document.add_table(rows=5, cols=5)
    top, sub = table.rows[0].cells, table.rows[1].cells
    for cell, text in zip(top, ["ক্রম", "আলোচ্য বিষয়", "আলোচনা ও সিদ্ধান্ত", "", "বাস্তবায়নে"], strict=True):
        cell.text = text
    top[2].merge(top[3])
    sub[2].text, sub[3].text = "আলোচনা", "সিদ্ধান্ত"
    for column in (0, 1, 4):
        top[column].merge(sub[column])
    first, second, third = (row.cells for row in table.rows[2:])
    for cell, text in zip(first, ["০১.", "ই-নথি ব্যবহার", "ই-নথি ব্যবহার নিয়ে আলোচনা হয়।", "সকল ডাক ই-নথিতে নিষ্পন্ন করতে হবে।", "সকল কর্মকর্তা"], strict=True):
        cell.text = text
    second[3].text, second[4].text = "নথি নিয়মিত হালনাগাদ করতে হবে।", "প্রোগ্রামার"
    for column in (0, 1, 2):
        first[column].merge(second[column])
    for cell, text in zip(third, ["০২.", "বিবিধ", "অন্যান্য বিষয়ে আলোচনা হয়।", "অর্পিত দায়িত্ব যথাসময়ে পালন করতে হবে।", "সকল"], strict=True):
        cell.text = text
    return document


def test_merged_cells_keep_the_column_grid():
    lines = read_docx(merged_minutes()).split("\n")
    table = [line.split("\t") for line in lines if "\t" in line]
    assert table[0] == ["ক্রম", "আলোচ্য বিষয়", "আলোচনা", "সিদ্ধান্ত", "বাস্তবায়নে"]  # the two header rows as one
    assert table[1] == ["০১.", "ই-নথি ব্যবহার", "ই-নথি ব্যবহার নিয়ে আলোচনা হয়।", "সকল ডাক ই-নথিতে নিষ্পন্ন করতে হবে।", "সকল কর্মকর্তা"]
    assert table[2] == ["", "", "", "নথি নিয়মিত হালনাগাদ করতে হবে।", "প্রোগ্রামার"]  # merged-down cells are empty
    assert len(table) == 4


def test_merged_cells_tag_to_one_item_with_two_decisions():
    minutes = tagged(read_docx(merged_minutes()))
    assert [(d.item, d.text) for d in minutes.decisions] == [
        ("০১", "সকল ডাক ই-নথিতে নিষ্পন্ন করতে হবে।"),
        ("০১", "নথি নিয়মিত হালনাগাদ করতে হবে।"),
        ("০২", "অর্পিত দায়িত্ব যথাসময়ে পালন করতে হবে।"),
    ]


def test_a_cell_merged_across_the_row_is_written_once_in_the_first_column():
    document = docx.Document()
    table = document.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells, ["ক্রম", "আলোচনা", "সিদ্ধান্ত", "বাস্তবায়নে"], strict=True):
        cell.text = text
    heading = table.rows[1].cells[0].merge(table.rows[1].cells[3])
    heading.text = "বিগত সভার সিদ্ধান্ত বাস্তবায়ন অগ্রগতি"
    assert read_docx(document).split("\n")[1] == "বিগত সভার সিদ্ধান্ত বাস্তবায়ন অগ্রগতি\t\t\t"


def test_nested_table_is_flattened_into_its_cell_row_by_row():
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    cell = table.rows[0].cells[1]
    cell.text = "ক) ভবন নির্মাণ:"
    inner = cell.add_table(rows=2, cols=2)
    for row, texts in zip(inner.rows, [("সদর", "ছাদ ঢালাই সম্পন্ন।"), ("লামা", "কাজ চলমান।")], strict=True):
        row.cells[0].text, row.cells[1].text = texts
    cell.add_paragraph("খ) নিয়মিত তদারকি করতে হবে।")
    table.rows[0].cells[0].text = "০৯"
    assert read_docx(document) == "০৯\tক) ভবন নির্মাণ: সদর ছাদ ঢালাই সম্পন্ন। লামা কাজ চলমান। খ) নিয়মিত তদারকি করতে হবে।\n"


def test_automatic_list_numbers_are_written_into_the_text():
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for cell, text in zip(table.rows[0].cells, ["ক্রম", "সিদ্ধান্ত", "বাস্তবায়নে"], strict=True):
        cell.text = text
    for row, decision in zip(table.rows[1:], ["সকল ডাক ই-নথিতে নিষ্পন্ন করতে হবে।", "ল্যাব সচল রাখতে হবে।"], strict=True):
        row.cells[0].paragraphs[0].style = document.styles["List Number"]  # Word numbers the ক্রম column itself
        row.cells[1].text, row.cells[2].text = decision, "প্রোগ্রামার"
    document.add_paragraph("বিতরণ:")
    document.add_paragraph("মহাপরিচালক", style="List Bullet")
    document.add_paragraph("অফিস কপি", style="List Bullet")
    text = read_docx(document)
    assert "1.\tসকল ডাক" in text and "2.\tল্যাব" in text
    minutes = tagged(text)
    assert [d.item for d in minutes.decisions] == ["1", "2"]
    assert minutes.meeting.distribution == ["মহাপরিচালক", "অফিস কপি"]


def bijoy_document() -> docx.Document:
    document = docx.Document()
    paragraph = document.add_paragraph()
    for text in ("mfv", "cwZ"):  # one Bijoy word split over two runs (as Word splits at edits)
        run = paragraph.add_run(text)
        run.font.name = "SutonnyMJ"
    paragraph.add_run(" মোঃ নুরুজ্জামান")  # Unicode in another font stays as it is
    styled = document.styles.add_style("BijoyBody", 1)
    styled.font.name = "SutonnyMJ"
    document.add_paragraph("mfvi ZvwiL", style="BijoyBody")  # the font comes from the paragraph style
    english = document.add_paragraph("SOMS")
    english.runs[0].font.name = "Times New Roman"
    return document


def test_bijoy_runs_are_converted_together_with_the_font_from_runs_or_styles(monkeypatch):
    from minutes_nlp.reading import bijoy

    seen: list[str] = []

    def to_unicode(text: str, *, keep_latin: bool = True) -> str:
        assert not keep_latin  # a run in a Bijoy font holds no English words
        seen.append(text)
        return f"<{text}>"

    monkeypatch.setattr(bijoy, "is_bijoy_font", lambda name: bool(name) and name.lower().startswith("sutonny"))
    monkeypatch.setattr(bijoy, "to_unicode", to_unicode)
    document = read_document_bytes(docx_bytes(bijoy_document()), "bijoy.docx")
    assert document.text == "<mfvcwZ> মোঃ নুরুজ্জামান\n<mfvi ZvwiL>\nSOMS\n"
    assert seen == ["mfvcwZ", "mfvi ZvwiL"]
    assert [code for code, _ in document.notes] == ["bijoy"]
    assert "SutonnyMJ" in document.notes[0][1]


def test_bijoy_runs_read_as_unicode_with_the_real_converter():
    text = read_document_bytes(docx_bytes(bijoy_document()), "bijoy.docx").text
    assert text.split("\n")[0] == "সভাপতি মোঃ নুরুজ্জামান"


# ---------------------------------------------------------------------------
# Word: damaged and wrong files


def zip_bytes(files: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def seed_docx_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(DOCUMENTS / "rajshahi-2023-12.docx") as archive:
        return {name: archive.read(name) for name in archive.namelist()}


RELS_TO_WORKBOOK = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)


def damaged_cases() -> dict[str, tuple[bytes, type[MinutesError], str]]:
    whole = (DOCUMENTS / "rajshahi-2023-12.docx").read_bytes()
    parts = seed_docx_parts()
    broken_xml = dict(parts, **{"word/document.xml": parts["word/document.xml"][:4000]})
    return {
        "truncated": (whole[: len(whole) // 2], CorruptInputError, "not a readable ZIP archive"),
        "random-after-pk": (b"PK\x03\x04" + bytes(range(7, 250)) * 20, CorruptInputError, "not a readable ZIP archive"),
        "zip-without-document": (zip_bytes({"notes.txt": "সভার নোট"}), UnsupportedFormatError, "no word/document.xml"),
        "xlsx": (zip_bytes({"[Content_Types].xml": "<Types/>", "_rels/.rels": RELS_TO_WORKBOOK, "xl/workbook.xml": "<workbook/>"}), UnsupportedFormatError, "Excel workbook"),
        "odt": (zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}), UnsupportedFormatError, ".odt"),
        "broken-xml": (zip_bytes(broken_xml), CorruptInputError, "XML is broken"),
        "no-content-types": (zip_bytes({k: v for k, v in parts.items() if k != "[Content_Types].xml"}), CorruptInputError, "Content_Types"),
    }


@pytest.mark.parametrize("case", sorted(damaged_cases()))
def test_damaged_or_wrong_zip_files_raise_a_one_line_minutes_error(case):
    data, error_type, words = damaged_cases()[case]
    assert sniff(data) == "docx"  # every ZIP goes to the Word reader, which names what is wrong
    with pytest.raises(error_type) as raised:
        read_document_bytes(data, f"{case}.docx")
    message = str(raised.value)
    assert words in message
    assert "\n" not in message and message.startswith(f"{case}.docx: ")


def test_a_corrupted_part_inside_a_valid_zip_is_a_corrupt_input_error():
    data = bytearray((DOCUMENTS / "rajshahi-2023-12.docx").read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        offset = archive.getinfo("word/document.xml").header_offset + 500
    data[offset : offset + 40] = bytes(b ^ 0x55 for b in data[offset : offset + 40])
    with pytest.raises(CorruptInputError, match="damaged Word file"):
        read_document_bytes(bytes(data), "flipped.docx")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch):
    monkeypatch.setattr(word, "MAX_DOCUMENT_XML_BYTES", 20_000)
    parts = seed_docx_parts()
    parts["word/document.xml"] = parts["word/document.xml"] + b" " * 30_000  # whitespace after the root: unpacks large
    with pytest.raises(InputTooLargeError, match="word/document.xml would unpack to"):
        read_document_bytes(zip_bytes(parts), "bomb.docx")


def test_a_docx_renamed_to_txt_is_read_as_word(tmp_path):
    renamed = tmp_path / "minutes.txt"
    renamed.write_bytes((DOCUMENTS / "rajshahi-2023-12.docx").read_bytes())
    document = read_document(renamed)
    assert document.format == "docx"
    assert len(tagged(document.text).decisions) == 11


# ---------------------------------------------------------------------------
# HTML: page chrome, content, tables, encodings, links


CHROME_TEXTS = ["প্রচ্ছদ", "সভাপতির বাণী", "নোটিশ বোর্ড", "জেলা আইসিটি কমিটি", "কর্মকর্তাবৃন্দ", "সর্বস্বত্ব", "প্রকাশের তারিখ", "লুকানো", "Facebook", "অনুসন্ধান"]


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_portal_menus_sidebars_and_footer_stay_out_of_the_minutes(name, seed_minutes):
    page = (PORTAL / f"{name}.html").read_text(encoding="utf-8")
    assert all(text in page for text in CHROME_TEXTS)  # the page does have them
    seed_text = SEEDS[name].read_text(encoding="utf-8")
    text = read_document(PORTAL / f"{name}.html").text
    assert [t for t in CHROME_TEXTS if t in text and t not in seed_text] == []
    meeting = tagged(text).meeting
    assert meeting.office == seed_minutes[name].meeting.office
    assert meeting.chair == seed_minutes[name].meeting.chair


NOISY_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>সভার কার্যবিবরণী</title><style>p{color:red}</style></head>
<body>
<div id="top-banner">গণপ্রজাতন্ত্রী বাংলাদেশ সরকার — জেলা প্রশাসকের কার্যালয়, নাটোর</div>
<div class="main-menu"><ul><li><a href="/">প্রচ্ছদ</a></li><li><a href="#">সভাপতি ও সদস্যবৃন্দ</a></li></ul></div>
<div class="container">
 <div class="col-left widget-area"><h3>সাম্প্রতিক কার্যবিবরণী</h3><p>সভাপতি: জনাব মেনু মিয়া</p>
   <table><tr><th>ক্রম</th><th>সিদ্ধান্ত</th><th>আলোচনা</th></tr><tr><td>১</td><td>এটি সাইডবারের সারণি</td><td>-</td></tr></table></div>
 <div class="content">
  <p>গণপ্রজাতন্ত্রী বাংলাদেশ সরকার<br>উপজেলা নির্বাহী অফিসারের কার্যালয়<br>সিংড়া, নাটোর</p>
  <h3>উপজেলা আইসিটি কমিটির সভার কার্যবিবরণী</h3>
  <table><tr><td>সভাপতি</td><td>মোছাঃ রুবিনা আক্তার<br>উপজেলা নির্বাহী অফিসার</td></tr>
         <tr><td>সভার তারিখ</td><td>১২/০৩/২০২৪ খ্রি.</td></tr></table>
  <p>&nbsp;</p>
  <div class="table-responsive"><table border="1">
   <thead><tr><th rowspan="2">ক্রম</th><th rowspan="2">আলোচ্য বিষয়</th><th colspan="2">আলোচনা ও সিদ্ধান্ত</th><th rowspan="2">বাস্তবায়নে</th></tr>
          <tr><th>আলোচনা</th><th>সিদ্ধান্ত</th></tr></thead>
   <tbody>
    <tr><td rowspan="2">০১</td><td rowspan="2">ডিজিটাল সেন্টার</td><td rowspan="2"><p>সেন্টারগুলোর সেবা নিয়ে</p><p>আলোচনা হয়।</p></td>
        <td>সকল ডিজিটাল সেন্টার<br>নিয়মিত খোলা রাখতে হবে।</td><td>সহকারী প্রোগ্রামার</td></tr>
    <tr><td>সেবার তালিকা <b>হালনাগাদ</b> করতে হবে।</td><td>উদ্যোক্তাগণ</td></tr>
    <tr><td>০২</td><td>ভবন</td><td><p>অগ্রগতি:</p><table><tr><td>সদর</td><td>চলমান</td></tr></table></td><td>কাজ দ্রুত শেষ করতে হবে।</td><td>প্রকৌশলী</td></tr>
   </tbody></table></div>
  <p>বিতরণ:</p><ol><li>জেলা প্রশাসক, নাটোর</li><li>অফিস কপি</li></ol>
 </div>
</div>
<footer><p>© ২০২৪ সর্বস্বত্ব সংরক্ষিত</p></footer>
<script>var menu = "সভাপতি";</script>
</body></html>"""


def test_portal_page_with_rowspan_colspan_and_nested_table_reads_as_the_parser_expects():
    document = html_page.read(NOISY_PAGE.encode("utf-8"), "page.html")
    assert document.text.split("\n") == [
        "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার",
        "উপজেলা নির্বাহী অফিসারের কার্যালয়",
        "সিংড়া, নাটোর",
        "",
        "উপজেলা আইসিটি কমিটির সভার কার্যবিবরণী",
        "",
        "সভাপতি\tমোছাঃ রুবিনা আক্তার উপজেলা নির্বাহী অফিসার",
        "সভার তারিখ\t১২/০৩/২০২৪ খ্রি.",
        "",
        "",  # each table has a blank line before and after it
        "ক্রম\tআলোচ্য বিষয়\tআলোচনা\tসিদ্ধান্ত\tবাস্তবায়নে",
        "০১\tডিজিটাল সেন্টার\tসেন্টারগুলোর সেবা নিয়ে আলোচনা হয়।\tসকল ডিজিটাল সেন্টার নিয়মিত খোলা রাখতে হবে।\tসহকারী প্রোগ্রামার",
        "\t\t\tসেবার তালিকা হালনাগাদ করতে হবে।\tউদ্যোক্তাগণ",
        "০২\tভবন\tঅগ্রগতি: সদর চলমান\tকাজ দ্রুত শেষ করতে হবে।\tপ্রকৌশলী",
        "",
        "বিতরণ:",
        "- জেলা প্রশাসক, নাটোর",
        "- অফিস কপি",
        "",
    ]
    minutes = tagged(document.text)
    assert [(d.item, d.text) for d in minutes.decisions] == [
        ("০১", "সকল ডিজিটাল সেন্টার নিয়মিত খোলা রাখতে হবে।"),
        ("০১", "সেবার তালিকা হালনাগাদ করতে হবে।"),
        ("০২", "কাজ দ্রুত শেষ করতে হবে।"),
    ]
    assert minutes.meeting.chair is not None and minutes.meeting.chair.name == "মোছাঃ রুবিনা আক্তার"
    assert minutes.meeting.distribution == ["জেলা প্রশাসক, নাটোর", "অফিস কপি"]


def test_page_that_only_links_to_the_minutes_pdf_gets_a_note_naming_the_link():
    document = read_document(PORTAL / "notice-with-pdf-link.html")
    assert document.format == "html"
    codes = [code for code, _ in document.notes]
    assert codes == ["html-links-document"]
    message = document.notes[0][1]
    # the download link and the embedded viewer name one file, resolved against the canonical URL
    assert message.count(".pdf") == 1
    assert "https://doict.rajshahi.gov.bd/sites/default/files/files/doict.rajshahi.gov.bd/notices/2024/minutes-jan-2024.pdf" in message
    assert "october-minutes.pdf" not in message  # the sidebar's links are not the page's document
    minutes = tagged(document.text)
    assert minutes.decisions == []
    assert "no-table" in [w.code for w in minutes.warnings]


def test_page_without_minutes_returns_its_text_without_error():
    page = "<!DOCTYPE html><html><body><nav>প্রচ্ছদ</nav><div class='content'><h2>এক নজরে জেলা</h2><p>আয়তন: ১৮৯৬ বর্গ কিমি</p></div></body></html>"
    document = html_page.read(page.encode("utf-8"), "about.html")
    assert document.text == "এক নজরে জেলা\n\nআয়তন: ১৮৯৬ বর্গ কিমি\n"
    assert document.notes == []


def test_a_page_without_any_text_is_empty_input():
    with pytest.raises(EmptyInputError):
        html_page.read(b"<!DOCTYPE html><html><head><title>x</title></head><body><script>1</script></body></html>", "blank.html")


BODY = "<p>সভার তারিখ: ১২/০৩/২০২৪</p>"


@pytest.mark.parametrize(
    ("data", "notes"),
    [
        (f'<html><head><meta charset="utf-8"></head><body>{BODY}</body></html>'.encode(), []),
        (codecs.BOM_UTF8 + f"<html><body>{BODY}</body></html>".encode(), []),
        (codecs.BOM_UTF16_LE + f"<html><body>{BODY}</body></html>".encode("utf-16-le"), []),
        # a template's Latin declaration on a page saved as UTF-8
        (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body>{BODY}</body></html>'.encode(), []),
        (f"<html><body>{BODY}</body></html>".encode() + b"\xff", ["encoding"]),
    ],
    ids=["meta-utf8", "bom-utf8", "bom-utf16", "latin-declared-utf8", "invalid-utf8"],
)
def test_html_encodings(data, notes):
    document = html_page.read(data, "page.html")
    assert document.text.startswith("সভার তারিখ: ১২/০৩/২০২৪")
    assert [code for code, _ in document.notes] == notes


def test_declared_legacy_charset_is_honoured():
    page = '<html><head><meta charset="iso-8859-2"></head><body><p>Zápis</p></body></html>'.encode("iso-8859-2")
    assert html_page.read(page, "cz.html").text == "Zápis\n"


BIJOY_PAGE = """<html><body><div class="content">
<p><span style="font-size:12pt;font-family:&quot;SutonnyMJ&quot;, serif">mfvcwZ</span> মোঃ নুরুজ্জামান</p>
<p><font face="SutonnyMJ">mfvi ZvwiL</font></p>
<div style="font-family:SutonnyMJ"><p><span style="font-family:Arial">SOMS</span> <b>cÖwkÿY</b></p></div>
</div></body></html>"""


def test_html_text_set_in_a_bijoy_font_is_converted_by_its_nearest_font_declaration():
    document = html_page.read(BIJOY_PAGE.encode("utf-8"), "bijoy.html")
    assert document.text == "সভাপতি মোঃ নুরুজ্জামান\nসভার তারিখ\nSOMS প্রশিক্ষণ\n"
    assert [code for code, _ in document.notes] == ["bijoy"]


def test_a_layout_table_around_the_minutes_is_read_as_its_content():
    page = """<html><body><table width="100%"><tr><td class="left-menu"><a href="#">প্রচ্ছদ</a></td><td>
    <p>জেলা কার্যালয়, রাজশাহী</p>
    <table border="1"><tr><th>ক্রম</th><th>আলোচনা</th><th>সিদ্ধান্ত</th></tr>
    <tr><td>০১</td><td>ই-নথি নিয়ে আলোচনা হয়।</td><td>সকল ডাক ই-নথিতে নিষ্পন্ন করতে হবে।</td></tr></table>
    </td></tr></table></body></html>"""
    document = html_page.read(page.encode("utf-8"), "layout.html")
    assert "জেলা কার্যালয়, রাজশাহী\n\nক্রম\tআলোচনা\tসিদ্ধান্ত\n০১\t" in document.text
    assert "প্রচ্ছদ" not in document.text
    assert [d.text for d in tagged(document.text).decisions] == ["সকল ডাক ই-নথিতে নিষ্পন্ন করতে হবে।"]


def test_a_headerless_agenda_table_is_found_but_a_sidebar_list_of_officers_is_not():
    page = """<html><body>
    <aside><table><tr><td>১</td><td>জনাব মোঃ রফিকুল ইসলাম</td><td>জেলা প্রশাসক</td></tr>
                  <tr><td>২</td><td>জনাব শাহানা পারভীন</td><td>সহকারী কমিশনার</td></tr></table></aside>
    <div class="post"><p>সভাপতি সভায় উপস্থিত সকলকে স্বাগত জানান।</p>
    <table><tr><td>০১</td><td>ই-নথি ব্যবহার নিয়ে বিস্তারিত আলোচনা হয়।</td><td>সকল ডাক ই-নথিতে নিষ্পন্ন করতে হবে।</td><td>সকল শাখা</td></tr>
           <tr><td>০২</td><td>ওয়েব পোর্টাল হালনাগাদ নিয়ে আলোচনা হয়।</td><td>পোর্টাল নিয়মিত হালনাগাদ করতে হবে।</td><td>প্রোগ্রামার</td></tr></table>
    </div></body></html>"""
    text = html_page.read(page.encode("utf-8"), "headerless.html").text
    assert "রফিকুল" not in text
    assert [d.text for d in tagged(text).decisions] == ["সকল ডাক ই-নথিতে নিষ্পন্ন করতে হবে।", "পোর্টাল নিয়মিত হালনাগাদ করতে হবে।"]
