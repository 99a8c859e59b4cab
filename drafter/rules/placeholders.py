"""TX101: placeholders left in a draft (what `drafter new` writes, and what people type)."""

from __future__ import annotations

import re

from drafter.rules.base import Rule, register

# 【待填：…】 is what the scaffold writes; the others are what people type by hand.
PLACEHOLDER = re.compile(r"【(?:待填|请填写|待补|填写)[^】]*】|\bTODO\b|\bTBD\b|×{2,}|Ｘ{2,}|○{3,}", re.IGNORECASE)
# A character every placeholder above contains: text without any of them is skipped at C speed
# (the pattern itself, an alternation under IGNORECASE, is tried at every position).
_FIRST = re.compile("[【×Ｘｘ○tT]")


def placeholders(text: str) -> list[str]:
    """The placeholders in `text`, as written."""
    return [] if _FIRST.search(text) is None else PLACEHOLDER.findall(text)


def has_placeholder(text: str) -> bool:
    return _FIRST.search(text) is not None and PLACEHOLDER.search(text) is not None


@register
class PlaceholderLeft(Rule):
    code = "TX101"
    name = "placeholder-left"
    message = "仍有占位符未填写"
    rationale = "占位符（【待填】、TODO、××）一旦印出就是事故；发出前每一处都必须替换为真实内容。"
    source = "通行做法"
    needs_letter = False  # also runs on an unfinished draft that fails the schema
    good = "proposal:\n  number: \"0185\""
    bad = "proposal:\n  number: 【待填：建议编号，如 0185】"

    def check(self, ctx):
        for path, text in ctx.strings():
            found = placeholders(text)
            if found:
                shown = "、".join(dict.fromkeys(found))
                yield ctx.report(self, path, f"仍有占位符 {shown}，请填写真实内容")
