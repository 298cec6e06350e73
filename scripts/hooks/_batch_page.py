"""The batch page (`<!-- calculator: batch -->`): its HTML, made at build time, and the template.

calculator_pages.py calls `batch_app` for the marker (the page uses the same runtime and worker
as the calculators) and `write_template` after the build. The column notes and the template come
from the rule package (`xinzhou_policy.batch`), so they follow the field tables.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from xinzhou_policy.batch import column_notes
from xinzhou_policy.batch_template import template_csv, template_xlsx

TEMPLATE = "batch-template"  # .csv and .xlsx

_TEXT = {
    "zh": {
        "waiting": "正在准备计算引擎…",
        "local": "文件只在您的浏览器中读取和计算，不会上传到任何服务器。",
        "template_xlsx": "下载 Excel 输入模板（.xlsx：中英文表头、下拉选项，“填写说明”表逐列说明）",
        "template": "下载 CSV 输入模板（中英文表头）",
        "choose": "选择 Excel（.xlsx）或 CSV 文件",
        "cancel": "取消计算",
        "downloads": "下载结果",
        "csv": "下载结果（CSV）", "xlsx": "下载结果（Excel .xlsx）",
        "errors_only": "只显示有错误的行",
        "columns": "各列说明",
        "column": "列名", "meaning": "含义", "table": "估算结果表（可横向滚动）",
    },
    "en": {
        "waiting": "Preparing the calculation engine…",
        "local": "The file is read and computed in your browser only; it is not uploaded anywhere.",
        "template_xlsx": "Download the Excel input template (.xlsx: headers in Chinese and English, "
                         "drop-down choices, every column explained on its 填写说明 sheet)",
        "template": "Download the CSV input template (headers in Chinese and English)",
        "choose": "Choose an Excel (.xlsx) or CSV file",
        "cancel": "Cancel",
        "downloads": "Download the results",
        "csv": "Download results (CSV)", "xlsx": "Download results (Excel .xlsx)",
        "errors_only": "Show only rows with errors",
        "columns": "What each column holds",
        "column": "Column", "meaning": "Meaning", "table": "Estimate results (scrolls sideways)",
    },
}


def _notes_table(lang: str) -> str:
    t = _TEXT[lang]
    rows = "".join(f"<tr><td><code>{escape(name)}</code></td><td>{escape(zh if lang == 'zh' else en)}</td></tr>"
                   for name, zh, en in column_notes())
    return (f'<details class="batch-columns"><summary>{t["columns"]}</summary><table>'
            f'<thead><tr><th>{t["column"]}</th><th>{t["meaning"]}</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></details>")


def batch_app(lang: str, assets: str, noscript: str, document_pages: str) -> str:
    """The page's markup; `assets` is the path of the calculators' files relative to the page,
    `noscript` what the page says where JavaScript is off, `document_pages` (JSON) where each
    document's clauses are (the budget summary links its clauses there)."""
    t = _TEXT[lang]
    return (
        f'<div class="batch-app" data-document-pages="{escape(document_pages)}">'
        f'<p class="calc-status" role="status">{t["waiting"]}</p>{noscript}'
        f'<p class="batch-local"><strong>{t["local"]}</strong></p>'
        f'<ul class="batch-templates">'
        f'<li><a class="batch-template-xlsx" href="{assets}/{TEMPLATE}.xlsx" download="{TEMPLATE}.xlsx">{t["template_xlsx"]}</a></li>'
        f'<li><a class="batch-template" href="{assets}/{TEMPLATE}.csv" download="{TEMPLATE}.csv">{t["template"]}</a></li></ul>'
        f'<p class="batch-choose"><label for="batch-file">{t["choose"]}</label> '
        f'<input type="file" id="batch-file" accept=".xlsx,.csv,text/csv,'
        f'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" disabled></p>'
        f'<div class="batch-progress" hidden><progress max="1" value="0"></progress> '
        f'<span role="status" aria-live="polite"></span> '
        f'<button type="button" class="batch-cancel" hidden>{t["cancel"]}</button></div>'
        f'<p class="batch-error" role="alert" hidden></p>'
        f'<section class="batch-summary" hidden></section>'
        f'<p class="batch-downloads calc-actions" hidden>'
        f'<button type="button" data-format="csv">{t["csv"]}</button>'
        f'<button type="button" data-format="xlsx">{t["xlsx"]}</button></p>'
        f'<div class="batch-results" hidden>'
        f'<p><label><input type="checkbox" class="batch-errors-only"> {t["errors_only"]}</label></p>'
        # Focusable, so that a keyboard can scroll the wide table.
        f'<div class="batch-table-wrap" tabindex="0" role="region" aria-label="{t["table"]}">'
        f'<table class="batch-table"><thead></thead><tbody></tbody></table></div>'
        f'<nav class="batch-pager"></nav></div>'
        f"{_notes_table(lang)}"
        f'<link rel="stylesheet" href="{assets}/calculator.css">'
        f'<link rel="stylesheet" href="{assets}/batch.css">'
        f'<link rel="stylesheet" href="{assets}/chart.css">'
        f'<script type="module" src="{assets}/batch.js"></script>'
        f"</div>"
    )


def write_template(assets: Path) -> None:
    """Both templates, beside the calculators' files: the same bytes in either language's page."""
    (assets / f"{TEMPLATE}.csv").write_bytes(template_csv().encode("utf-8"))
    (assets / f"{TEMPLATE}.xlsx").write_bytes(template_xlsx())
