"""Knowledge base: kb_catalogs (the catalog tree) and kb_catalog_grants (query
permissions), kb_articles with kb_article_grants (narrower permissions),
kb_article_versions, kb_keywords (with merged aliases), kb_article_keywords,
kb_article_attachments

Revision ID: e5a9b9c60005
Revises: d4f8a8b50004
Create Date: 2026-11-23 16:31:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e5a9b9c60005'
down_revision = 'd4f8a8b50004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('kb_keywords',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['merged_into_id'], ['kb_keywords.id'], name=op.f('fk_kb_keywords_merged_into_id_kb_keywords'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kb_keywords')),
    sa.UniqueConstraint('name', name=op.f('uq_kb_keywords_name'))
    )
    with op.batch_alter_table('kb_keywords', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kb_keywords_merged_into_id'), ['merged_into_id'], unique=False)

    op.create_table('kb_catalogs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('inherit', sa.Boolean(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_kb_catalogs_owner_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['parent_id'], ['kb_catalogs.id'], name=op.f('fk_kb_catalogs_parent_id_kb_catalogs'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kb_catalogs'))
    )
    with op.batch_alter_table('kb_catalogs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kb_catalogs_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_catalogs_parent_id'), ['parent_id'], unique=False)

    op.create_table('kb_catalog_grants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('catalog_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=True),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('level', sa.String(length=8), nullable=False),
    sa.ForeignKeyConstraint(['catalog_id'], ['kb_catalogs.id'], name=op.f('fk_kb_catalog_grants_catalog_id_kb_catalogs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_kb_catalog_grants_department_id_departments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_kb_catalog_grants_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kb_catalog_grants'))
    )
    with op.batch_alter_table('kb_catalog_grants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kb_catalog_grants_catalog_id'), ['catalog_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_catalog_grants_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_catalog_grants_user_id'), ['user_id'], unique=False)

    op.create_table('kb_articles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('catalog_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('industry', sa.String(length=32), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('restricted', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.Column('origin_project_id', sa.Integer(), nullable=True),
    sa.Column('origin_document_id', sa.Integer(), nullable=True),
    sa.Column('origin_version_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['catalog_id'], ['kb_catalogs.id'], name=op.f('fk_kb_articles_catalog_id_kb_catalogs'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['origin_document_id'], ['project_documents.id'], name=op.f('fk_kb_articles_origin_document_id_project_documents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['origin_project_id'], ['projects.id'], name=op.f('fk_kb_articles_origin_project_id_projects'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['origin_version_id'], ['document_versions.id'], name=op.f('fk_kb_articles_origin_version_id_document_versions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_kb_articles_owner_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kb_articles'))
    )
    with op.batch_alter_table('kb_articles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kb_articles_catalog_id'), ['catalog_id'], unique=False)
        batch_op.create_index('ix_kb_articles_catalog_status', ['catalog_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_articles_industry'), ['industry'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_articles_origin_document_id'), ['origin_document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_articles_origin_project_id'), ['origin_project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_articles_origin_version_id'), ['origin_version_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_articles_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_articles_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_articles_updated_dt'), ['updated_dt'], unique=False)

    op.create_table('kb_article_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=127), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('extraction_status', sa.String(length=16), nullable=False),
    sa.Column('extraction_error', sa.String(length=500), nullable=True),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['kb_articles.id'], name=op.f('fk_kb_article_attachments_article_id_kb_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['file_id'], ['stored_files.id'], name=op.f('fk_kb_article_attachments_file_id_stored_files'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_kb_article_attachments_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kb_article_attachments'))
    )
    with op.batch_alter_table('kb_article_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kb_article_attachments_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_article_attachments_file_id'), ['file_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_article_attachments_uploaded_by_id'), ['uploaded_by_id'], unique=False)

    op.create_table('kb_article_grants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=True),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('level', sa.String(length=8), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['kb_articles.id'], name=op.f('fk_kb_article_grants_article_id_kb_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_kb_article_grants_department_id_departments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_kb_article_grants_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kb_article_grants'))
    )
    with op.batch_alter_table('kb_article_grants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kb_article_grants_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_article_grants_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_article_grants_user_id'), ['user_id'], unique=False)

    op.create_table('kb_article_keywords',
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('keyword_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['kb_articles.id'], name=op.f('fk_kb_article_keywords_article_id_kb_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['keyword_id'], ['kb_keywords.id'], name=op.f('fk_kb_article_keywords_keyword_id_kb_keywords'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'keyword_id', name=op.f('pk_kb_article_keywords'))
    )
    with op.batch_alter_table('kb_article_keywords', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kb_article_keywords_keyword_id'), ['keyword_id'], unique=False)

    op.create_table('kb_article_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('keywords', sa.JSON(), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('changed_dt', sa.DateTime(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['kb_articles.id'], name=op.f('fk_kb_article_versions_article_id_kb_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['changed_by_id'], ['users.id'], name=op.f('fk_kb_article_versions_changed_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kb_article_versions')),
    sa.UniqueConstraint('article_id', 'number', name=op.f('uq_kb_article_versions_article_id_number'))
    )
    with op.batch_alter_table('kb_article_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kb_article_versions_changed_by_id'), ['changed_by_id'], unique=False)



def downgrade():
    with op.batch_alter_table('kb_article_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kb_article_versions_changed_by_id'))

    op.drop_table('kb_article_versions')
    with op.batch_alter_table('kb_article_keywords', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kb_article_keywords_keyword_id'))

    op.drop_table('kb_article_keywords')
    with op.batch_alter_table('kb_article_grants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kb_article_grants_user_id'))
        batch_op.drop_index(batch_op.f('ix_kb_article_grants_department_id'))
        batch_op.drop_index(batch_op.f('ix_kb_article_grants_article_id'))

    op.drop_table('kb_article_grants')
    with op.batch_alter_table('kb_article_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kb_article_attachments_uploaded_by_id'))
        batch_op.drop_index(batch_op.f('ix_kb_article_attachments_file_id'))
        batch_op.drop_index(batch_op.f('ix_kb_article_attachments_article_id'))

    op.drop_table('kb_article_attachments')
    with op.batch_alter_table('kb_articles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kb_articles_updated_dt'))
        batch_op.drop_index(batch_op.f('ix_kb_articles_status'))
        batch_op.drop_index(batch_op.f('ix_kb_articles_owner_id'))
        batch_op.drop_index(batch_op.f('ix_kb_articles_origin_version_id'))
        batch_op.drop_index(batch_op.f('ix_kb_articles_origin_project_id'))
        batch_op.drop_index(batch_op.f('ix_kb_articles_origin_document_id'))
        batch_op.drop_index(batch_op.f('ix_kb_articles_industry'))
        batch_op.drop_index('ix_kb_articles_catalog_status')
        batch_op.drop_index(batch_op.f('ix_kb_articles_catalog_id'))

    op.drop_table('kb_articles')
    with op.batch_alter_table('kb_catalog_grants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kb_catalog_grants_user_id'))
        batch_op.drop_index(batch_op.f('ix_kb_catalog_grants_department_id'))
        batch_op.drop_index(batch_op.f('ix_kb_catalog_grants_catalog_id'))

    op.drop_table('kb_catalog_grants')
    with op.batch_alter_table('kb_catalogs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kb_catalogs_parent_id'))
        batch_op.drop_index(batch_op.f('ix_kb_catalogs_owner_id'))

    op.drop_table('kb_catalogs')
    with op.batch_alter_table('kb_keywords', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kb_keywords_merged_into_id'))

    op.drop_table('kb_keywords')
