"""PostgreSQL search backend: search_index (one row per record: scope words, stored
text, a tsvector with GIN index) and search_words (for "did you mean"). Portable: on
SQLite the arrays and the vector are plain text and nothing uses them.

Revision ID: b7d2e9f1a0c3
Revises: a1a7e5d90012
Create Date: 2026-12-01 23:20:00.000000

"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = 'b7d2e9f1a0c3'
down_revision = 'a1a7e5d90012'
branch_labels = None
depends_on = None

WORDS = sa.Text().with_variant(postgresql.ARRAY(sa.Text()), "postgresql")
NUMBERS = sa.Text().with_variant(postgresql.ARRAY(sa.Integer()), "postgresql")
VECTOR = sa.Text().with_variant(postgresql.TSVECTOR(), "postgresql")


def upgrade():
    op.create_table('search_index',
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('object_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('scope', WORDS, nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('subtitle', sa.Text(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('keywords', WORDS, nullable=False),
    sa.Column('catalogs', NUMBERS, nullable=False),
    sa.Column('industry', sa.String(length=200), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('date', sa.DateTime(), nullable=True),
    sa.Column('vector', VECTOR, nullable=False),
    sa.Column('rank_vector', VECTOR, nullable=False),
    sa.PrimaryKeyConstraint('kind', 'object_id', name=op.f('pk_search_index'))
    )
    op.create_index('ix_search_index_vector', 'search_index', ['vector'], unique=False,
                    postgresql_using='gin')
    op.create_index('ix_search_index_scope', 'search_index', ['scope'], unique=False,
                    postgresql_using='gin')
    op.create_table('search_words',
    sa.Column('word', sa.String(length=200), nullable=False),
    sa.Column('head', sa.String(length=1), nullable=False),
    sa.PrimaryKeyConstraint('word', name=op.f('pk_search_words'))
    )
    op.create_index(op.f('ix_search_words_head'), 'search_words', ['head'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_search_words_head'), table_name='search_words')
    op.drop_table('search_words')
    op.drop_index('ix_search_index_scope', table_name='search_index',
                  postgresql_using='gin')
    op.drop_index('ix_search_index_vector', table_name='search_index',
                  postgresql_using='gin')
    op.drop_table('search_index')
