"""Every number of 忻政办发〔2022〕81号: the only place one is written.

Each parameter carries its clause id, the Chinese wording it comes from, a description in both
languages, its unit and the date from which it applies (OpenFisca style). The rules, the site's
award tables and the tests all read these objects; a test fails if a policy number appears in any
other module of the package.

When the policy is renewed or amended, change the values and dates here and add a case file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Union

# The policy's issue date: 2022年12月22日印发; 自发布之日起施行.
ISSUE_DATE = date(2022, 12, 22)

Value = Union[Decimal, int, date]


@dataclass(frozen=True)
class Parameter:
    key: str
    value: Value
    unit: str  # one of UNITS
    clause: str
    wording_zh: str  # the words of the text the value comes from
    description_zh: str
    description_en: str
    start: date = ISSUE_DATE
    reference: str = ""  # a legal source outside the policy, where the value comes from one


@dataclass(frozen=True)
class Tier:
    """One step of a scale: reaching or exceeding `threshold` earns `amount` (or `value`)."""
    threshold: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Scale:
    """A list of thresholds with the amount each earns, and whether the threshold itself counts.

    `inclusive` is the legal reading of the verb (Civil Code art. 1259): 达到/以上 include the
    number, 突破/超过 exclude it.
    """
    key: str
    tiers: tuple[Tier, ...]
    inclusive: bool
    clause: str
    wording_zh: str
    description_zh: str
    description_en: str
    threshold_unit: str = "yuan"
    amount_unit: str = "yuan"
    start: date = ISSUE_DATE
    reference: str = ""


UNITS = {
    "yuan": ("元", "yuan"),
    "yuan/person": ("元/人", "yuan per person"),
    "yuan/person-day": ("元/人·天", "yuan per person-day"),
    "yuan/m2": ("元/平方米", "yuan per m²"),
    "ratio": ("比例", "share"),
    "day": ("天", "days"),
    "year": ("年", "years"),
    "rank": ("名", "rank"),
    "grade": ("等", "grade"),
}


def _d(text: str) -> Decimal:
    return Decimal(text)


# ---------------------------------------------------------------- validity (closing paragraph)
VALIDITY_YEARS = Parameter(
    "validity_years", 3, "year", "policy-closing",
    "以上政策自发布之日起施行，有效期 3 年。",
    "政策有效期，自发布之日（2022年12月22日）起算。",
    "Period of validity, counted from the date of publication (taken as the issue date, 22 "
    "December 2022).",
)


def _years_later(start: date, years: int) -> date:
    return start.replace(year=start.year + years)


# 届满 includes the last day: three years from 2022-12-22 run through 2025-12-21.
VALID_FROM = ISSUE_DATE
VALID_UNTIL = _years_later(ISSUE_DATE, VALIDITY_YEARS.value) - timedelta(days=1)

# ---------------------------------------------------------------- policy-4: leading enterprises
SCALE_LEADER_AWARD = Parameter(
    "scale_leader_award", _d("200000"), "yuan", "policy-4",
    "对评选为全市特色专业镇规模化领军企业给予 20 万元资金奖励",
    "被评选为全市特色专业镇规模化领军企业的奖励（每两年评选一次）。",
    "Award for an enterprise selected as a large-scale leading enterprise of the city's "
    "distinctive specialized towns (contest held every two years).",
)

LEADING_MILESTONES = Scale(
    "leading_milestones",
    (Tier(_d("2000000000"), _d("1000000")), Tier(_d("5000000000"), _d("2000000"))),
    inclusive=False, clause="policy-4",
    wording_zh="对专业镇领军企业营收规模首次突破 20 亿元、50 亿元的，一次性分别奖励 100 万元、200 万元",
    description_zh="领军企业营业收入首次突破门槛的一次性奖励；“突破”不含本数，须高于门槛。",
    description_en="One-off award when a leading enterprise's revenue first exceeds a threshold; "
                   "突破 (exceed) excludes the number itself.",
)

BACKBONE_MILESTONES = Scale(
    "backbone_milestones",
    (Tier(_d("100000000"), _d("200000")), Tier(_d("500000000"), _d("300000")),
     Tier(_d("1000000000"), _d("500000"))),
    inclusive=True, clause="policy-4",
    wording_zh="对专业镇骨干企业营收规模首次达到 1 亿元、5 亿元、10 亿元的分别给予 20 万元、30 万元、50 万元一次性奖励",
    description_zh="骨干企业营业收入首次达到门槛的一次性奖励；“达到”含本数。",
    description_en="One-off award when a backbone enterprise's revenue first reaches a threshold; "
                   "达到 (reach) includes the number itself.",
)

# ---------------------------------------------------------------- policy-5: technological upgrading
KEY_PROJECT_MATCH_RATE = Parameter(
    "key_project_match_rate", _d("0.20"), "ratio", "policy-5",
    "给予最高不超过省级支持资金额 20% 比例的配套支持",
    "获省级资金支持的产业基础再造、智能制造示范、绿色制造推广、产业链锻长补短等重点项目的市级配套上限。",
    "Upper bound of municipal matching support for key projects with provincial funding in "
    "industrial foundation rebuilding, intelligent manufacturing demonstration, green "
    "manufacturing or strengthening the industrial chain.",
)

EQUIPMENT_TOP_RANK = Parameter(
    "equipment_top_rank", 3, "rank", "policy-5",
    "对营收规模在专业镇中排名前三的企业",
    "设备补助仅适用于营业收入在本专业镇排名前三（第1至3名）的企业。",
    "The equipment subsidy is for enterprises ranked in the top three of their town by revenue "
    "(ranks 1 to 3).",
)

EQUIPMENT_MIN_INVESTMENT = Parameter(
    "equipment_min_investment", _d("1000000"), "yuan", "policy-5",
    "当年购置研发、检测、试验等设备投入 100 万元以上",
    "当年购置研发、检测、试验等设备的最低投入；“以上”含本数。",
    "Minimum investment in R&D, testing and trial equipment in the year; 以上 includes the number "
    "itself.",
)

EQUIPMENT_RATE = Parameter(
    "equipment_rate", _d("0.10"), "ratio", "policy-5",
    "按照实际投资额，采取后补助的方式给予 10% 的补助",
    "设备补助比例，按实际投资额计算，采取后补助方式。",
    "Equipment subsidy rate, applied to the actual investment and paid after the investment "
    "(post-completion subsidy).",
)

EQUIPMENT_CAP = Parameter(
    "equipment_cap", _d("1000000"), "yuan", "policy-5",
    "单个企业最高补助 100 万元",
    "每个企业设备补助的上限。",
    "Cap on the equipment subsidy per enterprise.",
)

SINGLE_CHAMPION_AWARD = Parameter(
    "single_champion_award", _d("1000000"), "yuan", "policy-5",
    "对首次获评国家级制造业单项冠军产品的企业一次性奖励 100 万元",
    "首次获评国家级制造业单项冠军产品的一次性奖励。",
    "One-off award for an enterprise whose product is first named a national manufacturing "
    "single champion.",
)

# ---------------------------------------------------------------- policy-6: digital transformation
DIGITAL_MATCH_RATE = Parameter(
    "digital_match_rate", _d("0.10"), "ratio", "policy-6",
    "市级按省级奖励资金的 10%给予奖励",
    "信息化改造、5G 融合应用等项目，按省级奖励资金计算的市级奖励比例。",
    "Municipal award for informatization and 5G application projects, as a share of the "
    "provincial award.",
)

# ---------------------------------------------------------------- policy-9: standards
STANDARDS_MATCH_RATE = Parameter(
    "standards_match_rate", _d("0.30"), "ratio", "policy-9",
    "市级财政再给予省级支持力度 30% 的支持",
    "主导或参与国际标准、国家标准、行业标准制修订，按省级经费补贴计算的市级支持比例。",
    "Municipal support for leading or taking part in drafting international, national or "
    "industry standards, as a share of the provincial subsidy.",
)

# ---------------------------------------------------------------- policy-10: flagship products
GI_MATCH_RATE = Parameter(
    "gi_match_rate", _d("0.30"), "ratio", "policy-10",
    "市级财政再给予省级奖励额度 30%的奖励",
    "获得国家地理标志产品保护示范区称号或入选中欧地理标志互认互保名单，按省级奖励计算的市级奖励比例。",
    "Municipal award for a national GI product protection demonstration zone or a place on the "
    "China–EU GI list, as a share of the provincial award.",
)

TIME_HONORED_MATCH_RATE = Parameter(
    "time_honored_match_rate", _d("0.30"), "ratio", "policy-10",
    "市级财政再给予省级奖励额度 30%的奖励",
    "新入选“中华老字号”“山西老字号”，按省级奖励计算的市级奖励比例。",
    "Municipal award for a newly listed China or Shanxi time-honoured brand, as a share of the "
    "provincial award.",
)

# ---------------------------------------------------------------- policy-13: land
LAND_SUPPORTED_RATIO = Parameter(
    "land_supported_ratio", _d("0.70"), "ratio", "policy-13",
    "对支持类工业项目土地出让底价可按不低于所在地土地等别相对应《全国工业用地出让最低价标准》的 70% 执行",
    "支持类工业项目土地出让底价可下浮至国家最低价标准的比例（但不低于实际各项成本费用之和）。",
    "Share of the national minimum price to which a supported industrial project's reserve "
    "price may go down (never below the actual total cost).",
)

NATIONAL_MINIMUM_PRICES = Scale(
    "national_minimum_prices",
    tuple(Tier(_d(str(grade)), _d(price)) for grade, price in enumerate(
        ("840", "720", "600", "480", "384", "336", "288", "252", "204", "168", "144", "120",
         "96", "84", "60"), start=1)),
    inclusive=True, clause="policy-13",
    wording_zh="所在地土地等别相对应《全国工业用地出让最低价标准》",
    description_zh="全国工业用地出让最低价标准：土地等别（第一等至第十五等）对应的最低价。",
    description_en="National minimum prices for granting industrial land, by land grade "
                   "(grades 1 to 15).",
    threshold_unit="grade", amount_unit="yuan/m2",
    start=date(2007, 1, 1),
    reference="《全国工业用地出让最低价标准》（国土资发〔2006〕307号）",
)

# ---------------------------------------------------------------- policy-14: culture parks
CULTURE_PARK_MATCH_RATE = Parameter(
    "culture_park_match_rate", _d("0.30"), "ratio", "policy-14",
    "市级财政再给予省级奖励额度 30% 的奖励",
    "首次获评国家级文化产业示范园区、文化出口基地等“文化+”示范园区（基地），按省级奖励计算的市级奖励比例。",
    "Municipal award for being first named a national cultural-industry demonstration park, "
    "cultural export base or similar, as a share of the provincial award.",
)

# ---------------------------------------------------------------- policy-16: training
INCUMBENT_TRAINING_PER_PERSON = Parameter(
    "incumbent_training_per_person", _d("300"), "yuan/person", "policy-16",
    "按照每人 300 元的标准给予企业培训补贴",
    "在岗职工职业技能提升培训补贴，按培训人数计算，补贴给企业。",
    "Subsidy for skills training of in-service employees, per person trained, paid to the "
    "enterprise.",
)

NEW_HIRE_MIN_EMPLOYMENT_RATE = Parameter(
    "new_hire_min_employment_rate", _d("0.80"), "ratio", "policy-16",
    "培训后就业率（以签订就业协议或提供就业证明为准）达到 80%",
    "订单式、项目制、定向式培训后的最低就业率；“达到”含本数。",
    "Minimum employment rate after order-based, project-based or targeted training; 达到 "
    "includes the number itself.",
)

NEW_HIRE_FIRST_DAYS = Parameter(
    "new_hire_first_days", 10, "day", "policy-16",
    "按照培训前 10 天每天 150 元",
    "按较高标准补贴的培训天数（前若干天）。",
    "Number of first training days paid at the higher daily rate.",
)

NEW_HIRE_FIRST_DAILY = Parameter(
    "new_hire_first_daily", _d("150"), "yuan/person-day", "policy-16",
    "培训前 10 天每天 150 元",
    "前若干天每人每天的补贴标准。",
    "Daily subsidy per person for the first days.",
)

NEW_HIRE_LATER_DAILY = Parameter(
    "new_hire_later_daily", _d("100"), "yuan/person-day", "policy-16",
    "超过一天 100 元",
    "超过前若干天后，每多一天每人的补贴标准。",
    "Daily subsidy per person for each later day.",
)

NEW_HIRE_CAP_PER_PERSON = Parameter(
    "new_hire_cap_per_person", _d("4000"), "yuan/person", "policy-16",
    "补贴额度最高每人 4000 元，补贴给予培训主体",
    "新招聘人员培训补贴每人上限；补贴给予培训主体（可能是企业本身，也可能是院校）。",
    "Cap per person on the new-hire training subsidy, which is paid to the body conducting the "
    "training (培训主体): the enterprise itself or the school.",
)


PARAMETERS: tuple[Parameter | Scale, ...] = (
    VALIDITY_YEARS,
    SCALE_LEADER_AWARD, LEADING_MILESTONES, BACKBONE_MILESTONES,
    KEY_PROJECT_MATCH_RATE, EQUIPMENT_TOP_RANK, EQUIPMENT_MIN_INVESTMENT, EQUIPMENT_RATE,
    EQUIPMENT_CAP, SINGLE_CHAMPION_AWARD,
    DIGITAL_MATCH_RATE,
    STANDARDS_MATCH_RATE,
    GI_MATCH_RATE, TIME_HONORED_MATCH_RATE,
    LAND_SUPPORTED_RATIO, NATIONAL_MINIMUM_PRICES,
    CULTURE_PARK_MATCH_RATE,
    INCUMBENT_TRAINING_PER_PERSON, NEW_HIRE_MIN_EMPLOYMENT_RATE, NEW_HIRE_FIRST_DAYS,
    NEW_HIRE_FIRST_DAILY, NEW_HIRE_LATER_DAILY, NEW_HIRE_CAP_PER_PERSON,
)


def parameters_of(clause_id: str) -> list[Parameter | Scale]:
    """The parameters a clause defines, in the text's order (for the site's award tables)."""
    return [p for p in PARAMETERS if p.clause == clause_id]
