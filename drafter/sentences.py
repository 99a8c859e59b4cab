"""The fixed sentences of a reply, from the Jinja2 templates in templates/.

Templates run in Jinja2's sandbox and only ever receive draft text as variables, so
a draft that contains `{{ 7*7 }}` is printed as written, never evaluated.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from drafter.model import Letter
from drafter.resources import data_dir
from drafter.text import chinese_date


class TemplateProblem(Exception):
    """An office's sentence template that cannot be used (syntax, unknown variable, sandbox)."""


@lru_cache(maxsize=8)
def _environment(override_dir: str | None):
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    loaders = [FileSystemLoader(str(data_dir("templates")), encoding="utf-8")]
    if override_dir:
        loaders.insert(0, FileSystemLoader(override_dir, encoding="utf-8"))
    return ImmutableSandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
    )


class Sentences:
    """Renders the fixed sentences of one letter. `override_dir` is an office's own templates."""

    def __init__(self, letter: Letter, override_dir: str | Path | None = None):
        self.letter = letter
        self._override = str(override_dir) if override_dir else None

    @property
    def _env(self):
        # Jinja2 loads only when a sentence is not written in the draft itself (a fifth of a
        # cold `drafter check` otherwise).
        return _environment(self._override)

    # -- context ---------------------------------------------------------------
    def _context(self) -> dict[str, Any]:
        L = self.letter
        ret, ext = L.returning, (L.case.extension if L.case else None)
        return {
            "type": L.doc_type,
            "handler": ret.handler if ret else None,
            "received": chinese_date(ret.received) if ret and ret.received else None,
            "new_date": chinese_date(ext.until) if ext and ext.until else None,
            "kind": L.kind,
            "layout": L.layout,
            "organ": L.organ,
            "word": L.proposal_word,
            "member": L.member_word,
            "you": "你们" if L.addressee.total > 1 and not L.addressee.unit else "您",
            "session": L.proposal.session,
            "number": L.proposal.number,
            "proposal_title": L.proposal.title,
            "handling": L.proposal.handling,
            "co_handlers": list(L.proposal.co_handlers),
            "deputies": list(L.addressee.deputies),
            "count": L.addressee.total,
            "unit": L.addressee.unit,
            "leader": L.signature.leader,
            "contacts": [{"name": c.name, "phones": list(c.phones)} for c in L.contacts],
            "notes": list(L.notes),
        }

    def _render(self, name: str, **extra: Any) -> str:
        from jinja2 import TemplateError, TemplateSyntaxError

        ctx = self._context()
        ctx.update(extra)
        try:
            return self._env.get_template(name).render(**ctx).strip()
        except TemplateSyntaxError as exc:
            where = exc.filename or name
            raise TemplateProblem(f"模板 {where} 第{exc.lineno}行语法有误（{exc.message}），请改正") from None
        except TemplateError as exc:
            raise TemplateProblem(f"模板 {name} 无法使用（{exc}），请对照 templates/README.md 中的变量改正") from None

    # -- sentences ---------------------------------------------------------------
    def title(self) -> str:
        return self.letter.title or self._render("title.j2")

    def salutation(self) -> str:
        """称谓 followed by the full-width colon."""
        name = self.letter.addressee.salutation or self._render("salutation.j2")
        return name.rstrip("：:") + "："

    def acknowledgement(self) -> str:
        return self.letter.acknowledgement or self._render("acknowledgement.j2")

    def closing(self) -> str:
        return self.letter.closing or self._render("closing.j2")

    def notes(self) -> list[str]:
        """附注 lines, each already in parentheses: leader, contacts, other notes."""
        return [line.strip() for line in self._render("notes.j2").splitlines() if line.strip()]

    def copy_line(self) -> str | None:
        if not self.letter.copy_to:
            return None
        return self._render("copy_to.j2", names=list(self.letter.copy_to))

    def printing_date(self) -> str | None:
        if not self.letter.printing:
            return None
        return self._render("printing.j2", date=chinese_date(self.letter.printing.date))

    def signature_date(self) -> str:
        return chinese_date(self.letter.signature.date)
