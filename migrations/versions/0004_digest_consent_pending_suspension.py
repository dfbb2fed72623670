"""Digest: what was consented to, pending subscriptions (no address in links), suspension.

Revision ID: 7a1d4c2e9b04
Revises: 56397c87477d
Create Date: 2026-12-01 01:20:00

"""
from alembic import op
import sqlalchemy as sa

import jobnet.sqltypes


# revision identifiers, used by Alembic.
revision = '7a1d4c2e9b04'
down_revision = '56397c87477d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('digest_pending_subscription',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('preferences', sa.JSON(), nullable=False),
    sa.Column('requested_at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('expires_at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_digest_pending_subscription')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_digest_pending_subscription_token_hash'))
    )
    with op.batch_alter_table('digest_pending_subscription', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_digest_pending_subscription_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_digest_pending_subscription_expires_at'), ['expires_at'], unique=False)

    with op.batch_alter_table('digest_subscription', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent_preferences', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('consent_wording', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('failed_periods', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('suspended_at', jobnet.sqltypes.UTCDateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('digest_subscription', schema=None) as batch_op:
        batch_op.drop_column('suspended_at')
        batch_op.drop_column('failed_periods')
        batch_op.drop_column('consent_wording')
        batch_op.drop_column('consent_preferences')

    with op.batch_alter_table('digest_pending_subscription', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_digest_pending_subscription_expires_at'))
        batch_op.drop_index(batch_op.f('ix_digest_pending_subscription_email'))

    op.drop_table('digest_pending_subscription')
