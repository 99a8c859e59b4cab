"""`drafter ledger`: the 台账 workbook as Excel reads it, and the round trip back into the drafts
(comments kept, each change printed, stale rows and impossible states refused, nothing lost)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from caseload_support import PROFILE_TOML, case_draft
from cli_support import run_cli

TODAY = "2025-05-09"


@pytest.fixture
def office(tmp_path):
    (tmp_path / "drafter.toml").write_text(PROFILE_TOML, encoding="utf-8")
    d = tmp_path / "drafts"
    case_draft(d, "0185", {"status": "在办", "communications": [{"date": "2025-03-20", "way": "面谈"}]})
    case_draft(d, "0186", {"status": "已答复", "replied": "2025-05-09", "communications": [{"date": "2025-03-20", "way": "电话"}]})
    case_draft(d, "0187", {"status": "在办"}, proposal__assigned="2025-01-02")  # 答复 due 2025-04-02: overdue
    case_draft(d, "0188", {"status": "在办"})
    r = run_cli("ledger", "drafts", "-o", "台账.xlsx", "--today", TODAY, cwd=tmp_path)
    assert r.code == 0, r.out + r.err
    return tmp_path


def _headers(ws):
    return {c.value: c.column for c in ws[1]}


def test_export_is_a_real_ledger(office):
    wb = openpyxl.load_workbook(office / "台账.xlsx")
    ws = wb["台账"]
    h = _headers(ws)
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(h))}5"
    numbers = [ws.cell(r, h["编号"]).value for r in range(2, 6)]
    assert numbers == ["0185", "0186", "0187", "0188"]
    lists = {dv.formula1: str(dv.sqref) for dv in ws.data_validations.dataValidation if dv.type == "list"}
    status_col = openpyxl.utils.get_column_letter(h["状态"])
    assert lists['"待签收,待见面,在办,待签发,已答复,已反馈,重办,办结"'].startswith(f"{status_col}2:")
    assert '"满意,基本满意,不满意"' in lists and '"A,B,C,D"' in lists
    fills = {r: ws.cell(r, h["标题"]).fill.fgColor.rgb for r in range(2, 6)}
    assert fills[4].endswith("FFC7CE") and not fills[2].endswith("FFC7CE")  # 0187 is overdue
    assert ws.cell(4, h["下一环节"]).value == "见面 2025-01-23（已超期106天）"
    assert ws.cell(2, h["答复期限"]).value == dt.datetime(2025, 6, 10)
    for name in ("草稿", "指纹"):
        assert ws.column_dimensions[openpyxl.utils.get_column_letter(h[name])].hidden


def _edit(office, changes: dict[tuple[int, str], object]) -> None:
    wb = openpyxl.load_workbook(office / "台账.xlsx")
    ws = wb["台账"]
    h = _headers(ws)
    for (row, header), value in changes.items():
        ws.cell(row, h[header]).value = value
    wb.save(office / "改过的台账.xlsx")


def test_update_round_trip(office):
    drafts = office / "drafts"
    before = {p.name: p.read_bytes() for p in drafts.iterdir()}
    _edit(office, {
        (2, "状态"): "已答复", (2, "答复日期"): dt.datetime(2025, 5, 12), (2, "承办科室"): "知识产权保护处",
        (3, "反馈意见"): "满意", (3, "反馈日期"): dt.datetime(2025, 5, 1),  # before the reply: impossible
        (4, "经办人"): "王钧",                                                # its draft changes below
        (5, "状态"): "已完成",                                                # not a status
    })
    changed_later = (drafts / "建议0187.yaml").read_text(encoding="utf-8") + "# 导出后又改了\n"
    (drafts / "建议0187.yaml").write_text(changed_later, encoding="utf-8")
    r = run_cli("ledger", "drafts", "--update", "改过的台账.xlsx", "--today", TODAY, cwd=office)
    assert r.code == 1
    text = (drafts / "建议0185.yaml").read_text(encoding="utf-8")
    for comment in ("# 交办日期：据此计算答复期限", "# 成文日期", "# 人大建议须抄送", "# 测试用最小答复函草稿"):
        assert comment in text
    from drafter.drafts import load_draft

    case = load_draft(drafts / "建议0185.yaml")[0].data["case"]
    assert case["status"] == "已答复" and case["replied"] == "2025-05-12" and case["division"] == "知识产权保护处"
    assert "replied: 2025-05-12" in text  # a bare date, like the draft's own
    shown = Path("drafts") / "建议0185.yaml"
    assert f"{shown} 状态: 在办 → 已答复" in r.err and f"{shown} 答复日期: （空） → 2025-05-12" in r.err
    lines = r.lines
    assert any(line.startswith("改过的台账.xlsx 工作表“台账”:3 反馈日期（") and "LG006" in line and "早于答复日期" in line
               for line in lines), lines
    assert any(line.startswith("改过的台账.xlsx 工作表“台账”:4:") and "LG003" in line for line in lines), lines
    assert any(line.startswith("改过的台账.xlsx 工作表“台账”:5 状态（") and "LG004" in line and "“已完成”不是可选的状态" in line
               for line in lines), lines
    assert (drafts / "建议0186.yaml").read_bytes() == before["建议0186.yaml"]
    assert (drafts / "建议0188.yaml").read_bytes() == before["建议0188.yaml"]
    assert (drafts / "建议0187.yaml").read_text(encoding="utf-8") == changed_later
    assert "写回 1 份草稿，3 处修改；3 行未写回" in r.err


def test_feedback_and_extension_written_as_records(office):
    _edit(office, {(3, "反馈意见"): "基本满意", (3, "反馈日期"): "2025-05-20",
                   (5, "延期批准日期"): "2025-05-08", (5, "延期后期限"): "2025-08-10"})
    r = run_cli("ledger", "drafts", "--update", "改过的台账.xlsx", "--today", TODAY, cwd=office)
    assert r.code == 0, r.out + r.err
    from drafter.drafts import load_draft

    b = load_draft(office / "drafts" / "建议0186.yaml")[0].data
    assert b["case"]["feedback"] == [{"deputy": "王贤理", "result": "基本满意", "date": "2025-05-20"}]
    d = load_draft(office / "drafts" / "建议0188.yaml")[0].data
    assert d["case"]["extension"] == {"approved": "2025-05-08", "until": "2025-08-10"}
    assert d["proposal"]["extended"] is True  # the flag follows the record (CS906)
    checked = run_cli("check", "drafts/建议0186.yaml", "drafts/建议0188.yaml", "--today", TODAY, cwd=office)
    assert checked.code == 0, checked.out


def test_unchanged_ledger_changes_nothing(office):
    before = {p.name: p.read_bytes() for p in (office / "drafts").iterdir()}
    r = run_cli("ledger", "drafts", "--update", "台账.xlsx", "--today", "2025-06-01", cwd=office)
    assert r.code == 0 and "写回 0 份草稿，0 处修改" in r.err
    assert {p.name: p.read_bytes() for p in (office / "drafts").iterdir()} == before


def test_export_never_overwrites(office):
    r = run_cli("ledger", "drafts", "-o", "台账.xlsx", cwd=office)
    assert r.code == 2 and "IO012" in r.out


def test_not_a_ledger(office):
    (office / "坏.xlsx").write_bytes(b"PK\x03\x04broken")
    r = run_cli("ledger", "drafts", "--update", "坏.xlsx", cwd=office)
    assert r.code == 2 and len(r.lines) == 1 and "LG001" in r.lines[0] and "损坏" in r.lines[0]


def test_update_json_lists_each_change_and_each_refusal(office):
    import json

    _edit(office, {(2, "承办科室"): "知识产权保护处", (5, "状态"): "已完成"})
    r = run_cli("ledger", "drafts", "--update", "改过的台账.xlsx", "--today", TODAY, "--format", "json", cwd=office)
    assert r.code == 1
    doc = json.loads(r.out)
    assert doc["command"] == "ledger" and doc["exit_code"] == 1
    [result] = doc["results"]
    assert result["changes"] == [{"file": str(Path("drafts") / "建议0185.yaml"), "field": "承办科室",
                                  "old": None, "new": "知识产权保护处"}]
    assert result["written"] == [str(Path("drafts") / "建议0185.yaml")] and result["refused_rows"] == 1
    [refused] = doc["findings"]
    assert refused["code"] == "LG004" and refused["line"] == 5 and "已完成" in refused["message"]


def test_export_json_names_the_workbook(office):
    import json

    r = run_cli("ledger", "drafts", "-o", "另一份.xlsx", "--today", TODAY, "--format", "json", cwd=office)
    assert r.code == 0
    doc = json.loads(r.out)
    assert doc["outputs"] == [{"path": "另一份.xlsx", "source": "drafts", "kind": "xlsx"}]
    assert openpyxl.load_workbook(office / "另一份.xlsx")["台账"].max_row == 5
    usage = run_cli("ledger", "drafts", "--format", "json", cwd=office)   # neither -o nor --update
    assert usage.code == 2 and json.loads(usage.out)["exit_code"] == 2
