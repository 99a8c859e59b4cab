"""Chinese for the frame that click (inside typer) draws around drafter's own words.

click writes its help layout ("Usage:", "Options", "[default: …]", "<path>") and its usage errors
in English whatever the locale, measures text in characters (a Chinese character takes two
terminal columns) and wraps lines only at spaces (Chinese has none), so a Chinese help page comes
out misaligned and overruns the terminal. This is the one place that fixes all of it: a help
formatter that measures terminal cells and breaks lines where Chinese may break, metavars named
by what the value is, and every click usage error turned into one line
`选项: 错误 说明（drafter 命令 --help 查看用法）`.

Both the click that older typer releases use and the copy newer typer vendors are handled: only
their class names and attributes are read, never their English text (except the handful of
messages click builds from a value, matched below).
"""

from __future__ import annotations

import os
import re
from typing import Any, Iterable, Sequence

# -- widths and line breaking -------------------------------------------------------------


def cells(text: str) -> int:
    """Terminal columns `text` takes (a Chinese character two, a Latin letter one)."""
    from rich.cells import cell_len

    return cell_len(text)


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns, broken only where Chinese typesetting allows
    (between ideographs, at spaces; never inside a Latin word, never before ，。） or after （),
    the same rules the page uses (drafter.render.measure)."""
    from drafter.render.measure import clusters

    width = max(width, 4)
    lines: list[str] = []
    cur = ""
    for piece in clusters(" ".join(text.split())):
        if cur and cells(cur + piece.rstrip()) > width:
            lines.append(cur.rstrip())
            cur = ""
        while cells(piece.rstrip()) > width:  # one piece longer than a line (a long path): cut it
            cut = len(piece)
            while cut > 1 and cells(piece[:cut]) > width:
                cut -= 1
            lines.append(piece[:cut])
            piece = piece[cut:]
        cur += piece
    if cur.strip() or not lines:
        lines.append(cur.rstrip())
    return lines


# -- the help page -------------------------------------------------------------------------

_USAGE_WORDS = (("[OPTIONS]", "[选项]"), ("COMMAND [ARGS]...", "命令 [参数]..."))
_HEADINGS = {"Usage": "用法", "Options": "选项", "Arguments": "参数", "Commands": "命令"}
_HELP_LINES = {"Show this message and exit.": "显示本帮助后退出。"}
# What click appends to an option's help: "  [default: text; required]", "[x>=1]".
_EXTRA = r"\s*\[([^\[\]]+)\]\s*$"  # patterns stay text: compiled (and cached by re) only when help is shown
_EXTRA_WORDS = (
    (r"^default: (.*)$", "默认：{0}"),
    (r"^required$", "必填"),
    (r"^env var: (.*)$", "环境变量：{0}"),
    (r"^\(dynamic\)$", "（动态）"),
    (r"^deprecated$", "已停用"),
)


def range_words(text: str) -> str | None:
    """click's "x>=1", "0<=x<=120" (and "<" for open ends) in Chinese; None when it is not one."""
    text = text.replace(" clamped", "")
    m = re.fullmatch(r"(-?[\d.]+)(<=?)x(<=?)(-?[\d.]+)", text)
    if m:
        return f"{m[1]} 到 {m[4]} 之间" if m[2] == m[3] == "<=" else f"大于{'等于' if m[2] == '<=' else ''} {m[1]}、小于{'等于' if m[3] == '<=' else ''} {m[4]}"
    m = re.fullmatch(r"x(>=|>|<=|<)(-?[\d.]+)", text)
    if m:
        return {">=": "不小于", ">": "大于", "<=": "不大于", "<": "小于"}[m[1]] + f" {m[2]}"
    return None


def help_extra(help_text: str) -> tuple[str, str]:
    """An option's help and click's bracketed addition ("[默认：text]", "" when none), in Chinese."""
    help_text = _HELP_LINES.get(help_text, help_text)
    m = re.search(_EXTRA, help_text)
    if not m:
        return help_text, ""
    parts = []
    for part in m[1].split("; "):
        words = range_words(part)
        if words is None:
            words = next((zh.format(*mm.groups()) for rx, zh in _EXTRA_WORDS if (mm := re.match(rx, part, re.S))), part)
        parts.append(words)
    return help_text[: m.start()], f"[{'；'.join(parts)}]"


def wrap_with_extra(text: str, extra: str, width: int) -> list[str]:
    """`text` wrapped, with `extra` ("[默认：text]") kept whole: after the last line when it fits,
    else on a line of its own."""
    lines = wrap(text, width)
    if not extra:
        return lines
    if cells(lines[-1]) + 1 + cells(extra) <= width:
        lines[-1] = f"{lines[-1]} {extra}"
    else:
        lines.extend(wrap(extra, width))
    return lines


def _formatter_class(base: type) -> type:
    """A subclass of click's HelpFormatter (whichever click is in use) that writes Chinese."""

    class ChineseHelpFormatter(base):  # type: ignore[misc, valid-type]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            head = f"{' ' * self.current_indent}{'用法：'}{prog} "
            for en, zh in _USAGE_WORDS:
                args = args.replace(en, zh)
            args = re.sub(r"\{([^{}]+)\}", r"\1", args)  # typer's {草稿} for a required argument: plain 草稿
            lines = wrap(args, max(self.width - cells(head), 20))
            self.write(head + lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * cells(head) + line + "\n")

        def write_heading(self, heading: str) -> None:
            self.write(f"{' ' * self.current_indent}{_HEADINGS.get(heading, heading)}：\n")

        def write_text(self, text: str) -> None:
            indent = " " * self.current_indent
            paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
            out = []
            for para in paragraphs:
                out.append("\n".join(indent + line for line in wrap(para, self.width - self.current_indent)))
            self.write("\n\n".join(out) + "\n")

        def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
            rows = list(rows)
            first_col = min(max((cells(first) for first, _ in rows), default=0), col_max) + col_spacing
            for first, second in rows:
                self.write(f"{' ' * self.current_indent}{first}")
                if not second:
                    self.write("\n")
                    continue
                if cells(first) <= first_col - col_spacing:
                    self.write(" " * (first_col - cells(first)))
                else:
                    self.write("\n" + " " * (first_col + self.current_indent))
                room = max(self.width - first_col - self.current_indent, 16)
                lines = wrap_with_extra(*help_extra(second), room)
                self.write(lines[0] + "\n")
                for line in lines[1:]:
                    self.write(" " * (first_col + self.current_indent) + line + "\n")

    return ChineseHelpFormatter


# -- metavars ---------------------------------------------------------------------------------

# By option: what the value is, where the type alone says too little.
_OPTION_METAVARS = {
    "--today": "日期", "--format": "格式", "--profile": "drafter.toml", "--select": "代码", "--ignore": "代码",
    "--jobs": "进程数", "--port": "端口", "--host": "地址", "--password": "密码", "--year": "年份",
    "--within": "天数", "--count": "人数", "--number": "编号", "--session": "届次", "--deputy": "姓名",
    "--signer": "姓名", "--organ": "机关", "--unit": "单位", "--co-handler": "单位", "--category": "类别",
    "--doc-number": "文号", "--kind": "npc|cppcc", "--layout": "file|letter|plain",
    "--type": "reply|opinion|return|extension", "--handling": "办理方式", "--assigned": "日期",
}
# By click parameter type (the class name: the same in click and in typer's copy of it).
_TYPE_METAVARS = {
    "StringParamType": "文字", "Path": "路径", "TyperPath": "路径", "File": "文件", "IntParamType": "整数", "IntRange": "整数",
    "FloatParamType": "数", "FloatRange": "数", "DateTime": "日期", "BoolParamType": "是否", "UUIDParameterType": "UUID",
}


def _metavar(param: Any) -> str | None:
    for opt in getattr(param, "opts", ()):
        if opt in _OPTION_METAVARS:
            return _OPTION_METAVARS[opt]
    kinds = [k.__name__ for k in type(param.type).__mro__]  # typer's TyperPath is a click Path
    if "Choice" in kinds:
        return "|".join(map(str, param.type.choices))
    return next((_TYPE_METAVARS[k] for k in kinds if k in _TYPE_METAVARS), "值")


def localise(command: Any) -> Any:
    """Give `command` and every subcommand the Chinese help formatter and Chinese metavars."""
    base_context = command.context_class
    formatter = _formatter_class(base_context.formatter_class)
    context = type("ChineseContext", (base_context,), {"formatter_class": formatter})

    def visit(cmd: Any) -> None:
        cmd.context_class = context
        if cmd.help and not cmd.short_help:  # click shortens at spaces, so Chinese is cut mid-word
            cmd.short_help = cmd.help.strip().split("\n\n")[0]
        for param in cmd.params:
            if any(k.__name__ in ("Path", "TyperPath") for k in type(param.type).__mro__):
                # drafter reads and writes every file itself and says per file what went wrong
                # (IO001/IO004…, the rest of a batch still checked); click's checks would stop the run
                param.type.exists = param.type.readable = param.type.writable = False
            is_option = bool(getattr(param, "opts", None)) and param.param_type_name == "option"
            if is_option and not getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = _metavar(param)
        for sub in getattr(cmd, "commands", {}).values():
            visit(sub)

    visit(command)
    return command


# -- usage errors -------------------------------------------------------------------------------


def _label(param: Any) -> str:
    """How the person typed (or should type) a parameter: its option names, or its metavar."""
    if param is None:
        return "命令行"
    opts = [o for o in getattr(param, "opts", ()) if o.startswith("-")]
    if opts and param.param_type_name == "option":
        return "/".join(opts)
    name = param.metavar or param.name or "参数"
    return name.strip("[]{}").rstrip(".") or "参数"


def _unquote(text: str) -> str:
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"" else text


# click's messages about a value (types.py `self.fail`), matched by shape; the value is kept.
_VALUE_PROBLEMS = (
    (r"^(.*) is not a valid (?:integer|int)(?: range)?\.?$", "应为整数，收到“{0}”"),
    (r"^(.*) is not a valid (?:float|number)(?: range)?\.?$", "应为数字，收到“{0}”"),
    (r"^(.*) is not a valid boolean\..*$", "应为 true 或 false，收到“{0}”"),
    (r"^(.*) does not match the formats? .*$", "日期应写作 YYYY-MM-DD，收到“{0}”"),
    (r"^(.*) is not a valid UUID\.?$", "不是有效的 UUID，收到“{0}”"),
    (r"^(?:Path|File|Directory) (.*) does not exist\.$", "“{0}”不存在，请检查路径"),
    (r"^(?:Path|File|Directory) (.*) is a file\.$", "“{0}”是文件，请给出文件夹"),
    (r"^(?:Path|File|Directory) (.*) is a directory\.$", "“{0}”是文件夹，请给出文件"),
    (r"^(?:Path|File|Directory) (.*) is not readable\.$", "“{0}”无法读取：没有权限"),
    (r"^(?:Path|File|Directory) (.*) is not writable\.$", "“{0}”无法写入：没有权限"),
)


def value_problem(message: str) -> str:
    """The Chinese for one of click's messages about a bad value."""
    m = re.match(r"^(.*) is not in the range (.*?)\.?$", message, re.S)
    if m:
        words = range_words(m[2])
        return f"应{'为' if words and '之间' in words else ''}{words}，收到 {_unquote(m[1])}" if words else f"超出范围，收到 {_unquote(m[1])}"
    m = re.match(r"^(.*) is not (?:one of|in) (.*?)\.?$", message, re.S)
    if m:
        choices = "、".join(_unquote(c.strip()) for c in m[2].split(","))
        return f"只能是 {choices}，收到“{_unquote(m[1])}”"
    for rx, zh in _VALUE_PROBLEMS:
        mm = re.match(rx, message, re.S)
        if mm:
            return zh.format(_unquote(mm[1]))
    return f"值无效（{message}）"


def _commands(ctx: Any) -> list[str]:
    command = getattr(ctx, "command", None)
    try:
        return list(command.list_commands(ctx)) if command is not None and hasattr(command, "list_commands") else []
    except Exception:  # noqa: BLE001 - a suggestion is a nicety, never a reason to fail
        return []


def usage_line(exc: Any, command_path: str = "drafter") -> str:
    """One Chinese line for any click usage error: `什么: 错误 说明（怎么办）`. `command_path` is
    used when click did not say which command it was parsing."""
    kind = type(exc).__name__
    ctx = getattr(exc, "ctx", None)
    where = getattr(ctx, "command_path", None) or command_path
    hint = f"（{where} --help 查看用法）"
    param = getattr(exc, "param", None)
    if kind == "NoSuchOption":
        possible = sorted(getattr(exc, "possibilities", None) or [])
        guess = f"；是否应为 {'、'.join(possible)}？" if possible else ""
        return f"{exc.option_name}: 错误 没有这个选项{guess}{hint}"
    if kind == "MissingParameter":
        label = _label(param)
        if param is not None and param.param_type_name == "option":
            return f"{label}: 错误 缺少这个选项，请给出 {label} 及其值{hint}"
        what = " ".join((getattr(param, "help", None) or "").split()).rstrip("。")
        return f"{label}: 错误 缺少{label}：请在命令后面写上{what or label}{hint}"
    if kind == "BadParameter":
        return f"{_label(param)}: 错误 {value_problem(exc.message)}{hint}"
    if kind == "BadOptionUsage":
        name = getattr(exc, "option_name", "") or "选项"
        if "requires" in exc.message:
            return f"{name}: 错误 这个选项后面要写上值，如 {name} 值{hint}"
        if "does not take a value" in exc.message:
            return f"{name}: 错误 这个选项不带值，只写 {name}{hint}"
        return f"{name}: 错误 选项用法不对{hint}"
    message = getattr(exc, "message", "") or ""
    m = re.match(r"^No such command '?(.*?)'?\.(?: Did you mean .*)?$", message, re.S)
    if m:
        import difflib

        guesses = difflib.get_close_matches(m[1], _commands(ctx))
        guess = f"；是否应为 {'、'.join(guesses)}？" if guesses else ""
        return f"{m[1]}: 错误 没有这个命令{guess}（{where} --help 列出全部命令）"
    m = re.match(r"^Got unexpected extra argument(?:\(s\)|s)? \((.*)\)$", message, re.S)
    if m:
        return (f"{m[1]}: 错误 多余的参数：这个命令不接受它们；文件名中有空格时请给整个文件名加引号，"
                f"如 \"草稿 一.yaml\"{hint}")
    if message.startswith("Missing command"):
        return f"{where}: 错误 缺少命令，如 {where} check 草稿.yaml（{where} --help 列出全部命令）"
    if kind == "BadArgumentUsage":
        return f"{where}: 错误 参数个数不对{hint}"
    return f"{where}: 错误 命令行有误（{message}）{hint}"


def wants_json(args: Sequence[str]) -> bool:
    """Did the command line ask for `--format json` (so that even a usage error is JSON)?"""
    args = list(args)
    return "--format=json" in args or any(a == "--format" and b == "json" for a, b in zip(args, args[1:]))


# -- Windows wildcards ------------------------------------------------------------------------


def expand_wildcards(args: Iterable[str]) -> list[str]:
    """`*.yaml` as the files it names: cmd and PowerShell pass wildcards through unexpanded (bash
    expands them itself). A pattern that names nothing, and anything that is an existing path,
    stays as written."""
    import glob

    out: list[str] = []
    for arg in args:
        if any(ch in arg for ch in "*?[") and not arg.startswith("-"):
            try:
                found = sorted(glob.glob(arg))
            except (OSError, ValueError, re.error):
                found = []
            if found and not os.path.exists(arg):
                out.extend(found)
                continue
        out.append(arg)
    return out
