"""Required documents have a category, from the template (合同评审表 is a contract
document): required_documents.category. Existing rows get the category their
template version's definition gives the document, or the one its key or name tells;
documents already created for them in "other" move to that category with the next
sequence of it. Their numbers (…-OTH-001) were issued and stay as they are.

Revision ID: d1a2b3c4e5f6
Revises: c9e3a4b5000a
Create Date: 2026-12-01 22:20:00.000000

"""
import json

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd1a2b3c4e5f6'
down_revision = 'c9e3a4b5000a'
branch_labels = None
depends_on = None

CATEGORIES = ("management", "technical", "commercial", "contract", "acceptance", "other")
#: sicrm.templates_lib.choices.CATEGORY_HINTS as of this revision
HINTS = (
    ("contract", ("contract", "合同", "协议")),
    ("acceptance", ("acceptance", "trial", "验收", "试运行", "质保", "service_plan")),
    ("commercial", ("quotation", "bid", "tender", "price", "purchase", "报价", "投标", "标书",
                    "商务", "采购")),
    ("technical", ("solution", "design", "survey", "deployment", "technical", "方案", "设计",
                   "调研", "部署", "技术")),
    ("management", ("approval", "kickoff", "minutes", "plan", "立项", "纪要",
                    "计划", "清单", "启动")),
)


def _guess(key, name):
    words = f"{key or ''} {name or ''}".lower()
    for category, hints in HINTS:
        if any(hint in words for hint in hints):
            return category
    return "other"


def _from_definition(definition, key):
    if isinstance(definition, str):
        definition = json.loads(definition)
    for stage in (definition or {}).get("stages", ()):
        for item in stage.get("documents", ()):
            if item.get("key") == key and item.get("category") in CATEGORIES:
                return item["category"]
    return None


def upgrade():
    with op.batch_alter_table('required_documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('category', sa.String(length=16),
                                      server_default='other', nullable=False))
    fill(op.get_bind())


def fill(bind):
    """The data step (tests/projects/test_document_categories.py runs it)."""
    rows = bind.execute(sa.text(
        "SELECT r.id, r.key, r.name, v.definition FROM required_documents r "
        "JOIN projects p ON p.id = r.project_id "
        "JOIN template_versions v ON v.id = p.template_version_id")).all()
    for row in rows:
        category = _from_definition(row.definition, row.key) or _guess(row.key, row.name)
        if category != "other":
            bind.execute(sa.text("UPDATE required_documents SET category = :c WHERE id = :id"),
                         {"c": category, "id": row.id})
    documents = bind.execute(sa.text(
        "SELECT d.id, d.project_id, r.category FROM project_documents d "
        "JOIN required_documents r ON r.id = d.required_document_id "
        "WHERE d.category = 'other' AND r.category <> 'other' ORDER BY d.id")).all()
    for document in documents:
        last = bind.execute(sa.text(
            "SELECT MAX(sequence) FROM project_documents WHERE project_id = :p "
            "AND category = :c"), {"p": document.project_id, "c": document.category}).scalar()
        bind.execute(sa.text(
            "UPDATE project_documents SET category = :c, sequence = :s WHERE id = :id"),
            {"c": document.category, "s": (last or 0) + 1, "id": document.id})


def downgrade():
    with op.batch_alter_table('required_documents', schema=None) as batch_op:
        batch_op.drop_column('category')
