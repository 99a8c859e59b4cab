"""`drafter due 文件夹/`: what is overdue and what falls due, by date.

A coloured table on a terminal (overdue red, within three days yellow), plain tab-separated
lines when piped (for grep and spreadsheets), one JSON document with --format json.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass, field

from drafter.caseload.cases import CaseRecord
from drafter.caseload.deadlines import Step, steps
from drafter.findings import FATAL, Finding
from drafter.text import chinese_date

SOON_DAYS = 3


@dataclass
class DueList:
    today: dt.date
    within: int
    items: list[Step] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)  # unreadable drafts, years without data
    cases: int = 0

    @property
    def overdue(self) -> list[Step]:
        return [s for s in self.items if s.state(self.today) == "overdue"]


def due_list(cases: list[CaseRecord], profile, today: dt.date, within: int) -> DueList:
    """Open steps that are overdue or fall due within `within` days, earliest first."""
    out = DueList(today, within, cases=len(cases))
    cal = profile.work_calendar()
    limit = today + dt.timedelta(days=within)
    reported: set[tuple[str, str]] = set()
    for case in cases:
        for step in steps(case, profile, cal):
            if step.problem:
                key = (case.file, step.problem)
                if key not in reported:
                    reported.add(key)
                    out.problems.append(Finding(case.file, None, None, "proposal.assigned", "CS905", FATAL,
                                                f"{step.step}期限无法计算：{step.problem}"))
                continue
            if step.state(today) in ("open", "overdue") and step.due <= limit:
                out.items.append(step)
    out.items.sort(key=lambda s: (s.due, s.case.number, s.step))
    return out


def left_text(step: Step, today: dt.date) -> str:
    days = step.days_left(today)
    if days < 0:
        return f"已超期{-days}天"
    return "今天到期" if days == 0 else f"还有{days}天"


def case_label(case: CaseRecord) -> str:
    return f"{case.word}{case.number}"


def to_json(d: DueList) -> str:
    doc = {"command": "due", "today": d.today.isoformat(), "within": d.within, "cases": d.cases,
           "overdue": len(d.overdue), "items": [s.to_json(d.today) for s in d.items],
           "findings": [f.to_json() for f in d.problems]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def print_text(d: DueList, stream=None) -> None:
    stream = stream or sys.stdout
    if stream.isatty():
        _print_rich(d, stream)
        return
    for s in d.items:
        stream.write("\t".join([s.due.isoformat(), left_text(s, d.today), s.step, case_label(s.case),
                                s.case.title or "", s.basis, s.case.file]) + "\n")


def _print_rich(d: DueList, stream) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{chinese_date(d.today)}：已超期和{d.within}天内到期的办理环节", title_justify="left")
    for name in ("期限", "剩余", "环节", "编号"):
        table.add_column(name, no_wrap=True)  # a date or "已超期11天" never splits
    for name in ("标题", "依据", "草稿"):
        table.add_column(name, overflow="fold")
    for s in d.items:
        days = s.days_left(d.today)
        style = "bold red" if days < 0 else ("yellow" if days <= SOON_DAYS else "")
        table.add_row(s.due.isoformat(), left_text(s, d.today), s.step, case_label(s.case),
                      s.case.title or "", s.basis, s.case.file, style=style)
    Console(file=stream, highlight=False).print(table)


def summary(d: DueList) -> str:
    soon = len(d.items) - len(d.overdue)
    return f"共 {d.cases} 件：{len(d.overdue)} 个环节已超期，{soon} 个环节{d.within}天内到期。"
