"""HN101–HN104: section headings."""

from __future__ import annotations

import re

import pytest

from rules_fragments_support import assert_fragments
from rules_support import BASE_YAML, codes, draft_with, findings, fix

FAMILY = ["HN101", "HN102", "HN103", "HN104"]
HEAD = ("measures", 0, "heading")


@pytest.mark.parametrize("code", FAMILY)
def test_documented_examples(code):
    assert_fragments(code)


def test_base_passes():
    assert codes(BASE_YAML, FAMILY) == []


# -- HN101 ------------------------------------------------------------------------------
@pytest.mark.parametrize("typed", ["一、", "（一）", "(一)", "1.", "1、", "（1）", "十二、", "①", "二、 "])
def test_hn101_typed_number(typed):
    found = findings(draft_with(changes={HEAD: typed + "加强知识产权保护"}), "HN101")
    assert [(f.code, f.severity, f.path) for f in found] == [("HN101", "error", HEAD)]
    assert found[0].fix is not None and found[0].fix.safe


@pytest.mark.parametrize("heading", ["一是加强知识产权保护", "1.5亿元专项资金落实到位", "2024年工作回顾", "十大工程稳步推进"])
def test_hn101_not_numbers(heading):
    assert codes(draft_with(changes={HEAD: heading}), "HN101") == []


def test_hn101_fix_passes_and_keeps_comments():
    text = BASE_YAML.replace("heading: 加强知识产权保护", "heading: 一、加强知识产权保护  # 标题")
    fixed = fix(text)
    assert re.search(r"heading: 加强知识产权保护 +# 标题\n", fixed)
    assert "# 交办日期" in fixed
    assert codes(fixed, "HN101") == []


def test_hn101_number_only_has_no_fix():
    found = findings(draft_with(changes={HEAD: "一、"}), "HN101")
    assert found and found[0].fix is None


# -- HN102 ------------------------------------------------------------------------------
def _nest(levels: int) -> dict:
    node: dict = {"heading": f"第{levels}层", "body": ["正文。"]}
    for n in range(levels - 1, 0, -1):
        node = {"heading": f"第{n}层", "body": [node]}
    return node


def test_hn102_five_levels():
    found = findings(draft_with(changes={("measures", 0): _nest(6)}), "HN102")
    path = ("measures", 0) + ("body", 0) * 4 + ("heading",)
    assert [(f.code, f.severity, f.path) for f in found] == [("HN102", "error", path)]


def test_hn102_four_levels_pass():
    assert codes(draft_with(changes={("measures", 0): _nest(4)}), "HN102") == []


# -- HN103 ------------------------------------------------------------------------------
def test_hn103_run_in_without_body():
    text = draft_with(changes={("measures", 0): {"heading": "加强宣传。", "run_in": True}})
    found = findings(text, "HN103")
    assert [(f.code, f.severity, f.path) for f in found] == [("HN103", "warning", ("measures", 0, "run_in"))]


def test_hn103_run_in_before_subsection():
    sec = {"heading": "加强宣传。", "run_in": True, "body": [{"heading": "宣传周", "body": ["正文。"]}]}
    assert codes(draft_with(changes={("measures", 0): sec}), "HN103") == ["HN103"]


def test_hn103_run_in_with_paragraph_passes():
    sec = {"heading": "加强宣传。", "run_in": True, "body": ["我局开展了宣传周活动。"]}
    assert codes(draft_with(changes={("measures", 0): sec}), "HN103") == []


# -- HN104 ------------------------------------------------------------------------------
def test_hn104_standalone_heading_with_period():
    found = findings(draft_with(changes={HEAD: "加强知识产权保护。"}), "HN104")
    assert [(f.code, f.severity, f.path) for f in found] == [("HN104", "warning", HEAD)]
    assert found[0].fix is not None and not found[0].fix.safe


def test_hn104_run_in_heading_with_period_passes():
    text = draft_with(changes={HEAD: "加强知识产权保护。", ("measures", 0, "run_in"): True})
    assert codes(text, "HN104") == []


def test_hn104_fix_is_unsafe_only():
    text = draft_with(changes={HEAD: "加强知识产权保护。"})
    assert codes(fix(text), "HN104") == ["HN104"]
    assert codes(fix(text, unsafe=True), "HN104") == []
