"""Word's automatic numbering (numbering.xml): the 一、 （一） 1. a reader sees but the text lacks.

A paragraph numbered by Word carries only w:numPr (a list id and a level), directly or through
its style; the marker comes from the level's format (chineseCounting, decimal …) and its text
pattern ("%1、", "（%1）"). Counting follows Word: each list counts per level, and a level
restarts when a shallower one advances.
"""

from __future__ import annotations

from drafter.text import chinese_numeral

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "ideographDigital", "chineseLegalSimplified", "koreanCounting"):
        return chinese_numeral(n) if 0 < n < 100 else str(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= 20 else str(n)
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal, decimalZero and anything unknown


class Numbering:
    """Markers for numbered paragraphs of one document, in reading order."""

    def __init__(self, numbering_root=None, styles_root=None):
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId → ilvl → (start, fmt, text)
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.style_based: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if numbering_root is not None:
            self._read_numbering(numbering_root)
        if styles_root is not None:
            self._read_styles(styles_root)

    @classmethod
    def of(cls, doc) -> "Numbering":
        """From a python-docx Document; empty when it has no numbering part."""
        try:
            numbering = doc.part.numbering_part.element
        except Exception:  # noqa: BLE001 - no numbering part
            numbering = None
        try:
            styles = doc.part.styles.element
        except Exception:  # noqa: BLE001
            styles = None
        return cls(numbering, styles)

    def _read_numbering(self, root) -> None:
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for an in root.findall(W + "abstractNum"):
            lvls = {}
            for lvl in an.findall(W + "lvl"):
                ilvl = int(lvl.get(W + "ilvl", "0"))
                start = lvl.find(W + "start")
                fmt = lvl.find(W + "numFmt")
                text = lvl.find(W + "lvlText")
                lvls[ilvl] = (
                    int(start.get(W + "val", "1")) if start is not None else 1,
                    fmt.get(W + "val", "decimal") if fmt is not None else "decimal",
                    text.get(W + "val", "") if text is not None else "",
                )
            abstract[an.get(W + "abstractNumId")] = lvls
        for num in root.findall(W + "num"):
            ref = num.find(W + "abstractNumId")
            if ref is None:
                continue
            lvls = dict(abstract.get(ref.get(W + "val"), {}))
            for ov in num.findall(W + "lvlOverride"):
                ilvl = int(ov.get(W + "ilvl", "0"))
                so = ov.find(W + "startOverride")
                if so is not None and ilvl in lvls:
                    _, fmt, text = lvls[ilvl]
                    lvls[ilvl] = (int(so.get(W + "val", "1")), fmt, text)
            self.levels[num.get(W + "numId")] = lvls

    def _read_styles(self, root) -> None:
        for st in root.findall(W + "style"):
            sid = st.get(W + "styleId")
            based = st.find(W + "basedOn")
            if based is not None:
                self.style_based[sid] = based.get(W + "val")
            numpr = st.find(f"{W}pPr/{W}numPr")
            if numpr is not None:
                self.style_num[sid] = _num_pr(numpr)

    def _from_style(self, style: str | None) -> tuple[str | None, int | None]:
        seen = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.style_num:
                return self.style_num[style]
            style = self.style_based.get(style)
        return None, None

    def marker(self, p) -> str:
        """The marker Word shows before paragraph `p` ("一、", "（二）"), or ""."""
        if not self.levels:
            return ""
        ppr = p.find(W + "pPr")
        num_id, ilvl = None, None
        if ppr is not None:
            numpr = ppr.find(W + "numPr")
            if numpr is not None:
                num_id, ilvl = _num_pr(numpr)
            if num_id is None:
                ps = ppr.find(W + "pStyle")
                s_id, s_lvl = self._from_style(ps.get(W + "val") if ps is not None else None)
                num_id, ilvl = s_id, ilvl if ilvl is not None else s_lvl
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        ilvl = ilvl or 0
        lvls = self.levels[num_id]
        if ilvl not in lvls:
            return ""
        counts = self.counters.setdefault(num_id, {})
        start = lvls[ilvl][0]
        counts[ilvl] = counts.get(ilvl, start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        text = lvls[ilvl][2]
        for k in range(9):
            token = f"%{k + 1}"
            if token in text:
                level = lvls.get(k, (1, "decimal", ""))
                n = counts.get(k, level[0])
                text = text.replace(token, _format(n, level[1]))
        return text


def _num_pr(numpr) -> tuple[str | None, int | None]:
    nid = numpr.find(W + "numId")
    lvl = numpr.find(W + "ilvl")
    return (nid.get(W + "val") if nid is not None else None,
            int(lvl.get(W + "val", "0")) if lvl is not None else None)
