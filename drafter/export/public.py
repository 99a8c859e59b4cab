"""The 公开版: the signed letter minus what may not be published on the government website.

What is removed is the office's policy (drafter.toml `[public]`), by default:
- personal phone and mobile numbers, ID-card numbers and house numbers of addresses
  written in the text (a contact phone of the unit listed in `contacts` stays, because
  the unit's 联系人 is published — unless `contacts = false`);
- anything the draft marks private with [[…]] (printed without the brackets in the
  signed letter);
- the deputies' names only when `deputies = false`.
A case marked 不予公开 yields no public copy at all (PublicRefused).

After the copy is made, `leaks()` reads the public text again with the same patterns:
the rendered public .docx is checked, not only the data that went in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any, Callable, Iterable

from drafter.grammar import HOUSE_NUMBER, ID_NUMBER, PHONE_IN_PROSE
from drafter.text import PRIVATE
from drafter.model import Contact, Letter, Section


@dataclass
class PublicPolicy:
    mask: str = "×××"
    contacts: bool = True  # keep the unit's 联系人 and their phones
    leader: bool = True  # keep 领导署名
    deputies: bool = True  # keep the deputies' names
    remove: tuple[str, ...] = ("private", "id", "phone", "address")
    suffix: str = "-公开版"


class PublicRefused(Exception):
    """The case may not be published (不予公开)."""


# What each policy word removes, in the order applied (private spans first: they may hold
# a number that another pattern would half-match).
PATTERNS: dict[str, re.Pattern] = {
    "private": PRIVATE,
    "id": ID_NUMBER,
    "phone": PHONE_IN_PROSE,
    "address": HOUSE_NUMBER,
}
LABELS = {"id": "身份证号", "phone": "电话号码", "address": "门牌号", "private": "标为不公开的内容"}


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


class Masker:
    def __init__(self, policy: PublicPolicy, allowed_numbers: Iterable[str] = ()):
        self.policy = policy
        self.allowed = {_digits(n) for n in allowed_numbers if _digits(n)}

    def __call__(self, text: str) -> str:
        for key in self.policy.remove:
            pattern = PATTERNS[key]
            text = pattern.sub(lambda m: self._replace(key, m), text)
        return text

    def _replace(self, key: str, m: re.Match) -> str:
        if key == "phone" and _digits(m.group(0)) in self.allowed:
            return m.group(0)  # the unit's published contact number
        return self.policy.mask


def public_letter(letter: Letter, policy: PublicPolicy, publishable: bool | None = True) -> Letter:
    """A copy of `letter` with every text passed through the policy's masker."""
    if publishable is False:
        raise PublicRefused("本件标为不予公开，不生成公开版")
    allowed = [p for c in letter.contacts for p in c.phones] if policy.contacts else []
    mask = Masker(policy, allowed)
    out = _map_text(letter, mask, skip={"contacts", "kind", "layout", "proposal"})
    out = replace(out, proposal=_map_text(letter.proposal, mask, skip={"handling", "number"}))
    if not policy.contacts:
        out = replace(out, contacts=[])
    else:
        out = replace(out, contacts=[Contact(c.name, list(c.phones)) for c in letter.contacts])
    if not policy.leader:
        out = replace(out, signature=replace(out.signature, leader=None))
    if not policy.deputies:
        a = out.addressee
        hidden = [policy.mask for _ in a.deputies]
        out = replace(out, addressee=replace(a, deputies=hidden, salutation=None))
    return out


def _map_text(obj: Any, fn: Callable[[str], str], skip: set[str] = frozenset()) -> Any:
    if isinstance(obj, str):
        return fn(obj)
    if isinstance(obj, list):
        return [_map_text(v, fn) for v in obj]
    if isinstance(obj, Section):
        return Section(fn(obj.heading), obj.run_in, _map_text(obj.body, fn))
    if is_dataclass(obj) and not isinstance(obj, type):
        changes = {}
        for f in fields(obj):
            if f.name in skip:
                continue
            value = getattr(obj, f.name)
            if isinstance(value, (str, list)) or is_dataclass(value):
                changes[f.name] = _map_text(value, fn)
        return replace(obj, **changes)
    return obj


@dataclass
class Leak:
    kind: str  # a PATTERNS key
    text: str  # what was found
    paragraph: str = field(repr=False, default="")


def leaks(paragraphs: Iterable[str], policy: PublicPolicy, allowed_numbers: Iterable[str] = ()) -> list[Leak]:
    """What the policy removes but the public text still holds."""
    allowed = {_digits(n) for n in allowed_numbers if _digits(n)}
    found: list[Leak] = []
    for para in paragraphs:
        for key in policy.remove:
            if key == "private":
                continue  # brackets are gone from printed text; the spans were masked before
            for m in PATTERNS[key].finditer(para):
                if key == "phone" and _digits(m.group(0)) in allowed:
                    continue
                found.append(Leak(key, m.group(0), para))
    return found
