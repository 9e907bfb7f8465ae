"""Partners, competitors with assessments, win/loss analyses: project_partners (with
their contacts on the project), project_competitors, competitor_assessments,
win_loss_analyses and outcome_reasons (administrators' changes to the reasons)

Revision ID: a1c9e5f20001
Revises: 4632f4bf158a
Create Date: 2026-11-23 14:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a1c9e5f20001'
down_revision = '4632f4bf158a'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outcome_reasons',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name_zh', sa.String(length=100), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outcome_reasons')),
    sa.UniqueConstraint('code', name=op.f('uq_outcome_reasons_code'))
    )
    op.create_table('project_competitors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_project_competitors_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_project_competitors_organization_id_organizations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_competitors_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_competitors')),
    sa.UniqueConstraint('project_id', 'organization_id', name=op.f('uq_project_competitors_project_id_organization_id'))
    )
    with op.batch_alter_table('project_competitors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_competitors_organization_id'), ['organization_id'], unique=False)
    op.create_table('project_partners',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('responsibilities', sa.Text(), nullable=True),
    sa.Column('contract_value', sa.Numeric(precision=16, scale=2), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.CheckConstraint('contract_value >= 0', name=op.f('ck_project_partners_contract_value_not_negative')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_project_partners_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_project_partners_organization_id_organizations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_partners_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_partners')),
    sa.UniqueConstraint('project_id', 'organization_id', 'role', name=op.f('uq_project_partners_project_id_organization_id_role'))
    )
    with op.batch_alter_table('project_partners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_partners_organization_id'), ['organization_id'], unique=False)
    op.create_table('win_loss_analyses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('other_reasons', sa.JSON(), nullable=False),
    sa.Column('our_price', sa.Numeric(precision=16, scale=2), nullable=True),
    sa.Column('winning_price', sa.Numeric(precision=16, scale=2), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.CheckConstraint('our_price >= 0', name=op.f('ck_win_loss_analyses_our_price_not_negative')),
    sa.CheckConstraint('winning_price >= 0', name=op.f('ck_win_loss_analyses_winning_price_not_negative')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_win_loss_analyses_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_win_loss_analyses_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_win_loss_analyses')),
    sa.UniqueConstraint('project_id', name=op.f('uq_win_loss_analyses_project_id'))
    )
    op.create_table('competitor_assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competitor_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('stage_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.String(length=16), nullable=False),
    sa.Column('solution', sa.Text(), nullable=True),
    sa.Column('products', sa.Text(), nullable=True),
    sa.Column('price_low', sa.Numeric(precision=16, scale=2), nullable=True),
    sa.Column('price_high', sa.Numeric(precision=16, scale=2), nullable=True),
    sa.Column('relationship_notes', sa.Text(), nullable=True),
    sa.Column('strengths', sa.Text(), nullable=True),
    sa.Column('weaknesses', sa.Text(), nullable=True),
    sa.Column('strategy', sa.Text(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.CheckConstraint('price_high >= price_low', name=op.f('ck_competitor_assessments_price_range_ordered')),
    sa.CheckConstraint('price_low >= 0', name=op.f('ck_competitor_assessments_price_low_not_negative')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_competitor_assessments_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['competitor_id'], ['project_competitors.id'], name=op.f('fk_competitor_assessments_competitor_id_project_competitors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_competitor_assessments_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stage_id'], ['project_stages.id'], name=op.f('fk_competitor_assessments_stage_id_project_stages'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_competitor_assessments'))
    )
    with op.batch_alter_table('competitor_assessments', schema=None) as batch_op:
        batch_op.create_index('ix_competitor_assessments_competitor', ['competitor_id', 'created_dt'], unique=False)
        batch_op.create_index('ix_competitor_assessments_project', ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_competitor_assessments_stage_id'), ['stage_id'], unique=False)
    op.create_table('project_partner_contacts',
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['contact_id'], ['contacts.id'], name=op.f('fk_project_partner_contacts_contact_id_contacts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['partner_id'], ['project_partners.id'], name=op.f('fk_project_partner_contacts_partner_id_project_partners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('partner_id', 'contact_id', name=op.f('pk_project_partner_contacts'))
    )
    with op.batch_alter_table('project_partner_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_partner_contacts_contact_id'), ['contact_id'], unique=False)


def downgrade():
    with op.batch_alter_table('project_partner_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_partner_contacts_contact_id'))
    op.drop_table('project_partner_contacts')
    with op.batch_alter_table('competitor_assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_competitor_assessments_stage_id'))
        batch_op.drop_index('ix_competitor_assessments_project')
        batch_op.drop_index('ix_competitor_assessments_competitor')
    op.drop_table('competitor_assessments')
    op.drop_table('win_loss_analyses')
    with op.batch_alter_table('project_partners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_partners_organization_id'))
    op.drop_table('project_partners')
    with op.batch_alter_table('project_competitors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_competitors_organization_id'))
    op.drop_table('project_competitors')
    op.drop_table('outcome_reasons')
