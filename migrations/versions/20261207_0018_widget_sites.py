"""widget sites: where a campaign's action widget may be embedded, and actions counted per site

campaigns.widget_sites lists the origins allowed to frame the widget (sent as frame-ancestors);
NULL, as every existing campaign has it, allows none. widget_site_counts holds one number per
campaign and site: actions taken through the widget there, with nothing about who took them.

Revision ID: 0018_widget_sites
Revises: 0017_webhooks
Create Date: 2026-12-07 00:18:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018_widget_sites'
down_revision = '0017_webhooks'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.add_column(sa.Column('widget_sites', sa.JSON(), nullable=True))
    op.create_table('widget_site_counts',
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('site', sa.String(length=255), nullable=False),
    sa.Column('actions', sa.Integer(), nullable=False),
    sa.CheckConstraint('actions >= 0', name=op.f('ck_widget_site_counts_actions_not_negative')),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'],
                            name=op.f('fk_widget_site_counts_campaign_id_campaigns'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('campaign_id', 'site', name=op.f('pk_widget_site_counts'))
    )


def downgrade():
    op.drop_table('widget_site_counts')
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.drop_column('widget_sites')
