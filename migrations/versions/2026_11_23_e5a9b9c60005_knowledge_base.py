"""Knowledge base (placeholder: filled by the knowledge-base part)

Revision ID: e5a9b9c60005
Revises: d4f8a8b50004
Create Date: 2026-11-23 16:31:00.000000

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = 'e5a9b9c60005'
down_revision = 'd4f8a8b50004'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
