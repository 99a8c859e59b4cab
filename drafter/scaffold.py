"""`drafter new`: a complete draft with Chinese guidance comments for every part.

The scaffold is written as text (not dumped from data) so that every part carries its
comment. Values a person must still supply are 【待填：…】 placeholders, which
`drafter check` reports one line each until they are filled in.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace
from typing import Any

SCHEMA_LINE = "# yaml-language-server: $schema={schema}"


def placeholder(what: str) -> str:
    return f"【待填：{what}】"


def _q(value: Any) -> str:
    """A YAML scalar for `value`: double-quoted JSON strings are valid YAML and never ambiguous."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.startswith("【待填"):
        return value
    return json.dumps(str(value), ensure_ascii=False)


def _quoted(value: Any) -> str:
    """Always in quotes, placeholder or not: where a person typing over 【待填：联系电话】 writes
    digits (0185, 5077969), the quotes keep them text, leading zero and all."""
    return json.dumps(str(value), ensure_ascii=False)


@dataclass
class ScaffoldOptions:
    kind: str = "npc"
    layout: str = "file"
    organ: str | None = None
    organ_mark: str | None = None
    doc_number: str | None = None
    doc_prefix: str | None = None
    signer: str | None = None
    category: str | None = None
    session: str | None = None
    number: str | None = None
    title: str | None = None
    handling: str = "独办"
    co_handlers: list[str] = field(default_factory=list)
    deputies: list[str] = field(default_factory=list)
    count: int | None = None
    unit: str | None = None
    leader: str | None = None
    contacts: list[dict[str, Any]] = field(default_factory=list)
    copy_to: list[str] = field(default_factory=list)
    printing_organ: str | None = None
    proposal_title: str | None = None
    assigned: str | None = None  # YYYY-MM-DD
    extended: bool = False
    case: dict[str, Any] = field(default_factory=dict)  # prefilled case fields (drafter intake)
    doc_type: str = "reply"  # reply, opinion, return, extension (the draft's `type`)
    source: str | None = None  # where the prefilled values came from, said in the header
    schema: str = "https://drafter.invalid/schemas/reply.schema.json"
    year: int = field(default_factory=lambda: dt.date.today().year)

    def apply_profile(self, organ: dict[str, Any]) -> None:
        """Fill what the command line left open from drafter.toml's [organ]."""
        self.organ = self.organ or organ.get("name")
        self.organ_mark = self.organ_mark or organ.get("mark")
        self.doc_prefix = self.doc_prefix or organ.get("doc_prefix")
        self.signer = self.signer or organ.get("signer")
        self.leader = self.leader or organ.get("leader")
        self.printing_organ = self.printing_organ or organ.get("printing_organ")
        if not self.copy_to:
            self.copy_to = list(organ.get("copy_to") or [])
        if not self.contacts:
            self.contacts = [dict(c) for c in organ.get("contacts") or []]


def render_scaffold(o: ScaffoldOptions) -> str:
    member = "委员" if o.kind == "cppcc" else "代表"
    word = "提案" if o.kind == "cppcc" else "建议"
    office = "政协提案委" if o.kind == "cppcc" else "人大常委会代表工委"
    organ = o.organ or placeholder("发文机关全称，如 温州市市场监督管理局")
    if o.doc_number:
        doc_number = o.doc_number
    elif o.doc_prefix:
        doc_number = placeholder(f"发文字号，如 {o.doc_prefix}〔{o.year}〕1号")
    else:
        doc_number = placeholder(f"发文字号，如 温市监提〔{o.year}〕99号")
    L: list[str] = []
    add = L.append

    add(SCHEMA_LINE.format(schema=o.schema))
    add(f"# 答复函草稿（{'政协提案' if o.kind == 'cppcc' else '人大代表建议'}）。把各处“待填”内容换成实际内容后运行：")
    add("#   drafter check 本文件     检查内容和格式")
    add("#   drafter render 本文件    生成可签发的 Word 文档")
    if o.source:
        add(f"# 交办信息由 drafter intake 从 {o.source} 预填；清单更新后重新运行 intake 不会覆盖本文件。")
    add("# 日期一律写作 YYYY-MM-DD；编号、电话请加引号；正文不要手写“一、”“（一）”等序号。")
    add("")
    add("# npc：人大代表建议；cppcc：政协委员提案")
    add(f"kind: {o.kind}")
    add("# 文种：reply 答复函；opinion 协办/会办意见（写给主办单位）；return 退办函（写给交办机关）；extension 延期答复说明")
    add(f"type: {o.doc_type}")
    add("# file：文件式版头（红字“××文件”）；letter：信函式（函）；plain：无版头，套印在公函纸上")
    add(f"layout: {o.layout}")
    add("")
    add("# 发文机关全称")
    add(f"organ: {_q(organ)}")
    if o.organ_mark:
        add("# 版头红字（发文机关标志）；省略时文件式为“发文机关+文件”，信函式为发文机关全称")
        add(f"organ_mark: {_q(o.organ_mark)}")
    add("# 发文字号：机关代字〔四位年份〕序号号，六角括号，序号不编虚位、不加“第”")
    add(f"doc_number: {_q(doc_number)}")
    add("# 签发人（上行文须标注）；不需要时删去本行。几位签发人写成列表，版头每行排两个姓名：")
    add("#   signer:")
    add("#     - 张三")
    add("#     - 李四")
    if isinstance(o.signer, list):
        add("signer:")
        for name in o.signer:
            add(f"  - {_q(name)}")
    else:
        add(f"signer: {_q(o.signer)}" if o.signer else "# signer: 张三")
    add("# 类别标记（办理结果分类，如 A 已解决、B 正在解决、C 列入计划），印在首页右上角；不需要时删去")
    add(f"category: {_q(o.category)}" if o.category else "# category: A")
    add("# 标题：省略时自动生成“关于…第…号" + word + "的答复”；确需改写时填写")
    add(f"title: {_q(o.title)}" if o.title else "# title: 关于市十六届人大五次会议第0185号建议的答复")
    add("")
    add(f"# ── 所答复的{word} ──")
    add("proposal:")
    add("  # 届次会次，如 市十六届人大五次会议")
    add(f"  session: {_q(o.session or placeholder('届次会次，如 市十六届人大五次会议'))}")
    add(f"  # {word}编号，按交办通知原样填写，加引号以保留前导零")
    add(f"  number: {_quoted(o.number or placeholder(word + '编号，如 0185'))}")
    add(f"  # {word}标题，不带书名号")
    add(f"  title: {_q(o.proposal_title or placeholder(word + '标题，如 关于加强知识产权保护的' + word))}")
    add("  # 交办日期（YYYY-MM-DD）；填写后检查答复期限（3个月，经批准延期不超过6个月）")
    add(f"  assigned: {o.assigned}" if o.assigned else "  # assigned: 2025-03-20")
    add("  # 已办理延期手续时打开")
    # a 延期答复说明 exists because the extension was approved: CS906 wants the two to agree
    add("  extended: true" if o.extended or o.doc_type == "extension" else "  # extended: true")
    add("  # 办理方式：独办、主办、协办、会办、分办")
    add(f"  handling: {o.handling}")
    if o.co_handlers or o.handling == "主办":
        add("  # 协办（会办）单位")
        add("  co_handlers:")
        for name in o.co_handlers or [placeholder("协办单位名称")]:
            add(f"    - {_q(name)}")
    else:
        add("  # 主办时列出协办单位：")
        add("  # co_handlers:")
        add("  #   - 市科技局")
    add("")
    add("# ── 主送 ──")
    add("addressee:")
    if o.doc_type == "return":
        add(f"  # 退办函写给交办机关，如 {office}、市政府督查室")
        add(f"  unit: {_q(o.unit or placeholder('交办机关，如 ' + office))}")
    elif o.unit or o.doc_type == "opinion" or (o.doc_type == "reply" and o.handling in ("协办", "会办")):
        add("  # 协办/会办意见写给主办单位")
        add(f"  unit: {_q(o.unit or placeholder('主办单位名称'))}")
    else:
        add(f"  # {member}姓名，领衔者在前；联名时只列领衔者也可以，总人数写在 count")
        add("  deputies:")
        for name in o.deputies or [placeholder(f"领衔{member}姓名")]:
            add(f"    - {_q(name)}")
        add(f"  # 联名总人数（含领衔者）：6 → “某某等6位{member}”；一人时写 1")
        add(f"  count: {o.count or max(len(o.deputies), 1)}")
    add("  # 确需改写称谓时填写（不含冒号）；省略时按姓名和人数生成")
    add(f"  # salutation: 王贤理等6位{member}")
    add("")
    if o.doc_type == "return":
        L.extend(_return_section(word))
    elif o.doc_type == "extension":
        L.extend(_extension_note(word))
    else:
        L.extend(_body_section(o, word))
    _tail(o, L, organ, office)
    L.extend(_case_section(o, member))
    return "\n".join(L) + "\n"


def _return_section(word: str) -> list[str]:
    return [
        "# 开头语、结束语按退办函生成：“……收悉。经认真研究，该" + word + "所提事项不属于我单位职责范围……”",
        "# “建议改由××办理。特此函告。”确需改写时填写 acknowledgement / closing",
        "",
        "# ── 退办理由和建议承办单位 ──",
        "return:",
        "  # 本单位签收日期（YYYY-MM-DD）；退办期限（drafter.toml [caseload] return，默认5个工作日）从这天算起，省略时按交办日期",
        "  # received: 2025-03-12",
        "  # 为什么不属于本单位职责：写明依据（“三定”方案、法律法规）；可分段、分层",
        "  reason:",
        f"    - {placeholder('退办理由和依据')}",
        "  # 建议改由哪个单位办理（全称）",
        f"  handler: {_q(placeholder('建议承办单位全称'))}",
        "",
    ]


def _extension_note(word: str) -> list[str]:
    return [
        "# 延期答复说明的正文取自下面 case.extension 的 reason（每行一段），新的答复期限取自 until；",
        "# 开头语、结束语按延期说明生成：“……收悉。……因以下原因，不能在规定期限内答复：”“我们将……于×月×日前正式答复您。”",
        "# proposal.extended 已设为 true；请在 case.extension 中填写批准日期。",
        "",
    ]


def _body_section(o: ScaffoldOptions, word: str) -> list[str]:
    L: list[str] = []
    add = L.append
    add("# 开头语：省略时生成“您提出的《…》（第…号）收悉……现答复如下：”；确需改写时填写整句")
    add("# acknowledgement: 您提出的《……》（第0185号）收悉，该建议由我局独办，现将办理情况答复如下：")
    add("")
    add("# ── 正文 ──")
    add("# 每一项是一段文字，或一个分层标题 {heading, body}；序号（一、（一）1.（1））由程序编排。")
    add("# heading 只写标题文字；run_in: true 表示标题与下面第一段接排；需要加粗的文字用 **…** 括起。")
    add("# 办理背景（可省略）")
    add("background:")
    add(f"  - {placeholder('办理背景：收到' + word + '后的沟通调研情况')}")
    add("# 措施与成效：逐条回应" + word + "所提事项")
    add("measures:")
    add(f"  - heading: {placeholder('第一项措施的标题')}")
    add("    body:")
    add(f"      - {placeholder('措施内容和成效')}")
    add("  # 接排标题的写法：")
    add("  # - heading: 持续深化知识产权宣传教育。")
    add("  #   run_in: true")
    add("  #   body:")
    add("  #     - 一是……二是……")
    add("# 存在问题或不能解决的原因（可省略）")
    add("# problems:")
    add("#   - 但当前……")
    add("# 下一步工作：B、C类答复须写明计划和时限")
    add("next_steps:")
    add(f"  - {placeholder('下一步工作计划和时限')}")
    add("# 结束语：省略时生成“感谢您对我们工作的关心和支持！”")
    add("# closing: 感谢您对我们工作的关心和支持，敬请继续提出宝贵意见。")
    add("")
    return L


def _tail(o: ScaffoldOptions, L: list[str], organ: str, office: str) -> None:
    add = L.append
    word = "提案" if o.kind == "cppcc" else "建议"
    add("# ── 落款 ──")
    add("signature:")
    add("  # 署名机关，一般与发文机关相同")
    add(f"  organ: {_q(organ)}")
    add("  # 领导署名（可省略）")
    add(f"  leader: {_q(o.leader)}" if o.leader else "  # leader: 张三")
    add("  # 成文日期 YYYY-MM-DD，印出为“2025年5月7日”")
    add(f"  date: {placeholder('成文日期，如 ' + str(o.year) + '-05-07')}")
    add("")
    add("# ── 联系人（印在附注）：至少一人，电话为固话（可带区号）或11位手机，加引号 ──")
    add("contacts:")
    contacts = o.contacts or [{"name": placeholder("联系人姓名"), "phones": [placeholder("联系电话")]}]
    for c in contacts:
        add(f"  - name: {_q(c.get('name') or placeholder('联系人姓名'))}")
        add("    phones:")
        for ph in c.get("phones") or [placeholder("联系电话")]:
            add(f"      - {_quoted(ph)}")
    add("")
    if o.doc_type in ("opinion", "return") and not o.copy_to:
        # an opinion goes to the lead unit, a 退办函 to the assigning office: no copy list is needed
        add("# ── 抄送（可为空；协办意见不抄送代表）：如 copy_to: [市政府督查室] ──")
        add("copy_to: []")
    else:
        add(f"# ── 抄送：{'政协提案须抄送政协提案委' if o.kind == 'cppcc' else '人大建议须抄送人大常委会代表工委'}；名称后不加标点 ──")
        add("copy_to:")
        for name in o.copy_to or [placeholder(office + "等抄送机关")]:
            add(f"  - {_q(name)}")
    add("")
    if o.layout == "file":
        add("# ── 印发机关和印发日期（文件式版记）──")
        add("printing:")
        add(f"  organ: {_q(o.printing_organ or placeholder('印发机关，一般为发文机关办公室'))}")
        add(f"  date: {placeholder('印发日期，不早于成文日期，如 ' + str(o.year) + '-05-08')}")
    else:
        add("# 信函式不印“印发”行；文件式可填：")
        add("# printing:")
        add("#   organ: 某某局办公室")
        add("#   date: 2025-05-08")
    add("")
    add("# 其他附注（可省略），每条一句，印在成文日期下方括号内")
    add("# notes:")
    add("#   - 公开方式：主动公开")
    add("# 附件（可省略）：名称后不加标点。只写名称时只印附件说明；给出 content 则在正文后另面印出附件，")
    add("# 附件另附（不随文印出）时写 separate: true")
    add("# attachments:")
    add(f"#   - {'委员' if o.kind == 'cppcc' else '代表'}{word}办理情况征询意见表")
    add("#   - title: 项目清单")
    add("#     content:")
    add("#       - 附件正文，每项一段。")
    add("#   - title: 资金安排表")
    add("#     separate: true")
    add("")


# The case section: (key, comment, example lines). A key drafter intake filled is written as
# a value; the rest stay as commented examples so a clerk sees what can be recorded.
_CASE_GUIDE: list[tuple[str, str, list[str]]] = [
    ("status", "办理状态：待签收、待见面、在办、待签发、已答复、已反馈、重办、办结", ["status: 在办"]),
    ("group", "代表团（人大）或界别（政协）", ["group: {group}"]),
    ("key_item", "列为重点督办件时打开", ["key_item: true"]),
    ("due", "交办通知要求的办结日期；省略时按交办后3个月（延期6个月）计算", ["due: 2025-06-30"]),
    ("division", "承办科室", ["division: 知识产权保护处"]),
    ("handler", "经办人", ["handler: 王钧"]),
    ("leader", "分管领导", ["leader: 李四"]),
    ("communications", "与{member}见面、沟通的记录，每次一项；方式：面谈、电话、座谈、实地、走访、见面会、书面",
     ["communications:", "  - date: 2025-03-20", "    way: 面谈", "    who: 李四副局长、王钧",
      "    deputies: [王贤理]", "    view: 同意办理方向"]),
    ("replied", "答复函送达{member}的日期（签发日即落款的成文日期）；协办意见填送主办单位的日期", ["replied: 2025-05-12"]),
    ("late_reason", "超过期限时写明原因", ["late_reason: 因需实地调研，经与{member}沟通后推迟答复"]),
    ("extension", "经批准延期时填写批准日期和新期限，并把 proposal.extended 设为 true",
     ["extension:", "  approved: 2025-05-20", "  until: 2025-08-10", "  reason: 涉及多个部门，需进一步协调"]),
    ("feedback", "{member}交回的征求意见表，每人一项：满意、基本满意、不满意",
     ["feedback:", "  - deputy: 王贤理", "    result: 满意", "    date: 2025-05-20"]),
    ("publish", "可否公开（true 可以公开，false 不予公开）和公开日期", ["publish:", "  allowed: true", "  date: 2025-06-01"]),
]


def _case_section(o: ScaffoldOptions, member: str) -> list[str]:
    if o.doc_type == "extension" and "extension" not in o.case:
        o = replace(o, case={**o.case, "extension": {
            "approved": placeholder("批准延期的日期，如 2025-05-30"),
            "until": placeholder("新的答复期限，如 2025-08-29"),
            "reason": placeholder("不能按期答复的原因，每行一段")}})
    out = ["# ── 办理情况（不印在答复函上）：drafter due 据此提醒期限，drafter ledger 生成台账 ──"]
    if not o.case:
        out.append("# 需要记录办理过程时，去掉下面各行的“# ”：")
    out.append("case:" if o.case else "# case:")
    for key, comment, example in _CASE_GUIDE:
        out.append(f"  # {comment.format(member=member)}")
        if key in o.case:
            value = o.case[key]
            if isinstance(value, dict):
                out.append(f"  {key}:")
                out.extend(f"    {k}: {_q(v)}" for k, v in value.items())
            elif key == "due":
                out.append(f"  {key}: {value}")  # a bare date, as the other dates are written
            else:
                out.append(f"  {key}: {_q(value)}")
        else:
            group = "经济界" if member == "委员" else "思明代表团"
            out.extend(f"  # {line.format(member=member, group=group)}" for line in example)
    return out


def scaffold_as_json(text: str, schema: str) -> str:
    """JSON has no comments: the same scaffold, as data."""
    import json

    from drafter.drafts import loads_draft

    draft, _ = loads_draft(text, "yaml", "scaffold.yaml")
    data = {"$schema": schema}
    data.update(draft.data)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
