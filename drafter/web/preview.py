"""The HTML A4 preview: the renderer's own page plan, drawn in the browser.

There is one composition. drafter.render.compose.plan_letter builds the letter's paragraphs and
records, for each one, the lines it broke it into; drafter.render.plan.paginate places every
line on its page. The preview draws exactly those lines at those places, reading fonts, sizes,
indents, alignment, tab stops, borders and floating shapes from the WordprocessingML paragraphs
the renderer wrote (and from the renderer's own styles), so the preview and the .docx cannot
disagree about which line is where. Only the glyphs differ: the fonts are whatever the browser
has, so it is labelled a preview. Every piece of draft text is HTML-escaped; nothing is evaluated.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lxml import etree

from drafter.render import layout as L
from drafter.render import measure as M
from drafter.render import ooxml as X
from drafter.text import parse_iso_date

FONT_CLASS = {"fangsong": "fs", "kaiti": "kt", "heiti": "ht", "songti": "st", "xiaobiaosong": "xbs"}
_FAMILY_KEY = {family: key for key, family in L.FONTS.items()}
_W = X.NS["w"]
_WP = X.NS["wp"]
_A = X.NS["a"]


def _q(tag: str) -> str:
    return X.qn(tag)


# -- what is drawn -------------------------------------------------------------------------

@dataclass
class Run:
    text: str
    font: str = "fangsong"
    size: float = L.BODY_SIZE
    bold: bool = False
    color: str | None = None
    spacing: float = 0.0            # pt after every character (w:spacing)


@dataclass
class Line:
    """One printed line of one paragraph, where the renderer's plan put it."""

    page: int                       # 0-based
    top: float                      # pt from the top of the 版心
    height: float                   # pt (the paragraph's exact line height)
    block: str                      # the renderer's name for the paragraph (body, title, copy …)
    pieces: list[tuple[float | None, list[Run]]]   # (x in pt from the 版心 left or None: aligned, runs)
    left: float = 0.0
    right: float = 0.0
    align: str = "left"             # left, right, center, justify

    @property
    def text(self) -> str:
        return "".join(r.text for _, runs in self.pieces for r in runs)


@dataclass
class Sheet:
    pages: int
    lines: list[Line] = field(default_factory=list)
    shapes: list[tuple[int, str]] = field(default_factory=list)    # (page, html), page-absolute
    numbered: set[int] = field(default_factory=set)                  # 0-based pages with a folio


# -- the renderer's styles -------------------------------------------------------------------

@dataclass(frozen=True)
class _Para:
    jc: str
    left: float
    right: float
    first: float                    # first-line offset from `left` (negative: hanging)
    tabs: tuple[tuple[str, float], ...]


@lru_cache(maxsize=1)
def _styles() -> dict[str, etree._Element]:
    """styleId → w:style of the renderer's own styles part (drafter.render.letter)."""
    from drafter.render.letter import _styles as build

    root = X.el("w:styles")
    build(root)
    return {s.get(_q("w:styleId")): s for s in root.findall(_q("w:style"))}


def _ppr_chain(p: etree._Element) -> list[etree._Element]:
    """The paragraph's own pPr, then its style's, then the styles it is based on."""
    chain = []
    own = p.find(_q("w:pPr"))
    if own is not None:
        chain.append(own)
    style_el = own.find(_q("w:pStyle")) if own is not None else None
    style_id = style_el.get(_q("w:val")) if style_el is not None else "Normal"
    seen = set()
    while style_id and style_id not in seen:
        seen.add(style_id)
        style = _styles().get(style_id)
        if style is None:
            break
        ppr = style.find(_q("w:pPr"))
        if ppr is not None:
            chain.append(ppr)
        based = style.find(_q("w:basedOn"))
        style_id = based.get(_q("w:val")) if based is not None else None
    return chain


def _para_props(p: etree._Element) -> _Para:
    jc = None
    ind: dict[str, int] = {}
    tabs: list[tuple[str, float]] = []
    for ppr in _ppr_chain(p):           # nearest first: a value set nearer wins
        j = ppr.find(_q("w:jc"))
        if jc is None and j is not None:
            jc = j.get(_q("w:val"))
        i = ppr.find(_q("w:ind"))
        if i is not None:
            for attr in ("left", "right", "firstLine", "hanging"):
                v = i.get(_q(f"w:{attr}"))
                if v is None:
                    continue
                if attr in ("firstLine", "hanging") and ("firstLine" in ind or "hanging" in ind):
                    continue            # first line and hanging exclude each other: nearest wins
                ind.setdefault(attr, int(v))
        t = ppr.find(_q("w:tabs"))
        if t is not None and not tabs:
            tabs = [(tab.get(_q("w:val")), int(tab.get(_q("w:pos"))) / L.TWIPS_PER_PT) for tab in t]
    first = -ind["hanging"] if "hanging" in ind else ind.get("firstLine", 0)
    return _Para(jc or "left", ind.get("left", 0) / L.TWIPS_PER_PT, ind.get("right", 0) / L.TWIPS_PER_PT,
                 first / L.TWIPS_PER_PT, tuple(sorted(tabs, key=lambda t: t[1])))


def _run_style(rpr: etree._Element | None) -> Run:
    out = Run("")
    if rpr is None:
        return out
    fonts = rpr.find(_q("w:rFonts"))
    if fonts is not None:
        out.font = _FAMILY_KEY.get(fonts.get(_q("w:eastAsia")), "fangsong")
    sz = rpr.find(_q("w:sz"))
    if sz is not None:
        out.size = int(sz.get(_q("w:val"))) / 2
    out.bold = rpr.find(_q("w:b")) is not None
    color = rpr.find(_q("w:color"))
    out.color = color.get(_q("w:val")) if color is not None else None
    spacing = rpr.find(_q("w:spacing"))
    out.spacing = int(spacing.get(_q("w:val"))) / L.TWIPS_PER_PT if spacing is not None else 0.0
    return out


def _chars(p: etree._Element) -> tuple[list[tuple[str, Run]], list[etree._Element]]:
    """Every printed character of a paragraph with its run's look ("\\t" a tab, "\\n" a line
    break), and the floating shapes anchored in it."""
    chars: list[tuple[str, Run]] = []
    shapes: list[etree._Element] = []
    for r in p.iter(_q("w:r")):
        if r.getparent() is not p:
            continue                    # runs inside a text box belong to the shape
        look = _run_style(r.find(_q("w:rPr")))
        for child in r:
            tag = etree.QName(child).localname
            if tag == "t":
                chars += [(ch, look) for ch in child.text or ""]
            elif tag == "noBreakHyphen":
                chars.append(("-", look))
            elif tag == "tab":
                chars.append(("\t", look))
            elif tag == "br":
                chars.append(("\n", look))
            elif tag == "drawing":
                shapes += child.findall(f"{{{_WP}}}anchor")
    return chars, shapes


def _group(chars: list[tuple[str, Run]]) -> list[Run]:
    runs: list[Run] = []
    for ch, look in chars:
        last = runs[-1] if runs else None
        if last and (last.font, last.size, last.bold, last.color, last.spacing) == \
                (look.font, look.size, look.bold, look.color, look.spacing):
            last.text += ch
        else:
            runs.append(Run(ch, look.font, look.size, look.bold, look.color, look.spacing))
    return runs


def _split_lines(chars: list[tuple[str, Run]], texts: list[str] | None, count: int) -> list[list[tuple[str, Run]]]:
    """The paragraph's characters cut into the renderer's lines: at its explicit breaks, else
    into the line texts the renderer recorded (nothing is ever dropped)."""
    if any(ch == "\n" for ch, _ in chars) or texts is None:
        lines: list[list[tuple[str, Run]]] = [[]]
        for ch, look in chars:
            if ch == "\n":
                lines.append([])
            else:
                lines[-1].append((ch, look))
        return lines
    out, pos = [], 0
    for text in texts:
        n = len(text)
        out.append(chars[pos:pos + n])
        pos += n
    if pos < len(chars):
        out[-1] = out[-1] + chars[pos:]
    while len(out) < count:
        out.append([])
    return out


def _pieces(line: list[tuple[str, Run]], props: _Para, x0: float) -> list[tuple[float | None, list[Run]]]:
    """A line without tabs is one piece aligned in its box; with tabs, each piece starts (left
    tab) or ends (right tab) at the paragraph's next tab stop, as Word places them."""
    if not any(ch == "\t" for ch, _ in line):
        return [(None, _group(line))]
    segments: list[list[tuple[str, Run]]] = [[]]
    for ch, look in line:
        if ch == "\t":
            segments.append([])
        else:
            segments[-1].append((ch, look))
    pieces: list[tuple[float | None, list[Run]]] = []
    x = x0
    for k, seg in enumerate(segments):
        runs = _group(seg)
        width = sum(M.width_pt(r.text, r.size, r.spacing) for r in runs)
        if k:
            stop = next((t for t in props.tabs if t[1] > x + 0.01), None)
            if stop is None:
                x = x + L.CHAR_PITCH_PT * 2          # Word's default stops; the renderer sets its own
            elif stop[0] == "right":
                x = stop[1] - width
            else:
                x = stop[1]
        if runs:
            pieces.append((x, runs))
        x += width
    return pieces


def _shape_html(anchor: etree._Element) -> str:
    """A floating shape of the renderer (the 信函式 mark, rules and 类别标记): page-absolute."""
    def offset(axis: str) -> float:
        pos = anchor.find(f"{{{_WP}}}position{axis}/{{{_WP}}}posOffset")
        return int(pos.text) / L.EMU_PER_MM if pos is not None else 0.0

    ext = anchor.find(f"{{{_WP}}}extent")
    x, y = offset("H"), offset("V")
    w_mm = int(ext.get("cx")) / L.EMU_PER_MM
    h_mm = int(ext.get("cy")) / L.EMU_PER_MM
    fill = anchor.find(f".//{{{_A}}}solidFill/{{{_A}}}srgbClr")
    box = anchor.find(f".//{{{_W}}}txbxContent")
    if box is None:
        color = fill.get("val") if fill is not None else "000000"
        return (f'<div class="rule" style="left:{x:.2f}mm;top:{y:.2f}mm;width:{w_mm:.2f}mm;'
                f'height:{h_mm:.3f}mm;background:#{color}"></div>')
    out = []
    for p in box.findall(_q("w:p")):
        chars, _ = _chars(p)
        props = _para_props(p)
        runs = _group([c for c in chars if c[0] not in "\t\n"])
        size = max((r.size for r in runs), default=L.BODY_SIZE)
        style = (f"left:{x:.2f}mm;top:{y:.2f}mm;width:{w_mm:.2f}mm;font-size:{size}pt;line-height:{size}pt;"
                 f"text-align:{_CSS_ALIGN.get(props.jc, 'left')}")
        out.append(f'<div class="abs" style="{style}">{_runs_html(runs)}</div>')
    return "".join(out)


_CSS_ALIGN = {"left": "left", "start": "left", "right": "right", "end": "right", "center": "center",
              "both": "justify", "distribute": "justify"}


def _border(p: etree._Element) -> tuple[float, float, str] | None:
    """(space pt, thickness pt, colour) of the paragraph's bottom border, if it has one."""
    own = p.find(_q("w:pPr"))
    bottom = own.find(f"{_q('w:pBdr')}/{_q('w:bottom')}") if own is not None else None
    if bottom is None:
        return None
    return (int(bottom.get(_q("w:space"), "0")), int(bottom.get(_q("w:sz"), "4")) / 8,
            bottom.get(_q("w:color"), "000000"))


def lay_out(letter, sentences, options=None) -> Sheet:
    """Every line and shape of the letter where the renderer's plan puts it."""
    from drafter.render.compose import CAPACITY, plan_letter
    from drafter.render.plan import paginate

    out, blocks, plan = plan_letter(letter, sentences, options)
    placed = paginate(blocks, CAPACITY)
    sheet = Sheet(pages=placed[-1].end_page + 1 if placed else 1)
    for spot in placed:
        block = spot.block
        p = block.data.get("p")
        if p is None:
            continue                    # the spacer above the 版记, the blank page's paragraph
        props = _para_props(p)
        chars, shapes = _chars(p)
        for anchor in shapes:
            sheet.shapes.append((spot.page, _shape_html(anchor)))
        rows = _split_lines(chars, block.data.get("lines"), block.lines)
        height = block.line / L.TWIPS_PER_PT
        for k, ((page, top), row) in enumerate(zip(spot.lines, rows)):
            left = props.left + (props.first if k == 0 else 0.0)
            align = _CSS_ALIGN.get(props.jc, "left")
            if align == "justify" and k == len(rows) - 1:
                align = "left"          # the last line of a justified paragraph is not stretched
            pieces = _pieces(row, props, left)
            sheet.lines.append(Line(page, top / L.TWIPS_PER_PT, height, block.name, pieces, left, props.right, align))
        border = _border(p)
        if border and spot.lines:
            page, top = spot.lines[-1]
            space, thick, color = border
            y = top / L.TWIPS_PER_PT + height + space
            sheet.shapes.append((page, _rule_html(props.left, y, L.TYPE_WIDTH_PT - props.left - props.right,
                                                   thick, color)))
    # Page numbers as the renderer's footers give them: none on page 1 of 信函式 and plain paper
    # (titlePg), none on the blank page before an even-page 版记 or on that 版记 page (7.5).
    first = 0 if letter.layout == "file" else 1
    last = plan.blank_page - 1 if plan.blank_page else sheet.pages
    sheet.numbered = set(range(first, min(last, sheet.pages)))
    return sheet


def _rule_html(x_pt: float, y_pt: float, w_pt: float, h_pt: float, color: str) -> str:
    """A rule in 版心 coordinates, placed on the page."""
    left = L.MARGIN_LEFT_MM + x_pt / L.PT_PER_MM
    top = L.MARGIN_TOP_MM + y_pt / L.PT_PER_MM
    return (f'<div class="rule" style="left:{left:.2f}mm;top:{top:.2f}mm;width:{w_pt / L.PT_PER_MM:.2f}mm;'
            f'height:{h_pt:.2f}pt;background:#{color}"></div>')


# -- HTML ----------------------------------------------------------------------------------------

def _runs_html(runs: list[Run]) -> str:
    parts = []
    for r in runs:
        cls = FONT_CLASS.get(r.font, "fs") + (" b" if r.bold else "")
        style = f"letter-spacing:{r.spacing:.2f}pt"
        if r.color:
            style += f";color:#{r.color}"
        parts.append(f'<span class="{cls}" style="{style}">{html.escape(r.text)}</span>')
    return "".join(parts)


def _line_html(line: Line, number: int) -> str:
    size = max((r.size for _, runs in line.pieces for r in runs), default=L.BODY_SIZE)
    base = f"top:{line.top:.2f}pt;font-size:{size}pt;line-height:{line.height:.2f}pt"
    out = []
    for x, runs in line.pieces:
        if x is None:
            kind = " just" if line.align == "justify" else ""
            style = f"{base};left:{line.left:.2f}pt;right:{line.right:.2f}pt;text-align:{line.align}"
        else:
            kind = ""
            style = f"{base};left:{x:.2f}pt"
        out.append(f'<div class="ln{kind}" data-line="{number}" data-block="{line.block}" style="{style}">'
                   f'{_runs_html(runs)}</div>')
    return "".join(out)


def sheet_html(sheet: Sheet) -> str:
    area = (f"left:{L.MARGIN_LEFT_MM}mm;top:{L.MARGIN_TOP_MM}mm;width:{L.TYPE_WIDTH_MM}mm;"
            f"height:{L.TYPE_HEIGHT_MM}mm")
    out = []
    for n in range(sheet.pages):
        lines = "".join(_line_html(ln, k) for k, ln in enumerate(sheet.lines) if ln.page == n)
        shapes = "".join(h for p, h in sheet.shapes if p == n)
        number = n + 1
        side = "odd" if number % 2 else "even"
        folio = (f'<div class="page-number {side}">{L.PAGE_NUMBER_DASH} {number} {L.PAGE_NUMBER_DASH}</div>'
                 if n in sheet.numbered else "")
        out.append(f'<div class="page" data-page="{number}">{shapes}'
                   f'<div class="type-area" style="{area}">{lines}</div>{folio}</div>')
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
        sheet = lay_out(letter, sentences, _options(ws))
    except Exception as exc:  # noqa: BLE001 - e.g. the office's own templates are broken
        from drafter.sentences import TemplateProblem

        if isinstance(exc, TemplateProblem):
            return {"blocked": f"暂时无法预览：{exc}"}
        return {"blocked": "暂时无法预览：草稿中还有内容不能排版（如日期、编号的写法），按检查结果改正后会更新"}
    out = sheet_html(sheet)
    for printed, text in stand_ins.items():
        out = out.replace(html.escape(printed), html.escape(text))
    return {"html": out, "pages": sheet.pages}


def _options(ws):
    """The office's [render] settings, as the .docx download uses them."""
    from drafter.render.compose import RenderOptions

    return RenderOptions(record_page=ws.profile.record_page)


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
