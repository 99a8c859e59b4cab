"""Import accuracy on the real-letter corpus (tests/data/import/corpus).

    python bench/import_accuracy.py            # per-field and overall accuracy, misses, look-alikes
    python bench/import_accuracy.py --quiet    # figures only, no per-letter misses
    python bench/import_accuracy.py --json     # the same as one JSON object

Each corpus letter's expected fields were written by hand from reading it; a field counts as
right only when the importer's value equals it after the normalisations listed in the corpus
README (width of punctuation, whitespace, 文号 brackets, dashes in phone numbers). A value
where the letter states none (expected null) is a miss: the importer must not invent one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from import_corpus_support import CORPUS, run, summarise  # noqa: E402


def _show(v) -> str:
    return "null" if v is None else json.dumps(v, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="导入准确率：真实答复函语料逐字段比对")
    ap.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    ap.add_argument("--quiet", action="store_true", help="只打印数字，不列每封函的差异")
    ap.add_argument("--json", action="store_true", help="以 JSON 输出")
    args = ap.parse_args(argv)

    outcomes = run(args.corpus)
    s = summarise(outcomes)
    letters = [o for o in outcomes if o.case.doc_kind != "refuse"]
    looks = [o for o in outcomes if o.case.doc_kind == "refuse"]

    if args.json:
        print(json.dumps({
            "accuracy": round(s.accuracy, 4),
            "right": s.right,
            "checked": s.checked,
            "per_field": {f: {"right": r, "checked": n} for f, (r, n) in s.per_field.items()},
            "letters": s.letters,
            "letters_accepted": s.letters_accepted,
            "lookalikes": s.lookalikes,
            "lookalikes_refused": s.lookalikes_refused,
            "crashes": s.crashes,
            "misses": {o.case.stem: [{"field": m.field, "expected": m.expected, "got": m.got} for m in o.misses]
                       for o in letters if o.misses},
            "refused_letters": {o.case.stem: o.refused for o in letters if o.refused},
            "accepted_lookalikes": [o.case.stem for o in looks if o.accepted],
            "by_kind": {k: {"right": sum(len(o.checked) - len(o.misses) for o in letters
                                         if f"{o.case.meta['kind']} {o.case.doc_kind}" == k),
                            "checked": sum(len(o.checked) for o in letters
                                           if f"{o.case.meta['kind']} {o.case.doc_kind}" == k)}
                        for k in sorted({f"{o.case.meta['kind']} {o.case.doc_kind}" for o in letters})},
        }, ensure_ascii=False, indent=2))
        return 0

    kinds = Counter((o.case.meta["kind"], o.case.doc_kind) for o in outcomes)
    provinces = {o.case.meta["province"] for o in letters}
    print(f"语料：{s.letters} 封答复（{len(provinces)} 个省级地区），{s.lookalikes} 份应拒绝的相似文件；"
          + "，".join(f"{k}/{d} {n}" for (k, d), n in sorted(kinds.items())))
    print()
    print(f"{'字段':<22}{'正确':>6}{'检查':>6}{'准确率':>9}")
    for f, (r, n) in s.per_field.items():
        print(f"{f:<22}{r:>6}{n:>6}{r / n:>9.1%}")
    print(f"{'合计':<22}{s.right:>6}{s.checked:>6}{s.accuracy:>9.1%}")
    print()
    # the same figure split by letter kind, to see where the misses gather
    groups: dict[str, list[int]] = {}
    for o in letters:
        g = groups.setdefault(f"{o.case.meta['kind']} {o.case.doc_kind}", [0, 0, 0])
        g[0] += len(o.checked) - len(o.misses)
        g[1] += len(o.checked)
        g[2] += 1
    print("  ".join(f"{k}：{r}/{n}（{c} 封，{r / n:.1%}）" for k, (r, n, c) in sorted(groups.items()) if n))
    print()
    print(f"答复函接受 {s.letters_accepted}/{s.letters}；相似文件拒绝 {s.lookalikes_refused}/{s.lookalikes}；"
          f"崩溃 {s.crashes}")

    for o in outcomes:
        if o.error:
            print(f"\n{o.case.stem}: 导入崩溃\n{o.error.rstrip()}")
    for o in letters:
        if o.refused:
            print(f"\n{o.case.stem}: 答复函被拒绝：{o.refused}")
    for o in looks:
        if o.accepted:
            print(f"\n{o.case.stem}: 相似文件被接受（应拒绝：{o.case.meta.get('reason')}）")
    if not args.quiet:
        for o in letters:
            if o.misses and not o.refused:
                print(f"\n{o.case.stem}（{len(o.misses)}/{len(o.checked)} 项不对）")
                for m in o.misses:
                    print(f"  {m.field}: 应为 {_show(m.expected)}，得到 {_show(m.got)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
