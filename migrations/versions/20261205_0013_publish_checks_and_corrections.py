"""publish checks and corrections: import notes marked reviewed, updates corrected or withdrawn

campaigns.import_reviewed_at records when an organiser went through what the importer could not
place. Marking them reviewed used to empty campaigns.import_unplaced; now the notes stay on record
and publishing asks about them only while this is empty.

case_updates.corrected_at and case_updates.withdrawn_at: a published update can be corrected (the
texts it replaced go to case_update_corrections, one row per correction) or withdrawn (gone from
the campaign page and the feeds, kept for organisers). Rows already there were never either.

Revision ID: 0013_publish_checks
Revises: 0012_import_sources
Create Date: 2026-12-05 04:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_publish_checks'
down_revision = '0012_import_sources'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.add_column(sa.Column('import_reviewed_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('case_updates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('corrected_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True))
    op.create_table('case_update_corrections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('update_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('previous_title', sa.String(length=300), nullable=False),
    sa.Column('previous_body_markdown', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('corrected_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('corrected_by', sa.String(length=254), nullable=False),
    sa.Column('is_sent_to_followers', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['update_id'], ['case_updates.id'],
                            name=op.f('fk_case_update_corrections_update_id_case_updates'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_update_corrections')),
    sa.UniqueConstraint('update_id', 'number', name=op.f('uq_case_update_corrections_update_id_number'))
    )


def downgrade():
    op.drop_table('case_update_corrections')
    with op.batch_alter_table('case_updates', schema=None) as batch_op:
        batch_op.drop_column('withdrawn_at')
        batch_op.drop_column('corrected_at')
    # Before this revision, notes marked reviewed were emptied: so they are again.
    op.execute("UPDATE campaigns SET import_unplaced = NULL WHERE import_reviewed_at IS NOT NULL")
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.drop_column('import_reviewed_at')
