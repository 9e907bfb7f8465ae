"""Controlled project documents with versions and approvals

project_documents (numbered per project and category, linked to the requirement
they satisfy), document_versions (immutable uploads with size, checksum, change
note, status and extracted text), document_decisions (who approved or rejected a
version, when, with what comment) and document_downloads (who downloaded which
version when). The files handed in for required documents before document control
become version 1 of a document each, approved (they satisfied their gate under the
old rule), and required_documents loses its hand-in columns.

Revision ID: b2d8f6e30002
Revises: a1c9e5f20001
Create Date: 2026-11-23 14:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b2d8f6e30002'
down_revision = 'a1c9e5f20001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('project_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('stage_id', sa.Integer(), nullable=True),
    sa.Column('required_document_id', sa.Integer(), nullable=True),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_project_documents_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_documents_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['required_document_id'], ['required_documents.id'], name=op.f('fk_project_documents_required_document_id_required_documents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['stage_id'], ['project_stages.id'], name=op.f('fk_project_documents_stage_id_project_stages'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_documents')),
    sa.UniqueConstraint('project_id', 'category', 'sequence', name=op.f('uq_project_documents_project_id_category_sequence')),
    sa.UniqueConstraint('project_id', 'number', name=op.f('uq_project_documents_project_id_number')),
    sa.UniqueConstraint('required_document_id', name=op.f('uq_project_documents_required_document_id'))
    )
    with op.batch_alter_table('project_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_documents_stage_id'), ['stage_id'], unique=False)

    op.create_table('document_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=127), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_dt', sa.DateTime(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('status_dt', sa.DateTime(), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('extraction_status', sa.String(length=16), nullable=False),
    sa.Column('extraction_error', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['project_documents.id'], name=op.f('fk_document_versions_document_id_project_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['file_id'], ['stored_files.id'], name=op.f('fk_document_versions_file_id_stored_files'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_document_versions_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_versions')),
    sa.UniqueConstraint('document_id', 'number', name=op.f('uq_document_versions_document_id_number'))
    )
    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_versions_file_id'), ['file_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_versions_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_versions_uploaded_by_id'), ['uploaded_by_id'], unique=False)

    op.create_table('document_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('decided_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_document_decisions_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['version_id'], ['document_versions.id'], name=op.f('fk_document_decisions_version_id_document_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_decisions')),
    sa.UniqueConstraint('version_id', 'user_id', name=op.f('uq_document_decisions_version_id_user_id'))
    )
    with op.batch_alter_table('document_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_decisions_user_id'), ['user_id'], unique=False)

    op.create_table('document_downloads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('downloaded_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_document_downloads_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['version_id'], ['document_versions.id'], name=op.f('fk_document_downloads_version_id_document_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_downloads'))
    )
    with op.batch_alter_table('document_downloads', schema=None) as batch_op:
        batch_op.create_index('ix_document_downloads_version', ['version_id', 'downloaded_dt'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_downloads_user_id'), ['user_id'], unique=False)

    _hand_ins_to_versions()

    with op.batch_alter_table('required_documents', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_required_documents_file_id_stored_files'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_required_documents_submitted_by_id_users'), type_='foreignkey')
        batch_op.drop_column('submitted_dt')
        batch_op.drop_column('submitted_by_id')
        batch_op.drop_column('file_id')


def _hand_ins_to_versions():
    """Each handed-in file becomes version 1, approved, of a document of category
    "other" numbered CODE-OTH-NNN (the default number format)."""
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT r.id, r.project_id, r.stage_id, r.name, r.submitted_by_id, r.submitted_dt, "
        "p.code, f.id AS file_id, f.filename, f.content_type, f.size, f.sha256, f.created_dt "
        "FROM required_documents r JOIN projects p ON p.id = r.project_id "
        "JOIN stored_files f ON f.id = r.file_id ORDER BY r.project_id, r.id")).all()
    documents = sa.table('project_documents', *(sa.column(c) for c in (
        'id', 'project_id', 'stage_id', 'required_document_id', 'category', 'sequence',
        'number', 'title', 'created_by_id', 'created_dt')))
    versions = sa.table('document_versions', *(sa.column(c) for c in (
        'document_id', 'number', 'file_id', 'filename', 'content_type', 'size', 'sha256',
        'note', 'uploaded_by_id', 'uploaded_dt', 'status', 'status_dt', 'extraction_status',
        'extraction_error')))
    sequence: dict[int, int] = {}
    for row in rows:
        sequence[row.project_id] = sequence.get(row.project_id, 0) + 1
        when = row.submitted_dt or row.created_dt
        document_id = conn.execute(documents.insert().values(
            project_id=row.project_id, stage_id=row.stage_id, required_document_id=row.id,
            category='other', sequence=sequence[row.project_id],
            number=f"{row.code}-OTH-{sequence[row.project_id]:03d}", title=row.name[:200],
            created_by_id=row.submitted_by_id, created_dt=when)
            .returning(documents.c.id)).scalar_one()
        conn.execute(versions.insert().values(
            document_id=document_id, number=1, file_id=row.file_id,
            filename=row.filename[:255], content_type=row.content_type[:127], size=row.size,
            sha256=row.sha256, note='Handed in before document control.',
            uploaded_by_id=row.submitted_by_id, uploaded_dt=when, status='approved',
            status_dt=when, extraction_status='failed',
            extraction_error='uploaded before text extraction'))


def downgrade():
    with op.batch_alter_table('required_documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('file_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('submitted_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('submitted_dt', sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_required_documents_submitted_by_id_users'), 'users', ['submitted_by_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_required_documents_file_id_stored_files'), 'stored_files', ['file_id'], ['id'], ondelete='SET NULL')
    # the approved version of each requirement's document is what was handed in
    op.execute(
        "UPDATE required_documents SET "
        "file_id = (SELECT v.file_id FROM document_versions v JOIN project_documents d "
        "ON d.id = v.document_id WHERE d.required_document_id = required_documents.id "
        "AND v.status = 'approved' ORDER BY v.number DESC LIMIT 1), "
        "submitted_by_id = (SELECT v.uploaded_by_id FROM document_versions v JOIN "
        "project_documents d ON d.id = v.document_id WHERE d.required_document_id = "
        "required_documents.id AND v.status = 'approved' ORDER BY v.number DESC LIMIT 1), "
        "submitted_dt = (SELECT v.uploaded_dt FROM document_versions v JOIN "
        "project_documents d ON d.id = v.document_id WHERE d.required_document_id = "
        "required_documents.id AND v.status = 'approved' ORDER BY v.number DESC LIMIT 1)")

    with op.batch_alter_table('document_downloads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_downloads_user_id'))
        batch_op.drop_index('ix_document_downloads_version')
    op.drop_table('document_downloads')
    with op.batch_alter_table('document_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_decisions_user_id'))
    op.drop_table('document_decisions')
    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_versions_uploaded_by_id'))
        batch_op.drop_index(batch_op.f('ix_document_versions_status'))
        batch_op.drop_index(batch_op.f('ix_document_versions_file_id'))
    op.drop_table('document_versions')
    with op.batch_alter_table('project_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_documents_stage_id'))
    op.drop_table('project_documents')
