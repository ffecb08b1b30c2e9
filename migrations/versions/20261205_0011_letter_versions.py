"""letter versions: everything a letter says, per language, with demands and greetings of its own

letter_templates becomes letter_versions. A version words every demand of its campaign
(letter_demand_wordings, one row per version and demand) and greets every official
(letter_greetings: salutation and closing, one row per version and official), so a letter in
Russian no longer opens with an English salutation or lists English demands.

Each existing template becomes a version with the same subject and body. Its demands are the
campaign's demands as they stand: the letter says what it said before. An official's salutation
goes only into the version of the official's language (theirs, else the campaign's first
preferred language, else English): an English salutation copied into a Russian version would
make it look complete while mixing languages, so that version stays incomplete until an
organiser writes the Russian one. Closings start empty: the language's own closing
(letters/languages.py) applies.

The downgrade brings back one template per version (subject and body); the wordings and
greetings have no place there and go. Officials keep their salutation throughout.

Revision ID: 0011_letter_versions
Revises: 0010_locale
Create Date: 2026-12-05 00:00:00

"""
import json

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_letter_versions'
down_revision = '0010_locale'
branch_labels = None
depends_on = None


def _preferred(value) -> list:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return value if isinstance(value, list) else []


def upgrade():
    op.create_table('letter_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_letter_versions_campaign_id_campaigns'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_versions')),
    sa.UniqueConstraint('campaign_id', 'language', name=op.f('uq_letter_versions_campaign_id_language'))
    )
    with op.batch_alter_table('letter_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letter_versions_campaign_id'), ['campaign_id'], unique=False)

    op.create_table('letter_demand_wordings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('demand_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['demand_id'], ['demands.id'], name=op.f('fk_letter_demand_wordings_demand_id_demands'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['version_id'], ['letter_versions.id'],
                            name=op.f('fk_letter_demand_wordings_version_id_letter_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_demand_wordings')),
    sa.UniqueConstraint('version_id', 'demand_id', name=op.f('uq_letter_demand_wordings_version_id_demand_id'))
    )
    with op.batch_alter_table('letter_demand_wordings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letter_demand_wordings_demand_id'), ['demand_id'], unique=False)

    op.create_table('letter_greetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('salutation', sa.String(length=200), nullable=False),
    sa.Column('closing', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['target_id'], ['targets.id'], name=op.f('fk_letter_greetings_target_id_targets'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['version_id'], ['letter_versions.id'],
                            name=op.f('fk_letter_greetings_version_id_letter_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_greetings')),
    sa.UniqueConstraint('version_id', 'target_id', name=op.f('uq_letter_greetings_version_id_target_id'))
    )
    with op.batch_alter_table('letter_greetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letter_greetings_target_id'), ['target_id'], unique=False)

    connection = op.get_bind()
    connection.execute(sa.text(
        "INSERT INTO letter_versions (campaign_id, language, subject, body, updated_at)"
        " SELECT campaign_id, language, subject, body, updated_at FROM letter_templates"))
    connection.execute(sa.text(
        "INSERT INTO letter_demand_wordings (version_id, demand_id, text)"
        " SELECT v.id, d.id, d.text FROM letter_versions v JOIN demands d ON d.campaign_id = v.campaign_id"))
    versions = {(row.campaign_id, row.language): row.id for row in connection.execute(sa.text(
        "SELECT id, campaign_id, language FROM letter_versions"))}
    targets = connection.execute(sa.text(
        "SELECT t.id, t.campaign_id, t.salutation, t.language, c.preferred_languages"
        " FROM targets t JOIN campaigns c ON c.id = t.campaign_id WHERE t.salutation <> ''")).all()
    greetings = []
    for target in targets:
        language = target.language or (_preferred(target.preferred_languages) or ["en"])[0]
        version_id = versions.get((target.campaign_id, language))
        if version_id is not None:
            greetings.append({"version_id": version_id, "target_id": target.id, "salutation": target.salutation})
    if greetings:
        connection.execute(sa.text(
            "INSERT INTO letter_greetings (version_id, target_id, salutation, closing)"
            " VALUES (:version_id, :target_id, :salutation, '')"), greetings)

    with op.batch_alter_table('letter_templates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letter_templates_campaign_id'))
    op.drop_table('letter_templates')


def downgrade():
    op.create_table('letter_templates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_letter_templates_campaign_id_campaigns'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letter_templates')),
    sa.UniqueConstraint('campaign_id', 'language', name=op.f('uq_letter_templates_campaign_id_language'))
    )
    with op.batch_alter_table('letter_templates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letter_templates_campaign_id'), ['campaign_id'], unique=False)
    op.get_bind().execute(sa.text(
        "INSERT INTO letter_templates (campaign_id, language, subject, body, updated_at)"
        " SELECT campaign_id, language, subject, body, updated_at FROM letter_versions"))

    with op.batch_alter_table('letter_greetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letter_greetings_target_id'))
    op.drop_table('letter_greetings')
    with op.batch_alter_table('letter_demand_wordings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letter_demand_wordings_demand_id'))
    op.drop_table('letter_demand_wordings')
    with op.batch_alter_table('letter_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letter_versions_campaign_id'))
    op.drop_table('letter_versions')
