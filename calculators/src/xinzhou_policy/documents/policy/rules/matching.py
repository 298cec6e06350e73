"""Municipal awards that are a share of a provincial award (policy-5, policy-6, policy-9, policy-10, policy-14).

Each is a share of the provincial amount the profile gives: policy-5's of the provincial funding
received (对获得省级资金支持的), an upper bound (最高不超过, "up_to"); the others are a fixed share
("computed") granted 在争取省级……的基础上, read as a share of the provincial award actually
granted (the reading policy-provincial-basis: with no provincial amount, nothing). Each item's
texts are the catalogue's entries ITEM_ID.title, .explanation and .evidence (../messages.toml).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from xinzhou_policy.findings import Findings, Rule, award
from xinzhou_policy.money import percent, yuan
from xinzhou_policy.params import InForce

from .texts import M


@dataclass(frozen=True)
class Matching:
    item_id: str
    field: str  # the profile field with the provincial amount
    clause: str
    rate: str  # the parameter's key
    basis: str
    recipient: str = "enterprise"  # who receives it (findings.RECIPIENTS)
    readings: tuple[str, ...] = ()


MATCHINGS: tuple[Matching, ...] = (
    Matching("policy-5.key-project", "provincial_key_project_support", "policy-5", "key_project_match_rate",
             "up_to", readings=("policy-up-to",)),
    Matching("policy-6.digital", "provincial_digital_award", "policy-6", "digital_match_rate", "computed",
             readings=("policy-provincial-basis",)),
    Matching("policy-9.standards", "provincial_standards_subsidy", "policy-9", "standards_match_rate", "computed",
             readings=("policy-provincial-basis",)),
    Matching("policy-10.gi", "provincial_gi_award", "policy-10", "gi_match_rate", "computed",
             recipient="region_or_town",
             readings=("policy-provincial-basis", "policy-and-or", "policy-region-recipient")),
    Matching("policy-10.time-honored", "provincial_time_honored_brand_award", "policy-10",
             "time_honored_match_rate", "computed", readings=("policy-provincial-basis", "policy-first-named")),
    Matching("policy-14.culture-park", "provincial_culture_park_award", "policy-14", "culture_park_match_rate",
             "computed", recipient="park_or_base",
             readings=("policy-provincial-basis", "policy-first-named", "policy-park-recipient")),
)


def _rule(m: Matching) -> Callable[[dict[str, Any], InForce], Findings]:
    def rule(profile: dict[str, Any], p: InForce) -> Findings:
        found = Findings()
        provincial = profile[m.field]
        if not provincial:
            return found
        rate = getattr(p, m.rate)
        amount = provincial * rate.value
        found.items.append(award(
            m.item_id, m.clause, M(f"{m.item_id}.title"), amount, m.basis,
            M(f"{m.item_id}.explanation", provincial=yuan(provincial), share=percent(rate.value), amount=yuan(amount)),
            (rate.key,), M.list(f"{m.item_id}.evidence"), recipient=m.recipient, readings=m.readings))
        return found

    rule.__name__ = m.item_id.replace("-", "_").replace(".", "_")
    return rule


RULES = tuple(Rule(m.clause, _rule(m), m.recipient) for m in MATCHINGS)
