"""Property-based robustness: drafts shaped by the schema, mutations of the examples and broken
YAML text go through `drafter check` in-process. For each: exit 0, 1 or 2, never a traceback,
never a hang; every output line is printable in UTF-8; and a draft that passes `check` renders,
and the .docx reopens and `check` reads it without failing.

Normal run: a few hundred cases. `--hypothesis-profile=long`: ≥ 10,000 (see robustness_stats)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings

from drafter.cli import main
from generated_drafts import mutated_drafts, schema_drafts, yaml_text_mutations
from robustness_stats import FIGURES

# A hang guard, not a speed test: 60 s of wall time (the machine may be shared). The figures
# count cases over 10 s of CPU time, which load on the machine does not change.
HANG_SECONDS = 60
WORK = Path(tempfile.mkdtemp(prefix="drafter-generated-"))  # hypothesis reuses one folder, not tmp_path
RULES_OFF = WORK / "rules-off"
RULES_OFF.mkdir()
# Schema-made drafts are checked with the rules off: what the schema and the budgets pass must
# render, whatever the rules would have said.
(RULES_OFF / "drafter.toml").write_text('[check]\nignore = ["ALL"]\n', encoding="utf-8")


@pytest.fixture(scope="module", autouse=True)
def warm_pipeline():
    """One check, render and re-check before the first case: the one-time imports and the word
    segmenter's dictionary load are not a case's time."""
    example = Path(__file__).resolve().parents[1] / "examples" / "wenzhou-2019.yaml"
    (WORK / "warm.yaml").write_bytes(example.read_bytes())
    run(["check", "warm.yaml"], WORK)
    run(["render", "warm.yaml", "-o", "warm.docx", "--force"], WORK)
    run(["check", "warm.docx"], WORK)
    run(["import", "warm.docx", "-o", "warm-back.yaml", "--force"], WORK)


class Hang(BaseException):
    """Raised by the watchdog; a BaseException so no `except Exception` in drafter swallows it."""


@contextlib.contextmanager
def watchdog(seconds: int):
    def on_alarm(signum, frame):
        raise Hang(f"no answer after {seconds} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def run(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """The CLI in-process, writing to strict UTF-8 streams as a terminal would."""
    out_b, err_b = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_b, encoding="utf-8", errors="strict", write_through=True)
    err = io.TextIOWrapper(err_b, encoding="utf-8", errors="strict", write_through=True)
    old = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(args)
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            out.flush()
            err.flush()
    finally:
        os.chdir(old)
    return code, out_b.getvalue().decode("utf-8"), err_b.getvalue().decode("utf-8")


def _assert_clean_output(code: int, out: str, err: str) -> None:
    text = out + err
    assert code in (0, 1, 2), (code, text[-2000:])
    assert "Traceback" not in text and "╭" not in text, text[-2000:]


class Case(tuple):
    """(file name, bytes) with a short repr: hypothesis prints failing cases, and a 2 MB draft
    printed whole helps nobody. The failing bytes are kept in WORK/<name> for reproduction."""

    def __repr__(self) -> str:
        import hashlib

        name, raw = self
        return f"Case({name!r}, {len(raw)} bytes, sha1 {hashlib.sha1(raw).hexdigest()[:12]}, head {raw[:160]!r})"


def _recheck_every() -> int:
    """Every rendered letter is reopened; the normal run also re-checks each one, the long
    profile (≥ 10,000 cases) one in ten, which is where its time would otherwise go."""
    return 10 if settings.default.max_examples >= 1000 else 1


def exercise(strategy: str, name: str, raw: bytes, cwd: Path) -> None:
    draft = cwd / name
    draft.write_bytes(raw)
    target = cwd / "out.docx"
    target.unlink(missing_ok=True)
    started = time.process_time()
    rendered = False
    with watchdog(HANG_SECONDS):
        code, out, err = run(["check", name], cwd)
        _assert_clean_output(code, out, err)
        if code == 0:
            r_code, r_out, r_err = run(["render", name, "-o", "out.docx"], cwd)
            assert r_code == 0, ("check passed but render failed", r_out + r_err)
            with zipfile.ZipFile(target) as z:
                assert z.testzip() is None
            rendered = True
            if FIGURES.rendered[strategy] % _recheck_every() == 0:
                d_code, d_out, d_err = run(["check", "out.docx", "--format", "json"], cwd)
                _assert_clean_output(d_code, d_out, d_err)
                findings = json.loads(d_out)["findings"]
                assert d_code in (0, 1), d_out + d_err  # the letter drafter wrote is readable
                layout_errors = [f for f in findings if f["code"].startswith("GB") and f["severity"] == "error"]
                assert not layout_errors, layout_errors
                FIGURES.rechecked[strategy] += 1
    FIGURES.record(strategy, code, time.process_time() - started, rendered)


def _share(fraction: float):
    """This test's part of the profile's examples (renders cost more than refusals)."""
    return settings(max_examples=max(10, int(settings.default.max_examples * fraction)))


@_share(0.6)
@given(schema_drafts().map(Case))
def test_schema_shaped_drafts(case):
    exercise("schema", *case, cwd=RULES_OFF)


@_share(1.5)
@given(mutated_drafts().map(Case))
def test_mutated_examples(case):
    exercise("mutated", *case, cwd=WORK)


@_share(1.0)
@given(yaml_text_mutations().map(Case))
def test_broken_yaml_text(case):
    exercise("yaml-text", *case, cwd=WORK)


@_share(0.9)
@given(mutated_drafts().map(Case))
def test_mutated_examples_rules_off(case):
    """Mutations with the rules off: more of them pass check, so more reach render."""
    exercise("mutated-rules-off", *case, cwd=RULES_OFF)
