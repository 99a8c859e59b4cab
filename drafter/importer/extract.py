"""Source files → a flat list of paragraphs (strings with **bold** markup), in reading order.

Nothing here interprets the letter; it only reads .docx (body, text boxes, tables, first-page
header), HTML (block elements, minus scripts and page chrome) and plain or Markdown-ish text.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from drafter.drafts import LoadError, fatal, os_reason
from drafter.limits import HTML_DEPTH, PARAGRAPHS, SOURCE_BYTES, BudgetExceeded, strip_unprintable

MAX_BYTES = SOURCE_BYTES
SUFFIX_FORMATS = {
    ".docx": "docx", ".txt": "txt", ".text": "txt", ".md": "txt", ".html": "html", ".htm": "html",
    ".shtml": "html", ".pdf": "pdf", ".doc": "doc", ".wps": "doc",
}
BINARY_FORMATS = ("docx", "pdf", "doc")


def source_format(path: Path) -> str | None:
    return SUFFIX_FORMATS.get(path.suffix.lower())


def read_source(path: Path, name: str) -> tuple[str, str | bytes]:
    """(format, content): text for txt/html, bytes for docx. Raises LoadError when unreadable."""
    fmt = source_format(path)
    if not path.exists():
        raise LoadError(fatal(name, "IM001", "文件不存在，请检查路径"))
    if path.is_dir():
        raise LoadError(fatal(name, "IM002", "这是文件夹，请给出要导入的 .docx、.pdf、.txt 或 .html 文件"))
    if fmt is None:
        raise LoadError(fatal(name, "IM003", "不能导入此类文件：只支持 .docx、.doc、.wps、.pdf、.txt、.html/.htm"))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:  # refused before reading: a 2 GB file is not read into memory
            raise LoadError(fatal(name, "IM005", f"文件过大（{size // (1024 * 1024)} MB，上限 {MAX_BYTES // (1024 * 1024)} MB），不像一份答复函"))
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise LoadError(fatal(name, "IM004", f"无法读取文件（{os_reason(exc)}），请检查权限")) from None
    if len(raw) > MAX_BYTES:  # grew while we looked, or a device
        raise LoadError(fatal(name, "IM005", f"文件过大（上限 {MAX_BYTES // (1024 * 1024)} MB），不像一份答复函"))
    if fmt == "doc":
        from drafter.importer.legacy import convert_to_docx

        return "docx", convert_to_docx(raw, path.suffix.lower(), name)
    if fmt in BINARY_FORMATS:
        return fmt, raw
    return fmt, decode_text(raw, name)


def decode_text(raw: bytes, name: str) -> str:
    """UTF-8 (BOM or not), UTF-16, GBK/GB18030, Big5 (see encoding.py); a binary file (a picture
    or a Word file renamed .txt) is refused instead of being read as gibberish."""
    from drafter.importer.encoding import decode_letter

    kind = _binary_kind(raw[:16])
    if kind:
        raise LoadError(fatal(name, "IM006", f"不是文本文件（看起来是{kind}），请检查扩展名"))
    text = decode_letter(raw, name)[0]
    sample = text[:20000]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f")
    if controls > max(8, len(sample) // 100):
        raise LoadError(fatal(name, "IM006", "不是文本文件（含大量控制字符，看起来是二进制文件），请检查扩展名"))
    return text


_MAGIC = ((b"PK\x03\x04", "Word 文档或压缩包"), (b"\xd0\xcf\x11\xe0", "旧版 Word 文档"), (b"%PDF", "PDF 文件"),
          (b"\x89PNG", "图片"), (b"\xff\xd8\xff", "图片"), (b"GIF8", "图片"), (b"\x7fELF", "程序文件"), (b"MZ", "程序文件"))


def _binary_kind(head: bytes) -> str | None:
    return next((kind for magic, kind in _MAGIC if head.startswith(magic)), None)


# -- text ------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$")


def text_paragraphs(text: str) -> list[str]:
    """One paragraph per non-blank line; Markdown heading marks and rules dropped, ** kept as bold."""
    out = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if _MD_RULE.match(line):
            continue
        line = _MD_HEADING.sub("", line)
        line = clean(line)
        if line:
            out.append(line)
    return _within_budget(out)


def _within_budget(paragraphs: list) -> list:
    if len(paragraphs) > PARAGRAPHS:
        raise BudgetExceeded(f"有 {len(paragraphs)} 段，超过上限 {PARAGRAPHS} 段，不像一份答复函")
    return paragraphs


def clean(s: str) -> str:
    """Trim layout whitespace (indents, non-breaking and ideographic spaces at the ends); drop
    characters no letter can print (control characters, lone surrogates), whatever the source."""
    s = strip_unprintable(s.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", ""))
    return s.strip(" \t\u3000")


# -- HTML ----------------------------------------------------------------------

_BLOCK_TAGS = {
    "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section",
    "article", "table", "ul", "ol", "dd", "dt", "dl", "blockquote", "pre", "center", "form",
}
_DROP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "iframe", "select", "button", "head", "template"}


def html_paragraphs(html: str) -> list[str]:
    from bs4 import BeautifulSoup, Comment, NavigableString, Tag

    soup = BeautifulSoup(html, "lxml")
    depth = _max_depth(soup)
    if depth > HTML_DEPTH:
        raise BudgetExceeded(f"网页标签嵌套 {depth} 层，超过上限 {HTML_DEPTH} 层，不像一份答复函")
    for tag in soup.find_all(list(_DROP_TAGS)):
        tag.decompose()
    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = clean(_tidy_bold("".join(current)))
        current.clear()
        for part in text.split("\n"):
            part = clean(part)
            if part:
                lines.append(part)

    def walk(node, bold: bool) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                text = re.sub(r"[ \t\r\n]+", " ", str(child))
                if text.strip():
                    current.append(f"**{text}**" if bold and text.strip() else text)
                elif text:
                    current.append(" ")
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            is_bold = bold or name in ("b", "strong") or _styled_bold(child)
            if name in _BLOCK_TAGS:
                flush()
                walk(child, is_bold)
                flush()
            else:
                walk(child, is_bold)

    walk(soup.body or soup, False)
    flush()
    return _within_budget(lines)


def _max_depth(soup) -> int:
    """Deepest tag nesting, counted without recursion (the walk below recurses per level)."""
    from bs4 import Tag

    deepest = 0
    stack = [(soup, 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((c, depth + 1) for c in node.children if isinstance(c, Tag))
    return deepest


def _styled_bold(tag) -> bool:
    style = (tag.get("style") or "").replace(" ", "").lower()
    return "font-weight:bold" in style or "font-weight:700" in style


def _tidy_bold(s: str) -> str:
    """Merge adjacent bold pieces ("**a****b**" → "**ab**") and move spaces outside markers."""
    s = s.replace("****", "")
    s = re.sub(r"\*\*(\s+)", r"\1**", s)
    s = re.sub(r"(\s+)\*\*(?=\s|$)", r"**\1", s)
    return s.replace("****", "")


# -- docx ----------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def docx_paragraphs(raw: bytes, name: str) -> list[str]:
    """Paragraphs of the first-page / default header, then the body, text boxes in place."""
    import zipfile

    from drafter.limits import open_zip

    try:
        with open_zip(raw) as z:  # budgets on parts and inflated size, before python-docx reads all
            if not any(n.endswith("document.xml") for n in z.namelist()):
                raise LoadError(fatal(name, "IM007", "无法打开 .docx 文件：压缩包中没有 Word 正文（word/document.xml），不是 Word 文档"))
    except zipfile.BadZipFile:
        raise LoadError(fatal(name, "IM007", "无法打开 .docx 文件：不是 Word 文档（不是 zip 压缩包），文件可能已损坏")) from None
    except BudgetExceeded as exc:
        raise LoadError(fatal(name, "IM005", f"无法打开 .docx 文件：{exc.message}")) from None
    try:
        from docx import Document

        doc = Document(io.BytesIO(raw))
    except Exception as exc:  # noqa: BLE001 - any failure means "not a readable .docx"
        raise LoadError(fatal(name, "IM007", f"无法打开 .docx 文件（{type(exc).__name__}），文件可能已损坏或不是 Word 文档")) from None
    from drafter.importer.numbering import Numbering

    out: list[str] = []
    section = doc.sections[0] if doc.sections else None
    if section is not None:
        try:
            header = section.first_page_header if section.different_first_page_header_footer else section.header
            if not header.is_linked_to_previous:
                out.extend(_element_paragraphs(header._element))
        except (KeyError, ValueError, AttributeError):
            pass  # a header pointing at a part that is not in the package: read the body alone
    out.extend(_element_paragraphs(doc.element.body, Numbering.of(doc)))
    return _within_budget(out)


def _element_paragraphs(root, numbering=None) -> list[str]:
    """Every w:p under `root` in document order; a paragraph holding a text box yields the
    box's paragraphs first (they are what a reader sees there), then its own runs."""
    out: list[str] = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if tag == MC_FALLBACK:  # the same text box again, for old readers
                continue
            if tag == W + "p":
                inner: list[str] = []
                fonts: list[tuple[str, str | None]] = []
                text = _paragraph_text(child, inner, fonts)
                marker = numbering.marker(child) if numbering is not None else ""
                if marker and text.strip():
                    # Word's automatic 一、/（一）: the marker is not in the text, only in numbering.xml
                    text = marker + text.lstrip()
                    fonts.insert(0, (marker, fonts[0][1] if fonts else None))
                out.extend(inner)
                head = _heading_font_text(fonts) if "\n" not in text else None
                for part in text.split("\n"):
                    part = clean(_tidy_bold(part))
                    if part:
                        out.append(Paragraph(part, head) if head else part)
            else:
                walk(child)

    walk(root)
    return out


class Paragraph(str):
    """A .docx paragraph whose first runs are in a heading font (黑体/楷体) and the rest in the
    body font (仿宋): `heading` is the plain text of those first runs, which is how a run-in
    heading ("（二）征求各方意见" + body) is told from its paragraph when no "。" ends it."""

    heading: str | None

    def __new__(cls, text: str, heading: str | None = None):
        obj = super().__new__(cls, text)
        obj.heading = heading
        return obj


_HEADING_FAMILIES = ("heiti", "kaiti")


def _font_family(r) -> str | None:
    from drafter.render.layout import FONT_FAMILIES

    rfonts = r.find(f"{W}rPr/{W}rFonts")
    if rfonts is None:
        return None
    name = rfonts.get(W + "eastAsia") or rfonts.get(W + "ascii") or ""
    key = re.sub(r"[\s_\-]", "", name).lower()
    for family in ("fangsong", "kaiti", "heiti"):
        if any(frag.lower() in key for frag in FONT_FAMILIES[family]):
            return family
    return None


def _heading_font_text(fonts: list[tuple[str, str | None]]) -> str | None:
    """The leading heading-font text of a paragraph whose later text is in 仿宋, else None."""
    head: list[str] = []
    k = 0
    while k < len(fonts) and (fonts[k][1] in _HEADING_FAMILIES or not fonts[k][0].strip()):
        head.append(fonts[k][0])
        k += 1
    if not any(t.strip() for t in head) or k == len(fonts):
        return None
    rest = [(t, f) for t, f in fonts[k:] if t.strip()]
    if not rest or any(f != "fangsong" for _, f in rest):
        return None
    return clean("".join(head).replace("\u00a0", " ")) or None


def _paragraph_text(p, nested: list[str], fonts: list[tuple[str, str | None]] | None = None) -> str:
    pieces: list[str] = []

    def visit(el) -> None:
        for child in el:
            tag = child.tag
            if tag == MC_FALLBACK:
                continue
            if tag == W + "txbxContent":
                nested.extend(_element_paragraphs(child))
                continue
            if tag == W + "r":
                bold = _run_bold(child)
                for part in child:
                    if part.tag == W + "t":
                        text = (part.text or "").replace("\u2060", "")  # word joiners hold names together
                        pieces.append(f"**{text}**" if bold and text.strip() else text)
                        if fonts is not None and text:
                            fonts.append((text, _font_family(child)))
                    elif part.tag == W + "tab":
                        pieces.append(" ")
                    elif part.tag == W + "noBreakHyphen":  # "0577‑89600223" kept on one line
                        pieces.append("**-**" if bold else "-")
                    elif part.tag in (W + "br", W + "cr"):
                        pieces.append("\n")
                    else:
                        visit(part)  # drawings carrying text boxes
                continue
            if tag in (W + "pPr", W + "rPr"):
                continue
            visit(child)

    visit(p)
    return "".join(pieces)


def _run_bold(r) -> bool:
    rpr = r.find(W + "rPr")
    if rpr is None:
        return False
    b = rpr.find(W + "b")
    if b is None:
        return False
    val = b.get(W + "val")
    return val not in ("0", "false", "off")


def docx_metadata(raw: bytes) -> dict:
    """What drafter recorded in a letter it rendered (custom property "drafter"), else {}.
    Anything unexpected is ignored: the text of the letter is what counts."""
    import json

    from drafter.limits import open_zip, parse_xml, read_member

    try:
        with open_zip(raw) as z:
            xml = read_member(z, "docProps/custom.xml")
        root = parse_xml(xml)
    except Exception:  # noqa: BLE001 - no such part, or a broken one: no metadata
        return {}
    for prop in root:
        if prop.get("name") == "drafter" and len(prop) and prop[0].text:
            try:
                meta = json.loads(prop[0].text)
            except ValueError:
                return {}
            return meta if isinstance(meta, dict) else {}
    return {}


def paragraphs_for(fmt: str, content: str | bytes, name: str) -> list[str]:
    if fmt == "docx":
        return docx_paragraphs(content, name)  # type: ignore[arg-type]
    if fmt == "pdf":
        from drafter.importer.pdftext import pdf_paragraphs

        return pdf_paragraphs(content, name)  # type: ignore[arg-type]
    if fmt == "html" or (fmt == "txt" and _looks_like_html(content)):  # type: ignore[arg-type]
        return html_paragraphs(content)  # type: ignore[arg-type]
    return text_paragraphs(content)  # type: ignore[arg-type]


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<body" in head or "<!doctype html" in head
