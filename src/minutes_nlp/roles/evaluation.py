"""Scoring implementer extraction against a labelled corpus (ANNOTATION.md §3).

Within a decision, predicted and gold implementers are compared as multisets
(`Counter` intersection), summed over decisions (micro average):

* role ids: precision, recall, F1, overall and per role;
* places: every place name of every implementer, same way;
* entries: (role, scope, places) triples, which also scores scope;
* decisions whose implementers are all right, in order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from minutes_nlp.metrics import Score
from minutes_nlp.model import Implementer
from minutes_nlp.roles.extractor import RoleExtractor


@dataclass(slots=True)
class RoleError:
    """A decision whose implementers differ from the gold ones."""

    id: str
    implementer_text: str | None
    gold: list[tuple[str, str, list[str]]]
    predicted: list[tuple[str, str, list[str]]]


@dataclass(slots=True)
class RoleReport:
    """Scores of implementer extraction over a set of decisions."""

    decisions: int = 0
    decisions_right: int = 0
    roles: Score = field(default_factory=Score)
    places: Score = field(default_factory=Score)
    entries: Score = field(default_factory=Score)
    per_role: dict[str, Score] = field(default_factory=dict)
    errors: list[RoleError] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "decisions": self.decisions,
            "decisions_right": self.decisions_right,
            "roles": self.roles.to_dict(),
            "places": self.places.to_dict(),
            "entries": self.entries.to_dict(),
            "per_role": {role: score.to_dict() for role, score in sorted(self.per_role.items())},
            "errors": [asdict(error) for error in self.errors],
        }


def _triple(implementer: Implementer | Mapping[str, Any]) -> tuple[str, str, list[str]]:
    if isinstance(implementer, Implementer):
        return implementer.role, implementer.scope, list(implementer.places)
    return implementer["role"], implementer["scope"], list(implementer["places"])


def evaluate(records: Iterable[Mapping[str, Any]], extractor: RoleExtractor, *, errors: int = 10) -> RoleReport:
    """Score `extractor` on labelled decisions (corpus records: `text`,
    `implementer_text`, `district` of the meeting, gold `implementers`)."""
    report = RoleReport()
    for record in records:
        predicted = [_triple(i) for i in extractor.from_decision(
            record["text"], record.get("implementer_text"), district=record.get("district")
        )]
        gold = [_triple(i) for i in record.get("implementers") or []]
        report.decisions += 1
        gold_roles, predicted_roles = Counter(g[0] for g in gold), Counter(p[0] for p in predicted)
        report.roles.add(gold_roles, predicted_roles)
        for role in gold_roles | predicted_roles:
            report.per_role.setdefault(role, Score()).add(Counter({role: gold_roles[role]}), Counter({role: predicted_roles[role]}))
        report.places.add(Counter(p for g in gold for p in g[2]), Counter(p for q in predicted for p in q[2]))
        report.entries.add(Counter((g[0], g[1], tuple(g[2])) for g in gold), Counter((p[0], p[1], tuple(p[2])) for p in predicted))
        if gold == predicted:
            report.decisions_right += 1
        elif len(report.errors) < errors:
            report.errors.append(RoleError(str(record.get("id", "")), record.get("implementer_text"), gold, predicted))
    return report


def format_report(report: RoleReport) -> str:
    """A plain-text table of the report."""
    width = max([len("role+scope+places"), *(len(role) + 2 for role in report.per_role)])
    lines = [
        f"{report.decisions} decisions, {report.decisions_right} with every implementer right",
        f"{'':{width}} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}",
    ]
    for name, score in (("role ids", report.roles), ("places", report.places), ("role+scope+places", report.entries)):
        lines.append(f"{name:{width}} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} {score.tp + score.fn:5d}")
    lines.append("")
    for role, score in sorted(report.per_role.items(), key=lambda item: -(item[1].tp + item[1].fn)):
        lines.append(f"{'  ' + role:{width}} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} {score.tp + score.fn:5d}")
    if report.errors:
        lines.append("")
        lines.append("errors:")
        for error in report.errors:
            lines.append(f"  {error.id}: {error.implementer_text!r}")
            lines.append(f"    gold      {error.gold}")
            lines.append(f"    predicted {error.predicted}")
    return "\n".join(lines)
