"""Read a .docx the way Word would lay it out: effective run and paragraph properties.

Property resolution follows WordprocessingML inheritance, lowest to highest:
docDefaults → paragraph style chain (basedOn) → character style chain → direct formatting.
Each attribute is inherited on its own (a style may set `w:line` and the paragraph
`w:after`). Theme font attributes (`w:eastAsiaTheme` …) beat explicit names at the
same level, so a run whose East Asian slot comes from the theme is reported as such.

Only the standard library, lxml and python-docx's package reader are used; nothing is
rendered.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from lxml import etree

from drafter.drafts import os_reason
from drafter.limits import SOURCE_BYTES, BudgetExceeded, check_zip, parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
V = "urn:schemas-microsoft-com:vml"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# -- values ------------------------------------------------------------------------------------

THEME = "theme"  # FontRef.kind for a font taken from the document theme
NAMED = "named"
UNSET = "unset"  # nothing anywhere names an East Asian font: the application's default


@dataclass(frozen=True)
class FontRef:
    kind: str  # NAMED, THEME or UNSET
    name: str = ""  # the font name, or the theme slot (minorEastAsia …)
    theme_face: str = ""  # for THEME: the face the theme maps the slot to for Chinese, if any

    def label(self) -> str:
        if self.kind == NAMED:
            return self.name
        if self.kind == THEME:
            face = f"，即{self.theme_face}" if self.theme_face else ""
            return f"主题字体（{self.name}{face}）"
        return "未指定（由程序默认字体代替）"


@dataclass
class RunProps:
    east_asia: FontRef
    ascii: FontRef
    size_pt: float  # w:sz / 2; 10 pt when nothing sets it (ECMA default)
    color: str | None  # "FF0000", "auto" or None (= auto)


@dataclass
class Span:
    """Visible text of one run with its effective properties."""

    text: str
    props: RunProps
    in_field: str = ""  # the field instruction when the text is a field result (PAGE …)


@dataclass
class ParaInfo:
    element: etree._Element
    index: int  # 1-based among the body's top-level paragraphs; 0 for header/footer/text box ones
    text: str
    spans: list[Span]
    jc: str  # effective alignment: left, center, right, both, distribute …
    line: int | None  # w:spacing/@w:line (twips for exact/atLeast, 240ths for auto)
    line_rule: str  # auto, exact, atLeast
    snap_to_grid: bool
    first_line_twips: int | None  # resolved first-line indent (negative = hanging)
    first_line_chars: int | None  # in hundredths of a character, if given in characters
    borders: list[etree._Element] = field(default_factory=list)  # effective pBdr sides

    def max_size(self) -> float:
        sizes = [s.props.size_pt for s in self.spans if s.text.strip()]
        return max(sizes) if sizes else 0.0


# -- reading the package ------------------------------------------------------------------------

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_FILE_BYTES = SOURCE_BYTES


class NotDocx(Exception):
    """The file cannot be read as a .docx; `kind` says why (missing, ole, zip, bomb, xml)."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(kind)
        self.kind = kind
        self.detail = detail


def open_document(path: Path):
    """python-docx Document for `path`, or NotDocx."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise NotDocx("missing") from None
    except OSError as exc:
        raise NotDocx("io", os_reason(exc)) from None
    if head == OLE_MAGIC:
        raise NotDocx("ole")
    if size > MAX_FILE_BYTES:
        raise NotDocx("big")
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            check_zip(z)  # parts and inflated size within budget before python-docx reads them all
    except BudgetExceeded as exc:
        raise NotDocx("bomb", exc.message) from None
    except zipfile.BadZipFile:
        raise NotDocx("zip") from None
    if "word/document.xml" not in names and not any(n.endswith("document.xml") for n in names):
        raise NotDocx("notword")
    try:
        doc = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError, zipfile.BadZipFile,
            AttributeError, TypeError, IndexError) as exc:
        raise NotDocx("xml", str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    if doc.part.content_type != "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml":
        # .docm / templates still lay out the same way; anything else is not a Word document
        if "wordprocessingml" not in doc.part.content_type:
            raise NotDocx("notword")
    return doc


# -- styles ---------------------------------------------------------------------------------------


class Styles:
    """The styles part and theme, with style-chain resolution."""

    def __init__(self, doc):
        self.by_id: dict[str, etree._Element] = {}
        self.default_para: str | None = None
        self.default_char: str | None = None
        self.defaults_rpr = None
        self.defaults_ppr = None
        try:
            root = doc.styles.element
        except Exception:  # no styles part at all: everything is the application default
            root = None
        if root is not None:
            for st in root.findall(w("style")):
                sid = st.get(w("styleId"))
                if sid is None:
                    continue
                self.by_id.setdefault(sid, st)
                if st.get(w("default")) in ("1", "true", "on"):
                    kind = st.get(w("type"))
                    if kind == "paragraph" and self.default_para is None:
                        self.default_para = sid
                    elif kind == "character" and self.default_char is None:
                        self.default_char = sid
            dd = root.find(w("docDefaults"))
            if dd is not None:
                self.defaults_rpr = dd.find(f"{w('rPrDefault')}/{w('rPr')}")
                self.defaults_ppr = dd.find(f"{w('pPrDefault')}/{w('pPr')}")
        self.theme_faces = _theme_faces(doc)

    def chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and its basedOn ancestors, most general first."""
        out: list[etree._Element] = []
        seen: set[str] = set()
        sid = style_id
        while sid and sid not in seen and len(seen) < 30:
            seen.add(sid)
            st = self.by_id.get(sid)
            if st is None:
                break
            out.append(st)
            based = st.find(w("basedOn"))
            sid = based.get(w("val")) if based is not None else None
        return list(reversed(out))

    def para_style_id(self, p: etree._Element) -> str | None:
        ps = p.find(f"{w('pPr')}/{w('pStyle')}")
        if ps is not None and ps.get(w("val")) in self.by_id:
            return ps.get(w("val"))
        return self.default_para

    def ppr_levels(self, p: etree._Element) -> list[etree._Element]:
        """pPr elements from most general to most specific."""
        levels = []
        if self.defaults_ppr is not None:
            levels.append(self.defaults_ppr)
        for st in self.chain(self.para_style_id(p)):
            pp = st.find(w("pPr"))
            if pp is not None:
                levels.append(pp)
        direct = p.find(w("pPr"))
        if direct is not None:
            levels.append(direct)
        return levels

    def rpr_levels(self, p: etree._Element, r: etree._Element) -> list[etree._Element]:
        levels = []
        if self.defaults_rpr is not None:
            levels.append(self.defaults_rpr)
        for st in self.chain(self.para_style_id(p)):
            rp = st.find(w("rPr"))
            if rp is not None:
                levels.append(rp)
        rs = r.find(f"{w('rPr')}/{w('rStyle')}")
        char_style = rs.get(w("val")) if rs is not None else self.default_char
        for st in self.chain(char_style):
            rp = st.find(w("rPr"))
            if rp is not None:
                levels.append(rp)
        direct = r.find(w("rPr"))
        if direct is not None:
            levels.append(direct)
        return levels

    def run_props(self, p: etree._Element, r: etree._Element) -> RunProps:
        levels = self.rpr_levels(p, r)
        east = self._font(levels, "eastAsia")
        latin = self._font(levels, "ascii")
        size = None
        color = None
        for lv in levels:
            sz = lv.find(w("sz"))
            if sz is not None and _num(sz.get(w("val"))) is not None:
                size = _num(sz.get(w("val"))) / 2
            c = lv.find(w("color"))
            if c is not None and c.get(w("val")):
                color = c.get(w("val"))
        return RunProps(east, latin, size if size is not None else 10.0, color)

    def _font(self, levels: list[etree._Element], slot: str) -> FontRef:
        ref = FontRef(UNSET)
        for lv in levels:
            rf = lv.find(w("rFonts"))
            if rf is None:
                continue
            theme = rf.get(w(f"{slot}Theme"))
            name = rf.get(w(slot))
            if theme:
                ref = FontRef(THEME, theme, self.theme_faces.get(theme, ""))
            elif name:
                ref = FontRef(NAMED, name.strip())
        return ref


def _theme_faces(doc) -> dict[str, str]:
    """minorEastAsia/majorEastAsia/… → the typeface the theme gives them for Simplified Chinese."""
    faces: dict[str, str] = {}
    try:
        theme = next(r.target_part for r in doc.part.rels.values()
                     if r.reltype.endswith("/theme") and not r.is_external)
        root = parse_xml(theme.blob)
    except Exception:
        return faces
    for which in ("minor", "major"):
        fs = root.find(f".//{{{A}}}{which}Font")
        if fs is None:
            continue
        latin = fs.find(f"{{{A}}}latin")
        ea = fs.find(f"{{{A}}}ea")
        hans = next((f.get("typeface") for f in fs.findall(f"{{{A}}}font") if f.get("script") == "Hans"), "")
        faces[f"{which}EastAsia"] = (ea.get("typeface") if ea is not None else "") or hans or ""
        lt = latin.get("typeface") if latin is not None else ""
        faces[f"{which}HAnsi"] = lt or ""
        faces[f"{which}Ascii"] = lt or ""
    return faces


def _num(v: str | None) -> float | None:
    if v is None:
        return None
    try:
        return float(v)
    except ValueError:
        return None


# -- paragraphs ------------------------------------------------------------------------------------

_SKIP = {w("txbxContent"), f"{{{MC}}}Fallback", w("del"), w("moveFrom"), w("pict"), w("drawing"),
         w("object")}


def iter_runs(p: etree._Element) -> Iterator[etree._Element]:
    """The paragraph's own runs in order (hyperlinks, insertions, simple fields included;
    text boxes, deleted text and compatibility fallbacks excluded)."""
    stack = list(reversed(list(p)))
    while stack:
        e = stack.pop()
        if not isinstance(e.tag, str) or e.tag in _SKIP:
            continue
        if e.tag == w("r"):
            yield e
            continue
        if e.tag == w("pPr"):
            continue
        stack.extend(reversed(list(e)))


def _field_of(e: etree._Element) -> str:
    """The instruction of an enclosing w:fldSimple, if any."""
    for anc in e.iterancestors():
        if anc.tag == w("fldSimple"):
            return anc.get(w("instr")) or ""
        if anc.tag == w("p"):
            break
    return ""


def read_paragraph(styles: Styles, p: etree._Element, index: int = 0) -> ParaInfo:
    spans: list[Span] = []
    # Complex fields: begin → instruction runs → separate → result runs → end (nestable).
    stack: list[list] = []  # [instruction, in_result]
    for r in iter_runs(p):
        props = None
        for child in r:
            tag = child.tag
            if tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    stack.append(["", False])
                elif kind == "separate" and stack:
                    stack[-1][1] = True
                elif kind == "end" and stack:
                    stack.pop()
                continue
            if tag == w("instrText"):
                if stack:
                    stack[-1][0] += child.text or ""
                    if props is None:
                        props = styles.run_props(p, r)
                    # An un-updated field shows its code's formatting: keep a marker span.
                    spans.append(Span("", props, "instr:" + stack[-1][0]))
                continue
            if tag in (w("t"), w("tab"), w("br"), w("cr"), w("noBreakHyphen"), w("sym")):
                if stack and not stack[-1][1]:
                    continue  # stray text inside an instruction part
                # U+2060 (word joiner) only keeps a name on one line: no text of its own.
                text = {w("t"): (child.text or "").replace("\u2060", ""), w("tab"): "\t", w("br"): "\n", w("cr"): "\n",
                        w("noBreakHyphen"): "-", w("sym"): "□"}[tag]
                if props is None:
                    props = styles.run_props(p, r)
                instr = stack[-1][0] if stack else _field_of(r)
                spans.append(Span(text, props, instr.strip()))
    # Instruction spans have no text; they stay so that a field without a cached result
    # (or its formatting) is still seen by the page-number checks.
    text = "".join(s.text for s in spans)
    levels = styles.ppr_levels(p)
    jc = "left"
    line = None
    rule = "auto"
    snap = True
    first_twips: int | None = None
    first_chars: int | None = None
    borders: dict[str, etree._Element] = {}
    for lv in levels:
        j = lv.find(w("jc"))
        if j is not None and j.get(w("val")):
            jc = {"start": "left", "end": "right"}.get(j.get(w("val")), j.get(w("val")))
        sp = lv.find(w("spacing"))
        if sp is not None:
            if sp.get(w("line")) is not None and _num(sp.get(w("line"))) is not None:
                line = int(_num(sp.get(w("line"))))
                rule = "auto"
            if sp.get(w("lineRule")):
                rule = sp.get(w("lineRule"))
        sg = lv.find(w("snapToGrid"))
        if sg is not None:
            snap = sg.get(w("val"), "1") not in ("0", "false", "off")
        ind = lv.find(w("ind"))
        if ind is not None:
            got = _first_line(ind)
            if got is not None:
                first_twips, first_chars = got
        bdr = lv.find(w("pBdr"))
        if bdr is not None:
            for side in bdr:
                if isinstance(side.tag, str):
                    borders[etree.QName(side).localname] = side
    return ParaInfo(p, index, text, [s for s in spans if s.text or s.in_field.startswith("instr:")],
                    jc, line, rule, snap, first_twips, first_chars, list(borders.values()))


def _first_line(ind: etree._Element) -> tuple[int | None, int | None] | None:
    """(twips, hundredths of a char) for the first line of one w:ind, or None if it sets neither."""
    def get(name):
        v = _num(ind.get(w(name)))
        return None if v is None else int(v)

    fl, flc, hg, hgc = get("firstLine"), get("firstLineChars"), get("hanging"), get("hangingChars")
    if all(v is None for v in (fl, flc, hg, hgc)):
        return None
    if hgc:
        return (-(hg or 0), -hgc)
    if flc:
        return (fl, flc)
    if hg is not None and hg != 0:
        return (-hg, None)
    return (fl or 0, None)


def body_paragraphs(doc) -> list[etree._Element]:
    return [e for e in doc.element.body if e.tag == w("p")]


def text_box_paragraphs(e: etree._Element) -> list[etree._Element]:
    """Paragraphs inside text boxes anchored in `e` (DrawingML first, VML when there is no choice)."""
    out = []
    for box in e.iter(w("txbxContent")):
        if any(a.tag == f"{{{MC}}}Fallback" for a in box.iterancestors()):
            continue
        out.extend(box.iter(w("p")))
    return out


# -- colours -----------------------------------------------------------------------------------------

_NAMED_RED = {"red", "darkred", "#f00", "#ff0000", "#c00000", "#e60012"}


def is_red(color: str | None) -> bool:
    """A red such as FF0000, C00000, E60012 (strong red channel, weak green and blue)."""
    if not color:
        return False
    c = color.strip().lower()
    if c in _NAMED_RED:
        return True
    c = c.lstrip("#").split()[0]
    if not re.fullmatch(r"[0-9a-f]{6}", c):
        return False
    r, g, b = int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)
    return r >= 0xB0 and g <= 0x50 and b <= 0x50


def red_line_in(e: etree._Element) -> bool:
    """Does `e` hold a red rule: a red border, or a thin red DrawingML/VML shape or line?"""
    # Paragraph, table and cell borders written directly in this subtree.
    for tag in ("pBdr", "tblBorders", "tcBorders"):
        for box in e.iter(w(tag)):
            for side in box:
                if isinstance(side.tag, str) and _red_border(side):
                    return True
    # DrawingML shapes: a red outline, or a red-filled thin rectangle without text.
    for shape in _iter_ns(e, "wsp"):
        sppr = next((c for c in shape if isinstance(c.tag, str) and etree.QName(c).localname == "spPr"), None)
        if sppr is None:
            continue
        ln = sppr.find(f"{{{A}}}ln")
        if ln is not None and any(is_red(c.get("val")) for c in ln.iter(f"{{{A}}}srgbClr")):
            return True
        fill = sppr.find(f"{{{A}}}solidFill")
        if fill is not None and any(is_red(c.get("val")) for c in fill.iter(f"{{{A}}}srgbClr")):
            if not any(etree.QName(c).localname == "txbx" for c in shape) and _thin(shape):
                return True
    # VML (older Word, WPS): v:line / v:shape with a red stroke, or a thin red-filled rect.
    for v in e.iter(f"{{{V}}}line", f"{{{V}}}shape", f"{{{V}}}rect", f"{{{V}}}polyline"):
        stroke = v.get("strokecolor")
        if stroke is not None and is_red(stroke) and v.get("stroked") != "f":
            return True
        if v.get("fillcolor") and is_red(v.get("fillcolor")) and v.get("filled") != "f":
            style = v.get("style") or ""
            m = re.search(r"height:\s*([\d.]+)pt", style)
            if m and float(m.group(1)) <= 8:
                return True
    return False


def _iter_ns(e: etree._Element, local: str) -> Iterator[etree._Element]:
    yield from e.iter(f"{{{WPS}}}{local}")


def _thin(shape: etree._Element) -> bool:
    """A shape at most 5 mm high (a rule, not a coloured block)."""
    for anc in shape.iterancestors():
        if anc.tag in (f"{{{WP}}}anchor", f"{{{WP}}}inline"):
            ext = anc.find(f"{{{WP}}}extent")
            if ext is not None and _num(ext.get("cy")) is not None:
                return _num(ext.get("cy")) <= 5 * 36000
            break
    return True


def _red_border(side: etree._Element) -> bool:
    kind = side.get(w("val"))
    return kind not in (None, "nil", "none") and is_red(side.get(w("color")))
