"""Budgets at every input boundary, in one place.

A reply letter is small: a draft is 10-60 KB, a Word letter's document.xml 50-500 KB, a web
page under 1 MB. Anything far beyond these is not a letter, and reading it whole could take
minutes or gigabytes, so every reader refuses it early with one line instead. The numbers are
generous (ten to a hundred times a real letter) and live here so that they can be read, tested
and changed together; the readers import them from here and never write their own.

Also here: the one safe XML parser (no entity expansion, no external entities, no network,
no huge trees), bounded reading of zip members, and a wall-clock budget.
"""

from __future__ import annotations

import contextlib
import io
import re
import signal
import threading
import zipfile
from dataclasses import dataclass
from typing import Any, Iterator

# -- sizes of input files -------------------------------------------------------------------------

DRAFT_BYTES = 2 * 1024 * 1024          # a YAML/JSON draft
SOURCE_BYTES = 30 * 1024 * 1024        # a file given to `import` or `check` (.docx, .txt, .html)
PROFILE_BYTES = 256 * 1024             # drafter.toml
TEMPLATE_BYTES = 64 * 1024             # one sentence template

# -- structure -----------------------------------------------------------------------------------

DRAFT_DEPTH = 40                       # sections nest four deep; the rest of a draft three
DRAFT_NODES = 200_000                  # values after alias expansion ("billion laughs")
# Characters of text after alias expansion: a 2 MB file holds at most this many itself, so more
# can only come from one long string referenced again and again (30,000 characters aliased into
# 900 list items, each under the field and list limits, is 27 M characters to check and lay out).
DRAFT_TEXT_CHARS = DRAFT_BYTES
INT_DIGITS = 4300                      # Python's own int/str conversion limit: refused at load
STRING_CHARS = 100_000                 # one field (a long measures paragraph is ~2,000)
LIST_ITEMS = 999                       # entries of any one list (copy_to, paragraphs …; real: < 50)
HTML_DEPTH = 250                       # nested tags in a web page (real pages: 20-40)
PARAGRAPHS = 20_000                    # paragraphs read from one imported file
SHEET_ROWS = 20_000                    # rows of one sheet of a 交办清单 (a year's list: < 1,000)

# -- zip packages (.docx) --------------------------------------------------------------------------

ZIP_MEMBERS = 1_000                    # a letter has 10-30 parts
ZIP_MEMBER_BYTES = 32 * 1024 * 1024    # one part, inflated (document.xml of a letter: < 1 MB)
ZIP_TOTAL_BYTES = 100 * 1024 * 1024    # all parts, inflated (pictures included)

# -- time ------------------------------------------------------------------------------------------

TEMPLATE_SECONDS = 2.0                 # rendering one letter's sentences
TEMPLATE_OUTPUT_CHARS = 200_000        # what one sentence template may produce (a copy line of 999 names: 10,000)
TEMPLATE_RANGE = 1_000                 # range() inside a template

# -- profile values --------------------------------------------------------------------------------

PROFILE_MONTHS = 120                   # deadline_months, extended_deadline_months
PROFILE_DAYS = 366                     # deadline_warning_days


class BudgetExceeded(Exception):
    """An input went past one of the budgets above; `message` is the Chinese reason."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# -- characters a .docx can hold -------------------------------------------------------------------

# XML 1.0 allows tab, newline and carriage return among the C0 controls, no lone surrogates and
# not U+FFFE/U+FFFF. DEL and the C1 controls are legal XML but invisible in print and refused by
# drafter's own loader, so they are refused here too: what check passes, render can write.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def unprintable(text: str) -> str | None:
    """The first character of `text` that cannot go into a letter, else None."""
    m = UNPRINTABLE.search(text)
    return m.group() if m else None


def strip_unprintable(text: str) -> str:
    return UNPRINTABLE.sub("", text)


def char_label(ch: str) -> str:
    if "\ud800" <= ch <= "\udfff":
        return f"U+{ord(ch):04X}（不成对的代理字符）"
    return f"U+{ord(ch):04X}（控制字符）"


@dataclass(frozen=True)
class Problem:
    """A value in a draft beyond a budget: where, and the one-line reason."""

    path: tuple
    code: str
    message: str


def draft_problems(data: Any) -> list[Problem]:
    """Everything in draft data that a letter cannot hold: unprintable characters, over-long
    strings, over-long lists. Walks without recursion. The loader already refuses most of
    these in a file; this also covers data made in memory (an imported letter, the web editor)."""
    out: list[Problem] = []
    stack: list[tuple[tuple, Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            for k, v in node.items():
                if isinstance(k, str):
                    bad = unprintable(k)
                    if bad:
                        out.append(Problem(path, "SCH020", f"键名中有不能排版的字符 {char_label(bad)}，请删除"))
                        continue
                stack.append((path + (k,), v))
        elif isinstance(node, list):
            if len(node) > LIST_ITEMS:
                out.append(Problem(path, "SCH021", f"列表有 {len(node)} 项，超过上限 {LIST_ITEMS} 项，不像答复函"))
                continue
            stack.extend((path + (i,), v) for i, v in enumerate(node))
        elif isinstance(node, str):
            if len(node) > STRING_CHARS:
                out.append(Problem(path, "SCH021", f"文字有 {len(node)} 字，超过上限 {STRING_CHARS} 字，不像答复函"))
                continue
            bad = unprintable(node)
            if bad:
                where = node.find(bad)
                out.append(Problem(path, "SCH020", f"第{where + 1}个字符是不能排版的字符 {char_label(bad)}，请删除"))
    out.sort(key=lambda p: [str(x) for x in p.path])
    return out


# -- XML -------------------------------------------------------------------------------------------


def xml_parser():
    """The one lxml parser for XML from outside: entities are never expanded (billion laughs),
    external entities and DTDs never fetched (XXE), no network, no huge trees."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False, dtd_validation=False)


def parse_xml(data: bytes):
    from lxml import etree

    return etree.fromstring(data, parser=xml_parser())


# -- zip -------------------------------------------------------------------------------------------


def check_zip(z: zipfile.ZipFile) -> None:
    """Refuse a package whose parts are too many or inflate too far, before any part is read."""
    infos = z.infolist()
    if len(infos) > ZIP_MEMBERS:
        raise BudgetExceeded(f"压缩包内有 {len(infos)} 个部件，超过上限 {ZIP_MEMBERS} 个，不像答复函")
    total = 0
    for info in infos:
        if info.file_size > ZIP_MEMBER_BYTES:
            raise BudgetExceeded(f"部件 {info.filename} 解压后 {info.file_size // (1024 * 1024)} MB，"
                                 f"超过上限 {ZIP_MEMBER_BYTES // (1024 * 1024)} MB（疑似压缩炸弹），拒绝处理")
        total += info.file_size
    if total > ZIP_TOTAL_BYTES:
        raise BudgetExceeded(f"解压后共 {total // (1024 * 1024)} MB，超过上限 {ZIP_TOTAL_BYTES // (1024 * 1024)} MB"
                             "（疑似压缩炸弹），拒绝处理")


def read_member(z: zipfile.ZipFile, name: str, cap: int = ZIP_MEMBER_BYTES) -> bytes:
    """A part's bytes, read in pieces and stopped at `cap` whatever its header claims."""
    out = io.BytesIO()
    with z.open(name) as fh:
        while True:
            chunk = fh.read(1024 * 1024)
            if not chunk:
                break
            out.write(chunk)
            if out.tell() > cap:
                raise BudgetExceeded(f"部件 {name} 解压后超过 {cap // (1024 * 1024)} MB（疑似压缩炸弹），拒绝处理")
    return out.getvalue()


def open_zip(data: bytes | str | Any) -> zipfile.ZipFile:
    """A ZipFile already checked against the budgets (raises zipfile.BadZipFile, BudgetExceeded)."""
    src = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
    z = zipfile.ZipFile(src)
    try:
        check_zip(z)
    except BaseException:
        z.close()
        raise
    return z


# -- time ------------------------------------------------------------------------------------------


@contextlib.contextmanager
def time_budget(seconds: float, message: str) -> Iterator[None]:
    """Raise BudgetExceeded(message) if the block runs longer than `seconds` of wall time.

    Uses SIGALRM, so it only acts in the main thread on POSIX (elsewhere the block simply runs);
    an outer budget that ends sooner is kept."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    old_delay, _ = signal.getitimer(signal.ITIMER_REAL)
    if 0 < old_delay <= seconds:  # an outer budget ends first: let it act
        yield
        return

    def on_alarm(signum, frame):
        raise BudgetExceeded(message)

    old_handler = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        remaining = signal.setitimer(signal.ITIMER_REAL, 0)[0]
        signal.signal(signal.SIGALRM, old_handler)
        if old_delay > 0:  # give the outer budget back what is left of it
            elapsed = seconds - remaining
            signal.setitimer(signal.ITIMER_REAL, max(old_delay - elapsed, 0.001))
