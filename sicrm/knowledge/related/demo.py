"""Demo links between knowledge and the demo projects (called by `sicrm demo` after the
knowledge base and the projects exist). Idempotent."""
from __future__ import annotations

from sqlalchemy import select

from sicrm.core.models import Organization, User
from sicrm.extensions import db
from sicrm.knowledge.models import Article
from sicrm.knowledge.related.models import KnowledgeLink
from sicrm.projects.models import Project

#: (article title, project name or None, organisation short name or None)
LINKS = [
    ("智慧政务一网通办解决方案", "政务云安全能力提升项目", None),
    ("政务外网等保2.0三级建设方案", "政务云安全能力提升项目", None),
    ("银行数据中心双活解决方案", None, "工行北分"),
]


def load_demo_related() -> int:
    admin = db.session.scalar(select(User).where(User.username == "admin"))
    if admin is None:
        return 0
    added = 0
    for title, project_name, org_name in LINKS:
        article = db.session.scalar(select(Article).where(Article.title == title))
        project = db.session.scalar(select(Project).where(Project.name == project_name)
                                    .order_by(Project.id)) if project_name else None
        org = db.session.scalar(select(Organization).where(
            Organization.short_name == org_name)) if org_name else None
        if article is None or (project is None and org is None):
            continue
        target = (KnowledgeLink.project_id == project.id if project is not None
                  else KnowledgeLink.organization_id == org.id)
        if db.session.scalar(select(KnowledgeLink.id).where(
                KnowledgeLink.article_id == article.id, target)):
            continue
        db.session.add(KnowledgeLink(article_id=article.id, created_by_id=admin.id,
                                     project_id=project.id if project else None,
                                     organization_id=org.id if org else None))
        added += 1
    db.session.flush()
    return added
