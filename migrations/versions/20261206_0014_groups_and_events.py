"""groups and events: local groups with coordinators, the letter-writing events they hold, their tallies

organisers.role: 'organiser' (every account so far) or 'coordinator'; a coordinator belongs to
exactly one group (organisers.group_id), an organiser to none, which a check constraint holds.
events: one evening of writing, for a group or none, with the cases written on (event_cases, each
with the language its letters are printed in). events.code is the unguessable part of the QR link.
What was written is reported per case (cards, emails from phones) and per official (event_letters);
actions through the QR link are counted per case as they happen.
campaigns.solidarity_address and solidarity_language: where messages of support to the person at
risk or their family can go, and the language to greet them in (for the solidarity cards of packs).

Revision ID: 0014_groups_and_events
Revises: 0013_publish_checks
Create Date: 2026-12-05 08:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014_groups_and_events'
down_revision = '0013_publish_checks'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.add_column(sa.Column('solidarity_address', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('solidarity_language', sa.String(length=8), nullable=True))
    op.create_table('groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('town', sa.String(length=120), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('contact', sa.String(length=254), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_groups')),
    sa.UniqueConstraint('name', name=op.f('uq_groups_name'))
    )
    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('expected_writers', sa.Integer(), nullable=False),
    sa.Column('phones_welcome', sa.Boolean(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('created_by', sa.String(length=254), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('tallied_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('tallied_by', sa.String(length=254), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['groups.id'], name=op.f('fk_events_group_id_groups'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events')),
    sa.UniqueConstraint('code', name=op.f('uq_events_code'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_group_id'), ['group_id'], unique=False)

    op.create_table('event_cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('cards', sa.Integer(), nullable=False),
    sa.Column('phone_emails', sa.Integer(), nullable=False),
    sa.Column('online_actions', sa.Integer(), nullable=False),
    sa.CheckConstraint('cards >= 0 AND phone_emails >= 0 AND online_actions >= 0', name=op.f('ck_event_cases_tallies_not_negative')),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_event_cases_campaign_id_campaigns'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_cases_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_cases')),
    sa.UniqueConstraint('event_id', 'campaign_id', name=op.f('uq_event_cases_event_id_campaign_id'))
    )
    with op.batch_alter_table('event_cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_cases_campaign_id'), ['campaign_id'], unique=False)

    op.create_table('event_letters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_case_id', sa.Integer(), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('letters', sa.Integer(), nullable=False),
    sa.CheckConstraint('letters >= 0', name=op.f('ck_event_letters_letters_not_negative')),
    sa.ForeignKeyConstraint(['event_case_id'], ['event_cases.id'], name=op.f('fk_event_letters_event_case_id_event_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['target_id'], ['targets.id'], name=op.f('fk_event_letters_target_id_targets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_letters')),
    sa.UniqueConstraint('event_case_id', 'target_id', name=op.f('uq_event_letters_event_case_id_target_id'))
    )
    with op.batch_alter_table('event_letters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_letters_target_id'), ['target_id'], unique=False)

    with op.batch_alter_table('organisers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('role', sa.String(length=20), server_default='organiser', nullable=False))
        batch_op.add_column(sa.Column('group_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_organisers_group_id'), ['group_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_organisers_group_id_groups'), 'groups', ['group_id'], ['id'],
                                    ondelete='RESTRICT')
        batch_op.create_check_constraint(batch_op.f('ck_organisers_coordinator_group'),
                                         "(role = 'coordinator') = (group_id IS NOT NULL)")
        batch_op.create_check_constraint(batch_op.f('ck_organisers_known_role'), "role IN ('organiser', 'coordinator')")


def downgrade():
    with op.batch_alter_table('organisers', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_organisers_known_role'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_organisers_coordinator_group'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_organisers_group_id_groups'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_organisers_group_id'))
        batch_op.drop_column('group_id')
        batch_op.drop_column('role')

    with op.batch_alter_table('event_letters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_letters_target_id'))

    op.drop_table('event_letters')
    with op.batch_alter_table('event_cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_cases_campaign_id'))

    op.drop_table('event_cases')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_group_id'))

    op.drop_table('events')
    op.drop_table('groups')
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.drop_column('solidarity_language')
        batch_op.drop_column('solidarity_address')
