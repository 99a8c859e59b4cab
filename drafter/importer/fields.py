"""Recognisers for the single fields of a reply: 文号, dates, salutation, contacts, 抄送, 印发 …

Each takes one plain-text paragraph (or a few) and returns what it found, or None. They know
nothing about where in the letter a paragraph sits; segment.py decides that.
"""

from __future__ import annotations

import datetime as dt
import re

from drafter import grammar as G
from drafter.text import plain_text
from drafter.textfix import normalize_doc_number, parse_loose_date

CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
SEP = r"[:：]"
# Names of offices end in one of these (市场监督管理局, 市人大常委会代表工委, 市府办 …).
ORGAN_END = (
    "局", "委", "办", "院", "会", "厅", "府", "部", "室", "所", "中心", "处", "署", "司", "站", "队", "团", "行",
    "公司", "集团", "党校", "学校", "大学", "馆", "社", "台", "委员会", "工委", "政府", "法院", "检察院", "支行", "分行",
    "街道", "办事处",
)


def label(*chars: str) -> str:
    """A label regex tolerating spaces between its characters: "联系人" matches "联 系 人"."""
    word = "".join(chars)
    return r"\s*".join(re.escape(c) for c in word)


# Asterisks that mask a published name or number ("189******6664", "张**代表") are text, not
# the **bold** markup the extractors write.
_MASK = re.compile(r"(?<=[\d\u4e00-\u9fff])\*{2,}(?=\d)|\*{3,}|(?<=[\u4e00-\u9fff])\*\*(?=等|、|，|,|代表|委员|同志|先生|女士|\s*[:：])")
_MASKED = "\ue000"


def plain(s: str) -> str:
    if "*" in s:
        s = _MASK.sub(lambda m: _MASKED * len(m.group(0)), s)
        return plain_text(s).strip().replace(_MASKED, "*")
    return plain_text(s).strip()


def looks_like_organ(s: str) -> bool:
    s = s.strip()
    if not (2 <= len(s) <= 40 and re.fullmatch(rf"[{CJK}（）()·]+", s)):
        return False
    # "安康市住房和城乡建设局（市人民防空办公室）": a second name in brackets after the first
    first = re.sub(r"[（(][^（）()]+[）)]$", "", s)
    return first.endswith(ORGAN_END) and not first.endswith(("社会", "大会")) and len(first) >= 2


# -- letterhead ----------------------------------------------------------------------

def doc_number(s: str) -> str | None:
    # "第" and leading zeros are kept as written: the DN rules report and fix them.
    m = G.DOC_NUMBER.search(plain(s))
    return normalize_doc_number(m.group(0)) if m else None


def doc_number_broken(s: str) -> str | None:
    """A 文号 that lost its 〕 or 号 in extraction, completed: "某发〔2024 15" → "某发〔2024〕15号"."""
    t = plain(s)
    if G.DOC_NUMBER.search(t):
        return None
    m = G.DOC_NUMBER_BROKEN.search(t)
    if not m:
        return None
    return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"


def doc_number_prefix(number: str) -> str:
    """The 机关代字 part of a 文号 (before the year bracket)."""
    return number.split("〔", 1)[0]


_SIGNER = re.compile(rf"(?:^|\s){label('签发人')}\s*{SEP}?\s*([{CJK}·、，, ]{{2,30}})$")


def signer(s: str) -> str | None:
    m = _SIGNER.search(plain(s))
    if not m:
        return None
    name = re.sub(r"\s+", "", m.group(1))
    return name or None


_CATEGORY = re.compile(rf"^(?:{label('类别标记')}|{label('类别')}|{label('办理类别')}|{label('答复类别')})\s*{SEP}?\s*([A-Da-d甲乙丙丁])\s*类?$")
# the renderer prints the bare mark ("乙", "A") top right of page 1
_CATEGORY_ALONE = re.compile(r"^[（(]?([A-D甲乙丙丁])\s*类?[）)]?$")


def category(s: str) -> str | None:
    t = plain(s)
    m = _CATEGORY.match(t)
    if m:
        return m.group(1).upper()
    m = _CATEGORY_ALONE.match(t)
    return m.group(1) if m else None


_MARK = re.compile(rf"^([{CJK}（）()]{{2,40}}?)\s*文\s*件$")


def file_mark(s: str) -> str | None:
    """"温州市市场监督管理局文件" → the organ name; None if the line is no 文件 mark."""
    m = _MARK.match(plain(s).replace(" ", ""))
    if m and looks_like_organ(m.group(1)):
        return m.group(1)
    return None


# -- salutation and opening ------------------------------------------------------------

_SALUTATION = re.compile(r"^(?:尊敬的)?\s*(.+?)\s*(代表|委员)\s*(?:们)?\s*[：:]$")
_JOINT = re.compile(rf"^((?:[{CJK}·]{{2,6}}?[、，,])*[{CJK}·]{{2,6}}?)(?:等\s*(\d+)\s*(?:位|名)|等)$")
_NAME = re.compile(rf"^[{CJK}·]{{2,5}}$")


def salutation(s: str) -> dict | None:
    """"王贤理等6位代表：" → {deputies: [王贤理], count: 6, word: 代表}; "甲、乙代表：" → both names."""
    t = plain(s).replace(" ", "")
    m = _SALUTATION.match(t)
    if not m:
        return None
    who, word = m.group(1), m.group(2)
    out: dict = {"word": word, "text": t.rstrip("：:")}
    j = _JOINT.match(who)
    if j:
        out["deputies"] = [n for n in re.split(r"[、，,]", j.group(1)) if n]
        if j.group(2):
            out["count"] = int(j.group(2))
        return out
    names = [n for n in re.split(r"[、，,]", who) if n]
    if names and all(_NAME.match(n) for n in names):
        out["deputies"] = names
        if len(names) > 1:
            out["count"] = len(names)
        return out
    return None


_UNIT_SALUTATION = re.compile(rf"^([{CJK}（）()、]{{2,60}})[：:]$")


def unit_salutation(s: str) -> str | None:
    """"市发展和改革委员会：" → the unit, for 协办/会办 opinions addressed to the lead unit."""
    m = _UNIT_SALUTATION.match(plain(s).replace(" ", ""))
    if m and looks_like_organ(m.group(1).split("、")[-1]):
        return m.group(1)
    return None


def is_acknowledgement(s: str) -> bool:
    t = plain(s)
    return bool(re.search(r"收悉|答复如下|函告如下|意见如下|答复于下|回复如下|如下(?:协办|会办|办理)意见", t))


_SESSION = re.compile(rf"[{CJK}第]{{0,24}}?(?:人大|人民代表大会|政协|政治协商会议)[{CJK}第0-9]{{0,24}}?会议")
_SESSION_CUT = re.compile(r"^.*(?:关于|对于|对|在|于|的|将|向|就)(?=[^关对在于的将向就]*?(?:人大|人民代表大会|政协|政治协商会议))")


def session(s: str) -> str | None:
    """"关于市人大第十三届四次会议第242号建议" → "市人大第十三届四次会议"."""
    t = plain(s).replace(" ", "")
    for m in _SESSION.finditer(t):
        text = _SESSION_CUT.sub("", m.group(0))
        if re.search(r"届|次", text):
            return text
    return None


_NUMBER = [
    re.compile(r"第\s*([0-9０-９]{1,6})\s*号\s*(?:的)?\s*(?:建议|提案|代表建议|议案)"),
    re.compile(r"(?:建议|提案)\s*(?:第|编号)?\s*[:：]?\s*([0-9０-９]{1,6})\s*号"),
    re.compile(r"(?:建议|提案)\s*(?:编号|序号)\s*[:：]?\s*([0-9０-９]{1,6})"),
    re.compile(r"第\s*([0-9０-９]{1,6})\s*号"),
]


def proposal_number(s: str) -> str | None:
    t = plain(s)
    for rx in _NUMBER:
        m = rx.search(t)
        if m:
            return m.group(1).translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return None


def proposal_title(s: str) -> str | None:
    """The first 《…》 in the opening sentence that names a suggestion or proposal."""
    t = plain(s)
    titles = re.findall(r"《([^《》]{2,200})》", t)
    for title in titles:
        if re.search(r"(建议|提案|意见|议案)$", title):
            return title
    if titles:
        return titles[0]
    # "您提出的关于……的建议收悉" without 书名号
    m = re.search(r"(关于[^，。；《》]{2,150}?的(?:建议|提案))(?:（|\(|收悉|已收悉)", t)
    return m.group(1) if m else None


_HANDLING_WORDS = ("独办", "主办", "协办", "会办", "分办")


def handling(s: str) -> str | None:
    """独办/主办/协办/会办/分办 when the text says which, e.g. "该建议由我局独办"."""
    t = plain(s)
    m = re.search(r"(?:由|为)?\s*(?:我|本)[局委办院厅部会室所单位处]{0,3}\s*(?:负责|牵头|进行)?\s*(独办|主办|协办|会办|分办)", t)
    if m:
        return m.group(1)
    # "…市委宣传部等协办单位共同研究办理" names the others, not this unit's part
    m = re.search(r"(?<![等各和及、])(独办|主办|协办|会办|分办)(?:意见|单位|件)", t)
    if m:
        return m.group(1)
    return None


_CO = re.compile(rf"经\s*(?:会同|与)?\s*([{CJK}、，,和及]{{2,80}}?)\s*(?:共同|一起|认真|进行|研究|协商|会商)")
_CO_ALT = re.compile(rf"会同\s*([{CJK}、，,和及]{{2,80}}?)\s*(?:共同|一起|认真|进行|研究|协商|会商|办理)")
_CO_NAMED = re.compile(rf"主办[，,、；;]\s*([{CJK}、，,和及]{{2,80}}?)\s*(?:协办|会办)")


def co_handlers(s: str) -> list[str]:
    """Units named in "经会同市科技局、市法院认真研究" (the co-handlers of a 主办 reply)."""
    t = plain(s)
    m = _CO.search(t) or _CO_ALT.search(t) or _CO_NAMED.search(t)
    if not m:
        return []
    names = [n for n in re.split(r"[、，,和及]", m.group(1)) if n]
    if names and all(looks_like_organ(n) for n in names):
        return names
    return []


def kind(text: str) -> str | None:
    """npc or cppcc from the words used; None when the text says neither."""
    cppcc = len(re.findall(r"委员|提案|政协", text))
    npc = len(re.findall(r"代表|建议|人大", text))
    if cppcc == npc == 0:
        return None
    return "cppcc" if cppcc > npc else "npc"


# -- closing, contacts and 版记 ---------------------------------------------------------

_CONTACT = re.compile(
    rf"{label('联系人')}(?:{label('及电话')}|{label('及联系电话')})?\s*{SEP}\s*([{CJK}·](?:[ \u3000]?[{CJK}·]){{1,4}})(?![{CJK}])"
)
_PHONE_LABEL = re.compile(rf"(?:{label('联系电话')}|{label('电话')}|{label('手机')}|{label('联系方式')})\s*{SEP}?")


def phones(s: str) -> list[str]:
    return G.find_phones(s)


def contacts(s: str) -> list[tuple[str | None, list[str]]]:
    """(name, phones) pairs in a paragraph: "联系人：王钧；联系电话：0577-89600223，15990730946"."""
    t = plain(s)
    out: list[tuple[str | None, list[str]]] = []
    starts = [m for m in _CONTACT.finditer(t)]
    if not starts:
        m = _PHONE_LABEL.search(t)
        if m:
            nums = phones(t[m.end():])
            if nums:
                out.append((None, nums))
        return out
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(t)
        out.append((re.sub(r"[ \u3000]", "", m.group(1)), phones(t[m.end():end])))
    return out


def contact_start(s: str) -> int | None:
    """Where contact details start inside a paragraph (closing + contacts in one paragraph)."""
    t = s
    m = re.search(rf"[（(]?\s*{label('联系人')}", t)
    return m.start() if m else None


_LEADER = re.compile(rf"(?:{label('领导署名')}|{label('领导签发')}|{label('签发领导')}|{label('分管领导')}|{label('领导签名')})\s*{SEP}\s*([{CJK}·]{{2,5}})")


def leader(s: str) -> str | None:
    m = _LEADER.search(plain(s))
    return m.group(1) if m else None


_COPY = re.compile(rf"^[（(]?\s*{G.COPY_LABEL}\s*(?:{label('单位')}|{label('机关')})?\s*{SEP}\s*(.*)$")


def copy_to(s: str) -> list[str] | None:
    """"抄 送:市人大常委会代表工委，市府办。" → the names, without punctuation."""
    m = _COPY.match(plain(s))
    if not m:
        return None
    body = m.group(1).strip().rstrip("。.；;）)")
    return G.split_copy_list(body, looks_like_organ)


_PRINTED = re.compile(r"^(.*?)\s*((?:19|20)\d{2}\s*年.*?日|[\d\-./]{8,10})\s*印\s*发\s*$")


def printing(s: str) -> tuple[str, dt.date | None] | None:
    """"温州市市场监督管理局办公室  2019年7月2日印发" → (organ, date)."""
    m = _PRINTED.match(plain(s))
    if not m:
        return None
    return m.group(1).strip(), parse_loose_date(m.group(2))


_DATE_LINE = re.compile(
    rf"^(?P<organ>[{CJK}（）()]{{2,40}}?)?\s*(?P<date>(?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|"
    rf"{G.CN_YMD.pattern}|"
    rf"(?:19|20)\d{{2}}[\-./](?:\d{{1,2}})[\-./]\d{{1,2}}|(?:19|20)\d{{4,6}})$"
)


def signature_line(s: str) -> tuple[str | None, dt.date] | None:
    """A date line, maybe with the organ before it on the same line: (organ or None, date)."""
    t = plain(s).strip()
    m = _DATE_LINE.match(t)
    if not m:
        return None
    d = parse_loose_date(m.group("date"))
    if d is None:
        return None
    organ = (m.group("organ") or "").strip() or None
    if organ and not looks_like_organ(organ):
        return None
    return organ, d


_PAGE_NUMBER = re.compile(r"^[-—–－\s]*(?:第\s*)?\d{1,3}\s*(?:页)?[-—–－\s]*(?:/\s*\d{1,3}|共\s*\d{1,3}\s*页)?$")


def is_page_number(s: str) -> bool:
    """"— 2 —", "- 3 -", "第2页": page numbers a PDF or print extraction left between paragraphs."""
    t = plain(s)
    return bool(t) and _PAGE_NUMBER.match(t) is not None and not re.fullmatch(r"\d{4,}", t)


_NOTE = re.compile(r"^[（(](.+)[）)]$")


def parenthesised(s: str) -> str | None:
    m = _NOTE.match(plain(s))
    return m.group(1).strip() if m else None


_CLOSING = re.compile(r"^(?:最后[，,]\s*)?(?:再次)?(?:衷心)?(?:感谢|谢谢)|^以上(?:意见|答复|办理意见)|^特此(?:函复|答复|函告)|^专此(?:函复|答复)|^此复|欢迎.{0,20}(?:批评指正|提出宝贵意见)")


def is_closing(s: str) -> bool:
    return bool(_CLOSING.search(plain(s)))


# Page chrome of government web sites: labels, share buttons, footers.
_FURNITURE = re.compile(
    r"^(?:索\s*引\s*号|主题分类|发布机构|生成日期|发布日期|发布时间|来源|浏览次数|点击数|访问量|字号|分享|打印|关闭|"
    r"扫一扫|当前位置|您的位置|您现在的位置|首页|网站地图|主办单位|承办单位|版权所有|技术支持|联系我们|"
    r"网站标识码|网站识别号|建议分辨率|返回顶部|上一篇|下一篇|相关链接|\[打印\]|\[关闭\]|【打印】|【关闭】|"
    r"标\s*题|内容概述|文\s*号|地\s*址\s*[:：]|邮\s*编|发文字号|成文日期|有效性|所属机构|公开方式|信息来源|作者|责任编辑|相关文章)"
    r"|ICP备|公网安备|Copyright|©|»|›|>\s*[\u4e00-\u9fff]"
)


def is_furniture(s: str) -> bool:
    t = plain(s)
    return bool(_FURNITURE.search(t[:40])) or bool(re.search(r"ICP备|公网安备|版权所有|Copyright", t))


_META = re.compile(
    rf"(?:发布机构|发文机关|发文单位|来源)\s*[:：]?\s*([{CJK}（）()]{{2,40}}?)(?=\s|$|文\s*号|生成|发布|主题|索)"
)


def meta_organ(s: str) -> str | None:
    m = _META.search(plain(s))
    if m and looks_like_organ(m.group(1)):
        return m.group(1)
    return None


def title_organ(title: str) -> str | None:
    """"厦门市市场监督管理局关于…的函" → the organ before 关于."""
    m = re.match(rf"^([{CJK}（）()]{{2,40}}?)(?:关于|对(?=[{CJK}]{{0,20}}(?:人大|政协|届)))", plain(title))
    if m and looks_like_organ(m.group(1)):
        return m.group(1)
    return None
