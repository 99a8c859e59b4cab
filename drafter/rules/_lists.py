"""List edits for fixes: a fix can only set a value at a path, so to drop or split one item
of a list it sets the whole list. The rewrite (drafter/rewrite.py) keeps the items that stay,
with their comments, when the fixed draft is written back.
"""

from __future__ import annotations

import copy
from typing import Any, Iterable

from drafter.findings import Path


def _node(ctx, path: Path) -> Any:
    node = ctx.data
    for part in path:
        node = node[part]
    return node


def list_replacing(ctx, path: Path, index: int, items: Iterable[Any]) -> Any:
    """The list at `path` with item `index` replaced by `items` (none: the item is dropped)."""
    new = copy.deepcopy(_node(ctx, path))
    del new[index]
    for offset, item in enumerate(items):
        new.insert(index + offset, item)
    return new


def list_without(ctx, path: Path, indexes: Iterable[int]) -> Any:
    """The list at `path` without the items at `indexes`."""
    new = copy.deepcopy(_node(ctx, path))
    for i in sorted(set(indexes), reverse=True):
        del new[i]
    return new
