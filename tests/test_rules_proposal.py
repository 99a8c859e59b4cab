"""PR401–PR405: title and acknowledgement overrides against the proposal."""

from __future__ import annotations

import pytest

from rules_fragments_support import assert_fragments
from rules_support import BASE_YAML, codes, draft_with, findings

FAMILY = ["PR401", "PR402", "PR403", "PR404", "PR405"]
ACK = "你们提出的《{}》（{}）收悉，经会同市科技局认真研究，现答复如下："
TITLE = "关于加强知识产权保护的建议"


@pytest.mark.parametrize("code", FAMILY)
def test_documented_examples(code):
    assert_fragments(code)


def test_base_passes():
    assert codes(BASE_YAML, FAMILY) == []
    assert codes(draft_with(acknowledgement=ACK.format(TITLE, "第0185号")), FAMILY) == []


# -- PR401 ------------------------------------------------------------------------------
@pytest.mark.parametrize("number", ["第185号", "第0186号", "第01850号"])
def test_pr401_title_number_mismatch(number):
    found = findings(draft_with(title=f"关于市十六届人大五次会议{number}建议的答复"), "PR401")
    assert [(f.code, f.severity, f.path) for f in found] == [("PR401", "error", ("title",))]


@pytest.mark.parametrize("title", [
    "关于市十六届人大五次会议第0185号建议的答复",
    "关于市十六届人大五次会议人大建议0185号的答复",
    "关于市十六届人大五次会议第0185号建议的答复（厦市监函〔2025〕59号）",
])
def test_pr401_title_number_matches(title):
    assert codes(draft_with(title=title), "PR401") == []


# -- PR402 ------------------------------------------------------------------------------
def test_pr402_acknowledgement_title_mismatch():
    found = findings(draft_with(acknowledgement=ACK.format("关于加强商标保护的建议", "第0185号")), "PR402")
    assert [(f.code, f.severity, f.path) for f in found] == [("PR402", "error", ("acknowledgement",))]


def test_pr402_ignores_spaces_and_punctuation_width():
    text = draft_with(proposal__title="关于构建大保护格局，引导企业深化保护的建议",
                      acknowledgement=ACK.format("关于构建大保护格局, 引导企业深化保护的建议", "第0185号"))
    assert codes(text, "PR402") == []


def test_pr402_other_book_titles_allowed():
    ack = "你们提出的《关于加强知识产权保护的建议》收悉。根据《专利法》，经会同市科技局认真研究，现答复如下："
    assert codes(draft_with(acknowledgement=ack), "PR402") == []


# -- PR403 ------------------------------------------------------------------------------
@pytest.mark.parametrize("number", ["第185号", "第0186号", "人大建议186号"])
def test_pr403_acknowledgement_number_mismatch(number):
    found = findings(draft_with(acknowledgement=ACK.format(TITLE, number)), "PR403")
    assert [(f.code, f.severity, f.path) for f in found] == [("PR403", "error", ("acknowledgement",))]


def test_pr403_doc_numbers_are_not_suggestion_numbers():
    ack = ACK.format(TITLE, "第0185号") + "依据国办发〔2014〕46号文件。"
    assert codes(draft_with(acknowledgement=ack), "PR403") == []


# -- PR404 ------------------------------------------------------------------------------
def test_pr404_title_session_mismatch():
    found = findings(draft_with(title="关于市十六届人大四次会议第0185号建议的答复"), "PR404")
    assert [(f.code, f.severity, f.path) for f in found] == [("PR404", "warning", ("title",))]


def test_pr404_title_without_session_passes():
    assert codes(draft_with(title="关于第0185号建议的答复"), "PR404") == []


# -- PR405 ------------------------------------------------------------------------------
def test_pr405_npc_title_says_tian():
    found = findings(draft_with(title="关于市十六届人大五次会议第0185号提案的答复"), "PR405")
    assert [(f.code, f.severity, f.path) for f in found] == [("PR405", "error", ("title",))]


def test_pr405_cppcc_title_says_jianyi():
    text = draft_with(kind="cppcc", proposal__session="市政协十三届三次会议",
                      title="关于市政协十三届三次会议第0185号建议的答复")
    assert codes(text, "PR405") == ["PR405"]


def test_pr405_quoted_proposal_title_is_exempt():
    text = draft_with(kind="cppcc", proposal__session="市政协十三届三次会议",
                      title="关于《关于加强知识产权保护的建议》（第0185号提案）的答复")
    assert codes(text, "PR405") == []
