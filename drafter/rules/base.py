"""The rule machinery: a Rule has a stable code, a Chinese message, a severity, a rationale
with its source, and optionally a fix marked safe or unsafe (in the manner of ruff/sqlfluff).

Rules read the draft (and the Letter when the draft passed the schema) and return findings;
they never import the renderer or the CLI.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Iterable

from drafter.drafts import Draft
from drafter.findings import ERROR, Edit, Finding, Fix, Path
from drafter.model import Letter
from drafter.profile import Profile


@dataclass
class Context:
    """What a rule may look at."""

    draft: Draft
    letter: Letter | None
    profile: Profile
    today: dt.date
    _sentences: Any = field(default=None, repr=False)
    _memo: dict = field(default_factory=dict, repr=False)

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """A value computed once per draft and shared by the rules (every rule walking the whole
        draft again was most of a check's time)."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
            return value

    @property
    def data(self) -> Any:
        return self.draft.data

    @property
    def sentences(self):
        """The letter's fixed sentences as they will print (overrides or templates)."""
        if self._sentences is None and self.letter is not None:
            from drafter.sentences import Sentences

            self._sentences = Sentences(self.letter, self.profile.templates_dir)
        return self._sentences

    def text_at(self, *path: Any) -> str | None:
        """The string at `path` in the raw draft, or None (missing, wrong type, draft malformed).
        Lets single-field rules run even when another part of the draft fails the schema."""
        node = self.data
        for part in path:
            if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
                node = node[part]
            elif isinstance(part, str) and isinstance(node, dict) and part in node:
                node = node[part]
            else:
                return None
        return node if isinstance(node, str) else None

    def report(self, rule: "Rule", path: Path, message: str | None = None, *,
               fix_value: Any = None, fix_edits: Iterable[Edit] | None = None,
               fix_description: str | None = None, safe: bool | None = None) -> Finding:
        """A finding of `rule` at `path`; give `fix_value` (or `fix_edits`) when it can be fixed.
        The rule's `fix` gives the usual safety; `safe` decides it for this one finding (a fix
        that is safe in general may need a person's eye here)."""
        fix = None
        edits = tuple(fix_edits) if fix_edits is not None else ((Edit(tuple(path), fix_value),) if fix_value is not None else ())
        if edits and rule.fix != "none":
            fix = Fix(fix_description or rule.fix_description or "自动修正", edits,
                      safe=(rule.fix == "safe") if safe is None else safe)
        return self.draft.finding(path, rule.code, rule.severity, message or rule.message, fix)

    def strings(self) -> list[tuple[Path, str]]:
        """Every string value in the draft with its path (keys excluded), walked once per draft."""

        def walk(node: Any, path: Path, out: list) -> list:
            if isinstance(node, dict):
                for k, v in node.items():
                    if k != "$schema":
                        walk(v, path + (k,), out)
            elif isinstance(node, list):
                for i, v in enumerate(node):
                    walk(v, path + (i,), out)
            elif isinstance(node, str):
                out.append((path, node))
            return out

        return self.memo("strings", lambda: walk(self.data, (), []))


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]  # kebab-case, for humans and `drafter rules`
    message: ClassVar[str]  # the default one-line Chinese message
    severity: ClassVar[str] = ERROR
    rationale: ClassVar[str]  # why it matters, in Chinese
    source: ClassVar[str]  # GB/T 9704 clause, handling rule, or 通行做法
    fix: ClassVar[str] = "none"  # "none", "safe" or "unsafe"
    fix_description: ClassVar[str] = ""
    needs_letter: ClassVar[bool] = True  # skip when the draft failed the schema
    # Examples for `drafter rules CODE`: YAML fragments (only the keys that matter).
    good: ClassVar[str] = ""
    bad: ClassVar[str] = ""

    def check(self, ctx: Context) -> Iterable[Finding]:  # pragma: no cover - interface
        raise NotImplementedError


REGISTRY: dict[str, Rule] = {}


def register(cls: type[Rule]) -> type[Rule]:
    if cls.code in REGISTRY:
        raise ValueError(f"duplicate rule code {cls.code}")
    REGISTRY[cls.code] = cls()
    return cls


def _score(code: str, selectors: Iterable[str]) -> int | None:
    """Length of the most specific selector matching `code` (ALL matches with 0)."""
    best = None
    for sel in selectors:
        sel = sel.strip().upper()
        if sel == "ALL":
            length = 0
        elif code.startswith(sel):
            length = len(sel)
        else:
            continue
        best = length if best is None else max(best, length)
    return best


def selected(rules: Iterable[Rule], select: Iterable[str], ignore: Iterable[str]) -> list[Rule]:
    """Rules enabled by select/ignore codes or prefixes; the more specific selector wins."""
    select, ignore = list(select), list(ignore)
    out = []
    for rule in rules:
        s, i = _score(rule.code, select), _score(rule.code, ignore)
        if s is not None and (i is None or s > i):
            out.append(rule)
    return out


def is_selected(code: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """Whether findings of `code` are reported under these selectors (most specific wins)."""
    s, i = _score(code, select), _score(code, ignore)
    return s is not None and (i is None or s > i)


def unknown_selectors(selectors: Iterable[str]) -> list[str]:
    codes = list(REGISTRY)
    return [s for s in selectors if s.strip().upper() != "ALL" and not any(c.startswith(s.strip().upper()) for c in codes)]


def run_rules(ctx: Context, rules: Iterable[Rule]) -> list[Finding]:
    out: list[Finding] = []
    for rule in rules:
        if rule.needs_letter and ctx.letter is None:
            continue
        out.extend(rule.check(ctx))
    return out
