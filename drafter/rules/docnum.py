"""DN1xx: the 发文字号 — 机关代字〔YYYY〕N号 (GB/T 9704-2012 7.2.5)."""

from __future__ import annotations

import re

from drafter.grammar import BRACKET_CLOSE, BRACKET_OPEN
from drafter.rules.base import Rule, register
from drafter.textfix import normalize_doc_number

_OPEN, _CLOSE = BRACKET_OPEN, BRACKET_CLOSE
# The year in any bracket people type; the fix (drafter.textfix) turns them all into 〔〕.
_YEAR = re.compile(rf"{_OPEN}\s*(\d{{4}})\s*{_CLOSE}")
_ZEROS = re.compile(rf"({_CLOSE}\s*第?\s*)0+([1-9]\d*\s*号)")
_DI = re.compile(rf"({_CLOSE}\s*)第(\s*\d)")
_FORM = re.compile(r"[^\s〔〕\[\]［］【】()（）﹝﹞〖〗]+〔\d{4}〕[1-9]\d*号")

_SOURCE = "GB/T 9704-2012 7.2.5"
_EXAMPLE = "如“温市监提〔2019〕99号”"


def _wrong_brackets(s: str) -> bool:
    return any(m.group(0) != f"〔{m.group(1)}〕" for m in _YEAR.finditer(s))


def _canonical(s: str) -> str:
    """What DN101–DN103 would make of `s` (spaces are left for DN104 to report)."""
    s = _YEAR.sub(lambda m: f"〔{m.group(1)}〕", s)
    s = _DI.sub(r"\1\2", s)
    return _ZEROS.sub(r"\1\2", s)


@register
class DocNumberBrackets(Rule):
    code = "DN101"
    name = "doc-number-brackets"
    message = "发文字号的年份应用六角括号〔〕"
    rationale = "发文字号中的年份须用六角括号“〔〕”括入，不能用方括号、圆括号或【】。"
    source = _SOURCE
    fix = "safe"
    fix_description = "年份括号改为〔〕"
    good = "doc_number: 温市监提〔2019〕99号"
    bad = "doc_number: 温市监提[2019]99号"

    needs_letter = False  # one field: worth saying even while the rest is unfinished

    def check(self, ctx):
        s = ctx.text_at("doc_number")
        if s is None:
            return
        if _wrong_brackets(s):
            fixed = normalize_doc_number(s)
            yield ctx.report(self, ("doc_number",), f"发文字号“{s}”的年份应用六角括号〔〕，改为“{_canonical(s)}”",
                             fix_value=fixed)


@register
class DocNumberLeadingZeros(Rule):
    code = "DN102"
    name = "doc-number-leading-zeros"
    message = "发文字号的序号不编虚位（1 不写作 01、001）"
    rationale = "发文字号的序号不编虚位，即 1 不编为 01 或 001。"
    source = _SOURCE
    fix = "safe"
    fix_description = "删去序号前的 0"
    good = "doc_number: 温市监提〔2019〕99号"
    bad = "doc_number: 温市监提〔2019〕099号"

    needs_letter = False  # one field: worth saying even while the rest is unfinished

    def check(self, ctx):
        s = ctx.text_at("doc_number")
        if s is None:
            return
        if _ZEROS.search(s):
            fixed = _ZEROS.sub(r"\1\2", s)
            yield ctx.report(self, ("doc_number",), f"发文字号的序号不编虚位，“{s}”应改为“{_canonical(s)}”", fix_value=fixed)


@register
class DocNumberOrdinal(Rule):
    code = "DN103"
    name = "doc-number-ordinal"
    message = "发文字号的序号前不加“第”"
    rationale = "发文字号的序号前不加“第”字，写作“〔2019〕99号”而不是“〔2019〕第99号”。"
    source = _SOURCE
    fix = "safe"
    fix_description = "删去序号前的“第”"
    good = "doc_number: 温市监提〔2019〕99号"
    bad = "doc_number: 温市监提〔2019〕第99号"

    needs_letter = False  # one field: worth saying even while the rest is unfinished

    def check(self, ctx):
        s = ctx.text_at("doc_number")
        if s is None:
            return
        if _DI.search(s):
            fixed = _DI.sub(r"\1\2", s)
            yield ctx.report(self, ("doc_number",), f"发文字号的序号前不加“第”，“{s}”应改为“{_canonical(s)}”", fix_value=fixed)


@register
class DocNumberForm(Rule):
    code = "DN104"
    name = "doc-number-form"
    message = "发文字号应写作 机关代字〔四位年份〕序号号"
    rationale = "发文字号由发文机关代字、年份和发文顺序号组成，年份写全四位并用〔〕括入，序号后加“号”。"
    source = _SOURCE
    good = "doc_number: 慈市监管建〔2023〕2号"
    bad = "doc_number: 慈市监管建2023-2"

    needs_letter = False  # one field: worth saying even while the rest is unfinished

    def check(self, ctx):
        s = ctx.text_at("doc_number")
        if s is None:
            return
        canonical = _canonical(s)
        if _FORM.fullmatch(canonical):
            return
        if _FORM.fullmatch(re.sub(r"\s+", "", canonical)):
            message = f"发文字号“{s}”中有空格，请删去"
        else:
            message = f"发文字号“{s}”不合格式，应写作 机关代字〔四位年份〕序号号，{_EXAMPLE}"
        yield ctx.report(self, ("doc_number",), message)


@register
class DocNumberYear(Rule):
    code = "DN105"
    name = "doc-number-year"
    message = "发文字号的年份与成文日期的年份不一致"
    rationale = "发文字号中的年份是发文年份，应与成文日期的年份一致；不一致时发文字号或成文日期必有一处写错。"
    source = _SOURCE + "、7.3.5.4"
    good = "doc_number: 温市监提〔2019〕99号\nsignature:\n  date: 2019-07-01"
    bad = "doc_number: 温市监提〔2018〕99号\nsignature:\n  date: 2019-07-01"

    def check(self, ctx):
        m = _YEAR.search(ctx.letter.doc_number)
        date = ctx.letter.signature.date
        if m and int(m.group(1)) != date.year:
            yield ctx.report(self, ("doc_number",),
                             f"发文字号年份{m.group(1)}与成文日期{date.year}年不一致，请核对发文字号或成文日期")
