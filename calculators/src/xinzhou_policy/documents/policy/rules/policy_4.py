"""Clause (4) 支持优势企业提升能级: the contest award and the revenue milestones."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from xinzhou_policy.findings import Findings, Warning, award
from xinzhou_policy.money import yuan
from xinzhou_policy.params import InForce, Tier

from .texts import M

CLAUSE = "policy-4"


def scale_leader(profile: dict[str, Any], p: InForce) -> Findings:
    """对评选为全市特色专业镇规模化领军企业给予 … 资金奖励."""
    found = Findings()
    if profile["selected_scale_leader"]:
        amount = p.scale_leader_award.value
        found.items.append(award(
            "policy-4.scale-leader", CLAUSE, M("policy-4.scale-leader.title"), amount, "fixed",
            M("policy-4.scale-leader.explanation", amount=yuan(amount)), (p.scale_leader_award.key,),
            M.list("policy-4.scale-leader.evidence")))
    return found


def newly_crossed(tier: Tier, revenue: Decimal, previous_max: Decimal, inclusive: bool) -> bool:
    """First time over a threshold: crossed this year, not crossed in any earlier year.

    达到 (inclusive) counts revenue equal to the threshold; 突破 (exclusive) needs more than it.
    """
    if inclusive:
        return previous_max < tier.threshold <= revenue
    return previous_max <= tier.threshold < revenue


def revenue_milestones(profile: dict[str, Any], p: InForce) -> Findings:
    """领军企业营收规模首次突破 …；骨干企业营收规模首次达到 … 的一次性奖励."""
    found = Findings()
    revenue, previous, role = profile["revenue"], profile["previous_max_revenue"], profile["role"]
    scales = {"leading": p.leading_milestones, "backbone": p.backbone_milestones}
    if role not in scales:
        if any(newly_crossed(t, revenue, previous, s.inclusive) for s in scales.values() for t in s.tiers):
            found.warnings.append(Warning("milestone_role_missing", *M("policy-4.milestone_role_missing"), CLAUSE))
        return found
    scale = scales[role]
    crossed = [(n, t) for n, t in enumerate(scale.tiers, start=1)
               if newly_crossed(t, revenue, previous, scale.inclusive)]
    several = len(crossed) > 1
    mode = profile["milestone_mode"]
    if several and mode == "highest":
        crossed = crossed[-1:]
    readings = (("policy-thresholds", "policy-first-time", "policy-several-thresholds") if several
                else ("policy-thresholds", "policy-first-time"))
    if several:
        note = M(f"policy-4.several.{mode}")
        found.warnings.append(Warning("milestone_reading", *M("policy-4.milestone_reading", note=note), CLAUSE))
    name = M(f"policy-4.role.{role}")
    kind = "inclusive" if scale.inclusive else "exclusive"
    for n, tier in crossed:
        found.items.append(award(
            f"policy-4.{role}-milestone-{n}", CLAUSE,
            M("policy-4.milestone.title", role=name, Role=name[1][0].upper() + name[1][1:],
              verb=M(f"policy-4.verb.{kind}"), threshold=yuan(tier.threshold)),
            tier.amount, "fixed",
            M("policy-4.milestone.explanation", role=name, revenue=yuan(revenue), previous=yuan(previous),
              verb=M(f"policy-4.verb.{kind}"), threshold=yuan(tier.threshold), amount=yuan(tier.amount),
              counts=M(f"policy-4.counts.{kind}"),
              note=M("policy-4.milestone.note", note=note) if several else ""),
            (scale.key,), M.list("policy-4.evidence"), readings=readings,
        ))
    return found
