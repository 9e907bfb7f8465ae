"""A believable Chinese system integrator, so the app looks alive on first start.

Idempotent: records are matched by name (departments, organisations) or username
(users) and only what is missing is added. All credit codes are made up."""
from __future__ import annotations

import hashlib

from sqlalchemy import func, select
from stdnum.cn import uscc

from sicrm.core import roles as R
from sicrm.core.models import Department, Organization, User
from sicrm.core.services import departments as dept_services
from sicrm.core.services import organizations as org_services
from sicrm.core.services import users as user_services
from sicrm.extensions import db

DEMO_PASSWORD = "demo1234"

#: (name, parent name)
DEPARTMENTS = [
    ("总经理办公室", None),
    ("销售部", "总经理办公室"),
    ("华北销售组", "销售部"),
    ("华南销售组", "销售部"),
    ("售前技术部", "总经理办公室"),
    ("工程实施部", "总经理办公室"),
    ("安防事业部", "工程实施部"),
    ("财务部", "总经理办公室"),
]

#: (username, full name, department, roles, heads department)
USERS = [
    ("admin", "系统管理员", "总经理办公室", {R.ADMIN}, None),
    ("ceo", "王建国", "总经理办公室", {R.EXECUTIVE}, "总经理办公室"),
    ("sales_mgr", "李明", "销售部", {R.DEPT_MANAGER, R.SALES}, "销售部"),
    ("sales", "张伟", "华北销售组", {R.SALES}, None),
    ("sales2", "黄丽娟", "华南销售组", {R.SALES}, "华南销售组"),
    ("presales", "刘洋", "售前技术部", {R.PRESALES}, None),
    ("presales_mgr", "周涛", "售前技术部", {R.DEPT_MANAGER, R.PRESALES}, "售前技术部"),
    ("pm", "陈静", "工程实施部", {R.PROJECT_MANAGER}, None),
    ("impl_mgr", "吴强", "工程实施部", {R.DEPT_MANAGER, R.PROJECT_MANAGER}, "工程实施部"),
    ("engineer", "赵磊", "安防事业部", {R.ENGINEER}, None),
    ("finance", "孙丽", "财务部", {R.FINANCE}, "财务部"),
]

#: (name, short name, kinds, industry, province, city, level, owner, contacts)
ORGANIZATIONS = [
    ("北京市公安局", "北京公安", {"customer", "government"}, "public_security", "11", "北京", "strategic", "sales",
     [("马向东", "科技信息化处处长", "decision_maker", 4), ("何军", "网络安全科科长", "technical_evaluator", 3)]),
    ("上海市大数据中心", "上海大数据中心", {"customer", "government"}, "government", "31", "上海", "key", "sales",
     [("顾晓峰", "副主任", "decision_maker", 2), ("沈佳", "平台建设部工程师", "user", 3)]),
    ("中国工商银行股份有限公司北京市分行", "工行北分", {"customer"}, "finance", "11", "北京", "strategic", "sales_mgr",
     [("杨光", "信息科技部总经理", "decision_maker", 3), ("田甜", "采购中心经理", "influencer", 2)]),
    ("招商银行股份有限公司", "招行", {"customer"}, "finance", "44", "深圳", "key", "sales2",
     [("郑文博", "数据中心主任", "decision_maker", 2)]),
    ("中国移动通信集团广东有限公司", "广东移动", {"customer"}, "telecom", "44", "广州", "key", "sales2",
     [("梁志强", "网络部副总经理", "decision_maker", 3), ("陈晓敏", "IT支撑中心工程师", "technical_evaluator", 4)]),
    ("中国电信股份有限公司江苏分公司", "江苏电信", {"customer"}, "telecom", "32", "南京", "normal", "sales",
     [("许航", "政企部客户经理", "influencer", 3)]),
    ("国网北京市电力公司", "北京电力", {"customer"}, "energy", "11", "北京", "key", "sales",
     [("韩磊", "信通公司主任", "decision_maker", 2), ("冯雪", "调度中心工程师", "user", 3)]),
    ("中国石油化工股份有限公司镇海炼化分公司", "镇海炼化", {"customer"}, "energy", "33", "宁波", "normal", "sales_mgr",
     [("蒋华", "信息中心主任", "decision_maker", 1)]),
    ("清华大学", None, {"customer"}, "education", "11", "北京", "key", "sales",
     [("邓立新", "信息化技术中心副主任", "decision_maker", 3), ("唐颖", "网络运行部工程师", "technical_evaluator", 4)]),
    ("浙江大学医学院附属第一医院", "浙大一院", {"customer"}, "healthcare", "33", "杭州", "key", "sales2",
     [("曹敏", "信息中心主任", "decision_maker", 2), ("彭宇", "设备处处长", "influencer", 3)]),
    ("四川大学华西医院", "华西医院", {"customer"}, "healthcare", "51", "成都", "potential", "sales2",
     [("罗斌", "信息中心工程师", "user", 2)]),
    ("三一重工股份有限公司", "三一重工", {"customer"}, "manufacturing", "43", "长沙", "normal", "sales_mgr",
     [("谢勇", "智能制造部总监", "decision_maker", 3)]),
    ("华为技术有限公司", "华为", {"supplier", "partner"}, "manufacturing", "44", "深圳", None, "presales",
     [("袁晨", "渠道经理", "influencer", 5), ("潘文", "解决方案经理", "technical_evaluator", 4)]),
    ("新华三技术有限公司", "新华三", {"supplier", "partner"}, "manufacturing", "33", "杭州", None, "presales",
     [("魏巍", "行业拓展经理", "influencer", 4)]),
    ("深信服科技股份有限公司", "深信服", {"supplier"}, "internet", "44", "深圳", None, "presales",
     [("叶青", "区域销售经理", "influencer", 3)]),
    ("中国建筑设计研究院有限公司", "中国院", {"partner"}, "other", "11", "北京", None, "pm",
     [("程建", "智能化所所长", "influencer", 3)]),
    ("北京建科工程监理有限公司", "建科监理", {"partner"}, "other", "11", "北京", None, "pm",
     [("孔亮", "总监理工程师", "technical_evaluator", 2)]),
    ("太极计算机股份有限公司", "太极股份", {"competitor"}, "internet", "11", "北京", None, "sales_mgr", []),
    ("东软集团股份有限公司", "东软", {"competitor"}, "internet", "21", "沈阳", None, "sales_mgr", []),
    ("神州数码系统集成服务有限公司", "神码系统集成", {"competitor", "partner"}, "internet", "11", "北京", None, "sales_mgr", []),
]


def made_up_credit_code(name: str, province: str) -> str:
    """A valid-looking unified social credit code derived from the name; not real."""
    digest = hashlib.sha256(name.encode()).hexdigest()
    body = "91" + province + "0000" + "".join(str(int(c, 16) % 10) for c in digest[:9])
    return body + uscc.calc_check_digit(body)


def _mobile(seed: str) -> str:
    digest = hashlib.sha256(seed.encode()).hexdigest()
    return "13" + "".join(str(int(c, 16) % 10) for c in digest[:9])


def db_is_empty() -> bool:
    return not db.session.scalar(select(func.count(User.id)))


def load_demo() -> int:
    """Add what is missing of the demo company; return how many records were added."""
    added = 0
    departments = {d.name: d for d in db.session.scalars(select(Department))}
    for name, parent in DEPARTMENTS:
        if name not in departments:
            parent_id = departments[parent].id if parent else None
            departments[name] = dept_services.create_department(None, name=name, parent_id=parent_id)
            added += 1

    users = {u.username: u for u in db.session.scalars(select(User))}
    for username, full_name, dept, roles, heads in USERS:
        if username not in users:
            users[username] = user_services.create_user(
                None, username=username, full_name=full_name, password=DEMO_PASSWORD,
                roles=roles, department_id=departments[dept].id,
                email=f"{username}@demo.sicrm.local",
            )
            added += 1
            if heads and departments[heads].head_id is None:
                departments[heads].head_id = users[username].id

    existing = set(db.session.scalars(select(Organization.name)))
    for name, short, kinds, industry, province, city, level, owner, contacts in ORGANIZATIONS:
        if name in existing:
            continue
        org = org_services.create_organization(
            users[owner], confirm_duplicates=True, name=name, short_name=short,
            credit_code=made_up_credit_code(name, province), industry=industry,
            province=province, city=city, level=level, owner_id=users[owner].id,
            address=f"{city}市", **{f"is_{kind}": True for kind in kinds},
        )
        added += 1
        for contact_name, title, role, strength in contacts:
            org_services.create_contact(
                users[owner], org, name=contact_name, title=title, decision_role=role,
                relationship_strength=strength, mobile=_mobile(contact_name),
            )
            added += 1
    db.session.flush()
    return added
