"""partial outbox indexes: letter_id and throttle_key index only the rows that have them

Only letters to officials have a letter and a throttle key. Confirmations, copies, case updates
and links, most of the outbox, have neither, yet each of them wrote a NULL entry into both
indexes. Indexing only the rows that have a value keeps the indexes to the rows they are used
to find (every lookup compares the column with a value, which implies it is not NULL, so both
databases use the partial index, foreign-key actions included) and spares two index writes for
every other message.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 17:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

_COLUMNS = ('letter_id', 'throttle_key')


def upgrade():
    for column in _COLUMNS:
        op.drop_index(f'ix_outbox_messages_{column}', table_name='outbox_messages')
        where = sa.text(f'{column} IS NOT NULL')
        op.create_index(f'ix_outbox_messages_{column}', 'outbox_messages', [column], unique=False,
                        sqlite_where=where, postgresql_where=where)


def downgrade():
    for column in _COLUMNS:
        op.drop_index(f'ix_outbox_messages_{column}', table_name='outbox_messages')
        op.create_index(f'ix_outbox_messages_{column}', 'outbox_messages', [column], unique=False)
