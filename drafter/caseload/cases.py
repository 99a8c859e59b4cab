"""A case as the caseload commands see it: read leniently from a draft's data.

A folder of drafts is the caseload's only record. Some drafts there still fail the schema (a
fresh intake draft is full of 【待填】), so nothing here requires a valid draft: a value that
is missing or malformed is None, and `drafter check` is where it gets reported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from drafter.model import REPLIED_STATUSES, CaseInfo, _lenient_date

ANSWERING = ("独办", "主办", "分办")  # the units that answer the deputy
CO_HANDLING = ("协办", "会办")  # the units that send an opinion to the lead unit


@dataclass
class CaseRecord:
    file: str
    path: Path | None
    kind: str = "npc"
    number: str = ""
    session: str | None = None
    title: str | None = None
    handling: str | None = None
    co_handlers: list[str] = field(default_factory=list)
    lead_unit: str | None = None  # a co-handler's opinion goes to this unit
    deputies: list[str] = field(default_factory=list)
    count: int | None = None
    assigned: dt.date | None = None
    extended: bool = False
    category: str | None = None
    doc_number: str | None = None
    signed: dt.date | None = None  # 签发日 = 成文日期 (GB/T 9704 7.3.5.4: 以负责人签发的日期为准)
    case: CaseInfo = field(default_factory=CaseInfo)

    @property
    def answering(self) -> bool:
        return self.handling not in CO_HANDLING

    @property
    def word(self) -> str:
        return "提案" if self.kind == "cppcc" else "建议"

    @property
    def status(self) -> str:
        """The recorded status, else what the recorded dates say."""
        if self.case.status:
            return self.case.status
        if self.case.feedback:
            return "已反馈"
        if self.case.replied:
            return "已答复"
        return "在办"

    @property
    def replied(self) -> bool:
        return self.case.replied is not None or self.status in REPLIED_STATUSES

    @property
    def lead_deputy(self) -> str:
        return self.deputies[0] if self.deputies else ""

    @classmethod
    def from_data(cls, data: Any, file: str, path: Path | None = None) -> "CaseRecord":
        data = data if isinstance(data, dict) else {}
        p = _dict(data.get("proposal"))
        a = _dict(data.get("addressee"))
        s = _dict(data.get("signature"))
        count = a.get("count")
        return cls(
            file=file, path=path,
            kind="cppcc" if data.get("kind") == "cppcc" else "npc",
            number=str(p.get("number") or ""),
            session=_str(p.get("session")),
            title=_str(p.get("title")),
            handling=_str(p.get("handling")),
            co_handlers=[c for c in p.get("co_handlers") or [] if isinstance(c, str)] if isinstance(p.get("co_handlers"), list) else [],
            lead_unit=_str(a.get("unit")),
            deputies=[d for d in a.get("deputies") or [] if isinstance(d, str)] if isinstance(a.get("deputies"), list) else [],
            count=count if isinstance(count, int) and not isinstance(count, bool) else None,
            assigned=_lenient_date(p.get("assigned")),
            extended=p.get("extended") is True,
            category=_str(data.get("category")),
            doc_number=_str(data.get("doc_number")),
            signed=_lenient_date(s.get("date")),
            case=CaseInfo.from_data(data["case"]) if isinstance(data.get("case"), dict) else CaseInfo(),
        )


def _dict(v: Any) -> dict:
    return v if isinstance(v, dict) else {}


def _str(v: Any) -> str | None:
    return v if isinstance(v, str) and v.strip() and not v.startswith("【待填") else None


# A 退办函 or 延期说明 is a companion document of a case (its reply or opinion draft is the case),
# so it is not counted again by due, ledger or report.
COMPANION_TYPES = ("return", "extension")


def load_cases(paths: Iterable[Path]) -> tuple[list[CaseRecord], list]:
    """Every reply or opinion draft of `paths` (the drafts the workspace finds in a folder) as a
    case, sorted by number, and the findings of drafts that could not be read at all (one fatal
    line each)."""
    from drafter.drafts import load_draft

    cases: list[CaseRecord] = []
    problems = []
    for path in paths:
        draft, findings = load_draft(path, str(path))
        if draft is None:
            problems.extend(findings)
            continue
        if isinstance(draft.data, dict) and draft.data.get("type") in COMPANION_TYPES:
            continue
        cases.append(CaseRecord.from_data(draft.data, str(path), path))
    cases.sort(key=lambda c: (c.kind, c.number.zfill(12), c.file))
    return cases, problems
