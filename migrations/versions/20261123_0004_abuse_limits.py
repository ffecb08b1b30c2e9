"""abuse limits on the email channel: network and message fingerprints on actions, blocked senders

The two new letter states (held, rejected) need no change: letter states are stored as plain
strings without a CHECK constraint. The index on supporters.email serves the daily cap on
confirmations to one address, which counts that address across campaigns.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 13:33:40.791280

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('blocked_senders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('email', 'network', name='block_kind', native_enum=False, length=10), nullable=False),
    sa.Column('value', sa.String(length=64), nullable=False),
    sa.Column('hint', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=254), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_blocked_senders')),
    sa.UniqueConstraint('kind', 'value', name=op.f('uq_blocked_senders_kind_value'))
    )
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('network_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('message_hash', sa.String(length=64), nullable=True))
        batch_op.create_index('ix_actions_campaign_message', ['campaign_id', 'message_hash'], unique=False)
        batch_op.create_index('ix_actions_campaign_network', ['campaign_id', 'network_hash'], unique=False)

    with op.batch_alter_table('supporters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supporters_email'), ['email'], unique=False)


# Columns that, with the state, key a letter_counts row.
_COUNT_KEY = ("campaign_id", "day", "target_id", "channel", "country")


def _fold_into_failed(state: str) -> None:
    """Letters in a state the older code does not know become failed, and so do their counters."""
    same_key = " AND ".join(f"other.{column} = letter_counts.{column}" for column in _COUNT_KEY)
    op.execute(f"UPDATE letters SET state = 'failed' WHERE state = '{state}'")
    op.execute(f"UPDATE letter_counts SET count = count + (SELECT COALESCE(SUM(other.count), 0) "
               f"FROM letter_counts other WHERE other.state = '{state}' AND {same_key}) WHERE state = 'failed'")
    failed_exists = " AND ".join(f"failed.{column} = letter_counts.{column}" for column in _COUNT_KEY)
    op.execute(f"DELETE FROM letter_counts WHERE state = '{state}' AND EXISTS (SELECT 1 FROM letter_counts "
               f"failed WHERE failed.state = 'failed' AND {failed_exists})")
    op.execute(f"UPDATE letter_counts SET state = 'failed' WHERE state = '{state}'")


def downgrade():
    for state in ("held", "rejected"):
        _fold_into_failed(state)

    with op.batch_alter_table('supporters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supporters_email'))

    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.drop_index('ix_actions_campaign_network')
        batch_op.drop_index('ix_actions_campaign_message')
    # Not in the batch: on SQLite a batch copies the table and drops the old one, and with foreign
    # keys on, dropping it deletes every letter through ON DELETE CASCADE. SQLite 3.35 and newer
    # drop a plain column in place.
    op.drop_column('actions', 'message_hash')
    op.drop_column('actions', 'network_hash')

    op.drop_table('blocked_senders')
