"""Clause (4) 支持优势企业提升能级: the contest award and the revenue milestones."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from xinzhou_policy.findings import Findings, Warning, award
from xinzhou_policy.money import yuan
from xinzhou_policy.params import InForce, Scale, Tier

CLAUSE = "policy-4"

_REVENUE_EVIDENCE = (
    ("申报年度及以往年度经审计的财务报表或纳税申报表（证明营业收入和“首次”）",
     "领军企业或骨干企业的认定文件"),
    ("Audited financial statements or tax returns of the claim year and earlier years (to show "
     "the revenue and that it is the first time)",
     "The document recognizing the enterprise as a leading or backbone enterprise"),
)


def scale_leader(profile: dict[str, Any], p: InForce) -> Findings:
    """对评选为全市特色专业镇规模化领军企业给予 … 资金奖励."""
    found = Findings()
    if profile["selected_scale_leader"]:
        amount = p.scale_leader_award.value
        found.items.append(award(
            "policy-4.scale-leader", CLAUSE,
            ("规模化领军企业评选奖励", "Award for the large-scale leading enterprise contest"), amount, "fixed",
            (f"企业在市级竞赛评选中被评为全市特色专业镇规模化领军企业，按政策第（四）条给予资金奖励 {yuan(amount)} 元。",
             f"The enterprise was selected in the municipal contest as a large-scale leading "
             f"enterprise of the city's distinctive specialized towns; clause (4) gives an award "
             f"of {yuan(amount)} yuan."),
            (p.scale_leader_award.key,),
            (("竞赛评选结果文件",), ("The contest result naming the enterprise",)),
        ))
    return found


def newly_crossed(tier: Tier, revenue: Decimal, previous_max: Decimal, inclusive: bool) -> bool:
    """First time over a threshold: crossed this year, not crossed in any earlier year.

    达到 (inclusive) counts revenue equal to the threshold; 突破 (exclusive) needs more than it.
    """
    if inclusive:
        return previous_max < tier.threshold <= revenue
    return previous_max <= tier.threshold < revenue


def _scale_for(role: str, p: InForce) -> tuple[Scale, str, str] | None:
    if role == "leading":
        return p.leading_milestones, "领军企业", "leading enterprise"
    if role == "backbone":
        return p.backbone_milestones, "骨干企业", "backbone enterprise"
    return None


def _verb(scale: Scale) -> tuple[str, str]:
    if scale.inclusive:
        return "达到", "reached (达到, which includes the threshold itself)"
    return "突破", "exceeded (突破, which excludes the threshold itself)"


def revenue_milestones(profile: dict[str, Any], p: InForce) -> Findings:
    """领军企业营收规模首次突破 …；骨干企业营收规模首次达到 … 的一次性奖励."""
    found = Findings()
    revenue, previous = profile["revenue"], profile["previous_max_revenue"]
    chosen = _scale_for(profile["role"], p)
    if chosen is None:
        if any(newly_crossed(t, revenue, previous, s.inclusive)
               for s in (p.leading_milestones, p.backbone_milestones) for t in s.tiers):
            found.warnings.append(Warning(
                "milestone_role_missing",
                "营业收入跨越了政策第（四）条的门槛，但企业类别为“无”：营收门槛奖励只给专业镇领军企业和骨干企业。如已获认定，请选择企业类别。",
                "The revenue crosses a threshold of clause (4), but the enterprise category is "
                "'none': the milestone awards are only for leading and backbone enterprises. "
                "Choose the category if the enterprise is recognized as one.", CLAUSE))
        return found
    scale, role_zh, role_en = chosen
    verb_zh, verb_en = _verb(scale)
    crossed = [(n, t) for n, t in enumerate(scale.tiers, start=1)
               if newly_crossed(t, revenue, previous, scale.inclusive)]
    several = len(crossed) > 1
    if several and profile["milestone_mode"] == "highest":
        crossed = crossed[-1:]
    readings = (("policy-thresholds", "policy-first-time", "policy-several-thresholds") if several
                else ("policy-thresholds", "policy-first-time"))
    if several:
        found.warnings.append(_reading_warning(profile["milestone_mode"]))
    for n, tier in crossed:
        reading_zh, reading_en = _reading_note(profile["milestone_mode"]) if several else ("", "")
        found.items.append(award(
            f"policy-4.{profile['role']}-milestone-{n}", CLAUSE,
            (f"{role_zh}营收首次{verb_zh} {yuan(tier.threshold)} 元奖励",
             f"{role_en[0].upper()}{role_en[1:]} revenue milestone: {yuan(tier.threshold)} yuan"),
            tier.amount, "fixed",
            (f"{role_zh}本年度营业收入 {yuan(revenue)} 元，以往年度最高 {yuan(previous)} 元，"
             f"首次{verb_zh} {yuan(tier.threshold)} 元的门槛（“{verb_zh}”{'含' if scale.inclusive else '不含'}本数）。"
             f"按政策第（四）条一次性奖励 {yuan(tier.amount)} 元。{reading_zh}",
             f"The {role_en}'s revenue of {yuan(revenue)} yuan, against a highest earlier revenue "
             f"of {yuan(previous)} yuan, {verb_en} the threshold of {yuan(tier.threshold)} yuan "
             f"for the first time. Clause (4) gives a one-off award of {yuan(tier.amount)} yuan."
             f"{reading_en}"),
            (scale.key,), _REVENUE_EVIDENCE, readings=readings,
        ))
    return found


def _reading_note(mode: str) -> tuple[str, str]:
    if mode == "each":
        return ("同年跨越多个门槛，按“分别奖励”的读法，每个新跨越的门槛各奖一次。",
                " Several thresholds were crossed in one year; on the reading 'each', every newly "
                "crossed threshold is awarded.")
    return ("同年跨越多个门槛，按“只奖最高一档”的读法，只奖励最高的一档。",
            " Several thresholds were crossed in one year; on the reading 'highest', only the "
            "highest is awarded.")


def _reading_warning(mode: str) -> Warning:
    zh, en = _reading_note(mode)
    return Warning(
        "milestone_reading", zh + "条文的“分别”没有说明这种情形；另一种读法可在“计算选项”中选择，以主管部门的解释为准。",
        en.strip() + " The text's 分别 (respectively) does not settle this case; the other "
        "reading can be chosen in the options, and the competent department's interpretation "
        "prevails.", CLAUSE)
