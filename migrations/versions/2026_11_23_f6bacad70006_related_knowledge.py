"""Related knowledge (placeholder: filled by the related-knowledge part)

Revision ID: f6bacad70006
Revises: e5c1d2e30007
Create Date: 2026-11-23 16:32:00.000000

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = 'f6bacad70006'
down_revision = 'e5c1d2e30007'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
