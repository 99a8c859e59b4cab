"""DT2xx: dates that contradict each other or today (real dates are the schema's job)."""

from __future__ import annotations

from drafter.rules.base import Rule, register
from drafter.text import chinese_date


@register
class SignatureInFuture(Rule):
    code = "DT201"
    name = "signature-date-future"
    message = "成文日期晚于今天"
    rationale = "成文日期以负责人签发的日期为准，不能晚于检查当天；尚未签发的草稿可先写今天的日期，签发时再改。"
    source = "GB/T 9704-2012 7.3.5.4；通行做法"
    good = "signature:\n  date: 2025-05-07   # 不晚于今天"
    bad = "signature:\n  date: 2099-05-07"

    def check(self, ctx):
        date = ctx.letter.signature.date
        if date > ctx.today:
            yield ctx.report(self, ("signature", "date"),
                             f"成文日期{chinese_date(date)}晚于今天（{chinese_date(ctx.today)}），请改为实际签发日期")


@register
class SignatureBeforeAssigned(Rule):
    code = "DT202"
    name = "signature-before-assigned"
    message = "成文日期早于交办日期"
    rationale = "答复是在建议（提案）交办之后办理的，成文日期不能早于交办日期；早于交办日期说明其中一个日期写错了。"
    source = "代表法（2025）第五十一条；通行做法"
    good = "proposal:\n  assigned: 2025-03-10\nsignature:\n  date: 2025-05-07"
    bad = "proposal:\n  assigned: 2025-03-10\nsignature:\n  date: 2025-01-07"

    def check(self, ctx):
        assigned = ctx.letter.proposal.assigned
        date = ctx.letter.signature.date
        if assigned and date < assigned:
            yield ctx.report(self, ("signature", "date"),
                             f"成文日期{chinese_date(date)}早于交办日期{chinese_date(assigned)}，请核对两个日期")


@register
class PrintingBeforeSignature(Rule):
    code = "DT203"
    name = "printing-before-signature"
    message = "印发日期早于成文日期"
    rationale = "印发日期是公文送印的日期，在签发（成文日期）之后，不能早于成文日期。"
    source = "GB/T 9704-2012 7.4.3、7.3.5.4"
    good = "signature:\n  date: 2019-07-01\nprinting:\n  date: 2019-07-02"
    bad = "signature:\n  date: 2019-07-01\nprinting:\n  date: 2019-06-28"

    def check(self, ctx):
        printing = ctx.letter.printing
        date = ctx.letter.signature.date
        if printing and printing.date < date:
            yield ctx.report(self, ("printing", "date"),
                             f"印发日期{chinese_date(printing.date)}早于成文日期{chinese_date(date)}，请改为成文日期当天或之后")
