"""Batch speed and memory through the command, as a clerk runs it. Prints figures, asserts nothing.

    python bench/bench_batch.py                    # everything, default sizes
    python bench/bench_batch.py --only cold,check  # some parts
    python bench/bench_batch.py --profile          # also cProfile of checking in one process

Parts:
  load     in one process: the fast loader, the ruamel round trip (--fix only now) and the
           compiled schema on each example, CPU ms
  cold     `drafter check one.yaml` in a new process, several runs (min, median; CPU too)
  check    `drafter check 文件夹/` over N drafts (default 1,000): ms a draft
  render   `drafter render 文件夹/ -o out/` over N drafts (default 200; load + check + render +
           write), with -j 1 and with the default -j, against docxtpl rendering the same letter
           N times in one process (template built by bench_render.py)
  memory   peak memory of `drafter render` over N drafts (default 1,000): the largest process,
           and the whole process tree (workers included, PSS) sampled every 20 ms
The drafts are copies of the examples (each a valid letter), in a folder with a Chinese name.
Child processes run without PYTHONDONTWRITEBYTECODE and after one warm-up run, so imports come
from .pyc files as they do for an installed drafter.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
DRAFTER = [sys.executable, "-m", "drafter"]


def make_folder(base: Path, n: int) -> Path:
    """n drafts (the examples in turn) in base/答复函草稿/, only those that check clean."""
    from drafter.api import Workspace

    ws = Workspace(profile=None)
    clean = [p for p in EXAMPLES if ws.open(p).ok]
    folder = base / "答复函草稿"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        src = clean[i % len(clean)]
        shutil.copyfile(src, folder / f"{i:04d}-{src.stem}.yaml")
    return folder


def run(cmd: list[str], cwd: Path) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall seconds, CPU seconds of the child and its children, result)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc


def ok(proc: subprocess.CompletedProcess, what: str) -> None:
    if proc.returncode not in (0,):
        sys.exit(f"{what} 失败（退出码 {proc.returncode}）：{proc.stderr.decode('utf-8', 'replace')[-800:]}")


def supports_jobs() -> bool:
    out = subprocess.run(DRAFTER + ["render", "--help"], env=ENV, capture_output=True, text=True).stdout
    return "--jobs" in out or " -j" in out


# -- parts ------------------------------------------------------------------------------------


def bench_cold(runs: int) -> None:
    example = EXAMPLES[0]
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        one = Path(tmp) / "one.yaml"
        shutil.copyfile(example, one)
        run(DRAFTER + ["check", str(one)], Path(tmp))  # warm-up: .pyc files, disk cache
        walls, cpus = [], []
        for _ in range(runs):
            wall, cpu, proc = run(DRAFTER + ["check", str(one)], Path(tmp))
            ok(proc, "drafter check")
            walls.append(wall)
            cpus.append(cpu)
        empty = [run([sys.executable, "-c", "pass"], Path(tmp))[0] for _ in range(runs)]
    print(f"cold  drafter check one.yaml ({example.name}), {runs} runs: "
          f"wall min {min(walls):.3f} s, median {statistics.median(walls):.3f} s; "
          f"CPU min {min(cpus):.3f} s, median {statistics.median(cpus):.3f} s "
          f"(python -c pass: {min(empty):.3f} s)")


def bench_check(n: int) -> None:
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        folder = make_folder(Path(tmp), n)
        run(DRAFTER + ["check", str(next(folder.glob("*.yaml")))], Path(tmp))  # warm-up start
        wall, cpu, proc = run(DRAFTER + ["check", str(folder)], Path(tmp))
        ok(proc, "drafter check")
    print(f"check drafter check 文件夹/ of {n} drafts: {wall:.2f} s wall, {cpu:.2f} s CPU — "
          f"{1000 * wall / n:.2f} ms a draft (wall), {1000 * cpu / n:.2f} ms (CPU)")


def bench_render(n: int) -> None:
    from bench_render import bench_docxtpl, load

    jobs = [["-j", "1"], []] if supports_jobs() else [[]]
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        base = Path(tmp)
        folder = make_folder(base, n)
        letter = load(EXAMPLES[0])
        c = time.process_time()
        tpl_times, _ = bench_docxtpl(letter, n, base)
        docxtpl_cpu = time.process_time() - c  # includes building the template once
        docxtpl_total = sum(tpl_times)
        print(f"render docxtpl, the same letter {n} times in one process: {docxtpl_total:.2f} s wall "
              f"({1000 * docxtpl_total / n:.1f} ms a letter), {docxtpl_cpu:.2f} s CPU")
        for extra in jobs:
            out = base / ("out" + "".join(extra))
            run(DRAFTER + ["check", str(next(folder.glob("*.yaml")))], base)  # warm-up start
            wall, cpu, proc = run(DRAFTER + ["render", str(folder), "-o", str(out), "--force"] + extra, base)
            ok(proc, "drafter render")
            made = len(list(out.glob("*.docx")))
            label = " ".join(extra) or "(default -j)" if jobs != [[]] else ""
            print(f"render drafter render 文件夹/ {label}: {n} drafts → {made} .docx in {wall:.2f} s wall, "
                  f"{cpu:.2f} s CPU ({1000 * wall / n:.1f} ms a letter); docxtpl / drafter = "
                  f"{docxtpl_total / wall:.1f}× wall, {docxtpl_cpu / cpu:.1f}× CPU")


def _tree_memory(pid: int) -> tuple[int, int, int]:
    """(summed RSS, summed PSS, largest single RSS) in bytes of a process and all its
    descendants, from /proc. PSS splits pages
    shared between processes (forked workers share the parent's loaded pipeline), so the sum of
    PSS is what the tree really takes; the sum of RSS counts shared pages once per process."""
    rss = pss = largest = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        one = int(line.split()[1]) * 1024
                        rss += one
                        largest = max(largest, one)
            try:
                with open(f"/proc/{p}/smaps_rollup") as fh:
                    for line in fh:
                        if line.startswith("Pss:"):
                            pss += int(line.split()[1]) * 1024
            except OSError:
                pass
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return rss, pss, largest


def bench_memory(n: int) -> None:
    jobs = [["-j", "1"], []] if supports_jobs() else [[]]
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        base = Path(tmp)
        folder = make_folder(base, n)
        for extra in jobs:
            out = base / ("out" + "".join(extra))
            proc = subprocess.Popen(DRAFTER + ["render", str(folder), "-o", str(out), "--force"] + extra,
                                    cwd=base, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            peak = [0, 0, 0]

            def sample():
                while proc.poll() is None:
                    for k, v in enumerate(_tree_memory(proc.pid)):
                        peak[k] = max(peak[k], v)
                    time.sleep(0.02)

            sampler = threading.Thread(target=sample)
            sampler.start()
            _, err = proc.communicate()
            sampler.join()
            if proc.returncode != 0:
                sys.exit("drafter render 失败：" + err.decode("utf-8", "replace")[-800:])
            label = " ".join(extra) or "(default -j)" if jobs != [[]] else ""
            print(f"memory drafter render of {n} drafts {label}: largest single process "
                  f"{peak[2] / 2**20:.0f} MB RSS; whole process tree at its peak: {peak[1] / 2**20:.0f} MB PSS "
                  f"({peak[0] / 2**20:.0f} MB summed RSS, shared pages counted per process)")


def bench_load(runs: int = 100) -> None:
    """In one process, CPU time: the fast loader, the ruamel round trip it replaced (now only for
    --fix), and the compiled schema, on each example."""
    from drafter import schema
    from drafter.drafts import loads_draft
    from drafter.rewrite import load_roundtrip

    for ex in EXAMPLES:
        raw = ex.read_bytes()
        draft, _ = loads_draft(raw, "yaml", ex.name)
        c = time.process_time()
        for _ in range(runs):
            loads_draft(raw, "yaml", ex.name)
        fast = (time.process_time() - c) / runs
        c = time.process_time()
        for _ in range(max(1, runs // 5)):
            load_roundtrip(draft.text)
        rt = (time.process_time() - c) / max(1, runs // 5)
        c = time.process_time()
        for _ in range(runs):
            schema.validate(draft)
        sv = (time.process_time() - c) / runs
        print(f"load  {ex.name:24s} {len(raw) / 1024:5.1f} KB: fast loader {1000 * fast:.2f} ms, "
              f"ruamel round trip {1000 * rt:.1f} ms ({rt / fast:.0f}×), compiled schema {1000 * sv:.3f} ms (CPU)")


def profile_check(n: int) -> None:
    """cProfile of checking n drafts in one process (load, schema, rules), top functions."""
    import cProfile
    import pstats

    from drafter.api import Workspace

    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        folder = make_folder(Path(tmp), n)
        paths = sorted(folder.glob("*.yaml"))
        ws = Workspace(profile=None)
        ws.open(paths[0]).findings  # imports and one-time set-up outside the profile
        t = time.perf_counter()
        prof = cProfile.Profile()
        prof.enable()
        for p in paths:
            ws.open(p).findings
        prof.disable()
        elapsed = time.perf_counter() - t
    print(f"profile: {n} drafts checked in one process in {elapsed:.2f} s under cProfile "
          f"({1000 * elapsed / n:.2f} ms a draft with profiling overhead)")
    pstats.Stats(prof).sort_stats("cumulative").print_stats(25)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="load,cold,check,render,memory")
    ap.add_argument("--cold-runs", type=int, default=10)
    ap.add_argument("--check-n", type=int, default=1000)
    ap.add_argument("--render-n", type=int, default=200)
    ap.add_argument("--memory-n", type=int, default=1000)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    parts = set(args.only.split(","))
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]}")
    if "load" in parts:
        bench_load()
    if "cold" in parts:
        bench_cold(args.cold_runs)
    if "check" in parts:
        bench_check(args.check_n)
    if "render" in parts:
        bench_render(args.render_n)
    if "memory" in parts:
        bench_memory(args.memory_n)
    if args.profile:
        profile_check(200)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
