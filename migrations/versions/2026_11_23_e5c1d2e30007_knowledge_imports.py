"""Knowledge imports (placeholder: filled by the bulk-import part)

Revision ID: e5c1d2e30007
Revises: e5a9b9c60005
Create Date: 2026-11-23 16:33:00.000000

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = 'e5c1d2e30007'
down_revision = 'e5a9b9c60005'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
