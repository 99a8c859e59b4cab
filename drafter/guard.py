"""The last resort: an exception drafter did not expect becomes one line, for that file only.

Every bad input should already have its own coded finding; when one does not, the person still
gets one Chinese line naming the file, code INT001 and where to report it, a batch goes on with
the other files, and the command exits with its own code (3), so that a script can tell "drafter
broke" from "the draft has errors" (1) and "could not run" (2). The traceback is printed only
with --debug (which sets DRAFTER_DEBUG=1).
"""

from __future__ import annotations

import os
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from drafter.findings import FATAL, Finding

INTERNAL_CODE = "INT001"
TIMEOUT_CODE = "IO015"
EXIT_INTERNAL = 3
FILE_SECONDS = 60.0  # one file's load + check + render; real letters take well under a second
REPORT_TO = "请把这一行、所用的命令和出错的文件发给 drafter 的维护人员（见 README“报告问题”）"


class Contained(Exception):
    """Carries the one-line finding made from an unexpected exception."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


def debug() -> bool:
    return os.environ.get("DRAFTER_DEBUG") == "1"


def _where(exc: BaseException) -> str:
    """The innermost frame inside drafter (file:line), which is what a maintainer needs first."""
    package = Path(__file__).resolve().parent
    where = ""
    for frame in traceback.extract_tb(exc.__traceback__):
        try:
            path = Path(frame.filename).resolve()
        except (OSError, ValueError):
            continue
        if package in path.parents:
            where = f"{path.relative_to(package.parent).as_posix()}:{frame.lineno}"
    return where


def internal_finding(name: str, exc: BaseException) -> Finding:
    """The one line for an exception nobody turned into a finding."""
    from drafter.limits import BudgetExceeded

    if isinstance(exc, BudgetExceeded):  # the per-file time budget, or a budget left unconverted
        return Finding(name, None, None, "", TIMEOUT_CODE, FATAL, f"{exc.message}，已放弃这个文件")
    if debug():
        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    where = _where(exc)
    detail = f"{type(exc).__name__}" + (f"，{where}" if where else "")
    hint = "" if debug() else "；加 --debug 可看到详细信息"
    return Finding(name, None, None, "", INTERNAL_CODE, FATAL, f"内部错误，请报告（{detail}）：{REPORT_TO}{hint}")


@contextmanager
def contained(name: str, expected: tuple = (), seconds: float | None = FILE_SECONDS) -> Iterator[None]:
    """Run one file's work: an unexpected exception (or running past `seconds`) raises Contained
    with the one-line finding; the `expected` ones (which the caller turns into findings itself)
    pass through untouched."""
    from drafter.limits import time_budget

    try:
        if seconds:
            with time_budget(seconds, f"处理超过 {seconds:g} 秒仍未完成"):
                yield
        else:
            yield
    except (Contained, *expected):
        raise
    except Exception as exc:  # noqa: BLE001 - this is the last resort, by design
        raise Contained(internal_finding(name, exc)) from exc
