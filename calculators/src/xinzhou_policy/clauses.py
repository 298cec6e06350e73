"""The policy's structure as data: parts, clause titles and responsible units (责任单位).

Taken from 忻政办发〔2022〕81号. Clause ids (`policy-N`) are also the site's page anchors.
"""

from __future__ import annotations

from dataclasses import dataclass

POLICY_DOCUMENT = {
    "id": "policy",
    "number": "忻政办发〔2022〕81号",
    "title_zh": "忻州市支持专业镇高质量发展若干政策",
    "title_en": "Several Policies of Xinzhou Municipality to Support the High-Quality "
                "Development of Specialized Towns",
    "issuer_zh": "忻州市人民政府办公室",
    "issuer_en": "General Office of the Xinzhou Municipal People's Government",
}

# The closing paragraph (validity, 就高不就低, 不重复奖补) has no number in the text.
CLOSING_CLAUSE = "policy-closing"


@dataclass(frozen=True)
class Department:
    key: str
    zh: str
    en: str
    # Renderings once used and not to come back (tests/site/test_terms.py looks for them).
    not_en: tuple[str, ...] = ()


_DEPARTMENTS = (
    Department("miit", "市工信局", "Municipal Bureau of Industry and Information Technology"),
    Department("agri", "市农业农村局", "Municipal Bureau of Agriculture and Rural Affairs"),
    Department("culture", "市文旅局", "Municipal Bureau of Culture and Tourism"),
    Department("ndrc", "市发展改革委", "Municipal Development and Reform Commission"),
    Department("finance", "市财政局", "Municipal Finance Bureau"),
    Department("commerce", "市商务局", "Municipal Bureau of Commerce"),
    Department("science", "市科技局", "Municipal Bureau of Science and Technology"),
    Department("transport", "市交通局", "Municipal Transport Bureau"),
    Department("united_front", "市委统战部", "United Front Work Department of the CPC Xinzhou Municipal Committee"),
    Department("justice", "市司法局", "Municipal Justice Bureau"),
    Department("hrss", "市人社局", "Municipal Bureau of Human Resources and Social Security"),
    Department("market", "市市场监管局", "Municipal Administration for Market Regulation"),
    Department("finance_office", "市金融办", "Municipal Financial Affairs Office"),
    Department("tax", "市税务局", "Municipal Taxation Bureau"),
    Department("customs", "忻州海关", "Xinzhou Customs"),
    Department("federation", "市工商联", "Municipal Federation of Industry and Commerce"),
    Department("education", "市教育局", "Municipal Education Bureau"),
    Department("publicity", "市委宣传部", "Publicity Department of the CPC Xinzhou Municipal Committee"),
    Department("broadcast", "忻州广播电视台", "Xinzhou Radio and Television Station"),
    Department("resources", "市自然资源局", "Municipal Bureau of Natural Resources"),
    Department("energy", "市能源局", "Municipal Energy Bureau"),
    Department("approval", "市行政审批局", "Municipal Administrative Approval Bureau",
               not_en=("Administrative Approval Service Bureau",)),
    Department("housing", "市住建局", "Municipal Bureau of Housing and Urban-Rural Development"),
    Department("ecology", "市生态环境局", "Municipal Bureau of Ecology and Environment"),
    Department("organization", "市委组织部", "Organization Department of the CPC Xinzhou Municipal Committee"),
    Department("pboc", "人行忻州中心支行", "Xinzhou Central Sub-branch of the People's Bank of China"),
    Department("cbirc", "忻州银保监局", "Xinzhou Banking and Insurance Regulatory Bureau"),
    Department("counties", "各县（市、区）人民政府", "People's governments of the counties, county-level cities and districts"),
)
DEPARTMENTS: dict[str, Department] = {d.key: d for d in _DEPARTMENTS}


@dataclass(frozen=True)
class Part:
    number: int
    title_zh: str
    title_en: str


PARTS: tuple[Part, ...] = (
    Part(1, "促进产业提质增效", "Raise the quality and efficiency of industry"),
    Part(2, "鼓励企业转型升级", "Encourage enterprises to transform and upgrade"),
    Part(3, "提升载体发展水平", "Raise the level of development platforms"),
    Part(4, "完善资源要素保障", "Secure resources and factors of production"),
    Part(5, "持续创优营商环境", "Keep improving the business environment"),
)


@dataclass(frozen=True)
class Clause:
    number: int
    part: int
    title_zh: str
    title_en: str
    departments: tuple[str, ...]
    # True where the text lists its units with a trailing 等 ("and others").
    departments_open: bool = False

    @property
    def id(self) -> str:
        return f"policy-{self.number}"


_C = Clause
CLAUSES: dict[str, Clause] = {c.id: c for c in (
    _C(1, 1, "着力提升产业发展层级", "Raise the level of industrial development",
       ("miit", "agri", "culture", "ndrc", "finance", "counties")),
    _C(2, 1, "梯次选育打造潜力集群", "Select and cultivate promising clusters tier by tier",
       ("miit", "agri", "culture", "commerce", "counties")),
    _C(3, 2, "培优壮大市场主体力量", "Strengthen market entities",
       ("miit", "agri", "culture", "commerce", "science", "finance", "counties")),
    _C(4, 2, "支持优势企业提升能级", "Help strong enterprises move up a level",
       ("miit", "agri", "culture", "finance", "counties")),
    _C(5, 2, "鼓励企业开展技术改造", "Encourage technological upgrading",
       ("miit", "finance", "counties")),
    _C(6, 2, "引导企业开展数字转型", "Guide enterprises through digital transformation",
       ("miit", "agri", "culture", "counties")),
    _C(7, 3, "推动公共服务平台全覆盖", "Public service platforms for every specialized town",
       ("ndrc", "transport", "science", "united_front", "justice", "culture", "hrss", "market",
        "miit", "finance_office", "tax", "customs", "federation", "counties")),
    _C(8, 3, "支持创新发展能力建设", "Build the capacity to innovate",
       ("science", "finance", "education", "counties")),
    _C(9, 3, "深化标准引领提升作用", "Let standards lead",
       ("market", "finance", "counties")),
    _C(10, 3, "集中优势打造拳头产品", "Build signature products",
       ("market", "miit", "agri", "culture", "commerce", "finance", "counties")),
    _C(11, 3, "拓展专业公用品牌影响", "Widen the reach of public brands",
       ("market", "publicity", "culture", "broadcast", "miit", "finance", "counties")),
    _C(12, 3, "广泛推介拓宽营销市场", "Promote widely and open up markets",
       ("miit", "commerce", "market", "finance", "counties")),
    _C(13, 4, "保障产业发展要素需求", "Secure the factors industry needs",
       ("resources", "energy", "ndrc", "miit", "approval", "counties")),
    _C(14, 4, "提升基础设施建设水平", "Improve infrastructure",
       ("housing", "transport", "energy", "ecology", "ndrc", "miit", "agri", "publicity",
        "culture", "finance", "counties")),
    _C(15, 4, "强化人才智力支撑保障", "Strengthen support with talent and expertise",
       ("organization", "united_front", "science", "hrss", "education", "culture", "finance",
        "counties")),
    _C(16, 4, "保障员工职业技能培训", "Secure vocational skills training for employees",
       ("hrss", "education", "finance", "counties")),
    _C(17, 4, "持续优化融资服务保障", "Keep improving financing services",
       ("finance", "finance_office", "pboc", "cbirc", "counties")),
    _C(18, 5, "构建协作配套发展模式", "Build a model of cooperation along the chain",
       ("miit", "science", "finance", "hrss", "market", "federation", "cbirc", "agri",
        "culture", "counties"), departments_open=True),
    _C(19, 5, "突出规划引领企业服务", "Let planning lead and serve enterprises",
       ("ndrc", "resources", "ecology", "commerce", "miit", "agri", "culture", "counties")),
    _C(20, 5, "打造高效便捷政务环境", "Build efficient and convenient government services",
       ("approval", "resources", "commerce", "ndrc", "ecology", "hrss", "market", "tax",
        "counties")),
)}


# Chinese numerals of the clause numbers, as the text writes them: （一） … （二十）.
_NUMERALS_ZH = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三",
                "十四", "十五", "十六", "十七", "十八", "十九", "二十")


def clause_label(clause_id: str) -> tuple[str, str]:
    """How an explanation cites a clause: ("政策第（四）条", "clause (4) of the policy")."""
    if clause_id == CLOSING_CLAUSE:
        return "政策末段", "the closing paragraph of the policy"
    number = CLAUSES[clause_id].number
    return f"政策第（{_NUMERALS_ZH[number - 1]}）条", f"clause ({number}) of the policy"


def departments_of(clause_id: str) -> list[dict[str, str]]:
    """The responsible units of a clause, in the text's order, in both languages."""
    clause = CLAUSES[clause_id]
    return [{"zh": DEPARTMENTS[k].zh, "en": DEPARTMENTS[k].en} for k in clause.departments]


def clause_exists(clause_id: str) -> bool:
    return clause_id in CLAUSES or clause_id == CLOSING_CLAUSE
