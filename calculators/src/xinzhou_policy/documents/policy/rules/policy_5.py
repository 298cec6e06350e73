"""Clause (5) 鼓励企业开展技术改造: equipment subsidy and single-champion award.

The matching support for key projects (the first sentence with an amount) is a share of a
provincial amount, like policy-6, policy-9, policy-10 and policy-14, and lives in `matching.py`.
"""

from __future__ import annotations

from typing import Any

from xinzhou_policy.findings import Findings, Warning, award
from xinzhou_policy.money import number, percent, yuan
from xinzhou_policy.params import InForce

from .texts import M

CLAUSE = "policy-5"


def equipment_subsidy(profile: dict[str, Any], p: InForce) -> Findings:
    """营收排名前三的企业当年购置研发、检测、试验等设备投入达到下限（以上含本数）的后补助，有上限."""
    found = Findings()
    investment, rank = profile["equipment_investment"], profile["town_revenue_rank"]
    if not investment:
        return found
    top, minimum, cap = p.equipment_top_rank.value, p.equipment_min_investment.value, p.equipment_cap.value
    if rank is None or rank > top:
        detail = M("policy-5.equipment_rank.unknown") if rank is None else M("policy-5.equipment_rank.given", rank=rank)
        found.warnings.append(Warning(
            "equipment_rank", *M("policy-5.equipment_rank", top=number(top), detail=detail), CLAUSE,
            readings=("policy-top-three", "policy-ranking-year")))
        return found
    if investment < minimum:
        found.warnings.append(Warning(
            "equipment_below_minimum",
            *M("policy-5.equipment_below_minimum", investment=yuan(investment), minimum=yuan(minimum)),
            CLAUSE, readings=("policy-thresholds",)))
        return found
    computed = investment * p.equipment_rate.value
    amount = min(computed, cap)
    capped = M("policy-5.equipment.capped", cap=yuan(cap)) if computed > amount else ""
    found.items.append(award(
        "policy-5.equipment", CLAUSE, M("policy-5.equipment.title"), amount, "computed",
        M("policy-5.equipment.explanation", rank=rank, top=number(top), investment=yuan(investment),
          minimum=yuan(minimum), rate=percent(p.equipment_rate.value), computed=yuan(computed), capped=capped),
        (p.equipment_top_rank.key, p.equipment_min_investment.key, p.equipment_rate.key, p.equipment_cap.key),
        M.list("policy-5.equipment.evidence"),
        readings=("policy-top-three", "policy-ranking-year", "policy-thresholds", "policy-equipment-cap"),
    ))
    return found


def single_champion(profile: dict[str, Any], p: InForce) -> Findings:
    """对首次获评国家级制造业单项冠军产品的企业一次性奖励."""
    found = Findings()
    if profile["first_single_champion_product"]:
        amount = p.single_champion_award.value
        found.items.append(award(
            "policy-5.single-champion", CLAUSE, M("policy-5.single-champion.title"), amount, "fixed",
            M("policy-5.single-champion.explanation", amount=yuan(amount)), (p.single_champion_award.key,),
            M.list("policy-5.single-champion.evidence"), readings=("policy-first-named",)))
    return found
