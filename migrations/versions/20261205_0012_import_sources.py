"""import sources: where in the imported UA text each value of a draft was read

campaigns.import_sources maps a field ("title", "deadline") or a row ("demand:12", "target:7",
"person:3", "version:es") to the first and last line of source_text it was read from, so the
editor can show "from line 12" beside each imported value while the import is reviewed.
Campaigns imported before hold none: the editor shows no line notes for them.

Revision ID: 0012_import_sources
Revises: 0011_letter_versions
Create Date: 2026-12-05 04:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_import_sources'
down_revision = '0011_letter_versions'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.add_column(sa.Column('import_sources', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.drop_column('import_sources')
