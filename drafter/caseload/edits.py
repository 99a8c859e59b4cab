"""Write values into a draft, keeping the user's comments: the ledger's one way to change a draft.

Everything goes through the one round-trip writer (drafter.api.rewrite → drafts.rewrite), which
merges new values into the file's tree: unchanged nodes keep their comments and quotes, and a
new key is placed after its neighbour. A key whose parent is missing (a first 答复日期 in a draft
without a case: section) is written as an edit of the nearest existing ancestor, with the
case fields in the schema's order so they land where the scaffold's guidance comments are.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any, Iterable

from drafter.drafts import Draft


def _schema_order() -> dict[str, int]:
    from drafter.schema import load_schema

    props = load_schema()["properties"]["case"]["properties"]
    return {k: i for i, k in enumerate(props)}


def _as_written(value: Any, fmt: str) -> Any:
    """A date stays a date in YAML (written bare, like the draft's own dates), ISO text in JSON."""
    if isinstance(value, dt.date):
        return value.isoformat() if fmt == "json" else value
    if isinstance(value, list):
        return [_as_written(v, fmt) for v in value]
    if isinstance(value, dict):
        return {k: _as_written(v, fmt) for k, v in value.items()}
    return value


def edit_draft(draft: Draft, edits: Iterable[tuple[tuple, Any]]) -> str:
    """The draft's text with `edits` applied (value None removes the key); comments kept."""
    from drafter.api import rewrite

    data = copy.deepcopy(draft.data) if isinstance(draft.data, dict) else {}
    touched: list[str] = []
    for path, value in edits:
        path = tuple(path)
        node = data
        for part in path[:-1]:
            if not isinstance(node.get(part), dict):
                node[part] = {}
            node = node[part]
        if value is None:
            node.pop(path[-1], None)
        else:
            node[path[-1]] = _as_written(value, draft.fmt)
        if path[0] not in touched:
            touched.append(path[0])
    if isinstance(data.get("case"), dict):
        order = _schema_order()
        data["case"] = dict(sorted(data["case"].items(), key=lambda kv: order.get(kv[0], len(order))))
    return rewrite(draft, [((key,), data[key]) if key in data else ((key,), None) for key in touched
                           if key in data])
