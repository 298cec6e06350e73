"""One small pure function per award: profile -> Findings. Modules are named by clause.

| clause | module |
|---|---|
| policy-4 | policy_4.py (contest award, revenue milestones) |
| policy-5 | policy_5.py (equipment, single champion); matching.py (key projects) |
| policy-6, policy-9, policy-10, policy-14 | matching.py (share of a provincial award) |
| policy-13 | ../land.py (a separate calculation) |
| policy-16 | policy_16.py (training) |
"""

from __future__ import annotations

from . import matching, policy_4, policy_5, policy_16

AWARD_RULES = (
    policy_4.scale_leader,
    policy_4.revenue_milestones,
    policy_5.equipment_subsidy,
    policy_5.single_champion,
    *matching.RULES,
    policy_16.incumbent_training,
    policy_16.new_hire_training,
)
