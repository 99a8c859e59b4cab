"""GB/T 9704-2012 layout of a reply letter as .docx (and PDF through LibreOffice)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from drafter.model import Letter
    from drafter.sentences import Sentences


def render_docx(letter: "Letter", sentences: "Sentences") -> bytes:
    """The .docx file bytes of `letter`."""
    from drafter.render.letter import render_docx as _render

    return _render(letter, sentences)


__all__ = ["render_docx"]
