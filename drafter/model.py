"""The Letter: typed, plain dataclasses built from a schema-valid draft.

The renderer, the rules and the importer share this model; none of them reads raw
draft dictionaries beyond what `Letter.from_data` and `Letter.to_data` do here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterator, Union

from drafter.text import chinese_numeral

# Order of the body blocks in the letter, and their data keys.
BLOCKS = ("background", "measures", "problems", "next_steps")
MAX_LEVEL = 4


@dataclass
class Section:
    heading: str
    run_in: bool = False
    body: list["Item"] = field(default_factory=list)


# A paragraph is a string (with optional **bold** markup); a section nests more items.
Item = Union[str, Section]


@dataclass
class Proposal:
    session: str
    number: str
    title: str
    handling: str
    co_handlers: list[str] = field(default_factory=list)
    assigned: dt.date | None = None
    extended: bool = False


@dataclass
class Addressee:
    deputies: list[str] = field(default_factory=list)
    count: int | None = None
    unit: str | None = None
    salutation: str | None = None

    @property
    def total(self) -> int:
        """Number of signers: the recorded count, else the names listed (a unit counts as one)."""
        if self.count is not None:
            return self.count
        return max(len(self.deputies), 1)


@dataclass
class Signature:
    organ: str
    date: dt.date
    leader: str | None = None


@dataclass
class Contact:
    name: str
    phones: list[str]


@dataclass
class Attachment:
    """One 附件: its title as named in the 附件说明, and the paragraphs printed on its own pages
    (7.3.7) unless it is supplied separately (附件另附)."""

    title: str
    content: list[str] = field(default_factory=list)
    separate: bool = False


@dataclass
class Printing:
    organ: str
    date: dt.date
    show: bool = False     # print it on plain (pre-printed 信函) paper too


@dataclass
class ReturnInfo:
    """退办: why the suggestion is not this organ's business, and who should handle it."""

    reason: list["Item"]
    handler: str
    received: dt.date | None = None


# Document types (the draft's `type`), and what each is called in a title.
DOC_TYPES = ("reply", "opinion", "return", "extension")


@dataclass
class Heading:
    """A numbered heading as printed: level 1..4, marker "一、" / "（一）" / "1." / "（1）"."""

    level: int
    number: int
    text: str
    run_in: bool

    @property
    def marker(self) -> str:
        return heading_marker(self.level, self.number)


@dataclass
class BodyParagraph:
    """One printed body paragraph: a heading alone, a run-in heading with its text, or text."""

    block: str
    heading: Heading | None = None
    text: str | None = None


def heading_marker(level: int, number: int) -> str:
    if level == 1:
        return chinese_numeral(number) + "、"
    if level == 2:
        return "（" + chinese_numeral(number) + "）"
    if level == 3:
        return f"{number}."
    if level == 4:
        return f"（{number}）"
    raise ValueError(f"heading level out of range: {level}")


@dataclass
class Letter:
    kind: str
    layout: str
    organ: str
    doc_number: str
    proposal: Proposal
    addressee: Addressee
    signature: Signature
    contacts: list[Contact]
    copy_to: list[str]
    measures: list[Item]
    background: list[Item] = field(default_factory=list)
    problems: list[Item] = field(default_factory=list)
    next_steps: list[Item] = field(default_factory=list)
    organ_mark: str | None = None
    signer: list[str] = field(default_factory=list)
    category: str | None = None
    title: str | None = None
    acknowledgement: str | None = None
    closing: str | None = None
    printing: Printing | None = None
    notes: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    case: "CaseInfo | None" = None  # the handling record (issue 9); never printed
    type: str | None = None  # as written; None = inferred, see doc_type
    returning: ReturnInfo | None = None

    # -- derived -------------------------------------------------------------
    @property
    def mark(self) -> str:
        """发文机关标志 as printed in the letterhead."""
        if self.organ_mark:
            return self.organ_mark
        return self.organ + "文件" if self.layout == "file" else self.organ

    @property
    def doc_type(self) -> str:
        """reply / opinion / return / extension. A draft without `type` whose handling is
        协办 or 会办 is an opinion to the lead unit (as drafts written before `type` were)."""
        if self.type:
            return self.type
        return "opinion" if self.proposal.handling in ("协办", "会办") else "reply"

    @property
    def extension_reason(self) -> list["Item"]:
        """The 延期说明's body: the case's extension reason, one paragraph a line."""
        ext = self.case.extension if self.case else None
        return [line.strip() for line in (ext.reason or "").splitlines() if line.strip()] if ext else []

    @property
    def member_word(self) -> str:
        return "委员" if self.kind == "cppcc" else "代表"

    @property
    def proposal_word(self) -> str:
        return "提案" if self.kind == "cppcc" else "建议"

    def paragraphs(self) -> list[BodyParagraph]:
        """The body (background … next steps) as printed paragraphs, numbered.

        Level-1 numbers run on across blocks (一、背景 二、措施 三、下一步), deeper
        numbers restart under each parent. A run-in heading takes its first
        paragraph into the same printed paragraph.
        """
        out: list[BodyParagraph] = []
        counters = [0] * (MAX_LEVEL + 1)

        def walk(block: str, items: list[Item], level: int) -> None:
            level = min(level, MAX_LEVEL)  # deeper nesting is an error (HN102); print it at level 4
            for item in items:
                if isinstance(item, str):
                    out.append(BodyParagraph(block, None, item))
                    continue
                counters[level] += 1
                for deeper in range(level + 1, MAX_LEVEL + 1):
                    counters[deeper] = 0
                heading = Heading(level, counters[level], item.heading, item.run_in)
                body = list(item.body)
                if item.run_in and body and isinstance(body[0], str):
                    out.append(BodyParagraph(block, heading, body.pop(0)))
                else:
                    out.append(BodyParagraph(block, heading, None))
                walk(block, body, level + 1)

        if self.returning is not None:
            walk("reason", self.returning.reason, 1)
        if self.doc_type == "extension":
            walk("reason", self.extension_reason, 1)
        for block in BLOCKS:
            walk(block, getattr(self, block), 1)
        return out

    # -- conversion ----------------------------------------------------------
    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "Letter":
        """Build from schema-valid draft data (dates as ISO strings)."""
        p = data["proposal"]
        a = data["addressee"]
        s = data["signature"]
        pr = data.get("printing")
        ret = data.get("return")
        return cls(
            type=data.get("type"),
            returning=ReturnInfo(_items(ret.get("reason")), ret["handler"], _date(ret.get("received"))) if ret else None,
            kind=data["kind"],
            layout=data["layout"],
            organ=data["organ"],
            organ_mark=data.get("organ_mark"),
            doc_number=data["doc_number"],
            signer=_names(data.get("signer")),
            category=data.get("category"),
            title=data.get("title"),
            proposal=Proposal(
                session=p["session"],
                number=p["number"],
                title=p["title"],
                handling=p["handling"],
                co_handlers=list(p.get("co_handlers") or []),
                assigned=_date(p.get("assigned")),
                extended=bool(p.get("extended", False)),
            ),
            addressee=Addressee(
                deputies=list(a.get("deputies") or []),
                count=a.get("count"),
                unit=a.get("unit"),
                salutation=a.get("salutation"),
            ),
            acknowledgement=data.get("acknowledgement"),
            background=_items(data.get("background")),
            measures=_items(data.get("measures")),
            problems=_items(data.get("problems")),
            next_steps=_items(data.get("next_steps")),
            closing=data.get("closing"),
            signature=Signature(organ=s["organ"], date=_date(s["date"]), leader=s.get("leader")),
            contacts=[Contact(c["name"], list(c["phones"])) for c in data["contacts"]],
            copy_to=list(data["copy_to"]),
            printing=Printing(pr["organ"], _date(pr["date"]), bool(pr.get("show", False))) if pr else None,
            notes=list(data.get("notes") or []),
            attachments=[_attachment(a) for a in data.get("attachments") or []],
            case=CaseInfo.from_data(data["case"]) if isinstance(data.get("case"), dict) else None,
        )

    def to_data(self) -> dict[str, Any]:
        """Draft data in the canonical key order (the inverse of from_data)."""
        d: dict[str, Any] = {"kind": self.kind}
        _put(d, "type", self.type)
        d["layout"] = self.layout
        d["organ"] = self.organ
        _put(d, "organ_mark", self.organ_mark)
        d["doc_number"] = self.doc_number
        if self.signer:
            d["signer"] = self.signer[0] if len(self.signer) == 1 else list(self.signer)
        _put(d, "category", self.category)
        _put(d, "title", self.title)
        p: dict[str, Any] = {
            "session": self.proposal.session,
            "number": self.proposal.number,
            "title": self.proposal.title,
        }
        _put(p, "assigned", self.proposal.assigned.isoformat() if self.proposal.assigned else None)
        if self.proposal.extended:
            p["extended"] = True
        p["handling"] = self.proposal.handling
        if self.proposal.co_handlers:
            p["co_handlers"] = list(self.proposal.co_handlers)
        d["proposal"] = p
        a: dict[str, Any] = {}
        if self.addressee.deputies:
            a["deputies"] = list(self.addressee.deputies)
        _put(a, "count", self.addressee.count)
        _put(a, "unit", self.addressee.unit)
        _put(a, "salutation", self.addressee.salutation)
        d["addressee"] = a
        _put(d, "acknowledgement", self.acknowledgement)
        for block in BLOCKS:
            items = getattr(self, block)
            if items or (block == "measures" and self.doc_type in ("reply", "opinion")):
                d[block] = _items_data(items)
        if self.returning is not None:
            r: dict[str, Any] = {"reason": _items_data(self.returning.reason), "handler": self.returning.handler}
            _put(r, "received", self.returning.received.isoformat() if self.returning.received else None)
            d["return"] = r

        _put(d, "closing", self.closing)
        s: dict[str, Any] = {"organ": self.signature.organ}
        _put(s, "leader", self.signature.leader)
        s["date"] = self.signature.date.isoformat()
        d["signature"] = s
        d["contacts"] = [{"name": c.name, "phones": list(c.phones)} for c in self.contacts]
        d["copy_to"] = list(self.copy_to)
        if self.printing:
            d["printing"] = {"organ": self.printing.organ, "date": self.printing.date.isoformat()}
            if self.printing.show:
                d["printing"]["show"] = True
        if self.notes:
            d["notes"] = list(self.notes)
        if self.attachments:
            d["attachments"] = [_attachment_data(a) for a in self.attachments]
        if self.case is not None:
            d["case"] = self.case.to_data()
        return d


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _names(raw: Any) -> list[str]:
    """签发人: one name as a string, or a list of names."""
    if not raw:
        return []
    return [raw] if isinstance(raw, str) else [str(n) for n in raw]


def _attachment(raw: Any) -> Attachment:
    if isinstance(raw, str):
        return Attachment(raw)
    return Attachment(raw["title"], list(raw.get("content") or []), bool(raw.get("separate", False)))


def _attachment_data(a: Attachment) -> Any:
    if not a.content and not a.separate:
        return a.title
    d: dict[str, Any] = {"title": a.title}
    if a.content:
        d["content"] = list(a.content)
    if a.separate:
        d["separate"] = True
    return d


def _items(raw: Any) -> list[Item]:
    out: list[Item] = []
    for item in raw or []:
        if isinstance(item, str):
            out.append(item)
        else:
            out.append(Section(item["heading"], bool(item.get("run_in", False)), _items(item.get("body"))))
    return out


def _items_data(items: list[Item]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
            continue
        sec: dict[str, Any] = {"heading": item.heading}
        if item.run_in:
            sec["run_in"] = True
        if item.body:
            sec["body"] = _items_data(item.body)
        out.append(sec)
    return out


def _put(d: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        d[key] = value


def walk_sections(items: list[Item], depth: int = 1) -> Iterator[tuple[Section, int]]:
    """Every section in `items` with its nesting depth (1 = top)."""
    for item in items:
        if isinstance(item, Section):
            yield item, depth
            yield from walk_sections(item.body, depth + 1)


# -- the case: how the suggestion is handled (issue 9) ------------------------------------
#
# Built leniently: the caseload commands read folders where some drafts still fail the schema
# (a fresh intake draft has placeholders), so a value that is not what it should be is dropped
# here and reported by `drafter check`, never raised.

STATUSES = ("待签收", "待见面", "在办", "待签发", "已答复", "已反馈", "重办", "办结")
REPLIED_STATUSES = ("已答复", "已反馈", "办结")
WAYS = ("面谈", "电话", "座谈", "实地", "走访", "见面会", "书面")
RESULTS = ("满意", "基本满意", "不满意")


@dataclass
class Communication:
    date: dt.date | None
    way: str | None = None
    who: str | None = None
    deputies: list[str] = field(default_factory=list)
    view: str | None = None


@dataclass
class Feedback:
    deputy: str | None
    result: str | None
    date: dt.date | None
    note: str | None = None


@dataclass
class Extension:
    approved: dt.date | None
    until: dt.date | None = None
    reason: str | None = None


@dataclass
class Publication:
    allowed: bool | None
    date: dt.date | None = None


@dataclass
class CaseInfo:
    status: str | None = None
    group: str | None = None
    key_item: bool = False
    due: dt.date | None = None
    division: str | None = None
    handler: str | None = None
    leader: str | None = None
    communications: list[Communication] = field(default_factory=list)
    replied: dt.date | None = None
    late_reason: str | None = None
    extension: Extension | None = None
    feedback: list[Feedback] = field(default_factory=list)
    publish: Publication | None = None

    @classmethod
    def from_data(cls, raw: dict[str, Any]) -> "CaseInfo":
        ext, pub = raw.get("extension"), raw.get("publish")
        return cls(
            status=_text(raw.get("status")),
            group=_text(raw.get("group")),
            key_item=raw.get("key_item") is True,
            due=_lenient_date(raw.get("due")),
            division=_text(raw.get("division")),
            handler=_text(raw.get("handler")),
            leader=_text(raw.get("leader")),
            communications=[
                Communication(_lenient_date(c.get("date")), _text(c.get("way")), _text(c.get("who")),
                              [str(n) for n in c.get("deputies") or [] if isinstance(n, str)], _text(c.get("view")))
                for c in _dicts(raw.get("communications"))
            ],
            replied=_lenient_date(raw.get("replied")),
            late_reason=_text(raw.get("late_reason")),
            extension=Extension(_lenient_date(ext.get("approved")), _lenient_date(ext.get("until")),
                                _text(ext.get("reason"))) if isinstance(ext, dict) else None,
            feedback=[Feedback(_text(f.get("deputy")), _text(f.get("result")), _lenient_date(f.get("date")), _text(f.get("note")))
                      for f in _dicts(raw.get("feedback"))],
            publish=Publication(pub.get("allowed") if isinstance(pub.get("allowed"), bool) else None,
                                _lenient_date(pub.get("date"))) if isinstance(pub, dict) else None,
        )

    def to_data(self) -> dict[str, Any]:
        d: dict[str, Any] = {}
        for key in ("status", "group"):
            _put(d, key, getattr(self, key))
        if self.key_item:
            d["key_item"] = True
        _put(d, "due", _iso(self.due))
        for key in ("division", "handler", "leader"):
            _put(d, key, getattr(self, key))
        if self.communications:
            d["communications"] = []
            for c in self.communications:
                item: dict[str, Any] = {"date": _iso(c.date), "way": c.way}
                _put(item, "who", c.who)
                if c.deputies:
                    item["deputies"] = list(c.deputies)
                _put(item, "view", c.view)
                d["communications"].append(item)
        _put(d, "replied", _iso(self.replied))
        _put(d, "late_reason", self.late_reason)
        if self.extension:
            e: dict[str, Any] = {"approved": _iso(self.extension.approved)}
            _put(e, "until", _iso(self.extension.until))
            _put(e, "reason", self.extension.reason)
            d["extension"] = e
        if self.feedback:
            d["feedback"] = []
            for f in self.feedback:
                item = {"deputy": f.deputy, "result": f.result, "date": _iso(f.date)}
                _put(item, "note", f.note)
                d["feedback"].append(item)
        if self.publish:
            p: dict[str, Any] = {"allowed": self.publish.allowed}
            _put(p, "date", _iso(self.publish.date))
            d["publish"] = p
        return d


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _dicts(value: Any) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _lenient_date(value: Any) -> dt.date | None:
    try:
        return _date(value)
    except ValueError:
        return None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
