"""Title line breaking (GB/T 9704 7.3.1: 词意完整，排列对称，梯形或菱形).

Breaks fall only between words: a Chinese word segmenter (rjieba, the Rust jieba with jieba's own
dictionary and algorithm) finds the words, and the domain
grammar keeps whole what it would cut or what a title must not split: 第N号, 届次 (第十三届,
十六届), 会议名称 (四次会议), 书名号 and quotation groups 《…》“…”, numbers, organ names that end in
局/委员会/办公室…. Among the whole-word breaks the shape is chosen: 正梯形 (上短下长) first, then 菱形
(longest in the middle); never an inverted 3-line trapezoid; a balanced 2-line break with a short
first line is preferred over a long first line. Line widths use the page's metric
(drafter.render.measure), so the planned line is the line the page holds.
"""

from __future__ import annotations

import re
from functools import lru_cache

from drafter.render import measure as M

# Spans a break never cuts, beyond the segmenter's words. Quoted groups are kept whole only when
# they fit a line (a 《建议标题》 longer than the 版心 must break, at a word inside it).
_QUOTED = [re.compile(r"《[^》]*》"), re.compile(r"“[^”]*”"), re.compile(r"（[^）]*）")]
_WHOLE = [
    re.compile(r"第\s*[0-9０-９一二三四五六七八九十百千零〇]+\s*[号届次条项]"),
    re.compile(r"[0-9A-Za-z.\-]+"),
    # 届次: 第十三届 / 十六届, 四次会议 / 第三次全体会议, and the bodies 人大常委会 / 政协
    re.compile(r"第?[0-9一二三四五六七八九十]+届"),
    re.compile(r"第?[一二三四五六七八九十]+次(全体)?会议"),
    re.compile(r"(人大|政协)(常委会)?"),
    # an organ name before 关于/对: 某某市住房和城乡建设局关于…
    re.compile(r"^[\u4e00-\u9fff]{2,24}?(局|委员会|办公室|办公厅|人民政府|中心|厅)(?=关于|对)"),
]


# Good places to break, with a bonus (higher is better): before 关于 / 对, after 会议, before 的答复 …
_GOOD_BEFORE = (("关于", 3), ("对", 1), ("的答复", 2), ("的协办", 2), ("的会办", 2), ("办理情况", 2), ("答复", 1),
                ("的函", 1))
_GOOD_AFTER = (("会议", 3), ("》", 3), ("建议", 2), ("提案", 2), ("关于", 1), ("，", 3), ("、", 2))
_LOW_AFTER = ("的", "和", "与", "及", "对")   # a line ending in a function word reads badly


def _cut(text: str) -> list[str]:
    # Imported on first use: loading the dictionary takes ≈ 0.15 s and ≈ 20 MB, and only a title
    # that needs breaking pays it. (Python jieba gave the same words on every corpus title but took
    # ≈ 0.8 s and ≈ 75 MB to load its dictionary: bench/bench_segmenter.py.)
    import rjieba

    return rjieba.cut(text, True)   # True: jieba's HMM for words not in the dictionary


def preload() -> None:
    """Load the segmenter and its dictionary now: a batch does it before forking its workers, so
    they share one copy instead of each loading its own."""
    _cut("关于")


def break_points(text: str, keep_quoted: bool = True) -> list[int]:
    """Indices where a line may break: word boundaries outside the protected spans."""
    words = _cut(text)
    points, k = set(), 0
    for wd in words[:-1]:
        k += len(wd)
        points.add(k)
    spans = [m.span() for pattern in _WHOLE for m in pattern.finditer(text)]
    if keep_quoted:
        spans += [m.span() for pattern in _QUOTED for m in pattern.finditer(text)]
    for a, b in spans:
        points.difference_update(range(a + 1, b))
    return sorted(i for i in points if 0 < i < len(text) and M.can_break(text[i - 1], text[i]))


def _bonus(text: str, i: int) -> int:
    head, tail = text[:i], text[i:]
    score = sum(b for w, b in _GOOD_BEFORE if tail.startswith(w))
    score += sum(b for w, b in _GOOD_AFTER if head.endswith(w))
    if head.endswith(_LOW_AFTER) and not head.endswith("关于"):
        score -= 3
    return score


def _shape_rank(widths: list[float]) -> int | None:
    """0 正梯形 (non-decreasing), 1 菱形 (rises then falls, longest inside), 2 two lines, first longer;
    None for shapes 7.3.1 excludes (a 3+ line inverted trapezoid or a zigzag)."""
    tol = 0.5 * 22   # half a character: equal lines count as equal
    n = len(widths)
    if all(b >= a - tol for a, b in zip(widths, widths[1:])):
        return 0
    if n == 2:
        return 2
    peak = max(range(n), key=lambda k: widths[k])
    rising = all(b >= a - tol for a, b in zip(widths[:peak], widths[1:peak + 1]))
    falling = all(b <= a + tol for a, b in zip(widths[peak:], widths[peak + 1:]))
    if rising and falling and 0 < peak < n - 1:
        return 1
    return None


def break_title(text: str, width_pt: float | None = None, size: float | None = None) -> list[str]:
    """Lines of a title for a line `width_pt` wide at `size` pt (default: the 版心 and 2号)."""
    from drafter.render import layout as L

    width_pt = L.TYPE_WIDTH_PT if width_pt is None else width_pt
    size = L.TITLE_SIZE if size is None else size
    text = text.strip()
    if M.width_pt(text, size) <= width_pt:
        return [text]
    return list(_best(text, width_pt, size))


@lru_cache(maxsize=512)
def _best(text: str, width_pt: float, size: float) -> tuple[str, ...]:
    total = M.width_pt(text, size)
    n_min = max(2, -int(-total // width_pt))
    for keep_quoted in (True, False):
        best = _search(text, break_points(text, keep_quoted), n_min, width_pt, size)
        if best is not None:
            return tuple(best)
    return tuple(M.wrap(text, width_pt, width_pt, size))   # no whole-word break fits: wrap as the page


def _search(text: str, points: list[int], n_min: int, width_pt: float, size: float) -> list[str] | None:
    best = None
    width = _widths(text, size)
    for n in range(n_min, n_min + 2):
        for cuts in _fitting_cuts(points, n - 1, len(text), width, width_pt):
            lines = [text[a:b] for a, b in zip((0,) + cuts, cuts + (len(text),))]
            widths = [width(a, b) for a, b in zip((0,) + cuts, cuts + (len(text),))]
            rank = _shape_rank(widths)
            if rank is None:
                continue
            spread = (max(widths) - min(widths)) / size            # in characters
            score = (n - n_min) * 20 + rank * 4 + spread * 0.6 - sum(_bonus(text, c) for c in cuts)
            if best is None or score < best[0]:
                best = (score, lines)
        if best is not None and n == n_min:
            break
    return None if best is None else best[1]


def _widths(text: str, size: float):
    """width(a, b): printed width of text[a:b], memoised (the search asks for the same spans)."""
    memo: dict[tuple[int, int], float] = {}

    def width(a: int, b: int) -> float:
        if (a, b) not in memo:
            memo[(a, b)] = M.width_pt(text[a:b], size)
        return memo[(a, b)]

    return width


# Enough to find the best shape among near-full lines; a bound, so that a title of the longest
# length the schema allows (six lines and more) cannot make the search run for minutes.
MAX_CANDIDATES = 20000


def _fitting_cuts(points: list[int], k: int, end: int, width, width_pt: float):
    """Increasing k-tuples of break points whose every line fits `width_pt`: the search only
    follows cuts whose line fits and whose rest can still fit the lines left."""
    made = 0

    def rec(start: int, idx: int, k: int, prefix: tuple):
        nonlocal made
        if made >= MAX_CANDIDATES:
            return
        if k == 0:
            if width(start, end) <= width_pt:
                made += 1
                yield prefix
            return
        for j in range(idx, len(points) - k + 1):
            cut = points[j]
            if width(start, cut) > width_pt:
                break                          # longer lines only get wider
            if width(cut, end) > k * width_pt:
                continue                       # the rest would not fit the lines left
            yield from rec(cut, j + 1, k - 1, prefix + (cut,))

    yield from rec(0, 0, k, ())
