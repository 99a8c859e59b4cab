"""Letter → WordprocessingML, element by element, in the order GB/T 9704 prints them.

The package parts that do not depend on the letter (styles, settings, footers) are
built once per layout and process with lxml and reused; each render only builds
document.xml and the core properties and zips them with the cached parts.
"""

from __future__ import annotations

import datetime as dt
import math
from copy import deepcopy
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from lxml import etree

from drafter.model import Letter
from drafter.render import layout as L
from drafter.render import ooxml as X
from drafter.sentences import Sentences

if TYPE_CHECKING:  # pragma: no cover - compose imports this module
    from drafter.render.compose import RenderOptions

# -- base package ------------------------------------------------------------------------------

@dataclass
class _Base:
    parts: list[tuple[str, bytes]]          # every part except document.xml and core.xml
    order: list[str]                        # all part names in zip order
    document: etree._Element                # document.xml root with an empty body + sectPr
    blank_footer: str = ""                  # relationship id of the empty footer


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
                       rpr=_rp("heiti", L.BODY_SIZE, latin=L.FONTS["heiti"])))
    root.append(_style("GwAttachmentLabel", "附件标识", ppr=X.ppr(jc="left", **flush),
                       rpr=_rp("heiti", L.BODY_SIZE, latin=L.FONTS["heiti"])))
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
                 ("/word/fontTable.xml", f"{_WML_CT}.fontTable+xml"),
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
                          *((f"rId{3 + k}", f"{_OFFICE_REL}/footer", f) for k, f in enumerate(footers)),
                          (f"rId{3 + len(footers)}", f"{_OFFICE_REL}/fontTable", "fontTable.xml")])
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


# Font table: Word and WPS pick a substitute for a missing font by charset, family and the
# alternate name; 86 is the GB2312 charset, so a PC without 方正 fonts falls back to a Chinese
# font of the right kind instead of a Latin default.
FONT_TABLE = (
    # name, alternate name, charset, family, panose
    (L.FONTS["fangsong"], "FangSong", "86", "modern", "02010609060101010101"),
    (L.FONTS["kaiti"], "KaiTi", "86", "modern", "02010609060101010101"),
    (L.FONTS["heiti"], "SimHei", "86", "modern", "02010609060101010101"),
    (L.FONTS["songti"], "SimSun", "86", "auto", "02010600030101010101"),
    (L.FONTS["xiaobiaosong"], "FZXiaoBiaoSong-B05S", "86", "script", "02000000000000000000"),
    (L.LATIN_FONT, "", "00", "roman", "02020603050405020304"),
)


def _font_table() -> etree._Element:
    root = _xml_part(X.qn("w:fonts"), {"w": X.NS["w"]})
    for name, alt, charset, family, panose in FONT_TABLE:
        font = X.el("w:font", {"w:name": name})
        if alt:
            font.append(X.val("w:altName", alt))
        font.append(X.val("w:panose1", panose))
        font.append(X.val("w:charset", charset))
        font.append(X.val("w:family", family))
        font.append(X.val("w:pitch", "variable"))
        root.append(font)
    return root


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
    # An empty footer for the blank page and the 版记 page after it (7.5: neither is numbered);
    # only a letter that needs the blank page refers to it.
    stories.append(("blank", [X.paragraph(X.ppr(style="GwPageNumber"))]))
    footer_names = [f"footer{k + 1}.xml" for k in range(len(stories))]
    ns = {"w": X.NS["w"], "r": X.NS["r"]}
    parts = _package_xml(footer_names)
    parts.append(("docProps/app.xml", _app_xml()))
    styles = _xml_part(X.qn("w:styles"), {"w": X.NS["w"]})
    _styles(styles)
    parts.append(("word/styles.xml", X.serialize(styles)))
    parts.append(("word/settings.xml", X.serialize(_settings())))
    sect = X.el("w:sectPr")
    blank_rid = ""
    for k, ((kind, paragraphs), name) in enumerate(zip(stories, footer_names)):
        ftr = _xml_part(X.qn("w:ftr"), ns, *paragraphs)
        parts.append((f"word/{name}", X.serialize(ftr)))
        if kind == "blank":
            blank_rid = f"rId{3 + k}"
        else:
            sect.append(X.el("w:footerReference", {"w:type": kind, "r:id": f"rId{3 + k}"}))
    parts.append(("word/fontTable.xml", X.serialize(_font_table())))
    g = L.GEOMETRY
    X.page_setup(sect, width=g.page_w, height=g.page_h, top=g.top, bottom=g.bottom,
                 left=g.left, right=g.right, header=g.header, footer=g.footer,
                 line_pitch=L.LINE_PITCH_TWIPS, title_page=title_page)
    document = _xml_part(X.qn("w:document"), dict(X.NS), X.el("w:body", None, sect))
    order = ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "docProps/custom.xml",
             "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
             "word/fontTable.xml", *(f"word/{n}" for n in footer_names)]
    return _Base(parts, order, document, blank_rid)


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


ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)


def render_docx(letter: Letter, sentences: Sentences, options: "RenderOptions | None" = None) -> bytes:
    """The .docx bytes of one letter; the same letter always gives the same bytes."""
    from drafter.render.compose import RenderOptions, compose

    base = _base(letter.layout)
    root = deepcopy(base.document)
    body = root.find(X.qn("w:body"))
    sect = body.find(X.qn("w:sectPr"))
    for p in compose(letter, sentences, options or RenderOptions(), sect, base.blank_footer):
        sect.addprevious(p)
    core = _core_xml(sentences.title(), letter.organ, letter.signature.date)
    made = {"word/document.xml": X.serialize(root), "docProps/core.xml": core,
            "docProps/custom.xml": _custom_xml(letter)}
    cached = dict(base.parts)
    parts = [(name, made.get(name) or cached[name]) for name in base.order]
    # One fixed zip timestamp: the same draft gives the same bytes, and a 成文日期 outside the
    # zip format's 1980-2107 cannot break the write. The real dates are in docProps/core.xml.
    return X.write_zip(parts, ZIP_TIMESTAMP)
