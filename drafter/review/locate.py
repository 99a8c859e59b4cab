"""Where a finding stands in a Word letter: the paragraph (and characters) of its value.

Findings on a Word letter carry the draft path of the value the importer read
(`doc_number`, `measures[0].body[1]` …) or, for GB layout findings, the body paragraph
number. The value is looked up in the imported data and found again in the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from drafter.findings import Finding
from drafter.review.paragraphs import Para


@dataclass
class Place:
    para: Para
    start: int | None = None  # character range of the value, when it was found as written
    end: int | None = None


def value_at(data: Any, path: tuple) -> Any:
    node = data
    for key in path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def string_leaves(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in string_leaves(v)]
    if isinstance(value, list):
        return [s for v in value for s in string_leaves(v)]
    return []


def find_text(paras: list[Para], needle: str) -> Place | None:
    """The first paragraph holding `needle` as written."""
    if not needle:
        return None
    for para in paras:
        i = para.text.find(needle)
        if i >= 0:
            return Place(para, i, i + len(needle))
    return None


def locate(finding: Finding, data: Any, paras: list[Para]) -> Place | None:
    if finding.line is not None and not finding.path:
        # GB layout findings count top-level body paragraphs
        for para in paras:
            if para.index == finding.line and para.text.strip():
                return Place(para)
        for para in paras:
            if para.index == finding.line:
                return Place(para)
    path = tuple(finding.path)
    while path:
        for leaf in string_leaves(value_at(data, path)):
            place = find_text(paras, leaf.strip())
            if place is None and len(leaf) > 12:
                place = find_text(paras, leaf.strip()[:12])
                if place is not None:
                    place = Place(place.para)  # the start matched, not the whole value
            if place is not None:
                return place
        path = path[:-1]
    return None


def first_text_paragraph(paras: list[Para]) -> Para | None:
    for para in paras:
        if para.text.strip():
            return para
    return paras[0] if paras else None
