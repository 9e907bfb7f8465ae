"""Route-permission table of related knowledge (see tests/test_route_permissions.py).

Uses the project of tests.projects.routes (team: owner; the manager manages its
department) and the article of tests.knowledge.routes (engineers read it, the
manager edits it, the owner may not read it)."""
from sicrm.extensions import db
from sicrm.knowledge.related.models import KnowledgeLink
from tests.fixtures.routes import Case

PROJECT_ARTICLE = {"project_id": "project", "article_id": "kb_article"}

ROUTES = {
    "related.project_knowledge": Case(args={"project_id": "project"},
                                      refused=("outsider", "engineer"), allowed="owner"),
    "related.mark": Case("POST", args=PROJECT_ARTICLE, data={"verdict": "pinned"},
                         refused=("outsider", "engineer", "owner"), allowed="manager"),
    "related.link": Case("POST", args=PROJECT_ARTICLE,
                         refused=("outsider", "engineer", "owner"), allowed="manager"),
    "related.unlink": Case("POST", args={"link_id": "kb_link"},
                           refused=("outsider", "engineer", "finance"), allowed="manager"),
    "related.article_link": Case("POST", args={"article_id": "kb_article"},
                                 data={"target": ""}, refused=("outsider", "finance", "owner"),
                                 allowed="engineer"),
}


def populate(world):
    link = KnowledgeLink(article_id=world["kb_article"].id, project_id=world["project"].id,
                         created_by_id=world["manager"].id)
    db.session.add(link)
    db.session.flush()
    world["kb_link"] = link
