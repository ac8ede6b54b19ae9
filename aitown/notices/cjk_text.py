"""Chinese paragraphs set the way GB/T 9704 and the Chinese line-breaking rules (禁则) ask.

ReportLab's CJK wrapping lets closing punctuation hang past the right margin, never justifies a
Chinese line, and breaks a title anywhere. :class:`CJKParagraph` sets a paragraph itself:

- every character in the first font of its chain that has it (aitown.notices.fonts);
- a Latin word or a number (``2026``, ``200,000.00``, ``AI``) is one unit, never broken unless
  it is wider than the line;
- no line starts with closing punctuation (，。、；：！？）》” …) and none ends with opening
  punctuation (（《“ …): the character before moves down with it (推入 is not used), and no
  character ever hangs past the margin;
- justified lines fill the measure exactly: the difference is spread between the characters,
  and a full line may be squeezed a little (up to ``squeeze`` per character, so that 28
  characters of 16 pt fill GB/T's 156 mm measure);
- a title (``balanced=True``) is broken only between words (a small dictionary and the words the
  caller names, such as the team's name) into lines of even length, the upper one not longer
  than the one below (GB/T's 梯形).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from aitown.notices.fonts import check_drawable, runs, string_width

#: Characters that may not begin a line.
CANNOT_START: Final = "，。、；：！？）》〉」』】〕〗〙〛’”…·‥%‰℃,.;:!?)]}"
#: Characters that may not end a line.
CANNOT_END: Final = "（《〈「『【〔〖〘〚‘“([{"
#: Words a title is never broken inside (GB/T 9704: 回行时要做到词意完整).
TITLE_WORDS: Final = (
    "人工智能",
    "有限责任公司",
    "股份有限公司",
    "有限公司",
    "科技",
    "小镇",
    "孵化",
    "通知",
    "决定书",
    "租金减免",
    "已减免租金",
    "一次性",
    "创业补贴",
    "创业资助",
    "算力券",
    "模型券",
    "语料券",
    "人才奖励",
    "不予支持",
    "入驻",
    "申请",
    "撤销",
    "退还",
    "已拨付",
    "资金",
    "同意",
    "关于",
)
_LATIN_RUN = re.compile(
    r"[^\s\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f\u2010-\u2027\u2030-\u205e\U00020000-\U0003ffff]+"
)
# Below this (pt) a difference in width does not matter.
_FUZZ: Final = 1e-6


@dataclass(frozen=True)
class Token:
    """One unit of line breaking: a Chinese character, a Latin word, a protected word, a space."""

    text: str
    width: float
    space: bool = False


@dataclass(frozen=True)
class Line:
    tokens: tuple[Token, ...]
    indent: float
    last: bool  # the paragraph's last line: not justified

    @property
    def natural(self) -> float:
        return sum(t.width for t in self.tokens)


def tokenize(
    text: str, size: float, primary: str, words: tuple[str, ...] = (), max_width: float = 0
) -> list[Token]:
    """``text`` as breaking units; ``words`` (no wider than ``max_width``) are kept whole."""
    protected: list[tuple[int, int]] = []
    taken = [False] * len(text)
    for word in sorted({w for w in words if w}, key=len, reverse=True):
        if max_width and _width(word, size, primary) > max_width:
            continue
        for m in re.finditer(re.escape(word), text):
            if not any(taken[m.start() : m.end()]):
                protected.append((m.start(), m.end()))
                for i in range(m.start(), m.end()):
                    taken[i] = True
    starts = {a: b for a, b in protected}
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        if i in starts:
            end = starts[i]
        elif text[i].isspace():
            tokens.append(Token(" ", _width(" ", size, primary), space=True))
            i += 1
            continue
        else:
            run = _LATIN_RUN.match(text, i)
            end = run.end() if run else i + 1
            # A protected word may begin inside a Latin run: stop the run there.
            for j in range(i + 1, end):
                if taken[j]:
                    end = j
                    break
        piece = text[i:end]
        width = _width(piece, size, primary)
        if max_width and width > max_width and len(piece) > 1:
            # A word wider than the line (a long URL): it has to be broken somewhere.
            tokens += [Token(ch, _width(ch, size, primary)) for ch in piece]
        else:
            tokens.append(Token(piece, width))
        i = end
    return tokens


def _width(text: str, size: float, primary: str) -> float:
    return string_width(text, size, primary)


def _bad_break(tokens: list[Token], b: int) -> bool:
    """Whether a line break before ``tokens[b]`` breaks the rules."""
    nxt = next((t for t in tokens[b:] if not t.space), None)
    prev = next((t for t in reversed(tokens[:b]) if not t.space), None)
    return (nxt is not None and nxt.text[0] in CANNOT_START) or (
        prev is not None and prev.text[-1] in CANNOT_END
    )


def _fits(tokens: list[Token], width: float, squeeze: float) -> bool:
    natural = sum(t.width for t in tokens)
    return natural <= width + squeeze * max(0, len(tokens) - 1) + _FUZZ


def _strip(tokens: list[Token]) -> list[Token]:
    a, b = 0, len(tokens)
    while a < b and tokens[a].space:
        a += 1
    while b > a and tokens[b - 1].space:
        b -= 1
    return tokens[a:b]


def break_greedy(
    tokens: list[Token], widths: tuple[float, float], squeeze: float
) -> list[list[Token]]:
    """Lines as full as the rules allow: ``widths`` are the first line's and the others'."""
    lines: list[list[Token]] = []
    start = 0
    n = len(tokens)
    while start < n:
        while start < n and tokens[start].space:
            start += 1
        if start >= n:
            break
        width = widths[0] if not lines else widths[1]
        end = start + 1
        while end < n and _fits(_strip(tokens[start : end + 1]), width, squeeze):
            end += 1
        if end < n:
            b = end
            # Move the break back until neither rule is broken; never to an empty line.
            while b > start + 1 and _bad_break(tokens, b):
                b -= 1
            if not _bad_break(tokens, b):
                end = b
        lines.append(_strip(tokens[start:end]))
        start = end
    return lines


def break_balanced(tokens: list[Token], width: float, squeeze: float) -> list[list[Token]]:
    """As few lines as greedy breaking needs, but of even length, upper lines not longer."""
    greedy = break_greedy(tokens, (width, width), squeeze)
    count = len(greedy)
    if count <= 1:
        return greedy
    n = len(tokens)
    breaks = [b for b in range(1, n) if not _bad_break(tokens, b)]
    best: tuple[float, list[int]] | None = None

    def search(start: int, left: int, chosen: list[int]) -> None:
        nonlocal best
        if left == 1:
            last = _strip(tokens[start:])
            if not last or not _fits(last, width, squeeze):
                return
            cuts = [*chosen, n]
            widths = []
            a = 0
            for c in cuts:
                widths.append(sum(t.width for t in _strip(tokens[a:c])))
                a = c
            mean = sum(widths) / len(widths)
            cost = sum((w - mean) ** 2 for w in widths)
            # 梯形: an upper line longer than the one below costs more than any evenness.
            cost += sum(1e6 for x, y in zip(widths, widths[1:], strict=False) if x > y + 0.5)
            if best is None or cost < best[0]:
                best = (cost, cuts)
            return
        for b in breaks:
            if b <= start:
                continue
            line = _strip(tokens[start:b])
            if not _fits(line, width, squeeze):
                break
            if line:
                search(b, left - 1, [*chosen, b])

    if len(breaks) <= 200:
        search(0, count, [])
    if best is None:
        return greedy
    lines = []
    a = 0
    for c in best[1]:
        lines.append(_strip(tokens[a:c]))
        a = c
    return lines


LAYOUT_CACHE_LIMIT = 5000
_LAYOUTS: dict[tuple[object, ...], tuple[Line, ...]] = {}


class CJKParagraph(Flowable):
    """A paragraph of (mostly) Chinese text in a notice style; see the module's docstring.

    ``style`` is a ReportLab ParagraphStyle (fontName, fontSize, leading, alignment,
    firstLineIndent, leftIndent, rightIndent, textColor, spaceBefore, spaceAfter).
    """

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        *,
        squeeze: float = 0.0,
        balanced: bool = False,
        words: tuple[str, ...] = (),
        _lines: list[Line] | None = None,
    ) -> None:
        super().__init__()
        check_drawable(text)
        self.text = text
        self.style = style
        self.squeeze = squeeze
        self.balanced = balanced
        self.words = words
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self._lines = _lines
        self._preset = _lines is not None
        self._for_width: float | None = None

    # ----- layout ----------------------------------------------------------------------------

    def _measure(self, avail_width: float) -> float:
        return avail_width - self.style.leftIndent - self.style.rightIndent

    def lines_for(self, avail_width: float) -> list[Line]:
        """The paragraph's lines in a frame ``avail_width`` wide."""
        if self._lines is not None and (self._preset or self._for_width == avail_width):
            return self._lines
        s = self.style
        measure = self._measure(avail_width)
        first = measure - s.firstLineIndent
        words = (*self.words, *TITLE_WORDS) if self.balanced else self.words
        # The fixed paragraphs of a batch of letters come out the same every time: laid out once
        # per process (Lines are immutable; every input of the layout is in the key).
        key = (
            self.text,
            s.fontSize,
            s.fontName,
            s.firstLineIndent,
            measure,
            words,
            self.balanced,
            self.squeeze,
        )
        cached = _LAYOUTS.get(key)
        if cached is None:
            tokens = tokenize(
                self.text, s.fontSize, s.fontName, words, max_width=min(first, measure)
            )
            if self.balanced:
                raw = break_balanced(tokens, measure, self.squeeze)
            else:
                raw = break_greedy(tokens, (first, measure), self.squeeze)
            cached = tuple(
                Line(tuple(t), s.firstLineIndent if i == 0 else 0.0, i == len(raw) - 1)
                for i, t in enumerate(raw)
            )
            if len(_LAYOUTS) >= LAYOUT_CACHE_LIMIT:
                _LAYOUTS.clear()
            _LAYOUTS[key] = cached
        lines = list(cached)
        self._lines = lines
        self._for_width = avail_width
        return lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = len(self.lines_for(availWidth)) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self.lines_for(availWidth)
        fit = int((availHeight + _FUZZ) // self.style.leading)
        if fit <= 0:
            return []
        if fit >= len(lines):
            return [self]
        head = CJKParagraph(self.text, self.style, squeeze=self.squeeze, _lines=lines[:fit])
        tail = CJKParagraph(self.text, self.style, squeeze=self.squeeze, _lines=lines[fit:])
        head.spaceAfter = 0
        tail.spaceBefore = 0
        return [head, tail]

    # ----- drawing ---------------------------------------------------------------------------

    def draw(self) -> None:
        s = self.style
        canv = self.canv
        measure = self._measure(self.width)
        size = s.fontSize
        canv.saveState()
        canv.setFillColor(s.textColor)
        for i, line in enumerate(self.lines_for(self.width)):
            # The glyphs sit in the middle of the line's band (ideographs' box is ~1 em).
            y = self.height - i * s.leading - s.leading / 2 - 0.38 * size
            room = measure - line.indent
            natural = line.natural
            gaps = len(line.tokens) - 1
            spacing = 0.0
            x = s.leftIndent + line.indent
            if s.alignment == TA_JUSTIFY and gaps > 0 and (not line.last or natural > room):
                spacing = (room - natural) / gaps
            elif s.alignment == TA_CENTER:
                x += (room - natural) / 2
            elif s.alignment == TA_RIGHT:
                x += room - natural
            if natural > room + _FUZZ and spacing == 0.0 and gaps > 0:
                spacing = (room - natural) / gaps  # a squeezed line is squeezed evenly
            self._draw_line(line, x, y, spacing)
        canv.restoreState()

    def _draw_line(self, line: Line, x: float, y: float, spacing: float) -> None:
        s = self.style
        tx = self.canv.beginText()
        for token in line.tokens:
            if not token.space:
                tx.setTextOrigin(x, y)
                char_space = spacing if len(token.text) == 1 else 0.0
                tx.setCharSpace(char_space)
                for name, part in runs(token.text, s.fontName):
                    tx.setFont(name, s.fontSize)
                    tx.textOut(part)
            x += token.width + spacing
        tx.setCharSpace(0)
        self.canv.drawText(tx)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"CJKParagraph({self.text[:20]!r}…, {self.style.name})"


def line_texts(paragraph: CJKParagraph, width: float) -> list[str]:
    """The text of each line (for tests and for checking titles)."""
    return ["".join(t.text for t in line.tokens) for line in paragraph.lines_for(width)]
