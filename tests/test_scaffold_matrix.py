"""`drafter new` for every kind, document type, layout and way of handling: the fresh draft
checks with one TX101 line per 【待填】 and nothing else, every comment is Chinese, and the
comments survive the rewrites (check --fix, ledger --update)."""

from __future__ import annotations

import itertools
import re

import openpyxl
import pytest
from cli_support import run_cli

PLACEHOLDER = re.compile(r"【待填：[^】]*】")
CJK = re.compile(r"[\u4e00-\u9fff]")
# a commented-out example line: `# key: value`, `#   - item`
EXAMPLE = re.compile(r"^\s*#\s+(-\s+)?[A-Za-z_][A-Za-z_0-9]*:( .*)?$|^\s*#\s+-\s+\S.*$")

VARIANTS = [
    *itertools.product(["npc", "cppcc"], ["reply", "opinion", "return", "extension"], ["file", "letter", "plain"], ["独办"]),
    *[("npc", "reply", "file", h) for h in ("主办", "协办", "会办", "分办")],
    ("cppcc", "reply", "letter", "主办"),
]


def _placeholders(text: str) -> list[str]:
    values = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    return PLACEHOLDER.findall(values)


@pytest.mark.parametrize("kind, doc_type, layout, handling", VARIANTS)
def test_scaffold_reports_only_its_placeholders(kind, doc_type, layout, handling, tmp_path):
    draft = tmp_path / "草稿.yaml"
    made = run_cli("new", str(draft), "--kind", kind, "--type", doc_type, "--layout", layout, "--handling", handling,
                   "--number", "0185")
    assert made.code == 0, made.err
    text = draft.read_text(encoding="utf-8")
    for day in ("2025-01-01", None):  # before the year's work starts, and the day the tests run
        result = run_cli("check", str(draft), *(["--today", day] if day else []))
        assert result.code == 1
        others = [line for line in result.lines if " TX101 " not in line]
        assert others == [], others
        assert len(result.lines) == len(_placeholders(text))
    for line in text.splitlines():
        comment = line.split("#", 1)[1] if line.lstrip().startswith("#") else None
        if comment is None or line.startswith("# yaml-language-server:"):
            continue
        assert CJK.search(comment) or EXAMPLE.match(line), line


def test_json_scaffold_reports_only_its_placeholders(tmp_path):
    draft = tmp_path / "草稿.json"
    assert run_cli("new", str(draft), "--type", "extension").code == 0
    result = run_cli("check", str(draft), "--today", "2025-01-01")
    assert result.code == 1 and result.lines
    assert all(" TX101 " in line for line in result.lines), result.lines


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.lstrip().startswith("#") or " # " in line]


def test_scaffold_comments_survive_check_fix(tmp_path):
    draft = tmp_path / "草稿.yaml"
    assert run_cli("new", str(draft), "--doc-number", "温市监提[2025]12号", "--number", "0185").code == 0
    before = draft.read_text(encoding="utf-8")
    fixed = run_cli("check", str(draft), "--fix", "--today", "2025-01-01")
    after = draft.read_text(encoding="utf-8")
    assert "温市监提〔2025〕12号" in after and fixed.code == 1
    assert _comments(after) == _comments(before)


def test_scaffold_comments_survive_the_ledger(tmp_path):
    folder = tmp_path / "2025"
    draft = folder / "建议0185.yaml"
    assert run_cli("new", str(draft), "--number", "0185", "--deputy", "王贤理").code == 0
    before = draft.read_text(encoding="utf-8")
    schema = folder / "reply.schema.json"
    schema_before = schema.read_bytes()
    assert run_cli("ledger", str(folder), "-o", str(tmp_path / "台账.xlsx")).code == 0
    wb = openpyxl.load_workbook(tmp_path / "台账.xlsx")
    ws = wb["台账"]
    head = {c.value: c.column for c in ws[1]}
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, head["草稿"]).value]
    assert [ws.cell(r, head["草稿"]).value for r in rows] == ["建议0185.yaml"]  # the schema copy is no case
    ws.cell(rows[0], head["承办科室"]).value = "商标监督管理科"
    wb.save(tmp_path / "改过.xlsx")
    result = run_cli("ledger", str(folder), "--update", str(tmp_path / "改过.xlsx"))
    assert result.code == 0, result.out + result.err
    after = draft.read_text(encoding="utf-8")
    assert "division: 商标监督管理科" in after
    assert set(_comments(before)) <= set(_comments(after))
    assert schema.read_bytes() == schema_before


@pytest.mark.parametrize("doc_type", ["reply", "extension"])
def test_scaffold_comments_survive_the_workbench_save(doc_type, tmp_path):
    """The workbench saves the whole form as one edit at the root (drafter/web/editing.py)."""
    from drafter.drafts import loads_draft
    from drafter.findings import Edit
    from drafter.rewrite import rewrite

    draft = tmp_path / "草稿.yaml"
    assert run_cli("new", str(draft), "--type", doc_type, "--number", "0185").code == 0
    before = draft.read_text(encoding="utf-8")
    data = loads_draft(before, "yaml", "草稿.yaml")[0].data
    data["organ"] = "温州市市场监督管理局"
    data.setdefault("case", {})["division"] = "商标监督管理科"
    data["copy_to"] = ["市人大常委会代表工委", "市政府办公厅"]
    after = rewrite(before, "yaml", [Edit((), data)])
    assert loads_draft(after, "yaml", "草稿.yaml")[0].data == data
    assert set(_comments(before)) <= set(_comments(after)), set(_comments(before)) - set(_comments(after))


def test_digits_typed_over_a_placeholder_stay_text(tmp_path):
    """A clerk types the phone and the number over the 【待填】 text, quotes and all left alone."""
    draft = tmp_path / "草稿.yaml"
    assert run_cli("new", str(draft)).code == 0
    text = draft.read_text(encoding="utf-8")
    text = re.sub(r"【待填：联系电话[^】]*】", "5077969", text)
    text = re.sub(r"【待填：建议编号[^】]*】", "0185", text)
    draft.write_text(text, encoding="utf-8")
    result = run_cli("check", str(draft), "--today", "2025-01-01")
    assert not [line for line in result.lines if " TX101 " not in line], result.lines
    from drafter.drafts import load_draft

    data = load_draft(draft)[0].data
    assert data["proposal"]["number"] == "0185" and data["contacts"][0]["phones"] == ["5077969"]


def test_cppcc_scaffold_speaks_of_members_not_deputies(tmp_path):
    draft = tmp_path / "提案.yaml"
    assert run_cli("new", str(draft), "--kind", "cppcc").code == 0
    text = draft.read_text(encoding="utf-8")
    stray = [line for line in text.splitlines() if "代表" in line and not ("代表团（人大）" in line or "人大代表建议" in line)]
    assert stray == [], stray
    assert "委员提案办理情况征询意见表" in text and "group: 经济界" in text
