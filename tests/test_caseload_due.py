"""`drafter due`: overdue and coming steps by date, plain when piped, JSON for scripts."""

from __future__ import annotations

import json
from pathlib import Path

from caseload_support import PROFILE_TOML, case_draft, co_handler
from cli_support import run_cli


def _office(tmp_path):
    (tmp_path / "drafter.toml").write_text(PROFILE_TOML, encoding="utf-8")
    d = tmp_path / "drafts"
    case_draft(d, "0185", {"status": "待签收"})  # 交办 2025-03-10
    case_draft(d, "0186", {"status": "已答复", "replied": "2025-04-25",
                           "communications": [{"date": "2025-03-20", "way": "面谈"}]})
    case_draft(d, "0187", {"status": "在办"}, **co_handler())
    return tmp_path


def test_piped_lines_by_date(tmp_path):
    office = _office(tmp_path)
    r = run_cli("due", "drafts", "--today", "2025-03-28", "--within", "30", cwd=office)
    assert r.code == 1  # something is overdue
    rows = [line.split("\t") for line in r.lines]
    assert [(row[0], row[1], row[2], row[3]) for row in rows] == [
        ("2025-03-17", "已超期11天", "退办", "建议0185"),
        ("2025-03-31", "还有3天", "见面", "建议0185"),
        ("2025-04-10", "还有13天", "会办", "建议0187"),
    ]
    assert rows[1][5] == "交办后15个工作日"
    assert "共 3 件：1 个环节已超期，2 个环节30天内到期。" in r.err


def test_feedback_step_after_the_reply(tmp_path):
    office = _office(tmp_path)
    r = run_cli("due", "drafts", "--today", "2025-05-12", "--within", "10", "--format", "json", cwd=office)
    doc = json.loads(r.out)
    steps = {(i["number"], i["step"]): i for i in doc["items"]}
    fb = steps[("0186", "反馈")]
    assert fb["due"] == "2025-05-20" and fb["state"] == "open" and fb["days_left"] == 8  # over 劳动节
    assert doc["overdue"] == len([i for i in doc["items"] if i["state"] == "overdue"]) > 0


def test_nothing_due(tmp_path):
    office = _office(tmp_path)
    for p in (office / "drafts").iterdir():
        p.unlink()
    case_draft(office / "drafts", "0190", {"status": "已反馈", "replied": "2025-04-25",
                                            "communications": [{"date": "2025-03-20", "way": "面谈"}],
                                            "feedback": [{"deputy": "王贤理", "result": "满意", "date": "2025-05-06"}]})
    r = run_cli("due", "drafts", "--today", "2025-05-12", cwd=office)
    assert r.code == 0 and r.lines == []


def test_year_without_calendar_data(tmp_path):
    office = _office(tmp_path)
    case_draft(office / "drafts", "0999", {"status": "在办"}, proposal__assigned="2099-03-10")
    r = run_cli("due", "drafts", "--today", "2099-03-12", cwd=office)
    assert r.code == 2
    errs = [line for line in r.err.splitlines() if "CS905" in line]
    assert len(errs) == 1 and "2099年没有节假日和调休数据" in errs[0] and "[calendar]" in errs[0]
    (office / "drafter.toml").write_text(PROFILE_TOML + "[calendar]\nyears = [2099]\n", encoding="utf-8")
    r = run_cli("due", "drafts", "--today", "2099-03-12", "--within", "30", cwd=office)
    assert "CS905" not in r.err
    assert any(line.startswith("2099-03-31\t还有19天\t见面\t建议0999") for line in r.lines)


def test_missing_folder(tmp_path):
    r = run_cli("due", "没有这个文件夹", cwd=tmp_path)
    assert r.code == 2 and "IO001" in r.err


def test_companion_documents_are_not_cases(tmp_path):
    office = _office(tmp_path)
    case_draft(office / "drafts", "0185", {"status": "在办", "extension": {"approved": "2025-05-20"}},
               file_name="建议0185-延期说明.yaml", type="extension", proposal__extended=True)
    r = run_cli("due", "drafts", "--today", "2025-03-28", "--within", "30", cwd=office)
    assert [line.split("\t")[3] for line in r.lines] == ["建议0185", "建议0185", "建议0187"]


def test_terminal_table_is_coloured():
    import datetime as dt
    import io

    from drafter.caseload.cases import CaseRecord
    from drafter.caseload.due import due_list, print_text
    from drafter.profile import Profile

    class Tty(io.StringIO):
        def isatty(self):
            return True

    record = CaseRecord.from_data({"proposal": {"number": "0185", "title": "关于加强知识产权保护的建议",
                                                "assigned": "2025-03-10", "handling": "独办"},
                                   "case": {"status": "待签收"}}, "建议0185.yaml")
    stream = Tty()
    print_text(due_list([record], Profile(), dt.date(2025, 3, 28), 30), stream)
    out = stream.getvalue()
    assert "退办" in out and "已超期11天" in out and "\x1b[" in out  # ANSI colour on the overdue row
    assert "│" in out or "┃" in out  # a drawn table, not tab-separated lines


def test_the_schema_copy_beside_the_drafts_is_no_case(tmp_path):
    """`new`, `import` and `intake` keep reply.schema.json beside the drafts for editors: due,
    ledger and report walk the folder with the same walker as check and never count it."""
    import openpyxl

    (tmp_path / "drafter.toml").write_text(PROFILE_TOML, encoding="utf-8")
    case_draft(tmp_path / "d", "0185", {"status": "在办"})
    run_cli("schema", "-o", str(tmp_path / "d" / "reply.schema.json"))
    assert (tmp_path / "d" / "reply.schema.json").is_file()
    due = json.loads(run_cli("due", "d", "--today", "2025-03-12", "--within", "400", "--format", "json", cwd=tmp_path).out)
    assert due["cases"] == 1 and {Path(item["file"]).name for item in due["items"]} == {"建议0185.yaml"}
    assert run_cli("ledger", "d", "-o", "t.xlsx", "--today", "2025-03-12", cwd=tmp_path).code == 0
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["台账"]
    assert [c.value for c in sheet["A"]][1:] == ["0185"]


def test_caseload_through_the_api(tmp_path):
    import datetime as dt

    from drafter.api import Workspace

    (tmp_path / "drafter.toml").write_text(PROFILE_TOML, encoding="utf-8")
    case_draft(tmp_path / "d", "0185", {"status": "在办"})
    case_draft(tmp_path / "d", "0186", {"status": "已答复", "replied": "2025-05-09"})
    (tmp_path / "d" / "坏的.yaml").write_text("title: [", encoding="utf-8")
    ws = Workspace(profile=tmp_path / "drafter.toml", today=dt.date(2025, 5, 10))
    load = ws.caseload(tmp_path / "d")
    assert [c.number for c in load.cases] == ["0185", "0186"]
    assert [f.code for f in load.problems] and all(f.file.endswith("坏的.yaml") for f in load.problems)
    due = load.due(within=60)
    assert due.cases == 2 and {Path(s.case.file).name for s in due.items} == {"建议0185.yaml", "建议0186.yaml"}
    made = load.report(2025)
    assert len(made.figures.cases) == 2 and "2025" in made.words()["title"]
    assert made.docx()[:2] == b"PK" and made.xlsx()[:2] == b"PK"
    assert openpyxl_rows(load.ledger()) == ["0185", "0186"]


def openpyxl_rows(data: bytes) -> list:
    import io

    import openpyxl

    return [c.value for c in openpyxl.load_workbook(io.BytesIO(data))["台账"]["A"]][1:]
