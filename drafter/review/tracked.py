"""A revised copy of a Word letter: drafter's fixes as tracked changes (w:del / w:ins).

The clerk accepts or rejects each change in Word or WPS. A fix changes one draft value;
the value is found in the text as written, compared character by character with the
corrected value, and only the differing characters are marked deleted or inserted, in
the formatting of the run they replace. A fix that cannot be placed that way (the value
is not in the text as one piece, or it is a list) becomes a comment instead, so nothing
the checker proposed is silently dropped.
"""

from __future__ import annotations

import datetime as dt
import difflib
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any, Iterable

from lxml import etree

from drafter.findings import Finding
from drafter.review.annotate import Review, comment_text
from drafter.review.locate import Place, find_text, value_at
from drafter.review.package import WordPackage
from drafter.review.paragraphs import XML_SPACE, Para, refresh, run_at, runs_between, split_at, w


@dataclass
class TrackResult:
    data: bytes
    tracked: list[Finding] = field(default_factory=list)  # written as revisions
    commented: list[Finding] = field(default_factory=list)  # could not be placed: a comment instead


def track_fixes(docx: bytes, findings: Iterable[Finding], data: Any, *, unsafe: bool = False,
                name: str = "letter.docx", when: dt.datetime | None = None) -> TrackResult:
    pkg = WordPackage(docx, name)
    review = Review(pkg, when or dt.datetime.now())
    result = TrackResult(b"")
    touched: set[tuple] = set()
    for f in findings:
        if f.fix is None or (not f.fix.safe and not unsafe):
            continue
        paths = {tuple(e.path) for e in f.fix.edits}
        if paths & touched:
            continue  # one change per value; a re-check after accepting shows the rest
        edits = [(tuple(e.path), value_at(data, tuple(e.path)), e.value) for e in f.fix.edits]
        places = [_place(review.paras, old, new) for _, old, new in edits]
        if all(p is not None for p in places):
            for (_, old, new), place in zip(edits, places):
                _revise(review, place, old, new)
            touched |= paths
            result.tracked.append(f)
            pkg.changed(pkg.main)
        else:
            place, found = review.place_of(f, data)
            if place is not None:
                review.comment(place, "未能以修订方式写入，请手工修改：" + comment_text(f, found))
            result.commented.append(f)
    # Revisions show without w:trackRevisions in settings: the clerk's own later edits are
    # not forced into tracking, and settings.xml stays as it was.
    result.data = pkg.to_bytes()
    return result


def _place(paras: list[Para], old: Any, new: Any) -> Place | None:
    if not isinstance(old, str) or not isinstance(new, str) or not old or old == new:
        return None
    return find_text(paras, old)


def _revise(review: Review, place: Place, old: str, new: str) -> None:
    """Mark the characters that differ between `old` (at `place`) and `new`, last first so
    earlier offsets stay valid."""
    base = place.start or 0
    ops = [op for op in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes() if op[0] != "equal"]
    para = place.para
    for tag, i1, i2, j1, j2 in reversed(ops):
        start, end = base + i1, base + i2
        template = run_at(para, start if end > start else max(start - 1, 0))
        anchor = None
        if end > start:
            runs = runs_between(para, start, end)
            if not runs:
                continue
            deleted = review.stamp(etree.Element(w("del")))
            runs[0].addprevious(deleted)
            for r in runs:
                for t in r.iter(w("t")):
                    t.tag = w("delText")
                deleted.append(r)
            anchor = deleted
        if j2 > j1:
            inserted = review.stamp(etree.Element(w("ins")))
            inserted.append(_new_run(template, new[j1:j2]))
            if anchor is not None:
                anchor.addnext(inserted)
            else:
                _insert_at(para, start, inserted)
        refresh(para)


def _new_run(template: etree._Element | None, text: str) -> etree._Element:
    run = etree.Element(w("r"))
    if template is not None and template.find(w("rPr")) is not None:
        run.append(deepcopy(template.find(w("rPr"))))
    t = etree.SubElement(run, w("t"))
    t.text = text
    t.set(XML_SPACE, "preserve")
    return run


def _insert_at(para: Para, offset: int, el: etree._Element) -> None:
    split_at(para, offset)
    for piece in para.pieces:
        if piece.start == offset:
            piece.run.addprevious(el)
            return
    last = para.pieces[-1].run if para.pieces else None
    if last is not None:
        last.addnext(el)
    else:
        para.element.append(el)
