"""CG901–CG902: the result class."""

from __future__ import annotations

import pytest

from rules_fragments_support import assert_fragments
from rules_support import BASE_YAML, DELETE, codes, draft_with, findings
from drafter.profile import Profile

FAMILY = ["CG901", "CG902"]


@pytest.mark.parametrize("code", FAMILY)
def test_documented_examples(code):
    assert_fragments(code)


def test_base_passes():
    assert codes(BASE_YAML, FAMILY) == []
    assert codes(draft_with(category="A"), FAMILY) == []


# -- CG901 ------------------------------------------------------------------------------
def test_cg901_unknown_category():
    found = findings(draft_with(category="E"), "CG901")
    assert [(f.code, f.severity, f.path) for f in found] == [("CG901", "error", ("category",))]
    assert "A、B、C、D" in found[0].message


def test_cg901_profile_categories():
    profile = Profile(categories=["甲", "乙", "丙"])
    assert codes(draft_with(category="甲"), "CG901", profile=profile) == []
    assert codes(draft_with(category="A"), "CG901", profile=profile) == ["CG901"]


# -- CG902 ------------------------------------------------------------------------------
@pytest.mark.parametrize("category", ["B", "C"])
def test_cg902_plan_without_deadline(category):
    found = findings(draft_with(category=category), "CG902")
    assert [(f.code, f.severity, f.path) for f in found] == [("CG902", "error", ("next_steps",))]


def test_cg902_no_next_steps_points_at_category():
    found = findings(draft_with(category="B", next_steps=DELETE), "CG902")
    assert [f.path for f in found] == [("category",)]


@pytest.mark.parametrize("text", [
    "下一步，我们将于2025年底前建成维权工作站。",
    "下一步，我们计划年内建成维权工作站。",
    "下一步，我们将在三季度完成验收。",
    "下一步，我们将于6月底前报送方案。",
    "下一步，我们将在3个月内完成整改。",
])
def test_cg902_deadline_passes(text):
    assert codes(draft_with(category="C", changes={("next_steps", 0): text}), "CG902") == []


def test_cg902_mumian_is_not_a_deadline():
    text = draft_with(category="B", changes={("next_steps", 0): "目前，我们将继续积极推进前期工作。"})
    assert codes(text, "CG902") == ["CG902"]


def test_cg902_deadline_in_a_heading_counts():
    steps = [{"heading": "2025年底前建成工作站", "body": ["我们将积极推进。"]}]
    assert codes(draft_with(category="B", next_steps=steps), "CG902") == []


def test_cg902_uses_second_and_third_class_of_profile():
    profile = Profile(categories=["甲", "乙", "丙", "丁"])
    assert codes(draft_with(category="乙"), "CG902", profile=profile) == ["CG902"]
    assert codes(draft_with(category="丁"), "CG902", profile=profile) == []
    assert codes(draft_with(category="A"), "CG902") == []
    assert codes(draft_with(category="D"), "CG902") == []
