"""The check pipeline: load → schema → rules, and safe fixes applied back to the draft."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path as FsPath
from typing import Iterable

from drafter.drafts import Draft, LoadError, load_draft, loads_draft, set_value
from drafter.findings import FATAL, Finding, sort_key
from drafter.profile import Profile
from drafter.rules import Context, Rule, load_all, run_rules, selected
from drafter.rules.base import is_selected
from drafter.schema import validate
from drafter.sentences import TemplateProblem

PLACEHOLDER_CODE = "TX101"
CHECK_SILENT_IMPORT_CODES = {"IM120"}  # 版式按推断填写
WORD_SUFFIXES = (".docx", ".doc")


@dataclass
class Options:
    profile: Profile = field(default_factory=Profile)
    select: list[str] | None = None  # None: take the profile's
    ignore: list[str] | None = None
    today: dt.date = field(default_factory=dt.date.today)

    def rules(self) -> list[Rule]:
        select, ignore = self.selectors()
        return _rules(tuple(select), tuple(ignore))

    def selectors(self) -> tuple[list[str], list[str]]:
        select = self.select if self.select is not None else self.profile.select
        return list(select), list(self.profile.ignore) + list(self.ignore or [])

    def wanted(self, code: str) -> bool:
        return is_selected(code, *self.selectors())

    def keep(self, findings: Iterable[Finding]) -> list[Finding]:
        """Findings whose code is selected; a file that could not be read is always said."""
        select, ignore = self.selectors()
        return [f for f in findings if f.severity == FATAL or is_selected(f.code, select, ignore)]


@lru_cache(maxsize=32)
def _rules(select: tuple[str, ...], ignore: tuple[str, ...]) -> list[Rule]:
    """The rules of one selection, chosen once per process (not once per draft of a batch)."""
    return selected(load_all().values(), select, ignore)


def check_draft(draft: Draft, options: Options) -> list[Finding]:
    """Schema findings, then rule findings, in file order."""
    return check_context(draft, options)[0]


def check_context(draft: Draft, options: Options) -> tuple[list[Finding], Context]:
    """The findings and the rules' context, whose Letter and Sentences the renderer reuses."""
    from drafter.model import Letter

    schema_findings = validate(draft) + budget_findings(draft)
    letter = None
    if not schema_findings:
        letter = Letter.from_data(draft.data)
    ctx = Context(draft, letter, options.profile, options.today)
    try:
        if letter is not None:
            ctx.sentences.all()  # what passes check renders: a broken template is found here
        rule_findings = run_rules(ctx, options.rules())
    except TemplateProblem as exc:
        # The office's own templates are broken: nothing about this draft can be trusted yet.
        return [Finding(draft.name, None, None, "", "TPL001", FATAL, str(exc))], ctx
    # A placeholder is reported once, as a placeholder, not again as a malformed value.
    placeholder_paths = {f.path for f in rule_findings if f.code == PLACEHOLDER_CODE}
    findings = [f for f in schema_findings + rule_findings
                if f.code == PLACEHOLDER_CODE or f.path not in placeholder_paths]
    kept = options.keep(findings)
    if letter is None and not any(f.severity in ("error", FATAL) for f in kept):
        # The selection hid every reason the draft cannot be rendered; what passes check must
        # render, so say so in one line rather than pass it.
        kept.append(Finding(draft.name, None, None, "", "SCH009", "error",
                            f"草稿结构有 {len(schema_findings)} 处错误（被 --select/--ignore 略去），无法生成；"
                            "不加 --select/--ignore 再检查一遍即可看到"))
    return sorted(kept, key=sort_key), ctx


def budget_findings(draft: Draft) -> list[Finding]:
    """Values no letter can hold (unprintable characters, absurd sizes): always checked, whatever
    --select says, because the renderer could not write them."""
    from drafter.limits import draft_problems

    return [draft.finding(p.path, p.code, "error", p.message) for p in draft_problems(draft.data)]


def check_text(text: str, options: Options | None = None, name: str = "draft.yaml", fmt: str = "yaml") -> list[Finding]:
    """Check draft text held in memory (tests, editors)."""
    try:
        draft, warnings = loads_draft(text, fmt, name)
    except LoadError as exc:
        return [exc.finding]
    return warnings + check_draft(draft, options or Options())


def check_file(path: FsPath, options: Options, name: str | None = None) -> tuple[Draft | None, list[Finding]]:
    """Check a draft, or a Word letter (imported in memory, plus its own layout)."""
    name = name or str(path)
    if path.suffix.lower() in WORD_SUFFIXES and path.is_file():
        return None, check_word(path, options, name)
    draft, findings = load_draft(path, name)
    if draft is None:
        return None, findings
    return draft, findings + check_draft(draft, options)


def check_word(path: FsPath, options: Options, name: str) -> list[Finding]:
    return check_word_context(path, options, name)[1]


def check_word_context(path: FsPath, options: Options, name: str) -> tuple[Draft | None, list[Finding], Context | None]:
    """A .docx: its content through import → schema → rules, and its layout against GB/T 9704.
    Returns the draft made from its content (None when refused), the findings and the context."""
    from drafter.docxcheck import check_docx_layout
    from drafter.importer import import_file

    try:
        result = import_file(path, normalize=False)  # the text as written is what is checked
        layout = check_docx_layout(path, name, options.wanted)
    except LoadError as exc:
        return None, [exc.finding], None
    # The layout guess matters when a draft is written (import), not when a letter is checked.
    findings = [_rename(f, name) for f in result.findings if f.code not in CHECK_SILENT_IMPORT_CODES]
    if result.refused:
        findings.append(Finding(name, None, None, "", "IM010", "error", result.refused))
        return None, options.keep(findings) + layout, None
    data = result.data
    proposal = data.get("proposal")
    if isinstance(proposal, dict) and "handling" not in proposal:
        # Most letters never print how they were handled; check the rest as a 独办 reply.
        proposal["handling"] = "主办" if proposal.get("co_handlers") else "独办"
        findings = [f for f in findings if f.field != "proposal.handling"]
        findings.append(Finding(name, None, None, "proposal.handling", "IM121", "warning",
                                f"原文没有写明办理方式，按“{proposal['handling']}”检查"))
    draft, _ = loads_draft(_as_json(data), "json", name)
    draft.located = False  # lines of a JSON made up in memory mean nothing to the user
    # Unselected, so that "not found" and "required" merge before the selection is applied.
    content, ctx = check_context(draft, replace(options, select=["ALL"], ignore=[], profile=_no_selection(options.profile)))
    # "not found in the letter" (import) and "required field missing" (schema) are one problem:
    # keep the import's wording, at the schema's severity.
    missing = {f.field for f in content if f.code == "SCH001"}
    findings = [replace(f, severity="error") if f.field in missing and f.code == "IM101" else f for f in findings]
    content = [f for f in content if not (f.code == "SCH001" and f.field in {g.field for g in findings})]
    return draft, sorted(options.keep(findings + content), key=sort_key) + layout, ctx


def _no_selection(profile: Profile) -> Profile:
    return replace(profile, select=["ALL"], ignore=[])


def _as_json(data) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2)


def _rename(f: Finding, name: str) -> Finding:
    return replace(f, file=name)


# -- fixes -----------------------------------------------------------------------------


def apply_fixes(draft: Draft, options: Options, unsafe: bool = False, rounds: int = 5,
                findings: list[Finding] | None = None) -> tuple[int, list[Finding]]:
    """Apply fixes to the draft's data (safe ones, or all with `unsafe`), re-checking after each
    round because one fix can reveal or settle another. The edits are kept in `draft.edits`;
    `drafts.rewrite(draft, draft.edits)` writes them into the text. Give `findings` when the
    draft was just checked. Returns (edits applied, remaining findings)."""
    applied = 0
    if findings is None:
        findings = check_draft(draft, options)
    for _ in range(rounds):
        touched: set = set()
        changed = 0
        for f in findings:
            if f.fix is None or (not f.fix.safe and not unsafe):
                continue
            paths = {e.path for e in f.fix.edits}
            if paths & touched:
                continue  # two fixes on one value: take the first now, the next round sees the result
            for edit in f.fix.edits:
                set_value(draft, edit.path, edit.value)
            touched |= paths
            changed += len(f.fix.edits)
        if not changed:
            break
        applied += changed
        findings = check_draft(draft, options)
    return applied, findings


def unified_diff(draft: Draft, new_text: str) -> str:
    old = draft.text.splitlines(keepends=True)
    new = new_text.splitlines(keepends=True)
    return "".join(difflib.unified_diff(old, new, fromfile=draft.name, tofile=draft.name + "（修正后）"))


def exit_code(findings: Iterable[Finding]) -> int:
    """0 no errors (warnings allowed), 1 errors found, 2 something could not be checked,
    3 drafter itself failed on a file (INT001, see drafter/guard.py)."""
    from drafter.guard import EXIT_INTERNAL, INTERNAL_CODE

    code = 0
    for f in findings:
        if f.code == INTERNAL_CODE:
            return EXIT_INTERNAL
        if f.severity == FATAL:
            code = 2
        elif f.severity == "error" and code < 2:
            code = 1
    return code
