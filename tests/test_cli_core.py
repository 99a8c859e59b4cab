"""The CLI as a shell over the API: JSON from every reporting command, batches on all cores with
one LibreOffice start, and the small bugs of issue 13 (each with its test)."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from cli_support import run_cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEEDS = ROOT / "tests" / "data" / "seeds"
NAMES = ("wenzhou-2019", "xiamen-2025", "cixi-2023")


def _json(result) -> dict:
    data = json.loads(result.out)
    assert set(data) >= {"command", "files", "exit_code", "summary", "findings", "outputs", "notes"}
    assert data["exit_code"] == result.code
    return data


def _drafts(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(count):
        p = folder / f"{k:02d}-{NAMES[k % 3]}.yaml"
        shutil.copyfile(EXAMPLES / f"{NAMES[k % 3]}.yaml", p)
        out.append(p)
    return out


def _document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


# -- JSON everywhere -------------------------------------------------------------------------------


def test_check_json_carries_field_path_and_fix_edits(tmp_path):
    p = tmp_path / "r.yaml"
    p.write_text((EXAMPLES / "wenzhou-2019.yaml").read_text(encoding="utf-8").replace("〔2019〕", "[2019]"), encoding="utf-8")
    data = _json(run_cli("check", str(p), "--format", "json"))
    hit = next(f for f in data["findings"] if f["code"] == "DN101")
    assert hit["file"] == str(p) and hit["line"] and hit["column"] and hit["path"] == ["doc_number"]
    assert hit["fix"]["description"] and hit["fix"]["safe"] is True
    assert hit["fix"]["edits"][0]["value"].count("〔2019〕") == 1
    assert data["summary"]["errors"] >= 1 and data["summary"]["fixable"] >= 1 and data["files"] == 1


def test_render_json_lists_refusals_and_outputs(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text((EXAMPLES / "wenzhou-2019.yaml").read_text(encoding="utf-8").replace('number: "242"', 'number: ""'), encoding="utf-8")
    good = tmp_path / "good.yaml"
    shutil.copyfile(EXAMPLES / "xiamen-2025.yaml", good)
    result = run_cli("render", str(bad), str(good), "-o", str(tmp_path / "out"), "--format", "json")
    data = _json(result)
    assert result.code == 1 and data["command"] == "render"
    assert [f["field"] for f in data["findings"]] == ["proposal.number"]
    assert data["outputs"] == [{"path": str(tmp_path / "out" / "good.docx"), "source": str(good), "kind": "docx"}]
    assert (tmp_path / "out" / "good.docx").is_file() and not (tmp_path / "out" / "bad.docx").exists()


def test_import_json_lists_what_was_guessed(tmp_path):
    out = tmp_path / "x.yaml"
    data = _json(run_cli("import", str(SEEDS / "001_77c4a998560675b0.txt"), "-o", str(out), "--format", "json"))
    assert data["outputs"][0]["path"] == str(out) and out.is_file()
    assert all(f["code"].startswith("IM") for f in data["findings"])
    refused = run_cli("import", str(SEEDS / "002_7d59406ed8fa6051.txt"), "-o", str(tmp_path / "y.yaml"), "--format", "json")
    assert refused.code == 1 and [f["code"] for f in _json(refused)["findings"]] == ["IM010"]


def test_pdf_json_of_a_missing_file(tmp_path):
    result = run_cli("pdf", str(tmp_path / "gone.docx"), "--format", "json")
    assert result.code == 2 and [f["code"] for f in _json(result)["findings"]] == ["IO001"]


def test_no_coded_line_outside_the_reporter_in_json_mode(tmp_path):
    """In JSON mode stdout is one document and stderr carries no code."""
    p = tmp_path / "r.yaml"
    p.write_text((EXAMPLES / "wenzhou-2019.yaml").read_text(encoding="utf-8").replace("〔2019〕", "[2019]"), encoding="utf-8")
    for args in (["check", str(p)], ["render", str(p), "-o", str(tmp_path / "r.docx")],
                 ["import", str(tmp_path / "none.txt"), "-o", str(tmp_path / "n.yaml")]):
        result = run_cli(*args, "--format", "json")
        _json(result)
        assert not any(c in result.err for c in ("DN101", "IO001", "SCH", "IM0")), (args, result.err)


def test_every_reporting_command_offers_json():
    """Issue 13: every command that reports can print --format json (new writes a scaffold,
    schema prints the schema, serve runs the workbench)."""
    from drafter.cli import app

    names = {c.name for c in app.registered_commands}
    reporting = names - {"new", "schema", "serve"}
    assert {"check", "render", "import", "pdf", "intake", "ledger", "due", "report"} <= reporting
    for name in sorted(reporting):
        assert "--format" in run_cli(name, "--help").out, name


# -- batches ---------------------------------------------------------------------------------------


def test_batch_render_on_two_processes_matches_one(tmp_path):
    drafts = _drafts(tmp_path / "in", 7)
    one = run_cli("render", str(tmp_path / "in"), "-o", str(tmp_path / "one"), "-j", "1", "--format", "json")
    two = run_cli("render", str(tmp_path / "in"), "-o", str(tmp_path / "two"), "-j", "2", "--format", "json")
    assert one.code == two.code == 0, two.out
    order = [str(tmp_path / "two" / (p.stem + ".docx")) for p in drafts]
    assert [o["path"] for o in _json(two)["outputs"]] == order  # results in input order
    for p in drafts:
        a = (tmp_path / "one" / (p.stem + ".docx")).read_bytes()
        b = (tmp_path / "two" / (p.stem + ".docx")).read_bytes()
        assert a == b
    assert "厦门市市场监督管理局" in _document_xml(tmp_path / "two" / "01-xiamen-2025.docx")


def test_batch_with_errors_keeps_going_and_reports_in_order(tmp_path):
    drafts = _drafts(tmp_path / "in", 6)
    drafts[2].write_text(drafts[2].read_text(encoding="utf-8").replace("organ:", "organ_x:", 1), encoding="utf-8")
    drafts[4].write_text("a: [1, 2\n", encoding="utf-8")
    result = run_cli("render", str(tmp_path / "in"), "-j", "2", "--format", "json")
    data = _json(result)
    assert result.code == 2  # one draft is not even YAML
    files = [f["file"] for f in data["findings"]]
    assert files == sorted(files, key=lambda f: [str(p) for p in drafts].index(f))
    assert {f["file"] for f in data["findings"]} == {str(drafts[2]), str(drafts[4])}
    assert len(data["outputs"]) == 4


def test_batch_pdf_starts_libreoffice_once(tmp_path, monkeypatch):
    import subprocess

    import drafter.render.pdf as pdf

    calls = []
    real = subprocess.run

    def counting(cmd, *args, **kwargs):
        calls.append(cmd)
        return real(cmd, *args, **kwargs)

    monkeypatch.setattr(pdf.subprocess, "run", counting)
    _drafts(tmp_path / "in", 3)
    result = run_cli("render", str(tmp_path / "in"), "--pdf", "--format", "json")
    assert result.code == 0, result.out
    pdfs = [o for o in _json(result)["outputs"] if o["kind"] == "pdf"]
    assert len(pdfs) == 3 and len(calls) == 1
    for o in pdfs:
        assert Path(o["path"]).read_bytes().startswith(b"%PDF") and o["source"].endswith(".docx")


def test_progress_bar_only_on_a_terminal(tmp_path):
    from drafter.batch import wants_progress

    class Tty:
        def isatty(self):
            return True

    assert wants_progress(10, Tty()) and not wants_progress(2, Tty())
    with open(tmp_path / "log", "w") as not_a_tty:
        assert not wants_progress(10, not_a_tty)
    _drafts(tmp_path / "in", 6)
    result = run_cli("render", str(tmp_path / "in"))  # captured output: no bar, plain lines
    assert result.code == 0 and result.err.count("已生成") == 6 and "\x1b[" not in result.err


# -- the small bugs --------------------------------------------------------------------------------


def test_kind_on_the_command_line_wins_over_drafter_toml(tmp_path):
    (tmp_path / "drafter.toml").write_text('[organ]\nkind = "cppcc"\n', encoding="utf-8")
    assert run_cli("new", "a.yaml", "--kind", "npc", cwd=tmp_path).code == 0
    assert "\nkind: npc" in (tmp_path / "a.yaml").read_text(encoding="utf-8")
    assert run_cli("new", "b.yaml", cwd=tmp_path).code == 0
    assert "\nkind: cppcc" in (tmp_path / "b.yaml").read_text(encoding="utf-8")


def test_diff_of_a_missing_file_says_why(tmp_path):
    result = run_cli("check", str(tmp_path / "missing.yaml"), "--diff")
    assert result.code == 2 and "IO001" in result.err and "missing.yaml" in result.err


def test_diff_with_nothing_to_fix_says_so():
    result = run_cli("check", str(EXAMPLES / "wenzhou-2019.yaml"), "--diff")
    assert result.code == 0 and result.out == "" and "没有可自动修正的内容" in result.err


def test_new_and_import_reference_a_schema_beside_the_draft(tmp_path):
    folder = tmp_path / "drafts"
    assert run_cli("new", str(folder / "a.yaml")).code == 0
    assert "# yaml-language-server: $schema=reply.schema.json" in (folder / "a.yaml").read_text(encoding="utf-8")
    assert (folder / "reply.schema.json").read_text(encoding="utf-8") == run_cli("schema").out
    assert run_cli("new", str(folder / "b.json")).code == 0
    assert json.loads((folder / "b.json").read_text(encoding="utf-8"))["$schema"] == "reply.schema.json"
    assert run_cli("import", str(SEEDS / "001_77c4a998560675b0.txt"), "-o", str(folder / "c.yaml")).code == 0
    assert "$schema=reply.schema.json" in (folder / "c.yaml").read_text(encoding="utf-8")
    # the folder moves: the reference still resolves beside each draft
    moved = shutil.move(str(folder), str(tmp_path / "elsewhere"))
    for draft in ("a.yaml", "b.json", "c.yaml"):
        assert (Path(moved) / draft).is_file() and (Path(moved) / "reply.schema.json").is_file()
    # the schema copy is no draft to the folder walker
    listed = run_cli("check", moved, "--format", "json")
    assert "reply.schema.json" not in {Path(f["file"]).name for f in _json(listed)["findings"]}
    assert _json(listed)["files"] == 3


def test_a_schema_copy_is_never_overwritten(tmp_path):
    (tmp_path / "reply.schema.json").write_text("{}", encoding="utf-8")
    result = run_cli("new", str(tmp_path / "a.yaml"))
    assert result.code == 0 and (tmp_path / "reply.schema.json").read_text(encoding="utf-8") == "{}"
    assert "drafter schema -o" in result.err and "--force" in result.err


def test_cli_imports_no_heavy_library():
    import subprocess
    import sys

    code = ("import sys, drafter.cli; heavy = [m for m in ('docx', 'jsonschema', 'ruamel.yaml', 'lxml', 'rich.progress')"
            " if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("command", ["check", "render", "import", "pdf"])
def test_reporting_commands_offer_json(command):
    assert "--format" in run_cli(command, "--help").out


def test_diff_in_json_carries_the_diff_and_writes_nothing(tmp_path):
    p = tmp_path / "r.yaml"
    broken = (EXAMPLES / "wenzhou-2019.yaml").read_text(encoding="utf-8").replace("〔2019〕", "[2019]")
    p.write_text(broken, encoding="utf-8")
    data = _json(run_cli("check", str(p), "--diff", "--format", "json"))
    assert [d["file"] for d in data["diffs"]] == [str(p)]
    assert "+doc_number: 温市监提〔2019〕99号" in data["diffs"][0]["diff"]
    assert p.read_text(encoding="utf-8") == broken


def test_fix_that_cannot_be_written_is_one_line_and_leaves_the_file(tmp_path, monkeypatch):
    from ruamel.yaml.error import YAMLError

    from drafter import rewrite as rw

    def broken(*a, **k):
        raise YAMLError("odd")

    monkeypatch.setattr(rw, "load_roundtrip", broken)
    p = tmp_path / "r.yaml"
    text = (EXAMPLES / "wenzhou-2019.yaml").read_text(encoding="utf-8").replace("〔2019〕", "[2019]")
    p.write_text(text, encoding="utf-8")
    result = run_cli("check", str(p), "--fix")
    assert result.code == 2 and p.read_text(encoding="utf-8") == text
    lines = [l for l in result.out.splitlines() if "IO010" in l]
    assert len(lines) == 1 and "改写" in lines[0]
    assert any("DN101" in l for l in result.out.splitlines())  # the finding is still reported


def test_fix_safety_is_decided_per_finding():
    import datetime as dt

    from drafter.api import Workspace
    from drafter.profile import Profile

    ws = Workspace(profile=Profile(), today=dt.date(2019, 7, 1))
    base = (EXAMPLES / "wenzhou-2019.yaml").read_text(encoding="utf-8")
    line = next(l for l in base.splitlines() if l.startswith("closing:"))
    plain = ws.open_text(base.replace(line, "closing: 感谢您的关心,欢迎继续提出意见。"))
    web = ws.open_text(base.replace(line, "closing: 感谢您的关心,详见 https://www.example.cn/a,b 。"))
    (p,) = [f for f in plain.findings if f.code == "TX102"]
    (w,) = [f for f in web.findings if f.code == "TX102"]
    assert p.fix.safe is True and w.fix.safe is False
    assert p.to_line().endswith("[*]") and not w.to_line().endswith("[*]")
    assert web.fix().applied == 0 and web.fix(unsafe=True).applied == 1


def test_fixed_findings_carry_the_new_texts_lines():
    import datetime as dt

    from drafter.api import Workspace
    from drafter.profile import Profile

    ws = Workspace(profile=Profile(), today=dt.date(2019, 7, 1))
    base = (EXAMPLES / "wenzhou-2019.yaml").read_text(encoding="utf-8")
    doc = ws.open_text(base.replace("〔2019〕", "[2019]").replace('number: "242"', 'number: ""'))
    result = doc.fix()
    (left,) = [f for f in result.findings if f.field == "proposal.number"]
    assert result.text.splitlines()[left.line - 1].strip() == 'number: ""'



def test_readme_says_how_to_get_drafter_on_the_path():
    """After the quick start a fresh shell has no `drafter`: the README says what to do on both systems."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme[readme.index("## 快速开始"):readme.index("## 日常用法")]
    for needed in ("source .venv/bin/activate", ".venv\\Scripts\\Activate.ps1", "pipx install .", "py -m pipx install .",
                   "command not found"):
        assert needed in quick, needed


def test_usage_errors_in_json_mode_are_still_one_document():
    result = run_cli("check", str(EXAMPLES), "--today", "明天", "--format", "json")
    data = _json(result)
    assert result.code == 2 and "--today" in data["notes"][0] and data["findings"] == []
    result = run_cli("check", str(EXAMPLES), "--select", "QQ", "--format", "json")
    assert result.code == 2 and "QQ" in _json(result)["notes"][0]
    text = run_cli("check", str(EXAMPLES), "--today", "明天")
    assert text.code == 2 and text.out == "" and "--today" in text.err
