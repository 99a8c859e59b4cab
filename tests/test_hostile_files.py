"""Hostile files for every import format: each gets one line with a code and exit 2 (or 1 for
"not a reply"), within its budget, never a traceback. Files are built on the spot."""

from __future__ import annotations

import json
import resource
import zipfile
from pathlib import Path

import pytest

from cli_support import run_cli
from drafter import limits
from hostile_files import EXAMPLE, HOSTILE, big_text, zip_bomb

def _one_line(result, code: str) -> str:
    text = result.out + result.err
    assert "Traceback" not in text and "╭" not in text, text
    assert result.code in (1, 2), text
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("检查了")]
    coded = [line for line in lines if code in line]
    assert coded, text
    return coded[0]


@pytest.mark.parametrize("hostile", [h for h in HOSTILE if not h.slow], ids=lambda h: h.build.__name__)
def test_import_answers_in_one_line(tmp_path, hostile):
    source = hostile.build(tmp_path)
    out = tmp_path / "draft.yaml"
    result = run_cli("import", str(source), "-o", str(out))
    if hostile.code is None:  # an odd encoding that is still a letter: read right, not misread
        assert result.code == 0 and "Traceback" not in result.err, result.err
        text = out.read_text(encoding="utf-8")
        assert "王" in text and "\ufffd" not in text
        assert run_cli("check", str(out)).code == 1  # a draft drafter can read: findings, not IO007
        return
    line = _one_line(result, hostile.code)
    assert source.name in line
    assert any("\u4e00" <= ch <= "\u9fff" for ch in line)
    assert "root:" not in result.out + result.err  # no /etc/passwd through an external entity
    if result.code == 2:
        assert not out.exists()


DOCX_HOSTILE = [h for h in HOSTILE if not h.slow and h.word]


@pytest.mark.parametrize("hostile", DOCX_HOSTILE, ids=lambda h: h.build.__name__)
def test_check_of_a_hostile_word_file(tmp_path, hostile):
    source = hostile.build(tmp_path)
    assert source.suffix == ".docx"
    result = run_cli("check", str(source))
    text = result.out + result.err
    assert "Traceback" not in text and "╭" not in text, text
    assert result.code in (1, 2)
    assert "root:" not in text


def test_batch_goes_on_after_a_hostile_file(tmp_path):
    """One bad file is reported for that file only; the others are still checked."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for h in HOSTILE:
        if not h.slow and h.build.__name__ in ("not_a_zip", "xxe", "many_members"):
            h.build(folder)
    (folder / "good.yaml").write_bytes(EXAMPLE.read_bytes())
    result = run_cli("check", str(folder), "--format", "json", "--today", "2019-07-01")
    findings = json.loads(result.out)["findings"]
    files = {Path(f["file"]).name for f in findings}
    assert {"not-zip.docx", "many-parts.docx"} <= files
    assert result.code == 2
    assert not [f for f in findings if Path(f["file"]).name == "good.yaml" and f["severity"] != "warning"]


def test_zip_bomb_is_refused_before_inflating(tmp_path):
    bomb = zip_bomb(tmp_path, size=256 * 1024 * 1024)  # the bench builds the full 1.5 GB one
    with zipfile.ZipFile(bomb) as z:
        assert z.getinfo("word/document.xml").file_size > 8 * limits.ZIP_MEMBER_BYTES  # it really is a bomb
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for args in (("import", str(bomb), "-o", str(tmp_path / "x.yaml")), ("check", str(bomb))):
        result = run_cli(*args)
        line = _one_line(result, "IM005")
        assert "压缩炸弹" in line
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < limits.ZIP_MEMBER_BYTES / (1024 * 1024), grown_mb


def test_text_over_30_mb_is_refused_unread(tmp_path):
    line = _one_line(run_cli("import", str(big_text(tmp_path)), "-o", str(tmp_path / "x.yaml")), "IM005")
    assert "30 MB" in line


def test_lying_zip_header_stops_at_the_cap(tmp_path):
    """read_member counts what it inflates, whatever the header says."""
    path = tmp_path / "x.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.xml", b"0" * (3 * 1024 * 1024))
    with zipfile.ZipFile(path) as z, pytest.raises(limits.BudgetExceeded):
        limits.read_member(z, "a.xml", cap=1024 * 1024)


def test_xml_parser_expands_no_entities():
    doc = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "AAAA"><!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b"<r>&a;&x;</r>")
    root = limits.parse_xml(doc)
    text = "".join(root.itertext())
    assert "AAAA" not in text and "root:" not in text


def test_xlsx_bomb_and_huge_sheet_for_intake(tmp_path):
    """A 交办清单 is a zip too: the same budgets hold for `drafter intake`."""
    bomb = tmp_path / "list.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            block = b"<row/>" * (1024 * 1024 // 6)
            for _ in range(40):
                fh.write(block)
    result = run_cli("intake", str(bomb), "-o", str(tmp_path / "out"))
    line = _one_line(result, "IN001")
    assert "压缩炸弹" in line and result.code == 2
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
