"""Notifications get an optional unique dedupe key, so that a notification made by
the scheduler (the daily alarm escalation digest, one per manager and day) is made
once, whatever the schedulers do; alarm deliveries record when an escalation was
listed in such a digest

Revision ID: a1a7e5d90012
Revises: a1c0d2e3f401
Create Date: 2026-12-01 22:30:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a1a7e5d90012'
down_revision = 'a1c0d2e3f401'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dedupe_key', sa.String(length=200), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_notifications_dedupe_key'),
                                          ['dedupe_key'])
    with op.batch_alter_table('alarm_deliveries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('digest_dt', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('alarm_deliveries', schema=None) as batch_op:
        batch_op.drop_column('digest_dt')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_notifications_dedupe_key'), type_='unique')
        batch_op.drop_column('dedupe_key')
