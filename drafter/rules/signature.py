"""SG101–SG106: the signing organ and the printing organ against the issuing organ; 签发人 (SG104–SG106)."""

from __future__ import annotations

import re

from drafter.findings import WARNING
from drafter.rules.base import Rule, register

_SPACE = re.compile(r"\s+")


def _squeeze(s: str) -> str:
    return _SPACE.sub("", s)


@register
class SignatureOrganMismatch(Rule):
    code = "SG101"
    name = "signature-organ-mismatch"
    message = "落款机关与发文机关不一致；如系有意，可忽略 SG101"
    rationale = (
        "落款署发文机关全称或规范化简称（GB/T 9704-2012 7.3.5），且由承办单位答复；"
        "署名与版头的发文机关不同，多是套用了别的单位的答复。联合行文等有意为之的情形可忽略本条。"
    )
    source = "GB/T 9704-2012 7.3.5"
    severity = WARNING
    good = "organ: 温州市市场监督管理局\nsignature:\n  organ: 温州市市场监督管理局"
    bad = "organ: 温州市市场监督管理局\nsignature:\n  organ: 温州市科学技术局"

    def check(self, ctx):
        L = ctx.letter
        if _squeeze(L.signature.organ) != _squeeze(L.organ):
            yield ctx.report(self, ("signature", "organ"),
                             f"落款机关“{L.signature.organ}”与发文机关“{L.organ}”不一致；如系有意，可忽略 SG101")


@register
class PrintingOrganMismatch(Rule):
    code = "SG102"
    name = "printing-organ-mismatch"
    message = "印发机关不是发文机关（或其办公室），请核对"
    rationale = (
        "版记中的印发机关是公文的送印机关，一般为发文机关的办公室（GB/T 9704-2012 7.4.3），"
        "如“温州市市场监督管理局办公室”；写成别的机关，多是套用了别的单位的公文。"
    )
    source = "GB/T 9704-2012 7.4.3"
    severity = WARNING
    good = "organ: 温州市市场监督管理局\nprinting:\n  organ: 温州市市场监督管理局办公室\n  date: 2019-07-02"
    bad = "organ: 温州市市场监督管理局\nprinting:\n  organ: 温州市人民政府办公室\n  date: 2019-07-02"

    def check(self, ctx):
        L = ctx.letter
        if L.printing and _squeeze(L.organ) not in _squeeze(L.printing.organ):
            yield ctx.report(self, ("printing", "organ"),
                             f"印发机关“{L.printing.organ}”不含发文机关名称“{L.organ}”，一般应为其办公室，请核对")


@register
class PrintingInLetterLayout(Rule):
    code = "SG103"
    name = "printing-in-letter-layout"
    message = "信函式不印“印发”行，printing 不会印出"
    rationale = (
        "信函格式的版记不设印发机关和印发日期，也不加分隔线（GB/T 9704-2012 10.1）；"
        "草稿里填了 printing 却选了信函式，印出来会少一行，应删去 printing 或改用文件式。"
    )
    source = "GB/T 9704-2012 10.1"
    severity = WARNING
    good = "layout: file\nprinting:\n  organ: 厦门市市场监督管理局办公室\n  date: 2025-05-08"
    bad = "layout: letter\nprinting:\n  organ: 厦门市市场监督管理局办公室\n  date: 2025-05-08"

    def check(self, ctx):
        L = ctx.letter
        if L.layout == "letter" and L.printing is not None:
            yield ctx.report(self, ("printing",),
                             "信函式不印“印发”行，printing 不会印出：请删去 printing，或改用文件式（layout: file）")


@register
class SignerOutsideFileLayout(Rule):
    code = "SG104"
    name = "signer-outside-file-layout"
    message = "只有文件式版头印“签发人”，signer 不会印出"
    rationale = (
        "签发人标在文件式版头、发文字号同一行的右侧（GB/T 9704-2012 7.2.6）；信函式和无版头的版式没有这个位置，"
        "填了 signer 也不会印出。需要标注签发人时改用文件式。"
    )
    source = "GB/T 9704-2012 7.2.6、10.1"
    severity = WARNING
    good = "layout: file\nsigner: 胡建平"
    bad = "layout: letter\nsigner: 胡建平"

    def check(self, ctx):
        L = ctx.letter
        if L.signer and L.layout != "file":
            word = "信函式" if L.layout == "letter" else "无版头的版式"
            yield ctx.report(self, ("signer",),
                             f"{word}不印“签发人”，signer 不会印出：需要标注签发人时改用文件式（layout: file）")


_NAME_SEPARATORS = re.compile(r"[、，,；;\s]+")


@register
class SignerNamesInOneString(Rule):
    code = "SG105"
    name = "signer-names-in-one-string"
    message = "几位签发人写在一个字符串里，应写成列表，才能按每行两个排列"
    rationale = (
        "签发人有几位时，按从左到右、自上而下的顺序每行排两个姓名，回行时与上一行第一个姓名对齐，"
        "发文字号与最后一个签发人姓名处在同一行（GB/T 9704-2012 7.2.6）。写成“张三、李四”一个字符串，"
        "程序只能当作一个姓名排在一行，版头会挤在一起；写成列表才能正确排列。"
    )
    source = "GB/T 9704-2012 7.2.6"
    severity = WARNING
    fix = "safe"
    fix_description = "拆成签发人列表"
    good = "layout: file\nsigner:\n  - 胡建平\n  - 李明"
    bad = "layout: file\nsigner: 胡建平、李明"

    def check(self, ctx):
        text = ctx.text_at("signer")
        if not text:
            return
        names = [n for n in _NAME_SEPARATORS.split(text.strip()) if n]
        if len(names) > 1:
            yield ctx.report(self, ("signer",),
                             f"签发人“{text}”含 {len(names)} 个姓名，应写成列表（每行一个“- 姓名”），"
                             "才能按每行两个排列", fix_value=names)


@register
class SignerRepeated(Rule):
    code = "SG106"
    name = "signer-repeated"
    message = "签发人姓名重复"
    rationale = (
        "签发人按签发顺序每行排两个姓名（GB/T 9704-2012 7.2.6）；同一姓名出现两次，版头多出一个位置，"
        "多是复制时多粘了一次。"
    )
    source = "GB/T 9704-2012 7.2.6"
    severity = WARNING
    fix = "safe"
    fix_description = "删去重复的姓名"
    good = "signer:\n  - 胡建平\n  - 李明"
    bad = "signer:\n  - 胡建平\n  - 胡建平"

    def check(self, ctx):
        L = ctx.letter
        names = [_squeeze(n) for n in L.signer]
        repeats = sorted({n for n in names if names.count(n) > 1})
        if repeats:
            kept = list(dict.fromkeys(L.signer))
            yield ctx.report(self, ("signer",), f"签发人“{'、'.join(repeats)}”重复，请删去多余的一次",
                             fix_value=kept)
