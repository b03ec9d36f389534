"""The `implementers` pipeline component: fills `Decision.implementers`."""

from __future__ import annotations

from pathlib import Path

from minutes_nlp.model import Decision
from minutes_nlp.pipeline import Component, DecisionContext, register_component


@register_component("implementers")
def make_implementers_component(lexicon: str | Path | None = None, roles: str | Path | None = None) -> Component:
    """`lexicon`: a TOML file replacing the shipped `data/roles.toml`;
    `roles`: a TSV file replacing the shipped `taxonomy/roles.tsv` (same columns)."""
    from minutes_nlp import roles as roles_module

    if lexicon or roles:
        extractor = roles_module.RoleExtractor(roles_module.RoleLexicon.load(lexicon, roles))
    else:
        extractor = roles_module.default_extractor()

    def tag_implementers(decision: Decision, context: DecisionContext) -> None:
        decision.implementers = extractor.from_decision(
            decision.text, decision.implementer_text, district=context.district
        )

    return tag_implementers
