"""README shows what a clerk will see: those examples are run here and compared line by line, so
the README cannot drift from the program."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from cli_support import run_cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _sessions() -> list[tuple[list[str], list[str]]]:
    """Every `$ drafter …` line in README's code blocks with the lines shown after it."""
    out: list[tuple[list[str], list[str]]] = []
    for block in re.findall(r"```[a-z]*\n(.*?)```", README, re.S):
        if "$ drafter" not in block:
            continue
        for line in block.splitlines():
            if line.startswith("$ drafter "):
                out.append((shlex.split(line[len("$ drafter "):]), []))
            elif out and line.strip():
                out[-1][1].append(line)
    return out


SESSIONS = _sessions()


def test_readme_has_sessions():
    assert len(SESSIONS) >= 4


@pytest.mark.parametrize("args, shown", SESSIONS, ids=[" ".join(a) for a, _ in SESSIONS])
def test_readme_session_prints_what_readme_shows(args, shown, tmp_path):
    result = run_cli(*args, cwd=tmp_path)
    assert (result.out + result.err).splitlines() == shown


def test_readme_check_example_is_what_check_prints(tmp_path):
    """The 日常用法 example: the scaffold of step 1, filled in with four mistakes left."""
    block = re.search(r"```\n(2025-0185\.yaml:17 doc_number.*?)```", README, re.S).group(1).splitlines()
    draft = tmp_path / "2025-0185.yaml"
    assert run_cli("new", draft.name, "--number", "0185", "--deputy", "郭晓珍", "--session", "市十六届人大五次会议",
                   cwd=tmp_path).code == 0
    text = draft.read_text(encoding="utf-8")
    answers = {"发文机关全称": "厦门市市场监督管理局", "发文字号": "厦市监函[2025]59号", "建议标题": "关于加强知识产权保护的建议",
               "办理背景": "收到建议后，我局与您电话联系，听取了意见。", "第一项措施的标题": "加强知识产权宣传",
               "措施内容和成效": "今年共举办培训12场。", "下一步工作计划和时限": "下一步，我们将于2025年底前完成平台建设。",
               "成文日期": "2025-05-07", "联系电话": "507796", "人大常委会代表工委等抄送机关": "市人大常委会代表工委",
               "印发机关": "厦门市市场监督管理局办公室", "印发日期": "2025-05-08"}
    for hint, value in answers.items():
        text, n = re.subn(r"【待填：" + hint + r"[^】]*】", value, text)
        assert n, hint
    text = text.replace("  - 市人大常委会代表工委\n", "  - 市人大常委会代表工委\n  - 市政府办公厅。\n")
    draft.write_text(text, encoding="utf-8")
    result = run_cli("check", draft.name, "--today", "2025-05-07", cwd=tmp_path)
    assert result.code == 1
    assert result.lines == block[:-1]
    assert result.err.strip() == block[-1]


def test_readme_intake_lines_are_what_intake_prints(tmp_path):
    from caseload_support import npc_list

    shown = [line.strip() for line in README.splitlines() if line.strip().startswith("清单.xlsx 工作表“交办清单”:")]
    assert len(shown) == 2
    npc_list(tmp_path / "清单.xlsx")
    result = run_cli("intake", "清单.xlsx", "-o", "2025/", cwd=tmp_path)
    assert result.code == 1
    for line in shown:
        assert line in result.lines, (line, result.lines)
