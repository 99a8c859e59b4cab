"""Validate draft data against schemas/reply.schema.json and say what is wrong in Chinese.

jsonschema's messages are English and hard-coded; we translate by validator keyword,
using each field's Chinese `title` from the schema, and we resolve anyOf noise by
following the branch whose type matches what the user wrote.
"""

from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache
from typing import Any, Iterable

from drafter.drafts import Draft
from drafter.findings import ERROR, Finding
from drafter.resources import schema_path

TYPE_NAMES = {
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "true 或 false",
    "array": "列表",
    "object": "键值对",
    "null": "空",
}


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    return json.loads(schema_path().read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    schema = load_schema()
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@lru_cache(maxsize=1)
def _fast_check():
    """The schema compiled to plain Python (drafter/_reply_validator.py, made by schemagen), or
    None when it was made from another version of the schema: then jsonschema does it all."""
    from drafter import _reply_validator
    from drafter.schemagen import schema_fingerprint

    if _reply_validator.SCHEMA_FINGERPRINT != schema_fingerprint(schema_path().read_text(encoding="utf-8")):
        return None
    return _reply_validator.is_valid


def validate(draft: Draft) -> list[Finding]:
    """All schema problems of the draft, one finding each, in file order."""
    fast = _fast_check()
    if fast is not None and fast(draft.data):
        return []  # most drafts: no need to import jsonschema at all
    found: list[tuple[tuple, str, str]] = []
    for error in _validator().iter_errors(draft.data):
        for item in _translate(error):
            if item not in found:
                found.append(item)
    # A misspelt key ("adressee") is one mistake: report the unknown key with its
    # suggestion, not also the required key it was meant to be.
    meant = {path[:-1] + (_suggest(path[-1], path[:-1], draft.data),) for path, code, _ in found if code == "SCH003"}
    # A value of the wrong type is one mistake, not also "not one of the allowed values".
    wrong_type = {path for path, code, _ in found if code == "SCH002"}
    found = [item for item in found if not (item[1] == "SCH004" and item[0] in wrong_type)]
    return [draft.finding(path, code, ERROR, _as_written(draft, path, message) if code == "SCH002" else message)
            for path, code, message in found if not (code == "SCH001" and path in meant)]


def _as_written(draft: Draft, path: tuple, message: str) -> str:
    """YAML reads `number: 0185` as the integer 185; the hint quotes what the user typed."""
    if draft.fmt != "yaml" or path not in draft.positions or "请加引号" not in message:
        return message
    line = draft.text.splitlines()[draft.positions[path][0] - 1]
    m = re.search(r"(?::|^\s*-)\s+([0-9][0-9A-Za-z_.+\-]*)\s*(?:#.*)?$", line)
    if not m:
        return message
    return re.sub(r'如 "[^"]*"', f'如 "{m.group(1)}"', message)


def _suggest(key: str, parent: tuple, data: Any) -> str | None:
    schema = _schema_at(parent, data)
    guess = difflib.get_close_matches(key, list(schema.get("properties", {})), n=1, cutoff=0.6)
    return guess[0] if guess else None


def _schema_at(path: tuple, data: Any) -> dict[str, Any]:
    """The (object) schema that governs the mapping at `path`, following properties and items."""
    node = load_schema()
    defs = node["$defs"]
    for part in path:
        while "$ref" in node:
            node = defs[node["$ref"].split("/")[-1]]
        if isinstance(part, int):
            node = node.get("items", {})
            while "$ref" in node:
                node = defs[node["$ref"].split("/")[-1]]
            if "anyOf" in node:  # a list item that is a mapping: the branch with properties
                for branch in node["anyOf"]:
                    while "$ref" in branch:
                        branch = defs[branch["$ref"].split("/")[-1]]
                    if "properties" in branch:
                        node = branch
                        break
        else:
            node = node.get("properties", {}).get(part, {})
    while "$ref" in node:
        node = defs[node["$ref"].split("/")[-1]]
    return node


def is_valid(data: Any) -> bool:
    fast = _fast_check()
    return fast(data) if fast is not None else _validator().is_valid(data)


# -- translation -------------------------------------------------------------------


def _title(schema: dict[str, Any], fallback: str = "") -> str:
    if "title" in schema:
        return schema["title"]
    ref = schema.get("$ref")
    if ref and ref.startswith("#/$defs/"):
        return load_schema()["$defs"][ref.split("/")[-1]].get("title", fallback)
    return fallback


def _title_at(path: tuple) -> str:
    """The Chinese title of the field at a data path, looked up from the schema's root (for
    errors raised inside if/then branches, whose own subschema has no titles)."""
    node: Any = load_schema()
    for part in path:
        if "$ref" in node and node["$ref"].startswith("#/$defs/"):
            node = load_schema()["$defs"][node["$ref"].split("/")[-1]]
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(part)
        if not isinstance(node, dict):
            return ""
    return _title(node)


def _kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _translate(error) -> Iterable[tuple[tuple, str, str]]:
    path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    title = _title(schema, str(path[-1]) if path else "草稿")
    v = error.validator
    inst = error.instance

    if v == "required":
        props = schema.get("properties", {})
        # A requirement that comes from an if/then (what a document type needs) says so.
        why = "（这一文种须填写）" if "then" in error.schema_path else ""
        for key in error.validator_value:
            if isinstance(inst, dict) and key not in inst:
                sub = props.get(key, {})
                label = sub.get("title") or _title_at(path + (key,)) or key
                yield path + (key,), "SCH001", f"缺少必填项“{label}”（{key}）{why}，请补上"
        return
    if v == "additionalProperties":
        props = list(schema.get("properties", {}))
        for key in inst if isinstance(inst, dict) else ():
            if key in props:
                continue
            guess = difflib.get_close_matches(key, props, n=1, cutoff=0.6)
            hint = f"，是否应为“{guess[0]}”？" if guess else f"；这一层可用的字段：{'、'.join(props)}"
            yield path + (key,), "SCH003", f"未知字段“{key}”{hint}"
        return
    if inst is None:
        yield path, "SCH006", f"{title}不能为空"
        return
    if v == "type":
        want = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        names = "或".join(TYPE_NAMES.get(t, t) for t in want)
        got = TYPE_NAMES.get(_kind_of(inst), "")
        if path == ():
            yield path, "SCH002", f"草稿顶层应为键值对（kind: …、organ: … 等），实际是{got}"
            return
        hint = ""
        if "string" in want and isinstance(inst, (int, float)) and not isinstance(inst, bool):
            hint = f"（编号、电话等请加引号，如 \"{inst}\"；注意前导零会丢失）"
        elif "array" in want and isinstance(inst, str):
            hint = "（每项一行，以“- ”开头）"
        yield path, "SCH002", f"{title}应为{names}，实际是{got}{hint}"
        return
    if v == "enum":
        allowed = "、".join(str(x) for x in error.validator_value)
        if isinstance(inst, (list, dict)):
            yield path, "SCH004", f"{title}应为以下之一：{allowed}，实际是{TYPE_NAMES[_kind_of(inst)]}"
        else:
            yield path, "SCH004", f"“{inst}”不是有效的{title}，可选：{allowed}"
        return
    if v == "format" and error.validator_value == "date":
        yield path, "SCH005", f"{title}“{inst}”不是有效日期，应写作 YYYY-MM-DD，如 2025-05-07"
        return
    if v == "minLength" or (v == "minItems" and error.validator_value == 1 and not inst):
        yield path, "SCH006", f"{title}不能为空" if v == "minLength" else f"{title}至少填写一项"
        return
    if v == "minItems":
        yield path, "SCH006", f"{title}至少填写 {error.validator_value} 项"
        return
    if v == "maxLength":
        yield path, "SCH007", f"{title}过长（{len(inst)} 字，上限 {error.validator_value} 字）"
        return
    if v in ("minimum", "maximum"):
        word = "不能小于" if v == "minimum" else "不能大于"
        yield path, "SCH007", f"{title}{word} {error.validator_value}"
        return
    if v == "anyOf":
        yield from _translate_any_of(error, path, title, inst)
        return
    if v == "maxItems":
        yield path, "SCH007", f"{title}最多填写 {error.validator_value} 项，现有 {len(inst)} 项"
        return
    if v == "const":
        yield path, "SCH004", f"{title}应为“{error.validator_value}”，实际是“{inst}”"
        return
    if v == "uniqueItems":
        yield path, "SCH008", f"{title}中有重复的项，请删去重复的"
        return
    if v == "pattern" or v == "format":
        yield path, "SCH008", f"{title}“{inst}”的写法不对，请对照填写说明（drafter schema）改正"
        return
    # Never the validator's English: name the field and where the requirement is written.
    yield path, "SCH008", f"{title}不符合草稿结构的要求（{_KEYWORDS.get(v, '见 drafter schema')}）"


_KEYWORDS = {
    "oneOf": "须且只能符合一种写法", "not": "不允许这种写法", "allOf": "须同时满足几项要求",
    "minProperties": "至少填写一项", "maxProperties": "填写的项过多", "dependentRequired": "填了此项就须同时填写相关项",
    "exclusiveMinimum": "数值过小", "exclusiveMaximum": "数值过大", "multipleOf": "数值不符合要求",
    "contains": "缺少必需的项", "propertyNames": "键名不符合要求", "false": "此处不允许填写",
}


def _translate_any_of(error, path, title, inst) -> Iterable[tuple[tuple, str, str]]:
    """Pick the branch the user evidently meant (by type) and report only its errors."""
    if path and path[-1] == "addressee" or error.validator_value == [{"required": ["deputies"]}, {"required": ["unit"]}]:
        yield path, "SCH001", "须填写代表（委员）姓名 deputies，或协办意见的主办单位 unit"
        return
    branches: dict[int, list] = {}
    for sub in error.context or ():
        branches.setdefault(sub.schema_path[0], []).append(sub)
    kind = _kind_of(inst)
    for _index, subs in sorted(branches.items()):
        type_errors = [s for s in subs if s.validator == "type" and not s.relative_path]
        if not type_errors:  # this branch accepts the type: its errors are the real ones
            for sub in subs:
                yield from _translate(sub)
            return
    wanted = "文字段落" if kind != "object" else ""
    yield path, "SCH002", f"{title}应为{wanted or '文字'}，或含 heading 的分层标题，实际是{TYPE_NAMES.get(kind, kind)}"
