"""Nothing is ever lost, proven under pressure: two writers racing for one new path, kill -9 in
the middle of a render or a --fix, a full disk, read-only files and folders, links.

Writers run in forked copies of this process calling the CLI's main(), which is what a second
`drafter` started at the same moment does, without paying for a fresh interpreter each time."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import random
import resource
import signal
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from cli_support import run_cli
from drafter.drafts import ExistsError, write_atomic

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
WENZHOU, XIAMEN = EXAMPLES / "wenzhou-2019.yaml", EXAMPLES / "xiamen-2025.yaml"
FORK = multiprocessing.get_context("fork")


def _quiet_main(args: list[str]) -> int:
    from drafter.cli import main

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            main(args)
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else 1
    return 0


# -- two writers, one new path ------------------------------------------------------------------


def _race_worker(barrier, args: list[list[str]], out) -> None:
    results = []
    for a in args:
        barrier.wait()
        results.append(_quiet_main(a))
    out.send(results)


def _race(commands: tuple[list[list[str]], list[list[str]]]) -> list[list[int]]:
    """Run the two command lists in two processes, the k-th commands released together."""
    barrier = FORK.Barrier(2)
    pipes, procs = [], []
    for args in commands:
        recv, send = FORK.Pipe(duplex=False)
        p = FORK.Process(target=_race_worker, args=(barrier, args, send))
        p.start()
        pipes.append(recv)
        procs.append(p)
    results = [r.recv() for r in pipes]
    for p in procs:
        p.join(60)
    return results


def _write_one(target: str, data: bytes) -> int:
    try:
        write_atomic(Path(target), data)
    except ExistsError:
        return 2
    return 0


def _claim_worker(barrier, targets: list[str], data: bytes, out) -> None:
    results = []
    for target in targets:
        barrier.wait()
        results.append(_write_one(target, data))
    out.send(results)


def test_two_writers_to_one_new_path_never_both_succeed(tmp_path):
    """300 trials of two processes writing different bytes to the same new path at once."""
    trials = 300
    targets = [str(tmp_path / f"t{k}.bin") for k in range(trials)]
    data = (b"A" * 200_000, b"B" * 200_000)
    barrier = FORK.Barrier(2)
    pipes, procs = [], []
    for d in data:
        recv, send = FORK.Pipe(duplex=False)
        p = FORK.Process(target=_claim_worker, args=(barrier, targets, d, send))
        p.start()
        pipes.append(recv)
        procs.append(p)
    results = [r.recv() for r in pipes]
    for p in procs:
        p.join(60)
    for k in range(trials):
        a, b = results[0][k], results[1][k]
        assert sorted((a, b)) == [0, 2], (k, a, b)  # exactly one wins, never two
        assert Path(targets[k]).read_bytes() == data[0 if a == 0 else 1]  # and it is the winner's, whole
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_two_renders_to_one_new_path_exactly_one_wins(tmp_path):
    """The same through `drafter render`: two different letters, one new path, no --force."""
    trials = 30
    refs = []
    for k, draft in enumerate((WENZHOU, XIAMEN)):
        assert run_cli("render", str(draft), "-o", str(tmp_path / f"ref{k}.docx")).code == 0
        refs.append((tmp_path / f"ref{k}.docx").read_bytes())
    targets = [str(tmp_path / f"t{k}.docx") for k in range(trials)]
    results = _race(tuple([["render", str(d), "-o", t] for t in targets] for d in (WENZHOU, XIAMEN)))
    for k in range(trials):
        a, b = results[0][k], results[1][k]
        assert sorted((a, b)) == [0, 2], (k, a, b)  # the loser gets IO012, exit 2
        assert Path(targets[k]).read_bytes() == refs[0 if a == 0 else 1]


def test_write_atomic_claims_exclusively_across_threads(tmp_path):
    """The same guarantee at the function, with many threads at once."""
    import threading

    target = tmp_path / "one.bin"
    wins, losses = [], []
    start = threading.Barrier(8)

    def writer(k: int) -> None:
        start.wait()
        try:
            write_atomic(target, bytes([k]) * 1000)
            wins.append(k)
        except ExistsError:
            losses.append(k)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(wins) == 1 and len(losses) == 7
    assert target.read_bytes() == bytes([wins[0]]) * 1000


# -- kill -9 at random moments -------------------------------------------------------------------


def _loop_forever(args_cycle: list[list[str]]) -> None:
    k = 0
    while True:
        _quiet_main(args_cycle[k % len(args_cycle)])
        k += 1


def _kill_loop(tmp_path: Path, args_cycle: list[list[str]], target: Path, allowed: set[bytes], kills: int = 15) -> None:
    rnd = random.Random(14)
    for _ in range(kills):
        p = FORK.Process(target=_loop_forever, args=(args_cycle,))
        p.start()
        time.sleep(rnd.uniform(0.01, 0.4))
        os.kill(p.pid, signal.SIGKILL)
        p.join()
        if target.exists():
            assert target.read_bytes() in allowed  # old or new, whole: never half of one


def test_kill_9_during_render_never_leaves_a_partial_letter(tmp_path):
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    assert run_cli("render", str(WENZHOU), "-o", str(a)).code == 0
    assert run_cli("render", str(XIAMEN), "-o", str(b)).code == 0
    target = tmp_path / "out.docx"
    target.write_bytes(a.read_bytes())
    cycle = [["render", str(WENZHOU), "-o", str(target), "--force"], ["render", str(XIAMEN), "-o", str(target), "--force"]]
    _kill_loop(tmp_path, cycle, target, {a.read_bytes(), b.read_bytes()})
    assert target.exists()
    with zipfile.ZipFile(target) as z:
        assert z.testzip() is None


def test_kill_9_during_fix_never_leaves_a_partial_draft(tmp_path):
    original = WENZHOU.read_text(encoding="utf-8")
    broken = original.replace("温市监提〔2019〕99号", "温市监提[2019]99号")
    draft = tmp_path / "w.yaml"
    allowed = {original.encode("utf-8"), broken.encode("utf-8")}

    def cycle_args():
        return [["check", str(draft), "--fix", "--today", "2019-07-01"]]

    rnd = random.Random(13)
    for _ in range(15):
        draft.write_text(broken, encoding="utf-8")
        p = FORK.Process(target=_loop_forever, args=(cycle_args(),))
        p.start()
        time.sleep(rnd.uniform(0.0, 0.3))
        os.kill(p.pid, signal.SIGKILL)
        p.join()
        assert draft.read_bytes() in allowed


# -- full disk -----------------------------------------------------------------------------------


def _render_with_file_limit(target: Path, limit: int, out) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    buf = io.StringIO()
    from drafter.cli import main

    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
        try:
            main(["render", str(WENZHOU), "-o", str(target)])
            code = 0
        except SystemExit as exc:
            code = exc.code
    out.send((code, buf.getvalue()))


def test_file_size_limit_fails_in_one_line_without_a_partial_file(tmp_path):
    """RLIMIT_FSIZE makes every write past 4 KB fail as a full disk would (EFBIG)."""
    target = tmp_path / "out.docx"
    recv, send = FORK.Pipe(duplex=False)
    p = FORK.Process(target=_render_with_file_limit, args=(target, 4096, send))
    p.start()
    code, text = recv.recv()
    p.join()
    assert code == 2, text
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1 and "IO004" in lines[0] and "Traceback" not in text, text
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []  # the temporary file is gone too


@contextlib.contextmanager
def _tmpfs(path: Path, options: str):
    path.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=False)


needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root")


@needs_root
def test_full_disk_fails_in_one_line_without_a_partial_file(tmp_path):
    with _tmpfs(tmp_path / "disk", "size=4k") as disk:
        target = disk / "out.docx"
        result = run_cli("render", str(WENZHOU), "-o", str(target))
        assert result.code == 2
        lines = [line for line in (result.out + result.err).splitlines() if line.strip()]
        assert len(lines) == 1 and "IO004" in lines[0] and "磁盘已满" in lines[0], lines
        assert list(disk.iterdir()) == []


@needs_root
def test_read_only_folder_is_one_line(tmp_path):
    with _tmpfs(tmp_path / "ro", "size=1m,ro") as folder:
        result = run_cli("render", str(WENZHOU), "-o", str(folder / "out.docx"))
        assert result.code == 2
        lines = [line for line in (result.out + result.err).splitlines() if line.strip()]
        assert len(lines) == 1 and "IO004" in lines[0] and "只读" in lines[0], lines


# -- read-only files, links ----------------------------------------------------------------------


def test_fix_does_not_replace_a_read_only_file(tmp_path):
    draft = tmp_path / "w.yaml"
    broken = WENZHOU.read_text(encoding="utf-8").replace("温市监提〔2019〕99号", "温市监提[2019]99号")
    draft.write_text(broken, encoding="utf-8")
    draft.chmod(0o444)
    result = run_cli("check", str(draft), "--fix", "--today", "2019-07-01")
    assert result.code == 2
    line = next(l for l in (result.out + result.err).splitlines() if "IO004" in l)
    assert "只读" in line
    assert draft.read_text(encoding="utf-8") == broken
    assert oct(draft.stat().st_mode & 0o777) == oct(0o444)


def test_force_does_not_replace_a_read_only_letter(tmp_path):
    target = tmp_path / "out.docx"
    target.write_bytes(b"signed")
    target.chmod(0o444)
    result = run_cli("render", str(WENZHOU), "-o", str(target), "--force")
    assert result.code == 2 and "只读" in result.out + result.err
    assert target.read_bytes() == b"signed"


def test_render_to_a_dangling_link_does_not_create_its_target(tmp_path):
    link = tmp_path / "out.docx"
    link.symlink_to(tmp_path / "elsewhere" / "letter.docx")
    for extra in ([], ["--force"]):
        result = run_cli("render", str(WENZHOU), "-o", str(link), *extra)
        text = result.out + result.err
        assert result.code == 2 and "IO004" in text and "Traceback" not in text
    assert not (tmp_path / "elsewhere").exists()
    assert link.is_symlink()


def test_render_to_a_link_loop_is_one_line(tmp_path):
    link = tmp_path / "loop.docx"
    link.symlink_to(link)
    result = run_cli("render", str(WENZHOU), "-o", str(link))
    assert result.code == 2
    lines = [line for line in (result.out + result.err).splitlines() if line.strip()]
    assert len(lines) == 1 and "IO004" in lines[0], lines


def test_link_to_an_existing_file_needs_force_and_writes_through(tmp_path):
    real = tmp_path / "real.docx"
    real.write_bytes(b"old")
    link = tmp_path / "link.docx"
    link.symlink_to(real)
    assert run_cli("render", str(WENZHOU), "-o", str(link)).code == 2
    assert real.read_bytes() == b"old"
    assert run_cli("render", str(WENZHOU), "-o", str(link), "--force").code == 0
    assert link.is_symlink() and zipfile.is_zipfile(real)


def test_folder_is_synced_after_the_rename(tmp_path, monkeypatch):
    """The rename is only durable once the folder itself is fsynced."""
    synced: list[int] = []
    real_fsync = os.fsync

    def spy(fd):
        synced.append(os.fstat(fd).st_mode)
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    write_atomic(tmp_path / "x.bin", b"data")
    import stat

    assert any(stat.S_ISREG(m) for m in synced) and any(stat.S_ISDIR(m) for m in synced)
