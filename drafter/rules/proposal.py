"""PR401–PR405: the overridden title and acknowledgement against the proposal they answer
(number, title, session, 建议/提案)."""

from __future__ import annotations

import re

from drafter.findings import WARNING
from drafter.rules._prose import loose, without_book_titles
from drafter.rules.base import Rule, register

# "第0185号", "0185号", "人大建议242号"; not a 文号 (〔2019〕99号) nor 3号线, 5号楼, 令第12号.
NUMBER = re.compile(
    r"(?<![〕\]】0-9０-９A-Za-z\-令])第?\s*([0-9０-９A-Za-z][0-9０-９A-Za-z\-]*)\s*号(?![线楼院路街门馆令])"
)
_HAS_DIGIT = re.compile(r"[0-9０-９]")
BOOK_TITLE = re.compile(r"《([^《》]*)》")


def numbers(text: str) -> list[str]:
    """Suggestion numbers written in `text` (outside 《…》), as written."""
    return [m.group(1) for m in NUMBER.finditer(without_book_titles(text)) if _HAS_DIGIT.search(m.group(1))]


def bare_number(number: str) -> str:
    """The proposal number without a 第…号 wrapper: "第0185号" → "0185"."""
    n = number.strip()
    if n.startswith("第"):
        n = n[1:]
    if n.endswith("号"):
        n = n[:-1]
    return n.strip()


def _wrong_numbers(text: str, number: str) -> list[str]:
    right = bare_number(number)
    return [n for n in dict.fromkeys(numbers(text)) if n != right]


@register
class TitleNumberMismatch(Rule):
    code = "PR401"
    name = "title-number-mismatch"
    message = "标题中的建议编号与 proposal.number 不一致，请改正"
    rationale = (
        "标题中的编号是代表和交办机构查对答复的依据，须与交办通知上的编号一字不差，前导零也照印"
        "（“第0185号”不能写成“第185号”）。改写标题时最容易留下旧编号。"
    )
    source = "通行做法"
    good = "proposal:\n  number: \"0185\"\ntitle: 关于市十六届人大五次会议第0185号建议的答复"
    bad = "proposal:\n  number: \"0185\"\ntitle: 关于市十六届人大五次会议第185号建议的答复"

    def check(self, ctx):
        L = ctx.letter
        if not L.title:
            return
        wrong = _wrong_numbers(L.title, L.proposal.number)
        if wrong:
            yield ctx.report(self, ("title",),
                             f"标题中的编号“{'、'.join(wrong)}”与建议编号“{L.proposal.number}”不一致，请改正")


@register
class AcknowledgementTitleMismatch(Rule):
    code = "PR402"
    name = "acknowledgement-title-mismatch"
    message = "开头语书名号中的标题与 proposal.title 不一致，请改正"
    rationale = (
        "开头语“您提出的《……》收悉”引用的是建议（提案）原标题，须与交办的标题一致；"
        "书名号内文字不同，往往是套用了别的答复。空格和半角、全角标点的差别不计。"
    )
    source = "通行做法"
    good = (
        "proposal:\n  title: 关于加强知识产权保护的建议\n"
        "acknowledgement: 您提出的《关于加强知识产权保护的建议》收悉，现答复如下："
    )
    bad = (
        "proposal:\n  title: 关于加强知识产权保护的建议\n"
        "acknowledgement: 您提出的《关于加强商标保护的建议》收悉，现答复如下："
    )

    def check(self, ctx):
        L = ctx.letter
        if not L.acknowledgement:
            return
        quoted = BOOK_TITLE.findall(L.acknowledgement)
        if not quoted:
            return
        want = loose(L.proposal.title)
        if not any(loose(q) == want for q in quoted):
            yield ctx.report(self, ("acknowledgement",),
                             f"开头语中的《{quoted[0]}》与建议标题《{L.proposal.title}》不一致，请改正")


@register
class AcknowledgementNumberMismatch(Rule):
    code = "PR403"
    name = "acknowledgement-number-mismatch"
    message = "开头语中的建议编号与 proposal.number 不一致，请改正"
    rationale = (
        "开头语写明的编号（如“（第0185号）”）须与交办编号一致，前导零也照印；"
        "编号错了，代表和交办机构无法对应这件答复。"
    )
    source = "通行做法"
    good = (
        "proposal:\n  number: \"0185\"\n"
        "acknowledgement: 您提出的《关于加强知识产权保护的建议》（第0185号）收悉，现答复如下："
    )
    bad = (
        "proposal:\n  number: \"0185\"\n"
        "acknowledgement: 您提出的《关于加强知识产权保护的建议》（第0186号）收悉，现答复如下："
    )

    def check(self, ctx):
        L = ctx.letter
        if not L.acknowledgement:
            return
        wrong = _wrong_numbers(L.acknowledgement, L.proposal.number)
        if wrong:
            yield ctx.report(self, ("acknowledgement",),
                             f"开头语中的编号“{'、'.join(wrong)}”与建议编号“{L.proposal.number}”不一致，请改正")


@register
class TitleSessionMismatch(Rule):
    code = "PR404"
    name = "title-session-mismatch"
    message = "标题中的会议届次与 proposal.session 不一致，请核对"
    rationale = (
        "标题写明提出建议的会议（如“市十六届人大五次会议”），须与交办的届次会次一致；"
        "写法可能有差异（简称、全称），故只作提醒。"
    )
    source = "通行做法"
    severity = WARNING
    good = "proposal:\n  session: 市十六届人大五次会议\ntitle: 关于市十六届人大五次会议第0185号建议的答复"
    bad = "proposal:\n  session: 市十六届人大五次会议\ntitle: 关于市十六届人大四次会议第0185号建议的答复"

    def check(self, ctx):
        L = ctx.letter
        if not L.title:
            return
        title = without_book_titles(L.title)
        if "会议" in title and loose(L.proposal.session) not in loose(title):
            yield ctx.report(self, ("title",), f"标题中的会议与届次会次“{L.proposal.session}”不一致，请核对")


@register
class TitleKindWord(Rule):
    code = "PR405"
    name = "title-kind-word"
    message = "标题用词与答复类型不符：人大代表提“建议”，政协委员提“提案”"
    rationale = (
        "人大代表提出的是建议，政协委员提出的是提案；标题中“建议”“提案”用错，"
        "说明套用了另一类答复。书名号内的原标题不在此列。"
    )
    source = "通行做法"
    good = "kind: cppcc\ntitle: 关于市政协十三届三次会议第45号提案的答复"
    bad = "kind: cppcc\ntitle: 关于市政协十三届三次会议第45号建议的答复"

    def check(self, ctx):
        L = ctx.letter
        if not L.title:
            return
        title = without_book_titles(L.title).replace(L.proposal.title, "")
        wrong, right = ("建议", "提案") if L.kind == "cppcc" else ("提案", "建议")
        if wrong in title:
            yield ctx.report(self, ("title",), f"{'政协提案' if L.kind == 'cppcc' else '人大建议'}的标题应写“{right}”，不应写“{wrong}”，请改正")
