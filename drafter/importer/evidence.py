"""Candidates for a field, each with the text it was read from, and how one is chosen.

A recogniser never decides alone: it offers what it read (value, the paragraph it read it
from, how sure it is, whether that copy looks intact). When two copies disagree — the page
header and the letter's own title, a 文号 that lost its 〕 and one that did not — the intact
copy wins, then the surer recogniser, then the earlier text. Nothing is chosen that no
recogniser read: a value is never made up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Candidate:
    field: str          # draft path: "proposal.number", "contacts", "signature.date" …
    value: Any
    recogniser: str     # the named recogniser that read it
    evidence: str       # the source text it was read from (one paragraph, shortened)
    para: int | None    # 0-based index of that paragraph in the letter, when known
    confidence: float   # 0..1
    intact: bool = True  # False for a copy visibly damaged in extraction (a lost 〕, "第次")

    def rank(self) -> tuple:
        return (self.intact, self.confidence, -(self.para if self.para is not None else 10**6))


@dataclass
class Evidence:
    candidates: list[Candidate] = field(default_factory=list)
    # (field, value) pairs a cross-check showed to be wrong (a site's owner named as the author)
    rejected: set = field(default_factory=set)

    def offer(self, field_: str, value: Any, recogniser: str, evidence: str, para: int | None,
              confidence: float, intact: bool = True) -> None:
        if value in (None, "", [], {}):
            return
        text = " ".join(str(evidence).split())
        if len(text) > 60:
            text = text[:58] + "…"
        self.candidates.append(Candidate(field_, value, recogniser, text, para, confidence, intact))

    def best(self, field_: str) -> Candidate | None:
        cands = [c for c in self.candidates if c.field == field_]
        return max(cands, key=Candidate.rank) if cands else None

    def fields(self) -> list[str]:
        seen: list[str] = []
        for c in self.candidates:
            if c.field not in seen:
                seen.append(c.field)
        return seen

    def chosen(self) -> dict[str, Candidate]:
        return {f: self.best(f) for f in self.fields()}  # type: ignore[misc]

    def rivals(self, field_: str) -> list[Candidate]:
        """Other values offered for the field (a conflict the clerk may want to see)."""
        best = self.best(field_)
        return [c for c in self.candidates if c.field == field_ and best and c.value != best.value]


def guesses(ev: Evidence, data: dict | None) -> list[Candidate]:
    """The chosen candidate of every field that made it into the draft, in draft order."""
    if not data:
        return []
    out = []
    for f, c in ev.chosen().items():
        node: Any = data
        for part in f.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node is not None:
            out.append(c)
    return out
