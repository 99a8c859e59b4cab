"""Rewrite a draft's text with edits, keeping what the user wrote around them.

Checking works on plain data (drafter/yamlplain.py); only a file that is rewritten (--fix,
a FixResult) is read again through ruamel.yaml's round-trip tree, which knows the comments,
quoting, key order and indentation. Each Edit(path, value) is merged into that tree: values
equal to what is there keep their node (and so their comments and quotes), a changed string
keeps its quoting style, and a changed list keeps the items that stay, with their comments.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from difflib import SequenceMatcher
from typing import Any, Iterable

from drafter.findings import Edit, Path


def yaml_rt():
    """A round-trip YAML instance that keeps quotes, long lines and bad dates as text."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor
    from ruamel.yaml.scalarstring import PlainScalarString

    class Constructor(RoundTripConstructor):
        def construct_yaml_timestamp(self, node, values=None):
            # "2019-02-30" matches YAML's timestamp form but is no date: keep the text, as the
            # check's loader does.
            try:
                return super().construct_yaml_timestamp(node, values)
            except ValueError:
                return PlainScalarString(node.value)

    Constructor.add_constructor("tag:yaml.org,2002:timestamp", Constructor.construct_yaml_timestamp)
    yaml = YAML(typ="rt")
    yaml.Constructor = Constructor
    yaml.preserve_quotes = True
    yaml.allow_duplicate_keys = False
    yaml.width = 4096  # never fold long Chinese lines when writing back
    return yaml


def load_roundtrip(text: str) -> tuple[Any, tuple[int, int, int]]:
    """(round-trip tree, (mapping, sequence, offset) indentation as the file has it)."""
    from ruamel.yaml.util import load_yaml_guess_indent

    doc, indent, block_seq_indent = load_yaml_guess_indent(text, yaml=yaml_rt())
    if indent and block_seq_indent is not None:
        return doc, (2, indent, block_seq_indent)
    return doc, (2, 4, 2)


def dump_roundtrip(doc: Any, indent: tuple[int, int, int]) -> str:
    yaml = yaml_rt()
    yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    buf = io.StringIO()
    yaml.dump(doc, buf)
    return buf.getvalue()


def rewrite(text: str, fmt: str, edits: Iterable[Edit]) -> str:
    """`text` (newlines as \\n) with each edit applied in order; the result also has \\n newlines
    (drafts.encode_text puts back CRLF, the BOM and the encoding)."""
    edits = list(edits)
    if not edits:
        return text
    if fmt == "json":
        doc = json.loads(text)
        for edit in edits:
            doc = _set(doc, edit.path, edit.value)
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    doc, indent = load_roundtrip(text)
    for edit in edits:
        doc = _set(doc, edit.path, edit.value)
    return dump_roundtrip(doc, indent)


def _set(doc: Any, path: Path, value: Any) -> Any:
    if not path:
        return merge(doc, value)
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    if isinstance(parent, list) and key == len(parent):
        parent.append(value)
    else:
        parent[key] = merge(parent[key], value) if _has(parent, key) else value
    return doc


def _has(parent: Any, key: Any) -> bool:
    return key in parent if isinstance(parent, dict) else 0 <= key < len(parent)


def merge(old: Any, new: Any) -> Any:
    """`new` (plain data) as a tree node, reusing `old`'s nodes wherever the value is unchanged."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import ScalarString

    if isinstance(old, CommentedSeq) and isinstance(new, list):
        tail = _take_tail(old)
        _merge_seq(old, new)
        _put_tail(old, tail)
        return old
    if isinstance(old, dt.date) and not isinstance(old, dt.datetime) and isinstance(new, str):
        if old.isoformat() == new:
            return old
        try:
            return dt.date.fromisoformat(new)  # an unquoted date stays unquoted
        except ValueError:
            return new
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        tail = _take_tail(old)
        for k in [k for k in old if k not in new]:
            del old[k]
        previous = None
        for k, v in new.items():
            if k in old:
                old[k] = merge(old[k], v)
            else:  # a new key goes after its neighbour in the new order, not at the end
                keys = list(old.keys())
                old.insert(keys.index(previous) + 1 if previous in keys else 0, k, v)
                if previous in keys:  # the lines under the neighbour describe the key after it
                    moved = _take_tail(None, _entry(old, previous))
                    _put_tail(None, moved, _entry(old, k))
            previous = k
        _put_tail(old, tail)
        return old
    if isinstance(old, ScalarString) and isinstance(new, str):
        return old if str(old) == new else type(old)(new)  # a quoted or block string stays so
    if _key(old) == _key(new):
        return old
    return new


def _merge_seq(old: Any, new: list) -> None:
    """Items matched by content: the ones that stay keep their comments, wherever they move."""
    old_keys = [_key(x) for x in old]
    new_keys = [_key(x) for x in new]
    ops = SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in reversed(ops):  # from the end, so earlier indexes stay valid
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                old[i1 + k] = merge(old[i1 + k], new[j1 + k])
            continue
        for i in range(i2 - 1, i1 - 1, -1):
            del old[i]  # CommentedSeq moves the other items' comments along
        for k, item in enumerate(new[j1:j2]):
            old.insert(i1 + k, item)


# -- comment lines after the last entry --------------------------------------------------
# ruamel keeps the comment lines that stand before the next key on the last scalar above
# them ("# 下一步工作" under the last measure). When that entry changes, goes or gets a new
# neighbour (a form appends to a list), the lines are taken off and put back after whatever
# is last now, so they stay above the key they describe.


def _slot(node: Any) -> tuple[Any, Any, int] | None:
    """(container, key, comment-token index) of the deepest last entry, or None."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap) and len(node):
        return _entry(node, list(node.keys())[-1])
    if isinstance(node, CommentedSeq) and len(node):
        return _entry(node, len(node) - 1)
    return None


def _entry(container: Any, key: Any) -> tuple[Any, Any, int] | None:
    """Where the comment after `container[key]` lives: on its deepest last entry."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    value = container[key]
    if isinstance(value, (dict, list)):
        if not len(value):
            return None  # lines after an empty [] / {} cannot be written back in place
        if isinstance(value, (CommentedMap, CommentedSeq)):
            return _slot(value)
    return (container, key, 0 if isinstance(container, CommentedSeq) else 2)


def _take_tail(node: Any, slot: tuple | None = None) -> str:
    slot = slot or _slot(node)
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


def _put_tail(node: Any, rest: str, slot: tuple | None = None) -> None:
    if not rest:
        return
    slot = slot or _slot(node)
    if slot is None:
        return  # nothing left to hang the lines on; they went with the entries
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    container, key, index = slot
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    while len(entry) <= index:
        entry.append(None)
    token = entry[index]
    if token is not None and isinstance(token.value, str):
        token.value = (token.value if token.value.endswith("\n") else token.value + "\n") + rest
    else:
        entry[index] = CommentToken("\n" + rest, CommentMark(0), None)


def _key(node: Any) -> str:
    return json.dumps(_plain(node), ensure_ascii=False, sort_keys=True, default=str)


def _plain(node: Any) -> Any:
    import datetime as dt

    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, (list, tuple)):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, (dt.date, dt.datetime)):
        return node.isoformat()
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return str(node)
