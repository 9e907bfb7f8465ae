"""Built-in templates: the standard presales, implementation and government bid
processes of a Chinese system integrator. Seeded once each (by builtin_key) with a
published version 1; afterwards they are edited like any other template."""
from __future__ import annotations

from sqlalchemy import select

from sicrm.extensions import db
from sicrm.templates_lib.models import ProjectTemplate
from sicrm.templates_lib.services.templates import create_template_from_definition


def n(zh: str, en: str) -> dict:
    return {"zh": zh, "en": en}


def task(key, zh, en, role, duration, offset=0, after=None) -> dict:
    return {"key": key, "name": n(zh, en), "owner_role": role, "offset": offset,
            "after": after, "duration": duration}


def milestone(key, zh, en, offset, role="pm") -> dict:
    return {"key": key, "name": n(zh, en), "offset": offset, "owner_role": role}


#: the category of each built-in required document (its number's code: 合同评审表 is a
#: contract document, PS-2026-0042-CTR-001)
DOCUMENT_CATEGORIES = {
    "approval_request": "management", "survey_report": "technical",
    "technical_solution": "technical", "bid_documents": "commercial",
    "quotation": "commercial", "contract_review_form": "contract",
    "contract_draft": "contract", "kickoff_minutes": "management",
    "detailed_design": "technical", "purchase_list": "commercial",
    "deployment_plan": "technical", "trial_report": "acceptance",
    "acceptance_report": "acceptance", "service_plan": "acceptance",
}


def doc(key, zh, en, description="", approvers=("dept_manager",)) -> dict:
    return {"key": key, "name": n(zh, en), "category": DOCUMENT_CATEGORIES[key],
            "description": description, "format_file_id": None,
            "approver_roles": list(approvers)}


def gate(roles, rule="all", checklist=()) -> dict:
    return {"rule": rule, "reviewer_roles": list(roles), "reviewer_users": [],
            "checklist": [n(zh, en) for zh, en in checklist]}


def stage(key, zh, en, duration, tasks=(), milestones=(), documents=(), gate_=None) -> dict:
    return {"key": key, "name": n(zh, en), "duration": duration, "tasks": list(tasks),
            "milestones": list(milestones), "documents": list(documents), "gate": gate_}


PRESALES = {"stages": [
    stage("lead", "线索", "Lead", 10,
          [task("qualify", "客户资格确认", "Qualify the customer", "sales", 2),
           task("visit", "首次拜访客户", "First customer visit", "sales", 1, 1, "qualify")],
          [milestone("lead_qualified", "线索确认", "Lead qualified", 5, "sales")]),
    stage("approval", "立项", "Project approval", 5,
          [task("approval_form", "填写立项申请表", "Fill in the approval request", "sales", 2)],
          [milestone("approved", "立项通过", "Project approved", 5, "sales")],
          [doc("approval_request", "立项申请表", "Project approval request",
               "客户、预算、竞争对手与预计签约时间", ("dept_manager",))],
          gate(("dept_manager", "executive"), "all",
               [("客户需求明确", "Customer requirements are clear"),
                ("预算已确认", "Budget confirmed"),
                ("竞争态势已评估", "Competition assessed")])),
    stage("survey", "需求调研", "Requirement survey", 10,
          [task("survey_visit", "现场调研", "On-site survey", "presales", 3),
           task("survey_report", "编写需求调研报告", "Write the survey report", "presales", 3,
                0, "survey_visit")],
          [milestone("survey_done", "调研完成", "Survey done", 8, "presales")],
          [doc("survey_report", "需求调研报告", "Requirement survey report", "",
               ("presales", "dept_manager"))]),
    stage("solution", "方案与演示", "Solution and demo", 15,
          [task("solution_design", "编写技术方案", "Write the technical solution", "presales", 7),
           task("demo", "产品演示/POC", "Product demo / POC", "presales", 3, 2,
                "solution_design")],
          [milestone("solution_accepted", "方案获客户认可", "Solution accepted by the customer",
                     14, "presales")],
          [doc("technical_solution", "技术方案", "Technical solution", "",
               ("presales", "dept_manager"))]),
    stage("bid", "投标/报价", "Bid and quote", 15,
          [task("bid_doc", "编制投标文件", "Prepare the bid documents", "sales", 7),
           task("quote", "成本测算与报价", "Cost estimate and quote", "sales", 3),
           task("bid_submit", "递交投标文件", "Submit the bid", "sales", 1, 0, "bid_doc")],
          [milestone("bid_submitted", "投标截止", "Bid deadline", 10, "sales")],
          [doc("bid_documents", "投标文件", "Bid documents", "", ("dept_manager",)),
           doc("quotation", "报价单", "Quotation", "", ("dept_manager", "finance"))]),
    stage("contract_review", "合同评审", "Contract review", 5,
          [task("contract_draft", "起草合同文本", "Draft the contract", "sales", 2),
           task("review_meeting", "组织合同评审会", "Hold the contract review", "sales", 1, 0,
                "contract_draft")],
          [milestone("contract_reviewed", "合同评审通过", "Contract review passed", 5, "sales")],
          [doc("contract_review_form", "合同评审表", "Contract review form", "",
               ("dept_manager", "finance")),
           doc("contract_draft", "合同文本草案", "Draft contract", "", ("dept_manager",))],
          gate(("dept_manager", "executive", "finance"), "all",
               [("付款条件可接受", "Payment terms acceptable"),
                ("毛利率达到要求", "Gross margin meets the target"),
                ("技术与交付风险可控", "Technical and delivery risks under control")])),
    stage("signing", "签约", "Contract signing", 5,
          [task("sign", "合同盖章签署", "Sign and seal the contract", "sales", 2),
           task("handover", "向实施团队交接", "Hand over to the delivery team", "sales", 1, 0,
                "sign")],
          [milestone("signed", "合同签订", "Contract signed", 3, "sales")]),
]}

IMPLEMENTATION = {"stages": [
    stage("kickoff", "启动", "Kickoff", 5,
          [task("team", "组建项目团队", "Form the project team", "pm", 1),
           task("kickoff_meeting", "召开项目启动会", "Hold the kickoff meeting", "pm", 1, 1, "team")],
          [milestone("kicked_off", "项目启动", "Project kicked off", 3)],
          [doc("kickoff_minutes", "项目启动会纪要", "Kickoff meeting minutes", "", ("pm",))]),
    stage("design", "设计", "Design", 15,
          [task("site_survey", "现场勘察", "Site survey", "engineer", 3),
           task("detailed_design", "编写详细设计", "Write the detailed design", "engineer", 8, 0,
                "site_survey")],
          [milestone("design_approved", "设计确认", "Design approved", 15)],
          [doc("detailed_design", "详细设计说明书", "Detailed design specification", "",
               ("pm", "dept_manager"))]),
    stage("procurement", "采购与集成", "Procurement and integration", 25,
          [task("purchase", "设备采购下单", "Order the equipment", "pm", 3),
           task("arrival", "到货验收", "Goods receipt", "engineer", 2, 10, "purchase"),
           task("staging", "集成预配置", "Staging and pre-configuration", "engineer", 5, 0,
                "arrival")],
          [milestone("goods_arrived", "设备到货", "Equipment delivered", 15)],
          [doc("purchase_list", "设备采购清单", "Equipment purchase list", "",
               ("pm", "finance"))]),
    stage("deployment", "部署调试", "Deployment", 20,
          [task("install", "安装部署", "Installation", "engineer", 10),
           task("commissioning", "联调测试", "Integration testing", "engineer", 5, 0,
                "install")],
          [milestone("deployed", "部署完成", "Deployment done", 18)],
          [doc("deployment_plan", "部署实施方案", "Deployment plan", "",
               ("pm", "dept_manager"))]),
    stage("trial", "试运行", "Trial run", 30,
          [task("training", "用户培训", "User training", "engineer", 2),
           task("trial_report", "编写试运行报告", "Write the trial run report", "pm", 2, 26)],
          [milestone("trial_done", "试运行结束", "Trial run finished", 30)],
          [doc("trial_report", "试运行报告", "Trial run report", "", ("pm",))]),
    stage("acceptance", "验收", "Acceptance", 10,
          [task("acceptance_test", "验收测试", "Acceptance test", "engineer", 3),
           task("acceptance_meeting", "组织验收会", "Hold the acceptance meeting", "pm", 1, 0,
                "acceptance_test")],
          [milestone("accepted", "项目验收", "Project accepted", 10)],
          [doc("acceptance_report", "验收报告", "Acceptance report", "",
               ("pm", "dept_manager"))],
          gate(("pm", "dept_manager", "executive"), "majority",
               [("合同范围内容全部交付", "Everything in the contract scope delivered"),
                ("遗留问题已闭环", "Open issues closed"),
                ("客户签署验收证书", "Customer signed the acceptance certificate")])),
    stage("warranty", "质保", "Warranty and service", 250,
          [task("service_plan", "制定质保服务计划", "Write the service plan", "pm", 3),
           task("inspection", "定期巡检", "Regular inspection", "engineer", 2, 60)],
          [milestone("first_inspection", "首次巡检", "First inspection", 65, "engineer")],
          [doc("service_plan", "质保服务计划", "Warranty service plan", "", ("pm",))]),
]}

GOVERNMENT_BID = {"stages": [
    stage("announcement", "招标公告", "Tender announcement", 3,
          [task("read_notice", "研读招标公告", "Study the tender notice", "sales", 1),
           task("qualification", "资格条件自查", "Check the qualification requirements",
                "sales", 1, 0, "read_notice")],
          [milestone("go_decision", "决定参与投标", "Decision to bid", 3, "sales")]),
    stage("registration", "报名/购买标书", "Registration and tender documents", 5,
          [task("register", "报名并购买标书", "Register and buy the tender documents", "sales", 1),
           task("deposit", "缴纳投标保证金", "Pay the bid bond", "sales", 1, 1, "register")],
          [milestone("registered", "报名完成", "Registered", 3, "sales")]),
    stage("clarification", "答疑", "Clarification", 5,
          [task("questions", "提交澄清问题", "Send clarification questions", "presales", 2)],
          [milestone("clarified", "答疑截止", "Clarification deadline", 5, "presales")]),
    stage("bidding", "投标", "Bidding", 10,
          [task("technical_bid", "编制技术标", "Prepare the technical bid", "presales", 6),
           task("commercial_bid", "编制商务标", "Prepare the commercial bid", "sales", 4),
           task("seal", "标书盖章封装", "Seal and package the bid", "sales", 1, 0,
                "technical_bid")],
          [milestone("bid_deadline", "投标截止", "Bid deadline", 10, "sales")],
          [doc("bid_documents", "投标文件", "Bid documents", "", ("dept_manager",))]),
    stage("evaluation", "开标/评标", "Opening and evaluation", 5,
          [task("opening", "参加开标", "Attend the bid opening", "sales", 1)],
          [milestone("opened", "开标", "Bid opening", 1, "sales")]),
    stage("award_notice", "中标公示", "Award notice", 5,
          [task("watch_notice", "跟踪中标公示", "Follow the award notice", "sales", 1)],
          [milestone("award_published", "公示结束", "Notice period over", 5, "sales")]),
    stage("contract_review", "合同评审", "Contract review", 5,
          [task("contract_draft", "起草合同文本", "Draft the contract", "sales", 2)],
          [milestone("contract_reviewed", "合同评审通过", "Contract review passed", 5, "sales")],
          [doc("contract_review_form", "合同评审表", "Contract review form", "",
               ("dept_manager", "finance"))],
          gate(("dept_manager", "executive"), "all",
               [("合同条款与招标文件一致", "Contract terms match the tender"),
                ("付款条件可接受", "Payment terms acceptable")])),
]}

#: builtin_key → template fields and definition
BUILTIN = {
    "standard_presales": dict(
        name_zh="标准售前项目", name_en="Standard presales project", kind="presales",
        category="通用", definition=PRESALES,
        description="从线索到签约的标准售前流程，含立项与合同评审两个评审点。"),
    "standard_implementation": dict(
        name_zh="标准工程实施项目", name_en="Standard implementation project",
        kind="implementation", category="通用", definition=IMPLEMENTATION,
        description="从启动到质保的标准工程实施流程，验收为评审点。"),
    "government_bid": dict(
        name_zh="政府采购投标项目", name_en="Government procurement bid", kind="presales",
        industry="government", category="政府采购", definition=GOVERNMENT_BID,
        description="依《政府采购法》公开招标流程：招标公告至合同评审。"),
}


def seed_builtin_templates(actor=None) -> int:
    """Create the built-in templates that are missing; returns how many."""
    existing = set(db.session.scalars(select(ProjectTemplate.builtin_key).where(
        ProjectTemplate.builtin_key.in_(BUILTIN))))
    created = 0
    for key, spec in BUILTIN.items():
        if key in existing:
            continue
        create_template_from_definition(actor, **spec, builtin_key=key, publish=True,
                                        change_note="内置模板 / Built-in template")
        created += 1
    return created
