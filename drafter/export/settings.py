"""The output tables of drafter.toml, checked when the profile is read.

    [public]                 # the 公开版 (drafter render --public)
    contacts = true          # keep the unit's 联系人 and phones
    leader = true            # keep 领导署名
    deputies = true          # keep the deputies' names
    remove = ["private", "id", "phone", "address"]
    mask = "×××"             # what stands where something was removed

    [text]                   # the platform text (drafter text)
    limit = 2500             # characters the platform's editor takes; 0 = no limit
    acknowledgement = true   # start with the opening sentence (您提出的…收悉)
    encoding = "utf-8-sig"   # utf-8-sig (with BOM, for Notepad), utf-8 or gb18030
    newline = "crlf"         # crlf or lf

    [form]                   # the 征求意见表 (drafter form)
    reply_within_days = 15   # "请在收到答复之日起15个工作日内填写"
    return_to = "市人大常委会代表工委"   # who gets the form back (default: this organ)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from typing import Any, Callable

from drafter.export.form import FormOptions
from drafter.export.public import PATTERNS, PublicPolicy


@dataclass
class TextOptions:
    limit: int = 2500
    acknowledgement: bool = True
    encoding: str = "utf-8-sig"
    newline: str = "crlf"

    @property
    def newline_chars(self) -> str:
        return "\r\n" if self.newline == "crlf" else "\n"


_ENCODINGS = ("utf-8-sig", "utf-8", "gb18030")


def _typed(section: str, raw: Any, target, bad: Callable[[str, str], Exception]):
    """Fill dataclass `target` from a TOML table, each value checked against the default's type."""
    if not isinstance(raw, dict):
        raise bad(section, f"[{section}] 应为配置段")
    names = {f.name for f in fields(target)}
    for key, value in raw.items():
        if key not in names or key == "suffix":
            raise bad(f"{section}.{key}", f"未知的配置项，可用：{'、'.join(sorted(names - {'suffix'}))}")
        default = getattr(target, key)
        if isinstance(default, bool):
            ok = isinstance(value, bool)
            want = "true 或 false"
        elif isinstance(default, int):
            ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100_000
            want = " 0 到 100000 之间的整数"
        elif isinstance(default, tuple):
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            want = "文字列表"
            value = tuple(value) if ok else value
        else:
            ok = isinstance(value, str) and 0 < len(value) <= 100 or (default is None and isinstance(value, str))
            want = "文字"
        if not ok:
            got = json.dumps(value, ensure_ascii=False, default=str)
            raise bad(f"{section}.{key}", f"应为{want}，收到 {got}")
        setattr(target, key, value)
    return target


def public_table(raw: Any, bad) -> PublicPolicy:
    policy = _typed("public", raw, PublicPolicy(), bad)
    unknown = [r for r in policy.remove if r not in PATTERNS]
    if unknown:
        raise bad("public.remove", f"不认识“{unknown[0]}”，可用：{'、'.join(PATTERNS)}")
    return policy


def text_table(raw: Any, bad) -> TextOptions:
    options = _typed("text", raw, TextOptions(), bad)
    if options.encoding not in _ENCODINGS:
        raise bad("text.encoding", f"只能是 {'、'.join(_ENCODINGS)}")
    if options.newline not in ("crlf", "lf"):
        raise bad("text.newline", "只能是 crlf 或 lf")
    return options


def form_table(raw: Any, bad) -> FormOptions:
    return _typed("form", raw, FormOptions(), bad)
