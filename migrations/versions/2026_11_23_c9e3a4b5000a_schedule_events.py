"""Schedule events (placeholder: filled by the schedule part)

Revision ID: c9e3a4b5000a
Revises: b8d2f3a40009
Create Date: 2026-11-23 17:10:00.000000

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = 'c9e3a4b5000a'
down_revision = 'b8d2f3a40009'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
