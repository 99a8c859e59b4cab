"""Shared makers for the caseload tests: 交办清单 in two platforms' naming, and case drafts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

ORGAN = "厦门市市场监督管理局"
PROFILE_TOML = f'[organ]\nname = "{ORGAN}"\n'


def npc_list(path: Path, extra_rows: list[list] = ()) -> Path:
    """人大 建议系统 naming: a title row, a two-row header with a merged "交办情况" cell, numbers
    stored as numbers (one with a 0000 format, one General next to text "0185"), dates as
    datetimes, Excel serials and text, a blank row, a co-handled item, a bad date, a duplicate."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "交办清单"
    ws.append(["市十六届人大五次会议代表建议交办清单"])
    ws.merge_cells("A1:L1")
    ws.append(["建议编号", "建议标题", "领衔代表", "附议代表", "代表团", "重点督办", "办理方式", "主办单位", "协办单位",
               "交办情况", None, "可否公开"])
    ws.append([None] * 9 + ["交办日期", "要求办结日期", None])
    for col in "ABCDEFGHIL":
        ws.merge_cells(f"{col}2:{col}3")
    ws.merge_cells("J2:K2")
    rows = [
        [185, "关于加强知识产权保护的建议", "王贤理", "李明、张华", "思明代表团", "是", "主办", ORGAN, "市科技局",
         dt.datetime(2025, 3, 10), "2025/6/30", "是"],
        ["0023", "关于优化营商环境的建议", "陈红", None, "湖里代表团", "否", "独办", ORGAN, None, 45726, None, "否"],
        [None] * 12,
        [7, "关于老旧小区改造的建议", "林芳等5名代表", None, "集美代表团", None, "协办", "市建设局", f"{ORGAN}、市财政局",
         "2025年3月10日", None, "是"],
        [186, "关于食品安全的建议", "赵六", None, None, None, "独办", ORGAN, None, "2025-13-01", None, None],
        ["0185", "重复登记的建议", "某某", None, None, None, "独办", ORGAN, None, "2025-03-10", None, None],
    ] + [list(r) for r in extra_rows]
    for r in rows:
        ws.append(r)
    ws["A4"].number_format = "0000"  # 185 shown as 0185 in Excel
    # row 7 (the co-handled 7) is General: its width comes from the column's "0023"
    notes = wb.create_sheet("填表说明")
    notes.append(["本表由市人大常委会代表工委导出，请于5个工作日内签收。"])
    wb.save(path)
    return path


def cppcc_rows() -> list[list]:
    return [
        ["案号", "案由", "提案人", "联名人", "界别", "承办方式", "牵头单位", "会办单位", "交办时间", "办结时限", "是否公开"],
        ["0012", "关于加快数字经济发展的提案", "周明", "吴刚，郑丽", "经济界", "主办", ORGAN, "市工信局", "2025-03-12", "2025-06-12", "公开"],
        ["0045", "关于校园食品安全的提案", "钱伟", "", "教育界", "会办", "市教育局", ORGAN, "2025/3/12", "", "不公开"],
    ]


def cppcc_csv(path: Path, encoding: str = "gbk") -> Path:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf).writerows(cppcc_rows())
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def case_draft(folder: Path, number: str, case: dict | None = None, kind: str = "npc", file_name: str | None = None,
               **changes) -> Path:
    """The rule tests' base draft (valid, commented) as item `number`, with a case section and
    other changes (keyword names nest with "__", as in rules_support.draft_with)."""
    from rules_support import BASE_YAML, DELETE, draft_with

    more = {"proposal__number": number, "kind": kind, "title": DELETE}  # the template's title names the number
    if case is not None:
        more["case"] = case
    if kind == "cppcc":
        more["copy_to"] = ["市政协提案委"]
    text = draft_with(BASE_YAML, **more, **changes)
    word = "提案" if kind == "cppcc" else "建议"
    path = folder / (file_name or f"{word}{number}.yaml")
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def co_handler(**changes) -> dict:
    """Changes that make the base draft a co-handler's opinion to the lead unit."""
    from rules_support import DELETE

    return {"proposal__handling": "协办", "proposal__co_handlers": DELETE,
            "addressee": {"unit": "市科技局"}, **changes}
