"""The title segmenter: rjieba (what drafter uses) against Python jieba. Prints figures, asserts nothing.

    python bench/bench_segmenter.py

  load    each segmenter's import + dictionary in a new process: wall, CPU, and the memory it adds
  parity  on titles built from the import corpus (tests/data/import/corpus: the real letters'
          titles, and 答复 titles made from their 建议/提案 titles, sessions, numbers and organs),
          how many are cut into different words, and how many break_title lays out differently
Needs the bench extra (`pip install -e ".[bench]"`) for jieba.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "tests" / "data" / "import" / "corpus"

LOAD = {
    "rjieba": "import rjieba; rjieba.cut('关于', True)",
    "jieba": "import logging, jieba; jieba.setLogLevel(logging.ERROR); jieba.initialize()",
}
MEASURE = """
import resource, time
def rss():
    with open('/proc/self/status') as f:
        return next(int(l.split()[1]) for l in f if l.startswith('VmRSS')) / 1024
before, t, c = rss(), time.perf_counter(), time.process_time()
{load}
print(time.perf_counter() - t, time.process_time() - c, rss() - before)
"""


def titles() -> list[str]:
    """Titles as letters print them, from the corpus's hand-written expected fields and texts."""
    found: set[str] = set()
    for expected in sorted(CORPUS.glob("*.expected.yaml")):
        doc = yaml.safe_load(expected.read_text(encoding="utf-8"))
        fields = doc.get("fields") or {}
        word = "建议" if doc.get("kind") == "npc" else "提案"
        body = "人大" if doc.get("kind") == "npc" else "政协"
        number = fields.get("proposal.number") or "12"
        organ = fields.get("organ") or "某某局"
        title = fields.get("proposal.title")
        if title:
            found.add(f"关于市十六届{body}五次会议第{number}号{word}的答复")
            found.add(f"{organ}关于市{body}十三届三次会议第{number}号《{title}》的答复")
            found.add(f"对{title}的{word}办理情况的答复")
        text = expected.with_name(expected.name.replace(".expected.yaml", ".txt"))
        if text.exists():
            for line in text.read_text(encoding="utf-8").splitlines()[:15]:
                line = line.strip()
                if 12 < len(line) < 90 and line.startswith(("关于", "对")) and "答复" in line[-8:]:
                    found.add(line)
    return sorted(found)


def load_figures() -> None:
    for name, code in LOAD.items():
        runs = []
        for _ in range(5):
            out = subprocess.run([sys.executable, "-c", MEASURE.format(load=code)], capture_output=True,
                                 text=True, check=True).stdout.split()
            runs.append(tuple(float(x) for x in out))
        wall, cpu, mem = (sorted(r[k] for r in runs)[len(runs) // 2] for k in range(3))
        print(f"load   {name:7s} median of 5 new processes: {wall:.3f} s wall, {cpu:.3f} s CPU, +{mem:.0f} MB RSS")


def parity() -> None:
    import logging

    import jieba
    import rjieba

    from drafter.render import title as T

    jieba.setLogLevel(logging.ERROR)
    items = titles()
    words_differ = [t for t in items if jieba.lcut(t, HMM=True) != rjieba.cut(t, True)]
    ours = [tuple(T.break_title(t)) for t in items]

    original = T._cut
    T._cut = lambda text: jieba.lcut(text, HMM=True)
    T._best.cache_clear()
    try:
        theirs = [tuple(T.break_title(t)) for t in items]
    finally:
        T._cut = original
        T._best.cache_clear()
    layout_differs = [(a, b) for a, b in zip(ours, theirs) if a != b]
    broken = sum(1 for lines in ours if len(lines) > 1)
    print(f"parity {len(items)} titles from the corpus ({broken} need more than one line): "
          f"words differ on {len(words_differ)}, title lines differ on {len(layout_differs)}")
    for a, b in layout_differs[:10]:
        print(f"       rjieba {'|'.join(a)}\n       jieba  {'|'.join(b)}")


if __name__ == "__main__":
    load_figures()
    parity()
