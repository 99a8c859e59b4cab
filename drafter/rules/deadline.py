"""DL3xx: the reply deadline — 交办后3个月（延期后6个月）."""

from __future__ import annotations

import datetime as dt

from drafter.caseload.deadlines import add_months, reply_due  # noqa: F401 - add_months re-exported
from drafter.rules.base import Rule, register
from drafter.text import chinese_date

_SOURCE = "代表法（2025）第五十一条；上海规定第十九条"


def deadline(ctx) -> tuple[dt.date, str] | None:
    """(last day to reply, how it was set), or None when the draft has no 交办日期; the deadline
    engine (drafter/caseload/deadlines.py) is the one home of the rule."""
    from drafter.caseload.cases import CaseRecord

    if ctx.letter is not None and ctx.letter.doc_type == "return":
        return None  # a 退办函 is no reply: its window is TY104
    due, basis = reply_due(CaseRecord.from_data(ctx.data, ctx.draft.name), ctx.profile)
    return None if due is None else (due, basis.replace("（已延期）", "，已延期"))


def unsigned(ctx) -> bool:
    """A draft still dated today or later counts as not yet signed and sent."""
    return ctx.letter.signature.date >= ctx.today


@register
class ReplyTooLate(Rule):
    code = "DL301"
    name = "reply-after-deadline"
    message = "成文日期超过答复期限"
    rationale = ("承办单位应自交办之日起三个月内答复，确需延期的经同意后最长六个月（延期请填 extended: true）；"
                 "成文日期晚于期限即为逾期答复。期限月数可在 drafter.toml 的 deadline_months 中设置。")
    source = _SOURCE
    good = "proposal:\n  assigned: 2025-03-07\nsignature:\n  date: 2025-06-07"
    bad = "proposal:\n  assigned: 2025-03-07\nsignature:\n  date: 2025-06-20"

    def check(self, ctx):
        due = deadline(ctx)
        if due is None:
            return
        last, term = due
        date = ctx.letter.signature.date
        if date > last:
            yield ctx.report(self, ("signature", "date"),
                             f"成文日期{chinese_date(date)}已超过答复期限，应于{chinese_date(last)}前答复（{term}）：请核对成文日期；已批准延期的请设 proposal.extended: true")


@register
class DeadlineNear(Rule):
    code = "DL302"
    name = "deadline-near"
    message = "答复期限将到"
    severity = "warning"
    rationale = ("承办单位应在交办后三个月内答复。成文日期不早于今天的草稿视为尚未签发；"
                 "距期限不足 deadline_warning_days 天（默认15天）时提醒抓紧签发。")
    source = _SOURCE
    good = "# 今天 2025-05-07，期限 2025-06-10\nproposal:\n  assigned: 2025-03-10\nsignature:\n  date: 2025-05-07"
    bad = "# 今天 2025-06-01，期限 2025-06-10\nproposal:\n  assigned: 2025-03-10\nsignature:\n  date: 2025-06-01"

    def check(self, ctx):
        due = deadline(ctx)
        if due is None or not unsigned(ctx):
            return
        last, term = due
        left = (last - ctx.today).days
        if 0 <= left <= ctx.profile.deadline_warning_days:
            when = "今天就是答复期限" if left == 0 else f"距答复期限还有{left}天"
            yield ctx.report(self, ("signature", "date"),
                             f"{when}（{chinese_date(last)}，{term}），请抓紧签发")


@register
class DeadlinePassed(Rule):
    code = "DL303"
    name = "deadline-passed"
    message = "答复期限已过，草稿仍未签发"
    severity = "warning"
    rationale = ("答复期限已过而草稿尚未签发（成文日期不早于今天）时，应立即签发；"
                 "确因情况复杂需要延期的，应按规定经同意并告知代表后再填 extended: true。")
    source = _SOURCE
    good = "# 今天 2025-06-01，期限 2025-06-10\nproposal:\n  assigned: 2025-03-10\nsignature:\n  date: 2025-06-01"
    bad = "# 今天 2025-06-20，期限 2025-06-10\nproposal:\n  assigned: 2025-03-10\nsignature:\n  date: 2025-06-20"

    def check(self, ctx):
        due = deadline(ctx)
        if due is None or not unsigned(ctx):
            return
        last, term = due
        late = (ctx.today - last).days
        if late > 0:
            yield ctx.report(self, ("signature", "date"),
                             f"答复期限{chinese_date(last)}（{term}）已过{late}天，草稿仍未签发：请立即签发，或按规定办理延期")
