"""Project templates and versions, projects with stages, milestones, tasks, team,
required documents and history; gate reviews, routing rules; calendar days, files,
notifications

Revision ID: 63052eb45561
Revises: dd94373941cf
Create Date: 2026-11-23 11:48:08.128553

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '63052eb45561'
down_revision = 'dd94373941cf'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('code_counters',
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('prefix', 'year', name=op.f('pk_code_counters'))
    )
    op.create_table('sharing_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=True),
    sa.Column('category', sa.String(length=100), nullable=True),
    sa.Column('industry', sa.String(length=32), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_sharing_rules_department_id_departments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sharing_rules'))
    )
    op.create_table('calendar_days',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_calendar_days_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_days')),
    sa.UniqueConstraint('day', name=op.f('uq_calendar_days_day'))
    )
    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=64), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('read_dt', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_user_unread', ['user_id', 'read_dt'], unique=False)

    op.create_table('project_templates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name_zh', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('industry', sa.String(length=32), nullable=True),
    sa.Column('category', sa.String(length=100), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('builtin_key', sa.String(length=64), nullable=True),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_project_templates_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_templates')),
    sa.UniqueConstraint('builtin_key', name=op.f('uq_project_templates_builtin_key'))
    )
    op.create_table('routing_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('match_kind', sa.String(length=16), nullable=True),
    sa.Column('match_category', sa.String(length=100), nullable=True),
    sa.Column('match_industry', sa.String(length=32), nullable=True),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('pm_mode', sa.String(length=8), nullable=True),
    sa.Column('pm_user_id', sa.Integer(), nullable=True),
    sa.Column('tasks', sa.JSON(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_routing_rules_department_id_departments'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pm_user_id'], ['users.id'], name=op.f('fk_routing_rules_pm_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_routing_rules'))
    )
    op.create_table('saved_filters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('args', sa.JSON(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_saved_filters_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_filters')),
    sa.UniqueConstraint('user_id', 'name', name=op.f('uq_saved_filters_user_id_name'))
    )
    with op.batch_alter_table('saved_filters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_saved_filters_user_id'), ['user_id'], unique=False)

    op.create_table('stored_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=127), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('storage_key', sa.String(length=255), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_stored_files_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stored_files'))
    )
    with op.batch_alter_table('stored_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stored_files_sha256'), ['sha256'], unique=False)

    op.create_table('template_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('template_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('definition', sa.JSON(), nullable=False),
    sa.Column('change_note', sa.Text(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.Column('published_dt', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_template_versions_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['published_by_id'], ['users.id'], name=op.f('fk_template_versions_published_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['template_id'], ['project_templates.id'], name=op.f('fk_template_versions_template_id_project_templates'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_template_versions')),
    sa.UniqueConstraint('template_id', 'number', name=op.f('uq_template_versions_template_id_number'))
    )
    with op.batch_alter_table('template_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_template_versions_template_id'), ['template_id'], unique=False)

    op.create_table('projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('template_version_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('pm_id', sa.Integer(), nullable=True),
    sa.Column('industry', sa.String(length=32), nullable=True),
    sa.Column('category', sa.String(length=100), nullable=True),
    sa.Column('amount', sa.Numeric(precision=16, scale=2), nullable=True),
    sa.Column('win_probability', sa.Integer(), nullable=True),
    sa.Column('expected_sign_date', sa.Date(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('current_stage_id', sa.Integer(), nullable=True),
    sa.Column('signed_amount', sa.Numeric(precision=16, scale=2), nullable=True),
    sa.Column('signed_date', sa.Date(), nullable=True),
    sa.Column('outcome_reason', sa.String(length=32), nullable=True),
    sa.Column('outcome_note', sa.Text(), nullable=True),
    sa.Column('winner_id', sa.Integer(), nullable=True),
    sa.Column('outcome_dt', sa.DateTime(), nullable=True),
    sa.Column('source_project_id', sa.Integer(), nullable=True),
    sa.Column('closed_dt', sa.DateTime(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_projects_amount_not_negative')),
    sa.CheckConstraint('win_probability BETWEEN 0 AND 100', name=op.f('ck_projects_win_probability_range')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_projects_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['customer_id'], ['organizations.id'], name=op.f('fk_projects_customer_id_organizations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_projects_department_id_departments'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pm_id'], ['users.id'], name=op.f('fk_projects_pm_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['source_project_id'], ['projects.id'], name=op.f('fk_projects_source_project_id_projects'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['template_version_id'], ['template_versions.id'], name=op.f('fk_projects_template_version_id_template_versions'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['winner_id'], ['organizations.id'], name=op.f('fk_projects_winner_id_organizations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects')),
    sa.UniqueConstraint('code', name=op.f('uq_projects_code'))
    )
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_projects_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_created_dt'), ['created_dt'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_current_stage_id'), ['current_stage_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_industry'), ['industry'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_pm_id'), ['pm_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_source_project_id'), ['source_project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_template_version_id'), ['template_version_id'], unique=False)

    op.create_table('applied_routing_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('rule_id', sa.Integer(), nullable=True),
    sa.Column('rule_name', sa.String(length=100), nullable=False),
    sa.Column('summary', sa.JSON(), nullable=False),
    sa.Column('applied_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_applied_routing_rules_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['rule_id'], ['routing_rules.id'], name=op.f('fk_applied_routing_rules_rule_id_routing_rules'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_applied_routing_rules'))
    )
    with op.batch_alter_table('applied_routing_rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_applied_routing_rules_project_id'), ['project_id'], unique=False)

    op.create_table('project_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_project_events_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_events_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_events'))
    )
    with op.batch_alter_table('project_events', schema=None) as batch_op:
        batch_op.create_index('ix_project_events_project', ['project_id', 'created_dt'], unique=False)

    op.create_table('project_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_members_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_project_members_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_members')),
    sa.UniqueConstraint('project_id', 'user_id', name=op.f('uq_project_members_project_id_user_id'))
    )
    with op.batch_alter_table('project_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_members_user_id'), ['user_id'], unique=False)

    op.create_table('project_stages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('name_zh', sa.String(length=100), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=False),
    sa.Column('std_duration', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('planned_start', sa.Date(), nullable=False),
    sa.Column('planned_end', sa.Date(), nullable=False),
    sa.Column('actual_start', sa.Date(), nullable=True),
    sa.Column('actual_end', sa.Date(), nullable=True),
    sa.Column('gate', sa.JSON(), nullable=True),
    sa.CheckConstraint('std_duration >= 0', name=op.f('ck_project_stages_std_duration_not_negative')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_stages_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_stages')),
    sa.UniqueConstraint('project_id', 'position', name=op.f('uq_project_stages_project_id_position'))
    )
    # projects.current_stage_id and project_stages.project_id point at each other:
    # the current stage's key is added once both tables exist.
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_projects_current_stage_id_project_stages'), 'project_stages', ['current_stage_id'], ['id'], ondelete='SET NULL')

    op.create_table('gate_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('stage_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('rule', sa.String(length=16), nullable=False),
    sa.Column('checklist', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('submitted_dt', sa.DateTime(), nullable=False),
    sa.Column('decided_dt', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_gate_reviews_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stage_id'], ['project_stages.id'], name=op.f('fk_gate_reviews_stage_id_project_stages'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_gate_reviews_submitted_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gate_reviews')),
    sa.UniqueConstraint('stage_id', 'round', name=op.f('uq_gate_reviews_stage_id_round'))
    )
    with op.batch_alter_table('gate_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gate_reviews_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_gate_reviews_stage_id'), ['stage_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_gate_reviews_status'), ['status'], unique=False)

    op.create_table('milestones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('stage_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('offset', sa.Integer(), nullable=False),
    sa.Column('owner_role', sa.String(length=16), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('planned_date', sa.Date(), nullable=False),
    sa.Column('done_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['done_by_id'], ['users.id'], name=op.f('fk_milestones_done_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_milestones_owner_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_milestones_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stage_id'], ['project_stages.id'], name=op.f('fk_milestones_stage_id_project_stages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestones'))
    )
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestones_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestones_planned_date'), ['planned_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestones_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestones_stage_id'), ['stage_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestones_status'), ['status'], unique=False)

    op.create_table('required_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('stage_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('format_file_id', sa.Integer(), nullable=True),
    sa.Column('approver_roles', sa.JSON(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=True),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('submitted_dt', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['file_id'], ['stored_files.id'], name=op.f('fk_required_documents_file_id_stored_files'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['format_file_id'], ['stored_files.id'], name=op.f('fk_required_documents_format_file_id_stored_files'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_required_documents_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stage_id'], ['project_stages.id'], name=op.f('fk_required_documents_stage_id_project_stages'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_required_documents_submitted_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_required_documents'))
    )
    with op.batch_alter_table('required_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_required_documents_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_required_documents_stage_id'), ['stage_id'], unique=False)

    op.create_table('tasks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('stage_id', sa.Integer(), nullable=True),
    sa.Column('key', sa.String(length=64), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('owner_role', sa.String(length=16), nullable=True),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('offset', sa.Integer(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('priority', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['assignee_id'], ['users.id'], name=op.f('fk_tasks_assignee_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_tasks_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_tasks_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stage_id'], ['project_stages.id'], name=op.f('fk_tasks_stage_id_project_stages'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tasks'))
    )
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tasks_assignee_id'), ['assignee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tasks_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_tasks_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tasks_stage_id'), ['stage_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tasks_status'), ['status'], unique=False)

    op.create_table('gate_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('decision', sa.String(length=8), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['gate_reviews.id'], name=op.f('fk_gate_decisions_review_id_gate_reviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], name=op.f('fk_gate_decisions_reviewer_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gate_decisions')),
    sa.UniqueConstraint('review_id', 'reviewer_id', name=op.f('uq_gate_decisions_review_id_reviewer_id'))
    )
    op.create_table('gate_reviewers',
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['gate_reviews.id'], name=op.f('fk_gate_reviewers_review_id_gate_reviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_gate_reviewers_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('review_id', 'user_id', name=op.f('pk_gate_reviewers'))
    )
    with op.batch_alter_table('gate_reviewers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gate_reviewers_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_projects_current_stage_id_project_stages'), type_='foreignkey')

    with op.batch_alter_table('gate_reviewers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gate_reviewers_user_id'))

    op.drop_table('gate_reviewers')
    op.drop_table('gate_decisions')
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tasks_status'))
        batch_op.drop_index(batch_op.f('ix_tasks_stage_id'))
        batch_op.drop_index(batch_op.f('ix_tasks_project_id'))
        batch_op.drop_index(batch_op.f('ix_tasks_due_date'))
        batch_op.drop_index(batch_op.f('ix_tasks_assignee_id'))

    op.drop_table('tasks')
    with op.batch_alter_table('required_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_required_documents_stage_id'))
        batch_op.drop_index(batch_op.f('ix_required_documents_project_id'))

    op.drop_table('required_documents')
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestones_status'))
        batch_op.drop_index(batch_op.f('ix_milestones_stage_id'))
        batch_op.drop_index(batch_op.f('ix_milestones_project_id'))
        batch_op.drop_index(batch_op.f('ix_milestones_planned_date'))
        batch_op.drop_index(batch_op.f('ix_milestones_owner_id'))

    op.drop_table('milestones')
    with op.batch_alter_table('gate_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gate_reviews_status'))
        batch_op.drop_index(batch_op.f('ix_gate_reviews_stage_id'))
        batch_op.drop_index(batch_op.f('ix_gate_reviews_project_id'))

    op.drop_table('gate_reviews')
    op.drop_table('project_stages')
    with op.batch_alter_table('project_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_members_user_id'))

    op.drop_table('project_members')
    with op.batch_alter_table('project_events', schema=None) as batch_op:
        batch_op.drop_index('ix_project_events_project')

    op.drop_table('project_events')
    with op.batch_alter_table('applied_routing_rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_applied_routing_rules_project_id'))

    op.drop_table('applied_routing_rules')
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_projects_template_version_id'))
        batch_op.drop_index(batch_op.f('ix_projects_status'))
        batch_op.drop_index(batch_op.f('ix_projects_source_project_id'))
        batch_op.drop_index(batch_op.f('ix_projects_pm_id'))
        batch_op.drop_index(batch_op.f('ix_projects_kind'))
        batch_op.drop_index(batch_op.f('ix_projects_industry'))
        batch_op.drop_index(batch_op.f('ix_projects_department_id'))
        batch_op.drop_index(batch_op.f('ix_projects_customer_id'))
        batch_op.drop_index(batch_op.f('ix_projects_current_stage_id'))
        batch_op.drop_index(batch_op.f('ix_projects_created_dt'))
        batch_op.drop_index(batch_op.f('ix_projects_category'))

    op.drop_table('projects')
    with op.batch_alter_table('template_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_template_versions_template_id'))

    op.drop_table('template_versions')
    with op.batch_alter_table('stored_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stored_files_sha256'))

    op.drop_table('stored_files')
    with op.batch_alter_table('saved_filters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_saved_filters_user_id'))

    op.drop_table('saved_filters')
    op.drop_table('routing_rules')
    op.drop_table('project_templates')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user_unread')

    op.drop_table('notifications')
    op.drop_table('calendar_days')
    op.drop_table('sharing_rules')
    op.drop_table('code_counters')
