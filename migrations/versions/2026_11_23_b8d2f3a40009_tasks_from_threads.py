"""Tasks: milestone link, who finished a task and when, cancel reason, updated time;
task history (task_events); the link from a task to the forum thread or post it was
made from (forum_task_links)

Revision ID: b8d2f3a40009
Revises: a7c1e2f30008
Create Date: 2026-11-23 17:10:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b8d2f3a40009'
down_revision = 'a7c1e2f30008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('milestone_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('done_dt', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('done_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('cancel_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('updated_dt', sa.DateTime(), nullable=True))
        batch_op.create_index('ix_tasks_assignee_status', ['assignee_id', 'status', 'due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_tasks_milestone_id'), ['milestone_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_tasks_done_by_id_users'), 'users', ['done_by_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_tasks_milestone_id_milestones'), 'milestones', ['milestone_id'], ['id'], ondelete='SET NULL')

    op.create_table('task_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_task_events_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_task_events_task_id_tasks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_events'))
    )
    with op.batch_alter_table('task_events', schema=None) as batch_op:
        batch_op.create_index('ix_task_events_task', ['task_id', 'created_dt'], unique=False)

    op.create_table('forum_task_links',
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['forum_posts.id'], name=op.f('fk_forum_task_links_post_id_forum_posts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_forum_task_links_task_id_tasks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['thread_id'], ['forum_threads.id'], name=op.f('fk_forum_task_links_thread_id_forum_threads'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('task_id', name=op.f('pk_forum_task_links'))
    )
    with op.batch_alter_table('forum_task_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forum_task_links_thread_id'), ['thread_id'], unique=False)


def downgrade():
    with op.batch_alter_table('forum_task_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forum_task_links_thread_id'))

    op.drop_table('forum_task_links')
    with op.batch_alter_table('task_events', schema=None) as batch_op:
        batch_op.drop_index('ix_task_events_task')

    op.drop_table('task_events')
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_tasks_milestone_id_milestones'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_tasks_done_by_id_users'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_tasks_milestone_id'))
        batch_op.drop_index('ix_tasks_assignee_status')
        batch_op.drop_column('updated_dt')
        batch_op.drop_column('cancel_reason')
        batch_op.drop_column('done_by_id')
        batch_op.drop_column('done_dt')
        batch_op.drop_column('milestone_id')
