"""Agenda items and their decisions, shared by the table and the block layouts."""

from __future__ import annotations

from dataclasses import dataclass, field

from minutes_nlp.model import Decision, Skipped
from minutes_nlp.parsing import cells as C


@dataclass(slots=True)
class Item:
    """An agenda item under construction: its cells and the decisions found so far."""

    item: str | None
    item_no: int
    topic: str | None
    discussion: str | None
    implementer_text: str | None
    line: int
    decisions: list[Decision] = field(default_factory=list)
    html_cells: set[str] = field(default_factory=set)
    last_sub: str | None = None


def add_decisions(
    item: Item,
    decision_cell: str,
    implementer_cell: str | None,
    line: int,
    skipped: list[Skipped],
    *,
    continuation: bool,
) -> None:
    """Turn a decision cell (and its implementers) into decisions of `item`.

    Sub-decisions are split at ক) খ) / (ক) (খ) markers (a continuation row
    goes on after the item's last marker), else at a numbered list of two or
    more; an implementer list ending the decision cell is split off; with no
    decision, the directive sentences of the discussion are the decisions.
    """
    decision_text = C.cell_content(decision_cell).text
    implementer_text = C.cell_content(implementer_cell).text if implementer_cell else None
    if not implementer_text and decision_text:
        decision_text, implementer_text = C.split_off_implementers(decision_text)
    if not continuation:
        item.implementer_text = implementer_text

    if not decision_text and not continuation and item.discussion:
        # No decision column (or an empty one): the directive sentences of the
        # discussion are the decisions (ANNOTATION.md).
        directives = [s for s in C.sentences(item.discussion) if C.is_directive(s)]
        if not directives:
            skipped.append(Skipped(line, item.discussion, "item without a decision or a directive sentence"))
            return
        for sentence in directives:
            item.decisions.append(Decision(id="", text=sentence, implementer_text=implementer_text))
        return
    if not decision_text:
        if implementer_text:
            skipped.append(Skipped(line, implementer_text, "implementers without a decision"))
        return

    segments = C.split_markers(decision_text, kind="letter", after=item.last_sub if continuation else None)
    if all(s.marker is None for s in segments):
        segments = C.split_markers(decision_text, kind="digit", min_count=2)
    for segment in segments:
        if segment.marker is None and len(segments) > 1:
            # Text before the first marker: an introduction, kept with the item.
            skipped.append(Skipped(line, segment.text, "text before the first sub-decision marker"))
            continue
        item.decisions.append(Decision(id="", text=segment.text, sub=segment.marker, implementer_text=implementer_text))
        if segment.marker:
            item.last_sub = segment.marker


def assign_ids(items: list[Item], doc_id: str) -> None:
    seen: set[str] = set()
    for item in items:
        several = len(item.decisions) > 1 or any(d.sub for d in item.decisions)
        for k, decision in enumerate(item.decisions, start=1):
            base = f"{doc_id}/{item.item_no:02d}" + (f".{k}" if several else "")
            ident, n = base, 1
            while ident in seen:
                n += 1
                ident = f"{base}-{n}"
            seen.add(ident)
            decision.id = ident
            decision.item = item.item
            decision.item_no = item.item_no
            decision.topic = item.topic
            decision.discussion = item.discussion
            if decision.implementer_text is None:
                decision.implementer_text = item.implementer_text
