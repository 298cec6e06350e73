"""What the registry says of each document, on its pages and wherever a page asks:

- `<!-- status -->` (a document's page) and `<!-- status: ID -->` (any page): the document's
  status on the day the site is built (_documents.build_date), computed from its versions'
  dates: not yet in force, in force, validity ended, or superseded; on an earlier version's
  page, which version it is and where the current one is;
- `<!-- document-info -->` (a document's page): gov.cn's document fields (索引号, 主题分类, 发文机关,
  成文日期, 标题, 发文字号, 发布日期, 施行日期, 有效性, 主题词), then kind, dates, validity, versions;
- `<!-- validity -->` (a document's page): each version's entry into force and last day;
- `<!-- documents -->` (the home page): every document with its status.

A reader must see at once whether a document still applies, and what that does to an estimate.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError
from xinzhou_policy.readings import topic_reading
from xinzhou_policy.registry import DOCUMENTS, Document, Version

from _documents import build_date, changes_page, page_document, page_language, text_page
from _readings import topic_link
from _values import format_date, format_quantity

STATUS = re.compile(r"^<!-- status(?:: ([\w-]+))? -->$", re.MULTILINE)
INFO, VALIDITY, LIST = "<!-- document-info -->", "<!-- validity -->", "<!-- documents -->"

_T = {
    "zh": {
        "in_force": "现行有效", "not_yet": "尚未施行", "expired": "有效期已届满，除非已经延续",
        "superseded": "已被取代", "history": "历史版本",
        "as_of": "（状态按本站构建之日{}计算。）",
        "since": "自{}起施行", "from_publication": "自发布之日（{}；见{}）起施行", "current_since": "，现行版本自{}起施行", "until": "有效期至{}（含当日）", "open": "未规定终止日期",
        "valid_for": "有效期{}", "through": "，至{}（含当日）", "issued": "于{}印发", "publication": "自发布之日起施行",
        "effect_expired_head": "对奖补估算的影响",
        "effect_expired": "：发生在{}之后的事项，不能依据本文件获得奖补。"
                          "[计算器]({calc})会指出这一点，并给出假如仍然有效时的金额，仅供参考。",
        "effect_not_yet_head": "对奖补估算的影响", "effect_not_yet": "：发生在{}之前的事项，不能依据本文件获得奖补。",
        "by": "自{}起由{}取代。", "history_text": "本页是{}自{}起施行的版本{}。现行版本见[{}]({})。",
        "applied_until": "，适用至{}",
        "rows": {"index_number": "索引号", "subject": "主题分类", "issuer": "发文机关", "approver": "批准机关",
                 "written": "成文日期", "title": "标题", "number": "发文字号", "published": "发布日期",
                 "in_force": "施行日期", "effect": "有效性", "keywords": "主题词", "note": "本版本", "kind": "文件类型",
                 "adopted": "通过", "approved": "批准", "issued": "印发日期",
                 "validity": "有效期", "versions": "版本", "data": "结构化数据"},
        "effect": {"valid": "有效", "invalid": "失效", "repealed": "已废止", "not_yet": "尚未施行"},
        "unpublished": "未公布", "no_number": "原文未载", "current": "现行版本", "this_page": "本页", "changes": "修改内容",
        "json": "下载（JSON）", "item": "项目", "content": "内容",
        "vhead": ("版本", "施行日期", "最后一日", "有效期"),
    },
    "en": {
        "in_force": "In force", "not_yet": "Not yet in force", "expired": "Validity ended unless renewed",
        "superseded": "Superseded", "history": "Earlier version",
        "as_of": " (Status as of the day this site was built, {}.)",
        "since": "in force from {}", "from_publication": "in force from the date of publication ({}; see {})", "current_since": ", the current version from {}", "until": "valid through {}", "open": "no end date is set",
        "valid_for": "valid for {}", "through": ", through {}", "issued": "issued on {}", "publication": "in force from the date of publication",
        "effect_expired_head": "What this means for an estimate",
        "effect_expired": ": an event after {} earns no award under "
                          "this document. The [calculators]({calc}) say so and show what the amount "
                          "would have been, for reference only.",
        "effect_not_yet_head": "What this means for an estimate",
        "effect_not_yet": ": an event before {} earns no award under this document.",
        "by": "Superseded from {} by {}.", "history_text": "This page is the version of {} in force from {}{}. "
                                                          "The current version: [{}]({}).",
        "applied_until": ", applied through {}",
        "rows": {"index_number": "Index number", "subject": "Subject category", "issuer": "Issued by",
                 "approver": "Approved by", "written": "Date of the text", "title": "Title",
                 "number": "Document number", "published": "Publication", "in_force": "Entry into force",
                 "effect": "Validity status", "keywords": "Subject terms", "note": "This version", "kind": "Kind",
                 "adopted": "Adopted", "approved": "Approved", "issued": "Date of issue",
                 "validity": "Period of validity", "versions": "Versions", "data": "Structured data"},
        "effect": {"valid": "In force", "invalid": "No longer in force", "repealed": "Repealed",
                   "not_yet": "Not yet in force"},
        "unpublished": "not published", "no_number": "not given in the source", "current": "current version", "this_page": "this page",
        "changes": "what changed", "json": "download (JSON)", "item": "Item", "content": "Details",
        "vhead": ("Version", "In force from", "Last day", "Period of validity"),
    },
}


def _link(here: str, target: str) -> str:
    """A Markdown link from one docs/ page to another, relative (MkDocs and i18n resolve it)."""
    depth = here.count("/")
    return "../" * depth + target


def _name(document: Document, lang: str, version: Version | None = None) -> str:
    title = document.title_of(version or document.latest, lang)
    return f"《{title}》" if lang == "zh" else f"the {title}"


def _last_day(version: Version, lang: str, here: str | None, html: bool = False) -> str:
    """A version's last day; the end of a period given in years (有效期 N 年) is a reading of
    how the period is counted, so it links the document's reading of the last day, if any."""
    day = format_date(version.last_day, lang)
    if here is None or not version.validity_years or version.last_day != version.expires:
        return day
    linked = topic_link(DOCUMENTS[version.document], "last-day", day, "../" * here.count("/"), version.id)
    if html and linked != day:  # inside raw HTML: the built page's address, not the .md source's
        target = linked[linked.index("](") + 2:-1].replace("readings.md", "readings.html")
        return f'<a href="{target}">{day}</a>'
    return linked


def _validity_text(version: Version, lang: str, here: str | None = None, html: bool = False) -> str:
    t = _T[lang]
    if version.validity_years:
        years = format_quantity(version.validity_years, "year", lang)
        return t["valid_for"].format(years) + t["through"].format(_last_day(version, lang, here, html))
    if version.last_day:
        return t["until"].format(_last_day(version, lang, here, html))
    return t["open"]


def admonition(document: Document, version: Version, lang: str, here: str) -> str:
    """The status box of a document (its latest version), or of an earlier version's page."""
    t, day = _T[lang], build_date()
    sep = "。" if lang == "zh" else ". "
    if version != document.latest:
        until = t["applied_until"].format(format_date(version.last_day, lang)) if version.last_day else ""
        body = t["history_text"].format(_name(document, lang, version), format_date(version.in_force, lang), until,
                                        t["current"], _link(here, f"{document.id}.md"))
        return f'!!! info generated "{t["history"]}"\n    {body}'
    status = document.status_on(day)
    facts = []
    if version.issued:
        facts.append(t["issued"].format(format_date(version.issued, lang)))
    publication = topic_reading(document, "publication", version.id)
    if version.published and version.published == version.in_force and publication:
        # 自发布之日起施行, with the day of publication a reading (the readings page).
        reading = f"[{getattr(publication, f'title_{lang}')}]({_link(here, 'readings.md')}#{publication.id})"
        facts.append(t["from_publication"].format(format_date(version.in_force, lang), reading))
    else:
        facts.append(t["since"].format(format_date(version.in_force, lang)))
    facts.append(_validity_text(version, lang, here))
    first = ("，" if lang == "zh" else ", ").join(facts)
    first = (first[0].upper() + first[1:]) if lang == "en" else first
    body = [first + sep.strip() + t["as_of"].format(format_date(day, lang))]
    calc = _link(here, "calculators/index.md")
    # Whether an event earns an award is decided by its date: a reading (the event date's).
    if status.code == "expired" and version.last_day:
        body.append(topic_link(document, "event-date", t["effect_expired_head"], "../" * here.count("/"), version.id) + t["effect_expired"].format(
            format_date(version.last_day, lang), calc=calc))
    elif status.code == "not_yet":
        body.append(topic_link(document, "event-date", t["effect_not_yet_head"], "../" * here.count("/"), version.id)
                    + t["effect_not_yet"].format(format_date(version.in_force, lang)))
    elif status.code == "superseded":
        successor = status.successor
        body.append(t["by"].format(format_date(successor.first.in_force, lang),
                                   f"[{_name(successor, lang)}]({_link(here, successor.id + '.md')})"))
    kind = {"in_force": "success", "not_yet": "info"}.get(status.code, "warning")
    # "generated" marks the block as not part of the source text (the fidelity test strips it).
    return f'!!! {kind} generated "{t[status.code]}"\n' + "\n\n".join(f"    {b}" for b in body)


def metadata(document: Document, version: Version, lang: str) -> list[tuple[str, str]]:
    """gov.cn's document fields, in its order, from the registry: (key, value), with 未公布 where
    the registry holds nothing and 有效性 derived from the dates and relations on the build day.
    The JSON export carries the same (export_json.py)."""
    t = _T[lang]

    def day(value):
        return format_date(value, lang) if value else t["unpublished"]

    keywords = getattr(document, f"keywords_{lang}")
    return [
        ("index_number", version.index_number or t["unpublished"]),
        ("subject", getattr(document, f"subject_{lang}") or t["unpublished"]),
        ("issuer", getattr(document, f"issuer_{lang}")),
        ("written", day(version.written)),
        # The version's own title where it has one (an amended title, 修订), else the document's.
        ("title", getattr(version, f"title_{lang}") or getattr(document, f"title_{lang}")),
        ("number", version.number or document.number or t["no_number"]),
        ("published", day(version.published)),
        ("in_force", day(version.in_force)),
        ("effect", t["effect"][document.effect_on(version, build_date())]),
        ("keywords", ("　" if lang == "zh" else "; ").join(keywords) or t["unpublished"]),
    ]


def row_label(key: str, lang: str) -> str:
    return _T[lang]["rows"][key]


def info_table(document: Document, version: Version, lang: str, here: str) -> str:
    t, r = _T[lang], _T[lang]["rows"]
    rows = [(r[key], value) for key, value in metadata(document, version, lang)]
    if document.approver_zh:
        rows.insert(3, (r["approver"], getattr(document, f"approver_{lang}")))
    if version.note_zh:
        rows.append((r["note"], getattr(version, f"note_{lang}")))
    rows.append((r["kind"], getattr(document, f"kind_{lang}")))
    # 成文日期 above is the date of issue (or of adoption): not repeated.
    for key in ("adopted", "approved"):
        value = getattr(version, key)
        if value:
            rows.append((r[key], format_date(value, lang)))
    rows.append((r["validity"], _validity_text(version, lang, here)))
    listed = []
    for v in document.versions:
        name = format_date(v.in_force, lang)
        if v == version:
            name += f"（{t['this_page']}）" if lang == "zh" else f" ({t['this_page']})"
        else:
            name = f"[{name}]({_link(here, text_page(document, v))})"
        if document.previous(v):
            name += f"，[{t['changes']}]({_link(here, changes_page(document, v))})" if lang == "zh" else \
                f", [{t['changes']}]({_link(here, changes_page(document, v))})"
        listed.append(name)
    rows.append((r["versions"], "；".join(listed) if lang == "zh" else "; ".join(listed)))
    prefix = "../" * (here.count("/") + (1 if lang == "en" else 0))
    rows.append((r["data"], f'<a href="{prefix}data/{document.id}.json">{t["json"]}</a>'))
    body = "\n".join(f"| {k} | {v} |" for k, v in rows)
    return (f'<div class="generated document-info" markdown>\n\n| {t["item"]} | {t["content"]} |\n'
            f"|---|---|\n{body}\n\n</div>")


def validity_table(document: Document, lang: str, here: str) -> str:
    t = _T[lang]
    head = "".join(f"<th>{h}</th>" for h in t["vhead"])
    rows = "".join(
        f"<tr><td>{v.id}</td><td>{format_date(v.in_force, lang)}</td>"
        f"<td>{_last_day(v, lang, here, html=True) if v.last_day else t['open']}</td>"
        f"<td>{_validity_text(v, lang)}</td></tr>" for v in document.versions)
    return f'<div class="generated validity-table"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'


def documents_list(lang: str, here: str) -> str:
    t, day, items = _T[lang], build_date(), []
    for document in DOCUMENTS.values():
        status = document.status_on(day)
        title = getattr(document, f"title_{lang}")
        kind = getattr(document, f"kind_{lang}")
        number = f"（{document.number}）" if document.number and lang == "zh" else (
            f" ({document.number})" if document.number else "")
        since = t["since"].format(format_date(document.first.in_force, lang))
        if len(document.versions) > 1:
            since += t["current_since"].format(format_date(document.latest.in_force, lang))
        link = f"[{'《' + title + '》' if lang == 'zh' else title}]({_link(here, document.id + '.md')})"
        sep = "：" if lang == "zh" else ": "
        items.append(f"- {link}{number}{sep}{kind}，{since}，{t[status.code]}" if lang == "zh" else
                     f"- {link}{number}{sep}{kind}, {since}; {t[status.code].lower()}")
    note = t["as_of"].format(format_date(day, lang)).strip()
    return '<div class="generated document-list" markdown>\n\n' + "\n".join(items) + f"\n\n{note}\n\n</div>"


DOCUMENT_SEARCH_BOOST = 2


def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri
    lang, shown = page_language(src), page_document(src)
    here = src if lang == "zh" else src.replace(f".{lang}.md", ".md")

    def status(match: re.Match) -> str:
        if match[1]:
            if match[1] not in DOCUMENTS:
                raise PluginError(f"{src}: <!-- status: {match[1]} -->: no such document")
            document = DOCUMENTS[match[1]]
            return admonition(document, document.latest, lang, here)
        if not shown:
            raise PluginError(f"{src}: <!-- status --> names no document here: <!-- status: ID -->")
        return admonition(shown.document, shown.version, lang, here)

    markdown = STATUS.sub(status, markdown)
    if shown:
        # A document's own text ranks above the pages that cite or illustrate it (search for an
        # award finds its clause first), a new document's pages too, with no front matter.
        page.meta.setdefault("search", {}).setdefault("boost", DOCUMENT_SEARCH_BOOST)
        markdown = markdown.replace(INFO, info_table(shown.document, shown.version, lang, here))
        markdown = markdown.replace(VALIDITY, validity_table(shown.document, lang, here))
    return markdown.replace(LIST, documents_list(lang, here))
