"""Fill a fresh SQLite database with a believable Chinese system integrator's CRM data.

    python bench/generate.py --scale small|large --db bench/bench.db

The database file is deleted and recreated, the Alembic migrations are run, and
departments, users (with roles), organisations, contacts and the audit-log entries
the app itself would have written are bulk-inserted with SQLAlchemy Core. A fixed
random seed and a fixed reference date make every run produce the same rows.

Every user's password is "bench1234"; the administrator's username is "admin".
All names, phone numbers and credit codes are made up.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

BENCH_PASSWORD = "bench1234"
SEED = 20261123
#: every timestamp is placed before this moment, so runs are repeatable
REFERENCE_DT = datetime(2026, 11, 20, 18, 0, 0)

SCALES = {
    "small": {"organizations": 200, "contacts": 1_000, "users": 30, "departments": 8,
              "projects": 300, "milestones": 3_000},
    "large": {"organizations": 2_000, "contacts": 10_000, "users": 200, "departments": 30,
              "projects": 5_000, "milestones": 50_000},
}
#: projects given a full recorded history (events, decided gate reviews)
HISTORY_SHARE = 1 / 100
#: seed of the rows around the projects (bench/around_data.py), independent of SEED's stream
AROUND_SEED = SEED + 5
#: seed of the discussion board's rows (bench/forum_data.py)
FORUM_SEED = SEED + 7

# -- word lists ------------------------------------------------------------------------

#: (city, province code, administrative division code, telephone area code, province name)
CITIES = [
    ("北京", "11", "110100", "010", "北京"), ("上海", "31", "310100", "021", "上海"),
    ("天津", "12", "120100", "022", "天津"), ("重庆", "50", "500100", "023", "重庆"),
    ("广州", "44", "440100", "020", "广东"), ("深圳", "44", "440300", "0755", "广东"),
    ("东莞", "44", "441900", "0769", "广东"), ("佛山", "44", "440600", "0757", "广东"),
    ("珠海", "44", "440400", "0756", "广东"), ("杭州", "33", "330100", "0571", "浙江"),
    ("宁波", "33", "330200", "0574", "浙江"), ("温州", "33", "330300", "0577", "浙江"),
    ("绍兴", "33", "330600", "0575", "浙江"), ("南京", "32", "320100", "025", "江苏"),
    ("苏州", "32", "320500", "0512", "江苏"), ("无锡", "32", "320200", "0510", "江苏"),
    ("常州", "32", "320400", "0519", "江苏"), ("徐州", "32", "320300", "0516", "江苏"),
    ("成都", "51", "510100", "028", "四川"), ("绵阳", "51", "510700", "0816", "四川"),
    ("武汉", "42", "420100", "027", "湖北"), ("宜昌", "42", "420500", "0717", "湖北"),
    ("西安", "61", "610100", "029", "陕西"), ("长沙", "43", "430100", "0731", "湖南"),
    ("郑州", "41", "410100", "0371", "河南"), ("洛阳", "41", "410300", "0379", "河南"),
    ("济南", "37", "370100", "0531", "山东"), ("青岛", "37", "370200", "0532", "山东"),
    ("烟台", "37", "370600", "0535", "山东"), ("合肥", "34", "340100", "0551", "安徽"),
    ("福州", "35", "350100", "0591", "福建"), ("厦门", "35", "350200", "0592", "福建"),
    ("南昌", "36", "360100", "0791", "江西"), ("沈阳", "21", "210100", "024", "辽宁"),
    ("大连", "21", "210200", "0411", "辽宁"), ("长春", "22", "220100", "0431", "吉林"),
    ("哈尔滨", "23", "230100", "0451", "黑龙江"), ("石家庄", "13", "130100", "0311", "河北"),
    ("唐山", "13", "130200", "0315", "河北"), ("太原", "14", "140100", "0351", "山西"),
    ("呼和浩特", "15", "150100", "0471", "内蒙古"), ("南宁", "45", "450100", "0771", "广西"),
    ("柳州", "45", "450200", "0772", "广西"), ("海口", "46", "460100", "0898", "海南"),
    ("贵阳", "52", "520100", "0851", "贵州"), ("遵义", "52", "520300", "0851", "贵州"),
    ("昆明", "53", "530100", "0871", "云南"), ("兰州", "62", "620100", "0931", "甘肃"),
    ("西宁", "63", "630100", "0971", "青海"), ("银川", "64", "640100", "0951", "宁夏"),
    ("乌鲁木齐", "65", "650100", "0991", "新疆"), ("拉萨", "54", "540100", "0891", "西藏"),
]
AUTONOMOUS_REGIONS = {"内蒙古": "内蒙古自治区", "广西": "广西壮族自治区", "宁夏": "宁夏回族自治区",
                      "新疆": "新疆维吾尔自治区", "西藏": "西藏自治区"}
#: big cities get more organisations
CITY_WEIGHTS = [12, 10, 5, 5, 8, 9, 3, 3, 2, 8, 4, 3, 2, 7, 5, 3, 2, 2, 7, 2, 6, 1, 5, 5,
                5, 1, 4, 4, 2, 4, 3, 3, 2, 3, 2, 2, 2, 3, 1, 2, 1, 2, 1, 1, 2, 1, 2, 1, 1,
                1, 1, 1]

#: (surname, pinyin, weight) — roughly by frequency
SURNAMES = [
    ("王", "wang", 72), ("李", "li", 70), ("张", "zhang", 66), ("刘", "liu", 54),
    ("陈", "chen", 45), ("杨", "yang", 34), ("黄", "huang", 25), ("赵", "zhao", 22),
    ("吴", "wu", 20), ("周", "zhou", 19), ("徐", "xu", 15), ("孙", "sun", 14),
    ("马", "ma", 13), ("朱", "zhu", 12), ("胡", "hu", 12), ("郭", "guo", 11),
    ("何", "he", 11), ("林", "lin", 10), ("高", "gao", 10), ("罗", "luo", 10),
    ("郑", "zheng", 9), ("梁", "liang", 9), ("谢", "xie", 8), ("宋", "song", 8),
    ("唐", "tang", 8), ("许", "xu", 7), ("韩", "han", 7), ("冯", "feng", 7),
    ("邓", "deng", 7), ("曹", "cao", 6), ("彭", "peng", 6), ("曾", "zeng", 6),
    ("肖", "xiao", 6), ("田", "tian", 5), ("董", "dong", 5), ("潘", "pan", 5),
    ("袁", "yuan", 5), ("蔡", "cai", 5), ("蒋", "jiang", 5), ("余", "yu", 5),
    ("于", "yu", 5), ("杜", "du", 4), ("叶", "ye", 4), ("程", "cheng", 4),
    ("魏", "wei", 4), ("苏", "su", 4), ("吕", "lv", 4), ("丁", "ding", 4),
    ("任", "ren", 4), ("卢", "lu", 3), ("姚", "yao", 3), ("沈", "shen", 3),
    ("钟", "zhong", 3), ("姜", "jiang", 3), ("崔", "cui", 3), ("谭", "tan", 3),
    ("陆", "lu", 3), ("范", "fan", 3), ("汪", "wang", 3), ("廖", "liao", 3),
    ("石", "shi", 3), ("金", "jin", 3), ("贾", "jia", 2), ("夏", "xia", 2),
    ("付", "fu", 2), ("方", "fang", 2), ("邹", "zou", 2), ("熊", "xiong", 2),
    ("白", "bai", 2), ("孟", "meng", 2), ("秦", "qin", 2), ("邱", "qiu", 2),
    ("侯", "hou", 2), ("江", "jiang", 2), ("尹", "yin", 2), ("薛", "xue", 2),
    ("闫", "yan", 2), ("段", "duan", 2), ("雷", "lei", 2), ("龙", "long", 2),
    ("史", "shi", 2), ("陶", "tao", 2), ("贺", "he", 2), ("毛", "mao", 2),
    ("郝", "hao", 2), ("顾", "gu", 2), ("龚", "gong", 2), ("邵", "shao", 2),
    ("钱", "qian", 1), ("戴", "dai", 1), ("严", "yan", 1), ("欧阳", "ouyang", 1),
    ("孔", "kong", 1), ("向", "xiang", 1), ("常", "chang", 1), ("汤", "tang", 1),
]

#: given-name characters and their pinyin
GIVEN = [
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("秀", "xiu"), ("敏", "min"), ("静", "jing"),
    ("丽", "li"), ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"),
    ("艳", "yan"), ("杰", "jie"), ("娟", "juan"), ("涛", "tao"), ("明", "ming"), ("超", "chao"),
    ("霞", "xia"), ("平", "ping"), ("刚", "gang"), ("华", "hua"), ("辉", "hui"), ("建", "jian"),
    ("国", "guo"), ("文", "wen"), ("斌", "bin"), ("宇", "yu"), ("鹏", "peng"), ("浩", "hao"),
    ("凯", "kai"), ("晨", "chen"), ("欣", "xin"), ("婷", "ting"), ("雪", "xue"), ("琳", "lin"),
    ("慧", "hui"), ("志", "zhi"), ("海", "hai"), ("波", "bo"), ("峰", "feng"), ("亮", "liang"),
    ("红", "hong"), ("玲", "ling"), ("燕", "yan"), ("颖", "ying"), ("佳", "jia"), ("晓", "xiao"),
    ("俊", "jun"), ("博", "bo"), ("东", "dong"), ("林", "lin"), ("新", "xin"), ("春", "chun"),
    ("立", "li"), ("丹", "dan"), ("鑫", "xin"), ("蕾", "lei"), ("毅", "yi"), ("翔", "xiang"),
    ("帆", "fan"), ("然", "ran"), ("瑞", "rui"), ("婧", "jing"), ("思", "si"), ("雨", "yu"),
    ("晶", "jing"), ("卫", "wei"), ("荣", "rong"), ("嘉", "jia"), ("璐", "lu"), ("振", "zhen"),
    ("永", "yong"), ("天", "tian"), ("宁", "ning"), ("成", "cheng"), ("子", "zi"), ("一", "yi"),
]

#: trade names (字号) and their pinyin, used for company names, short names and domains
TRADE_NAMES = [
    ("华信", "huaxin"), ("中科", "zhongke"), ("汇智", "huizhi"), ("博远", "boyuan"),
    ("恒通", "hengtong"), ("金盾", "jindun"), ("远望", "yuanwang"), ("启明", "qiming"),
    ("天成", "tiancheng"), ("鼎盛", "dingsheng"), ("宏图", "hongtu"), ("联创", "lianchuang"),
    ("东方", "dongfang"), ("新华", "xinhua"), ("长城", "changcheng"), ("银河", "yinhe"),
    ("数联", "shulian"), ("云帆", "yunfan"), ("智通", "zhitong"), ("正元", "zhengyuan"),
    ("安泰", "antai"), ("九州", "jiuzhou"), ("泰和", "taihe"), ("鸿业", "hongye"),
    ("德信", "dexin"), ("卓越", "zhuoyue"), ("诚志", "chengzhi"), ("中天", "zhongtian"),
    ("国信", "guoxin"), ("合力", "heli"), ("世纪", "shiji"), ("易达", "yida"),
    ("赛博", "saibo"), ("星河", "xinghe"), ("明德", "mingde"), ("瑞达", "ruida"),
    ("华创", "huachuang"), ("浩瀚", "haohan"), ("立信", "lixin"), ("金桥", "jinqiao"),
    ("海纳", "haina"), ("润和", "runhe"), ("捷诚", "jiecheng"), ("凌云", "lingyun"),
    ("信达", "xinda"), ("永新", "yongxin"), ("汇通", "huitong"), ("弘毅", "hongyi"),
    ("思源", "siyuan"), ("致远", "zhiyuan"), ("广源", "guangyuan"), ("百川", "baichuan"),
    ("万通", "wantong"), ("科达", "keda"), ("华宇", "huayu"), ("天地", "tiandi"),
    ("中恒", "zhongheng"), ("众诚", "zhongcheng"), ("精诚", "jingcheng"), ("蓝海", "lanhai"),
]

#: industry code → (words for company names, weight among organisations)
INDUSTRY_WORDS = {
    "government": ((), 10),
    "public_security": ((), 6),
    "finance": (("投资", "融资租赁", "资产管理", "保险代理"), 10),
    "telecom": (("通信技术", "通信工程", "信息通信"), 7),
    "energy": (("能源", "新能源科技", "燃气", "热力", "电力工程"), 7),
    "education": (("教育科技", "教育咨询"), 8),
    "healthcare": (("医疗器械", "医药", "健康科技"), 8),
    "manufacturing": (("机械制造", "精密仪器", "电子科技", "汽车零部件", "新材料", "智能装备"), 12),
    "transport": (("物流", "交通建设", "港务", "轨道交通", "航运"), 6),
    "internet": (("网络科技", "信息技术", "软件", "数据科技", "云计算", "数字科技"), 14),
    "retail": (("商贸", "百货", "连锁超市", "电子商务", "供应链管理"), 6),
    "other": (("建设工程", "工程设计", "智能化工程", "置业", "物业管理"), 6),
}
LEGAL_SUFFIXES = (("有限公司", 60), ("股份有限公司", 20), ("有限责任公司", 15), ("集团有限公司", 5))
GOV_BUREAUS = ("大数据管理局", "政务服务管理局", "财政局", "自然资源和规划局", "住房和城乡建设局",
               "交通运输局", "生态环境局", "人力资源和社会保障局", "应急管理局", "城市管理局",
               "市场监督管理局", "行政审批局", "医疗保障局", "水务局")
POLICE_UNITS = ("公安局", "公安局交通警察支队", "公安局出入境管理支队", "公安局高新区分局",
                "公安局经开区分局", "公安局网络安全保卫支队", "公安局刑事侦查支队")
HOSPITALS = ("第一人民医院", "第二人民医院", "第三人民医院", "人民医院", "中医医院",
             "妇幼保健院", "疾病预防控制中心", "中心医院", "儿童医院")
SCHOOLS = ("理工大学", "师范大学", "职业技术学院", "财经学院", "医科大学", "第一中学",
           "第二中学", "实验中学", "教育局")
BANKS = (("中国工商银行股份有限公司", "工行"), ("中国建设银行股份有限公司", "建行"),
         ("中国农业银行股份有限公司", "农行"), ("中国银行股份有限公司", "中行"),
         ("交通银行股份有限公司", "交行"))
CARRIERS = (("中国移动通信集团{p}有限公司{c}分公司", "{c}移动"),
            ("中国联合网络通信有限公司{c}市分公司", "{c}联通"),
            ("中国电信股份有限公司{c}分公司", "{c}电信"))
ROADS = ("人民路", "解放路", "建设路", "中山路", "文化路", "科技路", "创业路", "长江路",
         "黄河路", "和平路", "新华路", "胜利路", "学院路", "高新大道", "滨江大道", "世纪大道")
BUILDINGS = ("科技大厦", "国际中心", "金融中心", "创新大厦", "软件园", "信息港", "时代广场")

#: (title, department, decision role, weight) per kind of organisation
TITLES_GOV = [
    ("局长", "局领导", "decision_maker", 2), ("副局长", "局领导", "decision_maker", 4),
    ("信息中心主任", "信息中心", "decision_maker", 6), ("科技信息化科科长", "科技信息化科", "influencer", 6),
    ("办公室主任", "办公室", "influencer", 4), ("网络安全科科长", "网络安全科", "technical_evaluator", 4),
    ("信息中心工程师", "信息中心", "technical_evaluator", 6), ("财务科科长", "财务科", "influencer", 2),
    ("科员", "办公室", "user", 5), ("运维值班员", "信息中心", "user", 3),
]
TITLES_INSTITUTION = [
    ("院长", "院办", "decision_maker", 1), ("副院长", "院办", "decision_maker", 3),
    ("信息中心主任", "信息中心", "decision_maker", 6), ("信息科科长", "信息科", "influencer", 5),
    ("设备处处长", "设备处", "influencer", 4), ("网络管理员", "信息中心", "technical_evaluator", 6),
    ("招标办主任", "招标办", "influencer", 3), ("教务处老师", "教务处", "user", 3),
    ("医务科科员", "医务科", "user", 3), ("后勤保障处处长", "后勤保障处", "influencer", 2),
]
TITLES_COMPANY = [
    ("总经理", "总经理办公室", "decision_maker", 2), ("副总经理", "总经理办公室", "decision_maker", 3),
    ("首席信息官", "信息技术部", "decision_maker", 2), ("信息技术部总经理", "信息技术部", "decision_maker", 4),
    ("数据中心主任", "数据中心", "decision_maker", 3), ("IT经理", "信息技术部", "influencer", 6),
    ("采购经理", "采购部", "influencer", 6), ("网络工程师", "信息技术部", "technical_evaluator", 7),
    ("系统架构师", "信息技术部", "technical_evaluator", 4), ("运维主管", "运维部", "technical_evaluator", 5),
    ("项目经理", "项目管理部", "influencer", 4), ("财务总监", "财务部", "influencer", 2),
    ("行政专员", "行政部", "user", 3), ("渠道经理", "渠道部", "influencer", 3),
    ("解决方案经理", "解决方案部", "technical_evaluator", 3), ("业务主管", "业务部", "user", 4),
]

#: (name, parent name, roles of members) in creation order; the first N are used
DEPARTMENTS = [
    ("总经理办公室", None, ("executive",)),
    ("销售中心", "总经理办公室", ("sales",)),
    ("售前技术部", "总经理办公室", ("presales",)),
    ("工程实施中心", "总经理办公室", ("pm", "engineer")),
    ("财务部", "总经理办公室", ("finance",)),
    ("华北销售部", "销售中心", ("sales",)),
    ("华东销售部", "销售中心", ("sales",)),
    ("华南销售部", "销售中心", ("sales",)),
    ("运维服务部", "总经理办公室", ("engineer",)),
    ("人力资源部", "总经理办公室", ()),
    ("商务部", "总经理办公室", ("sales",)),
    ("采购部", "商务部", ()),
    ("西南销售部", "销售中心", ("sales",)),
    ("华中销售部", "销售中心", ("sales",)),
    ("西北销售部", "销售中心", ("sales",)),
    ("东北销售部", "销售中心", ("sales",)),
    ("行业大客户部", "销售中心", ("sales",)),
    ("解决方案一部", "售前技术部", ("presales",)),
    ("解决方案二部", "售前技术部", ("presales",)),
    ("安防事业部", "工程实施中心", ("pm", "engineer")),
    ("智能化事业部", "工程实施中心", ("pm", "engineer")),
    ("数据中心事业部", "工程实施中心", ("pm", "engineer")),
    ("网络集成部", "工程实施中心", ("engineer",)),
    ("驻场服务组", "运维服务部", ("engineer",)),
    ("运维值班中心", "运维服务部", ("engineer",)),
    ("研发中心", "总经理办公室", ("engineer",)),
    ("平台研发部", "研发中心", ("engineer",)),
    ("测试部", "研发中心", ("engineer",)),
    ("质量管理部", "总经理办公室", ("pm",)),
    ("投标管理部", "商务部", ("sales",)),
]


# -- helpers -----------------------------------------------------------------------------


def weighted(rng: random.Random, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


class Names:
    """Chinese person names with a pinyin form for usernames and e-mail addresses."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.surnames = [(s, p) for s, p, _ in SURNAMES]
        self.weights = [w for _, _, w in SURNAMES]

    def person(self) -> tuple[str, str]:
        surname, s_py = weighted(self.rng, self.surnames, self.weights)
        chars = self.rng.sample(GIVEN, 1 if self.rng.random() < 0.35 else 2)
        return surname + "".join(c for c, _ in chars), s_py + "".join(p for _, p in chars)


def mobile(rng: random.Random) -> str:
    prefix = rng.choice(("130", "131", "132", "135", "136", "137", "138", "139", "150", "151",
                         "152", "158", "159", "177", "180", "181", "186", "187", "188", "189",
                         "199"))
    return prefix + f"{rng.randrange(10**8):08d}"


def landline(rng: random.Random, area: str) -> str:
    digits = 8 if len(area) == 3 else 7
    number = str(rng.randint(2, 8)) + f"{rng.randrange(10 ** (digits - 1)):0{digits - 1}d}"
    return f"{area}-{number}"


def org_code_check(digits8: str) -> str:
    """GB 11714 check character of an organisation code (digits only, 'X' for 10)."""
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    value = 11 - sum(int(d) * w for d, w in zip(digits8, weights)) % 11
    return {10: "X", 11: "0"}.get(value, str(value))


class CreditCodes:
    """Unique, valid unified social credit codes with a digits-only 17-character body."""

    def __init__(self, rng: random.Random, uscc_check):
        self.rng = rng
        self.check = uscc_check
        self.seen: set[str] = set()

    def make(self, authority_type: str, division: str) -> str:
        while True:
            digits = f"{self.rng.randrange(10**8):08d}"
            org_check = org_code_check(digits)
            if org_check == "X":
                continue
            body = authority_type + division + digits + org_check
            code = body + self.check(body)
            if code not in self.seen:
                self.seen.add(code)
                return code


def spread_dt(rng: random.Random, start: datetime, end: datetime) -> datetime:
    seconds = max(1, int((end - start).total_seconds()))
    return start + timedelta(seconds=rng.randrange(seconds))


def plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def audit_create(row: dict, exclude: set[str], **entry) -> dict:
    """An audit-log 'create' entry as sicrm.core.audit would have written it."""
    changes = {
        key: [None, plain(value)]
        for key, value in row.items()
        if key not in exclude and key != "id" and value not in (None, "", False)
    }
    return {"action": "create", "changes": changes, **entry}


# -- generators ----------------------------------------------------------------------------


def make_departments(count: int, created: datetime) -> list[dict]:
    chosen = DEPARTMENTS[:count]
    ids = {name: i for i, (name, _, _) in enumerate(chosen, start=1)}
    return [
        {"id": ids[name], "name": name, "parent_id": ids.get(parent) if parent else None,
         "head_id": None, "created_dt": created}
        for name, parent, _ in chosen
    ]


def make_users(rng, names: Names, count: int, departments: list[dict], password_hash: str):
    """The administrator plus `count` staff. Each department's head is one of its members."""
    roles_by_dept = {name: roles for name, _, roles in DEPARTMENTS}
    dept_names = {d["id"]: d["name"] for d in departments}
    start = REFERENCE_DT - timedelta(days=4 * 365)
    users = [{
        "id": 1, "username": "admin", "full_name": "系统管理员", "email": "admin@bench.sicrm.local",
        "phone": None, "password_hash": password_hash, "department_id": departments[0]["id"],
        "active": True, "locale": None, "must_change_password": False,
        "created_dt": start, "last_login_dt": REFERENCE_DT - timedelta(hours=3),
    }]
    user_roles = [{"user_id": 1, "role": "admin"}]
    usernames = {"admin"}

    # heads first (one per department), then the rest, weighted towards sales and delivery
    dept_ids = [d["id"] for d in departments]
    weights = [
        6 if "sales" in roles_by_dept[dept_names[i]]
        else 5 if "engineer" in roles_by_dept[dept_names[i]]
        else 3 if roles_by_dept[dept_names[i]] else 1
        for i in dept_ids
    ]
    assignments = dept_ids[: min(count, len(dept_ids))]
    assignments += rng.choices(dept_ids, weights=weights, k=count - len(assignments))

    for n, dept_id in enumerate(assignments):
        uid = n + 2
        full_name, pinyin = names.person()
        username = pinyin
        suffix = 2
        while username in usernames:
            username = f"{pinyin}{suffix}"
            suffix += 1
        usernames.add(username)
        is_head = n < len(dept_ids)
        dept_name = dept_names[dept_id]
        roles = set(roles_by_dept[dept_name]) or {rng.choice(("sales", "finance", "pm"))}
        if len(roles) > 1 and not is_head:  # pm + engineer departments: mostly engineers
            roles = {"pm"} if rng.random() < 0.3 else {"engineer"}
        if is_head:
            roles.add("executive" if departments[n]["parent_id"] is None else "dept_manager")
        elif rng.random() < 0.05:
            roles.add(rng.choice(("presales", "pm", "sales")))
        if n == len(dept_ids) and count > len(dept_ids):  # a second administrator (IT)
            roles.add("admin")
        created = spread_dt(rng, start, REFERENCE_DT - timedelta(days=30))
        active = is_head or rng.random() > 0.06
        users.append({
            "id": uid, "username": username, "full_name": full_name,
            "email": f"{username}@bench.sicrm.local",
            "phone": mobile(rng) if rng.random() < 0.8 else None,
            "password_hash": password_hash, "department_id": dept_id, "active": active,
            "locale": "en" if rng.random() < 0.05 else None, "must_change_password": False,
            "created_dt": created,
            "last_login_dt": spread_dt(rng, created, REFERENCE_DT) if active and rng.random() < 0.9 else None,
        })
        user_roles += [{"user_id": uid, "role": role} for role in sorted(roles)]
        if is_head:
            departments[n]["head_id"] = uid
    return users, user_roles


def make_organizations(rng, count: int, owners: list[int], credit: CreditCodes, name_key):
    industries = list(INDUSTRY_WORDS)
    industry_weights = [w for _, w in INDUSTRY_WORDS.values()]
    suffixes = [s for s, _ in LEGAL_SUFFIXES]
    suffix_weights = [w for _, w in LEGAL_SUFFIXES]
    names_seen: set[str] = set()
    keys_seen: set[str] = set()
    start = REFERENCE_DT - timedelta(days=3 * 365)
    rows = []
    while len(rows) < count:
        city, prov, division, area, prov_name = weighted(rng, CITIES, CITY_WEIGHTS)
        industry = weighted(rng, industries, industry_weights)
        words = INDUSTRY_WORDS[industry][0]
        trade, trade_py = rng.choice(TRADE_NAMES)
        short = website = None
        authority = "91"  # 工商 / enterprise
        kinds = {"customer"}
        roll = rng.random()
        if industry == "government":
            name, authority, kinds = f"{city}市{rng.choice(GOV_BUREAUS)}", "11", {"customer", "government"}
        elif industry == "public_security":
            unit = rng.choice(POLICE_UNITS)
            name, authority, kinds = f"{city}市{unit}", "11", {"customer", "government"}
            short = f"{city}公安" if unit == "公安局" else None
        elif industry == "healthcare" and roll < 0.6:
            name, authority = f"{city}市{rng.choice(HOSPITALS)}", "12"
        elif industry == "education" and roll < 0.7:
            school = rng.choice(SCHOOLS)
            name, authority = (f"{city}市{school}", "11") if school == "教育局" else (
                f"{city}{school}" if "大学" in school or "学院" in school else f"{city}市{school}", "12")
            if school == "教育局":
                kinds = {"customer", "government"}
        elif industry == "finance" and roll < 0.5:
            if roll < 0.15:
                name, short = f"{city}农村商业银行股份有限公司", f"{city}农商行"
            else:
                bank, abbr = rng.choice(BANKS)
                name, short = f"{bank}{city}分行", f"{abbr}{city}分行"
        elif industry == "telecom" and roll < 0.45:
            pattern, short_pattern = rng.choice(CARRIERS)
            name = pattern.format(p=prov_name, c=city)
            short = short_pattern.format(c=city)
        elif industry == "energy" and roll < 0.3:
            name, short = f"国网{city}供电公司", f"{city}供电"
        else:
            word = rng.choice(words)
            suffix = weighted(rng, suffixes, suffix_weights)
            name = f"{city}{trade}{word}{suffix}"
            short = f"{trade}{word[:2]}" if rng.random() < 0.7 else None
            website = f"https://www.{trade_py}{rng.choice(('', 'tech', 'group', city_code(division)))}.com.cn" \
                if rng.random() < 0.6 else None
            kroll = rng.random()
            if industry in ("internet", "manufacturing", "telecom", "other"):
                if kroll < 0.18:
                    kinds = {"partner"}
                elif kroll < 0.30:
                    kinds = {"supplier"}
                elif kroll < 0.36:
                    kinds = {"supplier", "partner"}
                elif kroll < 0.44:
                    kinds = {"competitor"}
                elif kroll < 0.47:
                    kinds = {"competitor", "partner"}
        key = name_key(name)
        if name in names_seen or key in keys_seen:
            continue
        names_seen.add(name)
        keys_seen.add(key)
        created = spread_dt(rng, start, REFERENCE_DT - timedelta(days=2))
        updated = created if rng.random() < 0.4 else spread_dt(rng, created, REFERENCE_DT)
        level = None
        if "customer" in kinds:
            level = weighted(rng, ("strategic", "key", "normal", "potential", None),
                             (5, 20, 40, 30, 5))
        n = len(rows) + 1
        address = f"{province_prefix(prov_name, city)}{city}市{rng.choice(ROADS)}{rng.randint(1, 999)}号"
        if rng.random() < 0.4:
            address += f"{rng.choice(BUILDINGS)}{rng.randint(2, 28)}层"
        rows.append({
            "id": n, "name": name, "name_key": key, "short_name": short,
            "credit_code": credit.make(authority, division) if rng.random() < 0.85 else None,
            "is_customer": "customer" in kinds, "is_partner": "partner" in kinds,
            "is_supplier": "supplier" in kinds, "is_competitor": "competitor" in kinds,
            "is_government": "government" in kinds,
            "industry": industry, "province": prov, "city": city, "level": level,
            "address": address, "website": website,
            "notes": rng.choice((None, None, None, "年度预算通常在三月下达。", "关注等保2.0 合规改造。",
                                 "去年中标其机房改造项目。", "需通过政府采购网公开招标。",
                                 "与我司有框架协议，2027 年到期。")),
            "owner_id": rng.choice(owners) if rng.random() < 0.95 else None,
            "created_dt": created, "updated_dt": updated,
            "_area": area, "_domain": (f"{trade_py}.com.cn" if website else None),
            "_sector": ("gov" if authority == "11" else "institution" if authority == "12"
                        else "company"),
        })
    return rows


def province_prefix(province: str, city: str) -> str:
    """`浙江省`, `广西壮族自治区`, or nothing for the four municipalities."""
    if province == city:
        return ""
    return AUTONOMOUS_REGIONS.get(province, province + "省")


def city_code(division: str) -> str:
    return division[:4]


def make_contacts(rng, names: Names, count: int, orgs: list[dict]):
    # A few organisations have many contacts, many have a handful, some none.
    weights = [min(rng.paretovariate(1.6), 20.0) for _ in orgs]
    sector_titles = {"gov": TITLES_GOV, "institution": TITLES_INSTITUTION, "company": TITLES_COMPANY}
    rows = []
    for n, org in enumerate(rng.choices(orgs, weights=weights, k=count), start=1):
        full_name, pinyin = names.person()
        titles = sector_titles[org["_sector"]]
        title, dept, role, _ = weighted(rng, titles, [t[3] for t in titles])
        created = spread_dt(rng, org["created_dt"], REFERENCE_DT)
        updated = created if rng.random() < 0.5 else spread_dt(rng, created, REFERENCE_DT)
        domain = org["_domain"]
        email = None
        if rng.random() < 0.6:
            email = f"{pinyin}@{domain}" if domain else f"{pinyin}{rng.randint(1, 999)}@163.com"
        rows.append({
            "id": n, "organization_id": org["id"], "name": full_name, "title": title,
            "department": dept if rng.random() < 0.8 else None,
            "mobile": mobile(rng) if rng.random() < 0.85 else None,
            "phone": landline(rng, org["_area"]) if rng.random() < 0.5 else None,
            "email": email,
            "decision_role": role if rng.random() < 0.9 else None,
            "relationship_strength": weighted(rng, range(6), (10, 15, 30, 25, 15, 5)),
            "notes": rng.choice((None, None, None, None, "周三下午方便联系。", "技术出身，关注方案细节。",
                                 "上次拜访：交流了数据中心扩容计划。", "对价格比较敏感。")),
            "owner_id": org["owner_id"], "created_dt": created, "updated_dt": updated,
        })
    return rows


def make_audit(rng, departments, users, orgs, contacts, exclude: dict[str, set[str]]) -> list[dict]:
    """The entries the app's audit hook would have written while these rows were entered
    (`exclude`: each model's __audit_exclude__)."""
    entries = []
    admin = 1
    for d in departments:
        entries.append(audit_create(
            d, exclude["Department"], created_dt=d["created_dt"], actor_id=admin, object_type="Department",
            object_id=d["id"], object_label=d["name"], parent_type=None, parent_id=None))
    for u in users:
        if u["id"] == admin:
            continue
        entries.append(audit_create(
            u, exclude["User"], created_dt=u["created_dt"], actor_id=admin,
            object_type="User", object_id=u["id"],
            object_label=f"{u['full_name']} ({u['username']})", parent_type=None, parent_id=None))
    levels = ("strategic", "key", "normal", "potential")
    for o in orgs:
        row = {k: v for k, v in o.items() if not k.startswith("_")}
        entries.append(audit_create(
            row, exclude["Organization"], created_dt=o["created_dt"], actor_id=o["owner_id"],
            object_type="Organization", object_id=o["id"], object_label=o["name"][:300],
            parent_type=None, parent_id=None))
        if o["updated_dt"] > o["created_dt"] and o["level"] and rng.random() < 0.5:
            before = rng.choice([lv for lv in levels if lv != o["level"]])
            entries.append({
                "action": "update", "changes": {"level": [before, o["level"]]},
                "created_dt": o["updated_dt"], "actor_id": o["owner_id"],
                "object_type": "Organization", "object_id": o["id"],
                "object_label": o["name"][:300], "parent_type": None, "parent_id": None,
            })
    for c in contacts:
        entries.append(audit_create(
            c, exclude["Contact"], created_dt=c["created_dt"], actor_id=c["owner_id"],
            object_type="Contact", object_id=c["id"], object_label=c["name"],
            parent_type="Organization", parent_id=c["organization_id"]))
    entries.sort(key=lambda e: e["created_dt"])
    return entries


def add_name_keys(orgs: list[dict], contacts: list[dict], Organization, Contact) -> None:
    """The derived name columns the services fill (pinyin sort key, initials), when the
    schema has them: the same functions the services call, so sorting and search match."""
    try:
        from sicrm.core.text import pinyin_initials, pinyin_key
    except ImportError:
        return
    org_columns = Organization.__table__.c
    for org in orgs:
        if "name_pinyin" in org_columns:
            org["name_pinyin"] = pinyin_key(org["name"])
        if "name_initials" in org_columns:
            org["name_initials"] = pinyin_initials(org["name"])
    if "name_pinyin" in Contact.__table__.c:
        for contact in contacts:
            contact["name_pinyin"] = pinyin_key(contact["name"])


def left_to_defaults(model, rows: list[dict]) -> list[str]:
    """Columns of `model` the generator does not fill (schema changed since it was written)."""
    given = {key for key in rows[0] if not key.startswith("_")} if rows else set()
    auto_id = {c.name for c in model.__table__.primary_key.columns} if len(
        model.__table__.primary_key.columns) == 1 else set()
    return [column.name for column in model.__table__.columns
            if column.name not in given and column.name not in auto_id]


def insert_projects(app, session, rng, sizes, users, user_roles, departments, heads, orgs):
    """Seed the built-in templates (through the app's own function), then bulk-insert
    projects made from their published versions, with everything that hangs on them.
    Returns the columns left to defaults per table (for the `note:` lines)."""
    from sqlalchemy import insert, select, update

    from sicrm.core.calendar import WorkCalendar
    from sicrm.core.models import AuditLog, StoredFile
    from sicrm.projects.models import (
        CodeCounter,
        Milestone,
        Project,
        ProjectEvent,
        ProjectMember,
        ProjectStage,
        RequiredDocument,
        Task,
    )
    from sicrm.templates_lib.builtin import seed_builtin_templates
    from sicrm.templates_lib.models import ProjectTemplate, TemplateVersion
    from sicrm.workflow.models import GateDecision, GateReview, GateReviewer

    try:
        from projects_data import People, build_projects
    except ImportError:  # imported as bench.generate
        from bench.projects_data import People, build_projects

    seed_builtin_templates()
    session.commit()
    # the templates were published long before the projects made from them
    published = REFERENCE_DT - timedelta(days=3 * 365)
    session.execute(update(ProjectTemplate).values(created_dt=published))
    session.execute(update(TemplateVersion).values(created_dt=published, published_dt=published))
    session.commit()
    versions = {}
    for template, version in session.execute(
            select(ProjectTemplate, TemplateVersion)
            .join(TemplateVersion, TemplateVersion.template_id == ProjectTemplate.id)
            .where(ProjectTemplate.builtin_key.is_not(None),
                   TemplateVersion.status == "published")
            .order_by(ProjectTemplate.id, TemplateVersion.number)):
        versions[template.builtin_key] = {
            "id": version.id, "number": version.number, "name_zh": template.name_zh,
            "category": template.category, "kind": template.kind,
            "definition": version.definition}
    for key in ("standard_presales", "standard_implementation", "government_bid"):
        if key not in versions:
            raise SystemExit(f"built-in template {key!r} missing after seed_builtin_templates()")

    people = People(users, user_roles, departments, heads)
    calendar = WorkCalendar(exceptions={})  # the bench database has no company days off
    rows, counters = build_projects(
        rng, total=sizes["projects"], milestones_total=sizes["milestones"],
        history_projects=max(20, round(sizes["projects"] * HISTORY_SHARE)),
        today=REFERENCE_DT.date(), reference_dt=REFERENCE_DT, versions=versions,
        people=people, orgs=orgs, is_workday=calendar.is_workday)

    exclude = set(Project.__audit_exclude__)
    audit = [audit_create(
        {k: v for k, v in p.items()}, exclude, created_dt=p["created_dt"],
        actor_id=p["created_by_id"], object_type="Project", object_id=p["id"],
        object_label=f"{p['code']} {p['name']}"[:300], parent_type=None, parent_id=None)
        for p in rows["projects"]]

    tables = ((StoredFile, "files"), (Project, "projects"), (ProjectStage, "stages"),
              (ProjectMember, "members"), (Milestone, "milestones"), (Task, "tasks"),
              (RequiredDocument, "documents"), (ProjectEvent, "events"),
              (GateReview, "reviews"), (GateReviewer, "reviewers"),
              (GateDecision, "decisions"))
    unfilled = {model.__tablename__: left_to_defaults(model, rows[name])
                for model, name in tables}
    # explicit ids for the required documents, so the files handed in for them (no longer
    # stored on required_documents since document control) can be passed on
    for n, doc in enumerate(rows["documents"], start=1):
        doc["id"] = n
    files = {f["id"]: f for f in rows["files"]}
    handins = {doc["id"]: dict(files[doc["file_id"]], submitted_dt=doc["submitted_dt"])
               for doc in rows["documents"] if doc.get("file_id")}
    columns = set(RequiredDocument.__table__.c.keys())
    rows["documents"] = [{k: v for k, v in doc.items() if k in columns} for doc in rows["documents"]]
    unfilled["required_documents"] = left_to_defaults(RequiredDocument, rows["documents"])
    for model, name in tables:
        if rows[name]:
            session.execute(insert(model), rows[name])
        if model is ProjectStage and rows["current"]:
            session.execute(update(Project), rows["current"])  # ORM bulk UPDATE by id
    session.execute(insert(CodeCounter), counters)
    session.execute(insert(AuditLog), audit)
    session.commit()
    return unfilled, handins


def insert_around(session, handins=None) -> dict[str, int]:
    """Partners, competitors, win/loss, documents and finance (bench/around_data.py)."""
    try:
        import around_data
    except ImportError:  # imported as bench.generate
        from bench import around_data
    return around_data.generate(session, seed=AROUND_SEED, today=REFERENCE_DT.date(),
                                reference_dt=REFERENCE_DT, handins=handins)


def only_around(db_path: Path) -> int:
    """Upgrade an existing bench database and add the #5 rows, unless it has them."""
    if not db_path.is_file():
        raise SystemExit(f"{db_path} does not exist")
    started = time.perf_counter()
    instance_dir = tempfile.mkdtemp(prefix="sicrm-bench-instance-")
    os.environ["SICRM_DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["SICRM_INSTANCE_DIR"] = instance_dir
    try:
        import flask_migrate

        import sicrm
        from sicrm.extensions import db
        try:
            import around_data
        except ImportError:
            from bench import around_data

        app = sicrm.create_app()
        with app.app_context():
            flask_migrate.upgrade()
            migrated = time.perf_counter()
            if around_data.already_filled(db.session):
                print(f"{db_path}: partners or expenses already present; nothing added")
                db.engine.dispose()
                return 0
            counts = insert_around(db.session)
            db.engine.dispose()
    finally:
        shutil.rmtree(instance_dir, ignore_errors=True)
    done = time.perf_counter()
    print(f"sicrm bench data around the projects: {db_path}")
    for table, n in counts.items():
        print(f"  {table:<32} {n:>9,}")
    print(f"  migrations {migrated - started:.2f}s, around data {done - migrated:.2f}s, "
          f"total {done - started:.2f}s")
    return 0


def only_forum(db_path: Path) -> int:
    """Upgrade an existing bench database and add boards, threads and 50,000 posts
    (bench/forum_data.py), unless it has posts."""
    if not db_path.is_file():
        raise SystemExit(f"{db_path} does not exist")
    started = time.perf_counter()
    instance_dir = tempfile.mkdtemp(prefix="sicrm-bench-instance-")
    os.environ["SICRM_DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["SICRM_INSTANCE_DIR"] = instance_dir
    try:
        import flask_migrate

        import sicrm
        from sicrm.extensions import db
        try:
            import forum_data
        except ImportError:
            from bench import forum_data

        app = sicrm.create_app()
        with app.app_context():
            flask_migrate.upgrade()
            migrated = time.perf_counter()
            if forum_data.already_filled(db.session):
                print(f"{db_path}: forum posts already present; nothing added")
                db.engine.dispose()
                return 0
            counts = forum_data.generate(db.session, seed=FORUM_SEED, reference_dt=REFERENCE_DT)
            db.engine.dispose()
    finally:
        shutil.rmtree(instance_dir, ignore_errors=True)
    done = time.perf_counter()
    print(f"sicrm bench forum data: {db_path}")
    for table, n in counts.items():
        print(f"  {table:<32} {n:>9,}")
    print(f"  migrations {migrated - started:.2f}s, forum data {done - migrated:.2f}s, "
          f"total {done - started:.2f}s")
    return 0


# -- main ------------------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--db", required=True, help="path of the SQLite file to (re)create")
    parser.add_argument("--only-around", action="store_true",
                        help="keep the database: upgrade it and add partners, competitors, "
                             "documents and finance rows (skipped if it has them)")
    parser.add_argument("--only-forum", action="store_true",
                        help="keep the database: upgrade it and add forum boards, threads and "
                             "50,000 posts (skipped if it has posts)")
    args = parser.parse_args(argv)
    if args.only_around:
        return only_around(Path(args.db).resolve())
    if args.only_forum:
        return only_forum(Path(args.db).resolve())
    sizes = SCALES[args.scale]
    started = time.perf_counter()

    db_path = Path(args.db).resolve()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)

    instance_dir = tempfile.mkdtemp(prefix="sicrm-bench-instance-")
    os.environ["SICRM_DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["SICRM_INSTANCE_DIR"] = instance_dir
    try:
        # sicrm reads its settings from the environment at import and app creation
        import flask_migrate
        from sqlalchemy import func, insert, select, update
        from stdnum.cn import uscc

        import sicrm
        from sicrm.core.models import (
            AuditLog,
            Contact,
            Department,
            Organization,
            StoredFile,
            User,
            UserRole,
        )
        from sicrm.core.services.organizations import name_key
        from sicrm.core.services.passwords import hash_password
        from sicrm.extensions import db

        app = sicrm.create_app()
        with app.app_context():
            flask_migrate.upgrade()
            migrated = time.perf_counter()

            rng = random.Random(SEED)
            names = Names(rng)
            password_hash = hash_password(BENCH_PASSWORD)  # one real argon2 hash, reused

            departments = make_departments(sizes["departments"], REFERENCE_DT - timedelta(days=4 * 365))
            users, user_roles = make_users(rng, names, sizes["users"], departments, password_hash)
            role_of = {}
            for link in user_roles:
                role_of.setdefault(link["user_id"], set()).add(link["role"])
            active = {u["id"] for u in users if u["active"]}
            owners = [uid for uid, roles in role_of.items()
                      if uid in active and roles & {"sales", "dept_manager", "executive"}]
            orgs = make_organizations(rng, sizes["organizations"], owners,
                                      CreditCodes(rng, uscc.calc_check_digit), name_key)
            contacts = make_contacts(rng, names, sizes["contacts"], orgs)
            add_name_keys(orgs, contacts, Organization, Contact)
            exclude = {m.__name__: set(m.__audit_exclude__)
                       for m in (Department, User, Organization, Contact)}
            audit = make_audit(rng, departments, users, orgs, contacts, exclude)
            built = time.perf_counter()

            unfilled = {
                model.__tablename__: left_to_defaults(model, rows)
                for model, rows in ((Department, departments), (User, users),
                                    (UserRole, user_roles), (Organization, orgs),
                                    (Contact, contacts), (AuditLog, audit))
            }
            session = db.session
            heads = {d["id"]: d.pop("head_id") for d in departments}
            session.execute(insert(Department), [dict(d, head_id=None) for d in departments])
            session.execute(insert(User), users)
            session.execute(insert(UserRole), user_roles)
            for dept_id, head_id in heads.items():
                session.execute(update(Department).where(Department.id == dept_id).values(head_id=head_id))
            session.execute(insert(Organization),
                            [{k: v for k, v in o.items() if not k.startswith("_")} for o in orgs])
            session.execute(insert(Contact), contacts)
            session.execute(insert(AuditLog), audit)
            session.commit()
            inserted = time.perf_counter()

            project_unfilled, handins = insert_projects(
                app, session, rng, sizes, users, user_roles, departments, heads, orgs)
            unfilled.update(project_unfilled)
            projected = time.perf_counter()
            around_counts = insert_around(session, handins)
            arounded = time.perf_counter()

            from sicrm.projects.models import (
                CodeCounter,
                Milestone,
                Project,
                ProjectEvent,
                ProjectMember,
                ProjectStage,
                RequiredDocument,
                Task,
            )
            from sicrm.templates_lib.models import ProjectTemplate, TemplateVersion
            from sicrm.workflow.models import GateDecision, GateReview, GateReviewer
            counts = {
                model.__tablename__: session.scalar(select(func.count()).select_from(model))
                for model in (Department, User, UserRole, Organization, Contact, AuditLog,
                              ProjectTemplate, TemplateVersion, Project, ProjectStage,
                              ProjectMember, Milestone, Task, RequiredDocument, StoredFile,
                              ProjectEvent, GateReview, GateReviewer, GateDecision, CodeCounter)
            }
            counts.update(around_counts)
            counts["open milestones past their date"] = session.scalar(
                select(func.count()).select_from(Milestone).where(
                    Milestone.status == "open", Milestone.planned_date < REFERENCE_DT.date()))
            counts["pending gate reviews"] = session.scalar(
                select(func.count()).select_from(GateReview).where(GateReview.status == "pending"))
            bad_codes = [o["credit_code"] for o in orgs
                         if o["credit_code"] and not uscc.is_valid(o["credit_code"])]
            if bad_codes:
                raise SystemExit(f"invalid credit codes generated: {bad_codes[:5]}")
            db.engine.dispose()
    finally:
        shutil.rmtree(instance_dir, ignore_errors=True)

    total = time.perf_counter() - started
    print(f"sicrm bench data, scale {args.scale}: {db_path}")
    for table, n in counts.items():
        print(f"  {table:<32} {n:>7,}")
    print(f"  migrations {migrated - started:.2f}s, building rows {built - migrated:.2f}s, "
          f"inserting {inserted - built:.2f}s, projects (templates, rows, insert) "
          f"{projected - inserted:.2f}s, around the projects (partners, documents, finance) "
          f"{arounded - projected:.2f}s, total {total:.2f}s")
    print(f"  log in as admin / {BENCH_PASSWORD} (every user has this password)")
    for table, columns in unfilled.items():
        if columns:
            print(f"  note: {table}.{', '.join(columns)} left to the column default "
                  f"(not known to bench/generate.py)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
