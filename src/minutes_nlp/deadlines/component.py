"""The `deadlines` pipeline component: fills `Decision.deadlines`."""

from __future__ import annotations

from pathlib import Path

from minutes_nlp.model import Decision
from minutes_nlp.pipeline import Component, DecisionContext, register_component


@register_component("deadlines")
def make_deadlines_component(cues: str | Path | None = None) -> Component:
    """`cues`: a TOML file of word lists replacing the shipped `data/deadlines.toml`."""
    from minutes_nlp import deadlines

    extractor = deadlines.DeadlineExtractor(deadlines.DeadlineCues.load(cues)) if cues else deadlines.default_extractor()

    def tag_deadlines(decision: Decision, context: DecisionContext) -> None:
        decision.deadlines = extractor(decision.text, context.meeting_date)

    return tag_deadlines
