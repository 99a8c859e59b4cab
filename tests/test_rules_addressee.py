"""AD501–AD506: the addressee."""

from __future__ import annotations

import pytest

from rules_fragments_support import assert_fragments
from rules_support import BASE_YAML, DELETE, codes, draft_with, findings, fix

FAMILY = ["AD501", "AD502", "AD503", "AD504", "AD505", "AD506"]
SAL = ("addressee", "salutation")


@pytest.mark.parametrize("code", FAMILY)
def test_documented_examples(code):
    assert_fragments(code)


def test_base_passes():
    assert codes(BASE_YAML, FAMILY) == []
    assert codes(draft_with(addressee__salutation="王贤理等6位代表"), FAMILY) == []


# -- AD501 ------------------------------------------------------------------------------
@pytest.mark.parametrize("salutation", ["王贤理等5位代表", "王贤理等五名代表", "王贤理等 16 位代表"])
def test_ad501_count_mismatch(salutation):
    found = findings(draft_with(addressee__salutation=salutation), "AD501")
    assert [(f.code, f.severity, f.path) for f in found] == [("AD501", "error", SAL)]


def test_ad501_fix_passes_and_keeps_comments():
    text = BASE_YAML.replace("  count: 6\n", "  count: 6\n  salutation: 王贤理等五位代表  # 改写称谓\n")
    fixed = fix(text)
    assert "salutation: 王贤理等六位代表  # 改写称谓" in fixed
    assert "# 交办日期" in fixed
    assert codes(fixed, "AD501") == []


def test_ad501_count_from_names():
    text = draft_with(changes={("addressee", "deputies"): ["王贤理", "李华"], ("addressee", "count"): DELETE,
                               SAL: "王贤理等3位代表"})
    assert codes(text, "AD501") == ["AD501"]


# -- AD502 ------------------------------------------------------------------------------
def test_ad502_single_with_deng():
    found = findings(draft_with(addressee__count=DELETE, addressee__salutation="王贤理等代表"), "AD502")
    assert [(f.code, f.path) for f in found] == [("AD502", SAL)]


def test_ad502_single_without_deng_passes():
    assert codes(draft_with(addressee__count=1, addressee__salutation="王贤理代表"), "AD502") == []


# -- AD503 ------------------------------------------------------------------------------
def test_ad503_npc_with_weiyuan():
    found = findings(draft_with(addressee__salutation="王贤理等6位委员"), "AD503")
    assert [(f.code, f.path) for f in found] == [("AD503", SAL)]


def test_ad503_cppcc_with_daibiao():
    text = draft_with(kind="cppcc", title="关于市政协十三届三次会议第0185号提案的答复",
                      proposal__session="市政协十三届三次会议", addressee__salutation="王贤理等6位代表")
    assert [f.path for f in findings(text, "AD503")] == [SAL]


def test_ad503_weiyuanhui_is_not_a_member_word():
    text = draft_with(acknowledgement="你们提出的《关于加强知识产权保护的建议》（第0185号）收悉，"
                                      "经会同市科技局和市人大常委会代表工作委员会认真研究，现答复如下：")
    assert codes(text, "AD503") == []


# -- AD504 ------------------------------------------------------------------------------
def test_ad504_lead_deputy_missing():
    found = findings(draft_with(addressee__salutation="李华等6位代表"), "AD504")
    assert [(f.code, f.path) for f in found] == [("AD504", SAL)]


# -- AD505 ------------------------------------------------------------------------------
def test_ad505_count_below_names():
    text = draft_with(changes={("addressee", "deputies"): ["王贤理", "李华", "张强"], ("addressee", "count"): 2})
    found = findings(text, "AD505")
    assert [(f.code, f.path) for f in found] == [("AD505", ("addressee", "count"))]


def test_ad505_count_equal_names_passes():
    text = draft_with(changes={("addressee", "deputies"): ["王贤理", "李华"], ("addressee", "count"): 2})
    assert codes(text, "AD505") == []


# -- AD506 ------------------------------------------------------------------------------
def test_ad506_joint_addressed_as_nin():
    found = findings(draft_with(closing="感谢您对我们工作的关心和支持！"), "AD506")
    assert [(f.code, f.severity, f.path) for f in found] == [("AD506", "warning", ("closing",))]


def test_ad506_single_addressed_as_nimen():
    text = draft_with(addressee__count=DELETE, closing="感谢你们对我们工作的关心和支持！")
    assert codes(text, "AD506") == ["AD506"]


def test_ad506_right_pronouns_pass():
    assert codes(draft_with(closing="感谢你们对我们工作的关心和支持！"), "AD506") == []
    assert codes(draft_with(addressee__count=DELETE, closing="感谢您对我们工作的关心和支持！"), "AD506") == []
