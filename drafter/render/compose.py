"""The document body of a letter, element by element, in the order GB/T 9704 prints them.

Every paragraph is written with an exact line height and recorded as a `plan.Block`, so the
page plan (drafter.render.plan) knows where it falls. The plan then decides the end of the
letter: the tail (结束语, 附件说明, 署名, 成文日期, 附注) and the 版记 are one chain kept together;
if it does not fit under the body, the spacing of the tail and the 版记 is tightened first
(7.3.5.5) and only then does the chain start a new page. The 版记 is written in the text flow,
pushed down by a spacer paragraph of computed height so that its last rule lies on the bottom
edge of the 版心 (7.4.1): no floating box that Word, WPS or LibreOffice could separate from the
text it belongs to.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass

from lxml import etree

from drafter.model import Attachment, Letter
from drafter.render import layout as L
from drafter.render import measure as M
from drafter.render import ooxml as X
from drafter.render.letter import _rp, mark_size
from drafter.render.plan import Block, paginate
from drafter.render.title import break_title
from drafter.sentences import Sentences
from drafter.text import bold_spans, plain_text

W_PT = L.TYPE_WIDTH_PT
CAPACITY = L.TYPE_HEIGHT_TWIPS - L.RECORD_SAFETY_TWIPS     # what a page really holds
RECORD_PAGES = ("last", "even")


@dataclass(frozen=True)
class RenderOptions:
    """Settings an office chooses (drafter.toml [render]).

    record_page: "last" puts the 版记 at the bottom of the last page (GB/T 9704 7.4.1);
    "even" puts it on an even page for double-sided printing, adding a blank page before it when
    needed (neither numbered, 7.5).
    """

    record_page: str = "last"


@dataclass(frozen=True)
class Spacing:
    """Vertical spacing of the tail and the 版记, in twips: normal, then tighter (7.3.5.5)."""

    seal_gap: int          # blank room between the body and the 署名 (for the seal)
    tail_line: int         # 署名, 成文日期, 附注
    record_line: int       # 抄送 and 印发 rows


SPACINGS = (
    Spacing(L.SEAL_GAP_LINES * L.LINE_PITCH_TWIPS, L.LINE_PITCH_TWIPS, L.LINE_PITCH_TWIPS),
    Spacing(L.LINE_PITCH_TWIPS, L.LINE_PITCH_TWIPS, L.LINE_PITCH_TWIPS),
    Spacing(L.LINE_PITCH_TWIPS, L.pt_to_twips(L.TIGHT_TAIL_LINE_PT), L.pt_to_twips(L.TIGHT_RECORD_LINE_PT)),
    Spacing(L.pt_to_twips(L.TIGHTEST_TAIL_LINE_PT), L.pt_to_twips(L.TIGHTEST_TAIL_LINE_PT),
            L.pt_to_twips(L.TIGHTEST_RECORD_LINE_PT)),
)


def body_lines(text: str, first_indent_pt: float = 0.0, left_pt: float = 0.0, right_pt: float = 0.0,
               size: float = L.BODY_SIZE, spacing: float = L.CHAR_SPACING_PT) -> list[str]:
    """Printed lines of one paragraph of the 版心 (indents in pt)."""
    room = W_PT - left_pt - right_pt
    return M.wrap(plain_text(text), room - first_indent_pt, room, size, spacing)


def signer_rows(names: list[str], per_line: int = L.SIGNERS_PER_LINE, max_pt: float | None = None) -> list[list[str]]:
    """签发人 names in rows of two, left to right, top down (7.2.6); with `max_pt`, a row holds
    two names only when they fit that width (long names stand one a row)."""
    if max_pt is None:
        return [names[k:k + per_line] for k in range(0, len(names), per_line)]
    rows: list[list[str]] = []
    for name in names:
        row = rows[-1] if rows else None
        if row is not None and len(row) < per_line and \
                M.width_pt(SIGNER_GAP.join(row + [name]), L.BODY_SIZE, L.CHAR_SPACING_PT) <= max_pt:
            row.append(name)
        else:
            rows.append([name])
    return rows


SIGNER_GAP = "\u3000"


def organ_lines(organ: str) -> list[str]:
    """The 署名's printed lines: one, or for a name wider than the 版心, as many as it needs."""
    return M.wrap(organ, W_PT, W_PT, L.BODY_SIZE, L.CHAR_SPACING_PT)


def signature_offsets(organ: str, date: str) -> tuple[float, float]:
    """Right indents (pt) of the 署名 and the 成文日期: the date 右空四字, the 署名 centred over it,
    both measured with the page's metric (digits are narrower than characters). A 署名 too wide
    for that stands flush right and the date is centred under it (its widest line)."""
    size, sp = L.BODY_SIZE, L.CHAR_SPACING_PT
    organ_w = max(M.width_pt(line, size, sp) for line in organ_lines(organ))
    date_w = M.width_pt(date, size, sp)
    date_right = L.DATE_RIGHT_CHARS * L.CHAR_PITCH_PT
    organ_right = date_right + (date_w - organ_w) / 2
    if organ_right < 0:
        date_right -= organ_right
        organ_right = 0.0
    return organ_right, date_right


class _Builder:
    def __init__(self, letter: Letter, sentences: Sentences, options: RenderOptions):
        self.letter = letter
        self.s = sentences
        self.options = options
        self.out: list[etree._Element] = []
        self.blocks: list[Block] = []
        self.shape_id = 0
        self.pitch = L.LINE_PITCH_TWIPS
        self.indent = L.chars_twips(L.INDENT_CHARS)
        # Names given as plain strings (a Letter built in code) are attachments without pages.
        self.attachments = [a if isinstance(a, Attachment) else Attachment(str(a)) for a in letter.attachments]
        self.names = list(letter.addressee.deputies) + ([letter.addressee.unit] if letter.addressee.unit else [])
        self.salutation_in_record = False     # a 主送 too long for page 1 goes to the 版记 (7.3.2)

    # -- small pieces --------------------------------------------------------------
    def next_id(self) -> int:
        self.shape_id += 1
        return self.shape_id

    def text_runs(self, text: str, font: str = "fangsong", size: float = L.BODY_SIZE,
                  bold: bool = False) -> list[etree._Element]:
        return [X.run(piece, _rp(font, size, bold=bold or b)) for piece, b in bold_spans(text) if piece]

    def held_lines(self, text: str, names, first_pt: float, rest_pt: float,
                   size: float = L.BODY_SIZE) -> tuple[list[etree._Element], list[str]]:
        """(runs, printed lines) of a paragraph that may break only between names (主送, 抄送): the
        renderer breaks its lines itself, with the page's metric, and writes explicit line breaks,
        so no renderer ever breaks inside a name (LibreOffice ignores word joiners in Chinese)."""
        lines = M.wrap(M.join_names(text, names), first_pt, rest_pt, size, L.CHAR_SPACING_PT)
        runs: list[etree._Element] = []
        for k, line in enumerate(lines):
            if k:
                runs.append(X.el("w:r", None, _rp("fangsong", size), X.el("w:br")))
            # one run a line: LibreOffice drops the character spacing at every run's end
            runs += self.text_runs(line.replace(M.WORD_JOINER, ""), size=size)
        return runs, lines

    def para(self, style: str | None, runs, *, lines: int | list[str] = 1, name: str = "", extra: int = 0,
             into: tuple[list, list] | None = None, **ppr) -> etree._Element:
        """A paragraph and its block; `ppr` as for ooxml.ppr (line defaults to the grid pitch).
        `lines`: the printed lines as broken here (kept on the block, so that a preview draws
        exactly these lines), or just their number for a paragraph of one line."""
        ppr.setdefault("line", self.pitch)
        p = X.paragraph(X.ppr(style=style, **ppr), runs)
        texts = [t.replace(M.WORD_JOINER, "") for t in lines] if isinstance(lines, list) else None
        block = Block(name or style or "", len(texts) if texts is not None else lines, ppr["line"], before=ppr.get("before") or 0, extra=extra,
                      keep_next=ppr.get("keep_next", False), keep_lines=ppr.get("keep_lines", False),
                      page_break_before=ppr.get("page_break_before", False),
                      data={"p": p, "lines": texts})
        out, blocks = into or (self.out, self.blocks)
        out.append(p)
        blocks.append(block)
        return p

    def normal(self, text: str, *, font: str = "fangsong", into=None, name: str = "body", **ppr) -> etree._Element:
        lines = body_lines(text, self.indent / 20)
        return self.para("Normal", self.text_runs(text, font=font), lines=lines, name=name, into=into, **ppr)

    # -- 版头 ----------------------------------------------------------------------
    def file_head(self) -> None:
        Lt = self.letter
        used = 0
        if Lt.category:
            self.para("GwCategory", [X.run(Lt.category, _rp("heiti", L.BODY_SIZE, latin=L.FONTS["heiti"]))],
                      name="category", first_line=0, jc="right")
            used = self.pitch
        size = mark_size(Lt.mark)
        before = L.mm_to_twips(L.MARK_TOP_BELOW_TYPE_TOP_MM) - used
        runs, lines, line_pt = self.mark_runs(Lt.mark, size)
        self.para("GwMark", runs, lines=lines, name="mark",
                  before=before, line=L.pt_to_twips(line_pt), first_line=0, jc="center")
        # 发文字号 下空二行; the red rule 4 mm under it as a paragraph bottom border.
        space = round(L.mm_to_pt(L.SEPARATOR_BELOW_DOC_NUMBER_MM) - L.SEPARATOR_TEXT_GAP_PT)
        rule = X.border("bottom", "single", L.SEPARATOR_EIGHTHS, L.RED, space_pt=space)
        rule_h = L.pt_to_twips(space + L.SEPARATOR_EIGHTHS / 8)
        before = L.DOC_NUMBER_LINES_BELOW_MARK * self.pitch
        if Lt.signer:
            self.signer_lines(rule, rule_h, before)
        else:
            self.para("GwDocNumber", [X.run(Lt.doc_number, _rp("fangsong", L.BODY_SIZE))], name="doc_number",
                      lines=body_lines(Lt.doc_number), borders=[rule], extra=rule_h, before=before, first_line=0,
                      jc="center")
        self.title_before = L.TITLE_LINES_BELOW_SEPARATOR * self.pitch

    def mark_runs(self, mark: str, size: float) -> tuple[list, list[str], float]:
        """(runs, lines, line height pt) of the 发文机关标志: one line at `size`; a name too long
        for one line even at the smallest size wraps (explicit breaks) with a little leading."""
        room = L.TYPE_WIDTH_PT           # mark_size leaves the air; wrap only past the 版心
        lines = M.wrap(mark, room, room, size)
        runs = []
        for k, line in enumerate(lines):
            if k:
                runs.append(X.el("w:r", None, _rp("xiaobiaosong", size, color=L.RED, spacing=None), X.el("w:br")))
            runs.append(X.run(line, _rp("xiaobiaosong", size, color=L.RED, spacing=None)))
        return runs, lines, size if len(lines) == 1 else size * L.MARK_WRAPPED_LEADING

    def signer_lines(self, rule, rule_h: int, before: int) -> None:
        """签发人 居右空一字, two names a line, wrapped lines aligned with the first name, the
        发文字号 居左空一字 on the line of the last name (7.2.6). Tabs, not indents, on the last
        line: its bottom border is the red rule and must span the 版心."""
        Lt = self.letter
        size, sp = L.BODY_SIZE, L.CHAR_SPACING_PT
        one = L.chars_twips(L.SIGNER_INDENT_CHARS)
        label = "签发人："
        label_w = M.width_pt(label, size, sp)
        rows = signer_rows(Lt.signer, max_pt=L.TYPE_WIDTH_PT - 2 * one / 20 - label_w)
        texts = [SIGNER_GAP.join(r) for r in rows]
        names_w = max(M.width_pt(t, size, sp) for t in texts)
        names_x = L.TYPE_WIDTH_TWIPS - one - L.pt_to_twips(names_w)     # where every row's names start
        label_x = names_x - L.pt_to_twips(label_w)
        # The 发文字号 shares the last name's line when both fit with a 字 between them; else it
        # takes a line of its own under the names, still 居左空一字, carrying the red rule.
        number_w = L.pt_to_twips(M.width_pt(Lt.doc_number, size, sp))
        shared = one + number_w + one <= (label_x if len(texts) == 1 else names_x)
        if not shared:
            texts.append(None)
        for k, text in enumerate(texts):
            last = k == len(texts) - 1
            runs = []
            tabs = []
            if text is None:
                # a tab, not an indent: the bottom border (the red rule) must span the 版心
                self.para("GwDocNumber", [X.el("w:r", None, X.el("w:tab")), X.run(Lt.doc_number, _rp("fangsong", size))],
                          name="doc_number", lines=body_lines(Lt.doc_number, first_indent_pt=one / 20), borders=[rule],
                          extra=rule_h, tabs=[("left", one)], left=0, first_line=0, jc="left")
                continue
            if last:
                runs += [X.el("w:r", None, X.el("w:tab")), X.run(Lt.doc_number, _rp("fangsong", size))]
                tabs.append(("left", one))
            if k == 0:
                runs += [X.el("w:r", None, X.el("w:tab")), X.run(label, _rp("fangsong", size))]
                tabs.append(("left", label_x))
            else:
                runs.append(X.el("w:r", None, X.el("w:tab")))
                tabs.append(("left", names_x))
            runs.append(X.run(text, _rp("kaiti", size)))
            self.para("GwDocNumber", runs, name="doc_number" if last else "signer",
                      borders=[rule] if last else (), extra=rule_h if last else 0, tabs=tabs,
                      before=before if k == 0 else 0, left=0, first_line=0, jc="left", keep_next=not last)

    def letter_head(self, printed: bool) -> None:
        """信函式: mark, double rules and 类别标记 float on page 1, anchored in an empty paragraph."""
        Lt = self.letter
        size = mark_size(Lt.mark)
        mark_runs, mark_lines, mark_line_pt = self.mark_runs(Lt.mark, size)
        mark_h = mark_line_pt * len(mark_lines)
        # The mark's text box is one em high a line: the em box's bottom is the glyph's bottom line.
        mark_bottom_mm = L.LETTER_MARK_TOP_MM + mark_h / L.PT_PER_MM
        rule_top_mm = mark_bottom_mm + L.LETTER_RULE_BELOW_MARK_MM
        thick, thin, gap = L.LETTER_RULE_THICK_PT, L.LETTER_RULE_THIN_PT, L.LETTER_RULE_GAP_PT
        rule_bottom_mm = rule_top_mm + (thick + gap + thin) / L.PT_PER_MM
        rule_x = L.mm_to_emu(L.MARGIN_LEFT_MM + (L.TYPE_WIDTH_MM - L.LETTER_RULE_LENGTH_MM) / 2)
        rule_w = L.mm_to_emu(L.LETTER_RULE_LENGTH_MM)
        runs = []
        if Lt.category:
            runs.append(self.floating_text(
                "类别标记", [X.paragraph(X.ppr(style="GwCategory", line=self.pitch, first_line=0, jc="right"),
                                      [X.run(Lt.category, _rp("heiti", L.BODY_SIZE, latin=L.FONTS["heiti"]))])],
                x_mm=L.MARGIN_LEFT_MM, y_mm=L.LETTER_CATEGORY_TOP_MM,
                w_mm=L.TYPE_WIDTH_MM, h_pt=L.LINE_PITCH_PT))
        if printed:
            mark_p = X.paragraph(X.ppr(style="GwMark", line=L.pt_to_twips(mark_line_pt), first_line=0, jc="center"),
                                 mark_runs)
            runs.append(self.floating_text("发文机关标志", [mark_p], x_mm=L.MARGIN_LEFT_MM,
                                           y_mm=L.LETTER_MARK_TOP_MM - L.LETTER_MARK_LIFT_MM, w_mm=L.TYPE_WIDTH_MM,
                                           h_pt=mark_h))
            # First double line thick over thin, second thin over thick 20 mm above the bottom.
            y = L.mm_to_emu(rule_top_mm)
            for name, h in (("版头粗线", thick), ("版头细线", thin)):
                runs.append(X.anchor(self.next_id(), name, x=rule_x, y=y, cx=rule_w, cy=L.pt_to_emu(h), fill=L.RED))
                y += L.pt_to_emu(h + gap)
            y = L.mm_to_emu(L.PAGE_HEIGHT_MM - L.LETTER_RULE_ABOVE_BOTTOM_MM) - L.pt_to_emu(thin + gap + thick)
            for name, h in (("版尾细线", thin), ("版尾粗线", thick)):
                runs.append(X.anchor(self.next_id(), name, x=rule_x, y=y, cx=rule_w, cy=L.pt_to_emu(h), fill=L.RED))
                y += L.pt_to_emu(h + gap)
        anchor_line = L.LETTER_ANCHOR_LINE_TWIPS
        self.para(None, runs, name="anchor", line=anchor_line, first_line=0)
        # 发文字号 flush right, its glyph top 7/8 of a 3号 height under the first double line: the
        # line box starts that much higher than the glyph (the glyph sits low in an exact line).
        top_mm = rule_bottom_mm + L.LETTER_BELOW_RULE_MM - L.GLYPH_TOP_IN_LINE_MM
        before = L.mm_to_twips(top_mm - L.MARGIN_TOP_MM) - anchor_line
        # (a 发文字号 wider than the 版心 wraps: its lines are counted)
        self.para("GwDocNumber", [X.run(Lt.doc_number, _rp("fangsong", L.BODY_SIZE))], name="doc_number",
                  lines=body_lines(Lt.doc_number), before=max(before, 0), first_line=0, jc="right")
        self.title_before = L.TITLE_LINES_BELOW_SEPARATOR * self.pitch

    def floating_text(self, name: str, content, *, x_mm: float, y_mm: float, w_mm: float, h_pt: float) -> etree._Element:
        return X.anchor(self.next_id(), name, x=L.mm_to_emu(x_mm), y=L.mm_to_emu(y_mm), cx=L.mm_to_emu(w_mm),
                        cy=L.pt_to_emu(h_pt), content=content)

    # -- 主体 ----------------------------------------------------------------------
    def title(self, text: str, before: int, *, page_break: bool = False, into=None) -> None:
        lines = break_title(text)
        runs = []
        for i, line in enumerate(lines):
            if i:
                runs.append(X.el("w:r", None, _rp("xiaobiaosong", L.TITLE_SIZE, spacing=None), X.el("w:br")))
            runs.append(X.run(line, _rp("xiaobiaosong", L.TITLE_SIZE, spacing=None)))
        self.para("GwTitle", runs, lines=lines, name="title", before=before, first_line=0, jc="center",
                  keep_next=True, keep_lines=True, page_break_before=page_break, into=into)

    def salutation(self) -> None:
        runs, lines = self.held_lines(self.s.salutation(), self.names, W_PT, W_PT)
        self.para("GwSalutation", runs, lines=lines, name="salutation",
                  before=L.SALUTATION_LINES_BELOW_TITLE * self.pitch, first_line=0, jc="left")

    def body(self, before: int = 0) -> None:
        self.normal(self.s.acknowledgement(), before=before or None)
        for bp in self.letter.paragraphs():
            h = bp.heading
            if h is None:
                self.normal(bp.text or "")
                continue
            font = L.HEADING_FONTS[h.level]
            head = h.marker + h.text
            if bp.text is not None:                       # run-in: heading then its paragraph
                lines = body_lines(head + plain_text(bp.text), self.indent / 20)
                self.para("Normal", self.text_runs(head, font=font) + self.text_runs(bp.text), lines=lines,
                          name="body")
            else:
                lines = body_lines(head, self.indent / 20)
                self.para(f"GwHeading{h.level}", self.text_runs(head, font=font), lines=lines,
                          name="heading", keep_next=True, keep_lines=True)

    # -- the tail: 结束语, 附件说明, 署名, 成文日期, 附注 ------------------------------------
    def tail(self, sp: Spacing, chained: bool, flow_lead: bool = False) -> tuple[list, list]:
        """The tail as (elements, blocks), every paragraph kept whole and with the next; the last
        附注 is kept with what follows only when the 版记 follows on the same page (`chained`).
        With `flow_lead` (a tail taller than a page) the 结束语 and 附件说明 flow on from the body
        and only their last line is kept with the 署名, the date and the 附注: the page break falls
        in the text, never between the 署名 and what stands above it."""
        into: tuple[list, list] = ([], [])
        # GB/T 9704 7.3.5.5: the signature never stands on a page without body text, so the
        # closing travels with it (as do the 附件说明 lines below).
        for line in self.s.closing().split("\n"):  # a closing may be two paragraphs (thanks, 特此答复。)
            if line.strip():
                self.normal(line.strip(), into=into, name="closing", keep_next=True, keep_lines=True)
        self.attachment_note(into)
        if flow_lead:
            for p, bl in zip(*into):
                if bl is not into[1][-1]:
                    _unkeep(p, bl)
        organ, date = self.letter.signature.organ, self.s.signature_date()
        organ_right, date_right = signature_offsets(organ, date)
        lines = organ_lines(organ)
        runs = []
        for k, line in enumerate(lines):
            if k:
                runs.append(X.el("w:r", None, _rp("fangsong", L.BODY_SIZE), X.el("w:br")))
            runs += self.text_runs(line)
        self.para("GwSignature", runs, lines=lines, name="organ", into=into, before=sp.seal_gap,
                  line=sp.tail_line, keep_next=True, keep_lines=True, right=L.pt_to_twips(organ_right),
                  first_line=0, jc="right")
        notes = self.s.notes()
        self.para("GwSignature", self.text_runs(date), name="date", into=into, line=sp.tail_line,
                  keep_next=bool(notes) or chained, keep_lines=True, right=L.pt_to_twips(date_right),
                  first_line=0, jc="right")
        for k, line in enumerate(notes):
            # Left-aligned: a long phone number must not stretch the line's spacing.
            lines = body_lines(line, self.indent / 20)
            self.para("Normal", self.text_runs(line), lines=lines, name="note", into=into, line=sp.tail_line,
                      first_line=self.indent, jc="left", keep_next=k < len(notes) - 1 or chained, keep_lines=True)
        return into

    def attachment_note(self, into) -> None:
        """附件说明: 附件：1.×× with wrapped lines aligned with the name (7.3.4)."""
        items = self.attachments
        if not items:
            return
        size, sp = L.BODY_SIZE, L.CHAR_SPACING_PT
        label = "附件："
        label_w = M.width_pt(label, size, sp)
        start_pt = L.INDENT_CHARS * L.CHAR_PITCH_PT + label_w
        for i, item in enumerate(items):
            number = f"{i + 1}." if len(items) > 1 else ""
            num_w = M.width_pt(number, size, sp)
            text = (label if i == 0 else "") + number + item.title
            left_pt = start_pt + num_w                    # wrapped lines align with the name
            first_pt = -(num_w + (label_w if i == 0 else 0))
            lines = M.wrap(text, W_PT - left_pt - first_pt, W_PT - left_pt, size, sp)
            left = L.pt_to_twips(left_pt)
            hang = L.pt_to_twips(-first_pt)
            runs = self.text_runs(text)
            if i:
                runs.insert(0, X.run("", _rp("fangsong", size)))
            # Left-aligned: a justified first line would stretch and move its name off the
            # position the wrapped lines align with.
            self.para("Normal", runs, lines=lines, name="attachment_note", into=into, jc="left",
                      before=L.ATTACHMENT_GAP_LINES * self.pitch if i == 0 else 0, left=left, keep_next=True,
                      keep_lines=True, hanging=hang if hang > 0 else None, first_line=0 if hang <= 0 else None)

    # -- 附件 pages (7.3.7) -----------------------------------------------------------
    def attachment_pages(self) -> tuple[list, list]:
        into: tuple[list, list] = ([], [])
        items = self.attachments
        for i, item in enumerate(items):
            if item.separate or not item.content:
                continue
            label = "附件" + (str(i + 1) if len(items) > 1 else "")
            self.para("GwAttachmentLabel", [X.run(label, _rp("heiti", L.BODY_SIZE, latin=L.FONTS["heiti"]))],
                      name="attachment_label", into=into, page_break_before=True, first_line=0, jc="left",
                      keep_next=True)
            # The title on line 3 of the 版心: one line left blank under the label.
            self.title(item.title, self.pitch, into=into)
            for k, text in enumerate(item.content):
                self.normal(text, into=into, name="attachment", before=self.pitch if k == 0 else 0)
        return into

    # -- 版记 (7.4) -------------------------------------------------------------------
    def record(self, sp: Spacing, ruled: bool) -> tuple[list, list]:
        """抄送 (and 印发) between rules, every paragraph kept with the next; the rules are bottom
        borders of 1 pt paragraphs without indents, so they run the full 版心 width."""
        into: tuple[list, list] = ([], [])
        copy_line = self.s.copy_line()
        printing = self.s.printing_date() if ruled else None
        if not copy_line and not printing and not self.salutation_in_record:
            return into
        size, spc = L.RECORD_SIZE, L.CHAR_SPACING_PT
        one = L.chars_twips(L.RECORD_INDENT_CHARS, L.RECORD_CHAR_PT)

        def rule(eighths: int) -> None:
            self.para("GwRecord", [], name="record_rule", into=into,
                      borders=[X.border("bottom", "single", eighths, "000000")], extra=L.pt_to_twips(eighths / 8),
                      line=L.RECORD_RULE_LINE_TWIPS, left=0, right=0, first_line=0, keep_next=True, keep_lines=True)

        if ruled:
            rule(L.RECORD_THICK_EIGHTHS)

        def names_line(text: str, names, name: str) -> None:
            # 7.4.2: wrapped lines align after the colon; 主送 (moved here) is set like 抄送
            hang = L.pt_to_twips(M.width_pt(text[:3], size, spc))
            room = (L.TYPE_WIDTH_TWIPS - 2 * one) / 20
            runs, lines = self.held_lines(text, names, room, room - hang / 20, size)
            # Left-aligned: lines end at a name, and a justified line before a break would stretch.
            self.para("GwRecord", runs, lines=lines, name=name, into=into,
                      line=sp.record_line, left=one + hang, right=one, hanging=hang, jc="left",
                      keep_next=True, keep_lines=True)

        if self.salutation_in_record:
            names_line("主送：" + self.s.salutation().rstrip("：:") + "。", self.names, "addressee")
            if printing and not copy_line:
                rule(L.RECORD_THIN_EIGHTHS)
        if copy_line:
            names_line(copy_line, self.letter.copy_to, "copy")
            if printing:
                rule(L.RECORD_THIN_EIGHTHS)
        if printing:
            runs, n = self.printing_lines(self.letter.printing.organ, printing, one)
            self.para("GwRecord", runs, lines=n, name="printing", into=into, tabs=[("right", L.TYPE_WIDTH_TWIPS - one)],
                      line=sp.record_line, left=one, right=one, first_line=0, keep_next=True, keep_lines=True)
        if ruled:
            rule(L.RECORD_THICK_EIGHTHS)
        # The last paragraph of the letter keeps with nothing.
        _unkeep(into[0][-1], into[1][-1])
        return into

    def printing_lines(self, organ: str, date: str, one: int) -> tuple[list[etree._Element], int]:
        """(runs, line count) of the 印发 line: 印发机关 左空一字, 印发日期 右空一字 at a right tab. A
        机关 name too long for the line wraps (explicit breaks, so the page holds the planned lines),
        and the date goes to a line of its own when it does not fit after the name's last line."""
        size, spc = L.RECORD_SIZE, L.CHAR_SPACING_PT
        room = (L.TYPE_WIDTH_TWIPS - 2 * one) / 20
        lines = M.wrap(organ, room, room, size, spc)
        runs: list[etree._Element] = []
        for k, line in enumerate(lines):
            if k:
                runs.append(X.el("w:r", None, _rp("fangsong", size), X.el("w:br")))
            runs += self.text_runs(line, size=size)
        n = len(lines)
        gap = L.RECORD_CHAR_PT        # at least one 字 between the name and the date
        if M.width_pt(lines[-1], size, spc) + gap + M.width_pt(date, size, spc) > room:
            runs.append(X.el("w:r", None, _rp("fangsong", size), X.el("w:br")))
            n += 1
        runs.append(X.el("w:r", None, _rp("fangsong", size), X.el("w:tab")))
        runs += self.text_runs(date, size=size)
        return runs, n

    def spacer(self, height: int, page_break: bool) -> tuple[etree._Element, Block]:
        """An empty paragraph `height` twips high that pushes the 版记 down to the 版心 bottom."""
        p = X.paragraph(X.ppr(style="GwRecord", line=max(height, 1), first_line=0, keep_next=True,
                              keep_lines=True, page_break_before=page_break))
        return p, Block("spacer", 1, max(height, 1), keep_next=True, keep_lines=True, page_break_before=page_break)

    # -- all -----------------------------------------------------------------------
    def head_and_body(self) -> None:
        layout = self.letter.layout
        if layout == "file":
            self.file_head()
        else:
            self.letter_head(printed=layout == "letter")
        self.title(self.s.title(), self.title_before)
        if self.salutation_in_record:
            self.body(before=L.SALUTATION_LINES_BELOW_TITLE * self.pitch)   # where the 主送 stood
        else:
            self.salutation()
            self.body()

    def body_on_first_page(self) -> bool:
        """Does page 1 show 正文 (GB/T 9704 7.3.2: else the 主送 moves to the 版记)?"""
        k = next(i for i, bl in enumerate(self.blocks) if bl.name == "salutation") + 1
        return k < len(self.blocks) and paginate(self.blocks[:k + 1], CAPACITY)[k].page == 0

    def ruled(self) -> bool:
        """信函式 has no 印发 line and no rules (10.1); plain paper is pre-printed 信函 paper, so it
        prints them only when the draft asks (printing.show)."""
        layout, printing = self.letter.layout, self.letter.printing
        return layout == "file" or (layout == "plain" and printing is not None and printing.show)


def _unkeep(p: etree._Element, block: Block) -> None:
    ppr = p.find(X.qn("w:pPr"))
    for e in ppr.findall(X.qn("w:keepNext")):
        ppr.remove(e)
    block.keep_next = False


def _set_page_break(p: etree._Element, block: Block) -> None:
    ppr = p.find(X.qn("w:pPr"))
    if ppr.find(X.qn("w:pageBreakBefore")) is None:
        anchor = ppr.find(X.qn("w:keepLines"))
        if anchor is None:
            anchor = ppr.find(X.qn("w:keepNext"))
        if anchor is not None:
            anchor.addnext(X.el("w:pageBreakBefore"))
        else:
            pstyle = ppr.find(X.qn("w:pStyle"))
            if pstyle is not None:
                pstyle.addnext(X.el("w:pageBreakBefore"))
            else:
                ppr.insert(0, X.el("w:pageBreakBefore"))
    block.page_break_before = True


@dataclass
class LetterPlan:
    """What the renderer decided about the end of the letter (for previews and tests)."""

    spacing: int                 # index into SPACINGS
    tail_moved: bool             # the tail starts a new page
    record_page: int             # 1-based page of the 版记
    pages: int
    blank_page: int | None       # 1-based page left blank before the 版记
    salutation_in_record: bool = False   # the 主送 moved to the 版记 (too long for page 1, 7.3.2)


def _height(blocks: list[Block]) -> int:
    return sum(bl.height for bl in blocks)


def _choose_tail(b: _Builder, head_blocks: list[Block], ruled: bool, has_pages: bool):
    """(spacing index, spacing, tail, record, moved): where the end of the letter goes.

    In order of preference: the tail and the 版记 under the body (tightened if need be, 7.3.5.5);
    both together on a new page; the tail under the body and the 版记 on a page of its own (when
    the two are taller than a page); the tail alone on a new page; and for a tail taller than a
    page, the tail flowing on from the body, the 署名 kept with the line above it (see `tail`)."""
    def place(chained: bool):
        for k, sp in enumerate(SPACINGS):
            tail = b.tail(sp, chained=chained)
            record = b.record(sp, ruled)
            chain = tail[1] + (record[1] if chained else [])
            if _height(chain) > CAPACITY:
                continue                   # it could not share a page even after a break
            placed = paginate(head_blocks + chain, CAPACITY)
            if placed[len(head_blocks)].page == placed[len(head_blocks) - 1].end_page:
                return k, sp, tail, record, False
        return None

    def moved(chained: bool):
        for k, sp in enumerate(SPACINGS):
            tail = b.tail(sp, chained=chained)
            record = b.record(sp, ruled)
            if _height(tail[1] + (record[1] if chained else [])) <= CAPACITY:
                _set_page_break(tail[0][0], tail[1][0])
                return k, sp, tail, record, True
        return None

    together = not has_pages
    choice = (together and (place(True) or moved(True))) or place(False) or moved(False)
    if choice is None:
        # Taller than a page: the least tightening under which the 署名, the date, the 附注 and
        # the line above them fit one page with a line of text, else the tightest.
        for k, sp in enumerate(SPACINGS):
            tail = b.tail(sp, chained=False, flow_lead=True)
            kept = next(i for i, bl in enumerate(tail[1]) if bl.name == "organ") - 1
            if _height(tail[1][max(kept, 0):]) + L.LINE_PITCH_TWIPS <= CAPACITY or k == len(SPACINGS) - 1:
                choice = (k, sp, tail, b.record(sp, ruled), False)
                break
    return choice


def plan_letter(letter: Letter, sentences: Sentences, options: RenderOptions | None = None):
    """(elements, blocks, LetterPlan): the body of the letter and where everything falls."""
    options = options or RenderOptions()
    b = _Builder(letter, sentences, options)
    b.head_and_body()
    if not b.body_on_first_page():
        b = _Builder(letter, sentences, options)
        b.salutation_in_record = True
        b.head_and_body()
    head_out, head_blocks = b.out, b.blocks
    ruled = b.ruled()
    pages_after = b.attachment_pages()
    has_pages = bool(pages_after[0])

    choice = _choose_tail(b, head_blocks, ruled, has_pages)
    k, sp, tail, record, moved = choice

    out = head_out + tail[0]
    blocks = head_blocks + tail[1]
    if has_pages:
        out += pages_after[0]
        blocks += pages_after[1]
    blank_page = None
    record_page = None
    if record[0]:
        r_height = sum(bl.height for bl in record[1])
        placed = paginate(blocks, CAPACITY)
        last = placed[-1]
        room = CAPACITY - last.bottom - r_height
        alone = room < 0
        if alone and r_height > CAPACITY:
            # a 版记 taller than a page (a long 主送 and 抄送): its lines tightened until it fits one
            record = next((r for r in (b.record(x, ruled) for x in SPACINGS) if _height(r[1]) <= CAPACITY), record)
            r_height = _height(record[1])
        page = last.end_page + (1 if alone else 0)          # 0-based page of the 版记
        if options.record_page == "even" and page % 2 == 0:   # 0-based even = odd page number
            if not alone:
                alone, page = True, page + 1
            else:
                blank_page, page = page + 1, page + 1          # blank page (1-based page+1 before +1)
        spacer = []
        if not alone:
            if room > 0:
                spacer = [b.spacer(room, page_break=False)]
        else:
            if blocks[-1].keep_next:
                _unkeep(out[-1], blocks[-1])
            if blank_page is not None:
                # The blank page: a section of its own starts here (compose), so no page break in
                # the XML; the plan counts it as one.
                out.append(X.paragraph(X.ppr(style="GwRecord", line=L.LINE_PITCH_TWIPS, first_line=0)))
                blocks.append(Block("blank", 1, L.LINE_PITCH_TWIPS, page_break_before=True))
            spacer = [b.spacer(CAPACITY - r_height, page_break=True)]
        out += [e for e, _ in spacer] + record[0]
        blocks += [bl for _, bl in spacer] + record[1]
        record_page = page + 1
    placed = paginate(blocks, CAPACITY)
    plan = LetterPlan(k, moved, record_page or placed[-1].end_page + 1, placed[-1].end_page + 1, blank_page,
                      b.salutation_in_record)
    return out, blocks, plan


def compose(letter: Letter, sentences: Sentences, options: RenderOptions, sect: etree._Element,
            blank_footer: str) -> list[etree._Element]:
    """The body paragraphs; `sect` (the final w:sectPr) is changed when the 版记 needs a section
    of its own (a blank page before it, neither numbered)."""
    out, blocks, plan = plan_letter(letter, sentences, options)
    if plan.blank_page is None:
        return out
    # The 版记 section starts after the last content paragraph: that paragraph carries the first
    # section's properties (a copy of the final ones); the final section gets the empty footers.
    k = next(i for i, bl in enumerate(blocks) if bl.name == "blank")
    first = deepcopy(sect)
    last_ppr = out[k - 1].find(X.qn("w:pPr"))
    last_ppr.append(first)
    for ref in sect.findall(X.qn("w:footerReference")):
        sect.remove(ref)
    for kind in ("default", "even"):
        sect.insert(0, X.el("w:footerReference", {"w:type": kind, "r:id": blank_footer}))
    for tp in sect.findall(X.qn("w:titlePg")):
        sect.remove(tp)
    return out
