"""The classes of crash found by generated inputs, each pinned by one real case: profile values of
the wrong type, `new --count ¹`, dates at the calendar's edge, headings past 九十九, characters a
.docx cannot hold, output a terminal cannot encode, the last-resort guard and its exit code."""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from cli_support import run_cli
from drafter.drafts import load_draft

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "wenzhou-2019.yaml"


def _data() -> dict:
    draft, _ = load_draft(EXAMPLE)
    data = draft.data
    data.pop("$schema", None)
    return data


def _one_line(result, code: str) -> str:
    text = result.out + result.err
    assert "Traceback" not in text and "╭" not in text, text
    lines = [line for line in text.splitlines() if code in line]
    assert len(lines) == 1, text
    return lines[0]


# -- drafter.toml ---------------------------------------------------------------------------------

@pytest.mark.parametrize("toml, field", [
    ("[check]\ndeadline_months = 99999999\n", "check.deadline_months"),
    ("[check]\ndeadline_months = -1\n", "check.deadline_months"),
    ("[check]\ndeadline_warning_days = true\n", "check.deadline_warning_days"),
    ("[check]\ncategories = \"A\"\n", "check.categories"),
    ("[check]\nignore = [1, 2]\n", "check.ignore"),
    ("[templates]\ndir = 5\n", "templates.dir"),
    ("[templates]\ndir = [\"a\"]\n", "templates.dir"),
    ("[organ]\nname = 3\n", "organ.name"),
    ("[organ]\ncopy_to = \"市府办\"\n", "organ.copy_to"),
    ("[organ]\ncontacts = [{ name = 1 }]\n", "organ.contacts"),
    ("templates = 5\n", "templates"),
])
def test_wrong_type_in_profile_is_one_cf_line_for_every_command(tmp_path, toml, field):
    (tmp_path / "drafter.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "w.yaml").write_bytes(EXAMPLE.read_bytes())
    for args in (["check", "w.yaml"], ["render", "w.yaml"], ["new", "n.yaml"]):
        result = run_cli(*args, cwd=tmp_path)
        assert result.code == 2, (args, result.out + result.err)
        line = _one_line(result, "CF00")
        assert field in line
    assert not (tmp_path / "w.docx").exists() and not (tmp_path / "n.yaml").exists()


def test_oversized_profile_is_refused(tmp_path):
    (tmp_path / "drafter.toml").write_text("# x\n" * 200_000, encoding="utf-8")
    assert "CF002" in _one_line(run_cli("check", str(EXAMPLE), cwd=tmp_path), "CF002")


@pytest.mark.parametrize("count", ["¹", "١٢", "1" * 40, "0", "-3", "3.0"])
def test_new_count_must_be_a_plain_positive_number(tmp_path, count):
    result = run_cli("new", str(tmp_path / "n.yaml"), "--count", count)
    assert result.code == 2 and "--count" in result.err and "Traceback" not in result.err
    assert not (tmp_path / "n.yaml").exists()


# -- dates at the edge of the calendar ------------------------------------------------------------

@pytest.mark.parametrize("assigned, signed", [("9999-12-31", "9999-12-31"), ("0001-01-01", "2019-07-01"),
                                              ("2019-04-01", "9999-12-31")])
def test_deadline_arithmetic_at_the_calendar_edge(tmp_path, assigned, signed):
    data = _data()
    data["proposal"]["assigned"] = assigned
    data["signature"]["date"] = signed
    p = tmp_path / "d.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_cli("check", str(p), "--today", "2019-07-01")
    assert result.code in (0, 1) and "Traceback" not in result.out + result.err


def test_signature_after_2107_renders_with_the_fixed_zip_timestamp(tmp_path):
    data = _data()
    data["signature"]["date"] = "2108-03-01"
    data.pop("printing", None)
    data["doc_number"] = data["doc_number"].replace("2019", "2108")
    p = tmp_path / "d.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_cli("render", str(p), "-o", str(tmp_path / "d.docx"))
    assert result.code in (0, 1), result.out + result.err
    if result.code == 0:
        with zipfile.ZipFile(tmp_path / "d.docx") as z:
            assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            assert "2108-03-01" in z.read("docProps/core.xml").decode()


def test_zip_timestamp_does_not_depend_on_the_date():
    from drafter.model import Letter
    from drafter.render import render_docx
    from drafter.sentences import Sentences

    for date in ("2108-03-01", "1900-01-01", "9999-12-31"):
        data = _data()
        data["signature"]["date"] = date
        letter = Letter.from_data(data)
        with zipfile.ZipFile(io.BytesIO(render_docx(letter, Sentences(letter)))) as z:
            assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


# -- what check passes, render writes and check reads back ------------------------------------------

def test_150_headings_render_and_read_back(tmp_path):
    data = _data()
    data["measures"] = [{"heading": f"工作{k}", "body": ["做了工作。"]} for k in range(150)]
    p = tmp_path / "d.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert run_cli("render", str(p), "-o", str(tmp_path / "d.docx")).code == 0
    xml = zipfile.ZipFile(tmp_path / "d.docx").read("word/document.xml").decode("utf-8")
    assert "一百零一、" in xml and "一百四十九、" in xml
    back = run_cli("check", str(tmp_path / "d.docx"), "--format", "json")
    assert not [f for f in json.loads(back.out)["findings"] if f["code"].startswith("GB") and f["severity"] == "error"]


def test_chinese_numerals_past_ninety_nine():
    from drafter.grammar import heading_marker
    from drafter.text import chinese_numeral

    assert [chinese_numeral(n) for n in (99, 100, 101, 110, 1010, 9999)] == [
        "九十九", "一百", "一百零一", "一百一十", "一千零一十", "九千九百九十九"]
    for n in (1, 10, 99, 100, 101, 1999):
        assert heading_marker(chinese_numeral(n) + "、工作") == (1, chinese_numeral(n) + "、", "工作")


@pytest.mark.parametrize("value", ["\x7f", "\x01", "\ud800", "\udfff", "\ufffe", "\x85"])
def test_unprintable_character_in_any_field_is_a_finding_not_a_crash(tmp_path, value):
    """Written as a JSON escape the loader may refuse it (IO007); in memory (an editor, an
    import) check finds it (SCH020): either way render is never reached."""
    from drafter.api import Workspace

    data = _data()
    data["measures"][0] = "段落" + value + "。"
    doc = Workspace(today=__import__("datetime").date(2019, 7, 1)).open_text(json.dumps(data), "d.json", "json")
    codes = {f.code for f in doc.findings}
    assert codes & {"IO007", "SCH020"}, codes
    from drafter.check import budget_findings
    from drafter.drafts import loads_draft

    draft, _ = loads_draft(json.dumps(_data()), "json", "x.json")
    draft.data["measures"][0] = "段落" + value
    assert [f.code for f in budget_findings(draft)] == ["SCH020"]


def test_own_docx_with_del_character_checks_without_crash(tmp_path):
    """A letter drafter rendered from data holding U+007F (made in memory, past check): reading
    it back is one set of findings, never a traceback."""
    from drafter.model import Letter
    from drafter.render import render_docx
    from drafter.sentences import Sentences

    data = _data()
    data["measures"][0] = "这是\x7f一段。"
    data["proposal"]["title"] += "\x7f"
    letter = Letter.from_data(data)
    out = tmp_path / "del.docx"
    out.write_bytes(render_docx(letter, Sentences(letter)))
    result = run_cli("check", str(out))
    assert result.code in (0, 1) and "Traceback" not in result.out + result.err
    imported = run_cli("import", str(out), "-o", str(tmp_path / "back.yaml"))
    assert imported.code in (0, 1)
    assert "\x7f" not in (tmp_path / "back.yaml").read_text(encoding="utf-8")


def test_docx_header_pointing_at_a_missing_part(tmp_path):
    from hostile_files import missing_header_part

    source = missing_header_part(tmp_path)
    for args in (["check", str(source)], ["import", str(source), "-o", str(tmp_path / "x.yaml")]):
        result = run_cli(*args)
        assert result.code in (1, 2) and "Traceback" not in result.out + result.err


def test_selection_cannot_make_an_unrenderable_draft_pass(tmp_path):
    data = _data()
    del data["kind"]
    p = tmp_path / "d.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_cli("check", str(p), "--ignore", "SCH")
    assert result.code == 1
    assert "SCH009" in _one_line(result, "SCH009")
    assert run_cli("check", str(p), "--select", "DN").code == 1


# -- output never fails ---------------------------------------------------------------------------

def test_output_a_terminal_cannot_encode_is_escaped(tmp_path):
    """A finding quoting a lone surrogate: printed escaped on a strict UTF-8 stream."""
    from drafter.cli import main

    p = tmp_path / "d.yaml"
    p.write_text("kind: npc\nlayout: file\norgan: 局\nadressee: x\n", encoding="utf-8")
    data = _data()
    data["\ud800键"] = "x"
    q = tmp_path / "e.json"
    q.write_text(json.dumps(data), encoding="utf-8")  # ensure_ascii: "\ud800" as an escape
    for fmt in ("text", "json"):
        buf = io.BytesIO()
        stream = io.TextIOWrapper(buf, encoding="utf-8", errors="strict", write_through=True)
        with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(stream):
            with pytest.raises(SystemExit) as exit_:
                main(["check", str(q), "--format", fmt])
        assert exit_.value.code in (1, 2)
        text = buf.getvalue().decode("utf-8")
        assert "Traceback" not in text


def test_finding_with_surrogate_is_printed_escaped():
    from drafter.cli import main
    from drafter.findings import Finding

    buf = io.BytesIO()
    stream = io.TextIOWrapper(buf, encoding="utf-8", errors="strict", write_through=True)
    with contextlib.redirect_stdout(stream):
        main_stream = __import__("sys").stdout
        main_stream.reconfigure(encoding="utf-8", errors="backslashreplace")  # what main() does
        print(Finding("a\ud800.yaml", 1, 1, "x", "SCH020", "error", "有 \ud800").to_line())
    assert "\\ud800" in buf.getvalue().decode("utf-8")
    del main


# -- the last-resort guard ------------------------------------------------------------------------

def test_unexpected_exception_is_one_line_exit_3_and_the_batch_goes_on(tmp_path, monkeypatch):
    import drafter.check as check

    original = check.check_context
    calls = []

    def breaks_on_cixi(draft, options):
        calls.append(draft.name)
        if "cixi" in draft.name:
            raise ZeroDivisionError("boom")
        return original(draft, options)

    monkeypatch.setattr(check, "check_context", breaks_on_cixi)
    result = run_cli("check", str(ROOT / "examples" / "cixi-2023.yaml"), str(EXAMPLE), "--today", "2019-07-01")
    assert result.code == 3
    line = _one_line(result, "INT001")
    assert "cixi-2023.yaml" in line and "内部错误，请报告" in line and "README" in line and "ZeroDivisionError" in line
    assert len(calls) == 2  # the other file was still checked
    assert "Traceback" not in result.out + result.err
    debug = run_cli("check", str(ROOT / "examples" / "cixi-2023.yaml"), "--debug")
    assert debug.code == 3 and "Traceback" in debug.err and "ZeroDivisionError: boom" in debug.err


def test_crash_outside_any_file_is_one_line_exit_3(monkeypatch):
    import drafter.profile as profile

    def broken(*args, **kwargs):
        raise KeyError("x")

    monkeypatch.setattr(profile, "load_profile", broken)
    result = run_cli("check", str(EXAMPLE))
    assert result.code == 3
    assert "INT001" in result.err and "Traceback" not in result.err and "╭" not in result.err


def test_render_crash_is_contained(tmp_path, monkeypatch):
    import drafter.render as render

    def broken(letter, sentences):
        raise TypeError("bad")

    monkeypatch.setattr(render, "render_docx", broken)
    result = run_cli("render", str(EXAMPLE), "-o", str(tmp_path / "w.docx"))
    assert result.code == 3 and "INT001" in result.out + result.err
    assert not (tmp_path / "w.docx").exists()


def test_every_code_emitted_here_is_in_the_catalogue():
    from drafter.catalog import catalogue

    known = set(catalogue())
    for code in ("SCH009", "SCH020", "SCH021", "IM006", "IO015", "INT001"):
        assert code in known, code


def test_return_letter_dated_9999_reads_back(tmp_path):
    """Found by the generated suite: a 退办函 rendered and checked again crashed the importer
    (a partly recognised letter built no Letter); now it is findings."""
    draft, _ = load_draft(ROOT / "examples" / "return-2025.yaml")
    data = draft.data
    data.pop("$schema", None)
    data["signature"]["date"] = "9999-12-31"
    p = tmp_path / "r.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "drafter.toml").write_text('[check]\nignore = ["ALL"]\n', encoding="utf-8")  # the date breaks rules
    assert run_cli("render", "r.json", "-o", "r.docx", cwd=tmp_path).code == 0
    result = run_cli("check", "r.docx", cwd=tmp_path)
    assert result.code in (0, 1), result.out + result.err
    assert "INT001" not in result.out + result.err


def test_working_days_stop_at_the_end_of_the_calendar():
    # found by the long generated run: a 9999-12-31 date in a year the profile describes
    import datetime as dt

    from drafter.caseload.calendar import WorkCalendar

    cal = WorkCalendar(years={9999})
    assert cal.add_workdays(dt.date(9999, 12, 30), 5) == dt.date.max
    assert cal.add_workdays(dt.date(9999, 12, 1), 2) == dt.date(9999, 12, 3)
    assert cal.workdays_between(dt.date(9999, 12, 30), dt.date.max) == 1
