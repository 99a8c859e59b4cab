"""HD601–HD604: how the suggestion was handled (独办, 主办/协办/会办, 分办) and who answers."""

from __future__ import annotations

import re

from drafter.findings import WARNING
from drafter.rules.base import Rule, register


@register
class CoHandlerWritesToDeputy(Rule):
    code = "HD601"
    name = "co-handler-writes-to-deputy"
    message = "协办、会办意见应写给主办单位，不直接答复代表：请在 addressee.unit 填写主办单位"
    rationale = (
        "只有主办单位答复代表；协办（会办）单位把意见函告主办单位，由主办单位综合后告知代表"
        "（上海规定第十七条；某市建议办理规定）。"
    )
    source = "上海规定第十七条"
    good = "proposal:\n  handling: 协办\naddressee:\n  unit: 市科技局"
    bad = "proposal:\n  handling: 协办\naddressee:\n  deputies: [王贤理]"

    def check(self, ctx):
        L = ctx.letter
        if L.doc_type == "opinion" and L.addressee.deputies and not L.addressee.unit:
            yield ctx.report(self, ("addressee", "deputies"),
                             f"{L.proposal.handling}意见应写给主办单位，不直接答复{L.member_word}：请在 addressee.unit 填写主办单位")


@register
class LeadWithoutCoHandlers(Rule):
    code = "HD602"
    name = "lead-without-co-handlers"
    message = "办理方式为主办，但没有列出协办单位：请填写 proposal.co_handlers，或改为独办"
    rationale = (
        "主办意味着有协办（会办）单位，主办单位须把协办单位的意见一并告知代表（上海规定第十七条）；"
        "没有协办单位的应为独办。"
    )
    source = "上海规定第十七条"
    good = "proposal:\n  handling: 主办\n  co_handlers: [市科技局]"
    bad = "proposal:\n  handling: 主办\n  co_handlers: []"

    def check(self, ctx):
        p = ctx.letter.proposal
        if p.handling == "主办" and not p.co_handlers:
            yield ctx.report(self, ("proposal", "handling"))


@register
class SoleWithCoHandlers(Rule):
    code = "HD603"
    name = "sole-with-co-handlers"
    message = "办理方式为独办，却列出了协办单位：请改为主办，或删去 co_handlers"
    rationale = "独办即由本单位单独办理，没有协办单位；列出协办单位说明办理方式填错。"
    source = "通行做法"
    severity = WARNING
    good = "proposal:\n  handling: 主办\n  co_handlers: [市科技局]"
    bad = "proposal:\n  handling: 独办\n  co_handlers: [市科技局]"

    def check(self, ctx):
        p = ctx.letter.proposal
        if p.handling == "独办" and p.co_handlers:
            yield ctx.report(self, ("proposal", "co_handlers"))


_PLACE = re.compile(r"^.{1,8}?[省市县区]")


def mentions(text: str, unit: str) -> bool:
    """Whether `text` names `unit`, in full or without its place prefix (慈溪市科技局 → 科技局)."""
    if unit in text:
        return True
    core = _PLACE.sub("", unit, count=1)
    return len(core) >= 2 and core != unit and core in text


@register
class CoHandlersNotMentioned(Rule):
    code = "HD604"
    name = "co-handlers-not-mentioned"
    message = "主办答复的开头语没有提到协办单位，请写明“经会同××认真研究”"
    rationale = (
        "主办单位应把协办单位的意见一并告知代表（上海规定第十七条）；模板生成的开头语写“经会同××认真研究”，"
        "改写开头语时不要丢掉协办单位。"
    )
    source = "上海规定第十七条"
    severity = WARNING
    good = (
        "proposal:\n  handling: 主办\n  co_handlers: [市科技局]\n"
        "acknowledgement: 您提出的《关于加强知识产权保护的建议》收悉，经会同市科技局认真研究，现答复如下："
    )
    bad = (
        "proposal:\n  handling: 主办\n  co_handlers: [市科技局]\n"
        "acknowledgement: 您提出的《关于加强知识产权保护的建议》收悉，经认真研究，现答复如下："
    )

    def check(self, ctx):
        L = ctx.letter
        if L.proposal.handling != "主办" or not L.proposal.co_handlers or not L.acknowledgement:
            return
        if not any(mentions(L.acknowledgement, u) for u in L.proposal.co_handlers):
            names = "、".join(L.proposal.co_handlers)
            yield ctx.report(self, ("acknowledgement",), f"开头语没有提到协办单位，请写明“经会同{names}认真研究”")


@register
class ReplyToUnit(Rule):
    code = "HD605"
    name = "reply-addressed-to-unit"
    message = "独办、主办、分办的答复应写给代表（委员），不写给单位：请在 addressee.deputies 填写姓名"
    rationale = (
        "答复由独办、主办或分办单位直接寄给提出建议（提案）的代表（委员），逐人答复（上海规定第二十条）；"
        "只有协办、会办意见才写给主办单位。主送写成单位，多是由协办意见改写而来没有改全。"
    )
    source = "上海规定第二十条；上海规定第十七条"
    good = "proposal:\n  handling: 独办\naddressee:\n  deputies: [王贤理]"
    bad = "proposal:\n  handling: 独办\naddressee:\n  unit: 市自然资源和规划局"

    def check(self, ctx):
        L = ctx.letter
        # The salutation template prefers a unit, so a unit here is what would print.
        if L.doc_type in ("reply", "extension") and L.proposal.handling in ("独办", "主办", "分办") and L.addressee.unit:
            yield ctx.report(self, ("addressee", "unit"),
                             f"{L.proposal.handling}的答复应写给{L.member_word}，不写给“{L.addressee.unit}”："
                             f"请在 addressee.deputies 填写{L.member_word}姓名，或把办理方式改为协办/会办")
