"""`drafter intake`: 交办清单 in two platforms' naming (.xlsx, .xls, .csv) become drafts; re-runs
add and never overwrite; every unreadable row or file is one line naming sheet, row and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from caseload_support import ORGAN, PROFILE_TOML, cppcc_csv, npc_list
from cli_support import run_cli

from drafter.drafts import load_draft


@pytest.fixture
def office(tmp_path):
    (tmp_path / "drafter.toml").write_text(PROFILE_TOML, encoding="utf-8")
    return tmp_path


def _data(path: Path) -> dict:
    draft, findings = load_draft(path)
    assert draft is not None, findings
    return draft.data


def test_npc_list(office):
    npc_list(office / "清单.xlsx")
    r = run_cli("intake", "清单.xlsx", "-o", "drafts", cwd=office)
    assert r.code == 1  # two rows could not be imported
    assert sorted(p.name for p in (office / "drafts").glob("*.yaml")) == ["建议0007.yaml", "建议0023.yaml", "建议0185.yaml"]
    assert (office / "drafts" / "reply.schema.json").is_file()  # the drafts' $schema resolves beside them
    assert r.lines[0] == "清单.xlsx 工作表“填表说明”: 警告 IN002 这个工作表没有编号和标题列，不是交办清单，已跳过"
    lines = r.lines[1:]
    assert len(lines) == 2
    assert lines[0].startswith("清单.xlsx 工作表“交办清单”:8 J列（交办日期）: 错误 IN003 日期“2025-13-01”无法识别")
    assert lines[1].startswith("清单.xlsx 工作表“交办清单”:9 A列（建议编号）: 错误 IN004 编号 0185 与")
    assert "第4行重复" in lines[1]

    a = _data(office / "drafts" / "建议0185.yaml")
    assert a["proposal"] == {"session": "市十六届人大五次会议", "number": "0185", "title": "关于加强知识产权保护的建议",
                             "assigned": "2025-03-10", "handling": "主办", "co_handlers": ["市科技局"]}
    assert a["addressee"] == {"deputies": ["王贤理", "李明", "张华"], "count": 3}
    assert a["case"] == {"status": "待签收", "group": "思明代表团", "key_item": True, "due": "2025-06-30",
                         "publish": {"allowed": True}}
    b = _data(office / "drafts" / "建议0023.yaml")
    assert b["proposal"]["assigned"] == "2025-03-10"  # Excel serial 45726
    assert b["proposal"]["handling"] == "独办" and b["case"]["publish"] == {"allowed": False}
    # this organ only co-handles item 7: an opinion to the lead unit, the other co-handler kept
    c = _data(office / "drafts" / "建议0007.yaml")
    assert c["proposal"]["handling"] == "协办" and c["proposal"]["co_handlers"] == ["市财政局"]
    assert c["addressee"] == {"unit": "市建设局"} and c["proposal"]["assigned"] == "2025-03-10"
    assert c["type"] == "opinion" and a["type"] == "reply"


def test_drafts_carry_the_scaffold_guidance_and_check_only_for_placeholders(office):
    npc_list(office / "清单.xlsx")
    run_cli("intake", "清单.xlsx", "-o", "drafts", cwd=office)
    text = (office / "drafts" / "建议0185.yaml").read_text(encoding="utf-8")
    assert "# 办理状态：待签收、待见面、在办" in text and "# 交办信息由 drafter intake 从 清单.xlsx 预填" in text
    assert f'organ: "{ORGAN}"' in text
    r = run_cli("check", "drafts", "--today", "2025-03-12", cwd=office)
    codes = {line.split()[3] for line in r.lines}
    assert codes == {"TX101"}, r.out  # only what a person still has to write


def test_rerun_adds_new_rows_and_lists_differences(office):
    npc_list(office / "清单.xlsx")
    run_cli("intake", "清单.xlsx", "-o", "drafts", cwd=office)
    before = {p.name: p.read_bytes() for p in (office / "drafts").glob("*.yaml")}
    (office / "drafts" / "建议0023.yaml").write_text(
        (office / "drafts" / "建议0023.yaml").read_text(encoding="utf-8") + "# 我的备注\n", encoding="utf-8")
    npc_list(office / "清单.xlsx", extra_rows=[[301, "关于公园绿地的建议", "黄强", None, None, None, "独办", ORGAN,
                                               None, "2025-04-01", None, None]])
    import openpyxl

    wb = openpyxl.load_workbook(office / "清单.xlsx")
    wb["交办清单"]["B4"] = "关于加强知识产权保护工作的建议"  # the platform corrected a title
    wb.save(office / "清单.xlsx")
    r = run_cli("intake", "清单.xlsx", "-o", "drafts", cwd=office)
    assert (office / "drafts" / "建议0301.yaml").is_file()
    assert (office / "drafts" / "建议0185.yaml").read_bytes() == before["建议0185.yaml"]
    assert (office / "drafts" / "建议0023.yaml").read_text(encoding="utf-8").endswith("# 我的备注\n")
    diff = [line for line in r.err.splitlines() if "建议0185.yaml" in line]
    assert diff == [f"{Path('drafts') / '建议0185.yaml'}: proposal.title: 清单为“关于加强知识产权保护工作的建议”，"
                    "草稿中为“关于加强知识产权保护的建议”（草稿未改动，请核对）"]
    assert "新生成 1 份草稿，已有 3 份（未改动），其中 1 份与清单不同" in r.err


def test_cppcc_csv_in_gbk(office):
    cppcc_csv(office / "提案.csv")
    r = run_cli("intake", "提案.csv", "-o", "drafts", cwd=office)
    assert r.code == 0, r.out + r.err
    a = _data(office / "drafts" / "提案0012.yaml")
    assert a["kind"] == "cppcc"
    assert a["addressee"] == {"deputies": ["周明", "吴刚", "郑丽"], "count": 3}
    assert a["case"]["group"] == "经济界" and a["case"]["due"] == "2025-06-12"
    b = _data(office / "drafts" / "提案0045.yaml")
    assert b["proposal"]["handling"] == "会办" and b["addressee"] == {"unit": "市教育局"}
    assert b["case"]["publish"] == {"allowed": False}


def test_columns_from_the_profile(office):
    import openpyxl

    (office / "drafter.toml").write_text(PROFILE_TOML + '[intake.columns]\nnumber = "序列号"\ntitle = ["事项名称", "事由"]\n'
                                         'deputies = "建议人"\nassigned = "下发日期"\n', encoding="utf-8")
    wb = openpyxl.Workbook()
    wb.active.append(["序列号", "事由", "建议人", "下发日期"])
    wb.active.append(["0099", "关于停车难的建议", "孙七", "2025-03-15"])
    wb.save(office / "自定义.xlsx")
    r = run_cli("intake", "自定义.xlsx", "-o", "drafts", "--session", "区八届人大四次会议", cwd=office)
    assert r.code == 0, r.out + r.err
    a = _data(office / "drafts" / "建议0099.yaml")
    assert a["proposal"]["title"] == "关于停车难的建议" and a["proposal"]["session"] == "区八届人大四次会议"
    assert a["proposal"]["assigned"] == "2025-03-15" and a["addressee"]["deputies"] == ["孙七"]


def _xls(path: Path) -> Path:
    """The 政协 list as an old .xls (BIFF8, as the platforms export it), written by xlwt: a merged
    title row above the header, the numbers stored as numbers with a 0000 format, dates as dates."""
    import datetime as dt

    import xlwt

    from caseload_support import cppcc_rows

    book = xlwt.Workbook(encoding="utf-8")
    sh = book.add_sheet("提案交办")
    sh.write_merge(0, 0, 0, 10, "市政协十三届四次会议提案交办清单")
    padded = xlwt.easyxf(num_format_str="0000")
    dated = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for r, row in enumerate(cppcc_rows(), start=1):
        for c, value in enumerate(row):
            if r > 1 and c == 0:
                sh.write(r, c, int(value), padded)
            elif r > 1 and c in (8, 9) and value:
                sh.write(r, c, dt.datetime.strptime(value.replace("/", "-"), "%Y-%m-%d"), dated)
            else:
                sh.write(r, c, value)
    book.save(str(path))
    return path


def test_xls_list(office):
    _xls(office / "提案.xls")
    r = run_cli("intake", "提案.xls", "-o", "drafts", cwd=office)
    assert r.code == 0, r.out + r.err
    a = _data(office / "drafts" / "提案0012.yaml")
    assert a["proposal"]["number"] == "0012" and a["proposal"]["assigned"] == "2025-03-12"
    assert a["proposal"]["session"] == "市政协十三届四次会议"
    assert a["proposal"]["co_handlers"] == ["市工信局"] and a["case"]["due"] == "2025-06-12"
    assert _data(office / "drafts" / "提案0045.yaml")["proposal"]["assigned"] == "2025-03-12"


@pytest.mark.parametrize("name,content,message", [
    ("坏.xlsx", b"PK\x03\x04 not really a zip", "文件已损坏，或不是 Excel 工作簿"),
    ("坏.xls", b"\x00\x01garbage" * 50, "文件已损坏，或不是 Excel 工作簿"),
    # Office keeps an encrypted workbook in an OLE container holding an "EncryptedPackage" stream
    ("加密.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 200,
     "工作簿有密码保护"),
    ("清单.docx", b"PK", "不是表格文件"),
])
def test_unreadable_files_are_one_line_and_write_nothing(office, name, content, message):
    (office / name).write_bytes(content)
    r = run_cli("intake", name, "-o", "drafts", cwd=office)
    assert r.code == 2
    assert len(r.lines) == 1 and r.lines[0].startswith(f"{name}: 无法处理 IN001 ") and message in r.lines[0]
    assert not any((office / "drafts").iterdir())


def test_not_a_list(office):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "电话"])
    wb.active.append(["王钧", "0592-5077969"])
    wb.save(office / "通讯录.xlsx")
    r = run_cli("intake", "通讯录.xlsx", "-o", "drafts", cwd=office)
    assert r.code == 2 and len(r.lines) == 1
    assert "不像交办清单" in r.lines[0] and "[intake.columns]" in r.lines[0]


def test_numbers_keep_their_zeros():
    from drafter.caseload.columns import read_number
    from drafter.caseload.sheets import Cell

    assert read_number(Cell(185, "0000"), 0) == "0185"
    assert read_number(Cell(185.0, "General"), 4) == "0185"
    assert read_number(Cell(12, '"A"000'), 0) == "012"
    assert read_number(Cell("第0185号", "@"), 0) == "0185"


def test_json_lists_created_drafts_rows_and_findings(office):
    import json

    npc_list(office / "清单.xlsx")
    r = run_cli("intake", "清单.xlsx", "-o", "drafts", "--format", "json", cwd=office)
    assert r.code == 1
    doc = json.loads(r.out)
    assert doc["command"] == "intake" and doc["exit_code"] == 1
    assert sorted(f["code"] for f in doc["findings"]) == ["IN002", "IN003", "IN004"]
    [result] = doc["results"]
    assert sorted(Path(p).name for p in result["created"]) == ["建议0007.yaml", "建议0023.yaml", "建议0185.yaml"]
    assert result["existing"] == [] and result["differences"] == []
    assert sorted(Path(o["path"]).name for o in doc["outputs"]) == sorted(Path(p).name for p in result["created"])
    again = json.loads(run_cli("intake", "清单.xlsx", "-o", "drafts", "--format", "json", cwd=office).out)
    assert again["results"][0]["created"] == [] and len(again["results"][0]["existing"]) == 3
