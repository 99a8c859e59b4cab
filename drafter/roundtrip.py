"""Rewrite a draft file to new plain data, keeping what the person wrote around the values.

A form (the web workbench) edits the plain data view; saving must not lose the comments,
quoting, indentation, encoding and newlines of the file. The new data is merged into the
file's round-trip tree: unchanged values keep their node (and so their style and comments),
changed scalars keep their quoting style, new keys go after their neighbours in the new
order, removed keys and items go. The result is dumped the same way `check --fix` dumps.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from drafter.drafts import Draft, dump_text, encode_text, loads_draft


def rewrite(raw: bytes | str, fmt: str, name: str, data: dict[str, Any]) -> tuple[Draft, bytes]:
    """(the draft as it was read, the bytes of the file holding `data` instead)."""
    draft, _ = loads_draft(raw, fmt, name)
    if fmt == "json":
        # JSON keeps no comments; the key order is the form's, which follows the file's.
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        draft.doc = merge(draft.doc, data)
        text = dump_text(draft)
    return draft, encode_text(draft, text)


def merge(node: Any, new: Any) -> Any:
    """`new` expressed in the old tree's nodes wherever the old tree already says the same."""
    if isinstance(new, dict) and isinstance(node, dict):
        tail = _take_tail(node)
        _merge_map(node, new)
        _put_tail(node, tail)
        return node
    if isinstance(new, list) and isinstance(node, list):
        tail = _take_tail(node)
        _merge_seq(node, new)
        _put_tail(node, tail)
        return node
    if isinstance(new, (dict, list)):
        return _fresh(new)
    return _scalar(node, new)


def _merge_map(node: dict, new: dict) -> None:
    from ruamel.yaml.comments import CommentedMap

    for key in [k for k in node if k not in new]:
        del node[key]
    previous = None
    for key, value in new.items():
        if key in node:
            node[key] = merge(node[key], value)
        elif isinstance(node, CommentedMap):
            keys = list(node.keys())
            at = keys.index(previous) + 1 if previous in keys else 0
            node.insert(at, key, _fresh(value))
        else:
            node[key] = _fresh(value)
        previous = key


def _merge_seq(node: list, new: list) -> None:
    """Items matched by content (an item moved or inserted keeps its neighbours' comments)."""
    from difflib import SequenceMatcher

    old_keys = [_key(v) for v in node]
    new_keys = [_key(v) for v in new]
    kept: list[tuple[Any, int | None]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes():
        if op == "equal":
            kept.extend((node[i1 + k], i1 + k) for k in range(i2 - i1))
        elif op == "replace":
            for k in range(j2 - j1):
                if i1 + k < i2:
                    kept.append((merge(node[i1 + k], new[j1 + k]), i1 + k))
                else:
                    kept.append((_fresh(new[j1 + k]), None))
        elif op == "insert":
            kept.extend((_fresh(new[j]), None) for j in range(j1, j2))
    comments = getattr(getattr(node, "ca", None), "items", None)
    old_comments = dict(comments) if comments is not None else {}
    del node[:]
    node.extend(value for value, _ in kept)
    if comments is not None:
        comments.clear()
        for i, (_, old) in enumerate(kept):
            if old is not None and old in old_comments:
                comments[i] = old_comments[old]


def _key(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


# -- comments after the last entry ------------------------------------------------------
# ruamel keeps the comment lines that stand before the next key on the last scalar before
# them ("# 下一步工作" under the last measure). When that entry changes, goes or gets a new
# neighbour, those lines are taken off and put back after whatever is last now.


def _slot(node: Any) -> tuple[Any, Any, int] | None:
    """(container, key, token index) of the deepest last entry, or None when empty."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    found = None
    while True:
        if isinstance(node, CommentedMap) and len(node):
            key = list(node.keys())[-1]
            found = (node, key, 2)
        elif isinstance(node, CommentedSeq) and len(node):
            key = len(node) - 1
            found = (node, key, 0)
        else:
            return found
        node = node[key]
        if isinstance(node, (dict, list)) and not len(node):
            return None  # lines after an empty [] / {} cannot be written back in place


def _take_tail(node: Any) -> str:
    slot = _slot(node)
    if slot is None:
        return ""
    container, key, index = slot
    entry = container.ca.items.get(key)
    token = entry[index] if entry and len(entry) > index else None
    if token is None or not isinstance(getattr(token, "value", None), str):
        return ""
    value = token.value
    cut = value.find("\n") + 1 if "\n" in value else len(value)
    own, rest = value[:cut], value[cut:]
    if not rest:
        return ""
    if own.strip():
        token.value = own
    else:
        entry[index] = None
    return rest


def _put_tail(node: Any, rest: str) -> None:
    if not rest:
        return
    slot = _slot(node)
    if slot is None:
        return  # nothing left to hang the lines on; they went with the entries
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    container, key, index = slot
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    token = entry[index]
    if token is not None and isinstance(token.value, str):
        token.value = (token.value if token.value.endswith("\n") else token.value + "\n") + rest
    else:
        entry[index] = CommentToken("\n" + rest, CommentMark(0), None)


def _scalar(old: Any, new: Any) -> Any:
    from ruamel.yaml.scalarstring import PlainScalarString, ScalarString

    if isinstance(old, dt.date) and not isinstance(old, dt.datetime) and isinstance(new, str):
        if old.isoformat() == new:
            return old
        try:
            return dt.date.fromisoformat(new)  # an unquoted date stays unquoted
        except ValueError:
            return new
    if isinstance(old, bool) or isinstance(new, bool):
        return new if old is not new else old
    if type(old) in (int, float) and type(new) in (int, float):
        return old if old == new else new
    if isinstance(old, str) and isinstance(new, str):
        if str(old) == new:
            return old
        if isinstance(old, ScalarString) and not isinstance(old, PlainScalarString):
            return type(old)(new)  # quoted / literal / folded stay as they were written
        return new
    return new


def _fresh(value: Any) -> Any:
    """Plain data for a new place in the tree (ruamel dumps dicts and lists in block style)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _fresh(v)
        return out
    if isinstance(value, list):
        seq = CommentedSeq()
        seq.extend(_fresh(v) for v in value)
        return seq
    return value


def _drop_stale_comments(seq: Any) -> None:
    """Comments attached to item indexes that no longer exist would be dumped nowhere or wrongly."""
    items = getattr(seq.ca, "items", None)
    if items:
        for index in [i for i in items if isinstance(i, int) and i >= len(seq)]:
            del items[index]
