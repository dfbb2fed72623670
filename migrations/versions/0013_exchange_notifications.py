"""Following and notifications of members: follows, notifications, mail frequency and the
outbox of notification mails.

Revision ID: 9c4d2e8b1f37
Revises: 7b3e9f1a2c64
Create Date: 2026-12-01 09:08:20.758407

"""
from alembic import op
import sqlalchemy as sa

import jobnet.sqltypes


# revision identifiers, used by Alembic.
revision = '9c4d2e8b1f37'
down_revision = '7b3e9f1a2c64'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('exchange_follow',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('target', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('muted', sa.Boolean(), nullable=False),
    sa.Column('created_at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_exchange_follow_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_follow')),
    sa.UniqueConstraint('user_id', 'target', 'key', name=op.f('uq_exchange_follow_user_id'))
    )
    with op.batch_alter_table('exchange_follow', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_follow_user_id'), ['user_id'], unique=False)

    op.create_table('member_notification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('link', sa.String(length=300), nullable=False),
    sa.Column('created_at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('read_at', jobnet.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('mail_key', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_member_notification_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member_notification'))
    )
    with op.batch_alter_table('member_notification', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_notification_mail_key'), ['mail_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_member_notification_user_id'), ['user_id'], unique=False)

    op.create_table('notification_mail',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('claimed_at', jobnet.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('claimed_by', sa.String(length=80), nullable=True),
    sa.Column('sent_at', jobnet.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('last_error', sa.String(length=300), nullable=True),
    sa.Column('created_at', jobnet.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_notification_mail_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification_mail')),
    sa.UniqueConstraint('user_id', 'key', name=op.f('uq_notification_mail_user_id'))
    )
    with op.batch_alter_table('notification_mail', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notification_mail_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_notification_mail_user_id'), ['user_id'], unique=False)

    op.create_table('notification_setting',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('frequency', sa.String(length=20), nullable=False),
    sa.Column('link_nonce', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_notification_setting_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_notification_setting'))
    )


def downgrade():
    op.drop_table('notification_setting')
    with op.batch_alter_table('notification_mail', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notification_mail_user_id'))
        batch_op.drop_index(batch_op.f('ix_notification_mail_status'))

    op.drop_table('notification_mail')
    with op.batch_alter_table('member_notification', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_member_notification_user_id'))
        batch_op.drop_index(batch_op.f('ix_member_notification_mail_key'))

    op.drop_table('member_notification')
    with op.batch_alter_table('exchange_follow', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_follow_user_id'))

    op.drop_table('exchange_follow')
