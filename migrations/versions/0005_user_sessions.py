"""Accounts: server-side sessions, login and reset counters per address and client.

The lock columns of user_account go: locks now belong to (address, client) pairs in
auth_throttle, counted alike for unknown addresses.

Revision ID: 6f2d8b4c1e07
Revises: 7a1d4c2e9b04
Create Date: 2026-12-01 04:00:00

"""
from alembic import op
import sqlalchemy as sa

import jobnet.sqltypes


# revision identifiers, used by Alembic.
revision = '6f2d8b4c1e07'
down_revision = '7a1d4c2e9b04'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('user_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('last_seen_at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('browser', sa.String(length=30), nullable=False),
    sa.Column('system', sa.String(length=30), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'],
                            name=op.f('fk_user_session_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_session')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_user_session_token_hash'))
    )
    with op.batch_alter_table('user_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_session_last_seen_at'), ['last_seen_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_user_session_user_id'), ['user_id'], unique=False)

    op.create_table('auth_throttle',
    sa.Column('scope', sa.String(length=20), nullable=False),
    sa.Column('subject', sa.String(length=64), nullable=False),
    sa.Column('client', sa.String(length=64), nullable=False),
    sa.Column('window_start', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('scope', 'subject', 'client', name=op.f('pk_auth_throttle'))
    )
    with op.batch_alter_table('auth_throttle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auth_throttle_window_start'), ['window_start'], unique=False)

    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('locked_until')
        batch_op.drop_column('failed_logins')


def downgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_logins', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('locked_until', jobnet.sqltypes.UTCDateTime(), nullable=True))

    with op.batch_alter_table('auth_throttle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auth_throttle_window_start'))

    op.drop_table('auth_throttle')
    with op.batch_alter_table('user_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_session_user_id'))
        batch_op.drop_index(batch_op.f('ix_user_session_last_seen_at'))

    op.drop_table('user_session')
