"""An office's own templates are code it wrote: every way one can fail is one TPL001 line from
`check` as well as `render`, and a template is read only from a regular file inside its folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cli_support import run_cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "wenzhou-2019.yaml"


def _office(tmp_path: Path) -> Path:
    """A working folder with drafter.toml pointing at tpl/ and a draft that uses every template."""
    (tmp_path / "tpl").mkdir()
    (tmp_path / "drafter.toml").write_text('[templates]\ndir = "tpl"\n', encoding="utf-8")
    text = EXAMPLE.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if not line.startswith(("closing:", "title:", "acknowledgement:"))]
    (tmp_path / "w.yaml").write_text("\n".join(kept) + "\n", encoding="utf-8")
    return tmp_path / "tpl"


def _both_refuse(tmp_path: Path, *words: str) -> None:
    for args in (["check", "w.yaml", "--today", "2019-07-01"], ["render", "w.yaml", "-o", "w.docx"]):
        result = run_cli(*args, cwd=tmp_path)
        text = result.out + result.err
        assert "Traceback" not in text and "╭" not in text, text
        assert result.code == 2, (args, text)
        lines = [line for line in text.splitlines() if "TPL001" in line]
        assert len(lines) == 1, text
        for w in words:
            assert w in lines[0], lines[0]
    assert not (tmp_path / "w.docx").exists()


@pytest.mark.parametrize("name", ["title.j2", "salutation.j2", "notes.j2", "acknowledgement.j2", "closing.j2"])
@pytest.mark.parametrize("template, words", [
    ("{{ 1/0 }}", ("ZeroDivisionError",)),
    ('{{ "a" + 1 }}', ("TypeError",)),
    ("{% for i in range(10**9) %}x{% endfor %}", ("range",)),
    ("{{ 'x' * 10**9 }}", ("重复",)),
    ("{{ 9 ** 99999 }}", ("乘方",)),
    ("{{ ((9 ** 60) ** 60) ** 60 }}", ("乘方",)),
])
def test_template_errors_are_tpl_findings(tmp_path, name, template, words):
    tpl = _office(tmp_path)
    (tpl / name).write_text(template, encoding="utf-8")
    _both_refuse(tmp_path, name, *words)


def test_endless_loop_is_stopped_by_the_time_budget(tmp_path, monkeypatch):
    from drafter import limits

    monkeypatch.setattr(limits, "TEMPLATE_SECONDS", 0.3)  # the real budget is 2 s; same mechanism
    tpl = _office(tmp_path)
    loops = "{% for i in range(999) %}{% for j in range(999) %}{% for k in range(999) %}{% endfor %}{% endfor %}{% endfor %}"
    (tpl / "closing.j2").write_text(loops, encoding="utf-8")
    _both_refuse(tmp_path, "closing.j2", "秒")


def test_dangling_link_is_a_tpl_finding_not_a_silent_fallback(tmp_path):
    tpl = _office(tmp_path)
    (tpl / "closing.j2").symlink_to(tmp_path / "gone.j2")
    _both_refuse(tmp_path, "closing.j2", "链接")


def test_self_include_is_a_tpl_finding(tmp_path):
    tpl = _office(tmp_path)
    (tpl / "title.j2").write_text('{% include "title.j2" %}', encoding="utf-8")
    _both_refuse(tmp_path, "title.j2")


def test_non_utf8_template(tmp_path):
    tpl = _office(tmp_path)
    (tpl / "closing.j2").write_bytes("特此答复。".encode("gbk"))
    _both_refuse(tmp_path, "closing.j2", "UTF-8")


def test_unreadable_template(tmp_path):
    tpl = _office(tmp_path)
    (tpl / "closing.j2").write_text("特此答复。", encoding="utf-8")
    (tpl / "closing.j2").chmod(0)
    if os.geteuid() != 0:
        _both_refuse(tmp_path, "closing.j2", "无法读取")
        return
    # Root reads any file: run the commands with the two capabilities that let it (setpriv, from
    # util-linux) dropped, so a mode-000 template is unreadable as it is for a clerk's account.
    import shutil
    import subprocess
    import sys

    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to test an unreadable file as root"
    for args in (["check", "w.yaml", "--today", "2019-07-01"], ["render", "w.yaml", "-o", "w.docx"]):
        r = subprocess.run([setpriv, "--bounding-set", "-dac_override,-dac_read_search",
                            sys.executable, "-m", "drafter", *args],
                           cwd=tmp_path, capture_output=True, text=True, timeout=120)
        text = r.stdout + r.stderr
        assert "Traceback" not in text, text
        assert r.returncode == 2, (args, text)
        lines = [line for line in text.splitlines() if "TPL001" in line]
        assert len(lines) == 1 and "closing.j2" in lines[0] and "无法读取" in lines[0], text
    assert not (tmp_path / "w.docx").exists()


def test_template_that_is_a_folder(tmp_path):
    tpl = _office(tmp_path)
    (tpl / "closing.j2").mkdir()
    _both_refuse(tmp_path, "closing.j2")


def test_symlink_out_of_the_folder_never_enters_a_letter(tmp_path):
    tpl = _office(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("机密：root:x:0:0", encoding="utf-8")
    (tpl / "closing.j2").symlink_to(secret)
    _both_refuse(tmp_path, "closing.j2", "链接")


def test_symlink_to_etc_passwd_is_refused(tmp_path):
    tpl = _office(tmp_path)
    (tpl / "title.j2").symlink_to("/etc/passwd")
    _both_refuse(tmp_path, "title.j2", "链接")


def test_include_outside_the_folder_is_refused(tmp_path):
    tpl = _office(tmp_path)
    (tmp_path / "outside.j2").write_text("外面", encoding="utf-8")
    (tpl / "closing.j2").write_text('{% include "../outside.j2" %}', encoding="utf-8")
    _both_refuse(tmp_path, "closing.j2")


def test_symlink_inside_the_folder_is_fine(tmp_path):
    tpl = _office(tmp_path)
    (tpl / "mine.txt").write_text("衷心感谢{{ you }}的支持！\n特此答复。", encoding="utf-8")
    (tpl / "closing.j2").symlink_to(tpl / "mine.txt")
    result = run_cli("render", "w.yaml", "-o", "w.docx", cwd=tmp_path)
    assert result.code == 0, result.out + result.err
    import zipfile

    xml = zipfile.ZipFile(tmp_path / "w.docx").read("word/document.xml").decode("utf-8")
    assert "衷心感谢你们的支持！" in xml


def test_check_finds_a_broken_template_that_only_render_used_to(tmp_path):
    """title/salutation/notes are not read by any rule; check still renders them once."""
    tpl = _office(tmp_path)
    (tpl / "notes.j2").write_text("{{ leader.nothing_here }}", encoding="utf-8")
    result = run_cli("check", "w.yaml", "--today", "2019-07-01", cwd=tmp_path)
    assert result.code == 2 and "TPL001" in result.out + result.err
