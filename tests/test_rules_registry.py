"""The registry as a whole: every rule is documented, and its own examples behave as shown
by `drafter rules CODE` (the bad example raises it, the good one does not)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from rules_fragments_support import with_fragment
from rules_support import TODAY, codes

from drafter.rules import load_all

RULES = load_all()
CODE = re.compile(r"^[A-Z]{2}\d{3}$")


def _today(fragment: str) -> dt.date:
    """A fragment may say which day it is checked on: `# 今天 2025-06-01`."""
    m = re.search(r"今天\s*(\d{4}-\d{2}-\d{2})", fragment)
    return dt.date.fromisoformat(m.group(1)) if m else TODAY


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_is_documented(code):
    rule = RULES[code]
    assert CODE.match(code) and rule.name and re.fullmatch(r"[a-z0-9-]+", rule.name)
    for text in (rule.message, rule.rationale):
        assert re.search(r"[\u4e00-\u9fff]", text), (code, text)
    assert rule.source.strip()
    assert rule.severity in ("error", "warning")
    assert rule.fix in ("none", "safe", "unsafe")
    assert "笔记" not in rule.rationale + rule.source  # sources name real documents


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_examples_behave_as_shown(code):
    rule = RULES[code]
    assert rule.good and rule.bad
    assert code not in codes(with_fragment(rule.good), code, today=_today(rule.good))
    assert code in codes(with_fragment(rule.bad), code, today=_today(rule.bad))


def test_names_are_unique():
    names = [r.name for r in RULES.values()]
    assert len(names) == len(set(names))


def test_readme_counts_the_rules():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"{len(RULES)} 条规则" in readme and f"{len(RULES)} coded rules" in readme
