"""The library API every front end uses: the CLI, the caseload, the web workbench.

    ws = Workspace()                       # drafter.toml in the working folder, today's date
    doc = ws.open("reply.yaml")            # or ws.open_text(text), ws.open_word(data)
    doc.findings                           # schema + rules (+ GB layout for a Word letter)
    result = doc.fix()                     # FixResult: new text, diff, edits applied; nothing written
    data = doc.docx()                      # the rendered letter (RenderRefused when it has errors)
    load = ws.caseload("草稿/")             # the folder as a caseload: due, 台账, report, intake

Nothing here writes a file or prints: front ends decide where bytes go and how findings read.
Heavy libraries (jsonschema, ruamel, python-docx) load inside the stage that needs them.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from drafter.findings import ERROR, FATAL, Finding

WORD_SUFFIXES = (".docx", ".doc")


class RenderRefused(Exception):
    """The letter cannot be rendered: it has errors (or the office's templates are broken)."""

    def __init__(self, name: str, findings: list[Finding]):
        super().__init__(f"{name}: 有 {len(findings)} 个问题，未生成")
        self.name = name
        self.findings = findings


class SelectionError(ValueError):
    """--select/--ignore codes that no check emits."""

    def __init__(self, unknown: list[str]):
        super().__init__("、".join(unknown))
        self.unknown = unknown


@dataclass
class FixResult:
    text: str  # the draft's text after the fixes (equal to the old text when none applied)
    diff: str  # unified diff old → new ("" when nothing changed)
    applied: int  # edits applied
    findings: list[Finding] = field(default_factory=list)  # what remains after the fixes
    problem: Finding | None = None  # why the fixes could not be written into the text (nothing changed)


def rewrite(draft, edits: Iterable) -> str:
    """The draft's text with `edits` (Edit, or (path, value) pairs) applied, comments kept: the
    one place fixes reach the text (drafts.rewrite: the ruamel round trip, built only here).
    Raises drafts.LoadError for the rare file the round trip cannot read."""
    from drafter.drafts import rewrite as _rewrite
    from drafter.findings import Edit

    return _rewrite(draft, [e if isinstance(e, Edit) else Edit(tuple(e[0]), e[1]) for e in edits])


class Workspace:
    """A profile, a selection of codes and a date: everything a check depends on."""

    def __init__(self, profile: Any = None, select: Sequence[str] | None = None,
                 ignore: Sequence[str] | None = None, today: dt.date | None = None):
        from drafter.profile import Profile, load_profile

        if profile is None or isinstance(profile, (str, os.PathLike)):
            profile = load_profile(Path(profile) if profile is not None else None)  # ProfileError
        elif not isinstance(profile, Profile):
            raise TypeError("profile: a Profile, a path to drafter.toml, or None")
        self.profile = profile
        self.select = list(select) if select is not None else None
        self.ignore = list(ignore or [])
        if self.select or self.ignore:
            from drafter.catalog import unknown_selectors

            bad = unknown_selectors((self.select or []) + self.ignore)
            if bad:
                raise SelectionError(bad)
        self.today = today or dt.date.today()

    def options(self):
        from drafter.check import Options

        return Options(profile=self.profile, select=self.select, ignore=self.ignore, today=self.today)

    # -- opening -----------------------------------------------------------------------

    def open(self, path: str | os.PathLike, name: str | None = None) -> "Document":
        """A draft (.yaml/.yml/.json) or a Word letter (.docx) on disk; never raises for bad input
        (an unreadable file is a Document whose findings say why)."""
        from drafter.guard import Contained, contained

        path = Path(path)
        name = name or str(path)
        try:
            with contained(name):
                if path.suffix.lower() in WORD_SUFFIXES and path.is_file():
                    return self._word(path, name, path)
                from drafter.drafts import load_draft

                draft, findings = load_draft(path, name)
        except Contained as exc:  # drafter itself failed on this file: one line, the batch goes on
            return Document(self, name, path, _fmt(path), None, [exc.finding])
        return Document(self, name, path, draft.fmt if draft else _fmt(path), draft, findings)

    def open_text(self, text: str, name: str = "draft.yaml", fmt: str = "yaml") -> "Document":
        """A draft held in memory (an editor's buffer, a web form)."""
        from drafter.drafts import LoadError, loads_draft
        from drafter.guard import Contained, contained

        try:
            with contained(name, (LoadError,)):
                draft, findings = loads_draft(text, fmt, name)
        except LoadError as exc:
            return Document(self, name, None, fmt, None, [exc.finding])
        except Contained as exc:
            return Document(self, name, None, fmt, None, [exc.finding])
        draft.path = None
        return Document(self, name, None, fmt, draft, findings)

    def open_word(self, data: bytes, name: str = "letter.docx") -> "Document":
        """A Word letter held in memory (an upload)."""
        with tempfile.TemporaryDirectory(prefix="drafter-word-") as tmp:
            path = Path(tmp) / (Path(name).name or "letter.docx")
            if path.suffix.lower() not in WORD_SUFFIXES:
                path = path.with_suffix(".docx")
            path.write_bytes(data)
            return self._word(path, name, None)

    def _word(self, path: Path, name: str, shown: Path | None) -> "Document":
        from drafter.check import check_word_context
        from drafter.guard import Contained, contained

        try:
            with contained(name):
                draft, findings, ctx = check_word_context(path, self.options(), name)
        except Contained as exc:
            draft, findings, ctx = None, [exc.finding], None
        doc = Document(self, name, shown, "docx", draft, [])
        doc._findings, doc._ctx = findings, ctx
        if not any(f.severity == FATAL for f in findings):
            doc._word_bytes = path.read_bytes()  # review copies are made from the original
        return doc

    def find_drafts(self, folder: str | os.PathLike, word: bool = False) -> list[Path]:
        """Sorted draft paths under a folder (hidden files and folders skipped); with `word`,
        Word letters too."""
        from drafter.drafts import DRAFT_SUFFIXES

        return self.find_files(folder, DRAFT_SUFFIXES + (WORD_SUFFIXES[:1] if word else ()))

    def find_files(self, folder: str | os.PathLike, suffixes: tuple[str, ...]) -> list[Path]:
        """The one folder walker: files with these suffixes, sorted; the schema copy that `new`
        and `import` keep beside drafts (reply.schema.json) is no draft."""
        from drafter.drafts import find_files

        return find_files(Path(folder), suffixes)

    def caseload(self, folder: str | os.PathLike) -> "Caseload":
        """The drafts under `folder` as a caseload (read when first asked for)."""
        return Caseload(self, Path(folder))

    def render_many(self, items: Sequence[tuple[Path, str] | str | os.PathLike], jobs: int | None = None,
                    public: bool = False):
        """Render drafts on `jobs` cores (default all): drafter.batch.Outcome per draft, in input order;
        with `public`, their 公开版."""
        from drafter.batch import render_many

        pairs = [item if isinstance(item, tuple) else (Path(item), str(item)) for item in items]
        return render_many(self, pairs, jobs, public)

    # -- PDF ------------------------------------------------------------------------------

    def pdf_many(self, items: Sequence["Document | bytes | str | os.PathLike"], strict: bool = True) -> list[bytes | None]:
        """PDF bytes for each item (a Document, .docx bytes, or a .docx path), in order, from ONE
        LibreOffice start. Raises PdfUnavailable / PdfError (Chinese messages); with
        strict=False an item LibreOffice could not convert gives None instead of PdfError."""
        from drafter.render.pdf import PdfError, convert_batch

        with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
            sources = []
            for k, item in enumerate(items):
                if isinstance(item, (str, os.PathLike)):
                    sources.append(Path(item))
                    continue
                data = item.docx() if isinstance(item, Document) else item
                src = Path(tmp) / "in" / f"{k}.docx"
                src.parent.mkdir(parents=True, exist_ok=True)
                src.write_bytes(data)
                sources.append(src)
            outputs = convert_batch(sources, Path(tmp) / "out")
            if strict and None in outputs:
                k = outputs.index(None)
                raise PdfError(f"LibreOffice 未能转换第 {k + 1} 份文档，请确认它是有效的 .docx 文件")
            return [p.read_bytes() if p is not None else None for p in outputs]


class Caseload:
    """A folder of drafts as the office's caseload: what `due`, `ledger`, `report`, `intake` and the
    workbench use. The drafts are the record; nothing is kept here but what was read from them."""

    def __init__(self, ws: Workspace, folder: Path):
        self.workspace, self.folder = ws, folder
        self._read = None

    def _load(self):
        if self._read is None:
            from drafter.caseload.cases import load_cases

            self._read = load_cases(self.workspace.find_drafts(self.folder))
        return self._read

    @property
    def cases(self) -> list:
        """drafter.caseload.cases.CaseRecord for every reply and opinion draft, by number."""
        return self._load()[0]

    @property
    def problems(self) -> list[Finding]:
        """One fatal finding for each draft that could not be read at all."""
        return self._load()[1]

    def due(self, within: int | None = None):
        """drafter.caseload.due.DueList on the workspace's date; `within` days (default the profile's)."""
        from drafter.caseload.due import due_list

        profile = self.workspace.profile
        return due_list(self.cases, profile, self.workspace.today,
                        profile.caseload["due_within"] if within is None else within)

    def ledger(self) -> bytes:
        """The 台账 workbook (.xlsx), overdue rows marked as of the workspace's date."""
        from drafter.caseload.ledger import export

        return export(self.cases, self.folder, self.workspace.profile, self.workspace.today)

    def update_ledger(self, workbook: str | os.PathLike):
        """Write an edited 台账 back into the drafts (comments kept; stale or impossible rows
        refused): drafter.caseload.ledger.UpdateResult. The one call here that writes files."""
        from drafter.caseload.ledger import update

        self._read = None  # the drafts change
        return update(Path(workbook), self.folder, self.workspace.profile, self.workspace.today,
                      lambda: self.workspace)

    def figures(self, year: int):
        """drafter.caseload.figures.Figures: the year's 办复率, 按期办复率, 见面率, 满意度, 分类."""
        from drafter.caseload.figures import figures

        return figures(self.cases, year, self.workspace.profile)

    def report(self, year: int) -> "Report":
        from drafter.caseload.report import report_docx, report_text, report_xlsx

        fig = self.figures(year)
        organ = self.workspace.profile.organ.get("name") or "本单位"
        when = self.workspace.today
        return Report(fig, lambda: report_docx(fig, organ, when), lambda: report_xlsx(fig),
                      lambda: report_text(fig, organ, when))

    def intake(self, source: str | os.PathLike, schema_ref: str, defaults: dict[str, Any] | None = None):
        """One new draft per row of a 交办清单 (existing drafts untouched, differences listed):
        drafter.caseload.intake.IntakeResult. Writes the new drafts into the folder."""
        from drafter.caseload.intake import intake

        self._read = None
        return intake(Path(source), self.folder, self.workspace.profile, schema_ref, defaults)


@dataclass
class Report:
    """A year's figures and the documents made from them (each built when asked for)."""

    figures: Any
    _docx: Callable[[], bytes]
    _xlsx: Callable[[], bytes]
    _words: Callable[[], dict]

    def docx(self) -> bytes:
        return self._docx()

    def xlsx(self) -> bytes:
        return self._xlsx()

    def words(self) -> dict:
        """The report's title and sentences."""
        return self._words()


def _fmt(path: Path) -> str:
    from drafter.drafts import draft_format

    return draft_format(path) or path.suffix.lower().lstrip(".")


@dataclass
class Imported:
    """An existing letter read as draft data (`drafter import`)."""

    data: dict | None  # None when unreadable or not a reply
    findings: list[Finding] = field(default_factory=list)  # what could not be placed or was guessed
    # each key field read, with its evidence (drafter.importer.evidence.Candidate)
    fields: list = field(default_factory=list)


def import_letter(path: str | os.PathLike, name: str | None = None) -> Imported:
    """A .docx, .txt or .html letter as draft data; never raises for bad input."""
    from drafter.drafts import LoadError
    from drafter.guard import Contained, contained
    from drafter.importer import import_file

    path = Path(path)
    name = name or str(path)
    try:
        with contained(name, (LoadError,)):
            result = import_file(path, name=name)
    except LoadError as exc:
        return Imported(None, [exc.finding])
    except Contained as exc:
        return Imported(None, [exc.finding])
    if result.refused:
        return Imported(None, [Finding(name, None, None, "", "IM010", ERROR, result.refused)])
    return Imported(result.data, list(result.findings), list(result.fields))


class Document:
    """One letter through the pipeline; every stage runs once, when first asked for."""

    def __init__(self, ws: Workspace, name: str, path: Path | None, fmt: str, draft, load_findings: list[Finding]):
        self.workspace = ws
        self.name = name
        self.path = path
        self.fmt = fmt  # "yaml", "json" or "docx"
        self.draft = draft
        self._load_findings = list(load_findings)
        self._findings: list[Finding] | None = None
        self._ctx = None
        self._word_bytes: bytes | None = None

    def __repr__(self) -> str:
        return f"Document({self.name!r})"

    @property
    def data(self) -> Any:
        return self.draft.data if self.draft is not None else None

    @property
    def findings(self) -> list[Finding]:
        if self._findings is None:
            options = self.workspace.options()
            if self.draft is None:
                self._findings = options.keep(self._load_findings)
            else:
                from drafter.check import check_context
                from drafter.guard import Contained, contained

                try:
                    with contained(self.name):
                        found, self._ctx = check_context(self.draft, options)
                except Contained as exc:
                    found, self._ctx = [exc.finding], None
                self._findings = options.keep(self._load_findings) + found
        return self._findings

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity in (ERROR, FATAL)]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def letter(self):
        """The drafter.model.Letter, or None while the draft has errors."""
        self.findings
        if self._ctx is None or self.errors:
            return None
        return self._ctx.letter

    @property
    def sentences(self):
        """The letter's fixed sentences (templates), built once and shared with the rules."""
        return self._ctx.sentences if self.letter is not None else None

    # -- fixes ------------------------------------------------------------------------------

    def fix(self, unsafe: bool = False, rounds: int = 5) -> FixResult:
        """Apply the safe fixes (all with `unsafe`) in memory, re-checking after each round
        because one fix can reveal or settle another. Nothing is written."""
        return self._guarded(lambda: self._fix_all(unsafe, rounds))

    def _fix_all(self, unsafe: bool, rounds: int) -> FixResult:
        if not self._fixable():
            return self._unchanged()
        from drafter.check import apply_fixes

        work = self._working_copy()
        own = [f for f in self.findings if f not in self._kept()]
        applied, _ = apply_fixes(work, self.workspace.options(), unsafe=unsafe, rounds=rounds, findings=own)
        return self._result(work.edits, applied)

    def apply_fix(self, finding: Finding) -> FixResult:
        """Only this finding's fix (whatever its safety: the person chose it)."""
        return self._guarded(lambda: self._apply_one(finding))

    def _guarded(self, run) -> FixResult:
        from drafter.guard import Contained, contained

        try:
            with contained(self.name):
                return run()
        except Contained as exc:  # nothing is written: the one line says why
            return FixResult(self.draft.text if self.draft else "", "", 0, [exc.finding])

    def _apply_one(self, finding: Finding) -> FixResult:
        if finding.fix is None or not self._fixable():
            return self._unchanged()
        from drafter.drafts import set_value

        work = self._working_copy()
        for edit in finding.fix.edits:
            set_value(work, edit.path, edit.value)
        return self._result(work.edits, len(finding.fix.edits))

    def _fixable(self) -> bool:
        return self.draft is not None and self.fmt != "docx"  # a Word letter is fixed in Word

    def _kept(self) -> list[Finding]:
        return [f for f in self._load_findings if f.severity != FATAL]  # e.g. "read as GBK"

    def _unchanged(self) -> FixResult:
        return FixResult(self.draft.text if self.draft else "", "", 0, list(self.findings))

    def _working_copy(self):
        """The draft to apply fixes to, so that this Document stays as it was read."""
        import copy

        return replace(self.draft, data=copy.deepcopy(self.draft.data), edits=[])

    def _result(self, edits: list, applied: int) -> FixResult:
        """Write the edits into the text once (the round trip keeps comments), then check the new
        text as read, so the remaining findings carry its own lines."""
        if not applied:
            return self._unchanged()
        from drafter.check import check_draft, unified_diff
        from drafter.drafts import LoadError, loads_draft

        try:
            text = rewrite(self.draft, edits)  # LoadError: a text the round trip cannot read
            new, _ = loads_draft(text, self.draft.fmt, self.draft.name, self.draft.path)
        except LoadError as exc:  # a fix must never break the file: say so, change nothing
            result = self._unchanged()
            result.problem = exc.finding
            return result
        findings = self._kept() + check_draft(new, self.workspace.options())
        return FixResult(text, unified_diff(self.draft, text), applied, findings)

    def encode(self, text: str) -> bytes:
        """`text` as the file's bytes: its own encoding (GBK stays GBK), BOM and newlines."""
        from drafter.drafts import encode_text

        return encode_text(self.draft, text)

    # -- output -------------------------------------------------------------------------------

    def docx(self) -> bytes:
        """The rendered .docx; RenderRefused when the draft has errors or templates are broken."""
        letter = self.letter
        if letter is None:
            raise RenderRefused(self.name, self.errors)
        from drafter.guard import Contained, contained
        from drafter.render import render_docx
        from drafter.sentences import TemplateProblem

        try:
            from drafter.render.compose import RenderOptions

            options = RenderOptions(record_page=self.workspace.profile.record_page)
            with contained(self.name, (TemplateProblem,)):
                return render_docx(letter, self.sentences, options)
        except TemplateProblem as exc:
            raise RenderRefused(self.name, [Finding(self.name, None, None, "", "TPL001", FATAL, str(exc))]) from None
        except Contained as exc:
            raise RenderRefused(self.name, [exc.finding]) from None

    def pdf(self) -> bytes:
        """The PDF through LibreOffice (PdfUnavailable / PdfError / RenderRefused)."""
        return self.workspace.pdf_many([self])[0]

    # -- the other documents of a case (drafter/export, drafter/review) ------------------------

    def _refuse(self, path: tuple, code: str, message: str) -> RenderRefused:
        if self.draft is not None and self.draft.located:
            f = self.draft.finding(path, code, ERROR, message)
        else:
            from drafter.findings import field_name

            f = Finding(self.name, None, None, field_name(path), code, ERROR, message, path=path)
        return RenderRefused(self.name, [f])

    def public_docx(self) -> bytes:
        """The 公开版 by the profile's [public] policy, checked again on the rendered text:
        RenderRefused with PB101 (something the policy removes is still there) or PB102
        (the case is marked 不予公开)."""
        from drafter.export.public import LABELS, PublicRefused, leaks, public_letter
        from drafter.render import render_docx
        from drafter.review.package import WordPackage
        from drafter.review.paragraphs import paragraphs
        from drafter.sentences import Sentences, TemplateProblem

        letter = self.letter
        if letter is None:
            raise RenderRefused(self.name, self.errors)
        policy = self.workspace.profile.public
        publish = letter.case.publish if letter.case else None
        try:
            public = public_letter(letter, policy, publish.allowed if publish else None)
        except PublicRefused as exc:
            raise self._refuse(("case", "publish", "allowed"), "PB102", str(exc)) from None
        try:
            data = render_docx(public, Sentences(public, self.workspace.profile.templates_dir))
        except TemplateProblem as exc:
            raise RenderRefused(self.name, [Finding(self.name, None, None, "", "TPL001", FATAL, str(exc))]) from None
        pkg = WordPackage(data, self.name)
        texts = [p.text for p in paragraphs(pkg.xml(pkg.main))]
        allowed = [n for c in public.contacts for n in c.phones]
        found = leaks(texts, policy, allowed)
        if found:
            leak = found[0]
            raise self._refuse(self._path_of(leak.text), "PB101",
                               f"公开版中仍有{LABELS[leak.kind]}“{leak.text}”：请在草稿中用 [[…]] 标出不公开的内容，或改写")
        return data

    def _path_of(self, text: str) -> tuple:
        from drafter.rules.base import Context

        ctx = Context(self.draft, None, self.workspace.profile, self.workspace.today)
        for path, value in ctx.strings():
            if text in value:
                return path
        return ()

    def platform_text(self):
        """The body for the platforms' editors (drafter.export.platform_text.PlatformText)."""
        from drafter.export.platform_text import platform_text

        letter = self.letter
        if letter is None:
            raise RenderRefused(self.name, self.errors)
        return platform_text(letter, self.sentences, self.workspace.profile.text.acknowledgement)

    def form_docx(self) -> bytes:
        """The 征求意见表, one page per deputy; RenderRefused (FM101) for a letter that goes to
        no deputy (an opinion to the lead unit, a 退办函)."""
        from drafter.export.form import form_docx

        letter = self.letter
        if letter is None:
            raise RenderRefused(self.name, self.errors)
        if letter.doc_type in ("opinion", "return"):
            raise self._refuse(("type",), "FM101", "征求意见表随答复寄给代表（委员）；协办意见和退办函不寄征求意见表")
        return form_docx(letter, self.workspace.profile.form)

    def _review_source(self) -> bytes:
        if self._word_bytes is None:
            raise ValueError("review copies are made of Word letters (.docx) only")
        return self._word_bytes

    def annotated(self) -> bytes:
        """A copy of the Word letter with each finding as a Word comment on its paragraph."""
        from drafter.review import annotate

        data, _ = annotate(self._review_source(), self.findings, self.data, name=self.name)
        return data

    def tracked(self, unsafe: bool = False):
        """A copy of the Word letter with the fixes as tracked changes (drafter.review.TrackResult)."""
        from drafter.review import track_fixes

        return track_fixes(self._review_source(), self.findings, self.data, unsafe=unsafe, name=self.name)


__all__ = ["Document", "FixResult", "Imported", "import_letter", "RenderRefused", "SelectionError", "Workspace", "rewrite"]
