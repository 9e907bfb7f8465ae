"""Knowledge imports in the background: kb_import_runs gets heartbeat_dt (a running
import's lease, renewed after each file), total (files in the source, for progress),
source_key (the stored zip of a queued upload) and error (why a run failed)

Revision ID: a1f2e3d40b01
Revises: d1a2b3c4e5f6
Create Date: 2026-12-01 22:30:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a1f2e3d40b01'
down_revision = 'd1a2b3c4e5f6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('kb_import_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('heartbeat_dt', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('total', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('source_key', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('error', sa.String(length=500), nullable=True))


def downgrade():
    with op.batch_alter_table('kb_import_runs', schema=None) as batch_op:
        batch_op.drop_column('error')
        batch_op.drop_column('source_key')
        batch_op.drop_column('total')
        batch_op.drop_column('heartbeat_dt')
