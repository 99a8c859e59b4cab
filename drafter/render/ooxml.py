"""WordprocessingML helpers that python-docx lacks.

East Asian fonts, paragraph borders, fields, the line grid, run spacing, floating shapes
and text boxes, package parts and a deterministic zip writer. Plain lxml elements, no letter semantics:
callers pass every size already converted to twips, half-points or EMU.
"""

from __future__ import annotations

import io
import re
import zipfile
from copy import deepcopy
from functools import lru_cache
from typing import Iterable, Sequence

from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
WPS_URI = NS["wps"]
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@lru_cache(maxsize=None)   # a letter builds ~650 elements from a few dozen distinct names
def qn(tag: str) -> str:
    prefix, local = tag.split(":")
    return "{%s}%s" % (NS[prefix], local)


def el(tag: str, attrs: dict | None = None, *children) -> etree._Element:
    """An element `prefix:name` with `prefix:attr` attributes (values made str)."""
    if attrs:
        e = etree.Element(qn(tag), {qn(k) if ":" in k else k: str(v) for k, v in attrs.items()})
    else:
        e = etree.Element(qn(tag))
    for c in children:
        if c is not None:
            e.append(c)
    return e


def val(tag: str, value) -> etree._Element:
    return el(tag, {"w:val": value})


# -- runs --------------------------------------------------------------------------------------


def rfonts(east_asia: str, latin: str) -> etree._Element:
    """All four font slots named, with the East Asian hint: no theme font can win."""
    return el("w:rFonts", {"w:ascii": latin, "w:hAnsi": latin, "w:eastAsia": east_asia, "w:cs": latin, "w:hint": "eastAsia"})


def rpr(
    east_asia: str,
    latin: str,
    half_points: int,
    *,
    bold: bool = False,
    color: str | None = None,
    spacing: int | None = None,
) -> etree._Element:
    """A run property block in schema order (rFonts, b, color, spacing, sz, szCs, lang)."""
    # A letter has thousands of runs but a handful of distinct run properties: copy a built one.
    return deepcopy(_rpr(east_asia, latin, half_points, bold, color, spacing))


@lru_cache(maxsize=256)
def _rpr(east_asia: str, latin: str, half_points: int, bold: bool, color: str | None,
         spacing: int | None) -> etree._Element:
    r = el("w:rPr", None, rfonts(east_asia, latin))
    if bold:
        r.append(el("w:b"))
        r.append(el("w:bCs"))
    if color:
        r.append(val("w:color", color))
    if spacing:
        r.append(val("w:spacing", spacing))
    r.append(val("w:sz", half_points))
    r.append(val("w:szCs", half_points))
    r.append(el("w:lang", {"w:val": "en-US", "w:eastAsia": "zh-CN"}))
    return r


# A hyphen between digits (0577-89600223, 29490-2023) must not end a line: a phone number
# split over two lines is misread. Word, WPS and LibreOffice all honour w:noBreakHyphen.
_DIGIT_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")


def run(text: str, props: etree._Element | None) -> etree._Element:
    r = el("w:r")
    if props is not None:
        r.append(props)
    for k, piece in enumerate(_DIGIT_HYPHEN.split(text)):
        if k:
            r.append(el("w:noBreakHyphen"))
        if not piece:
            continue
        t = el("w:t")
        t.text = piece
        if piece[:1].isspace() or piece[-1:].isspace():
            t.set(_XML_SPACE, "preserve")
        r.append(t)
    return r


def field_runs(instruction: str, props: etree._Element) -> list[etree._Element]:
    """begin / instrText / separate / placeholder / end: a field Word and LibreOffice update."""
    from copy import deepcopy

    def char(kind: str) -> etree._Element:
        r = el("w:r", None, deepcopy(props))
        r.append(el("w:fldChar", {"w:fldCharType": kind}))
        return r

    instr = el("w:r", None, deepcopy(props))
    t = el("w:instrText")
    t.text = f" {instruction} "
    t.set(_XML_SPACE, "preserve")
    instr.append(t)
    return [char("begin"), instr, char("separate"), run("1", deepcopy(props)), char("end")]


# -- paragraphs ----------------------------------------------------------------------------------


def border(side: str, kind: str, eighths: int, color: str, space_pt: int = 0) -> etree._Element:
    return el(f"w:{side}", {"w:val": kind, "w:sz": eighths, "w:space": space_pt, "w:color": color})


def ppr(
    *,
    style: str | None = None,
    keep_next: bool = False,
    keep_lines: bool = False,
    page_break_before: bool = False,
    borders: Sequence[etree._Element] = (),
    tabs: Sequence[tuple[str, int]] = (),
    line: int | None = None,
    line_rule: str = "exact",
    before: int | None = None,
    after: int | None = None,
    left: int | None = None,
    right: int | None = None,
    first_line: int | None = None,
    hanging: int | None = None,
    jc: str | None = None,
    outline: int | None = None,
    snap_to_grid: bool | None = False,
    overflow_punct: bool | None = None,
    auto_space: bool | None = None,
    rpr_mark: etree._Element | None = None,
) -> etree._Element:
    """A paragraph property block in schema order; all lengths in twips, tab stops from the margin."""
    options = dict(style=style, keep_next=keep_next, keep_lines=keep_lines, page_break_before=page_break_before,
                   line=line, line_rule=line_rule, before=before, after=after, left=left, right=right,
                   first_line=first_line, hanging=hanging, jc=jc, outline=outline, snap_to_grid=snap_to_grid,
                   overflow_punct=overflow_punct, auto_space=auto_space)
    if borders or rpr_mark is not None:   # elements: built each time
        return _ppr(borders=borders, tabs=tuple(tabs), rpr_mark=rpr_mark, **options)
    # Most paragraphs of a letter share a few property blocks: copy a built one.
    return deepcopy(_cached_ppr(tuple(tabs), tuple(options.items())))


@lru_cache(maxsize=512)
def _cached_ppr(tabs: tuple, options: tuple) -> etree._Element:
    return _ppr(borders=(), tabs=tabs, rpr_mark=None, **dict(options))


def _ppr(*, style, keep_next, keep_lines, page_break_before, borders, tabs, line, line_rule, before, after,
         left, right, first_line, hanging, jc, outline, snap_to_grid, overflow_punct, auto_space,
         rpr_mark) -> etree._Element:
    p = el("w:pPr")
    if style:
        p.append(val("w:pStyle", style))
    if keep_next:
        p.append(el("w:keepNext"))
    if keep_lines:
        p.append(el("w:keepLines"))
    if page_break_before:
        p.append(el("w:pageBreakBefore"))
    if borders:
        p.append(el("w:pBdr", None, *borders))
    if tabs:
        p.append(el("w:tabs", None, *(el("w:tab", {"w:val": kind, "w:pos": pos}) for kind, pos in tabs)))
    if overflow_punct is not None:
        p.append(val("w:overflowPunct", "1" if overflow_punct else "0"))
    if auto_space is not None:
        # Extra space between Chinese and digits or Latin letters. LibreOffice ignores the
        # setting in DOCX and always adds it, so the renderer leaves Word's default (on) alone.
        p.append(val("w:autoSpaceDE", "1" if auto_space else "0"))
        p.append(val("w:autoSpaceDN", "1" if auto_space else "0"))
    if snap_to_grid is not None:
        p.append(val("w:snapToGrid", "1" if snap_to_grid else "0"))
    if line is not None or before is not None or after is not None:
        sp = el("w:spacing")
        sp.set(qn("w:before"), str(before or 0))
        sp.set(qn("w:after"), str(after or 0))
        if line is not None:
            sp.set(qn("w:line"), str(line))
            sp.set(qn("w:lineRule"), line_rule)
        p.append(sp)
    if any(v is not None for v in (left, right, first_line, hanging)):
        ind = el("w:ind")
        if left is not None:
            ind.set(qn("w:left"), str(left))
        if right is not None:
            ind.set(qn("w:right"), str(right))
        if hanging is not None:
            ind.set(qn("w:hanging"), str(hanging))
        elif first_line is not None:
            ind.set(qn("w:firstLine"), str(first_line))
        p.append(ind)
    if jc:
        p.append(val("w:jc", jc))
    if outline is not None:
        p.append(val("w:outlineLvl", outline))
    if rpr_mark is not None:
        p.append(rpr_mark)
    return p


def paragraph(props: etree._Element | None, runs: Iterable[etree._Element] = ()) -> etree._Element:
    p = el("w:p")
    if props is not None:
        p.append(props)
    for r in runs:
        p.append(r)
    return p


# -- sections and settings -------------------------------------------------------------------------


def page_setup(sect: etree._Element, *, width: int, height: int, top: int, bottom: int, left: int,
               right: int, header: int, footer: int, line_pitch: int, title_page: bool) -> None:
    """Fill a w:sectPr (keeping its header/footer references) with size, margins and line grid."""
    for tag in ("w:pgSz", "w:pgMar", "w:cols", "w:titlePg", "w:docGrid", "w:type"):
        for old in sect.findall(qn(tag)):
            sect.remove(old)
    sect.append(el("w:pgSz", {"w:w": width, "w:h": height}))
    sect.append(el("w:pgMar", {"w:top": top, "w:right": right, "w:bottom": bottom, "w:left": left,
                               "w:header": header, "w:footer": footer, "w:gutter": 0}))
    sect.append(el("w:cols", {"w:space": 425}))
    if title_page:
        sect.append(el("w:titlePg"))
    # A line grid only: a character grid is laid out at 14 chars per line by LibreOffice.
    sect.append(el("w:docGrid", {"w:type": "lines", "w:linePitch": line_pitch}))


# -- floating shapes ------------------------------------------------------------------------------------


def anchor(
    shape_id: int,
    name: str,
    *,
    x: int,
    y: int,
    cx: int,
    cy: int,
    rel_h: str = "page",
    rel_v: str = "page",
    align_v: str | None = None,
    fill: str | None = None,
    content: Sequence[etree._Element] | None = None,
    wrap: str = "none",
    z: int = 0,
) -> etree._Element:
    """A run holding a floating DrawingML shape: a filled rectangle, or a text box if `content`.

    Positions and extents in EMU; `align_v` ("bottom", "top") replaces the vertical offset.
    """
    a = el("wp:anchor", {"distT": 0, "distB": 0, "distL": 0, "distR": 0, "simplePos": 0,
                         "relativeHeight": 251659264 + z, "behindDoc": 0, "locked": 1,
                         "layoutInCell": 1, "allowOverlap": 1})
    a.append(el("wp:simplePos", {"x": 0, "y": 0}))
    ph = el("wp:positionH", {"relativeFrom": rel_h})
    off = el("wp:posOffset")
    off.text = str(x)
    ph.append(off)
    a.append(ph)
    pv = el("wp:positionV", {"relativeFrom": rel_v})
    if align_v:
        al = el("wp:align")
        al.text = align_v
        pv.append(al)
    else:
        off = el("wp:posOffset")
        off.text = str(y)
        pv.append(off)
    a.append(pv)
    a.append(el("wp:extent", {"cx": cx, "cy": cy}))
    a.append(el("wp:effectExtent", {"l": 0, "t": 0, "r": 0, "b": 0}))
    a.append(el("wp:wrapTopAndBottom") if wrap == "topAndBottom" else el("wp:wrapNone"))
    a.append(el("wp:docPr", {"id": shape_id, "name": name}))
    a.append(el("wp:cNvGraphicFramePr"))

    sp = el("wps:wsp")
    sp.append(el("wps:cNvSpPr", {"txBox": 1} if content is not None else None))
    sppr = el("wps:spPr")
    xfrm = el("a:xfrm", None, el("a:off", {"x": 0, "y": 0}), el("a:ext", {"cx": cx, "cy": cy}))
    sppr.append(xfrm)
    sppr.append(el("a:prstGeom", {"prst": "rect"}, el("a:avLst")))
    if fill:
        sppr.append(el("a:solidFill", None, el("a:srgbClr", {"val": fill})))
    else:
        sppr.append(el("a:noFill"))
    sppr.append(el("a:ln", None, el("a:noFill")))
    sp.append(sppr)
    if content is not None:
        box = el("w:txbxContent", None, *content)
        sp.append(el("wps:txbx", None, box))
    body = el("wps:bodyPr", {"rot": 0, "vert": "horz", "wrap": "square", "lIns": 0, "tIns": 0,
                             "rIns": 0, "bIns": 0, "anchor": "t", "anchorCtr": 0, "upright": 1})
    body.append(el("a:noAutofit"))
    sp.append(body)
    graphic = el("a:graphic", None, el("a:graphicData", {"uri": WPS_URI}, sp))
    a.append(graphic)
    return el("w:r", None, el("w:drawing", None, a))


# -- package ----------------------------------------------------------------------------------------------


def serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def write_zip(parts: Sequence[tuple[str, bytes]], date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """A zip with entries in the given order, one fixed timestamp and fixed attributes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            z.writestr(info, data, compresslevel=6)
    return buf.getvalue()
