"""Check a Word letter's own layout against GB/T 9704-2012, without Word or LibreOffice.

    findings = check_docx_layout(path, name)   # usually through drafter.docxcheck

Findings carry code GB1xx; `line` is the body paragraph number (1-based, top-level
paragraphs in document order) where a problem is first seen, or None for page-wide
settings. A file that is not a readable .docx raises LoadError with a FATAL finding.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from drafter.docxcheck.checks import (
    Report,
    check_letterhead,
    check_page,
    check_page_numbers,
    check_text,
    classify,
    section_of,
)
from drafter.docxcheck.reader import NotDocx, Styles, body_paragraphs, open_document, read_paragraph
from drafter.docxcheck import CHECKS
from drafter.drafts import LoadError, fatal
from drafter.findings import Finding

_REASONS = {
    "missing": ("IO013", "文件不存在，请检查路径"),
    "io": ("IO013", "无法读取文件{detail}，请检查权限"),
    "ole": ("IO014", "不是有效的 Word 文档（.docx）：这是旧版 .doc 格式或加密文档，请在 Word/WPS 中另存为 .docx（不加密）后再检查"),
    "big": ("IO013", "不是有效的 Word 文档（.docx）：文件过大，不像答复函"),
    "bomb": ("IO013", "不是有效的 Word 文档（.docx）{detail}"),
    "zip": ("IO013", "不是有效的 Word 文档（.docx）：文件已损坏或不是 Word 文件，请用 Word/WPS 打开后另存为 .docx"),
    "notword": ("IO013", "不是有效的 Word 文档（.docx）：压缩包中没有 Word 正文（word/document.xml）"),
    "xml": ("IO013", "不是有效的 Word 文档（.docx）：内部结构损坏{detail}，请用 Word/WPS 打开后另存为 .docx"),
}


def check_docx_layout(path: Path, name: str, wanted: Callable[[str], bool] | None = None) -> list[Finding]:
    """GB/T 9704 layout findings for the .docx at `path`, reported under `name`; `wanted(code)`
    limits them to the selected codes."""
    path = Path(path)
    try:
        doc = open_document(path)
    except NotDocx as exc:
        kind = exc.kind
        if path.suffix.lower() == ".doc" and kind in ("zip", "notword"):
            kind = "ole"  # an old Word (or RTF) file saved as .doc
        _refuse(name, kind, exc.detail)
    wanted = wanted or (lambda code: True)
    groups = {group for group, codes in CHECKS if any(wanted(c) for c in codes)}
    try:
        found = _check(doc, name, _metadata(path), groups)
    except (ValueError, KeyError, AttributeError, TypeError, IndexError) as exc:
        # A package python-docx opened but whose parts are nonsense: refuse, never a traceback.
        _refuse(name, "xml", f"{type(exc).__name__}")
    return [f for f in found if wanted(f.code)]


def _refuse(name: str, kind: str, detail: str = ""):
    code, message = _REASONS[kind]
    if kind == "bomb":
        detail = "：" + (detail or "解压后过大，拒绝处理")
    elif detail:
        detail = f"（{detail}）"
    raise LoadError(fatal(name, code, message.format(detail=detail)))


def _metadata(path: Path) -> dict:
    """What drafter recorded in a letter it rendered (layout …), else {}."""
    from drafter.importer.extract import docx_metadata

    try:
        return docx_metadata(path.read_bytes())
    except OSError:
        return {}


def _check(doc, name: str, meta: dict | None = None, groups: set[str] | None = None) -> list[Finding]:
    groups = {g for g, _ in CHECKS} if groups is None else groups
    rep = Report(name)
    if not groups:
        return []
    styles = Styles(doc)
    paras = [read_paragraph(styles, p, i) for i, p in enumerate(body_paragraphs(doc), start=1)]
    lay = classify(paras)
    if "page" in groups:
        check_page(doc, rep)
    if "text" in groups:
        check_text(lay, section_of(doc), rep)
    if "page_numbers" in groups:
        check_page_numbers(doc, styles, rep)
    if "letterhead" in groups:
        check_letterhead(doc, styles, lay, rep, meta)
    order = {f.code: k for k, f in enumerate(rep.findings)}
    return sorted(rep.findings, key=lambda f: (f.code, order[f.code]))
