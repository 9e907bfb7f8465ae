"""What issue #5 hangs around a project, for the benchmark database: partners (with
their contacts), competitors and their assessments, win/loss analyses, controlled
documents (versions, stored files, decisions, downloads) and finance (budget lines,
expenses and their decisions, effort, payment plans, invoices, receipts).

    generate(session, seed=..., today=..., reference_dt=..., handins=None) -> counts

Reads the projects, stages, members, milestones, required documents, organisations,
contacts and users back from the database (a dozen queries), builds every row with one
seeded `random.Random` (so runs are identical), gives them explicit ids, and
bulk-inserts them with Core. Used by bench/generate.py after the projects are in
(`handins`: the files projects_data handed in for required documents, which the
schema no longer stores), and by `generate.py --only-around` on an existing database
(whose hand-ins the migration already turned into documents: those are kept)."""
from __future__ import annotations

import hashlib
import random
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

CENT = Decimal("0.01")
HOURLY_COST = Decimal("300.00")  # finance.settings default SICRM_EFFORT_HOURLY_COST
FINANCE_THRESHOLD = Decimal("5000")  # SICRM_EXPENSE_FINANCE_THRESHOLD default

#: well-known vendors (原厂) and design institutes, added as organisations when missing;
#: (name, short name, industry, province, city, weight among vendors)
VENDORS = (
    ("华为技术有限公司", "华为", "telecom", "44", "深圳", 30),
    ("新华三技术有限公司", "新华三", "internet", "33", "杭州", 22),
    ("浪潮电子信息产业股份有限公司", "浪潮", "manufacturing", "37", "济南", 14),
    ("杭州海康威视数字技术股份有限公司", "海康威视", "manufacturing", "33", "杭州", 14),
    ("浙江大华技术股份有限公司", "大华", "manufacturing", "33", "杭州", 9),
    ("中兴通讯股份有限公司", "中兴", "telecom", "44", "深圳", 8),
    ("锐捷网络股份有限公司", "锐捷", "internet", "35", "福州", 8),
    ("深信服科技股份有限公司", "深信服", "internet", "44", "深圳", 8),
    ("奇安信科技集团股份有限公司", "奇安信", "internet", "11", "北京", 6),
    ("联想（北京）有限公司", "联想", "manufacturing", "11", "北京", 6),
    ("曙光信息产业股份有限公司", "中科曙光", "manufacturing", "12", "天津", 5),
    ("超聚变数字技术有限公司", "超聚变", "manufacturing", "41", "郑州", 5),
    ("启明星辰信息技术集团股份有限公司", "启明星辰", "internet", "11", "北京", 4),
    ("天融信科技集团股份有限公司", "天融信", "internet", "11", "北京", 4),
    ("绿盟科技集团股份有限公司", "绿盟科技", "internet", "11", "北京", 3),
    ("中国长城科技集团股份有限公司", "中国长城", "manufacturing", "44", "深圳", 3),
)
INSTITUTES = (
    ("中国电子工程设计院股份有限公司", "中电工程", "other", "11", "北京"),
    ("华东建筑设计研究院有限公司", "华东院", "other", "31", "上海"),
    ("中通服咨询设计研究院有限公司", "中通服设计院", "telecom", "32", "南京"),
    ("广东省电信规划设计院有限公司", "广东电信设计院", "telecom", "44", "广州"),
    ("中讯邮电咨询设计院有限公司", "中讯设计院", "telecom", "41", "郑州"),
    ("中国建筑西南设计研究院有限公司", "西南院", "other", "51", "成都"),
)
VENDOR_TITLES = (("渠道经理", "渠道部"), ("行业客户经理", "政企业务部"), ("售前工程师", "解决方案部"),
                 ("产品经理", "产品部"), ("服务经理", "技术服务部"), ("区域总监", "区域代表处"))
INSTITUTE_TITLES = (("总工程师", "总工办"), ("设计所所长", "智能化设计所"), ("弱电设计师", "智能化设计所"),
                    ("项目负责人", "工程咨询部"))
PARTNER_ROLES = (("vendor", 35), ("subcontractor", 20), ("agent", 15), ("design_institute", 8),
                 ("supervisor", 8), ("consultant", 6), ("government", 4), ("other", 4))
RESPONSIBILITIES = {
    "vendor": ("提供核心交换机、服务器及原厂质保", "提供平台软件授权与原厂技术支持", "提供摄像机、NVR 及原厂服务",
               "提供安全设备及三年原厂维保", "原厂工程师驻场配合调试"),
    "subcontractor": ("负责综合布线与设备安装", "负责机房装修、配电与空调", "负责土建与管道施工",
                      "负责前端点位施工与立杆", "负责系统割接与迁移实施"),
    "agent": ("总代供货，负责账期与物流", "负责设备供货与到货验收", "负责区域分销与备件"),
    "design_institute": ("出具初步设计与施工图", "负责方案评审与概算编制"),
    "supervisor": ("负责工程监理与周例会", "负责隐蔽工程验收与进度监督"),
    "consultant": ("负责等保测评咨询", "负责可研报告编制", "负责招标代理与标书审核"),
    "government": ("项目主管部门，负责审批与资金", "行业主管单位，参与验收"),
    "other": ("提供运营商专线", "负责第三方检测", "提供软件开发外包"),
}
PARTNER_NOTES = (None, None, None, "账期 90 天。", "需提前两周下单。", "原厂报备已通过。", "配合度高。",
                 "上个项目有延期，注意跟进。")
POSITIONS = ("leading", "strong", "even", "weak", "out")
COMP_SOLUTIONS = ("超融合方案", "传统三层架构+集中式存储", "云管平台+国产化服务器", "全光网方案",
                  "SD-WAN 组网", "AI 智能分析平台", "分布式存储方案", "信创整机替代")
COMP_PRODUCTS = ("华为 CE 系列交换机", "新华三 UniServer 服务器", "深信服 aCloud", "海康 AI 超脑",
                 "大华 IVSS", "浪潮 NF 系列服务器", "锐捷极简以太全光", "奇安信天擎", "自研平台软件")
COMP_STRENGTHS = ("与信息中心主任关系密切", "价格有优势", "本地有服务团队", "案例多，资质齐全",
                  "原厂支持力度大", "方案演示效果好")
COMP_WEAKNESSES = ("售后响应慢", "交付能力一般", "报价偏高", "缺少同类案例", "资金紧张，垫资能力弱",
                   "上个项目验收拖延")
COMP_STRATEGY = ("强调本地化服务与驻场运维", "争取参数向我方倾斜", "联合原厂做高层拜访",
                 "报价控制在预算 95% 以内", "突出信创适配案例", "安排样板点参观")
COMP_RELATIONSHIP = (None, "与采购科长熟悉", "曾承建一期项目", "与分管副局长有往来", "刚进入该客户")
WIN_REASONS = ("technology", "relationship", "price", "qualification")
#: (key fragment of a required document) → category
REQUIRED_CATEGORY = {
    "approval_request": "management", "kickoff_minutes": "management", "service_plan": "management",
    "survey_report": "technical", "technical_solution": "technical", "detailed_design": "technical",
    "deployment_plan": "technical", "quotation": "commercial", "bid_documents": "commercial",
    "purchase_list": "commercial", "contract_draft": "contract", "contract_review_form": "contract",
    "trial_report": "acceptance", "acceptance_report": "acceptance",
}
FREE_DOCUMENTS = {
    "presales": (("客户需求沟通纪要", "management"), ("竞争对手分析报告", "commercial"),
                 ("产品选型对比表", "technical"), ("网络拓扑图", "technical"),
                 ("原厂授权函", "commercial"), ("投标保证金缴纳凭证", "commercial"),
                 ("资质证书复印件", "other"), ("方案汇报 PPT", "technical"),
                 ("客户拜访记录", "management"), ("商务偏离表", "commercial")),
    "implementation": (("项目周报", "management"), ("监理例会纪要", "management"),
                       ("设备到货签收单", "acceptance"), ("割接方案", "technical"),
                       ("分包合同", "contract"), ("安全施工承诺书", "other"),
                       ("用户操作手册", "technical"), ("培训签到表", "acceptance"),
                       ("变更申请单", "management"), ("初验报告", "acceptance"),
                       ("巡检报告", "acceptance"), ("现场勘查照片", "other")),
}
FILE_TYPES = ((".pdf", "application/pdf", 5),
              (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 4),
              (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 1))
VERSION_NOTES = ("首次提交", "根据评审意见修改", "补充附件与签字页", "更新设备清单", "修正报价", "客户确认后定稿")
REJECT_COMMENTS = ("缺少客户签字页，请补充。", "设备型号与清单不一致。", "报价毛利低于公司要求。",
                   "格式不符合模板要求。", "验收数据不完整。", "附件缺失，请补传。")
TEXT_SENTENCES = ("本文件说明项目的建设目标、范围与实施计划。", "系统采用分层架构，核心层双机冗余。",
                  "设备清单含交换机、服务器、存储及安全设备。", "验收依据合同及技术规范书执行。",
                  "项目工期 90 个日历天，分三个阶段实施。", "付款方式按合同约定执行。",
                  "会议确认了下阶段工作安排与责任人。")

#: expense category → (weight in presales, weight in implementation, median CNY, sigma)
EXPENSE_CATEGORIES = {
    "equipment": (0, 20, 30_000, 1.0), "software": (5, 8, 12_000, 0.9),
    "subcontracting": (0, 10, 40_000, 0.9), "labour": (5, 15, 5_000, 0.7),
    "travel": (45, 30, 1_200, 0.7), "entertainment": (30, 7, 800, 0.6),
    "other": (15, 10, 500, 0.8),
}
EXPENSE_TEXTS = {
    "equipment": ("采购核心交换机", "采购服务器", "采购存储扩容盘", "采购光模块", "采购 UPS 电池",
                  "采购摄像机及支架", "采购机柜与 PDU"),
    "software": ("数据库授权", "虚拟化授权", "防病毒软件授权", "演示环境云资源", "运维平台授权"),
    "subcontracting": ("综合布线分包进度款", "机房装修分包款", "土建施工分包款", "等保测评服务费"),
    "labour": ("临时施工人员劳务费", "驻场工程师加班补贴", "外包开发人员工时费"),
    "travel": ("现场勘查高铁票", "出差住宿", "出租车及市内交通", "往返机票", "项目现场差旅补贴"),
    "entertainment": ("客户交流工作餐", "技术交流会茶歇", "客户来访接待"),
    "other": ("标书制作打印装订", "快递费", "投标文件公证费", "办公耗材", "资料翻印"),
}
EXPENSE_NOTES = (None, None, "超出预算部分已与客户确认变更。", "票据不全，请补充。", "金额与合同不符。",
                 "非本项目费用。")
EFFORT_NOTES = (None, None, "编写技术方案", "客户现场交流", "准备投标文件", "方案演示", "需求调研",
                "报价测算", "答疑澄清")
#: payment plans: (weight, [(name, percent, milestone key or None for a date after acceptance)])
PAYMENT_PLANS = (
    (45, (("预付款", 30, "kicked_off"), ("到货款", 60, "goods_arrived"), ("质保金", 10, None))),
    (35, (("预付款", 30, "kicked_off"), ("到货款", 40, "goods_arrived"),
          ("验收款", 25, "accepted"), ("质保金", 5, None))),
    (20, (("验收款", 100, "accepted"),)),
)
RECEIPT_NOTES = (None, None, "银行转账", "承兑汇票", "财政直接支付", "扣除质保金后支付")


def _w(rng, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs], k=1)[0]


def _money(value) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def _d(value) -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])


class Around:
    def __init__(self, session, *, seed: int, today: date, reference_dt: datetime,
                 handins: dict | None):
        self.session = session
        self.rng = random.Random(seed)
        self.today = today
        self.ref = reference_dt
        self.handins = handins or {}
        self.rows = {name: [] for name in (
            "organizations", "contacts", "audit", "files", "partners", "partner_contacts",
            "competitors", "assessments", "analyses", "project_updates", "documents",
            "versions", "doc_decisions", "downloads", "budget", "expenses", "exp_decisions",
            "effort", "instalments", "invoices", "receipts")}

    # -- reading back -------------------------------------------------------------------

    def load(self) -> None:
        from sqlalchemy import func, select

        from sicrm.core.models import (
            Contact,
            Department,
            Organization,
            StoredFile,
            User,
            UserRole,
        )
        from sicrm.projects.documents.models import DocumentVersion, ProjectDocument
        from sicrm.projects.models import (
            Milestone,
            Project,
            ProjectMember,
            ProjectStage,
            RequiredDocument,
        )
        s = self.session
        self.users = {r.id: r for r in s.execute(select(User.id, User.active, User.department_id))}
        self.roles: dict[int, set[str]] = {}
        for uid, role in s.execute(select(UserRole.user_id, UserRole.role)):
            self.roles.setdefault(uid, set()).add(role)
        self.depts = {r.id: r for r in s.execute(
            select(Department.id, Department.parent_id, Department.head_id))}
        active = [u for u, r in self.users.items() if r.active and u != 1]
        self.with_role = {role: sorted(u for u in active if role in self.roles.get(u, ()))
                          for role in ("finance", "executive", "dept_manager", "sales", "presales",
                                       "pm", "engineer")}
        self.active = set(active)
        self.orgs = {r.id: r for r in s.execute(select(
            Organization.id, Organization.name, Organization.is_customer, Organization.is_partner,
            Organization.is_supplier, Organization.is_competitor, Organization.is_government,
            Organization.industry))}
        self.contacts: dict[int, list[int]] = {}
        for cid, oid in s.execute(select(Contact.id, Contact.organization_id).order_by(Contact.id)):
            self.contacts.setdefault(oid, []).append(cid)
        self.projects = s.execute(select(
            Project.id, Project.code, Project.kind, Project.status, Project.customer_id,
            Project.amount, Project.signed_amount, Project.pm_id, Project.department_id,
            Project.created_by_id, Project.created_dt, Project.updated_dt, Project.start_date,
            Project.source_project_id, Project.winner_id, Project.outcome_dt,
            Project.outcome_reason, Project.closed_dt).order_by(Project.id)).all()
        self.stages: dict[int, list] = {}
        for r in s.execute(select(ProjectStage.id, ProjectStage.project_id, ProjectStage.key,
                                  ProjectStage.status, ProjectStage.actual_start,
                                  ProjectStage.actual_end, ProjectStage.planned_start)
                           .order_by(ProjectStage.project_id, ProjectStage.position)):
            self.stages.setdefault(r.project_id, []).append(r)
        self.members: dict[int, dict[int, str]] = {}
        for pid, uid, role in s.execute(select(ProjectMember.project_id, ProjectMember.user_id,
                                               ProjectMember.role).order_by(ProjectMember.id)):
            self.members.setdefault(pid, {})[uid] = role
        self.required: dict[int, list] = {}
        for r in s.execute(select(RequiredDocument.id, RequiredDocument.project_id,
                                  RequiredDocument.stage_id, RequiredDocument.key,
                                  RequiredDocument.name, RequiredDocument.approver_roles)
                           .order_by(RequiredDocument.id)):
            self.required.setdefault(r.stage_id, []).append(r)
        self.milestones: dict[int, dict[str, object]] = {}
        for r in s.execute(select(Milestone.id, Milestone.project_id, Milestone.key,
                                  Milestone.planned_date, Milestone.done_date, Milestone.status)
                           .where(Milestone.key.in_(("kicked_off", "goods_arrived", "accepted")))):
            self.milestones.setdefault(r.project_id, {})[r.key] = r
        # documents the migration made from earlier hand-ins: kept as they are
        self.existing_docs: dict[int, list] = {}
        for r in s.execute(select(ProjectDocument.project_id, ProjectDocument.category,
                                  ProjectDocument.sequence, ProjectDocument.number,
                                  ProjectDocument.required_document_id)):
            self.existing_docs.setdefault(r.project_id, []).append(r)
        self.next_id = {
            "organizations": (s.scalar(select(func.max(Organization.id))) or 0) + 1,
            "contacts": (s.scalar(select(func.max(Contact.id))) or 0) + 1,
            "files": (s.scalar(select(func.max(StoredFile.id))) or 0) + 1,
            "documents": (s.scalar(select(func.max(ProjectDocument.id))) or 0) + 1,
            "versions": (s.scalar(select(func.max(DocumentVersion.id))) or 0) + 1,
        }
        for name in ("partners", "competitors", "expenses", "instalments"):
            self.next_id[name] = 1

    def new_id(self, table: str) -> int:
        value = self.next_id[table]
        self.next_id[table] = value + 1
        return value

    def at(self, day: date, lo: int = 9, hi: int = 19) -> datetime:
        moment = datetime.combine(day, time(self.rng.randrange(lo, hi), self.rng.randrange(60),
                                            self.rng.randrange(60)))
        return min(moment, self.ref - timedelta(minutes=self.rng.randrange(5, 600)))

    def day_between(self, first: date, last: date) -> date:
        if last <= first:
            return first
        return first + timedelta(days=self.rng.randrange((last - first).days + 1))

    # -- organisations added: vendors and design institutes ------------------------------

    def add_vendors(self) -> None:
        from sicrm.core.services.organizations import name_key
        from sicrm.core.text import pinyin_initials, pinyin_key
        rng = self.rng
        by_name = {o.name: oid for oid, o in self.orgs.items()}
        owners = self.with_role["sales"] or sorted(self.active)
        created = self.ref - timedelta(days=3 * 365)
        self.vendor_ids, self.vendor_weights, self.institute_ids = [], [], []
        for entry, kind in [(v, "vendor") for v in VENDORS] + [(i, "institute") for i in INSTITUTES]:
            name, short, industry, province, city = entry[:5]
            oid = by_name.get(name)
            if oid is None:
                oid = self.new_id("organizations")
                owner = rng.choice(owners)
                row = {"id": oid, "name": name, "name_key": name_key(name),
                       "name_pinyin": pinyin_key(name), "name_initials": pinyin_initials(name),
                       "short_name": short, "credit_code": None, "is_customer": False,
                       "is_partner": True, "is_supplier": kind == "vendor",
                       "is_competitor": False, "is_government": False, "industry": industry,
                       "province": province, "city": city, "level": None, "address": None,
                       "website": None, "notes": "原厂，框架协议合作。" if kind == "vendor" else None,
                       "owner_id": owner, "created_dt": created, "updated_dt": created}
                self.rows["organizations"].append(row)
                self.orgs[oid] = SimpleNamespace(id=oid, name=name, is_customer=False,
                                                 is_partner=True, is_supplier=kind == "vendor",
                                                 is_competitor=False, is_government=False,
                                                 industry=industry)
                self._audit("Organization", oid, name, row, created, owner)
                titles = VENDOR_TITLES if kind == "vendor" else INSTITUTE_TITLES
                for n in range(rng.randint(3, 8) if kind == "vendor" else rng.randint(2, 4)):
                    title, dept = titles[n % len(titles)]
                    cid = self.new_id("contacts")
                    person = self._person()
                    contact = {
                        "id": cid, "organization_id": oid, "name": person,
                        "name_pinyin": pinyin_key(person), "title": title, "department": dept,
                        "mobile": "1" + rng.choice("3589") + f"{rng.randrange(10**9):09d}",
                        "phone": None, "email": None, "decision_role": "influencer",
                        "relationship_strength": rng.randint(2, 5), "notes": None,
                        "owner_id": owner, "created_dt": created, "updated_dt": created}
                    self.rows["contacts"].append(contact)
                    self.contacts.setdefault(oid, []).append(cid)
                    self._audit("Contact", cid, person, contact, created, owner,
                                parent=("Organization", oid))
            if kind == "vendor":
                self.vendor_ids.append(oid)
                self.vendor_weights.append(entry[5])
            else:
                self.institute_ids.append(oid)

    def _person(self) -> str:
        rng = self.rng
        return rng.choice("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗") + "".join(
            rng.sample("伟芳娜敏静丽强磊军洋勇艳杰涛明超霞平刚华辉建文斌宇鹏浩凯晨欣婷", rng.choice((1, 2))))

    def _audit(self, object_type, oid, label, row, when, actor, parent=(None, None)) -> None:
        changes = {k: [None, v.isoformat() if isinstance(v, (date, datetime)) else v]
                   for k, v in row.items()
                   if k not in ("id", "created_dt", "updated_dt") and v not in (None, "", False)}
        self.rows["audit"].append({
            "action": "create", "changes": changes, "created_dt": when, "actor_id": actor,
            "object_type": object_type, "object_id": oid, "object_label": label[:300],
            "parent_type": parent[0], "parent_id": parent[1]})

    def pools(self) -> None:
        rng = self.rng
        special = set(self.vendor_ids) | set(self.institute_ids)
        companies = [o for o in sorted(self.orgs) if o not in special
                     and not self.orgs[o].is_government and self.orgs[o].industry != "government"]
        flagged = [o for o in companies if self.orgs[o].is_partner or self.orgs[o].is_supplier]
        rest = [o for o in companies if o not in set(flagged) and not self.orgs[o].is_customer
                and not self.orgs[o].is_competitor]
        rng.shuffle(rest)
        self.partner_pool = (flagged + rest)[: max(0, 300 - len(special))]
        # a few partners get most of the work
        self.partner_weights = [min(rng.paretovariate(1.5), 6.0) for _ in self.partner_pool]
        self.gov_pool = [o for o in sorted(self.orgs) if self.orgs[o].is_government][:60]
        competitors = [o for o in companies if self.orgs[o].is_competitor]
        others = [o for o in companies if o not in set(competitors) and o not in set(self.partner_pool)]
        rng.shuffle(others)
        self.competitor_pool = (competitors + others)[:150]
        self.competitor_weights = [min(rng.paretovariate(1.1), 25.0) for _ in self.competitor_pool]

    # -- per project --------------------------------------------------------------------

    def build(self) -> None:
        self.add_vendors()
        self.pools()
        self.invoice_numbers: set[str] = set()
        self.effort_day: dict[tuple[int, date], Decimal] = {}
        partners_of: dict[int, list[dict]] = {}
        for p in self.projects:
            stop = self._stop(p)
            reached = [st for st in self.stages.get(p.id, ()) if st.status in ("done", "active")]
            team = self.members.get(p.id, {})
            if p.kind == "implementation" and p.source_project_id in partners_of:
                self._carry_partners(p, partners_of[p.source_project_id])
            else:
                partners_of[p.id] = self._partners(p, stop)
            if p.kind == "presales":
                self._competitors(p, reached, team, stop)
                if p.status in ("won", "lost", "abandoned") and self.rng.random() < 0.9:
                    self._analysis(p)
                self._effort(p, team, stop)
            self._documents(p, reached, team, stop)
            self._finance(p, team, stop)

    def _stop(self, p) -> date:
        if p.status in ("won", "lost", "abandoned") and p.outcome_dt:
            return min(_d(p.outcome_dt), self.today)
        if p.status == "closed" and p.closed_dt:
            return min(_d(p.closed_dt), self.today)
        return self.today

    def _created(self, p, stop: date, spread: float = 0.6) -> datetime:
        start = _d(p.start_date)
        last = start + timedelta(days=max(0, int((stop - start).days * spread)))
        return max(self.at(self.day_between(start, min(last, stop))), p.created_dt)

    # partners ----------------------------------------------------------------------------

    def _partner_status(self, p) -> str:
        rng = self.rng
        if p.kind == "presales":
            if p.status == "active":
                return _w(rng, (("prospective", 55), ("negotiating", 45)))
            if p.status == "won":
                return _w(rng, (("contracted", 80), ("delivering", 20)))
            return _w(rng, (("prospective", 40), ("negotiating", 35), ("terminated", 25)))
        if p.status == "active":
            return _w(rng, (("contracted", 45), ("delivering", 55)))
        if p.status == "accepted":
            return _w(rng, (("delivering", 40), ("completed", 60)))
        return "completed"

    def _partners(self, p, stop: date) -> list[dict]:
        rng = self.rng
        if rng.random() >= 0.6:
            return []
        amount = p.signed_amount or p.amount
        found, seen = [], set()
        shares_left = Decimal("0.85")
        for _ in range(rng.choices((1, 2, 3, 4), weights=(35, 35, 20, 10), k=1)[0]):
            role = _w(rng, PARTNER_ROLES)
            if role == "vendor":
                org = rng.choices(self.vendor_ids, weights=self.vendor_weights, k=1)[0] \
                    if rng.random() < 0.8 else rng.choices(self.partner_pool, self.partner_weights, k=1)[0]
            elif role == "design_institute":
                org = rng.choice(self.institute_ids)
            elif role == "government":
                options = [g for g in self.gov_pool if g != p.customer_id]
                if not options:
                    continue
                org = rng.choice(options)
            else:
                org = rng.choices(self.partner_pool, weights=self.partner_weights, k=1)[0]
            if org == p.customer_id or (org, role) in seen:
                continue
            seen.add((org, role))
            value = None
            if role not in ("design_institute", "government") and amount:
                share = min(Decimal(str(round(rng.uniform(0.05, 0.40), 3))), shares_left)
                if share >= Decimal("0.01"):
                    shares_left -= share
                    value = _money(amount * share // 100 * 100)
            contacts = self.contacts.get(org, [])
            picked = rng.sample(contacts, min(len(contacts), rng.choice((0, 1, 1, 2))))
            row = {"id": self.new_id("partners"), "project_id": p.id, "organization_id": org,
                   "role": role, "status": self._partner_status(p),
                   "responsibilities": rng.choice(RESPONSIBILITIES[role]) if rng.random() < 0.8 else None,
                   "contract_value": value, "notes": rng.choice(PARTNER_NOTES),
                   "created_by_id": p.created_by_id, "created_dt": self._created(p, stop, 0.4)}
            row["updated_dt"] = row["created_dt"]
            self.rows["partners"].append(row)
            self.rows["partner_contacts"] += [{"partner_id": row["id"], "contact_id": c} for c in picked]
            found.append((row, picked))
        return found

    def _carry_partners(self, p, source: list) -> None:
        """As partners.services.carry_partners when the presales project was won."""
        for row, picked in source:
            new = dict(row, id=self.new_id("partners"), project_id=p.id,
                       status=self._partner_status(p), created_by_id=p.created_by_id,
                       created_dt=p.created_dt, updated_dt=p.created_dt)
            self.rows["partners"].append(new)
            self.rows["partner_contacts"] += [{"partner_id": new["id"], "contact_id": c} for c in picked]

    # competitors and win/loss -------------------------------------------------------------

    def _competitors(self, p, reached, team, stop: date) -> None:
        rng = self.rng
        n = rng.choices((0, 1, 2, 3, 4), weights=(15, 25, 28, 20, 12), k=1)[0]
        chosen: list[int] = []
        if p.status == "lost" and p.winner_id and p.winner_id != p.customer_id:
            chosen.append(p.winner_id)
        tries = 0
        while len(chosen) < n and tries < 20:
            tries += 1
            org = rng.choices(self.competitor_pool, weights=self.competitor_weights, k=1)[0]
            if org != p.customer_id and org not in chosen:
                chosen.append(org)
        authors = [u for u, r in team.items() if r in ("sales", "presales")] or [p.pm_id]
        amount = p.amount or Decimal("1000000")
        for org in chosen:
            cid = self.new_id("competitors")
            first = reached[0].actual_start if reached else _d(p.start_date)
            self.rows["competitors"].append({
                "id": cid, "project_id": p.id, "organization_id": org,
                "created_by_id": rng.choice(authors), "created_dt": max(self.at(_d(first)), p.created_dt)})
            winner = org == p.winner_id
            position = rng.randrange(1, 4) if not winner else rng.randrange(1, 3)
            center = float(amount) * rng.uniform(0.85, 1.15)
            for st in reached:
                st_start = _d(st.actual_start)
                st_end = min(_d(st.actual_end) if st.actual_end else stop, stop)
                for _ in range(rng.choice((1, 1, 2))):
                    step = rng.random()
                    if winner:
                        position = max(0, position - (1 if step < 0.4 else 0))
                    elif step < 0.2:
                        position = max(0, position - 1)
                    elif step < 0.45:
                        position = min(4, position + 1)
                    center *= rng.uniform(0.97, 1.02)
                    low = high = None
                    if rng.random() < 0.8:
                        low = _money(round(center * rng.uniform(0.92, 0.98), -3))
                        high = max(low, _money(round(center * rng.uniform(1.02, 1.08), -3)))
                    self.rows["assessments"].append({
                        "competitor_id": cid, "project_id": p.id, "stage_id": st.id,
                        "position": POSITIONS[position],
                        "solution": rng.choice(COMP_SOLUTIONS) if rng.random() < 0.7 else None,
                        "products": rng.choice(COMP_PRODUCTS) if rng.random() < 0.6 else None,
                        "price_low": low, "price_high": high,
                        "relationship_notes": rng.choice(COMP_RELATIONSHIP),
                        "strengths": rng.choice(COMP_STRENGTHS) if rng.random() < 0.8 else None,
                        "weaknesses": rng.choice(COMP_WEAKNESSES) if rng.random() < 0.7 else None,
                        "strategy": rng.choice(COMP_STRATEGY) if rng.random() < 0.6 else None,
                        "author_id": rng.choice(authors),
                        "created_dt": max(self.at(self.day_between(st_start, st_end)), p.created_dt)})

    def _analysis(self, p) -> None:
        rng = self.rng
        amount = p.amount or Decimal("0")
        main = p.outcome_reason
        if p.status == "won":
            main = main or rng.choice(WIN_REASONS)
            if p.outcome_reason is None:
                self.rows["project_updates"].append(
                    {"id": p.id, "outcome_reason": main, "updated_dt": p.updated_dt})
            ours = p.signed_amount or amount
            winning = ours
        elif p.status == "lost":
            ours = _money(float(amount) * rng.uniform(0.95, 1.2))
            winning = _money(float(ours) * rng.uniform(0.8, 1.05)) if rng.random() < 0.85 else None
        else:
            ours = _money(float(amount) * rng.uniform(0.95, 1.2)) if rng.random() < 0.5 else None
            winning = None
        others = [c for c in rng.sample(("price", "technology", "relationship", "qualification",
                                         "timing", "budget_cut", "requirement_changed"),
                                        rng.choice((0, 1, 1, 2))) if c != main]
        when = min(p.outcome_dt + timedelta(hours=rng.randrange(1, 72)), self.ref) \
            if p.outcome_dt else self.ref - timedelta(days=1)
        self.rows["analyses"].append({
            "project_id": p.id, "other_reasons": others, "our_price": ours,
            "winning_price": winning, "updated_by_id": p.created_by_id,
            "created_dt": when, "updated_dt": when})

    # documents ------------------------------------------------------------------------

    def _approvers(self, p, roles, team) -> dict[int, list[str]]:
        """user → roles they approve with (one decision each)."""
        found: dict[int, list[str]] = {}
        for role in roles or ["manager"]:
            if role in ("pm", "manager"):
                uid = p.pm_id
            elif role in ("sales", "presales", "engineer"):
                uid = next((u for u, r in team.items() if r == role), p.pm_id)
            elif role == "dept_manager":
                uid = self._head(p.department_id) or p.pm_id
            else:
                people = self.with_role.get(role) or [p.pm_id]
                uid = people[p.id % len(people)]
            if uid is not None:
                found.setdefault(uid, []).append(role)
        return found

    def _head(self, dept_id):
        node = dept_id
        while node is not None and node in self.depts:
            head = self.depts[node].head_id
            if head is not None and head in self.active:
                return head
            node = self.depts[node].parent_id
        return None

    def _documents(self, p, reached, team, stop: date) -> None:
        from sicrm.projects.documents.numbering import document_number
        rng = self.rng
        existing = self.existing_docs.get(p.id, [])
        done_required = {r.required_document_id for r in existing if r.required_document_id}
        sequences: dict[str, int] = {}
        numbers = {r.number for r in existing}
        for r in existing:
            sequences[r.category] = max(sequences.get(r.category, 0), r.sequence)
        project_ns = SimpleNamespace(code=p.code, start_date=_d(p.start_date))
        planned: list[tuple] = []  # (title, category, stage, requirement, handin)
        for st in reached:
            for req in self.required.get(st.id, ()):
                if req.id in done_required:
                    continue
                handin = self.handins.get(req.id)
                if st.status == "active" and handin is None and rng.random() < 0.4:
                    continue  # not started yet
                planned.append((req.name, REQUIRED_CATEGORY.get(req.key or "", "other"), st, req, handin))
        free = FREE_DOCUMENTS[p.kind]
        want = rng.randint(2, 6)
        total = len(existing) + len(planned)
        want = max(want, 4 - total)
        want = min(want, max(0, 12 - total)) if total < 12 else 0
        weekly = 0
        for title, category in rng.sample(free, min(want, len(free))):
            st = rng.choice(reached) if reached and rng.random() < 0.8 else None
            if title == "项目周报":
                weekly += 1
                title = f"项目周报（第{rng.randint(2, 30)}周）"
            planned.append((title, category, st, None, None))
        uploaders = [u for u, r in team.items() if r != "observer" and u != p.pm_id] or [p.pm_id]
        open_project = p.status in ("active", "accepted")
        for title, category, st, req, handin in planned:
            seq = sequences.get(category, 0) + 1
            sequences[category] = seq
            number = document_number(project_ns, category, seq,
                                     SimpleNamespace(key=st.key) if st is not None else None)
            if number in numbers:
                continue
            numbers.add(number)
            doc_id = self.new_id("documents")
            approvers = self._approvers(p, list(req.approver_roles or []) if req else [], team)
            uploader = next((u for u in uploaders if u not in approvers), uploaders[0])
            if st is not None:
                first = _d(st.actual_start)
                last = min(_d(st.actual_end) if st.actual_end else stop, stop)
            else:
                first, last = _d(p.start_date), stop
            # how far the document got
            stage_done = st is None and not open_project or (st is not None and st.status == "done")
            if handin is not None or stage_done:
                final = "approved"
            elif not open_project:
                final = _w(rng, (("approved", 60), ("draft", 15), ("in_review", 15), ("rejected", 10)))
            elif st is None:
                final = _w(rng, (("approved", 70), ("draft", 12), ("in_review", 13), ("rejected", 5)))
            else:  # the current stage of an open project
                final = _w(rng, (("approved", 62), ("draft", 12), ("in_review", 18), ("rejected", 8)))
            if final == "approved" and not open_project and rng.random() < 0.02:
                final = "obsolete"
            count = _w(rng, ((1, 50), (2, 30), (3, 6), (4, 5), (5, 4), (6, 1), (7, 1), (8, 1),
                             (9, 1), (10, 1)))
            created = max(self.at(first), p.created_dt)
            end = self.at(last) if last > first else created + timedelta(hours=rng.randrange(2, 48))
            end = max(end, created + timedelta(minutes=30 * count))
            self.rows["documents"].append({
                "id": doc_id, "project_id": p.id, "stage_id": st.id if st is not None else None,
                "required_document_id": req.id if req else None, "category": category,
                "sequence": seq, "number": number, "title": title[:200],
                "description": None if rng.random() < 0.8 else f"{title}，供客户与内部评审使用。",
                "created_by_id": uploader, "created_dt": created})
            step = (end - created) / count
            for n in range(1, count + 1):
                latest = n == count
                status = final if latest else ("rejected" if rng.random() < 0.15 else "superseded")
                uploaded = created + step * (n - 1)
                status_dt = min(uploaded + step * 0.8, self.ref)
                if latest and handin is not None:
                    file_id = handin["id"]
                    uploaded = max(handin["submitted_dt"] - timedelta(hours=2), uploaded) \
                        if handin.get("submitted_dt") else uploaded
                    status_dt = min(max(status_dt, uploaded + timedelta(hours=1)), self.ref)
                    uploaded = min(uploaded, status_dt)
                    file = handin
                else:
                    file = self._file(number, title, n, uploader, uploaded)
                    file_id = file["id"]
                extraction = _w(rng, (("ok", 92), ("empty", 5), ("failed", 2), ("encrypted", 1)))
                vid = self.new_id("versions")
                self.rows["versions"].append({
                    "id": vid, "document_id": doc_id, "number": n, "file_id": file_id,
                    "filename": file["filename"][:255], "content_type": file["content_type"],
                    "size": file["size"], "sha256": file["sha256"],
                    "note": VERSION_NOTES[0] if n == 1 else rng.choice(VERSION_NOTES[1:]),
                    "uploaded_by_id": uploader, "uploaded_dt": uploaded,
                    "status": status, "status_dt": status_dt if status != "draft" else uploaded,
                    "text": (f"{title}\n" + "".join(rng.sample(TEXT_SENTENCES, 3)))
                    if extraction == "ok" else None,
                    "extraction_status": extraction,
                    "extraction_error": {"failed": "无法解析文件内容（文件可能已损坏）",
                                         "encrypted": "文件已加密"}.get(extraction)})
                self._version_decisions(vid, status, approvers, uploaded, status_dt)
                if status in ("approved", "superseded", "obsolete") and rng.random() < 0.5:
                    readers = list(team) or [p.pm_id]
                    for _ in range(rng.randint(1, 3)):
                        self.rows["downloads"].append({
                            "version_id": vid, "user_id": rng.choice(readers),
                            "downloaded_dt": min(status_dt + timedelta(hours=rng.randrange(1, 400)),
                                                 self.ref)})

    def _file(self, number, title, n, uploader, when) -> dict:
        rng = self.rng
        ext, content_type, _ = rng.choices(FILE_TYPES, weights=[f[2] for f in FILE_TYPES], k=1)[0]
        digest = hashlib.sha256(f"{number}/v{n}".encode()).hexdigest()
        row = {"id": self.new_id("files"), "filename": f"{number}_{title}_v{n}{ext}",
               "content_type": content_type, "size": rng.randrange(30_000, 12_000_000),
               "sha256": digest, "storage_key": digest, "uploaded_by_id": uploader,
               "created_dt": when}
        self.rows["files"].append(row)
        return row

    def _version_decisions(self, vid, status, approvers, uploaded, status_dt) -> None:
        rng = self.rng
        people = list(approvers.items())
        if status in ("approved", "superseded", "obsolete"):
            deciders, reject = people, None
        elif status == "rejected":
            k = rng.randrange(len(people))
            deciders, reject = people[: k + 1], people[k][0]
        elif status == "in_review" and len(people) > 1 and rng.random() < 0.4:
            deciders, reject = people[:1], None
        else:
            return
        span = max(status_dt - uploaded, timedelta(minutes=10))
        for n, (uid, roles) in enumerate(deciders, start=1):
            rejected = uid == reject
            self.rows["doc_decisions"].append({
                "version_id": vid, "user_id": uid, "decision": "reject" if rejected else "approve",
                "roles": roles, "comment": rng.choice(REJECT_COMMENTS) if rejected else (
                    "同意。" if rng.random() < 0.2 else None),
                "decided_dt": uploaded + span * n / (len(deciders) + 0.01)})

    # finance --------------------------------------------------------------------------

    def _finance(self, p, team, stop: date) -> None:
        rng = self.rng
        contract = p.signed_amount or p.amount or Decimal("500000")
        lines: dict[str, Decimal] = {}
        if p.kind == "implementation":
            cats = ["equipment", "labour"] + rng.sample(
                ["software", "subcontracting", "travel", "entertainment", "other"], rng.randint(3, 5))
            weights = {c: EXPENSE_CATEGORIES[c][1] * rng.uniform(0.7, 1.3) for c in cats}
            total = contract * Decimal(str(round(rng.uniform(0.60, 0.85), 3)))
            norm = sum(weights.values())
            lines = {c: _money(total * Decimal(str(w / norm)) // 100 * 100) for c, w in weights.items()}
        elif rng.random() < 0.3:
            total = contract * Decimal(str(round(rng.uniform(0.005, 0.02), 4)))
            cats = rng.sample(["travel", "entertainment", "other"], rng.randint(2, 3))
            lines = {c: _money(total / len(cats) // 100 * 100) for c in cats}
        when = self._created(p, stop, 0.1)
        for category, planned in lines.items():
            self.rows["budget"].append({"project_id": p.id, "category": category, "planned": planned,
                                        "note": None, "updated_dt": when})
        self._expenses(p, team, stop, lines)
        if p.kind == "implementation":
            self._payment_plan(p, contract, stop)

    def _expenses(self, p, team, stop: date, lines: dict[str, Decimal]) -> None:
        rng = self.rng
        start = _d(p.start_date)
        days = max(1, (stop - start).days)
        top = 35 if p.kind == "presales" else 80
        n = max(10, round(rng.randint(10, top) * min(1.0, days / 120)))
        col = 0 if p.kind == "presales" else 1
        cats = list(EXPENSE_CATEGORIES)
        weights = [EXPENSE_CATEGORIES[c][col] for c in cats]
        if lines:  # spend where the budget is, now and then elsewhere
            weights = [w if c in lines else w * 0.06 for c, w in zip(cats, weights)]
        spenders = [u for u, r in team.items() if r != "observer" and u in self.active] or [p.pm_id]
        finance = self.with_role["finance"] or [1]
        open_project = p.status in ("active", "accepted")
        committed: dict[str, Decimal] = {}
        # spend factor per line: most lines stay under, some pass
        factor = {c: rng.uniform(0.3, 0.95) if rng.random() < 0.7 else rng.uniform(1.0, 1.5)
                  for c in lines}
        drafts = []
        for _ in range(n):
            category = rng.choices(cats, weights=weights, k=1)[0]
            median, sigma = EXPENSE_CATEGORIES[category][2:]
            amount = rng.lognormvariate(0, sigma) * median
            drafts.append((category, amount, self.day_between(start - timedelta(days=10), stop)))
        # scale the lines' expenses to their planned × factor
        for category, planned in lines.items():
            spent = sum(a for c, a, _ in drafts if c == category)
            if spent:
                scale = float(planned) * factor[category] / spent
                drafts = [(c, a * scale if c == category else a, d) for c, a, d in drafts]
        drafts.sort(key=lambda d: d[2])
        for category, amount, spent_on in drafts:
            amount = max(_money(amount), Decimal("10.00"))
            spent_on = min(spent_on, self.today)
            age = (self.today - spent_on).days
            if open_project and amount > FINANCE_THRESHOLD and age > 3:
                status = _w(rng, (("approved", 62), ("submitted", 10), ("pm_approved", 20),
                                  ("rejected", 8)))
            elif open_project:
                status = _w(rng, (("approved", 70), ("submitted", 15), ("pm_approved", 5),
                                  ("rejected", 10))) if age > 14 else _w(
                    rng, (("submitted", 55), ("pm_approved", 10), ("approved", 30), ("rejected", 5)))
            else:
                status = _w(rng, (("approved", 88), ("rejected", 12)))
            if status == "pm_approved" and amount <= FINANCE_THRESHOLD:
                status = "submitted"
            over = False
            if lines and status != "rejected":
                committed[category] = committed.get(category, Decimal(0)) + amount
                over = committed[category] > lines.get(category, Decimal(0))
            spender = rng.choice(spenders)
            submitter = spender if rng.random() < 0.85 else p.pm_id
            approver = p.pm_id if p.pm_id not in (spender, submitter) else (
                self._head(p.department_id) or finance[0])
            created = min(self.at(min(spent_on + timedelta(days=rng.randrange(0, 8)), self.today)),
                          self.ref)
            eid = self.new_id("expenses")
            receipt = None
            if rng.random() < 0.5:
                receipt = self._file(f"EXP-{eid}", "发票", 1, submitter, created)["id"]
                self.rows["files"][-1].update(
                    filename=f"报销凭证-{eid}.{'jpg' if rng.random() < 0.6 else 'pdf'}",
                    content_type="image/jpeg", size=rng.randrange(80_000, 3_000_000))
            decided = created
            decisions = []
            if status != "submitted":
                needs_finance = amount > FINANCE_THRESHOLD
                decided = min(created + timedelta(hours=rng.randrange(2, 120)), self.ref)
                if status == "rejected" and not (needs_finance and rng.random() < 0.4):
                    decisions.append(("pm", "rejected", approver, decided))
                else:
                    decisions.append(("pm", "approved", approver, decided))
                    if needs_finance and status in ("approved", "rejected"):
                        decided = min(decided + timedelta(hours=rng.randrange(2, 96)), self.ref)
                        decisions.append(("finance", status, rng.choice(finance), decided))
            self.rows["expenses"].append({
                "id": eid, "project_id": p.id, "category": category, "spent_on": spent_on,
                "amount": amount, "description": rng.choice(EXPENSE_TEXTS[category]),
                "spent_by_id": spender, "submitted_by_id": submitter, "receipt_file_id": receipt,
                "status": status, "over_budget": over, "created_dt": created, "updated_dt": decided})
            for level, decision, actor, dt in decisions:
                self.rows["exp_decisions"].append({
                    "expense_id": eid, "level": level, "decision": decision, "actor_id": actor,
                    "note": rng.choice(EXPENSE_NOTES[2:]) if decision == "rejected" else None,
                    "created_dt": dt})

    def _effort(self, p, team, stop: date) -> None:
        rng = self.rng
        people = [u for u, r in team.items() if r in ("sales", "presales", "pm") and u in self.active]
        if not people:
            return
        start = _d(p.start_date)
        days = max(1, (stop - start).days)
        n = max(3, round(rng.randint(5, 40) * min(1.0, days / 90)))
        for _ in range(n):
            uid = rng.choice(people)
            day = self.day_between(start, stop)
            if day.weekday() >= 5:
                day -= timedelta(days=day.weekday() - 4)
            hours = Decimal(rng.choice((1, 2, 2, 3, 4, 4, 6, 8))) / (2 if rng.random() < 0.2 else 1)
            key = (uid, day)
            if self.effort_day.get(key, Decimal(0)) + hours > 10:
                continue
            self.effort_day[key] = self.effort_day.get(key, Decimal(0)) + hours
            self.rows["effort"].append({
                "project_id": p.id, "user_id": uid, "work_date": day, "hours": hours.quantize(CENT),
                "hourly_cost": HOURLY_COST, "note": rng.choice(EFFORT_NOTES), "created_by_id": uid,
                "created_dt": min(self.at(min(day + timedelta(days=rng.randrange(0, 3)), self.today)),
                                  self.ref)})

    def _payment_plan(self, p, contract: Decimal, stop: date) -> None:
        rng = self.rng
        milestones = self.milestones.get(p.id, {})
        plan = rng.choices([x[1] for x in PAYMENT_PLANS], weights=[x[0] for x in PAYMENT_PLANS])[0]
        finance = self.with_role["finance"] or [p.pm_id]
        accepted = milestones.get("accepted")
        for name, percent, key in plan:
            milestone = milestones.get(key) if key else None
            if key and milestone is None:
                continue
            due_date = None
            if milestone is not None:
                due = _d(milestone.planned_date)
            else:
                base = _d(accepted.planned_date) if accepted else _d(p.start_date) + timedelta(days=180)
                due = due_date = base + timedelta(days=365)
            iid = self.new_id("instalments")
            fixed = rng.random() < 0.1
            asked = _money(contract * percent / 100)
            self.rows["instalments"].append({
                "id": iid, "project_id": p.id, "name": name,
                "percent": None if fixed else Decimal(percent).quantize(CENT),
                "amount": asked if fixed else None,
                "milestone_id": milestone.id if milestone is not None else None,
                "due_date": due_date, "created_dt": p.created_dt + timedelta(days=rng.randrange(1, 10))})
            if due <= self.today:
                paid = _w(rng, (("all", 84), ("part", 6), ("none", 10)))
                issue = True
            else:
                paid = "all" if rng.random() < 0.05 else "none"
                issue = rng.random() < 0.2
            if not issue:
                continue
            issued = min(due - timedelta(days=rng.randrange(0, 15)), self.today)
            parts = [asked] if rng.random() < 0.9 or asked < 2 else [
                _money(asked * Decimal("0.5")), asked - _money(asked * Decimal("0.5"))]
            for share in parts:
                number = f"{rng.randrange(10**7, 10**8)}"
                while number in self.invoice_numbers:
                    number = f"{rng.randrange(10**7, 10**8)}"
                self.invoice_numbers.add(number)
                self.rows["invoices"].append({
                    "project_id": p.id, "instalment_id": iid, "number": number, "issued_on": issued,
                    "amount": share, "created_by_id": rng.choice(finance),
                    "created_dt": self.at(issued)})
            if paid == "none":
                continue
            received_amount = asked if paid == "all" else _money(asked * Decimal(str(
                round(rng.uniform(0.3, 0.7), 2))))
            received_on = min(due + timedelta(days=rng.randrange(-5, 45)), self.today)
            received_on = max(received_on, issued)
            self.rows["receipts"].append({
                "project_id": p.id, "instalment_id": iid, "received_on": received_on,
                "amount": received_amount, "note": rng.choice(RECEIPT_NOTES),
                "created_by_id": rng.choice(finance), "created_dt": self.at(received_on)})

    # -- insert -------------------------------------------------------------------------

    def insert(self) -> dict[str, int]:
        from sqlalchemy import insert, update

        from sicrm.core.models import AuditLog, Contact, Organization, StoredFile
        from sicrm.projects.documents.models import (
            DocumentDecision,
            DocumentDownload,
            DocumentVersion,
            ProjectDocument,
        )
        from sicrm.projects.finance.models import (
            BudgetLine,
            EffortEntry,
            Expense,
            ExpenseDecision,
            Instalment,
            Invoice,
            Receipt,
        )
        from sicrm.projects.models import Project
        from sicrm.projects.partners.models import (
            CompetitorAssessment,
            ProjectCompetitor,
            ProjectPartner,
            WinLossAnalysis,
            partner_contacts,
        )
        s = self.session
        tables = ((Organization, "organizations"), (Contact, "contacts"), (AuditLog, "audit"),
                  (StoredFile, "files"), (ProjectPartner, "partners"),
                  (partner_contacts, "partner_contacts"), (ProjectCompetitor, "competitors"),
                  (CompetitorAssessment, "assessments"), (WinLossAnalysis, "analyses"),
                  (ProjectDocument, "documents"), (DocumentVersion, "versions"),
                  (DocumentDecision, "doc_decisions"), (DocumentDownload, "downloads"),
                  (BudgetLine, "budget"), (Expense, "expenses"), (ExpenseDecision, "exp_decisions"),
                  (EffortEntry, "effort"), (Instalment, "instalments"), (Invoice, "invoices"),
                  (Receipt, "receipts"))
        counts = {}
        for target, name in tables:
            rows = self.rows[name]
            if rows:
                for start in range(0, len(rows), 20_000):
                    s.execute(insert(target), rows[start:start + 20_000])
            table = getattr(target, "__tablename__", getattr(target, "name", name))
            if name in ("organizations", "contacts", "audit", "files"):
                table = f"{table} (added)"
            counts[table] = len(rows)
        if self.rows["project_updates"]:
            s.execute(update(Project), self.rows["project_updates"])  # ORM bulk UPDATE by id
        s.commit()
        return counts


def generate(session, *, seed: int, today: date, reference_dt: datetime,
             handins: dict | None = None) -> dict[str, int]:
    """Build and insert everything; returns the rows inserted per table."""
    around = Around(session, seed=seed, today=today, reference_dt=reference_dt, handins=handins)
    around.load()
    around.build()
    return around.insert()


def already_filled(session) -> bool:
    """True when the #5 tables already hold generated rows (partners or expenses)."""
    from sqlalchemy import func, select

    from sicrm.projects.finance.models import Expense
    from sicrm.projects.partners.models import ProjectPartner
    return bool(session.scalar(select(func.count()).select_from(ProjectPartner))
                or session.scalar(select(func.count()).select_from(Expense)))
