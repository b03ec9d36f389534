"""Check the labelled corpus and fill its derived fields.

    python training/check_corpus.py          # check, print counts per split and theme
    python training/check_corpus.py --fix    # also (re)write derived fields in place

Checks every record of corpus/real and corpus/authored: valid JSON, unique
ids, theme and role ids from the taxonomy, places from the gazetteer,
deadline kinds, ISO values and RRULEs, and that every deadline and
implementer `text` occurs in its field. Derived fields written by --fix:
`start`/`end` offsets of deadlines (in `text`) and implementers (in the
field named by `field`), and `role_bn`/`role_en` from roles.tsv. The counts
printed are those of the dataset card (corpus/README.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

from minutes_nlp import gazetteer
from minutes_nlp.normalize import normalize_text
from minutes_nlp.themes.base import default_labels

REPO = Path(__file__).resolve().parents[1]
SPLITS = {"real": REPO / "corpus" / "real", "authored": REPO / "corpus" / "authored"}
KINDS = {"absolute", "recurring", "relative", "vague"}
RRULE = re.compile(r"^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;[A-Z]+=[A-Z0-9,+-]+)*$")


def roles() -> dict[str, tuple[str, str]]:
    rows = (resources.files("minutes_nlp") / "data" / "taxonomy" / "roles.tsv").read_text(encoding="utf-8").splitlines()[1:]
    table = {}
    for row in rows:
        role, bangla, english = row.split("\t")
        table[role] = (normalize_text(bangla.split("|")[0]), english)
    return table


_WORD_CHAR = re.compile(r"[\w\u0980-\u09ff]")


def locate(haystack: str, needle: str, item: dict) -> int:
    """Offset of `needle`: the recorded one if it is a whole-word match, else the first whole-word occurrence."""

    def whole_word(at: int) -> bool:
        before = haystack[at - 1] if at > 0 else " "
        after = haystack[at + len(needle)] if at + len(needle) < len(haystack) else " "
        return not _WORD_CHAR.match(before) and not _WORD_CHAR.match(after)

    recorded = item.get("start")
    recorded_ok = isinstance(recorded, int) and haystack[recorded : recorded + len(needle)] == needle
    if recorded_ok and whole_word(recorded):
        return recorded
    at = haystack.find(needle)
    while at >= 0:
        if whole_word(at):
            return at
        at = haystack.find(needle, at + 1)
    return recorded if recorded_ok else haystack.find(needle)


def first_occurrence(rule: str, start: dt.date) -> str:
    from dateutil.rrule import rrulestr

    first = rrulestr(rule, dtstart=dt.datetime.combine(start, dt.time()))[0]
    return first.date().isoformat()


def check_record(row: dict, role_table: dict[str, tuple[str, str]], places: set[str], fix: bool) -> list[str]:
    problems = []
    themes = set(default_labels())
    for key in ("id", "doc_id", "source", "text", "themes"):
        if not row.get(key) and key != "themes":
            problems.append(f"missing {key}")
    if not row.get("themes"):
        problems.append("no theme")
    problems += [f"unknown theme {t!r}" for t in row.get("themes", []) if t not in themes]
    if "other" in row.get("themes", []) and len(row["themes"]) > 1:
        problems.append("`other` together with another theme")
    text = row.get("text") or ""
    for deadline in row.get("deadlines", []):
        kind, value = deadline.get("kind"), deadline.get("value") or ""
        if kind not in KINDS:
            problems.append(f"deadline kind {kind!r}")
        elif kind == "relative" and value == deadline.get("text"):
            # relative to a meeting whose date is not written (পরবর্তী সভায়): the cue, no due date
            if deadline.get("due") is not None:
                problems.append(f"relative deadline {value!r} without a date has a due date")
        elif kind in ("absolute", "relative"):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                problems.append(f"{kind} deadline value {value!r} is not an ISO date")
        elif kind == "recurring" and not RRULE.match(value):
            problems.append(f"recurring deadline value {value!r} is not an RRULE")
        elif kind == "recurring" and row.get("meeting_date"):
            # RFC 5545 semantics: the rule starts on the meeting date; `due` is its first occurrence.
            due = first_occurrence(value, dt.date.fromisoformat(row["meeting_date"]))
            if fix:
                deadline["due"] = due
            elif deadline.get("due") != due:
                problems.append(f"recurring deadline due {deadline.get('due')} is not the rule's first occurrence {due}")
        start = locate(text, deadline.get("text") or "\0", deadline)
        if start < 0:
            problems.append(f"deadline text {deadline.get('text')!r} not in text")
        elif fix:
            deadline["start"], deadline["end"] = start, start + len(deadline["text"])
    for implementer in row.get("implementers", []):
        role = implementer.get("role")
        if role not in role_table:
            problems.append(f"unknown role {role!r}")
        if implementer.get("scope") not in ("all", "one"):
            problems.append(f"scope {implementer.get('scope')!r}")
        problems += [f"place {p!r} not in the gazetteer" for p in implementer.get("places", []) if p not in places]
        field = implementer.get("field") or ("implementer_text" if (row.get("implementer_text") or "").find(implementer.get("text", "\0")) >= 0 else "text")
        haystack = row.get(field) or ""
        start = locate(haystack, implementer.get("text") or "\0", implementer)
        if start < 0:
            problems.append(f"implementer text {implementer.get('text')!r} not in {field}")
        elif fix:
            implementer["field"], implementer["start"], implementer["end"] = field, start, start + len(implementer["text"])
            if role in role_table:
                bangla, english = role_table[role]
                implementer["role_bn"] = implementer["text"] if role == "other" else bangla
                implementer["role_en"] = english
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fix", action="store_true", help="rewrite derived fields (offsets, role names) in place")
    args = parser.parse_args()
    role_table = roles()
    gaz = gazetteer.load()
    places = {normalize_text(p) for p in gaz.districts} | {normalize_text(p.name_bn) for p in gaz.upazilas}
    failures, ids = 0, Counter()
    for split, directory in SPLITS.items():
        theme_counts, records, documents = Counter(), 0, set()
        for path in sorted(directory.glob("*.jsonl")):
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            for number, row in enumerate(rows, 1):
                ids[row.get("id")] += 1
                if row.get("source") != split:
                    print(f"{path.name}:{number}: source {row.get('source')!r} in the {split} split")
                    failures += 1
                for problem in check_record(row, role_table, places, args.fix):
                    print(f"{path.name}:{number}: {row.get('id')}: {problem}")
                    failures += 1
                theme_counts.update(row.get("themes", []))
                documents.add(row.get("doc_id"))
            records += len(rows)
            if args.fix:
                path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{split}: {records} decisions in {len(documents)} documents")
        print("  " + ", ".join(f"{label} {theme_counts[label]}" for label in default_labels()))
    duplicates = [i for i, n in ids.items() if n > 1]
    if duplicates:
        print(f"duplicate ids: {duplicates[:10]}")
        failures += len(duplicates)
    print("OK" if not failures else f"{failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
