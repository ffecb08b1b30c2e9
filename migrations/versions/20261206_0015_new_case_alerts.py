"""new case alerts: campaign themes, and a weekly digest per subscription

campaign_themes holds the themes organisers tag a campaign with, normalised (campaigns/themes.py),
one row per campaign and theme: people follow new cases by country or by theme, and the feeds
per theme read it. subscriptions.is_digest: the subscription's news comes in one email a week
instead of one per event; rows already there keep one email per event.

New scopes of subscriptions ("new", "country:TM", "theme:torture") need no change of schema:
the scope column holds them as it holds "all" and "campaign:<id>".

Revision ID: 0015_new_case_alerts
Revises: 0014_groups_and_events
Create Date: 2026-12-06 00:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015_new_case_alerts'
down_revision = '0014_groups_and_events'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('campaign_themes',
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('theme', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'],
                            name=op.f('fk_campaign_themes_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('campaign_id', 'theme', name=op.f('pk_campaign_themes'))
    )
    with op.batch_alter_table('campaign_themes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_campaign_themes_theme'), ['theme'], unique=False)
    with op.batch_alter_table('subscriptions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_digest', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    # Subscriptions to new cases mean nothing to the code before this revision: they go with it.
    op.execute("DELETE FROM subscriptions WHERE scope = 'new' OR scope LIKE 'country:%' OR scope LIKE 'theme:%'")
    with op.batch_alter_table('subscriptions', schema=None) as batch_op:
        batch_op.drop_column('is_digest')
    with op.batch_alter_table('campaign_themes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_campaign_themes_theme'))
    op.drop_table('campaign_themes')
