"""The year's figures for the 办理情况报告, counted from the drafts.

Definitions (the README's 办理台账 section says the same in Chinese):
- a case belongs to year Y when its 交办日期 falls in Y; cases without one are listed, not counted;
- 主办 = 独办, 主办 and 分办 (this unit answers the deputy); 协办 = 协办 and 会办 (an opinion to
  the lead unit);
- 办复: a 答复日期 (case.replied) is recorded; 按期: on or before the 答复 (会办) deadline;
- 见面率: 主办 cases with at least one 见面/沟通 record;
- feedback is counted per returned form (one a deputy); 满意率 = (满意 + 基本满意) / forms;
- class shares over the 主办 cases that have a class; 落实率 = the first two classes of the
  profile's list (A 已解决或采纳, B 正在解决或列入计划) over the classed cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from drafter.caseload.cases import CaseRecord
from drafter.caseload.deadlines import steps
from drafter.model import RESULTS

GROUPS = ("主办", "协办")


def group_of(case: CaseRecord) -> str:
    return "主办" if case.answering else "协办"


def rate(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"


@dataclass
class CaseFigures:
    case: CaseRecord
    group: str
    replied: bool
    on_time: bool
    met: bool
    due: dt.date | None


@dataclass
class Figures:
    year: int
    cases: list[CaseFigures] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)  # files without a 交办日期
    categories: tuple[str, ...] = ("A", "B", "C", "D")

    def of(self, group: str | None = None, kind: str | None = None) -> list[CaseFigures]:
        return [c for c in self.cases if (group is None or c.group == group) and (kind is None or c.case.kind == kind)]

    def to_dict(self) -> dict[str, Any]:
        total = len(self.cases)
        lead = self.of("主办")
        forms = [f for c in lead for f in c.case.case.feedback if f.result in RESULTS]
        results = {r: sum(1 for f in forms if f.result == r) for r in RESULTS}
        classed = [c for c in lead if c.case.category in self.categories]
        classes = {k: sum(1 for c in classed if c.case.category == k) for k in self.categories}
        done = sum(classes[k] for k in self.categories[:2])
        months = []
        for m in range(1, 13):
            replied = [c for c in self.cases if c.replied and c.case.case.replied and c.case.case.replied.year == self.year
                       and c.case.case.replied.month == m]
            months.append({"month": m, "replied": len(replied), "on_time": sum(1 for c in replied if c.on_time)})
        by_group = {}
        for g in GROUPS:
            items = self.of(g)
            by_group[g] = {"cases": len(items), "replied": sum(c.replied for c in items),
                           "on_time": sum(c.on_time for c in items),
                           "reply_rate": rate(sum(c.replied for c in items), len(items)),
                           "on_time_rate": rate(sum(c.on_time for c in items), len(items))}
        return {
            "year": self.year,
            "cases": total,
            "npc": len(self.of(kind="npc")),
            "cppcc": len(self.of(kind="cppcc")),
            "by_group": by_group,
            "replied": sum(c.replied for c in self.cases),
            "on_time": sum(c.on_time for c in self.cases),
            "reply_rate": rate(sum(c.replied for c in self.cases), total),
            "on_time_rate": rate(sum(c.on_time for c in self.cases), total),
            "met": sum(c.met for c in lead),
            "meeting_rate": rate(sum(c.met for c in lead), len(lead)),
            "feedback_forms": len(forms),
            "feedback": results,
            "satisfaction_rate": rate(results["满意"] + results["基本满意"], len(forms)),
            "classes": classes,
            "class_shares": {k: rate(v, len(classed)) for k, v in classes.items()},
            "unclassed": len(lead) - len(classed),
            "implementation_rate": rate(done, len(classed)),
            "months": months,
            "undated": list(self.undated),
        }


def figures(cases: list[CaseRecord], year: int, profile) -> Figures:
    out = Figures(year, categories=tuple(profile.categories))
    cal = profile.work_calendar()
    for case in cases:
        if case.assigned is None:
            out.undated.append(case.file)
            continue
        if case.assigned.year != year:
            continue
        reply = next((s for s in steps(case, profile, cal) if s.step in ("答复", "会办")), None)
        replied = case.case.replied is not None
        on_time = bool(replied and reply is not None and reply.due is not None and case.case.replied <= reply.due)
        met = any(m.date for m in case.case.communications)
        out.cases.append(CaseFigures(case, group_of(case), replied, on_time, met, reply.due if reply else None))
    return out
