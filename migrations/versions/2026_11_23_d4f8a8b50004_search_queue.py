"""Search queue: search_queue (records to re-index, written in the same transaction as
their change and removed by the indexer once the index holds them)

Revision ID: d4f8a8b50004
Revises: c3e7a7f40003
Create Date: 2026-11-23 16:30:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd4f8a8b50004'
down_revision = 'c3e7a7f40003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_queue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_queue'))
    )


def downgrade():
    op.drop_table('search_queue')
