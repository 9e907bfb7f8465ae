"""Tasks (placeholder: filled by the tasks part)

Revision ID: b8d2f3a40009
Revises: a7c1e2f30008
Create Date: 2026-11-23 17:10:00.000000

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = 'b8d2f3a40009'
down_revision = 'a7c1e2f30008'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
