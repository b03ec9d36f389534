"""Minutes written without a table: numbered items with labelled fields.

    আলোচ্যসূচি-১: ই-নথি বাস্তবায়ন
    আলোচনা: …
    সিদ্ধান্ত: ক) … খ) …
    বাস্তবায়নে: উপজেলা নির্বাহী অফিসার (সকল)

or `১। ই-নথি বাস্তবায়ন` as the item heading. A layout is only taken as such
when at least one item has a সিদ্ধান্ত field; the fields feed the same item
logic as table cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from minutes_nlp.model import Skipped
from minutes_nlp.normalize import parse_int
from minutes_nlp.parsing.items import Item, add_decisions, assign_ids

_D = "[0-9০-৯]"
_AGENDA_HEADING = re.compile(
    rf"^\s*(?:আলোচ্য\s*(?:বিষয়|সূচি)|আলোচ্যসূচি|এজেন্ডা)\s*(?:নং|নম্বর)?\s*[-–:ঃ]?\s*\(?({_D}{{1,2}})\)?\s*[:ঃ।.)\-–]?\s*(.*)$"
)
_NUMBERED_HEADING = re.compile(rf"^\s*\(?({_D}{{1,2}})\s*[।.)]\)?\s*(.+)$")
_FIELDS: list[tuple[str, re.Pattern[str]]] = [
    ("discussion", re.compile(r"^\s*(?:আলোচনা|আলোচনার\s+সারসংক্ষেপ)\s*[:ঃ\-–]\s*(.*)$")),
    ("decision", re.compile(r"^\s*(?:গৃহীত\s+)?সিদ্ধান্ত(?:সমূহ)?\s*[:ঃ\-–]\s*(.*)$")),
    ("implementer", re.compile(r"^\s*(?:বাস্তবায়নে(?:র\s+দায়িত্ব)?|বাস্তবায়নকারী|দায়িত্বপ্রাপ্ত(?:\s+কর্মকর্তা)?)\s*[:ঃ\-–]\s*(.*)$")),
    ("topic", re.compile(r"^\s*(?:বিষয়|আলোচ্য\s+বিষয়)\s*[:ঃ\-–]\s*(.*)$")),
]
# Where the items end: the closing sentence, the signature, the memo line, the distribution list.
_END = re.compile(r"সমাপ্তি\s+ঘোষণা|^\s*বিতরণ|^\s*(?:স্মারক\s*)?(?:নং|নম্বর)\s*[:ঃ\-]")


@dataclass(slots=True)
class _Block:
    number: str
    line: int
    fields: dict[str, list[str]]


@dataclass(slots=True)
class BlockResult:
    items: list[Item]
    skipped: list[Skipped]
    end: int  # index of the first line after the items


def _field(line: str) -> tuple[str, str] | None:
    for name, pattern in _FIELDS:
        m = pattern.match(line)
        if m:
            return name, m.group(1).strip()
    return None


def _has_field_ahead(lines: list[str], start: int) -> bool:
    """Does a labelled field follow before the next numbered heading?"""
    for line in lines[start:]:
        if not line.strip():
            continue
        if _field(line):
            return True
        if _AGENDA_HEADING.match(line) or _NUMBERED_HEADING.match(line) or _END.search(line):
            return False
    return False


def parse_blocks(lines: list[str], start: int, doc_id: str) -> BlockResult | None:
    """Items of a table-less layout from line index `start`, or None if there is none."""
    blocks: list[_Block] = []
    current_field: str | None = None
    end = start
    for i in range(start, len(lines)):
        line = lines[i].strip()
        if not line:
            continue
        if _END.search(line) and blocks:
            break
        heading = _AGENDA_HEADING.match(line)
        if heading is None and _NUMBERED_HEADING.match(line) and _has_field_ahead(lines, i + 1):
            heading = _NUMBERED_HEADING.match(line)
        labelled = _field(line)
        if heading and not labelled:
            blocks.append(_Block(heading.group(1), i + 1, {"topic": [heading.group(2).strip()] if heading.group(2).strip() else []}))
            current_field = "topic"
        elif labelled and blocks:
            current_field = labelled[0]
            blocks[-1].fields.setdefault(current_field, []).append(labelled[1])
        elif blocks and current_field:
            blocks[-1].fields.setdefault(current_field, []).append(line)
        else:
            continue
        end = i + 1
    if not any(block.fields.get("decision") for block in blocks):
        return None

    items: list[Item] = []
    skipped: list[Skipped] = []
    for block in blocks:
        text = {name: "\n".join(x for x in parts if x) for name, parts in block.fields.items()}
        topic, discussion = text.get("topic") or None, text.get("discussion") or None
        if topic and not discussion and "\n" in topic:
            topic, discussion = topic.split("\n", 1)
        item = Item(block.number, parse_int(block.number), topic, discussion, None, block.line)
        items.append(item)
        add_decisions(item, text.get("decision", ""), text.get("implementer") or None, block.line, skipped, continuation=False)
    assign_ids(items, doc_id)
    return BlockResult(items, skipped, end)
