"""The profile fields the policy"s rules read, and the land command"s fields: their kinds,
groups, defaults and choices (validation.py parses them; the forms, the JSON Schema and the batch
columns are made from them). Their labels, help and choice labels, and the groups" names, are
the catalogue"s (../messages.toml: field.NAME.label, .help, .choices; group.NAME). The event
date, which every estimate has, is validation.py"s.
"""

from __future__ import annotations

from xinzhou_policy.money import ZERO
from xinzhou_policy.validation import Field

from .texts import M

# The policy"s groups of fields, in the forms" order (between "who" and "options"): each is a
# situation an enterprise may be in, which the calculators' picker offers (its name is the
# picker's label), so that a reader sees only the fields of what applies.
GROUPS = {name: M(f"group.{name}") for name in (
    "revenue", "scale_leader", "equipment", "champion", "provincial", "incumbent_training",
    "new_hire_training", "land")}


def _F(name: str, kind: str, group: str, **given) -> Field:  # noqa: N802  (a Field, as before)
    return Field(name, kind, group, **M.field(name), **given)


FIELDS: tuple[Field, ...] = (
    _F("role", "enum", "who", default="none", choices=("leading", "backbone", "none"), clause="policy-4"),
    _F("selected_scale_leader", "flag", "scale_leader", default=False, clause="policy-4"),
    _F("town_revenue_rank", "rank", "equipment", clause="policy-5"),
    _F("revenue", "money", "revenue", default=ZERO, clause="policy-4"),
    _F("previous_max_revenue", "money", "revenue", default=ZERO, clause="policy-4"),
    _F("equipment_investment", "money", "equipment", default=ZERO, clause="policy-5"),
    _F("first_single_champion_product", "flag", "champion", default=False, clause="policy-5"),
    _F("provincial_key_project_support", "money", "provincial", default=ZERO, clause="policy-5"),
    _F("provincial_digital_award", "money", "provincial", default=ZERO, clause="policy-6"),
    _F("provincial_standards_subsidy", "money", "provincial", default=ZERO, clause="policy-9"),
    _F("provincial_gi_award", "money", "provincial", default=ZERO, clause="policy-10"),
    _F("provincial_time_honored_brand_award", "money", "provincial", default=ZERO, clause="policy-10"),
    _F("provincial_culture_park_award", "money", "provincial", default=ZERO, clause="policy-14"),
    _F("incumbent_trainees", "count", "incumbent_training", default=0, clause="policy-16"),
    _F("new_hire_trainees", "count", "new_hire_training", default=0, clause="policy-16"),
    _F("new_hire_training_days", "count", "new_hire_training", default=0, clause="policy-16"),
    _F("new_hire_employment_rate", "rate", "new_hire_training", clause="policy-16"),
    _F("new_hire_training_reading", "enum", "options", default="all", choices=("all", "employed"), clause="policy-16"),
    _F("milestone_mode", "enum", "options", default="each", choices=("each", "highest"), clause="policy-4"),
)

LAND_FIELDS: tuple[Field, ...] = (
    _F("grade", "grade", "land", required=True, clause="policy-13"),
    _F("area_m2", "area", "land", required=True, clause="policy-13"),
    _F("total_cost", "money", "land", default=ZERO, clause="policy-13"),
    _F("supported_project", "flag", "land", default=False, clause="policy-13"),
)
