"""Clause (16) 保障员工职业技能培训: in-service and new-hire training subsidies."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from xinzhou_policy.findings import Findings, Warning, award
from xinzhou_policy.money import number, percent, yuan
from xinzhou_policy.params import InForce

from .texts import M

CLAUSE = "policy-16"
# Who receives the new hires' training subsidy (the reading policy-training-body).
NEW_HIRE_RECIPIENT = "training_body"


def incumbent_training(profile: dict[str, Any], p: InForce) -> Findings:
    """在岗职工职业技能提升培训，按照每人定额给予企业培训补贴."""
    found = Findings()
    trainees = profile["incumbent_trainees"]
    if trainees:
        per_person = p.incumbent_training_per_person.value
        amount = per_person * trainees
        found.items.append(award(
            "policy-16.incumbent-training", CLAUSE, M("policy-16.incumbent-training.title"), amount, "computed",
            M("policy-16.incumbent-training.explanation", trainees=trainees, per_person=yuan(per_person),
              amount=yuan(amount)),
            (p.incumbent_training_per_person.key,), M.list("policy-16.incumbent-training.evidence")))
    return found


def new_hire_per_person(days: int, p: InForce) -> Decimal:
    """前若干天按较高日标准、其后每天按较低日标准，每人有上限."""
    first_days = p.new_hire_first_days.value
    tiered = (p.new_hire_first_daily.value * min(days, first_days)
              + p.new_hire_later_daily.value * max(days - first_days, 0))
    return min(tiered, p.new_hire_cap_per_person.value)


def new_hire_training(profile: dict[str, Any], p: InForce) -> Findings:
    """订单式、项目制、定向式培训，培训后就业率达到下限（含本数）的阶梯式补贴，补贴给予培训主体."""
    found = Findings()
    trainees, days = profile["new_hire_trainees"], profile["new_hire_training_days"]
    rate = profile["new_hire_employment_rate"]
    minimum = p.new_hire_min_employment_rate.value
    if not trainees:
        return found
    if not days:
        found.warnings.append(Warning("new_hire_days_missing", *M("policy-16.new_hire_days_missing"), CLAUSE))
        return found
    if rate is None or rate < minimum:
        detail = (M("policy-16.new_hire_employment_rate.unknown") if rate is None
                  else M("policy-16.new_hire_employment_rate.given", rate=percent(rate)))
        found.warnings.append(Warning(
            "new_hire_employment_rate",
            *M("policy-16.new_hire_employment_rate", minimum=percent(minimum), detail=detail), CLAUSE,
            readings=("policy-thresholds", "policy-training-rate-condition")))
        return found
    per_person = new_hire_per_person(days, p)
    # The readings of who counts (policy-training-all): every trainee, or those employed only,
    # a whole number of people (the rate times the trainees, rounded half up).
    employed = int((rate * trainees).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    reading = profile["new_hire_training_reading"]
    everyone = reading == "all"
    amount, other = per_person * (trainees if everyone else employed), per_person * (employed if everyone else trainees)
    tiered = M("policy-16.new-hire-training.tiered", first_days=number(p.new_hire_first_days.value),
               first_daily=yuan(p.new_hire_first_daily.value), later_daily=yuan(p.new_hire_later_daily.value))
    capped = M("policy-16.new-hire-training.capped") if per_person == p.new_hire_cap_per_person.value else ""
    found.items.append(award(
        "policy-16.new-hire-training", CLAUSE, M("policy-16.new-hire-training.title"), amount, "computed",
        M("policy-16.new-hire-training.explanation", trainees=trainees, days=days, rate=percent(rate),
          minimum=percent(minimum), tiered=tiered, per_person=yuan(per_person), capped=capped,
          counted=M(f"policy-16.new-hire-training.counted.{reading}", trainees=trainees, employed=employed,
                    rate=percent(rate)),
          amount=yuan(amount), other_reading=M(f"policy-16.new-hire-training.other.{reading}"), other=yuan(other)),
        (p.new_hire_min_employment_rate.key, p.new_hire_first_days.key, p.new_hire_first_daily.key,
         p.new_hire_later_daily.key, p.new_hire_cap_per_person.key),
        M.list("policy-16.new-hire-training.evidence"),
        recipient=NEW_HIRE_RECIPIENT,
        readings=("policy-thresholds", "policy-training-rate-condition", "policy-training-days",
                  "policy-training-all", "policy-training-body"),
    ))
    return found
