"""TX102–TX107: the free text of a draft — punctuation width, paired marks, stray spaces,
relative dates, the thanks in the closing, and sentences left without an ending.

(TX101, placeholders, lives in placeholders.py.)
"""

from __future__ import annotations

import re

from drafter.findings import WARNING
from drafter.rules._prose import body_items, sentence_values, text_values
from drafter.rules.placeholders import has_placeholder
from drafter.rules.base import Rule, register
from drafter.text import plain_text
from drafter.textfix import fullwidth_punctuation, remove_cjk_digit_spaces, remove_cjk_gaps


_ADDRESS = re.compile(r"://|www\.|[A-Za-z0-9._-]+@[A-Za-z0-9-]+\.")


@register
class HalfWidthPunctuation(Rule):
    code = "TX102"
    name = "half-width-punctuation"
    message = "中文中使用了半角标点，请改为全角标点"
    rationale = (
        "中文公文的正文、标题一律使用全角标点（，；：？！（）），半角标点只用于数字和西文之中，"
        "如“4.26”“12:30”“GB/T 29490-2023”。混用半角标点，印出后字距不匀、显得粗糙。"
    )
    source = "GB/T 9704-2012 7.3.3；通行做法"
    fix = "safe"
    fix_description = "把汉字旁的半角标点改为全角"
    needs_letter = False
    good = "measures:\n  - 截至2022年底，全市有效发明专利3382件（同比增加18.8%）。"
    bad = "measures:\n  - 截至2022年底,全市有效发明专利3382件(同比增加18.8%)。"

    def check(self, ctx):
        for path, text in text_values(ctx):
            fixed = fullwidth_punctuation(text)
            if fixed == text:
                continue
            marks = "".join(dict.fromkeys(a for a, b in zip(text, fixed) if a != b))
            full = "".join(dict.fromkeys(b for a, b in zip(text, fixed) if a != b))
            # Next to a web address or e-mail a half-width mark may belong to it: ask a person.
            yield ctx.report(self, path, f"中文中使用了半角标点 {' '.join(marks)}，请改为全角“{full}”", fix_value=fixed,
                             safe=not _ADDRESS.search(text))


PAIRS = (("《", "》"), ("“", "”"), ("（", "）"))
_PAIR_MARK = re.compile("[" + "".join(a + b for a, b in PAIRS) + "]")


def unbalanced(text: str) -> list[str]:
    """The pairs (as "《》") whose marks do not open and close in order within `text`."""
    out = []
    marks = _PAIR_MARK.findall(text)  # only the marks, in order: the loop below stays short
    for open_, close in PAIRS:
        depth = 0
        bad = False
        for ch in marks:
            if ch == open_:
                depth += 1
            elif ch == close:
                depth -= 1
                if depth < 0:
                    bad = True
                    break
        if bad or depth != 0:
            out.append(open_ + close)
    return out


@register
class UnbalancedPairs(Rule):
    code = "TX103"
    name = "unbalanced-pairs"
    message = "书名号、引号或括号不成对，请补齐"
    rationale = (
        "书名号《》、引号“”、括号（）必须成对使用；少一半，或方向用反（如两个”），"
        "印出后读者无法判断引语或书名的起止。这类错误多由复制粘贴或分页接合造成。"
    )
    source = "通行做法"
    needs_letter = False
    good = "acknowledgement: 您提出的《关于加强知识产权保护的建议》（第0185号）收悉，现答复如下："
    bad = "acknowledgement: 您提出的《关于加强知识产权保护的建议（第0185号）收悉，现答复如下："

    def check(self, ctx):
        for path, text in text_values(ctx):
            pairs = unbalanced(text)
            if pairs:
                yield ctx.report(self, path, f"{'、'.join(pairs)} 不成对，请补齐或删去多余的一半")


@register
class CjkSpace(Rule):
    code = "TX104"
    name = "cjk-digit-space"
    message = "汉字与数字或西文之间有空格，请删除"
    rationale = (
        "公文正文中汉字与阿拉伯数字、西文之间不加空格（“于2017年10月”）；"
        "这类空格多是从 PDF 或网页复制时带入的，印出后字距不匀。"
    )
    source = "GB/T 9704-2012 7.3.3；通行做法"
    severity = WARNING
    fix = "safe"
    fix_description = "删除汉字与数字之间的空格"
    needs_letter = False
    good = "background:\n  - 联盟于2017年10月获得国家知识产权局备案。"
    bad = "background:\n  - 联盟于 2017 年 10 月获得国家知识产权局备案。"

    def check(self, ctx):
        for path, text in text_values(ctx):
            # Only digits: a space before a Latin word ("PCT 授权") is often the author's own.
            fixed = remove_cjk_digit_spaces(text, letters=False)
            if fixed != text:
                yield ctx.report(self, path, fix_value=fixed)


@register
class CjkGap(Rule):
    code = "TX108"
    name = "cjk-gap"
    message = "汉字之间有空格或 Tab，请删除"
    rationale = (
        "汉字与汉字、汉字与中文标点之间不留空格；从 PDF、Word、Excel 复制的文字常带进半角空格或 Tab，"
        "印出后字距不匀，Tab 还会把后面的字推到下一个制表位。全角空格（　）不算：有的单位有意用它对齐。"
    )
    source = "GB/T 9704-2012 7.3.3；通行做法"
    severity = WARNING
    fix = "safe"
    fix_description = "删除汉字之间的空格和 Tab"
    needs_letter = False
    good = "organ: 温州市市场监督管理局"
    bad = "organ: \"温州市市场\t监督管理局\""

    def check(self, ctx):
        for path, text in text_values(ctx):
            fixed = remove_cjk_gaps(text)
            if fixed != text:
                shown = "、".join(sorted({"Tab" if "\t" in gap else "空格" for gap in re.findall(r"[ \t]+", text)
                                         if gap}))
                yield ctx.report(self, path, f"汉字之间有{shown}，请删除", fix_value=fixed)


# Words that only mean something on the day they were written. "的今天/的明天" (nowadays, the
# future) and words that merely contain the characters (先天后天, 后天性, 提前天数) are not dates.
RELATIVE_DATE = re.compile(
    r"(?<![的])今天|(?<![的])明天|(?<![先落最])后天(?!性)|昨天|(?<![提之])前天(?!数)"
    r"|[本这下上]周(?![期边围转])|[下上]个月|[上下]月(?=[底初中内前])|本月"
)


@register
class RelativeDate(Rule):
    code = "TX105"
    name = "relative-date"
    message = "使用了“明天”“下周”等相对日期，请改为具体日期"
    rationale = (
        "答复函会被存档、公开，多日以后才被阅读；“明天”“下周”“下个月”离开成文当天就失去意义，"
        "应写明具体日期（如“2025年6月10日前”）。上海规定第十八条要求计划写明确定的时限。"
    )
    source = "上海规定第十八条；通行做法"
    severity = WARNING
    needs_letter = False
    good = "next_steps:\n  - 我局将于2025年6月10日前召开座谈会。"
    bad = "next_steps:\n  - 我局将于下周召开座谈会。"

    def check(self, ctx):
        for path, text in sentence_values(ctx):
            words = list(dict.fromkeys(RELATIVE_DATE.findall(plain_text(text))))
            if words:
                shown = "”“".join(words)
                yield ctx.report(self, path, f"“{shown}”是相对日期，请改为具体日期")


@register
class ClosingWithoutThanks(Rule):
    code = "TX106"
    name = "closing-without-thanks"
    message = "结束语没有致谢，请写明“感谢您对我们工作的关心和支持！”之类的话"
    rationale = (
        "直接答复代表、委员的答复函（独办、主办、分办）以致谢作结，如“感谢您对我们工作的关心和支持！”；"
        "协办、会办意见写给主办单位，不在此列。"
    )
    source = "通行做法（已公开的答复函和答复函模板）"
    severity = WARNING
    good = "proposal:\n  handling: 独办\nclosing: 感谢您对我们工作的关心和支持！"
    bad = "proposal:\n  handling: 独办\nclosing: 以上答复，请予审阅。"

    def check(self, ctx):
        letter = ctx.letter
        if letter.doc_type != "reply" or letter.proposal.handling not in ("独办", "主办", "分办"):
            return
        closing = ctx.sentences.closing()
        if "感谢" not in closing and "谢谢" not in closing:
            yield ctx.report(self, ("closing",))


SENTENCE_END = set("。！？；：…")
CLOSERS = set("”’」』）》")
RUN_IN_END = set("。！？")


def ends_sentence(text: str) -> bool:
    """True if `text` ends with terminal punctuation, possibly inside closing quotes."""
    t = plain_text(text).rstrip()
    if not t:
        return True
    if t[-1] in SENTENCE_END or t[-1] in "”’":
        return True
    while t and t[-1] in CLOSERS:
        t = t[:-1].rstrip()
        if t and t[-1] in SENTENCE_END:
            return True
    return False


@register
class SentenceWithoutEnd(Rule):
    code = "TX107"
    name = "sentence-without-end"
    message = "段落末尾缺少标点，请补上句号等"
    rationale = (
        "正文每段是完整的句子，段末须有句号、问号、叹号（开头语以冒号结尾）；"
        "与正文接排的标题同样以句号结尾。单独成行的标题不加标点（GB/T 9704-2012 7.3.3 的层次标题）。"
        "段末缺标点，多是删改或复制时丢了半句。"
    )
    source = "GB/T 9704-2012 7.3.3；通行做法"
    severity = WARNING
    good = "measures:\n  - heading: 加强知识产权保护。\n    run_in: true\n    body:\n      - 我局开展了专项行动。"
    bad = "measures:\n  - heading: 加强知识产权保护\n    run_in: true\n    body:\n      - 我局开展了专项行动"

    def check(self, ctx):
        for path, item, _ in body_items(ctx.data):
            if isinstance(item, str):
                if not has_placeholder(item) and not ends_sentence(item):
                    yield ctx.report(self, path)
            elif isinstance(item, dict) and item.get("run_in") and isinstance(item.get("heading"), str):
                heading = plain_text(item["heading"]).rstrip()
                if heading and heading[-1] not in RUN_IN_END:
                    yield ctx.report(self, path + ("heading",), "与正文接排的标题应以句号结尾，请补上“。”")
        for key in ("acknowledgement", "closing"):
            text = ctx.data.get(key)
            if isinstance(text, str) and not has_placeholder(text) and not ends_sentence(text):
                yield ctx.report(self, (key,), "句末缺少标点，请补上句号、叹号或冒号")
