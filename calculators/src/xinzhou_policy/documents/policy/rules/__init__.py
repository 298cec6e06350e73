"""The award rules of 忻政办发〔2022〕81号: one small pure function per award, modules named by
clause. Each takes the profile and the parameters in force on the event date (params.InForce).

| clause | module |
|---|---|
| policy-4 | policy_4.py (contest award, revenue milestones) |
| policy-5 | policy_5.py (equipment, single champion); matching.py (key projects) |
| policy-6, policy-9, policy-10, policy-14 | matching.py (share of a provincial award) |
| policy-13 | land.py (the `land` command: a separate calculation) |
| policy-16 | policy_16.py (training) |

What the registry reads here: AWARD_RULES, FIELDS and GROUPS (the profile fields these rules
read: fields.py) and COMMANDS (commands of their own, beside `estimate`). Every text a reader sees
of them is the document's message catalogue, ../messages.toml (texts.py), except the land
command's own (land.py).
"""

from __future__ import annotations

from xinzhou_policy.findings import Rule

from . import matching, policy_4, policy_5, policy_16
from .fields import FIELDS, GROUPS
from .land import FIELDS as LAND_FIELDS
from .land import land
from .texts import M

AWARD_RULES = (
    Rule("policy-4", policy_4.scale_leader),
    Rule("policy-4", policy_4.revenue_milestones),
    Rule("policy-5", policy_5.equipment_subsidy),
    Rule("policy-5", policy_5.single_champion),
    *matching.RULES,
    Rule("policy-16", policy_16.incumbent_training),
    Rule("policy-16", policy_16.new_hire_training, policy_16.NEW_HIRE_RECIPIENT),
)

# name: (function, its input fields, title zh, title en)
COMMANDS = {"land": (land, LAND_FIELDS, *M("command.land"))}

__all__ = ["AWARD_RULES", "COMMANDS", "FIELDS", "GROUPS"]
