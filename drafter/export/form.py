"""The 征求意见表 (满意度测评表) sent with a reply: one A4 page per deputy.

The office's part is filled in from the draft (number, 承办单位, 办理结果类别, 案由, the
deputy's name); the deputy's part is left blank with □ boxes to tick. The table has fixed
column widths (w:tblLayout fixed, a w:gridCol and a w:tcW for every cell) because Word
and WPS otherwise size columns from their content and disagree with each other.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from drafter.model import Letter
from drafter.render import layout as L

BOX = "\u25a1"  # □

# The deputy's part: (label, choices or None for a blank area, blank height in mm).
DEPUTY_ROWS: tuple[tuple[str, tuple[str, ...] | None, float], ...] = (
    ("走访/沟通情况", ("面谈", "电话", "座谈", "实地察看", "走访", "未沟通"), 0),
    ("办理人员态度", ("满意", "基本满意", "不满意"), 0),
    ("答复前听取意见的方式", ("当面", "电话", "座谈", "书面", "未听取"), 0),
    ("答复是否针对建议", ("是", "基本是", "否"), 0),
    ("是否同意办理结果", ("满意", "基本满意", "不满意"), 0),
    ("意见或建议", None, 50),
)

# Column widths of the 156 mm type area: label, value, label, value.
COLUMNS_MM = (38, 40, 36, 42)
FORM_SIZE = L.SIZES["小四"]
TITLE_SIZE = L.SIZES["二号"]
ROW_MIN_MM = 11


@dataclass
class FormOptions:
    reply_within_days: int = 15  # feedback within 15 working days of the reply
    return_to: str | None = None  # who the deputy sends the form back to (default: the organ)


def names_for_forms(letter: Letter) -> list[str]:
    """One form per deputy of the suggestion: the named ones, then a blank name for each
    co-signer the draft counts but does not name."""
    names = list(letter.addressee.deputies)
    total = letter.addressee.count or len(names)
    return names + [""] * max(total - len(names), 0)


def form_docx(letter: Letter, options: FormOptions | None = None) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    options = options or FormOptions()
    doc = Document()
    _page(doc.sections[0], Mm)
    _normal_style(doc, Pt)
    names = names_for_forms(letter) or [""]
    for i, name in enumerate(names):
        title = doc.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.page_break_before = i > 0
        title.paragraph_format.space_after = Pt(12)
        _run(title, f"{letter.member_word}{letter.proposal_word}办理情况征求意见表", "xiaobiaosong", TITLE_SIZE)
        _table(doc, letter, name, Mm, Pt)
        note = doc.add_paragraph()
        note.paragraph_format.space_before = Pt(6)
        note.paragraph_format.first_line_indent = Pt(2 * L.SIZES["小四"])
        back = options.return_to or letter.organ
        contact = "；".join(f"联系人：{c.name}，电话：{'、'.join(c.phones)}" for c in letter.contacts)
        _run(note, f"请在收到答复之日起{options.reply_within_days}个工作日内填写，寄回或交{back}。"
                   + (contact + "。" if contact else ""), "fangsong", L.SIZES["小四"])
    out = io.BytesIO()
    doc.core_properties.title = f"{letter.proposal.session}第{letter.proposal.number}号{letter.proposal_word}征求意见表"
    doc.core_properties.author = letter.organ
    doc.save(out)
    return out.getvalue()


def _page(section, Mm) -> None:
    section.page_width, section.page_height = Mm(L.PAGE_WIDTH_MM), Mm(L.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(L.MARGIN_TOP_MM), Mm(L.MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(L.MARGIN_LEFT_MM), Mm(L.MARGIN_RIGHT_MM)


def _normal_style(doc, Pt) -> None:
    style = doc.styles["Normal"]
    style.font.size = Pt(FORM_SIZE)
    _east_asia(style.element.get_or_add_rPr(), L.FONTS["fangsong"])
    style.paragraph_format.space_after = Pt(0)


def _east_asia(rpr, face: str) -> None:
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:eastAsia"), face)
    fonts.set(qn("w:ascii"), L.LATIN_FONT)
    fonts.set(qn("w:hAnsi"), L.LATIN_FONT)


def _run(paragraph, text: str, font: str, size: float, bold: bool = False):
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    _east_asia(run._element.get_or_add_rPr(), L.FONTS[font])
    return run


def _table(doc, letter: Letter, name: str, Mm, Pt) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
    from docx.oxml.ns import qn

    office_rows = 5
    rows = office_rows + len(DEPUTY_ROWS) + 1  # office part, deputy part, signature
    table = doc.add_table(rows=rows, cols=len(COLUMNS_MM))
    table.style = doc.styles["Table Grid"]
    table.autofit = False  # w:tblLayout type="fixed"
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), COLUMNS_MM):
        col.set(qn("w:w"), str(L.mm_to_twips(width)))
    word = letter.proposal_word
    member = letter.member_word
    office = [
        [(f"{word}号", True), (f"第{letter.proposal.number}号", False), ("承办单位", True), (letter.organ, False)],
        [(f"{member}姓名", True), (name, False), ("办理结果类别", True),
         (f"{letter.category}类" if letter.category else "", False)],
        [("届次", True), (letter.proposal.session, False)],
        [("案由", True), (letter.proposal.title, False)],
        [(f"以下由{member}填写", True)],
    ]
    assert len(office) == office_rows
    for r, cells in enumerate(office):
        _fill(table, r, cells, Mm)
    for k, (label, choices, height) in enumerate(DEPUTY_ROWS):
        r = len(office) + k
        value = "　".join(BOX + c for c in choices) if choices else ""
        _fill(table, r, [(label, True), (value, False)], Mm)
        if height:
            table.rows[r].height = Mm(height)
            table.rows[r].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    signature = rows - 1
    _fill(table, signature, [(f"{member}签名：" + "　" * 8 + "日期：　　　　年　　月　　日", False)], Mm)
    for r in range(rows):
        row = table.rows[r]
        if row.height is None:
            row.height = Mm(ROW_MIN_MM)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    # the opinion area reads from the top
    table.rows[len(office) + len(DEPUTY_ROWS) - 1].cells[1].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP


def _fill(table, r: int, cells: list[tuple[str, bool]], Mm) -> None:
    """Write a row's cells left to right; the last cell spans the columns that remain."""
    row = table.rows[r]
    col = 0
    for k, (text, is_label) in enumerate(cells):
        span = len(COLUMNS_MM) - col if k == len(cells) - 1 else 1
        cell = row.cells[col]
        if span > 1:
            cell = cell.merge(row.cells[col + span - 1])
        width = sum(COLUMNS_MM[col:col + span])
        cell.width = Mm(width)
        p = cell.paragraphs[0]
        _run(p, text, "heiti" if is_label else "fangsong", FORM_SIZE)
        col += span
    # cells merged away keep their tcW consistent with the grid
    for c in row.cells:
        if c.width is None:
            c.width = Mm(COLUMNS_MM[0])
