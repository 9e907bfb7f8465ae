"""Route-permission table for bulk import (see tests/test_route_permissions.py).

world["import_catalog"] 导入资料 is owned by owner (who may import into it) and read by
engineers; world["import_run"] is owner's import into it. The outsider and the
engineer edit no catalog; the manager edits another catalog (tests.knowledge.routes)
but neither ran this import nor administers the knowledge base. Uploads (POST) and
their refusals: tests/knowledge/test_import_views.py."""
import io
import zipfile

from sicrm.extensions import db
from sicrm.knowledge.imports import services
from sicrm.knowledge.imports.sources import ZipSource
from sicrm.knowledge.services import catalogs as CS
from sicrm.knowledge.services.grants import GrantSpec
from tests.fixtures.routes import Case

ROUTES: dict[str, Case] = {
    "imports.import_list": Case(refused=("outsider", "engineer", "finance"), allowed="owner"),
    "imports.import_new": Case(refused=("outsider", "engineer", "finance"), allowed="owner"),
    "imports.import_view": Case(args={"run_id": "import_run"},
                                refused=("outsider", "engineer", "manager"),
                                allowed="owner"),
}


def populate(world):
    owner = world["owner"]
    catalog = CS.create_catalog(world["admin"], name="导入资料", owner=owner,
                                grants=[GrantSpec("role", role="engineer")])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("方案/说明.txt", "导入的说明".encode())
    out.seek(0)
    with ZipSource(out, "资料.zip") as source:
        run, _items = services.run_import(owner, source, catalog, channel="web")
    world["import_catalog"], world["import_run"] = catalog, run
    db.session.flush()
