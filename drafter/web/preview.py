"""The HTML A4 preview: the letter laid out on the GB/T 9704 grid in the browser.

Every number comes from drafter.render.layout (page, margins, 22 lines × 28 字, line pitch,
sizes, fonts per element, 版头 and 版记 offsets); the title is broken by the renderer's own
title breaker. Lines are broken here on the character grid (CJK 1 字, Latin ½, closing
punctuation never starts a line) and paginated at 22 lines, so the page count and where the
pages turn follow the Word document closely; the fonts are whatever the browser has. It is
labelled a preview: the .docx (and the exact preview through LibreOffice) is the reference.
Every piece of draft text is HTML-escaped; nothing is evaluated.
"""

from __future__ import annotations

import html
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Any

from drafter.render import layout as L
from drafter.render import measure as M
from drafter.text import bold_spans, parse_iso_date

PITCH = L.LINE_PITCH_PT
TYPE_W = L.mm_to_pt(L.TYPE_WIDTH_MM)
TYPE_H = L.mm_to_pt(L.TYPE_HEIGHT_MM)
UNITS = TYPE_W / L.CHAR_PITCH_PT          # 28 字 of body text per line
FONT_CLASS = {"fangsong": "fs", "kaiti": "kt", "heiti": "ht", "songti": "st", "xiaobiaosong": "xbs"}


@dataclass
class Line:
    page: int
    y: float                       # pt from the top of the 版心
    runs: list[tuple[str, str, bool]]   # (text, font, bold)
    size: float = L.BODY_SIZE
    align: str = "left"            # left, right, center, justify
    left: float = 0.0              # pt
    right: float = 0.0
    color: str | None = None
    spacing: bool = True           # the −0.25 pt run spacing of body text
    height: float = PITCH


@dataclass
class Sheet:
    lines: list[Line] = field(default_factory=list)
    shapes: list[tuple[int, str]] = field(default_factory=list)   # (page, html), page-absolute
    page: int = 0
    y: float = 0.0

    def advance(self, before: float, height: float) -> float:
        """Room for one line `before` pt below the cursor; turns the page when it does not fit."""
        if self.y + before + height > TYPE_H + 0.5:
            self.page += 1
            self.y = 0.0
            before = 0.0
        top = self.y + before
        self.y = top + height
        return top


Char = tuple  # (character, bold, font)


def chars_of(text: str, font: str = "fangsong") -> list[Char]:
    return [(ch, bold, font) for piece, bold in bold_spans(text) for ch in piece]


def wrap(chars: list[Char], first_pt: float, rest_pt: float, size: float = L.BODY_SIZE,
         spacing: float = L.CHAR_SPACING_PT) -> list[list[Char]]:
    """The characters of one paragraph cut into its printed lines by the renderer's own line
    breaker (drafter.render.measure: Times New Roman digits, the space between scripts, no
    closing mark at a line start, names held together), with each character's font and bold."""
    text = "".join(c[0] for c in chars)
    lines: list[list[Char]] = []
    pos = 0
    for line in M.wrap(text, first_pt, rest_pt, size, spacing):
        n = len(line.replace(M.WORD_JOINER, "")) if M.WORD_JOINER not in text else len(line)
        lines.append(chars[pos:pos + n])
        pos += n
    if pos < len(chars):  # never lose text, whatever the breaker did
        lines[-1] = lines[-1] + chars[pos:]
    return lines


def _runs(chars: list[Char]) -> list[tuple[str, str, bool]]:
    runs: list[tuple[str, str, bool]] = []
    for ch, bold, font in chars:
        if runs and runs[-1][1] == font and runs[-1][2] == bold:
            runs[-1] = (runs[-1][0] + ch, font, bold)
        else:
            runs.append((ch, font, bold))
    return runs


class Composer:
    def __init__(self, letter, sentences):
        self.letter = letter
        self.s = sentences
        self.sheet = Sheet()
        self.char = L.CHAR_PITCH_PT
        # What the renderer decided about the end of the letter (tighter tail spacing, the tail
        # moved to a new page, the 版记's page): the preview follows the same plan.
        self.plan = _renderer_plan(letter, sentences)
        from drafter.render.compose import SPACINGS

        spacing = SPACINGS[self.plan.spacing] if self.plan else SPACINGS[0]
        self.seal_gap = spacing.seal_gap / L.TWIPS_PER_PT
        self.tail_line = spacing.tail_line / L.TWIPS_PER_PT
        self.record_line = spacing.record_line / L.TWIPS_PER_PT

    # -- flowing paragraphs ------------------------------------------------------------
    def paragraph(self, pieces: list[tuple[str, str]], *, indent: float = L.INDENT_CHARS, before: float = 0.0,
                  align: str = "justify", size: float = L.BODY_SIZE, right: float = 0.0,
                  hanging: float = 0.0, pitch: float = PITCH) -> None:
        """`pieces`: (text, font) in order — a run-in heading is two pieces, one paragraph.
        `indent` (first line) and `hanging` (the lines after it) in 字 of this size."""
        chars = [c for text, font in pieces for c in chars_of(text, font)]
        char_pt = size + L.CHAR_SPACING_PT
        room = TYPE_W - right
        lines = wrap(chars, room - indent * char_pt, room - hanging * char_pt, size)
        for k, line_chars in enumerate(lines):
            top = self.sheet.advance(before if k == 0 else 0.0, pitch)
            last = k == len(lines) - 1
            self.sheet.lines.append(Line(self.sheet.page, top, _runs(line_chars), size,
                                         "left" if align == "justify" and last else align,
                                         (indent if k == 0 else hanging) * char_pt, right, height=pitch))

    def single(self, text: str, *, font: str = "fangsong", size: float = L.BODY_SIZE, align: str = "left",
               before: float = 0.0, left: float = 0.0, right: float = 0.0, color: str | None = None,
               height: float = PITCH, spacing: bool = True) -> float:
        top = self.sheet.advance(before, height)
        self.sheet.lines.append(Line(self.sheet.page, top, [(text, font, False)], size, align, left, right,
                                     color, spacing, height))
        return top

    def rule(self, page: int, x_mm: float, y_mm: float, w_mm: float, h_pt: float, color: str) -> None:
        self.sheet.shapes.append((page, f'<div class="rule" style="left:{x_mm:.2f}mm;top:{y_mm:.2f}mm;'
                                        f'width:{w_mm:.2f}mm;height:{h_pt:.2f}pt;background:#{color}"></div>'))

    # -- 版头 -----------------------------------------------------------------------------
    def file_head(self) -> None:
        Lt = self.letter
        used = 0.0
        if Lt.category:
            self.single(Lt.category, font="heiti", align="right")
            used = PITCH
        size = _mark_size(Lt.mark)
        self.single(Lt.mark, font="xiaobiaosong", size=size, align="center", color=L.RED,
                    before=L.mm_to_pt(L.MARK_TOP_BELOW_TYPE_TOP_MM) - used, height=size, spacing=False)
        one = L.SIGNER_INDENT_CHARS * self.char
        before = L.DOC_NUMBER_LINES_BELOW_MARK * PITCH
        if Lt.signer:
            # 7.2.6: names two a line, wrapped rows aligned with the first name, the 发文字号 on
            # the row of the last name (the renderer's rows and widths)
            from drafter.render.compose import signer_rows

            rows = ["\u3000".join(r) for r in signer_rows(list(Lt.signer))]
            names_w = max(M.width_pt(t, L.BODY_SIZE, L.CHAR_SPACING_PT) for t in rows)
            names_x = TYPE_W - one - names_w
            label = "签发人："
            label_x = names_x - M.width_pt(label, L.BODY_SIZE, L.CHAR_SPACING_PT)
            for k, text in enumerate(rows):
                top = self.sheet.advance(before if k == 0 else 0.0, PITCH)
                if k == 0:
                    self.sheet.lines.append(Line(0, top, [(label, "fangsong", False)], L.BODY_SIZE, "left", label_x, 0))
                self.sheet.lines.append(Line(0, top, [(text, "kaiti", False)], L.BODY_SIZE, "left", names_x, 0))
            self.sheet.lines.append(Line(0, top, [(Lt.doc_number, "fangsong", False)], L.BODY_SIZE, "left", one, 0))
        else:
            top = self.single(Lt.doc_number, align="center", before=before)
        rule_y = top + PITCH + L.mm_to_pt(L.SEPARATOR_BELOW_DOC_NUMBER_MM) - L.SEPARATOR_TEXT_GAP_PT
        self.rule(0, L.MARGIN_LEFT_MM, L.MARGIN_TOP_MM + rule_y / L.PT_PER_MM, L.TYPE_WIDTH_MM,
                  L.SEPARATOR_EIGHTHS / 8, L.RED)

    def letter_head(self, printed: bool) -> None:
        Lt = self.letter
        size = _mark_size(Lt.mark)
        mark_bottom = L.LETTER_MARK_TOP_MM + size / L.PT_PER_MM
        rule_top = mark_bottom + L.LETTER_RULE_BELOW_MARK_MM
        thick, thin, gap = L.LETTER_RULE_THICK_PT, L.LETTER_RULE_THIN_PT, L.LETTER_RULE_GAP_PT
        rule_bottom = rule_top + (thick + gap + thin) / L.PT_PER_MM
        x = L.MARGIN_LEFT_MM + (L.TYPE_WIDTH_MM - L.LETTER_RULE_LENGTH_MM) / 2
        if Lt.category:
            self.sheet.shapes.append((0, _abs_text(Lt.category, "heiti", L.BODY_SIZE, L.MARGIN_LEFT_MM,
                                                   L.LETTER_CATEGORY_TOP_MM, L.TYPE_WIDTH_MM, "right")))
        if printed:
            self.sheet.shapes.append((0, _abs_text(Lt.mark, "xiaobiaosong", size, L.MARGIN_LEFT_MM,
                                                   L.LETTER_MARK_TOP_MM, L.TYPE_WIDTH_MM, "center", L.RED)))
            y = rule_top
            for h in (thick, thin):
                self.rule(0, x, y, L.LETTER_RULE_LENGTH_MM, h, L.RED)
                y += (h + gap) / L.PT_PER_MM
            y = L.PAGE_HEIGHT_MM - L.LETTER_RULE_ABOVE_BOTTOM_MM - (thin + gap + thick) / L.PT_PER_MM
            for h in (thin, thick):
                self.rule(0, x, y, L.LETTER_RULE_LENGTH_MM, h, L.RED)
                y += (h + gap) / L.PT_PER_MM
        anchor = L.LETTER_ANCHOR_LINE_TWIPS / L.TWIPS_PER_PT
        self.sheet.advance(0, anchor)
        before = L.mm_to_pt(rule_bottom + L.LETTER_BELOW_RULE_MM - L.MARGIN_TOP_MM) - anchor
        self.single(Lt.doc_number, align="right", before=max(before, 0))

    # -- 主体 -----------------------------------------------------------------------------
    def title(self) -> None:
        from drafter.render.title import break_title  # the renderer's whole-word title breaks

        for k, line in enumerate(break_title(self.s.title())):
            self.single(line, font="xiaobiaosong", size=L.TITLE_SIZE, align="center", spacing=False,
                        before=L.TITLE_LINES_BELOW_SEPARATOR * PITCH if k == 0 else 0.0)

    def body(self) -> None:
        self.paragraph([(self.s.salutation(), "fangsong")], indent=0, align="left",
                       before=L.SALUTATION_LINES_BELOW_TITLE * PITCH)
        self.paragraph([(self.s.acknowledgement(), "fangsong")])
        for bp in self.letter.paragraphs():
            h = bp.heading
            if h is None:
                self.paragraph([(bp.text or "", "fangsong")])
                continue
            pieces = [(h.marker + h.text, L.HEADING_FONTS[h.level])]
            if bp.text is not None:
                pieces.append((bp.text, "fangsong"))
            self.paragraph(pieces)

    def closing(self) -> None:
        """The tail starts here: 结束语, 附件说明, 署名, 成文日期, 附注 travel together (7.3.5.5)."""
        if self.plan and self.plan.tail_moved and self.sheet.y > 0:
            self.sheet.page += 1
            self.sheet.y = 0.0
        for line in self.s.closing().split("\n"):
            if line.strip():
                self.paragraph([(line.strip(), "fangsong")])

    def attachments(self) -> None:
        names = self.letter.attachments
        for i, name in enumerate(names):
            number = f"{i + 1}." if len(names) > 1 else ""
            text = ("附件：" if i == 0 else "\u3000\u3000\u3000") + number + getattr(name, "title", name)
            self.paragraph([(text, "fangsong")], before=L.ATTACHMENT_GAP_LINES * PITCH if i == 0 else 0.0,
                           align="left")

    def signature(self) -> None:
        from drafter.render.compose import signature_offsets

        organ, date = self.letter.signature.organ, self.s.signature_date()
        organ_right, date_right = signature_offsets(organ, date)  # measured as the renderer does
        if self.plan is None and self.sheet.y + self.seal_gap + 2 * self.tail_line > TYPE_H + 0.5:
            self.sheet.page += 1  # without the renderer's plan: 署名 and 成文日期 at least together
            self.sheet.y = 0.0
        self.single(organ, align="right", right=organ_right, before=self.seal_gap, height=self.tail_line)
        self.single(date, align="right", right=date_right, height=self.tail_line)
        for line in self.s.notes():
            self.paragraph([(line, "fangsong")], align="left", pitch=self.tail_line)

    # -- 版记 -----------------------------------------------------------------------------
    def record(self) -> None:
        layout = self.letter.layout
        ruled = layout == "file" or (layout == "plain" and self.letter.printing is not None)
        copy_line = self.s.copy_line()
        printing = self.s.printing_date() if ruled else None
        if not copy_line and not printing:
            return
        char = L.RECORD_CHAR_PT
        one = L.RECORD_INDENT_CHARS * char
        label = "抄送："
        rows: list[tuple[float, list[Char]]] = []
        if copy_line:
            room = TYPE_W - 2 * one
            hang = M.width_pt(label, L.RECORD_SIZE, L.CHAR_SPACING_PT) / char
            lines = wrap(chars_of(copy_line), room, room - hang * char, L.RECORD_SIZE)
            rows = [(0.0 if k == 0 else hang, line) for k, line in enumerate(lines)]
        pitch = self.record_line
        height = len(rows) * pitch + (pitch if printing else 0.0)
        if self.plan and self.plan.record_page:
            page = max(self.sheet.page, self.plan.record_page - 1)  # the renderer's page (parity, room)
        else:
            page = self.sheet.page + (1 if self.sheet.y + height > TYPE_H + 0.5 else 0)
        self.sheet.page = page
        top = TYPE_H - height
        y = top
        if ruled:
            self.rule(page, L.MARGIN_LEFT_MM, L.MARGIN_TOP_MM + y / L.PT_PER_MM, L.TYPE_WIDTH_MM,
                      L.RECORD_THICK_EIGHTHS / 8, "000000")
        for k, (ind, chars) in enumerate(rows):
            self.sheet.lines.append(Line(page, y, _runs(chars), L.RECORD_SIZE,
                                         "justify" if k < len(rows) - 1 else "left", one + ind * char, one,
                                         height=pitch))
            y += pitch
        if printing:
            if copy_line and ruled:
                self.rule(page, L.MARGIN_LEFT_MM, L.MARGIN_TOP_MM + y / L.PT_PER_MM, L.TYPE_WIDTH_MM,
                          L.RECORD_THIN_EIGHTHS / 8, "000000")
            self.sheet.lines.append(Line(page, y, [(self.letter.printing.organ, "fangsong", False)],
                                         L.RECORD_SIZE, "left", one, one, height=pitch))
            self.sheet.lines.append(Line(page, y, [(printing, "fangsong", False)], L.RECORD_SIZE, "right", one, one,
                                         height=pitch))
            y += pitch
        if ruled:
            self.rule(page, L.MARGIN_LEFT_MM, L.MARGIN_TOP_MM + y / L.PT_PER_MM, L.TYPE_WIDTH_MM,
                      L.RECORD_THICK_EIGHTHS / 8, "000000")

    def compose(self) -> Sheet:
        layout = self.letter.layout
        if layout == "file":
            self.file_head()
        else:
            self.letter_head(printed=layout == "letter")
        self.title()
        self.body()
        self.closing()
        self.attachments()
        self.signature()
        self.record()
        return self.sheet


def _renderer_plan(letter, sentences):
    """The renderer's LetterPlan (drafter.render.compose.plan_letter), or None if it fails."""
    try:
        from drafter.render.compose import plan_letter

        return plan_letter(letter, sentences)[2]
    except Exception:  # noqa: BLE001 - the preview then places the tail by itself
        return None


def _mark_size(mark: str) -> float:
    from drafter.render.letter import mark_size

    return mark_size(mark)


def _abs_text(text: str, font: str, size: float, x_mm: float, y_mm: float, w_mm: float, align: str,
              color: str | None = None) -> str:
    style = f"left:{x_mm:.2f}mm;top:{y_mm:.2f}mm;width:{w_mm:.2f}mm;font-size:{size}pt;line-height:{size}pt;text-align:{align}"
    if color:
        style += f";color:#{color}"
    return f'<div class="abs {FONT_CLASS[font]}" style="{style}">{html.escape(text)}</div>'


def _line_html(line: Line) -> str:
    style = (f"top:{line.y:.2f}pt;left:{line.left:.2f}pt;right:{line.right:.2f}pt;"
             f"font-size:{line.size}pt;line-height:{PITCH:.2f}pt;text-align:{line.align}")
    if line.color:
        style += f";color:#{line.color}"
    if not line.spacing:
        style += ";letter-spacing:0"
    if line.height != PITCH:
        style += f";line-height:{line.height:.2f}pt"
    parts = []
    for text, font, bold in line.runs:
        cls = FONT_CLASS[font] + (" b" if bold else "")
        parts.append(f'<span class="{cls}">{html.escape(text)}</span>')
    kind = " just" if line.align == "justify" else ""
    return f'<div class="ln{kind}" style="{style}">{"".join(parts)}</div>'


def sheet_html(sheet: Sheet, numbered_first: bool = True) -> str:
    pages = max([sheet.page] + [ln.page for ln in sheet.lines] + [p for p, _ in sheet.shapes]) + 1
    out = []
    for n in range(pages):
        lines = "".join(_line_html(ln) for ln in sheet.lines if ln.page == n)
        shapes = "".join(h for p, h in sheet.shapes if p == n)
        number = n + 1
        side = "odd" if number % 2 else "even"
        folio = (f'<div class="page-number {side}">{L.PAGE_NUMBER_DASH} {number} {L.PAGE_NUMBER_DASH}</div>'
                 if numbered_first or number > 1 else "")
        out.append(f'<div class="page" data-page="{number}">{shapes}<div class="type-area">{lines}</div>{folio}</div>')
    return "".join(out)


def preview_html(ws, data: Any, name: str, doc=None) -> dict[str, Any]:
    """{"html", "pages"} or {"blocked": why}; `doc` when the caller has just checked the data."""
    from drafter.web.editing import open_in_memory

    doc = doc or open_in_memory(ws, data, name)
    structural = [f for f in doc.findings if f.severity == "fatal" or (f.severity == "error" and f.code.startswith(("SCH", "IO")))]
    if structural:
        return {"blocked": f"草稿有 {len(structural)} 处结构错误（缺少必填项、类型不对等），改正后预览会更新"}
    letter = doc.letter
    try:
        sentences = doc.sentences if letter is not None else None
        stand_ins: dict[str, str] = {}
        if letter is None:
            # A draft in progress still has rule errors (【待填】, a bad 文号…): the API gives no
            # Letter then, but the clerk wants to see the page while filling it in. A date not yet
            # filled in is laid out as a stand-in date and shown as what the draft says.
            from drafter.model import Letter
            from drafter.sentences import Sentences

            data, stand_ins = _stand_in_dates(doc.data)
            letter = Letter.from_data(data)
            sentences = Sentences(letter, ws.profile.templates_dir)
        sheet = Composer(letter, sentences).compose()
    except Exception as exc:  # noqa: BLE001 - e.g. the office's own templates are broken
        from drafter.sentences import TemplateProblem

        if isinstance(exc, TemplateProblem):
            return {"blocked": f"暂时无法预览：{exc}"}
        return {"blocked": "暂时无法预览：草稿中还有内容不能排版（如日期、编号的写法），按检查结果改正后会更新"}
    # 信函式 and plain paper: no page number on page 1, as the renderer does
    out = sheet_html(sheet, numbered_first=letter.layout == "file")
    for printed, text in stand_ins.items():
        out = out.replace(html.escape(printed), html.escape(text))
    return {"html": out, "pages": max(ln.page for ln in sheet.lines) + 1}


@lru_cache(maxsize=1)
def _date_keys() -> frozenset[str]:
    """Names of the schema's date fields (format: date), wherever they sit."""
    import json

    from drafter.resources import schema_path

    keys: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in (node.get("properties") or {}).items():
                if isinstance(value, dict) and value.get("format") == "date":
                    keys.add(key)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(schema_path().read_text(encoding="utf-8")))
    return frozenset(keys)


def _stand_in_dates(data: Any) -> tuple[Any, dict[str, str]]:
    """A copy of `data` with every date field that is no date yet (【待填…】) set to a stand-in
    date, and {the stand-in as printed: the draft's text} to put back into the page."""
    import copy
    import datetime as dt

    from drafter.text import chinese_date

    data = copy.deepcopy(data)
    found: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in _date_keys() and isinstance(value, str) and parse_iso_date(value) is None:
                    stand_in = dt.date(1900, 1, 1) + dt.timedelta(days=len(found))
                    found[chinese_date(stand_in)] = value
                    node[key] = stand_in.isoformat()
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    return data, found
