"""Forum boards, threads and posts (placeholder: filled by the board part)

Revision ID: a7c1e2f30008
Revises: f6bacad70006
Create Date: 2026-11-23 17:10:00.000000

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = 'a7c1e2f30008'
down_revision = 'f6bacad70006'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
