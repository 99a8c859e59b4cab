"""drafter.api as a front end uses it: open from a path, from text, a Word letter from bytes;
fix in memory; render bytes and read them back with python-docx."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest

from drafter.api import FixResult, RenderRefused, SelectionError, Workspace
from drafter.profile import Profile

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
WENZHOU = EXAMPLES / "wenzhou-2019.yaml"
TODAY = dt.date(2019, 7, 1)


def body_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


@pytest.fixture(scope="module")
def ws():
    return Workspace(profile=Profile(), today=TODAY)


def test_open_example_from_path(ws):
    doc = ws.open(WENZHOU)
    assert doc.name == str(WENZHOU) and doc.path == WENZHOU and doc.fmt == "yaml"
    assert doc.ok and doc.errors == [] and doc.data["kind"] == "npc"
    assert doc.letter is not None and doc.letter.organ == doc.data["organ"]
    assert doc.sentences is not None  # built once, shared by the rules and the renderer


def test_find_drafts_lists_the_examples(ws):
    assert ws.find_drafts(EXAMPLES) == sorted(EXAMPLES.glob("*.yaml"))


def test_open_text_reports_findings_with_lines(ws):
    text = WENZHOU.read_text(encoding="utf-8").replace('number: "242"', 'number: ""')
    doc = ws.open_text(text, name="mem.yaml")
    assert doc.path is None and not doc.ok and doc.letter is None
    hit = next(f for f in doc.errors if f.field == "proposal.number")
    assert hit.file == "mem.yaml" and hit.line == text.splitlines().index('  number: ""') + 1
    with pytest.raises(RenderRefused) as refused:
        doc.docx()
    assert any(f.field == "proposal.number" for f in refused.value.findings)


def test_unreadable_text_is_a_fatal_finding(ws):
    doc = ws.open_text("a: [1, 2\n", name="bad.yaml")
    assert doc.draft is None and doc.data is None
    assert [f.code for f in doc.findings] == ["IO010"] and doc.findings[0].severity == "fatal"


def test_missing_path_is_a_finding_not_an_exception(ws, tmp_path):
    doc = ws.open(tmp_path / "gone.yaml")
    assert [f.code for f in doc.findings] == ["IO001"] and not doc.ok


def test_fix_in_memory_keeps_comments_and_writes_nothing(ws, tmp_path):
    src = WENZHOU.read_text(encoding="utf-8")
    broken = src.replace("温市监提〔2019〕99号", "温市监提[2019]99号")
    p = tmp_path / "r.yaml"
    p.write_text(broken, encoding="utf-8")
    doc = ws.open(p)
    assert "DN101" in {f.code for f in doc.findings}
    result = doc.fix()
    assert isinstance(result, FixResult) and result.applied == 1
    assert "温市监提〔2019〕99号" in result.text and "DN101" not in {f.code for f in result.findings}
    assert "-doc_number: 温市监提[2019]99号" in result.diff and "+doc_number: 温市监提〔2019〕99号" in result.diff
    comments = [line for line in broken.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(c in result.text.splitlines() for c in comments)
    assert p.read_text(encoding="utf-8") == broken  # nothing written
    assert doc.draft.text == broken  # the document itself is unchanged


def test_apply_one_fix(ws):
    src = WENZHOU.read_text(encoding="utf-8").replace("温市监提〔2019〕99号", "温市监提[2019]99号")
    doc = ws.open_text(src)
    finding = next(f for f in doc.findings if f.code == "DN101")
    result = doc.apply_fix(finding)
    assert result.applied == len(finding.fix.edits) and "〔2019〕" in result.text
    assert ws.open_text(result.text).ok


def test_render_bytes_read_back_with_python_docx(ws):
    doc = ws.open(WENZHOU)
    data = doc.docx()
    text = body_text(data)
    assert doc.data["organ"] in text and doc.data["doc_number"] in text


def test_word_letter_from_bytes():
    ws = Workspace(profile=Profile(), today=dt.date(2025, 6, 1))
    rendered = ws.open(EXAMPLES / "xiamen-2025.yaml").docx()
    doc = ws.open_word(rendered, name="letter.docx")
    assert doc.fmt == "docx" and doc.path is None and doc.name == "letter.docx"
    assert doc.data is not None and doc.data["organ"] == ws.open(EXAMPLES / "xiamen-2025.yaml").data["organ"]
    assert not [f for f in doc.findings if f.code.startswith("GB")]  # drafter's own layout passes


def _bad_margins(tmp_path) -> bytes:
    from docx.shared import Mm

    data = Workspace(profile=Profile(), today=TODAY).open(WENZHOU).docx()
    d = docx.Document(io.BytesIO(data))
    for s in d.sections:
        s.top_margin = Mm(20)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_gb_codes_are_selected_like_any_other(tmp_path):
    data = _bad_margins(tmp_path)
    every = Workspace(profile=Profile(), today=TODAY).open_word(data)
    assert "GB102" in {f.code for f in every.findings}
    ignored = Workspace(profile=Profile(), ignore=["GB102"], today=TODAY).open_word(data)
    assert "GB102" not in {f.code for f in ignored.findings}
    only = Workspace(profile=Profile(), select=["GB"], today=TODAY).open_word(data)
    assert {f.code[:2] for f in only.findings} == {"GB"}


def test_unknown_code_is_refused():
    with pytest.raises(SelectionError) as exc:
        Workspace(profile=Profile(), select=["XY999"])
    assert exc.value.unknown == ["XY999"]


def test_profile_from_path(tmp_path):
    toml = tmp_path / "drafter.toml"
    toml.write_text('[check]\nignore = ["DN"]\n', encoding="utf-8")
    src = WENZHOU.read_text(encoding="utf-8").replace("温市监提〔2019〕99号", "温市监提[2019]99号")
    assert "DN101" not in {f.code for f in Workspace(profile=toml, today=TODAY).open_text(src).findings}
    assert Workspace(profile=toml).profile.path == toml
