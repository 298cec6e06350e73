"""The documents in time: one image of every document and version of the registry, generated.

Each document is a row; each version a bar from its entry into force to its last day (an open
end runs to the edge, faded), so that a gap between two versions is a gap; each bar's ends are
dated; a successor is named at the end of the bar it replaces; a line marks the build day. The
image is `site/graphics/timeline.LANG.svg` (glyphs as outlines: _svg_text.py), and the page lists
the same as text.

`<!-- timeline -->` (the home page) becomes the image and its text; every document page gets it
below its information table, with no marker, so a new document or version appears with no edit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from pathlib import Path

from xinzhou_policy.registry import DOCUMENTS, Document, Version

from _documents import build_date, page_document, page_language
from _svg_text import Drawing
from _values import format_date
from graphics import ACCENT, CARD, FOLDER, INK, MUTED, RULE

MARKER = "<!-- timeline -->"
INFO = "<!-- document-info -->"
NAME = "timeline.{}.svg"

_T = {
    "zh": {"title": "文件时间线", "today": "本站构建之日 {}", "open": "未规定终止日期",
           "version": "{}起施行", "until": "至{}", "gap": "{}至{}没有施行中的版本",
           "by": "自{}起由{}取代", "text": "文字版（与图片内容相同）", "image": "图片（SVG）",
           "png": "下载PNG图片", "intro": "每一横条是一个版本的有效期间；横条之间的空白是没有版本施行的期间。"},
    "en": {"title": "The documents in time", "today": "This site built {}", "open": "no end date",
           "version": "in force from {}", "until": "through {}", "gap": "no version in force from {} through {}",
           "by": "superseded from {} by {}", "text": "Text version (the same content as the image)",
           "image": "image (SVG)", "png": "Download as PNG",
           "intro": "Each bar is a version's period of validity; a blank between bars is a period with no version in force."},
}
WIDTH, MARGIN, BAR = 480, 22, 26
BAR_FILL, OPEN_FILL, TODAY = "#1f5f8b", "#8fb3cc", "#8c1c13"


@dataclass(frozen=True)
class Row:
    document: Document
    name: str
    lines: tuple[str, ...]  # what the text alternative says of it


def _gaps(document: Document) -> list[tuple[date, date]]:
    found = []
    for version, following in zip(document.versions, document.versions[1:]):
        if version.last_day and version.last_day + timedelta(days=1) < following.in_force:
            found.append((version.last_day + timedelta(days=1), following.in_force - timedelta(days=1)))
    return found


def _name(document: Document, lang: str) -> str:
    title = document.title_of(document.latest, lang)
    return f"《{title}》" if lang == "zh" else title


def rows(lang: str) -> list[Row]:
    t, found = _T[lang], []
    for document in DOCUMENTS.values():
        lines = []
        for version in document.versions:
            until = t["until"].format(format_date(version.last_day, lang)) if version.last_day else t["open"]
            lines.append(t["version"].format(format_date(version.in_force, lang)) + ("，" if lang == "zh" else ", ") + until)
        lines += [t["gap"].format(format_date(a, lang), format_date(b, lang)) for a, b in _gaps(document)]
        lines += [t["by"].format(format_date(s.first.in_force, lang), _name(s, lang)) for s in document.successors()]
        found.append(Row(document, _name(document, lang), tuple(lines)))
    return found


def _span() -> tuple[date, date]:
    """From the first year anything starts to the end of the year after the last date shown."""
    days = [build_date()] + [d for doc in DOCUMENTS.values() for v in doc.versions
                             for d in (v.in_force, v.last_day) if d]
    return date(min(days).year, 1, 1), date(max(days).year + 1, 12, 31)


def draw(lang: str) -> str:
    t, (start, end), today = _T[lang], _span(), build_date()
    left, right = MARGIN, WIDTH - MARGIN
    scale = (right - left) / (end - start).days

    def at(day: date) -> float:
        return left + (day - start).days * scale

    d = Drawing(WIDTH)
    y = d.paragraph(MARGIN, MARGIN - 12, t["title"], 26, right - left, fill=INK, weight="bold")
    axis_top = y + 8
    y, under = axis_top + 30, len(d.parts)
    ends: dict[str, tuple[float, float]] = {}  # document id -> (x of its end, y of its bar)
    for row in rows(lang):
        y = d.paragraph(MARGIN, y, row.name, 20, right - left, fill=INK, weight="bold", halo=True)
        bar = y + 4
        for version in row.document.versions:
            x1 = at(version.in_force)
            x2 = at(version.last_day + timedelta(days=1)) if version.last_day else right
            d.rect(x1, bar, max(x2 - x1, 2), BAR, BAR_FILL if version.last_day else OPEN_FILL, rx=3,
                   data=f'data-document="{row.document.id}" data-version="{version.id}"')
            d.text(x1, bar + BAR + 20, format_date(version.in_force, lang), 17, fill=INK, halo=True)
            d.text(x2, bar + BAR + 42, format_date(version.last_day, lang) if version.last_day else t["open"], 17,
                   fill=MUTED, anchor="end", halo=True)
        ends[row.document.id] = (at(row.document.latest.last_day) if row.document.latest.last_day else right, bar)
        y = bar + BAR + 52
        for successor in row.document.successors():
            y = d.paragraph(MARGIN, y, "→ " + t["by"].format(format_date(successor.first.in_force, lang),
                                                               _name(successor, lang)), 16, right - left, fill=ACCENT,
                            halo=True)
        y += 14
    # The years and the build day, over every row, drawn under the bars and the words.
    drawn = len(d.parts)
    step = max(1, math.ceil(44 / (365 * scale)))  # every year labelled, or every n-th where they would touch
    for year in range(start.year, end.year + 1):
        x = at(date(year, 1, 1))
        d.line(x, axis_top + 6, x, y - 8, RULE, 1)
        if (year - start.year) % step == 0:
            d.text(x + 3, axis_top + 22, str(year), 16, fill=MUTED)
    x = at(today)
    d.line(x, axis_top, x, y - 8, TODAY, 2.5, dash="6 4")
    moved = d.parts[drawn:]
    del d.parts[drawn:]
    d.parts[under:under] = moved
    d.rect(MARGIN, y, right - left, 40, CARD, rx=6)
    d.text(min(max(x, MARGIN + 150), right - 150), y + 27, t["today"].format(format_date(today, lang)), 17,
           fill=TODAY, weight="bold", anchor="middle")
    y += 56
    description = "\n".join(f"{r.name}：" + "；".join(r.lines) if lang == "zh" else f"{r.name}: " + "; ".join(r.lines)
                            for r in rows(lang)) + "\n" + t["today"].format(format_date(today, lang))
    return d.svg(y, t["title"], description, lang)


def figure(lang: str, src: str) -> str:
    t = _T[lang]
    image = "../" * (src.count("/") + (1 if lang == "en" else 0)) + f"{FOLDER}/{NAME.format(lang)}"
    items = "".join(f'<li data-document="{r.document.id}">{escape(r.name)}<ul>'
                    + "".join(f"<li>{escape(line)}</li>" for line in r.lines) + "</ul></li>" for r in rows(lang))
    items += f"<li>{escape(t['today'].format(format_date(build_date(), lang)))}</li>"
    return (f'<div class="generated timeline"><figure class="graphic"><img src="{image}" alt="{t["title"]}" '
            f'width="{WIDTH}" loading="lazy"><figcaption>{escape(t["intro"])} '
            f'<button type="button" class="md-button graphic-png" data-svg="{image}" data-name="timeline.{lang}.png">'
            f'{t["png"]}</button> <a href="{image}">{t["image"]}</a></figcaption></figure>'
            f'<details class="graphic-alt"><summary>{t["text"]}</summary><ul class="timeline-text">{items}</ul>'
            f"</details></div>")


def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri
    lang = page_language(src)
    here = src if lang == "zh" else src.replace(f".{lang}.md", ".md")
    if page_document(src) and INFO in markdown:
        markdown = markdown.replace(INFO, f"{INFO}\n\n{figure(lang, here)}", 1)
    return markdown.replace(MARKER, figure(lang, here))


def on_post_build(config):
    folder = Path(config.site_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for lang in _T:
        (folder / NAME.format(lang)).write_text(draw(lang), encoding="utf-8")
