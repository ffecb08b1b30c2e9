"""campaign revision: a token renewed with every change to a campaign or its parts

The action form keeps each campaign it has shown, with its targets and templates, and reads
only this column to know whether its copy still holds. Campaigns from before it start at "0";
their next change gives them a random one.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 14:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revision', sa.String(length=16), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.drop_column('revision')
