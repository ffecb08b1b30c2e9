"""one index per foreign key: drop three that a composite key already covers, add the one missing

supporters(campaign_id) is the first column of the unique key (campaign_id, email), actions
(campaign_id) of ix_actions_campaign_network and ix_actions_campaign_message, letters
(supporter_id) of the unique key (supporter_id, target_id, channel). Both databases find rows by
the leading column of a composite index, foreign-key checks and cascades included, so these
single-column indexes only cost an extra write for every supporter, action and letter.
replies(recorded_by_id) had no index at all: setting it to NULL when an organiser goes would
scan every reply.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 19:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

_COVERED = (("supporters", "ix_supporters_campaign_id", "campaign_id"),
            ("actions", "ix_actions_campaign_id", "campaign_id"),
            ("letters", "ix_letters_supporter_id", "supporter_id"))


def upgrade():
    for table, index, _column in _COVERED:
        op.drop_index(index, table_name=table)
    op.create_index('ix_replies_recorded_by_id', 'replies', ['recorded_by_id'], unique=False)


def downgrade():
    op.drop_index('ix_replies_recorded_by_id', table_name='replies')
    for table, index, column in _COVERED:
        op.create_index(index, table, [column], unique=False)
