"""The command line: parse options, call the stages, print findings, set exit codes.

Exit codes (all commands):
  0  done; for `check`, no errors (warnings allowed)
  1  errors found in a draft (schema or rules), or an input is not a reply (`import`)
  2  could not run: bad usage, file missing or unreadable, not YAML/JSON, output exists
  3  drafter itself failed (INT001, drafter/guard.py); --debug prints the traceback
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from drafter import __version__
from drafter.findings import FATAL, SEVERITY_LABEL, Finding

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,  # never rich's traceback box: main() turns any crash into one line
    help="drafter：起草、检查、排版人大代表建议和政协提案的答复函（GB/T 9704-2012）。\n\n"
    "退出码：0 正常（check 时无错误，可有警告）；1 发现错误（或导入的不是答复函）；2 无法运行（用法错误、文件不存在或无法读取、输出文件已存在、模板有误）；3 drafter 内部错误（请报告，加 --debug 看详细信息）。",
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
SHELL_LEAVES_WILDCARDS = os.name == "nt"  # cmd and PowerShell pass *.yaml through; bash expands it


# -- helpers -------------------------------------------------------------------------


def _err(message: str) -> None:
    """A one-line message for the person at the terminal (stderr; never a coded finding)."""
    print(message, file=sys.stderr)


_WANTS_JSON = False  # set by main(): the command line asked for --format json


_COMMAND = ""  # set by main(): the command being run, for that document


def _say_refusal(message: str) -> None:
    """A usage mistake: one line `什么: 错误 说明` on stderr, or, when the command line asked for
    --format json, that line in the "notes" of the one JSON document on stdout."""
    if _WANTS_JSON:
        from drafter.reporters import reporter

        rep = reporter("json", _COMMAND or "drafter")
        rep.note(message)
        rep.finish(None, EXIT_USAGE)
    else:
        _err(message)


def _refuse(message: str) -> None:
    """Stop on a usage mistake (see _say_refusal), exit code 2."""
    _say_refusal(message)
    raise typer.Exit(EXIT_USAGE)


def _write(path: Path, data: bytes, force: bool) -> Optional[Finding]:
    """The one way a command writes a file: atomically, never replacing one without --force.
    Returns the finding that says why not, or None when written."""
    from drafter.drafts import ExistsError, LinkError, fatal, os_reason, write_atomic

    try:
        write_atomic(path, data, force=force)
    except ExistsError:
        return fatal(str(path), "IO012", "文件已存在，未覆盖；确需覆盖请加 --force")
    except IsADirectoryError:
        return fatal(str(path), "IO004", "这是文件夹，请给出文件名")
    except LinkError as exc:
        return fatal(str(path), "IO004", f"无法写入：这是符号链接，{exc.strerror}；请给出普通文件名")
    except PermissionError as exc:
        if exc.strerror == "文件是只读的":
            return fatal(str(path), "IO004", "文件是只读的，未修改；确需修改请先去掉只读属性")
        return fatal(str(path), "IO004", "无法写入：没有权限，或文件正在 Word/WPS 中打开（请先关闭）")
    except OSError as exc:
        return fatal(str(path), "IO004", f"无法写入（{os_reason(exc)}），请检查文件夹和权限")
    return None


def _shell_arg(path) -> str:
    """A path as the person would type it in a suggested command: quoted when it has a space
    (double quotes mean the same in cmd, PowerShell and bash)."""
    text = str(path)
    return f'"{text}"' if any(ch.isspace() or ch in "&;|()<>'`$" for ch in text) else text


def _reporter(fmt: str, command: str):
    from drafter.reporters import FORMATS, reporter

    if fmt not in FORMATS:
        _refuse(f"--format: 错误 只能是 text 或 json，收到“{fmt}”")
    return reporter(fmt, command)


def _usage(rep, message: str) -> None:
    """A usage error in a reporting command: one line for a person, and with --format json still
    one JSON document (the message under "notes", exit code 2)."""
    rep.note(message)
    _stop(rep, EXIT_USAGE)


def _stop(rep, status: int, files: Optional[int] = None) -> None:
    """Finish the report (files=None: nothing was attempted, no summary line) and exit."""
    rep.finish(files, status)
    raise typer.Exit(status)


def _draft_format_or_exit(path: Path, rep) -> str:
    """"yaml" or "json" by the draft's extension; anything else is a usage error."""
    from drafter.drafts import draft_format, fatal

    fmt = draft_format(path)
    if fmt is None:
        rep.findings([fatal(str(path), "IO003", "草稿文件扩展名应为 .yaml、.yml 或 .json")])
        _stop(rep, EXIT_USAGE)
    return fmt


def _workspace(rep, profile: Optional[Path], select=None, ignore=None, today=None):
    """The API's Workspace; a broken drafter.toml or unknown code is reported and stops the run."""
    from drafter.api import SelectionError, Workspace
    from drafter.profile import ProfileError

    try:
        return Workspace(profile=profile, select=select, ignore=ignore, today=today)
    except ProfileError as exc:
        rep.findings([exc.finding])
        _stop(rep, EXIT_USAGE)
    except SelectionError as exc:
        _usage(rep, f"--select/--ignore: 错误 没有这些代码：{'、'.join(exc.unknown)}（drafter rules 列出全部代码）")


def _split_codes(values: Optional[List[str]]) -> Optional[list[str]]:
    if values is None:
        return None
    out: list[str] = []
    for v in values:
        out.extend(s.strip() for s in v.split(",") if s.strip())
    return out


def _expand(ws, paths: list[Path], suffixes: tuple[str, ...]) -> tuple[list[tuple[Path, str]], list[Finding]]:
    """Files named and files found in folders named (the API's walker); missing paths become
    FATAL findings."""
    from drafter.drafts import fatal

    files: list[tuple[Path, str]] = []
    problems: list[Finding] = []
    from drafter.drafts import os_reason

    for p in paths:
        try:
            if p.is_dir():
                found = ws.find_files(p, suffixes)
                if not found:
                    problems.append(fatal(str(p), "IO002", f"文件夹中没有草稿文件（{'、'.join(suffixes)}）"))
                files.extend((q, str(q)) for q in found)
            elif not p.exists():
                problems.append(fatal(str(p), "IO001", "文件不存在，请检查路径"))
            else:
                files.append((p, str(p)))
        except OSError as exc:  # a name too long for the file system, a folder that cannot be listed
            problems.append(fatal(str(p), "IO004", f"无法读取（{os_reason(exc)}），请检查路径"))
    return files, problems


# -- commands -----------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        print(f"drafter {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本后退出。"),
) -> None:
    pass


@app.command("new")
def new(
    path: Path = typer.Argument(..., metavar="草稿", help="要生成的草稿文件（.yaml/.yml 或 .json）。"),
    kind: Optional[str] = typer.Option(None, "--kind", help="npc（人大代表建议，默认）或 cppcc（政协提案）；默认取 drafter.toml 的 kind。"),
    doc_type: Optional[str] = typer.Option(None, "--type", help="文种：reply 答复函（默认；办理方式为协办、会办时为 opinion）、opinion 协办/会办意见、return 退办函、extension 延期答复说明。"),
    layout: Optional[str] = typer.Option(None, "--layout", help="file（文件式）、letter（信函式）或 plain（无版头）。"),
    organ: Optional[str] = typer.Option(None, "--organ", help="发文机关全称。"),
    doc_number: Optional[str] = typer.Option(None, "--doc-number", help="发文字号，如 温市监提〔2025〕12号。"),
    session: Optional[str] = typer.Option(None, "--session", help="届次会次，如 市十六届人大五次会议。"),
    number: Optional[str] = typer.Option(None, "--number", help="建议/提案编号，如 0185。"),
    handling: str = typer.Option("独办", "--handling", help="办理方式：独办、主办、协办、会办、分办。"),
    co_handler: Optional[List[str]] = typer.Option(None, "--co-handler", help="协办单位，可多次给出。"),
    deputy: Optional[List[str]] = typer.Option(None, "--deputy", help="代表/委员姓名，领衔者在前，可多次给出。"),
    count: Optional[str] = typer.Option(None, "--count", help="联名总人数（含领衔者）。"),
    unit: Optional[str] = typer.Option(None, "--unit", help="协办/会办意见的主送单位（主办单位）。"),
    signer: Optional[str] = typer.Option(None, "--signer", help="签发人。"),
    category: Optional[str] = typer.Option(None, "--category", help="类别标记，如 A。"),
    profile: Optional[Path] = typer.Option(None, "--profile", help="单位配置 drafter.toml（默认取当前文件夹中的）。"),
    force: bool = typer.Option(False, "--force", help="文件已存在时覆盖。"),
) -> None:
    """生成一份带中文填写说明的答复函草稿。"""
    from drafter.scaffold import ScaffoldOptions, render_scaffold, scaffold_as_json

    rep = _reporter("text", "new")
    fmt = _draft_format_or_exit(path, rep)
    if kind is not None and kind not in ("npc", "cppcc"):
        _refuse(f"--kind: 错误 只能是 npc 或 cppcc，收到“{kind}”")
    if handling not in ("独办", "主办", "协办", "会办", "分办"):
        _refuse(f"--handling: 错误 只能是 独办、主办、协办、会办、分办，收到“{handling}”")
    from drafter.model import DOC_TYPES

    if doc_type is not None and doc_type not in DOC_TYPES:
        _refuse(f"--type: 错误 只能是 {'、'.join(DOC_TYPES)}，收到“{doc_type}”")
    doc_type = doc_type or ("opinion" if handling in ("协办", "会办") else "reply")
    if doc_type == "opinion" and handling not in ("协办", "会办"):
        handling = "协办"  # an opinion is a co-handler's letter
    people = None
    if count is not None:
        # ASCII digits only: "¹".isdigit() is True but int("¹") fails; and a count has few digits
        if not (count.isascii() and count.isdigit() and len(count) <= 6) or int(count) < 1:
            _refuse(f"--count: 错误 联名人数应为正整数，收到“{count}”")
        people = int(count)
        if deputy and people < len(deputy):
            _refuse(f"--count: 错误 联名人数 {people} 少于所列姓名数 {len(deputy)}，请改正 --count（联名总人数，含领衔者）")
    prof = _workspace(rep, profile).profile
    layout = layout or prof.organ.get("layout") or "file"
    if layout not in ("file", "letter", "plain"):
        _refuse(f"--layout: 错误 只能是 file、letter 或 plain，收到“{layout}”")
    options = ScaffoldOptions(
        kind=kind or prof.organ.get("kind") or "npc",  # the command line wins over drafter.toml
        layout=layout, organ=organ, doc_number=doc_number, signer=signer, category=category,
        session=session, number=number, handling=handling, co_handlers=list(co_handler or []),
        deputies=list(deputy or []), count=people, unit=unit, schema=SCHEMA_REF, doc_type=doc_type,
    )
    options.apply_profile(prof.organ)
    text = render_scaffold(options)
    if fmt == "json":
        text = scaffold_as_json(text, options.schema)
    problem = _write(path, text.encode("utf-8"), force)
    if problem:
        rep.findings([problem])
        raise typer.Exit(EXIT_USAGE)
    _schema_beside(path, rep)
    rep.note(f"已生成草稿 {path}。填好【待填：…】各处后运行 drafter check {_shell_arg(path)}")


SCHEMA_REF = "reply.schema.json"  # drafter.resources.SCHEMA_NAME, without importing it for `--help`


def _schema_beside(draft: Path, rep) -> None:
    """The schema copy the new draft's `$schema` names (drafter.resources.schema_beside says why)."""
    from drafter.drafts import os_reason
    from drafter.findings import WARNING
    from drafter.resources import SCHEMA_NAME, schema_beside

    target = draft.parent / SCHEMA_NAME
    try:
        state = schema_beside(draft)
    except OSError as exc:  # the draft is written; only the editor's hints are missing
        rep.findings([Finding(str(target), None, None, "", "IO004", WARNING,
                              f"无法写入（{os_reason(exc)}），编辑器将没有字段提示；草稿已写好")])
        return
    if state == "different":
        rep.note(f"{target} 与当前版本的结构定义不同；如需更新：drafter schema -o {_shell_arg(target)} --force")


_FORMAT_HELP = "text（每个问题一行）或 json（一份 JSON，供其他程序读取；见 README“输出格式”）。"


@app.command("check")
def check(
    paths: List[Path] = typer.Argument(..., metavar="路径...", help="草稿文件或文件夹（.yaml/.yml/.json），也可以是 Word 答复函（.docx）。"),
    fmt: str = typer.Option("text", "--format", help=_FORMAT_HELP),
    select: Optional[List[str]] = typer.Option(None, "--select", help="只报告这些代码（代码或前缀，逗号分隔），如 DN,TX102,GB。"),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="不报告这些代码（代码或前缀），如 GB102。"),
    fix: bool = typer.Option(False, "--fix", help="就地应用安全的自动修正，保留注释和排版。"),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="与 --fix/--diff 同用：也应用不安全的修正。"),
    diff: bool = typer.Option(False, "--diff", help="只显示 --fix 会做的修改，不写文件。"),
    profile: Optional[Path] = typer.Option(None, "--profile", help="单位配置 drafter.toml（默认取当前文件夹中的）。"),
    today: Optional[str] = typer.Option(None, "--today", help="按此日期（YYYY-MM-DD）检查期限，默认今天。"),
    annotate: Optional[Path] = typer.Option(None, "--annotate", metavar="批注版.docx", help="检查 Word 答复函时：另存一份把每个问题写成 Word 批注的副本（原文不动）。"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", metavar="修订稿.docx", help="检查 Word 答复函时与 --fix 同用：把自动修正写成修订（可逐条接受或拒绝）的副本（原文不动）。"),
    force: bool = typer.Option(False, "--force", help="--annotate、-o 的文件已存在时覆盖。"),
) -> None:
    """检查草稿：先按结构（schema）校验，再按规则检查；每个问题一行。"""
    from drafter.check import exit_code
    from drafter.drafts import DRAFT_SUFFIXES

    rep = _reporter(fmt, "diff" if diff else "check")
    when = None
    if today:
        try:
            when = dt.date.fromisoformat(today)
        except ValueError:
            _usage(rep, f"--today: 错误 日期应写作 YYYY-MM-DD，收到“{today}”")
    ws = _workspace(rep, profile, _split_codes(select), _split_codes(ignore), when)
    files, problems = _expand(ws, paths, DRAFT_SUFFIXES + (".docx",))
    review = annotate is not None or output is not None
    if review:
        return _review(ws, rep, files, problems, annotate, output, fix, unsafe_fixes, force)
    attempted = len(files) + len(problems)  # a missing path counts as a file that could not be read
    rep.findings(problems)
    found = list(problems)
    write_failed = False
    for path, name in files:
        doc = ws.open(path, name)
        findings = doc.findings
        if (fix or diff) and any(f.fix for f in findings):
            result = doc.fix(unsafe=unsafe_fixes)
            if result.problem is not None:
                findings = findings + [result.problem]  # the file is left as it was
            elif result.applied and diff:
                rep.diff(name, result.diff)
            elif result.applied:
                problem = _write(path, doc.encode(result.text), force=True)  # --fix is the consent
                if problem:
                    findings = findings + [problem]
                    write_failed = True
                else:
                    rep.note(f"{name}: 已修正 {result.applied} 处")
                    findings = result.findings
        found.extend(findings)
        rep.findings(findings)
    status = max(exit_code(found), EXIT_USAGE if write_failed else EXIT_OK)
    if diff and not rep.diffs and not any(f.severity == FATAL for f in found):
        rep.note("没有可自动修正的内容" + ("" if unsafe_fixes else "（不安全的修正需加 --unsafe-fixes）"))
    _stop(rep, status, attempted)


def _review(ws, rep, files, problems, annotate: Optional[Path], output: Optional[Path], fix: bool,
            unsafe: bool, force: bool) -> None:
    """check LETTER.docx --annotate 批注版.docx / --fix -o 修订稿.docx: review copies for Word."""
    from drafter.check import exit_code

    if problems:
        rep.findings(problems)
        _stop(rep, EXIT_USAGE, len(problems))
    if len(files) != 1 or files[0][0].suffix.lower() != ".docx":
        _refuse("--annotate/-o: 错误 只用于检查一份 Word 答复函（.docx），如 drafter check 某函.docx --annotate 批注版.docx")
    if output is not None and not fix:
        _refuse("-o: 错误 -o 与 --fix 同用，写出带修订的副本：drafter check 某函.docx --fix -o 修订稿.docx")
    path, name = files[0]
    for target in (annotate, output):
        if target is not None and target.suffix.lower() != ".docx":
            _refuse(f"{target}: 错误 副本应为 .docx 文件，如 批注版.docx")
        if target is not None and target.resolve() == path.resolve():
            _refuse(f"{target}: 错误 副本不能与原文同名：原文从不改动，请另起文件名")
    doc = ws.open(path, name)
    findings = list(doc.findings)
    status = exit_code(findings)
    if status == EXIT_USAGE:  # unreadable: nothing to copy
        rep.findings(findings)
        _stop(rep, status, 1)
    if annotate is not None:
        problem = _write(annotate, doc.annotated(), force)
        if problem:
            findings.append(problem)
            status = EXIT_USAGE
        else:
            rep.wrote(annotate, name, message=f"已生成批注版 {annotate}（{len(doc.findings)} 条批注）")
    if output is not None:
        result = doc.tracked(unsafe=unsafe)
        findings.extend(_untracked(name, f) for f in result.commented)
        problem = _write(output, result.data, force)
        if problem:
            findings.append(problem)
            status = EXIT_USAGE
        else:
            rep.wrote(output, name, message=f"已生成修订稿 {output}（{len(result.tracked)} 处修订，请在 Word/WPS 中逐条接受或拒绝）")
    rep.findings(findings)
    _stop(rep, status, 1)


def _untracked(name: str, f: Finding) -> Finding:
    return Finding(name, f.line, f.column, f.field, "RV101", "warning",
                   f"{f.code} 的修正未能以修订方式写入，已改为批注，请手工修改", path=f.path)


@app.command("render")
def render(
    paths: List[Path] = typer.Argument(..., metavar="草稿...", help="草稿文件或文件夹。"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="输出的 .docx（只有一份草稿时），或输出文件夹。"),
    pdf: bool = typer.Option(False, "--pdf", help="同时用 LibreOffice 生成 PDF（整批只启动一次）。"),
    public: bool = typer.Option(False, "--public", help="生成网上公开用的公开版（…-公开版.docx）：按 drafter.toml [public] 去掉个人电话、身份证号、门牌号和 [[…]] 标出的内容；标为不予公开的拒绝生成。"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖。"),
    jobs: Optional[int] = typer.Option(None, "-j", "--jobs", min=1, help="同时使用的进程数，默认为 CPU 核数。"),
    fmt: str = typer.Option("text", "--format", help=_FORMAT_HELP),
    profile: Optional[Path] = typer.Option(None, "--profile", help="单位配置 drafter.toml（默认取当前文件夹中的）。"),
) -> None:
    """生成可签发的 Word 文档（.docx，GB/T 9704-2012 版式）；草稿有错误时拒绝生成。多份草稿并行生成。"""
    from drafter.batch import progress, wants_progress
    from drafter.check import exit_code
    from drafter.drafts import DRAFT_SUFFIXES, fatal

    rep = _reporter(fmt, "render")
    ws = _workspace(rep, profile)
    files, problems = _expand(ws, paths, DRAFT_SUFFIXES)
    if problems:
        rep.findings(problems)
        _stop(rep, EXIT_USAGE, len(files) + len(problems))
    if output is not None and len(files) > 1 and output.suffix.lower() == ".docx":
        _usage(rep, f"-o {output}: 错误 有多份草稿时 -o 应为文件夹")
    if output is not None and output.suffix and output.suffix.lower() != ".docx" and not output.is_dir():
        _usage(rep, f"-o {output}: 错误 -o 应为 .docx 文件或文件夹（PDF 用 --pdf 同时生成）")
    status = EXIT_OK
    targets: dict[Path, str] = {}
    written: list[Path] = []
    with progress(len(files), fmt == "text" and wants_progress(len(files), sys.stderr)) as bar:
        for outcome in ws.render_many(files, jobs, public=public):
            bar.advance()
            name = outcome.name
            if not outcome.rendered:
                errors = [f for f in outcome.findings if f.severity in ("error", FATAL)]
                rep.findings(errors)
                rep.note(f"{name}: 有 {len(errors)} 个问题，未生成；改正后再运行 drafter render")
                status = max(status, exit_code(errors) if errors else EXIT_FINDINGS)
                continue
            target = _render_target(outcome.path, output, len(files), ws.profile.public.suffix if public else "")
            key = Path(os.path.realpath(target))  # never raises, even on a link loop
            if key in targets:
                rep.findings([fatal(str(target), "IO012", f"与 {targets[key]} 的输出同名，未生成；请分别用 -o 指定")])
                status = EXIT_USAGE
                continue
            targets[key] = name
            problem = _write(target, outcome.data, force)
            if problem:
                rep.findings([problem])
                status = EXIT_USAGE
                continue
            rep.wrote(target, name)
            written.append(target)
    if pdf and written:
        status = max(status, _pdfs(ws, rep, written, force))
    _stop(rep, status, len(files))


def _render_target(path: Path, output: Optional[Path], count: int, suffix: str = "") -> Path:
    """Beside the draft, or as -o says; `suffix` marks another document of the case (-公开版)."""
    if output is None:
        return path.with_name(path.stem + suffix + ".docx")
    if output.suffix.lower() == ".docx" and count == 1:
        return output
    return output / (path.stem + suffix + ".docx")


def _pdfs(ws, rep, docx_paths: list[Path], force: bool) -> int:
    """PDFs beside the .docx files, from one LibreOffice start; existing PDFs kept without --force."""
    from drafter.drafts import fatal
    from drafter.render.pdf import PdfError, PdfUnavailable

    status = EXIT_OK
    todo = []
    for docx in docx_paths:
        target = docx.with_suffix(".pdf")
        if target.exists() and not force:
            rep.findings([fatal(str(target), "IO012", "文件已存在，未覆盖；确需覆盖请加 --force")])
            status = EXIT_USAGE
        else:
            todo.append((docx, target))
    if not todo:
        return status
    try:
        results = ws.pdf_many([d for d, _ in todo], strict=False)
    except PdfUnavailable as exc:
        rep.findings([fatal(str(todo[0][1]), "PDF001", str(exc))])
        return EXIT_USAGE
    except PdfError as exc:
        rep.findings([fatal(str(todo[0][1]), "PDF002", str(exc))])
        return EXIT_USAGE
    from drafter.render.pdf import missing_fonts_line

    fonts = missing_fonts_line()
    if fonts:
        rep.note(fonts)
    for (docx, target), data in zip(todo, results):
        if data is None:
            rep.findings([fatal(str(target), "PDF002", f"LibreOffice 未能转换 {docx.name}，请确认它是有效的 .docx 文件（可用 Word/WPS 打开后另存）")])
            status = EXIT_USAGE
            continue
        problem = _write(target, data, force=True)  # existing PDFs were refused above
        if problem:
            rep.findings([problem])
            status = EXIT_USAGE
        else:
            rep.wrote(target, str(docx))
    return status


@app.command("pdf")
def pdf_(
    paths: List[Path] = typer.Argument(..., metavar="文档...", help="已生成（或已在 Word 中改过）的 .docx 文件或文件夹。"),
    force: bool = typer.Option(False, "--force", help="PDF 已存在时覆盖。"),
    fmt: str = typer.Option("text", "--format", help=_FORMAT_HELP),
) -> None:
    """用 LibreOffice 把 .docx 转成 PDF（整批只启动一次），例如 render --pdf 时尚未安装 LibreOffice，或文档在 Word 中改过。"""
    from drafter.api import Workspace
    from drafter.profile import Profile

    rep = _reporter(fmt, "pdf")
    ws = Workspace(profile=Profile())  # converting needs no drafter.toml
    files, problems = _expand(ws, paths, (".docx",))
    if problems:
        rep.findings(problems)
        _stop(rep, EXIT_USAGE, len(files) + len(problems))
    status = _pdfs(ws, rep, [p for p, _ in files], force)
    _stop(rep, status, len(files))


@app.command("text")
def text_(
    path: Path = typer.Argument(..., metavar="草稿", help="草稿文件（.yaml/.yml/.json）。"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="写到此 .txt 文件（默认打印到屏幕）；编码和换行按 drafter.toml [text]，默认带 BOM 的 UTF-8、CRLF，记事本可直接打开。"),
    force: bool = typer.Option(False, "--force", help="文件已存在时覆盖。"),
    fmt: str = typer.Option("text", "--format", help=_FORMAT_HELP),
    profile: Optional[Path] = typer.Option(None, "--profile", help="单位配置 drafter.toml（默认取当前文件夹中的）。"),
) -> None:
    """输出供办理平台录入的正文（开头语、各部分连同序号、结束语，不含函头、标题和落款），并按平台字数上限检查。"""
    from drafter.api import RenderRefused
    from drafter.check import exit_code

    rep = _reporter(fmt, "text")
    ws = _workspace(rep, profile)
    doc = ws.open(path)
    try:
        body = doc.platform_text()
    except RenderRefused as exc:
        rep.findings(exc.findings)
        rep.note(f"{path}: 有 {len(exc.findings)} 个问题，未生成正文；改正后再运行 drafter text")
        _stop(rep, exit_code(exc.findings) or EXIT_FINDINGS, 1)
    options = ws.profile.text
    status = EXIT_OK
    if options.limit and body.length > options.limit:
        rep.findings([doc.draft.finding((), "PT101", "error",
                                        f"正文共 {body.length} 字，超过平台上限 {options.limit} 字（drafter.toml [text] limit）：请压缩 {body.length - options.limit} 字")])
        status = EXIT_FINDINGS
    if output is None:
        if fmt == "json":
            rep.result({"text": body.text(), "length": body.length, "limit": options.limit})
        else:
            sys.stdout.write(body.text())
        rep.note(f"正文共 {body.length} 字" + (f"（上限 {options.limit} 字）" if options.limit else ""))
        _stop(rep, status, 1)
    problem = _write(output, body.encode(options), force)
    if problem:
        rep.findings([problem])
        _stop(rep, EXIT_USAGE, 1)
    rep.wrote(output, str(path), message=f"已写出正文 {output}（{body.length} 字）")
    _stop(rep, status, 1)


@app.command("form")
def form_(
    paths: List[Path] = typer.Argument(..., metavar="草稿...", help="答复函或延期说明的草稿文件或文件夹。"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="输出文件夹（默认在草稿旁），或只有一份草稿时的 .docx 文件名。"),
    force: bool = typer.Option(False, "--force", help="文件已存在时覆盖。"),
    fmt: str = typer.Option("text", "--format", help=_FORMAT_HELP),
    profile: Optional[Path] = typer.Option(None, "--profile", help="单位配置 drafter.toml（默认取当前文件夹中的）。"),
) -> None:
    """生成随答复寄给代表（委员）的征求意见表（…-征求意见表.docx）：每位代表一页，本单位部分已按草稿填好。"""
    from drafter.api import RenderRefused
    from drafter.check import exit_code
    from drafter.drafts import DRAFT_SUFFIXES

    rep = _reporter(fmt, "form")
    ws = _workspace(rep, profile)
    files, problems = _expand(ws, paths, DRAFT_SUFFIXES)
    if problems:
        rep.findings(problems)
        _stop(rep, EXIT_USAGE, len(files) + len(problems))
    if output is not None and output.suffix.lower() == ".docx" and len(files) > 1:
        _refuse(f"-o {output}: 错误 有多份草稿时 -o 应为文件夹")
    status = EXIT_OK
    for path, name in files:
        doc = ws.open(path, name)
        try:
            data = doc.form_docx()
        except RenderRefused as exc:
            rep.findings(exc.findings)
            status = max(status, exit_code(exc.findings) or EXIT_FINDINGS)
            continue
        target = _render_target(path, output, len(files), "-征求意见表")
        problem = _write(target, data, force)
        if problem:
            rep.findings([problem])
            status = EXIT_USAGE
            continue
        rep.wrote(target, name)
    _stop(rep, status, len(files))


@app.command("import")
def import_(
    source: Path = typer.Argument(..., metavar="文件", help="已有的答复函：.docx、.doc、.wps、.pdf、.txt 或 .html。"),
    output: Path = typer.Option(..., "-o", "--output", help="要写出的草稿（.yaml/.yml 或 .json）。"),
    force: bool = typer.Option(False, "--force", help="草稿已存在时覆盖。"),
    fmt: str = typer.Option("text", "--format", help=_FORMAT_HELP),
) -> None:
    """把已有的答复函（Word、WPS、PDF、文本、网页）转成草稿；逐项说明每个字段从原文哪里读出、哪些无法归位。"""
    from drafter.api import import_letter
    from drafter.drafts import fatal
    from drafter.serialize import draft_text

    rep = _reporter(fmt, "import")
    out_fmt = _draft_format_or_exit(output, rep)
    if not source.exists():
        rep.findings([fatal(str(source), "IO001", "文件不存在，请检查路径")])
        _stop(rep, EXIT_USAGE, 1)
    if source.is_dir():
        rep.findings([fatal(str(source), "IO002", "这是文件夹，请给出一个文件")])
        _stop(rep, EXIT_USAGE, 1)
    if output.is_file() and not force:  # say so before reading the letter (a .doc or PDF takes a while)
        rep.findings([fatal(str(output), "IO012", "文件已存在，未覆盖；确需覆盖请加 --force")])
        _stop(rep, EXIT_USAGE, 1)
    result = import_letter(source)
    rep.fields(str(source), result.fields)
    rep.findings(result.findings)
    if result.data is None:
        from drafter.check import exit_code

        _stop(rep, exit_code(result.findings) if any(f.severity == FATAL for f in result.findings) else EXIT_FINDINGS, 1)
    text = draft_text(result.data, out_fmt, SCHEMA_REF, source=str(source))
    problem = _write(output, text.encode("utf-8"), force)
    if problem:
        rep.findings([problem])
        _stop(rep, EXIT_USAGE, 1)
    _schema_beside(output, rep)
    rep.wrote(output, str(source), message=f"已导入到 {output}；请运行 drafter check {_shell_arg(output)} 查看缺漏")
    _stop(rep, EXIT_OK, 1)


@app.command("rules")
def rules(
    code: Optional[str] = typer.Argument(None, metavar="[代码]", help="代码或前缀，如 DN101、GB102、IO、SCH；省略时列出全部代码。"),
    fmt: str = typer.Option("text", "--format", help="text 或 json。"),
) -> None:
    """列出 drafter 会报告的全部代码（规则、版式、读取、结构、导入、配置…），或说明一个代码（含正反示例）。"""
    import json

    from drafter.catalog import catalogue

    entries = catalogue()
    if code is None or code.upper() not in entries:
        prefix = (code or "").strip().upper()
        chosen = [e for c, e in entries.items() if c.startswith(prefix)]
        if not chosen:
            _refuse(f"{code}: 错误 没有这个代码（drafter rules 列出全部代码）")
        if fmt == "json":
            print(json.dumps([_entry_json(e) for e in chosen], ensure_ascii=False, indent=2))
            return
        for e in chosen:
            tag = {"safe": "[*]", "unsafe": "[!]"}.get(e.fix, "   ")
            print(f"{e.code} {tag} {SEVERITY_LABEL[e.severity]} {e.stage} {e.name}: {e.message}")
        _err(f"共 {len(chosen)} 个代码。[*] 可用 --fix 安全修正；[!] 需加 --unsafe-fixes。drafter rules 代码 查看详细说明。")
        return
    entry = entries[code.upper()]
    if fmt == "json":
        print(json.dumps(_entry_json(entry), ensure_ascii=False, indent=2))
        return
    fix = {"safe": "可安全自动修正（--fix）", "unsafe": "可修正，但需确认（--fix --unsafe-fixes）"}.get(entry.fix, "无自动修正")
    print(f"{entry.code}（{entry.name}）：{entry.message}")
    print(f"类别：{entry.stage}；级别：{SEVERITY_LABEL[entry.severity]}；{fix}")
    print(f"为什么：{entry.rationale}")
    print(f"依据：{entry.source}")
    if entry.good:
        print("\n正确示例：\n" + _indent(entry.good))
    if entry.bad:
        print("\n错误示例：\n" + _indent(entry.bad))


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.strip("\n").splitlines())


def _entry_json(e) -> dict:
    return {"code": e.code, "name": e.name, "message": e.message, "severity": e.severity, "stage": e.stage,
            "fix": e.fix, "rationale": e.rationale, "source": e.source, "good": e.good, "bad": e.bad}


@app.command("schema")
def schema(
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="写到此文件（默认打印）。"),
    force: bool = typer.Option(False, "--force", help="文件已存在时覆盖。"),
) -> None:
    """输出草稿的 JSON Schema，供编辑器补全和其他系统使用。"""
    from drafter.resources import schema_path

    data = schema_path().read_bytes()
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    problem = _write(output, data, force)
    if problem:
        _reporter("text", "schema").findings([problem])
        raise typer.Exit(EXIT_USAGE)
    _err(f"已写出 {output}")


@app.command("serve")
def serve(
    folder: Path = typer.Argument(Path("."), metavar="[文件夹]", help="草稿所在的文件夹（默认当前文件夹）。"),
    port: int = typer.Option(8765, "--port", help="端口；被占用时换一个，0 表示任选空闲端口。"),
    no_browser: bool = typer.Option(False, "--no-browser", help="不自动打开浏览器。"),
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址；默认只有本机能访问。在局域网开放须同时给出 --password。"),
    password: Optional[str] = typer.Option(None, "--password", help="局域网访问的登录密码（与 --host 同用）。"),
) -> None:
    """打开网页工作台：在浏览器中列出、填写、检查、预览、保存答复函并下载 Word 文档。"""
    from drafter.web.settings import LOCAL_HOST

    if not folder.is_dir():
        from drafter.drafts import fatal

        _reporter("text", "serve").findings([fatal(str(folder), "IO002", "不是文件夹，请给出草稿所在的文件夹")])
        raise typer.Exit(EXIT_USAGE)
    if host in ("0.0.0.0", "::", "[::]", ""):
        _refuse(f"--host {host}: 错误 请给出本机在局域网上的地址（如 192.168.1.20）：同事用这个地址访问，"
             "工作台只接受以它为主机名的请求（防 DNS 重绑定）")
    if host not in (LOCAL_HOST, "localhost") and not password:
        _refuse(f"--host {host}: 错误 在本机以外开放工作台须同时给出 --password（局域网上的任何人都能访问，见 README“工作台”一节）")
    if password is not None and len(password) < 8:
        _refuse("--password: 错误 密码至少 8 个字符")
    if not 0 <= port <= 65535:
        _refuse(f"--port: 错误 端口应在 0–65535 之间，收到 {port}")
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        _refuse("drafter serve: 错误 工作台所需的 starlette/uvicorn 未安装：请在 drafter 的文件夹中运行 pip install -e . 重新安装")
    from drafter.web.server import run
    from drafter.web.settings import Settings

    from drafter.profile import ProfileError

    settings = Settings(root=folder, host=LOCAL_HOST if host == "localhost" else host, port=port,
                        password=password)
    try:
        run(settings, open_browser=not no_browser, announce=_err)
    except ProfileError as exc:  # the folder's drafter.toml
        _refuse(exc.finding.to_line())
    except OSError as exc:
        from drafter.drafts import os_reason

        _refuse(f"{settings.host}:{port}: 错误 无法监听（{os_reason(exc)}）；端口可能已被占用，请用 --port 换一个")


# -- the caseload (issue 9): intake, due, ledger, report ------------------------------------------


def _date_option(value: Optional[str], option: str) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _refuse(f"{option}: 错误 日期应写作 YYYY-MM-DD，收到“{value}”")


def _folder_or_exit(rep, folder: Path) -> None:
    from drafter.drafts import fatal

    if not folder.is_dir():
        rep.findings([fatal(str(folder), "IO001" if not folder.exists() else "IO002",
                            "文件夹不存在，请检查路径" if not folder.exists() else "这不是文件夹，请给出草稿所在的文件夹")])
        _stop(rep, EXIT_USAGE)


def _caseload(rep, ws, folder: Path):
    """The folder as the API's Caseload; drafts that cannot be read are reported (one line each)."""
    _folder_or_exit(rep, folder)
    load = ws.caseload(folder)
    rep.findings(load.problems)
    return load


@app.command("intake")
def intake_(
    source: Path = typer.Argument(..., metavar="清单", help="平台导出的交办清单：.xlsx、.xls 或 .csv。"),
    output: Path = typer.Option(..., "-o", "--output", help="草稿文件夹（每件一份，按编号命名，如 建议0185.yaml）。"),
    session: Optional[str] = typer.Option(None, "--session", help="清单中没有届次会次列时使用，如 市十六届人大五次会议。"),
    assigned: Optional[str] = typer.Option(None, "--assigned", help="清单中没有交办日期列时使用（YYYY-MM-DD）。"),
    fmt: str = typer.Option("text", "--format", help=_FORMAT_HELP),
    profile: Optional[Path] = typer.Option(None, "--profile", help="单位配置 drafter.toml（[intake.columns] 指定表头）。"),
) -> None:
    """按交办清单为每件建议/提案生成预填的草稿；已有的草稿不覆盖，只列出与清单不同之处。"""
    from drafter.drafts import fatal

    rep = _reporter(fmt, "intake")
    when = _date_option(assigned, "--assigned")
    ws = _workspace(rep, profile)
    if not source.is_file():
        rep.findings([fatal(str(source), "IO001", "文件不存在，请检查路径")])
        _stop(rep, EXIT_USAGE, 1)
    if output.exists() and not output.is_dir():
        rep.findings([fatal(str(output), "IO002", "-o 应为文件夹")])
        _stop(rep, EXIT_USAGE, 1)
    output.mkdir(parents=True, exist_ok=True)
    result = ws.caseload(output).intake(source, SCHEMA_REF,
                                        {"session": session, "assigned": when.isoformat() if when else None})
    if result.created:
        _schema_beside(output / result.created[0].name, rep)  # the editor's field hints, beside the drafts
    rep.findings(result.findings)
    for path in result.created:
        rep.wrote(path, str(source), message=f"已生成 {path}")
    for line in result.differences:
        rep.note(line)
    rep.result({"rows": len(result.rows), "created": [str(p) for p in result.created],
                "existing": [str(p) for p in result.existing], "differences": list(result.differences)})
    rep.note(f"清单共 {len(result.rows)} 件：新生成 {len(result.created)} 份草稿，已有 {len(result.existing)} 份（未改动）"
             f"{'，其中 ' + str(len({d.split(':')[0] for d in result.differences})) + ' 份与清单不同' if result.differences else ''}。")
    _stop(rep, result.exit_code, 1)


@app.command("due")
def due(
    folder: Path = typer.Argument(..., metavar="文件夹", help="草稿文件夹。"),
    today: Optional[str] = typer.Option(None, "--today", help="按此日期（YYYY-MM-DD）计算，默认今天。"),
    within: Optional[int] = typer.Option(None, "--within", help="列出多少天内到期的环节（默认取 drafter.toml 的 due_within，15 天）。"),
    fmt: str = typer.Option("text", "--format", help="text（终端上为彩色表格，管道中为制表符分隔的行）或 json。"),
    profile: Optional[Path] = typer.Option(None, "--profile", help="单位配置 drafter.toml（[caseload] 期限，[calendar] 节假日）。"),
) -> None:
    """列出已超期和即将到期的办理环节（退办、见面、会办、答复、反馈、公开），按期限排序。

    退出码：0 没有超期；1 有环节已超期；2 无法运行（含某年没有节假日数据）。"""
    from drafter.caseload.due import print_text, summary, to_json

    if fmt not in ("text", "json"):
        _refuse(f"--format: 错误 只能是 text 或 json，收到“{fmt}”")
    if within is not None and within < 0:
        _refuse(f"--within: 错误 应为非负整数，收到“{within}”")
    rep = _reporter("text", "due")
    ws = _workspace(rep, profile, today=_date_option(today, "--today"))
    d = _caseload(rep, ws, folder).due(within)
    if fmt == "json":
        sys.stdout.write(to_json(d))
    else:
        rep.findings(d.problems)
        print_text(d)
        rep.note(summary(d))
    status = EXIT_USAGE if d.problems or rep.counts()["fatal"] else (EXIT_FINDINGS if d.overdue else EXIT_OK)
    raise typer.Exit(status)


@app.command("ledger")
def ledger(
    folder: Path = typer.Argument(..., metavar="文件夹", help="草稿文件夹。"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="导出的台账（.xlsx）。"),
    update_: Optional[Path] = typer.Option(None, "--update", help="把改过的台账（.xlsx）写回草稿。"),
    today: Optional[str] = typer.Option(None, "--today", help="按此日期标出超期的行（YYYY-MM-DD），默认今天。"),
    force: bool = typer.Option(False, "--force", help="导出时覆盖已有的台账。"),
    fmt: str = typer.Option("text", "--format", help=_FORMAT_HELP),
    profile: Optional[Path] = typer.Option(None, "--profile", help="单位配置 drafter.toml。"),
) -> None:
    """导出办理台账（Excel），或把台账中改过的列写回草稿（保留注释；草稿在导出后改过的行拒绝写回）。"""
    rep = _reporter(fmt, "ledger")
    if (output is None) == (update_ is None):
        _usage(rep, "drafter ledger: 错误 请给出 -o 台账.xlsx（导出）或 --update 台账.xlsx（写回）之一")
    ws = _workspace(rep, profile, today=_date_option(today, "--today"))
    if output is not None:
        if output.suffix.lower() != ".xlsx":
            _usage(rep, f"-o {output}: 错误 台账应为 .xlsx 文件")
        load = _caseload(rep, ws, folder)
        problem = _write(output, load.ledger(), force)
        if problem:
            rep.findings([problem])
            _stop(rep, EXIT_USAGE)
        rep.wrote(output, str(folder), message=f"已导出 {output}（{len(load.cases)} 件）")
        _stop(rep, EXIT_USAGE if rep.counts()["fatal"] else EXIT_OK)
    _folder_or_exit(rep, folder)
    if not update_.is_file():
        from drafter.drafts import fatal

        rep.findings([fatal(str(update_), "IO001", "文件不存在，请检查路径")])
        _stop(rep, EXIT_USAGE)
    result = ws.caseload(folder).update_ledger(update_)
    rep.findings(result.findings)
    for change in result.changes:
        rep.note(change.line())
    rep.result({"changes": [{"file": c.file, "field": c.field, "old": c.old, "new": c.new} for c in result.changes],
                "written": [str(p) for p in result.written], "refused_rows": result.refused_rows})
    rep.note(f"写回 {len(result.written)} 份草稿，{len(result.changes)} 处修改"
             + (f"；{result.refused_rows} 行未写回（见上）" if result.refused_rows else "")
             + ("。指纹已变，继续修改前请重新导出台账。" if result.written else "。"))
    _stop(rep, result.exit_code)


@app.command("report")
def report(
    folder: Path = typer.Argument(..., metavar="文件夹", help="草稿文件夹。"),
    year: int = typer.Option(..., "--year", help="统计哪一年交办的件，如 2025。"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="办理情况报告（.docx，GB/T 9704 版式）。"),
    xlsx: Optional[Path] = typer.Option(None, "--xlsx", help="同时写出统计表（.xlsx，含图表）。"),
    fmt: str = typer.Option("text", "--format", help="text 或 json（打印全部数字）。"),
    today: Optional[str] = typer.Option(None, "--today", help="报告日期（YYYY-MM-DD），默认今天。"),
    force: bool = typer.Option(False, "--force", help="覆盖已有的文件。"),
    profile: Optional[Path] = typer.Option(None, "--profile", help="单位配置 drafter.toml（[organ] name、[check] categories）。"),
) -> None:
    """按草稿统计一年的办理情况：办复率、按期办复率、见面率、满意度、分类占比，生成报告和统计表。"""
    import json

    if fmt not in ("text", "json"):
        _refuse(f"--format: 错误 只能是 text 或 json，收到“{fmt}”")
    if output is None and xlsx is None and fmt != "json":
        _refuse("drafter report: 错误 请给出 -o 报告.docx、--xlsx 统计.xlsx 或 --format json")
    for path, suffix in ((output, ".docx"), (xlsx, ".xlsx")):
        if path is not None and path.suffix.lower() != suffix:
            _refuse(f"{path}: 错误 应为 {suffix} 文件，请改文件名的扩展名")
    rep = _reporter("text", "report")
    ws = _workspace(rep, profile, today=_date_option(today, "--today"))
    made = _caseload(rep, ws, folder).report(year)
    fig = made.figures
    status = EXIT_USAGE if rep.counts()["fatal"] else EXIT_OK
    for path, make in ((output, made.docx), (xlsx, made.xlsx)):
        if path is None:
            continue
        problem = _write(path, make(), force)
        if problem:
            rep.findings([problem])
            status = EXIT_USAGE
        else:
            rep.wrote(path, str(folder), message=f"已生成 {path}")
    if fmt == "json":
        words = made.words()
        sys.stdout.write(json.dumps({"figures": fig.to_dict(), "title": words["title"]}, ensure_ascii=False, indent=2) + "\n")
    if fig.undated:
        rep.note(f"{len(fig.undated)} 份草稿没有交办日期，未计入统计：" + "、".join(fig.undated[:5]) + ("等" if len(fig.undated) > 5 else ""))
    rep.note(f"{year}年共 {len(fig.cases)} 件。")
    _stop(rep, status)


# -- entry point --------------------------------------------------------------------

def _click_classes() -> tuple[tuple, tuple, tuple]:
    """Exit, usage-error and abort classes: typer ≥0.20 vendors click, older typer uses click."""
    exits, usage, aborts = [typer.Exit], [], [getattr(typer, "Abort", KeyboardInterrupt)]
    for module in ("typer._click.exceptions", "click.exceptions"):
        try:
            mod = __import__(module, fromlist=["UsageError"])
        except ImportError:
            continue
        usage.append(mod.UsageError)
        for name, bucket in (("Exit", exits), ("Abort", aborts)):
            if hasattr(mod, name):
                bucket.append(getattr(mod, name))
        break  # a typer that vendors click raises only its own classes: importing click too costs a start
    return tuple(exits), tuple(usage), tuple(aborts)


def app_commands() -> list[str]:
    """The names of drafter's commands."""
    return [c.name or c.callback.__name__ for c in app.registered_commands]


def main(argv: Optional[list[str]] = None) -> None:
    """Run the app; usage errors become one Chinese line and exit code 2, never a traceback."""
    from drafter import clitext

    for stream in (sys.stdout, sys.stderr):
        # Windows consoles default to a legacy code page; and output never fails: a character the
        # stream cannot encode (a lone surrogate from a draft) is printed escaped (\\ud800).
        try:
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
        except (AttributeError, ValueError):
            pass
    args = list(sys.argv[1:] if argv is None else argv)
    if argv is None and SHELL_LEAVES_WILDCARDS:
        args = clitext.expand_wildcards(args)
    debug_before = os.environ.get("DRAFTER_DEBUG")
    if "--debug" in args:  # anywhere on the line: tracebacks of internal errors are printed
        args = [a for a in args if a != "--debug"]
        os.environ["DRAFTER_DEBUG"] = "1"
    global _WANTS_JSON, _COMMAND
    _WANTS_JSON = clitext.wants_json(args)  # a script asked for JSON: even a refusal is one document
    _COMMAND = args[0] if args and args[0] in app_commands() else ""
    exits, usage_errors, aborts = _click_classes()
    try:
        command = clitext.localise(typer.main.get_command(app))
        code = command.main(args=args, prog_name="drafter", standalone_mode=False)
    except exits as exc:
        code = getattr(exc, "exit_code", 0)
    except usage_errors as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `drafter` or `drafter check`: the help
            print(exc.ctx.get_help() if getattr(exc, "ctx", None) else "", file=sys.stderr)
        else:
            _say_refusal(clitext.usage_line(exc, f"drafter {_COMMAND}" if _COMMAND else "drafter"))
        code = EXIT_USAGE
    except aborts:
        _err("已取消")
        code = EXIT_USAGE
    except KeyboardInterrupt:
        _err("已中断")
        code = 130
    except OSError as exc:  # the system refused a path the person gave (too long a name…): not drafter's bug
        from drafter.drafts import fatal, os_reason

        from drafter.reporters import reporter

        where = exc.filename if exc.filename is not None else "drafter " + " ".join(args[:1])
        rep = reporter("json" if _WANTS_JSON else "text", _COMMAND or "drafter")
        rep.findings([fatal(os.fsdecode(where), "IO004", f"无法读写（{os_reason(exc)}），请检查路径和权限")])
        rep.finish(None, EXIT_USAGE)
        code = EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - the last resort: one line, its own exit code
        from drafter.guard import EXIT_INTERNAL, internal_finding

        _err(internal_finding("drafter " + " ".join(args[:1]), exc).to_line())
        code = EXIT_INTERNAL
    finally:
        _WANTS_JSON, _COMMAND = False, ""  # main() runs in-process in tests
        if debug_before is None:  # --debug lasts for this run only (main() runs in-process in tests)
            os.environ.pop("DRAFTER_DEBUG", None)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
