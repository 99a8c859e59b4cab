"""Working days under the State Council's holiday and 调休 notice.

The yearly notice is encoded by the chinesecalendar package (it must be updated every year);
drafter.toml's [calendar] table adds years the package does not cover yet and local changes.
A day in a year nobody describes is an error, never a guess: a deadline counted on weekends
alone would be wrong by a whole holiday week.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class CalendarError(Exception):
    """A year without holiday data; the message is one Chinese line saying what to do."""

    def __init__(self, year: int):
        super().__init__(
            f"{year}年没有节假日和调休数据，无法计算工作日：请升级 chinesecalendar（pip install -U chinesecalendar），"
            f"或在 drafter.toml 的 [calendar] 中写出该年（years = [{year}]，holidays、workdays 列出放假和调休上班日）"
        )
        self.year = year


@dataclass
class WorkCalendar:
    """Working days: local overrides first, then the package, then (for `years`) the week."""

    holidays: set[dt.date] = field(default_factory=set)  # days off beyond the package's
    workdays: set[dt.date] = field(default_factory=set)  # weekend days worked (调休)
    years: set[int] = field(default_factory=set)  # years described in full by the profile

    def is_workday(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        if day.year in self.years:
            return day.weekday() < 5
        known = _package_workday(day)
        if known is None:
            raise CalendarError(day.year)
        return known

    def add_workdays(self, start: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `start` (start itself not counted): "within 15
        working days of 交办" ends on this day."""
        day = start
        left = count
        while left > 0:
            if day == dt.date.max:  # a deadline past the calendar's end, as deadlines.add_days does
                return day
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                left -= 1
        return day

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        n, day = 0, start
        while day < end:
            day += dt.timedelta(days=1)
            n += self.is_workday(day)
        return n


_PACKAGE_DAYS: dict[dt.date, bool | None] = {}


def _package_workday(day: dt.date) -> bool | None:
    """chinesecalendar's answer, remembered: it scans its whole holiday table on every call,
    and a deadline counts day by day (a batch asks for the same days again and again)."""
    try:
        return _PACKAGE_DAYS[day]
    except KeyError:
        pass
    import chinese_calendar

    try:
        known = chinese_calendar.is_workday(day)
    except NotImplementedError:
        known = None  # a year the package does not describe
    _PACKAGE_DAYS[day] = known
    return known


def from_settings(table: dict) -> WorkCalendar:
    """A calendar from the validated [calendar] table (see settings.calendar_table)."""
    return WorkCalendar(set(table.get("holidays", ())), set(table.get("workdays", ())), set(table.get("years", ())))
