"""JSON Schema of the output, generated from the data model (`minutes-nlp schema`)."""

from __future__ import annotations

from typing import Any

from minutes_nlp.model import Decision, Minutes


def json_schema(kind: str = "minutes") -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of `Minutes.to_dict()` or, with `kind="decision"`, of `Decision.to_dict()`."""
    from pydantic import TypeAdapter  # only this command needs pydantic

    model = {"minutes": Minutes, "decision": Decision}[kind]
    schema = TypeAdapter(model).json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://minutes-nlp.invalid/schema/{kind}.json"
    return schema
