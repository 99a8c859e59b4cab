"""The deadline engine: every step of a case and the day it falls due, from the profile's rules.

Steps (the terms are settings in drafter.toml, see settings.py for the defaults):
  退办  after 交办, while the item is still 待签收 (not ours → give it back in time)
  见面  the first 见面/沟通 with the deputy, after 交办 (answering units)
  会办  a co-handler's opinion to the lead unit, after 交办 (协办/会办)
  答复  the reply: the case's 要求办结日期, else 交办 + deadline_months (extended: the approved
        new date, else 交办 + extended_deadline_months)
  反馈  the deputy's feedback form collected, after the reply
  公开  publication, after the reply, when the case may be published
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass
from typing import Any

from drafter.caseload.calendar import CalendarError, WorkCalendar
from drafter.caseload.cases import CaseRecord
from drafter.caseload.settings import parse_term

STEPS = ("退办", "见面", "会办", "答复", "反馈", "公开")


def add_months(d: dt.date, months: int) -> dt.date:
    """Calendar months later, clamped to the month's end (2025-11-30 + 3 → 2026-02-28)."""
    index = d.month - 1 + months
    year, month = d.year + index // 12, index % 12 + 1
    if year > dt.MAXYEAR:  # 交办日期 9999-12-31: the deadline lies past the calendar's end
        return dt.date.max
    return dt.date(year, month, min(d.day, _cal.monthrange(year, month)[1]))


def add_days(d: dt.date, days: int) -> dt.date:
    """`days` later, or the calendar's last day when that lies beyond it."""
    try:
        return d + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max


def term_text(term: str, base_name: str) -> str:
    kind, value = parse_term(term)
    if kind in ("monthday", "date"):
        return f"{term}前"
    return f"{base_name}后{term}"


def apply_term(base: dt.date, term: str, cal: WorkCalendar) -> dt.date:
    """The last day of a term counted from `base`. Raises CalendarError for working days in a
    year nobody describes."""
    kind, value = parse_term(term)
    if kind == "workdays":
        return cal.add_workdays(base, value)
    if kind == "days":
        return add_days(base, value)
    if kind == "months":
        return add_months(base, value)
    if kind == "monthday":
        m, d = value
        return dt.date(base.year, m, min(d, _cal.monthrange(base.year, m)[1]))
    return value


@dataclass
class Step:
    case: CaseRecord
    step: str  # one of STEPS
    due: dt.date | None  # None when it could not be computed (see problem)
    done: dt.date | None
    basis: str  # "交办后15个工作日"
    problem: str | None = None  # a calendar error, one line

    def state(self, today: dt.date) -> str:
        """done (on time), late (done after the due day), overdue, open, unknown."""
        if self.due is None:
            return "unknown"
        if self.done is not None:
            return "late" if self.done > self.due else "done"
        return "overdue" if today > self.due else "open"

    def days_left(self, today: dt.date) -> int | None:
        return None if self.due is None else (self.due - today).days

    def to_json(self, today: dt.date) -> dict[str, Any]:
        return {"file": self.case.file, "number": self.case.number, "title": self.case.title,
                "step": self.step, "due": self.due.isoformat() if self.due else None,
                "done": self.done.isoformat() if self.done else None, "basis": self.basis,
                "state": self.state(today), "days_left": self.days_left(today), "problem": self.problem}


def reply_due(case: CaseRecord, profile) -> tuple[dt.date | None, str]:
    """The reply deadline and how it was set."""
    c = case.case
    if c.extension and c.extension.until:
        return c.extension.until, "批准的延期期限"
    if case.assigned is None:
        return None, "没有交办日期"
    if case.extended:
        months = profile.extended_deadline_months
        return add_months(case.assigned, months), f"交办后{months}个月（已延期）"
    if c.due:
        return c.due, "交办通知要求的办结日期"
    months = profile.deadline_months
    return add_months(case.assigned, months), f"交办后{months}个月"


def steps(case: CaseRecord, profile, cal: WorkCalendar | None = None) -> list[Step]:
    """Every step that applies to the case, with its due day (or the reason there is none)."""
    cal = cal or profile.work_calendar()
    terms = profile.caseload
    c = case.case
    out: list[Step] = []

    def add(step: str, base: dt.date | None, term: str, base_name: str, done: dt.date | None) -> None:
        if base is None:
            return
        try:
            due = apply_term(base, term, cal)
            out.append(Step(case, step, due, done, term_text(term, base_name)))
        except CalendarError as exc:
            out.append(Step(case, step, None, done, term_text(term, base_name), str(exc)))

    if case.status == "待签收":
        add("退办", case.assigned, terms["return"], "交办", None)
    if case.answering:
        first = min((m.date for m in c.communications if m.date), default=None)
        add("见面", case.assigned, terms["meeting"], "交办", first)
        due, basis = reply_due(case, profile)
        if due is not None:
            out.append(Step(case, "答复", due, c.replied, basis))
        if c.replied:
            last = max((f.date for f in c.feedback if f.date), default=None)
            add("反馈", c.replied, terms["feedback"], "答复", last)
            if c.publish and c.publish.allowed:
                add("公开", c.replied, terms["publish"], "答复", c.publish.date)
    else:
        add("会办", case.assigned, terms["co_opinion"], "交办", c.replied)
    return out
