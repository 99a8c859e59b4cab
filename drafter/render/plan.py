"""A device-independent page plan: where every paragraph of a letter falls.

Every paragraph the renderer writes has an exact line height, so a page holds a known number of
twips and a paragraph's height is its lines × its line height plus its space before and borders.
`paginate` places a list of `Block`s the way Word and LibreOffice do (splittable paragraphs break
between lines; a block kept with the next moves with it). The renderer uses the plan to decide
where the tail (署名, 成文日期, 附注) and the 版记 go, how much room pushes the 版记's last rule onto
the bottom edge of the 版心, and whether a blank page is needed for the 版记 parity. An HTML
preview can call the same functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    """One paragraph as the page sees it (all lengths in twips)."""

    name: str
    lines: int
    line: int
    before: int = 0
    extra: int = 0                    # borders below the text
    keep_next: bool = False           # on the same page as the next block
    keep_lines: bool = False          # never split
    page_break_before: bool = False
    data: dict = field(default_factory=dict)

    @property
    def height(self) -> int:
        return self.before + self.lines * self.line + self.extra


@dataclass
class Placed:
    block: Block
    page: int                         # 0-based
    top: int                          # twips from the 版心 top, of the block's first line box
    bottom: int                       # twips from the top of the page it ends on
    end_page: int
    lines: list[tuple[int, int]] = field(default_factory=list)   # (page, top) of every line box


def _chain_need(blocks: list[Block], i: int) -> int:
    """Height block i needs on its page: itself, and while kept with the next, the next too
    (a splittable last block only needs its first line)."""
    need = 0
    j = i
    while True:
        b = blocks[j]
        last = not b.keep_next or j + 1 >= len(blocks)
        if last and j > i and not b.keep_lines:
            need += b.before + b.line + (b.extra if b.lines == 1 else 0)
        else:
            need += b.height
        if last:
            return need
        j += 1


def _chain_end(blocks: list[Block], i: int) -> int:
    j = i
    while blocks[j].keep_next and j + 1 < len(blocks):
        j += 1
    return j


def paginate(blocks: list[Block], capacity: int) -> list[Placed]:
    """Place `blocks` on pages of `capacity` twips."""
    out: list[Placed] = []
    page, y = 0, 0
    flowing = -1                      # index of the last block of a chain taller than a page
    for i, b in enumerate(blocks):
        if b.page_break_before and (y > 0 or out):
            page, y = page + 1, 0
        if i <= flowing:
            # A chain taller than a page cannot be kept: LibreOffice starts it on a new page,
            # then lets it flow (measured, tests/test_render_layout_sweep.py); only a block kept
            # whole that does not fit moves on.
            if y > 0 and b.keep_lines and y + b.height > capacity:
                page, y = page + 1, 0
        elif y > 0 and (b.keep_next or b.keep_lines):
            need = _chain_need(blocks, i)
            if need > capacity:
                flowing = _chain_end(blocks, i)
            if y + need > capacity:
                page, y = page + 1, 0
        elif y > 0 and y + b.before + b.line + (b.extra if b.lines == 1 else 0) > capacity:
            page, y = page + 1, 0
        y += b.before
        top_page, top = page, y
        lines = []
        for k in range(b.lines):
            if y + b.line > capacity and y > 0:
                page, y = page + 1, 0
                if k == 0:
                    top_page, top = page, 0
            lines.append((page, y))
            y += b.line
        y += b.extra
        out.append(Placed(b, top_page, top, y, page, lines))
    return out


def pages_used(placed: list[Placed]) -> int:
    return (placed[-1].end_page + 1) if placed else 1
