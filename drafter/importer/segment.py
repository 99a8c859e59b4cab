"""Find the letter among page furniture and split it into its parts.

The salutation (称谓) and the opening sentence (“……收悉……答复如下：”) anchor the letter;
the letterhead and title are read backwards from there, the 落款/附注/版记 forwards from
the closing sentence, and whatever a web page puts around it is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.importer import fields as F
from drafter.importer.recognise import salutation_at


@dataclass
class Parts:
    head: list[str] = field(default_factory=list)  # everything before the title (letterhead, page chrome)
    title: str | None = None
    salutation: str | None = None
    acknowledgement: str | None = None
    body: list[str] = field(default_factory=list)
    closing: str | None = None
    tail: list[str] = field(default_factory=list)  # 落款, 附注, 抄送, 印发
    unplaced: list[str] = field(default_factory=list)  # text near the letter that fits nowhere


# What makes a text one of the documents that look like a reply but are not, with the reason.
_LOOKALIKES = [
    ("建议/提案原文", re.compile(r"^(?:领衔代表|代表姓名|提案人|建议人|领衔人|附议人|联名代表|所属代表团|通讯地址|工作单位|案\s*由|题\s*目|内\s*容|理\s*由|建\s*议|办\s*法)\s*(?:[:：|]|$)"),
     "这是建议/提案原文（有“领衔代表/内容/建议”等栏目），不是答复函"),
    ("办理工作总结", re.compile(r"办理(?:工作)?(?:情况|总结|完成情况)|共(?:承办|办理|收到)[^。]{0,30}\d+件|办结率|满意率|[甲乙丙ABC]类\)?[^。]{0,6}\d+件|\d+件[^。]{0,8}[（(][甲乙丙ABC]类"),
     "这是建议/提案办理情况的统计或总结，不是答复函"),
    ("网民来信的回复", re.compile(r"^(?:来信内容|信件编码|来信时间|信件状态|信件标题|信件内容|留言内容|留言时间|留言标题|回复时间|回复单位)\s*(?:[:：]|$)|^[“\"]?.{0,8}[”\"]?\s*网友\s*[:：]"),
     "这是政务网站对网民来信或留言的回复，不是对代表建议/委员提案的答复函"),
    ("向人大常委会或大会的报告", re.compile(r"^主任、各位副主任|^各位(?:委员|代表)\s*[:：]$|^——.{0,40}在.{0,60}会议上|情况的报告$|(?:工作)?情况报告如下|受.{0,20}委托"),
     "这是向人大常委会（或大会）所作的建议/提案工作报告，不是答复函"),
    ("市民来信的答复", re.compile(r"^(?:尊敬的)?(?:市民|网民|网友|群众|来信人|留言人|居民)(?:朋友|同志)?\s*(?:您好|你好)?\s*[:：,，!！]|(?:来信|留言|信件|诉求)(?:已)?收悉"),
     "这是对市民来信或留言的答复，不是对代表建议/委员提案的答复函"),
    ("答复函的写法说明", re.compile(r"[×ＸX]{2,}(?![A-Za-z])|^[一二三四五六七八九十]+、\s*(?:标题|发文字号|主送单位|正文部分|落款|附件|注意事项)"),
     "这是讲答复函怎么写的说明或模板（多处“××”占位、“标题/发文字号/落款”等条目），不是答复函"),
    ("新闻报道", re.compile(r"本报讯|记者|通讯员|日前|近日|召开|座谈会|交办会|新华社|讯[（(]|摄影"),
     "这是关于建议/提案办理的新闻报道，不是答复函"),
]


def lookalike(texts: list[str], reply_signals: int) -> str | None:
    """The reason a text is a look-alike (the suggestion itself, a summary, a news item), or None.
    A look-alike's signs must outweigh the reply's own (salutation, 收悉, 答复如下, 此复)."""
    best = None
    for name, rx, why in _LOOKALIKES:
        hits = sum(1 for t in texts if rx.search(t))
        # a reply to a citizen's letter says so twice at its top (市民您好 + 来信收悉) and carries no
        # deputy's salutation: two of its signs are enough
        if name == "市民来信的答复":
            outweighs = hits >= 2 and not any(salutation_at(t) for t in texts)  # its 收悉/答复如下 are a reply's too
        else:
            outweighs = hits >= 3 and hits > reply_signals * 2
        if outweighs and (best is None or hits > best[0]):
            best = (hits, why)
    return best[1] if best else None


def _reply_signals(texts: list[str]) -> int:
    n = 0
    n += any(F.salutation(t) or salutation_at(t) for t in texts)
    n += any(F.is_acknowledgement(t) for t in texts)
    n += any(re.search(r"现(?:将有关情况)?(?:答复|回复|函复|复)如下|特此(?:答复|函复|回复)|此复", t) for t in texts)
    n += any(re.search(r"感谢.{0,30}(?:关心|支持|关注)", t) for t in texts)
    return n


def refusal(paragraphs: list[str]) -> str | None:
    """Why these paragraphs are no reply to a suggestion or proposal, or None if they may be."""
    texts = [F.plain(p) for p in paragraphs]
    signals = _reply_signals(texts)
    why = lookalike(texts, signals)
    if why:
        return "不是建议/提案答复函：" + why
    has_salutation = any(F.salutation(t) or salutation_at(t) for t in texts) or any(
        F.unit_salutation(t) and i + 1 < len(texts) and F.is_acknowledgement(texts[i + 1]) for i, t in enumerate(texts)
    )
    has_ack = any(F.is_acknowledgement(t) and re.search(r"建议|提案|《", t) for t in texts) or any(
        re.search(r"(?:提出|所提)的.{0,80}(?:建议|提案|《).{0,80}(?:现|特)?(?:答复|回复|复)如下", t) for t in texts)
    has_number = any(re.search(r"第\s*\d{1,6}\s*号\s*(?:的)?\s*(?:建议|提案)|(?:建议|提案)\s*第?\s*\d{1,6}\s*号", t) for t in texts)
    if has_salutation or has_ack:
        return None
    reasons = []
    reasons.append("没有称谓和“收悉”开头语" if not has_salutation else "没有“收悉”开头语")
    if not has_number:
        reasons.append("没有建议/提案编号")
    numbers = {F.doc_number(t) for t in texts} - {None}
    prefixes = {F.doc_number_prefix(n) for n in numbers}
    doc_titles = {t for t in texts if re.match(r"^.{0,40}关于.{2,80}(通知|意见|决定|办法|规定|方案|报告|批复)$", t)}
    if len(prefixes) > 1 or len(doc_titles) > 1:
        reasons.append("且含两份不同文件的标题" if len(doc_titles) > 1 else "且含多个不同机关的发文字号")
    if any(re.search(r"印发给你们|请认真遵照执行|现提出如下|制定本", t) for t in texts):
        reasons.append("内容是政策文件")
    return "不是建议/提案答复函：" + "，".join(reasons)


def _salutation_index(texts: list[str]) -> int | None:
    candidates = []
    for i, t in enumerate(texts):
        follows_ack = i + 1 < len(texts) and (F.is_acknowledgement(texts[i + 1]) or _opens(texts[i + 1])
                                              or _names_proposal(texts[i + 1]))
        if F.salutation(t) or salutation_at(t) or (F.unit_salutation(t) and follows_ack):
            candidates.append((not follows_ack, i))
    return min(candidates)[1] if candidates else None


def _opens(t: str) -> bool:
    """An opening sentence without 收悉: "你们提出的《…》，交由…办理，经认真研究，现复如下："."""
    return bool(re.search(r"^(?:您|你|贵)[^。]{0,120}(?:提出|所提|提交)[^。]{0,200}(?:如下|研究)", t))


def _names_proposal(t: str) -> bool:
    """The sentence after a unit's name speaks of the proposal: "…提出的《…》（第201号提案）已转…"."""
    return bool(re.search(r"(?:提出|所提|提交|主办)的?[^。]{0,20}《[^》]{2,}》|第\s*\d+\s*号\s*(?:建议|提案)", t))


def _is_head_field(t: str) -> bool:
    return bool(
        F.doc_number(t) and len(t) < 40
        or F.signer(t)
        or F.category(t)
        or F.file_mark(t)
    )


def _is_tail(texts: list[str], i: int) -> bool:
    t = texts[i]
    if F.signature_line(t) or F.copy_to(t) is not None or F.printing(t) or F.leader(t):
        return True
    if re.match(rf"^[（(]?\s*{F.label('联系人')}|^[（(]?\s*{F.label('联系电话')}|^[（(]?\s*{F.label('附件')}\s*[:：]", t):
        return True
    # "2024年5月6日 承办单位联系人姓名及电话:王岩15804350857": the 落款 date and the contact on one line
    if re.match(rf"^\s*(?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*(?:承办单位|联系单位)?\s*(?:{F.label('联系人')}|{F.label('承办人')}|{F.label('联系电话')})", t):
        return True
    if F.looks_like_organ(t) and i + 1 < len(texts) and F.signature_line(texts[i + 1]):
        return True
    if F.parenthesised(t) and (F.contacts(t) or F.leader(t)):
        return True
    return False


def split(paragraphs: list[str]) -> Parts:
    texts = [F.plain(p) for p in paragraphs]
    parts = Parts()
    s = _salutation_index(texts)
    if s is None:
        ack = next((i for i, t in enumerate(texts) if F.is_acknowledgement(t)), None)
        start = ack if ack is not None else 0
    else:
        parts.salutation = paragraphs[s]
        start = s + 1

    # Title: the run of short lines just above the salutation, skipping page chrome.
    j = (s if s is not None else start) - 1
    while j >= 0 and F.is_furniture(texts[j]) and not _is_title_like(texts[j]):
        j -= 1
    title_lines: list[int] = []
    while j >= 0 and len(title_lines) < 5 and not _is_head_field(texts[j]) and not F.is_furniture(texts[j]) and not F.looks_like_organ(texts[j]):
        if len(texts[j]) > 90 or texts[j].endswith(("。", "：", ":")) or not re.search(r"[\u4e00-\u9fff]", texts[j]) or F.parse_loose_date(texts[j]) and len(texts[j]) < 24:
            break
        title_lines.insert(0, j)
        j -= 1
    if title_lines and not any(_is_title_like(texts[k]) for k in title_lines):
        title_lines = []  # a stray line (breadcrumb, site name) is no title
        j = (s if s is not None else start) - 1
    end = s if s is not None else start
    if title_lines:
        parts.title = "".join(texts[k] for k in title_lines)
        parts.head = paragraphs[: title_lines[0]]
    else:
        # Web pages put 文号, 类别 or a date line between the title and the salutation: take the
        # nearest title-like line above them, and keep those lines as letterhead fields.
        k = next((k for k in range(end - 1, max(end - 12, -1), -1)
                  if _is_title_like(texts[k]) and len(texts[k]) <= 90 and not _is_head_field(texts[k])
                  and not re.match(r"^(标\s*题|内容概述|索\s*引)", texts[k])), None)
        if k is not None:
            parts.title = texts[k]
            parts.head = paragraphs[:k] + paragraphs[k + 1 : end]
        else:
            parts.head = paragraphs[:end]

    # Opening sentence; split off body text run on after "如下：".
    i = start
    # without a salutation, `start` already points at the opening sentence
    if i < len(texts) and (s is None or F.is_acknowledgement(texts[i])):
        ack = paragraphs[i]
        m = re.search(r"如下\s*(\*\*)?[：:]", ack)
        if m and ack[m.end():].strip(" *"):
            parts.acknowledgement = ack[: m.end()].rstrip("*")
            rest = ack[m.end():].strip()
            paragraphs = paragraphs[: i + 1] + [rest] + paragraphs[i + 1 :]
            texts = [F.plain(p) for p in paragraphs]
        else:
            parts.acknowledgement = ack
        i += 1

    # Body runs until the first 落款/附注/版记 element.
    body_end = i
    while body_end < len(texts) and not _is_tail(texts, body_end) and not F.is_furniture(texts[body_end]):
        body_end += 1
    body = list(paragraphs[i:body_end])
    tail_start = body_end

    # The closing sentence: the last body paragraph that reads like one, maybe carrying contacts.
    tail_prefix: list[str] = []
    for k in range(len(body) - 1, max(len(body) - 3, -1), -1):
        if F.is_closing(body[k]):
            para = body[k]
            cut = F.contact_start(para)
            if cut is not None and cut > 0:
                tail_prefix.append(para[cut:].strip())
                para = para[:cut].strip()
            # "感谢……！" then "特此答复。": both belong to the closing, one per line.
            first = k
            while first > 0 and F.is_closing(body[first - 1]) and F.contact_start(body[first - 1]) is None:
                first -= 1
            parts.closing = "\n".join(body[first:k] + [para])
            extra = body[k + 1 :]
            body = body[:first]
            tail_prefix.extend(extra)  # signature organ lines sitting between closing and date
            break
    parts.body = body

    tail = tail_prefix
    k = tail_start
    while k < len(texts):
        t = texts[k]
        if F.is_furniture(t) and not _is_tail(texts, k):
            break
        tail.append(paragraphs[k])
        k += 1
    parts.tail = tail
    return parts


def _is_title_like(t: str) -> bool:
    return bool(re.search(r"答复|意见|复函|的函$|关于.*(建议|提案)", t)) and not re.match(r"^(标\s*题|内容概述)", t)


# -- before segmenting: paragraphs a web page or extraction ran together ----------------------

_TABLE_EDGE = re.compile(r"^\s*\|\s*|\s*\|\s*$")
_SENTENCE_GAP = re.compile(r"(?<=[。！!？?：:])\s+(?=\S)")
_TAIL_GAP = re.compile(
    rf"\s+(?=(?:联\s*系\s*人|联系电话|承办人|抄\s*送|抄\s*报)\s*[:：]|[{F.CJK}（）()]{{2,30}}\s*(?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*$)")


# "…建议的答复 张凤娥等代表: 你们提出的…", "…办理情况的答复(B)儋州代表团:你们在…": a title and the
# salutation run together (a space, or the category mark, between them)
_TITLE_THEN_SALUTATION = re.compile(
    r"(?:(?<=答复|复函|回复|意见)\s+|(?<=答复|复函|回复|意见)(?P<cat>\s*[（(][A-Da-d甲乙丙丁]\s*类?[）)])\s*)"
    r"(?=[^\s：:（()）]{2,30}?(?:代表团|代表|委员)\s*[:：])")


def presplit(paragraphs: list[str]) -> list[str]:
    """Table-cell bars trimmed; a salutation run into its opening sentence, and a web page's
    letter flattened into one paragraph (sentences joined by spaces), split where a reader
    sees the breaks."""
    out: list[str] = []
    for p in paragraphs:
        if re.match(r"^\s*[•●▪◆■·]\s*", p):
            p = re.sub(r"^\s*[•●▪◆■·]\s*", "", p)  # a metadata list's bullets
        if _TABLE_EDGE.search(p):
            p = _TABLE_EDGE.sub("", p)  # (a .docx paragraph keeps its type: it carries the heading font)
        if not p.strip():
            continue
        plain = F.plain(p)
        m = _TITLE_THEN_SALUTATION.search(plain)
        if m and p == plain:
            out.append(plain[: m.end("cat") if m.group("cat") else m.start()].strip())
            p = plain = plain[m.end():]
        s = salutation_at(plain)
        if s and s.get("run_in") and plain.startswith(s["text"]) and p == plain:
            cut = re.match(rf"^{re.escape(s['text'])}\s*[：:]\s*", plain)
            if cut:
                out.append(plain[: cut.end()].strip())
                p = plain = plain[cut.end():]
        if len(plain) > 150 and len(_SENTENCE_GAP.findall(plain)) >= 2 and p == plain:
            for piece in _SENTENCE_GAP.split(p):
                out.extend(x for x in _TAIL_GAP.split(piece) if x.strip())
            continue
        out.append(p)
    return out
