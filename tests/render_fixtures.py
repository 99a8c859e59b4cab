"""Shared fixtures and PDF measuring helpers for the renderer tests (imported by conftest)."""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import etree

from drafter.drafts import load_draft
from drafter.model import Letter
from drafter.sentences import Sentences

ROOT = Path(__file__).resolve().parent.parent
RENDER_DATA = Path(__file__).resolve().parent / "data" / "render"
RENDER_DRAFTS = {
    "wenzhou-2019": ROOT / "examples" / "wenzhou-2019.yaml",   # file layout, no signer
    "xiamen-2025": ROOT / "examples" / "xiamen-2025.yaml",     # letter layout
    "cixi-2023": ROOT / "examples" / "cixi-2023.yaml",         # file layout, signer, category
    "plain-levels": RENDER_DATA / "plain-levels.yaml",         # plain layout, 4 levels, attachments
    # the other document types (type: opinion / return / extension)
    "opinion-2025": ROOT / "examples" / "opinion-2025.yaml",   # letter layout, to the lead unit, no copy list
    "return-2025": ROOT / "examples" / "return-2025.yaml",     # letter layout, 退办函
    "extension-2025": ROOT / "examples" / "extension-2025.yaml",  # file layout, 延期说明
}
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSMAP = {"w": W, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
         "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
         "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
MM = 72 / 25.4  # pt per mm


def load_letter(path: Path) -> tuple[Letter, Sentences]:
    draft, findings = load_draft(Path(path))
    assert draft is not None, findings
    letter = Letter.from_data(draft.data)
    return letter, Sentences(letter)


@dataclass
class RenderedDoc:
    name: str
    letter: Letter
    sentences: Sentences
    data: bytes
    path: Path
    pdf: Path | None = None
    _xml: dict = field(default_factory=dict)

    def xml(self, part: str) -> etree._Element:
        if part not in self._xml:
            with zipfile.ZipFile(self.path) as z:
                self._xml[part] = etree.fromstring(z.read(part))
        return self._xml[part]


@pytest.fixture(scope="session")
def render_docs(tmp_path_factory) -> dict[str, RenderedDoc]:
    from drafter.render import render_docx

    out = tmp_path_factory.mktemp("render-docx")
    docs = {}
    for name, path in RENDER_DRAFTS.items():
        letter, sentences = load_letter(path)
        data = render_docx(letter, sentences)
        target = out / f"{name}.docx"
        target.write_bytes(data)
        docs[name] = RenderedDoc(name, letter, sentences, data, target)
    return docs


@pytest.fixture(scope="session")
def render_pdfs(render_docs, tmp_path_factory) -> dict[str, RenderedDoc]:
    """All drafts converted in ONE LibreOffice run. A missing soffice fails: it is an install step."""
    from drafter.render.pdf import find_soffice

    if not find_soffice():
        pytest.fail("LibreOffice (soffice) is not installed: install libreoffice-writer-nogui to run the PDF tests")
    out = tmp_path_factory.mktemp("render-pdf")
    pdfs = convert_with_test_fonts([d.path for d in render_docs.values()], out)
    for doc, pdf in zip(render_docs.values(), pdfs):
        doc.pdf = pdf
    return render_docs


def convert_with_test_fonts(paths: list[Path], out: Path, timeout: float | None = None) -> list:
    """PDFs of `paths` from ONE LibreOffice start, with the office font names mapped to the installed
    free CJK fonts (tests/data/render/fonts.conf), so metrics are CJK metrics."""
    from drafter.render.pdf import convert_many

    old = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(RENDER_DATA / "fonts.conf")
    try:
        return convert_many(paths, out, timeout)
    finally:
        if old is None:
            os.environ.pop("FONTCONFIG_FILE", None)
        else:
            os.environ["FONTCONFIG_FILE"] = old


# -- PDF measuring -------------------------------------------------------------------------------


@dataclass
class PdfLine:
    baseline: float          # pt from the page top
    chars: list

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def top(self) -> float:
        return min(c["top"] for c in self.chars)

    @property
    def bottom(self) -> float:
        return max(c["bottom"] for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    @property
    def x1(self) -> float:
        return self.chars[-1]["x1"]

    @property
    def size(self) -> float:
        return max(round(c["size"], 1) for c in self.chars)


def pdf_lines(page) -> list[PdfLine]:
    """Characters grouped into printed lines by baseline (fonts differ in descent, not baseline)."""
    rows: dict[float, list] = {}
    for c in page.chars:
        if not c["text"].strip():
            continue
        baseline = page.height - c["matrix"][5]
        key = next((k for k in rows if abs(k - baseline) < 1.0), baseline)
        rows.setdefault(key, []).append(c)
    return [PdfLine(k, sorted(v, key=lambda c: c["x0"])) for k, v in sorted(rows.items())]


def pdf_rules(page) -> list:
    """Black horizontal rules (the 版记's lines), top to bottom, one per half millimetre."""
    found = {}
    for o in page.lines + page.rects + page.curves:
        if tuple(o.get("stroking_color") or o.get("non_stroking_color") or ()) == (0.0, 0.0, 0.0):
            found.setdefault(round(o["top"] / MM * 2), o)
    return [found[k] for k in sorted(found)]


def squeeze(text: str) -> str:
    """The text without whitespace (PDF extraction spaces characters apart)."""
    return re.sub(r"\s+", "", text)


def text_units(text: str) -> float:
    """Width in 字: CJK and full-width 1, ASCII half."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)
