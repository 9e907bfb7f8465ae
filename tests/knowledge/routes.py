"""Route-permission table of the knowledge base (see tests/test_route_permissions.py).

The world gets a catalog 技术方案 (owner: admin) that engineers may query and the
manager may edit, with one published article by the manager carrying an attachment;
and it promotes the documents table's draft version (tests.projects.routes_documents:
the project's team sees it, outsider and engineer do not)."""
from io import BytesIO

from sicrm.core import roles as R
from sicrm.extensions import db
from sicrm.knowledge.services import articles as AS
from sicrm.knowledge.services import catalogs as CS
from sicrm.knowledge.services.grants import GrantSpec
from tests.fixtures.routes import Case

CATALOG = {"catalog_id": "kb_catalog"}
ARTICLE = {"article_id": "kb_article"}
ATTACHMENT = {**ARTICLE, "attachment_id": "kb_attachment"}

ROUTES: dict[str, Case] = {
    "knowledge.catalog_tree": Case(allowed="outsider"),
    "knowledge.catalog_create": Case(refused=("engineer", "manager", "executive"),
                                     allowed="admin"),
    "knowledge.catalog_view": Case(args=CATALOG, refused=("outsider", "finance"),
                                   allowed="engineer"),
    "knowledge.catalog_edit": Case(args=CATALOG, refused=("engineer", "manager"),
                                   allowed="admin"),
    "knowledge.catalog_move": Case("POST", args=CATALOG, data={"parent_id": ""},
                                   refused=("engineer", "manager"), allowed="admin"),
    "knowledge.catalog_archive": Case("POST", args=CATALOG, data={"archived": "1"},
                                      refused=("engineer", "manager", "outsider"),
                                      allowed="admin"),
    "knowledge.catalog_permissions": Case(args=CATALOG, refused=("engineer", "manager"),
                                          allowed="admin"),
    "knowledge.article_create": Case(args=CATALOG, refused=("engineer", "outsider"),
                                     allowed="manager"),
    "knowledge.article_view": Case(args=ARTICLE, refused=("outsider", "finance"),
                                   allowed="engineer"),
    "knowledge.article_edit": Case(args=ARTICLE, refused=("engineer", "outsider"),
                                   allowed="manager"),
    "knowledge.article_status": Case("POST", args=ARTICLE, data={"status": "archived"},
                                     refused=("engineer", "outsider"), allowed="manager"),
    "knowledge.article_permissions": Case(args=ARTICLE, refused=("engineer", "outsider"),
                                          allowed="manager"),
    "knowledge.attachment_upload": Case("POST", args=ARTICLE,
                                        refused=("engineer", "outsider"), allowed="manager"),
    "knowledge.attachment_download": Case(args=ATTACHMENT, refused=("outsider", "finance"),
                                          allowed="engineer"),
    "knowledge.attachment_delete": Case("POST", args=ATTACHMENT,
                                        refused=("engineer", "outsider"), allowed="manager"),
    "knowledge.article_history": Case(args=ARTICLE, refused=("outsider",),
                                      allowed="engineer"),
    "knowledge.version_view": Case(args={**ARTICLE, "version_id": "kb_version"},
                                   refused=("outsider",), allowed="engineer"),
    "knowledge.preview": Case("POST", data={"body": "# 标题"},
                              refused=("engineer", "outsider"), allowed="manager"),
    "knowledge.keyword_suggest": Case(allowed="outsider"),
    "knowledge.keyword_merge": Case(refused=("engineer", "outsider"), allowed="manager"),
    "knowledge.promote": Case(args={"version_id": "draft_version"},
                              refused=("outsider", "engineer"), allowed="admin"),
}


def populate(world):
    admin, manager = world["admin"], world["manager"]
    catalog = CS.create_catalog(admin, name="技术方案", grants=[
        GrantSpec("role", role=R.ENGINEER), GrantSpec("user", user_id=manager.id,
                                                      level="edit")])
    article = AS.create_article(manager, catalog=catalog, title="防火墙双机热备配置",
                                body="## 步骤\n\n1. 配置心跳线", keywords=["防火墙"],
                                attachments=[("配置.txt", BytesIO("心跳线".encode()))])
    world["kb_catalog"], world["kb_article"] = catalog, article
    world["kb_attachment"], world["kb_version"] = article.attachments[0], article.versions[0]
    db.session.flush()
