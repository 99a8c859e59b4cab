"""TX102–TX107: free text."""

from __future__ import annotations

from pathlib import Path

import pytest

from rules_fragments_support import assert_fragments
from rules_support import BASE_YAML, codes, draft_with, findings, fix

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))
FAMILY = ["TX102", "TX103", "TX104", "TX105", "TX106", "TX107"]
PARA = ("measures", 0, "body", 0)


def with_para(text: str) -> str:
    return draft_with(changes={PARA: text})


@pytest.mark.parametrize("code", FAMILY)
def test_documented_examples(code):
    assert_fragments(code)


def test_base_passes():
    assert codes(BASE_YAML, FAMILY) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_have_no_errors(path):
    found = findings(path.read_text(encoding="utf-8"), FAMILY)
    assert [f for f in found if f.severity == "error"] == []
    # The only flaw the originals really have: spaces around Latin words ("科研机构 and 产业", "PCT 授权").
    assert {f.code for f in found} <= {"TX104"}


# -- TX102 ------------------------------------------------------------------------------
def test_tx102_half_width_in_chinese():
    found = findings(with_para("截至2022年底,全市(含县)有效专利3382件;同比增加18.8%。"), "TX102")
    assert [(f.code, f.severity, f.path) for f in found] == [("TX102", "error", PARA)]


@pytest.mark.parametrize("text", [
    "执行《企业知识产权合规管理体系 要求》（GB/T 29490-2023）。",
    "结合“4.26”知识产权日，于12:30召开会议。",
    "详见 https://example.org/a,b?c=1 的说明。",
])
def test_tx102_latin_and_number_contexts_pass(text):
    assert codes(with_para(text), "TX102") == []


def test_tx102_fix_passes_and_keeps_comments():
    text = BASE_YAML.replace("我局会同有关部门开展专项行动，查处侵权案件。",
                             "我局会同有关部门开展专项行动,查处侵权案件(12:30)。  # 原文如此")
    assert codes(text, "TX102") == ["TX102"]
    fixed = fix(text)
    assert "开展专项行动，查处侵权案件（12:30）。" in fixed
    assert "# 原文如此" in fixed and "# 交办日期" in fixed
    assert codes(fixed, "TX102") == []


# -- TX103 ------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["印发《办法》的通知（试行。", "称为”抱团“维权。", "根据《条例的规定。"])
def test_tx103_unbalanced(text):
    assert codes(with_para(text), "TX103") == ["TX103"]


def test_tx103_balanced_passes():
    assert codes(with_para("印发《办法》（试行），对外“抱团”维权。"), "TX103") == []


def test_tx103_checks_overrides():
    text = draft_with(acknowledgement="你们提出的《关于加强知识产权保护的建议》（第0185号收悉，经会同市科技局认真研究，现答复如下：")
    assert [f.path for f in findings(text, "TX103")] == [("acknowledgement",)]


# -- TX104 ------------------------------------------------------------------------------
def test_tx104_space_between_cjk_and_digits():
    found = findings(with_para("联盟于 2017 年 10 月成立。"), "TX104")
    assert [(f.code, f.severity) for f in found] == [("TX104", "warning")]


def test_tx104_no_space_passes():
    assert codes(with_para("联盟于2017年10月成立，执行GB/T 29490-2023标准。"), "TX104") == []


def test_tx104_ignores_phones_and_doc_number():
    text = draft_with(changes={("contacts", 0, "phones", 0): "0592 5077969"})
    assert codes(text, "TX104") == []


def test_tx104_fix_passes_and_keeps_comments():
    text = BASE_YAML.replace("我局会同有关部门开展专项行动，查处侵权案件。",
                             "我局于 2017 年 10 月会同有关部门开展专项行动。  # 原文如此")
    fixed = fix(text)
    assert "我局于2017年10月会同有关部门开展专项行动。" in fixed
    assert "# 原文如此" in fixed and "# 联系人" in fixed
    assert codes(fixed, "TX104") == []


def test_tx102_and_tx104_fixes_on_one_value_both_apply():
    text = with_para("我局于 2017 年,开展专项行动。")
    fixed = fix(text)
    assert "我局于2017年，开展专项行动。" in fixed
    assert codes(fixed, ["TX102", "TX104"]) == []


# -- TX105 ------------------------------------------------------------------------------
@pytest.mark.parametrize("word", ["明天", "下周", "下个月", "昨天", "本周", "上个月"])
def test_tx105_relative_dates(word):
    found = findings(draft_with(changes={("next_steps", 0): f"我局将于{word}召开座谈会。"}), "TX105")
    assert [(f.code, f.severity, f.path) for f in found] == [("TX105", "warning", ("next_steps", 0))]


@pytest.mark.parametrize("text", [
    "在传统产业转型发展的今天，企业面临更激烈的竞争。",
    "共同创造更加美好的明天。",
    "我局将于2025年6月10日召开座谈会。",
    "统计提前天数。",
])
def test_tx105_idioms_and_dates_pass(text):
    assert codes(draft_with(changes={("next_steps", 0): text}), "TX105") == []


# -- TX106 ------------------------------------------------------------------------------
def test_tx106_closing_without_thanks():
    found = findings(draft_with(closing="以上答复，请审阅。"), "TX106")
    assert [(f.code, f.path) for f in found] == [("TX106", ("closing",))]


def test_tx106_generated_closing_and_co_handler_opinion_pass():
    assert codes(BASE_YAML, "TX106") == []
    text = draft_with(proposal__handling="协办", addressee={"unit": "市科技局"}, closing="以上意见，供参考。")
    assert codes(text, "TX106") == []


# -- TX107 ------------------------------------------------------------------------------
def test_tx107_paragraph_without_end():
    found = findings(with_para("我局开展专项行动"), "TX107")
    assert [(f.code, f.severity, f.path) for f in found] == [("TX107", "warning", PARA)]


@pytest.mark.parametrize("text", ["我局开展专项行动。", "主要做了以下工作：", "即“抱团”维权”", "（详见附件。）", "**一是加强宣传。**"])
def test_tx107_paragraph_with_end_passes(text):
    assert codes(with_para(text), "TX107") == []


def test_tx107_run_in_heading_needs_period():
    bad = draft_with(changes={("measures", 0, "run_in"): True})
    assert [f.path for f in findings(bad, "TX107")] == [("measures", 0, "heading")]
    good = draft_with(changes={("measures", 0, "run_in"): True, ("measures", 0, "heading"): "加强知识产权保护。"})
    assert codes(good, "TX107") == []


def test_tx107_standalone_heading_exempt():
    assert codes(BASE_YAML, "TX107") == []  # heading "加强知识产权保护" stands alone


def test_tx107_acknowledgement_override():
    text = draft_with(acknowledgement="你们提出的《关于加强知识产权保护的建议》收悉，经会同市科技局认真研究，现答复如下")
    assert [f.path for f in findings(text, "TX107")] == [("acknowledgement",)]


def test_placeholders_are_left_to_tx101():
    text = with_para("【待填：措施内容和成效，如 2025年】")
    assert codes(text, FAMILY) == []
    assert codes(text, "TX101") == ["TX101"]


@pytest.mark.parametrize("value, flagged", [
    ("温州市市场 监督管理局", True),
    ("温州市市场\t监督管理局", True),
    ("收悉。 现答复如下", True),
    ("深度解读《企业知识产权合规管理体系 要求》等标准", False),  # a standard's own title has the space
    ("王　伟", False),  # the ideographic space an office types on purpose
    ("PCT 授权", False),  # a Latin word: TX104's business, and only next to digits
])
def test_gap_between_chinese_characters(value, flagged):
    from rules_support import draft_with, findings, fix

    text = draft_with(organ=value)
    got = [f for f in findings(text, "TX108")]
    assert bool(got) == flagged, got
    if flagged:
        assert got[0].to_line().endswith("[*]") and " TX108 汉字之间有" in got[0].to_line()
        assert "TX108" not in [f.code for f in findings(fix(text), "TX108")]
        assert "# 发文字号" in fix(text)  # comments kept
