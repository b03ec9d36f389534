"""The tagging pipeline: file → text → `Minutes` → components → output.

Like a spaCy pipeline, each component adds one thing to one shared object (a
`Decision`), is registered by name, and the default order is configured by a
file (`data/pipeline.toml`). A component factory takes keyword settings (for
`themes`: `model`, a model directory) and returns the function that fills its
field. The built-in components live in their capability's module and are
imported only when a pipeline uses them, so `import minutes_nlp` stays light.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from minutes_nlp.model import Decision, Minutes
from minutes_nlp.normalize import normalize_text
from minutes_nlp.parsing import make_doc_id, parse
from minutes_nlp.reading import read_document


@dataclass(frozen=True, slots=True)
class DecisionContext:
    """What a component may know about the meeting a decision comes from."""

    meeting_date: dt.date | None = None
    district: str | None = None
    upazila: str | None = None


Component = Callable[[Decision, DecisionContext], None]
ComponentFactory = Callable[..., Component]

_FACTORIES: dict[str, ComponentFactory] = {}
# Built-in component name -> module whose import registers it.
_BUILTIN: dict[str, str] = {
    "themes": "minutes_nlp.themes.component",
    "deadlines": "minutes_nlp.deadlines.component",
    "implementers": "minutes_nlp.roles.component",
}


def register_component(name: str) -> Callable[[ComponentFactory], ComponentFactory]:
    """Register a component factory under `name` (used by the pipeline config)."""

    def decorator(factory: ComponentFactory) -> ComponentFactory:
        _FACTORIES[name] = factory
        return factory

    return decorator


def registered_components() -> list[str]:
    return sorted(set(_FACTORIES) | set(_BUILTIN))


def _factory(name: str) -> ComponentFactory | None:
    if name not in _FACTORIES and name in _BUILTIN:
        importlib.import_module(_BUILTIN[name])
    return _FACTORIES.get(name)


def default_component_names() -> list[str]:
    """Component names of the default pipeline, from `data/pipeline.toml`."""
    config = tomllib.loads((resources.files("minutes_nlp") / "data" / "pipeline.toml").read_text(encoding="utf-8"))
    return list(config.get("pipeline", {}).get("components", []))


class Tagger:
    """Parses minutes and runs the components over every decision.

    `config` gives settings per component name, e.g.
    `Tagger(config={"themes": {"model": "models/my-themes"}})`.
    """

    def __init__(self, components: Iterable[str] | None = None, config: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        names = list(default_component_names() if components is None else components)
        factories = {name: _factory(name) for name in names}
        unknown = [name for name, factory in factories.items() if factory is None]
        if unknown:
            raise ValueError(f"unknown pipeline component(s): {', '.join(unknown)}; known: {', '.join(registered_components()) or 'none'}")
        config = config or {}
        stray = sorted(set(config) - set(names))
        if stray:
            raise ValueError(f"settings given for component(s) not in the pipeline: {', '.join(stray)}")
        self.component_names = names
        self._components = [factories[name](**dict(config.get(name, {}))) for name in names]  # type: ignore[misc]

    def tag_text(self, text: str, *, doc_id: str | None = None, source: str | None = None) -> Minutes:
        minutes = parse(text, doc_id=doc_id, source=source)
        context = DecisionContext(minutes.meeting.date, minutes.meeting.district, minutes.meeting.upazila)
        for decision in minutes.decisions:
            self._run(decision, context)
        return minutes

    def tag_file(self, path: str | Path) -> Minutes:
        """Read a file of any supported format (sniffed by content) and tag it; what
        the reader converted (OCR, Bijoy) is reported in the warnings."""
        path = Path(path)
        document = read_document(path)
        minutes = self.tag_text(document.text, doc_id=path.stem, source=str(path))
        for code, message in document.notes:
            minutes.warn(code, message)
        return minutes

    def tag_decision(
        self,
        text: str,
        *,
        id: str | None = None,  # noqa: A002 - the field is called id in the output
        meeting_date: dt.date | str | None = None,
        topic: str | None = None,
        implementer_text: str | None = None,
    ) -> Decision:
        text = normalize_text(text).strip()
        if isinstance(meeting_date, str):
            meeting_date = dt.date.fromisoformat(meeting_date)
        decision = Decision(
            id=id or make_doc_id(text),
            text=text,
            topic=normalize_text(topic).strip() if topic else None,
            implementer_text=normalize_text(implementer_text).strip() if implementer_text else None,
        )
        self._run(decision, DecisionContext(meeting_date))
        return decision

    def _run(self, decision: Decision, context: DecisionContext) -> None:
        for component in self._components:
            component(decision, context)


@functools.lru_cache(maxsize=1)
def default_tagger() -> Tagger:
    """The shared default pipeline, built on first use."""
    return Tagger()


def tag_text(text: str, *, doc_id: str | None = None) -> Minutes:
    """Parse and tag minutes given as text."""
    return default_tagger().tag_text(text, doc_id=doc_id)


def tag_file(path: str | Path) -> Minutes:
    """Read, parse and tag a minutes file (raises a `MinutesError` subclass if unreadable)."""
    return default_tagger().tag_file(path)


def tag_decision(
    text: str,
    *,
    id: str | None = None,  # noqa: A002
    meeting_date: dt.date | str | None = None,
    topic: str | None = None,
    implementer_text: str | None = None,
) -> Decision:
    """Tag a single decision text (themes, deadlines, implementers)."""
    return default_tagger().tag_decision(text, id=id, meeting_date=meeting_date, topic=topic, implementer_text=implementer_text)
