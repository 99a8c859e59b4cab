"""AD501–AD506: the addressee — joint deputies, counts, 代表/委员, 您/你们."""

from __future__ import annotations

import re

from drafter.findings import WARNING
from drafter.rules.base import Rule, register
from drafter.text import chinese_numeral, parse_chinese_numeral

SAL = ("addressee", "salutation")
_CN = "一二三四五六七八九十两"
JOINT = re.compile(rf"等\s*([0-9０-９]+|[{_CN}]+)\s*[位名]")


def _number(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if s == "两":
        return 2
    return parse_chinese_numeral(s)


def _deputies(ctx) -> bool:
    """Whether the letter goes to deputies (not to a lead unit)."""
    a = ctx.letter.addressee
    return bool(a.deputies) and not a.unit


@register
class JointCountMismatch(Rule):
    code = "AD501"
    name = "joint-count-mismatch"
    message = "称谓中的人数与联名人数不一致，请改为联名人数"
    rationale = (
        "联名建议应答复每一位代表，称谓写作“领衔代表等N位代表”，N 为联名总人数（含领衔者）；"
        "人数写错等于漏答或错答（上海规定第二十条）。"
    )
    source = "上海规定第二十条；通行做法"
    fix = "safe"
    fix_description = "把称谓中的人数改为 addressee.count"
    good = "addressee:\n  deputies: [王贤理]\n  count: 6\n  salutation: 王贤理等6位代表"
    bad = "addressee:\n  deputies: [王贤理]\n  count: 6\n  salutation: 王贤理等5位代表"

    def check(self, ctx):
        a = ctx.letter.addressee
        if not a.salutation or not _deputies(ctx) or a.total <= 1:
            return
        m = JOINT.search(a.salutation)
        if not m:
            return
        written = m.group(1)
        n = _number(written.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
        if n == a.total:
            return
        if written[0] in _CN and a.total < 100:
            right = chinese_numeral(a.total)
        else:
            right = str(a.total)
        fixed = a.salutation[: m.start(1)] + right + a.salutation[m.end(1):]
        yield ctx.report(self, SAL, f"称谓写“等{written}位”，联名人数为{a.total}，请改为“等{right}位”", fix_value=fixed)


@register
class SingleWithDeng(Rule):
    code = "AD502"
    name = "single-deputy-with-deng"
    message = "只有一位代表（委员），称谓中不应有“等”，请删去"
    rationale = "“等”表示联名，单独提出的建议称谓写作“王贤理代表”；多写“等”会让人误以为另有联名人未获答复。"
    source = "通行做法"
    good = "addressee:\n  deputies: [王贤理]\n  count: 1\n  salutation: 王贤理代表"
    bad = "addressee:\n  deputies: [王贤理]\n  count: 1\n  salutation: 王贤理等代表"

    def check(self, ctx):
        a = ctx.letter.addressee
        if a.salutation and _deputies(ctx) and a.total == 1 and "等" in a.salutation:
            yield ctx.report(self, SAL)


NPC_WRONG = re.compile(r"委员(?!会)")
CPPCC_WRONG = re.compile(r"代表(?![性作团])")


@register
class MemberWordMismatch(Rule):
    code = "AD503"
    name = "member-word-mismatch"
    message = "称谓用词与答复类型不符：人大建议称“代表”，政协提案称“委员”"
    rationale = (
        "人大代表提出建议，政协委员提出提案；称谓、开头语和标题中“代表”“委员”混用，"
        "说明套用了另一类答复的文字。"
    )
    source = "通行做法"
    good = "kind: cppcc\naddressee:\n  deputies: [李华]\n  salutation: 李华委员"
    bad = "kind: cppcc\naddressee:\n  deputies: [李华]\n  salutation: 李华代表"

    def check(self, ctx):
        kind = ctx.letter.kind
        wrong, word, right = (CPPCC_WRONG, "代表", "委员") if kind == "cppcc" else (NPC_WRONG, "委员", "代表")
        what = "政协提案" if kind == "cppcc" else "人大建议"
        for path in (SAL, ("acknowledgement",), ("title",)):
            node = ctx.data
            for key in path:
                node = node.get(key) if isinstance(node, dict) else None
            if isinstance(node, str) and wrong.search(node):
                yield ctx.report(self, path, f"{what}应称“{right}”，不应写“{word}”，请改正")


@register
class LeadDeputyMissing(Rule):
    code = "AD504"
    name = "lead-deputy-missing"
    message = "称谓中没有领衔代表（第一提案人）的姓名，请补上"
    rationale = (
        "称谓应点出领衔代表（第一提案人）姓名，如“王贤理等6位代表”；deputies 的第一个名字即领衔者"
        "（上海规定第四条“领衔代表”）。"
    )
    source = "上海规定第四条；通行做法"
    good = "addressee:\n  deputies: [王贤理]\n  count: 6\n  salutation: 王贤理等6位代表"
    bad = "addressee:\n  deputies: [王贤理]\n  count: 6\n  salutation: 各位代表"

    def check(self, ctx):
        a = ctx.letter.addressee
        if a.salutation and a.deputies and a.deputies[0] not in a.salutation:
            yield ctx.report(self, SAL, f"称谓中没有领衔代表“{a.deputies[0]}”，请补上")


@register
class CountBelowNames(Rule):
    code = "AD505"
    name = "count-below-names"
    message = "联名人数少于所列姓名数，请改正 count"
    rationale = "count 是联名总人数（含领衔者），不能少于 deputies 中列出的姓名数；否则称谓中的人数必然有误。"
    source = "通行做法"
    good = "addressee:\n  deputies: [王贤理, 李华]\n  count: 6"
    bad = "addressee:\n  deputies: [王贤理, 李华, 张强]\n  count: 2"

    def check(self, ctx):
        a = ctx.letter.addressee
        if a.count is not None and a.count < len(a.deputies):
            yield ctx.report(self, ("addressee", "count"), f"联名人数为{a.count}，少于所列{len(a.deputies)}个姓名，请改正")


@register
class PronounMismatch(Rule):
    code = "AD506"
    name = "pronoun-mismatch"
    message = "人称与联名情况不符：联名写“你们”，一人写“您”"
    rationale = (
        "联名建议答复每一位代表，开头语和结束语称“你们”；一人提出的称“您”（上海规定第二十条，"
        "）。改写了开头语或结束语时最容易漏改。"
    )
    source = "上海规定第二十条；通行做法"
    severity = WARNING
    good = "addressee:\n  deputies: [王贤理]\n  count: 6\nclosing: 感谢你们对我们工作的关心和支持！"
    bad = "addressee:\n  deputies: [王贤理]\n  count: 6\nclosing: 感谢您对我们工作的关心和支持！"

    def check(self, ctx):
        if not _deputies(ctx):
            return
        joint = ctx.letter.addressee.total > 1
        for key in ("acknowledgement", "closing"):
            text = ctx.data.get(key)
            if not isinstance(text, str):
                continue
            if joint and "您" in text and "你们" not in text:
                yield ctx.report(self, (key,), "联名建议应称“你们”，请把“您”改为“你们”")
            elif not joint and "你们" in text:
                yield ctx.report(self, (key,), "只有一位代表（委员），应称“您”，请把“你们”改为“您”")
