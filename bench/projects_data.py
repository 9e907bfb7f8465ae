"""Projects for the benchmark database, made from the built-in templates' published
versions the way sicrm.projects.services would have made and moved them along.

Used by bench/generate.py after the CRM data is inserted; pure row building (dicts)
with no database access, so it is fast and repeatable (one seeded Random)."""
from __future__ import annotations

import hashlib
import random
from bisect import bisect_left
from datetime import date, datetime, time, timedelta
from decimal import Decimal

#: share of presales projects; the rest are implementation projects
PRESALES_SHARE = 0.70
#: presales outcomes (implementation projects are active or closed by their dates)
PRESALES_STATUS = (("active", 45), ("won", 18), ("lost", 22), ("abandoned", 15))
MILESTONES_PER_PROJECT = 10
#: per reached gate of an active project, the share with a pending review
PENDING_REVIEW_SHARE = 0.55

CATEGORIES_BY_INDUSTRY = {
    "government": (("政务云平台", "云平台"), ("电子政务外网改造", "网络建设"),
                   ("数据共享交换平台", "政务信息化"), ("12345热线系统", "软件实施"),
                   ("视频会议系统", "智能化弱电"), ("机房改造", "数据中心"),
                   ("信创终端替代", "信创")),
    "public_security": (("雪亮工程视频监控", "视频监控"), ("指挥中心大屏", "智能化弱电"),
                        ("公安专网升级", "网络建设"), ("治安卡口", "视频监控"),
                        ("网络安全等保", "网络安全")),
    "healthcare": (("HIS系统升级", "软件实施"), ("数据中心机房建设", "数据中心"),
                   ("智慧病房", "智能化弱电"), ("网络安全等保测评整改", "网络安全"),
                   ("院区无线网络覆盖", "网络建设")),
    "education": (("智慧校园", "智能化弱电"), ("校园网改造", "网络建设"),
                  ("录播教室", "智能化弱电"), ("私有云平台", "云平台")),
    "finance": (("同城灾备中心", "数据中心"), ("网点智能化改造", "智能化弱电"),
                ("桌面云", "云平台"), ("安全运营中心", "网络安全"), ("信创替代", "信创")),
}
CATEGORIES_DEFAULT = (("数据中心机房", "数据中心"), ("网络升级改造", "网络建设"),
                      ("信息安全等保", "网络安全"), ("视频监控", "视频监控"),
                      ("智能化弱电", "智能化弱电"), ("私有云平台", "云平台"),
                      ("ERP实施", "软件实施"), ("信创替代", "信创"), ("桌面云", "云平台"))
NAME_SUFFIXES = (("项目", 30), ("建设项目", 20), ("一期工程", 8), ("二期项目", 6),
                 ("采购项目", 12), ("扩容项目", 8), ("升级改造项目", 8), ("运维服务项目", 4))

EXTRA_MILESTONES = {
    "presales": ("客户高层拜访", "技术交流会", "样机测试", "招标参数确认", "预算申报完成",
                 "商务谈判", "供应商入围", "方案评审会", "竞品分析完成", "报价审批",
                 "客户现场演示", "需求确认函"),
    "implementation": ("第一批设备到货", "第二批设备到货", "机房改造完成", "网络割接",
                       "等保测评", "初验", "终验", "首付款到账", "进度款到账", "尾款到账",
                       "培训完成", "系统上线", "数据迁移完成", "监理周例会", "安全检查"),
}
FILE_EXTENSIONS = ((".pdf", "application/pdf", 5),
                   (".docx", "application/vnd.openxmlformats-officedocument."
                    "wordprocessingml.document", 4),
                   (".xlsx", "application/vnd.openxmlformats-officedocument."
                    "spreadsheetml.sheet", 1))
OUTCOME_REASONS = ("price", "technology", "relationship", "qualification", "timing",
                   "budget_cut", "requirement_changed", "other")
OUTCOME_NOTES = (None, None, "对手报价低 12%。", "客户预算被削减，项目暂缓。",
                 "技术评分落后，需加强方案演示。", "客户改为框架协议采购。", "资质不满足招标要求。")


class FastCalendar:
    """WorkCalendar's answers (next_workday, add_workdays, end_of) by index arithmetic
    over a precomputed list of working days; same results, no per-day loops."""

    def __init__(self, first: date, last: date, is_workday):
        self.first = first
        self.days: list[date] = []
        self.next_index: list[int] = []  # per calendar day: index of the next working day
        pending = []
        day = first
        while day <= last:
            pending.append(day)
            if is_workday(day):
                self.next_index.extend([len(self.days)] * len(pending))
                self.days.append(day)
                pending = []
            day += timedelta(days=1)
        self.next_index.extend([len(self.days)] * len(pending))

    def index(self, day: date) -> int:
        """Index of `day` itself when a working day, else of the next one."""
        return self.next_index[(day - self.first).days]

    def at(self, index: int) -> date:
        return self.days[index]

    def index_on_or_before(self, day: date) -> int:
        return bisect_left(self.days, day + timedelta(days=1)) - 1

    def next_workday(self, day: date) -> date:
        return self.days[self.index(day)]

    def add_workdays(self, start: date, n: int) -> date:
        return self.days[self.index(start) + n]

    def end_of(self, start: date, duration: int) -> date:
        return self.add_workdays(start, max(duration - 1, 0))


def _weighted(rng, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs], k=1)[0]


def _name(names: dict, lang: str) -> str:
    return (names.get(lang) or names.get("zh") or names.get("en") or "")[:200]


def _at(rng, day: date, start_hour: int = 9, end_hour: int = 18) -> datetime:
    return datetime.combine(day, time(rng.randrange(start_hour, end_hour), rng.randrange(60),
                                      rng.randrange(60)))


def task_schedule(stage: dict) -> dict[str, tuple[int, int]]:
    """Same as sicrm.templates_lib.definition.task_schedule (imported lazily there)."""
    from sicrm.templates_lib.definition import task_schedule as schedule
    return schedule(stage)


class People:
    """Users by role and department, and the reviewer resolution of the workflow
    package (sicrm.workflow.services.reviewers.resolve) on plain rows."""

    def __init__(self, users: list[dict], user_roles: list[dict], departments: list[dict],
                 heads: dict[int, int]):
        self.user = {u["id"]: u for u in users}
        self.roles: dict[int, set[str]] = {}
        for link in user_roles:
            self.roles.setdefault(link["user_id"], set()).add(link["role"])
        self.active = [u["id"] for u in users if u["active"] and u["id"] != 1]
        self.with_role = {}
        for uid in self.active:
            for role in self.roles.get(uid, ()):
                self.with_role.setdefault(role, []).append(uid)
        self.parent = {d["id"]: d["parent_id"] for d in departments}
        self.heads = heads

    def pick(self, rng, role: str, fallback: str | None = None) -> int:
        people = self.with_role.get(role) or self.with_role.get(fallback or "", []) or self.active
        return rng.choice(people)

    def is_active(self, uid: int | None) -> bool:
        return uid is not None and self.user[uid]["active"]

    def dept_managers(self, dept_id: int | None) -> list[int]:
        people = [uid for uid in self.with_role.get("dept_manager", ())
                  if self.user[uid]["department_id"] == dept_id] if dept_id else []
        node = dept_id
        while node is not None:
            head = self.heads.get(node)
            if head is not None and self.is_active(head):
                people.append(head)
                break
            node = self.parent.get(node)
        return people

    def reviewers(self, gate: dict, project: dict, members: dict[int, str]) -> list[int] | None:
        """The reviewer ids of a gate, or None if a role finds nobody (the service
        would refuse the submission)."""
        found: list[int] = []
        for role in gate.get("reviewer_roles", ()):
            if role == "pm":
                people = [project["pm_id"]] if self.is_active(project["pm_id"]) else []
            elif role in ("sales", "presales", "engineer"):
                people = [uid for uid, r in members.items() if r == role and self.is_active(uid)]
            elif role == "dept_manager":
                people = self.dept_managers(project["department_id"])
            elif role in ("executive", "finance"):
                people = list(self.with_role.get(role, ()))
            else:
                people = []
            if not people:
                return None
            found += people
        return list(dict.fromkeys(found))


class ProjectBuilder:
    def __init__(self, rng: random.Random, *, today: date, reference_dt: datetime,
                 versions: dict[str, dict], people: People, orgs: list[dict],
                 calendar: FastCalendar):
        self.rng = rng
        self.today = today
        self.reference_dt = reference_dt
        self.versions = versions  # builtin_key -> {"id", "number", "name_zh", "category", "kind", "definition"}
        self.people = people
        self.cal = calendar
        self.today_index = calendar.index_on_or_before(today)
        self.customers = [o for o in orgs if o["is_customer"]]
        self.customer_weights = [{"strategic": 6, "key": 4, "normal": 2}.get(o["level"], 1)
                                 for o in self.customers]
        self.competitors = [o["id"] for o in orgs if o["is_competitor"]]
        self.org_names = {o["id"]: o["name"] for o in orgs}
        self.schedules = {key: [task_schedule(s) for s in v["definition"]["stages"]]
                          for key, v in versions.items()}
        self.rows = {name: [] for name in (
            "projects", "stages", "members", "milestones", "tasks", "documents", "files",
            "events", "reviews", "reviewers", "decisions", "audit")}
        self.plans: list[dict] = []  # one per project, before ids and codes

    # -- one project's shape -----------------------------------------------------------

    def _durations(self, stages: list[dict]) -> list[int]:
        """Actual working-day durations: usually near the standard, often longer."""
        return [max(1, round(s["duration"] * min(3.0, self.rng.lognormvariate(0.05, 0.35))))
                for s in stages]

    def _customer(self) -> dict:
        return self.rng.choices(self.customers, weights=self.customer_weights, k=1)[0]

    def _project_name(self, customer: dict) -> tuple[str, str]:
        options = CATEGORIES_BY_INDUSTRY.get(customer["industry"], CATEGORIES_DEFAULT)
        scope, category = self.rng.choice(options)
        label = customer.get("short_name") or customer["name"]
        if customer.get("_sector") == "company" and customer.get("short_name") is None:
            label = customer["name"].replace("股份有限公司", "").replace("集团有限公司", "") \
                .replace("有限责任公司", "").replace("有限公司", "")
        suffix = _weighted(self.rng, NAME_SUFFIXES)
        return f"{label}{scope}{suffix}"[:200], category

    def _amount(self, customer: dict) -> Decimal:
        median = 1_500_000 if customer["industry"] in ("government", "public_security",
                                                       "finance") else 800_000
        value = self.rng.lognormvariate(0, 0.95) * median
        value = min(max(value, 30_000), 80_000_000)
        step = 10_000 if value > 1_000_000 else 1_000
        return Decimal(int(value // step * step)).quantize(Decimal("0.01"))

    def _team(self, kind: str, creator: int, pm: int) -> dict[int, str]:
        """2–5 members: the creator (sales / observer), the PM, and role players."""
        rng, people = self.rng, self.people
        members: dict[int, str] = {creator: "sales" if kind == "presales" else "observer"}
        wanted = rng.choices((2, 3, 4, 5), weights=(15, 40, 30, 15), k=1)[0]
        extra_roles = (["presales", "presales", "engineer", "observer"] if kind == "presales"
                       else ["engineer", "engineer", "engineer", "observer"])
        members[pm] = "pm"
        tries = 0
        while len(members) < wanted and tries < 20:
            tries += 1
            role = rng.choice(extra_roles)
            uid = people.pick(rng, role if role != "observer" else "dept_manager", "engineer")
            members.setdefault(uid, role)
        if len(members) < 2:
            members.setdefault(people.pick(rng, "engineer"), "engineer")
        return members

    def plan_presales(self, status: str) -> dict:
        rng = self.rng
        customer = self._customer()
        gov = customer["industry"] in ("government", "public_security")
        key = "government_bid" if gov and rng.random() < 0.6 else "standard_presales"
        stages = self.versions[key]["definition"]["stages"]
        n = len(stages)
        durations = self._durations(stages)
        if status == "active":
            # more projects in the early stages (a funnel)
            k = rng.choices(range(n), weights=[max(1, n - i) ** 1.3 for i in range(n)], k=1)[0]
            elapsed = min(int(stages[k]["duration"] * rng.uniform(0, 1.6)), durations[k] + 15)
            stop = self.today_index
        elif status == "won":
            k, elapsed = n, 0
            stop = self.today_index - rng.randrange(5, 480)
        else:  # lost / abandoned at some stage, some time ago
            k = rng.choices(range(n), weights=[n - i for i in range(n)], k=1)[0]
            elapsed = rng.randrange(0, durations[k])
            stop = self.today_index - rng.randrange(3, 450)
        before = sum(d - 1 for d in durations[:k])
        start = stop - elapsed - before
        sales = self.people.pick(rng, "sales")
        pm = sales if rng.random() < 0.35 else self.people.pick(
            rng, "pm" if rng.random() < 0.5 else "presales")
        return {"kind": "presales", "key": key, "status": status, "customer": customer,
                "durations": durations, "start": start, "current": k, "stop": stop,
                "creator": sales, "pm": pm}

    def plan_implementation(self, source: dict | None) -> dict:
        rng = self.rng
        key = "standard_implementation"
        stages = self.versions[key]["definition"]["stages"]
        durations = self._durations(stages)
        if source is not None:
            start = min(source["stop"] + rng.randrange(0, 10), self.today_index)
            customer, creator = source["customer"], source["creator"]
            pm = source["pm"] if self.people.roles.get(source["pm"], set()) & {"pm"} \
                else self.people.pick(rng, "pm")
        else:
            start = self.today_index - rng.randrange(0, 600)
            customer, creator = self._customer(), self.people.pick(rng, "sales")
            pm = self.people.pick(rng, "pm")
        # forward: the stage running today, or closed when all are done
        index, k = start, len(stages)
        for i, d in enumerate(durations):
            if index + d - 1 > self.today_index:
                k = i
                break
            index += d - 1
        status = "active" if k < len(stages) else "closed"
        if status == "active" and all(i < k for i, s in enumerate(stages) if s.get("gate")):
            status = "accepted"  # acceptance gate passed, in warranty (lifecycle.finish_stage)
        stop = self.today_index if status == "active" else start + sum(d - 1 for d in durations)
        return {"kind": "implementation", "key": key, "status": status, "customer": customer,
                "durations": durations, "start": start, "current": k, "stop": stop,
                "creator": creator, "pm": pm, "source": source}

    # -- rows -----------------------------------------------------------------------------

    def build(self, total: int, milestones_total: int, history_projects: int) -> None:
        rng = self.rng
        n_pre = round(total * PRESALES_SHARE)
        presales = [self.plan_presales(_weighted(rng, PRESALES_STATUS)) for _ in range(n_pre)]
        won = [p for p in presales if p["status"] == "won"]
        impl = [self.plan_implementation(p) for p in won[: total - n_pre]]
        impl += [self.plan_implementation(None) for _ in range(total - n_pre - len(impl))]
        plans = presales + impl
        for plan in plans:
            start_day = self.cal.at(plan["start"])
            created = _at(rng, start_day - timedelta(days=rng.randrange(0, 4)))
            plan["created_dt"] = min(created, self.reference_dt - timedelta(hours=1))
        plans.sort(key=lambda p: p["created_dt"])
        counters: dict[tuple[str, int], int] = {}
        for pid, plan in enumerate(plans, start=1):
            plan["id"] = pid
            prefix = "PS" if plan["kind"] == "presales" else "IM"
            year = self.cal.at(plan["start"]).year
            counters[(prefix, year)] = counters.get((prefix, year), 0) + 1
            plan["code"] = f"{prefix}-{year}-{counters[(prefix, year)]:04d}"
        self.counters = [{"prefix": p, "year": y, "last": last}
                         for (p, y), last in sorted(counters.items())]
        self.plans = plans
        self.stage_id = 0
        for plan in plans:
            self._project_rows(plan)
        self._extra_milestones(milestones_total)
        self._milestone_history(plans, history_projects)
        self._reviews(plans)

    def _project_rows(self, plan: dict) -> None:
        rng, cal, people = self.rng, self.cal, self.people
        version = self.versions[plan["key"]]
        specs = version["definition"]["stages"]
        customer = plan["customer"]
        name, category = (plan["source"]["name"], plan["source"]["category"]) \
            if plan.get("source") else self._project_name(customer)
        plan["name"], plan["category"] = name, category
        start_date = cal.at(plan["start"])
        members = self._team(plan["kind"], plan["creator"], plan["pm"])
        plan["members"] = members
        pm = plan["pm"]
        department = people.user[pm]["department_id"] if rng.random() < 0.85 \
            else people.user[plan["creator"]]["department_id"]
        k, n = plan["current"], len(specs)
        status = plan["status"]

        # stages: actual dates by index arithmetic, planned dates as planning.plan() does
        stages = []
        index = plan["start"]
        cursor = start_date
        for position, (spec, duration) in enumerate(zip(specs, plan["durations"]), start=1):
            i = position - 1
            actual_start = actual_end = None
            stage_status = "pending"
            if i < k:
                stage_status = "done"
                actual_start, actual_end = cal.at(index), cal.at(index + duration - 1)
                index += duration - 1
            elif i == k:
                stage_status = "active"
                actual_start = cal.at(index)
            planned_start = cal.next_workday(actual_start or cursor)
            planned_end = cal.end_of(planned_start, spec["duration"])
            cursor = (actual_end or planned_end) + timedelta(days=1)
            self.stage_id += 1
            stages.append({
                "id": self.stage_id, "project_id": plan["id"], "position": position,
                "key": spec["key"], "name_zh": _name(spec["name"], "zh")[:100],
                "name_en": _name(spec["name"], "en")[:100], "std_duration": spec["duration"],
                "status": stage_status, "planned_start": planned_start,
                "planned_end": planned_end, "actual_start": actual_start,
                "actual_end": actual_end, "gate": spec.get("gate"),
            })
        plan["stages"] = stages
        current = stages[k] if k < n else None
        stop_day = cal.at(min(plan["stop"], self.today_index))
        plan["stop_day"] = stop_day

        amount = plan["source"]["signed_amount"] if plan.get("source") else self._amount(customer)
        probability = None
        expected = None
        if plan["kind"] == "presales":
            probability = min(90, 10 + round(80 * min(k, n - 1) / (n - 1) / 10) * 10)
            expected = cal.end_of(start_date, round(sum(s["duration"] for s in specs) * 1.3)) \
                + timedelta(days=rng.randrange(-20, 40))
        row = {
            "id": plan["id"], "code": plan["code"], "name": name, "kind": plan["kind"],
            "status": status, "customer_id": customer["id"],
            "template_version_id": version["id"], "department_id": department,
            "pm_id": pm, "industry": customer["industry"],
            "category": category if rng.random() < 0.85 else version["category"],
            "amount": amount, "win_probability": probability, "expected_sign_date": expected,
            "start_date": start_date, "current_stage_id": None,
            "signed_amount": None, "signed_date": None, "outcome_reason": None,
            "outcome_note": None, "winner_id": None, "outcome_dt": None,
            "source_project_id": plan["source"]["id"] if plan.get("source") else None,
            "closed_dt": None, "created_by_id": plan["creator"],
            "created_dt": plan["created_dt"], "updated_dt": plan["created_dt"],
        }
        if status == "won":
            row["signed_amount"] = (amount * Decimal(str(rng.uniform(0.88, 1.0)))).quantize(
                Decimal("0.01"))
            row["signed_date"] = stages[-1]["actual_end"]
            row["outcome_dt"] = _at(rng, row["signed_date"])
            plan["signed_amount"] = row["signed_amount"]
        elif status in ("lost", "abandoned"):
            row["outcome_reason"] = rng.choice(OUTCOME_REASONS)
            row["outcome_note"] = rng.choice(OUTCOME_NOTES)
            if status == "lost" and self.competitors and rng.random() < 0.6:
                row["winner_id"] = rng.choice(self.competitors)
            row["outcome_dt"] = _at(rng, stop_day)
        elif status == "closed":
            row["closed_dt"] = _at(rng, stages[-1]["actual_end"])
        # lost and abandoned projects keep their current stage, as mark_lost leaves it
        if current is not None:
            plan["current_stage_id"] = current["id"]
        last = row["outcome_dt"] or row["closed_dt"] or _at(rng, stop_day)
        row["updated_dt"] = max(row["created_dt"], min(last, self.reference_dt))
        plan["row"] = row
        self.rows["projects"].append(row)
        self.rows["stages"] += stages
        self.rows["members"] += [{"project_id": plan["id"], "user_id": uid, "role": role}
                                 for uid, role in members.items()]

        by_role: dict[str, int] = {}
        for uid, role in members.items():
            by_role.setdefault(role, uid)
        by_role["pm"] = pm
        plan["by_role"] = by_role
        plan["milestones"] = []
        open_project = status in ("active", "accepted")
        for spec, stage, schedule in zip(specs, stages, self.schedules[plan["key"]]):
            for item in spec.get("milestones", ()):
                self._milestone(plan, stage, item["key"], _name(item["name"], "zh"),
                                item.get("offset", 0), item.get("owner_role"))
            for item in spec.get("tasks", ()):
                start, end = schedule[item["key"]]
                offset = max(end - 1, start)
                due = cal.add_workdays(stage["planned_start"], offset)
                self.rows["tasks"].append({
                    "project_id": plan["id"], "stage_id": stage["id"], "key": item["key"],
                    "title": _name(item["name"], "zh"), "description": None,
                    "owner_role": item.get("owner_role"),
                    "assignee_id": by_role.get(item.get("owner_role")) or pm,
                    "offset": offset, "due_date": due, "priority": "normal",
                    "status": self._task_status(stage, due, open_project), "source": "template",
                    "created_by_id": None, "created_dt": plan["created_dt"],
                })
            for item in spec.get("documents", ()):
                submitted = stage["status"] == "done" or (
                    stage["status"] == "active" and rng.random() < 0.4)
                self._document(plan, stage, item, submitted)

    def _task_status(self, stage: dict, due: date, open_project: bool) -> str:
        if stage["status"] == "done":
            return "done" if self.rng.random() < 0.97 else "cancelled"
        if stage["status"] == "active" and open_project:
            if due < self.today:
                return _weighted(self.rng, (("done", 60), ("in_progress", 25), ("open", 15)))
            return _weighted(self.rng, (("open", 65), ("in_progress", 30), ("done", 5)))
        return "open"

    def _milestone(self, plan, stage, key, name, offset, owner_role) -> dict:
        rng, cal = self.rng, self.cal
        planned = cal.add_workdays(stage["planned_start"], offset)
        owner = plan["by_role"].get(owner_role) or plan["pm"]
        status, done_date = "open", None
        if stage["status"] == "done" and rng.random() < 0.95:
            status = "done"
        elif stage["status"] == "active" and planned < plan["stop_day"] and rng.random() < 0.55:
            status = "done"
        if status == "done":
            done_date = cal.add_workdays(planned, rng.randint(-2, 4))
            latest = stage["actual_end"] or plan["stop_day"]
            done_date = min(max(done_date, stage["actual_start"]), latest)
        row = {"project_id": plan["id"], "stage_id": stage["id"], "key": key, "name": name,
               "offset": offset, "owner_role": owner_role, "owner_id": owner,
               "planned_date": planned, "done_date": done_date, "status": status,
               "notes": None, "done_by_id": owner if status == "done" else None}
        plan["milestones"].append(row)
        self.rows["milestones"].append(row)
        return row

    def _document(self, plan, stage, item, submitted: bool) -> dict:
        row = {"project_id": plan["id"], "stage_id": stage["id"], "key": item["key"],
               "name": _name(item["name"], "zh"), "description": item.get("description") or None,
               "format_file_id": item.get("format_file_id"),
               "approver_roles": list(item.get("approver_roles", ())), "file_id": None,
               "submitted_by_id": None, "submitted_dt": None}
        if submitted:
            self._submit(plan, stage, row)
        self.rows["documents"].append(row)
        plan.setdefault("documents", []).append(row)
        return row

    def _submit(self, plan, stage, row) -> None:
        rng = self.rng
        ext, content_type, _ = rng.choices(FILE_EXTENSIONS, weights=[f[2] for f in FILE_EXTENSIONS],
                                           k=1)[0]
        day = stage["actual_end"] or plan["stop_day"]
        when = min(_at(rng, max(stage["actual_start"], day - timedelta(days=rng.randrange(0, 4)))),
                   self.reference_dt)
        digest = hashlib.sha256(f"{plan['code']}/{stage['key']}/{row['key']}".encode()).hexdigest()
        file_id = len(self.rows["files"]) + 1
        uploader = plan["pm"]
        self.rows["files"].append({
            "id": file_id, "filename": f"{row['name']}-{plan['code']}{ext}",
            "content_type": content_type, "size": rng.randrange(40_000, 8_000_000),
            "sha256": digest, "storage_key": digest, "uploaded_by_id": uploader,
            "created_dt": when})
        row.update(file_id=file_id, submitted_by_id=uploader, submitted_dt=when)

    def _extra_milestones(self, milestones_total: int) -> None:
        """Milestones added by hand (no template key), heavy-tailed over projects,
        so that the total is `milestones_total`."""
        rng = self.rng
        plans = self.plans
        missing = milestones_total - len(self.rows["milestones"])
        if missing <= 0:
            return
        weights = [min(rng.paretovariate(1.3), 12.0) for _ in plans]
        for plan in rng.choices(plans, weights=weights, k=missing):
            stage = rng.choice(plan["stages"])
            offset = rng.randrange(0, stage["std_duration"] + 1)
            self._milestone(plan, stage, None, rng.choice(EXTRA_MILESTONES[plan["kind"]]),
                            offset, rng.choice(("pm", "pm", "sales", "engineer", None)))

    # -- history: events and reviews ---------------------------------------------------

    def _event(self, plan, kind: str, actor: int | None, when: datetime, **params) -> None:
        self.rows["events"].append({"project_id": plan["id"], "kind": kind, "actor_id": actor,
                                    "params": params,
                                    "created_dt": min(when, self.reference_dt)})

    def _milestone_history(self, plans: list[dict], count: int) -> None:
        """Full stories (created, team, stages, gates, milestones, outcome) for `count`
        projects, including the active project with the most milestones."""
        rng = self.rng
        chosen = rng.sample(plans, min(count, len(plans)))
        active = [p for p in plans if p["status"] == "active"]
        if active:
            busiest = max(active, key=lambda p: (len(p["milestones"]), -p["id"]))
            if busiest not in chosen:
                chosen.append(busiest)
        self.history_ids = {p["id"] for p in chosen}
        for plan in chosen:
            version = self.versions[plan["key"]]
            self._event(plan, "created", plan["creator"], plan["created_dt"],
                        template=version["name_zh"], version=version["number"])
            for uid, role in plan["members"].items():
                if uid not in (plan["creator"], plan["pm"]) and rng.random() < 0.3:
                    self._event(plan, "member_set", plan["pm"],
                                plan["created_dt"] + timedelta(days=rng.randrange(1, 10)),
                                user=self.people.user[uid]["full_name"], role=role)
            for m in plan["milestones"]:
                if m["status"] == "done" and rng.random() < 0.5:
                    self._event(plan, "milestone_done", m["owner_id"], _at(rng, m["done_date"]),
                                milestone=m["name"], date=m["done_date"].isoformat())
            for doc in plan.get("documents", ()):
                if doc["file_id"]:
                    self._event(plan, "document_submitted", doc["submitted_by_id"],
                                doc["submitted_dt"], document=doc["name"],
                                file=self.rows["files"][doc["file_id"] - 1]["filename"])
            for stage in plan["stages"]:
                if stage["status"] != "done":
                    continue
                end = _at(rng, stage["actual_end"])
                if stage["gate"]:
                    self._approved_review(plan, stage, end)
                self._event(plan, "stage_finished", plan["pm"], end, stage=stage["name_zh"],
                            stage_en=stage["name_en"], gate=bool(stage["gate"]))
            row = plan["row"]
            if row["status"] == "won":
                impl = next((p for p in plans if p.get("source") is plan), None)
                self._event(plan, "won", plan["creator"], row["outcome_dt"],
                            amount=str(row["signed_amount"]),
                            implementation=impl["code"] if impl else "")
            elif row["status"] in ("lost", "abandoned"):
                winner = self.org_names.get(row["winner_id"])
                self._event(plan, row["status"], plan["creator"], row["outcome_dt"],
                            reason=row["outcome_reason"], winner=winner)

    def _add_observers(self, plan, reviewers: list[int]) -> None:
        """As workflow.services.reviews.submit: reviewers not on the team join as observers."""
        team = set(plan["members"]) | {plan["pm"]}
        for uid in reviewers:
            if uid not in team:
                plan["members"][uid] = "observer"
                self.rows["members"].append({"project_id": plan["id"], "user_id": uid,
                                             "role": "observer"})
                team.add(uid)

    def _review(self, plan, stage, status, round_, submitted: datetime, reviewers,
                decided: datetime | None) -> dict:
        review = {"id": len(self.rows["reviews"]) + 1, "project_id": plan["id"],
                  "stage_id": stage["id"], "round": round_, "status": status,
                  "rule": stage["gate"].get("rule", "all"),
                  "checklist": [{"text": item, "done": True}
                                for item in stage["gate"].get("checklist", [])],
                  "note": self.rng.choice((None, None, "材料已齐，请审批。", "客户已口头确认。")),
                  "submitted_by_id": plan["pm"], "submitted_dt": min(submitted, self.reference_dt),
                  "decided_dt": decided}
        self.rows["reviews"].append(review)
        self.rows["reviewers"] += [{"review_id": review["id"], "user_id": uid} for uid in reviewers]
        self._add_observers(plan, reviewers)
        return review

    def _approved_review(self, plan, stage, end: datetime) -> None:
        rng = self.rng
        reviewers = self.people.reviewers(stage["gate"], plan["row"], plan["members"])
        if not reviewers:
            return
        submitted = end - timedelta(days=rng.randrange(1, 5), hours=rng.randrange(0, 8))
        round_ = 1
        if rng.random() < 0.15:  # rejected once, then passed
            first = self._review(plan, stage, "rejected", 1, submitted - timedelta(days=7),
                                 reviewers, submitted - timedelta(days=5))
            self.rows["decisions"].append({
                "review_id": first["id"], "reviewer_id": reviewers[0], "decision": "reject",
                "comment": rng.choice(("报价毛利不足，请重新测算。", "方案缺少等保要求说明。",
                                       "付款条件需与客户再沟通。")),
                "created_dt": submitted - timedelta(days=5)})
            self._event(plan, "gate_submitted", plan["pm"], submitted - timedelta(days=7),
                        stage=stage["name_zh"], stage_en=stage["name_en"], round=1)
            self._event(plan, "gate_rejected", reviewers[0], submitted - timedelta(days=5),
                        stage=stage["name_zh"], stage_en=stage["name_en"], round=1,
                        reasons=self.rows["decisions"][-1]["comment"])
            round_ = 2
        review = self._review(plan, stage, "approved", round_, submitted, reviewers, end)
        rule = review["rule"]
        needed = {"any": 1, "majority": len(reviewers) // 2 + 1}.get(rule, len(reviewers))
        for n, uid in enumerate(reviewers[:needed]):
            self.rows["decisions"].append({
                "review_id": review["id"], "reviewer_id": uid, "decision": "approve",
                "comment": None, "created_dt": submitted + (end - submitted) * (n + 1) / needed})
        self._event(plan, "gate_submitted", plan["pm"], submitted, stage=stage["name_zh"],
                    stage_en=stage["name_en"], round=round_)
        self._event(plan, "gate_approved", reviewers[needed - 1], end, stage=stage["name_zh"],
                    stage_en=stage["name_en"], round=round_)

    def _reviews(self, plans: list[dict]) -> None:
        """Pending reviews for active projects whose current stage is a gate."""
        rng = self.rng
        for plan in plans:
            if plan["status"] not in ("active", "accepted") or "current_stage_id" not in plan:
                continue
            stage = plan["stages"][plan["current"]]
            if not stage["gate"] or rng.random() > PENDING_REVIEW_SHARE:
                continue
            reviewers = self.people.reviewers(stage["gate"], plan["row"], plan["members"])
            if not reviewers:
                continue
            for doc in plan.get("documents", ()):  # submission needs every document
                if doc["stage_id"] == stage["id"] and doc["file_id"] is None:
                    self._submit(plan, stage, doc)
            submitted = _at(rng, self.cal.at(max(self.cal.index(stage["actual_start"]),
                                                 self.today_index - rng.randrange(0, 6))))
            review = self._review(plan, stage, "pending", 1, submitted, reviewers, None)
            if len(reviewers) > 1 and rng.random() < 0.4:  # someone already approved
                self.rows["decisions"].append({
                    "review_id": review["id"], "reviewer_id": reviewers[-1],
                    "decision": "approve", "comment": None,
                    "created_dt": min(submitted + timedelta(hours=rng.randrange(1, 30)),
                                      self.reference_dt)})
            self._event(plan, "gate_submitted", plan["pm"], submitted, stage=stage["name_zh"],
                        stage_en=stage["name_en"], round=1)

    def finish(self) -> dict[str, list[dict]]:
        """Current stages (to set after the stages exist) and the rows per table."""
        # updated_dt given so that the column's onupdate does not fire
        self.rows["current"] = [{"id": p["id"], "current_stage_id": p["current_stage_id"],
                                 "updated_dt": p["row"]["updated_dt"]}
                                for p in self.plans if p.get("current_stage_id")]
        return self.rows


def build_projects(rng, *, total: int, milestones_total: int, history_projects: int,
                   today: date, reference_dt: datetime, versions, people, orgs,
                   is_workday) -> tuple[dict[str, list[dict]], list[dict]]:
    calendar = FastCalendar(date(2021, 1, 1), date(2030, 12, 31), is_workday)
    builder = ProjectBuilder(rng, today=today, reference_dt=reference_dt, versions=versions,
                             people=people, orgs=orgs, calendar=calendar)
    builder.build(total, milestones_total, history_projects)
    return builder.finish(), builder.counters
