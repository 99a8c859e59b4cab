"""Shared helpers for rule tests: one small valid, commented base draft and ways to vary it.

API (kept stable; other rule test modules use it):

- BASE_YAML: a valid draft (kind npc, 主办 with one co-handler) that passes every rule
  when checked with TODAY.
- TODAY: the date the tests check "as of" (2025-05-09, the base's signature date: the
  draft counts as unsigned; its deadline, 交办 2025-03-10 + 3 months, is 2025-06-10).
- yaml_with(path, value, base=BASE_YAML) -> str: the base text with the value at `path`
  (a tuple like ("copy_to", 1) or a dotted string "proposal.assigned") set, added, or
  removed (value=DELETE). Comments in the base survive.
- draft_with(base=BASE_YAML, **changes) -> str: several changes at once; keyword names use
  "__" for nesting: draft_with(proposal__assigned="2025-01-02", doc_number="x〔2025〕1号").
  A change can also be given as a mapping: draft_with(changes={("contacts", 0, "phones"): [...]}).
- findings(text, codes=None, today=TODAY, profile=None) -> list[Finding] (only `codes`
  when given: a code or a prefix, or a list of them).
- codes(text, ...) -> list of finding codes (same arguments as findings).
- fix(text, today=TODAY, profile=None, unsafe=False) -> str: the text after applying fixes.
- load(text) -> Draft.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from drafter.check import Options, apply_fixes, check_text
from drafter.drafts import Draft, dump_text, loads_draft
from drafter.rewrite import dump_roundtrip, load_roundtrip
from drafter.profile import Profile

TODAY = dt.date(2025, 5, 9)

BASE_YAML = """\
# 测试用最小答复函草稿（所有规则都应通过）。
kind: npc
layout: file
organ: 厦门市市场监督管理局
doc_number: 厦市监函〔2025〕59号  # 发文字号
title: 关于市十六届人大五次会议第0185号建议的答复
proposal:
  session: 市十六届人大五次会议
  number: "0185"
  title: 关于加强知识产权保护的建议
  # 交办日期：据此计算答复期限
  assigned: 2025-03-10
  handling: 主办
  co_handlers:
    - 市科技局
addressee:
  deputies:
    - 王贤理
  count: 6
measures:
  - heading: 加强知识产权保护
    body:
      - 我局会同有关部门开展专项行动，查处侵权案件。
next_steps:
  - 下一步，我们将继续加大保护力度。
signature:
  organ: 厦门市市场监督管理局
  date: 2025-05-09  # 成文日期
# 联系人
contacts:
  - name: 王钧
    phones:
      - "0592-5077969"  # 办公电话
      - "15990730946"
copy_to:
  - 市人大常委会代表工委  # 人大建议须抄送
  - 市政府办公厅
  - 市科技局
printing:
  organ: 厦门市市场监督管理局办公室
  date: 2025-05-09
"""


class _Delete:
    def __repr__(self) -> str:
        return "DELETE"


DELETE = _Delete()


def load(text: str) -> Draft:
    draft, _ = loads_draft(text, "yaml", "draft.yaml")
    return draft


def _path(path: Any) -> tuple:
    if isinstance(path, str):
        return tuple(int(p) if p.isdigit() else p for p in path.split("."))
    return tuple(path)


def _set(doc: Any, path: tuple, value: Any) -> None:
    parent = doc
    for part in path[:-1]:
        if isinstance(parent, dict) and part not in parent:
            parent[part] = {}  # a fragment may add a whole new section (case: …)
        parent = parent[part]
    key = path[-1]
    if value is DELETE:
        del parent[key]
    elif isinstance(parent, list) and key == len(parent):
        parent.append(value)
    else:
        parent[key] = value


def _apply(text: str, changes: Iterable[tuple[tuple, Any]]) -> str:
    doc, indent = load_roundtrip(text)
    for path, value in changes:
        _set(doc, path, value)
    return dump_roundtrip(doc, indent)


def yaml_with(path: Any, value: Any, base: str = BASE_YAML) -> str:
    """`base` with the value at `path` set (or removed with DELETE), comments kept."""
    return _apply(base, [(_path(path), value)])


def draft_with(base: str = BASE_YAML, changes: dict | None = None, **kw: Any) -> str:
    """`base` with several changes; keyword names nest with "__" (proposal__assigned=...)."""
    items = [(_path(p), v) for p, v in (changes or {}).items()]
    items += [(tuple(int(p) if p.isdigit() else p for p in k.split("__")), v) for k, v in kw.items()]
    return _apply(base, items)


def _options(today: dt.date, profile: Profile | None) -> Options:
    return Options(profile=profile or Profile(), today=today)


def _wanted(code: str, want: Any) -> bool:
    if want is None:
        return True
    if isinstance(want, str):
        want = [want]
    return any(code.startswith(w) for w in want)


def findings(text: str, codes: Any = None, today: dt.date = TODAY, profile: Profile | None = None) -> list:
    return [f for f in check_text(text, _options(today, profile)) if _wanted(f.code, codes)]


def codes(text: str, want: Any = None, today: dt.date = TODAY, profile: Profile | None = None) -> list[str]:
    return [f.code for f in findings(text, want, today, profile)]


def fix(text: str, today: dt.date = TODAY, profile: Profile | None = None, unsafe: bool = False) -> str:
    draft = load(text)
    apply_fixes(draft, _options(today, profile), unsafe=unsafe)
    return dump_text(draft)
