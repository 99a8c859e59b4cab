"""The paragraphs of a WordprocessingML story as text, with the runs each character sits in.

A review edit (a comment on a paragraph, a tracked replacement of a few characters) must
find where a draft value stands in the document and touch only those runs. Text boxes
count as paragraphs of their own; the VML fallback copy of a WPS/Word text box
(mc:Fallback) is skipped, since it repeats the text of the mc:Choice.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# Run children that print one character: how they read in the paragraph's text.
_CHAR_CHILDREN = {w("tab"): "\t", w("noBreakHyphen"): "-", w("softHyphen"): "", w("br"): "\n", w("cr"): "\n"}


@dataclass
class Piece:
    """`length` characters of the paragraph's text, from `child` (a w:t or one-character element) of `run`."""

    start: int
    length: int
    run: etree._Element
    child: etree._Element


@dataclass
class Para:
    element: etree._Element
    index: int  # top-level body paragraph number (1-based) it belongs to, for GB findings
    text: str = ""
    pieces: list[Piece] = field(default_factory=list)


def _own_runs(p: etree._Element):
    """Runs whose nearest paragraph is `p` (not runs of a text box inside it), skipping deletions."""
    for r in p.iter(w("r")):
        anc = r.getparent()
        skip = False
        while anc is not None and anc is not p:
            if anc.tag in (w("p"), w("del"), f"{{{MC}}}Fallback", w("moveFrom")):
                skip = True
                break
            anc = anc.getparent()
        if not skip:
            yield r


def read_para(p: etree._Element, index: int = 0) -> Para:
    para = Para(p, index)
    parts: list[str] = []
    pos = 0
    for r in _own_runs(p):
        for child in r:
            if child.tag == w("t"):
                text = child.text or ""
            elif child.tag in _CHAR_CHILDREN:
                text = _CHAR_CHILDREN[child.tag]
            else:
                continue
            if text:
                para.pieces.append(Piece(pos, len(text), r, child))
                parts.append(text)
                pos += len(text)
    para.text = "".join(parts)
    return para


def paragraphs(root: etree._Element) -> list[Para]:
    """Every paragraph of the document in reading order, text boxes included."""
    body = root.find(w("body"))
    if body is None:
        return []
    out: list[Para] = []
    index = 0
    for top in body:
        if top.tag == w("p"):
            index += 1
        for p in top.iter(w("p")):
            if _in_fallback(p):
                continue
            out.append(read_para(p, index))
    return out


def _in_fallback(el: etree._Element) -> bool:
    anc = el.getparent()
    while anc is not None:
        if anc.tag == f"{{{MC}}}Fallback":
            return True
        anc = anc.getparent()
    return False


# -- splitting runs so an edit covers whole runs -------------------------------------------------


def split_at(para: Para, offset: int) -> None:
    """Make `offset` fall on a run boundary (splitting the w:t and the run there)."""
    for piece in para.pieces:
        if piece.start < offset < piece.start + piece.length:
            if piece.child.tag != w("t"):
                return  # one-character children are boundaries already
            _split_run(piece.run, piece.child, offset - piece.start)
            refresh(para)
            return


def refresh(para: Para) -> None:
    """Re-read the paragraph's text map after its runs changed."""
    fresh = read_para(para.element, para.index)
    para.text, para.pieces = fresh.text, fresh.pieces


def _split_run(run: etree._Element, t: etree._Element, k: int) -> None:
    second = deepcopy(run)
    children = [c for c in run if c.tag != w("rPr")]
    idx = children.index(t)
    # first run: children up to t, t cut to k characters
    for c in children[idx + 1:]:
        run.remove(c)
    text = t.text or ""
    t.text = text[:k]
    t.set(XML_SPACE, "preserve")
    # second run: t's remainder and what followed it
    children2 = [c for c in second if c.tag != w("rPr")]
    for c in children2[:idx]:
        second.remove(c)
    children2[idx].text = text[k:]
    children2[idx].set(XML_SPACE, "preserve")
    run.addnext(second)


def runs_between(para: Para, start: int, end: int) -> list[etree._Element] | None:
    """The runs covering [start, end) after splitting there; None if they are not siblings
    (the range crosses a hyperlink, field or text-box boundary)."""
    split_at(para, start)
    split_at(para, end)
    runs: list[etree._Element] = []
    for piece in para.pieces:
        if piece.start >= start and piece.start + piece.length <= end and piece.run not in runs:
            runs.append(piece.run)
    if not runs:
        return []
    parent = runs[0].getparent()
    if any(r.getparent() is not parent for r in runs):
        return None
    # contiguous siblings only
    siblings = list(parent)
    idx = [siblings.index(r) for r in runs]
    if idx != list(range(idx[0], idx[0] + len(idx))):
        return None
    return runs


def run_at(para: Para, offset: int) -> etree._Element | None:
    """The run that holds the character at `offset` (or the last run, at the end)."""
    for piece in para.pieces:
        if piece.start <= offset < piece.start + piece.length:
            return piece.run
    return para.pieces[-1].run if para.pieces else None
