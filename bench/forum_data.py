"""Discussion-board rows for the benchmark database (issue #7): boards (company-wide,
one per department, one per project), threads and 50,000 posts across them, with
mentions, watches, read marks and edit history.

    generate(session, seed=..., reference_dt=..., posts=50_000) -> counts

Reads users, departments, projects and teams back from the database, builds every row
with one seeded `random.Random` (so runs are identical), gives them explicit ids and
bulk-inserts them with Core; board and thread counters are filled consistently. Used
by `generate.py --only-forum` on an existing bench database. The search index is not
fed (`sicrm reindex` does it when wanted)."""
from __future__ import annotations

import random
from datetime import datetime, timedelta

POSTS = 50_000
#: share of threads per board kind
KIND_SHARE = (("company", 0.10), ("department", 0.20), ("project", 0.70))
#: one very long thread (paging of the thread page) and one very busy project board
LONG_THREAD_POSTS = 600
BUSY_PROJECT_THREADS = 400

TOPICS = ("交换机选型", "机房改造方案", "割接窗口确认", "设备到货验收", "等保测评整改", "投标文件复核",
          "客户需求变更", "现场勘查记录", "质保期服务安排", "备件申请", "监控点位调整", "存储扩容评估",
          "服务器上架计划", "网络拓扑评审", "培训安排", "验收资料清单", "防火墙策略梳理", "无线覆盖测试",
          "项目周报", "付款节点跟进", "分包商进场", "系统联调问题", "数据迁移方案", "应急预案演练")
SENTENCES = ("现场勘查已完成，机柜空间和承重满足要求。", "客户希望把割接安排在周六凌晨两点到六点。",
             "原厂工程师下周二到场配合调试。", "设备清单已经发给客户确认，等待回复。",
             "核心交换机堆叠配置需要再核对一遍成员口编号。", "监理要求补充隐蔽工程的照片。",
             "第二批服务器到货延期三天，已通知采购。", "等保测评提出了七项整改意见，附件里有清单。",
             "建议用 LACP 静态模式，对端也要一致。", "这个问题和上个项目遇到的一样，更换光模块后恢复。",
             "客户信息中心主任周四下午有空，可以约汇报。", "请大家在周五前把各自负责部分的文档更新到系统里。",
             "报价单里的维保年限和合同不一致，需要修改。", "已和分包商确认施工人员名单和保险。",
             "测试环境已经搭好，可以开始联调。", "存储池剩余容量不足 20%，建议本季度扩容。")
CODE = ("```\ninterface Eth-Trunk1\n mode lacp-static\n port link-type trunk\n```",
        "```\ndisplay stack\ndisplay interface brief\n```", "`ping -c 100 10.1.1.1`")
REPLIES = ("收到。", "同意，按这个方案执行。", "已处理，请复核。", "我这边没问题。", "补充一点：",
           "谢谢，问题已解决。", "明天上午给结论。", "已更新到项目文档里。")


class Forum:
    def __init__(self, session, *, seed: int, reference_dt: datetime, posts: int):
        self.session = session
        self.rng = random.Random(seed)
        self.reference_dt = reference_dt
        self.total_posts = posts
        self.rows: dict[str, list[dict]] = {name: [] for name in (
            "boards", "moderators", "threads", "posts", "revisions", "mentions", "watches",
            "marks")}

    # -- read ----------------------------------------------------------------------------

    def load(self) -> None:
        from sqlalchemy import delete, select

        from sicrm.core.models import Department, User
        from sicrm.forum.models import Board, BoardModerator, Watch
        from sicrm.projects.models import Project, ProjectMember
        s = self.session
        # boards made on a visit before the posts came (empty): replaced by numbered ones
        for model in (Watch, BoardModerator, Board):
            s.execute(delete(model))
        self.users = s.execute(select(User.id, User.username, User.department_id)
                               .where(User.active.is_(True)).order_by(User.id)).all()
        self.admin_id = s.scalar(select(User.id).where(User.username == "admin"))
        self.departments = s.execute(select(Department.id, Department.name, Department.head_id)
                                     .order_by(Department.id)).all()
        self.projects = s.execute(select(Project.id, Project.name, Project.pm_id,
                                         Project.created_dt).order_by(Project.id)).all()
        self.teams: dict[int, list[int]] = {}
        for project_id, user_id in s.execute(select(ProjectMember.project_id,
                                                    ProjectMember.user_id)):
            self.teams.setdefault(project_id, []).append(user_id)
        for p in self.projects:
            if p.pm_id:
                self.teams.setdefault(p.id, []).insert(0, p.pm_id)
        self.usernames = {u.id: u.username for u in self.users}
        self.by_department: dict[int, list[int]] = {}
        for u in self.users:
            if u.department_id:
                self.by_department.setdefault(u.department_id, []).append(u.id)

    # -- build ---------------------------------------------------------------------------

    def build(self) -> None:
        rng, now = self.rng, self.reference_dt
        boards = self.rows["boards"]
        everyone = [u.id for u in self.users]
        board_people: dict[int, list[int]] = {}

        def board(kind, name, department_id=None, project_id=None, people=everyone):
            boards.append({"id": len(boards) + 1, "kind": kind, "name": name[:100],
                           "description": None, "department_id": department_id,
                           "project_id": project_id, "archived": False, "position": 0,
                           "created_by_id": self.admin_id, "created_dt": now - timedelta(days=400),
                           "thread_count": 0, "post_count": 0, "last_activity_dt": None})
            board_people[len(boards)] = people or everyone
            return len(boards)

        company = board("company", "公告与交流")
        departments = [board("department", f"{d.name}交流区", department_id=d.id,
                             people=self.by_department.get(d.id, []))
                       for d in self.departments]
        for d, board_id in zip(self.departments, departments):
            if d.head_id:
                self.rows["moderators"].append({"board_id": board_id, "user_id": d.head_id,
                                                "created_dt": now - timedelta(days=300)})
        projects = [board("project", p.name, project_id=p.id,
                          people=self.teams.get(p.id, []))
                    for p in self.projects]
        busy = projects[0] if projects else company

        # threads: sizes skewed (most short, a few long), one very long
        threads_wanted = max(1, self.total_posts // 10)
        sizes = [1 + int(rng.paretovariate(1.6)) for _ in range(threads_wanted)]
        sizes[0] = LONG_THREAD_POSTS
        scale = (self.total_posts - LONG_THREAD_POSTS) / max(1, sum(sizes[1:]))
        sizes = [sizes[0]] + [max(1, round(x * scale)) for x in sizes[1:]]
        sizes[-1] += self.total_posts - sum(sizes)
        while sizes[-1] < 1:
            sizes.pop()
            sizes[-1] += self.total_posts - sum(sizes)

        post_id = 0
        for index, size in enumerate(sizes):
            if index == 0 or index <= BUSY_PROJECT_THREADS:
                board_id = busy
            else:
                pick = rng.random()
                if pick < KIND_SHARE[0][1]:
                    board_id = company
                elif pick < KIND_SHARE[0][1] + KIND_SHARE[1][1] and departments:
                    board_id = rng.choice(departments)
                else:
                    board_id = rng.choice(projects) if projects else company
            people = board_people[board_id] or everyone
            thread_id = index + 1
            start = now - timedelta(minutes=rng.randint(60, 360 * 24 * 60))
            author = rng.choice(people)
            topic = rng.choice(TOPICS)
            when = start
            last_author = author
            for number in range(1, size + 1):
                post_id += 1
                writer = author if number == 1 else rng.choice(people)
                if number > 1:
                    when = when + timedelta(minutes=rng.randint(1, 600))
                body = self._body(number, topic, people, post_id)
                deleted = number > 1 and rng.random() < 0.01
                edited = rng.random() < 0.03
                self.rows["posts"].append({
                    "id": post_id, "thread_id": thread_id, "number": number,
                    "author_id": writer, "body": body,
                    "quoted_post_id": post_id - 1 if number > 2 and rng.random() < 0.1 else None,
                    "created_dt": when, "edited_dt": when + timedelta(minutes=5) if edited else None,
                    "edited_by_id": writer if edited else None,
                    "deleted_dt": when + timedelta(hours=1) if deleted else None,
                    "deleted_by_id": writer if deleted else None})
                if edited:
                    self.rows["revisions"].append({
                        "post_id": post_id, "number": 1, "body": body[: len(body) // 2] or "初稿",
                        "title": None, "written_by_id": writer, "written_dt": when,
                        "edited_by_id": writer, "edited_dt": when + timedelta(minutes=5)})
                last_author = writer
            solved = size > 2 and rng.random() < 0.2
            self.rows["threads"].append({
                "id": thread_id, "board_id": board_id,
                "title": f"{topic}（{thread_id}）", "author_id": author,
                "pinned": rng.random() < 0.01, "locked": rng.random() < 0.02,
                "solution_post_id": (post_id - size + 2) if solved else None,
                "created_dt": start, "last_activity_dt": when, "last_author_id": last_author,
                "post_count": size, "last_number": size, "deleted_dt": None,
                "deleted_by_id": None, "stage_id": None, "milestone_id": None,
                "document_id": None, "organization_id": None})
            b = boards[board_id - 1]
            b["thread_count"] += 1
            b["post_count"] += size
            if b["last_activity_dt"] is None or when > b["last_activity_dt"]:
                b["last_activity_dt"] = when
            if rng.random() < 0.3:
                self.rows["watches"].append({"user_id": author, "board_id": None,
                                             "thread_id": thread_id, "created_dt": start})
            if self.admin_id and rng.random() < 0.5:
                self.rows["marks"].append({"user_id": self.admin_id, "thread_id": thread_id,
                                           "last_read_number": rng.randint(1, size),
                                           "read_dt": when})
        # soft-deleted posts do not count
        deleted = {}
        for p in self.rows["posts"]:
            if p["deleted_dt"] is not None:
                deleted[p["thread_id"]] = deleted.get(p["thread_id"], 0) + 1
        for t in self.rows["threads"]:
            gone = deleted.get(t["id"], 0)
            t["post_count"] -= gone
            boards[t["board_id"] - 1]["post_count"] -= gone
        for i, w in enumerate(self.rows["watches"], 1):
            w["id"] = i

    def _body(self, number: int, topic: str, people: list[int], post_id: int) -> str:
        rng = self.rng
        if number > 1 and rng.random() < 0.4:
            text = rng.choice(REPLIES) + rng.choice(SENTENCES)
        else:
            text = "".join(rng.sample(SENTENCES, rng.randint(2, 5)))
            if rng.random() < 0.1:
                text += "\n\n" + rng.choice(CODE)
        if rng.random() < 0.05 and people:
            user_id = rng.choice(people)
            text = f"@{self.usernames[user_id]} " + text
            self.rows["mentions"].append({"post_id": post_id, "user_id": user_id,
                                          "created_dt": self.reference_dt})
        return f"关于{topic}：" + text if number == 1 else text

    # -- insert --------------------------------------------------------------------------

    def insert(self) -> dict[str, int]:
        from sqlalchemy import insert, update

        from sicrm.forum.models import (
            Board,
            BoardModerator,
            Mention,
            Post,
            PostRevision,
            ReadMark,
            Thread,
            Watch,
        )
        s = self.session
        solutions = [{"id": t["id"], "solution_post_id": t.pop("solution_post_id")}
                     for t in self.rows["threads"]]
        tables = ((Board, "boards"), (BoardModerator, "moderators"), (Thread, "threads"),
                  (Post, "posts"), (PostRevision, "revisions"), (Mention, "mentions"),
                  (Watch, "watches"), (ReadMark, "marks"))
        counts = {}
        for target, name in tables:
            rows = self.rows[name]
            for start in range(0, len(rows), 20_000):
                s.execute(insert(target), rows[start:start + 20_000])
            counts[target.__tablename__] = len(rows)
        solved = [row for row in solutions if row["solution_post_id"]]
        if solved:
            s.execute(update(Thread), solved)
        s.commit()
        return counts


def generate(session, *, seed: int, reference_dt: datetime, posts: int = POSTS) -> dict:
    forum = Forum(session, seed=seed, reference_dt=reference_dt, posts=posts)
    forum.load()
    forum.build()
    return forum.insert()


def already_filled(session) -> bool:
    from sqlalchemy import func, select

    from sicrm.forum.models import Post
    return bool(session.scalar(select(func.count()).select_from(Post)))
