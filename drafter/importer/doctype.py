"""Which document a letter is (the draft's `type`), and the parts only some types have.

A 退办函 and a 延期说明 are laid out like replies, so the segmenter reads their body as
measures; here the body becomes what those types keep instead (the reasons), and the
fixed sentences give back what they name: the proposed handler ("建议改由××办理"), the
day the suggestion was received ("已于…收悉"), the promised reply date ("于…前正式答复").
The title names the type; a letter drafter rendered also says it in its metadata.
"""

from __future__ import annotations

import re
from typing import Any

from drafter.grammar import parse_loose_date
from drafter.model import BLOCKS

TITLE_TYPES = (
    ("return", re.compile(r"退回|退办")),
    ("extension", re.compile(r"延期(?:答复|办理)")),
    ("opinion", re.compile(r"(?:协办|会办)意见")),
)
# Closing sentences of each type that the segmenter leaves at the end of the body.
_CLOSING_LINES = {
    "return": re.compile(r"^建议(?:改由|交由|转由|由).{2,40}(?:办理|承办|负责)。?$|^特此函告。?$"),
    "extension": re.compile(r"^.{0,30}于.{6,16}日前(?:正式)?答复.{0,10}$|^敬请.{0,12}$|^特此说明.{0,8}$"),
}
_HANDLER = re.compile(r"建议(?:改由|交由|转由|由)\s*(.{2,40}?)\s*(?:牵头)?(?:办理|承办|负责)")
_RECEIVED = re.compile(r"已于(.{6,16}?日)收悉")
_UNTIL = re.compile(r"于(.{6,16}?日)前(?:正式)?答复")


def doc_type(d: dict[str, Any], meta: dict[str, Any] | None) -> str | None:
    """The type the letter says it is: its metadata, else its title (replies and opinions need
    no `type`: handling and addressee already tell them apart)."""
    if meta and meta.get("type") in ("reply", "opinion", "return", "extension"):
        return meta["type"]
    title = d.get("title") or ""
    for kind, pattern in TITLE_TYPES:
        if pattern.search(title):
            return kind
    return None


def _body(d: dict[str, Any]) -> list[Any]:
    items: list[Any] = []
    for block in BLOCKS:
        items.extend(d.pop(block, None) or [])
    return items


def _flat(items: list[Any]) -> list[str]:
    out: list[str] = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        else:
            out.append(item.get("heading", ""))
            out.extend(_flat(item.get("body") or []))
    return [t for t in out if t]


def _closing_back(d: dict[str, Any], items: list[Any], kind: str) -> list[Any]:
    """Closing lines the segmenter read as body go back to the closing, in order."""
    pattern = _CLOSING_LINES.get(kind)
    tail: list[str] = []
    while pattern and items and isinstance(items[-1], str) and pattern.match(items[-1].strip()):
        tail.insert(0, items.pop().strip())
    if tail:
        d["closing"] = "\n".join(tail + ([d["closing"]] if d.get("closing") else []))
    return items


def apply_doc_type(d: dict[str, Any], meta: dict[str, Any] | None) -> None:
    kind = doc_type(d, meta)
    if kind is None:
        return
    d["type"] = kind
    if kind in ("opinion", "return") and d.get("copy_to") is None and meta:
        # A letter drafter rendered prints every copy it has, so no 抄送 line means none. A web
        # page or PDF may have lost its 版记: the copy list stays unknown (never invented).
        d["copy_to"] = []
    if kind == "return" and not (meta and meta.get("handling")):
        # a 退办函 is addressed to a unit, which the handling guess would read as 协办
        d.setdefault("proposal", {})["handling"] = "独办"
    if kind == "return":
        ret: dict[str, Any] = {"reason": _closing_back(d, _body(d), kind)}
        m = _HANDLER.search(d.get("closing") or "") or _HANDLER.search(" ".join(_flat(ret["reason"])[-1:]))
        if m:
            ret["handler"] = m.group(1).strip("，, ")
        got = _RECEIVED.search(d.get("acknowledgement") or "")
        received = parse_loose_date(got.group(1)) if got else None
        if received:
            ret["received"] = received.isoformat()
        d["return"] = ret
    elif kind == "extension":
        ext: dict[str, Any] = {}
        reason = _flat(_closing_back(d, _body(d), kind))
        got = _UNTIL.search(d.get("closing") or "")
        until = parse_loose_date(got.group(1)) if got else None
        if meta and isinstance(meta.get("approved"), str):
            ext["approved"] = meta["approved"]
        if until:
            ext["until"] = until.isoformat()
        if reason:
            ext["reason"] = "\n".join(reason)
        d.setdefault("case", {})["extension"] = ext
