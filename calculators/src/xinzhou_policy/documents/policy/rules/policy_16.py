"""Clause (16) 保障员工职业技能培训: in-service and new-hire training subsidies."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from xinzhou_policy.findings import Findings, Warning, award
from xinzhou_policy.money import number, percent, yuan
from xinzhou_policy.params import InForce

CLAUSE = "policy-16"


def incumbent_training(profile: dict[str, Any], p: InForce) -> Findings:
    """在岗职工职业技能提升培训，按照每人定额给予企业培训补贴."""
    found = Findings()
    trainees = profile["incumbent_trainees"]
    if trainees:
        per_person = p.incumbent_training_per_person.value
        amount = per_person * trainees
        found.items.append(award(
            "policy-16.incumbent-training", CLAUSE,
            ("在岗职工技能提升培训补贴", "Skills training subsidy for in-service employees"), amount, "computed",
            (f"在岗职工参加职业技能提升培训 {trainees} 人，每人 {yuan(per_person)} 元，合计 {yuan(amount)} 元，补贴给企业。",
             f"{trainees} in-service employees trained, at {yuan(per_person)} yuan each: "
             f"{yuan(amount)} yuan, paid to the enterprise."),
            (p.incumbent_training_per_person.key,),
            (("培训计划、培训名单和考勤记录", "参训职工的劳动合同或社保缴纳记录"),
             ("The training plan, list of trainees and attendance records",
              "Employment contracts or social-insurance records of the trainees")),
        ))
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
        found.warnings.append(Warning(
            "new_hire_days_missing", "填写了新招聘人员培训人数，但培训天数为 0，未计算培训补贴。",
            "New-hire trainees were given but no training days, so no subsidy was computed.",
            CLAUSE))
        return found
    if rate is None or rate < minimum:
        found.warnings.append(Warning(
            "new_hire_employment_rate",
            f"新招聘人员培训补贴要求培训后就业率达到 {percent(minimum)}（含本数）；"
            + ("未填写就业率，未计算该补贴。" if rate is None else f"所填就业率 {percent(rate)} 未达到。"),
            f"The new-hire training subsidy needs an employment rate after training of at least "
            f"{percent(minimum)}; "
            + ("no rate was given, so it was not computed." if rate is None
               else f"the rate given, {percent(rate)}, falls short."), CLAUSE,
            readings=("policy-thresholds", "policy-training-rate-condition")))
        return found
    first_days = p.new_hire_first_days.value
    per_person = new_hire_per_person(days, p)
    # The readings of who counts (policy-training-all): every trainee, or those employed only,
    # a whole number of people (the rate times the trainees, rounded half up).
    employed = int((rate * trainees).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    everyone = profile["new_hire_training_reading"] == "all"
    counted = trainees if everyone else employed
    amount, other = per_person * counted, per_person * (employed if everyone else trainees)
    tiered_zh = (f"前{number(first_days)}天每天 {yuan(p.new_hire_first_daily.value)} 元、其后每天 "
                 f"{yuan(p.new_hire_later_daily.value)} 元")
    tiered_en = (f"{yuan(p.new_hire_first_daily.value)} yuan a day for the first {number(first_days)} "
                 f"days and {yuan(p.new_hire_later_daily.value)} yuan for each later day")
    capped = per_person == p.new_hire_cap_per_person.value
    if everyone:
        counted_zh = f"按全部参训人员 {trainees} 人计算"
        counted_en = f"counting all {trainees} trainees"
        other_zh, other_en = "只计已就业人员", "counting only those employed"
    else:
        counted_zh = f"按已就业人员 {employed} 人（{trainees} 人的 {percent(rate)}）计算"
        counted_en = f"counting the {employed} employed ({percent(rate)} of {trainees})"
        other_zh, other_en = "按全部参训人员计算", "counting every trainee"
    found.items.append(award(
        "policy-16.new-hire-training", CLAUSE,
        ("新招聘人员订单式、项目制、定向式培训补贴",
         "Subsidy for order-based, project-based or targeted training of new hires"), amount, "computed",
        (f"新招聘人员参加订单式、项目制、定向式培训 {trainees} 人，每人 {days} 天，培训后就业率 {percent(rate)}，"
         f"达到 {percent(minimum)}。按{tiered_zh}计算，每人 {yuan(per_person)} 元"
         f"{'（已达每人上限）' if capped else ''}；{counted_zh}，合计 {yuan(amount)} 元"
         f"（另一种理解{other_zh}，为 {yuan(other)} 元）。"
         "该补贴给予培训主体，即开展培训的单位，可能是企业本身，也可能是院校，条文没有写明。",
         f"{trainees} new hires in order-based, project-based or targeted training for {days} "
         f"days each, with {percent(rate)} employed "
         f"afterwards (at least {percent(minimum)} needed). At {tiered_en}, that is "
         f"{yuan(per_person)} yuan per person{' (the cap per person)' if capped else ''}; "
         f"{counted_en}: {yuan(amount)} yuan (the other reading, {other_en}, gives "
         f"{yuan(other)} yuan). The subsidy is paid to the body conducting the training "
         "(培训主体), which may be the enterprise itself or the school; the text does not say "
         "which."),
        (p.new_hire_min_employment_rate.key, p.new_hire_first_days.key, p.new_hire_first_daily.key,
         p.new_hire_later_daily.key, p.new_hire_cap_per_person.key),
        (("培训协议（与普通高校、职业院校或技工院校）", "培训名单和考勤记录", "就业协议或就业证明（证明就业率）"),
         ("The training agreement with the university, vocational or technical school",
          "The list of trainees and attendance records",
          "Employment agreements or proof of employment (for the employment rate)")),
        recipient="training_body",
        readings=("policy-thresholds", "policy-training-rate-condition", "policy-training-days",
                  "policy-training-all", "policy-training-body"),
    ))
    return found
