"""Schedule events: schedule_events (meetings, customer visits, demos, bid openings, with
times in UTC, a project and/or an organisation, the forum post they were made from) and
schedule_attendees (users, who answer whether they come, and external contacts)

Revision ID: c9e3a4b5000a
Revises: b8d2f3a40009
Create Date: 2026-11-23 17:10:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c9e3a4b5000a'
down_revision = 'b8d2f3a40009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('schedule_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('start_dt', sa.DateTime(), nullable=False),
    sa.Column('end_dt', sa.DateTime(), nullable=False),
    sa.Column('all_day', sa.Boolean(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('cancel_reason', sa.Text(), nullable=True),
    sa.Column('organizer_id', sa.Integer(), nullable=True),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('reminded_dt', sa.DateTime(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('meeting', 'visit', 'demo', 'bid_opening', 'other')", name=op.f('ck_schedule_events_kind_known')),
    sa.CheckConstraint("status IN ('scheduled', 'cancelled')", name=op.f('ck_schedule_events_status_known')),
    sa.CheckConstraint('end_dt > start_dt', name=op.f('ck_schedule_events_ends_after_start')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_schedule_events_organization_id_organizations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organizer_id'], ['users.id'], name=op.f('fk_schedule_events_organizer_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['post_id'], ['forum_posts.id'], name=op.f('fk_schedule_events_post_id_forum_posts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_schedule_events_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_schedule_events'))
    )
    with op.batch_alter_table('schedule_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_schedule_events_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_schedule_events_organizer_id'), ['organizer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_schedule_events_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_schedule_events_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_schedule_events_start_dt'), ['start_dt'], unique=False)

    op.create_table('schedule_attendees',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('contact_id', sa.Integer(), nullable=True),
    sa.Column('response', sa.String(length=16), nullable=False),
    sa.Column('responded_dt', sa.DateTime(), nullable=True),
    sa.CheckConstraint("response IN ('pending', 'accepted', 'tentative', 'declined')", name=op.f('ck_schedule_attendees_response_known')),
    sa.CheckConstraint('(user_id IS NULL) <> (contact_id IS NULL)', name=op.f('ck_schedule_attendees_user_or_contact')),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_schedule_attendees_contact_id_contacts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['schedule_events.id'], name=op.f('fk_schedule_attendees_event_id_schedule_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_schedule_attendees_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_schedule_attendees')),
    sa.UniqueConstraint('event_id', 'contact_id', name=op.f('uq_schedule_attendees_event_id_contact_id')),
    sa.UniqueConstraint('event_id', 'user_id', name=op.f('uq_schedule_attendees_event_id_user_id'))
    )
    with op.batch_alter_table('schedule_attendees', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_schedule_attendees_contact_id'), ['contact_id'], unique=False)
        batch_op.create_index('ix_schedule_attendees_event', ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_schedule_attendees_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('schedule_attendees', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_schedule_attendees_user_id'))
        batch_op.drop_index('ix_schedule_attendees_event')
        batch_op.drop_index(batch_op.f('ix_schedule_attendees_contact_id'))

    op.drop_table('schedule_attendees')
    with op.batch_alter_table('schedule_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_schedule_events_start_dt'))
        batch_op.drop_index(batch_op.f('ix_schedule_events_project_id'))
        batch_op.drop_index(batch_op.f('ix_schedule_events_post_id'))
        batch_op.drop_index(batch_op.f('ix_schedule_events_organizer_id'))
        batch_op.drop_index(batch_op.f('ix_schedule_events_organization_id'))

    op.drop_table('schedule_events')
