"""Time and peak memory of drafter on each hostile file (printed, nothing asserted).

    python bench/bench_hostile.py            # every file of tests/hostile_files.py, the full 1.5 GB bomb included
    python bench/bench_hostile.py --quick    # without the two slow ones (bomb, 31 MB text)

Each file is built in a temporary folder, then `drafter import FILE -o out.yaml` (and `drafter
check FILE` for Word files) runs in a fresh process; the process reports the wall time of the
command itself (interpreter start excluded) and its peak resident memory (ru_maxrss), and the
first line it printed. One row per file and command.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hostile_files import HOSTILE  # noqa: E402  (light: only the list of builders is used here)

_CHILD = r"""
import contextlib, io, json, resource, sys, time
from drafter.cli import main
args = json.loads(sys.argv[1])
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
out = io.StringIO()
start = time.perf_counter()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = exc.code
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
lines = [l for l in out.getvalue().splitlines() if l.strip()]
print(json.dumps({"code": code, "seconds": seconds, "peak_mb": peak / 1024, "start_mb": base / 1024,
                  "first": lines[0] if lines else ""}, ensure_ascii=False))
"""


def run(args: list[str]) -> dict:
    done = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)
    if done.returncode != 0:
        return {"code": done.returncode, "seconds": float("nan"), "peak_mb": float("nan"), "start_mb": 0,
                "first": (done.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def build(builder: str, folder: Path) -> Path:
    """Build one file in a separate process, so that this one stays small: a child's ru_maxrss
    starts from the size of the process it was forked from."""
    code = (f"import sys; sys.path.insert(0, {str(ROOT / 'tests')!r}); import hostile_files as h; "
            f"from pathlib import Path; print(h.{builder}(Path({str(folder)!r})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return Path(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the slow files (1.5 GB bomb, 31 MB text)")
    opts = parser.parse_args()
    print(f"{'file':24} {'command':7} {'exit':>4} {'seconds':>8} {'peak MB':>8}  first line")
    with tempfile.TemporaryDirectory(prefix="drafter-hostile-") as tmp:
        folder = Path(tmp)
        for h in HOSTILE:
            if opts.quick and h.slow:
                continue
            source = build(h.build.__name__, folder)
            size = source.stat().st_size
            commands = [("import", ["import", str(source), "-o", str(folder / "out.yaml"), "--force"])]
            if source.suffix == ".docx":
                commands.append(("check", ["check", str(source)]))
            for label, args in commands:
                r = run(args)
                first = r["first"].replace(str(folder) + "/", "")
                print(f"{source.name:24} {label:7} {r['code']:>4} {r['seconds']:8.2f} {r['peak_mb']:8.1f}  "
                      f"{first[:90]}  [{size / 1024:.0f} KB on disk]")
            source.unlink()


if __name__ == "__main__":
    main()
