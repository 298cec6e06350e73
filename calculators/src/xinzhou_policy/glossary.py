"""The one bilingual glossary.

Every English rendering of a term, on the site and in the calculators' explanations, comes from
here. The site's glossary page and its hover definitions are generated from this table.

`not_en` lists renderings of a term that were once used and must not come back (tests/site/
test_terms.py looks for them on every English page and in the package's strings and data);
`en_forms` lists other grammatical forms of `en` that an English sentence may use instead (a verb
for a noun); `zh_forms` other forms of the Chinese term the texts use (按规定 for 按照规定).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    zh: str
    en: str
    definition_zh: str
    definition_en: str
    not_en: tuple[str, ...] = ()
    en_forms: tuple[str, ...] = ()
    zh_forms: tuple[str, ...] = ()


TERMS: tuple[Term, ...] = (
    Term("专业镇", "specialized town",
         "以一个主导产业集聚发展为特征的建制镇或产业集聚区，分为省级和市级。",
         "A town or industrial cluster area whose economy is built around one principal industry; "
         "recognized at provincial or municipal level."),
    Term("主导产业", "principal industry",
         "一个专业镇以之为主、集聚发展的产业，如定襄的法兰产业。本政策没有规定认定办法。",
         "The industry around which a specialized town's economy is built, such as the flange "
         "industry of Dingxiang. The policy does not say how it is determined.",
         not_en=("leading industry", "leading industries", "leading-industry")),
    Term("主导产品", "principal product",
         "企业或专业镇以之为主的产品；第（四）条以其市场占有率作为专业镇的预期发展指标之一。",
         "The main product of an enterprise or a specialized town; clause (4) uses its market "
         "share as one of the expected development indicators of specialized towns.",
         not_en=("leading product",)),
    Term("领军企业", "leading enterprise",
         "专业镇中规模居于前列、带动作用最强的企业之一。本政策未规定认定办法，以主管部门认定为准。",
         "One of the largest enterprises of a specialized town, those that do most to drive the "
         "others. The policy does not define how it is recognized; the competent department's "
         "recognition is decisive."),
    Term("骨干企业", "backbone enterprise",
         "专业镇中规模较大、支撑主导产业的企业，以主管部门认定为准。",
         "A sizeable enterprise that supports the town's principal industry, as recognized by the "
         "competent department."),
    Term("规模化领军企业", "large-scale leading enterprise",
         "第（四）条规定的称号：在市级每两年组织一次的竞赛评选中，评选为全市特色专业镇规模化领军企业。",
         "The title, under clause (4), of an enterprise selected as a large-scale leading "
         "enterprise of the city's distinctive specialized towns in the contest and selection the "
         "municipality holds every two years."),
    Term("龙头企业", "flagship enterprise",
         "在产业中规模较大、对上下游企业（农业中还有农户）带动作用强的企业；农业领域另有农业产业化龙头企业的认定。条例和本政策都没有规定认定办法。",
         "An enterprise with the size and pull to drive the upstream and downstream enterprises of "
         "its industry (and, in agriculture, farm households); agriculture has its own formal "
         "recognition of such enterprises (农业产业化龙头企业). Neither the regulation nor the "
         "policy says how one is recognized.",
         not_en=("dragon-head", "dragon head")),
    Term("拳头产品", "signature product",
         "质量优、竞争力强、附加值高，能代表企业或产业的产品。",
         "A product of high quality, strong competitiveness and high added value that stands for "
         "an enterprise or an industry.",
         not_en=("flagship product",)),
    Term("中小微企业", "micro, small and medium-sized enterprise",
         "中型、小型和微型企业的合称，按国家的划型标准划分。",
         "Medium-sized, small and micro enterprises together, as classified under the national "
         "size standards.",
         not_en=("small, medium-sized and micro enterprise",)),
    Term("专精特新", "specialized, refined, distinctive and innovative (SRDI)",
         "工业和信息化部门对专业化、精细化、特色化、新颖化中小企业的认定。",
         "The industry ministry's recognition of small and medium-sized enterprises that are "
         "specialized, refined, distinctive and innovative."),
    Term("小巨人", "little giant",
         "专精特新“小巨人”企业，专精特新中小企业中的优质企业，分国家级和省级。",
         "An SRDI 'little giant': the top tier of SRDI small and medium-sized enterprises, at national "
         "or provincial level."),
    Term("单项冠军", "single champion",
         "国家级制造业单项冠军：长期专注于细分产品市场、单项产品市场占有率位居前列的企业或产品。",
         "National manufacturing single champion: an enterprise or product that leads its market "
         "niche in share over a long period."),
    Term("首台（套）", "first (set of) major technical equipment",
         "国内首次实现重大技术突破、尚未取得市场业绩的装备产品。",
         "Equipment that achieves a major technical breakthrough in China for the first time and has "
         "no market record yet."),
    Term("首批次", "first batch",
         "重点新材料首批次应用，指新材料在下游首次批量使用。",
         "The first batch application of a key new material: its first use in volume downstream."),
    Term("责任单位", "responsible unit",
         "负责落实某项政策条款的部门或人民政府，申报时应向其咨询。",
         "A department or people's government charged with carrying out a clause; the place to ask "
         "when applying."),
    Term("地理标志", "geographical indication (GI)",
         "标示产品来源于某地区，其质量、信誉或其他特征主要由该地区自然或人文因素决定的标志。",
         "A sign that a product comes from a place whose natural or human factors give it its "
         "quality, reputation or other characteristics."),
    Term("老字号", "time-honoured brand",
         "历史悠久、拥有世代传承的产品、技艺或服务的品牌，如“中华老字号”“山西老字号”。",
         "A long-established brand with products, skills or services handed down through "
         "generations, such as China or Shanxi time-honoured brands."),
    Term("营收规模", "operating revenue",
         "企业年度营业收入。计算器以申报年度的营业收入为准。",
         "An enterprise's annual operating revenue. The calculators use the revenue of the year "
         "claimed."),
    Term("科技创新券", "science and technology innovation voucher",
         "政府发放、用于购买创新服务和技术合作的凭证。",
         "A voucher issued by the government to buy innovation services and technical cooperation."),
    Term("后补助", "post-completion subsidy",
         "项目完成、投资发生后，按实际投资额给予的补助。",
         "A subsidy paid after the project is done and the investment made, based on the actual "
         "amount invested."),
    Term("配套支持", "matching support",
         "在省级资金支持的基础上，市级按比例追加的支持。",
         "Municipal support added, as a share, on top of provincial funding."),
    Term("法兰", "flange",
         "管道、阀门和设备之间相互连接的盘状零件；定襄县是全国主要的法兰产地。",
         "A disc-shaped part that joins pipes, valves and equipment; Dingxiang County is one of "
         "China's main flange producers."),
    Term("出让底价", "reserve price",
         "国有建设用地使用权出让时，出让人确定的最低价格。",
         "The lowest price the grantor accepts when granting state-owned construction land use "
         "rights."),
    Term("土地等别", "land grade",
         "《全国工业用地出让最低价标准》把全国土地分为十五等，每等对应一个最低价。",
         "The national standard for minimum industrial land prices divides land into fifteen "
         "grades, each with a minimum price."),
    Term("工艺美术大师", "master of arts and crafts",
         "国家、省、市评定的工艺美术大师称号。",
         "A title conferred at national, provincial or municipal level on masters of arts and "
         "crafts."),
    Term("非物质文化遗产代表性项目代表性传承人",
         "representative inheritor of a representative item of intangible cultural heritage",
         "经认定承担非物质文化遗产代表性项目传承责任的人。",
         "A person recognized as responsible for handing down a representative item (a listed "
         "item) of intangible cultural heritage."),
    Term("就高不就低", "the higher, not the lower",
         "同一事项可适用多项政策时，由企业选择最有利的一项。",
         "Where several policies cover the same matter, the enterprise chooses the most favourable "
         "one."),
    Term("不重复奖补", "no double award",
         "同一事项不得依据多项政策重复获得奖励或补助。",
         "The same matter may not be awarded or subsidized twice under different policies."),
    Term("培训主体", "body conducting the training",
         "开展培训的单位。第（十六）条把新招聘人员培训补贴给予培训主体；条文没有规定培训主体是谁，可能是组织培训的企业本身，也可能是承担培训的院校。",
         "The body that conducts the training. Clause (16) pays the new-hire training subsidy to "
         "it; the text does not say who that is: it may be the enterprise itself or the school "
         "that carries out the training.",
         not_en=("training provider",)),
    Term("订单式培训", "order-based training",
         "按用人单位的岗位需求和录用承诺开展的培训。第（十六）条与项目制、定向式培训并列。",
         "Training run to an employer's job needs and hiring commitment; clause (16) names it "
         "with project-based and targeted training.",
         en_forms=("order-based",), zh_forms=("订单式",)),
    Term("项目制培训", "project-based training",
         "以培训项目为单位组织实施的培训，第（十六）条与订单式、定向式培训并列。",
         "Training organized as training projects; clause (16) names it with order-based and "
         "targeted training.",
         en_forms=("project-based",), zh_forms=("项目制",)),
    Term("定向式培训", "targeted training",
         "面向特定岗位或特定用人单位开展的培训，第（十六）条与订单式、项目制培训并列。",
         "Training aimed at particular jobs or employers; clause (16) names it with order-based "
         "and project-based training.",
         en_forms=("targeted",), zh_forms=("定向式",)),
    Term("在岗职工", "in-service employee",
         "已与企业建立劳动关系、在岗工作的职工。",
         "An employee already working for the enterprise under an employment relationship."),
    Term("链主企业", "chain-leader enterprise",
         "在产业链中居于主导地位、能带动上下游企业的企业。",
         "An enterprise that leads an industrial chain and pulls its upstream and downstream "
         "enterprises along."),
    Term("公用品牌", "public brand",
         "区域内企业共同使用的区域或产业品牌，如“忻州精品”。",
         "A regional or industry brand shared by the enterprises of an area, such as 'Xinzhou "
         "Premium'."),
    Term("容积率", "floor area ratio",
         "总建筑面积与用地面积之比。",
         "Total floor area divided by the area of the plot."),
    Term("智能制造", "intelligent manufacturing",
         "以数字化、网络化、智能化技术贯穿设计、生产、管理、服务的制造方式。",
         "Manufacturing in which digital, networked and intelligent technology runs through design, "
         "production, management and service."),
    Term("技术改造", "technological upgrading",
         "企业以新技术、新工艺、新设备改造现有设施和生产方式。",
         "An enterprise's renewal of its facilities and production with new technology, processes "
         "and equipment."),
    Term("施行", "entry into force",
         "法规或政策开始发生效力。",
         "The moment a regulation or policy starts to have effect.",
         en_forms=("enter into force", "enters into force", "in force")),
    Term("有效期", "period of validity",
         "政策发生效力的期间；届满后，除延续外不再适用。",
         "The period in which a policy has effect; once it has run out, the policy no longer "
         "applies unless renewed."),
    Term("高层次人才", "high-level talent",
         "按人才政策认定的高层次人才。",
         "A person recognized as high-level talent under the talent policies."),
    Term("产业链", "industrial chain",
         "从原材料、研发、制造到销售服务相互关联的企业和环节。",
         "The linked enterprises and stages from raw materials and research through manufacturing "
         "to sales and service."),
    Term("争取", "seek",
         "争取、谋求。本政策有几条的市级奖励“在争取省级……的基础上”给予；条文没有说省级奖励必须已经取得，本站的理解见“解读与假设”。",
         "To seek or strive for. Several clauses of the policy grant a municipal award "
         "在争取省级……的基础上, on the basis of seeking a provincial award; the words do "
         "not say that the provincial award must have been granted (this site's reading: Readings "
         "and assumptions).",
         not_en=("award secured", "subsidy secured"),
         en_forms=("seeking", "sought", "seeks", "strive for", "striving for")),
    Term("按照规定", "in accordance with the relevant provisions",
         "依照有关的法律、法规、规章和规范性文件；本政策没有写明的内容，以这些规定为准。",
         "Under the laws, regulations, rules and normative documents that apply; what this policy "
         "does not state follows them. Not a reference to these Regulations.",
         not_en=("according to the regulations", "according to the rules in force"),
         zh_forms=("按规定",)),
    Term("按照相关政策", "under the relevant policies",
         "依照其他有关政策给予，本政策没有写明标准。",
         "Granted under other policies that apply; this policy states no standard.",
         not_en=("according to the relevant policies",)),
    Term("小微企业", "small and micro enterprise",
         "小型和微型企业的合称，按国家的划型标准划分。“小微企业项目”是小微企业的项目。",
         "Small and micro enterprises together, as classified under the national size standards. "
         "小微企业项目 are projects of small and micro enterprises.",
         not_en=("small projects",)),
    Term("市场主导能力", "market leadership",
         "企业在市场上居于主导地位、引领市场的能力。",
         "An enterprise's capacity to lead its market.",
         not_en=("principal role in the market",)),
    Term("社会团体", "social group",
         "依法登记的社会团体，如协会、学会、商会；与“社会组织”（包括社会团体、基金会、社会服务机构）不同。",
         "A registered social group, such as an association, a society or a chamber of commerce; "
         "narrower than 社会组织 (social organizations: social groups, foundations and social "
         "service agencies)."),
    Term("社会组织", "social organization",
         "社会团体、基金会和社会服务机构的统称。",
         "Social groups, foundations and social service agencies together."),
    Term("民营经济人士", "private-sector figure",
         "民营企业的出资人、经营管理者等民营经济领域的代表人物。",
         "A person of standing in the private sector of the economy, such as an owner or manager "
         "of a private enterprise.",
         not_en=("people of the private economy", "figures of the private economy"),
         zh_forms=("民营经济代表人士",)),
    Term("一院（所）一镇", "one academy (institute), one town",
         "第（八）条的战略：一所科研院（所）对接一个专业镇，与“一校一镇”并列。",
         "The strategy of clause (8): one research academy or institute paired with one "
         "specialized town, beside “one university, one town”.",
         not_en=("one institute, one town",)),
    Term("锻长补短", "strengthening the strong links and shoring up the weak links",
         "产业链锻长板、补短板：巩固优势环节，补齐薄弱环节。",
         "Of an industrial chain: consolidating its strong links and making good its weak ones.",
         not_en=("lengthening the strong links", "strengthening the industrial chain")),
    Term("全程网办", "end-to-end online handling",
         "政务服务事项从申请到办结全部在网上办理。",
         "A government service handled online from the application to the decision."),
    Term("全代办", "full proxy handling",
         "由政务服务人员代企业办理全部手续。",
         "Government service staff handle every step on the enterprise's behalf."),
    Term("五台山风景名胜区", "Wutaishan Scenic and Historic Interest Area",
         "国家级风景名胜区，设管理委员会。",
         "A national scenic and historic interest area, with its own administrative committee.",
         not_en=("Mount Wutai Scenic Area",)),
    Term("公共服务平台", "public service platform",
         "为专业镇企业提供物流、研发、检测、融资等共性服务的机构或设施。",
         "A body or facility that provides shared services such as logistics, R&D, testing or "
         "finance to a town's enterprises."),
)


def term(zh: str) -> Term:
    """The glossary entry for a Chinese term; a KeyError names a term the glossary lacks."""
    for entry in TERMS:
        if entry.zh == zh:
            return entry
    raise KeyError(zh)
