"""A large, repeatable knowledge base for the search benchmark: N articles as
`SearchDoc`s, each with an attachment's extracted text of 1–20 KB.

    from kb_corpus import articles
    for batch in articles(20_000, batch=500): ...

Vocabulary comes from the labelled quality set (tests/knowledge/quality/corpus.json:
titles, bodies, keywords), the Chinese source articles in ../shared/seeds/ (when
present) and generated sentences that combine customers, cities, vendors, device
models, dates and amounts, so the index holds a realistic spread of rare and
common terms (English has fewer source sentences, so more of it is generated).
About 70% of articles are Chinese, 15% English, 15% mixed.

Every article is built from its own random generator seeded with (SEED, number), so
the corpus is identical on every run and any slice can be generated alone.
Scopes: `kbcat:1` … `kbcat:200` (catalogs in a two-level tree: catalog c's parent is
1 + (c - 1) // 10), spread evenly over the articles."""
from __future__ import annotations

import json
import math
import random
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from sicrm.core.searchable import SearchDoc

SEED = 20_261_123
CATALOGS = 200
KIND = "article"
ROOT = Path(__file__).resolve().parent.parent
QUALITY = ROOT / "tests" / "knowledge" / "quality" / "corpus.json"
SEEDS = [ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds")]
#: attachment text in UTF-8 bytes, log-uniform between these (most attachments are short)
ATTACHMENT_BYTES = (1_024, 20_480)
REFERENCE_DT = datetime(2026, 11, 20, 18, 0, 0)
INDUSTRIES = ["government", "finance", "telecom", "energy", "education", "healthcare",
              "manufacturing", "transport", "internet", "retail", "public_security", "other"]

CITIES = ["北京", "上海", "广州", "深圳", "杭州", "宁波", "南京", "苏州", "成都", "重庆", "武汉", "西安",
          "长沙", "郑州", "济南", "青岛", "合肥", "福州", "厦门", "南宁", "昆明", "贵阳", "兰州", "太原",
          "石家庄", "沈阳", "大连", "长春", "哈尔滨", "南昌", "海口", "乌鲁木齐", "呼和浩特", "银川"]
ORGS = ["市人民医院", "市公安局", "市教育局", "农商银行", "供电公司", "移动分公司", "地铁集团", "港务集团",
        "政务服务中心", "职业技术学院", "中心医院", "城投集团", "烟草公司", "水务集团", "高速公路公司",
        "汽车零部件有限公司", "电子科技有限公司", "连锁超市", "证券营业部", "卫生健康委员会"]
VENDORS = ["华为", "新华三", "锐捷", "深信服", "奇安信", "海康威视", "大华", "浪潮", "曙光", "联想",
           "Cisco", "Juniper", "Fortinet", "Palo Alto", "VMware", "Oracle", "Microsoft", "Dell", "HPE",
           "NetApp", "Nutanix", "Veeam", "Red Hat", "F5"]
DEVICES = ["交换机", "路由器", "防火墙", "服务器", "存储", "负载均衡", "无线控制器", "摄像机", "NVR",
           "UPS", "精密空调", "堡垒机", "日志审计", "超融合一体机", "云桌面", "数据库一体机"]
SUFFIXES = ["", "", "（V2）", "（修订版）", "实施记录", "经验总结", "技术方案", "操作手册", "问题汇总",
            "培训材料", "测试报告", "检查表", "会议纪要", "交付总结"]
EN_SUFFIXES = ["", "", " (v2)", " notes", " runbook", " lessons learned", " checklist",
               " test report", " design", " FAQ"]
TEMPLATES_ZH = [
    "{city}{org}的{device}于{date}完成{action}，共涉及 {n} 台设备。",
    "本次{action}由{vendor}原厂工程师配合，现场负责人为{person}。",
    "{vendor} {model} 在{city}{org}项目中运行 {n} 天无故障。",
    "合同金额 {amount} 万元，首付款 {pct}% 已于{date}到账。",
    "{device}的告警阈值调整为 {pct}%，超过后通知值班工程师{person}。",
    "{city}{org}信息中心要求在{date}前提交{doc}。",
    "根据{doc}，{device}需要冗余部署并每季度巡检一次。",
    "{person}整理了{vendor}{device}的常见问题 {n} 条，已同步到知识库。",
]
TEMPLATES_EN = [
    "The {vendor_en} {model} at the {city_en} site was {verb_en} on {date_en}.",
    "{n} {device_en}s were {verb_en} during the maintenance window.",
    "Ticket {ticket}: {device_en} {issue_en}; resolved after {n} minutes.",
    "We {verb_en} the {device_en} configuration and recorded the change in the CMDB.",
]
ACTIONS = ["升级", "割接", "扩容", "迁移", "巡检", "上线", "联调", "验收测试", "配置变更", "故障演练"]
DOCS = ["实施方案", "验收报告", "应急预案", "测试报告", "运维手册", "竣工资料", "整改报告", "设计方案"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志鹏宇浩然"
CITIES_EN = ["Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Chengdu", "Wuhan", "Xi'an", "Nanjing"]
DEVICES_EN = ["switch", "router", "firewall", "server", "storage array", "load balancer",
              "access point", "hypervisor host", "database node", "backup appliance"]
VERBS_EN = ["upgraded", "configured", "migrated", "replaced", "patched", "restarted", "tested",
            "decommissioned", "installed", "monitored"]
ISSUES_EN = ["lost its uplink", "reported a fan failure", "ran out of disk space",
             "dropped sessions after failover", "showed high CPU load", "failed a health check"]
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_SENTENCE_EN = re.compile(r"[^.!?;\n]+[.!?;]?")
_JUNK = re.compile(r"第\s*\d+\s*页|共\s*\d+\s*页|上传|下载|举报|点击|文档编号|http|www\.")


@cache
def _pools() -> dict[str, list]:
    quality = json.loads(QUALITY.read_text(encoding="utf-8"))
    zh, en = [], []
    topics_zh, topics_en, keywords = [], [], set()
    for doc in quality:
        title = re.sub(r"[（(][^）)]*[）)]", "", doc["title"]).strip()
        (topics_en if title.isascii() else topics_zh).append(title)
        keywords.update(doc["keywords"])
        for text in (doc["body"], doc["attachment"]):
            for sentence in _SENTENCE.findall(text):
                sentence = sentence.strip()
                if len(sentence) < 8:
                    continue
                if sentence.isascii():
                    en.extend(part.strip() for part in _SENTENCE_EN.findall(sentence)
                              if len(part.strip()) >= 8)
                else:
                    zh.append(sentence)
    for folder in SEEDS:
        if folder.is_dir():
            for path in sorted(folder.glob("*.txt")):
                text = path.read_text(encoding="utf-8", errors="ignore")
                for sentence in _SENTENCE.findall(text):
                    sentence = sentence.strip()
                    if 10 <= len(sentence) <= 160 and not _JUNK.search(sentence):
                        zh.append(sentence)
            break
    return {"zh": zh, "en": en, "topics_zh": topics_zh, "topics_en": topics_en,
            "keywords": sorted(keywords)}


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.randint(1, 2)))


def _model(rng: random.Random) -> str:
    letters = rng.choice(["S", "CE", "USG", "AR", "NF", "FG-", "PA-", "ASA", "R", "DS", "OS"])
    return f"{letters}{rng.randint(100, 9999)}{rng.choice(['', 'E', '-X', 'M6', 'V5', 'H'])}"


def _date(rng: random.Random) -> datetime:
    return REFERENCE_DT - timedelta(days=rng.randint(0, 5 * 365), minutes=rng.randint(0, 1440))


def _generated_sentence(rng: random.Random, english: bool) -> str:
    if english:
        return rng.choice(TEMPLATES_EN).format(
            vendor_en=rng.choice([v for v in VENDORS if v.isascii()]), model=_model(rng),
            city_en=rng.choice(CITIES_EN), verb_en=rng.choice(VERBS_EN),
            date_en=_date(rng).strftime("%d %b %Y"), n=rng.randint(2, 400),
            device_en=rng.choice(DEVICES_EN), issue_en=rng.choice(ISSUES_EN),
            ticket=f"INC{rng.randint(100000, 999999)}")
    return rng.choice(TEMPLATES_ZH).format(
        city=rng.choice(CITIES), org=rng.choice(ORGS), device=rng.choice(DEVICES),
        date=_date(rng).strftime("%Y年%-m月%-d日"), action=rng.choice(ACTIONS),
        n=rng.randint(2, 400), vendor=rng.choice(VENDORS), model=_model(rng),
        person=_person(rng), amount=rng.randint(20, 5000), pct=rng.randint(10, 95),
        doc=rng.choice(DOCS))


def _text(rng: random.Random, language: str, size_bytes: int) -> str:
    pools = _pools()
    parts, size = [], 0
    while size < size_bytes:
        english = language == "en" or (language == "mixed" and rng.random() < 0.4)
        if rng.random() < (0.6 if english else 0.35):
            sentence = _generated_sentence(rng, english)
        else:
            sentence = rng.choice(pools["en"] if english else pools["zh"])
        parts.append(sentence)
        size += len(sentence.encode("utf-8")) + 1
    return ("\n" if rng.random() < 0.5 else "").join(parts)


def article(number: int) -> SearchDoc:
    """Article `number` (1-based) of the benchmark knowledge base."""
    rng = random.Random(f"{SEED}:{number}")
    pools = _pools()
    roll = rng.random()
    language = "zh" if roll < 0.70 else "en" if roll < 0.85 else "mixed"
    if language == "en":
        title = rng.choice(pools["topics_en"]) + rng.choice(EN_SUFFIXES)
    else:
        topic = rng.choice(pools["topics_zh"])
        if language == "mixed" and rng.random() < 0.5:
            topic = f"{rng.choice([v for v in VENDORS if v.isascii()])} {topic}"
        where = rng.choice(["", "", rng.choice(CITIES) + rng.choice(ORGS)])
        title = f"{where}{topic}{rng.choice(SUFFIXES)}"
    body = _text(rng, language, rng.randint(300, 1_800))
    low, high = ATTACHMENT_BYTES
    attachment = _text(rng, language, int(math.exp(rng.uniform(math.log(low), math.log(high)))))
    catalog = 1 + (number * 7_919) % CATALOGS
    parent = 1 + (catalog - 1) // 10
    return SearchDoc(
        kind=KIND, id=number, title=title, scope=f"kbcat:{catalog}", body=body,
        extra=attachment, keywords=tuple(rng.sample(pools["keywords"], rng.randint(1, 4))),
        catalogs=(parent, catalog) if parent != catalog else (catalog,),
        industry=rng.choice(INDUSTRIES), author_id=rng.randint(1, 200), date=_date(rng))


def articles(count: int, batch: int = 500, start: int = 1) -> Iterator[list[SearchDoc]]:
    """Articles start … start + count - 1 in lists of `batch`."""
    end = start + count
    for first in range(start, end, batch):
        yield [article(n) for n in range(first, min(first + batch, end))]


if __name__ == "__main__":  # a look at a few articles
    for doc in next(articles(5)):
        print(doc.id, doc.scope, doc.catalogs, doc.industry, doc.keywords)
        print("  ", doc.title)
        print("  ", doc.body[:120].replace("\n", " "))
        print("   attachment:", len(doc.extra.encode()), "bytes:",
              doc.extra[:100].replace("\n", " "))
