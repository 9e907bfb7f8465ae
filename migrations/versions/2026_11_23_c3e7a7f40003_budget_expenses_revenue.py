"""Budget lines, expenses, effort, payment plan, invoices and receipts

Revision ID: c3e7a7f40003
Revises: b2d8f6e30002
Create Date: 2026-11-23 14:00:00.000000

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision = 'c3e7a7f40003'
down_revision = 'b2d8f6e30002'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
