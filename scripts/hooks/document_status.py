"""Replaces `<!-- status: policy -->` with the policy's validity, generated from its parameters.

The policy ran for VALIDITY_YEARS from ISSUE_DATE through VALID_UNTIL. A reader must see at once
that its validity has ended unless it was renewed, and what that does to an estimate.
"""

from __future__ import annotations

from xinzhou_policy import parameters as P

from _documents import page_language
from _values import format_date, format_quantity

MARKER = "<!-- status: policy -->"


def admonition(lang: str) -> str:
    issued, until = format_date(P.ISSUE_DATE, lang), format_date(P.VALID_UNTIL, lang)
    years = format_quantity(P.VALIDITY_YEARS.value, P.VALIDITY_YEARS.unit, lang)
    # "generated" marks the block as not part of the source text (the fidelity test strips it).
    if lang == "zh":
        return (f'!!! warning generated "效力状态：有效期已届满，除非已经延续"\n'
                f"    本政策于{issued}印发，自发布之日起施行，有效期{years}，至{until}届满。"
                f"除非本政策已经延续，其有效期已经结束。\n\n"
                f"    对奖补估算的影响：发生在{until}之后的事项，不能依据本政策获得奖补。"
                f"[计算器](calculators/index.md)会指出这一点，"
                f"并给出假如政策仍然有效时的金额，仅供参考。")
    return (f'!!! warning generated "Status: validity ended unless renewed"\n'
            f"    Issued on {issued} and in force from publication, the policy was valid for "
            f"{years}, through {until}. Unless it has been renewed, its validity has ended.\n\n"
            f"    What this means for an estimate: an event after {until} earns no award under "
            f"this policy. The [calculators](calculators/index.md) say so and show what the amount would have "
            f"been, for reference only.")


def on_page_markdown(markdown, page, config, files):
    return markdown.replace(MARKER, admonition(page_language(page.file.src_uri)))
