"""HN101–HN104: section headings — typed numbers, depth, run-in headings, end punctuation."""

from __future__ import annotations

import re

from drafter.findings import WARNING
from drafter.model import MAX_LEVEL
from drafter.rules._prose import body_items
from drafter.rules.base import Rule, register

_CN = "一二三四五六七八九十"
_DIG = "0-9０-９"
# A heading number typed by hand: 一、 （一） (一) 1. 1、 （1） 1） ① 第一、 … and the spaces after it.
# "一是" is a phrase, not a number; "1.5亿元" is a quantity.
TYPED_NUMBER = re.compile(
    rf"^\s*(?:"
    rf"[{_CN}]+\s*[、.．]"
    rf"|[（(]\s*[{_CN}]+\s*[)）]"
    rf"|[（(]\s*[{_DIG}]+\s*[)）]"
    rf"|[{_DIG}]+\s*(?:[、]|[.．](?![{_DIG}]))"
    rf"|[{_DIG}]+\s*[)）]"
    rf"|[①-⑳]"
    rf"|第[{_CN}]+\s*[、，,：:]"
    rf")\s*"
)


def typed_number(heading: str) -> str | None:
    """The typed number at the start of `heading` (with its trailing spaces), or None."""
    m = TYPED_NUMBER.match(heading)
    return m.group(0) if m else None


def _sections(ctx):
    for path, item, depth in body_items(ctx.data):
        if isinstance(item, dict) and isinstance(item.get("heading"), str):
            yield path, item, depth


@register
class TypedHeadingNumber(Rule):
    code = "HN101"
    name = "typed-heading-number"
    message = "标题前手写了序号，请删去：序号由程序按层级编排"
    rationale = (
        "层次序号依次为“一、”“（一）”“1.”“（1）”（GB/T 9704-2012 7.3.3），由程序按标题所在层级编排；"
        "标题文字里再写序号，印出后就成了“一、一、加强……”，增删标题时序号也会错乱。"
    )
    source = "GB/T 9704-2012 7.3.3"
    fix = "safe"
    fix_description = "删去标题前手写的序号"
    good = "measures:\n  - heading: 加强知识产权保护"
    bad = "measures:\n  - heading: 一、加强知识产权保护"

    def check(self, ctx):
        for path, item, _ in _sections(ctx):
            number = typed_number(item["heading"])
            if not number:
                continue
            rest = item["heading"][len(number):]
            yield ctx.report(
                self, path + ("heading",), f"标题前手写了序号“{number.strip()}”，请删去：序号由程序按层级编排",
                fix_value=rest if rest.strip() else None,
            )


@register
class HeadingTooDeep(Rule):
    code = "HN102"
    name = "heading-too-deep"
    message = "标题超过四层，请合并层次或改为段落"
    rationale = (
        "公文结构层次序数只有四层：“一、”“（一）”“1.”“（1）”（GB/T 9704-2012 7.3.3）；"
        "第五层没有规定的序号，无法排印。"
    )
    source = "GB/T 9704-2012 7.3.3"
    good = "measures:\n  - heading: 一层\n    body:\n      - heading: 二层\n        body:\n          - 正文。"
    bad = (
        "measures:\n  - heading: 一层\n    body:\n      - heading: 二层\n        body:\n"
        "          - heading: 三层\n            body:\n              - heading: 四层\n                body:\n"
        "                  - heading: 五层\n                    body:\n                      - 正文。"
    )

    def check(self, ctx):
        for path, _, depth in _sections(ctx):
            if depth == MAX_LEVEL + 1:  # deeper ones sit under this one: one finding per branch
                yield ctx.report(self, path + ("heading",), f"标题在第{depth}层，超过四层（一、（一）1.（1）），请合并层次或改为段落")


@register
class RunInWithoutParagraph(Rule):
    code = "HN103"
    name = "run-in-without-paragraph"
    message = "接排标题下没有可接排的段落，请删去 run_in 或在 body 开头补上段落"
    rationale = (
        "接排（run_in）标题与其下第一段排在同一段；body 为空或第一项是下一层标题时无段可接，"
        "标题只能单独成行，与作者的意图不符。"
    )
    source = "GB/T 9704-2012 7.3.3；通行做法"
    severity = WARNING
    good = "measures:\n  - heading: 加强宣传。\n    run_in: true\n    body:\n      - 我局开展了宣传周活动。"
    bad = "measures:\n  - heading: 加强宣传。\n    run_in: true"

    def check(self, ctx):
        for path, item, _ in _sections(ctx):
            if item.get("run_in") is not True:
                continue
            body = item.get("body")
            if not (isinstance(body, list) and body and isinstance(body[0], str)):
                yield ctx.report(self, path + ("run_in",))


@register
class StandaloneHeadingPeriod(Rule):
    code = "HN104"
    name = "standalone-heading-period"
    message = "单独成行的标题末尾不加句号，请删去“。”（或设 run_in: true 与正文接排）"
    rationale = (
        "单独成行的层次标题是标题而不是句子，末尾不加句号；以句号结尾的标题通常本应与正文接排"
        "（run_in: true）。GB/T 9704-2012 7.3.3 规定层次序数，标题标点按通行做法。"
    )
    source = "GB/T 9704-2012 7.3.3；通行做法"
    severity = WARNING
    fix = "unsafe"
    fix_description = "删去标题末尾的句号"
    good = "measures:\n  - heading: 加强知识产权保护\n    body:\n      - 我局开展了专项行动。"
    bad = "measures:\n  - heading: 加强知识产权保护。\n    body:\n      - 我局开展了专项行动。"

    def check(self, ctx):
        for path, item, _ in _sections(ctx):
            heading = item["heading"].rstrip()
            if item.get("run_in") is not True and heading.endswith("。"):
                fixed = heading.rstrip("。").rstrip()
                yield ctx.report(self, path + ("heading",), fix_value=fixed or None)
