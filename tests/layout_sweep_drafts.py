"""Drafts for the wide layout sweep (tests/test_render_layout_sweep.py), made from the examples.

Every point starts from one of the six example drafts (so every document type is covered) and
changes what a clerk changes: the layout, the title (one line … four lines, with 《》 groups), the
number of deputies or a long 主送 unit, the copy list (0–20 names, some long), the body (a third
of a page … eight pages, headings of all four levels, run-in headings, bold spans), 附件 (0–6,
printed pages or only named), 附注 and contacts (0–6), 签发人 (1–6), long organ names for the
署名 and the 印发 line, and the even-page 版记. A seeded generator picks the combinations; a few
fixed points take every dimension to its limit. Each point is written as a JSON draft and
loaded through the ordinary loader, so it is a draft drafter accepts.
"""

from __future__ import annotations

import copy
import os
import random
from dataclasses import dataclass
from pathlib import Path

from drafter.drafts import loads_draft

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = {p.stem: p for p in sorted((ROOT / "examples").glob("*.yaml"))}

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "建国平华明红丽军伟芳敏静强磊洋艳勇杰娟涛超秀英霞辉刚桂兰玉珍凤"
UNIT_PARTS = ["市", "区", "县", "人大", "常委会", "代表", "工作", "委员会", "人民政府", "办公室", "财政", "发展和改革",
              "住房和城乡建设", "市场监督管理", "农业农村", "生态环境", "交通运输", "镇", "街道", "办事处", "服务中心"]
# Body sentences: CJK with digits, Latin words, 《》 and “” groups, so lines break like real text.
SENTENCES = [
    "我局高度重视，专题研究部署，2024年共投入资金3200万元，完成改造项目46个。",
    "针对“最后一公里”问题，联合市发展和改革委员会、市财政局等部门制定了专项方案。",
    "依据《中华人民共和国产品质量法》和《浙江省知识产权保护和促进条例》开展执法检查。",
    "全市建成ISO 9001认证示范企业18家，培育“品字标”企业35家，带动产值增长12.6%。",
    "下一步将继续加强统筹协调，完善长效机制，切实把代表建议办理成果转化为工作成效。",
    "截至2025年5月底，累计受理投诉举报12873件，办结率99.2%，群众满意度持续提升。",
    "通过“线上+线下”相结合的方式开展宣传培训，覆盖企业1260余家、从业人员3.5万人次。",
]
BOLD = ["**一是强化组织领导。**", "**二是完善制度机制。**", "**三是加强监督检查。**"]
HEADINGS = ["加强统筹协调", "完善政策体系，强化要素保障", "推进数字化改革和智慧监管平台建设",
            "持续优化营商环境，激发市场主体活力", "开展专项整治行动"]
PROPOSAL_TITLES = [
    "关于加强知识产权保护的建议",
    "关于加快推进城乡一体化供水工程建设、保障农村居民饮水安全的建议",
    "关于进一步优化老旧小区加装电梯审批流程、完善财政补助政策和后续运维管理机制的建议",
]


@dataclass
class Point:
    key: str
    data: dict            # the draft as written (JSON-able)
    record_page: str      # RenderOptions.record_page
    body_pages: float     # the body length asked for, in pages (for the figures)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _names(rng: random.Random, n: int) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        x = _name(rng)
        if x not in out:
            out.append(x)
    return out


def _unit(rng: random.Random, length: int) -> str:
    name = ""
    while len(name) < length - 1:
        name += rng.choice(UNIT_PARTS)
    return (name[: length - 1] + "局")[:length]


def _units(rng: random.Random, n: int, longest: int) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        u = _unit(rng, rng.randint(3, longest))
        if u not in out:
            out.append(u)
    return out


def _paragraph(rng: random.Random, sentences: int, bold: bool) -> str:
    text = "".join(rng.choice(SENTENCES) for _ in range(sentences))
    return (rng.choice(BOLD) + text) if bold else text


# One body paragraph of 2–4 sentences is about 3–5 printed lines; a page holds 22.
LINES_PER_PARAGRAPH = 4.2


def _body(rng: random.Random, pages: float) -> list:
    """Sections of headings of all four levels (some run in) with paragraphs, about `pages` long."""
    budget = max(1, round(pages * 22 / LINES_PER_PARAGRAPH))
    made = 0

    def section(level: int) -> dict:
        nonlocal made
        run_in = level >= 2 and rng.random() < 0.4
        body: list = []
        for _ in range(rng.randint(1, 2)):
            body.append(_paragraph(rng, rng.randint(2, 4), rng.random() < 0.3))
            made += 1
        if level < 4 and made < budget and rng.random() < 0.7:
            body.append(section(level + 1))
        heading = rng.choice(HEADINGS) + ("。" if run_in else "")
        return {"heading": heading, "run_in": True, "body": body} if run_in else {"heading": heading, "body": body}

    out: list = []
    while made < budget:
        out.append(section(1))
    return out


def _attachments(rng: random.Random, n: int) -> list:
    out: list = []
    for k in range(n):
        title = rng.choice(["项目清单", "资金安排表", "某某市城乡供水管网改造三年行动计划（2024—2026年）实施方案",
                            "关于进一步加强知识产权保护工作的若干措施（试行）及其配套政策解读材料"])
        kind = rng.choice(("name", "content", "separate"))
        if kind == "name":
            out.append(f"{title}{k + 1}")
        elif kind == "separate":
            out.append({"title": f"{title}{k + 1}", "separate": True})
        else:
            paras = [_paragraph(rng, 3, False) for _ in range(rng.randint(1, 6))]
            out.append({"title": f"{title}{k + 1}", "content": paras})
    return out


def _title(rng: random.Random, lines: int, data: dict) -> str | None:
    """A title needing about `lines` lines at 2号 (20 characters a line), or None (template)."""
    if lines == 0:
        return None
    proposal = data["proposal"]["title"]
    if lines == 1:
        return "关于第" + data["proposal"]["number"] + "号建议的答复"
    organ = data["organ"]
    base = f"{organ}关于{data['proposal']['session']}第{data['proposal']['number']}号《{proposal}》的答复"
    while len(base) < 20 * (lines - 1) + 4:
        base = base.replace("的答复", "办理情况的答复", 1) if "办理情况" not in base else base.replace("关于", "关于对", 1) + "函"
        if len(base) > 118:
            break
    return base[:120]


def _set_addressee(data: dict, rng: random.Random, deputies: int, long_unit: bool) -> None:
    a = data["addressee"]
    if "unit" in a:
        if long_unit:
            a["unit"] = _unit(rng, 40)
        return
    a["deputies"] = _names(rng, deputies)
    if deputies > 1:
        a["count"] = deputies + rng.choice((0, 0, 3))
    else:
        a.pop("count", None)


def _set_body(data: dict, rng: random.Random, pages: float) -> None:
    kind = data.get("type")
    body = _body(rng, pages)
    if kind == "return":
        data["return"]["reason"] = body
    elif kind == "extension":
        # the 延期说明's body is the case's reason, one paragraph a line
        data["case"]["extension"]["reason"] = "\n".join(
            _paragraph(rng, rng.randint(2, 4), False) for _ in range(max(1, round(pages * 22 / LINES_PER_PARAGRAPH))))
    else:
        for block in ("background", "measures", "problems", "next_steps"):
            data.pop(block, None)
        third = max(1, len(body) // 3)
        data["background"] = [_paragraph(rng, 2, False)]
        data["measures"] = body[:third * 2] or body
        if body[third * 2:]:
            data["next_steps"] = body[third * 2:]


def make_point(key: str, example: str, *, layout: str, title_lines: int, deputies: int, long_unit: bool,
               copy_to: int, copy_longest: int, pages: float, attachments: int, notes: int, contacts: int,
               signers: int, organ_len: int | None, printing: str, record_page: str, seed: int,
               limits: bool = False) -> Point:
    rng = random.Random(seed)
    data = copy.deepcopy(_example_data(example))
    data["layout"] = layout
    data["proposal"]["title"] = rng.choice(PROPOSAL_TITLES)
    title = _title(rng, title_lines, data)
    if title:
        data["title"] = title
    else:
        data.pop("title", None)
    _set_addressee(data, rng, deputies, long_unit)
    data["copy_to"] = _units(rng, copy_to, copy_longest)
    _set_body(data, rng, pages)
    atts = _attachments(rng, attachments)
    if atts:
        data["attachments"] = atts
    else:
        data.pop("attachments", None)
    data["notes"] = [rng.choice(["此件公开发布", "此件依申请公开",
                                 "如对答复有意见，请在收到答复后十五日内向市人大常委会代表工作委员会反映"])
                     + ("" if k == 0 else f"（{k + 1}）") for k in range(notes)]
    if not data["notes"]:
        data.pop("notes")
    data["contacts"] = [{"name": _name(rng), "phones": ["0577-8960" + f"{k:04d}", "1599073" + f"{k:04d}"][: 1 + k % 2]}
                        for k in range(max(1, contacts))]
    if signers and layout == "file":
        data["signer"] = _names(rng, signers) if signers > 1 else _name(rng)
    else:
        data.pop("signer", None)
    if organ_len:
        data["signature"]["organ"] = _unit(rng, organ_len)
    if printing == "none":
        data.pop("printing", None)
    else:
        organ = (data["organ"] + "办公室") if printing == "short" else _unit(rng, 30)
        data["printing"] = {"organ": organ, "date": data["signature"]["date"]}
        if layout == "plain" and rng.random() < 0.7:
            data["printing"]["show"] = True
    if limits:
        _at_schema_limits(data, rng)
    return Point(key, data, record_page, pages)


def _at_schema_limits(data: dict, rng: random.Random) -> None:
    """Every free-text field the page prints at the longest the schema accepts."""
    data["organ"] = _unit(rng, 60)
    data["organ_mark"] = _unit(rng, 60)
    data["doc_number"] = (_unit(rng, 30) + "〔2025〕1234567号")[:40]
    data["signature"]["organ"] = _unit(rng, 60)
    data["signature"]["leader"] = "".join(rng.choice(GIVEN) for _ in range(20))
    data["category"] = "ABCD"
    if "signer" in data:
        data["signer"] = _names(rng, 8)
    data["copy_to"] = _units(rng, 6, 60)
    if "printing" in data:
        data["printing"]["organ"] = _unit(rng, 60)
    if data["addressee"].get("unit"):
        data["addressee"]["unit"] = _unit(rng, 60)
    data["attachments"] = [{"title": ("附件" + _paragraph(rng, 3, False))[:120], "content": [_paragraph(rng, 2, False)]},
                           ("清单" + _paragraph(rng, 3, False))[:120]]
    data["notes"] = [(_paragraph(rng, 6, False))[:300]]
    data["contacts"] = [{"name": "".join(rng.choice(GIVEN) for _ in range(20)),
                         "phones": ["0577-89600223", "15990730946", "0577-8960022312345678"]}]
    long_heading = (_paragraph(rng, 5, False).replace("。", "，"))[:199] + "。"
    long_para = "".join(rng.choice(SENTENCES) for _ in range(120))[:5000]
    body = [{"heading": long_heading, "body": [long_para, {"heading": long_heading, "run_in": True,
                                                           "body": [_paragraph(rng, 2, True)]}]}]
    kind = data.get("type")
    if kind == "return":
        data["return"]["reason"] = body
        data["return"]["handler"] = _unit(rng, 60)
    elif kind != "extension":
        data["measures"] = body


_CACHE: dict[str, dict] = {}


def _example_data(name: str) -> dict:
    if name not in _CACHE:
        path = EXAMPLES[name]
        draft, _ = loads_draft(path.read_bytes(), "yaml", path.name)
        data = draft.data
        data.pop("$schema", None)
        _CACHE[name] = _plain(data)
    return _CACHE[name]


def _plain(node):
    """ruamel containers and dates as plain JSON values."""
    import datetime as dt

    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, (dt.date, dt.datetime)):
        return node.isoformat()
    return node


LAYOUTS = ("file", "letter", "plain")
# Fixed points: every dimension at its limit at least once, in each layout.
EXTREMES = [
    dict(title_lines=4, deputies=40, long_unit=True, copy_to=20, copy_longest=28, pages=0.3, attachments=6,
         notes=6, contacts=6, signers=6, organ_len=28, printing="long", record_page="last"),
    dict(title_lines=1, deputies=1, long_unit=False, copy_to=0, copy_longest=3, pages=8, attachments=0,
         notes=0, contacts=1, signers=1, organ_len=None, printing="none", record_page="last"),
    dict(title_lines=3, deputies=25, long_unit=True, copy_to=12, copy_longest=20, pages=2, attachments=3,
         notes=3, contacts=2, signers=3, organ_len=20, printing="short", record_page="even"),
    dict(title_lines=2, deputies=8, long_unit=False, copy_to=1, copy_longest=28, pages=0.6, attachments=1,
         notes=1, contacts=3, signers=4, organ_len=None, printing="short", record_page="last"),
]


def sweep_points(random_per_example: int = 6) -> list[Point]:
    points: list[Point] = []
    # fixed, so a failure can be rerun; DRAFTER_SWEEP_SEED explores other combinations
    seed = int(os.environ.get("DRAFTER_SWEEP_SEED", "9704"))
    for example in EXAMPLES:
        for k, fixed in enumerate(EXTREMES):
            layout = LAYOUTS[(k + len(points)) % 3]
            points.append(make_point(f"{example}-x{k}-{layout}", example, layout=layout, seed=seed, **fixed))
            seed += 1
        rng = random.Random(seed)
        for k in range(random_per_example):
            layout = rng.choice(LAYOUTS)
            points.append(make_point(
                f"{example}-r{k}-{layout}", example, layout=layout, seed=seed + k,
                title_lines=rng.choice((0, 1, 2, 3, 4)), deputies=rng.choice((1, 2, 3, 6, 12, 40)),
                long_unit=rng.random() < 0.5, copy_to=rng.choice((0, 1, 3, 7, 20)),
                copy_longest=rng.choice((6, 12, 28)), pages=rng.choice((0.3, 0.8, 1.0, 1.5, 2.4, 4, 8)),
                attachments=rng.choice((0, 0, 1, 2, 4, 6)), notes=rng.choice((0, 1, 2, 6)),
                contacts=rng.choice((1, 2, 6)), signers=rng.choice((1, 2, 5, 6)),
                organ_len=rng.choice((None, None, 14, 24)), printing=rng.choice(("none", "short", "long")),
                record_page=rng.choice(("last", "last", "even"))))
        seed += random_per_example
        # every printed free-text field at the schema's maximum length, in each layout
        for layout in LAYOUTS:
            points.append(make_point(f"{example}-limits-{layout}", example, layout=layout, seed=seed,
                                     **{**EXTREMES[3], "printing": "long", "signers": 2}, limits=True))
            seed += 1
    return points
