"""GB/T 9704-2012 layout checks on a read .docx: page, fonts, spacing, page numbers, letterhead.

Each check reports at most one finding per problem class for the whole document, with a
count and the first paragraph concerned, so that a letter made in another program gives
a short, readable list rather than one line per paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from drafter.limits import parse_xml

from drafter.docxcheck.reader import (
    NAMED,
    ParaInfo,
    Span,
    Styles,
    is_red,
    read_paragraph,
    red_line_in,
    text_box_paragraphs,
    w,
)
from drafter.findings import ERROR, WARNING, Finding
from drafter.grammar import BRACKET_CLOSE, BRACKET_OPEN, heading_marker
from drafter.render import layout as L

# -- expected values ------------------------------------------------------------------------------
# The standard's numbers come from drafter.render.layout; the tolerances and the accepted
# font-name variants below are the checker's own (proposed additions to layout.py).
TWIPS_PER_MM = L.TWIPS_PER_PT * L.PT_PER_MM
EMU_PER_MM = L.EMU_PER_MM

# 宋体 must not match 仿宋 / 小标宋 / 中宋 names that also contain "宋".
_NOT_SONGTI = ("仿宋", "fangsong", "小标宋", "xiaobiaosong", "中宋", "zhongsong")


def in_family(name: str, family: str) -> bool:
    key = re.sub(r"[\s_\-]", "", name).lower()
    if family == "songti" and any(x in key for x in _NOT_SONGTI):
        return False
    return any(frag.lower() in key for frag in L.FONT_FAMILIES[family])


def family_text(family: str) -> str:
    """"仿宋" or "小标宋（方正小标宋简体）": the family and the name the renderer writes."""
    label, name = L.FAMILY_LABEL[family], L.FONTS[family]
    return label if name == label else f"{label}（{name}）"


def font_ok(span: Span, family: str) -> bool:
    ref = span.props.east_asia
    return ref.kind == NAMED and in_family(ref.name, family)


# -- text classes ----------------------------------------------------------------------------------

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_DOC_NUMBER = re.compile(rf"{BRACKET_OPEN}\s*\d{{4}}\s*{BRACKET_CLOSE}\s*\d+\s*号")
_DATE = re.compile(r"^\s*(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d〇○零一二三四五六七八九十]{1,2}\s*月"
                   r"\s*[\d〇○零一二三四五六七八九十]{1,3}\s*日\s*$")
_NOT_MARK = re.compile(r"^(\s*(分类|类别|办理结果)?[：:]?\s*[（(]?[A-DＡ-Ｄa-d甲乙丙丁][）)]?类?\s*$|\s*\d{1,6}\s*$"
                       r"|.*(签发人|秘密|机密|绝密|特急|加急))")


def heading_level(text: str) -> int:
    t = text.lstrip(" \u3000\t")
    marker = heading_marker(t)
    return marker[0] if marker else 0


def heading_end(text: str) -> int:
    """Length of the heading part of a heading paragraph (run-in headings end at "。")."""
    i = text.find("。")
    return len(text) if i < 0 else i + 1


def cjk_count(text: str) -> int:
    return len(_CJK.findall(text))


@dataclass
class Layout:
    """Where things are in the document (indexes into `paras`, 0-based)."""

    paras: list[ParaInfo]
    title: list[int] = field(default_factory=list)
    salutation: int | None = None
    body: list[int] = field(default_factory=list)  # between salutation and signature
    attachments: list[int] = field(default_factory=list)  # 附件说明: "附件：1.名称", "2.名称" …
    signature: list[int] = field(default_factory=list)
    top_end: int = 0  # paragraphs [0, top_end) are the letterhead area


def classify(paras: list[ParaInfo]) -> Layout:
    lay = Layout(paras)
    n = len(paras)
    # 主送: the first short line ending in a colon that is not a heading or centred.
    for i, p in enumerate(paras):
        t = p.text.strip()
        if t and t[-1] in "：:" and (len(t) <= 60 or _name_list(t)) and p.jc != "center" and not heading_level(t) \
                and not t.startswith(("附件", "抄送", "主送")):
            lay.salutation = i
            break
    limit = lay.salutation if lay.salutation is not None else n

    def title_like(p: ParaInfo) -> bool:
        t = p.text.strip()
        if not t or _DOC_NUMBER.search(t) or _all_red(p) or _NOT_MARK.match(t) or heading_level(t):
            return False
        return p.jc == "center" and (p.max_size() >= 18 or "答复" in t or "的函" in t)

    cands = [i for i in range(limit) if title_like(paras[i])]
    if not cands:  # a title typed flush left: the first line naming the reply
        cands = [i for i in range(limit) if ("答复" in paras[i].text or "的函" in paras[i].text)
                 and not paras[i].text.strip().endswith(("：", ":")) and len(paras[i].text.strip()) <= 80]
        cands = cands[:1]
    if cands:
        last = cands[-1]
        lines = [last]
        while lines[0] - 1 in cands and abs(paras[lines[0] - 1].max_size() - paras[last].max_size()) < 0.5:
            lines.insert(0, lines[0] - 1)
        lay.title = lines
        lay.top_end = lines[0]
    else:
        lay.top_end = min(limit, 12)
    start = (lay.salutation + 1) if lay.salutation is not None else (lay.title[-1] + 1 if lay.title else 0)
    # 署名 and 成文日期: the last date line, and the short line right above it.
    end = n
    # the 版记 starts at 抄送, 印发, or a 主送 moved there (7.4.2)
    stop = next((i for i in range(start, n) if paras[i].text.strip().startswith(("抄送", "印发", "主送"))), n)
    date = next((i for i in range(stop - 1, start - 1, -1) if _DATE.match(paras[i].text)), None)
    if date is not None:
        end = date
        lay.signature = [date]
        j = date - 1
        while j >= start and not paras[j].text.strip():
            j -= 1
        if j >= start and _signature_line(paras[j]):
            lay.signature.insert(0, j)
            end = j
    else:
        end = stop
    lay.body = [i for i in range(start, end) if paras[i].text.strip()]
    # 附件说明 above the signature: "附件：…" and the numbered lines after it (hanging indents).
    first = next((k for k, i in enumerate(lay.body) if _ATTACHMENT_LABEL.match(paras[lay.body[k]].text)), None)
    if first is not None:
        k = first + 1
        while k < len(lay.body) and _ATTACHMENT_ITEM.match(paras[lay.body[k]].text):
            k += 1
        if k == len(lay.body):  # only when nothing but the block follows it
            lay.attachments = lay.body[first:]
            lay.body = lay.body[:first]
    return lay


def _name_list(text: str) -> bool:
    """A long 主送 (7.3.2 lets it wrap): names joined by 、 or ， with no sentence in it."""
    names = re.split(r"[、，,]", text.rstrip("：:"))
    return len(names) > 3 and not re.search(r"[。；《“]", text) and all(0 < len(n) <= 30 for n in names)


_ATTACHMENT_LABEL = re.compile(r"^[\s\u3000]*附\s*件\s*[:：]")
_ATTACHMENT_ITEM = re.compile(r"^[\s\u3000]*\d{1,2}\s*[.．、]\s*\S")


def _signature_line(p: ParaInfo) -> bool:
    t = re.sub(r"\s+", "", p.text)
    return len(t) <= 64 and not t.endswith(("。", "！", "；")) and (
        p.jc in ("right", "center") or (p.first_line_twips or 0) > 2000 or t.startswith(("\u3000" * 4, " " * 8))
        or _left_indent(p) > 2000)


def _left_indent(p: ParaInfo) -> int:
    ind = p.element.find(f"{w('pPr')}/{w('ind')}")
    if ind is None:
        return 0
    v = ind.get(w("left")) or ind.get(w("start")) or "0"
    try:
        return int(float(v))
    except ValueError:
        return 0


def _all_red(p: ParaInfo) -> bool:
    spans = [s for s in p.spans if s.text.strip()]
    return bool(spans) and all(is_red(s.props.color) for s in spans)


# -- findings helpers ------------------------------------------------------------------------------


class Report:
    def __init__(self, name: str):
        self.name = name
        self.findings: list[Finding] = []

    def add(self, line: int | None, fld: str, code: str, severity: str, message: str) -> None:
        self.findings.append(Finding(self.name, line, None, fld, code, severity, message))


class Tally:
    """Paragraphs failing one check, with the measured values seen."""

    def __init__(self):
        self.paras: list[int] = []
        self.values: Counter = Counter()

    def hit(self, para: ParaInfo, value: str, weight: int = 1) -> None:
        if para.index not in self.paras:
            self.paras.append(para.index)
        self.values[value] += weight

    def __bool__(self) -> bool:
        return bool(self.paras)

    @property
    def first(self) -> int | None:
        return min(self.paras) if self.paras else None

    def measured(self) -> str:
        vals = [v for v, _ in self.values.most_common(3)]
        return "、".join(vals)


def _pt(v: float) -> str:
    return f"{v:g}"


def _size_name(pt: float) -> str:
    for name, size in L.SIZES.items():
        if abs(size - pt) < L.SIZE_TOLERANCE_PT:
            return f"{_pt(pt)} 磅（{name}）"
    return f"{_pt(pt)} 磅"


# -- page setup --------------------------------------------------------------------------------------


def check_page(doc, rep: Report) -> None:
    size_bad: list[str] = []
    margin_bad: list[str] = []
    for sect in _sect_prs(doc):
        pg = sect.find(w("pgSz"))
        wd = _int(pg, "w") if pg is not None else None
        ht = _int(pg, "h") if pg is not None else None
        if wd is None or ht is None:
            size_bad.append("未设置纸张大小")
        else:
            wmm, hmm = sorted((wd / TWIPS_PER_MM, ht / TWIPS_PER_MM))
            if abs(wmm - L.PAGE_WIDTH_MM) > L.PAGE_TOLERANCE_MM or abs(hmm - L.PAGE_HEIGHT_MM) > L.PAGE_TOLERANCE_MM:
                size_bad.append(f"{wmm:.1f}×{hmm:.1f} mm")
        mar = sect.find(w("pgMar"))
        gutter = (_int(mar, "gutter") or 0) if mar is not None else 0
        expect = (("上", "top", L.MARGIN_TOP_MM), ("下", "bottom", L.MARGIN_BOTTOM_MM),
                  ("左", "left", L.MARGIN_LEFT_MM), ("右", "right", L.MARGIN_RIGHT_MM))
        for label, attr, mm in expect:
            v = _int(mar, attr) if mar is not None else None
            if v is None:
                got = None
            else:
                got = abs(v) + (gutter if attr == "left" else 0)
            if got is None:
                margin_bad.append(f"{label}未设置（应为 {mm}）")
            elif abs(got / TWIPS_PER_MM - mm) > L.MARGIN_TOLERANCE_MM:
                margin_bad.append(f"{label} {got / TWIPS_PER_MM:.1f} mm（应为 {mm}）")
    if size_bad:
        rep.add(None, "页面设置", "GB101", ERROR,
                f"纸张大小为 {_uniq(size_bad)}，应为 A4（{L.PAGE_WIDTH_MM}×{L.PAGE_HEIGHT_MM} mm）")
    if margin_bad:
        rep.add(None, "页面设置", "GB102", ERROR,
                f"页边距不符：{_uniq(margin_bad)}（单位 mm，允许 ±{L.MARGIN_TOLERANCE_MM:g} mm）")


def _uniq(items: list[str]) -> str:
    return "、".join(dict.fromkeys(items))


def _int(e, attr: str) -> int | None:
    if e is None:
        return None
    v = e.get(w(attr))
    try:
        return int(float(v)) if v is not None else None
    except ValueError:
        return None


def _sect_prs(doc) -> list[etree._Element]:
    body = doc.element.body
    out = [p.find(f"{w('pPr')}/{w('sectPr')}") for p in body.iter(w("p"))]
    out = [s for s in out if s is not None]
    last = body.find(w("sectPr"))
    if last is not None:
        out.append(last)
    return out or [etree.Element(w("sectPr"))]


def section_of(doc) -> dict[int, etree._Element]:
    """Body paragraph element id → the sectPr that governs it."""
    sects = _sect_prs(doc)
    mapping: dict[int, etree._Element] = {}
    pending: list[etree._Element] = []
    for p in (e for e in doc.element.body if e.tag == w("p")):
        pending.append(p)
        own = p.find(f"{w('pPr')}/{w('sectPr')}")
        if own is not None:
            for q in pending:
                mapping[id(q)] = own
            pending = []
    for q in pending:
        mapping[id(q)] = sects[-1]
    return mapping


# -- text: fonts, sizes, spacing, indent --------------------------------------------------------------


def check_text(lay: Layout, sections: dict[int, etree._Element], rep: Report) -> None:
    paras = lay.paras
    body_font, body_size, spacing, indent = Tally(), Tally(), Tally(), Tally()
    head_font = {1: Tally(), 2: Tally(), 3: Tally()}
    families = {lv: L.HEADING_FONTS[lv] for lv in (1, 2, 3, 4)}
    body_family = "fangsong"

    def font_tally(p: ParaInfo, spans: list[Span], family: str, tally: Tally) -> None:
        bad = Counter()
        for s in spans:
            n = cjk_count(s.text)
            if n and not font_ok(s, family):
                bad[s.props.east_asia.label()] += n
        if bad:
            label, n = bad.most_common(1)[0]
            tally.hit(p, label, n)

    def size_tally(p: ParaInfo, spans: list[Span], size: float, tally: Tally) -> None:
        bad = Counter()
        for s in spans:
            n = len(s.text.strip())
            if n and abs(s.props.size_pt - size) > L.SIZE_TOLERANCE_PT:
                bad[_size_name(s.props.size_pt)] += n
        if bad:
            label, n = bad.most_common(1)[0]
            tally.hit(p, label, n)

    # 主送 and 署名/日期 are 3号仿宋 like the body (5.2.2) but keep their own placement.
    # So does the 附件说明, whose hanging indents are no first-line indent.
    framing = ([lay.salutation] if lay.salutation is not None else []) + lay.signature + lay.attachments
    for i in framing:
        p = paras[i]
        font_tally(p, p.spans, body_family, body_font)
        size_tally(p, p.spans, L.BODY_SIZE, body_size)
    for i in lay.body:
        p = paras[i]
        level = heading_level(p.text)
        if level:
            head, rest = _split(p.spans, _heading_font_end(p, families[level]) or heading_end(p.text))
            font_tally(p, head, families[level], head_font[min(level, 3)])
            font_tally(p, rest, body_family, body_font)
        else:
            font_tally(p, p.spans, body_family, body_font)
        size_tally(p, p.spans, L.BODY_SIZE, body_size)
        ok, desc = _spacing_ok(p, sections.get(id(p.element)))
        if not ok:
            spacing.hit(p, desc)
        ok, desc = _indent_ok(p)
        if not ok:
            indent.hit(p, desc)

    if body_font:
        rep.add(body_font.first, "正文", "GB111", ERROR,
                f"正文有 {len(body_font.paras)} 段东亚字体为 {body_font.measured()}，应为{family_text(body_family)}")
    if body_size:
        rep.add(body_size.first, "正文", "GB112", ERROR,
                f"正文有 {len(body_size.paras)} 段字号为 {body_size.measured()}，应为三号（{_pt(L.BODY_SIZE)} 磅）")
    for level, code, fld in ((1, "GB114", "一级标题"), (2, "GB115", "二级标题"), (3, "GB116", "三、四级标题")):
        t = head_font[level]
        if t:
            fam = families[level]
            rep.add(t.first, fld, code, WARNING,
                    f"{fld}有 {len(t.paras)} 处字体为 {t.measured()}，应为{family_text(fam)}")
    if spacing:
        rep.add(spacing.first, "正文", "GB121", WARNING,
                f"正文有 {len(spacing.paras)} 段行距为 {spacing.measured()}，应为固定值 "
                f"{_pt(L.LINE_SPACING_MIN_PT)}–{_pt(L.LINE_SPACING_MAX_PT)} 磅或每页 {L.LINES_PER_PAGE} 行的文档网格")
    if indent:
        rep.add(indent.first, "正文", "GB122", WARNING,
                f"正文有 {len(indent.paras)} 段首行缩进为 {indent.measured()}，应为首行缩进 {L.INDENT_CHARS} 字")

    check_title(lay, rep)


def _heading_font_end(p: ParaInfo, family: str) -> int | None:
    """Where a run-in heading in its own font (黑体/楷体) gives way to 仿宋 body text: the
    heading need not end with "。". None when the paragraph is not set that way."""
    if family == "fangsong":
        return None
    pos, cut, seen = 0, None, False
    for s in p.spans:
        if s.text.strip():
            if cut is None and font_ok(s, family):
                seen = True
            elif cut is None:
                if not seen or not font_ok(s, "fangsong"):
                    return None
                cut = pos
            elif not font_ok(s, "fangsong"):
                return None
        pos += len(s.text)
    return cut


def _split(spans: list[Span], cut: int) -> tuple[list[Span], list[Span]]:
    """Spans before and after character offset `cut` of the paragraph text."""
    head, rest, pos = [], [], 0
    for s in spans:
        end = pos + len(s.text)
        if end <= cut:
            head.append(s)
        elif pos >= cut:
            rest.append(s)
        else:
            k = cut - pos
            head.append(Span(s.text[:k], s.props, s.in_field))
            rest.append(Span(s.text[k:], s.props, s.in_field))
        pos = end
    return head, rest


def _spacing_ok(p: ParaInfo, sect: etree._Element | None) -> tuple[bool, str]:
    rule, line = p.line_rule, p.line
    if rule == "exact" and line is not None:
        pt = line / L.TWIPS_PER_PT
        if L.LINE_SPACING_MIN_PT - 0.01 <= pt <= L.LINE_SPACING_MAX_PT + 0.01:
            return True, ""
        desc = f"固定值 {_pt(round(pt, 2))} 磅"
    elif rule == "atLeast" and line is not None:
        desc = f"最小值 {_pt(round(line / L.TWIPS_PER_PT, 2))} 磅"
    else:
        factor = (line if line is not None else 240) / 240
        desc = "单倍行距" if abs(factor - 1) < 0.01 else f"{factor:.2f}".rstrip("0").rstrip(".") + " 倍行距"
    # A line grid of 22 lines per page: auto/at-least lines that fit one grid cell snap to it.
    pitch, lines = _grid(sect)
    if pitch and p.snap_to_grid and rule != "exact":
        size = max((s.props.size_pt for s in p.spans if s.text.strip()), default=L.BODY_SIZE)
        if rule == "atLeast":
            fits = (line or 0) / L.TWIPS_PER_PT <= pitch
        else:
            fits = (line if line is not None else 240) / 240 * size * L.AUTO_LINE_EM <= pitch
        if lines == L.LINES_PER_PAGE and fits:
            return True, ""
        desc += f"（文档网格每页 {lines} 行）"
    elif rule != "exact":
        desc += "（无行网格）"
    return False, desc


def _grid(sect: etree._Element | None) -> tuple[float | None, int | None]:
    """(pitch in pt, lines per page) of a line grid, or (None, None)."""
    if sect is None:
        return None, None
    g = sect.find(w("docGrid"))
    if g is None or g.get(w("type")) not in ("lines", "linesAndChars", "snapToChars"):
        return None, None
    pitch = _int(g, "linePitch")
    pg, mar = sect.find(w("pgSz")), sect.find(w("pgMar"))
    h = _int(pg, "h")
    top, bottom = _int(mar, "top"), _int(mar, "bottom")
    if not pitch or h is None or top is None or bottom is None:
        return None, None
    return pitch / L.TWIPS_PER_PT, int((h - abs(top) - abs(bottom)) / pitch + 0.05)


def _indent_ok(p: ParaInfo) -> tuple[bool, str]:
    if p.text.startswith("\u3000\u3000") or p.text.startswith("    "):
        return True, ""  # indented with two full-width spaces: looks the same on paper
    size = max((s.props.size_pt for s in p.spans if s.text.strip()), default=L.BODY_SIZE)
    if p.first_line_chars:
        chars = p.first_line_chars / 100
        if abs(chars - L.INDENT_CHARS) <= L.INDENT_CHARS_TOLERANCE:
            return True, ""
        return False, f"{chars:g} 字"
    tw = p.first_line_twips or 0
    want = L.INDENT_CHARS * size * L.TWIPS_PER_PT
    if abs(tw - want) <= TWIPS_PER_MM * 1.0:
        return True, ""
    if tw == 0:
        return False, "无"
    return False, f"{tw / TWIPS_PER_MM:.1f} mm（约 {tw / L.TWIPS_PER_PT / size:.1f} 字）"


def check_title(lay: Layout, rep: Report) -> None:
    if not lay.title:
        return
    spans = [s for i in lay.title for s in lay.paras[i].spans if s.text.strip()]
    problems = []
    sizes = Counter(_size_name(s.props.size_pt) for s in spans if abs(s.props.size_pt - L.TITLE_SIZE) > L.SIZE_TOLERANCE_PT)
    if sizes:
        problems.append(f"字号为 {sizes.most_common(1)[0][0]}，应为二号（{_pt(L.TITLE_SIZE)} 磅）")
    fonts = Counter()
    for s in spans:
        if cjk_count(s.text) and not font_ok(s, "xiaobiaosong"):
            fonts[s.props.east_asia.label()] += cjk_count(s.text)
    if fonts:
        problems.append(f"字体为 {fonts.most_common(1)[0][0]}，应为{family_text('xiaobiaosong')}")
    if problems:
        rep.add(lay.paras[lay.title[0]].index, "标题", "GB113", WARNING, "标题" + "；".join(problems))


# -- page numbers --------------------------------------------------------------------------------------

_PAGE_FIELD = re.compile(r"^\s*PAGE\b", re.I)


def _is_page(instr: str) -> bool:
    return bool(_PAGE_FIELD.match(instr[6:] if instr.startswith("instr:") else instr))


def footer_paragraphs(doc, styles: Styles) -> dict[str, list[list[ParaInfo]]]:
    """Per section, the paragraphs of the default ("odd") and even footers, inherited as Word does."""
    seen: dict[str, list[list[ParaInfo]]] = {"default": [], "even": []}
    current: dict[str, str | None] = {"default": None, "even": None}
    for sect in _sect_prs(doc):
        for ref in sect.findall(w("footerReference")):
            kind = ref.get(w("type"), "default")
            if kind in current:
                current[kind] = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        for kind in seen:
            rid = current[kind]
            part = doc.part.related_parts.get(rid) if rid else None
            if part is None:
                seen[kind].append([])
                continue
            try:
                root = part.element if hasattr(part, "element") else parse_xml(part.blob)
            except Exception:
                seen[kind].append([])
                continue
            seen[kind].append([read_paragraph(styles, p) for p in root.iter(w("p"))])
    return seen


def check_page_numbers(doc, styles: Styles, rep: Report) -> None:
    footers = footer_paragraphs(doc, styles)
    try:
        even_odd = bool(doc.settings.odd_and_even_pages_header_footer)
    except Exception:
        even_odd = False

    def page_para(paras: list[ParaInfo]) -> ParaInfo | None:
        return next((p for p in paras if any(_is_page(s.in_field) for s in p.spans)), None)

    odd = [page_para(ps) for ps in footers["default"]]
    even = [page_para(ps) for ps in footers["even"]]
    # 7.5: a blank page before the 版记 page and the 版记 page itself carry no number, so a last
    # section without any (after numbered ones) is the 版记's, not a missing page number.
    while len(odd) > 1 and odd[-1] is None and (len(even) < len(odd) or even[len(odd) - 1] is None):
        odd.pop()
        del even[len(odd):]
    missing = []
    if not odd or any(p is None for p in odd):
        missing.append("页脚" if not even_odd else "奇数页页脚")
    if even_odd and (not even or any(p is None for p in even)):
        missing.append("偶数页页脚")
    if missing:
        rep.add(None, "页脚", "GB131", WARNING, f"{'、'.join(missing)}没有页码（PAGE 域）")
    numbered = [p for p in odd + (even if even_odd else []) if p is not None]
    if not numbered:
        return
    if not even_odd:
        rep.add(None, "页脚", "GB132", WARNING, "未设置奇偶页不同页脚，页码应单页居右、双页居左")
    else:
        wrong = []
        if any(p is not None and p.jc != "right" for p in odd):
            got = next(p.jc for p in odd if p is not None and p.jc != "right")
            wrong.append(f"奇数页页码{_align(got)}，应居右")
        if any(p is not None and p.jc not in ("left", "both", "distribute") for p in even):
            got = next(p.jc for p in even if p is not None and p.jc not in ("left", "both", "distribute"))
            wrong.append(f"偶数页页码{_align(got)}，应居左")
        if wrong:
            rep.add(None, "页脚", "GB132", WARNING, "；".join(wrong))
    problems = []
    for p in numbered:
        shown = _page_text(p)
        if not re.fullmatch(rf"{L.PAGE_NUMBER_DASH}\s?N\s?{L.PAGE_NUMBER_DASH}", shown):
            problems.append(f"页码显示为“{shown.replace('N', '1')}”，应为“{L.PAGE_NUMBER_DASH} 1 {L.PAGE_NUMBER_DASH}”（两侧为一字线）")
            break
    for p in numbered:
        spans = [s for s in p.spans if s.text.strip() or s.in_field.startswith("instr:")]
        sizes = Counter(_size_name(s.props.size_pt) for s in spans
                        if abs(s.props.size_pt - L.PAGE_NUMBER_SIZE) > L.SIZE_TOLERANCE_PT)
        if sizes:
            problems.append(f"页码字号为 {sizes.most_common(1)[0][0]}，应为四号（{_pt(L.PAGE_NUMBER_SIZE)} 磅）")
            break
    for p in numbered:
        spans = [s for s in p.spans if s.text.strip()] or [s for s in p.spans if s.in_field]
        bad = [s for s in spans if not _songti(s)]
        if bad:
            problems.append(f"页码字体为 {bad[0].props.east_asia.label()}，应为宋体")
            break
    if problems:
        rep.add(None, "页脚", "GB133", WARNING, "；".join(dict.fromkeys(problems)))


def _songti(s: Span) -> bool:
    for ref in (s.props.east_asia, s.props.ascii):
        if ref.kind == NAMED and in_family(ref.name, "songti"):
            return True
    return False


def _align(jc: str) -> str:
    return {"left": "居左", "center": "居中", "right": "居右", "both": "两端对齐"}.get(jc, f"对齐方式为 {jc}")


def _page_text(p: ParaInfo) -> str:
    out: list[str] = []
    for s in p.spans:
        if _is_page(s.in_field):
            if not out or out[-1] != "N":
                out.append("N")
        elif s.text:
            out.append(s.text)
    return "".join(out).strip(" \u3000\t\u00a0")


# -- letterhead --------------------------------------------------------------------------------------


def check_letterhead(doc, styles: Styles, lay: Layout, rep: Report, meta: dict | None = None) -> None:
    """GB141 red rule under the letterhead, GB142 red 发文机关标志. A letter drafter rendered
    in the plain layout (its metadata says so) that has no letterhead is left alone."""
    body = [e for e in doc.element.body if isinstance(e.tag, str) and e.tag != w("sectPr")]
    # The area above the title: top-level elements up to the title's paragraph.
    stop_el = lay.paras[lay.top_end].element if lay.top_end < len(lay.paras) else None
    area: list[etree._Element] = []
    for e in body:
        if e is stop_el:
            break
        area.append(e)
    if stop_el is None:
        area = area[:15]
    header_roots = _first_page_headers(doc)
    scope = area + header_roots
    found = any(red_line_in(e) for e in scope)
    if not found:
        # Borders inherited from a paragraph style.
        for e in area:
            if e.tag == w("p"):
                info = read_paragraph(styles, e)
                if any(b.get(w("val")) not in (None, "nil", "none") and is_red(b.get(w("color")))
                       for b in info.borders):
                    found = True
                    break

    # 发文机关标志: the first prominent text above the title (body, text boxes, first-page header).
    cands: list[ParaInfo] = []
    for root in header_roots:
        for p in root.iter(w("p")):
            if any(a.tag == w("txbxContent") for a in p.iterancestors()):
                continue
            cands.append(read_paragraph(styles, p))
        cands.extend(read_paragraph(styles, p) for p in text_box_paragraphs(root))
    for e in area:
        cands.extend(read_paragraph(styles, p) for p in text_box_paragraphs(e))
        if e.tag == w("p"):
            cands.append(next((q for q in lay.paras if q.element is e), read_paragraph(styles, e)))
    mark = next((p for p in cands if _mark_like(p)), None)
    if not found and (meta or {}).get("layout") == "plain" and not _letterhead_in(cands):
        return  # drafter's plain layout: no letterhead, so no rule and no mark to check
    if not found:
        rep.add(None, "版头", "GB141", WARNING, "版头下没有红色分隔线（未找到红色段落边框、红色线条或红框表格）")
    if mark is None:
        return
    not_red = Counter()
    for s in mark.spans:
        n = cjk_count(s.text)
        if n and not is_red(s.props.color):
            not_red[_color_label(s.props.color)] += n
    if not_red:
        rep.add(mark.index or None, "版头", "GB142", WARNING,
                f"发文机关标志“{mark.text.strip()[:20]}”颜色为{not_red.most_common(1)[0][0]}，应为红色")


def _letterhead_in(cands: list[ParaInfo]) -> bool:
    """Any sign of a letterhead: a "××文件" mark, or red text, above the title."""
    for p in cands:
        t = re.sub(r"\s", "", p.text)
        if t.endswith("文件") and cjk_count(t) > 2:
            return True
        if any(cjk_count(s.text) and is_red(s.props.color) for s in p.spans):
            return True
    return False


def _mark_like(p: ParaInfo) -> bool:
    t = p.text.strip()
    if not t or cjk_count(t) < 2 or _DOC_NUMBER.search(t) or _NOT_MARK.match(t) or _DATE.match(t):
        return False
    if "答复" in t or "的函" in t:
        return False
    return p.max_size() >= 20 or (p.jc == "center" and p.max_size() >= 18) or _all_red(p)


def _color_label(c: str | None) -> str:
    if not c or c.lower() == "auto":
        return "自动（黑色）"
    return f" #{c.upper()}"


def _first_page_headers(doc) -> list[etree._Element]:
    """Root elements of the header(s) printed on page 1."""
    sects = _sect_prs(doc)
    first = sects[0]
    want = "first" if first.find(w("titlePg")) is not None and first.find(w("titlePg")).get(w("val"), "1") not in ("0", "false") else "default"
    roots = []
    for ref in first.findall(w("headerReference")):
        if ref.get(w("type"), "default") == want:
            part = doc.part.related_parts.get(ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"))
            if part is not None:
                try:
                    roots.append(part.element if hasattr(part, "element") else parse_xml(part.blob))
                except Exception:
                    pass
    return roots
