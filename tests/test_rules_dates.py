"""DT2xx: dates against each other and today."""

from __future__ import annotations

import datetime as dt

from rules_support import BASE_YAML, DELETE, TODAY, codes, draft_with, findings


def test_base_passes():
    assert codes(BASE_YAML, "DT") == []


def test_dt201_future_signature():
    found = findings(BASE_YAML, "DT", today=TODAY - dt.timedelta(days=1))
    assert [f.code for f in found] == ["DT201"]
    assert found[0].field == "signature.date"
    assert "2025年5月9日" in found[0].message


def test_dt201_today_is_fine():
    assert codes(BASE_YAML, "DT201", today=TODAY) == []


def test_dt202_before_assigned():
    text = draft_with(signature__date="2025-03-01", printing__date="2025-03-02")
    found = findings(text, "DT")
    assert [f.code for f in found] == ["DT202"]
    assert "2025年3月10日" in found[0].message


def test_dt202_without_assigned_date():
    text = draft_with(signature__date="2025-03-01", printing__date="2025-03-02", proposal__assigned=DELETE)
    assert codes(text, "DT") == []


def test_dt203_printing_before_signature():
    found = findings(draft_with(printing__date="2025-05-08"), "DT")
    assert [f.code for f in found] == ["DT203"]
    assert found[0].field == "printing.date"


def test_dt203_same_day_is_fine():
    assert codes(draft_with(printing__date="2025-05-09"), "DT") == []
