"""SG101–SG102: signing and printing organs."""

from __future__ import annotations

import pytest

from rules_fragments_support import assert_fragments
from rules_support import BASE_YAML, DELETE, codes, draft_with, findings

FAMILY = ["SG101", "SG102"]


@pytest.mark.parametrize("code", FAMILY)
def test_documented_examples(code):
    assert_fragments(code)


def test_base_passes():
    assert codes(BASE_YAML, FAMILY) == []


def test_sg101_signature_organ_differs():
    found = findings(draft_with(signature__organ="厦门市科学技术局"), "SG101")
    assert [(f.code, f.severity, f.path) for f in found] == [("SG101", "warning", ("signature", "organ"))]
    assert "SG101" in found[0].message


def test_sg102_printing_organ_of_another_organ():
    found = findings(draft_with(printing__organ="厦门市人民政府办公室"), "SG102")
    assert [(f.code, f.severity, f.path) for f in found] == [("SG102", "warning", ("printing", "organ"))]


def test_sg102_no_printing_passes():
    assert codes(draft_with(printing=DELETE), "SG102") == []
