"""Read and write drafts (YAML or JSON, chosen by extension), keeping comments and positions.

A draft is read once, at C speed (libyaml; drafter/yamlplain.py), into two views:
- `data`: plain Python (dict/list/str/int/float/bool/None, dates as ISO strings) for the schema;
- `positions`: the line and column of every key and list item, for one-line findings.
Fixes change `data` and are kept as edits; only `rewrite` (when a file is written back) reads
the text through ruamel.yaml's round trip, so the user's comments and layout survive.

Every way a file can be unreadable becomes a FATAL finding, never a traceback.
"""

from __future__ import annotations

import copy
import errno
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any, Iterable

from drafter import limits
from drafter.findings import FATAL, WARNING, Edit, Finding, Path, field_name

YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)
DRAFT_SUFFIXES = YAML_SUFFIXES + JSON_SUFFIXES

# The budgets live in drafter/limits.py with every other input boundary's.
MAX_BYTES = limits.DRAFT_BYTES  # a real reply is 10-60 KB; anything this big is not a draft
MAX_DEPTH = limits.DRAFT_DEPTH  # sections nest four deep; the rest of the tree is three
MAX_NODES = limits.DRAFT_NODES  # after alias expansion; guards against "billion laughs" documents
INT_DIGITS = limits.INT_DIGITS  # Python's int/str conversion limit: a longer number is no draft's content

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# What no string of a letter may hold, however it was spelled (escapes included): controls
# other than tab/newline/CR, half surrogate pairs, and the two non-characters XML refuses.
_UNPRINTABLE = limits.UNPRINTABLE


@dataclass
class Draft:
    path: FsPath
    name: str  # as shown in findings (the path the user typed)
    fmt: str  # "yaml" or "json"
    text: str  # decoded, newlines normalised to \n
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    data: Any = None
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    edits: list[Edit] = field(default_factory=list)  # fixes made to `data`, for `rewrite`
    located: bool = True  # False for data made up in memory (a Word letter's content): no lines

    def position(self, path: Path) -> tuple[int | None, int | None]:
        """Line and column (1-based) of `path`, or of its nearest ancestor that has one."""
        if not self.located:
            return (None, None)
        p = tuple(path)
        while True:
            if p in self.positions:
                return self.positions[p]
            if not p:
                return (1, 1) if self.text else (None, None)
            p = p[:-1]

    def finding(self, path: Path, code: str, severity: str, message: str, fix=None) -> Finding:
        line, col = self.position(path)
        return Finding(self.name, line, col, field_name(path), code, severity, message, fix, tuple(path))


class LoadError(Exception):
    """A draft that cannot be read; carries the FATAL finding."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


_ERRNO_TEXT = {
    "EROFS": "文件系统只读", "ENOSPC": "磁盘已满", "EEXIST": "同名文件或文件夹已存在",
    "EBUSY": "文件正被占用", "ENOTDIR": "路径中有一段不是文件夹", "ENAMETOOLONG": "文件名过长",
    "EACCES": "没有权限", "EPERM": "不允许的操作", "EISDIR": "这是文件夹", "ENOENT": "文件夹不存在",
    "EFBIG": "文件超过系统允许的大小", "EDQUOT": "磁盘配额已满", "ELOOP": "链接循环指向自身",
    "EIO": "磁盘读写出错",
}


def os_reason(exc: OSError) -> str:
    """The operating system's reason in Chinese where we know it, else as the system says it."""
    name = errno.errorcode.get(exc.errno or 0, "")
    return _ERRNO_TEXT.get(name, exc.strerror or str(exc))


def fatal(name: str, code: str, message: str, line: int | None = None, column: int | None = None) -> Finding:
    return Finding(name, line, column, "", code, FATAL, message)


# -- reading -------------------------------------------------------------------


def draft_format(path: FsPath) -> str | None:
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        return "yaml"
    if suffix in JSON_SUFFIXES:
        return "json"
    return None


def load_draft(path: FsPath, name: str | None = None) -> tuple[Draft | None, list[Finding]]:
    """Read a draft file. Returns (draft, warnings) or (None, [fatal finding])."""
    name = name or str(path)
    fmt = draft_format(path)
    if not path.exists():
        return None, [fatal(name, "IO001", "文件不存在，请检查路径")]
    if path.is_dir():
        return None, [fatal(name, "IO002", "这是文件夹，不是草稿文件；检查文件夹请直接给出文件夹路径")]
    if fmt is None:
        return None, [fatal(name, "IO003", "不是草稿文件：扩展名应为 .yaml、.yml 或 .json")]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [fatal(name, "IO004", f"无法读取文件（{os_reason(exc)}），请检查权限")]
    try:
        draft, warnings = loads_draft(raw, fmt, name, path)
    except LoadError as exc:
        return None, [exc.finding]
    return draft, warnings


def loads_draft(raw: bytes | str, fmt: str, name: str, path: FsPath | None = None) -> tuple[Draft, list[Finding]]:
    """Parse draft bytes (or text); raises LoadError with a one-line Chinese finding."""
    warnings: list[Finding] = []
    if isinstance(raw, str):
        text, encoding, bom = raw, "utf-8", False
    else:
        if len(raw) > MAX_BYTES:
            raise LoadError(fatal(name, "IO005", f"文件过大（{len(raw) // 1024} KB，上限 {MAX_BYTES // 1024} KB），不像答复函草稿"))
        text, encoding, bom = decode_bytes(raw, name)
        if encoding != "utf-8":
            warnings.append(
                Finding(name, None, None, "", "IO101", WARNING, "文件是 GBK 编码，已按 GBK 读取；改写时保持 GBK，建议另存为 UTF-8")
            )
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip() or (fmt == "yaml" and not _has_content(text)):
        raise LoadError(fatal(name, "IO006", "文件是空的；可用 drafter new 生成草稿"))
    m = _CONTROL.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        raise LoadError(fatal(name, "IO007", f"第{line}行第{col}列有不可见的控制字符 U+{ord(m.group()):04X}，请删除", line, col))

    draft = Draft(path or FsPath(name), name, fmt, text, encoding, bom, newline)
    try:
        if fmt == "json":
            _parse_json(draft)
        else:
            _parse_yaml(draft)
    except RecursionError:  # the pure-Python parsers (JSON, YAML without libyaml)
        raise LoadError(fatal(name, "IO008", f"嵌套层级过深（超过 {MAX_DEPTH} 层），不像答复函草稿")) from None
    return draft, warnings


def decode_bytes(raw: bytes, name: str) -> tuple[str, str, bool]:
    """(text, encoding, had BOM): UTF-8 with or without BOM, else GB18030 (a superset of GBK).
    Raises LoadError for UTF-16 and for bytes that are neither."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw_body, bom = raw[3:], True
    else:
        raw_body, bom = raw, False
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(fatal(name, "IO009", "文件是 UTF-16 编码，请另存为 UTF-8"))
    try:
        return raw_body.decode("utf-8"), "utf-8", bom
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _looks_big5(raw_body):
        raise LoadError(fatal(name, "IO009", "文件看起来是 Big5（繁体中文）编码，请另存为 UTF-8"))
    try:
        return raw_body.decode("gb18030"), "gb18030", False
    except UnicodeDecodeError:
        line = raw_body.count(b"\n", 0, utf8_error.start) + 1
        raise LoadError(fatal(name, "IO009", f"第{line}行起不是 UTF-8 或 GBK 编码的文字，请另存为 UTF-8", line)) from None


def _looks_big5(raw: bytes) -> bool:
    """Big5 bytes mostly decode as GBK too, into nonsense: refuse them rather than misread them
    silently. The one Big5 test is the importer's (an imported letter may be Big5; a draft not)."""
    from drafter.importer.encoding import _looks_big5 as looks_big5

    return looks_big5(raw)


def _has_content(text: str) -> bool:
    """False for a YAML file of only comments, blank lines and document markers."""
    for line in text.splitlines():
        s = line.strip()
        if s and not s.startswith("#") and s not in ("---", "..."):
            return True
    return False


# -- YAML ----------------------------------------------------------------------

_YAML_PROBLEMS = [
    ("mapping values are not allowed", "此处不能出现“: ”（值里有冒号时请加引号，或检查缩进）"),
    ("cannot start any token", "值不能以 @ 或 ` 开头，请给整个值加引号"),
    ("did not find expected <document start>", "结束后还有多余内容（多了括号？），或整份草稿应以“键: 值”开始"),
    ("directive", "文件开头的 % 指令有误，请删去（草稿不需要 %YAML 指令）"),
    ("could not find expected ':'", "缺少“: ”（键和值之间要有冒号和空格）"),
    ("found character '\\t'", "YAML 不能用 Tab 缩进，请改用空格"),
    ("found duplicate key", "键重复，同一层只能写一次"),
    ("found undefined alias", "引用了未定义的别名（*名称）"),
    ("found duplicate anchor", "锚点（&名称）重复定义，请改用不同的名称"),
    ("expected a single document", "文件里有多份 YAML 文档（---），一份草稿只能有一份"),
    ("exceeded maximum nesting depth", f"嵌套层级过深（超过 {MAX_DEPTH} 层），不像答复函草稿"),
    ("expected <block end>, but found", "缩进不一致，请对齐同一层的键"),
    ("did not find expected key", "缩进或列表格式有误，请对齐同一层的键"),
    ("did not find expected '-' indicator", "列表项缩进不一致"),
    ("found unexpected end of stream", "引号或括号没有闭合"),
    ("found unknown escape character", "双引号字符串里有无效的转义（\\），请改用单引号"),
    ("found invalid Unicode character escape code", "双引号字符串里的 \\u 转义不是有效的字符，请删除"),
    ("while scanning a quoted scalar", "引号没有闭合"),
    ("expected a comment or a line break", "值后面有多余内容（值里有“#”或引号时请整体加引号）"),
    ("while parsing a flow", "方括号或花括号没有闭合"),
    ("did not find expected ',' or", "方括号或花括号没有闭合"),
]


def _yaml_error(draft: Draft, exc: Exception) -> LoadError:
    """A YAML library's error as one Chinese line, on the line it names."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    problem = f"{getattr(exc, 'problem', '') or ''} {getattr(exc, 'context', '') or ''}"
    if mark is not None and _char_at(draft.text, mark.line, mark.column) == "\t":
        problem = "found character '\\t'"  # libyaml says "cannot start any token" for a Tab
    text = next((zh for en, zh in _YAML_PROBLEMS if en in problem), None)
    if mark is not None and "'\\t'" in problem and _line_of(draft.text, mark.line)[: mark.column].strip():
        # a Tab after the text (pasted from Word or Excel), not before it: it is no indentation
        text = f"第{col}列有 Tab 字符（常见于从 Word、Excel 复制的文字），请删去或改为空格"
    if text is not None and text.startswith("嵌套"):
        return LoadError(fatal(draft.name, "IO008", text, line, col))
    # Never the parser's English: an unlisted problem still gets its line and what to look at.
    detail = text or "YAML 格式错误，请检查这一行的缩进、冒号、引号和括号"
    where = f"第{line}行：" if line else ""
    return LoadError(fatal(draft.name, "IO010", f"{where}{detail}", line, col))


def _line_of(text: str, line: int) -> str:
    lines = text.split("\n", line + 1)
    return lines[line] if line < len(lines) else ""


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    return lines[line][column:column + 1] if line < len(lines) else ""


def _parse_yaml(draft: Draft) -> None:
    import yaml

    from drafter import yamlplain

    try:
        root = yamlplain.compose(draft.text)
    except yaml.YAMLError as exc:
        raise _yaml_error(draft, exc) from None
    builder = yamlplain.Builder(MAX_NODES, MAX_DEPTH, check_text=_bad_characters)
    try:
        draft.data = None if root is None else builder.build(root)
    except yamlplain.YamlProblem as exc:
        message = exc.message
        if exc.code == "IO007":
            message = f"第{exc.line}行第{exc.column}列的字符串里{message}"
        raise LoadError(fatal(draft.name, exc.code, message, exc.line, exc.column)) from None
    draft.positions = builder.positions


def _bad_characters(text: str) -> str | None:
    """Why a string cannot go into a letter (a control character, half a surrogate pair), or None."""
    m = _UNPRINTABLE.search(text)
    if m is None:
        return None
    ch = m.group()
    if "\ud800" <= ch <= "\udfff":
        return f"有不成对的代理字符 U+{ord(ch):04X}（转义写出的半个字符），请删除"
    return f"有不可见的控制字符 U+{ord(ch):04X}（转义写出），请删除"


# -- JSON ----------------------------------------------------------------------

_JSON_PROBLEMS = [
    ("Expecting ',' delimiter", "缺少逗号"),
    ("Illegal trailing comma", "最后一项后面多了逗号"),  # Python 3.13+
    ("Expecting property name enclosed in double quotes", "键名要用双引号（或最后一项后面多了逗号）"),
    ("Expecting ':' delimiter", "键后面缺少冒号"),
    ("Expecting value", "缺少值（或多了逗号）"),
    ("Extra data", "JSON 结束后还有多余内容"),
    ("Unterminated string", "字符串缺少结束的双引号"),
    ("Invalid control character", "字符串里有换行或控制字符，请写作 \\n"),
    ("Invalid \\escape", "无效的转义（\\）"),
]


class _TooLong(Exception):
    def __init__(self, digits: int):
        self.digits = digits


def _json_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > INT_DIGITS:
        raise _TooLong(digits)
    return int(text)


def _parse_json(draft: Draft) -> None:
    def no_duplicates(pairs):
        seen = {}
        for k, v in pairs:
            if k in seen:
                raise LoadError(fatal(draft.name, "IO010", f"键“{k}”重复，同一层只能写一次"))
            seen[k] = v
        return seen

    try:
        doc = json.loads(draft.text, object_pairs_hook=no_duplicates, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        text = next((zh for en, zh in _JSON_PROBLEMS if exc.msg.startswith(en)), "JSON 格式错误，请检查这一行的引号、逗号和括号")
        raise LoadError(fatal(draft.name, "IO010", f"第{exc.lineno}行：{text}", exc.lineno, exc.colno)) from None
    except _TooLong as exc:
        m = re.search(r"\d{%d,}" % (INT_DIGITS + 1), draft.text)
        line = draft.text.count("\n", 0, m.start()) + 1 if m else None
        where = f"第{line}行：" if line else ""
        raise LoadError(fatal(draft.name, "IO010", f"{where}数字有 {exc.digits} 位，超过 {INT_DIGITS} 位的上限，"
                              "不像答复函草稿的内容；如是编号请加引号", line)) from None
    # JSON is (almost always) YAML too: composing it with libyaml gives line numbers cheaply.
    try:
        from drafter import yamlplain

        root = yamlplain.compose(draft.text)
        if root is not None:
            yamlplain.node_positions(root, (), draft.positions, 0, MAX_DEPTH)
    except Exception:  # noqa: BLE001 - positions are a courtesy; the JSON itself was valid
        draft.positions.clear()
    draft.data = _plain(doc, draft)


# -- plain view ------------------------------------------------------------------


def _plain(node: Any, draft: Draft) -> Any:
    """Parsed JSON checked as the YAML builder checks its nodes: a budget on size and depth,
    and no characters a letter cannot hold (JSON escapes can spell any of them)."""
    budget = [MAX_NODES]
    name = draft.name

    def text(s: str, path: Path) -> str:
        problem = _bad_characters(s)
        if problem:
            line, col = draft.position(path)
            raise LoadError(Finding(name, line, col, field_name(path), "IO007", FATAL, "字符串里" + problem, None, tuple(path)))
        return s

    def conv(n: Any, path: Path, depth: int) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise LoadError(fatal(name, "IO011", "文件展开后过大（别名引用层层嵌套），拒绝处理"))
        if depth > MAX_DEPTH:
            raise LoadError(fatal(name, "IO008", f"嵌套层级过深（超过 {MAX_DEPTH} 层），不像答复函草稿"))
        if isinstance(n, dict):
            return {text(k, path): conv(v, path + (k,), depth + 1) for k, v in n.items()}
        if isinstance(n, list):
            return [conv(v, path + (i,), depth + 1) for i, v in enumerate(n)]
        if isinstance(n, str):
            return text(n, path)
        return n

    return conv(node, (), 0)


# -- editing and writing -----------------------------------------------------------


def set_value(draft: Draft, path: Path, value: Any) -> None:
    """Set the value at `path` in the draft's data and remember the edit for `rewrite`."""
    value = copy.deepcopy(value)  # the data never shares a list with a fix's edit
    draft.edits.append(Edit(tuple(path), copy.deepcopy(value)))
    if not path:
        draft.data = value
        return
    plain = draft.data
    for part in path[:-1]:
        plain = plain[part]
    if isinstance(plain, list) and path[-1] == len(plain):
        plain.append(value)
    else:
        plain[path[-1]] = value


def rewrite(draft: Draft, edits: Iterable[Edit]) -> str:
    """The draft's text with `edits` applied, comments, quoting and layout kept (ruamel round
    trip, built only here). Newlines are \n; `encode_text` restores CRLF, BOM and GBK.
    Raises LoadError (IO010) for the rare text libyaml reads and ruamel.yaml cannot."""
    from ruamel.yaml.error import YAMLError

    from drafter.rewrite import rewrite as _rewrite

    try:
        return _rewrite(draft.text, draft.fmt, edits)
    except YAMLError as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise LoadError(fatal(draft.name, "IO010", f"无法自动改写此文件（YAML 写法特殊：{detail}），请按提示手工修改")) from None


def dump_text(draft: Draft) -> str:
    """The draft's text with the edits made so far by `set_value` (fixes)."""
    return rewrite(draft, draft.edits)


def encode_text(draft: Draft, text: str) -> bytes:
    if draft.newline != "\n":
        text = text.replace("\n", draft.newline)
    data = text.encode(draft.encoding)
    return (b"\xef\xbb\xbf" + data) if draft.bom else data


class ExistsError(Exception):
    pass


class LinkError(OSError):
    """The target is a symbolic link drafter will not write through (dangling, or a loop)."""


def write_atomic(path: FsPath, data: bytes, force: bool = False) -> None:
    """Write via a temporary file in the same folder, so that a crash leaves either the old file
    or the new one, never half of one, and a power loss cannot undo a finished write (the file
    and its folder are synced).

    Without `force` the target is claimed atomically (the finished temporary file is hard-linked
    to it, which fails if anything exists there), so of two writers to one new path exactly one
    wins and the other gets ExistsError. With `force` an existing file is replaced, but never a
    read-only one. A symbolic link is written through to the file it points to; a dangling link
    or a loop is refused (LinkError) rather than creating the link's target."""
    path = FsPath(path)
    if path.is_symlink():
        try:
            real = path.resolve(strict=True)
        except FileNotFoundError:
            raise LinkError(errno.ENOENT, "链接指向的文件不存在", str(path)) from None
        except (OSError, RuntimeError):  # RuntimeError: a loop, before Python 3.13
            raise LinkError(errno.ELOOP, "链接循环指向自身", str(path)) from None
        if not force:
            raise ExistsError(str(path))
        path = real
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "这是文件夹", str(path))
    exists = path.exists()
    if exists and not force:
        raise ExistsError(str(path))
    if exists and (not os.access(path, os.W_OK) or not path.stat().st_mode & 0o200):  # root too
        # The folder may be writable, so a rename would succeed: a read-only file is the user's
        # way of saying "do not change this", and --force / --fix do not overrule it.
        raise PermissionError(errno.EACCES, "文件是只读的", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); a replaced file keeps its mode, a new one gets
        # the usual mode for the user's umask, so colleagues on a shared folder can open it.
        try:
            os.chmod(tmp, path.stat().st_mode & 0o777 if exists else 0o666 & ~_umask())
        except OSError:
            pass
        if exists:
            os.replace(tmp, path)
        else:
            _claim(tmp, path)
        _sync_folder(path.parent)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _claim(tmp: str, path: FsPath) -> None:
    """Put the finished `tmp` at `path` only if nothing is there, atomically."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise ExistsError(str(path)) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
            raise
        # A file system without hard links (FAT, some network shares): claim the name with an
        # exclusive create, then move the finished file over the claim.
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            raise ExistsError(str(path)) from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)


def _sync_folder(folder: FsPath) -> None:
    """fsync the folder so the new name survives a power loss (POSIX; a no-op elsewhere)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def find_files(folder: FsPath, suffixes: tuple[str, ...]) -> list[FsPath]:
    """Files with these suffixes under a folder, sorted, skipping hidden files and folders and
    the schema copy that `new` and `import` keep beside drafts (reply.schema.json is no draft:
    a ledger written back into it would corrupt it)."""
    from drafter.resources import SCHEMA_NAME

    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in suffixes and p.name != SCHEMA_NAME
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


__all__ = [
    "Draft",
    "ExistsError",
    "LoadError",
    "dump_text",
    "encode_text",
    "find_files",
    "load_draft",
    "loads_draft",
    "rewrite",
    "set_value",
    "write_atomic",
]
