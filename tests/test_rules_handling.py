"""HD601–HD604: the way of handling (独办, 主办/协办/会办, 分办)."""

from __future__ import annotations

import pytest

from rules_fragments_support import assert_fragments
from rules_support import BASE_YAML, DELETE, codes, draft_with, findings

FAMILY = ["HD601", "HD602", "HD603", "HD604"]
ACK = "你们提出的《关于加强知识产权保护的建议》（第0185号）收悉，{}现答复如下："


@pytest.mark.parametrize("code", FAMILY)
def test_documented_examples(code):
    assert_fragments(code)


def test_base_passes():
    assert codes(BASE_YAML, FAMILY) == []


# -- HD601 ------------------------------------------------------------------------------
@pytest.mark.parametrize("handling", ["协办", "会办"])
def test_hd601_co_handler_writes_to_deputy(handling):
    found = findings(draft_with(proposal__handling=handling), "HD601")
    assert [(f.code, f.severity, f.path) for f in found] == [("HD601", "error", ("addressee", "deputies"))]


def test_hd601_co_handler_writes_to_lead_unit_passes():
    text = draft_with(proposal__handling="协办", addressee={"unit": "厦门市科学技术局"})
    assert codes(text, "HD601") == []


# -- HD602 ------------------------------------------------------------------------------
def test_hd602_lead_without_co_handlers():
    found = findings(draft_with(proposal__co_handlers=DELETE), "HD602")
    assert [(f.code, f.severity, f.path) for f in found] == [("HD602", "error", ("proposal", "handling"))]


def test_hd602_sole_without_co_handlers_passes():
    assert codes(draft_with(proposal__handling="独办", proposal__co_handlers=DELETE), "HD602") == []


# -- HD603 ------------------------------------------------------------------------------
def test_hd603_sole_with_co_handlers():
    found = findings(draft_with(proposal__handling="独办"), "HD603")
    assert [(f.code, f.severity, f.path) for f in found] == [("HD603", "warning", ("proposal", "co_handlers"))]


# -- HD604 ------------------------------------------------------------------------------
def test_hd604_acknowledgement_without_co_handlers():
    found = findings(draft_with(acknowledgement=ACK.format("经认真研究，")), "HD604")
    assert [(f.code, f.severity, f.path) for f in found] == [("HD604", "warning", ("acknowledgement",))]


@pytest.mark.parametrize("words", ["经会同市科技局认真研究，", "经厦门市科技局共同研究，"])
def test_hd604_acknowledgement_with_co_handler_passes(words):
    assert codes(draft_with(acknowledgement=ACK.format(words)), "HD604") == []


def test_hd604_short_name_matches_full_name():
    text = draft_with(proposal__co_handlers=["慈溪市科技局"], copy_to=["市人大常委会代表工委", "市政府办公厅", "慈溪市科技局"],
                      acknowledgement=ACK.format("经市科技局认真研究，"))
    assert codes(text, "HD604") == []


def test_hd604_generated_acknowledgement_passes():
    assert "acknowledgement" not in BASE_YAML
    assert codes(BASE_YAML, "HD604") == []
