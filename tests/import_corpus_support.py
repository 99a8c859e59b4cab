"""The real-letter import corpus (tests/data/import/corpus): load it, compare the importer's
output with the hand-written expected fields, and sum up the accuracy.

Used by tests/test_import_corpus.py and bench/import_accuracy.py. The normalisations applied
before comparing are exactly the ones tests/data/import/corpus/README.md lists; nothing else
is forgiven.
"""

from __future__ import annotations

import datetime as dt
import re
import traceback
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "import" / "corpus"

# The key fields of issue 8, as draft field paths, in report order.
FIELDS = (
    "organ",
    "doc_number",
    "signer",
    "category",
    "addressee.deputies",
    "addressee.count",
    "addressee.unit",
    "proposal.session",
    "proposal.number",
    "proposal.title",
    "proposal.handling",
    "date",
    "contacts[0].name",
    "contacts[0].phones",
    "copy_to",
)
KINDS = ("npc", "cppcc")
DOC_KINDS = ("reply", "opinion", "refuse")
TOP_KEYS = {"source", "province", "year", "kind", "doc_kind", "reason", "notes", "fields", "reconstructed"}
# Fields whose expected value is copied from the text (after the README normalisations); a
# person's reading that is not a copy (a broken 文号 made whole) is listed under `reconstructed`.
LITERAL = ("organ", "doc_number", "signer", "addressee.unit", "proposal.session", "proposal.title", "proposal.number",
           "contacts[0].name")
LITERAL_LISTS = ("addressee.deputies", "copy_to", "contacts[0].phones")
INPUT_SUFFIXES = (".txt", ".html")
NAME = re.compile(r"^(\d{3})_([a-z]+)_([a-z0-9_]+)$")


@dataclass
class Case:
    """One corpus letter: its input file and what a person read in it."""

    stem: str
    path: Path  # the letter (.txt or .html)
    expected_path: Path
    meta: dict[str, Any]

    @property
    def doc_kind(self) -> str:
        return self.meta["doc_kind"]

    @property
    def fields(self) -> dict[str, Any]:
        return self.meta.get("fields") or {}


def _yaml():
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True)


def load_expected(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data = _yaml().load(fh)
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: 不是映射")
    # YAML reads an unquoted 2023-07-18 as a date; the draft writes dates as text.
    fields = data.get("fields")
    if isinstance(fields, dict) and isinstance(fields.get("date"), dt.date):
        fields["date"] = fields["date"].isoformat()
    return data


def cases(corpus: Path = CORPUS) -> list[Case]:
    out = []
    for exp in sorted(corpus.glob("*.expected.yaml")):
        stem = exp.name[: -len(".expected.yaml")]
        inputs = [corpus / (stem + s) for s in INPUT_SUFFIXES if (corpus / (stem + s)).exists()]
        path = inputs[0] if inputs else corpus / (stem + ".txt")
        out.append(Case(stem, path, exp, load_expected(exp)))
    return out


def problems(case: Case) -> list[str]:
    """What is wrong with one expected.yaml (empty when it is well-formed)."""
    m, errs = case.meta, []
    unknown = set(m) - TOP_KEYS
    if unknown:
        errs.append(f"未知的键：{sorted(unknown)}")
    if not NAME.match(case.stem):
        errs.append("文件名应为 NNN_省份拼音_简称")
    inputs = [s for s in INPUT_SUFFIXES if (case.expected_path.parent / (case.stem + s)).exists()]
    if len(inputs) != 1:
        errs.append(f"应恰有一个同名的 .txt 或 .html 原文，实有 {inputs}")
    src = m.get("source")
    if not (isinstance(src, str) and re.match(r"^https?://\S+$", src)):
        errs.append("source 应为原网页地址")
    if not (isinstance(m.get("province"), str) and m["province"]):
        errs.append("缺 province")
    if not (isinstance(m.get("year"), int) and 2015 <= m["year"] <= 2026):
        errs.append("year 应为 2015–2026 的整数")
    if m.get("kind") not in KINDS:
        errs.append("kind 应为 npc 或 cppcc")
    dk = m.get("doc_kind")
    if dk not in DOC_KINDS:
        errs.append("doc_kind 应为 reply、opinion 或 refuse")
    rec = m.get("reconstructed")
    if rec is not None and not (isinstance(rec, list) and set(rec) <= set(FIELDS)):
        errs.append("reconstructed 应为字段路径列表")
    if dk == "refuse":
        if not (isinstance(m.get("reason"), str) and m["reason"]):
            errs.append("refuse 须写 reason")
        if "fields" in m:
            errs.append("refuse 不写 fields")
        return errs
    f = m.get("fields")
    if not isinstance(f, dict):
        return errs + ["缺 fields"]
    for key in set(f) - set(FIELDS):
        errs.append(f"未知的字段：{key}")
    need = set(FIELDS) - {"addressee.unit", "addressee.deputies", "addressee.count"}
    if dk == "opinion":
        need.add("addressee.unit")
    else:
        need |= {"addressee.deputies", "addressee.count"}
    for key in sorted(need - set(f)):
        errs.append(f"缺字段 {key}（不知道就写 null）")
    errs += _value_problems(f)
    return errs


def not_in_text(case: Case) -> list[str]:
    """Expected values that do not occur in the letter's text: a typing slip in expected.yaml,
    unless the field is declared `reconstructed`."""
    raw = case.path.read_text(encoding="utf-8")
    text, phone_text = norm_doc_number(raw), norm_phone(raw)
    skip = set(case.meta.get("reconstructed") or [])
    out = []
    for key in LITERAL:
        v = case.fields.get(key)
        if key not in skip and v is not None and normalise(key, v) not in text:
            out.append(f"{key}: {v}")
    for key in LITERAL_LISTS:
        if key in skip:
            continue
        for v in normalise(key, case.fields.get(key)) or []:
            if v not in (phone_text if key == "contacts[0].phones" else text):
                out.append(f"{key}: {v}")
    return out


def _value_problems(f: dict[str, Any]) -> list[str]:
    errs = []
    for key in ("addressee.deputies", "contacts[0].phones", "copy_to"):
        v = f.get(key)
        if v is not None and not (isinstance(v, list) and v and all(isinstance(x, str) and x for x in v)):
            errs.append(f"{key} 应为非空的文字列表或 null")
    v = f.get("addressee.count")
    if v is not None and not (isinstance(v, int) and v >= 1):
        errs.append("addressee.count 应为正整数或 null")
    v = f.get("date")
    if v is not None and not (isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v)):
        errs.append("date 应为 YYYY-MM-DD")
    v = f.get("proposal.number")
    if v is not None and not (isinstance(v, str) and re.fullmatch(r"[A-Za-z\u4e00-\u9fff]{0,3}\d+", v)):
        errs.append("proposal.number 应为带引号的编号文字，如 \"0185\"、\"D022\"、\"丽22\"")
    v = f.get("proposal.handling")
    if v is not None and v not in ("独办", "主办", "协办", "会办", "分办"):
        errs.append("proposal.handling 应为 独办/主办/协办/会办/分办")
    for key in ("organ", "doc_number", "signer", "category", "addressee.unit", "proposal.session", "proposal.title",
                "contacts[0].name"):
        v = f.get(key)
        if v is not None and not (isinstance(v, str) and v.strip()):
            errs.append(f"{key} 应为文字或 null")
    return errs


# -- the importer's output as field paths ------------------------------------------------


def actual(data: dict[str, Any] | None, path: str) -> Any:
    """The value at a corpus field path in an imported draft, None when absent."""
    if not data:
        return None
    if path == "date":
        return (data.get("signature") or {}).get("date")
    if path.startswith("contacts[0]."):
        contacts = data.get("contacts") or []
        return contacts[0].get(path.split(".", 1)[1]) if contacts else None
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


# -- the normalisations README.md lists ---------------------------------------------------

_DASHES = str.maketrans({"－": "-", "—": "-", "–": "-", "‐": "-", "‑": "-"})
_YEAR_BRACKETS = re.compile(r"[\[［【(（﹝〔〖]\s*((?:19|20)\d{2})\s*[\]］】)）﹞〕〗]")


def norm_text(s: str) -> str:
    """NFKC (full- and half-width forms alike, ﹝﹞ → 〔〕), no whitespace at all."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def norm_doc_number(s: str) -> str:
    return _YEAR_BRACKETS.sub(r"〔\1〕", norm_text(s))


def norm_phone(s: str) -> str:
    return norm_text(s).translate(_DASHES)


def normalise(path: str, value: Any) -> Any:
    if value is None:
        return None
    if path == "doc_number":
        return norm_doc_number(str(value))
    if path == "contacts[0].phones":
        return [norm_phone(str(x)) for x in value]
    if path == "addressee.count":
        return int(value)
    if path == "date":
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if path == "category":
        return norm_text(str(value)).upper()
    if isinstance(value, list):
        return [norm_text(str(x)) for x in value]
    return norm_text(str(value))


# -- one run over the corpus ---------------------------------------------------------------


@dataclass
class Miss:
    field: str
    expected: Any
    got: Any


@dataclass
class Outcome:
    case: Case
    refused: str | None = None
    error: str | None = None  # a traceback: the importer crashed
    data: dict[str, Any] | None = None
    checked: list[str] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return self.error is None and self.refused is None


def run_case(case: Case) -> Outcome:
    from drafter.importer import import_file

    out = Outcome(case)
    try:
        res = import_file(case.path)
    except Exception:  # noqa: BLE001 - a crash is an outcome to report, not to hide
        out.error = traceback.format_exc()
        res = None
    if res is not None:
        out.refused, out.data = res.refused, res.data
    if case.doc_kind == "refuse":
        return out
    for path, want in case.fields.items():
        got = actual(out.data, path)
        out.checked.append(path)
        # a refused or crashed letter gets nothing right, not even the fields it lacks
        if out.data is None or normalise(path, want) != normalise(path, got):
            out.misses.append(Miss(path, want, got))
    return out


def run(corpus: Path = CORPUS) -> list[Outcome]:
    return [run_case(c) for c in cases(corpus)]


@dataclass
class Summary:
    per_field: dict[str, tuple[int, int]]  # field → (right, checked)
    right: int
    checked: int
    letters: int
    letters_accepted: int
    lookalikes: int
    lookalikes_refused: int
    crashes: int

    @property
    def accuracy(self) -> float:
        return self.right / self.checked if self.checked else 0.0


def summarise(outcomes: list[Outcome]) -> Summary:
    per: dict[str, list[int]] = {f: [0, 0] for f in FIELDS}
    letters = [o for o in outcomes if o.case.doc_kind != "refuse"]
    looks = [o for o in outcomes if o.case.doc_kind == "refuse"]
    for o in letters:
        missed = {m.field for m in o.misses}
        for f in o.checked:
            per[f][1] += 1
            per[f][0] += f not in missed
    right = sum(r for r, _ in per.values())
    checked = sum(n for _, n in per.values())
    return Summary(
        per_field={f: (r, n) for f, (r, n) in per.items() if n},
        right=right,
        checked=checked,
        letters=len(letters),
        letters_accepted=sum(o.accepted for o in letters),
        lookalikes=len(looks),
        lookalikes_refused=sum(o.refused is not None and o.error is None for o in looks),
        crashes=sum(o.error is not None for o in outcomes),
    )
