"""Check a rule's own `good`/`bad` YAML fragments (shown by `drafter rules CODE`): merged into
the shared base draft, `bad` must raise the rule and `good` must not."""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML

from rules_support import BASE_YAML, codes, draft_with
from drafter.rules import load_all


def _merge(changes: dict, node: Any, path: tuple) -> None:
    """Flatten `node` into path → value changes: mappings merge, anything else replaces."""
    if isinstance(node, dict) and path and path[0] not in ("measures", "background", "problems", "next_steps",
                                                            "return", "extension"):
        for k, v in node.items():
            _merge(changes, v, path + (k,))
    elif isinstance(node, dict) and not path:
        for k, v in node.items():
            _merge(changes, v, (k,))
    else:
        changes[path] = _plain(node)


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def with_fragment(fragment: str, base: str = BASE_YAML) -> str:
    changes: dict = {}
    _merge(changes, YAML(typ="safe").load(fragment) or {}, ())
    return draft_with(base, changes=changes)


def assert_fragments(code: str) -> None:
    rule = load_all()[code]
    assert rule.good and rule.bad, f"{code} has no examples"
    assert code not in codes(with_fragment(rule.good), code), f"{code}: good example raises the rule"
    assert code in codes(with_fragment(rule.bad), code), f"{code}: bad example does not raise the rule"
