"""DN1xx: 发文字号."""

from __future__ import annotations

import pytest

from rules_support import BASE_YAML, codes, draft_with, findings, fix, load


def with_number(value: str) -> str:
    return draft_with(doc_number=value)


def test_base_passes():
    assert codes(BASE_YAML, "DN") == []


@pytest.mark.parametrize("value", ["厦市监函[2025]59号", "厦市监函【2025】59号", "厦市监函(2025)59号",
                                   "厦市监函（2025）59号", "厦市监函﹝2025﹞59号", "厦市监函[ 2025 ]59号",
                                   "厦市监函［2025］59号"])
def test_dn101_wrong_brackets(value):
    found = findings(with_number(value), "DN")
    assert [f.code for f in found] == ["DN101"]
    assert found[0].field == "doc_number" and found[0].line == 5
    assert found[0].fix.safe


def test_dn101_fix_keeps_comments():
    fixed = fix(with_number("厦市监函[2025]59号"))
    assert "doc_number: 厦市监函〔2025〕59号  # 发文字号" in fixed
    assert "# 交办日期：据此计算答复期限" in fixed
    assert codes(fixed, "DN") == []


def test_dn102_leading_zeros():
    found = findings(with_number("厦市监函〔2025〕059号"), "DN")
    assert [f.code for f in found] == ["DN102"]
    assert "厦市监函〔2025〕59号" in found[0].message
    fixed = fix(with_number("厦市监函〔2025〕059号"))
    assert "厦市监函〔2025〕59号  # 发文字号" in fixed
    assert codes(fixed, "DN") == []


def test_dn103_ordinal():
    found = findings(with_number("厦市监函〔2025〕第59号"), "DN")
    assert [f.code for f in found] == ["DN103"]
    fixed = fix(with_number("厦市监函〔2025〕第59号"))
    assert "厦市监函〔2025〕59号  # 发文字号" in fixed
    assert codes(fixed, "DN") == []


def test_all_three_fixes_together():
    text = with_number("厦市监函[2025]第059号")
    assert sorted(codes(text, "DN")) == ["DN101", "DN102", "DN103"]
    fixed = fix(text)
    assert load(fixed).data["doc_number"] == "厦市监函〔2025〕59号"
    assert codes(fixed, "DN") == []


@pytest.mark.parametrize("value", ["厦市监函2025-59", "〔2025〕59号", "厦市监函〔25〕59号", "厦市监函〔2025〕59",
                                   "厦市监函〔2025〕0号", "厦市监函 〔2025〕59号"])
def test_dn104_form(value):
    found = findings(with_number(value), "DN104")
    assert len(found) == 1 and found[0].fix is None


def test_dn104_not_reported_when_fixable():
    assert "DN104" not in codes(with_number("厦市监函（2025）第059号"), "DN")


def test_dn105_year_mismatch():
    text = with_number("厦市监函〔2024〕59号")
    found = findings(text, "DN")
    assert [f.code for f in found] == ["DN105"]
    assert "2024" in found[0].message and "2025" in found[0].message
    assert found[0].fix is None
