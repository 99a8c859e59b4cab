"""The body of a reply as the NPC/CPPCC platforms' editors take it.

The platforms generate 函头, 标题 and 落款 themselves and ask for the body only, as plain
paragraphs: the opening sentence, background, measures with their numbering, problems,
next steps and the closing, without bold markup. Their editors often cap the length
(2,500 characters is common), so the length is counted here the way they count it:
every character of the text, line breaks excluded.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.model import Letter
from drafter.sentences import Sentences
from drafter.text import plain_text


@dataclass
class PlatformText:
    paragraphs: list[str]

    @property
    def length(self) -> int:
        return sum(len(p) for p in self.paragraphs)

    def text(self, newline: str = "\n") -> str:
        return newline.join(self.paragraphs) + newline

    def encode(self, options) -> bytes:
        """The file a clerk opens in Notepad: the profile's [text] encoding and newlines."""
        return self.text(options.newline_chars).encode(options.encoding)


def platform_text(letter: Letter, sentences: Sentences, acknowledgement: bool = True) -> PlatformText:
    out: list[str] = []
    if acknowledgement:
        out.append(plain_text(sentences.acknowledgement()))
    for bp in letter.paragraphs():
        h = bp.heading
        if h is None:
            out.append(plain_text(bp.text or ""))
        elif bp.text is not None:
            out.append(h.marker + plain_text(h.text) + plain_text(bp.text))
        else:
            out.append(h.marker + plain_text(h.text))
    out.extend(line.strip() for line in sentences.closing().split("\n") if line.strip())
    return PlatformText([p for p in out if p.strip()])
