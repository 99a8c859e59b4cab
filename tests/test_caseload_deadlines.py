"""The deadline engine on the State Council's 2024–2026 holidays and 调休 days, counted by hand
from the yearly notices, and every step of a case computed from the profile's terms."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafter.caseload.calendar import CalendarError, WorkCalendar
from drafter.caseload.cases import CaseRecord
from drafter.caseload.deadlines import steps
from drafter.caseload.settings import parse_term
from drafter.profile import Profile, ProfileError, load_profile

D = dt.date.fromisoformat


# (day, working day?) from the 国务院办公厅 notices for 2024, 2025 and 2026.
NOTICE_DAYS = [
    ("2024-02-04", True),   # Sunday worked before 春节
    ("2024-02-12", False),  # 春节 Monday
    ("2024-02-18", True),   # Sunday worked after 春节
    ("2024-10-07", False),  # 国庆 Monday
    ("2024-10-12", True),   # Saturday worked after 国庆
    ("2025-01-26", True),   # Sunday worked before 春节
    ("2025-02-04", False),  # last day of 春节
    ("2025-02-08", True),   # Saturday worked after 春节
    ("2025-04-27", True),   # Sunday worked before 劳动节
    ("2025-05-05", False),  # 劳动节 Monday
    ("2025-09-28", True),   # Sunday worked before 国庆
    ("2025-10-08", False),  # 国庆 eighth day (with 中秋)
    ("2025-10-11", True),   # Saturday worked after 国庆
    ("2026-01-04", True),   # Sunday worked after 元旦
    ("2026-02-14", True),   # Saturday worked before 春节
    ("2026-02-23", False),  # 春节 ninth day, a Monday
    ("2026-02-28", True),   # Saturday worked after 春节
    ("2026-03-04", True),   # an ordinary Wednesday
    ("2026-03-07", False),  # an ordinary Saturday
]


@pytest.mark.parametrize("day,working", NOTICE_DAYS)
def test_notice_days(day, working):
    assert WorkCalendar().is_workday(D(day)) is working


@pytest.mark.parametrize("start,count,end", [
    # 1-20 Mon: 21–24 (4), 26 Sun worked (5), 27 (6), 春节 28.1–4.2, 5–7 (9), 8 Sat worked (10), 10–14 (15)
    ("2025-01-20", 15, "2025-02-14"),
    # 2-10 Tue: 11, 12, 13, 14 Sat worked (4), 春节 15–23, 24 (5)
    ("2026-02-10", 5, "2026-02-24"),
    # 9-27 Fri: 29 Sun worked (1), 30 (2), 国庆 1–7, 8 (3)
    ("2024-09-27", 3, "2024-10-08"),
    # 4-25 Fri: 27 Sun worked (1), 28–30 (4), 劳动节 1–5, 6–9 (8), 12–16 (13), 19, 20 (15)
    ("2025-04-25", 15, "2025-05-20"),
    # no holiday: 3-10 Mon + 15 → 3-31
    ("2025-03-10", 15, "2025-03-31"),
])
def test_add_workdays(start, count, end):
    cal = WorkCalendar()
    assert cal.add_workdays(D(start), count) == D(end)
    assert cal.workdays_between(D(start), D(end)) == count


def test_year_without_data_is_one_clear_error():
    with pytest.raises(CalendarError) as exc:
        WorkCalendar().add_workdays(D("2099-03-10"), 5)
    message = str(exc.value)
    assert "2099年没有节假日和调休数据" in message and "[calendar]" in message and "\n" not in message


def _profile(tmp_path: Path, text: str) -> Profile:
    (tmp_path / "drafter.toml").write_text(text, encoding="utf-8")
    return load_profile(tmp_path / "drafter.toml")


def test_calendar_table_describes_a_missing_year_and_local_changes(tmp_path):
    p = _profile(tmp_path, """
[calendar]
years = [2099]
holidays = ["2099-01-01..2099-01-02", "2025-03-12"]
workdays = ["2099-01-03"]
""")
    cal = p.work_calendar()
    assert D("2099-01-01").weekday() == 3  # a Thursday, made a day off
    assert not cal.is_workday(D("2099-01-01")) and not cal.is_workday(D("2099-01-02"))
    assert cal.is_workday(D("2099-01-03"))  # a Saturday worked
    assert not cal.is_workday(D("2099-01-04"))  # an ordinary Sunday
    assert cal.add_workdays(D("2098-12-31"), 2) == D("2099-01-05")
    # a local day off in a year the package covers: the rest of 2025 still follows it
    assert not cal.is_workday(D("2025-03-12")) and cal.is_workday(D("2025-03-13"))
    assert cal.is_workday(D("2025-01-26"))


@pytest.mark.parametrize("text,where", [
    ('[calendar]\nyears = ["2027"]', "calendar.years"),
    ('[calendar]\nholidays = ["2027-13-01"]', "calendar.holidays"),
    ('[calendar]\nholiday = []', "calendar.holiday"),
    ('[caseload]\nmeeting = "15 working days"', "caseload.meeting"),
    ('[caseload]\nrequire_meeting = "yes"', "caseload.require_meeting"),
    ('[intake.columns]\nnumbr = "建议号"', "intake.columns.numbr"),
])
def test_bad_tables_are_one_line(tmp_path, text, where):
    with pytest.raises(ProfileError) as exc:
        _profile(tmp_path, text)
    f = exc.value.finding
    assert f.field == where and f.code == "CF003" and "\n" not in f.to_line()


def test_terms():
    assert parse_term("15个工作日") == ("workdays", 15)
    assert parse_term("20天") == ("days", 20)
    assert parse_term("1个月") == ("months", 1)
    assert parse_term("05-31") == ("monthday", (5, 31))
    assert parse_term("2025-06-30") == ("date", D("2025-06-30"))
    assert parse_term("02-30") is None and parse_term("soon") is None


def _case(**case) -> CaseRecord:
    proposal = {"number": "0185", "assigned": "2025-03-10", "handling": case.pop("handling", "主办")}
    if case.pop("extended", False):
        proposal["extended"] = True
    return CaseRecord.from_data({"proposal": proposal, "case": case}, "x.yaml")


def _due(record: CaseRecord, profile: Profile | None = None) -> dict[str, tuple]:
    return {s.step: (s.due, s.done) for s in steps(record, profile or Profile())}


def test_steps_of_a_new_case():
    due = _due(_case(status="待签收"))
    assert due["退办"] == (D("2025-03-17"), None)  # 5 working days
    assert due["见面"] == (D("2025-03-31"), None)  # 15 working days
    assert due["答复"] == (D("2025-06-10"), None)  # 3 months
    assert "反馈" not in due and "会办" not in due


def test_steps_after_the_reply():
    due = _due(_case(status="已答复", replied="2025-04-25", communications=[{"date": "2025-03-20", "way": "面谈"}],
                     publish={"allowed": True}))
    assert "退办" not in due
    assert due["见面"] == (D("2025-03-31"), D("2025-03-20"))
    assert due["答复"] == (D("2025-06-10"), D("2025-04-25"))
    assert due["反馈"] == (D("2025-05-20"), None)  # 15 working days over 劳动节 and its 调休 Sunday
    assert due["公开"] == (D("2025-05-27"), None)  # 20 working days


def test_co_handler_sends_an_opinion_within_a_month():
    due = _due(_case(handling="协办"))
    assert due == {"会办": (D("2025-04-10"), None)}


def test_reply_deadline_sources():
    assert _due(_case(due="2025-05-31"))["答复"][0] == D("2025-05-31")  # the 交办 notice's date
    assert _due(_case(extended=True))["答复"][0] == D("2025-09-10")  # 6 months
    assert _due(_case(extended=True, extension={"approved": "2025-05-20", "until": "2025-08-10"}))["答复"][0] == D("2025-08-10")


def test_terms_come_from_the_profile(tmp_path):
    p = _profile(tmp_path, '[check]\ndeadline_months = 2\n[caseload]\nmeeting = "20天"\n"return" = "10个工作日"\n')
    due = _due(_case(status="待签收"), p)
    assert due["见面"][0] == D("2025-03-30")
    assert due["退办"][0] == D("2025-03-24")
    assert due["答复"][0] == D("2025-05-10")


def test_calendar_problem_is_carried_not_raised():
    record = CaseRecord.from_data({"proposal": {"number": "1", "assigned": "2099-03-10", "handling": "独办"}}, "x.yaml")
    found = {s.step: s for s in steps(record, Profile())}
    assert found["见面"].due is None and "2099年" in found["见面"].problem
    assert found["答复"].due == D("2099-06-10")  # months need no calendar
