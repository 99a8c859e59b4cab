"""TY1xx: what each document type (the draft's `type`) must be — 协办/会办意见, 退办函, 延期说明."""

from __future__ import annotations

import re

from drafter.rules.base import Rule, register
from drafter.caseload.deadlines import add_months
from drafter.text import chinese_date

_SOURCE = "上海规定第十七条；全国人大代表建议处理办法；某市建议办理规定"
# A copy-list entry naming a person as deputy or member ("王贤理代表", "李明委员"), not a body.
_PERSON = re.compile(r"(?:代表|委员)$")


@register
class OpinionHandling(Rule):
    code = "TY101"
    name = "opinion-handling"
    message = "协办/会办意见的办理方式应为协办或会办"
    rationale = ("协办（会办）意见是协办、会办单位写给主办单位的；独办、主办单位直接答复代表（委员），"
                 "不写意见。type 与办理方式不一致，多是复制旧稿时改漏了一处。")
    source = _SOURCE
    good = "type: opinion\nproposal:\n  handling: 协办"
    bad = "type: opinion\nproposal:\n  handling: 主办"

    def check(self, ctx):
        L = ctx.letter
        if L.doc_type == "opinion" and L.proposal.handling not in ("协办", "会办"):
            yield ctx.report(self, ("proposal", "handling"),
                             f"协办/会办意见的办理方式应为协办或会办，而不是“{L.proposal.handling}”：请改办理方式，或把 type 改为 reply")


@register
class OpinionCopiedToDeputy(Rule):
    code = "TY102"
    name = "opinion-copied-to-deputy"
    message = "协办/会办意见只送主办单位，不抄送代表（委员）本人"
    rationale = ("协办单位的意见由主办单位综合后答复代表（委员）；把意见直接抄送代表，等于越过主办单位答复，"
                 "口径可能与主办单位的正式答复不一致。")
    source = _SOURCE
    good = "type: opinion\ncopy_to:\n  - 市政府办公室"
    bad = "type: opinion\ncopy_to:\n  - 王贤理代表"

    def check(self, ctx):
        L = ctx.letter
        if L.doc_type != "opinion":
            return
        for i, entry in enumerate(L.copy_to):
            if _PERSON.search(entry.strip()) and "委员会" not in entry:
                yield ctx.report(self, ("copy_to", i), f"协办/会办意见不抄送“{entry}”：意见只送主办单位，由主办单位答复{L.member_word}，请从抄送中删去")


@register
class ReturnAddressedToOffice(Rule):
    code = "TY103"
    name = "return-to-assigning-office"
    message = "退办函写给交办机关（如人大常委会代表工委、政府督查室），不写给代表（委员）"
    rationale = ("不属于本单位职责的建议（提案），应在规定期限内向交办机关说明理由、申请退回，由交办机关重新交办；"
                 "不能直接告诉代表“不归我们管”。")
    source = _SOURCE
    good = "type: return\naddressee:\n  unit: 市人大常委会代表工委\nreturn:\n  reason: [该事项由住房和城乡建设部门负责。]\n  handler: 市住房和城乡建设局"
    bad = "type: return\naddressee:\n  deputies: [王贤理]\nreturn:\n  reason: [该事项由住房和城乡建设部门负责。]\n  handler: 市住房和城乡建设局"

    def check(self, ctx):
        L = ctx.letter
        if L.doc_type == "return" and not L.addressee.unit:
            yield ctx.report(self, ("addressee",), "退办函应写给交办机关：请在 addressee.unit 填写交办机关（如“市人大常委会代表工委”），删去 deputies")


@register
class ReturnToSelf(Rule):
    code = "TY105"
    name = "return-handler-is-self"
    message = "退办函建议的承办单位不能是本单位"
    rationale = "退办是因为所提事项不属于本单位职责；建议的承办单位应是真正负责的单位，写成本单位说明填错了。"
    source = _SOURCE
    good = "type: return\norgan: 市市场监督管理局\nreturn:\n  reason: [该事项由住房和城乡建设部门负责。]\n  handler: 市住房和城乡建设局"
    bad = "type: return\norgan: 市市场监督管理局\nreturn:\n  reason: [该事项由住房和城乡建设部门负责。]\n  handler: 市市场监督管理局"

    def check(self, ctx):
        L = ctx.letter
        if L.returning is not None and L.returning.handler.strip() == L.organ.strip():
            yield ctx.report(self, ("return", "handler"), f"建议的承办单位“{L.returning.handler}”就是本单位：请填写真正负责此事的单位")


@register
class ExtensionAddressedToDeputy(Rule):
    code = "TY106"
    name = "extension-to-deputy"
    message = "延期答复说明写给代表（委员）本人"
    rationale = "延期答复要让提出建议的代表（委员）知道原因和答复时间，写给代表本人，并抄送代表工委或督查室。"
    source = _SOURCE
    good = "type: extension\naddressee:\n  deputies: [郑丽萍]\ncase:\n  extension:\n    approved: 2025-05-30\n    until: 2025-08-29\n    reason: 方案尚待市政府审定。"
    bad = "type: extension\naddressee:\n  unit: 市人大常委会代表工委\ncase:\n  extension:\n    approved: 2025-05-30\n    until: 2025-08-29\n    reason: 方案尚待市政府审定。"

    def check(self, ctx):
        L = ctx.letter
        if L.doc_type == "extension" and (L.addressee.unit or not L.addressee.deputies):
            yield ctx.report(self, ("addressee",), f"延期答复说明应写给{L.member_word}：请在 addressee.deputies 填写姓名，删去 unit")


@register
class ExtensionNewDate(Rule):
    code = "TY107"
    name = "extension-new-date"
    message = "延期后的答复期限超出允许的范围"
    rationale = ("确需延期的，答复期限自交办之日起最长六个月（drafter.toml 的 extended_deadline_months）；"
                 "延期后期限（case.extension.until）还应晚于延期说明的成文日期。")
    source = "代表法（2025）第五十一条；上海规定第十九条"
    good = "type: extension\nproposal:\n  assigned: 2025-03-10\n  extended: true\ncase:\n  extension:\n    approved: 2025-05-30\n    until: 2025-08-29\n    reason: 方案尚待市政府审定。\nsignature:\n  date: 2025-06-03"
    bad = "type: extension\nproposal:\n  assigned: 2025-03-10\n  extended: true\ncase:\n  extension:\n    approved: 2025-05-30\n    until: 2025-11-30\n    reason: 方案尚待市政府审定。\nsignature:\n  date: 2025-06-03"

    def check(self, ctx):
        L = ctx.letter
        ext = L.case.extension if L.case else None
        if L.doc_type != "extension" or ext is None or ext.until is None:
            return
        new = ext.until
        where = ("case", "extension", "until")
        if new <= L.signature.date:
            yield ctx.report(self, where,
                             f"延期后期限{chinese_date(new)}不晚于本说明的成文日期{chinese_date(L.signature.date)}：请写将来的日期")
            return
        assigned = L.proposal.assigned
        if assigned is None:
            return
        months = ctx.profile.extended_deadline_months
        limit = add_months(assigned, months)
        if new > limit:
            yield ctx.report(self, where,
                             f"延期后期限{chinese_date(new)}晚于延期上限{chinese_date(limit)}（交办后{months}个月）：请提前，或另行报批")


@register
class SectionForOtherType(Rule):
    code = "TY108"
    name = "section-for-other-type"
    message = "填写了其他文种的内容"
    rationale = ("return 只属于退办函（type: return）；在别的文种里填写，退办理由会印进正文，"
                 "却不合这份文件的体例。")
    source = "通行做法"
    good = "type: return\nreturn:\n  reason: [该事项由住房和城乡建设部门负责。]\n  handler: 市住房和城乡建设局"
    bad = "type: reply\nreturn:\n  reason: [该事项由住房和城乡建设部门负责。]\n  handler: 市住房和城乡建设局"
    needs_letter = False

    def check(self, ctx):
        data = ctx.data if isinstance(ctx.data, dict) else {}
        kind = data.get("type") or "reply"
        for key in ("return",):
            if key in data and kind != key:
                yield ctx.report(self, (key,), f"填写了 {key}，但文种 type 是“{kind}”：请删去 {key}，或把 type 改为 {key}")


@register
class ReturnTooLate(Rule):
    code = "TY104"
    name = "return-after-window"
    message = "退办函晚于退办期限"
    rationale = ("不属于本单位职责的，应在签收（交办）后规定的工作日内申请退办（各地 3、5、7 或 10 个工作日，"
                 "drafter.toml [caseload] return，默认 5 个工作日），逾期视为接受交办，须按期答复。"
                 "工作日按国务院节假日和调休安排计算。")
    source = "某市建议办理规定；国务院办公厅关于节假日安排的通知"
    good = ("type: return\nproposal:\n  assigned: 2025-03-10\nreturn:\n  received: 2025-03-10\n"
            "  reason: [该事项由住房和城乡建设部门负责。]\n  handler: 市住房和城乡建设局\nsignature:\n  date: 2025-03-14")
    bad = ("type: return\nproposal:\n  assigned: 2025-03-10\nreturn:\n  received: 2025-03-10\n"
           "  reason: [该事项由住房和城乡建设部门负责。]\n  handler: 市住房和城乡建设局\nsignature:\n  date: 2025-03-24")

    def check(self, ctx):
        from drafter.caseload.calendar import CalendarError
        from drafter.caseload.deadlines import apply_term, term_text

        L = ctx.letter
        if L.returning is None:
            return
        base = L.returning.received or L.proposal.assigned
        if base is None:
            return
        term = ctx.profile.caseload["return"]
        try:
            last = apply_term(base, term, ctx.profile.work_calendar())
        except CalendarError:
            return  # `drafter due` and the case rules say which year has no calendar data
        if L.signature.date > last:
            basis = term_text(term, "签收" if L.returning.received else "交办")
            yield ctx.report(self, ("signature", "date"),
                             f"退办函成文日期{chinese_date(L.signature.date)}晚于退办期限{chinese_date(last)}（{basis}）："
                             f"逾期一般不再受理退办，请与交办机关联系，或按期答复")
