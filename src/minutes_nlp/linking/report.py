"""Writing link results: pairs.jsonl, families.jsonl and a readable summary."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

from minutes_nlp.model import Family, LinkedPair, LinkedPairs, Links

SUMMARY_FAMILIES = 200  # the summary lists this many largest families; the JSONL has all


def write(links: Links, out: Path) -> dict[str, Path]:
    """Write the three files into `out` (created if needed); returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {"pairs": out / "pairs.jsonl", "families": out / "families.jsonl", "summary": out / "summary.txt"}
    with paths["pairs"].open("w", encoding="utf-8") as file:
        file.writelines(pair_lines(links.pairs))
    with paths["families"].open("w", encoding="utf-8") as file:
        for family in links.families:
            file.write(json.dumps(family.to_dict(), ensure_ascii=False) + "\n")
    paths["summary"].write_text(summary(links), encoding="utf-8")
    return paths


def pair_lines(pairs: Sequence[LinkedPair]) -> Iterator[str]:
    """The JSONL lines of the pairs, each `json.dumps(pair.to_dict())`: written out by hand, with
    each id encoded once, because an archive has millions of pairs and few distinct ids."""
    rows = pairs.rows() if isinstance(pairs, LinkedPairs) else ((p.a, p.b, p.score) for p in pairs)
    encoded: dict[str, str] = {}

    def encode(text: str) -> str:
        found = encoded.get(text)
        if found is None:
            found = encoded[text] = json.dumps(text, ensure_ascii=False)
        return found

    for a, b, score in rows:
        yield f'{{"a": {encode(a)}, "b": {encode(b)}, "score": {float(score)!r}}}\n'


def summary(links: Links, limit: int = SUMMARY_FAMILIES) -> str:
    """Families by size, each with its timeline: month, district, decision id and item."""
    linked = sum(len(f.members) for f in links.families)
    lines = [
        f"{links.decisions} decisions, {len(links.families)} families of near-duplicates holding {linked} of them, "
        f"{len(links.pairs)} linked pairs (threshold {links.threshold:.2f}, {links.candidates} candidate pairs verified).",
        "",
    ]
    for family in links.families[:limit]:
        lines.extend(_family_lines(family))
        lines.append("")
    if len(links.families) > limit:
        lines.append(f"… {len(links.families) - limit} smaller families are in families.jsonl.")
    return "\n".join(lines).rstrip() + "\n"


def _family_lines(family: Family) -> list[str]:
    months = family.months
    span = f"{months[0]} … {months[-1]}" if len(months) > 1 else (months[0] if months else "months unknown")
    head = f"{family.id}: {len(family.members)} decisions, {len(family.districts)} district(s), {span}"
    lines = [head, f"  “{_short(family.representative)}”"]
    for member in family.members:
        where = " ".join(x for x in (member.month or "????-??", member.district or "") if x)
        item = f" item {member.item}" if member.item else ""
        lines.append(f"  {where}  {member.id}{item}")
    return lines


def _short(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
