"""Clause (5) 鼓励企业开展技术改造: equipment subsidy and single-champion award.

The matching support for key projects (the first sentence with an amount) is a share of a
provincial amount, like policy-6, policy-9, policy-10 and policy-14, and lives in `matching.py`.
"""

from __future__ import annotations

from typing import Any

from xinzhou_policy.findings import Findings, Warning, award
from xinzhou_policy.money import number, percent, yuan
from xinzhou_policy.params import InForce

CLAUSE = "policy-5"


def equipment_subsidy(profile: dict[str, Any], p: InForce) -> Findings:
    """营收排名前三的企业当年购置研发、检测、试验等设备投入达到下限（以上含本数）的后补助，有上限."""
    found = Findings()
    investment, rank = profile["equipment_investment"], profile["town_revenue_rank"]
    if not investment:
        return found
    top, minimum = p.equipment_top_rank.value, p.equipment_min_investment.value
    if rank is None or rank > top:
        found.warnings.append(Warning(
            "equipment_rank", f"设备补助只适用于营业收入在本专业镇排名前{number(top)}的企业；"
            + ("未填写排名，未计算设备补助。" if rank is None else f"所填排名为第{rank}名，不符合条件。"),
            f"The equipment subsidy is only for enterprises ranked in the top {number(top)} of "
            "their town by revenue; "
            + ("no rank was given, so it was not computed." if rank is None
               else f"the rank given is {rank}, which does not qualify."), CLAUSE,
            readings=("policy-top-three", "policy-ranking-year")))
        return found
    if investment < minimum:
        found.warnings.append(Warning(
            "equipment_below_minimum",
            f"设备投入 {yuan(investment)} 元不足 {yuan(minimum)} 元（“以上”含本数），不享受设备补助。",
            f"The equipment investment of {yuan(investment)} yuan is below {yuan(minimum)} yuan "
            "(以上 includes the number itself), so no equipment subsidy applies.", CLAUSE,
            readings=("policy-thresholds",)))
        return found
    computed = investment * p.equipment_rate.value
    amount = min(computed, p.equipment_cap.value)
    capped_zh = f"，超过单个企业最高 {yuan(p.equipment_cap.value)} 元，按上限计" if computed > amount else ""
    capped_en = (f", above the cap of {yuan(p.equipment_cap.value)} yuan per enterprise, so the cap "
                 "applies" if computed > amount else "")
    found.items.append(award(
        "policy-5.equipment", CLAUSE,
        ("研发、检测、试验设备后补助", "Subsidy for R&D, testing and trial equipment"), amount, "computed",
        (f"营收排名第{rank}名（前{number(top)}名以内），当年购置研发、检测、试验等设备投入 {yuan(investment)} 元，"
         f"达到 {yuan(minimum)} 元以上的条件。按实际投资额的 {percent(p.equipment_rate.value)} 计算为 "
         f"{yuan(computed)} 元{capped_zh}。采取后补助方式，投资完成后申请。",
         f"Ranked {rank} in the town by revenue (within the top {number(top)}), the enterprise "
         f"invested {yuan(investment)} yuan in R&D, testing and trial equipment this year, which "
         f"meets the minimum of {yuan(minimum)} yuan. {percent(p.equipment_rate.value)} of the "
         f"actual investment is {yuan(computed)} yuan{capped_en}. It is a post-completion "
         "subsidy, claimed after the investment is made."),
        (p.equipment_top_rank.key, p.equipment_min_investment.key, p.equipment_rate.key, p.equipment_cap.key),
        (("设备购置合同、发票和付款凭证", "设备清单（注明研发、检测、试验用途）", "本专业镇营收排名的证明"),
         ("Purchase contracts, invoices and payment records of the equipment",
          "A list of the equipment showing its R&D, testing or trial use",
          "Proof of the enterprise's revenue rank in the town")),
        readings=("policy-top-three", "policy-ranking-year", "policy-thresholds", "policy-equipment-cap"),
    ))
    return found


def single_champion(profile: dict[str, Any], p: InForce) -> Findings:
    """对首次获评国家级制造业单项冠军产品的企业一次性奖励."""
    found = Findings()
    if profile["first_single_champion_product"]:
        amount = p.single_champion_award.value
        found.items.append(award(
            "policy-5.single-champion", CLAUSE,
            ("国家级制造业单项冠军产品奖励", "Award for a national single champion product"), amount, "fixed",
            (f"企业产品首次获评国家级制造业单项冠军产品，按政策第（五）条一次性奖励 {yuan(amount)} 元。",
             f"The enterprise's product was named a national manufacturing single champion for "
             f"the first time; clause (5) gives a one-off award of {yuan(amount)} yuan."),
            (p.single_champion_award.key,),
            (("国家级制造业单项冠军产品的认定文件（首次获评）",),
             ("The national recognition of the single champion product (first time)",)),
            readings=("policy-first-named",),
        ))
    return found
