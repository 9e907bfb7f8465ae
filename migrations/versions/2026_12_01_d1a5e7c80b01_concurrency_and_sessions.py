"""Concurrency and sessions: a row_version save counter on every record edited
through a form (stale saves are refused), form_submissions (a rendered form's
one-time token, so a double submit creates one record), and users.session_generation
(raised by logout, password change, deactivation and reset to end a user's sessions)

Revision ID: d1a5e7c80b01
Revises: d1a2b3c40c01
Create Date: 2026-12-01 22:30:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd1a5e7c80b01'
down_revision = 'd1a2b3c40c01'
branch_labels = None
depends_on = None

VERSIONED_TABLES = (
    'departments', 'users', 'organizations', 'contacts', 'project_templates',
    'template_versions', 'projects', 'milestones', 'tasks', 'forum_boards', 'forum_posts',
    'schedule_events', 'kb_catalogs', 'budget_lines', 'expenses', 'instalments',
    'project_partners', 'project_competitors', 'win_loss_analyses', 'alarm_policies',
    'routing_rules',
)


def upgrade():
    for table in VERSIONED_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('row_version', sa.Integer(), server_default='1',
                                          nullable=False))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_generation', sa.Integer(), server_default='0',
                                      nullable=False))

    op.create_table('form_submissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('result_url', sa.String(length=500), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_form_submissions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_form_submissions')),
    sa.UniqueConstraint('token', name=op.f('uq_form_submissions_token'))
    )
    with op.batch_alter_table('form_submissions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_form_submissions_created_dt'), ['created_dt'], unique=False)
        batch_op.create_index(batch_op.f('ix_form_submissions_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('form_submissions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_form_submissions_user_id'))
        batch_op.drop_index(batch_op.f('ix_form_submissions_created_dt'))
    op.drop_table('form_submissions')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_generation')
    for table in reversed(VERSIONED_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('row_version')
