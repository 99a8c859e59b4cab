"""Parts of a letter → draft data (canonical key order) and one finding per guess or gap."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from drafter.findings import WARNING, Finding
from drafter.grammar import NEXT_STEP_WORDS, heading_marker
from drafter.importer import fields as F
from drafter.importer.doctype import apply_doc_type
from drafter.importer.evidence import Evidence
from drafter.importer.recognise import site_owner as _site_owner
from drafter.importer.segment import Parts
from drafter.text import bold_spans, plain_text
from drafter.textfix import fullwidth_punctuation, remove_cjk_digit_spaces

# Punctuation a paragraph may end with when it really ends there.
_TERMINAL = tuple("。！？：；…”’）)」』!?;:")
_BLOCK_WORDS = [
    ("background", re.compile(r"背景|基本情况|总体情况|有关情况|概况|现状")),
    ("problems", re.compile(r"问题|困难|不足|短板|原因")),
    ("next_steps", re.compile(r"下一步|计划|打算|今后|展望")),
    ("measures", re.compile(r"措施|成效|做法|工作情况|办理情况|进展|举措|开展的工作|主要工作|已做")),
]
_PROBLEMS_START = re.compile(r"^(?:但|然而|不过|存在问题|存在的问题|还存在|仍存在|目前[^。]{0,15}(?:仍|还|依然)存在|当前[^。]{0,20}(?:仍|还|依然)存在)")
_NEXT_START = re.compile(rf"^(?:{'|'.join(NEXT_STEP_WORDS)}|未来)")
# "……已完成。下一步，我们将……": the next steps begin inside a paragraph, after a full stop.
_NEXT_INSIDE = re.compile(r"(?<=[。！；])(?=(?:下一步|下步|接下来|下阶段|下一阶段)[，,我将要])")


@dataclass
class Builder:
    name: str
    findings: list[Finding] = field(default_factory=list)
    # False: text is kept as written (punctuation width, spaces), for checking a letter
    normalize: bool = True

    def text(self, s: str) -> str:
        """A value as stored: normalised for a draft, as written for a check."""
        return norm(s) if self.normalize else s.strip()

    def note(self, code: str, field_: str, message: str) -> None:
        self.findings.append(Finding(self.name, None, None, field_, code, WARNING, message))


# -- text normalisation ---------------------------------------------------------------


def norm(s: str) -> str:
    """Spaces from PDF extraction next to digits go, half-width punctuation in Chinese turns full-width."""
    return fullwidth_punctuation(remove_cjk_digit_spaces(s, letters=False)).strip()


def norm_title(s: str, normalize: bool = True) -> str:
    """Titles are never spaced inside: "第242号 建议" → "第242号建议"."""
    if not normalize:
        return plain_text(s).strip()
    s = norm(plain_text(s))
    return re.sub(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])", "", s)


def heading_of(text: str) -> tuple[int, str] | None:
    """(marker type 1..4, text after the marker) when the paragraph starts with a heading marker."""
    t = plain_text(text).lstrip()
    m = heading_marker(t)
    if m and m[2].strip():
        return m[0], m[2]
    return None


def _standalone_heading(text: str) -> bool:
    h = heading_of(text)
    return h is not None and "。" not in fullwidth_punctuation(h[1]).rstrip("。")


def _ends_sentence(text: str) -> bool:
    return text.endswith(_TERMINAL) or (text.endswith(".") and fullwidth_punctuation(text).endswith("。"))


def join_broken(paragraphs: list[str]) -> list[str]:
    """Re-join paragraphs a page break split: one that does not end a sentence, followed by
    one that is no heading. A bold span cut by the break runs on to the end of its sentence."""
    out: list[str] = []
    for p in paragraphs:
        if out:
            prev = out[-1]
            prev_plain = plain_text(prev).rstrip()
            if (
                prev_plain
                and not _ends_sentence(prev_plain)
                and not _standalone_heading(prev)
                and heading_of(p) is None
                and not (len(prev_plain) < 20 and not prev_plain.endswith(("，", ",", "、")))
            ):
                out[-1] = _join(prev, p)
                continue
        out.append(p)
    return out


def _join(prev: str, nxt: str) -> str:
    if prev.endswith("**") and not nxt.startswith("**") and prev.count("**") % 2 == 0:
        m = re.match(r"^([^*。！？]{1,12}[。！？])", nxt)
        if m:  # "…联盟知识产权保**" + "护。依托…" → the bold ends after "护。"
            return prev[:-2] + m.group(1) + "**" + nxt[m.end():]
    return (prev + nxt).replace("****", "")


# -- body structure --------------------------------------------------------------------


def _split_run_in(text: str, marker_len_plain: int) -> tuple[str, str | None]:
    """Heading text (marker removed) and the body run on after it, keeping bold.

    The heading ends where a .docx's heading font ends (see extract.Paragraph), else at its
    first "。" (a half-width "." ending a sentence counts)."""
    spans = bold_spans(text.strip())
    plain = "".join(t for t, _ in spans)
    lead = len(plain) - len(plain.lstrip())
    body_plain = plain[lead + marker_len_plain:]
    head = getattr(text, "heading", None)
    if head and plain[lead:].startswith(head) and len(head) > marker_len_plain and plain[lead + len(head):].strip():
        stop = len(head) - marker_len_plain - 1
    else:
        full = fullwidth_punctuation(body_plain)
        stop = full.find("。")
        colon = full.find("：")
        if 0 < colon < 30 and (stop < 0 or colon < stop):
            stop = colon  # "（一）加强宣传：我局……" ends its heading at the colon
    if stop < 0 or not body_plain[stop + 1:].strip():
        return body_plain.strip(), None
    cut = lead + marker_len_plain + stop + 1
    rest: list[str] = []
    pos = 0
    for t, bold in spans:
        end = pos + len(t)
        piece = t[max(cut - pos, 0):] if end > cut else ""
        if piece:
            rest.append(f"**{piece}**" if bold and piece.strip() else piece)
        pos = end
    return body_plain[: stop + 1].strip(), "".join(rest).replace("****", "").strip()


def build_tree(paragraphs: list[str], b: Builder, block: str) -> list[Any]:
    """Paragraphs → items; heading level from marker type in order of first nesting."""
    root: list[Any] = []
    stack: list[tuple[int, dict]] = []  # (marker type, section)
    for p in paragraphs:
        h = heading_of(p)
        if h is None:
            target = stack[-1][1].setdefault("body", []) if stack else root
            target.append(b.text(p))
            continue
        mtype, _ = h
        types = [t for t, _ in stack]
        if mtype in types:
            del stack[types.index(mtype):]
        elif stack and mtype < stack[-1][0] and any(t > mtype for t in types):
            # a shallower marker than the open ones that was never opened: close the deeper ones
            del stack[next(i for i, t in enumerate(types) if t > mtype):]
        if len(stack) >= 4:
            stack.pop()
        plain = plain_text(p).lstrip()
        marker_len = len(plain) - len(h[1])
        heading, rest = _split_run_in(p, marker_len)
        sec: dict[str, Any] = {"heading": b.text(heading)}
        if rest:
            sec["run_in"] = True
            sec["body"] = [b.text(rest)]
        parent = stack[-1][1].setdefault("body", []) if stack else root
        parent.append(sec)
        stack.append((mtype, sec))
    return root


def _block_of_heading(text: str) -> str | None:
    for block, rx in _BLOCK_WORDS:
        if rx.search(text) and len(text) <= 20:
            return block
    return None


def split_blocks(paragraphs: list[str], b: Builder) -> dict[str, list[Any]]:
    """Background / measures / problems / next_steps from the body paragraphs."""
    heads = [heading_of(p) for p in paragraphs]
    top = min((h[0] for h in heads if h), default=None)
    top_idx = [i for i, h in enumerate(heads) if h and h[0] == top]

    # Level-1 sections titled like 办理工作背景 / 措施与成效 / 下一步工作计划 are the blocks.
    if len(top_idx) >= 2:
        names = [_block_of_heading(_split_run_in(paragraphs[i], len(plain_text(paragraphs[i]).lstrip()) - len(heads[i][1]))[0]) for i in top_idx]
        order = ["background", "measures", "problems", "next_steps"]
        if all(names) and len(set(names)) == len(names) and names == sorted(names, key=order.index) and "measures" in names:
            out: dict[str, list[Any]] = {}
            lead = paragraphs[: top_idx[0]]
            bounds = top_idx + [len(paragraphs)]
            for n, name in enumerate(names):
                out[name] = build_tree(paragraphs[bounds[n] : bounds[n + 1]], b, name)
            if lead:
                out["background"] = [b.text(p) for p in lead] + out.get("background", [])
            return out

    last_top = top_idx[-1] if top_idx else -1
    problems = next_steps = None
    # A level-1 heading about problems or next steps starts that block.
    for i in top_idx:
        name = _block_of_heading(heading_of(paragraphs[i])[1])
        if name == "problems" and problems is None and i != top_idx[0]:
            problems = i
        if name == "next_steps" and next_steps is None and i != top_idx[0]:
            next_steps = i
    if problems is None and next_steps is None:
        for i in range(last_top + 1, len(paragraphs)):
            if heads[i]:
                continue
            t = plain_text(paragraphs[i])
            if problems is None and next_steps is None and _PROBLEMS_START.match(t):
                problems = i
                if "下一步" in t or "今后" in t:
                    if i + 1 < len(paragraphs):
                        next_steps = i + 1
                    break
                continue
            if next_steps is None and _NEXT_START.match(t):
                next_steps = i
                break
    if problems is None and next_steps is None:
        for i in range(len(paragraphs) - 1, last_top, -1):
            p = paragraphs[i]
            m = None if heads[i] or "**" in p else _NEXT_INSIDE.search(p)
            if m:
                paragraphs = paragraphs[:i] + [p[: m.start()], p[m.start():]] + paragraphs[i + 1:]
                next_steps = i + 1
                break
    end_measures = min(x for x in (problems, next_steps, len(paragraphs)) if x is not None)
    first = top_idx[0] if top_idx else None
    out = {}
    if first is not None and 0 < first < end_measures:
        out["background"] = [b.text(p) for p in paragraphs[:first]]
        out["measures"] = build_tree(paragraphs[first:end_measures], b, "measures")
    else:
        out["measures"] = build_tree(paragraphs[:end_measures], b, "measures")
    if problems is not None:
        out["problems"] = build_tree(paragraphs[problems : next_steps or len(paragraphs)], b, "problems")
    if next_steps is not None:
        out["next_steps"] = build_tree(paragraphs[next_steps:], b, "next_steps")
    return {k: v for k, v in out.items() if v}


# -- the whole letter ------------------------------------------------------------------


def build(parts: Parts, b: Builder, all_paragraphs: list[str], meta: dict[str, Any] | None = None,
          ev: Evidence | None = None) -> dict[str, Any]:
    d: dict[str, Any] = {}
    prop: dict[str, Any] = {}
    addr: dict[str, Any] = {}
    sig: dict[str, Any] = {}
    head = [F.plain(p) for p in parts.head]
    # Fields are recognised in normalised text; prose is stored as b.text gives it.
    title_n = norm_title(parts.title) if parts.title else None
    ack_n = norm(parts.acknowledgement) if parts.acknowledgement else None
    title = norm_title(parts.title, b.normalize) if parts.title else None
    ack = b.text(parts.acknowledgement) if parts.acknowledgement else None
    closing = "\n".join(b.text(line) for line in parts.closing.split("\n")) if parts.closing else None

    # Letterhead.
    mark_organ = next((F.file_mark(t) for t in head if F.file_mark(t)), None)
    for t in head:
        if "doc_number" not in d and F.doc_number(t):
            d["doc_number"] = F.doc_number(t)
        if "signer" not in d and F.signer(t):
            d["signer"] = F.signer(t)
        if "category" not in d and F.category(t):
            d["category"] = F.category(t)
    plain_mark = None
    if not mark_organ:
        # a letter-layout mark is the organ's name alone on a line near the top
        plain_mark = next((t for t in head if F.looks_like_organ(t) and not F.is_furniture(t)), None)
    meta_organ = next((F.meta_organ(t) for t in head if F.meta_organ(t)), None)

    # Tail: signature, 附注, 抄送, 印发.
    contacts: list[dict[str, Any]] = []
    notes: list[str] = []
    attachments: list[str] = []
    pending_organ = None
    last_contact = False
    copy_open = False  # a 抄送 line that did not end with "。" may wrap onto the next line
    attach_open = False  # after "附件：1.名称" come the lines "2.名称" …
    for raw in parts.tail:
        t = norm(F.plain(raw))  # recognised normalised …
        w = b.text(F.plain(raw))  # … prose stored as b.text gives it
        if not t:
            continue
        if attach_open:
            m = _ATTACHMENT_ITEM.match(w)
            if m and m.group(1).strip("。 "):
                attachments.append(m.group(1).strip("。 "))
                continue
            attach_open = False
        if copy_open and not _tail_element(t) and not F.looks_like_organ(t):
            more = F.copy_to("抄送：" + t) or []
            d["copy_to"] = d.get("copy_to", []) + more
            copy_open = not t.endswith("。")
            continue
        copy_open = False
        last_contact, was_contact = False, last_contact
        pr = F.printing(t)
        if pr:
            organ, date = pr
            if date and organ:
                d["printing"] = {"organ": organ, "date": date.isoformat()}
            elif date and pending_organ:
                d["printing"] = {"organ": pending_organ, "date": date.isoformat()}
                pending_organ = None
            else:
                b.note("IM110", "printing", f"印发行不完整，未录入：{t}")
            continue
        ct = F.copy_to(t)
        if ct is not None:
            d["copy_to"] = ct
            copy_open = not t.endswith("。")
            continue
        inner = F.parenthesised(t) or t
        ld = F.leader(inner)
        if ld:
            sig["leader"] = ld
            continue
        cs = F.contacts(inner)
        if cs:
            for name, phones in cs:
                if name:
                    contacts.append({"name": name, "phones": phones})
                elif contacts and phones and was_contact:
                    # only the line right after a contact's name carries that contact's phones
                    contacts[-1]["phones"].extend(phones)
                else:
                    b.note("IM111", "contacts", f"电话没有对应的联系人，未录入：{t}")
            last_contact = True
            continue
        m = _ATTACHMENTS.match(w) if _ATTACHMENTS.match(t) else None
        if m:
            attachments.extend(x for x in (re.sub(r"^\d+\s*[.．、]\s*", "", a).strip("。 ") for a in re.split(r"\s+(?=\d+\s*[.．、])", m.group(1))) if x)
            attach_open = True
            continue
        sl = F.signature_line(t)
        if sl:
            organ, date = sl
            if "date" not in sig:
                sig["organ"] = organ or pending_organ
                sig["date"] = date.isoformat()
                pending_organ = None
            continue
        if F.looks_like_organ(t):
            pending_organ = t
            continue
        if F.parenthesised(t):
            notes.append(F.parenthesised(w) or F.parenthesised(t))
            continue
        b.note("IM104", "", f"落款附近有一段无法归类，未录入：{t[:40]}")
    if pending_organ and "organ" not in d.get("printing", {}):
        b.note("IM104", "", f"落款附近有一段无法归类，未录入：{pending_organ}")
    if sig.get("organ") is None:
        sig.pop("organ", None)

    organ = mark_organ or plain_mark or sig.get("organ") or meta_organ or (F.title_organ(title_n) if title_n else None)
    if organ:
        d["organ"] = organ
    if not sig.get("organ") and "date" in sig:
        b.note("IM102", "signature.organ", "落款没有署名机关，未填写；通常与发文机关相同，请核对后补填")
    elif "date" not in sig:
        b.note("IM102", "signature", "没有找到落款的成文日期，未填写，请补填署名机关和日期")
        sig = {k: v for k, v in sig.items() if k == "leader"}

    # Layout from evidence.
    number = d.get("doc_number", "")
    if mark_organ:
        layout, why = "file", "版头有“××文件”"
    elif "函" in F.doc_number_prefix(number) or (title_n and title_n.endswith("函")):
        layout, why = "letter", "发文字号或标题中有“函”"
    else:
        layout, why = "plain", "没有“××文件”版头，字号和标题中也没有“函”"
    b.note("IM120", "layout", f"版式按推断填为 {layout}（{why}），请核对")

    # The proposal.
    salut = F.salutation(parts.salutation) if parts.salutation else None
    unit = F.unit_salutation(parts.salutation) if parts.salutation and not salut else None
    sources = [x for x in (title_n, ack_n) if x]
    for src in sources:
        if "session" not in prop and F.session(src):
            prop["session"] = F.session(src)
        if "number" not in prop and F.proposal_number(src):
            prop["number"] = F.proposal_number(src)
    if ack and (F.proposal_title(ack) or F.proposal_title(ack_n)):
        prop["title"] = F.proposal_title(ack) or F.proposal_title(ack_n)
    hd = None
    for src in sources:
        hd = hd or F.handling(src)
    co = F.co_handlers(ack_n) if ack_n else []
    if hd is None and co:
        hd = "主办"
        b.note("IM121", "proposal.handling", "开头语写明会同其他单位研究，办理方式按推断填为“主办”，请核对")
    if hd is None and unit:
        hd = "协办"
        b.note("IM121", "proposal.handling", "答复写给单位，办理方式按推断填为“协办”，请核对")
    if hd:
        prop["handling"] = hd
    if co:
        prop["co_handlers"] = co

    evidence = " ".join([title_n or "", ack_n or "", F.plain(parts.salutation or "")])
    kind = F.kind(evidence)
    if salut:
        kind = "cppcc" if salut["word"] == "委员" else "npc"
    elif kind is None:
        kind = F.kind(" ".join(F.plain(p) for p in all_paragraphs))
        if kind:
            b.note("IM122", "kind", f"答复类型按全文用语推断为 {kind}，请核对")
    if kind:
        d["kind"] = kind

    if salut:
        addr["deputies"] = salut["deputies"]
        if salut.get("count") and salut["count"] > len(salut["deputies"]):
            addr["count"] = salut["count"]
    elif unit:
        addr["unit"] = unit

    # Body.
    body = join_broken([p for p in parts.body if F.plain(p)])
    blocks = split_blocks(body, b) if body else {}

    d.update({"layout": layout})
    if title:
        d["title"] = title
    d["proposal"] = prop
    d["addressee"] = addr
    if ack:
        d["acknowledgement"] = ack
    d.update(blocks)
    if closing:
        d["closing"] = closing
    d["signature"] = sig
    if contacts:
        d["contacts"] = contacts
    if notes:
        d["notes"] = notes
    if attachments:
        d["attachments"] = attachments
    if ev is not None:
        _apply_evidence(d, ev, b)
    if meta:
        _apply_metadata(d, meta, b)
    apply_doc_type(d, meta)
    _drop_generated(d, salut, b)
    _report_missing(d, b)
    return ordered(d)


# The key fields the recognisers read (recognise.py), as draft paths.
KEY_FIELDS = (
    "kind", "organ", "doc_number", "signer", "category", "proposal.session", "proposal.number", "proposal.title",
    "proposal.handling", "addressee.deputies", "addressee.count", "addressee.unit", "signature.date", "contacts",
    "copy_to",
)


def _get(d: dict[str, Any], path: str) -> Any:
    node: Any = d
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _set(d: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    node = d
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value


def _drop(d: dict[str, Any], path: str) -> None:
    *parents, last = path.split(".")
    node: Any = d
    for part in parents:
        node = node.get(part, {}) if isinstance(node, dict) else {}
    if isinstance(node, dict):
        node.pop(last, None)


def _apply_evidence(d: dict[str, Any], ev: Evidence, b: Builder) -> None:
    """What the segmenter placed competes with what the recognisers read; the best copy wins."""
    for path in KEY_FIELDS:
        have = _get(d, path)
        if isinstance(have, str) and ((path, have) in ev.rejected or path == "organ" and _site_owner(have, ev)
                                      and not any(c.field == "organ" and c.value == have for c in ev.candidates)):
            _drop(d, path)
            have = None
        if have not in (None, "", [], {}) and not any(c.field == path and c.value == have for c in ev.candidates):
            ev.offer(path, have, "分段", "", None, 0.8)
        best = ev.best(path)
        if best is None:
            continue
        value = best.value
        if path in ("proposal.title",):
            value = norm_title(value)
        elif isinstance(value, str):
            value = norm(value) if path != "doc_number" else value
        _set(d, path, value)
    addr = d.get("addressee", {})
    if "deputies" in addr and "unit" in addr:
        unit, people = ev.best("addressee.unit"), ev.best("addressee.deputies")
        drop = "unit" if people and (not unit or people.rank() >= unit.rank()) else "deputies"
        addr.pop(drop)
        if drop == "deputies":
            addr.pop("count", None)
    if addr.get("count") and len(addr.get("deputies", [])) > addr["count"]:
        addr.pop("count")  # fewer signers than names listed: a misread count
    if "unit" not in addr and d.get("proposal", {}).get("handling") == "协办" and not any(
            c.field == "proposal.handling" and c.recogniser != "分段" for c in ev.candidates):
        # the segmenter guessed 协办 from a salutation to a unit; the recognisers read deputies
        d["proposal"].pop("handling")
        b.findings[:] = [f for f in b.findings if not (f.code == "IM121" and f.field == "proposal.handling")]
    if d.get("copy_to") == [] and ev.best("copy_to") is None:
        d.pop("copy_to")  # "抄送：" with nothing after it: nothing was read
    sig = d.get("signature", {})
    org = ev.best("organ")
    if "date" in sig and not sig.get("organ") and org and org.recogniser == "落款机关":
        sig["organ"] = org.value
    filled = {p for p in KEY_FIELDS if _get(d, p) not in (None, "", [], {})}
    if "date" in sig:
        filled |= {"signature"}
    if sig.get("organ"):
        filled |= {"signature.organ"}
    b.findings[:] = [f for f in b.findings if not (f.code in ("IM102", "IM111") and f.field in filled | {"contacts"} and
                                                   (f.field != "contacts" or "contacts" in filled))]


_ATTACHMENTS = re.compile(rf"^{F.label('附件')}\s*[:：]\s*(.*)$")
_ATTACHMENT_ITEM = re.compile(r"^\d{1,2}\s*[.．、]\s*(\S.*)$")

# Guess notes that a letter's own metadata settles.
_SETTLED = {"kind": "IM122", "layout": "IM120", "proposal.handling": "IM121"}


def _apply_metadata(d: dict[str, Any], meta: dict[str, Any], b: Builder) -> None:
    """A letter drafter made records what its print does not say (kind, layout, handling,
    co-handlers, 交办日期); those values replace guesses made from the text."""
    prop = d.setdefault("proposal", {})
    settled = []
    for key in ("kind", "layout"):
        if meta.get(key) in (("npc", "cppcc") if key == "kind" else ("file", "letter", "plain")):
            d[key] = meta[key]
            settled.append(key)
    if meta.get("handling") in ("独办", "主办", "协办", "会办", "分办"):
        prop["handling"] = meta["handling"]
        settled.append("proposal.handling")
    co = meta.get("co_handlers")
    if isinstance(co, list) and all(isinstance(x, str) for x in co):
        if co:
            prop["co_handlers"] = list(co)
        else:
            prop.pop("co_handlers", None)
    if isinstance(meta.get("assigned"), str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["assigned"]):
        prop["assigned"] = meta["assigned"]
    if meta.get("extended") is True:
        prop["extended"] = True
    if isinstance(meta.get("category"), str) and 1 <= len(meta["category"].strip()) <= 4:
        d["category"] = meta["category"].strip()
    codes = {_SETTLED[k] for k in settled}
    b.findings[:] = [f for f in b.findings if not (f.code in codes and f.field in settled)]


def _tail_element(t: str) -> bool:
    return bool(
        F.printing(t) or F.copy_to(t) is not None or F.leader(t) or F.contacts(F.parenthesised(t) or t)
        or F.signature_line(t) or F.parenthesised(t) or re.match(r"^附\s*件", t)
    )


def _drop_generated(d: dict[str, Any], salut: dict | None, b: Builder) -> None:
    """Sentences equal to what the templates make are not stored; differing ones stay as overrides."""
    from drafter.model import Letter
    from drafter.sentences import Sentences

    prop = dict(d.get("proposal", {}))
    if not all(k in prop for k in ("session", "number", "title")) or not d.get("addressee"):
        return  # the template cannot be filled, so any sentence found is kept as written
    if "handling" not in prop:
        if d["addressee"].get("unit") or prop.get("co_handlers"):
            return
        # with no unit addressee and no co-handlers the templates read the same for 独办/主办/分办
        prop["handling"] = "独办"
    probe = {
        **{k: d[k] for k in ("type", "return", "case") if k in d},  # what the typed sentences name
        "kind": d.get("kind", "npc"),
        "layout": d["layout"],
        "organ": d.get("organ", "-"),
        "doc_number": d.get("doc_number", "-"),
        "proposal": prop,
        "addressee": d["addressee"],
        "measures": [],
        "signature": {"organ": "-", "date": "2000-01-01"},
        "contacts": [],
        "copy_to": [],
    }
    try:
        sentences = Sentences(Letter.from_data(probe))
    except (KeyError, TypeError, ValueError):
        # A partly recognised letter (a 退办函 without its handler …) builds no Letter: keep
        # every sentence as found rather than guess which ones the templates would give.
        return
    if d.get("title") == sentences.title():
        del d["title"]
    if d.get("acknowledgement") == sentences.acknowledgement():
        del d["acknowledgement"]
    if d.get("closing") == sentences.closing():
        del d["closing"]
    if salut and salut["text"] != sentences.salutation().rstrip("："):
        d["addressee"]["salutation"] = salut["text"]


_REQUIRED = [
    ("kind", "答复类型（代表建议或委员提案）"),
    ("organ", "发文机关"),
    ("doc_number", "发文字号"),
    ("proposal.session", "建议/提案的届次会次"),
    ("proposal.number", "建议/提案编号"),
    ("proposal.title", "建议/提案标题"),
    ("proposal.handling", "办理方式（独办、主办、协办、会办、分办）"),
    ("addressee", "称谓（代表/委员姓名或主办单位）"),
    ("measures", "正文"),
    ("contacts", "联系人和电话"),
    ("copy_to", "抄送机关"),
]


def _report_missing(d: dict[str, Any], b: Builder) -> None:
    for path, what in _REQUIRED:
        node: Any = d
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if not node:
            b.note("IM101", path, f"原文中没有找到{what}，草稿中未填写，请补填")


_ORDER = [
    "kind", "type", "layout", "organ", "organ_mark", "doc_number", "signer", "category", "title", "proposal", "addressee",
    "acknowledgement", "background", "measures", "problems", "next_steps", "return", "closing", "signature", "contacts",
    "copy_to", "printing", "notes", "attachments", "case",
]
_SUB_ORDER = {
    "proposal": ["session", "number", "title", "assigned", "extended", "handling", "co_handlers"],
    "addressee": ["deputies", "count", "unit", "salutation"],
    "signature": ["organ", "leader", "date"],
    "printing": ["organ", "date"],
    "return": ["reason", "handler", "received"],
}


def ordered(d: dict[str, Any]) -> dict[str, Any]:
    """Canonical key order (as Letter.to_data writes it), empty parts left out."""
    out: dict[str, Any] = {}
    for key in _ORDER:
        value = d.get(key)
        if value in (None, {}, []) and key != "copy_to":
            continue
        if value is None:
            continue
        if key in _SUB_ORDER:
            value = {k: value[k] for k in _SUB_ORDER[key] if k in value}
            if not value:
                continue
        out[key] = value
    return out
