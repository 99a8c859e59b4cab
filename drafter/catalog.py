"""One catalogue of every code drafter can emit: the rules, the GB layout checks, and the
codes of reading, schema, import, configuration, templates and PDF.

    explain("GB102")   # -> Entry(code, name, severity, message, rationale, source, fix, stage, good, bad)
    codes()            # every code, sorted
    unknown_selectors(["GB", "XX9"])   # -> ["XX9"]

`drafter rules CODE`, --select/--ignore and drafter.toml all read it, so a code that can be
printed can also be explained, selected and ignored.
"""

from __future__ import annotations

from typing import Iterable

from drafter.codes import CODES, Code

Entry = Code


def _rule_entry(rule) -> Entry:
    return Entry(rule.code, rule.name, rule.severity, rule.message, rule.rationale, rule.source,
                 rule.fix, "规则", rule.good, rule.bad)


def catalogue() -> dict[str, Entry]:
    """Every code with its entry, sorted by code."""
    from drafter.docxcheck.codes import LAYOUT_CODES
    from drafter.rules import load_all

    out: dict[str, Entry] = dict(CODES)
    out.update(LAYOUT_CODES)
    out.update((code, _rule_entry(rule)) for code, rule in load_all().items())
    return dict(sorted(out.items()))


def codes() -> list[str]:
    return list(catalogue())


def explain(code: str) -> Entry | None:
    return catalogue().get(code.strip().upper())


def unknown_selectors(selectors: Iterable[str]) -> list[str]:
    """Selectors (codes or prefixes, or ALL) that match no code."""
    known = codes()
    return [s for s in selectors
            if s.strip().upper() != "ALL" and not any(c.startswith(s.strip().upper()) for c in known)]


__all__ = ["Entry", "catalogue", "codes", "explain", "unknown_selectors"]
