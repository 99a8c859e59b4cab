"""What the person reads in a finding: each rule's message, as its own bad example raises it,
says what to do; `drafter rules CODE` explains a sample of codes in Chinese; README names only
codes that exist and every family of codes that exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_support import run_cli
from rules_fragments_support import with_fragment
from rules_support import findings
from test_rules_registry import _today

from drafter.catalog import catalogue
from drafter.rules import load_all

ROOT = Path(__file__).resolve().parents[1]
RULES = load_all()
CATALOGUE = catalogue()
# what a message says to do: 请…, 改为…, 改用…, the values allowed, or that it may be ignored
ACTION = re.compile(r"请|改为|改用|应写作|应写成|可用：|可忽略")


@pytest.mark.parametrize("code", sorted(RULES))
def test_each_rule_message_says_what_to_do(code):
    rule = RULES[code]
    raised = [f for f in findings(with_fragment(rule.bad), code, today=_today(rule.bad)) if f.code == code]
    assert raised, code
    for f in raised:
        assert ACTION.search(f.message), (code, f.message)
        assert "\n" not in f.to_line() and re.search(r"[\u4e00-\u9fff]", f.message)


@pytest.mark.parametrize("code", ["DN101", "TX101", "CS906", "IO012", "GB102", "SCH003", "CF003", "INT001", "LG003", "IN003"])
def test_rules_code_reads_as_chinese(code):
    result = run_cli("rules", code)
    assert result.code == 0
    text = result.out
    assert text.startswith(f"{code}（") and "为什么：" in text and "依据：" in text
    assert re.search(r"类别：\S+；级别：(错误|警告|无法处理)", text)
    body = text.split("\n", 1)[1]  # the first line carries the code's English name on purpose
    assert not re.search(r"\b(error|warning|fatal|safe|unsafe|none)\b", body)


def test_readme_names_only_codes_that_exist_and_every_family():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"(?<![A-Za-z0-9])([A-Z]{2,3}\d{3})(?![0-9])", readme))
    assert named and not named - set(CATALOGUE), sorted(named - set(CATALOGUE))
    families = {re.match(r"[A-Z]+", code).group() for code in CATALOGUE}
    missing = [f for f in sorted(families) if f"`{f}`" not in readme]
    assert not missing, missing
