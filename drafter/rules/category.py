"""CG901–CG902: the result class (A/B/C/D, 甲/乙/丙, as configured) and what it requires."""

from __future__ import annotations

import re

from drafter.rules._prose import block_text
from drafter.rules.base import Rule, register


@register
class UnknownCategory(Rule):
    code = "CG901"
    name = "unknown-category"
    message = "类别标记不在配置的类别中"
    rationale = (
        "办理结果按解决程度分类（如 A 已解决或基本解决、B 正在解决或列入计划、C 需待以后解决、D 留作参考），"
        "标在答复首页右上角；各地分类不一，可在 drafter.toml 的 [check] categories 中配置"
        "（全国人大代表建议处理办法）。"
    )
    source = "全国人大代表建议处理办法；某市2008年建议办理通知"
    good = "category: A"
    bad = "category: E"

    def check(self, ctx):
        category = ctx.letter.category
        allowed = list(ctx.profile.categories)
        if category is not None and category not in allowed:
            yield ctx.report(self, ("category",), f"类别标记“{category}”不在配置的类别中，可用：{'、'.join(allowed)}")


# A time limit: a year, a month, a quarter, "年内", "年底", "X月底前", "3个月内", "上半年".
# "目前/当前/此前/提前/前期" say when, not by when, and do not count.
TIME_LIMIT = re.compile(
    r"[0-9０-９]{4}|[0-9０-９一二三四五六七八九十两]+\s*(?:个)?\s*(?:年|月|季度|周|天|日|工作日)"
    r"|[今明本后次当]年|年[内底末初中]|月[底内初中末]|季度|[上下]半年|[上下]旬|日前"
    r"|(?<![目当此提眼以之从面向超空])前(?![期列沿者提景往进例])"
)


@register
class PlanWithoutDeadline(Rule):
    code = "CG902"
    name = "plan-without-deadline"
    message = "B、C类答复须写明计划和时限：请在下一步工作中写明完成时间"
    rationale = (
        "列入计划、正在解决或需逐步解决的事项，答复时须写明计划和明确的时限"
        "（上海规定第十八条第二、三项），否则代表无从督促、跟踪（上海规定第二十二条）。"
        "按 drafter.toml 中 categories 的第二、三类（默认 B、C）检查。"
    )
    source = "上海规定第十八条"
    good = "category: B\nnext_steps:\n  - 我局计划于2025年底前建成知识产权维权工作站。"
    bad = "category: B\nnext_steps:\n  - 我局将积极推进知识产权维权工作站建设。"

    def check(self, ctx):
        category = ctx.letter.category
        planned = list(ctx.profile.categories)[1:3]
        if category is None or category not in planned:
            return
        steps = ctx.data.get("next_steps")
        text = block_text(steps)
        if TIME_LIMIT.search(text):
            return
        path = ("next_steps",) if steps else ("category",)
        classes = "、".join(planned)
        yield ctx.report(self, path, f"{category}类答复须写明计划和时限：请在下一步工作（next_steps）中写明完成时间（{classes}类适用）")
