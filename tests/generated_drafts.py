"""Hypothesis strategies for drafts nobody would write by hand: shaped by the schema, or the
examples mutated (unicode edge cases, type swaps, deleted keys, huge strings and lists, deep
nesting, calendar edges, absurd integers, YAML tags and aliases, broken bytes).

Each strategy gives (file name, bytes): what would land on a clerk's disk.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples").glob("*.yaml")) + [ROOT / "tests" / "data" / "render" / "plain-levels.yaml"]


def _seed_data() -> list[dict]:
    from drafter.drafts import loads_draft

    out = []
    for path in SEEDS:
        draft, _ = loads_draft(path.read_bytes(), "yaml", path.name)
        data = draft.data
        data.pop("$schema", None)
        out.append(data)
    return out


SEED_DATA = _seed_data()
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in SEEDS]

# -- schema-shaped drafts -----------------------------------------------------------------------


def _unrolled_schema(depth: int = 4) -> dict:
    """The draft schema with its recursive blocks unrolled `depth` levels (hypothesis-jsonschema
    cannot follow recursive references); the last level holds paragraphs only."""
    schema = json.loads((ROOT / "schemas" / "reply.schema.json").read_text(encoding="utf-8"))
    defs = schema.pop("$defs")

    def block(level: int) -> dict:
        if level >= depth:
            item = copy.deepcopy(defs["paragraph"])
        else:
            section = copy.deepcopy(defs["section"])
            section["properties"]["body"] = block(level + 1)
            item = {"anyOf": [copy.deepcopy(defs["paragraph"]), section]}
        b = copy.deepcopy(defs["block"])
        b["items"] = item
        b["maxItems"] = 6
        return b

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            if node.get("$ref") == "#/$defs/block":
                out = block(1)
                out.update({k: v for k, v in node.items() if k not in ("$ref", "title", "description")})
                return out
            return {k: resolve(v) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(v) for v in node]
        return node

    schema = resolve(schema)
    for name in ("co_handlers", "copy_to", "notes", "attachments", "contacts"):
        holder = schema["properties"].get(name) or schema["properties"]["proposal"]["properties"].get(name)
        if holder is not None:
            holder["maxItems"] = 5
    schema.pop("$id", None)
    return schema


def _printable(node: Any) -> Any:
    """The same data with characters no letter can hold taken out (empty strings become 文), so
    that most schema-made drafts get past the loader and on to check and render."""
    from drafter.limits import strip_unprintable

    if isinstance(node, dict):
        return {k: _printable(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_printable(v) for v in node]
    if isinstance(node, str):
        return strip_unprintable(node) or "文"
    return node


def schema_drafts() -> st.SearchStrategy[tuple[str, bytes]]:
    """Drafts the schema accepts; three in four with printable text only."""
    from hypothesis_jsonschema import from_schema

    raw = from_schema(_unrolled_schema())
    return st.tuples(raw, st.integers(0, 3)).map(
        lambda pair: ("schema.json", _json_bytes(pair[0] if pair[1] == 3 else _printable(pair[0]), ascii_only=False)))


# -- weird values ---------------------------------------------------------------------------------

SURROGATE = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
CONTROL = st.sampled_from([chr(c) for c in list(range(0, 32)) + list(range(0x7F, 0xA0))] + ["\ufffe", "\uffff"])
ODD_UNICODE = st.sampled_from(["\u200b", "\u202e", "\ufeff", "\u3000", "\U0001F600", "\U0010FFFF", "e\u0301",
                               "\u2028", "\u2029", "𠀀", "﨑", "\\", '"', "'", "{{ 7*7 }}", "{% if %}", "**", "****",
                               "【待填：x】", "一、", "（一）", "1.", "\t", "\n", "\r\n", " ", "#", "&", "<w:p/>"])
ANY_CHAR = st.one_of(st.characters(codec="utf-8"), SURROGATE, CONTROL, ODD_UNICODE)


def odd_text(min_size: int = 0, max_size: int = 40) -> st.SearchStrategy[str]:
    """Text made of odd pieces (one character, or a short odd sequence)."""
    return st.lists(ANY_CHAR, min_size=min_size, max_size=max_size).map("".join)
DATES = st.one_of(
    st.sampled_from(["9999-12-31", "0001-01-01", "2107-12-31", "2108-01-01", "1979-12-31", "1900-02-29",
                     "2019-02-30", "2024-02-29", "2025-13-01", "0000-00-00", "99999-01-01", "2025-1-1", ""]),
    st.dates().map(lambda d: d.isoformat()),
)
HUGE_INT = st.sampled_from([4301, 5000, 20_000]).map(lambda n: f"@@INT{n}@@")


def weird_value() -> st.SearchStrategy[Any]:
    leaf = st.one_of(
        odd_text(),
        odd_text(1, 3).map(lambda s: s * 40_000),  # a huge string
        DATES,
        st.integers(), st.integers(min_value=10 ** 30, max_value=10 ** 400), HUGE_INT,
        st.floats(allow_nan=True, allow_infinity=True),
        st.booleans(), st.none(),
        st.just([]), st.just({}),
    )
    return st.recursive(leaf, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(odd_text(0, 8), inner, max_size=3)),
                        max_leaves=6)


# -- mutations of the examples ------------------------------------------------------------------


def _paths(node: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out.extend(_paths(v, path + (k,)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(_paths(v, path + (i,)))
    return out


def _get(node: Any, path: tuple) -> Any:
    for p in path:
        node = node[p]
    return node


def _deep(value: Any, levels: int, kind: str) -> Any:
    for _ in range(levels):
        value = {"heading": "标题", "body": [value]} if kind == "section" else [value]
    return value


@st.composite
def mutation(draw, data: Any) -> Any:
    paths = _paths(data)[1:]
    if not paths:
        return draw(weird_value())
    path = draw(st.sampled_from(paths))
    parent, key = _get(data, path[:-1]), path[-1]
    value = parent[key]
    op = draw(st.sampled_from(["replace", "delete", "swap", "huge_list", "deep", "char", "headings", "copy_to", "date"]))
    if op == "replace":
        parent[key] = draw(weird_value())
    elif op == "delete":
        del parent[key]
    elif op == "swap":
        parent[key] = draw(st.sampled_from([[value], {"x": value}, str(value), 1, None, True]))
    elif op == "huge_list":
        n = draw(st.sampled_from([100, 2001, 6000]))
        parent[key] = [value] * n if not isinstance(value, list) or not value else (value * (n // len(value) + 1))[:n]
    elif op == "deep":
        parent[key] = _deep(value, draw(st.sampled_from([5, 39, 45, 200])), draw(st.sampled_from(["section", "list"])))
    elif op == "char" and isinstance(value, str):
        pos = draw(st.integers(0, len(value)))
        parent[key] = value[:pos] + draw(odd_text(1, 3)) + value[pos:]
    elif op == "headings" and isinstance(data, dict):
        n = draw(st.sampled_from([99, 100, 150, 1200]))
        data["measures"] = [{"heading": f"工作{k}", "body": ["做了工作。"]} for k in range(n)]
    elif op == "copy_to" and isinstance(data, dict):
        n = draw(st.sampled_from([50, 5000]))
        data["copy_to"] = ["市人大常委会代表工委"] + [f"市第{k}局" for k in range(n)]
    elif op == "date" and isinstance(data, dict):
        where = draw(st.sampled_from([("proposal", "assigned"), ("signature", "date"), ("printing", "date")]))
        holder = data.get(where[0])
        if isinstance(holder, dict):
            holder[where[1]] = draw(DATES)
    return data


# What a generated draft may weigh once written out. Mutations compound (a huge list of a huge
# string, made huge again), and Python shares what a file would repeat: the long profile once
# built a draft whose JSON text needed 24 GB. Drafter refuses anything over 2 MB (IO005), so a
# little more than that still tries the too-large class.
MAX_GENERATED_CHARS = 4_000_000


def _weight(node: Any, left: int) -> int:
    """Characters `node` takes when written out, counted until `left` is spent (then < 0)."""
    stack = [node]
    while stack and left >= 0:
        n = stack.pop()
        if isinstance(n, dict):
            left -= 4 * len(n)
            stack.extend(n.keys())
            stack.extend(n.values())
        elif isinstance(n, list):
            left -= 2 * len(n)
            stack.extend(n)
        else:
            left -= len(n) if isinstance(n, str) else 8
    return left


@st.composite
def mutated_drafts(draw) -> tuple[str, bytes]:
    data = copy.deepcopy(draw(st.sampled_from(SEED_DATA)))
    for _ in range(draw(st.integers(1, 4))):
        candidate = draw(mutation(copy.deepcopy(data)))
        if _weight(candidate, MAX_GENERATED_CHARS) >= 0:
            data = candidate  # a mutation that would blow the draft past any file size is skipped
    fmt = draw(st.sampled_from(["json", "json-ascii", "yaml"]))
    if fmt == "yaml":
        return "mutated.yaml", _yaml_bytes(data)
    return "mutated.json", _json_bytes(data, ascii_only=fmt == "json-ascii")


def _big_ints(text: str) -> str:
    return re.sub(r'"@@INT(\d+)@@"', lambda m: "7" * int(m.group(1)), text)


def _json_bytes(data: Any, ascii_only: bool) -> bytes:
    text = json.dumps(data, ensure_ascii=ascii_only, indent=1, default=str)
    return _big_ints(text).encode("utf-8", errors="surrogatepass")


def _yaml_bytes(data: Any) -> bytes:
    """YAML with every string double-quoted and escaped, as an editor or a script would write
    it: control characters and lone surrogates arrive as \\x01 / \\ud800 escapes."""

    def scalar(v: Any) -> str:
        if isinstance(v, str):
            return json.dumps(v, ensure_ascii=True)  # a JSON string is a valid double-quoted YAML scalar
        if isinstance(v, bool) or v is None:
            return {True: "true", False: "false", None: "null"}[v]
        if isinstance(v, float):
            return ".nan" if v != v else (".inf" if v == float("inf") else ("-.inf" if v == float("-inf") else repr(v)))
        return str(v)

    lines: list[str] = []

    def emit(node: Any, indent: int) -> None:
        pad = " " * indent
        if isinstance(node, dict):
            if not node:
                lines.append(pad + "{}")
            for k, v in node.items():
                key = scalar(str(k))
                if isinstance(v, (dict, list)) and v:
                    lines.append(f"{pad}{key}:")
                    emit(v, indent + 2)
                else:
                    lines.append(f"{pad}{key}: {flow(v)}")
        elif isinstance(node, list):
            if not node:
                lines.append(pad + "[]")
            for v in node:
                if isinstance(v, (dict, list)) and v:
                    lines.append(f"{pad}-")
                    emit(v, indent + 2)
                else:
                    lines.append(f"{pad}- {flow(v)}")
        else:
            lines.append(pad + flow(node))

    def flow(v: Any) -> str:
        if isinstance(v, dict):
            return "{}" if not v else json.dumps(v, ensure_ascii=True, default=str)
        if isinstance(v, list):
            return "[]" if not v else json.dumps(v, ensure_ascii=True, default=str)
        return scalar(v)

    emit(data, 0)
    return _big_ints("\n".join(lines) + "\n").encode("utf-8")


# -- YAML text mutations ------------------------------------------------------------------------

YAML_SNIPPETS = [
    '!!int "12abc"', '!!float ".nan - x"', "!!float 1e99999", "!!binary aGVsbG8=", "!!python/name:os.system",
    "!!python/object/apply:os.system [ls]", "!!timestamp 2025-99-99", "!!bool maybe", "!!null x", "!!str",
    "!!map [1]", "!!seq {a: 1}", "!!set {a}", "!!omap [a]", "!<tag:yaml.org,2002:int> x", "!custom x",
    '"\\x01"', '"\\ud800"', '"\\udfff\\ud800"', '"\\x7f"', '"\\u0000"', '"\\U0010FFFF"', '"\\N\\_\\L\\P"',
    "&a [*a, *a]", "*undefined", "&x 1", "<<: {a: 1}", "? [a]\n: b", "{a: 1, a: 2}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    "9" * 5000, "0x" + "f" * 5000, "0o7777777777777777777777777777", "1_000_000", "-.inf", ".NaN", "9999-12-31",
    "2107-12-31", "2108-01-01", "0001-01-01", "2019-02-30", "'", '"', "|", ">", "%YAML 1.1", "---", "...", "\t", "#",
]


@st.composite
def yaml_text_mutations(draw) -> tuple[str, bytes]:
    text = draw(st.sampled_from(SEED_TEXTS))
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        k = draw(st.integers(0, len(lines) - 1))
        line = lines[k]
        op = draw(st.sampled_from(["value", "insert", "dup", "cut", "bytes"]))
        snippet = draw(st.sampled_from(YAML_SNIPPETS))
        if op == "value" and ":" in line:
            head = line.split(":", 1)[0]
            lines[k] = f"{head}: {snippet}"
        elif op == "insert":
            lines.insert(k, snippet)
        elif op == "dup" and ":" in line:
            lines.insert(k, line)
        elif op == "cut":
            lines = lines[:k]
            if not lines:
                lines = [""]
    raw = "\n".join(lines).encode("utf-8")
    if draw(st.booleans()):
        pos = draw(st.integers(0, max(len(raw) - 1, 0)))
        raw = raw[:pos] + draw(st.binary(min_size=1, max_size=4)) + raw[pos + 1:]
    if draw(st.booleans()):
        raw = draw(st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe"])) + raw
    return "yamltext.yaml", raw
