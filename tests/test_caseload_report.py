"""`drafter report`: the year's figures against a hand count, in JSON, in the .docx (a GB/T 9704
document on the renderer's own page) and in the .xlsx with native charts."""

from __future__ import annotations

import zipfile

import pytest
from caseload_support import PROFILE_TOML, case_draft, co_handler
from cli_support import run_cli
from lxml import etree

from drafter.render import layout as L

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _met(day="2025-03-20"):
    return [{"date": day, "way": "面谈"}]


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    (root / "drafter.toml").write_text(PROFILE_TOML, encoding="utf-8")
    d = root / "drafts"
    # every case assigned 2025-03-10: 答复 due 2025-06-10, 会办 due 2025-04-10
    case_draft(d, "0101", {"status": "已反馈", "replied": "2025-05-20", "communications": _met(),
                           "feedback": [{"deputy": "王贤理", "result": "满意", "date": "2025-05-30"}]},
               category="A", proposal__handling="独办", proposal__co_handlers=[])
    case_draft(d, "0102", {"status": "已反馈", "replied": "2025-06-20", "communications": _met(),
                           "feedback": [{"deputy": "王贤理", "result": "基本满意", "date": "2025-06-25"},
                                        {"deputy": "李明", "result": "不满意", "date": "2025-06-26"}]},
               category="B", addressee__deputies=["王贤理", "李明"])
    case_draft(d, "0103", {"status": "在办"}, proposal__handling="独办", proposal__co_handlers=[])
    case_draft(d, "0104", {"status": "已反馈", "replied": "2025-04-15", "communications": _met(),
                           "feedback": [{"deputy": "王贤理", "result": "满意", "date": "2025-04-30"}]},
               category="C", proposal__handling="独办", proposal__co_handlers=[])
    case_draft(d, "0201", {"status": "已答复", "replied": "2025-04-01"}, **co_handler())
    case_draft(d, "0202", {"status": "已答复", "replied": "2025-04-20"}, **co_handler())
    case_draft(d, "0301", {"status": "已答复", "replied": "2025-05-01", "communications": _met()}, kind="cppcc",
               category="A", proposal__handling="独办", proposal__co_handlers=[])
    case_draft(d, "0999", {"status": "办结", "replied": "2024-05-01"}, proposal__assigned="2024-03-01")
    r = run_cli("report", "drafts", "--year", "2025", "-o", "报告.docx", "--xlsx", "统计.xlsx", "--today", "2025-12-20",
                cwd=root)
    assert r.code == 0, r.out + r.err
    return root


def test_figures_match_the_hand_count(office):
    import json

    r = run_cli("report", "drafts", "--year", "2025", "--format", "json", cwd=office)
    f = json.loads(r.out)["figures"]
    assert (f["cases"], f["npc"], f["cppcc"]) == (7, 6, 1)
    assert f["by_group"]["主办"] == {"cases": 5, "replied": 4, "on_time": 3, "reply_rate": 80.0, "on_time_rate": 60.0}
    assert f["by_group"]["协办"] == {"cases": 2, "replied": 2, "on_time": 1, "reply_rate": 100.0, "on_time_rate": 50.0}
    assert (f["replied"], f["reply_rate"], f["on_time"], f["on_time_rate"]) == (6, 85.7, 4, 57.1)
    assert (f["met"], f["meeting_rate"]) == (4, 80.0)
    assert f["feedback_forms"] == 4 and f["feedback"] == {"满意": 2, "基本满意": 1, "不满意": 1}
    assert f["satisfaction_rate"] == 75.0
    assert f["classes"] == {"A": 2, "B": 1, "C": 1, "D": 0} and f["unclassed"] == 1
    assert f["class_shares"] == {"A": 50.0, "B": 25.0, "C": 25.0, "D": 0.0} and f["implementation_rate"] == 75.0
    months = {m["month"]: (m["replied"], m["on_time"]) for m in f["months"] if m["replied"]}
    assert months == {4: (3, 2), 5: (2, 2), 6: (1, 0)}


def _docx(office):
    with zipfile.ZipFile(office / "报告.docx") as z:
        return etree.fromstring(z.read("word/document.xml")), z.namelist()


def test_docx_says_the_figures_and_lists_each_group(office):
    doc, _ = _docx(office)
    body = doc.find(f"{W}body")
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.findall(f"{W}p")]
    text = "\n".join(paragraphs)
    assert "共承办人大代表建议6件、政协委员提案1件，合计7件；其中主办（含独办、分办）5件，协办（会办）2件" in text
    assert "已办复6件，办复率85.7%；按期办复4件，按期办复率57.1%" in text
    assert "见面沟通4件，见面率80%" in text and "满意2份、基本满意1份、不满意1份，满意率75%" in text
    assert "A类2件（占50%）、B类1件（占25%）、C类1件（占25%）、D类0件（占0%），尚未分类1件；落实率75%" in text
    tables = body.findall(f"{W}tbl")
    assert len(tables) == 2
    rows = [[["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in tr.findall(f"{W}tc")] for tr in tbl.findall(f"{W}tr")]
            for tbl in tables]
    assert rows[0][0][:3] == ["编号", "标题", "领衔代表"] and len(rows[0]) == 1 + 5
    assert [r[0] for r in rows[1][1:]] == ["建议0201", "建议0202"]
    assert [r[5] for r in rows[1][1:]] == ["是", "否"]  # 按期


def test_docx_uses_the_letters_page_and_styles(office):
    doc, names = _docx(office)
    sect = doc.find(f"{W}body/{W}sectPr")
    mar = sect.find(f"{W}pgMar")
    assert int(mar.get(f"{W}top")) == L.mm_to_twips(L.MARGIN_TOP_MM)
    assert int(mar.get(f"{W}left")) == L.mm_to_twips(L.MARGIN_LEFT_MM)
    size = sect.find(f"{W}pgSz")
    assert int(size.get(f"{W}w")) == L.mm_to_twips(L.PAGE_WIDTH_MM)
    styles = [p.find(f"{W}pPr/{W}pStyle") for p in doc.iter(f"{W}p")]
    used = {s.get(f"{W}val") for s in styles if s is not None}
    assert {"GwTitle", "GwHeading1", "GwSignature"} <= used
    assert "word/footer1.xml" in names  # page numbers as in the letters


def test_xlsx_has_figures_and_native_charts(office):
    import openpyxl

    wb = openpyxl.load_workbook(office / "统计.xlsx")
    figures = {row[0]: row[1] for row in wb["指标"].iter_rows(min_row=2, values_only=True)}
    assert figures["件数"] == 7 and figures["按期办复率（%）"] == 57.1 and figures["满意率（%）"] == 75.0
    assert [r for r in wb["按月办复"].iter_rows(min_row=5, max_row=7, values_only=True)] == [
        ("4月", 3, 2), ("5月", 2, 2), ("6月", 1, 0)]
    with zipfile.ZipFile(office / "统计.xlsx") as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        kinds = {n: z.read(n) for n in charts}
    assert len(charts) == 2
    C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    found = {etree.fromstring(v).find(f"{C}chart/{C}plotArea")[0].tag.replace(C, "") for v in kinds.values()}
    assert found == {"pieChart", "barChart"}
    assert wb["协办件"].max_row == 3
