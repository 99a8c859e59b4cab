"""The command line: parse options, call the stages, print findings, set exit codes.

Exit codes (all commands):
  0  done; for `check`, no errors (warnings allowed)
  1  errors found in a draft (schema or rules), or an input is not a reply (`import`)
  2  could not run: bad usage, file missing or unreadable, not YAML/JSON, output exists
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from drafter import __version__
from drafter.findings import FATAL, Finding

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="drafter：起草、检查、排版人大代表建议和政协提案的答复函（GB/T 9704-2012）。\n\n"
    "退出码：0 正常（check 时无错误，可有警告）；1 发现错误（或导入的不是答复函）；2 无法运行（用法错误、文件不存在或无法读取、输出文件已存在、模板有误）。",
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


# -- output -------------------------------------------------------------------------


def _err(message: str) -> None:
    """A one-line message for the person at the terminal (stderr, so stdout stays parseable)."""
    print(message, file=sys.stderr)


def _print_findings(findings: list[Finding], fmt: str) -> None:
    if fmt == "json":
        import json

        print(json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2))
        return
    for f in findings:
        print(f.to_line())


def _summary(findings: list[Finding], files: int) -> str:
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    fatal = sum(1 for f in findings if f.severity == FATAL)
    fixable = sum(1 for f in findings if f.fix is not None and f.fix.safe)
    parts = [f"检查了 {files} 个文件", f"{errors} 个错误", f"{warnings} 个警告"]
    if fatal:
        parts.append(f"{fatal} 个文件无法处理")
    text = "，".join(parts)
    if fixable:
        text += f"；其中 {fixable} 处可用 --fix 自动修正（标有 [*]）"
    return text + "。"


def _write(path: Path, data: bytes, force: bool) -> bool:
    """Write atomically; never replace a file without --force. Says why in one line when not."""
    from drafter.drafts import ExistsError, write_atomic

    try:
        write_atomic(path, data, force=force)
    except ExistsError:
        _err(f"{path}: 错误 IO012 文件已存在，未覆盖；确需覆盖请加 --force")
        return False
    except IsADirectoryError:
        _err(f"{path}: 错误 IO004 这是文件夹，请给出文件名")
        return False
    except PermissionError:
        _err(f"{path}: 错误 IO004 无法写入：没有权限，或文件正在 Word/WPS 中打开（请先关闭）")
        return False
    except OSError as exc:
        from drafter.drafts import os_reason

        _err(f"{path}: 错误 IO004 无法写入（{os_reason(exc)}），请检查文件夹和权限")
        return False
    return True


def _draft_format_or_exit(path: Path) -> str:
    """"yaml" or "json" by the draft's extension; anything else is a usage error."""
    from drafter.drafts import draft_format

    fmt = draft_format(path)
    if fmt is None:
        _err(f"{path}: 错误 IO003 草稿文件扩展名应为 .yaml、.yml 或 .json")
        raise typer.Exit(EXIT_USAGE)
    return fmt


def _profile(profile: Optional[Path]):
    from drafter.profile import ProfileError, load_profile

    try:
        return load_profile(profile)
    except ProfileError as exc:
        _err(exc.finding.to_line())
        raise typer.Exit(EXIT_USAGE)


def _split_codes(values: Optional[List[str]]) -> Optional[list[str]]:
    if values is None:
        return None
    out: list[str] = []
    for v in values:
        out.extend(s.strip() for s in v.split(",") if s.strip())
    return out


def _expand(paths: list[Path], suffixes: tuple[str, ...]) -> tuple[list[tuple[Path, str]], list[Finding]]:
    """Files named and files found in folders named; missing paths become FATAL findings."""
    from drafter.drafts import fatal, find_files

    files: list[tuple[Path, str]] = []
    problems: list[Finding] = []
    for p in paths:
        if p.is_dir():
            found = find_files(p, suffixes)
            if not found:
                problems.append(fatal(str(p), "IO002", f"文件夹中没有草稿文件（{'、'.join(suffixes)}）"))
            files.extend((q, str(q)) for q in found)
        elif not p.exists():
            problems.append(fatal(str(p), "IO001", "文件不存在，请检查路径"))
        else:
            files.append((p, str(p)))
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
    kind: str = typer.Option("npc", "--kind", help="npc（人大代表建议）或 cppcc（政协提案）。"),
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
    from drafter.scaffold import ScaffoldOptions, render_scaffold

    fmt = _draft_format_or_exit(path)
    if kind not in ("npc", "cppcc"):
        _err(f"--kind: 错误 只能是 npc 或 cppcc，收到“{kind}”")
        raise typer.Exit(EXIT_USAGE)
    if handling not in ("独办", "主办", "协办", "会办", "分办"):
        _err(f"--handling: 错误 只能是 独办、主办、协办、会办、分办，收到“{handling}”")
        raise typer.Exit(EXIT_USAGE)
    people = None
    if count is not None:
        if not count.isdigit() or int(count) < 1:
            _err(f"--count: 错误 联名人数应为正整数，收到“{count}”")
            raise typer.Exit(EXIT_USAGE)
        people = int(count)
        if deputy and people < len(deputy):
            _err(f"--count: 错误 联名人数 {people} 少于所列姓名数 {len(deputy)}")
            raise typer.Exit(EXIT_USAGE)
    prof = _profile(profile)
    layout = layout or prof.organ.get("layout") or "file"
    if layout not in ("file", "letter", "plain"):
        _err(f"--layout: 错误 只能是 file、letter 或 plain，收到“{layout}”")
        raise typer.Exit(EXIT_USAGE)
    options = ScaffoldOptions(
        kind=prof.organ.get("kind", kind) if kind == "npc" and "kind" in prof.organ else kind,
        layout=layout, organ=organ, doc_number=doc_number, signer=signer, category=category,
        session=session, number=number, handling=handling, co_handlers=list(co_handler or []),
        deputies=list(deputy or []), count=people, unit=unit, schema=_schema_ref(path),
    )
    options.apply_profile(prof.organ)
    text = render_scaffold(options)
    if fmt == "json":
        text = _scaffold_as_json(text, options.schema)
    if not _write(path, text.encode("utf-8"), force):
        raise typer.Exit(EXIT_USAGE)
    _err(f"已生成草稿 {path}。填好【待填：…】各处后运行 drafter check {path}")


def _schema_ref(path: Path) -> str:
    """Where the editor finds the schema: relative to the draft when possible."""
    from drafter.resources import schema_path

    target = schema_path()
    try:
        return Path(os.path.relpath(target, path.resolve().parent)).as_posix()
    except ValueError:  # another drive on Windows
        return target.as_uri()


def _scaffold_as_json(text: str, schema: str) -> str:
    """JSON has no comments: the same scaffold, as data."""
    import json

    from drafter.drafts import loads_draft

    draft, _ = loads_draft(text, "yaml", "scaffold.yaml")
    data = {"$schema": schema}
    data.update(draft.data)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@app.command("check")
def check(
    paths: List[Path] = typer.Argument(..., metavar="路径...", help="草稿文件或文件夹（.yaml/.yml/.json），也可以是 Word 答复函（.docx）。"),
    fmt: str = typer.Option("text", "--format", help="text（每个问题一行）或 json。"),
    select: Optional[List[str]] = typer.Option(None, "--select", help="只运行这些规则（代码或前缀，逗号分隔），如 DN,TX102。"),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="不运行这些规则（代码或前缀）。"),
    fix: bool = typer.Option(False, "--fix", help="就地应用安全的自动修正，保留注释和排版。"),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="与 --fix/--diff 同用：也应用不安全的修正。"),
    diff: bool = typer.Option(False, "--diff", help="只显示 --fix 会做的修改，不写文件。"),
    profile: Optional[Path] = typer.Option(None, "--profile", help="单位配置 drafter.toml（默认取当前文件夹中的）。"),
    today: Optional[str] = typer.Option(None, "--today", help="按此日期（YYYY-MM-DD）检查期限，默认今天。"),
) -> None:
    """检查草稿：先按结构（schema）校验，再按规则检查；每个问题一行。"""
    from drafter.check import Options, apply_fixes, check_file, exit_code, unified_diff
    from drafter.drafts import DRAFT_SUFFIXES, dump_text, encode_text
    from drafter.rules import load_all, unknown_selectors

    if fmt not in ("text", "json"):
        _err(f"--format: 错误 只能是 text 或 json，收到“{fmt}”")
        raise typer.Exit(EXIT_USAGE)
    sel, ign = _split_codes(select), _split_codes(ignore)
    load_all()
    bad = unknown_selectors((sel or []) + (ign or []))
    if bad:
        _err(f"--select/--ignore: 错误 没有这些规则代码：{'、'.join(bad)}（drafter rules 列出全部规则）")
        raise typer.Exit(EXIT_USAGE)
    when = dt.date.today()
    if today:
        try:
            when = dt.date.fromisoformat(today)
        except ValueError:
            _err(f"--today: 错误 日期应写作 YYYY-MM-DD，收到“{today}”")
            raise typer.Exit(EXIT_USAGE)
    options = Options(profile=_profile(profile), select=sel, ignore=ign, today=when)

    files, findings = _expand(paths, DRAFT_SUFFIXES + (".docx",))
    attempted = len(files) + len(findings)  # a missing path counts as a file that could not be read
    write_failed = False
    diffs: list[str] = []
    for path, name in files:
        draft, file_findings = check_file(path, options, name)
        if draft is not None and (fix or diff) and any(f.fix for f in file_findings):
            checked = [f for f in file_findings if not f.code.startswith("IO")]  # the draft's own findings
            applied, remaining = apply_fixes(draft, options, unsafe=unsafe_fixes, findings=checked)
            if applied:
                new_text = dump_text(draft)
                if diff:
                    diffs.append(unified_diff(draft, new_text))
                elif _write(path, encode_text(draft, new_text), force=True):  # --fix is the consent
                    _err(f"{name}: 已修正 {applied} 处")
                    file_findings = [f for f in file_findings if f.code.startswith("IO")] + remaining
                else:
                    write_failed = True  # _write said why, in one line
        findings.extend(file_findings)
    status = max(exit_code(findings), EXIT_USAGE if write_failed else EXIT_OK)
    if diff:
        sys.stdout.write("".join(diffs))
        raise typer.Exit(status)
    _print_findings(findings, fmt)
    if fmt == "text":
        _err(_summary(findings, attempted))
    raise typer.Exit(status)


@app.command("render")
def render(
    paths: List[Path] = typer.Argument(..., metavar="草稿...", help="草稿文件或文件夹。"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="输出的 .docx（只有一份草稿时），或输出文件夹。"),
    pdf: bool = typer.Option(False, "--pdf", help="同时用 LibreOffice 生成 PDF。"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖。"),
    profile: Optional[Path] = typer.Option(None, "--profile", help="单位配置 drafter.toml（默认取当前文件夹中的）。"),
) -> None:
    """生成可签发的 Word 文档（.docx，GB/T 9704-2012 版式）；草稿有错误时拒绝生成。"""
    from drafter.check import Options, check_file, exit_code
    from drafter.drafts import DRAFT_SUFFIXES
    from drafter.model import Letter
    from drafter.sentences import Sentences, TemplateProblem

    prof = _profile(profile)
    options = Options(profile=prof)
    files, problems = _expand(paths, DRAFT_SUFFIXES)
    if problems:
        _print_findings(problems, "text")
        raise typer.Exit(EXIT_USAGE)
    if output is not None and len(files) > 1 and output.suffix.lower() == ".docx":
        _err(f"-o {output}: 错误 有多份草稿时 -o 应为文件夹")
        raise typer.Exit(EXIT_USAGE)
    if output is not None and output.suffix and output.suffix.lower() != ".docx" and not output.is_dir():
        _err(f"-o {output}: 错误 -o 应为 .docx 文件或文件夹（PDF 用 --pdf 同时生成）")
        raise typer.Exit(EXIT_USAGE)
    status = EXIT_OK
    targets: dict[Path, str] = {}
    for path, name in files:
        draft, findings = check_file(path, options, name)
        errors = [f for f in findings if f.severity in ("error", FATAL)]
        if draft is None or errors:
            _print_findings(errors, "text")
            _err(f"{name}: 有 {len(errors)} 个问题，未生成；改正后再运行 drafter render")
            status = max(status, exit_code(findings))
            continue
        target = _render_target(path, output, len(files))
        if target.resolve() in targets:
            _err(f"{target}: 错误 IO012 与 {targets[target.resolve()]} 的输出同名，未生成；请分别用 -o 指定")
            status = EXIT_USAGE
            continue
        targets[target.resolve()] = name
        letter = Letter.from_data(draft.data)
        from drafter.render import render_docx

        try:
            data = render_docx(letter, Sentences(letter, prof.templates_dir))
        except TemplateProblem as exc:
            _err(f"{name}: 错误 TPL001 {exc}")
            status = EXIT_USAGE
            continue
        if not _write(target, data, force):
            status = EXIT_USAGE
            continue
        _err(f"已生成 {target}")
        if pdf:
            status = max(status, _pdf(target, force))
    raise typer.Exit(status)


def _render_target(path: Path, output: Optional[Path], count: int) -> Path:
    if output is None:
        return path.with_suffix(".docx")
    if output.suffix.lower() == ".docx" and count == 1:
        return output
    return output / (path.stem + ".docx")


def _pdf(docx: Path, force: bool) -> int:
    from drafter.render.pdf import PdfError, PdfUnavailable, convert_to_pdf

    target = docx.with_suffix(".pdf")
    if target.exists() and not force:
        _err(f"{target}: 错误 IO012 文件已存在，未覆盖；确需覆盖请加 --force")
        return EXIT_USAGE
    try:
        convert_to_pdf(docx, target)
    except PdfUnavailable as exc:
        _err(f"{target}: 错误 PDF001 {exc}")
        return EXIT_USAGE
    except PdfError as exc:
        _err(f"{target}: 错误 PDF002 {exc}")
        return EXIT_USAGE
    _err(f"已生成 {target}")
    return EXIT_OK


@app.command("pdf")
def pdf_(
    paths: List[Path] = typer.Argument(..., metavar="文档...", help="已生成（或已在 Word 中改过）的 .docx 文件或文件夹。"),
    force: bool = typer.Option(False, "--force", help="PDF 已存在时覆盖。"),
) -> None:
    """用 LibreOffice 把 .docx 转成 PDF（例如 render --pdf 时尚未安装 LibreOffice，或文档在 Word 中改过）。"""
    files, problems = _expand(paths, (".docx",))
    if problems:
        _print_findings(problems, "text")
        raise typer.Exit(EXIT_USAGE)
    status = EXIT_OK
    for path, _name in files:
        status = max(status, _pdf(path, force))
    raise typer.Exit(status)


@app.command("import")
def import_(
    source: Path = typer.Argument(..., metavar="文件", help="已有的答复函：.docx、.txt 或 .html。"),
    output: Path = typer.Option(..., "-o", "--output", help="要写出的草稿（.yaml/.yml 或 .json）。"),
    force: bool = typer.Option(False, "--force", help="草稿已存在时覆盖。"),
) -> None:
    """把已有的答复函（Word、文本、网页）转成草稿；说明哪些内容无法归位或是推测的。"""
    from drafter.drafts import LoadError
    from drafter.importer import import_file
    from drafter.serialize import draft_text

    fmt = _draft_format_or_exit(output)
    if not source.exists():
        _err(f"{source}: 无法处理 IO001 文件不存在，请检查路径")
        raise typer.Exit(EXIT_USAGE)
    if source.is_dir():
        _err(f"{source}: 无法处理 IO002 这是文件夹，请给出一个文件")
        raise typer.Exit(EXIT_USAGE)
    try:
        result = import_file(source)
    except LoadError as exc:
        _err(exc.finding.to_line())
        raise typer.Exit(EXIT_USAGE)
    if result.refused:
        _err(f"{source}: 错误 IM010 {result.refused}")
        raise typer.Exit(EXIT_FINDINGS)
    for f in result.findings:
        _err(f.to_line())
    text = draft_text(result.data, fmt, _schema_ref(output), source=str(source))
    if not _write(output, text.encode("utf-8"), force):
        raise typer.Exit(EXIT_USAGE)
    _err(f"已导入到 {output}；请运行 drafter check {output} 查看缺漏")


@app.command("rules")
def rules(
    code: Optional[str] = typer.Argument(None, metavar="[代码]", help="规则代码，如 DN101；省略时列出全部规则。"),
    fmt: str = typer.Option("text", "--format", help="text 或 json。"),
) -> None:
    """列出全部检查规则，或说明一条规则（含正反示例）。"""
    import json

    from drafter.rules import load_all

    registry = load_all()
    if code is None:
        if fmt == "json":
            print(json.dumps([_rule_json(r) for r in registry.values()], ensure_ascii=False, indent=2))
            return
        for r in sorted(registry.values(), key=lambda r: r.code):
            tag = {"safe": "[*]", "unsafe": "[!]"}.get(r.fix, "   ")
            level = "错误" if r.severity == "error" else "警告"
            print(f"{r.code} {tag} {level} {r.name}: {r.message}")
        _err("[*] 可用 --fix 安全修正；[!] 需加 --unsafe-fixes。drafter rules 代码 查看详细说明。")
        return
    rule = registry.get(code.upper())
    if rule is None:
        _err(f"{code}: 错误 没有这条规则（drafter rules 列出全部规则）")
        raise typer.Exit(EXIT_USAGE)
    if fmt == "json":
        print(json.dumps(_rule_json(rule), ensure_ascii=False, indent=2))
        return
    fix = {"safe": "可安全自动修正（--fix）", "unsafe": "可修正，但需确认（--fix --unsafe-fixes）"}.get(rule.fix, "无自动修正")
    print(f"{rule.code}（{rule.name}）：{rule.message}")
    print(f"级别：{'错误' if rule.severity == 'error' else '警告'}；{fix}")
    print(f"为什么：{rule.rationale}")
    print(f"依据：{rule.source}")
    if rule.good:
        print("\n正确示例：\n" + _indent(rule.good))
    if rule.bad:
        print("\n错误示例：\n" + _indent(rule.bad))


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.strip("\n").splitlines())


def _rule_json(r) -> dict:
    return {"code": r.code, "name": r.name, "message": r.message, "severity": r.severity,
            "fix": r.fix, "rationale": r.rationale, "source": r.source, "good": r.good, "bad": r.bad}


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
    if not _write(output, data, force):
        raise typer.Exit(EXIT_USAGE)
    _err(f"已写出 {output}")


# -- entry point --------------------------------------------------------------------

_CLICK_MESSAGES = (
    ("No such option", "没有这个选项"),
    ("Missing argument", "缺少参数"),
    ("Missing option", "缺少选项"),
    ("No such command", "没有这个命令"),
    ("Got unexpected extra argument", "多余的参数"),
    ("requires an argument", "选项缺少值"),
    ("Invalid value", "参数值无效"),
)


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
    return tuple(exits), tuple(usage), tuple(aborts)


# click/typer write their help frame in English whatever the locale; a person reads Chinese.
_HELP_WORDS = (
    ("Usage:", "用法："),
    ("Arguments:", "参数："),
    ("Options:", "选项："),
    ("Commands:", "命令："),
    ("Show this message and exit.", "显示本帮助后退出。"),
    ("[required]", "[必填]"),
    ("[default: ", "[默认："),
    ("[OPTIONS]", "[选项]"),
    ("COMMAND [ARGS]...", "命令 [参数]..."),
)


def _chinese_help(text: str) -> str:
    for en, zh in _HELP_WORDS:
        text = text.replace(en, zh)
    return text


def main(argv: Optional[list[str]] = None) -> None:
    """Run the app; usage errors become one Chinese line and exit code 2, never a traceback."""
    import contextlib
    import io

    for stream in (sys.stdout, sys.stderr):
        try:  # Windows consoles default to a legacy code page
            stream.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError):
            pass
    args = list(sys.argv[1:] if argv is None else argv)
    wants_help = not args or any(a in ("-h", "--help") for a in args)
    exits, usage_errors, aborts = _click_classes()
    help_buffer = io.StringIO()
    try:
        with contextlib.redirect_stdout(help_buffer) if wants_help else contextlib.nullcontext():
            code = app(args=args, prog_name="drafter", standalone_mode=False)
    except exits as exc:
        code = getattr(exc, "exit_code", 0)
    except usage_errors as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `drafter`: show the help
            print(_chinese_help(exc.ctx.get_help() if getattr(exc, "ctx", None) else ""), file=sys.stderr)
            code = EXIT_USAGE
        else:
            text = exc.format_message()
            for en, zh in _CLICK_MESSAGES:
                if text.startswith(en):
                    text = zh + text[len(en):]
                    break
            _err(f"用法错误：{text}（drafter --help 查看用法）")
            code = EXIT_USAGE
    except aborts:
        _err("已取消")
        code = EXIT_USAGE
    except KeyboardInterrupt:
        _err("已中断")
        code = 130
    finally:
        if wants_help and help_buffer.getvalue():
            sys.stdout.write(_chinese_help(help_buffer.getvalue()))
    sys.exit(code or 0)


if __name__ == "__main__":  # pragma: no cover
    main()
