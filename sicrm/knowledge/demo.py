"""Demo knowledge base: a small catalog tree with realistic articles (called by
`sicrm demo`, after the demo company's users exist). Idempotent: what exists stays."""
from __future__ import annotations

from io import BytesIO

from sqlalchemy import select

from sicrm.core import roles as R
from sicrm.core.models import User
from sicrm.extensions import db
from sicrm.knowledge import permissions as P
from sicrm.knowledge.models import Article
from sicrm.knowledge.services import articles as AS
from sicrm.knowledge.services import catalogs as CS
from sicrm.knowledge.services.grants import GrantSpec

EVERYONE = [GrantSpec("everyone")]
PRESALES_EDIT = [GrantSpec("everyone"), GrantSpec("role", role=R.PRESALES, level="edit")]
ENGINEERS_EDIT = [GrantSpec("everyone"), GrantSpec("role", role=R.ENGINEER, level="edit"),
                  GrantSpec("role", role=R.PROJECT_MANAGER, level="edit")]
MANAGERS = [GrantSpec("role", role=R.DEPT_MANAGER), GrantSpec("role", role=R.EXECUTIVE)]

#: (path, owner username, grants, inherit)
CATALOGS = [
    ("行业解决方案", "presales_mgr", PRESALES_EDIT, True),
    ("行业解决方案/政务", None, [], True),
    ("行业解决方案/金融", None, [], True),
    ("技术方案", "presales_mgr", PRESALES_EDIT, True),
    ("技术方案/网络安全", None, [], True),
    ("投标经验", "sales_mgr", [GrantSpec("role", role=R.SALES, level="edit"),
                              GrantSpec("role", role=R.PRESALES)], True),
    ("投标经验/报价与竞争（管理层）", None, MANAGERS, False),
    ("实施与运维", "impl_mgr", ENGINEERS_EDIT, True),
    ("实施与运维/故障处理", None, [], True),
]

#: (catalog path, author, title, keywords, industry, body, attachment (name, text) or None)
ARTICLES = [
    ("行业解决方案/政务", "presales", "智慧政务一网通办解决方案",
     ["一网通办", "政务云", "数据共享"], "government",
     "# 智慧政务一网通办解决方案\n\n## 建设目标\n\n- 统一受理平台，实现**一窗受理、集成服务**\n"
     "- 打通省市县三级数据共享交换\n- 基于政务云部署，满足等保三级要求\n\n"
     "## 总体架构\n\n| 层次 | 内容 |\n|---|---|\n| 基础设施层 | 政务云、政务外网 |\n"
     "| 数据层 | 人口库、法人库、电子证照库 |\n| 应用层 | 统一受理、好差评、办件监管 |\n",
     ("一网通办方案要点.txt", "一网通办 统一受理 电子证照 好差评系统 政务外网 等保三级")),
    ("行业解决方案/政务", "presales", "政务外网等保2.0三级建设方案", ["等保", "政务外网", "网络安全"],
     "government",
     "## 适用场景\n\n区县政务外网接入单位的等级保护2.0三级整改。\n\n"
     "## 关键措施\n\n1. 边界防护：下一代防火墙 + 入侵防御\n2. 安全审计：日志审计与数据库审计\n"
     "3. 集中管控：堡垒机、态势感知平台\n", None),
    ("行业解决方案/金融", "presales", "银行数据中心双活解决方案", ["数据中心", "双活", "灾备"],
     "finance",
     "# 银行数据中心双活\n\nTwo active data centres within 50 km, synchronous storage "
     "replication, GSLB for application traffic.\n\n## RPO/RTO\n\n- RPO = 0\n- RTO < 15 min\n",
     ("dual-active-checklist.md", "# Checklist\n- storage replication link latency < 2 ms\n"
                                  "- quorum site\n- 仲裁站点 部署")),
    ("行业解决方案/金融", "presales_mgr", "Core banking network refresh: reference design",
     ["network", "core banking", "SDN"], "finance",
     "## Scope\n\nSpine-leaf fabric for the core banking zone, separated from the office "
     "network by firewalls in active/standby.\n\n```\nspine x2 — leaf x8 — border leaf x2\n```\n",
     None),
    ("技术方案/网络安全", "presales", "华为防火墙双机热备配置指南", ["华为", "防火墙", "双机热备"],
     None,
     "## 前提\n\nUSG6000 系列，两台设备版本一致。\n\n## 步骤\n\n1. 配置 HRP 心跳接口\n"
     "2. `hrp enable` 并指定主备\n3. 配置 VGMP 监控上下行接口\n\n"
     "> 注意：会话同步需放通心跳口的安全策略。\n", None),
    ("技术方案/网络安全", "presales", "零信任访问架构（SDP）技术白皮书",
     ["零信任", "SDP", "身份认证"], "internet",
     "# Zero trust / 零信任\n\n以身份为中心，持续验证。SDP 控制器 + 网关 + 客户端三部分组成。\n",
     None),
    ("技术方案", "presales_mgr", "ERP 实施方案模板（制造业）", ["ERP", "实施方案", "制造业"],
     "manufacturing",
     "## 实施阶段\n\n1. 蓝图设计\n2. 系统配置与开发\n3. 数据迁移\n4. 上线切换\n5. 运维支持\n",
     ("ERP实施计划.csv", "阶段,工期\n蓝图设计,20\n系统配置,40\n数据迁移,15\n上线切换,5")),
    ("投标经验", "sales", "合同评审常见风险清单", ["合同评审", "风险", "付款条件"], None,
     "## 重点审查\n\n- 付款条件：验收后付款比例不低于 70%\n- 违约责任上限\n"
     "- 知识产权归属\n- 质保期与响应时限\n", None),
    ("投标经验", "sales_mgr", "政府采购投标文件编制要点", ["投标", "政府采购", "评分标准"],
     "government",
     "## 要点\n\n1. 逐条响应评分标准，做好**点对点应答表**\n2. 资质文件按招标文件顺序装订\n"
     "3. 报价一览表与分项报价一致\n", None),
    ("投标经验/报价与竞争（管理层）", "sales_mgr", "2026年度主要竞争对手报价策略分析",
     ["竞争对手", "报价策略"], None,
     "## 摘要\n\n竞争对手在政务云项目上的平均折扣率约为 35%。本文仅供管理层参考。\n", None),
    ("实施与运维/故障处理", "engineer", "存储阵列链路抖动导致数据库卡顿的排查",
     ["故障处理", "存储", "多路径"], "finance",
     "## 现象\n\n数据库每隔约 10 分钟出现 IO 等待尖峰。\n\n## 原因\n\n"
     "光纤交换机端口 CRC 错误，多路径软件频繁切换。\n\n## 处理\n\n更换光模块后恢复。\n", None),
    ("实施与运维", "pm", "项目验收资料清单", ["验收", "交付文档"], None,
     "## 验收资料\n\n- 竣工报告\n- 测试报告\n- 培训记录\n- 设备清单与序列号\n"
     "- 用户手册、运维手册\n", None),
]


def load_demo_knowledge() -> int:
    """Add the demo catalogs and articles that are missing; return how many were added."""
    users = {u.username: u for u in db.session.scalars(select(User))}
    admin = users.get("admin")
    if admin is None:  # the demo company is not loaded
        return 0
    added = 0
    catalogs = {}
    for path, owner, grants, inherit in CATALOGS:
        catalog = CS.find_by_path(path)
        if catalog is None:
            parent_path, _sep, name = path.rpartition("/")
            catalog = CS.create_catalog(admin, name=name, parent=catalogs.get(parent_path),
                                        owner=users.get(owner) if owner else None,
                                        grants=grants, inherit=inherit)
            added += 1
        catalogs[path] = catalog
    titles = set(db.session.scalars(select(Article.title)))
    for path, author, title, keywords, industry, body, attachment in ARTICLES:
        if title in titles:
            continue
        writer = users.get(author) or admin
        if not P.can_edit_catalog(writer, catalogs[path]):
            writer = admin
        files = [(attachment[0], BytesIO(attachment[1].encode("utf-8")))] if attachment else []
        AS.create_article(writer, catalog=catalogs[path], title=title, body=body,
                          keywords=keywords, industry=industry, attachments=files)
        added += 1
    db.session.flush()
    return added
