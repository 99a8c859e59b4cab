"""Render speed: drafter against itself (warm and cold) and against a docxtpl template.

    python bench/bench_render.py [EXAMPLE.yaml] [-n 200] [--cold 5]

1. warm: one process renders the letter N times (fresh Sentences each time, so the Jinja
   sentence templates are rendered every time too) and writes nothing to disk;
2. cold: `python -m drafter render EXAMPLE -o TMP --force` in a new process, several times;
3. docxtpl: a Word template with the same content and Jinja tags (built here with
   python-docx: same page, fonts, sizes, colours, footer page field), rendered N times with
   docxtpl and saved to memory — the usual "template + render + save" per letter.

Prints milliseconds per letter, the ratio, and the cold start in seconds. Needs
`pip install -e .[bench]` (docxtpl).
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.drafts import load_draft  # noqa: E402
from drafter.model import Letter  # noqa: E402
from drafter.sentences import Sentences  # noqa: E402

DEFAULT_EXAMPLE = ROOT / "examples" / "wenzhou-2019.yaml"


def load(path: Path) -> Letter:
    draft, findings = load_draft(path)
    if draft is None:
        sys.exit(f"{path}: 草稿无法读取：{findings}")
    return Letter.from_data(draft.data)


def timed(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


# -- drafter -----------------------------------------------------------------------------


def bench_warm(letter: Letter, n: int) -> tuple[list[float], int]:
    from drafter.render import render_docx

    size = len(render_docx(letter, Sentences(letter)))   # first render builds the cached parts
    return timed(lambda: render_docx(letter, Sentences(letter)), n), size


# Load and render only, no CLI (typer) and no check pass: the renderer's share of a cold start.
_RENDER_ONLY = """
import sys
from pathlib import Path
from drafter.drafts import load_draft
from drafter.model import Letter
from drafter.render import render_docx
from drafter.sentences import Sentences
draft, _ = load_draft(Path(sys.argv[1]))
letter = Letter.from_data(draft.data)
Path(sys.argv[2]).write_bytes(render_docx(letter, Sentences(letter)))
"""


def bench_cold(example: Path, runs: int, cli: bool = True) -> list[float]:
    out = []
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        target = Path(tmp) / "out.docx"
        for _ in range(runs):
            target.unlink(missing_ok=True)
            if cli:
                cmd = [sys.executable, "-m", "drafter", "render", str(example), "-o", str(target), "--force"]
            else:
                cmd = [sys.executable, "-c", _RENDER_ONLY, str(example), str(target)]
            t = time.perf_counter()
            proc = subprocess.run(cmd, cwd=ROOT, capture_output=True)
            out.append(time.perf_counter() - t)
            if proc.returncode != 0 or not target.is_file():
                sys.exit("drafter render 失败：" + proc.stderr.decode("utf-8", "replace"))
    return out


def bench_cold_python(runs: int) -> list[float]:
    return timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), runs)


# -- docxtpl -----------------------------------------------------------------------------


def build_template(path: Path) -> None:
    """A GB/T 9704-like Word template with Jinja tags, made with python-docx (no Word needed)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    d = docx.Document()
    s = d.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)

    def font(run, east_asia: str, size: float, bold: bool = False, color: str | None = None):
        run.font.name = "Times New Roman"
        run.font.size = Pt(size)
        run.font.bold = bold or None
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)
        if color:
            run.font.color.rgb = RGBColor.from_string(color)

    def para(text: str, east_asia: str = "仿宋", size: float = 16, align=None, indent: bool = False,
             color: str | None = None):
        p = d.add_paragraph()
        pf = p.paragraph_format
        pf.line_spacing, pf.space_before, pf.space_after = Pt(28.95), Pt(0), Pt(0)
        if indent:
            pf.first_line_indent = Pt(31.5)
        if align is not None:
            p.alignment = align
        if text:
            font(p.add_run(text), east_asia, size, color=color)
        return p

    for p in list(d.paragraphs):
        p._element.getparent().remove(p._element)
    para("{{ mark }}", "方正小标宋简体", 36, WD_ALIGN_PARAGRAPH.CENTER, color="FF0000")
    para("{{ doc_number }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    para("{{ title }}", "方正小标宋简体", 22, WD_ALIGN_PARAGRAPH.CENTER)
    para("{{ salutation }}")
    para("{{ acknowledgement }}", indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    para("{%p for bp in paragraphs %}")
    p = para("", indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    font(p.add_run("{{ bp.heading }}"), "黑体", 16)
    font(p.add_run("{{ bp.text }}"), "仿宋", 16)
    para("{%p endfor %}")
    para("{{ closing }}", indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    para("{{ organ }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    para("{{ date }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    para("{%p for line in notes %}")
    para("{{ line }}", indent=True)
    para("{%p endfor %}")
    para("{{ copy_line }}", size=14)
    para("{{ printing }}", size=14)

    fp = s.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    font(fp.add_run("\u2014 "), "宋体", 14)
    for kind in ("begin", None, "separate", "end"):
        r = fp.add_run()
        font(r, "宋体", 14)
        if kind is None:
            instr = OxmlElement("w:instrText")
            instr.text = " PAGE "
            r._element.append(instr)
        else:
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), kind)
            r._element.append(fc)
    font(fp.add_run(" \u2014"), "宋体", 14)
    d.save(path)


def context(letter: Letter) -> dict:
    from drafter.text import plain_text

    s = Sentences(letter)
    return {
        "mark": letter.mark, "doc_number": letter.doc_number, "title": s.title(),
        "salutation": s.salutation(), "acknowledgement": s.acknowledgement(),
        "paragraphs": [{"heading": (bp.heading.marker + bp.heading.text) if bp.heading else "",
                        "text": plain_text(bp.text or "")} for bp in letter.paragraphs()],
        "closing": s.closing(), "organ": letter.signature.organ, "date": s.signature_date(),
        "notes": s.notes(), "copy_line": s.copy_line() or "",
        "printing": (letter.printing.organ + "  " + s.printing_date()) if letter.printing else "",
    }


def bench_docxtpl(letter: Letter, n: int, tmp: Path) -> tuple[list[float], int]:
    from docxtpl import DocxTemplate

    template = tmp / "template.docx"
    build_template(template)
    tpl = DocxTemplate(str(template))

    def once() -> bytes:
        tpl.render(context(letter))           # reloads the template from disk after the first render
        buf = io.BytesIO()
        tpl.save(buf)
        return buf.getvalue()

    size = len(once())
    return timed(once, n), size


# -- report ------------------------------------------------------------------------------


def ms(xs: list[float]) -> str:
    return f"mean {statistics.mean(xs) * 1000:.1f} ms, median {statistics.median(xs) * 1000:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("example", nargs="?", type=Path, default=DEFAULT_EXAMPLE)
    ap.add_argument("-n", type=int, default=200, help="renders per loop (default 200)")
    ap.add_argument("--cold", type=int, default=5, help="cold-start runs (default 5)")
    args = ap.parse_args(argv)
    letter = load(args.example)
    print(f"example: {args.example.relative_to(ROOT) if args.example.is_relative_to(ROOT) else args.example}, "
          f"{len(letter.paragraphs())} body paragraphs, n={args.n}")

    warm, size = bench_warm(letter, args.n)
    print(f"drafter warm   : {ms(warm)} per letter ({size} bytes)")
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        try:
            tpl, tsize = bench_docxtpl(letter, args.n, Path(tmp))
        except ImportError:
            tpl = None
            print("docxtpl        : not installed (pip install -e .[bench])")
        else:
            print(f"docxtpl        : {ms(tpl)} per letter ({tsize} bytes)")
            ratio = statistics.mean(tpl) / statistics.mean(warm)
            print(f"speed-up       : {ratio:.1f}x (docxtpl mean / drafter mean; aim >= 3x)")
    if args.cold:
        cold = bench_cold(args.example, args.cold)
        print(f"drafter cold   : min {min(cold):.2f} s, median {statistics.median(cold):.2f} s over {args.cold} "
              f"runs (python -m drafter render …; aim < 0.6 s)")
        bare = bench_cold(args.example, args.cold, cli=False)
        idle = bench_cold_python(args.cold)
        print(f"  of which     : load + render without the CLI min {min(bare):.2f} s; "
              f"bare `python -c pass` min {min(idle):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
