"""YAML text → plain data and the line/column of every key and list item, at C speed.

libyaml (through PyYAML's C parser) composes the node tree with marks; the data is then built
here from the nodes, so drafter decides every type itself instead of a YAML library's
constructor: YAML 1.2 core scalars as ruamel.yaml reads them (so a rewrite through ruamel sees
the same values), dates kept as text, duplicate keys refused, explicit tags checked, merge keys
(`<<`) applied, and an expansion budget against alias bombs. Without libyaml the same composer
runs in pure Python (slower, same answers).

Every problem raises `YamlProblem(code, message, line, column)`; drafts.py words it for the
user's file.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from drafter import limits

Path = tuple

TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = TAG + "str", TAG + "int", TAG + "float", TAG + "bool", TAG + "null"
TIMESTAMP, SEQ, MAP, MERGE = TAG + "timestamp", TAG + "seq", TAG + "map", TAG + "merge"
PLAIN = "?"  # an untagged plain scalar: its type is decided here, from its text

INT_DIGITS = limits.INT_DIGITS  # Python's own int/str conversion limit; longer numbers are no draft's content

# YAML 1.2 core schema, as ruamel.yaml resolves plain scalars (its default version).
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULL = {"", "~", "null", "Null", "NULL"}
_FLOAT = re.compile(r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""", re.X)
_INT = re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$")
_TIMESTAMP = re.compile(r"""^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}
    |[0-9]{4}-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?
     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9]{2})?))?)$""", re.X)
_TIMESTAMP_PARTS = re.compile(r"""^(?P<year>[0-9]{4})-(?P<month>[0-9][0-9]?)-(?P<day>[0-9][0-9]?)
    (?:(?:[Tt]|[ \t]+)(?P<hour>[0-9][0-9]?):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})
    (?:\.(?P<fraction>[0-9]*))?
    (?:[ \t]*(?P<tz>Z|(?P<tz_sign>[-+])(?P<tz_hour>[0-9][0-9]?)(?::(?P<tz_minute>[0-9]{2}))?))?)?$""", re.X)
_DIGIT_START = frozenset("-+0123456789.")


class YamlProblem(Exception):
    def __init__(self, code: str, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.code, self.message, self.line, self.column = code, message, line, column


class _Resolver(BaseResolver):
    """Leaves untagged plain scalars as PLAIN, so `_scalar` decides their type."""

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            return PLAIN if implicit[0] else STR
        return SEQ if kind is SequenceNode else MAP


try:
    from yaml._yaml import CParser

    class _CComposer(CParser, _Resolver):
        def __init__(self, stream):
            CParser.__init__(self, stream)
            _Resolver.__init__(self)

    HAVE_LIBYAML = True
except ImportError:  # PyYAML built without libyaml
    _CComposer = None
    HAVE_LIBYAML = False


class _PyComposer(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, _Resolver):
    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)


def compose(text: str, pure: bool = False):
    """The document's root node (None for an empty stream). Raises yaml.YAMLError."""
    cls = _PyComposer if pure or _CComposer is None else _CComposer
    loader = cls(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    if cls is not _PyComposer and "\t" in text:
        # libyaml takes a Tab after "key:" as a separator; the Python scanners (PyYAML's and
        # ruamel.yaml's, which a --fix rewrite uses) refuse it. Follow the strict reading, so a
        # file that checks can also be rewritten. Only files with a Tab pay for the second parse.
        compose(text, pure=True)
    return root


class Builder:
    """Plain data from a node tree, recording positions and spending a node budget."""

    def __init__(self, max_nodes: int, max_depth: int, check_text: Callable[[str], Any] | None = None,
                 max_chars: int | None = None):
        from drafter.limits import DRAFT_TEXT_CHARS

        self.budget = max_nodes
        self.chars = DRAFT_TEXT_CHARS if max_chars is None else max_chars
        self.max_depth = max_depth
        self.check_text = check_text  # returns a problem description for characters a letter cannot hold
        self.positions: dict[Path, tuple[int, int]] = {}

    # -- structure ----------------------------------------------------------------

    def build(self, node, path: Path = (), depth: int = 0, located: bool = True) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise YamlProblem("IO011", "文件展开后过大（别名引用层层嵌套），拒绝处理")
        if depth > self.max_depth:
            raise YamlProblem("IO008", f"嵌套层级过深（超过 {self.max_depth} 层），不像答复函草稿")
        if node.__class__ is ScalarNode:
            value = self.scalar(node)
            if value.__class__ is str:
                self.chars -= len(value)
                if self.chars < 0:
                    raise YamlProblem("IO011", "文件展开后过大（同一段文字被别名引用了太多次），拒绝处理")
            return value
        if node.__class__ is SequenceNode:
            if node.tag != SEQ:
                raise _bad_tag(node, "列表")
            out = []
            for i, item in enumerate(node.value):
                if located:
                    self.positions[path + (i,)] = _mark(item)
                out.append(self.build(item, path + (i,), depth + 1, located))
            return out
        if node.tag != MAP:
            raise _bad_tag(node, "键值对")
        return self.mapping(node, path, depth, located)

    def mapping(self, node: MappingNode, path: Path, depth: int, located: bool) -> dict:
        out: dict = {}
        merged: list[dict] = []
        for key_node, value_node in node.value:
            if key_node.__class__ is ScalarNode and key_node.tag == PLAIN and key_node.value == "<<" \
                    or key_node.tag == MERGE:
                merged.extend(self.merge_sources(value_node, path, depth))
                continue
            if key_node.__class__ is not ScalarNode:
                raise YamlProblem("IO010", "键必须是文字，不能是列表或键值对", *_mark(key_node))
            key = self.key(key_node)
            if key in out:
                line, col = _mark(key_node)
                raise YamlProblem("IO010", f"第{line}行：键“{key}”重复，同一层只能写一次", line, col)
            if located:
                self.positions[path + (key,)] = _mark(key_node)
            out[key] = self.build(value_node, path + (key,), depth + 1, located)
        # Merge keys as ruamel.yaml applies them: the mapping's own keys first, then the keys of
        # each merged mapping in order, the first one given winning. They have no line of their own.
        for source in merged:
            for key, value in source.items():
                out.setdefault(key, value)
        return out

    def merge_sources(self, node, path: Path, depth: int) -> list[dict]:
        nodes = node.value if node.__class__ is SequenceNode else [node]
        sources = []
        for n in nodes:
            if n.__class__ is not MappingNode:
                raise YamlProblem("IO010", "合并键“<<”后面只能是键值对（或键值对的列表）", *_mark(n))
            sources.append(self.build(n, path, depth + 1, located=False))
        return sources

    def key(self, node: ScalarNode) -> str:
        value = self.scalar(node)
        if isinstance(value, str):
            return value
        return str(value)  # 1: a -> "1", true: a -> "True", as the data has always read

    # -- scalars ----------------------------------------------------------------------

    def scalar(self, node: ScalarNode) -> Any:
        value = node.value
        if self.check_text is not None and node.style == '"':
            problem = self.check_text(value)  # escapes can spell what the file itself may not hold
            if problem:
                raise YamlProblem("IO007", problem, *_mark(node))
        tag = node.tag
        if tag == PLAIN:
            return _implicit(value, node)
        if tag == STR:
            return value
        return _explicit(tag, value, node)


def _implicit(value: str, node) -> Any:
    if not value or value[0] in "~nN":
        if value in _NULL:
            return None
    if value[:1] in "tTfF" and value in _BOOL:
        return _BOOL[value]
    if value[:1] not in _DIGIT_START:
        return value
    # Text that only looks like a number or a date in YAML's grammar but is none (a lone "_",
    # 2019-02-30) stays text: the schema then reports it on its line.
    if _FLOAT.match(value):
        number = _float(value)
        return value if number is None else number
    if _INT.match(value):
        number = _int(value, node)
        return value if number is None else number
    if _TIMESTAMP.match(value):
        return _timestamp(value)
    return value


_EXPECTED = {INT: "整数", FLOAT: "数字", BOOL: "true 或 false", NULL: "空值（null）", TIMESTAMP: "日期"}


def _explicit(tag: str, value: str, node) -> Any:
    """A scalar with a tag the writer gave (`!!int "12"`): its text must fit the tag."""
    result: Any = None
    if tag == INT and _INT.match(value):
        result = _int(value, node)
    elif tag == FLOAT and (_FLOAT.match(value) or _INT.match(value)):
        result = _float(value)
    elif tag == BOOL and value in _BOOL:
        return _BOOL[value]
    elif tag == NULL and value in _NULL:
        return None
    elif tag == TIMESTAMP and _TIMESTAMP.match(value):
        return _timestamp(value)
    elif tag not in _EXPECTED:
        raise _bad_tag(node, "文字")
    if result is None:
        line, col = _mark(node)
        raise YamlProblem("IO010", f"第{line}行：标签 {_short(tag)} 要求{_EXPECTED[tag]}，但值是“{value[:40]}”；"
                          "请删去标签或改正取值", line, col)
    return result


def _int(value: str, node) -> int | None:
    digits = value.replace("_", "")
    sign = -1 if digits[:1] == "-" else 1
    digits = digits.lstrip("+-")
    if len(digits) > INT_DIGITS:
        line, col = _mark(node)
        raise YamlProblem("IO010", f"第{line}行：数字有 {len(digits)} 位，超过 {INT_DIGITS} 位的上限，不像答复函草稿的内容；"
                          "如是编号请加引号", line, col)
    try:
        if digits[:2] in ("0b", "0x", "0o"):
            return sign * int(digits[2:], {"0b": 2, "0x": 16, "0o": 8}[digits[:2]])
        return sign * int(digits)
    except ValueError:
        return None


def _float(value: str) -> float | None:
    text = value.replace("_", "").lower()
    sign = -1.0 if text[:1] == "-" else 1.0
    body = text.lstrip("+-")
    if body == ".inf":
        return sign * float("inf")
    if body == ".nan":
        return float("nan")
    try:
        return float(text)
    except ValueError:
        return None


def _timestamp(value: str) -> str:
    """ISO text of a valid date or date-time (as ruamel.yaml builds it); an impossible one as written."""
    m = _TIMESTAMP_PARTS.match(value)
    if m is None:
        return value
    g = m.groupdict()
    try:
        if g["hour"] is None:
            return dt.date(int(g["year"]), int(g["month"]), int(g["day"])).isoformat()
        fraction = 0
        if g["fraction"]:
            fraction = int(g["fraction"][:6].ljust(6, "0"))
            if len(g["fraction"]) > 6 and int(g["fraction"][6]) > 4:
                fraction += 1
            if fraction > 999_999:
                fraction = 0
        tz = None
        if g["tz_sign"]:
            delta = dt.timedelta(hours=int(g["tz_hour"]), minutes=int(g["tz_minute"] or 0))
            tz = dt.timezone(-delta if g["tz_sign"] == "-" else delta)
        elif g["tz"]:
            tz = dt.timezone.utc
        return dt.datetime(int(g["year"]), int(g["month"]), int(g["day"]), int(g["hour"]), int(g["minute"]),
                           int(g["second"]), fraction, tz).isoformat()
    except (ValueError, OverflowError):
        return value


def _mark(node) -> tuple[int, int]:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


def _short(tag: str) -> str:
    return "!!" + tag[len(TAG):] if tag.startswith(TAG) else tag


def _bad_tag(node, kind: str) -> YamlProblem:
    line, col = _mark(node)
    return YamlProblem("IO010", f"第{line}行：不支持 YAML 标签 {_short(node.tag)[:40]}（{kind}）；草稿里不需要标签，请删去",
                       line, col)


def node_positions(node, path: Path, out: dict, depth: int, max_depth: int) -> None:
    """Positions only (for JSON, whose data json.loads builds): keys taken as written."""
    if depth > max_depth:
        return
    if node.__class__ is MappingNode:
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                continue
            out[path + (key_node.value,)] = _mark(key_node)
            node_positions(value_node, path + (key_node.value,), out, depth + 1, max_depth)
    elif node.__class__ is SequenceNode:
        for i, item in enumerate(node.value):
            out[path + (i,)] = _mark(item)
            node_positions(item, path + (i,), out, depth + 1, max_depth)
