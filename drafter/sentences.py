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
    """An office's sentence template that cannot be used (syntax, unknown variable, sandbox,
    a runtime error, a loop past its budget, a file that is no regular UTF-8 file in the folder)."""


TEMPLATE_NAMES = ("title.j2", "salutation.j2", "acknowledgement.j2", "closing.j2", "notes.j2",
                  "copy_to.j2", "printing.j2")


def _safe_loader(root: Path):
    """A loader that reads only regular files lying inside `root` once links are resolved, so a
    symlink in an office's template folder cannot pull /etc/passwd into a letter; each file is
    bounded in size and must be UTF-8."""
    import os
    import stat

    from jinja2 import BaseLoader, TemplateNotFound

    from drafter.limits import TEMPLATE_BYTES

    base = root.resolve()

    class Loader(BaseLoader):
        def get_source(self, environment, template):
            parts = [p for p in template.replace("\\", "/").split("/") if p not in ("", ".")]
            if any(p == ".." for p in parts):
                raise TemplateNotFound(template)
            path = base.joinpath(*parts)
            try:
                real = path.resolve(strict=True)
            except (OSError, RuntimeError):
                if os.path.lexists(path):  # a dangling link or a loop: the office meant its own
                    raise TemplateProblem(f"模板 {template} 是指向不存在的文件的链接（或链接循环），请改正") from None
                raise TemplateNotFound(template) from None
            if real != base and base not in real.parents:
                raise TemplateProblem(f"模板 {template} 是指向模板文件夹以外（{real}）的链接，拒绝使用；请把模板文件本身放进文件夹")
            try:
                st = os.stat(real)
                if not stat.S_ISREG(st.st_mode):
                    raise TemplateProblem(f"模板 {template} 不是普通文件，拒绝使用")
                if st.st_size > TEMPLATE_BYTES:
                    raise TemplateProblem(f"模板 {template} 过大（{st.st_size // 1024} KB，上限 {TEMPLATE_BYTES // 1024} KB）")
                with open(real, "rb") as fh:
                    raw = fh.read(TEMPLATE_BYTES + 1)
            except OSError as exc:
                from drafter.drafts import os_reason

                raise TemplateProblem(f"模板 {template} 无法读取（{os_reason(exc)}）") from None
            try:
                source = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise TemplateProblem(f"模板 {template} 不是 UTF-8 编码，请另存为 UTF-8") from None
            mtime = st.st_mtime

            def uptodate() -> bool:  # recompiled only when the file changes (as FileSystemLoader does)
                try:
                    return os.stat(real).st_mtime == mtime
                except OSError:
                    return False

            return source, str(real), uptodate

    return Loader()


@lru_cache(maxsize=8)
def _environment(override_dir: str | None):
    from jinja2 import ChoiceLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from drafter.limits import TEMPLATE_OUTPUT_CHARS, TEMPLATE_RANGE, BudgetExceeded

    class Sandbox(ImmutableSandboxedEnvironment):
        # Bound what one expression can build: "x" * 10**9 or 9 ** 9 ** 9 would take the
        # machine; the sandbox itself only bounds range().
        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context, operator, left, right):
            if operator == "**" and isinstance(right, int) and (
                    abs(right) > 64 or (isinstance(left, int) and left.bit_length() * abs(right) > 10_000)):
                raise BudgetExceeded(f"中的乘方 {right} 过大")
            if operator == "*":
                for a, b in ((left, right), (right, left)):
                    if isinstance(a, (str, list, tuple)) and isinstance(b, int) and len(a) * b > TEMPLATE_OUTPUT_CHARS:
                        raise BudgetExceeded(f"中重复的文字超过 {TEMPLATE_OUTPUT_CHARS} 字")
            return super().call_binop(context, operator, left, right)

    def bounded_range(*args):
        r = range(*args)
        if len(r) > TEMPLATE_RANGE:
            raise BudgetExceeded(f"中的 range() 超过 {TEMPLATE_RANGE} 项")
        return r

    loaders = [_safe_loader(data_dir("templates"))]
    if override_dir:
        loaders.insert(0, _safe_loader(Path(override_dir)))
    env = Sandbox(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
    )
    env.globals["range"] = bounded_range
    return env


class Sentences:
    """Renders the fixed sentences of one letter. `override_dir` is an office's own templates."""

    def __init__(self, letter: Letter, override_dir: str | Path | None = None):
        self.letter = letter
        self._override = str(override_dir) if override_dir else None
        self._rendered: dict[tuple[str, str], str] = {}

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
        # check renders every sentence once and render needs them again: keep what each gave.
        key = (name, repr(sorted(extra.items())))
        text = self._rendered.get(key)
        if text is None:
            text = self._rendered[key] = self._render_template(name, extra)
        return text

    def _render_template(self, name: str, extra: dict[str, Any]) -> str:
        from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

        from drafter.limits import TEMPLATE_OUTPUT_CHARS, TEMPLATE_SECONDS, BudgetExceeded, time_budget

        ctx = self._context()
        ctx.update(extra)
        try:
            with time_budget(TEMPLATE_SECONDS, f"运行超过 {TEMPLATE_SECONDS:g} 秒（循环过多？）"):
                text = self._env.get_template(name).render(**ctx).strip()
        except TemplateProblem:
            raise
        except TemplateSyntaxError as exc:
            where = Path(exc.filename).name if exc.filename else name
            raise TemplateProblem(f"模板 {where} 第{exc.lineno}行语法有误（{exc.message}），请改正") from None
        except TemplateNotFound as exc:
            raise TemplateProblem(f"模板 {name} 引用的模板 {exc.name} 不存在") from None
        except TemplateError as exc:
            raise TemplateProblem(f"模板 {name} 无法使用（{exc}），请对照 templates/README.md 中的变量改正") from None
        except BudgetExceeded as exc:
            raise TemplateProblem(f"模板 {name} {exc.message}，请改正") from None
        except RecursionError:
            raise TemplateProblem(f"模板 {name} 无限递归（引用了自己？），请改正") from None
        except MemoryError:
            raise TemplateProblem(f"模板 {name} 用尽了内存，请改正") from None
        except Exception as exc:  # noqa: BLE001 - 1/0, "a" + 1 …: an office's template is code it wrote
            raise TemplateProblem(f"模板 {name} 运行出错（{type(exc).__name__}: {exc}），请改正") from None
        if len(text) > TEMPLATE_OUTPUT_CHARS:
            raise TemplateProblem(f"模板 {name} 生成的文字超过 {TEMPLATE_OUTPUT_CHARS} 字，请改正")
        return text

    def all(self) -> None:
        """Render every sentence once, so that `check` finds a broken template before `render`."""
        self.title()
        self.salutation()
        self.acknowledgement()
        self.closing()
        self.notes()
        self.copy_line()
        self.printing_date()

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
