"""submissions of their own: one supporter row per submission, people counted once, links that exist only in email

A submission of the action form no longer updates the supporter row of an earlier one with
the same address: each gets its own row (the unique key on campaign and email goes), and a
person (inbox and name, as a keyed fingerprint on each letter) counts once through
letters.is_counted. supporters.inbox holds the inbox an address reaches, so the per-address
cap sees every alias. Confirmation links of email actions and subscriptions carry a secret of
their own, kept as its SHA-256 (actions.confirm_hash, subscriptions.confirm_hash); manage and
erasure links are rows of email_links.

Letters already written keep counting as they did: each was the only one of its supporter,
target and channel, so each is counted. The downgrade folds the supporters of one address back
into one row, keeping its earliest details, and of the letters that then share a target and
channel keeps the counted one (or the earliest), taking the others out of the counters.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 21:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

_PERSON = sa.text('person_key IS NOT NULL')
_COUNTED = sa.text('is_counted')


def upgrade():
    op.create_table('email_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.Enum('manage', 'erase', name='link_purpose', native_enum=False, length=10), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_email_links')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_email_links_token_hash'))
    )
    with op.batch_alter_table('email_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_email_links_email'), ['email'], unique=False)

    with op.batch_alter_table('supporters', schema=None) as batch_op:
        batch_op.add_column(sa.Column('inbox', sa.String(length=254), server_default='', nullable=False))
        batch_op.drop_constraint(batch_op.f('uq_supporters_campaign_id_email'), type_='unique')
        batch_op.create_index(batch_op.f('ix_supporters_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_supporters_inbox'), ['inbox'], unique=False)

    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('confirm_hash', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_actions_confirm_hash'), ['confirm_hash'])

    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.add_column(sa.Column('person_key', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('is_counted', sa.Boolean(), server_default=sa.true(), nullable=False))

    with op.batch_alter_table('subscriptions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('confirm_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('confirm_sent_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_subscriptions_confirm_hash'), ['confirm_hash'])

    _fill_inboxes_and_people()

    # The defaults were for the rows already there; the application always gives both.
    with op.batch_alter_table('supporters', schema=None) as batch_op:
        batch_op.alter_column('inbox', server_default=None)
    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.alter_column('is_counted', server_default=None)
    op.create_index('ix_letters_person', 'letters', ['person_key', 'target_id', 'channel'], unique=False,
                    sqlite_where=_PERSON, postgresql_where=_PERSON)
    op.create_index('uq_letters_counted_person', 'letters', ['person_key', 'target_id', 'channel'], unique=True,
                    sqlite_where=_COUNTED, postgresql_where=_COUNTED)


def _fill_inboxes_and_people():
    """Each supporter's inbox, and each letter's person, as the code of this version makes them."""
    from inboxes import inbox_key
    from letters.counting import person_key

    connection = op.get_bind()
    supporters = sa.table('supporters', sa.column('id'), sa.column('campaign_id'), sa.column('email'),
                          sa.column('name'), sa.column('inbox'), sa.column('anonymised_at'))
    letters = sa.table('letters', sa.column('supporter_id'), sa.column('person_key'))
    for row in connection.execute(sa.select(supporters.c.id, supporters.c.campaign_id, supporters.c.email,
                                            supporters.c.name, supporters.c.anonymised_at)).all():
        connection.execute(supporters.update().where(supporters.c.id == row.id).values(inbox=inbox_key(row.email)))
        if row.anonymised_at is None:
            connection.execute(letters.update().where(letters.c.supporter_id == row.id)
                               .values(person_key=person_key(row.campaign_id, row.email, row.name)))


def downgrade():
    _fold_supporters_of_one_address()
    op.drop_index('uq_letters_counted_person', table_name='letters')
    op.drop_index('ix_letters_person', table_name='letters')
    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.drop_column('is_counted')
        batch_op.drop_column('person_key')

    with op.batch_alter_table('subscriptions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_subscriptions_confirm_hash'), type_='unique')
        batch_op.drop_column('confirm_sent_at')
        batch_op.drop_column('confirm_hash')

    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_actions_confirm_hash'), type_='unique')
        batch_op.drop_column('confirm_hash')

    with op.batch_alter_table('supporters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supporters_inbox'))
        batch_op.drop_index(batch_op.f('ix_supporters_campaign_id'))
        batch_op.create_unique_constraint(batch_op.f('uq_supporters_campaign_id_email'), ['campaign_id', 'email'])
        batch_op.drop_column('inbox')

    with op.batch_alter_table('email_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_email_links_email'))
    op.drop_table('email_links')


def _fold_supporters_of_one_address():
    """Back to one supporter per campaign and address, and one letter per supporter, target and channel."""
    connection = op.get_bind()
    supporters = sa.table('supporters', sa.column('id'), sa.column('campaign_id'), sa.column('email'))
    actions = sa.table('actions', sa.column('supporter_id'))
    letters = sa.table('letters', sa.column('id'), sa.column('supporter_id'), sa.column('target_id'),
                       sa.column('channel'), sa.column('is_counted'), sa.column('campaign_id'),
                       sa.column('counted_on'), sa.column('state'), sa.column('country'))
    counts = sa.table('letter_counts', sa.column('campaign_id'), sa.column('day'), sa.column('target_id'),
                      sa.column('channel'), sa.column('state'), sa.column('country'), sa.column('count'))
    kept: dict[tuple, int] = {}
    for supporter_id, campaign_id, email in connection.execute(
            sa.select(supporters.c.id, supporters.c.campaign_id, supporters.c.email).order_by(supporters.c.id)):
        first = kept.setdefault((campaign_id, email), supporter_id)
        if first == supporter_id:
            continue
        connection.execute(actions.update().where(actions.c.supporter_id == supporter_id).values(supporter_id=first))
        connection.execute(letters.update().where(letters.c.supporter_id == supporter_id).values(supporter_id=first))
        connection.execute(supporters.delete().where(supporters.c.id == supporter_id))
    seen: set[tuple] = set()
    rows = connection.execute(sa.select(letters).order_by(
        letters.c.supporter_id, letters.c.target_id, letters.c.channel, letters.c.is_counted.desc(), letters.c.id))
    for letter in rows.all():
        key = (letter.supporter_id, letter.target_id, letter.channel)
        if key not in seen:
            seen.add(key)
            continue
        if letter.is_counted:
            connection.execute(counts.update().where(
                counts.c.campaign_id == letter.campaign_id, counts.c.day == letter.counted_on,
                counts.c.target_id == letter.target_id, counts.c.channel == letter.channel,
                counts.c.state == letter.state, counts.c.country == letter.country).values(count=counts.c.count - 1))
        connection.execute(letters.delete().where(letters.c.id == letter.id))
