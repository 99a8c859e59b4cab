"""`drafter import`: existing reply letters (.docx, .txt, web pages) → draft data.

    res = import_file(Path("letter.docx"))
    res.data      # draft dict in canonical key order, only the fields found (None if refused)
    res.findings  # one WARNING per thing that could not be placed or had to be guessed
    res.refused   # why the input is no reply (Chinese, one line), else None

Unreadable input raises drafter.drafts.LoadError carrying a FATAL finding.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.drafts import LoadError, fatal
from drafter.findings import Finding
from drafter.importer import fields
from drafter.limits import BudgetExceeded
from drafter.importer.build import Builder, build
from drafter.importer.extract import docx_metadata, html_paragraphs, paragraphs_for, read_source, text_paragraphs
from drafter.importer.evidence import Candidate, guesses
from drafter.importer.recognise import anchors, recognise
from drafter.importer.segment import presplit, refusal, split
from drafter.importer.traditional import strip_pinyin, to_simplified


@dataclass
class ImportResult:
    data: dict[str, Any] | None
    findings: list[Finding] = field(default_factory=list)
    refused: str | None = None
    # every key field read, with the text it was read from (see evidence.py)
    fields: list[Candidate] = field(default_factory=list)


def import_file(path: Path, name: str | None = None, normalize: bool = True) -> ImportResult:
    """normalize=False keeps punctuation width and spacing exactly as written (for checking
    the letter); fields are recognised and page-split paragraphs joined either way."""
    path = Path(path)
    name = name or path.name
    fmt, content = read_source(path, name)
    with _budgets(name):
        meta = docx_metadata(content) if fmt == "docx" else None
        return _import(paragraphs_for(fmt, content, name), name, meta, normalize)


def import_text(text: str, name: str, fmt: str = "txt", normalize: bool = True) -> ImportResult:
    if fmt not in ("txt", "html"):
        raise ValueError(f"unknown text format: {fmt}")
    with _budgets(name):
        paragraphs = html_paragraphs(text) if fmt == "html" else text_paragraphs(text)
        return _import(paragraphs, name, normalize=normalize)


@contextmanager
def _budgets(name: str):
    """An input past a budget in drafter.limits is one FATAL line, like any unreadable file."""
    try:
        yield
    except BudgetExceeded as exc:
        raise LoadError(fatal(name, "IM005", exc.message)) from None


def _import(paragraphs: list[str], name: str, meta: dict[str, Any] | None = None,
            normalize: bool = True) -> ImportResult:
    if not paragraphs:
        raise LoadError(fatal(name, "IM008", "文件里没有文字，无法导入"))
    paragraphs, traditional = to_simplified(strip_pinyin(paragraphs))
    paragraphs = presplit([p for p in paragraphs if not fields.is_page_number(p)])
    why = refusal(paragraphs)
    if why:
        return ImportResult(None, [], why)
    b = Builder(name, normalize=normalize)
    if traditional:
        b.note("IM123", "", "原文是繁体字，已转为简体字读出并写入草稿，请核对人名、机关名等专名")
    ev = recognise(anchors(paragraphs))
    data = build(split(paragraphs), b, paragraphs, meta, ev)
    return ImportResult(data, b.findings, None, guesses(ev, data))


__all__ = ["ImportResult", "import_file", "import_text"]
