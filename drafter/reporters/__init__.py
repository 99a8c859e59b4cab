"""How findings and results reach the person or the program: one reporter per run.

    rep = reporter("json", command="check")
    rep.findings(doc.findings)      # coded lines (or JSON records)
    rep.wrote(path, source=name)    # an output file written
    rep.note("已修正 2 处")          # a plain message for a person (never carries a code)
    rep.finish(files=3, status=1)   # summary (text) or the one JSON document (json)

Nothing with a code is printed anywhere else.
"""

from __future__ import annotations

from drafter.reporters.base import Reporter

FORMATS = ("text", "json")


def reporter(fmt: str, command: str) -> Reporter:
    if fmt == "json":
        from drafter.reporters.json import JsonReporter

        return JsonReporter(command)
    from drafter.reporters.text import TextReporter

    return TextReporter(command)


__all__ = ["FORMATS", "Reporter", "reporter"]
