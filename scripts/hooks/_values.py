"""The documents' values as a reader sees them, in Chinese or English.

Shared by the hooks (not a hook itself). Every number the site shows about a document is
formatted here from its data (the registry's dates, its parameters.toml), so the pages never type
one. `[[param:KEY]]` in a page becomes a value: a parameter of the page's document (`KEY`), or of
a named one anywhere (`DOC.KEY`), or a date of its version (`valid_from`, `valid_until`,
`validity_years`, `issued`); the values are those of the page's version (on any other page, of the
document's latest version). `DOC@VERSION:KEY` names a version: the sentence is about that text,
and a later version leaves it as it was. `DOC.periods` is every version's period, with the gaps
between them. Outside a document's own pages, a version's date must name its version (or be the
periods): "valid until" of the latest version would silently become another text's date after a
renewal, in a sentence written about the earlier one.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from mkdocs.exceptions import PluginError
from xinzhou_policy.money import date_en, date_zh
from xinzhou_policy.params import UNITS, Scale, Value
from xinzhou_policy.registry import DOCUMENTS, Document, Version, zh_numeral

from _documents import page_of

__all__ = ["zh_numeral"]

LANGUAGES = ("zh", "en")
_UNIT_INDEX = {"zh": 0, "en": 1}


def format_date(d: date, lang: str) -> str:
    """The rule package's own date wording, so pages and explanations agree."""
    return date_zh(d) if lang == "zh" else date_en(d)


def _number(value: Decimal | int) -> str:
    """Thousands separators, no trailing zeros: 1,000,000 and 0.5."""
    return f"{Decimal(value).normalize():,f}"


def _yuan(value: Decimal, lang: str) -> str:
    if lang == "en":
        return f"{_number(value)} yuan"
    # Chinese readers and the text itself count in 万 and 亿: 20万元, 20亿元.
    for suffix, size in (("亿元", 10**8), ("万元", 10**4)):
        if value >= size and value % size == 0:
            return _number(value / size) + suffix
    return _number(value) + "元"


def unit_label(unit: str, lang: str) -> str:
    return UNITS[unit][_UNIT_INDEX[lang]]


def format_quantity(value: Decimal | int, unit: str, lang: str) -> str:
    """One value with its unit: 20万元, 20%, 300元/人, 前3名; 200,000 yuan, 20%, top 3."""
    if unit == "yuan":
        return _yuan(value, lang)
    if unit == "ratio":
        return _number(value * 100) + "%"
    if unit == "rank":
        return f"前{value}名" if lang == "zh" else f"top {value}"
    if unit == "grade":
        return f"第{value}等" if lang == "zh" else f"grade {value}"
    if lang == "zh":
        return _number(value) + unit_label(unit, lang)
    return f"{_number(value)} {unit_label(unit, lang)}"


def tier_condition(scale: Scale, threshold: Decimal, lang: str) -> str:
    """The condition of one step of a scale, with the legal reading of its verb."""
    amount = format_quantity(threshold, scale.threshold_unit, lang)
    if scale.threshold_unit == "grade":
        return amount
    if lang == "zh":
        return f"达到{amount}（含本数）" if scale.inclusive else f"突破{amount}（不含本数）"
    return f"reaches {amount} (inclusive)" if scale.inclusive else f"exceeds {amount} (not inclusive)"


def scale_rows(scale: Scale, lang: str) -> list[tuple[str, str]]:
    """(condition, amount) for each step, in the page's language."""
    return [(tier_condition(scale, tier.threshold, lang),
             format_quantity(tier.amount, scale.amount_unit, lang)) for tier in scale.tiers]


def format_value(value: Value | Scale, lang: str) -> str:
    """A parameter's value inline in running text."""
    if isinstance(value, Scale):
        sep, link = ("；", "：") if lang == "zh" else ("; ", ": ")
        return sep.join(condition + link + amount for condition, amount in scale_rows(value, lang))
    return format_quantity(value.value, value.unit, lang)


def format_periods(document: Document, lang: str) -> str:
    """Every version's period, in order, and each gap between two versions (no text in force)."""
    parts, sep = [], "；" if lang == "zh" else "; "
    for version, following in zip(document.versions, (*document.versions[1:], None)):
        number = version.number or document.number
        since = format_date(version.in_force, lang)
        if lang == "zh":
            until = f"至{format_date(version.last_day, lang)}" if version.last_day else "起，未规定终止日期"
            parts.append(f"{since}{until}" + (f"（{number}）" if number else ""))
        else:
            until = f" through {format_date(version.last_day, lang)}" if version.last_day else " on, with no end date"
            parts.append(f"from {since}{until}" + (f" ({number})" if number else ""))
        if following and version.last_day and (gap := version.last_day.toordinal() + 1) < following.in_force.toordinal():
            first, last = date.fromordinal(gap), date.fromordinal(following.in_force.toordinal() - 1)
            parts.append(f"{format_date(first, lang)}至{format_date(last, lang)}没有施行中的版本" if lang == "zh" else
                         f"no version in force from {format_date(first, lang)} through {format_date(last, lang)}")
    return sep.join(parts)


def format_version_key(version: Version, key: str, lang: str) -> str | None:
    """A version's dates as placeholders name them; None for another key."""
    if key == "valid_from":
        return format_date(version.in_force, lang)
    if key == "issued" and version.issued:
        return format_date(version.issued, lang)
    if key == "valid_until" and version.last_day:
        return format_date(version.last_day, lang)
    if key == "validity_years" and version.validity_years:
        return format_quantity(version.validity_years, "year", lang)
    if key == "last_day_other_reading" and version.last_day_other_reading:
        return format_date(version.last_day_other_reading, lang)
    return None


_VERSION_DATES = ("valid_from", "valid_until", "validity_years", "last_day_other_reading", "issued")


def _known(document: Document) -> list[str]:
    return [*document.parameters.all, *_VERSION_DATES, "periods"]


def format_key(key: str, lang: str, document: Document, version: Version) -> str:
    """The value behind `[[param:KEY]]` for a version; an unknown key stops the build."""
    dated = format_version_key(version, key, lang)
    if dated is not None:
        return dated
    if key in document.parameters.all:
        value = document.parameters.all[key].at(version.in_force)
        if value is not None:
            return format_value(value, lang)
    if key == "periods":
        return format_periods(document, lang)
    if key in _VERSION_DATES:
        # The key exists, but not for this version: say which dates it has instead.
        raise PluginError(
            f"[[param:{key}]]: {document.id} (version {version.id}) has no {key}: "
            + ("this version gives no period of years (validity_years); if its text names a last "
               "day, write the sentence with [[param:valid_until]] and the words of that text"
               if key in ("validity_years", "last_day_other_reading")
               else "the registry gives no date of issue of this version (issued)" if key == "issued"
               else "this version has no last day (no expires, no validity_years)"))
    raise PluginError(f"[[param:{key}]]: {document.id} (version {version.id}) has no such value "
                      f"(known: {', '.join(_known(document))})")


def _document(doc_id: str, placeholder: str, src_uri: str) -> Document:
    if doc_id not in DOCUMENTS:
        raise PluginError(f"{src_uri}: [[param:{placeholder}]]: no document {doc_id!r}")
    return DOCUMENTS[doc_id]


def _owner(key: str, src_uri: str) -> tuple[Document, Version, str]:
    """The document and version a placeholder's key belongs to, and the bare key."""
    placeholder = key
    if "@" in key:  # DOC@VERSION:KEY, a sentence about that version
        doc_id, _, rest = key.partition("@")
        version_id, _, key = rest.partition(":")
        document = _document(doc_id, placeholder, src_uri)
        if version_id not in {v.id for v in document.versions}:
            raise PluginError(f"{src_uri}: [[param:{placeholder}]]: {doc_id} has no version {version_id!r} "
                              f"(its versions: {', '.join(v.id for v in document.versions)})")
        return document, document.version(version_id), key
    if "." in key:
        doc_id, key = key.split(".", 1)
        document = _document(doc_id, placeholder, src_uri)
        if key in _VERSION_DATES and not (page_of(src_uri) and page_of(src_uri).document == document):
            raise PluginError(
                f"{src_uri}: [[param:{placeholder}]]: outside {doc_id}'s own pages, name the version the "
                f"sentence is about ([[param:{doc_id}@VERSION:{key}]]; versions: "
                f"{', '.join(v.id for v in document.versions)}), or give every period ([[param:{doc_id}.periods]])")
        return document, document.latest, key
    page = page_of(src_uri)
    if page:
        return page.document, page.version, key
    owners = [d for d in DOCUMENTS.values() if key in d.parameters.all]
    if len(owners) != 1:
        raise PluginError(f"{src_uri}: [[param:{key}]]: name the document, as [[param:DOC.{key}]]")
    return owners[0], owners[0].latest, key


PLACEHOLDER = re.compile(r"\[\[param:([\w.@:-]+)\]\]")


def render_placeholders(markdown: str, lang: str, src_uri: str) -> str:
    """Replaces every `[[param:KEY]]` of a page with its value in `lang`."""
    def value(match: re.Match) -> str:
        document, version, key = _owner(match[1], src_uri)
        return format_key(key, lang, document, version)

    return PLACEHOLDER.sub(value, markdown)
