"""The fast loader (libyaml nodes, drafter/yamlplain.py) and the round-trip loader that rewrites
files (ruamel.yaml, drafter/rewrite.py) read every draft alike: same data, same line and column
for every key and list item, the same refusals. A fix's edit names a path in the fast loader's
data and is applied to ruamel's tree, so any difference would put a fix in the wrong place.

The drafts: the examples, every draft file under tests/, every draft written inline in the
tests (found by reading their source), each example as JSON, with CRLF and a BOM, and in GBK,
YAML written in every scalar and collection style, and the bad inputs of test_bad_input.py.
The pure-Python composer (used when libyaml is missing) must agree too.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import math
import warnings
from pathlib import Path

import pytest

from drafter import yamlplain
from drafter.drafts import MAX_DEPTH, MAX_NODES, LoadError, loads_draft
from drafter.rewrite import load_roundtrip

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


# -- the reference: ruamel's round-trip tree, read as the loader did before libyaml -------------


class Refused(Exception):
    def __init__(self, code: str, message: str = ""):
        self.code, self.message = code, message


def ruamel_view(text: str, fmt: str) -> tuple:
    """(data, positions) through ruamel.yaml's round trip, or raises Refused(code)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ruamel warns about reused anchors; the outcome is what counts
        return _ruamel_view(text, fmt)


def _ruamel_view(text: str, fmt: str) -> tuple:
    from ruamel.yaml.error import YAMLError

    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    try:
        if fmt == "json":
            data = json.loads(text, object_pairs_hook=_no_duplicates)
            try:
                tree, _ = load_roundtrip(text)
                positions = _positions(tree)
            except YAMLError:
                positions = {}
            return _plain(data), positions
        tree, _ = load_roundtrip(text)
        return _plain(tree), _positions(tree)
    except RecursionError:
        raise Refused("IO008") from None
    except (YAMLError, json.JSONDecodeError, ValueError):
        raise Refused("IO010") from None


def _no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("duplicate key")
    return dict(pairs)


def _plain(node, depth: int = 0, budget: list | None = None):
    budget = budget if budget is not None else [MAX_NODES]
    budget[0] -= 1
    if budget[0] < 0:
        raise Refused("IO011")
    if depth > MAX_DEPTH:
        raise Refused("IO008")
    if isinstance(node, dict):
        return {str(k): _plain(v, depth + 1, budget) for k, v in node.items()}
    if isinstance(node, (list, tuple)):
        return [_plain(v, depth + 1, budget) for v in node]
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


def _positions(node, path=(), out=None, depth=0) -> dict:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    out = {} if out is None else out
    if depth > MAX_DEPTH:
        return out
    if isinstance(node, CommentedMap):
        for key in node:
            try:
                line, col = node.lc.key(key)
            except (KeyError, TypeError):
                continue
            out[path + (str(key),)] = (line + 1, col + 1)
            _positions(node[key], path + (str(key),), out, depth + 1)
    elif isinstance(node, CommentedSeq):
        for i, item in enumerate(node):
            try:
                line, col = node.lc.item(i)
            except (KeyError, TypeError, IndexError):
                continue
            out[path + (i,)] = (line + 1, col + 1)
            _positions(item, path + (i,), out, depth + 1)
    return out


def fast_view(text: str | bytes, fmt: str) -> tuple:
    try:
        draft, _ = loads_draft(text, fmt, "draft." + fmt)
    except LoadError as exc:
        raise Refused(exc.finding.code, exc.finding.message) from None
    return draft.data, draft.positions


# Where the fast loader is deliberately stricter than ruamel.yaml (which builds something for
# these): refusing is safe, since a refused file is never rewritten. The other way round —
# read by the check but not by the rewrite — is what the parity forbids.
STRICTER = ("标签", "位的上限", "锚点", "代理字符", "控制字符", "\\u 转义", "键必须是文字", "合并键")


def same(a, b) -> bool:
    """Equal, with NaN equal to itself."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def outcome(view, text, fmt):
    try:
        return ("ok",) + view(text, fmt)
    except Refused as exc:
        return ("refused", exc.code, exc.message)


# -- the corpus ---------------------------------------------------------------------------------


def _inline_drafts() -> list[tuple[str, str]]:
    """Every multi-line string constant in the tests that reads as a YAML mapping: the drafts
    the tests write inline (base drafts, fragments, bad inputs)."""
    out = []
    for source in sorted((ROOT / "tests").glob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "\n" in node.value \
                    and ":" in node.value and len(node.value) > 8:
                out.append((f"{source.name}:{node.lineno}", node.value))
    return out


EDGE_YAML = {
    "scalars": """\
a: 1
b: -0x1F
c: 0o17
d: 017
e: 1_000
f: +12
g: 1.5
h: .5
i: 1e3
j: -.inf
k: .NaN
l: true
m: False
n: yes
o: ~
p: null
q:
r: 2019-07-01
s: 2019-02-30
t: 2019-07-01 10:20:30
u: 2019-07-01T10:20:30.123456789Z
v: 2019-7-1 1:02:03 +08:00
w: 9999-12-31
x: 0000-01-01
y: 12:30
z: 0b101
""",
    "strings": """\
plain: 答复 内容
single: '它''s'
double: "制表\\t换行\\n"
literal: |
  第一行
  第二行
folded: >-
  一段
  折叠
multi: 第一段
  续写
empty_single: ''
colon: "a: b"
hash: 'a #b'
keyed "quote": 1
中文键: 值
""",
    "collections": """\
flow_seq: [1, "二", 三, {a: 1}]
flow_map: {x: 1, y: [2, 3]}
block:
- a
-   b
- - nested
  - seq
- k: v
  j:
    - deep
compact:
  - name: 王钧
    phones: ["0592-5077969", 15990730946]
empty_list: []
empty_map: {}
""",
    "anchors": """\
base: &b {x: 1, y: 2}
copy: *b
merged:
  z: 0
  <<: *b
  y: 3
multi_merge:
  <<: [{x: 1}, {x: 2, w: 5}]
  a: 1
list: &l [1, 2]
again: *l
""",
    "keys": """\
2: int key
true: bool key
2019-01-01: date key
~: null key
1.5: float key
""",
    "comments and columns": """\
# 注释
kind: npc  # 行尾注释
organ:    某某局
title: "关于《某某》的答复"   # 引号
notes:
  # 列表前的注释
  - 一
  -   二  # 对齐
""",
    "tabs in values": "a:\tb\nc: \"x\ty\"\n",
    "document markers": "---\nkind: npc\n...\n",
    "explicit tags": "a: !!str 123\nb: !!int \"12\"\nc: !!float 42\nd: !!bool \"true\"\ne: !!null ''\n",
    "cjk columns": "标题: 关于某某的答复\n列表:\n  - 甲乙丙: 丁\n    戊己: [庚, 辛]\n",
}

BAD_YAML = {
    "duplicate key": "kind: npc\nkind: cppcc\n",
    "duplicate nested key": "a:\n  b: 1\n  b: 2\n",
    "bad date": "signature:\n  date: 2019-02-30\n",
    "unclosed flow": "kind: npc\nlayout: file\norgan: [未闭合\n",
    "tab indent": "proposal:\n\tnumber: '1'\n",
    "deep flow": "a: " + "[" * 3000 + "]" * 3000 + "\n",
    "deep blocks": "".join(" " * i + "k:\n" for i in range(60)) + " " * 60 + "k: v\n",
    "alias bomb": "\n".join(
        ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        + [f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]" for prev, cur in zip("abcdefgh", "bcdefghi")]
    ) + "\n",
    "undefined alias": "a: *nope\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "mapping value in plain": "a: b: c\n",
}


def corpus() -> list[tuple[str, str | bytes, str]]:
    items: list[tuple[str, str | bytes, str]] = []
    for path in EXAMPLES:
        text = path.read_text(encoding="utf-8")
        items.append((path.name, text, "yaml"))
        items.append((path.name + " crlf+bom", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(), "yaml"))
        items.append((path.name + " gbk", text.encode("gbk"), "yaml"))
        data, _ = ruamel_view(text, "yaml")
        items.append((path.name + " as json", json.dumps(data, ensure_ascii=False, indent=2), "json"))
        items.append((path.name + " as flat json", json.dumps(data, ensure_ascii=False), "json"))
    for path in sorted((ROOT / "tests").rglob("*")):
        if path.suffix in (".yaml", ".yml", ".json") and path.is_file():
            items.append((str(path.relative_to(ROOT)), path.read_bytes(), "json" if path.suffix == ".json" else "yaml"))
    items += [(name, text, "yaml") for name, text in _inline_drafts()]
    items += [(name, text, "yaml") for name, text in EDGE_YAML.items()]
    items += [(name, text, "yaml") for name, text in BAD_YAML.items()]
    items += [
        ("json duplicate", '{"a": 1, "a": 2}', "json"),
        ("json nested", '{"a": {"b": [1, {"c": "二"}]},\n "d": null}', "json"),
        ("json deep", '{"a": ' + "[" * 5000 + "]" * 5000 + "}", "json"),
        ("json trailing comma", '{\n  "kind": "npc",\n  "layout": "file",\n}\n', "json"),
    ]
    return items


CORPUS = corpus()


def _text(raw: str | bytes) -> str:
    if isinstance(raw, str):
        return raw
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("gb18030")


def test_corpus_is_broad():
    names = [name for name, _, _ in CORPUS]
    assert len(EXAMPLES) >= 3
    assert sum(1 for n in names if n.startswith("test_") or ".py:" in n) >= 30  # inline test drafts
    assert len(CORPUS) >= 75


@pytest.mark.parametrize("name,raw,fmt", CORPUS, ids=[c[0] for c in CORPUS])
def test_fast_loader_matches_round_trip(name, raw, fmt):
    text = _text(raw)
    reference = outcome(ruamel_view, text, fmt)
    fast = outcome(fast_view, raw, fmt)
    if reference[0] == "refused":
        # What ruamel cannot read, the fast loader refuses too, with a finding, never a traceback.
        assert fast[0] == "refused", (name, fast)
        if reference[1] in ("IO008", "IO011"):
            assert fast[1] == reference[1], name
        return
    if fast[0] == "refused" and (fast[1] == "IO006" or any(word in fast[2] for word in STRICTER)):
        return  # empty (refused before parsing), or one of the deliberate refusals above
    assert fast[0] == "ok", (name, fast)
    assert same(fast[1], reference[1]), (name, fast[1], reference[1])
    assert fast[2] == reference[2], (name, set(fast[2].items()) ^ set(reference[2].items()))


@pytest.mark.parametrize("name,raw,fmt", CORPUS, ids=[c[0] for c in CORPUS])
def test_pure_python_composer_matches_libyaml(name, raw, fmt, monkeypatch):
    fast = outcome(fast_view, raw, fmt)
    monkeypatch.setattr(yamlplain, "_CComposer", None)
    try:
        pure = outcome(fast_view, raw, fmt)
    except RecursionError:  # pragma: no cover - the loader turns this into IO008
        pytest.fail("RecursionError escaped")
    assert pure[0] == fast[0], (name, pure, fast)
    if fast[0] == "ok":
        assert same(pure[1], fast[1]) and pure[2] == fast[2], name
    elif fast[1] in ("IO008", "IO011"):
        assert pure[1] == fast[1], name


def test_libyaml_is_used():
    assert yamlplain.HAVE_LIBYAML, "PyYAML without libyaml: check and render would be several times slower"


@pytest.mark.parametrize("name", ["duplicate key", "duplicate nested key", "alias bomb", "deep flow", "deep blocks"])
def test_bad_inputs_refused_with_their_code(name):
    code = {"alias bomb": "IO011", "deep flow": "IO008", "deep blocks": "IO008"}.get(name, "IO010")
    assert outcome(fast_view, BAD_YAML[name], "yaml")[:2] == ("refused", code)


def test_bad_date_kept_as_text():
    data, positions = fast_view(BAD_YAML["bad date"], "yaml")
    assert data == {"signature": {"date": "2019-02-30"}}
    assert positions[("signature", "date")] == (2, 3)
