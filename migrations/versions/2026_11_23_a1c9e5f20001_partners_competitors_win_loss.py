"""Partners, competitors with assessments, win/loss analyses

Revision ID: a1c9e5f20001
Revises: 4632f4bf158a
Create Date: 2026-11-23 14:00:00.000000

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = 'a1c9e5f20001'
down_revision = '4632f4bf158a'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
