"""Write corpus.json: the hand-written articles (handwritten.py) plus generated everyday
documents of a system integrator (weekly reports, visit records, fault tickets, product
notes, training notices, meeting minutes, regional solutions).

The generated documents are realistic distractors: they share vocabulary with the
queries (华为, 防火墙, 合同, 机房, 割接, 客户, 项目 …) but none is what a query asks for
(checked by reading each query's matches when the labels in queries.json were written).
A fixed seed makes the output identical on every run:

    .venv/bin/python tests/knowledge/quality/build_corpus.py
"""
from __future__ import annotations

import json
import random
from pathlib import Path

try:
    from .handwritten import DOCS
except ImportError:  # run as a script
    from handwritten import DOCS

SEED = 6_2026
HERE = Path(__file__).parent

CUSTOMERS = [
    ("杭州市第一人民医院", "healthcare"), ("宁波港集团", "transport"), ("苏州工业园区管委会", "government"),
    ("成都农商银行", "finance"), ("武汉光谷某制造企业", "manufacturing"), ("西安交通职业学院", "education"),
    ("国网某市供电公司", "energy"), ("中国移动某省分公司", "telecom"), ("郑州市公安局", "public_security"),
    ("长沙某连锁超市", "retail"), ("青岛某家电企业", "manufacturing"), ("南京市教育局", "education"),
    ("广州地铁某线路公司", "transport"), ("深圳某互联网公司", "internet"), ("合肥市政务服务中心", "government"),
]
SYSTEMS = ["综合布线", "网络改造", "服务器虚拟化", "存储升级", "安防监控", "机房改造", "OA 系统",
           "桌面云", "呼叫中心", "IT 运维外包", "大屏显示", "门禁一卡通"]
ENGINEERS = ["王工", "李工", "张工", "刘工", "陈工", "杨工", "赵工", "周工"]

WEEKLY_DONE = [
    "完成第二批设备到货签收，核对序列号无误",
    "完成三楼弱电间机柜安装和跳线整理",
    "完成核心交换机上架加电，等待割接窗口",
    "完成服务器操作系统安装和补丁更新",
    "完成与客户信息中心的接口联调",
    "完成用户培训两场，共 46 人参加",
    "完成旧设备下线清单并提交客户确认",
    "完成存储盘柜上架和光纤跳线连接",
    "完成虚拟化平台部署并迁移测试虚拟机 12 台",
    "完成摄像机点位复勘，调整 8 个点位",
]
WEEKLY_NEXT = [
    "下周计划进行系统联调和压力测试",
    "下周计划配合客户完成试运行准备",
    "下周计划提交竣工资料初稿",
    "下周计划安排夜间割接并准备回退预案",
    "下周计划完成剩余楼层布线",
    "下周计划组织管理员培训",
]
WEEKLY_ISSUES = [
    "问题：部分设备到货延迟，已催促供应商",
    "问题：客户机房空调功率不足，需客户协调",
    "问题：分包商人员不足，已从其他项目调配两人",
    "问题：客户需求新增两个接口，需评估工作量",
    "问题：现场施工需办理动火证，影响两天进度",
    "问题：暂无",
]

VISIT_TOPICS = [
    ("了解明年信息化预算和重点建设方向", "客户表示预算正在编制，重点是网络安全和数据治理"),
    ("介绍公司在同行业的成功案例", "客户对我们在同类单位的运维服务案例较感兴趣"),
    ("跟进上次交流后的需求", "客户希望我们提交一份初步建设思路"),
    ("拜访信息中心新任主任", "新主任关注系统整合和运维成本"),
    ("催收二期项目尾款", "客户答应本月底前走完付款审批"),
    ("邀请客户参加厂商技术峰会", "客户将派两名技术骨干参加"),
]

FAULTS = [
    ("核心交换机端口频繁 up/down", "排查发现光模块老化，更换后恢复，建议对同批次光模块做巡检"),
    ("邮件系统发信延迟", "队列积压由外部黑名单引起，已申请解封并加强发信频率限制"),
    ("存储控制器告警", "一块缓存电池寿命到期，已申请备件更换，期间写缓存自动切换为直写"),
    ("服务器宕机", "内存条故障导致，厂商上门更换，业务通过虚拟化高可用自动迁移"),
    ("打印机无法打印", "打印服务假死，重启服务并清理队列后恢复"),
    ("视频会议画面卡顿", "会议室上行带宽被下载占满，已配置 QoS 限速"),
    ("OA 系统登录缓慢", "数据库连接池耗尽，调整连接池参数并优化慢查询"),
    ("机房温度告警", "一台空调压缩机故障，临时开启备用空调并联系维保"),
    ("无线网络频繁掉线", "信道干扰严重，调整信道和发射功率后稳定"),
    ("UPS 旁路告警", "UPS 整流模块故障，维保厂商更换模块后恢复在线模式"),
]

PRODUCTS = [
    ("华为", "CloudEngine 数据中心交换机", "高密度 25G/100G 端口，支持 VXLAN 和 EVPN，适合大中型数据中心"),
    ("华为", "HiSecEngine 防火墙", "面向园区和数据中心出口，集成入侵防御、反病毒和 URL 过滤"),
    ("新华三", "S6850 交换机", "数据中心接入交换机，支持 IRF 堆叠"),
    ("锐捷", "无线控制器", "支持上千台 AP 集中管理，适合高校和酒店"),
    ("深信服", "上网行为管理", "支持应用识别、流量控制和审计"),
    ("奇安信", "天擎终端安全", "集成杀毒、补丁管理和准入控制"),
    ("海康威视", "视频云存储", "支持视频直存和分布式扩展"),
    ("大华", "智能交通卡口", "车牌识别率达 99%，支持违法抓拍"),
    ("浪潮", "NF5280M6 服务器", "双路机架式服务器，适合虚拟化和数据库"),
    ("曙光", "分布式存储", "支持块、文件和对象存储，可在线扩展"),
]

TRAININGS = [
    ("华为数通认证培训", "HCIA 和 HCIP 认证课程，考试费用由公司报销，通过后计入技术职称评定"),
    ("信息安全意识培训", "讲解钓鱼邮件识别、密码管理和保密要求，全员必须参加"),
    ("项目经理能力提升培训", "内容包括进度管理、成本控制、沟通技巧和典型项目复盘"),
    ("新员工入职培训", "公司制度、产品线介绍、报销流程和导师制安排"),
    ("售前方案写作培训", "如何写出有说服力的方案：结构、图表和需求对应关系"),
    ("安全生产培训", "登高作业、用电安全和机房作业规范，考核合格后方可进场"),
]

REGIONAL = [
    ("教育城域网", "education", "连接全区中小学，核心节点设在教育局中心机房，各校万兆上联"),
    ("智慧社区", "government", "包括人脸门禁、高空抛物监测和社区服务平台"),
    ("应急指挥中心", "government", "建设指挥大厅、融合通信和大屏显示系统"),
    ("智慧工厂网络", "manufacturing", "车间工业以太网与办公网隔离，设备数据采集接入工业互联网平台"),
    ("医共体信息平台", "healthcare", "实现县乡村三级医疗机构的信息互通和远程会诊"),
    ("智慧停车", "transport", "路内泊位地磁检测和高位视频，统一收费平台"),
]
CITIES = ["杭州", "苏州", "成都", "武汉", "西安", "郑州", "长沙", "合肥", "青岛", "南宁"]


def generated(rng: random.Random) -> list[dict]:
    docs: list[dict] = []

    def add(kind: str, title: str, body: str, keywords: list[str], industry: str,
            attachment: str = "") -> None:
        docs.append({"id": f"gen-{kind}-{sum(d['id'].startswith('gen-' + kind) for d in docs) + 1:03d}",
                     "title": title, "body": body, "keywords": keywords,
                     "industry": industry, "attachment": attachment})

    for n in range(30):
        customer, industry = rng.choice(CUSTOMERS)
        system = rng.choice(SYSTEMS)
        week = rng.randint(2, 30)
        body = "。".join([
            f"{customer}{system}项目第 {week} 周工作汇报",
            "本周" + "；".join(rng.sample(WEEKLY_DONE, 3)),
            rng.choice(WEEKLY_NEXT),
            rng.choice(WEEKLY_ISSUES),
            f"现场负责人：{rng.choice(ENGINEERS)}",
        ]) + "。"
        add("weekly", f"{customer}{system}项目第 {week} 周周报", body,
            ["周报", system], industry)
    for n in range(20):
        customer, industry = rng.choice(CUSTOMERS)
        purpose, result = rng.choice(VISIT_TOPICS)
        body = (f"拜访对象：{customer}信息中心。拜访目的：{purpose}。沟通情况：{result}。"
                f"下一步：{rng.choice(['两周内提交资料', '安排技术交流', '邀请参观样板点', '报价前再次确认需求'])}，"
                f"由{rng.choice(ENGINEERS)}配合销售跟进。客户联系人希望保持每月一次沟通。")
        add("visit", f"{customer}拜访记录（{rng.randint(1, 12)} 月）", body, ["拜访记录", "客户"],
            industry)
    for n in range(20):
        customer, industry = rng.choice(CUSTOMERS)
        fault, fix = rng.choice(FAULTS)
        body = (f"{customer}报修：{fault}。响应时间 {rng.randint(10, 55)} 分钟，到场处理人{rng.choice(ENGINEERS)}。"
                f"处理过程：{fix}。故障期间影响范围已向客户说明，处理完成后客户签字确认服务单。")
        add("fault", f"{fault}故障处理记录", body, ["故障", "运维"], industry)
    for n, (vendor, product, feature) in enumerate(PRODUCTS):
        body = (f"{vendor}{product}产品介绍：{feature}。我司为{vendor}金牌合作伙伴，可提供售前测试、"
                f"安装部署和原厂备件服务。价格请联系产品经理获取最新渠道政策。")
        add("product", f"{vendor}{product}产品资料", body, [vendor, product], "other")
    for n, (name, content) in enumerate(TRAININGS):
        body = (f"人力资源部组织{name}，时间为{rng.randint(1, 12)}月{rng.randint(1, 28)}日，"
                f"地点为公司三楼培训室。课程内容：{content}。请各部门安排人员报名，培训结束后进行考核。")
        add("training", f"关于举办{name}的通知", body, ["培训", "通知"], "other")
    for n in range(10):
        month = n + 1
        body = (f"{month} 月经营分析会：本月新签合同 {rng.randint(8, 30)} 个，金额 {rng.randint(800, 5000)} 万元；"
                f"回款完成率 {rng.randint(60, 98)}%。华东区在手订单增长明显，西南区需要加强项目交付。"
                f"会议要求各项目经理控制项目成本，毛利率低于 12% 的项目单独说明。")
        add("minutes", f"{month} 月经营分析会会议纪要", body, ["经营分析", "会议纪要"], "other",
            attachment=f"附件：{month} 月各事业部业绩表。销售额、毛利、回款和费用按部门列示，"
                       f"累计完成年度目标的 {rng.randint(40, 95)}%。")
    for n in range(12):
        name, industry, content = REGIONAL[n % len(REGIONAL)]
        city = CITIES[n % len(CITIES)]
        body = (f"{city}{name}建设方案：{content}。项目总投资约 {rng.randint(300, 3000)} 万元，"
                f"建设周期 {rng.randint(4, 12)} 个月。方案包括总体架构、分项设计、设备清单和运维保障。")
        add("regional", f"{city}{name}建设方案", body, [name, "建设方案"], industry)
    return docs


#: what knowledge articles end with; appended to short bodies (no query word in them)
FOOTERS = [
    "文档维护：技术支持部，每半年复核一次，发现内容过时请在评论中指出。",
    "修订记录：V1.0 初稿；V1.1 根据现场反馈补充了注意事项和截图说明。",
    "适用范围：公司交付中心、售前中心及各区域分公司技术人员，外发前需去除敏感信息。",
    "本文内容来自一线工程师的经验整理，仅供内部参考，引用时请注明出处。",
]


def build() -> list[dict]:
    rng = random.Random(SEED)
    docs = [{"id": slug, "title": title, "body": body, "keywords": keywords,
             "industry": industry, "attachment": attachment}
            for slug, title, body, keywords, industry, attachment in DOCS]
    docs += generated(rng)
    for n, doc in enumerate(docs):
        extra = 0
        while len(doc["body"]) < 120:
            doc["body"] += FOOTERS[(n + extra) % len(FOOTERS)]
            extra += 1
    ids = [d["id"] for d in docs]
    assert len(ids) == len(set(ids)), "duplicate ids"
    return docs


if __name__ == "__main__":
    corpus = build()
    (HERE / "corpus.json").write_text(
        json.dumps(corpus, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(len(corpus), "documents")
