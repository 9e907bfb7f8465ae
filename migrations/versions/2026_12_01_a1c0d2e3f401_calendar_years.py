"""Official calendar years entered by administrators: calendar_years (one row per year
entered or imported) and calendar_public_days (its public holidays and make-up working
days), used in preference to chinesecalendar for that year

Revision ID: a1c0d2e3f401
Revises: d1a5e7c80b01
Create Date: 2026-12-01 22:15:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a1c0d2e3f401'
down_revision = 'd1a5e7c80b01'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_years',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_calendar_years_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_calendar_years'))
    )
    op.create_table('calendar_public_days',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['year'], ['calendar_years.year'], name=op.f('fk_calendar_public_days_year_calendar_years'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_public_days')),
    sa.UniqueConstraint('day', name=op.f('uq_calendar_public_days_day'))
    )
    with op.batch_alter_table('calendar_public_days', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_public_days_year'), ['year'], unique=False)


def downgrade():
    with op.batch_alter_table('calendar_public_days', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_public_days_year'))
    op.drop_table('calendar_public_days')
    op.drop_table('calendar_years')
