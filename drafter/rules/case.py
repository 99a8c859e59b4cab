"""CS9xx: the handling record (case:): status, reply, 见面, feedback, extension, publication.

These read the case leniently through the caseload's CaseRecord and the deadline engine, so
`drafter check`, `drafter due` and the ledger agree on every date.
"""

from __future__ import annotations

from drafter.findings import WARNING
from drafter.model import REPLIED_STATUSES
from drafter.rules.base import Rule, register
from drafter.text import chinese_date

_HANDLING = "代表法（2025）第五十一条；上海规定第十九条至第二十一条"


def _record(ctx):
    from drafter.caseload.cases import CaseRecord

    return CaseRecord.from_data(ctx.data, ctx.draft.name)


def _case(ctx):
    """The case section read leniently, or None when the draft has none: the case is checked
    even while the letter itself is unfinished (placeholders fail the schema)."""
    if not isinstance(ctx.data, dict) or not isinstance(ctx.data.get("case"), dict):
        return None
    return _record(ctx).case


class CaseRule(Rule):
    needs_letter = False


@register
class RepliedWithoutRecord(CaseRule):
    code = "CS901"
    name = "replied-without-date"
    message = "状态为已答复，但没有答复日期：请填写 case.replied"
    rationale = ("已答复（已反馈、办结）的件必须记下答复日期和发文字号：反馈期限从答复日起算，"
                 "年底的办复率、按期办复率也按它统计。")
    source = "通行做法（建议办理台账）"
    good = "case:\n  status: 已答复\n  replied: 2025-05-12"
    bad = "case:\n  status: 已答复"

    def check(self, ctx):
        c = _case(ctx)
        if c is None or c.status not in REPLIED_STATUSES:
            return
        if c.replied is None:
            yield ctx.report(self, ("case", "status"),
                             f"状态为“{c.status}”，但没有答复日期：请填写 case.replied（答复函送达代表的日期）")
        if not _record(ctx).doc_number:
            yield ctx.report(self, ("doc_number",), f"状态为“{c.status}”，但还没有发文字号：请填写 doc_number")


@register
class FeedbackBeforeReply(CaseRule):
    code = "CS902"
    name = "feedback-before-reply"
    message = "代表反馈早于答复日期"
    rationale = "征求意见表随答复函一起送给代表，代表收到答复后才能反馈；反馈日期早于答复日期（或没有答复日期）说明记录有误。"
    source = "省条例X第二十三条；上海规定第二十一条"
    good = "case:\n  replied: 2025-05-12\n  feedback:\n    - {deputy: 王贤理, result: 满意, date: 2025-05-20}"
    bad = "case:\n  replied: 2025-05-12\n  feedback:\n    - {deputy: 王贤理, result: 满意, date: 2025-05-01}"

    def check(self, ctx):
        c = _case(ctx)
        if c is None:
            return
        for i, f in enumerate(c.feedback):
            if f.date is None:
                continue
            if c.replied is None:
                yield ctx.report(self, ("case", "feedback", i, "date"),
                                 "有代表反馈，却没有答复日期：请先填写 case.replied")
            elif f.date < c.replied:
                yield ctx.report(self, ("case", "feedback", i, "date"),
                                 f"反馈日期{chinese_date(f.date)}早于答复日期{chinese_date(c.replied)}：请核对")


@register
class ReplyWithoutMeeting(CaseRule):
    code = "CS903"
    name = "reply-without-meeting"
    message = "答复前没有与代表见面或沟通的记录"
    rationale = ("承办单位应当与代表联系沟通，充分听取意见；不少地方把未与代表沟通的答复退回重办。"
                 "drafter.toml 的 [caseload] require_meeting = false 可关闭此项。")
    source = "代表法（2025）第五十一条；宁波规定第十八条"
    good = "case:\n  replied: 2025-05-12\n  communications:\n    - {date: 2025-03-20, way: 面谈}"
    bad = "case:\n  replied: 2025-05-12"

    def check(self, ctx):
        c = _case(ctx)
        if c is None or c.replied is None or not ctx.profile.caseload.get("require_meeting", True):
            return
        if _record(ctx).handling in ("协办", "会办"):
            return
        if not any(m.date and m.date <= c.replied for m in c.communications):
            yield ctx.report(self, ("case", "replied"),
                             f"答复日期{chinese_date(c.replied)}之前没有见面或沟通记录：请在 case.communications 中补记")


_STEP_PATHS = {"见面": ("case", "communications"), "答复": ("case", "replied"), "会办": ("case", "replied"),
               "反馈": ("case", "feedback"), "公开": ("case", "publish", "date"), "退办": ("case", "status")}


@register
class StepLateUnexplained(CaseRule):
    code = "CS904"
    name = "step-late-unexplained"
    message = "办理环节超过期限，且没有逾期说明"
    rationale = ("见面、会办、答复、反馈、公开各有期限（见 drafter due）；超过期限的应在 case.late_reason 写明原因，"
                 "年终报告和督查都会问到。期限可在 drafter.toml 的 [caseload] 中设置。")
    source = "代表法（2025）第五十一条；上海规定第十七条、第十九条"
    good = ("case:\n  communications:\n    - {date: 2025-04-20, way: 面谈}\n"
            "  late_reason: 代表在外地学习，4月中旬才返回")
    bad = "case:\n  communications:\n    - {date: 2025-04-20, way: 面谈}"

    def check(self, ctx):
        from drafter.caseload.deadlines import steps

        c = _case(ctx)
        if c is None or c.late_reason:
            return
        for step in steps(_record(ctx), ctx.profile):
            if step.state(ctx.today) == "late":
                late = (step.done - step.due).days
                yield ctx.report(self, _STEP_PATHS[step.step],
                                 f"{step.step}于{chinese_date(step.done)}完成，超过期限{chinese_date(step.due)}（{step.basis}）{late}天："
                                 "请在 case.late_reason 写明原因")


@register
class NoCalendarData(CaseRule):
    code = "CS905"
    name = "no-calendar-data"
    message = "该年没有节假日数据，无法按工作日计算期限"
    severity = WARNING
    rationale = ("见面、反馈等期限按国务院办公厅每年公布的放假和调休安排计算工作日；chinesecalendar 包每年更新一次，"
                 "新的一年未发布前请在 drafter.toml 的 [calendar] 中写出该年的放假和调休日。")
    source = "国务院办公厅关于部分节假日安排的通知（每年）"
    good = "proposal:\n  assigned: 2025-03-10\ncase:\n  status: 在办"
    bad = "# 没有节假日数据的年份\nproposal:\n  assigned: 2099-03-10\ncase:\n  status: 在办"

    def check(self, ctx):
        from drafter.caseload.deadlines import steps

        if _case(ctx) is None:
            return
        for step in steps(_record(ctx), ctx.profile):
            if step.problem:
                yield ctx.report(self, ("proposal", "assigned"), f"{step.step}期限无法计算：{step.problem}")
                return


@register
class ExtensionNotFlagged(CaseRule):
    code = "CS906"
    name = "extension-not-flagged"
    message = "记录了延期批准，但 proposal.extended 没有设为 true"
    rationale = "延期经批准后答复期限放宽（交办后6个月或批准的日期）；两处不一致时期限检查会按未延期计算。"
    source = "上海规定第十九条；福建条例第十九条"
    good = "proposal:\n  extended: true\ncase:\n  extension: {approved: 2025-05-20, until: 2025-08-10}"
    bad = "case:\n  extension: {approved: 2025-05-20, until: 2025-08-10}"

    def check(self, ctx):
        c = _case(ctx)
        if c is not None and c.extension is not None and not _record(ctx).extended:
            yield ctx.report(self, ("case", "extension"), "记录了延期批准，但 proposal.extended 没有设为 true：请补上")


@register
class FeedbackFromUnknownDeputy(CaseRule):
    code = "CS907"
    name = "feedback-from-unknown-deputy"
    message = "反馈的代表不在主送名单中"
    severity = WARNING
    rationale = "联名建议逐人答复、逐人征求意见；反馈人应是 addressee.deputies 中的一位，否则多半是姓名写错或名单不全。"
    source = "上海规定第二十条；福建条例第二十一条"
    good = "case:\n  replied: 2025-05-12\n  feedback:\n    - {deputy: 王贤理, result: 满意, date: 2025-05-20}"
    bad = "case:\n  replied: 2025-05-12\n  feedback:\n    - {deputy: 王贤礼, result: 满意, date: 2025-05-20}"

    def check(self, ctx):
        c = _case(ctx)
        names = _record(ctx).deputies
        if c is None or not names:
            return
        for i, f in enumerate(c.feedback):
            if f.deputy and f.deputy not in names:
                yield ctx.report(self, ("case", "feedback", i, "deputy"),
                                 f"反馈人“{f.deputy}”不在主送代表（{'、'.join(names)}）中：请核对姓名或补全 addressee.deputies")


@register
class FedBackWithoutFeedback(CaseRule):
    code = "CS908"
    name = "fed-back-without-feedback"
    message = "状态为已反馈，但没有反馈记录"
    rationale = "已反馈表示代表的征求意见表已交回；满意度统计按 case.feedback 逐人计算，没有记录就无从统计。"
    source = "通行做法（建议办理台账）"
    good = "case:\n  status: 已反馈\n  replied: 2025-05-12\n  feedback:\n    - {deputy: 王贤理, result: 满意, date: 2025-05-20}"
    bad = "case:\n  status: 已反馈\n  replied: 2025-05-12"

    def check(self, ctx):
        c = _case(ctx)
        if c is not None and c.status == "已反馈" and not c.feedback:
            yield ctx.report(self, ("case", "status"), "状态为“已反馈”，但没有反馈记录：请在 case.feedback 中逐人填写")


@register
class CaseDateBeforeAssigned(CaseRule):
    code = "CS909"
    name = "case-date-before-assigned"
    message = "办理记录的日期早于交办日期"
    rationale = "沟通、答复、延期、反馈、公开都发生在交办之后；早于交办日期的多半是年份或月份写错。"
    source = "通行做法"
    good = "proposal:\n  assigned: 2025-03-10\ncase:\n  communications:\n    - {date: 2025-03-20, way: 电话}"
    bad = "proposal:\n  assigned: 2025-03-10\ncase:\n  communications:\n    - {date: 2024-03-20, way: 电话}"

    def check(self, ctx):
        c = _case(ctx)
        assigned = _record(ctx).assigned
        if c is None or assigned is None:
            return
        dated = [(("case", "communications", i, "date"), m.date) for i, m in enumerate(c.communications)]
        dated.append((("case", "replied"), c.replied))
        if c.extension:
            dated.append((("case", "extension", "approved"), c.extension.approved))
        dated += [(("case", "feedback", i, "date"), f.date) for i, f in enumerate(c.feedback)]
        if c.publish:
            dated.append((("case", "publish", "date"), c.publish.date))
        for path, when in dated:
            if when is not None and when < assigned:
                yield ctx.report(self, path, f"日期{chinese_date(when)}早于交办日期{chinese_date(assigned)}：请核对年份和月份")


@register
class ReplyBeforeSigning(CaseRule):
    code = "CS910"
    name = "reply-before-signing"
    message = "答复日期早于成文日期（签发日）"
    rationale = "成文日期以负责人签发的日期为准，签发之后才能送达代表；答复日期早于成文日期说明其中一个写错。"
    source = "GB/T 9704-2012 7.3.5.4"
    good = "signature:\n  date: 2025-05-09\ncase:\n  replied: 2025-05-12"
    bad = "signature:\n  date: 2025-05-09\ncase:\n  replied: 2025-05-06"

    def check(self, ctx):
        c = _case(ctx)
        signed = _record(ctx).signed
        if c is not None and c.replied is not None and signed is not None and c.replied < signed:
            yield ctx.report(self, ("case", "replied"),
                             f"答复日期{chinese_date(c.replied)}早于成文日期（签发日）{chinese_date(signed)}：请核对")


@register
class PublishInconsistent(CaseRule):
    code = "CS911"
    name = "publish-inconsistent"
    message = "公开记录自相矛盾"
    rationale = "不予公开的答复不得公开发布；可以公开的，在答复代表之后公开。"
    source = "国办发〔2014〕46号；安徽省实施意见"
    good = "case:\n  replied: 2025-05-12\n  publish: {allowed: true, date: 2025-06-01}"
    bad = "case:\n  replied: 2025-05-12\n  publish: {allowed: false, date: 2025-06-01}"

    def check(self, ctx):
        c = _case(ctx)
        if c is None or c.publish is None or c.publish.date is None:
            return
        if c.publish.allowed is False:
            yield ctx.report(self, ("case", "publish", "date"), "标为不予公开，却填写了公开日期：请核对可否公开")
        elif c.replied is None or c.publish.date < c.replied:
            yield ctx.report(self, ("case", "publish", "date"), "公开日期早于答复日期（或尚未答复）：答复代表之后才能公开")


@register
class StatusContradictsReply(CaseRule):
    code = "CS912"
    name = "status-contradicts-reply"
    message = "已填写答复日期，但状态仍是答复之前的状态"
    severity = WARNING
    rationale = "状态和答复日期都用于台账和年终统计；已答复的件状态应为已答复、已反馈、重办或办结。"
    source = "通行做法（建议办理台账）"
    good = "case:\n  status: 已答复\n  replied: 2025-05-12"
    bad = "case:\n  status: 在办\n  replied: 2025-05-12"

    def check(self, ctx):
        c = _case(ctx)
        if c is not None and c.replied is not None and c.status in ("待签收", "待见面", "在办", "待签发"):
            yield ctx.report(self, ("case", "status"),
                             f"已填写答复日期{chinese_date(c.replied)}，但状态仍是“{c.status}”：请改为“已答复”")
