"""Named recognisers for the key fields of a reply, each reading the whole letter.

Each recogniser looks for one shape a field takes in real letters (a label, a place in the
letter, a copy in the page header) and offers what it read to an Evidence record, with the
paragraph and a confidence; evidence.py chooses. Where a paragraph sits is judged from the
letter's anchors only: the salutation (称谓), the opening sentence (…收悉…), and what lies
before and after them — so a web page's header, menus and footer can be told from the letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter import grammar as G
from drafter.importer import fields as F
from drafter.importer.evidence import Evidence

CJK = G.CJK
NAME = rf"[{CJK}·*＊×Ｘ]"

RECOGNISERS: list = []


def recogniser(fn):
    RECOGNISERS.append(fn)
    return fn


@dataclass
class Letter:
    texts: list[str]        # plain text of every paragraph, normalised (see build.norm)
    sal: int | None         # the salutation paragraph
    ack: int | None         # the opening sentence
    end: int                # first paragraph after the body (closing or tail)

    @property
    def start(self) -> int:
        """First paragraph of the letter proper (salutation or opening sentence)."""
        return min(x for x in (self.sal, self.ack, len(self.texts)) if x is not None)

    def head(self):
        return list(enumerate(self.texts))[: self.start]

    def tail(self):
        return list(enumerate(self.texts))[self.end:]

    def opening(self):
        """The salutation and opening sentence (often one paragraph on web pages)."""
        idx = sorted({i for i in (self.sal, self.ack) if i is not None})
        return [(i, self.texts[i]) for i in idx]


def anchors(paragraphs: list[str]) -> Letter:
    """The letter's anchors found in its paragraphs (normalised for reading)."""
    from drafter.importer.build import norm
    from drafter.importer.segment import _is_tail, _opens, _salutation_index

    texts = [norm(F.plain(p)) for p in paragraphs]
    sal = _salutation_index(texts)
    after = (sal + 1) if sal is not None else 0
    ack = next((i for i in range(after, min(after + 3, len(texts))) if F.is_acknowledgement(texts[i]) or _opens(texts[i])), None)
    if ack is None and sal is None:
        ack = next((i for i, t in enumerate(texts) if F.is_acknowledgement(t)), None)
    start = (ack if ack is not None else sal if sal is not None else 0) + 1
    end = next((k for k in range(start, len(texts)) if _is_tail(texts, k) or F.is_closing(texts[k])), len(texts))
    return Letter(texts, sal, ack, end)


def recognise(letter: Letter) -> Evidence:
    ev = Evidence()
    for fn in RECOGNISERS:
        fn(letter, ev)
    _drop_conflicting_site_organ(letter, ev)
    return ev


# -- salutation -----------------------------------------------------------------------

_SALUTE = re.compile(
    rf"^(?:尊敬的|尊敬)?\s*(?P<who>{NAME}{{1,8}}?(?:\s*[、，,]\s*{NAME}{{1,8}}?)*?)"
    rf"(?:\s*等?\s*(?P<n>\d{{1,4}}|[一二两三四五六七八九十]{{1,3}})\s*[位名])?\s*(?:等)?\s*"
    r"(?P<word>代表团|代表|委员|副主席|主席|副主委|主委)(?:们)?\s*(?:您好|你好)?\s*[!！]?\s*(?P<colon>[：:])?"
)
_TITLE_WORDS = re.compile(r"^(?:县|市|区|省|全国|人大|政协|镇|乡|各位|主任|副主任|秘书长|的|尊敬|亲爱|全体)")
# a two-character name typeset with a space to line up with three-character ones: "闫 冰、唐治禄"
_PADDED_NAME = re.compile(rf"(?:(?<=^)|(?<=[、，,:：的]))({NAME})[ \u3000]({NAME})(?=[、，,]|\s*等|\s*代表|\s*委员)")


def salutation_at(t: str) -> dict | None:
    """"尊敬的王亚春区人大代表:", "王恒5名代表", "张**、李四等12名代表：您提出的…" → names, count."""
    t = _PADDED_NAME.sub(r"\1\2", t.strip())
    m = _SALUTE.match(t)
    if not m:
        return None
    rest = t[m.end():].strip()
    if rest and not m.group("colon"):
        return None  # "代表们提出的建议…" is a sentence, not a salutation
    if rest and not re.match(r"^(?:您|你|贵|在|关于|《|“|现|经|首先|感谢)", rest):
        return None
    who = m.group("who")
    count = m.group("n")
    if not count:
        m2 = re.match(rf"^(.*?{NAME})(\d{{1,4}})\s*[位名]?$", who)  # "王恒5名" lost its 等
        if m2:
            who, count = m2.group(1), m2.group(2)
    # "王亚春区人大代表": a name followed by the level of the congress
    who = re.sub(r"(?:省|市|县|区|镇|乡|全国)?(?:人大|政协)$", "", who)
    # "刘苍林政协绿春县委员": the body she sits on, named between her name and 委员
    who = re.sub(rf"(?<={NAME}{{2}})(?:政协|人大)[{CJK}]{{1,10}}?(?:省|市|县|区|州|旗|镇|乡)?$", "", who) if len(who) > 4 else who
    who = re.sub(rf"(?<={NAME}{{2}})(?:省|市|县|区|镇|乡)$", "", who) if len(who) > 3 else who
    names = [n.strip() for n in re.split(r"[、，,]", who) if n.strip()]
    if not names or any(len(n) > 6 for n in names) or any(_TITLE_WORDS.match(n) for n in names):
        if m.group("word") != "代表团":
            return None
    word = m.group("word")
    if word not in ("代表团", "代表", "委员"):
        # "尊敬的夏泽主席:": a CPPCC or party leader who made the proposal, named before the title
        if len(names) != 1 or not m.group("colon"):
            return None
        word = "委员"
    out: dict = {"word": word, "text": t[: m.end()].rstrip("：:!！ "), "run_in": bool(rest)}
    if m.group("word") == "代表团":
        out["deputies"] = [who + "代表团"]
        out["word"] = "代表"
        return out
    out["deputies"] = names
    if count:
        out["count"] = int(count) if count.isdigit() else _cn(count.replace("两", "二"))
    elif len(names) > 1 and "等" not in t[: m.end()]:
        out["count"] = len(names)  # "甲、乙代表": two signers; "甲、乙等代表" says there are more
    return out


def _cn(s: str) -> int | None:
    from drafter.text import parse_chinese_numeral

    return parse_chinese_numeral(s)


@recogniser
def addressee(letter: Letter, ev: Evidence) -> None:
    if letter.sal is None:
        return
    t = letter.texts[letter.sal]
    s = salutation_at(t)
    if s:
        ev.offer("addressee.deputies", s["deputies"], "称谓", t, letter.sal, 0.9)
        if s.get("count"):
            ev.offer("addressee.count", s["count"], "称谓人数", t, letter.sal, 0.9)
        ev.offer("kind", "cppcc" if s["word"] == "委员" else "npc", "称谓用语", t, letter.sal, 0.9)
        return
    unit = F.unit_salutation(t)
    if unit and _PROPOSER_BODY.match(unit) and _answers_a_proposal(letter):
        # a collective proposal: the party or CPPCC committee that made it is the addressee
        ev.offer("addressee.deputies", [unit], "提案单位称谓", t, letter.sal, 0.85)
        ev.offer("kind", "cppcc", "称谓用语", t, letter.sal, 0.85)
    elif unit:
        ev.offer("addressee.unit", unit, "主送单位", t, letter.sal, 0.85)


# the parties, people's organisations and CPPCC committees that make collective proposals
_PROPOSER_BODY = re.compile(
    r"^(?:中国)?(?:民革|民盟|民建|民进|农工党|农工民主党|致公党|九三学社|台盟|工商联|共青团|团[省市县区]委|妇联|科协|侨联|文联|总工会|"
    r"[^、]{0,12}政协[^、]{0,16}委员会)")


def _answers_a_proposal(letter: Letter) -> bool:
    """The opening sentence speaks of a proposal handed to this unit, not of one it leads."""
    text = "".join(t for _, t in letter.opening())
    return bool(re.search(r"提案", text)) and not re.search(r"贵单位主办|你单位主办|贵局主办|你局主办|协办意见|会办意见", text)


# -- the letter's title and the opening sentence ------------------------------------------

_SESSION = re.compile(
    rf"(?:[{CJK}]{{0,16}}?(?:第?[一二三四五六七八九十\d]{{1,3}}届|[{CJK}]{{0,3}}政协)"
    rf"[{CJK}]{{0,12}}?第?[一二三四五六七八九十\d]{{1,3}}次(?:全体)?会议)"
)
_SESSION_BROKEN = re.compile(rf"[{CJK}]{{0,12}}?(?:人大|人民代表大会|政协|委员会)[{CJK}]{{0,10}}?(?:第次|届次|第届|届第次)会议")


def _session_in(t: str) -> tuple[str, bool] | None:
    t = re.sub(r"\s+", "", t)
    for m in _SESSION.finditer(t):
        text = m.group(0)
        if not re.search(r"人大|人民代表大会|政协|委员会", text):
            continue
        return _cut_session(text), True
    m = _SESSION_BROKEN.search(t)
    if m:
        return _cut_session(m.group(0)), False
    return None


_CORE = re.compile(r"人大|人民代表大会|政协|第?[一二三四五六七八九十\d]{1,3}届")
_CUT_WORDS = re.compile(r"关于|对于|对|在|将|向|就|您|你们|你|年|提出|期间")


# what the words before a session's core end with when they name its place or body
_PLACE_END = re.compile(r"(?:省|市|县|区|州|盟|旗|镇|乡|人大|政协|委员会|兵团|全国)$")


def _cut_session(text: str) -> str:
    """"蕲春县水利局对县十七届人大二次会议" → "县十七届人大二次会议": the session starts after the
    last word before its core (届, 人大, 政协) that cannot belong to a place name; what is left
    before the core and names no place ("…官方网站十六届人大…" on a mangled copy) goes too."""
    core = _CORE.search(text)
    if not core:
        return text
    cuts = [m.end() for m in _CUT_WORDS.finditer(text, 0, core.start())]
    start = cuts[-1] if cuts else 0
    prefix = text[start:core.start()]
    if prefix and not _PLACE_END.search(prefix):
        start = core.start()
    return text[start:]


_NUMBER = [
    # "第20250118040077号建议": some platforms number suggestions with a 14-digit serial
    (re.compile(rf"第\s*([A-Z]{{0,3}}[0-9０-９]{{1,16}}|[{CJK}][0-9]{{1,6}})\s*号\s*(?:的)?\s*(?:代表)?(?:建议|提案|议案)"), 0.9),
    (re.compile(r"(?:会议|届)\s*([0-9０-９]{1,6})\s*号\s*(?:的)?\s*(?:代表)?(?:建议|提案|议案)"), 0.85),
    (re.compile(r"[（(]\s*(?:第|编号|建议|提案|人大建议|政协提案)?\s*[:：]?\s*([0-9０-９]{1,6})\s*号\s*[）)]"), 0.8),
    (re.compile(r"(?:建议|提案)\s*(?:编号|序号|号)\s*[:：]?\s*([0-9０-９]{1,6})"), 0.75),
    (re.compile(r"第\s*([0-9０-９]{1,6})\s*号"), 0.5),
]
_FW = str.maketrans("０１２３４５６７８９", "0123456789")


_META_TITLE = re.compile(r"^\s*(?:标\s*题|名\s*称|信息名称|文件名称)\s*[:：|]\s*(.+?)\s*[|\s]*$")


def _titles(letter: Letter):
    """Title-like lines before the letter: the letter's own title and the page's header copy."""
    out = []
    for i, t in letter.head():
        meta = _META_TITLE.match(t)  # a page's metadata field: "标 题 | 对市政协…提案的协办意见 |"
        if meta:
            t = meta.group(1).strip(" |")
        elif F.is_furniture(t):
            continue
        if len(t) <= 120 and re.search(r"答\s*复|复函|回复|意见|建议|提案|议案", t):
            out.append((i, t))
    # a title broken over lines: "对临湘市政协十届三次会议第18号提案的" + "答 复"
    joined = []
    for k, (i, t) in enumerate(out):
        if k + 1 < len(out) and out[k + 1][0] == i + 1 and not re.search(r"答\s*复$|函$|意见$", t):
            joined.append((i, t + out[k + 1][1]))
    # … or broken before its number: "关于政协东兰县委员会十二届四次会议" + "第13号提案的答复"
    texts = dict(letter.head())
    for i, t in out:
        prev = texts.get(i - 1)
        if prev and re.match(r"^第?\s*[A-Z]?\d", t) and re.match(r"^(?:关于|对)", prev) and len(prev) <= 60 \
                and not F.is_furniture(prev):
            joined.append((i - 1, prev + t))
    return out + joined


@recogniser
def session_and_number(letter: Letter, ev: Evidence) -> None:
    sources = [(i, t, "标题", 0.85) for i, t in _titles(letter)]
    sources += [(i, t, "开头语", 0.8) for i, t in letter.opening()]
    for i, t, name, conf in sources:
        tt = re.sub(r"[《“][^》”]*[》”]", "", t)  # the suggestion's title says nothing about the session
        s = _session_in(tt)
        if s:
            ev.offer("proposal.session", s[0], f"{name}届次", t, i, conf, intact=s[1])
        for rx, c in _NUMBER:
            m = rx.search(tt)
            if m:
                ev.offer("proposal.number", m.group(1).translate(_FW), f"{name}编号", t, i, conf * c)
                break
    for i, t in letter.head():
        m = re.search(r"(?:建议|提案)(?:编号|号)\s*[:：]\s*([0-9]{1,6})\b", t)
        if m:
            ev.offer("proposal.number", m.group(1), "编号标注", t, i, 0.7)


# the suggestion's number may stand between 提出的 and its quoted title: "提出的第18号“关于…”"
_NUMBER_WORD = r"(?:第\s*[A-Z]{0,3}[0-9０-９]{1,16}\s*号\s*(?:建议|提案)?\s*)?"
_QUOTED = [
    # 《…》 in the opening sentence, after 提出的/所提/提交的 when there are several
    (re.compile(rf"(?:提出|所提|提交|领衔|提)(?:的|了)?\s*{_NUMBER_WORD}(?:关于)?\s*《(?P<t>[^《》]{{2,200}})》"), 0.95, "开头语书名号"),
    (re.compile(rf"(?:提出|所提|提交|提)(?:的|了)?\s*{_NUMBER_WORD}(?:关于)?\s*“(?P<t>[^“”]{{2,200}})”\s*(?:的)?(?:建议|提案)?"), 0.9, "开头语引号"),
    (re.compile(r"《(?P<t>[^《》]{2,200})》"), 0.85, "开头语书名号"),
    # an unbalanced 》: "提出的关于新建…的建议》（第42号）"
    (re.compile(r"(?:提出|所提|提交)(?:的|了)\s*(?P<t>关于[^《》，。]{2,150}?(?:建议|提案|议案))》"), 0.8, "开头语残缺书名号"),
    (re.compile(r"(?:提出|所提|提交)(?:的|了)\s*(?P<t>关于[^《》“”。；]{2,150}?的(?:建议|提案|议案))(?=[（(，,。]|收悉|已收悉|，?交由|办理)"), 0.7, "开头语无引号"),
]


@recogniser
def proposal_title(letter: Letter, ev: Evidence) -> None:
    for i, t in letter.opening():
        body = t
        s = salutation_at(t) if i == letter.sal else None
        if s and s.get("run_in"):
            body = t[len(s["text"]):]
        for rx, conf, name in _QUOTED:
            m = rx.search(body)
            if m:
                ev.offer("proposal.title", m.group("t").strip(), name, t, i, conf)
                break
    if letter.ack is None and letter.sal is not None and letter.sal + 1 < len(letter.texts):
        # "您好!您提出的《关于…的建议》对于……具有重要意义": an opening without 收悉
        i = letter.sal + 1
        m = _QUOTED[0][0].search(letter.texts[i]) or _QUOTED[1][0].search(letter.texts[i])
        if m:
            ev.offer("proposal.title", m.group("t").strip(), "称谓后的建议标题", letter.texts[i], i, 0.8)
    for i, t in _titles(letter):
        m = re.search(r"《(?P<t>[^《》]{2,200})》", t) or re.search(r"[（(](?P<t>关于[^（）()]{2,150}(?:建议|提案))[）)]", t)
        if m:
            ev.offer("proposal.title", m.group("t"), "标题中的建议标题", t, i, 0.6)
            continue
        m = re.search(r"关于(?P<t>关于.{2,150}?(?:建议|提案))(?:的)?(?:答复|回复|复函|办理)", t)
        if m:
            ev.offer("proposal.title", m.group("t"), "标题中的建议标题", t, i, 0.55)


# -- handling -----------------------------------------------------------------------------


@recogniser
def handling(letter: Letter, ev: Evidence) -> None:
    for i, t in _titles(letter):
        m = re.search(r"(协办|会办)(?:意见|答复)", t)
        if m:
            ev.offer("proposal.handling", m.group(1), "标题办理方式", t, i, 0.9)
    for i, t in letter.opening():
        h = F.handling(t)
        if h:
            ev.offer("proposal.handling", h, "开头语办理方式", t, i, 0.85)
    for i, t in letter.head():
        if re.match(r"^主\s*办\s*单\s*位\s*[:：]", t):
            ev.offer("proposal.handling", "主办", "主办单位标注", t, i, 0.5)


# -- letterhead: 文号, 签发人, 类别 -------------------------------------------------------

_GENERIC_LABEL = re.compile(r"^(?:文\s*号|发文字号|发文号|索\s*引\s*号|编\s*号|字\s*号)$")


@recogniser
def doc_number(letter: Letter, ev: Evidence) -> None:
    for i, t in letter.head() + [(i, t) for i, t in letter.tail() if len(t) < 60]:
        in_head = letter.sal is None or i < letter.start
        conf = 0.9 if in_head and len(t) < 50 else 0.6
        m = G.DOC_NUMBER.search(t)
        if m:
            ev.offer("doc_number", F.normalize_doc_number(m.group(0)), "文号", t, i, conf)
            continue
        # "建议字:〔2023〕8号": the 机关代字 before a colon, the year bracket right after it
        m = re.search(rf"([{CJK}]{{1,12}})\s*[:：]\s*({G.BRACKET_OPEN}\s*(?:19|20)\d{{2}}\s*{G.BRACKET_CLOSE}\s*第?\s*\d{{1,5}}\s*号)", t)
        if m and not _GENERIC_LABEL.match(m.group(1)):
            ev.offer("doc_number", F.normalize_doc_number(m.group(1) + m.group(2)), "冒号后的文号", t, i, conf * 0.9)
            continue
        broken = F.doc_number_broken(t)
        if broken and in_head:
            ev.offer("doc_number", broken, "残缺文号", t, i, conf * 0.8, intact=False)


_NUMBER_LABEL = re.compile(r"(?<!索引)(?:文\s*号|发文字号|发文号|发文文号)\s*[:：|]\s*$")
_CITED = re.compile(r"(?:》|根据|按照|依据|依照|参照|印发|转发|执行|见|以)\s*[（(]?\s*$")
# where the letter proper starts inside a paragraph that also holds its head
_LETTER_STARTS = re.compile(r"(?:代表团|代表|委员)(?:们)?\s*[:：]|收悉")


@recogniser
def doc_number_in_text(letter: Letter, ev: Evidence) -> None:
    """A 文号 buried in running text: labelled ("…发文字号：桂交函〔2023〕5号…") anywhere, or ahead of the
    salutation in a page that flattened head and letter into one paragraph. A number the letter
    cites ("根据《…》（黔教发〔2020〕25号）") is another document's and is never taken."""
    for i, t in enumerate(letter.texts):
        if len(t) < 50 and i < letter.start:
            continue  # a short head line: doc_number() reads it
        starts = _LETTER_STARTS.search(t) if i == letter.start else None
        for m in G.DOC_NUMBER.finditer(t):
            before = t[: m.start()]
            if _NUMBER_LABEL.search(before[-12:]):
                ev.offer("doc_number", F.normalize_doc_number(m.group(0)), "标注的文号", t, i, 0.75)
            elif starts and m.end() <= starts.start() and not _CITED.search(before[-6:]):
                ev.offer("doc_number", F.normalize_doc_number(m.group(0)), "称谓前的文号", t, i, 0.7)
            elif i >= letter.start and not _CITED.search(before[-6:]) and re.search(r"(?:^|\s)$", before) \
                    and re.match(r"\s|$", t[m.end():]):
                # standing alone between spaces or on its own line, not inside a sentence:
                # "某交函〔2023〕5号" under the salutation, or after the 落款 on a flattened page
                ev.offer("doc_number", F.normalize_doc_number(m.group(0)), "正文中单独的文号", t, i,
                         0.8 if len(t) - len(m.group(0)) <= 12 else 0.6)


_SIGNER = re.compile(rf"(?:签\s*发\s*人|领导签发|签发领导|签\s*发)\s*[:：]?\s*({NAME}(?:[ \u3000]{{0,2}}{NAME}){{1,3}})(?![{CJK}])")
_NOT_SIGNER = re.compile(r"^(?:领导|日期|时间|单位|机关|人员|同志)$")


_SIGNED_SENTENCE = re.compile(
    rf"经(?:[^，。；]{{0,12}}?(?:领导|负责人|负责同志))?\s*(?:(?:我|本)(?:局|委|厅|办|部|院|所|站|中心|单位|公司))?\s*({NAME}{{2,3}}?)\s*(?:同志)?\s*"
    r"(?:副?(?:局长|主任|厅长|部长|书记|院长|处长|会长|主席|县长|市长|区长|镇长|乡长|站长|所长|秘书长))?\s*(?:审签|签发|审定签发|审核签发)")


@recogniser
def signer(letter: Letter, ev: Evidence) -> None:
    for i, t in letter.head() + letter.tail():
        m = _SIGNER.search(t)
        name = re.sub(r"[ \u3000]", "", m.group(1)) if m else ""
        if m and not re.search(r"签发日期|签发时间", t) and not _NOT_SIGNER.match(name):
            ev.offer("signer", name, "签发人", t, i, 0.9 if "签发人" in t else 0.8)
    for i, t in enumerate(letter.texts[letter.start:], letter.start):
        m = _SIGNED_SENTENCE.search(t)
        if m:
            ev.offer("signer", m.group(1), "正文中的审签人", t, i, 0.6)


_CAT_LETTER = r"([A-Da-dＡ-Ｄａ-ｄ甲乙丙丁])"
_CATEGORY = [
    (re.compile(rf"(?:类\s*别(?:标记)?|办理类别|答复类别|办复类别|办理结果(?:类别)?|结果类别|分\s*类|答复类型|办理类型)\s*[:：]?\s*"
                rf"[（(〔\[【]?\s*{_CAT_LETTER}\s*类?\s*[）)〕\]】]?(?![A-Za-z{CJK}])"), 0.9, "类别标注"),
    (re.compile(rf"号\s*[（(〔\[【]?\s*{_CAT_LETTER}\s*类\s*[）)〕\]】]?"), 0.85, "文号后的类别"),
    (re.compile(rf"号\s*[（(〔\[【]\s*{_CAT_LETTER}\s*[）)〕\]】]"), 0.8, "文号后的类别"),
    (re.compile(rf"(?:答复|复函|回复|意见)\s*[（(〔\[【]\s*{_CAT_LETTER}\s*类?\s*[）)〕\]】]\s*$"), 0.8, "标题后的类别"),
    (re.compile(rf"^[（(〔\[【]?\s*{_CAT_LETTER}\s*类?\s*[）)〕\]】]?$"), 0.75, "单独一行的类别"),
    (re.compile(rf"(?:^|\s){_CAT_LETTER}\s*类\s*[）)〕\]】]?(?:\s|$)"), 0.6, "类别字样"),
]


@recogniser
def category(letter: Letter, ev: Evidence) -> None:
    for i, t in letter.head() + [(i, t) for i, t in letter.tail() if len(t) < 40]:
        if len(t) > 80:
            continue
        for rx, conf, name in _CATEGORY:
            m = rx.search(t)
            if m:
                mark = m.group(1).translate(str.maketrans("ＡＢＣＤａｂｃｄ", "ABCDabcd"))
                ev.offer("category", mark.upper() if mark.isascii() else mark, name, t, i, conf)
                break


# -- the organ ------------------------------------------------------------------------------

_ORGAN_LABEL = re.compile(rf"(?:承办单位|主办单位|联系单位|发布机构|发文机关|发文单位|来\s*源|信息来源)\s*[:：|]?\s*\|?\s*([{CJK}（）()]{{2,40}}?)(?=\s|$|\||[，,。；;]|发布|生成|主题|索|文号|作者|浏览|访问|点击)")


@recogniser
def organ(letter: Letter, ev: Evidence) -> None:
    # the 落款: an organ line (or organ + date on one line) after the body
    for i, t in letter.tail():
        parts = t.split("\t")
        for p in parts:
            p = p.strip()
            sl = F.signature_line(p)
            if sl and sl[0]:
                ev.offer("organ", sl[0], "落款机关", t, i, 0.9)
            elif F.looks_like_organ(p) and not F.is_furniture(p) and not p.endswith("办公室") or (
                    F.looks_like_organ(p) and i + 1 < len(letter.texts) and F.signature_line(letter.texts[i + 1])):
                ev.offer("organ", p, "落款机关", t, i, 0.85)
        m = re.search(rf"([{CJK}（）()]{{2,30}})\s*((?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)\s*$", t)
        if m and F.looks_like_organ(m.group(1)) and not re.search(r"印\s*发", t):
            tail_organ = re.split(r"[\s:：，,。]", m.group(1))[-1]
            if F.looks_like_organ(tail_organ):
                ev.offer("organ", tail_organ, "落款机关", t, i, 0.85)
    for i, t in letter.tail():
        m = re.search(rf"联\s*系\s*单\s*位\s*[:：]\s*([{CJK}（）()]{{4,40}}?)(?=[\s，,；;）)]|$|联系)", t)
        if m and F.looks_like_organ(m.group(1)):
            ev.offer("organ", m.group(1), "联系单位", t, i, 0.5)
    for i, t in _titles(letter):
        o = F.title_organ(t)
        if o:
            ev.offer("organ", o, "标题前的机关名", t, i, 0.8)
    for i, t in letter.head():
        m = _BYLINE.match(t)
        if m and F.looks_like_organ(m.group(1)):
            ev.offer("organ", m.group(1), "页面标注的机关", t, i, 0.45)
        fm = F.file_mark(t)
        if fm:
            ev.offer("organ", fm, "版头", t, i, 0.85)
        elif F.looks_like_organ(t) and not F.is_furniture(t) and len(t) <= 20:
            ev.offer("organ", t, "版头机关名", t, i, 0.6)
        for m in _ORGAN_LABEL.finditer(t):
            explicit = not re.match(r"来\s*源|信息来源", m.group(0))
            if F.looks_like_organ(m.group(1)) or explicit and len(m.group(1)) >= 4:
                ev.offer("organ", m.group(1), "页面标注的机关", t, i, 0.5 if explicit else 0.45)


# a reprint's byline: the date, the author organ, a view count ("2021-10-18 国家市场监督管理总局10870")
_BYLINE = re.compile(rf"^\s*(?:19|20)\d{{2}}-\d{{1,2}}-\d{{1,2}}(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*([{CJK}]{{4,30}})\s*\d*\s*$")


def _drop_conflicting_site_organ(letter: Letter, ev: Evidence) -> None:
    """A page label naming the whole government ("来源：某县政府") is the site's owner, not the
    letter's author, when the letter's own 文号 shows a department's code."""
    keep = []
    for c in ev.candidates:
        if c.field == "organ" and c.recogniser in ("页面标注的机关", "分段") and site_owner(c.value, ev):
            ev.rejected.add(("organ", c.value))
            continue
        keep.append(c)
    ev.candidates[:] = keep


def site_owner(organ: str, ev: Evidence) -> bool:
    """Whether a page label's organ is the government owning the site rather than the author:
    it names a 政府 while the letter's 文号 is a department's."""
    number = ev.best("doc_number")
    if number is None or not organ.endswith("政府"):
        return False
    return not re.search("政|府", F.doc_number_prefix(number.value))


# -- 落款 date -------------------------------------------------------------------------

_PUBLISHED = re.compile(r"发布|更新|时间|日期|来源|浏览|印\s*发|生成")


@recogniser
def date(letter: Letter, ev: Evidence) -> None:
    for i, t in letter.tail():
        if _PUBLISHED.search(t) or F.is_furniture(t):
            continue
        for p in re.split(r"\t|\s{2,}", t):
            p = p.strip()
            sl = F.signature_line(p)
            if sl:
                ev.offer("signature.date", sl[1].isoformat(), "落款日期", t, i, 0.9)
                return
        m = G.ANY_DATE.search(t)
        if m and len(t) <= 120:
            d = G.parse_loose_date(m.group(0))
            if d:
                ev.offer("signature.date", d.isoformat(), "落款日期（与他项同行）", t, i, 0.75)
                return
        if len(t) <= 40:
            last = re.split(r"\s+", t.strip())[-1]
            cand = re.sub(rf"^[{CJK}（）()]+?(?=(?:19|20)\d)", "", t) if not G.BROKEN.search(last) else last
            d = G.parse_broken_date(cand)
            if d:
                ev.offer("signature.date", d.isoformat(), "分隔符丢失的日期", t, i, 0.7, intact=False)
                return


_DATE_LABEL = re.compile(r"(?:成文日期|发文日期)\s*[:：|]?\s*")


@recogniser
def written_date(letter: Letter, ev: Evidence) -> None:
    """A page's "成文日期/发文日期" metadata (not its 发布日期): the date the letter was signed."""
    for i, t in letter.head():
        for m in _DATE_LABEL.finditer(t):
            rest = t[m.end():m.end() + 20] or (letter.texts[i + 1] if i + 1 < len(letter.texts) else "")
            d = G.parse_loose_date(rest)
            if d:
                ev.offer("signature.date", d.isoformat(), "页面的成文日期", t, i, 0.5)


# -- contacts ---------------------------------------------------------------------------

_CONTACT_LABEL = re.compile(
    r"(?:(?:联\s*系\s*)?单\s*位\s*(?:和|及|、)\s*联\s*系\s*人|联\s*系\s*人|承\s*办\s*人|经\s*办\s*人|联系方式|联系单位|联系电话|电\s*话|手\s*机)"
    r"(?:姓名)?(?:\s*及\s*(?:联系)?\s*(?:电\s*话|方式)|及手机)?\s*[:：]?"
)
_NOT_CONTACT = re.compile(r"负责人|责任人|分管领导|主管领导|领导人|签发|领导署名|传\s*真|邮\s*编|地\s*址|邮\s*箱|E-?mail", re.I)


_PHONE_WORD = re.compile(r"(?:联系|办公|固定|单位|移动)?(?:电\s*话|手\s*机|座\s*机)(?:号码)?\s*[:：]?")
_NOT_A_NAME = re.compile(r"^(?:同志|分机|转接|办公室|科室|值班|联系|电话|手机|座机|号码|传真|单位|均可)$")
_PERSON_LABEL = re.compile(r"联\s*系\s*人|承\s*办\s*人|经\s*办\s*人|联系方式")


def _people(rest: str) -> list[tuple[str | None, list[str]]]:
    """The people and phones after one contact label, paired the way a reader pairs them:
    "张三 0577-1234567，李四 13800000000" (each name then its phones), "张三、李四 电话：1、2"
    (names listed, then as many phones, in order), "张三、李四 0577-1234567" (one office phone
    for both); one name takes every phone."""
    clean = _PHONE_WORD.sub(lambda m: " " * len(m.group(0)), rest)
    phones = G.phone_spans(clean)
    masked = list(clean)
    for a, b, _ in phones:
        masked[a:b] = " " * (b - a)
    names = [(m.start(), re.sub(r"[ \u3000]", "", m.group(1)))
             for m in re.finditer(rf"(?<![{CJK}])({NAME}(?:[ \u3000]{{0,2}}{NAME}){{1,3}}?)(?!{NAME})", "".join(masked))]
    names = [(a, re.sub(r"同志$", "", n)) for a, n in names]
    names = [(a, n) for a, n in names if len(n) >= 2 and not _NOT_A_NAME.match(n) and not F.looks_like_organ(n)]
    if len(names) <= 1:
        return [(names[0][1] if names else None, [p for _, _, p in phones])]
    items = sorted([(a, "N", n) for a, n in names] + [(a, "P", p) for a, _, p in phones])
    kinds = "".join(k for _, k, _ in items)
    if re.fullmatch(r"(?:NP+)+", kinds):  # each name followed by its own phones
        out: list[tuple[str | None, list[str]]] = []
        for _, k, v in items:
            if k == "N":
                out.append((v, []))
            else:
                out[-1][1].append(v)
        return out
    if re.fullmatch(r"N+P+", kinds) and len(phones) == len(names):
        return [(n, [p]) for (_, n), (_, _, p) in zip(names, phones)]
    if re.fullmatch(r"N+P", kinds):
        return [(n, [phones[0][2]]) for _, n in names]  # one office phone for all of them
    return [(names[0][1], [p for _, _, p in phones])] + [(n, []) for _, n in names[1:]]


def _contact_in(t: str) -> list[tuple[str | None, list[str]]]:
    """(name, phones) read from a contact line in any of its shapes."""
    out: list[tuple[str | None, list[str]]] = []
    t = re.sub(r"[（(](?:手机|手机号码|座机|办公室|办)[）)]", " ", t)
    for seg in re.split(r"[；;]|(?=(?:联系单位|联\s*系\s*人|承办人|经办人)\s*[:：])", t):
        if _NOT_CONTACT.search(seg.split("：")[0].split(":")[0]):
            continue
        m = _CONTACT_LABEL.search(seg)
        if not m:
            continue
        rest = seg[m.end():]
        rest = re.split(r"传\s*真|邮\s*编|地\s*址|邮\s*箱|E-?mail", rest, flags=re.I)[0]
        rest = re.sub(r"[）)】]\s*$", "", rest.strip())
        # "云南省农业厅畜牧处 王瑞欣 65749510", "浙江省公路管理局计划财务处姚康": the unit goes first
        unit = re.match(rf"^\s*([{CJK}（）()]{{2,30}}(?:处|科|室|局|中心|所|站|股|办|委|院|队))\s*(?=[{CJK}]{{2,3}}(?:\s|\d|$|[，,（(]))", rest)
        if unit:
            rest = rest[unit.end():]
        label = m.group(0)
        people = _people(rest)
        if not _PERSON_LABEL.search(label) or re.match(r"联\s*系\s*单\s*位\s*[:：]?$", label):
            people = [(None, [p for _, ps in people for p in ps])]
        for name, phones in people:
            if not (name or phones):
                continue
            if out and name is None and out[-1][0] is not None and not out[-1][1]:
                out[-1] = (out[-1][0], phones)  # "联系人：王钧；联系电话：…" → one contact
            elif out and name is None and phones:
                out[-1] = (out[-1][0], out[-1][1] + [p for p in phones if p not in out[-1][1]])
            elif out and name is not None and out[-1][0] is None and out[-1][1] and not phones:
                out[-1] = (name, out[-1][1])  # "单位联系电话：0887-8626537 联系人：王金荣"
            else:
                out.append((name, phones))
    return out


def _waiting(found: list) -> int:
    """How many contacts at the end of `found` have a name and no phone yet."""
    k = 0
    while k < len(found) and found[-1 - k][0] is not None and not found[-1 - k][1]:
        k += 1
    return k


# a site's footer: its owner, copyright and registration lines; no contact of the letter follows
_SITE_FOOTER = re.compile(r"主\s*办\s*(?:单\s*位)?\s*[:：|]|版权所有|网站标识码|ICP\s*备|公网安备|技术支持|网站地图|扫一扫")
# "联系人" whose first characters were lost in extraction: "  人:黎浩" next to its phone line
_BROKEN_PERSON = re.compile(rf"^\s*(?:系\s*)?人\s*[:：]\s*({NAME}{{2,4}})\s*$")


@recogniser
def contacts(letter: Letter, ev: Evidence) -> None:
    found: list[tuple[str | None, list[str]]] = []
    first = last = None
    tail = letter.tail()
    for k, (i, t) in enumerate(tail):
        if _SITE_FOOTER.search(t):
            break  # the rest of the page is the website's
        if F.is_furniture(t) and not re.search(r"联\s*系|承\s*办\s*人", t):
            continue
        if re.search(r"ICP|公网安备|版权|网站|承办[:：]", t):
            continue
        broken = _BROKEN_PERSON.match(t)
        if broken and any(re.search(r"电\s*话|手\s*机", x) for _, x in tail[max(0, k - 1):k + 2]):
            t = "联系人：" + broken.group(1)
        for name, phones in _contact_in(t):
            adjacent = last is not None and i - last <= 1
            waiting = _waiting(found)
            if adjacent and name is None and phones and waiting >= 2:
                # "联 系 人:曹旭东、卢 铭" then "联系电话:0591-87856998、87278373": paired in order;
                # a single phone is the office phone of them all
                for j, idx in enumerate(range(len(found) - waiting, len(found))):
                    mine = [phones[j]] if len(phones) == waiting else list(phones) if len(phones) == 1 else (
                        phones if j == 0 else [])
                    found[idx] = (found[idx][0], mine)
            elif found and name is None and found[-1][0] is not None and not found[-1][1]:
                found[-1] = (found[-1][0], phones)
            elif found and adjacent and name is not None and not phones and found[-1][0] is None and found[-1][1]:
                found[-1] = (name, found[-1][1])  # "联系电话：…" then "联系人：…" on the next line
            elif found and adjacent and name is None and phones and found[-1][0] is not None:
                # "承办人：韦立咏 18978293092" then "联系电话：0778-6322879": his office phone too
                found[-1] = (found[-1][0], found[-1][1] + [p for p in phones if p not in found[-1][1]])
            else:
                found.append((name, phones))
            first = i if first is None else first
            last = i
    if found:
        # what the letter does not say is left out (a name without a phone has no "phones")
        value = [{k: v for k, v in (("name", n), ("phones", p)) if v} for n, p in found if n or p]
        ev.offer("contacts", value, "联系人", letter.texts[first], first, 0.85)
        return
    # a phone only inside a body sentence: "如有疑问，请联系我局办公室，电话：…"
    for i in range(letter.start, min(letter.end, len(letter.texts))):
        t = letter.texts[i]
        m = re.search(r"(?:联系电话|咨询电话|电话)\s*[:：为是]?\s*", t)
        if m:
            phones = G.find_phones(t[m.end():m.end() + 40])
            if phones:
                ev.offer("contacts", [{"phones": phones[:1]}], "正文中的电话", t, i, 0.5)
                return


# -- 抄送 / 抄报 ----------------------------------------------------------------------------

_COPY = re.compile(rf"^[（(]?\s*(?:抄\s*送|抄\s*报|报)\s*(?:单位|机关)?\s*[:：]\s*(.*)$")


@recogniser
def copy_to(letter: Letter, ev: Evidence) -> None:
    names: list[str] = []
    first = None
    lines = letter.tail()
    k = 0
    while k < len(lines):
        i, t = lines[k]
        m = _COPY.match(t)
        k += 1
        if not m:
            continue
        body = m.group(1)
        # a list that wraps: the next line goes on when this one did not end with "。"
        while not body.rstrip().endswith(("。", ".")) and k < len(lines) and _continues_copy(lines[k][1]) and (
                body.rstrip().endswith(("，", ",", "、", "；", ";")) or len(t) >= 24 and not (
                    k + 1 < len(lines) and re.search(r"印\s*发$", lines[k + 1][1]))):
            nxt = lines[k][1]
            body = body + ("" if body.rstrip().endswith(("，", ",", "、", "；", ";")) else "") + nxt
            k += 1
        body = re.sub(r"[（(]\s*\d+\s*份?\s*[）)]?", "，", body)  # "市人大代选工委（1份）" names the number of copies
        body = body.strip().rstrip("。.；;）)，,")
        names += G.split_copy_list(body, F.looks_like_organ)
        first = i if first is None else first
    if names:
        ev.offer("copy_to", names, "抄送", letter.texts[first], first, 0.9)


def _continues_copy(t: str) -> bool:
    return bool(t) and len(t) < 60 and not F.printing(t) and not _COPY.match(t) and not F.is_furniture(t) \
        and not G.ANY_DATE.search(t) and not re.search(r"[:：]", t) and re.match(rf"^[{CJK}]", t) is not None
