"""The `themes` pipeline component: fills `Decision.themes` from a theme model."""

from __future__ import annotations

from pathlib import Path

from minutes_nlp.model import Decision
from minutes_nlp.pipeline import Component, DecisionContext, register_component


@register_component("themes")
def make_themes_component(model: str | Path | None = None) -> Component:
    """`model`: a model directory; the shipped default model when omitted."""
    from minutes_nlp import themes

    classifier = themes.load(model) if model is not None else themes.default_model()

    def tag_themes(decision: Decision, context: DecisionContext) -> None:
        decision.themes = classifier.predict([(decision.text, decision.topic)])[0]

    return tag_themes
