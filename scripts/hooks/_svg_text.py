"""SVG drawings whose text is glyph outlines, so that they show Chinese on any machine: shared by
the illustrated readings (graphics.py) and the timeline (timeline.py). Not a hook itself.

The outlines are Noto Sans CJK SC's (Debian's fonts-noto-cjk, installed by scripts/setup; SIL
Open Font License 1.1, which allows embedding and conversion in a document). Each glyph used is
written once, as a <path> in <defs> in font units, and every occurrence is a <use> of it: an
image stays self-contained (no font file, no <text>), and it draws the same in an <img>, on a
canvas (the PNG download) and on paper. Its words are in its <title> and <desc>, and the page
gives them again as a list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from pathlib import Path

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTCollection
from mkdocs.exceptions import PluginError

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
FONT_FILES = {"regular": "NotoSansCJK-Regular.ttc", "bold": "NotoSansCJK-Bold.ttc"}
FONT_NAME = "Noto Sans CJK SC"  # the Simplified Chinese forms of the collection
EM = 1000  # the font's units per em

# No line starts with these (closing marks) and none ends with the opening ones (GB/T 15834).
_NO_START = set("，。、；：？！）》」』”’,.;:?!)%")
_NO_END = set("（《「『“‘(")


class Font:
    """One weight of the font: each character's outline (SVG path data, y pointing down) and
    advance, in font units."""

    def __init__(self, weight: str):
        path = FONT_DIR / FONT_FILES[weight]
        if not path.is_file():
            raise PluginError(f"{path}: missing; scripts/setup installs it (Debian's fonts-noto-cjk)")
        faces = [f for f in TTCollection(str(path), lazy=True).fonts if f["name"].getDebugName(1) == FONT_NAME]
        if not faces:
            raise PluginError(f"{path} holds no {FONT_NAME}")
        face = faces[0]
        self.weight = weight
        self.cmap = face.getBestCmap()
        self.glyphs = face.getGlyphSet()
        self.metrics = face["hmtx"].metrics
        self._outlines: dict[str, str] = {}

    def name(self, char: str) -> str:
        try:
            return self.cmap[ord(char)]
        except KeyError:
            raise PluginError(f"{FONT_NAME} has no glyph for {char!r} (U+{ord(char):04X})") from None

    def advance(self, char: str) -> int:
        return self.metrics[self.name(char)][0]

    def outline(self, glyph: str) -> str:
        """A glyph's outline, flipped so that y points down as in SVG, in whole font units."""
        if glyph not in self._outlines:
            pen = SVGPathPen(self.glyphs, ntos=lambda n: str(round(n)))
            self.glyphs[glyph].draw(TransformPen(pen, (1, 0, 0, -1, 0, 0)))
            self._outlines[glyph] = pen.getCommands()
        return self._outlines[glyph]

    def width(self, text: str, size: float) -> float:
        return sum(self.advance(c) for c in text) * size / EM


@lru_cache(maxsize=None)
def font(weight: str = "regular") -> Font:
    return Font(weight)


def _tokens(text: str) -> list[str]:
    """Units a line may break between: a run of Latin letters and digits (with what sticks to it),
    or one Chinese character; a space is a token of its own."""
    tokens: list[str] = []
    for char in text:
        latin = char.isascii() and not char.isspace()
        if tokens and latin and tokens[-1][-1].isascii() and not tokens[-1][-1].isspace():
            tokens[-1] += char
        else:
            tokens.append(char)
    return tokens


def wrap(text: str, size: float, width: float, weight: str = "regular") -> list[str]:
    """The text's lines at `size` within `width`, kept whole where a word is longer than a line."""
    f, lines, line = font(weight), [], ""
    for token in _tokens(text):
        if line and f.width(line + token.rstrip(), size) > width and not token.isspace():
            # Keep a closing mark with the character before it, an opening one with the next.
            carried = ""
            if token[0] in _NO_START and len(line) > 1:
                line, carried = line[:-1], line[-1]
            while line and line[-1] in _NO_END:
                line, carried = line[:-1], line[-1] + carried
            lines.append(line.rstrip())
            line = carried
        line = line + token if line or not token.isspace() else line
    if line.strip():
        lines.append(line.rstrip())
    return lines


@dataclass
class Drawing:
    """An SVG drawing `width` units wide, drawn top to bottom: its elements, and the glyphs they
    use (written once, in <defs>)."""
    width: float
    parts: list[str] = field(default_factory=list)
    used: dict[tuple[str, str], str] = field(default_factory=dict)  # (weight, glyph) -> id

    def _glyph(self, f: Font, char: str) -> str:
        key = (f.weight, f.name(char))
        if key not in self.used:
            self.used[key] = f"g{len(self.used)}"
        return self.used[key]

    def text(self, x: float, y: float, text: str, size: float, fill: str = "#1a1a1a",
             weight: str = "regular", anchor: str = "start", halo: bool = False) -> float:
        """A line whose baseline is at y, starting at x (ending at x for anchor "end"); its width.
        A halo (a white outline under the glyphs) keeps it legible where it crosses a line."""
        f = font(weight)
        width = f.width(text, size)
        if anchor == "end":
            x -= width
        elif anchor == "middle":
            x -= width / 2
        uses, advance = [], 0
        for char in text:
            if not char.isspace():
                uses.append(f'<use href="#{self._glyph(f, char)}" x="{advance}"/>')
            advance += f.advance(char)
        if uses:
            scale = size / EM
            outline = ' stroke="#ffffff" stroke-width="180" stroke-linejoin="round" paint-order="stroke"' if halo else ""
            self.parts.append(f'<g transform="translate({x:.1f} {y:.1f}) scale({scale:.4f})" '
                              f'fill="{fill}"{outline}>{"".join(uses)}</g>')
        return width

    def paragraph(self, x: float, y: float, text: str, size: float, width: float,
                  leading: float = 1.5, **style) -> float:
        """Wrapped lines from the top y; the y below the last."""
        for line in wrap(text, size, width, style.get("weight", "regular")):
            y += size * leading
            self.text(x, y - size * (leading - 1) / 2 - size * 0.12, line, size, **style)
        return y

    def rect(self, x: float, y: float, w: float, h: float, fill: str, rx: float = 0, data: str = "") -> None:
        """A rectangle; `data`, attributes that name what it shows (a timeline's bar)."""
        self.parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{rx}" '
                          f'fill="{fill}"{" " + data if data else ""}/>')

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 1.5,
             dash: str = "") -> None:
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                          f'stroke="{stroke}" stroke-width="{width}"{dashed}/>')

    def svg(self, height: float, title: str, description: str, lang: str) -> str:
        """The document: sized by its viewBox (it scales to the width it is given, a phone's or
        an A4 page's), its words in <title> and <desc> for assistive technology."""
        defs = "".join(f'<path id="{gid}" d="{font(weight).outline(name)}"/>'
                       for (weight, name), gid in self.used.items())
        return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width:.0f} {height:.0f}" '
                f'width="{self.width:.0f}" height="{height:.0f}" role="img" lang="{lang}" '
                f'aria-labelledby="t d"><title id="t">{escape(title)}</title>'
                f'<desc id="d">{escape(description)}</desc><defs>{defs}</defs>'
                f'<rect width="100%" height="100%" fill="#ffffff"/>{"".join(self.parts)}</svg>\n')
