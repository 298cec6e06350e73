"""Municipal awards that are a share of a provincial award (policy-5, policy-6, policy-9, policy-10, policy-14).

Each is a share of the provincial amount the profile gives: policy-5's of the provincial funding
received (对获得省级资金支持的), an upper bound (最高不超过, "up_to"); the others are a fixed share
("computed") granted 在争取省级……的基础上, read as a share of the provincial award actually
granted (the reading policy-provincial-basis: with no provincial amount, nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from xinzhou_policy.findings import Findings, Rule, award
from xinzhou_policy.money import percent, yuan
from xinzhou_policy.params import InForce


@dataclass(frozen=True)
class Matching:
    item_id: str
    title_zh: str
    title_en: str
    field: str
    clause: str
    rate: str  # the parameter's key
    basis: str
    what_zh: str
    what_en: str
    evidence_zh: str
    evidence_en: str
    recipient: str = "enterprise"  # who receives it (findings.RECIPIENTS)
    readings: tuple[str, ...] = ()
    share: str = "award"  # how the clause words the share (_SHARES)


# The clauses' own words for the municipal share: 省级奖励资金的10% (policy-6), 省级支持力度30%的支持
# (policy-9), 省级奖励额度30%的奖励 (policy-10, policy-14).
_SHARES = {
    "funds": ("市级按省级奖励资金的 {share} 给予奖励，即 {amount} 元。",
              "The municipality grants an award of {share} of the provincial award funds: {amount} yuan."),
    "support": ("市级财政再给予省级支持力度 {share} 的支持，即 {amount} 元。",
                "Municipal finance gives additional support of {share} of the provincial support: {amount} yuan."),
    "award": ("市级财政再给予省级奖励额度 {share} 的奖励，即 {amount} 元。",
              "Municipal finance grants an additional award of {share} of the provincial award: {amount} yuan."),
}


MATCHINGS: tuple[Matching, ...] = (
    Matching("policy-5.key-project", "省级重点项目市级配套支持", "Municipal matching for a provincial key project",
             "provincial_key_project_support", "policy-5", "key_project_match_rate", "up_to",
             "产业基础再造、智能制造示范、绿色制造推广、产业链锻长补短等重点项目获省级支持资金",
             "A key project in industrial foundation rebuilding, intelligent manufacturing "
             "demonstration, green manufacturing promotion, or strengthening the strong links and "
             "shoring up the weak links of the industrial chain, with provincial funding of",
             "省级资金支持文件及到账凭证", "The provincial funding decision and proof of receipt",
             readings=("policy-up-to",)),
    Matching("policy-6.digital", "信息化改造、5G 项目市级奖励", "Municipal award for informatization or 5G projects",
             "provincial_digital_award", "policy-6", "digital_match_rate", "computed",
             "信息化改造、5G 融合应用等项目获省级奖励资金",
             "An informatization or 5G application project, with a provincial award of",
             "省级奖励文件及到账凭证", "The provincial award decision and proof of receipt",
             readings=("policy-provincial-basis",), share="funds"),
    Matching("policy-9.standards", "标准制修订市级支持", "Municipal support for standards work",
             "provincial_standards_subsidy", "policy-9", "standards_match_rate", "computed",
             "主导或参与国际标准、国家标准、行业标准制修订获省级经费补贴",
             "Leading or taking part in drafting international, national or industry standards, "
             "with a provincial subsidy of",
             "标准发布文件、起草单位名单及省级补贴文件",
             "The published standard, the list of drafting units and the provincial subsidy "
             "decision", readings=("policy-provincial-basis",), share="support"),
    Matching("policy-10.gi", "地理标志市级奖励", "Municipal award for geographical indications",
             "provincial_gi_award", "policy-10", "gi_match_rate", "computed",
             "获得国家地理标志产品保护示范区称号或入选中欧地理标志互认互保名单，获省级奖励",
             "A national GI product protection demonstration zone or a place on the China–EU GI "
             "list, with a provincial award of",
             "称号或名单文件及省级奖励文件",
             "The title or list decision and the provincial award decision",
             recipient="region_or_town",
             readings=("policy-provincial-basis", "policy-and-or", "policy-region-recipient")),
    Matching("policy-10.time-honored", "老字号市级奖励", "Municipal award for a time-honoured brand",
             "provincial_time_honored_brand_award", "policy-10", "time_honored_match_rate", "computed",
             "新入选“中华老字号”“山西老字号”，获省级奖励",
             "A new listing as a China or Shanxi time-honoured brand, with a provincial award of",
             "老字号认定文件（新入选）及省级奖励文件",
             "The time-honoured brand listing (new) and the provincial award decision",
             readings=("policy-provincial-basis", "policy-first-named")),
    Matching("policy-14.culture-park", "文化产业示范园区（基地）市级奖励", "Municipal award for a cultural demonstration park or base",
             "provincial_culture_park_award", "policy-14", "culture_park_match_rate", "computed",
             "首次获评国家级文化产业示范园区、文化出口基地等“文化+”示范园区（基地），获省级奖励",
             "Being first named a national cultural-industry demonstration park, cultural export "
             "base or similar, with a provincial award of",
             "国家级称号文件（首次获评）及省级奖励文件",
             "The national title (first time) and the provincial award decision",
             recipient="park_or_base",
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
        share = percent(rate.value)
        if m.basis == "up_to":
            text = (f"{m.what_zh} {yuan(provincial)} 元。市级配套“最高不超过”省级支持资金额的 {share}，"
                    f"即至多 {yuan(amount)} 元；这是上限而非承诺，实际金额由主管部门核定。合计按上限计入。",
                    f"{m.what_en} {yuan(provincial)} yuan. The municipal matching support is at most "
                    f"{share} of the provincial amount, up to {yuan(amount)} yuan; this is an upper "
                    "bound, not a promise, and the competent department sets the actual amount. The "
                    "total counts it at the bound.")
        else:
            zh, en = _SHARES[m.share]
            text = (f"{m.what_zh} {yuan(provincial)} 元。" + zh.format(share=share, amount=yuan(amount)),
                    f"{m.what_en} {yuan(provincial)} yuan. " + en.format(share=share, amount=yuan(amount)))
        found.items.append(award(m.item_id, m.clause, (m.title_zh, m.title_en), amount, m.basis,
                                 text, (rate.key,), ((m.evidence_zh,), (m.evidence_en,)),
                                 recipient=m.recipient, readings=m.readings))
        return found

    rule.__name__ = m.item_id.replace("-", "_").replace(".", "_")
    return rule


RULES = tuple(Rule(m.clause, _rule(m)) for m in MATCHINGS)
