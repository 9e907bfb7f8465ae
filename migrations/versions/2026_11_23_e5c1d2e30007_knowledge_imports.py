"""Knowledge imports: kb_import_runs (one bulk import into the knowledge base, with
its counts) and kb_import_items (its report, one line per file or created catalog)

Revision ID: e5c1d2e30007
Revises: e5a9b9c60005
Create Date: 2026-11-23 16:33:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e5c1d2e30007'
down_revision = 'e5a9b9c60005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('kb_import_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('catalog_id', sa.Integer(), nullable=True),
    sa.Column('catalog_path', sa.String(length=1000), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('source', sa.String(length=500), nullable=False),
    sa.Column('keywords', sa.JSON(), nullable=False),
    sa.Column('industry', sa.String(length=32), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('started_dt', sa.DateTime(), nullable=False),
    sa.Column('finished_dt', sa.DateTime(), nullable=True),
    sa.Column('imported', sa.Integer(), nullable=False),
    sa.Column('no_text', sa.Integer(), nullable=False),
    sa.Column('skipped', sa.Integer(), nullable=False),
    sa.Column('failed', sa.Integer(), nullable=False),
    sa.Column('catalogs', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['catalog_id'], ['kb_catalogs.id'], name=op.f('fk_kb_import_runs_catalog_id_kb_catalogs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_kb_import_runs_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kb_import_runs'))
    )
    with op.batch_alter_table('kb_import_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kb_import_runs_catalog_id'), ['catalog_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_import_runs_user_id'), ['user_id'], unique=False)
        batch_op.create_index('ix_kb_import_runs_user_started', ['user_id', 'started_dt'], unique=False)

    op.create_table('kb_import_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('path', sa.String(length=1000), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=32), nullable=True),
    sa.Column('detail', sa.String(length=500), nullable=True),
    sa.Column('article_id', sa.Integer(), nullable=True),
    sa.Column('catalog_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['kb_articles.id'], name=op.f('fk_kb_import_items_article_id_kb_articles'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['catalog_id'], ['kb_catalogs.id'], name=op.f('fk_kb_import_items_catalog_id_kb_catalogs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['run_id'], ['kb_import_runs.id'], name=op.f('fk_kb_import_items_run_id_kb_import_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kb_import_items'))
    )
    with op.batch_alter_table('kb_import_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kb_import_items_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_import_items_catalog_id'), ['catalog_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_import_items_run_id'), ['run_id'], unique=False)


def downgrade():
    with op.batch_alter_table('kb_import_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kb_import_items_run_id'))
        batch_op.drop_index(batch_op.f('ix_kb_import_items_catalog_id'))
        batch_op.drop_index(batch_op.f('ix_kb_import_items_article_id'))

    op.drop_table('kb_import_items')
    with op.batch_alter_table('kb_import_runs', schema=None) as batch_op:
        batch_op.drop_index('ix_kb_import_runs_user_started')
        batch_op.drop_index(batch_op.f('ix_kb_import_runs_user_id'))
        batch_op.drop_index(batch_op.f('ix_kb_import_runs_catalog_id'))

    op.drop_table('kb_import_runs')
