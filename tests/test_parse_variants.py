"""The parser on realistic variants of minutes that the seeds do not show.

Each text is written as other offices write their minutes: other header
separators, tables without a serial column, items numbered ১। ২।, pipe
tables, a table with no decision column, a header without a table.
"""

from __future__ import annotations

import datetime as dt

from minutes_nlp import parse

UPAZILA_MINUTES = """গণপ্রজাতন্ত্রী বাংলাদেশ সরকার
উপজেলা নির্বাহী অফিসারের কার্যালয়
মোহনপুর, রাজশাহী।

উপজেলা আইসিটি কমিটির মার্চ/২০২৪ মাসের সভার কার্যবিবরণী

সভাপতিঃ মোছাঃ আয়শা সিদ্দিকা, উপজেলা নির্বাহী অফিসার, মোহনপুর, রাজশাহী।
সভার তারিখঃ ১২ মার্চ ২০২৪ খ্রিঃ
সভার সময়ঃ বিকাল ৩.০০ ঘটিকা
সভার স্থানঃ উপজেলা পরিষদ সভাকক্ষ, মোহনপুর।

সভাপতি উপস্থিত সকলকে স্বাগত জানিয়ে সভার কার্যক্রম শুরু করেন।

ক্রমিক নং\tআলোচ্য বিষয়\tআলোচনা\tসিদ্ধান্ত\tবাস্তবায়নে
১।\tই-নথি\tউপজেলার সকল দপ্তরে ই-নথি চালুর অগ্রগতি নিয়ে আলোচনা হয়।\tসকল দপ্তরে আগামী ৩০/০৪/২০২৪ তারিখের মধ্যে ই-নথি চালু করতে হবে।\tসকল দপ্তর প্রধান, মোহনপুর
২।\tউদ্ভাবনী উদ্যোগ\tইনোভেশন টিমের সভা নিয়মিত হচ্ছে না।\t(ক) প্রতি মাসে ইনোভেশন টিমের সভা করতে হবে। (খ) নতুন উদ্ভাবনী ধারণা জেলায় প্রেরণ করতে হবে।\tসহকারী প্রোগ্রামার, মোহনপুর
৩।\tবিবিধ\tআর কোন বিষয় আলোচিত হয়নি।\t\t

আর কোন আলোচ্য বিষয় না থাকায় সভাপতি সকলকে ধন্যবাদ জানিয়ে সভার সমাপ্তি ঘোষণা করেন।

মোছাঃ আয়শা সিদ্দিকা
উপজেলা নির্বাহী অফিসার
মোহনপুর, রাজশাহী।

স্মারক নং- ০৫.৪৭.৮১৬৫.০০০.০৬.০১২.২৪.১৪২\tতারিখঃ ১৪ মার্চ ২০২৪ খ্রিঃ
২৯ ফাল্গুন ১৪৩০ বঙ্গাব্দ
"""


def test_upazila_office_with_colon_separators():
    m = parse(UPAZILA_MINUTES)
    meeting = m.meeting
    assert meeting.district == "রাজশাহী"
    assert meeting.upazila == "মোহনপুর"
    assert meeting.date == dt.date(2024, 3, 12)
    assert meeting.time == "15:00"
    assert meeting.venue == "উপজেলা পরিষদ সভাকক্ষ, মোহনপুর"
    assert meeting.chair.name == "মোছাঃ আয়শা সিদ্দিকা"
    assert meeting.chair.designation.startswith("উপজেলা নির্বাহী অফিসার")
    assert meeting.memo_no == "০৫.৪৭.৮১৬৫.০০০.০৬.০১২.২৪.১৪২"
    assert meeting.issue_date == dt.date(2024, 3, 14)
    # ২৯ ফাল্গুন ১৪৩০ falls in a leap year's ফাল্গুন of 30 days: 2024-03-13, one day off.
    assert meeting.issue_date_bangla_gregorian == dt.date(2024, 3, 13)
    assert [w.code for w in m.warnings] == ["issue-dates-disagree"]


def test_items_numbered_with_dari_and_letter_sub_decisions():
    m = parse(UPAZILA_MINUTES)
    assert [(d.item, d.sub) for d in m.decisions] == [("১", None), ("২", "ক"), ("২", "খ")]
    assert m.decisions[1].text == "প্রতি মাসে ইনোভেশন টিমের সভা করতে হবে।"
    assert m.decisions[2].text == "নতুন উদ্ভাবনী ধারণা জেলায় প্রেরণ করতে হবে।"
    assert m.decisions[2].implementer_text == "সহকারী প্রোগ্রামার, মোহনপুর"
    # Item ৩ has no decision and no directive sentence: reported, not dropped.
    assert any("without a decision" in s.reason for s in m.skipped)


NO_SERIAL_PIPE_TABLE = """জেলা প্রশাসকের কার্যালয়, কুড়িগ্রাম
আইসিটি শাখা

জেলা আইসিটি কমিটির সভার কার্যবিবরণী

সভাপতি: মোঃ সাইদুল আরীফ জেলা প্রশাসক
সভার তারিখ: ০৫-০২-২০২৪
সভার সময়: সকাল ১০:৩০

| আলোচ্য বিষয় | আলোচনা | সিদ্ধান্ত | বাস্তবায়নকারী |
|---|---|---|---|
| ওয়েবসাইট হালনাগাদ | দপ্তরের ওয়েবসাইট হালনাগাদ নেই। | সকল দপ্তরের ওয়েবসাইট হালনাগাদ করতে হবে। | দপ্তর প্রধান (সকল) |
| কর্মশালা আয়োজন | সাইবার নিরাপত্তা বিষয়ে কর্মশালা প্রয়োজন। | আগামী মাসে সাইবার নিরাপত্তা বিষয়ে কর্মশালা আয়োজন করা হবে। | সহকারী কমিশনার (আইসিটি) |

স্মারক নং: ০৫.৪৪.৪৯০০.০০৭.০৬.০০১.২৪.৫৬ তারিখ: ০৮/০২/২০২৪
"""


def test_pipe_table_without_serial_column_numbers_items_in_order():
    m = parse(NO_SERIAL_PIPE_TABLE)
    assert m.meeting.district == "কুড়িগ্রাম"
    assert m.meeting.date == dt.date(2024, 2, 5)
    assert m.meeting.time == "10:30"
    assert m.meeting.chair.name == "মোঃ সাইদুল আরীফ"
    assert m.meeting.chair.designation == "জেলা প্রশাসক"
    assert [(d.item, d.item_no, d.topic) for d in m.decisions] == [
        (None, 1, "ওয়েবসাইট হালনাগাদ"),
        (None, 2, "কর্মশালা আয়োজন"),
    ]
    assert m.decisions[1].implementer_text == "সহকারী কমিশনার (আইসিটি)"
    assert [s.reason for s in m.skipped] == ["markdown separator row"]
    assert m.meeting.memo_no == "০৫.৪৪.৪৯০০.০০৭.০৬.০০১.২৪.৫৬"
    assert m.meeting.issue_date == dt.date(2024, 2, 8)


DISCUSSION_ONLY = """জেলা প্রশাসকের কার্যালয়, নাটোর

সভাপতি\tজনাব মোঃ আবু নাছের ভূঞা, জেলা প্রশাসক, নাটোর
সভার তারিখ\t২৩/১০/২০২২ খ্রি.

ক্রম\tআলোচ্য বিষয়\tআলোচনা ও সিদ্ধান্ত\tবাস্তবায়নে
০১\tই-নথি\tজেলার দপ্তরসমূহে ই-নথির ব্যবহার সন্তোষজনক নয়। সকল দপ্তরে ই-নথির মাধ্যমে পত্র জারি করতে হবে। ই-নথির অগ্রগতি প্রতিবেদন প্রতি মাসে প্রেরণের জন্য অনুরোধ করা হয়।\tসকল দপ্তর প্রধান
০২\tবিবিধ\tসভায় বিবিধ বিষয়ে আলোচনা হয়।\t
"""


def test_combined_discussion_and_decision_column_yields_directive_sentences():
    m = parse(DISCUSSION_ONLY)
    texts = [d.text for d in m.decisions]
    assert texts == [
        "সকল দপ্তরে ই-নথির মাধ্যমে পত্র জারি করতে হবে।",
        "ই-নথির অগ্রগতি প্রতিবেদন প্রতি মাসে প্রেরণের জন্য অনুরোধ করা হয়।",
    ]
    assert all(d.item == "০১" and d.implementer_text == "সকল দপ্তর প্রধান" for d in m.decisions)
    assert m.decisions[0].id != m.decisions[1].id
    assert any(s.reason == "item without a decision or a directive sentence" for s in m.skipped)


HEADER_ONLY = """গণপ্রজাতন্ত্রী বাংলাদেশ সরকার
জেলা প্রশাসকের কার্যালয়, ফেনী

সভাপতি : জনাব আবু সেলিম মাহমুদ-উল হাসান, জেলা প্রশাসক
সভার তারিখ : ১০ জানুয়ারি, ২০২৪
সভার সময় : সকাল ১১.০০ টা
স্থান : জেলা প্রশাসকের সম্মেলন কক্ষ

সভায় বিস্তারিত আলোচনা হয় এবং আলোচনার পর সভাপতি সভার সমাপ্তি ঘোষণা করেন।
"""


def test_header_without_table_returns_meeting_and_a_warning():
    m = parse(HEADER_ONLY)
    assert m.decisions == []
    assert "no-table" in [w.code for w in m.warnings]
    assert m.meeting.district == "ফেনী"
    assert m.meeting.date == dt.date(2024, 1, 10)
    assert m.meeting.time == "11:00"
    assert m.meeting.venue == "জেলা প্রশাসকের সম্মেলন কক্ষ"


BROKEN_CELL = """জেলা কার্যালয়, যশোর

সভাপতি\tমোঃ আব্দুল্লাহ প্রোগ্রামার
সভার তারিখ\t০৭.০৮.২০২৪

ক্রম\tবিষয়\tআলোচনা\tসিদ্ধান্ত\tবাস্তবায়নে
০১\tডিজিটাল ল্যাব\tল্যাবসমূহ পরিদর্শন করা হয়নি।\tক) সকল ল্যাব পরিদর্শন করতে হবে।
খ) পরিদর্শন প্রতিবেদন প্রতি মাসের ১০ তারিখের মধ্যে দাখিল করতে হবে।\tসহকারী প্রোগ্রামার (সকল)
০২\tপরিচ্ছন্নতা\tঅফিস কক্ষ পরিচ্ছন্ন রাখা প্রয়োজন।\tঅফিস কক্ষ নিয়মিত পরিষ্কার রাখতে হবে।\tসংশ্লিষ্ট সকল
"""


def test_a_cell_broken_over_two_lines_is_joined():
    m = parse(BROKEN_CELL)
    assert m.meeting.district == "যশোর"
    assert m.meeting.chair.name == "মোঃ আব্দুল্লাহ"
    assert m.meeting.chair.designation == "প্রোগ্রামার"
    assert [(d.item, d.sub, d.implementer_text) for d in m.decisions] == [
        ("০১", "ক", "সহকারী প্রোগ্রামার (সকল)"),
        ("০১", "খ", "সহকারী প্রোগ্রামার (সকল)"),
        ("০২", None, "সংশ্লিষ্ট সকল"),
    ]
    assert m.decisions[1].text == "পরিদর্শন প্রতিবেদন প্রতি মাসের ১০ তারিখের মধ্যে দাখিল করতে হবে।"
    assert m.skipped == []


def test_precomposed_and_nukta_spellings_parse_alike():
    precomposed = BROKEN_CELL.replace("\u09af\u09bc", "\u09df").replace("\u09a1\u09bc", "\u09dc")
    assert precomposed != BROKEN_CELL
    a, b = parse(precomposed), parse(BROKEN_CELL)
    assert [d.text for d in a.decisions] == [d.text for d in b.decisions]
    assert a.meeting == b.meeting


def test_repeated_header_row_after_a_page_break_is_skipped():
    lines = BROKEN_CELL.split("\n")
    header = next(line for line in lines if line.startswith("ক্রম"))
    text = BROKEN_CELL.replace("০২\tপরিচ্ছন্নতা", header + "\n০২\tপরিচ্ছন্নতা")
    m = parse(text)
    assert len(m.decisions) == 3
    assert [s.reason for s in m.skipped] == ["repeated table header row"]


BLOCK_LAYOUT = """গণপ্রজাতন্ত্রী বাংলাদেশ সরকার
উপজেলা নির্বাহী অফিসারের কার্যালয়, চারঘাট, রাজশাহী

উপজেলা ই-গভর্ন্যান্স ও উদ্ভাবন কমিটির মাসিক সভার কার্যবিবরণী

সভাপতি: জনাব মোঃ রাসেল আহমেদ, উপজেলা নির্বাহী অফিসার, চারঘাট
সভার তারিখ: ০৩ এপ্রিল ২০২৪
সভার সময়: সকাল ১০.৩০ ঘটিকা

সভাপতি উপস্থিত সকলকে স্বাগত জানিয়ে সভার কাজ শুরু করেন। অতঃপর আলোচ্যসূচি অনুযায়ী আলোচনা হয়।

আলোচ্যসূচি-১: ই-নথি বাস্তবায়ন
আলোচনা: উপজেলার কয়েকটি দপ্তরে এখনও হার্ডফাইলে নথি নিষ্পত্তি হচ্ছে।
সিদ্ধান্ত: ক) সকল দপ্তরের ডাক ই-নথিতে গ্রহণ করতে হবে।
খ) হার্ডফাইলে নথি উপস্থাপন নিরুৎসাহিত করতে হবে।
বাস্তবায়নে: সকল দপ্তর প্রধান, চারঘাট

আলোচ্যসূচি-২: ইনোভেশন শোকেসিং
আলোচনা: জেলা পর্যায়ের শোকেসিংয়ে অংশগ্রহণের জন্য উদ্ভাবনী উদ্যোগ বাছাই করা প্রয়োজন।
সিদ্ধান্ত: আগামী ২০ এপ্রিল ২০২৪ তারিখের মধ্যে দুটি উদ্ভাবনী উদ্যোগ বাছাই করে জেলায় প্রেরণ করতে হবে।
বাস্তবায়নে: সহকারী প্রোগ্রামার, চারঘাট

আর কোনো আলোচ্য বিষয় না থাকায় সভাপতি সকলকে ধন্যবাদ জানিয়ে সভার সমাপ্তি ঘোষণা করেন।

স্মারক নং: ০৫.৪৭.৮১২৫.০০০.০৬.০০৪.২৪.৯৮ তারিখ: ০৭/০৪/২০২৪
"""


def test_minutes_without_a_table_in_labelled_blocks():
    m = parse(BLOCK_LAYOUT)
    assert m.meeting.upazila == "চারঘাট" and m.meeting.district == "রাজশাহী"
    assert [(d.item, d.sub, d.topic) for d in m.decisions] == [
        ("১", "ক", "ই-নথি বাস্তবায়ন"),
        ("১", "খ", "ই-নথি বাস্তবায়ন"),
        ("২", None, "ইনোভেশন শোকেসিং"),
    ]
    assert m.decisions[1].text == "হার্ডফাইলে নথি উপস্থাপন নিরুৎসাহিত করতে হবে।"
    assert m.decisions[0].discussion == "উপজেলার কয়েকটি দপ্তরে এখনও হার্ডফাইলে নথি নিষ্পত্তি হচ্ছে।"
    assert m.decisions[2].implementer_text == "সহকারী প্রোগ্রামার, চারঘাট"
    assert "no-table" not in [w.code for w in m.warnings]
    assert m.meeting.memo_no == "০৫.৪৭.৮১২৫.০০০.০৬.০০৪.২৪.৯৮"
    assert m.meeting.issue_date == dt.date(2024, 4, 7)


HEADERLESS = """জেলা প্রশাসকের কার্যালয়, নওগাঁ

সভাপতি\tজনাব গোলাম মওলা, জেলা প্রশাসক
সভার তারিখ\t১৪/০৫/২০২৩

০১\tওয়েব পোর্টাল\tপোর্টাল হালনাগাদ নেই।\tসকল দপ্তরের পোর্টাল হালনাগাদ করতে হবে।\tদপ্তর প্রধান (সকল)
০২\tফেসবুক পেজ\tঅনেক দপ্তরের পেজ নেই।\tপ্রত্যেক দপ্তরের অফিসিয়াল ফেসবুক পেজ খুলতে হবে।\tদপ্তর প্রধান (সকল)

পরিশিষ্ট-ক: উপস্থিতি
ক্রম\tনাম\tপদবি
১\tমোঃ করিম\tপ্রোগ্রামার
২\tমোঃ রহিম\tসহকারী প্রোগ্রামার
"""


def test_table_without_header_row_is_read_by_its_cell_count_and_attendance_is_not():
    m = parse(HEADERLESS)
    assert [(d.item, d.topic, d.text) for d in m.decisions] == [
        ("০১", "ওয়েব পোর্টাল", "সকল দপ্তরের পোর্টাল হালনাগাদ করতে হবে।"),
        ("০২", "ফেসবুক পেজ", "প্রত্যেক দপ্তরের অফিসিয়াল ফেসবুক পেজ খুলতে হবে।"),
    ]
    assert "table-without-header" in [w.code for w in m.warnings]
    assert m.meeting.district == "নওগাঁ"


REMARKS_COLUMN = """জেলা কার্যালয়, কুষ্টিয়া

সভাপতি\tমোঃ আলমগীর হোসেন প্রোগ্রামার
সভার তারিখ\t২২.০৯.২০২৪

ক্রমিক\tআলোচ্য বিষয়\tসিদ্ধান্ত\tবাস্তবায়নকারী\tমন্তব্য
০১\tল্যাব পরিদর্শন\tসকল ডিজিটাল ল্যাব পরিদর্শন করতে হবে।\tসহকারী প্রোগ্রামার (সকল)\tচলমান
০২\tপ্রশিক্ষণ\tপ্রশিক্ষণ কার্যক্রম মনিটরিং করতে হবে।\tপ্রোগ্রামার\t
"""


def test_a_remarks_column_is_recognised_and_its_cells_reported():
    m = parse(REMARKS_COLUMN)
    assert [d.text for d in m.decisions] == ["সকল ডিজিটাল ল্যাব পরিদর্শন করতে হবে।", "প্রশিক্ষণ কার্যক্রম মনিটরিং করতে হবে।"]
    assert [(s.text, s.reason) for s in m.skipped] == [("চলমান", "cell of a column not read as part of a decision (মন্তব্য)")]


SPACED_HEADER = """গণপ্রজাতন্ত্রী বাংলাদেশ সরকার
জেলা প্রশাসকের কার্যালয়, মৌলভীবাজার
(আইসিটি শাখা)

জেলা ডিজিটাল সেন্টার ও আইসিটি কমিটির ১০ ডিসেম্বর ২০২৩ তারিখে অনুষ্ঠিত সভার কার্যবিবরণী

সভাপতি : জনাব ড. উর্মি বিনতে সালাম, জেলা প্রশাসক

স্থান : জেলা প্রশাসকের সম্মেলন কক্ষ   সময় : বিকাল ৩.০০ ঘটিকা

সভায় উপস্থিত সদস্যদের তালিকা পরিশিষ্ট 'ক' তে দেখানো হলো।

ক্রঃ নং\tআলোচ্য বিষয় ও আলোচনা\tগৃহীত সিদ্ধান্ত\tবাস্তবায়নকারী
১.\tডিজিটাল সেন্টারঃ কয়েকটি ইউনিয়ন ডিজিটাল সেন্টার নিয়মিত খোলা থাকে না।\tসকল ইউনিয়ন ডিজিটাল সেন্টার অফিস সময়ে খোলা রাখতে হবে।\tউপজেলা নির্বাহী অফিসার (সকল)
"""


def test_header_rows_apart_two_labels_on_a_line_and_the_date_in_the_title():
    m = parse(SPACED_HEADER)
    meeting = m.meeting
    assert meeting.district == "মৌলভীবাজার"
    assert meeting.chair.name == "জনাব ড. উর্মি বিনতে সালাম"
    assert meeting.chair.designation == "জেলা প্রশাসক"
    assert meeting.venue == "জেলা প্রশাসকের সম্মেলন কক্ষ"
    assert meeting.time == "15:00"
    assert meeting.date == dt.date(2023, 12, 10)  # only the title has it
    assert "no-meeting-date" not in [w.code for w in m.warnings]
    (decision,) = m.decisions
    assert decision.topic == "ডিজিটাল সেন্টার"
    assert decision.discussion == "কয়েকটি ইউনিয়ন ডিজিটাল সেন্টার নিয়মিত খোলা থাকে না।"
    assert decision.item == "১"


def test_serial_column_with_an_unreadable_header_is_found_by_its_item_numbers():
    # OCR reads the header ক্রঃ as ঃ; the column's cells are still item numbers.
    text = (
        "সভার তারিখ\t০৪/১২/২০২৩\n\n"
        "ঃ\tআলোচ্য বিষয়\tআলোচনা\tসিদ্ধান্ত\tবাস্তবায়নে\n"
        "০১.\tই-নথি\tআলোচনা হয়।\tসকল ডাক ই-নথিতে নিষ্পন্ন করতে হবে।\tসকল\n"
        "০২.\tপোর্টাল\tআলোচনা হয়।\tতথ্য বাতায়ন হালনাগাদ করতে হবে।\tসকল\n"
    )
    minutes = parse(text)
    assert [(d.item, d.text) for d in minutes.decisions] == [
        ("০১", "সকল ডাক ই-নথিতে নিষ্পন্ন করতে হবে।"),
        ("০২", "তথ্য বাতায়ন হালনাগাদ করতে হবে।"),
    ]
    assert minutes.skipped == []


def test_an_unnamed_column_of_words_is_not_taken_for_the_serial_column():
    text = (
        "সভার তারিখ\t০৪/১২/২০২৩\n\n"
        "ক্রম\tআলোচ্য বিষয়\tসিদ্ধান্ত\tফাইল\n"
        "০১.\tই-নথি\tসকল ডাক ই-নথিতে নিষ্পন্ন করতে হবে।\tনথি-১\n"
        "০২.\tপোর্টাল\tতথ্য বাতায়ন হালনাগাদ করতে হবে।\tনথি-২\n"
    )
    assert [d.item for d in parse(text).decisions] == ["০১", "০২"]
