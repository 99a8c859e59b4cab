"""The text layer of a PDF → paragraphs, as a reader sees them.

A PDF has no paragraphs, only positioned lines. A line starts a new paragraph when it is
indented (GB/T 9704 indents each paragraph by two characters; titles and 落款 are centred or
right-aligned), when the line before it stopped short of the right margin, or after a larger
vertical gap. Page numbers ("— 2 —") are dropped, the spaces extraction puts between CJK
characters removed, and a paragraph cut by a page break flows on.
"""

from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass

from drafter.drafts import LoadError, fatal
from drafter.grammar import CJK

_CJK_GAP = re.compile(rf"(?<=[{CJK}\u3000-\u303f\uff00-\uffef])[ \u3000]+(?=[{CJK}\u3000-\u303f\uff00-\uffef])")
_PAGE_NUMBER = re.compile(r"^[-—–－\s]*(?:第\s*)?\d{1,3}\s*(?:页)?[-—–－\s]*(?:/\s*\d{1,3}|共\s*\d{1,3}\s*页)?$")


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int


def remove_cjk_spaces(s: str) -> str:
    """"答 复 如 下" → "答复如下", "实施 ISO56005 国际标准" → "实施ISO56005国际标准": a PDF has no
    space characters, only gaps, and the gaps next to CJK are typesetting. Spaces between Latin
    words or digits stay."""
    from drafter.textfix import remove_cjk_digit_spaces

    return remove_cjk_digit_spaces(_CJK_GAP.sub("", s), letters=True)


def _with_bold(text: str, chars: list[dict]) -> str:
    """The line with **…** around characters set in a bold font (the name says "Bold")."""
    out: list[str] = []
    j, bold = 0, False
    for ch in text:
        if j < len(chars) and chars[j].get("text") == ch:
            is_bold = "bold" in str(chars[j].get("fontname", "")).lower()
            if j and chars[j]["x0"] - chars[j - 1]["x1"] > 2 * chars[j].get("size", 12):
                out.append("\t")  # 文号 left and 签发人 right on one line: two fields, not one
            j += 1
            if is_bold != bold:
                out.append("**")
                bold = is_bold
        out.append(ch)
    if bold:
        out.append("**")
    return "".join(out).replace("** **", " ")


def _lines(raw: bytes, name: str) -> list[Line]:
    try:
        import pdfplumber

        pdf = pdfplumber.open(io.BytesIO(raw))
    except Exception as exc:  # noqa: BLE001 - encrypted, truncated, not a PDF at all
        raise LoadError(fatal(name, "IM030", f"无法打开 PDF 文件（{type(exc).__name__}），文件可能已损坏或加密")) from None
    out: list[Line] = []
    with pdf:
        for n, page in enumerate(pdf.pages):
            try:
                lines = page.extract_text_lines(strip=True, return_chars=True)
            except Exception:  # noqa: BLE001 - one unreadable page does not lose the others
                continue
            for ln in lines:
                text = remove_cjk_spaces(_with_bold(ln["text"], ln.get("chars", []))).strip()
                if not text.replace("*", ""):
                    continue
                sizes = [c.get("size", 0) for c in ln.get("chars", []) if c.get("text", "").strip()]
                size = statistics.median(sizes) if sizes else 12.0
                out.append(Line(text, ln["x0"], ln["x1"], ln["top"], ln["bottom"], size, n))
    return out


def pdf_paragraphs(raw: bytes, name: str) -> list[str]:
    lines = [ln for ln in _lines(raw, name) if not _PAGE_NUMBER.match(ln.text)]
    if not lines:
        raise LoadError(fatal(name, "IM031", "PDF 没有文字层（可能是扫描件），无法导入；请先做文字识别（OCR），或改用原始 Word 文件"))
    size = statistics.median(ln.size for ln in lines)
    # The body's margins: the most common left edge, and the right edge long lines reach.
    left = statistics.mode(round(ln.x0) for ln in lines)
    body = [ln for ln in lines if abs(ln.x0 - left) < size] or lines
    right = max(ln.x1 for ln in body)
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if a.page == b.page and b.top > a.bottom]
    usual_gap = statistics.median(gaps) if gaps else size * 0.5

    paragraphs: list[str] = []
    prev: Line | None = None
    for ln in lines:
        new = prev is None or not _open_bracket(prev.text) and (
            ln.x0 > left + 0.8 * size                      # indented, centred or right-aligned
            or (prev.x1 < right - 1.5 * size and not _wrapped(prev, ln, right))  # the line before stopped short
            or (ln.page == prev.page and ln.top - prev.bottom > max(usual_gap * 1.8, size)))
        if new:
            paragraphs.append(ln.text)
        else:
            paragraphs[-1] = _join(paragraphs[-1], ln.text)
        prev = ln
    return paragraphs


_TOKEN = r"[0-9A-Za-z\-—－./@:()_]+"
_LEADING_TOKEN = re.compile(rf"^\**{_TOKEN}(?:[、，,]{_TOKEN})*")


def _open_bracket(text: str) -> bool:
    """"（联系人：王钧，联系电话：" or "附件：2.……（2024—": the line ends inside a bracket."""
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _wrapped(prev: Line, ln: Line, right: float) -> bool:
    """A line that stopped short only because the next line's first token (a phone number, a
    URL) did not fit in the space left: the paragraph goes on."""
    m = _LEADING_TOKEN.match(ln.text)
    if not m:
        return False
    width = len(m.group(0)) * ln.size * 0.5
    return width > right - prev.x1 - ln.size * 0.5


def _join(a: str, b: str) -> str:
    """Hard line break inside a paragraph: no space between CJK, one between Latin words."""
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalpha():
        return a + " " + b
    return (a + b).replace("****", "")
