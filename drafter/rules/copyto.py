"""CC8xx: who the reply is copied to (抄送)."""

from __future__ import annotations

import re

from drafter.findings import Edit, Fix
from drafter.rules._lists import list_replacing, list_without
from drafter.grammar import COPY_SPLIT
from drafter.rules.base import Rule, register

# Names of the standing committee's deputy-affairs office, current and older.
DEPUTY_OFFICES = (
    "代表工委", "代表工作委员会", "人大代表工委", "人事代表选举工作委员会", "代表与选举工作委员会",
    "选举任免代表工作委员会", "选举联络工委", "代表联络",
)
PROPOSAL_OFFICES = ("提案委", "提案委员会", "提案工作委员会")
_OFFICE_WORDS = ("办公室", "办公厅")

# Marks that end or split an entry; the renderer adds the "，" between names and the "。".
_EDGE = "，,。.；;：:！!？?、 \t\u3000"
_SPLIT = COPY_SPLIT
_PREFIX = re.compile(r"^\s*抄送\s*[:：]\s*")


def _names(ctx, offices: tuple[str, ...], extra: list[str], body: str) -> bool:
    """Whether some copy_to entry names the office (or `body` + 办公室/办公厅)."""
    for entry in ctx.letter.copy_to:
        if any(o in entry for o in offices) or any(e and e in entry for e in extra):
            return True
        if body in entry and any(w in entry for w in _OFFICE_WORDS):
            return True
    return False


def _answers_deputy(ctx) -> bool:
    # A 协办/会办 opinion goes to the lead unit, which copies its own reply to the office.
    # A 退办函 goes to the assigning office itself.
    return ctx.letter.doc_type in ("reply", "extension")


@register
class CopyDeputyOffice(Rule):
    code = "CC801"
    name = "copy-to-deputy-office"
    message = "人大建议的答复须抄送人大常委会代表工作机构"
    rationale = ("答复代表建议应抄送本级人大常委会代表工作机构（代表工委，旧称人事代表选举工委等；全国为全国人大常委会办公厅）。"
                 "协办、会办意见写给主办单位，不查。机构另有名称时可在 drafter.toml 的 deputy_offices 中添加。")
    source = "上海规定第二十条；全国人大代表建议处理办法；代表法（2025）第十二条"
    good = "kind: npc\ncopy_to:\n  - 市人大常委会代表工委\n  - 市政府办公室"
    bad = "kind: npc\ncopy_to:\n  - 市政府办公室"

    def check(self, ctx):
        if ctx.letter.kind != "npc" or not _answers_deputy(ctx):
            return
        if not _names(ctx, DEPUTY_OFFICES, ctx.profile.deputy_offices, "人大"):
            yield ctx.report(self, ("copy_to",), "人大建议的答复须抄送人大常委会代表工作机构，请在抄送中加上“××人大常委会代表工委”")


@register
class CopyProposalOffice(Rule):
    code = "CC802"
    name = "copy-to-proposal-office"
    message = "政协提案的答复须抄送政协提案委员会"
    rationale = ("提案答复应抄送本级政协提案委员会（或政协办公室/办公厅），与人大建议抄送代表工委相对应；"
                 "协办、会办意见不查。机构另有名称时可在 drafter.toml 的 proposal_offices 中添加。")
    source = "通行做法"
    good = "kind: cppcc\ncopy_to:\n  - 市政协提案委\n  - 市政府办公室"
    bad = "kind: cppcc\ncopy_to:\n  - 市政府办公室"

    def check(self, ctx):
        if ctx.letter.kind != "cppcc" or not _answers_deputy(ctx):
            return
        if not _names(ctx, PROPOSAL_OFFICES, ctx.profile.proposal_offices, "政协"):
            yield ctx.report(self, ("copy_to",), "政协提案的答复须抄送政协提案委员会，请在抄送中加上“××政协提案委”")


def clean_entry(entry: str) -> str:
    """Without a leading "抄送：" and the punctuation or spaces at either end."""
    return _PREFIX.sub("", entry).strip(_EDGE)


def split_entry(entry: str) -> list[str]:
    return [p for p in (clean_entry(x) for x in _SPLIT.split(clean_entry(entry))) if p]


@register
class CopyEntryPunctuation(Rule):
    code = "CC803"
    name = "copy-to-entry-punctuation"
    message = "抄送机关每项只写一个名称，不带标点"
    rationale = ("抄送机关名称之间的逗号和末尾的句号由程序按格式加上，每项只写名称；"
                 "一项里用逗号隔开的几个机关应分成几项（顿号连接的名称可以保留为一项）。")
    source = "GB/T 9704-2012 7.4.2"
    fix = "safe"
    fix_description = "删去抄送机关名称首尾的标点"
    good = "copy_to:\n  - 市府办\n  - 市科技局、市法院"
    bad = "copy_to:\n  - 市府办，\n  - 市科技局，市法院。"

    def check(self, ctx):
        for i, entry in enumerate(ctx.letter.copy_to):
            cleaned = clean_entry(entry)
            parts = split_entry(entry)
            if cleaned != entry and cleaned:
                yield ctx.report(self, ("copy_to", i), f"抄送机关“{entry}”首尾不应有标点或空格，改为“{cleaned}”",
                                 fix_value=cleaned)
            if len(parts) > 1:
                shown = "”“".join(parts)
                # Splitting changes what is printed, so this fix is unsafe (the rule's other fix is safe).
                fix = Fix("把一项拆成几项", (Edit(("copy_to",), list_replacing(ctx, ("copy_to",), i, parts)),), safe=False)
                yield ctx.draft.finding(("copy_to", i), self.code, self.severity,
                                        f"抄送机关“{entry}”含有多个名称，请分成“{shown}”各占一项", fix)


def _copied(name: str, copy_to: list[str]) -> bool:
    key = re.sub(r"\s+", "", name)
    for entry in copy_to:
        entry = re.sub(r"\s+", "", entry)
        if key in entry or (len(entry) >= 2 and entry in key):
            return True
    return False


@register
class CopyCoHandlers(Rule):
    code = "CC804"
    name = "copy-to-co-handlers"
    message = "主办单位的答复应抄送协办单位"
    severity = "warning"
    rationale = "主办单位答复代表后，应将答复抄送协办（会办）单位，让协办单位了解答复内容。"
    source = "某市建议办理规定"
    good = "proposal:\n  handling: 主办\n  co_handlers: [市科技局]\ncopy_to:\n  - 市人大常委会代表工委\n  - 市科技局"
    bad = "proposal:\n  handling: 主办\n  co_handlers: [市科技局]\ncopy_to:\n  - 市人大常委会代表工委"

    def check(self, ctx):
        p = ctx.letter.proposal
        if p.handling != "主办":
            return
        for i, name in enumerate(p.co_handlers):
            if not _copied(name, ctx.letter.copy_to):
                yield ctx.report(self, ("proposal", "co_handlers", i), f"协办单位“{name}”不在抄送中，请在抄送中加上“{name}”")


@register
class CopyToDuplicate(Rule):
    code = "CC805"
    name = "copy-to-duplicate"
    message = "抄送机关重复列出"
    severity = "warning"
    rationale = "同一机关在抄送中出现两次，印出来显得粗疏，也可能是本该写另一个机关（GB/T 9704-2012 7.4.2）。"
    source = "GB/T 9704-2012 7.4.2"
    fix = "safe"
    fix_description = "删去重复的抄送机关"
    good = "copy_to: [市人大常委会代表工委, 市政府办公室]"
    bad = "copy_to: [市人大常委会代表工委, 市政府办公室, 市人大常委会代表工委]"

    def check(self, ctx):
        names = ctx.letter.copy_to
        seen: dict[str, int] = {}
        repeats = []
        for i, name in enumerate(names):
            key = "".join(name.split())
            if key in seen:
                repeats.append(i)
            else:
                seen[key] = i
        for i in repeats:
            yield ctx.report(self, ("copy_to", i), f"抄送机关“{names[i]}”重复列出，请删去",
                             fix_value=list_without(ctx, ("copy_to",), repeats) if i == repeats[0] else None)
