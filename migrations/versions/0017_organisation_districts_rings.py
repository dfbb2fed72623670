"""Organisations in several districts (organisation_district, today's single district carried
over as the primary one), comparison rings with members, moderators and their record of
changes, and a member's "my ring" digest choice.

Revision ID: 5a7c1e3d9b24
Revises: 4e7a1c9d2b58
Create Date: 2026-12-01 11:45:00.000000

"""
from alembic import op
import sqlalchemy as sa

import jobnet.sqltypes


# revision identifiers, used by Alembic.
revision = '5a7c1e3d9b24'
down_revision = '4e7a1c9d2b58'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('organisation_district',
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('district_ags', sa.String(length=5), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_organisation_district_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('organisation_id', 'district_ags', name=op.f('pk_organisation_district'))
    )
    with op.batch_alter_table('organisation_district', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_district_district_ags'), ['district_ags'], unique=False)
    # Today's one district becomes the primary (first) one.
    op.execute("INSERT INTO organisation_district (organisation_id, district_ags, position) "
               "SELECT id, district_ags, 0 FROM organisation WHERE district_ags IS NOT NULL")
    # No batch mode for the organisation table: on SQLite it would copy and drop the table, and
    # with foreign keys on, dropping it deletes the rows that refer to it (ON DELETE CASCADE).
    # SQLite (3.35+) and PostgreSQL both drop an unindexed column in place.
    op.drop_index(op.f('ix_organisation_district_ags'), table_name='organisation')
    op.execute("ALTER TABLE organisation DROP COLUMN district_ags")

    op.create_table('ring',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ring')),
    sa.UniqueConstraint('name', name=op.f('uq_ring_name'))
    )
    op.create_table('ring_member',
    sa.Column('ring_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_ring_member_organisation_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['ring_id'], ['ring.id'], name=op.f('fk_ring_member_ring_id_ring'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('ring_id', 'organisation_id', name=op.f('pk_ring_member'))
    )
    with op.batch_alter_table('ring_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ring_member_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('ring_moderator',
    sa.Column('ring_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['ring_id'], ['ring.id'], name=op.f('fk_ring_moderator_ring_id_ring'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_ring_moderator_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('ring_id', 'user_id', name=op.f('pk_ring_moderator'))
    )
    with op.batch_alter_table('ring_moderator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ring_moderator_user_id'), ['user_id'], unique=False)

    op.create_table('ring_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ring_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('created_at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['ring_id'], ['ring.id'], name=op.f('fk_ring_change_ring_id_ring'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_ring_change_user_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ring_change'))
    )
    with op.batch_alter_table('ring_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ring_change_ring_id'), ['ring_id'], unique=False)

    # A table of its own rather than a column: adding a foreign key to digest_subscription
    # would rebuild it on SQLite and cascade-delete its deliveries.
    op.create_table('digest_subscription_ring',
    sa.Column('subscription_id', sa.Integer(), nullable=False),
    sa.Column('ring_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['ring_id'], ['ring.id'], name=op.f('fk_digest_subscription_ring_ring_id_ring'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subscription_id'], ['digest_subscription.id'], name=op.f('fk_digest_subscription_ring_subscription_id_digest_subscription'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('subscription_id', name=op.f('pk_digest_subscription_ring'))
    )
    with op.batch_alter_table('digest_subscription_ring', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_digest_subscription_ring_ring_id'), ['ring_id'], unique=False)


def downgrade():
    with op.batch_alter_table('digest_subscription_ring', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_digest_subscription_ring_ring_id'))
    op.drop_table('digest_subscription_ring')
    # A ring digest falls back to the whole region: the nearest choice that still exists.
    op.execute("UPDATE digest_subscription SET district_mode = 'all' WHERE district_mode = 'ring'")

    with op.batch_alter_table('ring_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ring_change_ring_id'))
    op.drop_table('ring_change')
    with op.batch_alter_table('ring_moderator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ring_moderator_user_id'))
    op.drop_table('ring_moderator')
    with op.batch_alter_table('ring_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ring_member_organisation_id'))
    op.drop_table('ring_member')
    op.drop_table('ring')

    # In place, not in batch mode (see upgrade).
    op.add_column('organisation', sa.Column('district_ags', sa.String(length=5), nullable=True))
    op.create_index(op.f('ix_organisation_district_ags'), 'organisation', ['district_ags'], unique=False)
    # Only the primary district fits the old single column.
    op.execute("UPDATE organisation SET district_ags = (SELECT d.district_ags FROM "
               "organisation_district d WHERE d.organisation_id = organisation.id "
               "AND d.position = 0)")
    with op.batch_alter_table('organisation_district', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisation_district_district_ags'))
    op.drop_table('organisation_district')
