"""CC8xx: 抄送."""

from __future__ import annotations

import pytest

from drafter.profile import Profile
from rules_support import BASE_YAML, DELETE, codes, draft_with, findings, fix, load, yaml_with

OTHERS = ["市政府办公厅", "市科技局"]


def test_base_passes():
    assert codes(BASE_YAML, "CC") == []


@pytest.mark.parametrize("office", ["市人大常委会代表工委", "市人大代表工委", "市人大常委会代表工作委员会",
                                    "省人大常委会人事代表选举工作委员会", "代表与选举工作委员会",
                                    "市人大常委会选举任免代表工作委员会", "人大选举联络工委", "区人大代表联络室",
                                    "全国人大常委会办公厅", "县人大常委会办公室"])
def test_cc801_accepts_office_names(office):
    assert codes(yaml_with("copy_to", [office] + OTHERS), "CC801") == []


def test_cc801_missing_office():
    found = findings(yaml_with("copy_to", OTHERS), "CC")
    assert [f.code for f in found] == ["CC801"]
    assert found[0].field == "copy_to"


def test_cc801_profile_office():
    text = yaml_with("copy_to", ["区人大联工委"] + OTHERS)
    assert codes(text, "CC801") == ["CC801"]
    assert codes(text, "CC801", profile=Profile(deputy_offices=["联工委"])) == []


def test_cc801_not_for_co_handler_opinion():
    text = draft_with(copy_to=OTHERS, proposal__handling="协办", proposal__co_handlers=DELETE)
    assert codes(text, "CC801") == []


def cppcc(copy_to):
    return draft_with(kind="cppcc", copy_to=copy_to)


@pytest.mark.parametrize("office", ["市政协提案委", "市政协提案委员会", "提案工作委员会", "市政协办公室"])
def test_cc802_accepts_office_names(office):
    assert codes(cppcc([office] + OTHERS), "CC80") == []


def test_cc802_missing_office():
    found = findings(cppcc(["市人大常委会代表工委"] + OTHERS), "CC80")
    assert [f.code for f in found] == ["CC802"]


def test_cc802_profile_office():
    assert codes(cppcc(["市政协提案办"] + OTHERS), "CC802", profile=Profile(proposal_offices=["提案办"])) == []


def test_cc803_trailing_punctuation_safe_fix():
    text = yaml_with(("copy_to", 1), "市政府办公厅，")
    found = findings(text, "CC")
    assert [f.code for f in found] == ["CC803"]
    assert found[0].field == "copy_to[1]" and found[0].fix.safe
    fixed = fix(text)
    assert codes(fixed, "CC") == []
    assert "  - 市人大常委会代表工委  # 人大建议须抄送" in fixed
    assert load(fixed).data["copy_to"][1] == "市政府办公厅"


@pytest.mark.parametrize("entry", ["市政府办公厅。", "抄送：市政府办公厅", "市政府办公厅；"])
def test_cc803_other_punctuation(entry):
    assert codes(yaml_with(("copy_to", 1), entry), "CC803") == ["CC803"]


def test_cc803_enumeration_comma_allowed():
    assert codes(yaml_with(("copy_to", 2), "市科技局、市法院"), "CC") == []


def test_cc803_split_is_unsafe():
    text = yaml_with(("copy_to", 1), "市政府办公厅，市法院")
    found = findings(text, "CC803")
    assert len(found) == 1 and not found[0].fix.safe
    assert codes(fix(text), "CC803") == ["CC803"]  # a safe-only run leaves it
    fixed = fix(text, unsafe=True)
    assert load(fixed).data["copy_to"] == ["市人大常委会代表工委", "市政府办公厅", "市法院", "市科技局"]
    assert "# 人大建议须抄送" in fixed
    assert codes(fixed, "CC") == []


def test_cc803_punctuation_and_split():
    text = yaml_with(("copy_to", 1), "市政府办公厅，市法院。")
    found = findings(text, "CC803")
    assert sorted(f.fix.safe for f in found) == [False, True]
    assert load(fix(text)).data["copy_to"][1] == "市政府办公厅，市法院"
    assert load(fix(text, unsafe=True)).data["copy_to"][1:3] == ["市政府办公厅", "市法院"]


def test_cc804_co_handler_not_copied():
    text = yaml_with("copy_to", ["市人大常委会代表工委", "市政府办公厅"])
    found = findings(text, "CC")
    assert [f.code for f in found] == ["CC804"]
    assert found[0].severity == "warning" and found[0].field == "proposal.co_handlers[0]"


def test_cc804_loose_match():
    text = draft_with(proposal__co_handlers=["市科技局", "市法院"], copy_to=["市人大代表工委", "市科技局、市法院"])
    assert codes(text, "CC") == []


def test_cc804_only_for_lead_handler():
    text = draft_with(proposal__handling="独办", copy_to=["市人大常委会代表工委"])
    assert codes(text, "CC804") == []
