"""Controlled project documents with versions and approvals

Revision ID: b2d8f6e30002
Revises: a1c9e5f20001
Create Date: 2026-11-23 14:00:00.000000

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = 'b2d8f6e30002'
down_revision = 'a1c9e5f20001'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
