"""The batch input's templates, CSV and .xlsx, made from the estimate's JSON Schema (schema.py):
each column's Chinese title (`x-title-zh`) is its header, the English title (`title`) sits in
the row directly below (the reader skips that second header row), a choice is written as its
Chinese label (`x-choice-labels`), and the .xlsx template's 填写说明 sheet explains every column
from the schema's titles and descriptions, in both languages. The reader (batch.py) accepts
what the templates hold, so a filled-in template is read back as it is.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from .batch_xlsx import Sheet, column, width, workbook
from .schema import schemas

DATA_SHEET, NOTES_SHEET = "填写表", "填写说明"
# The enterprise's name: a column of the batch only (not an input of the rules), copied to the output.
NAME = "name"
NAME_TITLE = ("企业名称", "Enterprise name")
NAME_NOTE = ("可留空，不参与计算，原样写入结果。", "May be left empty; not used by the rules, copied to the results.")
FLAG_LABELS = (("是", "yes"), ("否", "no"))

_KINDS = {  # what a cell holds, by the schema's type of the field: (zh, en)
    # No example date: a date written here could equal a document's (tests/rules/test_single_source.py).
    "date": ("日期，写作 年-月-日、年/月/日 或 X年X月X日，也可以是日期单元格",
             "a date, written year-month-day, year/month/day or X年X月X日, or a date cell"),
    "flag": ("从下拉列表选“是”或“否”", "choose 是 (yes) or 否 (no) from the drop-down list"),
    "money": ("金额（元），如 5000000", "an amount in yuan, such as 5000000"),
    "integer": ("整数", "a whole number"),
    "rate": ("0 到 1 之间的小数，如 0.85", "a decimal from 0 to 1, such as 0.85"),
    "enum": ("从下拉列表选择：{zh}", "choose from the drop-down list: {en}"),
}
_HEAD = {  # the 填写说明 sheet's columns
    "zh": ("列", "中文列名", "英文列名", "是否必填", "填写格式", "说明"),
    "en": ("Column", "Chinese header", "English header", "Required", "Format", "Description"),
}
_NEED = {"required": ("必填", "required"), "empty": ("可留空", "may be left empty"),
         "default": ("留空即“{zh}”", "empty means “{en}”")}


def _kind(prop: dict[str, Any]) -> str:
    if "enum" in prop:
        return "enum"
    if prop.get("format") == "date":
        return "date"
    types = prop.get("type") or [t.get("type") for t in prop.get("anyOf", ())]
    if "boolean" in types:
        return "flag"
    if "integer" in types:
        return "integer"
    # An amount is unbounded above as money is; a rate has 1 for its maximum.
    return "rate" if any(t.get("maximum") == 1 for t in prop.get("anyOf", ())) else "money"


def columns() -> list[dict[str, Any]]:
    """Every input column, from the schema: name, titles, kind, choices (zh, en) and the notes."""
    schema = schemas()["estimate"]
    out = [{"name": NAME, "zh": NAME_TITLE[0], "en": NAME_TITLE[1], "kind": "text", "choices": [],
            "need": ("可留空", "may be left empty"), "format": ("文字", "text"), "about": NAME_NOTE}]
    for name, prop in schema["properties"].items():
        kind = _kind(prop)
        if kind == "enum":
            choices = [(label["zh"], label["en"]) for label in prop["x-choice-labels"].values()]
        else:
            choices = list(FLAG_LABELS) if kind == "flag" else []
        fmt = _KINDS[kind]
        fmt = (fmt[0].format(zh="、".join(zh for zh, _ in choices)),
               fmt[1].format(en=", ".join(f"{zh} ({en})" for zh, en in choices)))
        default = prop.get("default")
        if name in schema["required"]:
            need = _NEED["required"]
        elif default is None:
            need = _NEED["empty"]
        else:
            shown = (choices[0 if default else 1] if kind == "flag"
                     else (prop["x-choice-labels"][default]["zh"], prop["x-choice-labels"][default]["en"]) if kind == "enum"
                     else (str(default), str(default)))
            need = (_NEED["default"][0].format(zh=shown[0]), _NEED["default"][1].format(en=shown[1]))
        out.append({"name": name, "zh": prop["x-title-zh"], "en": prop["title"], "kind": kind,
                    "choices": choices, "need": need, "format": fmt,
                    "about": (prop["x-description-zh"], prop["description"])})
    return out


def template_csv() -> str:
    """The CSV template: the Chinese header, the English one below it. UTF-8 with a BOM (without
    it Excel on Chinese Windows misreads UTF-8)."""
    cols = columns()
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c["zh"] for c in cols])
    writer.writerow([c["en"] for c in cols])
    return "\ufeff" + out.getvalue()


_STYLES = {"date": "date", "money": "money"}
_ROOM = {"text": 28, "date": 13, "money": 18}


def template_xlsx() -> bytes:
    """The .xlsx template: the 填写表 sheet to fill in (two header rows frozen, drop-down lists for
    every choice, dates and amounts formatted) and the 填写说明 sheet."""
    cols = columns()
    # As wide as the Chinese header, or half the English one (it wraps); a name, a date and an
    # amount need their room whatever their header.
    widths = [max(_ROOM.get(c["kind"], 12), min(30, max(width(c["zh"]), width(c["en"]) // 2 + 2) + 2)) for c in cols]
    data = Sheet(
        DATA_SHEET, [[(c["zh"], "header") for c in cols], [(c["en"], "subheader") for c in cols]],
        widths=widths, frozen=2,
        styles={i: _STYLES[c["kind"]] for i, c in enumerate(cols) if c["kind"] in _STYLES},
        lists=[(i, 3, [zh for zh, _ in c["choices"]]) for i, c in enumerate(cols) if c["choices"]])
    notes_rows = [[(h, "header") for h in _HEAD["zh"]], [(h, "subheader") for h in _HEAD["en"]]]
    for i, c in enumerate(cols):
        for lang in (0, 1):
            notes_rows.append([(column(i), "wrap") if lang == 0 else "", (c["zh"], "wrap") if lang == 0 else "",
                               (c["en"], "wrap") if lang == 0 else "",
                               (c["need"][lang], "wrap"), (c["format"][lang], "wrap"), (c["about"][lang], "wrap")])
    notes = Sheet(NOTES_SHEET, notes_rows, widths=[6, 24, 30, 16, 36, 70], frozen=2, fit=True)
    return workbook([data, notes])
