"""A review copy of a Word letter: each finding as a Word comment on its paragraph.

    data = annotate(docx_bytes, findings, letter_data, when=dt.datetime.now())

The comment is by "drafter" and reads "代码 级别：说明"; a finding whose value cannot be
found in the text is put on the first paragraph and names its field. The original's other
parts are copied unchanged (drafter.review.package).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from lxml import etree

from drafter.findings import SEVERITY_LABEL, Finding
from drafter.review.locate import Place, first_text_paragraph, locate
from drafter.review.package import WordPackage
from drafter.review.paragraphs import W, XML_SPACE, Para, paragraphs, runs_between, w

COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
AUTHOR, INITIALS = "drafter", "DR"


def comment_text(f: Finding, placed: bool = True) -> str:
    text = f"{f.code} {SEVERITY_LABEL.get(f.severity, f.severity)}：{f.message}"
    if f.fix is not None:
        text += f"（可自动修正：{f.fix.description}）"
    if not placed and f.field:
        text = f"〔{f.field}〕" + text
    return text


class Review:
    """Comments (and revision marks) added to one package, with ids unique in the document."""

    def __init__(self, package: WordPackage, when: dt.datetime):
        self.pkg = package
        self.doc = package.xml(package.main)
        self.when = when.replace(microsecond=0).isoformat() + ("" if when.tzinfo else "Z")
        ids = [int(v) for v in self.doc.xpath("//@w:id", namespaces={"w": W}) if str(v).lstrip("-").isdigit()]
        self._next = max(ids + [0]) + 1
        self._comments: etree._Element | None = None
        self.paras = paragraphs(self.doc)

    def next_id(self) -> str:
        n = self._next
        self._next += 1
        return str(n)

    def stamp(self, el: etree._Element) -> etree._Element:
        el.set(w("id"), self.next_id())
        el.set(w("author"), AUTHOR)
        el.set(w("date"), self.when)
        return el

    # -- comments ----------------------------------------------------------------------------
    def comments(self) -> etree._Element:
        if self._comments is None:
            part = self.pkg.related(COMMENTS_REL)
            if part and self.pkg.has(part):
                self._comments = self.pkg.xml(part)
                self.pkg.changed(part)
                used = [int(c.get(w("id"), "0")) for c in self._comments if c.get(w("id"), "").isdigit()]
                self._next = max([self._next] + [u + 1 for u in used])
            else:
                self._comments = etree.Element(w("comments"), nsmap={"w": W})
                self.pkg.add_related("word/comments.xml", self._comments, COMMENTS_CT, COMMENTS_REL)
        return self._comments

    def comment(self, place: Place, text: str) -> None:
        comments = self.comments()
        cid = self.next_id()
        c = etree.SubElement(comments, w("comment"))
        c.set(w("id"), cid)
        c.set(w("author"), AUTHOR)
        c.set(w("date"), self.when)
        c.set(w("initials"), INITIALS)
        p = etree.SubElement(c, w("p"))
        r = etree.SubElement(p, w("r"))
        t = etree.SubElement(r, w("t"))
        t.text = text
        t.set(XML_SPACE, "preserve")
        self._mark_range(place, cid)
        self.pkg.changed(self.pkg.main)

    def _mark_range(self, place: Place, cid: str) -> None:
        para = place.para
        runs = None
        if place.start is not None and place.end is not None and place.end > place.start:
            runs = runs_between(para, place.start, place.end)
        start = etree.Element(w("commentRangeStart"))
        start.set(w("id"), cid)
        end = etree.Element(w("commentRangeEnd"))
        end.set(w("id"), cid)
        ref = etree.Element(w("r"))
        etree.SubElement(ref, w("commentReference")).set(w("id"), cid)
        if runs:
            runs[0].addprevious(start)
            runs[-1].addnext(end)
            end.addnext(ref)
            return
        p = para.element
        ppr = p.find(w("pPr"))
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(end)
        p.append(ref)

    def place_of(self, f: Finding, data: Any) -> tuple[Place | None, bool]:
        """(where, found): the finding's own paragraph, else the first paragraph with text."""
        place = locate(f, data, self.paras)
        if place is not None:
            return place, True
        first = first_text_paragraph(self.paras)
        return (Place(first) if first is not None else None), False


def annotate(docx: bytes, findings: Iterable[Finding], data: Any, *, name: str = "letter.docx",
             when: dt.datetime | None = None) -> tuple[bytes, int]:
    """The letter with one comment per finding; returns (bytes, comments written)."""
    pkg = WordPackage(docx, name)
    review = Review(pkg, when or dt.datetime.now())
    count = 0
    for f in findings:
        place, found = review.place_of(f, data)
        if place is None:
            continue  # an empty document: nowhere to put a comment
        review.comment(place, comment_text(f, found))
        count += 1
    return pkg.to_bytes(), count


__all__ = ["annotate", "comment_text", "Review", "Para"]
