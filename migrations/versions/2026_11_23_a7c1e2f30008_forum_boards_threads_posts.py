"""Forum boards, threads and posts: forum_boards (company, department or project
boards), forum_board_moderators, forum_threads (pinned, locked, solution, links to a
stage, milestone, document or organisation), forum_posts (soft-deleted),
forum_post_revisions (edit history), forum_post_attachments, forum_mentions,
forum_watches (a board or a thread) and forum_read_marks (unread markers)

Revision ID: a7c1e2f30008
Revises: f6bacad70006
Create Date: 2026-11-23 17:10:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a7c1e2f30008'
down_revision = 'f6bacad70006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('forum_boards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('thread_count', sa.Integer(), nullable=False),
    sa.Column('post_count', sa.Integer(), nullable=False),
    sa.Column('last_activity_dt', sa.DateTime(), nullable=True),
    sa.CheckConstraint("(kind = 'department') = (department_id IS NOT NULL)", name=op.f('ck_forum_boards_department_board_has_department')),
    sa.CheckConstraint("(kind = 'project') = (project_id IS NOT NULL)", name=op.f('ck_forum_boards_project_board_has_project')),
    sa.CheckConstraint("kind IN ('company', 'department', 'project')", name=op.f('ck_forum_boards_kind_known')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_forum_boards_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_forum_boards_department_id_departments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_forum_boards_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_boards')),
    sa.UniqueConstraint('project_id', name=op.f('uq_forum_boards_project_id'))
    )
    with op.batch_alter_table('forum_boards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_boards_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_boards_kind'), ['kind'], unique=False)

    op.create_table('forum_board_moderators',
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['board_id'], ['forum_boards.id'], name=op.f('fk_forum_board_moderators_board_id_forum_boards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_forum_board_moderators_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('board_id', 'user_id', name=op.f('pk_forum_board_moderators'))
    )
    with op.batch_alter_table('forum_board_moderators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_board_moderators_user_id'), ['user_id'], unique=False)

    # forum_threads.solution_post_id points at forum_posts, created after it: its
    # foreign key is added once both tables exist
    op.create_table('forum_threads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('pinned', sa.Boolean(), nullable=False),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('solution_post_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('last_activity_dt', sa.DateTime(), nullable=False),
    sa.Column('last_author_id', sa.Integer(), nullable=True),
    sa.Column('post_count', sa.Integer(), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.Column('deleted_dt', sa.DateTime(), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('stage_id', sa.Integer(), nullable=True),
    sa.Column('milestone_id', sa.Integer(), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_forum_threads_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['board_id'], ['forum_boards.id'], name=op.f('fk_forum_threads_board_id_forum_boards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_forum_threads_deleted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['document_id'], ['project_documents.id'], name=op.f('fk_forum_threads_document_id_project_documents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['last_author_id'], ['users.id'], name=op.f('fk_forum_threads_last_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['milestone_id'], ['milestones.id'], name=op.f('fk_forum_threads_milestone_id_milestones'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_forum_threads_organization_id_organizations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['stage_id'], ['project_stages.id'], name=op.f('fk_forum_threads_stage_id_project_stages'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_threads'))
    )
    with op.batch_alter_table('forum_threads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_threads_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_forum_threads_board_order', ['board_id', 'pinned', 'last_activity_dt'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_threads_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_threads_milestone_id'), ['milestone_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_threads_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_threads_stage_id'), ['stage_id'], unique=False)

    op.create_table('forum_posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('quoted_post_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('edited_dt', sa.DateTime(), nullable=True),
    sa.Column('edited_by_id', sa.Integer(), nullable=True),
    sa.Column('deleted_dt', sa.DateTime(), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_forum_posts_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_forum_posts_deleted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['edited_by_id'], ['users.id'], name=op.f('fk_forum_posts_edited_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['quoted_post_id'], ['forum_posts.id'], name=op.f('fk_forum_posts_quoted_post_id_forum_posts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['thread_id'], ['forum_threads.id'], name=op.f('fk_forum_posts_thread_id_forum_threads'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_posts')),
    sa.UniqueConstraint('thread_id', 'number', name=op.f('uq_forum_posts_thread_id_number'))
    )
    with op.batch_alter_table('forum_posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_posts_author_id'), ['author_id'], unique=False)

    with op.batch_alter_table('forum_threads', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_forum_threads_solution_post_id_forum_posts'), 'forum_posts', ['solution_post_id'], ['id'], ondelete='SET NULL')

    op.create_table('forum_read_marks',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('last_read_number', sa.Integer(), nullable=False),
    sa.Column('read_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['thread_id'], ['forum_threads.id'], name=op.f('fk_forum_read_marks_thread_id_forum_threads'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_forum_read_marks_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'thread_id', name=op.f('pk_forum_read_marks'))
    )
    with op.batch_alter_table('forum_read_marks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_read_marks_thread_id'), ['thread_id'], unique=False)

    op.create_table('forum_watches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=True),
    sa.Column('thread_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.CheckConstraint('(board_id IS NULL) <> (thread_id IS NULL)', name=op.f('ck_forum_watches_one_target')),
    sa.ForeignKeyConstraint(['board_id'], ['forum_boards.id'], name=op.f('fk_forum_watches_board_id_forum_boards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['thread_id'], ['forum_threads.id'], name=op.f('fk_forum_watches_thread_id_forum_threads'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_forum_watches_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_watches')),
    sa.UniqueConstraint('user_id', 'board_id', name=op.f('uq_forum_watches_user_id_board_id')),
    sa.UniqueConstraint('user_id', 'thread_id', name=op.f('uq_forum_watches_user_id_thread_id'))
    )
    with op.batch_alter_table('forum_watches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_watches_board_id'), ['board_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_watches_thread_id'), ['thread_id'], unique=False)

    op.create_table('forum_mentions',
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['forum_posts.id'], name=op.f('fk_forum_mentions_post_id_forum_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_forum_mentions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('post_id', 'user_id', name=op.f('pk_forum_mentions'))
    )
    with op.batch_alter_table('forum_mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_mentions_user_id'), ['user_id'], unique=False)

    op.create_table('forum_post_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=127), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['stored_files.id'], name=op.f('fk_forum_post_attachments_file_id_stored_files'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['post_id'], ['forum_posts.id'], name=op.f('fk_forum_post_attachments_post_id_forum_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_forum_post_attachments_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_post_attachments'))
    )
    with op.batch_alter_table('forum_post_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_post_attachments_file_id'), ['file_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_forum_post_attachments_post_id'), ['post_id'], unique=False)

    op.create_table('forum_post_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.Column('written_by_id', sa.Integer(), nullable=True),
    sa.Column('written_dt', sa.DateTime(), nullable=False),
    sa.Column('edited_by_id', sa.Integer(), nullable=True),
    sa.Column('edited_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['edited_by_id'], ['users.id'], name=op.f('fk_forum_post_revisions_edited_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['post_id'], ['forum_posts.id'], name=op.f('fk_forum_post_revisions_post_id_forum_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['written_by_id'], ['users.id'], name=op.f('fk_forum_post_revisions_written_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forum_post_revisions')),
    sa.UniqueConstraint('post_id', 'number', name=op.f('uq_forum_post_revisions_post_id_number'))
    )
    with op.batch_alter_table('forum_post_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_post_revisions_edited_by_id'), ['edited_by_id'], unique=False)


def downgrade():
    with op.batch_alter_table('forum_post_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_post_revisions_edited_by_id'))
    op.drop_table('forum_post_revisions')
    with op.batch_alter_table('forum_post_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_post_attachments_post_id'))
        batch_op.drop_index(batch_op.f('ix_forum_post_attachments_file_id'))
    op.drop_table('forum_post_attachments')
    with op.batch_alter_table('forum_mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_mentions_user_id'))
    op.drop_table('forum_mentions')
    with op.batch_alter_table('forum_watches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_watches_thread_id'))
        batch_op.drop_index(batch_op.f('ix_forum_watches_board_id'))
    op.drop_table('forum_watches')
    with op.batch_alter_table('forum_read_marks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_read_marks_thread_id'))
    op.drop_table('forum_read_marks')
    with op.batch_alter_table('forum_threads', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_forum_threads_solution_post_id_forum_posts'), type_='foreignkey')
    with op.batch_alter_table('forum_posts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_posts_author_id'))
    op.drop_table('forum_posts')
    with op.batch_alter_table('forum_threads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_threads_stage_id'))
        batch_op.drop_index(batch_op.f('ix_forum_threads_organization_id'))
        batch_op.drop_index(batch_op.f('ix_forum_threads_milestone_id'))
        batch_op.drop_index(batch_op.f('ix_forum_threads_document_id'))
        batch_op.drop_index('ix_forum_threads_board_order')
        batch_op.drop_index(batch_op.f('ix_forum_threads_author_id'))
    op.drop_table('forum_threads')
    with op.batch_alter_table('forum_board_moderators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_board_moderators_user_id'))
    op.drop_table('forum_board_moderators')
    with op.batch_alter_table('forum_boards', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_boards_kind'))
        batch_op.drop_index(batch_op.f('ix_forum_boards_department_id'))
    op.drop_table('forum_boards')
