"""Contacts: name_initials (pinyin initials of the name, so `zs` finds 张三), filled in
for the contacts that exist

Revision ID: d1a2b3c40c01
Revises: a3f1c2d4e5b6
Create Date: 2026-12-01 22:30:00.000000

"""
import sqlalchemy as sa
from alembic import op
from pypinyin import Style, lazy_pinyin

# revision identifiers, used by Alembic.
revision = 'd1a2b3c40c01'
down_revision = 'a3f1c2d4e5b6'
branch_labels = None
depends_on = None


def _initials(name):
    letters = "".join(lazy_pinyin(name or "", style=Style.FIRST_LETTER)).lower()
    return "".join(ch for ch in letters if ch.isascii() and ch.isalnum())[:100]


def upgrade():
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_initials', sa.String(length=100), nullable=False,
                                      server_default=''))
    contacts = sa.table('contacts', sa.column('id', sa.Integer), sa.column('name', sa.String),
                        sa.column('name_initials', sa.String))
    connection = op.get_bind()
    rows = connection.execute(sa.select(contacts.c.id, contacts.c.name)).all()
    for contact_id, name in rows:
        connection.execute(contacts.update().where(contacts.c.id == contact_id)
                           .values(name_initials=_initials(name)))
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.alter_column('name_initials', server_default=None)


def downgrade():
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_column('name_initials')
