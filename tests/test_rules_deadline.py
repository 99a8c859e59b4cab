"""DL3xx: the reply deadline."""

from __future__ import annotations

import datetime as dt

from drafter.profile import Profile
from drafter.rules.deadline import add_months
from rules_support import BASE_YAML, DELETE, codes, draft_with, findings

# BASE_YAML: 交办 2025-03-10, so the deadline is 2025-06-10.


def test_add_months_clamps_to_month_end():
    assert add_months(dt.date(2025, 11, 30), 3) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2023, 11, 30), 3) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2025, 3, 7), 3) == dt.date(2025, 6, 7)
    assert add_months(dt.date(2025, 8, 31), 6) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)


def test_base_passes():
    assert codes(BASE_YAML, "DL") == []


def signed(date: str) -> str:
    return draft_with(signature__date=date, printing__date=date)


def test_dl301_late_reply():
    found = findings(signed("2025-06-11"), "DL", today=dt.date(2025, 7, 1))
    assert [f.code for f in found] == ["DL301"]
    assert "应于2025年6月10日前答复（交办后3个月）" in found[0].message
    assert found[0].field == "signature.date"


def test_dl301_on_the_deadline_is_fine():
    assert codes(signed("2025-06-10"), "DL", today=dt.date(2025, 7, 1)) == []


def test_dl301_extended():
    text = draft_with(signature__date="2025-08-01", printing__date="2025-08-01", proposal__extended=True)
    assert codes(text, "DL", today=dt.date(2025, 9, 1)) == []
    late = draft_with(signature__date="2025-09-11", printing__date="2025-09-11", proposal__extended=True)
    found = findings(late, "DL", today=dt.date(2025, 10, 1))
    assert [f.code for f in found] == ["DL301"]
    assert "应于2025年9月10日前答复（交办后6个月，已延期）" in found[0].message


def test_dl301_profile_months():
    found = findings(signed("2025-05-09"), "DL301", profile=Profile(deadline_months=1))
    assert len(found) == 1 and "2025年4月10日" in found[0].message


def test_no_assigned_date_no_deadline():
    text = draft_with(signature__date="2026-01-01", printing__date="2026-01-01", proposal__assigned=DELETE)
    assert codes(text, "DL", today=dt.date(2026, 1, 1)) == []


def test_dl302_deadline_near_unsigned():
    text = signed("2025-06-01")
    found = findings(text, "DL", today=dt.date(2025, 6, 1))
    assert [f.code for f in found] == ["DL302"]
    assert found[0].severity == "warning" and "还有9天" in found[0].message


def test_dl302_not_for_signed_letter():
    # Signed on 2025-06-01, checked later: no reminder.
    assert codes(signed("2025-06-01"), "DL", today=dt.date(2025, 6, 5)) == []


def test_dl302_not_when_far():
    assert codes(signed("2025-05-20"), "DL", today=dt.date(2025, 5, 20)) == []


def test_dl302_warning_days_from_profile():
    assert codes(signed("2025-05-20"), "DL", today=dt.date(2025, 5, 20), profile=Profile(deadline_warning_days=30)) == [
        "DL302"
    ]


def test_dl303_deadline_passed_unsigned():
    found = findings(signed("2025-06-20"), "DL", today=dt.date(2025, 6, 20))
    assert sorted(f.code for f in found) == ["DL301", "DL303"]
    dl303 = next(f for f in found if f.code == "DL303")
    assert dl303.severity == "warning" and "已过10天" in dl303.message


def test_dl303_not_for_signed_letter():
    assert codes(signed("2025-06-05"), "DL303", today=dt.date(2025, 6, 20)) == []
