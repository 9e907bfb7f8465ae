"""Related knowledge: kb_links (an article linked by hand to a project or an organisation)
and kb_related_marks (a project team pinned or dismissed a suggested article)

Revision ID: f6bacad70006
Revises: e5c1d2e30007
Create Date: 2026-11-23 16:32:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'f6bacad70006'
down_revision = 'e5c1d2e30007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('kb_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['kb_articles.id'], name=op.f('fk_kb_links_article_id_kb_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_kb_links_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_kb_links_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_kb_links_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kb_links')),
    sa.UniqueConstraint('article_id', 'organization_id', name=op.f('uq_kb_links_article_id_organization_id')),
    sa.UniqueConstraint('article_id', 'project_id', name=op.f('uq_kb_links_article_id_project_id'))
    )
    with op.batch_alter_table('kb_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kb_links_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_links_project_id'), ['project_id'], unique=False)

    op.create_table('kb_related_marks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('mark', sa.String(length=16), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('marked_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['kb_articles.id'], name=op.f('fk_kb_related_marks_article_id_kb_articles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_kb_related_marks_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_kb_related_marks_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kb_related_marks')),
    sa.UniqueConstraint('project_id', 'article_id', name=op.f('uq_kb_related_marks_project_id_article_id'))
    )
    with op.batch_alter_table('kb_related_marks', schema=None) as batch_op:
        batch_op.create_index('ix_kb_related_marks_article', ['article_id', 'mark'], unique=False)



def downgrade():
    with op.batch_alter_table('kb_related_marks', schema=None) as batch_op:
        batch_op.drop_index('ix_kb_related_marks_article')

    op.drop_table('kb_related_marks')
    with op.batch_alter_table('kb_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kb_links_project_id'))
        batch_op.drop_index(batch_op.f('ix_kb_links_organization_id'))

    op.drop_table('kb_links')
