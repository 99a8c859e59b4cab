"""`drafter report 文件夹/ --year Y -o 报告.docx [--xlsx 统计.xlsx]`: the year's 办理情况报告.

The .docx is a GB/T 9704 document built on the renderer's own package, styles and numbers
(drafter/render: letter._base, title.break_title, layout, ooxml), so the page, fonts and page numbers are the
letters' own; the .xlsx carries the figures with native Excel charts.
"""

from __future__ import annotations

import datetime as dt
import io
from copy import deepcopy

from drafter.caseload.figures import GROUPS, Figures, percent
from drafter.text import chinese_date

TABLE_HEADERS = ("编号", "标题", "领衔代表", "状态", "答复日期", "按期", "类别", "反馈")
# share of the 版心 width per table column (sums to 1)
TABLE_SHARES = (0.09, 0.33, 0.11, 0.1, 0.14, 0.07, 0.07, 0.09)


def _feedback_text(c) -> str:
    results = [f.result for f in c.case.case.feedback if f.result]
    return "、".join(results) if results else "—"


def _rows(fig: Figures, group: str) -> list[tuple[str, ...]]:
    rows = []
    for c in fig.of(group):
        r = c.case
        rows.append((f"{r.word}{r.number}", r.title or "", r.lead_deputy or (r.lead_unit or ""), r.status,
                     r.case.replied.isoformat() if r.case.replied else "—",
                     "是" if c.on_time else ("否" if c.replied else "—"), r.category or "—", _feedback_text(c)))
    return rows


def report_text(fig: Figures, organ: str, today: dt.date) -> dict:
    """The report's words: title and paragraphs by section (shared by .docx and JSON)."""
    d = fig.to_dict()
    g = d["by_group"]
    title = f"{organ}关于{fig.year}年人大代表建议和政协委员提案办理情况的报告"
    opening = (f"{fig.year}年，我单位共承办人大代表建议{d['npc']}件、政协委员提案{d['cppcc']}件，合计{d['cases']}件；"
               f"其中主办（含独办、分办）{g['主办']['cases']}件，协办（会办）{g['协办']['cases']}件。现将办理情况报告如下。")
    overall = (f"截至{chinese_date(today)}，已办复{d['replied']}件，办复率{percent(d['reply_rate'])}；"
               f"按期办复{d['on_time']}件，按期办复率{percent(d['on_time_rate'])}。"
               f"其中主办件办复{g['主办']['replied']}件（按期{g['主办']['on_time']}件），"
               f"协办件按时提出协办意见{g['协办']['on_time']}件。")
    fb = d["feedback"]
    contact = (f"主办件中与代表委员见面沟通{d['met']}件，见面率{percent(d['meeting_rate'])}。"
               f"收回征求意见表{d['feedback_forms']}份，其中满意{fb['满意']}份、基本满意{fb['基本满意']}份、"
               f"不满意{fb['不满意']}份，满意率{percent(d['satisfaction_rate'])}。")
    parts = [f"{k}类{v}件（占{percent(d['class_shares'][k])}）" for k, v in d["classes"].items()]
    classes = "按办理结果分类，" + "、".join(parts) + (f"，尚未分类{d['unclassed']}件" if d["unclassed"] else "") + \
        f"；落实率{percent(d['implementation_rate'])}。"
    return {"title": title, "opening": opening,
            "sections": [("一、办理总体情况", [overall]), ("二、沟通协商和代表委员满意度", [contact]),
                         ("三、办理结果分类", [classes])],
            "tables": [(f"{'四' if i == 0 else '五'}、{g_}件办理情况", _rows(fig, g_)) for i, g_ in enumerate(GROUPS)]}


# -- .docx ---------------------------------------------------------------------------------------


def report_docx(fig: Figures, organ: str, today: dt.date) -> bytes:
    from drafter.render import layout as L
    from drafter.render import letter as RL
    from drafter.render import ooxml as X
    from drafter.render.title import break_title

    words = report_text(fig, organ, today)
    base = RL._base("file")  # the letters' package: styles, page geometry, odd/even page numbers
    root = deepcopy(base.document)
    body = root.find(X.qn("w:body"))
    sect = body.find(X.qn("w:sectPr"))
    out = []
    for line in break_title(words["title"]):
        out.append(X.paragraph(X.ppr(style="GwTitle"), [X.run(line, None)]))
    out.append(X.paragraph(X.ppr(style="GwSalutation"), []))  # 标题下空一行
    out.append(X.paragraph(None, [X.run(words["opening"], None)]))
    for heading, paragraphs in words["sections"]:
        out.append(X.paragraph(X.ppr(style="GwHeading1"), [X.run(heading, None)]))
        out.extend(X.paragraph(None, [X.run(p, None)]) for p in paragraphs)
    for heading, rows in words["tables"]:
        out.append(X.paragraph(X.ppr(style="GwHeading1"), [X.run(heading, None)]))
        if rows:
            out.append(_table(rows, X, L))
        else:
            out.append(X.paragraph(None, [X.run("无。", None)]))
    out.append(X.paragraph(None, []))
    right = L.chars_twips(L.DATE_RIGHT_CHARS)
    for text in (organ, chinese_date(today)):
        out.append(X.paragraph(X.ppr(style="GwSignature", right=right, first_line=0), [X.run(text, None)]))
    for p in out:
        sect.addprevious(p)
    made = {"word/document.xml": X.serialize(root), "docProps/core.xml": RL._core_xml(words["title"], organ, today),
            "docProps/custom.xml": _custom_xml(fig)}
    cached = dict(base.parts)
    parts = [(name, made.get(name) or cached[name]) for name in base.order]
    return X.write_zip(parts, (max(today.year, 1980), today.month, today.day, 0, 0, 0))


def _table(rows, X, L):
    """A bordered table the width of the 版心, 4号仿宋 (the size of the 版记)."""
    width = L.mm_to_twips(L.TYPE_WIDTH_MM)
    widths = [round(width * s) for s in TABLE_SHARES]
    size = L.half_points(L.RECORD_SIZE)
    borders = X.el("w:tblBorders", None, *(X.el(f"w:{side}", {"w:val": "single", "w:sz": 4, "w:space": 0, "w:color": "000000"})
                                         for side in ("top", "left", "bottom", "right", "insideH", "insideV")))
    tbl = X.el("w:tbl", None,
               X.el("w:tblPr", None, X.el("w:tblW", {"w:w": width, "w:type": "dxa"}), X.val("w:jc", "center"),
                    borders, X.el("w:tblLayout", {"w:type": "fixed"})),
               X.el("w:tblGrid", None, *(X.el("w:gridCol", {"w:w": w}) for w in widths)))

    def row(values, header=False):
        tr = X.el("w:tr")
        if header:
            tr.append(X.el("w:trPr", None, X.el("w:tblHeader")))  # repeated on every page
        for text, w in zip(values, widths):
            props = X.rpr(L.FONTS["heiti" if header else "fangsong"], L.LATIN_FONT, size)
            p = X.paragraph(X.ppr(first_line=0, jc="center" if header else "left", line=None, snap_to_grid=False),
                            [X.run(str(text), props)])
            tr.append(X.el("w:tc", None, X.el("w:tcPr", None, X.el("w:tcW", {"w:w": w, "w:type": "dxa"})), p))
        return tr

    tbl.append(row(TABLE_HEADERS, header=True))
    for values in rows:
        tbl.append(row(values))
    return tbl


def _custom_xml(fig: Figures) -> bytes:
    from lxml import etree

    from drafter.render import ooxml as X

    ns = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    root = etree.Element(f"{{{ns}}}Properties", nsmap={None: ns, "vt": vt})
    prop = etree.SubElement(root, f"{{{ns}}}property", fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}",
                            pid="2", name="drafter-report")
    etree.SubElement(prop, f"{{{vt}}}lpwstr").text = str(fig.year)
    return X.serialize(root)


# -- .xlsx -------------------------------------------------------------------------------------


FIGURE_ROWS = [
    ("件数", "cases"), ("人大代表建议", "npc"), ("政协委员提案", "cppcc"),
    ("已办复", "replied"), ("办复率（%）", "reply_rate"), ("按期办复", "on_time"), ("按期办复率（%）", "on_time_rate"),
    ("见面沟通（主办件）", "met"), ("见面率（%）", "meeting_rate"), ("收回征求意见表（份）", "feedback_forms"),
    ("满意率（%）", "satisfaction_rate"), ("落实率（%）", "implementation_rate"),
]


def report_xlsx(fig: Figures) -> bytes:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, PieChart, Reference
    from openpyxl.styles import Font

    d = fig.to_dict()
    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.append(["指标", "数值"])
    for label, key in FIGURE_ROWS:
        ws.append([label, d[key]])
    for g in GROUPS:
        ws.append([f"{g}件数", d["by_group"][g]["cases"]])
        ws.append([f"{g}件按期办复率（%）", d["by_group"][g]["on_time_rate"]])
    for r in d["feedback"]:
        ws.append([f"反馈{r}（份）", d["feedback"][r]])
    ws.column_dimensions["A"].width = 26
    ws["A1"].font = ws["B1"].font = Font(bold=True)

    cls = wb.create_sheet("类别")
    cls.append(["类别", "件数", "占比（%）"])
    for k, v in d["classes"].items():
        cls.append([k, v, d["class_shares"][k]])
    pie = PieChart()
    pie.title = "办理结果分类"
    pie.add_data(Reference(cls, min_col=2, min_row=1, max_row=1 + len(d["classes"])), titles_from_data=True)
    pie.set_categories(Reference(cls, min_col=1, min_row=2, max_row=1 + len(d["classes"])))
    cls.add_chart(pie, "E2")

    mon = wb.create_sheet("按月办复")
    mon.append(["月份", "办复", "按期办复"])
    for m in d["months"]:
        mon.append([f"{m['month']}月", m["replied"], m["on_time"]])
    bar = BarChart()
    bar.type = "col"
    bar.title = f"{fig.year}年按月办复件数"
    bar.y_axis.title = "件"
    bar.add_data(Reference(mon, min_col=2, max_col=3, min_row=1, max_row=13), titles_from_data=True)
    bar.set_categories(Reference(mon, min_col=1, min_row=2, max_row=13))
    mon.add_chart(bar, "E2")

    for g in GROUPS:
        sheet = wb.create_sheet(f"{g}件")
        sheet.append(list(TABLE_HEADERS))
        for values in _rows(fig, g):
            sheet.append(list(values))
        sheet.column_dimensions["B"].width = 40
        sheet.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
