"""Guidance: the closing rule and every clause of support without a fixed amount.

Each entry quotes the text it comes from (`wording_zh`), says in both languages what applies,
and names the responsible units of its clause, so that an estimate can tell the enterprise
where to ask. Every estimate carries the whole list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .clauses import CLOSING_CLAUSE, departments_of


@dataclass(frozen=True)
class Guidance:
    id: str
    clause: str
    topic_zh: str
    topic_en: str
    wording_zh: str
    applies_zh: str
    applies_en: str

    def to_dict(self) -> dict[str, Any]:
        closing = self.clause == CLOSING_CLAUSE
        return {
            "id": self.id,
            "clause": self.clause,
            "topic_zh": self.topic_zh,
            "topic_en": self.topic_en,
            "wording_zh": self.wording_zh,
            "applies_zh": self.applies_zh,
            "applies_en": self.applies_en,
            "departments": [] if closing else departments_of(self.clause),
        }


_G = Guidance
GUIDANCE: tuple[Guidance, ...] = (
    _G("policy-closing.choose-highest", CLOSING_CLAUSE, "就高不就低，不重复奖补",
       "The higher, not the lower; no double award",
       "本政策与市级其他同类优惠政策，由企业按照就高不就低的原则自主选择申报，不重复奖补。",
       "本估算列出本政策下的金额。同一事项如另有市级同类优惠政策，企业只能择优选择其一申报，不能重复获得。",
       "This estimate lists the amounts under this policy. Where another municipal policy of the "
       "same kind covers the same matter, the enterprise chooses the more favourable one and may "
       "not be awarded twice."),
    _G("policy-3.srdi", "policy-3", "专精特新企业认定奖励", "Awards for SRDI recognition",
       "对专业镇企业首次被认定为国家级、省级专精特新“小巨人”和“专精特新”中小企业的，按规定给予奖励。",
       "首次被认定为国家级、省级专精特新“小巨人”或专精特新中小企业的，按规定给予奖励；金额未在本政策中规定。",
       "An enterprise first recognized as a national or provincial SRDI 'little giant' or SRDI "
       "small or medium-sized enterprise is awarded according to the rules in force; this policy "
       "sets no amount."),
    _G("policy-3.innovation-voucher", "policy-3", "科技创新券", "Science and technology innovation vouchers",
       "通过科技创新券的方式，支持专业镇科技型中小企业购买创新服务、开展技术合作",
       "科技型中小企业可通过科技创新券购买创新服务、开展技术合作。",
       "Technology-based small and medium-sized enterprises can buy innovation services and "
       "technical cooperation with science and technology innovation vouchers."),
    _G("policy-5.first-batch-insurance", "policy-5", "重点新材料首批次保费补贴",
       "Insurance premium subsidy for first-batch new materials",
       "落实省级对重点新材料首批次产品的保费补贴政策。",
       "重点新材料首批次产品的保费补贴按省级政策执行。",
       "The premium subsidy for first-batch products of key new materials follows the "
       "provincial policy."),
    _G("policy-7.bookkeeping", "policy-7", "免费代理记账和法律、审计服务",
       "Free bookkeeping, legal and audit services",
       "通过云会计大数据服务平台，免费为入驻专业镇的中小微企业提供代理记账服务",
       "入驻专业镇的中小微企业可免费获得代理记账服务，并可能通过政府购买服务免费获得法律、审计服务。",
       "Micro, small and medium-sized enterprises in a specialized town can get free "
       "bookkeeping, and possibly free legal and audit services bought by the government."),
    _G("policy-8.innovation-platforms", "policy-8", "科技创新平台", "Innovation platforms",
       "支持专业镇建设重点实验室、工程研究中心、技术创新中心、产业技术研究院、中试基地等各类科技创新平台，按照规定给予支持或奖励补助。",
       "建设重点实验室、工程研究中心、技术创新中心、中试基地等平台，按照规定给予支持或奖励补助。",
       "Building key laboratories, engineering research centres, technology innovation centres, "
       "pilot-scale test bases and similar platforms is supported or awarded according to the rules in "
       "force."),
    _G("policy-11.brand-advertising", "policy-11", "公用品牌宣传广告费用补贴",
       "Advertising subsidy for public brands",
       "对上述宣传活动给予一定广告费用补贴。",
       "专业镇主导产业公用品牌的宣传活动可获得一定广告费用补贴；金额未规定。",
       "Publicity for a specialized town's public brand can receive a subsidy for part of the "
       "advertising cost; no amount is set."),
    _G("policy-12.exhibitions", "policy-12", "展会、会议和电商销售奖励",
       "Awards for exhibitions, conferences and online sales",
       "按照相关政策进行奖励。……给予适当奖励。",
       "引进国际性、全国性、行业性展览和会议按照相关政策奖励；网上销售额超过一定金额的协会或企业给予适当奖励；支持参加境外展会、境外商标注册、国际认证和专利申请。",
       "Bringing in international, national or industry exhibitions and conferences is awarded "
       "under the relevant policies; associations or enterprises whose online sales exceed a "
       "certain amount receive an appropriate award; taking part in exhibitions abroad, registering "
       "trademarks abroad, international certification and patent applications are supported."),
    _G("policy-13.land-and-energy", "policy-13", "用地、能耗和电价支持", "Land, energy and power price support",
       "工业用地提高容积率不增收土地价款，放宽工业项目配套设施占地比例。",
       "工业用地提高容积率不增收土地价款；符合条件的企业优先支持申报战略性新兴产业电价政策；同类小微企业项目可打捆开展环评。出让底价见土地计算器。",
       "Raising the floor area ratio of industrial land costs no extra land price; qualifying "
       "enterprises are given priority support in applying for the electricity price policy for "
       "strategic emerging industries; small projects of one kind can share one environmental "
       "assessment. For the reserve price, see "
       "the land calculator."),
    _G("policy-15.talent", "policy-15", "人才支持、工艺美术大师和非遗传承人",
       "Talent, masters of arts and crafts, intangible heritage inheritors",
       "对首次获评中国工艺美术大师、山西省工艺美术大师、忻州市工艺美术大师的，给予一次性奖励；获评国家级、市级非物质文化遗产代表性项目代表性传承人的，每年给予传习补贴。",
       "首次获评工艺美术大师给予一次性奖励，非物质文化遗产代表性项目代表性传承人每年给予传习补贴（金额未规定）；高层次人才按人才政策支持；专业镇企业在忻州人才网专区免费发布招聘信息，重点企业参加市级部门举办的现场招聘会免收摊位费。",
       "A master of arts and crafts named for the first time receives a one-off award, and a "
       "representative inheritor of a representative item of intangible cultural heritage an "
       "annual transmission subsidy (no amounts set); high-level talent is supported under the "
       "talent policies; enterprises of specialized towns post job adverts free of charge in a "
       "special section of the Xinzhou Talent Network, and key enterprises pay no booth fees at "
       "on-site job fairs held by municipal departments."),
    _G("policy-16.entrepreneurship", "policy-16", "就业创业平台", "Employment and entrepreneurship platforms",
       "鼓励专业镇建设就业创业平台，创建创业孵化示范基地和创业示范园区。",
       "专业镇可建设就业创业平台、创业孵化示范基地和创业示范园区。",
       "Specialized towns can build employment and entrepreneurship platforms, model business "
       "incubation bases and entrepreneurship demonstration parks."),
    _G("policy-17.listing", "policy-17", "挂牌上市奖励和融资担保", "Awards for quotation or listing; loan guarantees",
       "对挂牌上市企业按照相关政策给予财政奖励。",
       "挂牌上市企业按照相关政策给予财政奖励；可通过政府性融资担保、银担合作产品降低融资成本。",
       "Enterprises quoted on equity trading systems or listed receive fiscal awards under the "
       "relevant policies; government-backed financing guarantees and bank–guarantee "
       "cooperation products can lower financing costs."),
)


def guidance() -> list[dict[str, Any]]:
    return [g.to_dict() for g in GUIDANCE]
