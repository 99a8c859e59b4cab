"""Check a Word letter's own layout against GB/T 9704-2012, without Word or LibreOffice.

    findings = check_docx_layout(path, name, wanted=None)

Findings carry code GB1xx; `line` is the body paragraph number (1-based, top-level
paragraphs in document order) where a problem is first seen, or None for page-wide
settings. A file that is not a readable .docx raises LoadError with a FATAL finding.

The package itself imports nothing heavy: the catalogue reads `docxcheck.codes` on every
start, and the checks (lxml, the style reader; drafter/docxcheck/layout.py) load only when a
Word letter is checked.
"""

from __future__ import annotations

# Each check with the codes it can emit (drafter.docxcheck.codes registers them): a check none
# of whose codes is selected does not run.
CHECKS = (
    ("page", ("GB101", "GB102")),
    ("text", ("GB111", "GB112", "GB113", "GB114", "GB115", "GB116", "GB121", "GB122")),
    ("page_numbers", ("GB131", "GB132", "GB133")),
    ("letterhead", ("GB141", "GB142")),
)


def check_docx_layout(path, name: str, wanted=None):
    from drafter.docxcheck.layout import check_docx_layout as check

    return check(path, name, wanted)


__all__ = ["check_docx_layout"]
