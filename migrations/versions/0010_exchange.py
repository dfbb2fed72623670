"""Exchange between members: experience and interest marks on posts, contacts per topic of
each organisation, and the history of both.

Revision ID: 5d1c7a9e3b42
Revises: 8a4e2f6c0b15
Create Date: 2026-12-09 09:00:00

"""
from alembic import op
import sqlalchemy as sa

import jobnet.sqltypes


# revision identifiers, used by Alembic.
revision = '5d1c7a9e3b42'
down_revision = '8a4e2f6c0b15'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('exchange_mark',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('contact_user_id', sa.Integer(), nullable=True),
    sa.Column('contact_name', sa.String(length=200), nullable=True),
    sa.Column('contact_email', sa.String(length=254), nullable=True),
    sa.Column('contact_phone', sa.String(length=50), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint("type IN ('experience', 'interest')", name=op.f('ck_exchange_mark_type')),
    sa.ForeignKeyConstraint(['contact_user_id'], ['user_account.id'], name=op.f('fk_exchange_mark_contact_user_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_exchange_mark_created_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_exchange_mark_organisation_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['post_id'], ['post.id'], name=op.f('fk_exchange_mark_post_id_post'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_mark')),
    sa.UniqueConstraint('post_id', 'organisation_id', 'type', name=op.f('uq_exchange_mark_post_id'))
    )
    with op.batch_alter_table('exchange_mark', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_mark_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_exchange_mark_post_id'), ['post_id'], unique=False)

    op.create_table('organisation_contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('function', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=50), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('updated_at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_organisation_contact_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation_contact'))
    )
    with op.batch_alter_table('organisation_contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_contact_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('exchange_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('organisation_name', sa.String(length=200), nullable=False),
    sa.Column('subject', sa.String(length=20), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('old', sa.JSON(), nullable=False),
    sa.Column('new', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_exchange_change_organisation_id_organisation'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['post_id'], ['post.id'], name=op.f('fk_exchange_change_post_id_post'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_exchange_change_user_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_change'))
    )
    with op.batch_alter_table('exchange_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_change_organisation_id'), ['organisation_id'], unique=False)


def downgrade():
    op.drop_table('exchange_change')
    op.drop_table('organisation_contact')
    op.drop_table('exchange_mark')
