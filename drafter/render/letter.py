"""Letter → WordprocessingML, element by element, in the order GB/T 9704 prints them.

The package parts that do not depend on the letter (styles, settings, footers) are
built once per layout and process with lxml and reused; each render only builds
document.xml and the core properties and zips them with the cached parts.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from copy import deepcopy
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from drafter.model import Letter
from drafter.render import layout as L
from drafter.render import ooxml as X
from drafter.sentences import Sentences
from drafter.text import bold_spans

# -- title line breaking -----------------------------------------------------------------

# Word-sensible break points: (regex for text before the break, regex for text after, cost).
_GOOD_BREAKS = [
    (r"", r"关于", 0),            # organ name | 关于…
    (r"关于$", r"", 1),           # 关于 | 市…会议…
    (r"会议$", r"", 0),
    (r"", r"的答复", 0),
    (r"", r"的函$", 1),
    (r"", r"的(协办|会办)意见", 0),
    (r"", r"办理情况", 0),
    (r"[》”]$", r"", 0),
    (r"[，、；]$", r"", 0),
    (r"(建议|提案)$", r"", 1),
]
_NEUTRAL_COST = 50          # a break inside a phrase costs more than one more line
_EXTRA_LINE_COST = 10
_OPENERS = "（《“〔‘【"
_CLOSERS = "）》”〕’】，。、；：！？"


def _break_cost(text: str, i: int) -> float | None:
    """Cost of breaking `text` before index i; None where a break is not allowed."""
    a, b = text[i - 1], text[i]
    if a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
        return None                           # never inside a number or a word
    if b in _CLOSERS or a in _OPENERS:
        return None
    head, tail = text[:i], text[i:]
    if re.search(r"第[^号]{0,8}$", head) and re.match(r"[^第]{0,8}号", tail):
        return None                           # keep 第…号 together
    for before, after, cost in _GOOD_BREAKS:
        if (not before or re.search(before, head)) and (not after or re.match(after, tail)):
            return cost
    return _NEUTRAL_COST


def break_title(text: str, max_units: float = L.TITLE_MAX_CHARS) -> list[str]:
    """Lines of a title: each ≤ max_units wide, a trapezoid (no upper line shorter than a lower
    one) or a diamond (longest in the middle), broken at word-sensible points, balanced."""
    text = text.strip()
    total = L.text_units(text)
    if total <= max_units:
        return [text]
    widths = [L.text_units(ch) for ch in text]
    prefix = [0.0]
    for w in widths:
        prefix.append(prefix[-1] + w)
    costs = {i: _break_cost(text, i) for i in range(1, len(text))}
    allowed = [i for i, c in costs.items() if c is not None]

    n_min = math.ceil(total / max_units)
    found = []
    for n in range(n_min, n_min + 3):
        best = _best_split(text, prefix, costs, allowed, n, max_units, total / n)
        if best:
            found.append((best[0] + (n - n_min) * _EXTRA_LINE_COST, best[1]))
    if not found:
        return _greedy(text, widths, max_units)
    cuts = list(min(found)[1])
    return [text[a:b] for a, b in zip([0] + cuts, cuts + [len(text)])]


def _best_split(text, prefix, costs, allowed, n, max_units, ideal):
    """Dynamic programme over (start, lines left, previous width, past the peak)."""
    end = len(text)

    @lru_cache(maxsize=None)
    def solve(start: int, left: int, prev: float, falling: bool):
        if left == 1:
            w = prefix[end] - prefix[start]
            if w > max_units or not _shape_ok(prev, w, falling, last=True):
                return None
            return ((w - ideal) ** 2, ())
        best = None
        for i in allowed:
            if i <= start:
                continue
            w = prefix[i] - prefix[start]
            if w > max_units:
                break
            if not _shape_ok(prev, w, falling, last=False):
                continue
            rest = solve(i, left - 1, w, falling or (prev is not None and w < prev))
            if rest is None:
                continue
            score = costs[i] + (w - ideal) ** 2 + rest[0]
            if best is None or score < best[0]:
                best = (score, (i,) + rest[1])
        return best

    return solve(0, n, None, False)


def _shape_ok(prev: float | None, w: float, falling: bool, last: bool) -> bool:
    if prev is None:
        return True
    if falling:
        return w <= prev                     # once shorter, never longer again
    if w > prev and last:
        return False                         # a longer last line is an inverted shape
    return True


def _greedy(text: str, widths: list[float], max_units: float) -> list[str]:
    lines, cur, width = [], "", 0.0
    for ch, w in zip(text, widths):
        if width + w > max_units:
            lines.append(cur)
            cur, width = "", 0.0
        cur += ch
        width += w
    return lines + [cur]


# -- base package ------------------------------------------------------------------------------

@dataclass
class _Base:
    parts: list[tuple[str, bytes]]          # every part except document.xml and core.xml
    order: list[str]                        # all part names in zip order
    document: etree._Element                # document.xml root with an empty body + sectPr


def _rp(font: str, size: float, *, bold: bool = False, color: str | None = None,
        spacing: int | None = L.CHAR_SPACING_TWIPS, latin: str = L.LATIN_FONT) -> etree._Element:
    return X.rpr(L.FONTS[font], latin, L.half_points(size), bold=bold, color=color, spacing=spacing)


def _style(style_id: str, name: str, *, ppr=None, rpr=None, based_on: str | None = "Normal",
           default: bool = False, kind: str = "paragraph") -> etree._Element:
    attrs = {"w:type": kind, "w:styleId": style_id}
    if default:
        attrs["w:default"] = 1
    s = X.el("w:style", attrs, X.val("w:name", name))
    if based_on:
        s.append(X.val("w:basedOn", based_on))
    s.append(X.el("w:qFormat"))
    if ppr is not None:
        s.append(ppr)
    if rpr is not None:
        s.append(rpr)
    return s


def _styles(root: etree._Element) -> None:
    """Replace the template's styles: every style names its East Asian font, no theme fonts."""
    for child in list(root):
        root.remove(child)
    pitch = L.LINE_PITCH_TWIPS
    indent = L.chars_twips(L.INDENT_CHARS)
    defaults = X.el(
        "w:docDefaults", None,
        X.el("w:rPrDefault", None, _rp("fangsong", L.BODY_SIZE)),
        # No full-width mark hanging past the margin (Word/WPS meaning of val=0): lines keep the
        # 28-character grid. LibreOffice reads the value inverted; pdf.py flips it for conversion.
        X.el("w:pPrDefault", None, X.ppr(line=pitch, overflow_punct=False)),
    )
    root.append(defaults)
    normal_ppr = X.ppr(line=pitch, first_line=indent, jc="both", overflow_punct=False)
    normal_ppr.insert(0, X.val("w:widowControl", 0))   # full 22-line pages, as the grid wants
    root.append(_style("Normal", "Normal", ppr=normal_ppr, rpr=_rp("fangsong", L.BODY_SIZE),
                       based_on=None, default=True))
    root.append(_style("DefaultParagraphFont", "Default Paragraph Font", based_on=None,
                       default=True, kind="character"))
    flush = dict(line=pitch, first_line=0)
    root.append(_style("GwTitle", "公文标题", ppr=X.ppr(jc="center", **flush),
                       rpr=_rp("xiaobiaosong", L.TITLE_SIZE)))
    for level, font in L.HEADING_FONTS.items():
        root.append(_style(f"GwHeading{level}", f"{'一二三四'[level - 1]}级标题",
                           ppr=X.ppr(keep_next=True, line=pitch, first_line=indent, jc="both",
                                     outline=level - 1),
                           rpr=_rp(font, L.BODY_SIZE)))
    root.append(_style("GwMark", "发文机关标志", ppr=X.ppr(jc="center", **flush),
                       rpr=_rp("xiaobiaosong", L.MARK_MAX_SIZE, color=L.RED, spacing=None)))
    root.append(_style("GwDocNumber", "发文字号", ppr=X.ppr(jc="center", **flush),
                       rpr=_rp("fangsong", L.BODY_SIZE)))
    root.append(_style("GwCategory", "类别标记", ppr=X.ppr(jc="right", **flush),
                       rpr=_rp("heiti", L.BODY_SIZE)))
    root.append(_style("GwSalutation", "主送机关", ppr=X.ppr(jc="left", **flush),
                       rpr=_rp("fangsong", L.BODY_SIZE)))
    root.append(_style("GwSignature", "署名和成文日期", ppr=X.ppr(jc="right", **flush),
                       rpr=_rp("fangsong", L.BODY_SIZE)))
    root.append(_style("GwRecord", "版记", ppr=X.ppr(jc="left", **flush),
                       rpr=_rp("fangsong", L.RECORD_SIZE)))
    root.append(_style("GwPageNumber", "页码",
                       ppr=X.ppr(line=L.pt_to_twips(L.PAGE_NUMBER_LINE_PT), first_line=0),
                       rpr=_rp("songti", L.PAGE_NUMBER_SIZE, spacing=None, latin=L.FONTS["songti"])))


def _page_number_paragraph(odd: bool) -> etree._Element:
    indent = L.chars_twips(L.PAGE_NUMBER_INDENT_CHARS, L.PAGE_NUMBER_SIZE)
    props = _rp("songti", L.PAGE_NUMBER_SIZE, spacing=None, latin=L.FONTS["songti"])
    pp = X.ppr(style="GwPageNumber", line=L.pt_to_twips(L.PAGE_NUMBER_LINE_PT), first_line=0,
               left=0 if odd else indent, right=indent if odd else 0, jc="right" if odd else "left")
    dash = L.PAGE_NUMBER_DASH
    runs = [X.run(dash + " ", deepcopy(props)), *X.field_runs("PAGE", props), X.run(" " + dash, deepcopy(props))]
    return X.paragraph(pp, runs)


def _fill_story(story: etree._Element, paragraphs: list[etree._Element]) -> None:
    for child in list(story):
        story.remove(child)
    for p in paragraphs:
        story.append(p)


_PKG = "http://schemas.openxmlformats.org/package/2006"
_OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WML_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def _xml_part(tag: str, nsmap: dict, *children) -> etree._Element:
    root = etree.Element(tag, nsmap=nsmap)
    for c in children:
        root.append(c)
    return root


def _package_xml(footers: list[str]) -> list[tuple[str, bytes]]:
    """[Content_Types].xml and the package and document relationships."""
    ct_ns = f"{_PKG}/content-types"
    types = _xml_part(f"{{{ct_ns}}}Types", {None: ct_ns})
    for ext, ct in (("rels", "application/vnd.openxmlformats-package.relationships+xml"), ("xml", "application/xml")):
        etree.SubElement(types, f"{{{ct_ns}}}Default", Extension=ext, ContentType=ct)
    overrides = [("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
                 ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                 ("/docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml"),
                 ("/word/document.xml", f"{_WML_CT}.document.main+xml"),
                 *((f"/word/{f}", f"{_WML_CT}.footer+xml") for f in footers),
                 ("/word/settings.xml", f"{_WML_CT}.settings+xml"),
                 ("/word/styles.xml", f"{_WML_CT}.styles+xml")]
    for name, ct in overrides:
        etree.SubElement(types, f"{{{ct_ns}}}Override", PartName=name, ContentType=ct)

    rel_ns = f"{_PKG}/relationships"

    def rels(items) -> bytes:
        root = _xml_part(f"{{{rel_ns}}}Relationships", {None: rel_ns})
        for rid, kind, target in items:
            etree.SubElement(root, f"{{{rel_ns}}}Relationship", Id=rid, Type=kind, Target=target)
        return X.serialize(root)

    package_rels = rels([("rId1", f"{_OFFICE_REL}/officeDocument", "word/document.xml"),
                         ("rId2", f"{_PKG}/relationships/metadata/core-properties", "docProps/core.xml"),
                         ("rId3", f"{_OFFICE_REL}/extended-properties", "docProps/app.xml"),
                         ("rId4", f"{_OFFICE_REL}/custom-properties", "docProps/custom.xml")])
    document_rels = rels([("rId1", f"{_OFFICE_REL}/styles", "styles.xml"),
                          ("rId2", f"{_OFFICE_REL}/settings", "settings.xml"),
                          *((f"rId{3 + k}", f"{_OFFICE_REL}/footer", f) for k, f in enumerate(footers))])
    return [("[Content_Types].xml", X.serialize(types)), ("_rels/.rels", package_rels),
            ("word/_rels/document.xml.rels", document_rels)]


def _settings() -> etree._Element:
    """Odd/even footers, East Asian layout, Word 2010 compatibility (as the layout was measured)."""
    compat = X.el("w:compat", None, X.el("w:useFELayout"))
    for name, value in (("compatibilityMode", 14), ("overrideTableStyleFontSizeAndJustification", 1),
                        ("enableOpenTypeFeatures", 1), ("doNotFlipMirrorIndents", 1)):
        compat.append(X.el("w:compatSetting", {"w:name": name, "w:uri": "http://schemas.microsoft.com/office/word",
                                               "w:val": value}))
    return _xml_part(X.qn("w:settings"), {"w": X.NS["w"]},
                     X.val("w:defaultTabStop", 720), X.el("w:evenAndOddHeaders"),
                     X.val("w:characterSpacingControl", "doNotCompress"), compat,
                     X.val("w:decimalSymbol", "."), X.val("w:listSeparator", ","))


def _app_xml() -> bytes:
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    root = _xml_part(f"{{{ns}}}Properties", {None: ns})
    etree.SubElement(root, f"{{{ns}}}Application").text = "drafter"
    return X.serialize(root)


@lru_cache(maxsize=4)
def _base(layout: str) -> _Base:
    """Every part but document.xml's body and core.xml, built with lxml (no python-docx import:
    it costs more than a whole render at a cold start)."""
    title_page = layout != "file"          # 信函: no page number on page 1
    stories = [("default", [_page_number_paragraph(odd=True)]), ("even", [_page_number_paragraph(odd=False)])]
    if title_page:
        stories.append(("first", [X.paragraph(X.ppr(style="GwPageNumber"))]))
    footer_names = [f"footer{k + 1}.xml" for k in range(len(stories))]
    ns = {"w": X.NS["w"], "r": X.NS["r"]}
    parts = _package_xml(footer_names)
    parts.append(("docProps/app.xml", _app_xml()))
    styles = _xml_part(X.qn("w:styles"), {"w": X.NS["w"]})
    _styles(styles)
    parts.append(("word/styles.xml", X.serialize(styles)))
    parts.append(("word/settings.xml", X.serialize(_settings())))
    sect = X.el("w:sectPr")
    for k, ((kind, paragraphs), name) in enumerate(zip(stories, footer_names)):
        ftr = _xml_part(X.qn("w:ftr"), ns, *paragraphs)
        parts.append((f"word/{name}", X.serialize(ftr)))
        sect.append(X.el("w:footerReference", {"w:type": kind, "r:id": f"rId{3 + k}"}))
    g = L.GEOMETRY
    X.page_setup(sect, width=g.page_w, height=g.page_h, top=g.top, bottom=g.bottom,
                 left=g.left, right=g.right, header=g.header, footer=g.footer,
                 line_pitch=L.LINE_PITCH_TWIPS, title_page=title_page)
    document = _xml_part(X.qn("w:document"), dict(X.NS), X.el("w:body", None, sect))
    order = ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "docProps/custom.xml",
             "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
             *(f"word/{n}" for n in footer_names)]
    return _Base(parts, order, document)


def _core_xml(title: str, author: str, date: dt.date) -> bytes:
    """Core properties with timestamps from the signature date: same draft, same bytes."""
    cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    dc = "http://purl.org/dc/elements/1.1/"
    dcterms = "http://purl.org/dc/terms/"
    xsi = "http://www.w3.org/2001/XMLSchema-instance"
    root = etree.Element(f"{{{cp}}}coreProperties", nsmap={"cp": cp, "dc": dc, "dcterms": dcterms, "xsi": xsi})
    stamp = f"{date.isoformat()}T00:00:00Z"
    for ns, tag, text in ((dc, "title", title), (dc, "creator", author), (cp, "lastModifiedBy", author),
                          (cp, "revision", "1")):
        etree.SubElement(root, f"{{{ns}}}{tag}").text = text
    for tag in ("created", "modified"):
        e = etree.SubElement(root, f"{{{dcterms}}}{tag}")
        e.set(f"{{{xsi}}}type", "dcterms:W3CDTF")
        e.text = stamp
    return X.serialize(root)


# What the printed letter does not say but a draft records; `drafter import` reads it back
# from a letter drafter made (File ▸ Properties ▸ Custom in Word shows it as "drafter").
METADATA_PROPERTY = "drafter"


def _custom_xml(letter: Letter) -> bytes:
    import json

    p = letter.proposal
    meta = {"kind": letter.kind, "layout": letter.layout, "handling": p.handling,
            "co_handlers": list(p.co_handlers)}
    if letter.category:  # printed as a bare mark, which text alone cannot tell from noise
        meta["category"] = letter.category
    if p.assigned:
        meta["assigned"] = p.assigned.isoformat()
    if p.extended:
        meta["extended"] = True
    if letter.type:
        meta["type"] = letter.type
    ext = letter.case.extension if letter.doc_type == "extension" and letter.case else None
    if ext and ext.approved:  # printed nowhere; the 延期说明 cannot be imported back without it
        meta["approved"] = ext.approved.isoformat()
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    root = etree.Element(f"{{{ns}}}Properties", nsmap={None: ns, "vt": vt})
    prop = etree.SubElement(root, f"{{{ns}}}property", fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}",
                            pid="2", name=METADATA_PROPERTY)
    etree.SubElement(prop, f"{{{vt}}}lpwstr").text = json.dumps(meta, ensure_ascii=False, sort_keys=True)
    return X.serialize(root)


# -- the document body ---------------------------------------------------------------------------


def mark_size(mark: str) -> float:
    """发文机关标志 size: 小初, shrunk in half-points until the name fits the 版心 width."""
    room = L.mm_to_pt(L.TYPE_WIDTH_MM) * L.MARK_WIDTH_SHARE
    size = min(L.MARK_MAX_SIZE, room / max(L.text_units(mark), 1))
    return max(L.MARK_MIN_SIZE, math.floor(size * 2) / 2)


class _Builder:
    def __init__(self, letter: Letter, sentences: Sentences):
        self.letter = letter
        self.s = sentences
        self.out: list[etree._Element] = []
        self.shape_id = 0
        self.pitch = L.LINE_PITCH_TWIPS
        self.indent = L.chars_twips(L.INDENT_CHARS)

    # -- small pieces --------------------------------------------------------------
    def next_id(self) -> int:
        self.shape_id += 1
        return self.shape_id

    def text_runs(self, text: str, font: str = "fangsong", size: float = L.BODY_SIZE,
                  bold: bool = False) -> list[etree._Element]:
        return [X.run(piece, _rp(font, size, bold=bold or b)) for piece, b in bold_spans(text) if piece]

    def para(self, style: str | None, runs, **ppr) -> etree._Element:
        p = X.paragraph(X.ppr(style=style, **ppr), runs)
        self.out.append(p)
        return p

    # -- 版头 ----------------------------------------------------------------------
    def file_head(self) -> None:
        Lt = self.letter
        used_pt = 0.0
        if Lt.category:
            self.para("GwCategory", [X.run(Lt.category, _rp("heiti", L.BODY_SIZE))], line=self.pitch, first_line=0,
                      jc="right")
            used_pt += L.LINE_PITCH_PT
        size = mark_size(Lt.mark)
        before_pt = L.mm_to_pt(L.MARK_TOP_BELOW_TYPE_TOP_MM) - used_pt
        self.para("GwMark", [X.run(Lt.mark, _rp("xiaobiaosong", size, color=L.RED, spacing=None))],
                  before=L.pt_to_twips(before_pt), line=L.pt_to_twips(size), first_line=0, jc="center")
        # 发文字号 下空二行; the red rule 4 mm under it as a paragraph bottom border.
        rule = X.border("bottom", "single", L.SEPARATOR_EIGHTHS, L.RED,
                        space_pt=round(L.mm_to_pt(L.SEPARATOR_BELOW_DOC_NUMBER_MM) - L.SEPARATOR_TEXT_GAP_PT))
        before = L.DOC_NUMBER_LINES_BELOW_MARK * self.pitch
        if Lt.signer:
            one = L.chars_twips(L.SIGNER_INDENT_CHARS)
            tab = L.mm_to_twips(L.TYPE_WIDTH_MM) - one
            # Tabs, not indents: a bottom border spans the indents, and the rule must be 156 mm.
            runs = [X.el("w:r", None, X.el("w:tab")), X.run(Lt.doc_number, _rp("fangsong", L.BODY_SIZE)),
                    X.el("w:r", None, X.el("w:tab")),
                    X.run("签发人：", _rp("fangsong", L.BODY_SIZE)), X.run(Lt.signer, _rp("kaiti", L.BODY_SIZE))]
            self.para("GwDocNumber", runs, borders=[rule], tabs=[("left", one), ("right", tab)], before=before,
                      line=self.pitch, left=0, first_line=0, jc="left")
        else:
            self.para("GwDocNumber", [X.run(Lt.doc_number, _rp("fangsong", L.BODY_SIZE))], borders=[rule],
                      before=before, line=self.pitch, first_line=0, jc="center")
        self.title_before = L.TITLE_LINES_BELOW_SEPARATOR * self.pitch

    def letter_head(self, printed: bool) -> None:
        """信函式: mark, double rules and 类别标记 float on page 1, anchored in an empty paragraph."""
        Lt = self.letter
        size = mark_size(Lt.mark)
        mark_bottom_mm = L.LETTER_MARK_TOP_MM + size / L.PT_PER_MM
        rule_top_mm = mark_bottom_mm + L.LETTER_RULE_BELOW_MARK_MM
        thick, thin, gap = L.LETTER_RULE_THICK_PT, L.LETTER_RULE_THIN_PT, L.LETTER_RULE_GAP_PT
        rule_bottom_mm = rule_top_mm + (thick + gap + thin) / L.PT_PER_MM
        rule_x = L.mm_to_emu(L.MARGIN_LEFT_MM + (L.TYPE_WIDTH_MM - L.LETTER_RULE_LENGTH_MM) / 2)
        rule_w = L.mm_to_emu(L.LETTER_RULE_LENGTH_MM)
        runs = []
        if Lt.category:
            runs.append(self.floating_text(
                "类别标记", [X.paragraph(X.ppr(style="GwCategory", line=self.pitch, first_line=0, jc="right"),
                                      [X.run(Lt.category, _rp("heiti", L.BODY_SIZE))])],
                x_mm=L.MARGIN_LEFT_MM, y_mm=L.LETTER_CATEGORY_TOP_MM,
                w_mm=L.TYPE_WIDTH_MM, h_pt=L.LINE_PITCH_PT))
        if printed:
            mark_p = X.paragraph(X.ppr(style="GwMark", line=L.pt_to_twips(size), first_line=0, jc="center"),
                                 [X.run(Lt.mark, _rp("xiaobiaosong", size, color=L.RED, spacing=None))])
            runs.append(self.floating_text("发文机关标志", [mark_p], x_mm=L.MARGIN_LEFT_MM,
                                           y_mm=L.LETTER_MARK_TOP_MM, w_mm=L.TYPE_WIDTH_MM, h_pt=size))
            # First double line thick over thin, second thin over thick 20 mm above the bottom.
            y = L.mm_to_emu(rule_top_mm)
            for name, h in (("版头粗线", thick), ("版头细线", thin)):
                runs.append(X.anchor(self.next_id(), name, x=rule_x, y=y, cx=rule_w, cy=L.pt_to_emu(h), fill=L.RED))
                y += L.pt_to_emu(h + gap)
            y = L.mm_to_emu(L.PAGE_HEIGHT_MM - L.LETTER_RULE_ABOVE_BOTTOM_MM) - L.pt_to_emu(thin + gap + thick)
            for name, h in (("版尾细线", thin), ("版尾粗线", thick)):
                runs.append(X.anchor(self.next_id(), name, x=rule_x, y=y, cx=rule_w, cy=L.pt_to_emu(h), fill=L.RED))
                y += L.pt_to_emu(h + gap)
        anchor_line = L.LETTER_ANCHOR_LINE_TWIPS
        self.para(None, runs, line=anchor_line, first_line=0)
        # 发文字号 flush right, 7/8 of a 3号 height under the first double line.
        top_mm = rule_bottom_mm + L.LETTER_BELOW_RULE_MM
        before = L.mm_to_twips(top_mm - L.MARGIN_TOP_MM) - anchor_line
        self.para("GwDocNumber", [X.run(Lt.doc_number, _rp("fangsong", L.BODY_SIZE))],
                  before=max(before, 0), line=self.pitch, first_line=0, jc="right")
        self.title_before = L.TITLE_LINES_BELOW_SEPARATOR * self.pitch

    def floating_text(self, name: str, content, *, x_mm: float, y_mm: float, w_mm: float, h_pt: float,
                      rel_v: str = "page", align_v: str | None = None, wrap: str = "none") -> etree._Element:
        return X.anchor(self.next_id(), name, x=L.mm_to_emu(x_mm) if rel_v == "page" else 0,
                        y=L.mm_to_emu(y_mm), cx=L.mm_to_emu(w_mm), cy=L.pt_to_emu(h_pt),
                        rel_h="page" if rel_v == "page" else "margin", rel_v=rel_v, align_v=align_v,
                        content=content, wrap=wrap)

    # -- 主体 ----------------------------------------------------------------------
    def title(self) -> None:
        lines = break_title(self.s.title())
        runs = []
        for i, line in enumerate(lines):
            if i:
                runs.append(X.el("w:r", None, _rp("xiaobiaosong", L.TITLE_SIZE, spacing=None), X.el("w:br")))
            runs.append(X.run(line, _rp("xiaobiaosong", L.TITLE_SIZE, spacing=None)))
        self.para("GwTitle", runs, before=self.title_before, line=self.pitch, first_line=0, jc="center")

    def salutation(self) -> None:
        self.para("GwSalutation", self.text_runs(self.s.salutation()),
                  before=L.SALUTATION_LINES_BELOW_TITLE * self.pitch, line=self.pitch, first_line=0, jc="left")

    def body(self) -> None:
        self.para("Normal", self.text_runs(self.s.acknowledgement()))
        for bp in self.letter.paragraphs():
            h = bp.heading
            if h is None:
                self.para("Normal", self.text_runs(bp.text or ""))
                continue
            font = L.HEADING_FONTS[h.level]
            runs = self.text_runs(h.marker + h.text, font=font)
            if bp.text is not None:                       # run-in: heading then its paragraph
                self.para("Normal", runs + self.text_runs(bp.text))
            else:
                self.para(f"GwHeading{h.level}", runs)
        # GB/T 9704 7.3.5.5: the signature never stands on a page without body text, so the
        # closing travels with it (as do the 附件说明 lines below).
        for line in self.s.closing().split("\n"):  # a closing may be two paragraphs (thanks, 特此答复。)
            if line.strip():
                self.para("Normal", self.text_runs(line.strip()), keep_next=True)

    def attachments(self) -> int:
        names = self.letter.attachments
        if not names:
            return 0
        label = "附件："
        label_w = L.text_units(label) * L.CHAR_PITCH_PT
        start = L.pt_to_twips(L.INDENT_CHARS * L.CHAR_PITCH_PT + label_w)
        for i, name in enumerate(names):
            number = f"{i + 1}." if len(names) > 1 else ""
            num_w = L.pt_to_twips(L.text_units(number) * L.CHAR_PITCH_PT)
            text = (label if i == 0 else "") + number + name
            left = start + num_w                    # wrapped lines align with the name
            first = -(num_w + (L.pt_to_twips(label_w) if i == 0 else 0))
            before = L.ATTACHMENT_GAP_LINES * self.pitch if i == 0 else 0
            runs = self.text_runs(text)
            if i:
                runs.insert(0, X.run("", _rp("fangsong", L.BODY_SIZE)))
            self.para("Normal", runs, before=before, line=self.pitch, left=left, keep_next=True,
                      hanging=-first if first < 0 else None, first_line=0 if first >= 0 else None)
        return len(names)

    def signature(self) -> etree._Element:
        organ, date = self.letter.signature.organ, self.s.signature_date()
        pitch = L.CHAR_PITCH_PT
        organ_w, date_w = L.text_units(organ) * pitch, L.text_units(date) * pitch
        date_right = L.DATE_RIGHT_CHARS * pitch
        organ_right = date_right + (date_w - organ_w) / 2      # 署名 centred over the date
        if organ_right < 0:
            date_right -= organ_right
            organ_right = 0
        self.para("GwSignature", self.text_runs(organ), before=L.SEAL_GAP_LINES * self.pitch, keep_next=True,
                  line=self.pitch, right=L.pt_to_twips(organ_right), first_line=0, jc="right")
        # The 附注 lines stay with the date: a page holding only a contact line is no page.
        return self.para("GwSignature", self.text_runs(date), line=self.pitch, keep_next=bool(self.s.notes()),
                         right=L.pt_to_twips(date_right), first_line=0, jc="right")

    def notes(self) -> etree._Element | None:
        last = None
        lines = self.s.notes()
        for k, line in enumerate(lines):
            # Left-aligned: a long phone number must not stretch the line's spacing.
            last = self.para("Normal", self.text_runs(line), line=self.pitch, first_line=self.indent, jc="left",
                             keep_next=k < len(lines) - 1)
        return last

    # -- 版记 ----------------------------------------------------------------------
    def record(self, anchor_in: etree._Element, ruled: bool) -> None:
        """抄送 (and 印发) in a text box anchored to the bottom of the last page's 版心.

        The rules are bottom borders of separate 1 pt paragraphs without indents, so they run
        the full 版心 width while the text keeps its one-character indents.
        """
        copy_line = self.s.copy_line()
        printing = self.s.printing_date() if ruled else None
        if not copy_line and not printing:
            return
        one = L.chars_twips(L.RECORD_INDENT_CHARS, L.RECORD_CHAR_PT)
        width_mm = L.TYPE_WIDTH_MM
        content: list[etree._Element] = []
        height_pt = 0.0

        def rule(eighths: int) -> None:
            nonlocal height_pt
            content.append(X.paragraph(X.ppr(
                style="GwRecord", borders=[X.border("bottom", "single", eighths, "000000")],
                line=L.RECORD_RULE_LINE_TWIPS, left=0, right=0, first_line=0)))
            height_pt += L.RECORD_RULE_LINE_TWIPS / L.TWIPS_PER_PT + eighths / 8

        if ruled:
            rule(L.RECORD_THICK_EIGHTHS)
        if copy_line:
            label = "抄送："
            hang = L.chars_twips(L.text_units(label), L.RECORD_CHAR_PT)
            per_line = L.mm_to_pt(width_mm) / L.RECORD_CHAR_PT - 2 * L.RECORD_INDENT_CHARS - L.text_units(label)
            rows = max(1, math.ceil((L.text_units(copy_line) - L.text_units(label)) / max(per_line - 1, 1)))
            content.append(X.paragraph(
                X.ppr(style="GwRecord", line=self.pitch, left=one + hang, right=one, hanging=hang, jc="both"),
                self.text_runs(copy_line, size=L.RECORD_SIZE)))
            height_pt += rows * L.LINE_PITCH_PT
            if printing:
                rule(L.RECORD_THIN_EIGHTHS)
        if printing:
            tab = L.mm_to_twips(width_mm) - one
            runs = self.text_runs(self.letter.printing.organ, size=L.RECORD_SIZE)
            runs.append(X.el("w:r", None, _rp("fangsong", L.RECORD_SIZE), X.el("w:tab")))
            runs += self.text_runs(printing, size=L.RECORD_SIZE)
            content.append(X.paragraph(
                X.ppr(style="GwRecord", tabs=[("right", tab)], line=self.pitch, left=one, first_line=0),
                runs))
            height_pt += L.LINE_PITCH_PT
        if ruled:
            rule(L.RECORD_THICK_EIGHTHS)
        box = self.floating_text("版记", content, x_mm=0, y_mm=0, w_mm=width_mm, h_pt=height_pt,
                                 rel_v="margin", align_v="bottom", wrap="topAndBottom")
        anchor_in.append(box)

    # -- all -----------------------------------------------------------------------
    def build(self) -> list[etree._Element]:
        layout = self.letter.layout
        if layout == "file":
            self.file_head()
        else:
            self.letter_head(printed=layout == "letter")
        self.title()
        self.salutation()
        self.body()
        self.attachments()
        last = self.signature()
        note = self.notes()
        last = note if note is not None else last
        # 信函式 has no 印发 line and no rules (10.1); on plain paper a given 印发 line is printed.
        self.record(last, ruled=layout == "file" or (layout == "plain" and self.letter.printing is not None))
        return self.out


def render_docx(letter: Letter, sentences: Sentences) -> bytes:
    """The .docx bytes of one letter; the same letter always gives the same bytes."""
    base = _base(letter.layout)
    root = deepcopy(base.document)
    body = root.find(X.qn("w:body"))
    sect = body.find(X.qn("w:sectPr"))
    for p in _Builder(letter, sentences).build():
        sect.addprevious(p)
    core = _core_xml(sentences.title(), letter.organ, letter.signature.date)
    made = {"word/document.xml": X.serialize(root), "docProps/core.xml": core,
            "docProps/custom.xml": _custom_xml(letter)}
    cached = dict(base.parts)
    parts = [(name, made.get(name) or cached[name]) for name in base.order]
    d = letter.signature.date
    return X.write_zip(parts, (max(d.year, 1980), d.month, d.day, 0, 0, 0))
