"""interface locale: emails to supporters and followers speak the language they used

actions.locale and subscriptions.locale keep the interface language (i18n.py) of the page an
action or a subscription came from, so the emails built later for them (a confirmation sent
again, the copy of their letters, every case update) are written in it. Rows already there were
made in English, the only interface language until now.

Revision ID: 0010_locale
Revises: 0009_supporter_region
Create Date: 2026-12-05 00:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_locale'
down_revision = '0009_supporter_region'
branch_labels = None
depends_on = None

_TABLES = ('actions', 'subscriptions')


def upgrade():
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('locale', sa.String(length=10), server_default='en', nullable=False))
    # The default was for the rows already there; the application always gives one.
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('locale', server_default=None)


def downgrade():
    for table in _TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('locale')
