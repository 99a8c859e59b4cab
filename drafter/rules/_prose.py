"""Helpers shared by the text, heading, addressee, handling, proposal, category and
signature rule families: which draft values are prose, and walking body blocks in the
raw draft data (so that paths point at the exact field)."""

from __future__ import annotations

import re
from typing import Any, Iterator

from drafter.findings import Path
from drafter.model import BLOCKS
from drafter.rules.placeholders import has_placeholder
from drafter.text import plain_text

# Keys whose values are codes, numbers, names of enums or dates, never prose.
NON_PROSE_KEYS = frozenset({
    "$schema", "kind", "layout", "doc_number", "number", "phones", "date", "assigned",
    "category", "handling", "extended", "count", "run_in",
})

# Top-level keys that hold free text written as sentences (plus body blocks).
SENTENCE_KEYS = ("title", "acknowledgement", "closing", "notes")


def text_values(ctx) -> list[tuple[Path, str]]:
    """Every string in the draft that is not a code, number or date (names included), found
    once per draft for all the rules that read prose.

    Values still holding a placeholder are left to TX101: their wording is the scaffold's."""
    return ctx.memo("text_values", lambda: [
        (path, text) for path, text in ctx.strings()
        if not any(isinstance(p, str) and p in NON_PROSE_KEYS for p in path) and not has_placeholder(text)
    ])


def is_sentence_path(path: Path) -> bool:
    """Body paragraphs and headings, the fixed-sentence overrides, notes, proposal.title."""
    if not path:
        return False
    head = path[0]
    if head in BLOCKS or head in SENTENCE_KEYS:
        return True
    return tuple(path[:2]) == ("proposal", "title")


def sentence_values(ctx) -> list[tuple[Path, str]]:
    return ctx.memo("sentence_values", lambda: [(p, t) for p, t in text_values(ctx) if is_sentence_path(p)])


def walk_items(items: Any, path: Path, depth: int = 1) -> Iterator[tuple[Path, Any, int]]:
    """(path, item, depth) for every paragraph (str) and section (dict) of a raw block."""
    if not isinstance(items, list):
        return
    for i, item in enumerate(items):
        here = path + (i,)
        yield here, item, depth
        if isinstance(item, dict):
            yield from walk_items(item.get("body"), here + ("body",), depth + 1)


def body_items(data: Any) -> Iterator[tuple[Path, Any, int]]:
    """walk_items over every body block of the draft, in print order."""
    if not isinstance(data, dict):
        return
    for block in BLOCKS:
        yield from walk_items(data.get(block), (block,))


def block_text(items: Any) -> str:
    """All paragraphs and headings of a raw block joined, bold markup removed."""
    parts = []
    for _, item, _ in walk_items(items, ()):
        if isinstance(item, str):
            parts.append(plain_text(item))
        elif isinstance(item, dict) and isinstance(item.get("heading"), str):
            parts.append(plain_text(item["heading"]))
    return "\n".join(parts)


def get(data: Any, *keys: Any) -> Any:
    """data[k1][k2]... or None when any step is missing."""
    node = data
    for k in keys:
        if isinstance(node, dict):
            node = node.get(k)
        elif isinstance(node, list) and isinstance(k, int) and 0 <= k < len(node):
            node = node[k]
        else:
            return None
    return node


_BOOK_TITLE = re.compile(r"《[^《》]*》")


def without_book_titles(text: str) -> str:
    """`text` with every 《…》 removed (titles quoted in a sentence are not its own words)."""
    return _BOOK_TITLE.sub("", text)


_SPACE = re.compile(r"\s+")
_WIDTH = str.maketrans({"，": ",", "：": ":", "；": ";", "？": "?", "！": "!", "（": "(", "）": ")",
                        "“": '"', "”": '"', "‘": "'", "’": "'"})


def loose(text: str) -> str:
    """For comparing texts: whitespace dropped, half/full-width punctuation made equal."""
    return _SPACE.sub("", text).translate(_WIDTH)
