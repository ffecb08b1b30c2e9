"""supporter region: the state, province or prefecture of a supporter's postal address

Addresses are asked for and printed the way the supporter's country writes them
(letters/postal.py); many countries need a region in them (a US state, a Japanese prefecture, a
Canadian province). Supporters written before have none: their column is filled with an empty
string, which prints nothing, as before.

Revision ID: 0009_supporter_region
Revises: 0008
Create Date: 2026-12-05 00:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_supporter_region'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('supporters') as batch_op:
        batch_op.add_column(sa.Column('region', sa.String(length=120), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('supporters') as batch_op:
        batch_op.drop_column('region')
