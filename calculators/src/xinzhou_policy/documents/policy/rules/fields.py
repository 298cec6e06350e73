"""The profile fields the policy's rules read, and the land command's fields: their labels,
help and groups in both languages (validation.py parses them; the forms, the JSON Schema and the
batch columns are made from them). The event date, which every estimate has, is validation.py's.
"""

from __future__ import annotations

from xinzhou_policy.money import ZERO
from xinzhou_policy.validation import Field

# The policy's groups of fields, in the forms' order (between "who" and "options").
GROUPS = {
    "revenue": ("营业收入", "Revenue"),
    "investment": ("投资与荣誉", "Investment and titles"),
    "provincial": ("已获得的省级奖励", "Provincial awards received"),
    "training": ("职业技能培训", "Training"),
    "land": ("土地", "Land"),
}

_F = Field
FIELDS: tuple[Field, ...] = (
    _F("role", "enum", "who", "企业类别", "Enterprise category",
       "主管部门认定的专业镇领军企业或骨干企业；都不是则选“无”。",
       "Leading or backbone enterprise of a specialized town as recognized by the competent "
       "department; otherwise none.", default="none",
       choices=("leading", "backbone", "none"),
       choice_labels=(("领军企业", "leading enterprise"), ("骨干企业", "backbone enterprise"),
                      ("无", "none")), clause="policy-4"),
    _F("selected_scale_leader", "flag", "who", "评选为规模化领军企业", "Selected as large-scale leading enterprise",
       "在市级两年一次的竞赛评选中被评为全市特色专业镇规模化领军企业。",
       "Selected in the municipal contest held every two years as a large-scale leading "
       "enterprise of the city's distinctive specialized towns.", default=False, clause="policy-4"),
    _F("town_revenue_rank", "rank", "who", "营收在本专业镇的排名", "Revenue rank in the town",
       "按营业收入在本专业镇中的名次（1 为第一）；不知道则留空。",
       "Rank by revenue among the enterprises of the town (1 = first); leave empty if unknown.",
       clause="policy-5"),
    _F("revenue", "money", "revenue", "本年度营业收入（元）", "Revenue of the year (yuan)",
       "申报年度的营业收入，单位为元。", "Operating revenue of the year claimed, in yuan.",
       default=ZERO, clause="policy-4"),
    _F("previous_max_revenue", "money", "revenue", "以往年度最高营业收入（元）", "Highest earlier annual revenue (yuan)",
       "此前各年度中最高的年营业收入，用于判断是否“首次”达到或突破门槛。",
       "The highest annual revenue of any earlier year; decides whether a threshold is crossed "
       "for the first time.", default=ZERO, clause="policy-4"),
    _F("equipment_investment", "money", "investment", "当年研发、检测、试验设备投资（元）", "R&D, testing and trial equipment bought this year (yuan)",
       "当年购置研发、检测、试验等设备的实际投资额。",
       "Actual investment in R&D, testing and trial equipment bought in the year.",
       default=ZERO, clause="policy-5"),
    _F("first_single_champion_product", "flag", "investment", "首次获评国家级制造业单项冠军产品", "Product first named national single champion",
       "企业产品首次获评国家级制造业单项冠军产品。",
       "The enterprise's product was named a national manufacturing single champion for the "
       "first time.", default=False, clause="policy-5"),
    _F("provincial_key_project_support", "money", "provincial", "省级重点项目支持资金（元）", "Provincial support for key projects (yuan)",
       "产业基础再造、智能制造示范、绿色制造推广、产业链锻长补短等重点项目获得的省级支持资金。",
       "Provincial funding received for key projects in industrial foundation rebuilding, "
       "intelligent manufacturing demonstration, green manufacturing promotion, or strengthening "
       "the strong links and shoring up the weak links of the industrial chain.", default=ZERO,
       clause="policy-5"),
    _F("provincial_digital_award", "money", "provincial", "省级信息化改造、5G 项目奖励（元）", "Provincial award for informatization or 5G projects (yuan)",
       "信息化改造、5G 融合应用等项目获得的省级奖励资金。",
       "Provincial award received for informatization or 5G application projects.",
       default=ZERO, clause="policy-6"),
    _F("provincial_standards_subsidy", "money", "provincial", "省级标准制修订经费补贴（元）", "Provincial subsidy for standards work (yuan)",
       "主导或参与国际、国家、行业标准制修订获得的省级经费补贴。",
       "Provincial subsidy received for leading or taking part in international, national or "
       "industry standards.", default=ZERO, clause="policy-9"),
    _F("provincial_gi_award", "money", "provincial", "省级地理标志奖励（元）", "Provincial GI award (yuan)",
       "获得国家地理标志产品保护示范区称号或入选中欧地理标志互认互保名单获得的省级奖励。",
       "Provincial award received for a national GI protection demonstration zone or a place "
       "on the China–EU GI list.", default=ZERO, clause="policy-10"),
    _F("provincial_time_honored_brand_award", "money", "provincial", "省级老字号奖励（元）", "Provincial time-honoured brand award (yuan)",
       "新入选“中华老字号”“山西老字号”获得的省级奖励。",
       "Provincial award received for a new listing as a China or Shanxi time-honoured brand.",
       default=ZERO, clause="policy-10"),
    _F("provincial_culture_park_award", "money", "provincial", "省级文化产业示范园区（基地）奖励（元）", "Provincial award for a cultural demonstration park or base (yuan)",
       "首次获评国家级文化产业示范园区、文化出口基地等获得的省级奖励。",
       "Provincial award received for being first named a national cultural-industry "
       "demonstration park, cultural export base or similar.", default=ZERO, clause="policy-14"),
    _F("incumbent_trainees", "count", "training", "参加技能提升培训的在岗职工人数", "In-service employees trained",
       "参加职业技能提升培训的在岗职工人数。",
       "Number of in-service employees who took skills training.", default=0, clause="policy-16"),
    _F("new_hire_trainees", "count", "training", "订单式、项目制、定向式培训的新招聘人员人数",
       "New hires in order-based, project-based or targeted training",
       "新招聘技术技能人才参加订单式、项目制、定向式培训的人数。该补贴给予培训主体（开展培训的单位，可能是企业本身，也可能是院校）。",
       "Number of newly hired skilled workers in order-based, project-based or targeted "
       "training. The subsidy is paid to the body conducting the training (培训主体), which may "
       "be the enterprise itself or the school.", default=0, clause="policy-16"),
    _F("new_hire_training_days", "count", "training", "培训天数（每人）", "Training days per person",
       "每人的培训天数。", "Training days per person.", default=0, clause="policy-16"),
    _F("new_hire_employment_rate", "rate", "training", "培训后就业率（0–1）", "Employment rate after training (0–1)",
       "以签订就业协议或提供就业证明为准的培训后就业率，填 0 到 1 之间的小数，如 0.85。",
       "Share of trainees employed afterwards (employment agreement or proof of employment), "
       "from 0 to 1, e.g. 0.85.", clause="policy-16"),
    _F("new_hire_training_reading", "enum", "options", "新招聘人员培训补贴的计算人数", "New-hire training subsidy counts",
       "“全部参训人员”：就业率达到要求后按全部参训人数计算；“仅已就业人员”：只按培训后已就业的人数计算。条文没有写明，以主管部门的解释为准。",
       "'every trainee': once the employment rate is met, every trainee counts; 'employed "
       "only': only the trainees employed afterwards. The text does not say which; the "
       "competent department's interpretation prevails.", default="all", choices=("all", "employed"),
       choice_labels=(("全部参训人员", "every trainee"), ("仅已就业人员", "employed only")), clause="policy-16"),
    _F("milestone_mode", "enum", "options", "同年跨越多个门槛时", "Several thresholds in one year",
       "“分别奖励”：每个新跨越的门槛各奖一次；“只奖最高”：只奖最高一档。条文的“分别”没有说明同年跨越多个门槛时怎样奖励，以主管部门的解释为准。",
       "'each': every newly crossed threshold is awarded; 'highest': only the highest. The "
       "text's 分别 (respectively) does not say which applies when one year crosses several; the "
       "competent department's interpretation prevails.", default="each", choices=("each", "highest"),
       choice_labels=(("分别奖励", "each"), ("只奖最高一档", "highest only")), clause="policy-4"),
)

LAND_FIELDS: tuple[Field, ...] = (
    _F("grade", "grade", "land", "土地等别", "Land grade",
       "所在地土地等别，按《全国工业用地出让最低价标准》填等别序号（第一等填 1）。",
       "The land grade of the site under the national minimum price standard, as its number "
       "(the first grade is 1).", required=True, clause="policy-13"),
    _F("area_m2", "area", "land", "出让面积（平方米）", "Area (m²)",
       "出让土地面积，单位为平方米，须大于 0。", "Area of the land, in m²; must be positive.",
       required=True, clause="policy-13"),
    _F("total_cost", "money", "land", "实际各项成本费用之和（元）", "Actual total cost (yuan)",
       "土地的实际各项成本费用之和；出让底价不低于此数。",
       "The actual total of all costs of the land; the reserve price never goes below it.",
       default=ZERO, clause="policy-13"),
    _F("supported_project", "flag", "land", "支持类工业项目", "Supported industrial project",
       "项目属于支持类工业项目。", "The project is a supported industrial project.",
       default=False, clause="policy-13"),
)
