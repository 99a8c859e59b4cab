"""GB/T 9704-2012 layout of a reply letter as .docx (and PDF through LibreOffice)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from drafter.model import Letter
    from drafter.sentences import Sentences


def render_docx(letter: "Letter", sentences: "Sentences", options=None) -> bytes:
    """The .docx file bytes of `letter`; `options` a drafter.render.compose.RenderOptions
    (drafter.toml [render]), defaults when None."""
    from drafter.render.letter import render_docx as _render

    return _render(letter, sentences, options)


__all__ = ["render_docx"]
